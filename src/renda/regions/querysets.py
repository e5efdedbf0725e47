from django.db.models import Q

from renda.core.querysets import CHANGE, RestrictedQuerySet, prefix_q


class RegionQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        # The division tree is public reference data; only its own staff may change a region.
        if action == CHANGE:
            return prefix_q("code", scope.region_prefixes)
        return Q()

    def subtree(self, region):
        """`region` and everything under it: a prefix match, no recursion."""
        return self.filter(code__startswith=region.prefix)

    def ancestors_of(self, region):
        codes = [region.code[:n].ljust(12, "0") for n in (2, 4, 6, 9) if n < len(region.prefix)]
        return self.filter(code__in=codes).order_by("level")

    def towns(self):
        from renda.regions.choices import RegionLevel

        return self.filter(level=RegionLevel.TOWN)


class HandlingUnitQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        q = prefix_q("region__code", scope.region_prefixes)
        if action != CHANGE:
            q |= Q(pk__in=scope.unit_ids)
        return q

    def active(self):
        return self.filter(active=True)

from django.db.models import Q

from renda.core.querysets import CHANGE, RestrictedQuerySet, prefix_q


class StationQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        q = prefix_q("region__code", scope.region_prefixes)
        if action != CHANGE:
            from renda.stations.models import StationAssignment

            q |= Q(pk__in=scope.station_ids)
            q |= Q(
                pk__in=StationAssignment.objects.filter(
                    mandate__person_id__in=scope.person_ids
                ).values("station_id")
            )
        return q

    def active(self):
        return self.filter(active=True)

    def in_region(self, region):
        return self.filter(region__code__startswith=region.prefix)


class StationAssignmentQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        q = prefix_q("station__region__code", scope.region_prefixes)
        if action != CHANGE:
            q |= Q(station_id__in=scope.station_ids) | Q(mandate__person_id__in=scope.person_ids)
        return q

    def current(self, day=None):
        from django.utils import timezone

        day = day or timezone.localdate()
        return self.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gt=day))

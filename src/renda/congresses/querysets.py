import datetime

from django.db.models import Q

from renda.core.querysets import RestrictedQuerySet, prefix_q


class CongressQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        return prefix_q("region__code", scope.region_prefixes)


class TermQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        return prefix_q("congress__region__code", scope.region_prefixes)

    def current(self, day: datetime.date | None = None):
        """Terms running on `day` (today by default)."""
        from django.utils import timezone

        day = day or timezone.localdate()
        return self.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))


class SessionQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        return prefix_q("term__congress__region__code", scope.region_prefixes)

from renda.commendations.choices import CommendationStatus
from renda.core.querysets import RestrictedQuerySet, prefix_q


class CommendationQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        return prefix_q("congress__region__code", scope.region_prefixes)

    def public(self):
        return self.filter(status=CommendationStatus.PUBLISHED)

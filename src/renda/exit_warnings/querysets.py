from renda.core.querysets import RestrictedQuerySet, prefix_q


class ExitRuleQuerySet(RestrictedQuerySet):
    """Exit rules: kept by the staff of the congress's region."""

    def scope_q(self, scope, action):
        return prefix_q("congress__region__code", scope.region_prefixes)


class WarningQuerySet(RestrictedQuerySet):
    """Exit warnings are for the staff who keep the seat only."""

    def scope_q(self, scope, action):
        return prefix_q("congress__region__code", scope.region_prefixes)

from django.db.models import Q

from renda.assessment.choices import EvaluationStatus
from renda.core.querysets import CHANGE, RestrictedQuerySet, prefix_q


class CongressScopedQuerySet(RestrictedQuerySet):
    """Tables, adjustments, evaluations, exit rules: kept by the staff of the congress's region."""

    def scope_q(self, scope, action):
        return prefix_q("congress__region__code", scope.region_prefixes)


class ResultQuerySet(RestrictedQuerySet):
    """Staff see their congresses' results; a deputy their own, once the evaluation is final."""

    def scope_q(self, scope, action):
        q = prefix_q("evaluation__congress__region__code", scope.region_prefixes)
        if action != CHANGE:
            q |= Q(person_id__in=scope.person_ids, evaluation__status=EvaluationStatus.FINAL)
        return q

    def final(self):
        return self.filter(evaluation__status=EvaluationStatus.FINAL)

"""Writes for exit warnings: the congress's rules, raising the warnings when an evaluation is
made final (`assessment.signals.evaluation_finalized`), and the steps staff take on them."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.activities.choices import Compliance
from renda.assessment.choices import EvaluationStatus
from renda.assessment.models import Evaluation, EvaluationResult, ScoreAdjustment
from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction
from renda.core.workflow import NOTE_REQUIRED
from renda.exit_warnings.choices import ExitRuleKind
from renda.exit_warnings.models import ExitRule, ExitWarning
from renda.exit_warnings.workflow import EXIT_WARNING

REASON_REQUIRED = NOTE_REQUIRED


def exit_rule_set(*, actor, congress, kind: str, years: int = 2, active: bool = True) -> ExitRule:
    base.ensure_in_scope(actor, congress)
    with transaction.atomic():
        rule = ExitRule.objects.select_for_update().filter(congress=congress, kind=kind).first()
        if rule is None:
            return base.create(
                actor=actor, obj=ExitRule(congress=congress, kind=kind, years=years, active=active)
            )
        return base.update(
            actor=actor,
            obj=rule,
            data={"years": years, "active": active},
            fields=["years", "active"],
        )


BELOW_FOR_YEARS = _("Below the minimums %(years)s years running (%(list)s)")
DISCIPLINE_REASON = _("Discipline deduction: %(reasons)s")
GRADE_REASON = _("Graded %(grade)s")


def raise_exit_warnings(evaluation: Evaluation, **signal) -> list[ExitWarning]:
    """Flag the deputies the congress's active rules point at, for this year (once each)."""
    rules = {
        r.kind: r for r in ExitRule.objects.filter(congress_id=evaluation.congress_id, active=True)
    }
    if not rules:
        return []
    year = evaluation.year
    results = list(evaluation.results.values_list("mandate_id", "compliance", "grade"))
    warnings = []
    rule = rules.get(ExitRuleKind.BELOW_MINIMUM)
    if rule:
        years = list(range(year - rule.years + 1, year))
        history = set(
            EvaluationResult.objects.filter(
                evaluation__congress_id=evaluation.congress_id,
                evaluation__year__in=years,
                evaluation__status=EvaluationStatus.FINAL,
                compliance=Compliance.NOT_MET,
            ).values_list("mandate_id", "evaluation__year")
        )
        listed = "、".join(str(y) for y in [*years, year])
        for mandate_id, compliance, _grade in results:
            if compliance == Compliance.NOT_MET and all((mandate_id, y) in history for y in years):
                warnings.append(
                    (
                        mandate_id,
                        ExitRuleKind.BELOW_MINIMUM,
                        BELOW_FOR_YEARS % {"years": rule.years, "list": listed},
                    )
                )
    if ExitRuleKind.DISCIPLINE in rules:
        reasons = {}
        for mandate_id, reason in ScoreAdjustment.objects.filter(
            congress_id=evaluation.congress_id, year=year, discipline=True, points__lt=0
        ).values_list("mandate_id", "reason"):
            reasons.setdefault(mandate_id, []).append(reason)
        for mandate_id, texts in reasons.items():
            warnings.append(
                (
                    mandate_id,
                    ExitRuleKind.DISCIPLINE,
                    DISCIPLINE_REASON % {"reasons": "；".join(texts)},
                )
            )
    if ExitRuleKind.GRADE in rules:
        lowest = (
            evaluation.table.bands.order_by("min_score").values_list("label", flat=True).first()
        )
        for mandate_id, _compliance, grade in results:
            if grade == lowest:
                warnings.append((mandate_id, ExitRuleKind.GRADE, GRADE_REASON % {"grade": grade}))
    rows = [
        ExitWarning(
            congress_id=evaluation.congress_id,
            mandate_id=mandate_id,
            year=year,
            kind=kind,
            reason=str(reason)[:300],
        )
        for mandate_id, kind, reason in warnings
    ]
    ExitWarning.objects.bulk_create(rows, ignore_conflicts=True)
    created = list(ExitWarning.objects.filter(congress_id=evaluation.congress_id, year=year))
    audit.record_many(actor="system", action=AuditAction.CREATE, objs=created, note=str(evaluation))
    return created


# --- The steps of a warning, each a thin call of the workflow's one service body --------------


def warning_talk(*, actor, warning: ExitWarning, note: str) -> ExitWarning:
    return EXIT_WARNING.transition(actor=actor, obj=warning, name="talk", note=note)


def warning_resolve(*, actor, warning: ExitWarning, note: str) -> ExitWarning:
    return EXIT_WARNING.transition(actor=actor, obj=warning, name="resolve", note=note)


def warning_dismiss(*, actor, warning: ExitWarning, note: str) -> ExitWarning:
    return EXIT_WARNING.transition(actor=actor, obj=warning, name="dismiss", note=note)


def warning_reopen(*, actor, warning: ExitWarning, note: str) -> ExitWarning:
    return EXIT_WARNING.transition(actor=actor, obj=warning, name="reopen", note=note)


# The status each step leads to, for the deprecated "record a status" page and endpoint.
STEP_TO = {"talked": "talk", "resolved": "resolve", "dismissed": "dismiss", "open": "reopen"}


def warning_update(*, actor, warning: ExitWarning, status: str, note: str = "") -> ExitWarning:
    """Deprecated: record the status a step leads to (talked, resolved, dismissed, open); it
    takes that step. Use the steps (`warning_talk` …)."""
    return EXIT_WARNING.transition(actor=actor, obj=warning, name=STEP_TO[status], note=note)

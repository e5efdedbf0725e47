"""Writes for commendations: nominating a deputy or a group by hand, or every deputy of a final
evaluation with a grade; the steps of the workflow (`workflow.py`)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.assessment.models import Evaluation, EvaluationResult
from renda.commendations.choices import CommendationStatus
from renda.commendations.models import Commendation
from renda.commendations.workflow import COMMENDATION
from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction
from renda.core.exceptions import InvalidTransition, ValidationFailed
from renda.core.workflow import NOTE_REQUIRED, user_of

SEAT_OF_ANOTHER_CONGRESS = _("That deputy holds no seat in this congress.")
GROUP_OF_ANOTHER_CONGRESS = _("That group does not belong to this congress.")
TITLE_REQUIRED = _("Give the title, e.g. 2019年度履职优秀代表.")
NOT_FROM_A_FINAL = _("Nominate from a final evaluation.")
REASON_REQUIRED = NOTE_REQUIRED
COMMENDATION_NOT_NOW = COMMENDATION.not_now


def commendation_nominate(
    *,
    actor,
    congress,
    kind: str,
    year: int,
    title: str,
    mandate=None,
    group=None,
    citation: str = "",
    result: EvaluationResult | None = None,
) -> Commendation:
    """Nominate a deputy or a deputy group for yearly praise or end-of-term commendation."""
    base.ensure_in_scope(actor, congress)
    if mandate is not None and mandate.congress_id != congress.pk:
        raise ValidationFailed(SEAT_OF_ANOTHER_CONGRESS)
    if group is not None and group.congress_id not in (None, congress.pk):
        raise ValidationFailed(GROUP_OF_ANOTHER_CONGRESS)
    with transaction.atomic():
        return base.create(
            actor=actor,
            obj=Commendation(
                congress=congress,
                kind=kind,
                year=year,
                mandate=mandate,
                group=group,
                title=(title or "").strip(),
                citation=(citation or "").strip(),
                result=result,
                nominated_by=user_of(actor),
            ),
        )


def commendations_nominate_from_results(
    *, actor, evaluation: Evaluation, grade: str, title: str, kind: str = "praise"
) -> list[Commendation]:
    """Nominate every deputy of a final evaluation with `grade` (优秀) who is not already
    nominated for that year."""
    base.ensure_in_scope(actor, evaluation)
    if not evaluation.is_final:
        raise InvalidTransition(NOT_FROM_A_FINAL)
    title = (title or "").strip()
    if not title:
        raise ValidationFailed.on("title", TITLE_REQUIRED)
    taken = set(
        Commendation.objects.filter(
            congress_id=evaluation.congress_id, kind=kind, year=evaluation.year
        )
        .exclude(status=CommendationStatus.REJECTED)
        .values_list("mandate_id", flat=True)
    )
    results = evaluation.results.filter(grade=grade).exclude(mandate_id__in=taken)
    with transaction.atomic():
        rows = [
            Commendation(
                congress_id=evaluation.congress_id,
                kind=kind,
                year=evaluation.year,
                mandate_id=r.mandate_id,
                title=title,
                result=r,
                nominated_by=user_of(actor),
            )
            for r in results
        ]
        Commendation.objects.bulk_create(rows)
        audit.record_many(actor=actor, action=AuditAction.CREATE, objs=rows)
    return rows


# The steps, each a thin call of the workflow's one service body.


def commendation_approve(*, actor, commendation: Commendation, note: str = "") -> Commendation:
    return COMMENDATION.transition(actor=actor, obj=commendation, name="approve", note=note)


def commendation_reject(*, actor, commendation: Commendation, note: str) -> Commendation:
    return COMMENDATION.transition(actor=actor, obj=commendation, name="reject", note=note)


def commendation_publish(*, actor, commendation: Commendation, note: str = "") -> Commendation:
    return COMMENDATION.transition(actor=actor, obj=commendation, name="publish", note=note)


def commendation_unpublish(*, actor, commendation: Commendation, note: str = "") -> Commendation:
    return COMMENDATION.transition(actor=actor, obj=commendation, name="unpublish", note=note)


def commendation_step(*, actor, commendation: Commendation, action: str, note: str = ""):
    """approve, reject (with a reason), publish on the portal, or take down, by name."""
    return COMMENDATION.transition(actor=actor, obj=commendation, name=action, note=note)

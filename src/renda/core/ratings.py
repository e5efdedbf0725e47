"""Satisfaction ratings (满意 / 基本满意 / 不满意) of anything handled.

The deputy's two evaluations of a suggestion (of the reply, then of the fulfilment), a
constituent's rating of a case, the electors' rating of a report-back, the evaluation of a
livelihood project: each is a `Rating` of the object at a `stage` the module names. A module
records one with `rating_record` and reads `Rating.objects.latest_for(obj, stage)`; after
re-handling that followed 不满意, the new rating is the latest and the old one stays.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from renda.core import services as base
from renda.core.choices import RatingValue
from renda.core.exceptions import ValidationFailed
from renda.core.models import Rating

# The stages the modules rate at, in words ("reply": 答复), named by each module in its
# `AppConfig.ready()` with `name_stage`; a history and a rating's name say them so.
STAGES: dict[str, object] = {}


def name_stage(stage: str, words) -> None:
    STAGES[stage] = words


def stage_words(stage: str) -> str:
    return str(STAGES.get(stage, stage))


UNKNOWN_VALUE = _("Choose satisfied, basically satisfied or dissatisfied.")
SAY_WHAT_IS_UNSATISFACTORY = _("Say what is unsatisfactory.")
NO_RATER = _("Say who gave the rating.")


def rating_record(
    *,
    actor,
    obj: models.Model,
    stage: str,
    value: str,
    comment: str = "",
    rater_label: str = "",
) -> Rating:
    """Record a rating of `obj` at `stage`. The actor rates in their own name, unless
    `rater_label` names someone without an account for whom the actor records it (a
    constituent on the phone); the audit row keeps who entered it either way."""
    if value not in RatingValue.values:
        raise ValidationFailed.on("value", UNKNOWN_VALUE)
    comment = (comment or "").strip()
    rater_label = (rater_label or "").strip()
    if value == RatingValue.DISSATISFIED and not comment:
        raise ValidationFailed.on("comment", SAY_WHAT_IS_UNSATISFACTORY)
    rated_by = None if rater_label or base.is_system(actor) else actor
    if rated_by is None and not rater_label:
        raise ValidationFailed.on("rater_label", NO_RATER)
    rating = Rating(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        stage=stage,
        value=value,
        comment=comment,
        rated_by=rated_by,
        rater_label=rater_label,
    )
    with transaction.atomic():
        base.create(actor=actor, obj=rating)
    return rating

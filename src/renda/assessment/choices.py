from django.db import models
from django.utils.translation import gettext_lazy as _


class TableStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


class ItemKind(models.TextChoices):
    COUNT = "count", _("Points per unit")
    THRESHOLD = "threshold", _("Points on reaching a number")
    COMMITMENT = "commitment", _("Points per commitment")
    MANUAL = "manual", _("Bonus or deduction entered by staff")


class Measure(models.TextChoices):
    """What an item counts."""

    ACTIVITIES = "activities", _("verified activities")
    PERSON_TIMES = "person_times", _("person-times")
    COMMITMENTS_APPROVED = "commitments_approved", _("commitments shown")
    COMMITMENTS_FULFILLED = "commitments_fulfilled", _("commitments fulfilled")
    COMMITMENTS_UNFULFILLED = "commitments_unfulfilled", _("commitments not fulfilled")


ACTIVITY_MEASURES = (Measure.ACTIVITIES, Measure.PERSON_TIMES)
COMMITMENT_MEASURES = (
    Measure.COMMITMENTS_APPROVED,
    Measure.COMMITMENTS_FULFILLED,
    Measure.COMMITMENTS_UNFULFILLED,
)


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Not final")
    FINAL = "final", _("Final")

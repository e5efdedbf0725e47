from django.db import models
from django.utils.translation import gettext_lazy as _


class RequirementCategory(models.TextChoices):
    """The six headings of Chongqing's "341 311"; every activity type is filed under one."""

    SPEECH = "speech", _("deliberation speech")
    CLOSED_SESSION = "closed_session", _("closed-session activity")
    MOTION = "motion", _("motion or suggestion")
    TRAINING = "training", _("training")
    GOOD_DEED = "good_deed", _("good deed for the electors")
    REPORT_BACK = "report_back", _("report-back to the electoral unit")


class Period(models.TextChoices):
    YEAR = "year", _("per year")
    TERM = "term", _("per term")


class ActivityStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExcuseReason(models.TextChoices):
    ILLNESS = "illness", _("Illness")
    LEAVE = "leave", _("Approved leave")
    OTHER = "other", _("Other")


class Compliance(models.TextChoices):
    """A deputy against one minimum, or against all of them."""

    MET = "met", _("Met")
    IN_PROGRESS = "in_progress", _("In progress")  # a term minimum before the term's last year
    EXCUSED = "excused", _("Not met, excused")
    NOT_MET = "not_met", _("Not met")

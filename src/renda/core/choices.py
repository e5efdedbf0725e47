from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core import evidence


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    STATUS = "status", _("Status changed")
    IMPORT = "import", _("Imported")


class Role(models.TextChoices):
    """What a user may be granted; each role is bound to what it reaches (see `core.scope`)."""

    ADMIN = "admin", _("System administrator")
    STAFF = "staff", _("Congress staff")
    LIAISON = "liaison", _("Station liaison")
    DEPUTY = "deputy", _("Deputy")
    UNIT = "unit", _("Handling unit")


# --- Shared handling machinery ------------------------------------------------------------------


class DeadlineUnit(models.TextChoices):
    """What a deadline's `days` count."""

    NATURAL_DAYS = "natural", _("Natural days")
    WORKING_DAYS = "working", _("Working days")


class DeadlineStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    # The obligation was met or withdrawn: the clock is kept as history, never restarted.
    STOPPED = "stopped", _("Stopped")


class AttachmentKind(models.TextChoices):
    # The values core.evidence.prepare gives each file, so a prepared file is stored as it is.
    PHOTO = evidence.PHOTO, _("Photo")
    DOCUMENT = evidence.DOCUMENT, _("Document")


class RatingValue(models.TextChoices):
    """The three grades of satisfaction used for suggestions, cases, report-backs and votes."""

    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY_SATISFIED = "basically_satisfied", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")

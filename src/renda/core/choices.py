from django.db import models
from django.utils.translation import gettext_lazy as _


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

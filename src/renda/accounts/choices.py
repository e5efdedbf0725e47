from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    STAFF = "staff", _("Congress staff")
    LIAISON = "liaison", _("Station liaison")
    DEPUTY = "deputy", _("Deputy")
    UNIT = "unit", _("Handling unit")

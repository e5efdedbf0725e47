from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    """The five levels of the statistical division code, and how many digits each keeps."""

    PROVINCE = 1, _("Province / municipality")
    PREFECTURE = 2, _("Prefecture-level city")
    COUNTY = 3, _("District / county")
    TOWN = 4, _("Town / street")
    VILLAGE = 5, _("Village / community")


# Significant digits of a 12-digit code at each level: 50|01|53|001|001.
PREFIX_LENGTH = {1: 2, 2: 4, 3: 6, 4: 9, 5: 12}

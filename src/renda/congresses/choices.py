from django.db import models
from django.utils.translation import gettext_lazy as _


class CongressLevel(models.IntegerChoices):
    """Levels of people's congresses, highest first; the value orders them."""

    NATIONAL = 1, _("National")
    PROVINCIAL = 2, _("Provincial / municipal")
    CITY = 3, _("City")
    COUNTY = 4, _("District / county")
    TOWN = 5, _("Town")

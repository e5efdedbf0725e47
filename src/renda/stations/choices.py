from django.db import models
from django.utils.translation import gettext_lazy as _


class StationKind(models.TextChoices):
    DEPUTY_HOME = "home", _("Deputy home")
    WORK_STATION = "work_station", _("Deputy work station")
    LIAISON_STATION = "liaison_station", _("Deputy liaison station")
    ACTIVITY_ROOM = "activity_room", _("Deputy activity room")
    CONTACT_POINT = "contact_point", _("Public opinion contact point")


class AssignmentRole(models.TextChoices):
    HEAD = "head", _("Station head")
    MEMBER = "member", _("Member")


class ReceptionFrequency(models.TextChoices):
    MONTHLY = "MONTHLY", _("Monthly")
    WEEKLY = "WEEKLY", _("Weekly")


class Weekday(models.TextChoices):
    MO = "MO", _("Monday")
    TU = "TU", _("Tuesday")
    WE = "WE", _("Wednesday")
    TH = "TH", _("Thursday")
    FR = "FR", _("Friday")
    SA = "SA", _("Saturday")
    SU = "SU", _("Sunday")

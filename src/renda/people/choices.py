from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Party(models.TextChoices):
    """Political affiliation as the deputy roster (代表名册) records it."""

    CPC = "cpc", _("CPC member")
    CPC_PROBATIONARY = "cpc_probationary", _("CPC probationary member")
    CYL = "cyl", _("Communist Youth League member")
    RCCK = "rcck", _("Revolutionary Committee of the Kuomintang")
    CDL = "cdl", _("China Democratic League")
    CNDCA = "cndca", _("China National Democratic Construction Association")
    CAPD = "capd", _("China Association for Promoting Democracy")
    CPWDP = "cpwdp", _("Chinese Peasants' and Workers' Democratic Party")
    ZGZGD = "zgd", _("China Zhi Gong Party")
    JS = "js", _("Jiusan Society")
    TDSGL = "tdsgl", _("Taiwan Democratic Self-Government League")
    NONE = "none", _("Non-partisan")
    MASSES = "masses", _("Masses")


class Education(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior high school")
    SENIOR = "senior", _("Senior high school / technical school")
    COLLEGE = "college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTOR = "doctor", _("Doctorate")


class MandateEndReason(models.TextChoices):
    EXPIRY = "expiry", _("Term expired")
    RESIGNATION = "resignation", _("Resigned")
    RECALL = "recall", _("Recalled")
    TERMINATION = "termination", _("Terminated")
    DEATH = "death", _("Died")


class GroupKind(models.TextChoices):
    DEPUTY_GROUP = "group", _("Deputy group")
    LIAISON_GROUP = "liaison", _("Liaison group")
    SPECIALIST_GROUP = "specialist", _("Specialist group")
    # 代表团: the deputies a lower region elected to a municipal (or higher) congress; it may
    # submit motions as a body (docs/suggestions.md).
    DELEGATION = "delegation", _("Delegation")


class GroupRole(models.TextChoices):
    LEADER = "leader", _("Group leader")
    DEPUTY_LEADER = "deputy_leader", _("Vice group leader")
    MEMBER = "member", _("Member")

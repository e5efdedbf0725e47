from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ExitRuleKind(models.TextChoices):
    BELOW_MINIMUM = "below_minimum", _("Below the minimums in consecutive years")
    DISCIPLINE = "discipline", _("A discipline deduction")
    GRADE = "grade", _("Graded unqualified")


class WarningStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("exit warning", "Open")
    TALKED = "talked", _("Talked with the deputy")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")

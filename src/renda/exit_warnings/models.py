from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.exit_warnings.choices import ExitRuleKind, WarningStatus
from renda.exit_warnings.querysets import ExitRuleQuerySet, WarningQuerySet


class ExitRule(models.Model):
    """When a deputy is flagged for staff (退出预警): below the minimums N years running, a
    discipline deduction, an unqualified grade."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.CASCADE,
        related_name="exit_rules",
    )
    kind = models.CharField(_("rule"), max_length=20, choices=ExitRuleKind.choices)
    years = models.PositiveSmallIntegerField(
        _("years running"), default=2, help_text=_("For the minimums: how many years in a row.")
    )
    active = models.BooleanField(_("active"), default=True)

    objects = ExitRuleQuerySet.as_manager()

    class Meta:
        db_table = "assessment_exitrule"  # moved from assessment; the table stays
        verbose_name = _("exit rule")
        verbose_name_plural = _("exit rules")
        ordering = ["congress", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "kind"],
                name="exit_rule_unique",
                violation_error_message=_("This congress already has that rule."),
            ),
            models.CheckConstraint(
                condition=Q(years__gte=1),
                name="exit_rule_years_positive",
                violation_error_message=_("At least one year."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class ExitWarning(models.Model):
    """A deputy flagged by an exit rule in a year, and what staff did about it."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    mandate = models.ForeignKey(
        "people.Mandate",
        verbose_name=_("seat"),
        on_delete=models.PROTECT,
        related_name="exit_warnings",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("rule"), max_length=20, choices=ExitRuleKind.choices)
    reason = models.CharField(_("why"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=WarningStatus.choices, default=WarningStatus.OPEN
    )
    status_note = models.CharField(_("what was done"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("raised"), auto_now_add=True)

    objects = WarningQuerySet.as_manager()

    class Meta:
        db_table = "assessment_exitwarning"  # moved from assessment; the table stays
        verbose_name = _("exit warning")
        verbose_name_plural = _("exit warnings")
        ordering = ["-year", "status", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "year", "kind"],
                name="exit_warning_once",
                violation_error_message=_("This warning was already raised."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mandate} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("recognition:warning_detail", args=[self.pk])

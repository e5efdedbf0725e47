from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.choices import AuditAction


class AuditEntry(models.Model):
    """One change of domain data: who, when, what object, which fields went from what to what."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too, so the row still names its author after the account is gone, and
    # commands and imports (no user) can say what they were.
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


# --- Shared handling machinery ------------------------------------------------------------------


class WorkdayOverride(models.Model):
    """A day staff declared a working day or a day off, over what the official calendar says."""

    day = models.DateField(_("date"))
    is_workday = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=200)

    class Meta:
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day"],
                name="workday_override_one_per_day",
                violation_error_message=_("That day already has an override."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.kind_label}"

    @property
    def kind_label(self) -> str:
        return str(_("Working day") if self.is_workday else _("Day off"))

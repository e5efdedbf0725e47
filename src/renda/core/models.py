import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from renda.core import evidence
from renda.core.choices import (
    AttachmentKind,
    AuditAction,
    DeadlineStatus,
    DeadlineUnit,
    RatingValue,
)
from renda.core.querysets import AttachmentQuerySet, DeadlineQuerySet, RatingQuerySet


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
    # The workflow step a status change took ("approve"), named in the history by its label.
    step = models.CharField(_("step"), max_length=30, blank=True, default="", db_default="")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


# --- Shared handling machinery ------------------------------------------------------------------
# Deadlines, attachments and ratings hang on any object through a generic foreign key whose
# object id is text, as the audit log's: the modules that use them key their rows by integers
# today, and nothing here should have to change if one keys by a code or a UUID tomorrow.

# "suggestions.answer", "casework.reply": the owning app, a dot, what the clock or rating is for.
purpose_validator = RegexValidator(
    r"^[a-z0-9_]+(\.[a-z0-9_]+)*$",
    _("Use lower-case letters, digits and underscores, parts joined by dots."),
)


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


class Deadline(models.Model):
    """A clock that says by when something owed on an object must be done (答复期限, 办理时限)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    purpose = models.CharField(_("purpose"), max_length=50, validators=[purpose_validator])
    start = models.DateField(_("start"))
    days = models.PositiveIntegerField(_("time limit"))
    unit = models.CharField(_("unit"), max_length=10, choices=DeadlineUnit.choices)
    due = models.DateField(_("due"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.RUNNING
    )
    paused_on = models.DateField(_("paused on"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="deadline_object")]
        constraints = [
            # A stopped clock stays as history; handling again after 不满意 starts a new one.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "purpose"],
                condition=~Q(status=DeadlineStatus.STOPPED),
                name="deadline_one_live_per_purpose",
                violation_error_message=_(
                    "This already has a running deadline for that purpose; stop it before "
                    "starting another."
                ),
            ),
            models.CheckConstraint(
                condition=Q(days__gte=1),
                name="deadline_days_positive",
                violation_error_message=_("A time limit is at least one day."),
            ),
            models.CheckConstraint(
                condition=Q(due__gt=F("start")),
                name="deadline_due_after_start",
                violation_error_message=_("The due date must come after the start."),
            ),
            models.CheckConstraint(
                condition=Q(status=DeadlineStatus.PAUSED, paused_on__isnull=False)
                | (~Q(status=DeadlineStatus.PAUSED) & Q(paused_on__isnull=True)),
                name="deadline_paused_has_day",
                violation_error_message=_("A paused deadline keeps the day it was paused."),
            ),
            models.CheckConstraint(
                condition=Q(status=DeadlineStatus.STOPPED, stopped_at__isnull=False)
                | (~Q(status=DeadlineStatus.STOPPED) & Q(stopped_at__isnull=True)),
                name="deadline_stopped_has_time",
                violation_error_message=_("A stopped deadline keeps the time it was stopped."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} · {self.due:%Y-%m-%d}"

    @property
    def in_working_days(self) -> bool:
        return self.unit == DeadlineUnit.WORKING_DAYS

    def days_left(self, today: datetime.date) -> int:
        """Natural days from `today` to the due date, negative once overdue. A paused clock
        does not run: it answers what was left when it was paused; a stopped one, what was left
        when it stopped (negative: met late)."""
        if self.status == DeadlineStatus.PAUSED:
            today = self.paused_on
        elif self.status == DeadlineStatus.STOPPED:
            today = timezone.localdate(self.stopped_at)
        return (self.due - today).days

    def in_words(self, today: datetime.date, calendar=None) -> str:
        """ "还有3个工作日", "还有5天", "今天到期", "已超期2天", "已暂停", "已办结". Pass a
        `workdays.calendar(...)` loaded once to word a list of working-day clocks."""
        from renda.core import workdays

        if self.status == DeadlineStatus.STOPPED:
            return gettext("Closed")
        if self.status == DeadlineStatus.PAUSED:
            return gettext("Paused")
        left = self.days_left(today)
        if left == 0:
            return gettext("Due today")
        if left < 0:
            return ngettext("Overdue by %(count)s day", "Overdue by %(count)s days", -left) % {
                "count": -left
            }
        if self.in_working_days:
            cal = calendar or workdays.calendar(today, self.due)
            working = cal.workdays_between(today, self.due)
            # Zero only when an override made the due date itself a day off: say it in days.
            if working > 0:
                return ngettext(
                    "Due in %(count)s working day", "Due in %(count)s working days", working
                ) % {"count": working}
        return ngettext("Due in %(count)s day", "Due in %(count)s days", left) % {"count": left}


class DeadlineExtension(models.Model):
    """An approved extension of a deadline (延期): by how much, why, who approved it."""

    deadline = models.ForeignKey(
        Deadline, verbose_name=_("deadline"), on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveIntegerField(_("extended by"))
    reason = models.TextField(_("reason"))
    previous_due = models.DateField(_("previous due date"))
    new_due = models.DateField(_("new due date"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["deadline", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gte=1),
                name="deadline_extension_days_positive",
                violation_error_message=_("An extension is at least one day."),
            ),
            models.CheckConstraint(
                condition=Q(new_due__gt=F("previous_due")),
                name="deadline_extension_moves_later",
                violation_error_message=_("An extension moves the due date later."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deadline} +{self.days}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    """attachments/<app>/<model>/<yyyy>/<mm>/<random name><suffix>: the original name is kept in
    the row, never in the path, so no user-chosen name reaches the file system."""
    ct = instance.content_type
    when = timezone.localtime(instance.created_at)
    name = uuid.uuid4().hex + evidence.suffix(filename)
    return f"attachments/{ct.app_label}/{ct.model}/{when:%Y}/{when:%m}/{name}"


class Attachment(models.Model):
    """A photo (re-encoded, without metadata) or a document attached to any record."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Not auto_now_add: the rows copied from the apps' own attachment tables keep their time.
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        # In upload order, which the copies from the old tables preserved.
        ordering = ["pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_object")]

    def __str__(self) -> str:
        return self.original_name


class Rating(models.Model):
    """A satisfaction rating (满意 / 基本满意 / 不满意) of something done, at one stage."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    stage = models.CharField(_("stage"), max_length=30, validators=[purpose_validator])
    value = models.CharField(_("rating"), max_length=20, choices=RatingValue.choices)
    comment = models.TextField(_("comment"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A constituent rating through staff or a public page has no account: their name stands in.
    rater_label = models.CharField(_("rater"), max_length=100, blank=True)
    rated_at = models.DateTimeField(_("rated"), default=timezone.now)

    objects = RatingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-rated_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "stage"], name="rating_object")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__in=RatingValue.values),
                name="rating_value_known",
                violation_error_message=_("Choose satisfied, basically satisfied or dissatisfied."),
            ),
            models.CheckConstraint(
                condition=~Q(value=RatingValue.DISSATISFIED) | ~Q(comment=""),
                name="rating_dissatisfied_says_why",
                violation_error_message=_("Say what is unsatisfactory."),
            ),
            models.CheckConstraint(
                condition=Q(rated_by__isnull=False) | ~Q(rater_label=""),
                name="rating_has_rater",
                violation_error_message=_("Say who gave the rating."),
            ),
        ]

    def __str__(self) -> str:
        from renda.core.ratings import stage_words

        return f"{stage_words(self.stage)} · {self.get_value_display()}"

    @property
    def rater(self) -> str:
        if self.rater_label:
            return self.rater_label
        return self.rated_by.get_username() if self.rated_by else ""


class PublicVersion(models.Model):
    """How many times a model's rows have changed: a public response's cache key carries the
    versions of the models it shows (core/public_cache.py), so a change shows at once."""

    label = models.CharField(max_length=100, primary_key=True)  # "people.Person"
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("public version")
        verbose_name_plural = _("public versions")

    def __str__(self) -> str:
        return f"{self.label} {self.version}"


class StoredFigures(models.Model):
    """A computed result kept until what it was computed from changes: `stamp` holds the
    versions of its models then (core/public_cache.py `stored`). The published statistics read
    one row instead of aggregating every commitment on each request."""

    name = models.CharField(max_length=200, primary_key=True)
    stamp = models.CharField(max_length=500)
    value = models.JSONField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stored figures")
        verbose_name_plural = _("stored figures")

    def __str__(self) -> str:
        return self.name

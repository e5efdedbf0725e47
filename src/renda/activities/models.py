from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from renda.activities.choices import (
    ActivityStatus,
    ExcuseReason,
    Period,
    RequirementCategory,
)
from renda.activities.querysets import (
    ActivityQuerySet,
    ActivityTypeQuerySet,
    BatchQuerySet,
    ExcuseQuerySet,
    RequirementQuerySet,
)
from renda.core.limits import CONTENT, limited_text


class ActivityType(models.Model):
    """An entry of a congress's activity catalogue (视察, 调研, 接待选民 …), filed under one of
    the requirement categories."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.CASCADE,
        related_name="activity_types",
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=50)
    category = models.CharField(
        _("requirement category"), max_length=20, choices=RequirementCategory.choices
    )
    counts_person_times = models.BooleanField(
        _("counted in person-times"),
        default=False,
        help_text=_("Visits and receptions record how many people were met (人次)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    objects = ActivityTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")
        ordering = ["congress", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "code"],
                name="activity_type_unique_code",
                violation_error_message=_(
                    "This congress already has an activity type with that code."
                ),
            ),
            models.UniqueConstraint(
                fields=["congress", "name"],
                name="activity_type_unique_name",
                violation_error_message=_(
                    "This congress already has an activity type of that name."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ActivityBatch(models.Model):
    """One activity an organiser registered for many deputies at once (30 deputies at an
    inspection); its records are verified on entry."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="activity_batches",
    )
    activity_type = models.ForeignKey(
        ActivityType, verbose_name=_("activity type"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    content = models.TextField(_("content"), **limited_text(CONTENT))
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    objects = BatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("group registration")
        verbose_name_plural = _("group registrations")
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"{self.day} {self.activity_type} · {self.content[:30]}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("activities:batch_detail", args=[self.pk])


class Activity(models.Model):
    """One deputy's registered act of duty (履职活动), under one of their seats."""

    mandate = models.ForeignKey(
        "people.Mandate",
        verbose_name=_("seat"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    # Copied from the seat when registered (a seat never changes person or congress), so the
    # evaluation and the scope read one table.
    person = models.ForeignKey(
        "people.Person", verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="+"
    )
    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    activity_type = models.ForeignKey(
        ActivityType,
        verbose_name=_("activity type"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    day = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    content = models.TextField(_("content"), **limited_text(CONTENT))
    person_times = models.PositiveIntegerField(_("person-times"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.SUBMITTED,
    )
    status_note = models.CharField(_("reason"), max_length=500, blank=True)
    batch = models.ForeignKey(
        ActivityBatch,
        verbose_name=_("group registration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    # What registered it, when another module did ("suggestions.suggestion", "42").
    source_type = models.CharField(_("source"), max_length=50, blank=True)
    source_id = models.CharField(_("source id"), max_length=50, blank=True)
    # A digest of type, date, place, content and person-times: an exact duplicate is refused.
    fingerprint = models.CharField(max_length=64, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("verified"), null=True, blank=True)
    # Photos and documents proving the activity, in upload order.
    evidence = GenericRelation("core.Attachment", related_query_name="activity")

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-day", "-pk"]
        indexes = [
            models.Index(fields=["congress", "status", "day"], name="activity_congress_status_day"),
            models.Index(fields=["mandate", "day"], name="activity_mandate_day"),
            models.Index(fields=["person", "day"], name="activity_person_day"),
            models.Index(fields=["status", "created_at"], name="activity_queue"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "fingerprint"],
                condition=Q(status__in=["submitted", "verified"]),
                name="activity_no_exact_duplicate",
                violation_error_message=_("This activity is already registered for this deputy."),
            ),
            models.UniqueConstraint(
                fields=["mandate", "source_type", "source_id"],
                condition=~Q(source_type=""),
                name="activity_one_per_source",
                violation_error_message=_("This source has already registered an activity."),
            ),
            models.CheckConstraint(
                condition=Q(person_times__isnull=True) | Q(person_times__gte=1),
                name="activity_person_times_positive",
                violation_error_message=_("Person-times must be at least one."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(status_note=""),
                name="activity_rejected_has_reason",
                violation_error_message=_("A rejected activity needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.activity_type}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("activities:activity_detail", args=[self.pk])


def evidence_path(instance, filename: str) -> str:
    # Only migration 0001 refers to this: evidence files are core.Attachment rows now.
    return f"activities/{instance.activity_id}/{filename}"


class Requirement(models.Model):
    """A minimum count of one category's activities, per year or per term, for the deputies of
    one congress in one term (Chongqing's "341 311")."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    term = models.ForeignKey(
        "congresses.Term", verbose_name=_("term"), on_delete=models.CASCADE, related_name="+"
    )
    category = models.CharField(
        _("requirement category"), max_length=20, choices=RequirementCategory.choices
    )
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    minimum = models.PositiveSmallIntegerField(_("minimum"))

    objects = RequirementQuerySet.as_manager()

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["congress", "term", "-period", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "category", "period"],
                name="requirement_unique",
                violation_error_message=_(
                    "This term already has a minimum for that category and period."
                ),
            ),
            models.CheckConstraint(
                condition=Q(minimum__gte=1),
                name="requirement_minimum_positive",
                violation_error_message=_("A minimum is at least one."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_period_display()} {self.get_category_display()} ≥ {self.minimum}"


class Excuse(models.Model):
    """An excused absence (illness, approved leave): shown beside a shortfall, never counted as
    activities."""

    mandate = models.ForeignKey(
        "people.Mandate",
        verbose_name=_("seat"),
        on_delete=models.CASCADE,
        related_name="excuses",
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=20, choices=ExcuseReason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ExcuseQuerySet.as_manager()

    class Meta:
        verbose_name = _("excused absence")
        verbose_name_plural = _("excused absences")
        ordering = ["mandate", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="excuse_end_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.start}–{self.end}"

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from renda.commitments.choices import PUBLIC_STATUSES, CommitmentStatus
from renda.commitments.querysets import (
    CommitmentQuerySet,
    CommitmentYearQuerySet,
    ReturnReasonQuerySet,
)
from renda.core.limits import CONTENT, limited_text

# A year's submissions open at the earliest on this day of the year before (the window of the
# 2027 commitments may open in the autumn of 2026), and close by the end of the year itself.
WINDOW_EARLIEST = (10, 1)
WINDOW_OUTSIDE_YEAR = _(
    "The submission window of %(year)s must lie between %(earliest)s and %(latest)s."
)


class CommitmentCategory(models.Model):
    """A heading commitments are filed under (联系选民, 带动发展, 宣讲政策, 办好事实事 …)."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.CASCADE,
        related_name="commitment_categories",
    )
    name = models.CharField(_("name"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("commitment category")
        verbose_name_plural = _("commitment categories")
        ordering = ["congress", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "name"],
                name="commitment_category_unique",
                violation_error_message=_("This congress already has a category of that name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReturnReason(models.Model):
    """Why staff send a commitment back; the list is configurable, per congress or for all."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="return_reasons",
        help_text=_("Empty: offered to every congress."),
    )
    code = models.SlugField(_("code"), max_length=30)
    label = models.CharField(_("reason"), max_length=100)
    # The reason Rongchang gave 黎源: the promise is the deputy's own job duty.
    is_job_duty = models.BooleanField(_("job duty"), default=False)
    needs_note = models.BooleanField(_("needs a note"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    objects = ReturnReasonQuerySet.as_manager()

    class Meta:
        verbose_name = _("return reason")
        verbose_name_plural = _("return reasons")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "code"],
                name="return_reason_unique_code",
                violation_error_message=_("This reason code is taken."),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class CommitmentYear(models.Model):
    """A congress's commitment year: the submission window and how many each deputy makes."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="commitment_years",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    opens = models.DateField(_("submissions open"))
    closes = models.DateField(_("submissions close"))
    min_count = models.PositiveSmallIntegerField(_("fewest per deputy"), default=3)
    max_count = models.PositiveSmallIntegerField(_("most per deputy"), default=6)
    categories = models.ManyToManyField(
        CommitmentCategory, verbose_name=_("categories"), related_name="years", blank=True
    )

    objects = CommitmentYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment year")
        verbose_name_plural = _("commitment years")
        ordering = ["-year", "congress__level"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "year"],
                name="commitment_year_unique",
                violation_error_message=_("This congress already has that commitment year."),
            ),
            models.CheckConstraint(
                condition=Q(closes__gte=F("opens")),
                name="commitment_year_closes_after_opens",
                violation_error_message=_("Submissions cannot close before they open."),
            ),
            models.CheckConstraint(
                condition=Q(max_count__gte=F("min_count")) & Q(min_count__gte=1),
                name="commitment_year_counts",
                violation_error_message=_(
                    "The most per deputy must be at least the fewest, and the fewest at least one."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.congress} {self.year}年"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("commitments:year_detail", args=[self.pk])

    @staticmethod
    def window_bounds(year: int) -> tuple[datetime.date, datetime.date]:
        """The earliest opening and the latest closing a year's window may have."""
        return datetime.date(year - 1, *WINDOW_EARLIEST), datetime.date(year, 12, 31)

    def clean(self):
        """The window lies in its year or just before it (a 2027 year with a 2019 window is a
        typing error, not a plan)."""
        if not self.year or not self.opens or not self.closes:
            return
        earliest, latest = self.window_bounds(self.year)
        message = WINDOW_OUTSIDE_YEAR % {
            "year": self.year,
            "earliest": _date_words(earliest),
            "latest": _date_words(latest),
        }
        errors = {}
        if not earliest <= self.opens <= latest:
            errors["opens"] = message
        if not earliest <= self.closes <= latest:
            errors["closes"] = message
        if errors:
            raise ValidationError(errors)


class Commitment(models.Model):
    """A deputy's personal promise to the electors for one year (个性承诺)."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("deputy"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    # Filed under one seat; that seat's congress reviews it.
    mandate = models.ForeignKey(
        "people.Mandate",
        verbose_name=_("seat"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    commitment_year = models.ForeignKey(
        CommitmentYear,
        verbose_name=_("commitment year"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    category = models.ForeignKey(
        CommitmentCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    title = models.CharField(_("commitment"), max_length=200)
    detail = models.TextField(_("detail"), blank=True, **limited_text(CONTENT))
    target_value = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("unit"), max_length=20, blank=True)
    due = models.DateField(_("due"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.DRAFT,
        db_index=True,
    )
    return_reason = models.ForeignKey(
        ReturnReason,
        verbose_name=_("return reason"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status_note = models.CharField(_("note on the status"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["commitment_year", "person__stroke_key", "pk"]
        indexes = [
            models.Index(fields=["commitment_year", "status"], name="commitment_year_status")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__isnull=True)
                | (Q(target_value__gt=0) & ~Q(target_unit="")),
                name="commitment_target_has_unit",
                violation_error_message=_(
                    "A target is a positive number with its unit (e.g. 500 人次)."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | Q(return_reason__isnull=False),
                name="commitment_returned_has_reason",
                violation_error_message=_("A returned commitment needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("commitments:commitment_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def year(self) -> int:
        return self.commitment_year.year

    @property
    def status_label(self):
        """get_status_display() without its cost: Django hashes every choice's (lazy) label on
        each call, which on a deputy's page of 23 commitments was a third of the template."""
        return CommitmentStatus(self.status).label

    @property
    def is_overdue(self) -> bool:
        """Approved, still open, and its due date has passed (逾期)."""
        return self.status == CommitmentStatus.APPROVED and self.due < timezone.localdate()


class CommitmentProgress(models.Model):
    """A progress report on an approved commitment: what was done, how far toward the target."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="progress"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    day = models.DateField(_("date"))
    text = models.TextField(_("what was done"), **limited_text(CONTENT))
    value = models.DecimalField(
        _("amount toward the target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    # Photos and documents as evidence, in upload order.
    attachments = GenericRelation("core.Attachment", related_query_name="progress_report")

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["commitment", "-day", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="progress_value_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} · {self.day}"


def _date_words(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def attachment_path(instance, filename: str) -> str:
    # Only migration 0001 refers to this: progress attachments are core.Attachment rows now.
    return f"commitments/{instance.progress.commitment_id}/{filename}"

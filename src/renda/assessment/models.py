from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.assessment.choices import (
    EvaluationStatus,
    ItemKind,
    Measure,
    TableStatus,
)
from renda.assessment.querysets import (
    CongressScopedQuerySet,
    ResultQuerySet,
)


class ScoringTable(models.Model):
    """A congress's yearly scoring table (年度履职评分表), one version of it. A version in
    force is frozen; a change is a new draft version, published in its place."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="scoring_tables",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=100)
    base_points = models.DecimalField(
        _("starting points"),
        max_digits=6,
        decimal_places=1,
        default=0,
        help_text=_("Points every deputy starts from before the items are added."),
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TableStatus.choices, default=TableStatus.DRAFT
    )
    published_at = models.DateTimeField(_("put in force"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CongressScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("scoring table")
        verbose_name_plural = _("scoring tables")
        ordering = ["-year", "congress", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "year", "version"],
                name="scoring_table_unique_version",
                violation_error_message=_("This version of the table already exists."),
            ),
            models.UniqueConstraint(
                fields=["congress", "year"],
                condition=Q(status="published"),
                name="scoring_table_one_in_force",
                violation_error_message=_("Another version of this year's table is in force."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（第{self.version}版）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("assessment:table_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == TableStatus.DRAFT


class ScoringItem(models.Model):
    """One row of a scoring table: what counts, the points per unit or on reaching a number,
    the cap."""

    table = models.ForeignKey(
        ScoringTable,
        verbose_name=_("scoring table"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    code = models.SlugField(_("code"), max_length=40)
    section = models.CharField(_("section"), max_length=50, help_text=_("e.g. 联系群众"))
    label = models.CharField(_("item"), max_length=100)
    description = models.CharField(_("how it is scored"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    measure = models.CharField(_("counts"), max_length=30, choices=Measure.choices, blank=True)
    activity_types = models.ManyToManyField(
        "activities.ActivityType", verbose_name=_("activity types"), blank=True, related_name="+"
    )
    points = models.DecimalField(
        _("points"),
        max_digits=6,
        decimal_places=1,
        default=0,
        help_text=_("Per unit, or on reaching the number; negative for a deduction."),
    )
    threshold = models.PositiveIntegerField(_("number to reach"), null=True, blank=True)
    cap = models.DecimalField(
        _("cap"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("The most this item can add or deduct."),
    )
    discipline = models.BooleanField(
        _("discipline"),
        default=False,
        help_text=_("A deduction here raises an exit warning when the rule says so."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("scoring item")
        verbose_name_plural = _("scoring items")
        ordering = ["table", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "code"],
                name="scoring_item_unique_code",
                violation_error_message=_("This table already has an item with that code."),
            ),
            models.CheckConstraint(
                condition=Q(cap__isnull=True) | Q(cap__gt=0),
                name="scoring_item_cap_positive",
                violation_error_message=_("A cap is a positive number of points."),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class GradeBand(models.Model):
    """A grade and the lowest score that earns it (优秀 ≥ 90 …)."""

    table = models.ForeignKey(
        ScoringTable,
        verbose_name=_("scoring table"),
        on_delete=models.CASCADE,
        related_name="bands",
    )
    label = models.CharField(_("grade"), max_length=20)
    min_score = models.DecimalField(_("lowest score"), max_digits=6, decimal_places=1)
    requires_compliance = models.BooleanField(
        _("only when the minimums are met"),
        default=False,
        help_text=_("A deputy below the minimums drops to the next grade."),
    )

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        ordering = ["table", "-min_score"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "label"],
                name="grade_band_unique_label",
                violation_error_message=_("This table already has that grade."),
            ),
            models.UniqueConstraint(
                fields=["table", "min_score"],
                name="grade_band_unique_score",
                violation_error_message=_("Two grades cannot start at the same score."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ≥ {self.min_score}"


class ScoreAdjustment(models.Model):
    """A bonus or deduction staff enter against a manual item (commendation, discipline),
    with its reason."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    mandate = models.ForeignKey(
        "people.Mandate",
        verbose_name=_("seat"),
        on_delete=models.PROTECT,
        related_name="score_adjustments",
    )
    item_code = models.SlugField(_("item"), max_length=40)
    item_label = models.CharField(_("item"), max_length=100)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=1)
    reason = models.CharField(_("reason"), max_length=300)
    discipline = models.BooleanField(_("discipline"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    objects = CongressScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("score adjustment")
        verbose_name_plural = _("score adjustments")
        ordering = ["-year", "mandate", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(points=0),
                name="score_adjustment_not_zero",
                violation_error_message=_("An adjustment adds or deducts some points."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_label} {self.points:+}"


class Evaluation(models.Model):
    """A congress's evaluation of its deputies for one year: run as often as needed, then made
    final, after which nothing that fed it can change."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    table = models.ForeignKey(
        ScoringTable, verbose_name=_("scoring table"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.DRAFT,
    )
    run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finalized_at = models.DateTimeField(_("made final"), null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made final by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # TheyWorkForYou's lesson: counts do not measure quality. Scores and ranks stay internal
    # unless staff decide to publish them.
    scores_public = models.BooleanField(_("scores published"), default=False)
    deputy_count = models.PositiveIntegerField(_("deputies"), default=0)

    objects = CongressScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-year", "congress"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "year"],
                name="evaluation_unique_year",
                violation_error_message=_("This congress already has an evaluation for that year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.congress} {self.year}年度履职评价"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("assessment:evaluation_detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.status == EvaluationStatus.FINAL


class EvaluationResult(models.Model):
    """One deputy's result: score, grade, rank, compliance, and each item's points with what
    they counted."""

    # The evaluation and the person are the first columns of the unique constraint and of the
    # `result_person` index, which serve their lookups: no index of their own to keep up on
    # every run's 60,000-row insert.
    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.CASCADE,
        related_name="results",
        db_index=False,
    )
    mandate = models.ForeignKey(
        "people.Mandate", verbose_name=_("seat"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("deputy"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=1)
    grade = models.CharField(_("grade"), max_length=20)
    rank = models.PositiveIntegerField(_("rank"))
    compliance = models.CharField(_("minimums"), max_length=20)
    # [{"category", "period", "minimum", "count", "status", "excuse"}, …]
    requirements = models.JSONField(_("minimums"), default=list)
    # [{"code", "value", "points", "capped"}, …] in the table's order; the activities and
    # commitments behind each line are found again from the item's types and the run time.
    breakdown = models.JSONField(_("breakdown"), default=list)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        ordering = ["evaluation", "rank", "person__stroke_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "mandate"],
                name="evaluation_result_unique",
                violation_error_message=_("This deputy already has a result."),
            ),
        ]
        indexes = [models.Index(fields=["person", "evaluation"], name="result_person")]

    def __str__(self) -> str:
        return f"{self.person} {self.score} {self.grade}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("assessment:result_detail", args=[self.pk])

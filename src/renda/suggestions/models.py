"""Motions and suggestions (议案、建议), their co-signers, the congress's rules and key supervision.

What units do with them lives in `handling` (assignments, replies, clocks), shared with casework;
ratings are `core.Rating`s at the stages "reply" and "fulfilment". The figures the statistics
and the register read most (result category, on time, met, the ratings) are kept on the row
when they happen, so a year of 20,000 items is counted in one query.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core import limits
from renda.suggestions import rules
from renda.suggestions.choices import (
    CoSignerStatus,
    Rated,
    SubmissionPeriod,
    SuggestionKind,
    SuggestionStatus,
    SuggestionTopic,
    SupervisionEventKind,
)
from renda.suggestions.querysets import (
    CoSignerQuerySet,
    KeySupervisionQuerySet,
    SuggestionQuerySet,
)


class SuggestionRules(models.Model):
    """A congress's own rules (what it leaves alone keeps the national default, `rules.py`)."""

    congress = models.OneToOneField(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.CASCADE,
        related_name="suggestion_rules",
    )
    motion_cosigners = models.PositiveSmallIntegerField(
        _("co-signers a motion needs"), validators=[MinValueValidator(1)]
    )
    delegation_motions = models.BooleanField(_("delegations may submit motions"), default=False)
    reply_months = models.PositiveSmallIntegerField(
        _("months to reply"), default=3, validators=[MinValueValidator(1)]
    )
    max_months = models.PositiveSmallIntegerField(
        _("months at most, with extensions"), default=6, validators=[MinValueValidator(1)]
    )
    opinion_months = models.PositiveSmallIntegerField(
        _("months for a co-handling opinion"), default=1, validators=[MinValueValidator(1)]
    )
    rehandle_months = models.PositiveSmallIntegerField(
        _("months to answer again"), default=1, validators=[MinValueValidator(1)]
    )
    return_working_days = models.PositiveSmallIntegerField(
        _("working days to send back"), default=10, validators=[MinValueValidator(1)]
    )
    rehandle_limit = models.PositiveSmallIntegerField(
        _("times handled again after 不满意"), default=1, validators=[MaxValueValidator(5)]
    )
    cosigners_rate = models.BooleanField(_("co-signers rate too"), default=False)
    cosigners_register = models.BooleanField(_("co-signing counts as the activity"), default=True)
    rating_days = models.PositiveSmallIntegerField(
        _("days to rate"), default=30, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("rules for motions and suggestions")
        verbose_name_plural = _("rules for motions and suggestions")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_months__gte=models.F("reply_months")),
                name="suggestion_rules_max_after_reply",
                violation_error_message=_(
                    "The longest time cannot be shorter than the time to reply."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.congress)

    def as_rules(self) -> rules.Rules:
        return rules.Rules(
            motion_cosigners=self.motion_cosigners,
            delegation_motions=self.delegation_motions,
            reply_months=self.reply_months,
            max_months=self.max_months,
            opinion_months=self.opinion_months,
            rehandle_months=self.rehandle_months,
            return_working_days=self.return_working_days,
            rehandle_limit=self.rehandle_limit,
            cosigners_rate=self.cosigners_rate,
            cosigners_register=self.cosigners_register,
            rating_days=self.rating_days,
        )


class KeySupervision(models.Model):
    """重点督办: a suggestion, or a theme grouping several, followed by a leader or committee."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="key_supervisions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("theme"), max_length=200)
    leader = models.CharField(_("supervising leader"), max_length=100, blank=True)
    committee = models.CharField(_("supervising committee"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True, **limits.limited_text(limits.CONTENT))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = KeySupervisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("key supervision")
        verbose_name_plural = _("key supervisions")
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("suggestions:supervision_detail", args=[self.pk])


class SupervisionEvent(models.Model):
    """An inspection, a meeting or an extra progress report under key supervision."""

    supervision = models.ForeignKey(
        KeySupervision,
        verbose_name=_("key supervision"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=SupervisionEventKind.choices)
    summary = models.TextField(_("summary"), **limits.limited_text(limits.CONTENT))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attachments = GenericRelation("core.Attachment")

    class Meta:
        verbose_name = _("supervision activity")
        verbose_name_plural = _("supervision activities")
        ordering = ["day", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day:%Y-%m-%d}"


class Suggestion(models.Model):
    """A deputy's motion (议案) or suggestion (建议、批评和意见), from draft to closed."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(
        _("kind"), max_length=10, choices=SuggestionKind.choices, default=SuggestionKind.SUGGESTION
    )
    period = models.CharField(
        _("submitted"),
        max_length=10,
        choices=SubmissionPeriod.choices,
        default=SubmissionPeriod.RECESS,
    )
    session = models.ForeignKey(
        "congresses.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    # The register's number, given on acceptance: 第12号 of the congress, year and kind.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), **limits.limited_text(limits.LETTER))
    topic = models.CharField(_("topic"), max_length=12, choices=SuggestionTopic.choices)
    # The lead deputy (领衔代表); a delegation's motion names the delegation too.
    mandate = models.ForeignKey(
        "people.Mandate",
        verbose_name=_("lead deputy"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    delegation = models.ForeignKey(
        "people.DeputyGroup",
        verbose_name=_("delegation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="motions",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.DRAFT,
    )
    status_note = models.CharField(_("note on the status"), max_length=500, blank=True)
    converted = models.BooleanField(_("motion accepted as a suggestion"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    # An AssignmentMode, blank until assigned (its words in histories: SuggestionsConfig).
    mode = models.CharField(_("assignment mode"), max_length=10, blank=True)
    supervision = models.ForeignKey(
        KeySupervision,
        verbose_name=_("key supervision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    confidential = models.BooleanField(
        _("confidential"), default=False, help_text=_("A confidential item is never disclosed.")
    )
    disclosed_at = models.DateTimeField(_("disclosed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("drafted"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Kept as they happen, for the register and the statistics.
    result_category = models.CharField(_("result category"), max_length=4, blank=True)
    replied_on_time = models.BooleanField(_("replied on time"), null=True, blank=True)
    met_deputy = models.BooleanField(_("unit met the deputy"), null=True, blank=True)
    first_reply_rating = models.CharField(
        _("first rating of the reply"), max_length=20, choices=Rated.choices, blank=True
    )
    reply_rating = models.CharField(
        _("rating of the reply"), max_length=20, choices=Rated.choices, blank=True
    )
    fulfilment_rating = models.CharField(
        _("rating of the fulfilment"), max_length=20, choices=Rated.choices, blank=True
    )
    rehandled = models.PositiveSmallIntegerField(_("times handled again"), default=0)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("motion or suggestion")
        verbose_name_plural = _("motions and suggestions")
        ordering = ["-year", "kind", "number", "pk"]
        indexes = [
            models.Index(fields=["congress", "year", "status"], name="suggestion_year_status"),
            models.Index(fields=["mandate", "year"], name="suggestion_deputy_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "year", "kind", "number"],
                name="suggestion_unique_number",
                violation_error_message=_("That number is already taken this year."),
            ),
            models.CheckConstraint(
                condition=~Q(confidential=True, disclosed_at__isnull=False),
                name="suggestion_confidential_never_disclosed",
                violation_error_message=_("A confidential item is never disclosed."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("suggestions:suggestion_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """第12号 as the register writes it, or nothing before acceptance."""
        from django.utils.translation import gettext

        if self.number is None:
            return ""
        return gettext("No. %(number)s") % {"number": self.number}

    @property
    def is_public(self) -> bool:
        return self.disclosed_at is not None and not self.confidential


class CoSigner(models.Model):
    """A deputy invited to sign (联名) a motion or suggestion, and their answer."""

    suggestion = models.ForeignKey(
        Suggestion,
        verbose_name=_("motion or suggestion"),
        on_delete=models.CASCADE,
        related_name="cosigners",
    )
    mandate = models.ForeignKey(
        "people.Mandate",
        verbose_name=_("deputy"),
        on_delete=models.PROTECT,
        related_name="cosigned",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CoSignerStatus.choices, default=CoSignerStatus.INVITED
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = CoSignerQuerySet.as_manager()

    class Meta:
        verbose_name = _("co-signer")
        verbose_name_plural = _("co-signers")
        ordering = ["suggestion", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "mandate"],
                name="cosigner_once",
                violation_error_message=_("This deputy is already invited."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.suggestion} · {self.mandate}"

    def get_absolute_url(self) -> str:
        return self.suggestion.get_absolute_url()

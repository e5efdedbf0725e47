from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from renda.congresses.choices import CongressLevel
from renda.congresses.querysets import CongressQuerySet, SessionQuerySet, TermQuerySet
from renda.core.numerals import chinese_ordinal


class Congress(models.Model):
    """The people's congress of one region at one level."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="congresses",
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=CongressLevel.choices)
    name = models.CharField(_("name"), max_length=100)

    objects = CongressQuerySet.as_manager()

    class Meta:
        verbose_name = _("congress")
        verbose_name_plural = _("congresses")
        ordering = ["level", "region__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "level"],
                name="congress_one_per_region_level",
                violation_error_message=_("This region already has a congress at that level."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("congresses:congress_detail", args=[self.pk])


class Term(models.Model):
    """A congress's term (届), usually five years."""

    congress = models.ForeignKey(
        Congress, verbose_name=_("congress"), on_delete=models.PROTECT, related_name="terms"
    )
    ordinal = models.PositiveSmallIntegerField(_("ordinal"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["congress", "-ordinal"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "ordinal"],
                name="term_unique_ordinal",
                violation_error_message=_("This congress already has a term with that number."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="term_end_after_start",
                violation_error_message=_("A term must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name_of(self.congress.region.name, self.ordinal)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("congresses:congress_detail", args=[self.congress_id])

    @property
    def label(self) -> str:
        return f"第{chinese_ordinal(self.ordinal)}届"

    @staticmethod
    def name_of(region_name: str, ordinal: int) -> str:
        """荣昌区第十九届人民代表大会: a term's name from its congress's region name and its
        ordinal, for rows read as values."""
        return f"{region_name}第{chinese_ordinal(ordinal)}届人民代表大会"


class Session(models.Model):
    """A plenary session (次会议) within a term."""

    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="sessions"
    )
    ordinal = models.PositiveSmallIntegerField(_("ordinal"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["term", "ordinal"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "ordinal"],
                name="session_unique_ordinal",
                violation_error_message=_("This term already has a session with that number."),
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="session_end_not_before_start",
                violation_error_message=_("A session cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term}{self.label}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("congresses:congress_detail", args=[self.term.congress_id])

    @property
    def label(self) -> str:
        """第一次会议."""
        return f"第{chinese_ordinal(self.ordinal)}次会议"

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.commendations.choices import CommendationKind, CommendationStatus
from renda.commendations.querysets import CommendationQuerySet


class Commendation(models.Model):
    """Praise (每年表扬) or commendation (届末表彰) of a deputy or a deputy group."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CommendationKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    mandate = models.ForeignKey(
        "people.Mandate",
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    group = models.ForeignKey(
        "people.DeputyGroup",
        verbose_name=_("deputy group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    title = models.CharField(_("title"), max_length=100, help_text=_("e.g. 2019年度履职优秀代表"))
    citation = models.TextField(_("citation"), blank=True)
    result = models.ForeignKey(
        "assessment.EvaluationResult",
        verbose_name=_("from the evaluation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommendationStatus.choices,
        default=CommendationStatus.NOMINATED,
    )
    status_note = models.CharField(_("note on the status"), max_length=300, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)

    objects = CommendationQuerySet.as_manager()

    class Meta:
        db_table = "assessment_commendation"  # moved from assessment; the table stays
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(mandate__isnull=False) & Q(group__isnull=True))
                | (Q(mandate__isnull=True) & Q(group__isnull=False)),
                name="commendation_one_subject",
                violation_error_message=_("Commend either a deputy or a deputy group."),
            ),
            models.UniqueConstraint(
                fields=["congress", "kind", "year", "mandate"],
                condition=Q(mandate__isnull=False) & ~Q(status="rejected"),
                name="commendation_once_per_deputy",
                violation_error_message=_("This deputy is already nominated for that year."),
            ),
            models.UniqueConstraint(
                fields=["congress", "kind", "year", "group"],
                condition=Q(group__isnull=False) & ~Q(status="rejected"),
                name="commendation_once_per_group",
                violation_error_message=_("This group is already nominated for that year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.subject_name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("recognition:commendation_detail", args=[self.pk])

    @property
    def subject_name(self) -> str:
        return self.mandate.person.name if self.mandate_id else self.group.name

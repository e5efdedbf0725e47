import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from renda.core.identity import validate_phone
from renda.stations import reception
from renda.stations.choices import AssignmentRole, StationKind
from renda.stations.querysets import StationAssignmentQuerySet, StationQuerySet


def validate_rrule(value: str) -> None:
    try:
        reception.parse(value)
    except ValueError as exc:
        raise ValidationError(
            _("Not a valid reception rule: %(error)s"), params={"error": exc}
        ) from exc


class Station(models.Model):
    """A deputy home, work station, liaison station, activity room or contact point."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=StationKind.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="stations",
    )
    address = models.CharField(_("address"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # RFC 5545 RRULE without DTSTART, e.g. "FREQ=MONTHLY;BYMONTHDAY=15" (每月15日) or
    # "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20" (每两个月20日, counted from reception_anchor).
    reception_rule = models.CharField(
        _("reception rule"), max_length=200, blank=True, validators=[validate_rrule]
    )
    reception_anchor = models.DateField(_("rule counted from"), default=datetime.date(2024, 1, 1))
    reception_start_time = models.TimeField(_("reception starts"), default=datetime.time(9, 0))
    reception_end_time = models.TimeField(_("reception ends"), default=datetime.time(12, 0))
    active = models.BooleanField(_("active"), default=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        ordering = ["region__code", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="station_unique_name",
                violation_error_message=_("This region already has a station of that name."),
            ),
            models.CheckConstraint(
                condition=Q(reception_end_time__gt=F("reception_start_time")),
                name="station_reception_ends_after_start",
                violation_error_message=_("Reception must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("stations:station_detail", args=[self.pk])

    @property
    def reception_rule_text(self) -> str:
        return reception.describe(self.reception_rule) if self.reception_rule else ""

    def next_reception_dates(self, count: int = 3, after: datetime.date | None = None):
        if not self.reception_rule:
            return []
        return reception.next_dates(
            self.reception_rule, self.reception_anchor, count=count, after=after
        )


class StationAssignment(models.Model):
    """A deputy placed in a station (进站); one current head per station."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.CASCADE, related_name="assignments"
    )
    mandate = models.ForeignKey(
        "people.Mandate",
        verbose_name=_("mandate"),
        on_delete=models.CASCADE,
        related_name="station_assignments",
    )
    role = models.CharField(
        _("position"), max_length=10, choices=AssignmentRole.choices, default=AssignmentRole.MEMBER
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    objects = StationAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("station assignment")
        verbose_name_plural = _("station assignments")
        ordering = ["station", "role", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["station"],
                condition=Q(role="head", end__isnull=True),
                name="assignment_one_head",
                violation_error_message=_("This station already has a head."),
            ),
            models.UniqueConstraint(
                fields=["station", "mandate"],
                condition=Q(end__isnull=True),
                name="assignment_once_per_station",
                violation_error_message=_("This deputy is already assigned to the station."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="assignment_end_not_before_start",
                violation_error_message=_("An assignment cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.station} · {self.mandate.person.name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("stations:station_detail", args=[self.station_id])

"""What the stations put on the to-do page (`core.todo`): the next reception day.

A liaison: each of their stations' next reception day; a deputy: that of each station they are
placed in; staff: how many stations in their area receive the public in the coming week.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from renda.core.scope import scope_for
from renda.core.todo import TodoLine
from renda.stations.models import Station, StationAssignment

WEEK = datetime.timedelta(days=7)


def when(station: Station, day: datetime.date) -> str:
    """ "2026年12月15日 星期二 9:00–12:00" """
    start, end = station.reception_start_time, station.reception_end_time
    return (
        f"{date_format(day, 'DATE_FORMAT')} {date_format(day, 'l')} "
        f"{start.hour}:{start.minute:02d}–{end.hour}:{end.minute:02d}"
    )


def _next(station: Station, today, url: str):
    dates = station.next_reception_dates(1, after=today)
    if dates:
        return TodoLine(
            _("Next reception day at %(station)s") % {"station": station.name},
            None,
            url,
            when(station, dates[0]),
        )
    return None


def lines(user):
    scope = scope_for(user)
    if scope is None:
        return
    today = timezone.localdate()
    if scope.station_ids:
        for station in Station.objects.active().filter(pk__in=scope.station_ids):
            line = _next(station, today, station.get_absolute_url())
            if line:
                yield line
    if scope.person_ids:
        placed = Station.objects.active().filter(
            pk__in=StationAssignment.objects.current(today)
            .filter(mandate__person_id__in=scope.person_ids)
            .values("station_id")
        )
        for station in placed:
            line = _next(station, today, reverse("portal:station", args=[station.pk]))
            if line:
                yield line
    if "staff" in scope.roles:  # not administrators: their page is not the district's queue
        coming = []
        for station in Station.objects.restrict(user).active().exclude(reception_rule=""):
            dates = station.next_reception_dates(1, after=today)
            if dates and dates[0] < today + WEEK:
                coming.append(station)
        yield TodoLine(
            _("Stations receiving the public in the coming week"),
            len(coming),
            reverse("stations:station_list"),
            "、".join(s.name for s in coming[:5]),
        )

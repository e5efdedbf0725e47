"""Working days (工作日) in mainland China, for deadlines counted in working days.

The official calendar — public holidays and the weekend days worked in exchange (调休) — comes
from the `chinese-calendar` library, which carries each year once the State Council publishes
it (usually in the autumn before). For a year it does not carry yet, the calendar is Monday to
Friday. Staff overrides (`WorkdayOverride`) win over both: a new year's holidays before the
library is updated, or a local day off.

Counting convention (docs/decisions/0007-working-days-and-deadlines.md): a span runs *after*
its first day up to and including its last, so `add_workdays(a, workdays_between(a, b)) == b`
for a working day b, and a clock started on a Friday with one working day is due on Monday.

Each function loads the overrides of the range it computes in one query. A page that words
many clocks loads one `calendar(first, last)` and asks it instead.
"""

import datetime
from collections.abc import Iterator
from functools import cache

import chinese_calendar
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.core import services as base
from renda.core.exceptions import NotFound, PermissionRefused, ValidationFailed
from renda.core.models import WorkdayOverride
from renda.core.scope import scope_for

ONE_DAY = datetime.timedelta(days=1)

NEGATIVE_COUNT = _("The number of working days cannot be negative.")
OVERRIDE_GONE = _("That override no longer exists; reload the page.")
ONLY_ADMINS = _("Only a system administrator can change the working-day calendar.")


# --- The official calendar ----------------------------------------------------------------------


@cache
def covered_years() -> range:
    """The years whose official holidays and make-up working days the library carries."""
    years = {day.year for day in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


def is_covered(year: int) -> bool:
    """False for a year that relies on Monday–Friday plus overrides."""
    return year in covered_years()


@cache
def _official(day: datetime.date) -> bool:
    # The library rescans its tables on every call; each day is asked about many times.
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def official_changes(year: int) -> list[tuple[datetime.date, bool]]:
    """The days of a covered year whose status differs from Monday–Friday: weekdays off
    (holidays) and weekend days worked (调休). Empty for a year the library does not carry."""
    if not is_covered(year):
        return []
    return [
        (day, _official(day))
        for day in _days(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        if _official(day) != (day.weekday() < 5)
    ]


def _days(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


# --- With the overrides ------------------------------------------------------------------------


class Calendar:
    """The official calendar with the overrides of one range of days, loaded once.

    `first` and `last` bound the days it may answer for (None: open-ended); asking outside them
    is a programming error, since an override there was not loaded."""

    def __init__(
        self,
        overrides: dict[datetime.date, bool],
        first: datetime.date | None = None,
        last: datetime.date | None = None,
    ):
        self.overrides = overrides
        self.first = first
        self.last = last

    def is_workday(self, day: datetime.date) -> bool:
        if (self.first and day < self.first) or (self.last and day > self.last):
            raise ValueError(f"{day} lies outside the loaded range {self.first}–{self.last}")
        if day in self.overrides:
            return self.overrides[day]
        return _official(day)

    def add_workdays(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `start` (not counted); `start` itself for n = 0."""
        if n < 0:
            raise ValidationFailed.on("days", NEGATIVE_COUNT)
        day = start
        while n:
            day += ONE_DAY
            if self.is_workday(day):
                n -= 1
        return day

    def workdays_between(self, a: datetime.date, b: datetime.date) -> int:
        """Working days after `a` up to and including `b`; negative when `b` is before `a`."""
        if b < a:
            return -self.workdays_between(b, a)
        return sum(1 for day in _days(a + ONE_DAY, b) if self.is_workday(day))

    def next_workday(self, day: datetime.date) -> datetime.date:
        """`day` itself if it is a working day, otherwise the first working day after it (the
        rule for a period whose last day falls on a holiday)."""
        while not self.is_workday(day):
            day += ONE_DAY
        return day


def calendar(first: datetime.date | None = None, last: datetime.date | None = None) -> Calendar:
    """A calendar for the days from `first` to `last` (either end open), in one query.

    The override table holds a few dozen rows a year, so an open end costs nothing."""
    qs = WorkdayOverride.objects.all()
    if first:
        qs = qs.filter(day__gte=first)
    if last:
        qs = qs.filter(day__lte=last)
    return Calendar(dict(qs.values_list("day", "is_workday")), first, last)


def is_workday(day: datetime.date) -> bool:
    return calendar(day, day).is_workday(day)


def add_workdays(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `start` (not counted); n ≥ 0."""
    return calendar(start + ONE_DAY).add_workdays(start, n)


def workdays_between(a: datetime.date, b: datetime.date) -> int:
    """Working days after `a` up to and including `b` (negative when `b` is before `a`)."""
    low, high = sorted((a, b))
    return calendar(low + ONE_DAY, high).workdays_between(a, b)


def next_workday(day: datetime.date) -> datetime.date:
    """`day` if it is a working day, else the first working day after it."""
    return calendar(day).next_workday(day)


# --- Overrides -----------------------------------------------------------------------------------
# Who may change the calendar is the caller's check (the page is for system administrators):
# core knows no roles.


def _ensure_admin(actor) -> None:
    if base.is_system(actor):
        return
    scope = scope_for(actor)
    if scope is None or not scope.is_admin:
        raise PermissionRefused(ONLY_ADMINS)


def workday_override_set(
    *, actor, day: datetime.date, is_workday: bool, note: str
) -> WorkdayOverride:
    """Declare `day` a working day or a day off, whatever the official calendar says; a second
    call for the same day changes its override. Administrators only: the calendar is everyone's."""
    _ensure_admin(actor)
    with transaction.atomic():
        existing = WorkdayOverride.objects.select_for_update().filter(day=day).first()
        data = {"is_workday": bool(is_workday), "note": (note or "").strip()}
        if existing is None:
            return base.create(actor=actor, obj=WorkdayOverride(day=day, **data))
        return base.update(actor=actor, obj=existing, data=data, fields=data.keys())


def workday_override_delete(*, actor, override: WorkdayOverride) -> WorkdayOverride:
    """Remove an override: the day follows the official calendar again."""
    _ensure_admin(actor)
    with transaction.atomic():
        try:
            override = base.lock(override)
        except WorkdayOverride.DoesNotExist as exc:
            raise NotFound(OVERRIDE_GONE) from exc
        base.delete(actor=actor, obj=override)
    return override

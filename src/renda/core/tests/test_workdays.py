"""The working-day calendar: the official holidays and make-up days, the fallback for years the
library does not carry, staff overrides, the counting convention, and the overrides' services."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.core import workdays
from renda.core.choices import AuditAction
from renda.core.exceptions import NotFound, ValidationFailed
from renda.core.models import AuditEntry, WorkdayOverride
from renda.core.testing import counter, frozen_at
from renda.core.workdays import (
    add_workdays,
    covered_years,
    is_covered,
    is_workday,
    next_workday,
    workday_override_delete,
    workday_override_set,
    workdays_between,
)

pytestmark = pytest.mark.django_db

D = datetime.date
# Far beyond any year the library will carry: the fallback's behaviour is stable here.
UNCOVERED = 2199


frozen = frozen_at("2024-06-15 10:00:00+08:00")


@pytest.fixture
def admin():
    return get_user_model().objects.create(username="calendar-admin", is_superuser=True)


written = counter(WorkdayOverride, AuditEntry)


def override(day, is_workday, note="test"):
    return WorkdayOverride.objects.create(day=day, is_workday=is_workday, note=note)


# --- The official calendar ----------------------------------------------------------------------


def test_make_up_working_days_of_the_2024_spring_festival_are_working_days():
    assert D(2024, 2, 4).weekday() == 6  # a Sunday, worked in exchange (调休)
    assert is_workday(D(2024, 2, 4))
    assert is_workday(D(2024, 2, 18))


def test_the_2024_national_day_week_is_a_holiday():
    for day in range(1, 8):
        assert not is_workday(D(2024, 10, day))
    assert is_workday(D(2024, 10, 8))


def test_ordinary_weekends_are_days_off_and_weekdays_working_days():
    assert not is_workday(D(2024, 6, 15))  # Saturday
    assert is_workday(D(2024, 6, 17))  # Monday


def test_the_years_the_library_carries():
    years = covered_years()
    assert 2024 in years and is_covered(2024)
    assert not is_covered(UNCOVERED) and not is_covered(years[-1] + 1)


def test_an_uncovered_year_falls_back_to_monday_to_friday():
    monday = D(UNCOVERED, 1, 1) + datetime.timedelta(days=-D(UNCOVERED, 1, 1).weekday() + 7)
    assert [is_workday(monday + datetime.timedelta(days=i)) for i in range(7)] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]
    # New Year's Day is no holiday until staff say so.
    assert is_workday(D(UNCOVERED, 1, 1)) == (D(UNCOVERED, 1, 1).weekday() < 5)


def test_official_changes_list_holidays_on_weekdays_and_weekends_worked():
    changes = dict(workdays.official_changes(2024))
    assert changes[D(2024, 2, 4)] is True and changes[D(2024, 10, 1)] is False
    assert D(2024, 6, 17) not in changes
    assert workdays.official_changes(UNCOVERED) == []


# --- Overrides win ------------------------------------------------------------------------------


def test_an_override_wins_over_the_official_calendar():
    override(D(2024, 10, 1), True)
    override(D(2024, 6, 17), False)
    assert is_workday(D(2024, 10, 1))
    assert not is_workday(D(2024, 6, 17))


def test_an_override_fills_an_uncovered_year():
    new_year = D(UNCOVERED, 1, 1)
    override(new_year, False)
    assert not is_workday(new_year)


# --- Counting -----------------------------------------------------------------------------------


def test_one_working_day_after_the_eve_of_national_day_is_the_eighth():
    assert add_workdays(D(2024, 9, 30), 1) == D(2024, 10, 8)


def test_the_start_is_not_counted_and_zero_days_is_the_start():
    assert add_workdays(D(2024, 6, 14), 1) == D(2024, 6, 17)  # Friday → Monday
    assert add_workdays(D(2024, 6, 15), 0) == D(2024, 6, 15)
    assert add_workdays(D(2024, 6, 17), 5) == D(2024, 6, 24)


def test_a_negative_count_is_refused():
    with pytest.raises(ValidationFailed):
        add_workdays(D(2024, 6, 17), -1)


def test_workdays_between_counts_after_the_first_day_up_to_the_last():
    assert workdays_between(D(2024, 9, 30), D(2024, 10, 8)) == 1
    assert workdays_between(D(2024, 6, 14), D(2024, 6, 17)) == 1
    assert workdays_between(D(2024, 6, 17), D(2024, 6, 17)) == 0
    assert workdays_between(D(2024, 6, 24), D(2024, 6, 17)) == -5


@pytest.mark.parametrize("start", [D(2024, 2, 1), D(2024, 9, 27), D(2024, 12, 30)])
@pytest.mark.parametrize("n", [0, 1, 3, 10, 30])
def test_counting_forward_and_between_agree(start, n):
    assert workdays_between(start, add_workdays(start, n)) == n


def test_next_workday_is_the_day_itself_or_the_first_working_day_after():
    assert next_workday(D(2024, 6, 17)) == D(2024, 6, 17)
    assert next_workday(D(2024, 10, 1)) == D(2024, 10, 8)
    assert next_workday(D(2024, 6, 15)) == D(2024, 6, 17)


def test_counting_reads_the_overrides_in_one_query():
    for day in (D(2024, 7, 1), D(2024, 7, 2), D(2024, 7, 3)):
        override(day, False)
    with CaptureQueriesContext(connection) as queries:
        assert add_workdays(D(2024, 6, 28), 40) == D(2024, 8, 28)
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        assert workdays_between(D(2024, 6, 28), D(2024, 8, 28)) == 40
    assert len(queries) == 1


def test_a_calendar_refuses_days_outside_what_it_loaded():
    cal = workdays.calendar(D(2024, 6, 1), D(2024, 6, 30))
    assert cal.is_workday(D(2024, 6, 17))
    with pytest.raises(ValueError):
        cal.is_workday(D(2024, 7, 1))


# --- Services -----------------------------------------------------------------------------------


def test_setting_an_override_creates_it_and_audits(admin):
    made = workday_override_set(
        actor=admin, day=D(UNCOVERED, 1, 1), is_workday=False, note=" 元旦放假 "
    )
    assert made.note == "元旦放假" and not made.is_workday
    entry = AuditEntry.objects.get(object_id=str(made.pk), content_type__model="workdayoverride")
    assert entry.action == AuditAction.CREATE and entry.actor == admin


def test_setting_the_same_day_again_changes_its_override(admin):
    first = workday_override_set(actor=admin, day=D(UNCOVERED, 1, 1), is_workday=False, note="a")
    again = workday_override_set(actor=admin, day=D(UNCOVERED, 1, 1), is_workday=True, note="b")
    assert again.pk == first.pk and again.is_workday and again.note == "b"
    assert WorkdayOverride.objects.count() == 1
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE).get()
    assert entry.changes["is_workday"] == [False, True]


def test_an_override_without_a_note_is_refused(admin):
    with written.unchanged(), pytest.raises(ValidationFailed) as info:
        workday_override_set(actor=admin, day=D(UNCOVERED, 1, 1), is_workday=False, note="  ")
    assert "note" in info.value.extra["errors"]


def test_deleting_an_override_returns_the_day_to_the_official_calendar(admin):
    made = workday_override_set(actor=admin, day=D(2024, 10, 1), is_workday=True, note="值班")
    assert is_workday(D(2024, 10, 1))
    workday_override_delete(actor=admin, override=made)
    assert not is_workday(D(2024, 10, 1))
    assert AuditEntry.objects.filter(action=AuditAction.DELETE).count() == 1


def test_deleting_an_override_someone_else_deleted_is_refused(admin):
    made = workday_override_set(actor=admin, day=D(2024, 10, 1), is_workday=True, note="值班")
    stale = WorkdayOverride.objects.get(pk=made.pk)
    workday_override_delete(actor=admin, override=made)
    with written.unchanged(), pytest.raises(NotFound) as info:
        workday_override_delete(actor=admin, override=stale)
    assert info.value.message == workdays.OVERRIDE_GONE


def test_only_administrators_change_the_calendar():
    """The calendar is everyone's: staff of a region may not move a national holiday."""
    from renda.accounts.tests.factories import user_with
    from renda.core.exceptions import PermissionRefused
    from renda.regions.tests.factories import rongchang

    staff = user_with("staff", region=rongchang())
    with pytest.raises(PermissionRefused):
        workday_override_set(actor=staff, day=D(UNCOVERED, 1, 1), is_workday=False, note="元旦")
    assert not WorkdayOverride.objects.exists()
    made = workday_override_set(actor="test", day=D(2024, 10, 1), is_workday=True, note="值班")
    with pytest.raises(PermissionRefused):
        workday_override_delete(actor=staff, override=made)
    assert WorkdayOverride.objects.filter(pk=made.pk).exists()

"""An assignment's clocks on the official calendar: ten working days to accept or send back
across National Day 2024 and the Spring Festival 2025 (their make-up working days count), three
months to reply ending on the last day of a shorter month, one month to answer again; and, for
any start and length, a clock in working days never falls due on a day off."""

import datetime

import chinese_calendar
import pytest
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from renda.core import workdays
from renda.core.choices import DeadlineUnit
from renda.core.deadlines import due_date
from renda.core.exceptions import InvalidTransition
from renda.handling import clocks
from renda.handling import services as handling
from renda.handling.models import Assignment
from renda.handling.querysets import ACCEPT_CLOCK, ANSWER_CLOCK
from renda.suggestions import services
from renda.suggestions.tests.factories import draft, letter, world

pytestmark = pytest.mark.django_db

D = datetime.date


def assigned_on(moment: str):
    """A world and its suggestion assigned to the lead unit at `moment` (Beijing time)."""
    with freeze_time(moment):
        w = world(deputies=1)
        s = services.suggestion_submit(actor=w.deputy, suggestion=draft(w))
        s = services.suggestion_accept(actor=w.staff, suggestion=s)
        s = services.suggestion_assign(
            actor=w.staff, suggestion=s, mode="lead_co", lead=w.lead_unit
        )
    return w, s, Assignment.objects.of(s).get()


def due(assignment, purpose):
    return clocks.live(assignment, purpose).due


def test_the_accept_clock_runs_across_national_day_and_counts_the_saturday_worked():
    w, _s, a = assigned_on("2024-09-27 10:00:00+08:00")  # Friday before the holiday
    # Sunday 29 Sep (worked), Monday 30; 1–7 Oct off; 8–11; Saturday 12 Oct (worked); 14–16.
    assert due(a, ACCEPT_CLOCK) == D(2024, 10, 16)
    assert workdays.is_workday(D(2024, 10, 12)) and not workdays.is_workday(D(2024, 10, 7))
    assert workdays.workdays_between(D(2024, 9, 27), D(2024, 10, 16)) == 10
    with freeze_time("2024-10-17 09:00:00+08:00"), pytest.raises(InvalidTransition):
        handling.assignment_send_back(actor=w.lead_clerk, assignment=a, note="不属于本单位")
    with freeze_time("2024-10-16 17:00:00+08:00"):
        a = handling.assignment_send_back(actor=w.lead_clerk, assignment=a, note="不属于本单位")
    assert a.status == "returned"


def test_the_accept_clock_runs_across_the_spring_festival_and_counts_the_sunday_worked():
    _w, _s, a = assigned_on("2025-01-24 10:00:00+08:00")  # the Friday before
    # Sunday 26 Jan (worked), Monday 27; 28 Jan – 4 Feb off; 5–7; Saturday 8 Feb (worked);
    # 10–13. Monday to Friday alone would make it 17 February.
    assert workdays.is_workday(D(2025, 1, 26)) and workdays.is_workday(D(2025, 2, 8))
    assert due(a, ACCEPT_CLOCK) == D(2025, 2, 13)


def test_three_months_to_reply_from_the_last_of_january_end_on_the_last_of_april():
    _w, _s, a = assigned_on("2025-01-31 10:00:00+08:00")
    assert due(a, ANSWER_CLOCK) == D(2025, 4, 30)


def test_answering_again_after_dissatisfaction_has_one_month():
    w, s, a = assigned_on("2025-01-02 10:00:00+08:00")
    with freeze_time("2025-01-10 10:00:00+08:00"):
        a = handling.assignment_accept(actor=w.lead_clerk, assignment=a)
        handling.assignment_answer(
            actor=w.lead_clerk,
            assignment=a,
            text="已列入计划。",
            result_category="B",
            contact_person="李明",
            contact_mode="met",
            files=[letter()],
        )
    with freeze_time("2025-01-31 10:00:00+08:00"):
        services.suggestion_rate_reply(
            actor=w.deputy,
            suggestion=type(s).objects.get(pk=s.pk),
            value="dissatisfied",
            comment="未与群众商量",
        )
    assert due(a, ANSWER_CLOCK) == D(2025, 2, 28)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 12, 31)),
    n=st.integers(min_value=1, max_value=30),
)
def test_a_clock_in_working_days_never_falls_due_on_a_day_off(start, n):
    day = due_date(start, n, DeadlineUnit.WORKING_DAYS)
    assert day > start
    assert workdays.is_workday(day), day
    if day.year <= 2026:  # the years the official calendar carries
        assert chinese_calendar.is_workday(day), day
    assert workdays.workdays_between(start, day) == n

"""The deputy is reminded to rate; what is not rated in time is recorded as not rated (未评价),
never as satisfied, by `renda close_unrated`, once."""

import datetime

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from renda.handling import services as handling
from renda.handling.models import Assignment
from renda.suggestions import reminders, services
from renda.suggestions.models import Suggestion
from renda.suggestions.tests.factories import draft, letter, world

pytestmark = pytest.mark.django_db


def replied(w, category="A") -> Suggestion:
    s = services.suggestion_submit(actor=w.deputy, suggestion=draft(w))
    s = services.suggestion_accept(actor=w.staff, suggestion=s)
    services.suggestion_assign(actor=w.staff, suggestion=s, mode="lead_co", lead=w.lead_unit)
    lead = Assignment.objects.get(unit=w.lead_unit)
    handling.assignment_accept(actor=w.lead_clerk, assignment=lead)
    handling.assignment_answer(
        actor=w.lead_clerk,
        assignment=lead,
        text="已办理。",
        result_category=category,
        contact_person="李明",
        contact_mode="phone",
        files=[letter()],
    )
    s.refresh_from_db()
    return s


@pytest.fixture
def w():
    with freeze_time("2025-03-03 10:00:00+08:00"):
        w = world()
        w.item = replied(w)
    return w


def test_the_deputy_is_reminded_seven_days_and_one_day_before(w):
    # 30 days to rate after 3 March: until 2 April.
    for day in (datetime.date(2025, 3, 26), datetime.date(2025, 4, 1)):
        plan = reminders.plan(day)
        assert [(r.kind, r.recipients) for r in plan] == [("suggestions.rate", [w.deputy])]
    assert reminders.plan(datetime.date(2025, 3, 27)) == []


def test_an_item_not_rated_in_time_is_recorded_as_not_rated_once(w):
    with freeze_time("2025-04-02 23:00:00+08:00"):
        call_command("close_unrated")
    w.item.refresh_from_db()
    assert w.item.status == "replied"
    with freeze_time("2025-04-03 01:00:00+08:00"):
        call_command("close_unrated")
        call_command("close_unrated")
    w.item.refresh_from_db()
    assert (w.item.status, w.item.reply_rating, w.item.first_reply_rating) == (
        "closed",
        "not_rated",
        "not_rated",
    )


def test_a_b_item_not_rated_goes_on_to_its_fulfilment():
    with freeze_time("2025-03-03 10:00:00+08:00"):
        w = world()
        s = replied(w, category="B")
    with freeze_time("2025-05-01 10:00:00+08:00"):
        call_command("close_unrated")
    s.refresh_from_db()
    assert (s.status, s.reply_rating) == ("fulfilling", "not_rated")


def test_the_office_cannot_record_it_before_the_time_is_up(w, client):
    from django.urls import reverse

    with freeze_time("2025-03-20 10:00:00+08:00"):
        client.force_login(w.staff)
        page = client.get(w.item.get_absolute_url()).content.decode()
        assert "2025年4月2日" in page  # the day the deputy can still rate until
        client.post(reverse("suggestions:suggestion_lapse_reply", args=[w.item.pk]))
    w.item.refresh_from_db()
    assert w.item.status == "replied"

"""Handling's reminders with frozen dates: due soon to the unit, overdue to the unit and its
head contacts, one daily summary to the office; each once; the office urging by hand."""

import datetime

import pytest
from freezegun import freeze_time

from renda.accounts.models import RoleGrant
from renda.accounts.services import unit_head_set
from renda.accounts.tests.factories import user_with
from renda.core.exceptions import InvalidTransition, PermissionRefused, ValidationFailed
from renda.core.models import AuditEntry
from renda.handling import reminders, services
from renda.handling.models import Assignment
from renda.notifications.models import Notification
from renda.notifications.reminders import send
from renda.suggestions import services as suggestions
from renda.suggestions.tests.factories import draft, world

pytestmark = pytest.mark.django_db


def kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def w():
    with freeze_time("2025-03-03 10:00:00+08:00"):
        w = world()
        s = suggestions.suggestion_submit(actor=w.deputy, suggestion=draft(w))
        s = suggestions.suggestion_accept(actor=w.staff, suggestion=s)
        suggestions.suggestion_assign(
            actor=w.staff, suggestion=s, mode="lead_co", lead=w.lead_unit, co=[w.co_unit]
        )
    w.lead = Assignment.objects.get(unit=w.lead_unit)
    w.head = user_with("unit", handling_unit=w.lead_unit)
    grant = RoleGrant.objects.get(user=w.head)
    unit_head_set(actor="test", grant=grant, head=True)
    return w


def test_nothing_is_due_on_an_ordinary_day(w):
    assert reminders.plan(datetime.date(2025, 3, 5)) == []


def test_two_days_before_the_accept_clock_ends_the_unit_hears(w):
    # Assigned Monday 3 March: ten working days end Monday 17 March.
    plan = reminders.plan(datetime.date(2025, 3, 15))
    got = sorted((r.about, r.kind, tuple(u.pk for u in r.recipients)) for r in plan)
    assert [(kind, pks) for _about, kind, pks in got] == [
        ("handling.due_soon", (w.lead_clerk.pk, w.head.pk)),
        ("handling.due_soon", (w.co_clerk.pk,)),
    ]


def test_overdue_reaches_the_unit_its_head_and_the_office_once(w):
    with freeze_time("2025-03-18 08:00:00+08:00"):
        send(reminders.plan(datetime.date(2025, 3, 18)))
        send(reminders.plan(datetime.date(2025, 3, 18)))
    assert kinds(w.lead_clerk) == ["handling.overdue"]
    assert kinds(w.head) == ["handling.overdue"]
    assert kinds(w.staff) == ["handling.overdue_summary"]
    summary = Notification.objects.get(recipient=w.staff)
    assert "区交通局" in summary.body and "区财政局" in summary.body


def test_an_accepted_assignment_is_no_longer_overdue_to_accept(w):
    services.assignment_accept(actor=w.lead_clerk, assignment=w.lead)
    plan = reminders.plan(datetime.date(2025, 3, 18))
    assert [r.key for r in plan if f":{w.lead.pk}:" in r.key] == []
    assert [r.kind for r in plan if r.about.startswith("区财政局")] == ["handling.overdue"]


def test_the_answer_clock_warns_fifteen_and_three_days_before(w):
    services.assignment_accept(actor=w.lead_clerk, assignment=w.lead)
    due = datetime.date(2025, 6, 3)
    for days in (15, 3):
        plan = reminders.plan(due - datetime.timedelta(days=days))
        assert [r.kind for r in plan if f":{w.lead.pk}:answer" in r.key] == ["handling.due_soon"]
    later = reminders.plan(due - datetime.timedelta(days=5))
    assert [r for r in later if f":{w.lead.pk}:answer" in r.key] == []


def test_the_office_urges_by_hand_with_a_note(w):
    services.assignment_urge(actor=w.staff, assignment=w.lead, note="请本周内签收")
    assert kinds(w.lead_clerk) == ["assignment.urge"]
    assert kinds(w.head) == ["assignment.urge"]
    entry = AuditEntry.objects.filter(step="urge").get()
    assert "请本周内签收" in entry.note


def test_urging_is_refused_without_a_note_to_others_and_when_nothing_is_owed(w):
    before = (Notification.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationFailed):
        services.assignment_urge(actor=w.staff, assignment=w.lead, note=" ")
    with pytest.raises(PermissionRefused):
        services.assignment_urge(actor=w.lead_clerk, assignment=w.lead, note="催")
    services.assignment_withdraw(actor=w.staff, assignment=w.lead, note="交错了")
    after_withdraw = (Notification.objects.count(), AuditEntry.objects.count())
    with pytest.raises(InvalidTransition):
        services.assignment_urge(actor=w.staff, assignment=w.lead, note="催")
    assert (Notification.objects.count(), AuditEntry.objects.count()) == after_withdraw
    assert after_withdraw[0] >= before[0]


def test_only_a_units_login_is_a_head_contact(w):
    grant = RoleGrant.objects.get(user=w.deputy)
    with pytest.raises(ValidationFailed):
        unit_head_set(actor="test", grant=grant, head=True)
    grant.refresh_from_db()
    assert grant.unit_head is False

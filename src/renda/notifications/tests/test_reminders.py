"""The reminders registry: any app's rule, planned for a day, sent once per key and recipient
however often the daily command runs; a dry run writes nothing; `--rule` picks rules."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from renda.accounts.tests.factories import UserFactory
from renda.notifications import reminders
from renda.notifications.models import Notification

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 5, 1)


@pytest.fixture
def rule():
    """A rule of a pretend app: one reminder a day to two users."""
    users = [UserFactory(), UserFactory()]

    def plan(today):
        return [
            reminders.Reminder(
                kind="test.daily",
                key=f"test.daily:{today.isoformat()}",
                title="今日待办",
                body="",
                link="/manage/",
                about="两位用户",
                recipients=users,
            )
        ]

    rule = reminders.Rule("test", "测试", plan)
    reminders.register(rule)
    yield rule
    reminders._rules.pop(rule.name)


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_a_registered_rule_is_planned_for_the_day(rule):
    assert [r.key for r in reminders.due(DAY, only=["test"])] == ["test.daily:2026-05-01"]


def test_sending_twice_sends_once(rule):
    plan = reminders.due(DAY, only=["test"])
    assert [o.sent for o in reminders.send(plan)] == [2]
    assert [o.sent for o in reminders.send(plan)] == [0]
    assert Notification.objects.filter(kind="test.daily").count() == 2


def test_a_dry_run_says_what_would_go_and_writes_nothing(rule):
    outcomes = reminders.send(reminders.due(DAY, only=["test"]), dry_run=True)
    assert [o.sent for o in outcomes] == [2]
    assert not Notification.objects.exists()


def test_the_command_runs_only_the_rules_asked_for(rule):
    out = run("--today", DAY.isoformat(), "--rule", "test")
    assert "2 notification(s) sent" in out
    assert set(Notification.objects.values_list("kind", flat=True)) == {"test.daily"}
    assert "0 notification(s) sent" in run("--today", DAY.isoformat(), "--rule", "test")


def test_every_app_rule_is_registered():
    assert "commitments" in {r.name for r in reminders.rules()}

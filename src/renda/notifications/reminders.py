"""Reminders: any app adds rules; one daily command (`renda send_reminders`) sends what is due.

A rule is a function of the day that returns the reminders due on it: each a notification for
some users, with a key that names what it is about (kind, year, object, and the spell it belongs
to, such as "quiet since 1 March"). `notify` keeps keys unique per recipient, so running the
command twice a day, or a day late, sends nothing twice. Apps register their rules in
`AppConfig.ready()`:

    reminders.register(reminders.Rule("commitments", _("Commitments"), plan_reminders))

Recipients come from `accounts.selectors` (a person's users, a region's staff, a unit's users).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from renda.notifications.selectors import recipients_without
from renda.notifications.services import notify


@dataclass
class Reminder:
    """One notification to send to some users, with the key that makes it once only."""

    kind: str
    key: str
    title: str
    body: str
    link: str
    about: str  # who or what it is about, for the command's report
    recipients: list = field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    """What one app reminds of: `plan(today)` returns the reminders due on `today`."""

    name: str
    label: Any
    plan: Callable[[datetime.date], Iterable[Reminder]]


@dataclass
class Outcome:
    reminder: Reminder
    sent: int  # recipients who got it now (or would, in a dry run)


_rules: dict[str, Rule] = {}


def register(rule: Rule) -> None:
    _rules[rule.name] = rule


def rules() -> list[Rule]:
    return list(_rules.values())


def due(today: datetime.date, only: Iterable[str] | None = None) -> list[Reminder]:
    """Every registered rule's reminders for `today`, in the site's language."""
    chosen = [r for r in _rules.values() if only is None or r.name in set(only)]
    with translation.override(settings.LANGUAGE_CODE):
        return [reminder for rule in chosen for reminder in rule.plan(today)]


def send(plan: Iterable[Reminder], *, dry_run: bool = False) -> list[Outcome]:
    """Send each reminder to those who have not had it. Each is its own transaction: a
    failure leaves the others sent. A dry run sends nothing and says what would go."""
    outcomes = []
    for reminder in plan:
        if dry_run:
            sent = len(recipients_without(reminder.recipients, reminder.key))
        else:
            with transaction.atomic():
                sent = len(
                    notify(
                        recipients=reminder.recipients,
                        kind=reminder.kind,
                        title=reminder.title,
                        body=reminder.body,
                        link=reminder.link,
                        key=reminder.key,
                    )
                )
        outcomes.append(Outcome(reminder, sent))
    return outcomes

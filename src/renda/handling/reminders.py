"""Reminders of handling (催办), sent by the daily `renda send_reminders`.

For every live assignment with a running clock, whatever item it hands out (a suggestion, a
case):

- **Due soon**: the accept clock two days before it ends, the answer clock fifteen and three
  days before: the unit's users.
- **Overdue**: from the day after the due date, once per clock and due date (an extension makes
  a new due date, and a new reminder when that passes too): the unit's users and its head
  contacts (`RoleGrant.unit_head`), escalating.
- **The office**: one summary a day per region of what is overdue there, to its staff.

Every key names the assignment, the clock and its due date, so a second run sends nothing.
Staff send a reminder by hand with a note (`services.assignment_urge`).
"""

import datetime
from collections import defaultdict

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from renda.accounts.selectors import region_staff, unit_users
from renda.handling.models import LIVE, Assignment
from renda.notifications.reminders import Reminder, Rule

KIND_SOON = "handling.due_soon"
KIND_OVERDUE = "handling.overdue"
KIND_SUMMARY = "handling.overdue_summary"
ACCEPT_SOON = (2,)
ANSWER_SOON = (15, 3)
SUMMARY_ITEMS = 30


def _day(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def plan(today: datetime.date) -> list[Reminder]:
    """Everything due on `today`: four queries whatever the number of assignments."""
    soon_days = {today + datetime.timedelta(days=n) for n in (*ACCEPT_SOON, *ANSWER_SOON)}
    rows = list(
        Assignment.objects.filter(status__in=LIVE)
        .with_clocks()
        .select_related("unit", "region")
        .prefetch_related("subject")
        .filter_due(today, soon_days)
    )
    users = unit_users({a.unit_id for a in rows})
    heads = unit_users({a.unit_id for a in rows}, heads=True)
    plan_: list[Reminder] = []
    overdue_by_region: dict[int, list] = defaultdict(list)
    for a in rows:
        for clock, due, soon in (
            ("accept", a.accept_due, ACCEPT_SOON),
            ("answer", a.answer_due, ANSWER_SOON),
        ):
            if due is None:
                continue
            left = (due - today).days
            if left < 0:
                plan_.append(_overdue(a, clock, due, -left, users[a.unit_id] + heads[a.unit_id]))
                overdue_by_region[a.region_id].append((a, clock, due))
            elif left in soon:
                plan_.append(_soon(a, clock, due, left, users[a.unit_id]))
    regions = {a.region for a in rows if a.region_id in overdue_by_region}
    staff = region_staff(regions)
    for region in regions:
        plan_.append(_summary(region, overdue_by_region[region.pk], staff[region.pk], today))
    return plan_


def _what(clock: str) -> str:
    return _("accept or send back") if clock == "accept" else _("answer")


def _soon(a, clock, due, left, recipients) -> Reminder:
    return Reminder(
        kind=KIND_SOON,
        key=f"{KIND_SOON}:{a.pk}:{clock}:{due.isoformat()}:{left}",
        title=_("“%(subject)s”: %(what)s by %(date)s")
        % {"subject": a.subject, "what": _what(clock), "date": _day(due)},
        body=ngettext("%(count)s day left to %(what)s.", "%(count)s days left to %(what)s.", left)
        % {"count": left, "what": _what(clock)},
        link=a.get_absolute_url(),
        about=f"{a.unit.name}: {a.subject}",
        recipients=recipients,
    )


def _overdue(a, clock, due, late, recipients) -> Reminder:
    return Reminder(
        kind=KIND_OVERDUE,
        key=f"{KIND_OVERDUE}:{a.pk}:{clock}:{due.isoformat()}",
        title=_("Overdue: “%(subject)s”") % {"subject": a.subject},
        body=_("%(unit)s was to %(what)s by %(date)s; it is %(late)s days late.")
        % {"unit": a.unit.name, "what": _what(clock), "date": _day(due), "late": late},
        link=a.get_absolute_url(),
        about=f"{a.unit.name}: {a.subject}",
        recipients=recipients,
    )


def _summary(region, rows, recipients, today) -> Reminder:
    from django.urls import reverse

    units = sorted({a.unit.name for a, _c, _d in rows})
    listed = "；".join(
        f"{a.unit.name}：{a.subject}（{_day(due)}）" for a, _c, due in rows[:SUMMARY_ITEMS]
    )
    if len(rows) > SUMMARY_ITEMS:
        listed += " …"
    return Reminder(
        kind=KIND_SUMMARY,
        key=f"{KIND_SUMMARY}:{region.pk}:{today.isoformat()}",
        title=ngettext(
            "%(count)s assignment overdue in %(units)s unit",
            "%(count)s assignments overdue in %(units)s units",
            len(rows),
        )
        % {"count": len(rows), "units": len(units)},
        body=listed,
        link=reverse("handling:assignment_list") + "?overdue=true",
        about=f"{region.name}: {len(rows)}",
        recipients=recipients,
    )


RULE = Rule("handling", _lazy("Handling deadlines"), plan)

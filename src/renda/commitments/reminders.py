"""Reminders of the commitment cycle: who has made no commitments, whose have gone quiet.

Two lists (`selectors.missing_commitments`, `selectors.stale_commitments`), read by the staff
page and sent by `renda send_reminders` (daily, from cron) through the rule registered here:

- **Missing**: deputies who hold a seat in a congress whose submission window for a year has
  closed, and who have made no commitment that year — nothing beyond drafts (a withdrawn or
  cancelled one does not count). One set per deputy and year, whichever seat it is filed
  under, so a commitment filed at another level counts too. The deputy is reminded, and the
  staff of exactly the congress's region and its parent get one summary per congress and year.
- **Stale**: approved commitments with no progress report for settings.COMMITMENT_STALE_DAYS
  days (60 unless set), counted from the latest report, or from the approval if none. The
  deputy is reminded, once per quiet spell: a report starts a new spell.

Every reminder has a key (kind, year, deputy or commitment) that `notify` keeps unique per
recipient, so a second run on the same day, or the next day, sends nothing already sent.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from renda.accounts.selectors import person_users, region_staff
from renda.commitments.models import Commitment
from renda.commitments.selectors import (
    MissingDeputy,
    missing_commitments,
    reminder_cycles,
    stale_commitments,
    stale_days,
)
from renda.notifications.reminders import Outcome, Reminder, Rule, send

KIND_MISSING = "commitments.missing"
KIND_MISSING_SUMMARY = "commitments.missing_summary"
KIND_STALE = "commitments.stale"
SUMMARY_NAMES = 50  # names listed in a staff summary; the page has them all


def _first_url(*names: str) -> str:
    """The first of `names` that is mounted (the deputy's own commitments page, else the
    workbench)."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def _page_link(year: int) -> str:
    return f"{reverse('commitment_reminders:list')}?year={year}"


# --- Sending ------------------------------------------------------------------------------------


def plan_reminders(*, today: datetime.date, cycles=None, days: int | None = None):
    """Every reminder due on `today` for `cycles` (by default `reminder_cycles(today)`): to each
    deputy without commitments once, to the staff of the congress's region and its parent one
    summary per congress and year, and to each deputy per quiet commitment."""
    cycles = list(reminder_cycles(today) if cycles is None else cycles)
    days = stale_days() if days is None else days
    missing = missing_commitments(cycles, today=today)
    stale = stale_commitments(cycles, today=today, days=days)
    people = person_users([m.person.pk for m in missing] + [c.person_id for c in stale])
    congresses = {m.cycle.congress for m in missing}
    by_region = region_staff({c.region for c in congresses}, up=1)
    staff = {c.pk: by_region[c.region_id] for c in congresses}
    plan: list[Reminder] = []
    seen = set()
    for m in missing:
        if (m.person.pk, m.cycle.year) in seen:  # seats at two levels: one set, one reminder
            continue
        seen.add((m.person.pk, m.cycle.year))
        plan.append(_missing_reminder(m, people[m.person.pk]))
    by_cycle: dict[int, list[MissingDeputy]] = defaultdict(list)
    for m in missing:
        by_cycle[m.cycle.pk].append(m)
    for rows in by_cycle.values():
        plan.append(_summary_reminder(rows, staff.get(rows[0].cycle.congress_id, [])))
    for c in stale:
        plan.append(_stale_reminder(c, days, today, people[c.person_id]))
    return plan


def _missing_reminder(m: MissingDeputy, users) -> Reminder:
    cycle = m.cycle
    return Reminder(
        kind=KIND_MISSING,
        key=f"{KIND_MISSING}:{cycle.year}:person:{m.person.pk}",
        title=_("You have made no commitments for %(year)s") % {"year": cycle.year},
        body=_(
            "Submissions of commitments to %(congress)s closed on %(closes)s and we have "
            "none from you. Please make your commitments and send them for review, or "
            "contact the congress's staff."
        )
        % {"congress": cycle.congress, "closes": cycle.closes.isoformat()},
        link=_first_url("commitments:mine", "core:dashboard"),
        about=f"{m.person.name} ({cycle})",
        recipients=users,
    )


def _summary_reminder(rows: list[MissingDeputy], users) -> Reminder:
    cycle = rows[0].cycle
    names = "、".join(m.person.name for m in rows[:SUMMARY_NAMES])
    if len(rows) > SUMMARY_NAMES:
        names += " …"
    return Reminder(
        kind=KIND_MISSING_SUMMARY,
        key=f"{KIND_MISSING_SUMMARY}:{cycle.year}:congress:{cycle.congress_id}",
        title=ngettext(
            "%(count)s deputy has made no commitments for %(year)s",
            "%(count)s deputies have made no commitments for %(year)s",
            len(rows),
        )
        % {"count": len(rows), "year": cycle.year},
        body=_("%(congress)s, submissions closed on %(closes)s: %(names)s")
        % {"congress": cycle.congress, "closes": cycle.closes.isoformat(), "names": names},
        link=_page_link(cycle.year),
        about=f"{cycle}: {len(rows)}",
        recipients=users,
    )


def _stale_reminder(c: Commitment, days: int, today: datetime.date, users) -> Reminder:
    year = c.commitment_year.year
    return Reminder(
        kind=KIND_STALE,
        key=f"{KIND_STALE}:{year}:commitment:{c.pk}:since:{c.quiet_since.isoformat()}",
        title=_("No progress reported on “%(title)s”") % {"title": c.title},
        body=_(
            "Nothing has been reported on this commitment since %(since)s (%(days)s days). "
            "Please report what has been done, with photos or documents as evidence."
        )
        % {"since": c.quiet_since.isoformat(), "days": (today - c.quiet_since).days},
        link=c.link,
        about=f"{c.person.name}: {c.title}",
        recipients=users,
    )


def send_reminders(
    *, today: datetime.date | None = None, cycles=None, dry_run: bool = False
) -> list[Outcome]:
    """Send the commitment reminders due on `today` for `cycles` (the staff page sends one
    year's) not sent before; a dry run sends nothing and reports what would go."""
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        plan = plan_reminders(today=today, cycles=cycles)
    return send(plan, dry_run=dry_run)


RULE = Rule("commitments", _lazy("Commitments"), lambda today: plan_reminders(today=today))

"""Reminders of the commitment cycle: who has made no commitments, whose have gone quiet.

Two lists, read by the staff page and sent by `renda send_reminders` (daily, from cron):

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
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from renda.commitments.choices import CLOSED_STATUSES, CommitmentStatus
from renda.commitments.models import Commitment, CommitmentYear
from renda.core.choices import Role

KIND_MISSING = "commitments.missing"
KIND_MISSING_SUMMARY = "commitments.missing_summary"
KIND_STALE = "commitments.stale"

# A deputy has "made" commitments once one went to review; drafts, withdrawn and cancelled
# ones do not count.
MADE_STATUSES = (
    CommitmentStatus.SUBMITTED,
    CommitmentStatus.RETURNED,
    CommitmentStatus.APPROVED,
    *CLOSED_STATUSES,
)
DEFAULT_STALE_DAYS = 60
SUMMARY_NAMES = 50  # names listed in a staff summary; the page has them all


def stale_days() -> int:
    return int(getattr(settings, "COMMITMENT_STALE_DAYS", DEFAULT_STALE_DAYS))


# --- Selectors ----------------------------------------------------------------------------------


def reminder_cycles(today: datetime.date):
    """The commitment years reminders are sent for: this year's and later ones."""
    return CommitmentYear.objects.filter(year__gte=today.year).select_related("congress__region")


@dataclass(frozen=True)
class MissingDeputy:
    """A seat whose deputy has made no commitment in the cycle's year."""

    cycle: CommitmentYear
    mandate: object

    @property
    def person(self):
        return self.mandate.person


def missing_commitments(cycles, *, today: datetime.date, user=None) -> list[MissingDeputy]:
    """Seats in the congresses of `cycles` whose window has closed before `today`, current
    today and begun by the close, whose deputy has made no commitment that year. With `user`,
    only seats in their scope. One query per year among `cycles`."""
    from renda.people.models import Mandate

    by_year: dict[int, list[CommitmentYear]] = defaultdict(list)
    for cycle in cycles:
        if cycle.closes < today:
            by_year[cycle.year].append(cycle)
    result: list[MissingDeputy] = []
    for year, group in sorted(by_year.items()):
        seats = Mandate.objects.restrict(user) if user is not None else Mandate.objects.all()
        made = Commitment.objects.filter(
            person=OuterRef("person_id"), commitment_year__year=year, status__in=MADE_STATUSES
        )
        seats = (
            seats.current(today)
            .filter(reduce(or_, (Q(congress_id=c.congress_id, start__lte=c.closes) for c in group)))
            .exclude(Exists(made))
            .select_related("person", "congress")
            .order_by("congress__level", "congress__region__code", "person__stroke_key", "pk")
        )
        cycle_of = {c.congress_id: c for c in group}
        result.extend(MissingDeputy(cycle_of[m.congress_id], m) for m in seats)
    return result


def stale_commitments(
    cycles, *, today: datetime.date, days: int | None = None, user=None
) -> list[Commitment]:
    """Approved commitments of `cycles` whose latest progress report (or approval, if none)
    is `days` or more days before `today`; each with `last_activity` and `link`."""
    days = stale_days() if days is None else days
    # Quiet since a day on or before today - days: before the start of the day after it.
    cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=days - 1), datetime.time.min)
    )
    qs = Commitment.objects.restrict(user) if user is not None else Commitment.objects.all()
    rows = list(
        qs.filter(commitment_year__in=cycles, status=CommitmentStatus.APPROVED)
        .annotate(last_activity=Coalesce(Max("progress__created_at"), "decided_at", "created_at"))
        .filter(last_activity__lt=cutoff)
        .select_related("person", "category", "commitment_year__congress")
        .order_by("commitment_year__congress__level", "last_activity", "pk")
    )
    for c in rows:
        c.link = _commitment_link(c)
        c.quiet_since = timezone.localdate(c.last_activity)
    return rows


def _commitment_link(commitment: Commitment) -> str:
    try:
        return commitment.get_absolute_url()
    except NoReverseMatch:  # the commitment pages are not mounted
        return ""


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


def deputy_users(person_ids) -> dict[int, list]:
    """The active users who act as each deputy (a deputy grant bound to the person)."""
    from renda.accounts.models import RoleGrant

    users: dict[int, list] = defaultdict(list)
    grants = RoleGrant.objects.filter(
        role=Role.DEPUTY, person_id__in=set(person_ids), user__is_active=True
    ).select_related("user")
    for grant in grants.order_by("pk"):
        users[grant.person_id].append(grant.user)
    return users


def congress_staff(congresses) -> dict[int, list]:
    """Per congress id, the active staff of exactly its region and of the region's parent."""
    from renda.accounts.models import RoleGrant

    congresses = list(congresses)
    regions = {c.pk: {c.region_id, c.region.parent_id} - {None} for c in congresses}
    wanted = set().union(*regions.values()) if regions else set()
    by_region: dict[int, list] = defaultdict(list)
    grants = RoleGrant.objects.filter(
        role=Role.STAFF, region_id__in=wanted, user__is_active=True
    ).select_related("user")
    for grant in grants.order_by("pk"):
        by_region[grant.region_id].append(grant.user)
    return {
        pk: list({u.pk: u for r in region_ids for u in by_region[r]}.values())
        for pk, region_ids in regions.items()
    }


# --- Sending ------------------------------------------------------------------------------------


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


def plan_reminders(*, today: datetime.date, cycles=None, days: int | None = None):
    """Every reminder due on `today` for `cycles` (by default `reminder_cycles(today)`), in
    the site's language."""
    cycles = list(reminder_cycles(today) if cycles is None else cycles)
    days = stale_days() if days is None else days
    missing = missing_commitments(cycles, today=today)
    stale = stale_commitments(cycles, today=today, days=days)
    people = deputy_users([m.person.pk for m in missing] + [c.person_id for c in stale])
    staff = congress_staff({m.cycle.congress for m in missing})
    plan: list[Reminder] = []
    with translation.override(settings.LANGUAGE_CODE):
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


@dataclass
class Outcome:
    reminder: Reminder
    sent: int  # recipients who got it now (or would, in a dry run)


def send_reminders(
    *, today: datetime.date | None = None, cycles=None, dry_run: bool = False
) -> list[Outcome]:
    """Send every due reminder not sent before. A dry run sends nothing and reports what
    would go. Each reminder is its own transaction: a failure leaves the others sent."""
    from renda.notifications.selectors import recipients_without

    today = today or timezone.localdate()
    outcomes = []
    for reminder in plan_reminders(today=today, cycles=cycles):
        if dry_run:
            sent = len(recipients_without(reminder.recipients, reminder.key))
        else:
            from renda.notifications.services import notify

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

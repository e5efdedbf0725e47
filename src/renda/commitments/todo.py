"""What the commitments put on the to-do page (`core.todo`), beyond the workflow's queues.

A deputy: the commitments of a year whose submissions are open that they still owe ("已填报 1
条，应填报 3 至 6 条"), and their approved commitments with no progress for long. Staff: the
same two in their area, counted, pointing to the reminders page.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from renda.commitments import selectors
from renda.commitments.models import CommitmentYear
from renda.core.scope import scope_for
from renda.core.todo import TodoLine
from renda.people.models import Mandate


def lines(user):
    scope = scope_for(user)
    if scope is None:
        return
    today = timezone.localdate()
    cycles = list(selectors.reminder_cycles(today))
    if scope.person_ids:
        yield from _owed(scope.person_ids, cycles, today)
        stale = [
            c
            for c in selectors.stale_commitments(cycles, today=today, user=user)
            if c.person_id in scope.person_ids
        ]
        if stale:
            yield TodoLine(
                _("My commitments with no progress for %(days)s days")
                % {"days": selectors.stale_days()},
                len(stale),
                reverse("commitments:mine"),
                "；".join(c.title for c in stale[:3]),
            )
    if "staff" in scope.roles:  # not administrators: their page is not the district's queue
        stale = selectors.stale_commitments(cycles, today=today, user=user)
        missing = selectors.missing_commitments(cycles, today=today, user=user)
        url = reverse("commitment_reminders:list")
        yield TodoLine(
            _("Commitments with no progress for %(days)s days") % {"days": selectors.stale_days()},
            len(stale),
            url,
        )
        yield TodoLine(_("Deputies who made no commitment"), len(missing), url)


def _owed(person_ids, cycles, today):
    """Per open year the deputy holds a seat in: how many commitments are still owed."""
    open_cycles = [c for c in cycles if c.opens <= today <= c.closes]
    if not open_cycles:
        return
    seats = (
        Mandate.objects.current(today)
        .filter(person_id__in=person_ids, congress_id__in=[c.congress_id for c in open_cycles])
        .values_list("person_id", "congress_id")
    )
    made = dict(
        CommitmentYear.objects.filter(pk__in=[c.pk for c in open_cycles])
        .annotate(
            n=Count(
                "commitments",
                filter=Q(
                    commitments__person_id__in=person_ids,
                    commitments__status__in=selectors.MADE_STATUSES,
                ),
            )
        )
        .values_list("pk", "n")
    )
    by_congress = {c.congress_id: c for c in open_cycles}
    for _person, congress_id in sorted(set(seats)):
        cycle = by_congress[congress_id]
        n = made.get(cycle.pk, 0)
        if n < cycle.min_count:
            yield TodoLine(
                _("Commitments for %(year)s still to make") % {"year": cycle.year},
                cycle.min_count - n,
                reverse("commitments:mine"),
                _("%(made)s made, %(min)s to %(max)s expected; submissions close on %(day)s.")
                % {
                    "made": n,
                    "min": cycle.min_count,
                    "max": cycle.max_count,
                    "day": date_format(cycle.closes, "DATE_FORMAT"),
                },
            )

"""What the activity register puts on the to-do page (`core.todo`), beyond its queues.

A deputy: per current seat, the minimums still needed this year, in words ("本年度还需审议发言
1 次"). Staff: how many current seats in their area are below the minimums; a liaison: how many
of their stations' deputies are. Four queries for the standings, whatever the number of seats.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.activities import requirements
from renda.activities.choices import Compliance
from renda.activities.selectors import SEAT_RELATED
from renda.core.scope import scope_for
from renda.core.todo import TodoLine
from renda.people.models import Mandate
from renda.stations.models import StationAssignment


def lines(user):
    scope = scope_for(user)
    if scope is None:
        return
    today = timezone.localdate()
    if scope.person_ids:
        own = Mandate.objects.current(today).filter(person_id__in=scope.person_ids)
        for seat in requirements.progress(own.select_related(*SEAT_RELATED), today.year):
            short = [s for s in seat.standings if s.status == Compliance.NOT_MET]
            if short:
                yield TodoLine(
                    _("Minimums still needed (%(congress)s)") % {"congress": seat.mandate.congress},
                    len(short),
                    reverse("activities:mine"),
                    "；".join(s.words for s in short),
                )
    if "staff" in scope.roles:  # not administrators: their page is not the district's queue
        seats = Mandate.objects.restrict(user).current(today)
        yield _below(seats, today.year, reverse("activities:shortfalls"))
    if scope.station_ids:
        seats = Mandate.objects.current(today).filter(
            pk__in=StationAssignment.objects.current(today)
            .filter(station_id__in=scope.station_ids)
            .values("mandate_id")
        )
        yield _below(
            seats, today.year, reverse("stations:station_detail", args=[min(scope.station_ids)])
        )


def _below(seats, year, url) -> TodoLine:
    progress = requirements.progress(seats.select_related(*SEAT_RELATED), year)
    below = sum(1 for p in progress if p.compliance == Compliance.NOT_MET)
    return TodoLine(_("Deputies below this year's minimums"), below, url)

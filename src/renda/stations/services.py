"""Writes for stations, their reception rules and the deputies assigned to them."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction
from renda.core.exceptions import Conflict, InvalidTransition, NotFound, ValidationFailed
from renda.core.querysets import CHANGE, VIEW
from renda.core.scope import scope_for
from renda.stations.choices import AssignmentRole
from renda.stations.models import Station, StationAssignment

STATION_FIELDS = [
    "name",
    "kind",
    "address",
    "phone",
    "latitude",
    "longitude",
    "reception_rule",
    "reception_anchor",
    "reception_start_time",
    "reception_end_time",
    "active",
]
STATION_HAS_HEAD = _("This station already has a head.")
ASSIGNMENT_ALREADY_ENDED = _("This assignment has already ended.")
ASSIGNMENT_MANDATE_ENDED = _("The deputy's mandate has ended.")
ASSIGNMENT_END_BEFORE_START = _("An assignment cannot end before it starts.")
RECEPTION_FIELDS = [
    "reception_rule",
    "reception_anchor",
    "reception_start_time",
    "reception_end_time",
]


def station_create(*, actor, region, name: str, kind: str, address: str, **data) -> Station:
    base.ensure_in_scope(actor, region)
    unknown = set(data) - set(STATION_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    station = Station(region=region, name=name.strip(), kind=kind, address=address.strip(), **data)
    with transaction.atomic():
        return base.create(actor=actor, obj=station)


def station_update(*, actor, station: Station, **data) -> Station:
    base.ensure_in_scope(actor, station)
    with transaction.atomic():
        return base.update(actor=actor, obj=station, data=data, fields=STATION_FIELDS)


def station_reception_set(*, actor, station: Station, **data) -> Station:
    """Keep a station's reception schedule: the rule of its reception days (an empty rule
    clears it), the day it is counted from, and the hours. The station's staff, or a liaison
    of that station; anyone else is told it is not found."""
    if not keeps_reception(actor, station):
        raise NotFound(base.OUT_OF_SCOPE)
    with transaction.atomic():
        return base.update(actor=actor, obj=station, data=data, fields=RECEPTION_FIELDS)


def keeps_reception(actor, station: Station) -> bool:
    """Whether `actor` keeps the station's reception schedule (staff in scope, its liaison)."""
    if base.is_system(actor):
        return True
    if Station.objects.restrict(actor, CHANGE).filter(pk=station.pk).exists():
        return True
    scope = scope_for(actor)
    return scope is not None and station.pk in scope.station_ids


def assignment_create(
    *,
    actor,
    station: Station,
    mandate,
    role: str = AssignmentRole.MEMBER,
    start: datetime.date | None = None,
) -> StationAssignment:
    """Place a deputy in a station. A second head is refused while the first one serves.
    The deputy must be one the actor's scope reaches (elected or seated in their region)."""
    base.ensure_in_scope(actor, station)
    base.ensure_in_scope(actor, mandate, VIEW)
    start = start or timezone.localdate()
    with transaction.atomic():
        # Lock the station so two staff naming a head at once queue here: one wins, the
        # other is told the station has a head.
        Station.objects.select_for_update().filter(pk=station.pk).first()
        # And re-read the mandate: one ended meanwhile must not gain an open assignment.
        mandate = base.lock(mandate)
        if mandate.end is not None:
            raise InvalidTransition(ASSIGNMENT_MANDATE_ENDED)
        if (
            role == AssignmentRole.HEAD
            and station.assignments.filter(role=AssignmentRole.HEAD, end__isnull=True).exists()
        ):
            raise Conflict(STATION_HAS_HEAD)
        assignment = StationAssignment(station=station, mandate=mandate, role=role, start=start)
        return base.create(actor=actor, obj=assignment)


def assignment_end(
    *, actor, assignment: StationAssignment, end: datetime.date | None = None, note: str = ""
) -> StationAssignment:
    base.ensure_in_scope(actor, assignment.station)
    return _assignment_end(
        actor=actor, assignment=assignment, end=end or timezone.localdate(), note=note
    )


def _assignment_end(*, actor, assignment, end, note="") -> StationAssignment:
    with transaction.atomic():
        assignment = base.lock(assignment)
        if assignment.end is not None:
            raise InvalidTransition(ASSIGNMENT_ALREADY_ENDED)
        if end < assignment.start:
            raise ValidationFailed(ASSIGNMENT_END_BEFORE_START)
        before = audit.snapshot(assignment, ["end"])
        assignment.end = end
        assignment.save(update_fields=["end"])
        audit.record(
            actor=actor, action=AuditAction.STATUS, obj=assignment, before=before, note=note
        )
    return assignment


def assignments_end_for_mandate(*, actor, mandate, end: datetime.date, **signal) -> int:
    """When a mandate ends (`people.signals.mandate_ended`), its open assignments end the same
    day."""
    open_ones = list(
        mandate.station_assignments.filter(end__isnull=True).select_related(
            "station", "mandate__person"
        )
    )
    for assignment in open_ones:
        _assignment_end(actor=actor, assignment=assignment, end=max(end, assignment.start))
    return len(open_ones)

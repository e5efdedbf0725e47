"""Writes for stations, their reception rules and the deputies assigned to them."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connections, transaction

from renda.accounts.tests.factories import user_with
from renda.core import audit
from renda.core.choices import AuditAction, Role
from renda.core.exceptions import Conflict, InvalidTransition, NotFound, ValidationFailed
from renda.core.models import AuditEntry
from renda.core.services import OUT_OF_SCOPE
from renda.core.testing import constraint_message, counter, frozen_at, needs_waiting_writers
from renda.people.models import Mandate
from renda.people.services import mandate_end
from renda.people.tests.factories import MandateFactory
from renda.regions.tests.factories import rongchang, tongliang, town
from renda.stations.choices import AssignmentRole, StationKind
from renda.stations.models import Station, StationAssignment
from renda.stations.services import (
    ASSIGNMENT_ALREADY_ENDED,
    ASSIGNMENT_END_BEFORE_START,
    ASSIGNMENT_MANDATE_ENDED,
    STATION_HAS_HEAD,
    assignment_create,
    assignment_end,
    station_create,
    station_update,
)
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

TODAY = datetime.date(2024, 6, 1)


frozen = frozen_at("2024-06-01 10:00:00+08:00", autouse=False)


counts = counter(
    Station,
    StationAssignment,
    AuditEntry,
    open_assignments=StationAssignment.objects.filter(end__isnull=True),
)


@pytest.fixture
def staff():
    return user_with(Role.STAFF, region=rongchang())


@pytest.fixture
def other_staff():
    return user_with(Role.STAFF, region=tongliang())


@pytest.fixture
def station():
    return StationFactory(name="直升镇人大代表之家", region=town())


# --- station_create / station_update -------------------------------------------------------------


def test_station_create_with_a_reception_rule_is_audited(staff):
    station = station_create(
        actor=staff,
        region=town(),
        name=" 直升镇人大代表之家 ",
        kind=StationKind.DEPUTY_HOME,
        address=" 直升镇政府一楼 ",
        phone="023-46701234",
        reception_rule="FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20",
        reception_anchor=datetime.date(2024, 1, 1),
    )

    assert station.name == "直升镇人大代表之家"
    assert station.address == "直升镇政府一楼"
    assert station.next_reception_dates(count=2, after=TODAY) == [
        datetime.date(2024, 7, 20),
        datetime.date(2024, 9, 20),
    ]
    entry = audit.timeline(station).get(action=AuditAction.CREATE)
    assert entry.actor == staff
    assert entry.changes["reception_rule"] == [None, "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20"]


def test_a_station_without_a_rule_has_no_reception_days(staff):
    station = station_create(
        actor=staff,
        region=town(),
        name="黄泥村联络站",
        kind=StationKind.CONTACT_POINT,
        address="村委会",
    )

    assert station.reception_rule == ""
    assert station.next_reception_dates() == []
    assert station.reception_rule_text == ""


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY",
        "FREQ=MONTHLY",
        "FREQ=MONTHLY;BYMONTHDAY=32",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3",
        "每月15日",
    ],
)
def test_an_invalid_reception_rule_is_refused(staff, rule):
    region = town()
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        station_create(
            actor=staff,
            region=region,
            name="直升镇人大代表之家",
            kind=StationKind.DEPUTY_HOME,
            address="直升镇",
            reception_rule=rule,
        )

    assert list(caught.value.extra["errors"]) == ["reception_rule"]


def test_reception_must_end_after_it_starts(staff):
    region = town()
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        station_create(
            actor=staff,
            region=region,
            name="直升镇人大代表之家",
            kind=StationKind.DEPUTY_HOME,
            address="直升镇",
            reception_start_time=datetime.time(14, 0),
            reception_end_time=datetime.time(9, 0),
        )

    assert str(caught.value.message) == constraint_message(
        Station, "station_reception_ends_after_start"
    )


def test_a_repeated_station_name_in_a_region_is_refused(staff, station):
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        station_create(
            actor=staff,
            region=station.region,
            name="直升镇人大代表之家",
            kind=StationKind.DEPUTY_HOME,
            address="直升镇",
        )

    assert str(caught.value.message) == constraint_message(Station, "station_unique_name")


def test_station_create_refuses_unknown_fields(staff):
    region = town()
    with counts.unchanged(), pytest.raises(ValidationFailed):
        station_create(
            actor=staff,
            region=region,
            name="某站",
            kind=StationKind.DEPUTY_HOME,
            address="某地",
            pk=7,
        )


def test_station_create_outside_scope_is_not_found(other_staff):
    region = town()
    with counts.unchanged(), pytest.raises(NotFound) as caught:
        station_create(
            actor=other_staff,
            region=region,
            name="某站",
            kind=StationKind.DEPUTY_HOME,
            address="某地",
        )

    assert str(caught.value.message) == str(OUT_OF_SCOPE)


def test_town_staff_create_stations_in_their_town_only():
    zhisheng = town("500153104000", "直升镇")
    wanling = town("500153105000", "万灵镇")
    town_staff = user_with(Role.STAFF, region=zhisheng)

    station_create(
        actor=town_staff, region=zhisheng, name="直升镇代表之家", kind="home", address="直升镇"
    )
    with counts.unchanged(), pytest.raises(NotFound):
        station_create(
            actor=town_staff, region=wanling, name="万灵镇代表之家", kind="home", address="万灵镇"
        )


def test_station_update_changes_the_rule_with_from_to(staff, station):
    station_update(actor=staff, station=station, reception_rule="FREQ=WEEKLY;BYDAY=WE")

    station.refresh_from_db()
    assert station.reception_rule == "FREQ=WEEKLY;BYDAY=WE"
    entry = audit.timeline(station).get(action=AuditAction.UPDATE)
    assert entry.changes == {
        "reception_rule": ["FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=WEEKLY;BYDAY=WE"]
    }


def test_station_update_refuses_an_invalid_rule(staff, station):
    before = counts()

    with pytest.raises(ValidationFailed) as caught:
        station_update(actor=staff, station=station, reception_rule="FREQ=YEARLY")

    assert "reception_rule" in caught.value.extra["errors"]
    station.refresh_from_db()
    assert station.reception_rule == "FREQ=MONTHLY;BYMONTHDAY=15"
    assert counts() == before


def test_station_update_cannot_move_the_station(staff, station):
    before = counts()

    with pytest.raises(ValidationFailed):
        station_update(actor=staff, station=station, region=rongchang())

    station.refresh_from_db()
    assert station.region.name == "直升镇"
    assert counts() == before


def test_station_update_outside_scope_is_not_found(other_staff, station):
    with counts.unchanged(), pytest.raises(NotFound):
        station_update(actor=other_staff, station=station, phone="110")


def test_the_stations_liaison_cannot_change_it(station):
    liaison = user_with(Role.LIAISON, station=station)
    with counts.unchanged(), pytest.raises(NotFound):
        station_update(actor=liaison, station=station, phone="110")


# --- assignment_create ---------------------------------------------------------------------------


def test_assignment_create_places_a_deputy_from_today(staff, station):
    mandate = MandateFactory()

    assignment = assignment_create(actor=staff, station=station, mandate=mandate)

    assert assignment.start == TODAY
    assert assignment.end is None
    assert assignment.role == AssignmentRole.MEMBER
    entry = audit.timeline(assignment).get(action=AuditAction.CREATE)
    assert entry.actor == staff
    assert entry.changes["role"] == [None, AssignmentRole.MEMBER]


def test_a_second_head_is_refused_while_the_first_serves(staff, station):
    first = AssignmentFactory(station=station, role=AssignmentRole.HEAD)
    with counts.unchanged(), pytest.raises(Conflict) as caught:
        assignment_create(
            actor=staff, station=station, mandate=MandateFactory(), role=AssignmentRole.HEAD
        )

    assert str(caught.value.message) == str(STATION_HAS_HEAD)
    assert list(station.assignments.filter(role=AssignmentRole.HEAD)) == [first]


def test_a_station_may_have_many_members_beside_its_head(staff, station):
    AssignmentFactory(station=station, role=AssignmentRole.HEAD)

    for _ in range(3):
        assignment_create(actor=staff, station=station, mandate=MandateFactory())

    assert station.assignments.filter(end__isnull=True).count() == 4


def test_a_new_head_once_the_first_heads_assignment_ended(staff, station):
    first = assignment_create(
        actor=staff,
        station=station,
        mandate=MandateFactory(),
        role=AssignmentRole.HEAD,
        start=datetime.date(2022, 3, 1),
    )
    assignment_end(actor=staff, assignment=first, end=datetime.date(2024, 5, 31))

    second = assignment_create(
        actor=staff, station=station, mandate=MandateFactory(), role=AssignmentRole.HEAD
    )

    assert list(station.assignments.filter(role=AssignmentRole.HEAD, end__isnull=True)) == [second]


def test_a_head_elsewhere_may_head_this_station_too(staff, station):
    mandate = MandateFactory()
    AssignmentFactory(mandate=mandate, role=AssignmentRole.HEAD)

    assignment = assignment_create(
        actor=staff, station=station, mandate=mandate, role=AssignmentRole.HEAD
    )

    assert assignment.role == AssignmentRole.HEAD


def test_the_database_itself_refuses_a_second_current_head(station):
    """Behind the service, the partial unique index keeps one head per station."""
    StationAssignment.objects.create(
        station=station, mandate=MandateFactory(), role=AssignmentRole.HEAD, start=TODAY
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        StationAssignment.objects.create(
            station=station, mandate=MandateFactory(), role=AssignmentRole.HEAD, start=TODAY
        )

    assert station.assignments.count() == 1


def test_the_database_allows_an_ended_head_beside_a_current_one(station):
    StationAssignment.objects.create(
        station=station,
        mandate=MandateFactory(),
        role=AssignmentRole.HEAD,
        start=datetime.date(2022, 1, 1),
        end=datetime.date(2023, 1, 1),
    )
    StationAssignment.objects.create(
        station=station, mandate=MandateFactory(), role=AssignmentRole.HEAD, start=TODAY
    )

    assert station.assignments.count() == 2


def test_the_database_refuses_an_assignment_ending_before_it_starts(station):
    with pytest.raises(IntegrityError), transaction.atomic():
        StationAssignment.objects.create(
            station=station,
            mandate=MandateFactory(),
            start=TODAY,
            end=datetime.date(2024, 1, 1),
        )


def test_the_same_deputy_twice_in_a_station_is_refused(staff, station):
    mandate = MandateFactory()
    assignment_create(actor=staff, station=station, mandate=mandate)
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        assignment_create(actor=staff, station=station, mandate=mandate)

    assert str(caught.value.message) == constraint_message(
        StationAssignment, "assignment_once_per_station"
    )


def test_an_ended_mandate_cannot_be_assigned(staff, station):
    mandate = MandateFactory(end=datetime.date(2024, 3, 31), end_reason="resignation")
    with counts.unchanged(), pytest.raises(InvalidTransition) as caught:
        assignment_create(actor=staff, station=station, mandate=mandate)

    assert str(caught.value.message) == str(ASSIGNMENT_MANDATE_ENDED)


def test_a_mandate_ended_since_the_clerk_opened_it_cannot_be_assigned(staff, station):
    """Regression: the check read the caller's copy of the mandate, which may predate its end;
    the assignment stayed open on an ended mandate."""
    mandate = MandateFactory()
    stale = Mandate.objects.get(pk=mandate.pk)
    mandate_end(actor=staff, mandate=mandate, end=datetime.date(2024, 5, 31), reason="recall")
    with counts.unchanged(), pytest.raises(InvalidTransition):
        assignment_create(actor=staff, station=station, mandate=stale)


def test_assignment_create_outside_scope_is_not_found(other_staff, station):
    with counts.unchanged(), pytest.raises(NotFound):
        assignment_create(actor=other_staff, station=station, mandate=MandateFactory())


def test_the_liaison_cannot_assign_deputies(station):
    liaison = user_with(Role.LIAISON, station=station)
    mandate = MandateFactory()
    with counts.unchanged(), pytest.raises(NotFound):
        assignment_create(actor=liaison, station=station, mandate=mandate)


@needs_waiting_writers
@pytest.mark.django_db(transaction=True)
def test_two_clerks_naming_a_head_at_once_one_wins():
    station = StationFactory()
    mandates = [MandateFactory(), MandateFactory()]
    start = threading.Barrier(2)
    outcomes = []

    def name_head(mandate):
        try:
            start.wait(timeout=10)
            assignment_create(
                actor="clerk", station=station, mandate=mandate, role=AssignmentRole.HEAD
            )
            outcomes.append("head")
        except Conflict as exc:
            outcomes.append(str(exc.message))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=name_head, args=(m,)) for m in mandates]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == sorted(["head", str(STATION_HAS_HEAD)])
    assert station.assignments.filter(role=AssignmentRole.HEAD).count() == 1


# --- assignment_end ------------------------------------------------------------------------------


def test_assignment_end_from_to_and_today_by_default(staff, station):
    assignment = AssignmentFactory(station=station)

    assignment_end(actor=staff, assignment=assignment, note="调整进站")

    assignment.refresh_from_db()
    assert assignment.end == TODAY
    entry = audit.timeline(assignment).get(action=AuditAction.STATUS)
    assert entry.changes == {"end": [None, "2024-06-01"]}
    assert entry.note == "调整进站"


def test_assignment_end_twice_is_refused(staff, station):
    assignment = AssignmentFactory(station=station)
    assignment_end(actor=staff, assignment=assignment, end=datetime.date(2024, 5, 1))
    before = counts()

    with pytest.raises(InvalidTransition) as caught:
        assignment_end(actor=staff, assignment=assignment, end=TODAY)

    assert str(caught.value.message) == str(ASSIGNMENT_ALREADY_ENDED)
    assignment.refresh_from_db()
    assert assignment.end == datetime.date(2024, 5, 1)
    assert counts() == before


def test_assignment_end_twice_from_stale_copies_is_refused(staff, station):
    assignment = AssignmentFactory(station=station)
    first, second = (StationAssignment.objects.get(pk=assignment.pk) for _ in range(2))
    assignment_end(actor=staff, assignment=first)
    with counts.unchanged(), pytest.raises(InvalidTransition):
        assignment_end(actor=staff, assignment=second)


def test_assignment_end_before_its_start_is_refused(staff, station):
    assignment = AssignmentFactory(station=station, start=datetime.date(2022, 3, 1))
    before = counts()

    with pytest.raises(ValidationFailed) as caught:
        assignment_end(actor=staff, assignment=assignment, end=datetime.date(2022, 2, 28))

    assert str(caught.value.message) == str(ASSIGNMENT_END_BEFORE_START)
    assignment.refresh_from_db()
    assert assignment.end is None
    assert counts() == before


def test_assignment_end_outside_scope_is_not_found(other_staff, station):
    assignment = AssignmentFactory(station=station)
    with counts.unchanged(), pytest.raises(NotFound):
        assignment_end(actor=other_staff, assignment=assignment)

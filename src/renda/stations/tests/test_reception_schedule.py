"""A station liaison keeps their station's reception schedule (issue 10): set, change and clear
the rule and the hours of their own station, and nothing of another station; staff of the
station's area keep it too; a deputy reads it."""

import datetime

import pytest
from django.urls import reverse

from renda.accounts.tests.factories import user_with
from renda.core.exceptions import NotFound, ValidationFailed
from renda.core.models import AuditEntry
from renda.core.testing import counter, frozen_at, login, main
from renda.regions.tests.factories import rongchang, tongliang, town
from renda.stations import services
from renda.stations.models import Station
from renda.stations.tests.factories import StationFactory

pytestmark = pytest.mark.django_db

frozen = frozen_at("2024-06-01 10:00:00+08:00")

written = counter(Station, AuditEntry)


@pytest.fixture
def w():
    from types import SimpleNamespace

    station = StationFactory(region=town(), name="直升镇人大代表之家")
    other = StationFactory(region=town(), name="黄泥村联络站")
    return SimpleNamespace(
        station=station,
        other=other,
        liaison=user_with("liaison", station=station),
        staff=user_with("staff", region=rongchang()),
        staff_tl=user_with("staff", region=tongliang()),
    )


def test_the_liaison_changes_their_station_s_schedule_audited(w):
    services.station_reception_set(
        actor=w.liaison,
        station=w.station,
        reception_rule="FREQ=MONTHLY;BYDAY=1MO",
        reception_start_time=datetime.time(14, 0),
        reception_end_time=datetime.time(17, 0),
    )
    w.station.refresh_from_db()
    assert w.station.reception_rule == "FREQ=MONTHLY;BYDAY=1MO"
    assert w.station.reception_start_time == datetime.time(14, 0)
    entry = AuditEntry.objects.latest("pk")
    assert entry.actor == w.liaison and "reception_rule" in entry.changes


def test_the_liaison_clears_the_schedule(w):
    services.station_reception_set(actor=w.liaison, station=w.station, reception_rule="")
    w.station.refresh_from_db()
    assert w.station.reception_rule == "" and w.station.next_reception_dates(count=3) == []


def test_the_liaison_cannot_touch_another_station(w):
    with written.unchanged(), pytest.raises(NotFound):
        services.station_reception_set(
            actor=w.liaison, station=w.other, reception_rule="FREQ=WEEKLY;BYDAY=WE"
        )


def test_staff_of_another_district_cannot_either(w):
    with written.unchanged(), pytest.raises(NotFound):
        services.station_reception_set(actor=w.staff_tl, station=w.station, reception_rule="")


def test_the_service_changes_nothing_but_the_schedule(w):
    with written.unchanged(), pytest.raises(ValidationFailed):
        services.station_reception_set(actor=w.liaison, station=w.station, name="改名")


def test_an_invalid_rule_or_hours_are_refused(w):
    with written.unchanged(), pytest.raises(ValidationFailed):
        services.station_reception_set(
            actor=w.liaison, station=w.station, reception_rule="FREQ=DAILY"
        )
    with written.unchanged(), pytest.raises(ValidationFailed):
        services.station_reception_set(
            actor=w.liaison,
            station=w.station,
            reception_start_time=datetime.time(12, 0),
            reception_end_time=datetime.time(9, 0),
        )


def _form(**changes):
    data = {
        "frequency": "WEEKLY",
        "interval": 1,
        "weekday": "WE",
        "reception_anchor": "2024-01-01",
        "reception_start_time": "09:00",
        "reception_end_time": "12:00",
    }
    data.update(changes)
    return data


def test_the_liaison_s_page_saves_the_schedule(client, w):
    login(client, w.liaison)
    detail = main(client.get(w.station.get_absolute_url()))
    url = reverse("stations:reception_edit", args=[w.station.pk])
    assert url in detail
    response = client.post(url, _form())
    assert response.status_code == 302
    w.station.refresh_from_db()
    assert w.station.reception_rule == "FREQ=WEEKLY;BYDAY=WE"


def test_the_liaison_s_page_of_another_station_is_not_found(client, w):
    url = reverse("stations:reception_edit", args=[w.other.pk])
    login(client, w.liaison)
    assert client.get(url).status_code == 404
    before = written()
    assert client.post(url, _form()).status_code == 404
    assert written() == before


def test_a_deputy_is_refused_the_page(client, w):
    from renda.people.tests.factories import MandateFactory

    deputy = user_with("deputy", person=MandateFactory().person)
    url = reverse("stations:reception_edit", args=[w.station.pk])
    assert login(client, deputy).get(url).status_code == 403


def test_the_station_page_links_the_deputies_public_records(client, w):
    from renda.stations.tests.factories import AssignmentFactory

    assignment = AssignmentFactory(station=w.station)
    body = main(login(client, w.liaison).get(w.station.get_absolute_url()))
    assert reverse("portal:deputy", args=[assignment.mandate.person_id]) in body
    assert reverse("activities:batch_create") in body

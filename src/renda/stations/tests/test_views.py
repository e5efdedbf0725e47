"""Staff pages for stations and the deputies assigned to them, per role: anonymous, a station
liaison (no staff access), staff of another district (404 exactly like a missing id) and the
rightful staff of 荣昌区 or of the town."""

import datetime
from html import escape

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from renda.accounts.tests.factories import staff_users, user_with
from renda.congresses.tests.factories import districts
from renda.core.models import AuditEntry
from renda.core.testing import (
    INVALID_CHOICE,
    REQUIRED,
    assert_a_non_workbook_is_refused,
    assert_the_import_page_links_its_template,
    counter,
    frozen_at,
    login,
    main,
    opens,
    queries,
    sheet_cells,
    xlsx_of,
)
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import town
from renda.stations.choices import AssignmentRole, StationKind
from renda.stations.models import Station, StationAssignment
from renda.stations.services import ASSIGNMENT_END_BEFORE_START, STATION_HAS_HEAD
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


frozen = frozen_at("2026-11-22 10:00:00+08:00")


@pytest.fixture
def w():
    w = districts()
    w.bc = town("500151001000", "巴川街道", parent=w.tl)
    w.rc_station = StationFactory(
        region=w.zs, name="直升镇人大代表之家", kind=StationKind.DEPUTY_HOME
    )
    w.tl_station = StationFactory(region=w.bc, name="巴川街道代表联络站", address="铜梁区巴川街道")
    w.rc_mandate = MandateFactory(
        person=PersonFactory(name="杨朝兵"), term=w.rc_term, electoral_region=w.zs
    )
    w.rc_mandate2 = MandateFactory(
        person=PersonFactory(name="王芳"), term=w.rc_term, electoral_region=w.zs
    )
    w.tl_mandate = MandateFactory(person=PersonFactory(name="李铜梁"), term=w.tl_term)
    w.head = AssignmentFactory(station=w.rc_station, mandate=w.rc_mandate, role=AssignmentRole.HEAD)
    vars(w).update(staff_users(w, town=True))
    w.liaison = user_with("liaison", station=w.rc_station)
    return w


counts = counter(Station, StationAssignment, AuditEntry)


PLAIN_PAGES = [
    "stations:station_list",
    "stations:station_create",
    "stations:station_import",
    "stations:station_template",
    "stations:station_export",
]
OBJECT_PAGES = [
    "stations:station_detail",
    "stations:station_edit",
    "stations:assignment_create",
    "stations:assignment_end",
]


# What each page shows (the spreadsheets: a workbook); who may open which is in access.py.
SHOWN = {
    "stations:station_list": "直升镇人大代表之家",
    "stations:station_create": 'name="name"',
    "stations:station_import": 'type="file"',
    "stations:station_detail": "直升镇人大代表之家",
    "stations:station_edit": "直升镇人大代表之家",
    "stations:assignment_create": "安排代表进站",
    "stations:assignment_end": "杨朝兵",
}


def _url(w, name, station=None):
    if name not in OBJECT_PAGES:
        return reverse(name)
    station = station or w.rc_station
    if name == "stations:assignment_end":
        return reverse(name, args=[station.pk, w.head.pk])
    return reverse(name, args=[station.pk])


STATION_FORM = {
    "name": "昌元街道人大代表之家",
    "kind": StationKind.DEPUTY_HOME,
    "address": "荣昌区昌元街道海棠大道1号",
    "phone": "023-46700000",
    "reception_anchor": "2024-01-01",
    "reception_start_time": "09:00",
    "reception_end_time": "12:00",
    "active": "on",
    "frequency": "MONTHLY",
    "interval": "1",
    "month_day": "15",
}


# --- Who may open which page ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", [n for n in PLAIN_PAGES + OBJECT_PAGES if n != "stations:station_detail"]
)
def test_a_station_liaison_has_no_staff_access(client, w, name):
    response = login(client, w.liaison).get(_url(w, name))
    assert response.status_code == 403
    assert gettext("Your role does not give access to this page.") in response.content.decode()


def test_a_station_liaison_reads_their_own_station_only(client, w):
    login(client, w.liaison)
    assert client.get(_url(w, "stations:station_detail")).status_code == 200
    other = StationFactory(name="别的联络站", region=w.rc_station.region)
    assert client.get(_url(w, "stations:station_detail", other)).status_code == 404


@pytest.mark.parametrize("name", OBJECT_PAGES)
def test_staff_of_another_district_get_404_like_a_missing_id(client, w, name):
    login(client, w.staff_tl)
    before = counts()
    outside = client.get(_url(w, name))
    missing = client.get(_url(w, name, station=Station(pk=987654)))
    assert outside.status_code == missing.status_code == 404
    assert main(outside) == main(missing)
    if name != "stations:station_detail":
        posted = client.post(
            _url(w, name), {**STATION_FORM, "mandate": w.tl_mandate.pk, "role": "member"}
        )
        assert posted.status_code == 404
    assert counts() == before


@pytest.mark.parametrize("name", PLAIN_PAGES + OBJECT_PAGES)
@pytest.mark.parametrize("who", ["staff_rc", "staff_town", "admin"])
def test_rightful_staff_open_every_page(client, w, name, who):
    login(client, getattr(w, who))
    if name in SHOWN:
        opens(client, _url(w, name), SHOWN[name])
    else:
        assert xlsx_of(client.get(_url(w, name))).sheetnames


def test_town_staff_do_not_reach_a_station_of_another_town(client, w):
    other = StationFactory(region=town("500153001000", "昌元街道"))
    response = login(client, w.staff_town).get(reverse("stations:station_edit", args=[other.pk]))
    assert response.status_code == 404


# --- Lists and spreadsheets ---------------------------------------------------------------------


def test_station_list_shows_only_the_staffs_district(client, w):
    body = login(client, w.staff_rc).get(reverse("stations:station_list")).content.decode()
    assert "直升镇人大代表之家" in body
    assert "巴川街道代表联络站" not in body
    assert "每月" in body or "every month" in body  # the reception day in words


def test_station_list_queries_do_not_grow_with_rows(client, w):
    login(client, w.staff_rc)

    StationFactory.create_batch(2, region=w.zs)
    few = queries(client, reverse("stations:station_list"))
    StationFactory.create_batch(12, region=w.zs)
    assert queries(client, reverse("stations:station_list")) == few


def test_station_detail_queries_do_not_grow_with_assignments(client, w):
    login(client, w.staff_rc)
    url = reverse("stations:station_detail", args=[w.rc_station.pk])

    queries(client, url)  # warm Django's content-type cache, which the timeline reads
    few = queries(client, url)
    for _ in range(10):
        AssignmentFactory(station=w.rc_station, mandate=MandateFactory(term=w.rc_mandate.term))
    assert queries(client, url) == few


def test_station_export_holds_only_the_staffs_district(client, w):
    response = login(client, w.staff_rc).get(reverse("stations:station_export"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    cells = sheet_cells(xlsx_of(response).worksheets[0])
    assert "直升镇人大代表之家" in cells
    assert "巴川街道代表联络站" not in cells


def test_station_import_page_links_the_template(client, w):
    login(client, w.staff_rc)
    assert_the_import_page_links_its_template(
        client, "stations:station_import", "stations:station_template"
    )


def test_station_import_of_a_non_workbook_is_refused_and_saves_nothing(client, w):
    before = counts()
    login(client, w.staff_rc)
    assert_a_non_workbook_is_refused(
        client, "stations:station_import", b"not a workbook", "stations.xlsx"
    )
    assert counts() == before


# --- Station create and edit --------------------------------------------------------------------


def test_staff_create_a_station_with_a_reception_day(client, w):
    changyuan = town("500153001000", "昌元街道")
    response = login(client, w.staff_rc).post(
        reverse("stations:station_create"), {**STATION_FORM, "region": changyuan.pk}
    )
    assert response.status_code == 302
    station = Station.objects.get(name="昌元街道人大代表之家")
    assert response["Location"] == station.get_absolute_url()
    assert station.reception_rule == "FREQ=MONTHLY;BYMONTHDAY=15"
    assert station.region == changyuan
    assert station.next_reception_dates(1) == [datetime.date(2026, 12, 15)]
    assert AuditEntry.objects.filter(
        object_id=str(station.pk), content_type__model="station"
    ).exists()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"month_day": ""}, "Say which day of the month, or which weekday."),
        ({"reception_end_time": "08:00"}, "Reception must end after it starts."),
        ({"frequency": "WEEKLY", "month_day": ""}, "Say which weekday."),
        ({"name": "", "address": ""}, None),
    ],
)
def test_a_bad_station_says_why_and_saves_nothing(client, w, change, message):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("stations:station_create"), {**STATION_FORM, "region": w.zs.pk, **change}
    )
    assert response.status_code == 200
    expected = escape(gettext(message)) if message else REQUIRED
    assert expected in response.content.decode()
    assert counts() == before


def test_a_station_in_another_district_is_not_offered(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("stations:station_create"), {**STATION_FORM, "region": w.tl.pk}
    )
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()
    assert counts() == before


def test_a_station_with_a_taken_name_is_refused(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("stations:station_create"),
        {**STATION_FORM, "region": w.zs.pk, "name": "直升镇人大代表之家"},
    )
    assert response.status_code == 200
    assert (
        escape(gettext("This region already has a station of that name."))
        in response.content.decode()
    )
    assert counts() == before


def test_edit_shows_the_rule_in_words_and_saves_a_new_one(client, w):
    login(client, w.staff_town)
    url = reverse("stations:station_edit", args=[w.rc_station.pk])
    page = client.get(url).content.decode()
    assert 'value="15"' in page  # the stored rule is offered back as its day of the month
    response = client.post(
        url,
        {
            **STATION_FORM,
            "name": "直升镇人大代表之家",
            "region": w.tl.pk,
            "frequency": "MONTHLY",
            "month_day": "",
            "week_of_month": "1",
            "weekday": "MO",
        },
    )
    assert response.status_code == 302
    w.rc_station.refresh_from_db()
    assert w.rc_station.reception_rule == "FREQ=MONTHLY;BYDAY=1MO"
    assert w.rc_station.region == w.zs  # the region is fixed once created
    entry = AuditEntry.objects.get(object_id=str(w.rc_station.pk), action="update")
    assert entry.changes["reception_rule"] == [
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYDAY=1MO",
    ]


# --- Assignments --------------------------------------------------------------------------------


def test_staff_assign_a_deputy(client, w):
    response = login(client, w.staff_rc).post(
        reverse("stations:assignment_create", args=[w.rc_station.pk]),
        {"mandate": w.rc_mandate2.pk, "role": AssignmentRole.MEMBER},
    )
    assert response.status_code == 302
    assert response["Location"] == w.rc_station.get_absolute_url()
    assignment = StationAssignment.objects.get(station=w.rc_station, mandate=w.rc_mandate2)
    assert assignment.start == datetime.date(2026, 11, 22)
    assert AuditEntry.objects.filter(object_id=str(assignment.pk), action="create").exists()
    detail = client.get(w.rc_station.get_absolute_url()).content.decode()
    assert "王芳" in detail


def test_a_second_head_is_refused_and_saves_nothing(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("stations:assignment_create", args=[w.rc_station.pk]),
        {"mandate": w.rc_mandate2.pk, "role": AssignmentRole.HEAD},
    )
    assert response.status_code == 200
    assert escape(str(STATION_HAS_HEAD)) in response.content.decode()
    assert counts() == before


def test_a_deputy_of_another_district_is_not_offered(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("stations:assignment_create", args=[w.rc_station.pk]),
        {"mandate": w.tl_mandate.pk, "role": AssignmentRole.MEMBER},
    )
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()
    assert counts() == before


def test_staff_end_an_assignment(client, w):
    response = login(client, w.staff_rc).post(
        reverse("stations:assignment_end", args=[w.rc_station.pk, w.head.pk]),
        {"end": "2026-11-20", "note": "调任"},
    )
    assert response.status_code == 302
    w.head.refresh_from_db()
    assert w.head.end == datetime.date(2026, 11, 20)
    entry = AuditEntry.objects.get(object_id=str(w.head.pk), action="status")
    assert entry.note == "调任"
    # With the head gone, another may be named.
    response = client.post(
        reverse("stations:assignment_create", args=[w.rc_station.pk]),
        {"mandate": w.rc_mandate2.pk, "role": AssignmentRole.HEAD},
    )
    assert response.status_code == 302


def test_ending_an_assignment_before_it_started_is_refused(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("stations:assignment_end", args=[w.rc_station.pk, w.head.pk]), {"end": "2020-01-01"}
    )
    assert response.status_code == 200
    assert escape(str(ASSIGNMENT_END_BEFORE_START)) in response.content.decode()
    w.head.refresh_from_db()
    assert w.head.end is None
    assert counts() == before


def test_an_assignment_is_ended_through_its_own_station_only(client, w):
    other = StationFactory(region=w.zs)
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("stations:assignment_end", args=[other.pk, w.head.pk]), {"end": "2026-11-20"}
    )
    assert response.status_code == 404
    assert counts() == before

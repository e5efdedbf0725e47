"""Issue 10's part of the register: a station liaison registers their station's activities for
its deputies and no others; deputies whose only seat is municipal are offered their congress's
types, and told when their term sets no minimums (not that all are met); typed text is limited."""

import datetime

import pytest
from django.urls import reverse

from renda.accounts.tests.factories import user_with
from renda.activities import services
from renda.activities.choices import ActivityStatus
from renda.activities.forms import NO_TYPES, ActivityForm, BatchForm
from renda.activities.models import Activity, ActivityBatch, ActivityType, Requirement
from renda.activities.tests.factories import preset_types, world
from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.exceptions import NotFound, ValidationFailed
from renda.core.models import AuditEntry
from renda.core.testing import counter, frozen_at, login, main
from renda.people.tests.factories import GroupFactory, MandateFactory, PersonFactory
from renda.regions.tests.factories import chongqing
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 6, 1)

frozen = frozen_at("2024-06-15 10:00:00+08:00")

written = counter(Activity, ActivityBatch, ActivityType, Requirement, AuditEntry)
refused = written.refused


@pytest.fixture
def w():
    """The activities world, 黎源 at 直升镇's station with its liaison; 王芳 at no station."""
    w = world()
    w.station = StationFactory(region=w.zs, name="直升镇人大代表之家")
    AssignmentFactory(station=w.station, mandate=w.li_seat)
    w.liaison = user_with("liaison", station=w.station)
    w.other_station = StationFactory(region=w.zs, name="黄泥村联络站")
    AssignmentFactory(station=w.other_station, mandate=w.wang_seat)
    return w


def many(w, actor, mandates, **kwargs):
    data = {
        "congress": w.congress,
        "activity_type": w.types["inspection"],
        "day": DAY,
        "content": "在代表之家开展集中视察",
        "place": "直升镇",
        "mandates": mandates,
    }
    data.update(kwargs)
    return services.activity_register_for_many(actor=actor, **data)


# --- A liaison's group registration ---------------------------------------------------------


def test_a_liaison_registers_for_their_stations_deputies(w):
    batch = many(w, w.liaison, [w.li_seat])
    record = batch.activities.get()
    assert (record.mandate, record.status) == (w.li_seat, ActivityStatus.VERIFIED)
    assert batch.organiser == w.liaison


def test_a_liaison_cannot_register_a_deputy_of_another_station(w):
    exc = refused(ValidationFailed, lambda: many(w, w.liaison, [w.li_seat, w.wang_seat]))
    assert "王芳" in exc.extra["errors"]["mandates"][0]


def test_a_liaison_cannot_register_whole_groups(w):
    group = GroupFactory(congress=w.congress)
    refused(
        ValidationFailed,
        lambda: many(w, w.liaison, [w.li_seat], groups=[group]),
        message=services.NO_GROUPS_FOR_LIAISONS,
    )


def test_a_liaison_of_no_deputy_of_the_congress_is_told_it_is_not_found(w):
    stranger = user_with("liaison", station=StationFactory(region=w.zs, name="空站点"))
    refused(NotFound, lambda: many(w, stranger, [w.li_seat]))


def test_the_liaison_s_form_offers_their_stations_deputies_and_no_groups(w):
    seats = services.station_seats(w.liaison, w.congress)
    form = BatchForm(user=w.liaison, congress=w.congress, station_seats=seats)
    assert list(form.fields["mandates"].queryset) == [w.li_seat]
    assert "groups" not in form.fields


def test_the_liaison_s_page_registers_and_shows_the_registration(client, w):
    login(client, w.liaison)
    page = client.get(reverse("activities:batch_create"))
    assert page.status_code == 200
    body = main(page)
    assert "黎源" in body and "王芳" not in body
    response = client.post(
        reverse("activities:batch_create"),
        {
            "congress": w.congress.pk,
            "activity_type": w.types["inspection"].pk,
            "day": "2024-06-01",
            "content": "在代表之家开展集中视察",
            "mandates": [w.li_seat.pk],
        },
    )
    batch = ActivityBatch.objects.get()
    assert response.status_code == 302
    assert client.get(batch.get_absolute_url()).status_code == 200
    assert "在代表之家开展集中视察" in main(client.get(reverse("activities:batch_list")))


def test_the_liaison_s_page_refuses_another_station_s_deputy_and_writes_nothing(client, w):
    before = written()
    response = login(client, w.liaison).post(
        reverse("activities:batch_create"),
        {
            "congress": w.congress.pk,
            "activity_type": w.types["inspection"].pk,
            "day": "2024-06-01",
            "content": "在代表之家开展集中视察",
            "mandates": [w.wang_seat.pk],
        },
    )
    assert response.status_code == 200
    assert written() == before


def test_a_liaison_does_not_read_a_registration_with_others_deputies(client, w):
    batch = many(w, w.staff_rc, [w.li_seat, w.wang_seat])
    assert login(client, w.liaison).get(batch.get_absolute_url()).status_code == 404
    assert "在代表之家开展集中视察" not in main(client.get(reverse("activities:batch_list")))


# --- Municipal deputies -----------------------------------------------------------------------


@pytest.fixture
def municipal():
    """A deputy whose only seat is municipal, in a congress with its own catalogue and no
    minimums."""
    congress = CongressFactory(region=chongqing(), level=CongressLevel.PROVINCIAL)
    seat = MandateFactory(person=PersonFactory(name="市代表"), term=TermFactory(congress=congress))
    preset_types(congress)
    return seat


def test_a_municipal_deputy_is_offered_their_congress_s_types(client, municipal):
    deputy = user_with("deputy", person=municipal.person)
    page = main(login(client, deputy).get(reverse("activities:register")))
    municipal_type = ActivityType.objects.filter(congress=municipal.congress).first()
    assert f'value="{municipal_type.pk}"' in page


def test_a_seat_whose_congress_has_no_catalogue_is_told_so():
    congress = CongressFactory(region=chongqing(), level=CongressLevel.PROVINCIAL)
    seat = MandateFactory(term=TermFactory(congress=congress))
    form = ActivityForm(seats=[seat], types=ActivityType.objects.filter(congress=congress))
    assert str(form.fields["activity_type"].help_text) == str(NO_TYPES)


def test_a_term_without_minimums_is_not_said_to_be_all_met(client, municipal):
    """Regression: a municipal deputy's page said all minimums were met; the term has none."""
    deputy = user_with("deputy", person=municipal.person)
    body = main(login(client, deputy).get(reverse("activities:mine")))
    assert "本届尚未设置履职基本要求" in body
    assert "目前均已达到基本要求" not in body


# --- Text limits ------------------------------------------------------------------------------


def test_an_over_long_content_is_refused_and_nothing_is_written(w):
    """Regression: an activity's content took 20,059 characters."""
    exc = refused(
        ValidationFailed,
        lambda: services.activity_register(
            actor=w.deputy,
            mandate=w.li_seat,
            activity_type=w.types["survey"],
            day=DAY,
            content="调" * 2001,
        ),
    )
    assert "最多 2000 字" in str(exc.message)


def test_the_form_states_the_limit(w):
    form = ActivityForm(seats=[w.li_seat], types=ActivityType.objects.filter(congress=w.congress))
    assert form.fields["content"].max_length == 2000
    assert "最多 2000 字" in str(form.fields["content"].help_text)

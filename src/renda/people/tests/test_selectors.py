"""What the public pages read about deputies."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.testing import frozen_at
from renda.people.models import Mandate, Person
from renda.people.selectors import public_deputies
from renda.people.tests.factories import MandateFactory, MembershipFactory, PersonFactory
from renda.regions.tests.factories import chongqing
from renda.stations.choices import AssignmentRole
from renda.stations.selectors import (
    deputy_plate,
    deputy_profile,
    station_deputies,
    station_people,
)
from renda.stations.tests.factories import AssignmentFactory, StationFactory

TODAY = datetime.date(2024, 6, 1)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


frozen = frozen_at("2024-06-01 10:00:00+08:00", autouse=False)


def deputy(name: str = "李明", **person) -> Person:
    return MandateFactory(person=PersonFactory(name=name, **person)).person


# --- deputy_profile ------------------------------------------------------------------------------


def test_the_deputys_own_phone_only_when_they_made_it_public():
    person = deputy(phone="13900000001", phone_public=True)
    AssignmentFactory(mandate=person.mandates.get(), station=StationFactory(phone="023-46701234"))

    profile = deputy_profile(person)

    assert profile["phone"] == "13900000001"
    assert profile["phone_is_station"] is False


def test_a_private_phone_is_replaced_by_the_stations():
    person = deputy(phone="13900000001", phone_public=False)
    AssignmentFactory(mandate=person.mandates.get(), station=StationFactory(phone="023-46701234"))

    profile = deputy_profile(person)

    assert profile["phone"] == "023-46701234"
    assert profile["phone_is_station"] is True
    assert "13900000001" not in str(profile)


def test_public_without_a_number_falls_back_to_the_station():
    person = deputy(phone="", phone_public=True)
    AssignmentFactory(mandate=person.mandates.get(), station=StationFactory(phone="023-46701234"))

    assert deputy_profile(person)["phone"] == "023-46701234"


def test_no_phone_at_all_without_a_station():
    person = deputy(phone="13900000001", phone_public=False)

    profile = deputy_profile(person)

    assert profile["phone"] == ""
    assert profile["stations"] == []


def test_an_ended_or_inactive_station_gives_no_phone():
    person = deputy(phone="13900000001")
    mandate = person.mandates.get()
    AssignmentFactory(
        mandate=mandate, station=StationFactory(phone="023-1"), end=datetime.date(2023, 1, 1)
    )
    AssignmentFactory(mandate=mandate, station=StationFactory(phone="023-2", active=False))

    profile = deputy_profile(person)

    assert profile["phone"] == ""
    assert profile["stations"] == []


def test_profile_lists_current_mandates_groups_and_stations():
    person = deputy()
    district = person.mandates.get()
    city_term = TermFactory(
        congress=CongressFactory(region=chongqing(), level=CongressLevel.PROVINCIAL), ordinal=6
    )
    city = MandateFactory(person=person, term=city_term)
    old_term = TermFactory(
        congress=district.congress,
        ordinal=18,
        start=datetime.date(2017, 1, 1),
        end=datetime.date(2021, 12, 31),
    )
    MandateFactory(
        person=person,
        term=old_term,
        start=datetime.date(2017, 1, 1),
        end=datetime.date(2021, 12, 31),
        end_reason="expiry",
    )
    membership = MembershipFactory(mandate=district)
    station = StationFactory(name="直升镇人大代表之家")
    AssignmentFactory(mandate=district, station=station, role=AssignmentRole.HEAD)

    profile = deputy_profile(person)

    assert profile["mandates"] == [city, district]  # the higher congress first
    assert profile["groups"] == [membership.group]
    assert [s["station"] for s in profile["stations"]] == [station]
    assert profile["stations"][0]["is_head"] is True


def test_a_mandate_ended_earlier_this_year_is_not_current():
    person = deputy()
    mandate = person.mandates.get()
    mandate.end, mandate.end_reason = datetime.date(2024, 3, 31), "resignation"
    mandate.save()

    assert deputy_profile(person)["mandates"] == []
    assert not Mandate.objects.current().filter(pk=mandate.pk).exists()


def test_a_mandate_ending_today_is_no_longer_current():
    person = deputy()
    mandate = person.mandates.get()
    mandate.end, mandate.end_reason = TODAY, "resignation"
    mandate.save()

    assert not Mandate.objects.current().filter(pk=mandate.pk).exists()
    assert not Person.objects.deputies().exists()


def test_a_mandate_ending_later_is_current():
    person = deputy()
    mandate = person.mandates.get()
    mandate.end, mandate.end_reason = datetime.date(2024, 12, 31), "resignation"
    mandate.save()

    assert Mandate.objects.current().filter(pk=mandate.pk).exists()
    assert deputy_profile(person)["mandates"] == [mandate]


def test_deputy_profile_takes_the_same_queries_for_one_or_many_stations(
    django_assert_max_num_queries,
):
    one = deputy("李一")
    AssignmentFactory(mandate=one.mandates.get())
    many = deputy("李二")
    for _ in range(4):
        AssignmentFactory(mandate=many.mandates.get())
        MembershipFactory(mandate=many.mandates.get())

    with CaptureQueriesContext(connection) as for_one:
        deputy_profile(one)
    with django_assert_max_num_queries(len(for_one)):
        assert len(deputy_profile(many)["stations"]) == 4


# --- deputy_plate --------------------------------------------------------------------------------


def test_the_plate_prints_the_profiles_first_station_and_phone_in_two_queries(
    django_assert_num_queries,
):
    """deputy_plate reads less than deputy_profile, not other facts: the first station by name
    that is active and current (an inactive or ended one is skipped) and the first phone the
    public may see."""
    person = deputy(phone="13900000001", phone_public=False)
    mandate = person.mandates.get()
    AssignmentFactory(mandate=mandate, station=StationFactory(name="A 站", active=False))
    AssignmentFactory(
        mandate=mandate, station=StationFactory(name="B 站"), end=datetime.date(2023, 1, 1)
    )
    AssignmentFactory(mandate=mandate, station=StationFactory(name="C 站", phone=""))
    AssignmentFactory(mandate=mandate, station=StationFactory(name="D 站", phone="023-4"))
    profile = deputy_profile(person)

    with django_assert_num_queries(2):
        plate = deputy_plate(person)

    assert plate == {"mandates": [mandate], "station": "C 站", "phone": "023-4"}
    assert plate["station"] == profile["stations"][0]["station"].name
    assert plate["phone"] == profile["phone"]


def test_the_plate_prints_the_deputys_own_phone_only_when_they_made_it_public():
    person = deputy(phone="13900000001", phone_public=True)
    AssignmentFactory(mandate=person.mandates.get(), station=StationFactory(phone="023-4"))
    assert deputy_plate(person)["phone"] == "13900000001"
    person.phone_public = False
    assert deputy_plate(person)["phone"] == "023-4"


def test_the_plate_of_a_deputy_without_a_seat_or_station_is_empty(django_assert_num_queries):
    person = PersonFactory()
    with django_assert_num_queries(1):  # no seat: the stations are not read
        assert deputy_plate(person) == {"mandates": [], "station": "", "phone": ""}


# --- public_objects and public_deputies ----------------------------------------------------------


def test_public_objects_exclude_people_whose_mandates_all_ended():
    serving = deputy("王五")
    former = PersonFactory(name="赵六")
    MandateFactory(person=former, end=datetime.date(2023, 12, 31), end_reason="resignation")
    never = PersonFactory(name="钱七")
    future = PersonFactory(name="孙八")
    MandateFactory(person=future, start=datetime.date(2024, 7, 1))

    public = set(Person.public_objects.all())

    assert public == {serving}
    assert {former, never, future} <= set(Person.objects.all())


def test_a_person_with_one_ended_and_one_current_mandate_is_public():
    person = deputy()
    city_term = TermFactory(
        congress=CongressFactory(region=chongqing(), level=CongressLevel.PROVINCIAL), ordinal=6
    )
    MandateFactory(
        person=person, term=city_term, end=datetime.date(2023, 1, 1), end_reason="recall"
    )

    assert list(Person.public_objects.all()) == [person]


def test_public_deputies_in_official_order_with_their_current_mandates():
    for name in ["张三", "王五", "丁一", "毛二"]:
        deputy(name)
    PersonFactory(name="于某")  # no mandate

    people = list(public_deputies())

    assert [p.name for p in people] == ["丁一", "王五", "毛二", "张三"]
    assert all(len(p.current_mandates) == 1 for p in people)


def _evaluate_public_deputies():
    for person in public_deputies():
        for mandate in person.current_mandates:
            str(mandate.congress.region)
            str(mandate.term)


def test_public_deputies_query_count_does_not_grow_with_rows(django_assert_num_queries):
    """Regression: each mandate's term read its congress and region in queries of its own."""
    for i in range(5):
        deputy(f"张{i}")
    with CaptureQueriesContext(connection) as five:
        _evaluate_public_deputies()
    for i in range(15):
        deputy(f"李{i}")

    with django_assert_num_queries(len(five)):
        _evaluate_public_deputies()
    assert public_deputies().count() == 20


# --- station_deputies ----------------------------------------------------------------------------


def test_station_deputies_head_first_then_in_stroke_order():
    station = StationFactory()
    for name in ["张三", "丁一"]:
        AssignmentFactory(station=station, mandate=MandateFactory(person=PersonFactory(name=name)))
    AssignmentFactory(
        station=station,
        mandate=MandateFactory(person=PersonFactory(name="熊大")),
        role=AssignmentRole.HEAD,
    )
    AssignmentFactory(
        station=station,
        mandate=MandateFactory(person=PersonFactory(name="王五")),
        end=datetime.date(2023, 1, 1),
    )

    assert [a.mandate.person.name for a in station_deputies(station)] == ["熊大", "丁一", "张三"]


def test_station_people_lists_a_person_once_with_every_level_head_first():
    station = StationFactory()
    both = PersonFactory(name="吴兵浩")
    district = MandateFactory(person=both)
    municipal_term = TermFactory(
        congress=CongressFactory(region=chongqing(), level=CongressLevel.PROVINCIAL), ordinal=6
    )
    municipal = MandateFactory(person=both, term=municipal_term)
    head = MandateFactory(person=PersonFactory(name="金龙波"))
    AssignmentFactory(station=station, mandate=district)
    AssignmentFactory(station=station, mandate=municipal)
    AssignmentFactory(station=station, mandate=head, role=AssignmentRole.HEAD)

    people = station_people(station)

    assert [(p["person"].name, p["is_head"]) for p in people] == [
        ("金龙波", True),
        ("吴兵浩", False),
    ]
    assert sorted(people[1]["labels"]) == sorted(["荣昌区人大代表", "重庆市人大代表"])

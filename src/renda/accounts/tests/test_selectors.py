"""Recipients: the users behind a person, a unit, a station, a region's staff (and those above),
active ones only, each once, in one query per kind whatever the number of keys."""

import pytest

from renda.accounts import selectors
from renda.accounts.tests.factories import user_with
from renda.people.tests.factories import PersonFactory
from renda.regions.tests.factories import HandlingUnitFactory, chongqing, rongchang, town
from renda.stations.tests.factories import StationFactory

pytestmark = pytest.mark.django_db


def test_person_users_are_the_active_deputy_logins_of_each_person():
    li, wang = PersonFactory(name="黎源"), PersonFactory(name="王芳")
    li_user, wang_user = user_with("deputy", person=li), user_with("deputy", person=wang)
    retired = user_with("deputy", person=li)
    retired.is_active = False
    retired.save()
    users = selectors.person_users([li.pk, wang.pk, 987654])
    assert users[li.pk] == [li_user]
    assert users[wang.pk] == [wang_user]
    assert users[987654] == []


def test_unit_and_station_recipients():
    unit, station = HandlingUnitFactory(), StationFactory()
    clerk, liaison = user_with("unit", handling_unit=unit), user_with("liaison", station=station)
    user_with("staff", region=rongchang())  # staff are neither
    assert selectors.unit_users([unit.pk])[unit.pk] == [clerk]
    assert selectors.station_liaisons([station.pk])[station.pk] == [liaison]


def test_region_staff_climbs_as_far_as_asked():
    cq, rc = chongqing(), rongchang()
    zs = town(parent=rc)
    city, district, township = (
        user_with("staff", region=cq),
        user_with("staff", region=rc),
        user_with("staff", region=zs),
    )
    assert selectors.region_staff([zs])[zs.pk] == [township]
    assert selectors.region_staff([zs], up=1)[zs.pk] == [township, district]
    assert selectors.region_staff([zs], up=None)[zs.pk] == [township, district, city]
    # Staff further down are not told about the district's matters.
    assert selectors.region_staff([rc], up=1)[rc.pk] == [district, city]


def test_recipients_cost_the_same_queries_for_many_keys(django_assert_num_queries):
    people = [PersonFactory() for _ in range(6)]
    for p in people:
        user_with("deputy", person=p)
    with django_assert_num_queries(1):
        selectors.person_users([p.pk for p in people[:1]])
    with django_assert_num_queries(1):
        selectors.person_users([p.pk for p in people])

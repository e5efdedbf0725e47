"""A small world for the account tests: 荣昌区 (with 直升镇) and 铜梁区 from `districts()`, their
deputies, a station and a handling unit in each, and the staff of each and an administrator."""

import datetime

from renda.accounts.tests.factories import user_with
from renda.congresses.tests.factories import districts
from renda.core.choices import Role
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import HandlingUnitFactory
from renda.stations.tests.factories import StationFactory


def build():
    w = districts()
    w.rc_congress, w.tl_congress = w.rc_term.congress, w.tl_term.congress
    w.li = PersonFactory(name="黎源")
    w.li_seat = MandateFactory(person=w.li, term=w.rc_term, electoral_region=w.zs)
    w.wang = PersonFactory(name="王芳")
    MandateFactory(person=w.wang, term=w.rc_term)
    w.zhou = PersonFactory(name="周强")
    MandateFactory(person=w.zhou, term=w.rc_term)
    # Resigned: no longer a deputy, so no login in bulk.
    w.gone = PersonFactory(name="钱过")
    MandateFactory(
        person=w.gone, term=w.rc_term, end=datetime.date(2024, 3, 1), end_reason="resignation"
    )
    w.tl_person = PersonFactory(name="李铜梁")
    MandateFactory(person=w.tl_person, term=w.tl_term)
    w.station = StationFactory(region=w.zs, name="直升镇代表之家")
    w.station2 = StationFactory(region=w.zs, name="黄泥村联络站")
    w.tl_station = StationFactory(region=w.tl, name="巴川街道代表之家")
    w.unit = HandlingUnitFactory(region=w.rc, name="荣昌区交通局")
    w.tl_unit = HandlingUnitFactory(region=w.tl, name="铜梁区交通局")
    w.staff = user_with(Role.STAFF, region=w.rc)
    w.staff_town = user_with(Role.STAFF, region=w.zs)
    w.staff_tl = user_with(Role.STAFF, region=w.tl)
    w.admin = user_with(Role.ADMIN)
    # 黎源 has a login already; so do a liaison and a unit user of 荣昌区.
    w.li_user = user_with(Role.DEPUTY, person=w.li)
    w.liaison = user_with(Role.LIAISON, station=w.station)
    w.clerk = user_with(Role.UNIT, handling_unit=w.unit)
    w.tl_liaison = user_with(Role.LIAISON, station=w.tl_station)
    return w

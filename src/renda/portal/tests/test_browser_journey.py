"""The public journey on a phone, in a real Chromium: a villager finds their deputy by pinyin
initials, opens the deputy's page and the station, and takes the QR code and the sign plate."""

import datetime

import pytest
from freezegun import freeze_time
from playwright.sync_api import expect

from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import chongqing, rongchang, town
from renda.stations.choices import AssignmentRole
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def deputy():
    zhisheng = town()
    municipal = TermFactory(
        congress=CongressFactory(
            region=chongqing(), level=CongressLevel.PROVINCIAL, name="重庆市人民代表大会"
        ),
        ordinal=6,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2027, 12, 31),
    )
    district = TermFactory(congress=CongressFactory(region=rongchang()))
    person = PersonFactory(name="杨朝兵", phone="13912345678")
    PersonFactory(name="袁小梅")  # another deputy the search must leave out
    MandateFactory(
        person=person, term=municipal, start=datetime.date(2023, 1, 1), electoral_region=zhisheng
    )
    seat = MandateFactory(
        person=person,
        term=district,
        electoral_region=zhisheng,
        post="董事长",
        work_unit="重庆维创汽车配件有限公司",
    )
    station = StationFactory(
        name="直升镇人大代表之家",
        region=zhisheng,
        reception_rule="FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20",
    )
    AssignmentFactory(station=station, mandate=seat, role=AssignmentRole.HEAD)
    return person, station


@freeze_time("2026-11-22 10:00:00", tick=True)
def test_find_a_deputy_open_the_station_and_take_the_code(page, screenshot, deputy, live_server):
    person, station = deputy

    page.goto("/")
    page.locator("#id_q").fill("ycb")
    card = page.locator(f'a[href="/deputies/{person.pk}/"]')
    expect(card).to_be_visible()
    expect(page.locator("#results")).not_to_contain_text("袁小梅")
    screenshot("1-search")

    card.click()
    expect(page.locator("h1")).to_have_text("杨朝兵")
    expect(page.locator("main")).to_contain_text("重庆市人大代表")
    expect(page.locator("main")).to_contain_text("荣昌区人大代表")
    # The private mobile number is not on the public page; the station's phone is.
    expect(page.locator("main")).not_to_contain_text("13912345678")
    expect(page.locator("main")).to_contain_text(station.phone)
    screenshot("2-deputy")

    page.locator(f'a[href="/stations/{station.pk}/"]').first.click()
    expect(page.locator("h1")).to_have_text("直升镇人大代表之家")
    expect(page.locator("main")).to_contain_text("2027年1月20日")  # next 20th of every second month
    expect(page.locator("main")).to_contain_text("杨朝兵")
    screenshot("3-station")

    page.go_back()
    with page.expect_download() as download_info:
        page.locator(f'a[href="/deputies/{person.pk}/qr.png"]').click()
    qr_path = download_info.value.path()
    assert qr_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    plate = page.request.get(f"/deputies/{person.pk}/plate.pdf")
    assert plate.ok
    assert plate.headers["content-type"] == "application/pdf"
    assert plate.body().startswith(b"%PDF")
    screenshot("4-code")

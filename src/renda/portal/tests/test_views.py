"""The public portal over HTTP: finding a deputy (characters, pinyin initials, filters, the
official order), the deputy's and the station's pages, the files behind them (calendar, QR
codes, plate), language, privacy and query counts. No login anywhere."""

import datetime
import io
import re
from types import SimpleNamespace

import icalendar
import pytest
import segno
from django.urls import reverse
from django.utils.translation import gettext
from PIL import Image

from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.qr import qr_svg
from renda.core.testing import frozen_at, needs_poppler, pdf_text, qr_modules_drawn, queries
from renda.people.choices import GroupRole
from renda.people.tests.factories import (
    GroupFactory,
    MandateFactory,
    MembershipFactory,
    PersonFactory,
)
from renda.regions.tests.factories import chongqing, rongchang, tongliang, town
from renda.stations.choices import AssignmentRole
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db

PRIVATE_PHONE = "13900000001"
ID_NUMBER = "500226198001011238"
STATION_PHONE = "023-46701234"


frozen = frozen_at("2026-11-22 10:00:00+08:00")


@pytest.fixture
def w():
    cq, rc, tl = chongqing(), rongchang(), tongliang()
    zs = town()  # 直升镇
    cy = town("500153001000", "昌元街道")
    city_term = TermFactory(
        congress=CongressFactory(region=cq, level=CongressLevel.PROVINCIAL), ordinal=6
    )
    rc_term = TermFactory(congress=CongressFactory(region=rc))
    tl_term = TermFactory(congress=CongressFactory(region=tl))
    yang = PersonFactory(
        name="杨朝兵",
        phone=PRIVATE_PHONE,
        id_number=ID_NUMBER,
        birth_date=datetime.date(1980, 1, 1),
    )
    yang_rc = MandateFactory(
        person=yang,
        term=rc_term,
        electoral_region=zs,
        post="村党支部书记",
        work_unit="直升镇黄泥村",
    )
    MandateFactory(person=yang, term=city_term, electoral_unit="荣昌区", post="", work_unit="")
    wang = PersonFactory(name="王芳", phone="13900000002")
    wang_rc = MandateFactory(person=wang, term=rc_term, electoral_region=cy)
    ding = PersonFactory(name="丁一", phone="13900000003")
    ding_rc = MandateFactory(person=ding, term=rc_term, electoral_region=cy)
    li = PersonFactory(name="李铜梁", phone="13900000004")
    MandateFactory(person=li, term=tl_term)
    former = PersonFactory(name="赵离任", phone="13900000005")
    MandateFactory(
        person=former, term=rc_term, end=datetime.date(2025, 3, 1), end_reason="resignation"
    )
    group = GroupFactory(congress=rc_term.congress, region=rc, name="直升镇代表小组")
    MembershipFactory(group=group, mandate=yang_rc, role=GroupRole.LEADER)
    station = StationFactory(region=zs, name="直升镇人大代表之家", phone=STATION_PHONE)
    AssignmentFactory(station=station, mandate=ding_rc, role=AssignmentRole.MEMBER)
    AssignmentFactory(station=station, mandate=yang_rc, role=AssignmentRole.HEAD)
    closed = StationFactory(region=cy, name="昌元街道旧联络站", active=False)
    AssignmentFactory(station=closed, mandate=wang_rc)
    return SimpleNamespace(
        rc=rc,
        tl=tl,
        zs=zs,
        cy=cy,
        rc_term=rc_term,
        city_term=city_term,
        yang=yang,
        wang=wang,
        ding=ding,
        li=li,
        former=former,
        group=group,
        station=station,
        closed=closed,
    )


def names_in(response) -> list[str]:
    """Deputy names in the order the results list shows them."""
    return re.findall(r'<div class="fs-5 fw-semibold">([^<]+)</div>', response.content.decode())


def assert_private_data_absent(body: str) -> None:
    assert PRIVATE_PHONE not in body
    assert ID_NUMBER not in body
    assert "1980" not in body  # the birth date


# --- Search -------------------------------------------------------------------------------------


def test_home_page_lists_current_deputies_only(client, w):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert gettext("Find your deputy") in body
    assert set(names_in(response)) == {"杨朝兵", "王芳", "丁一", "李铜梁"}
    assert_private_data_absent(body)


@pytest.mark.parametrize("q", ["杨", "朝兵", "ycb", "YCB", "yc", "yangchaobing", "yang"])
def test_search_by_characters_and_pinyin(client, w, q):
    response = client.get(reverse("portal:deputies"), {"q": q})
    assert response.status_code == 200
    assert names_in(response) == ["杨朝兵"]


def test_search_without_a_match_says_how_to_search(client, w):
    response = client.get(reverse("portal:deputies"), {"q": "xyz"})
    assert names_in(response) == []
    assert "zs" in response.content.decode()  # the hint: pinyin initials


def test_level_filter(client, w):
    response = client.get(reverse("portal:deputies"), {"level": CongressLevel.PROVINCIAL})
    assert names_in(response) == ["杨朝兵"]
    body = response.content.decode()
    assert "重庆市人大代表" in body and "荣昌区人大代表" in body  # both seats on the card


def test_region_filter_takes_deputies_elected_or_seated_in_the_town(client, w):
    assert names_in(client.get(reverse("portal:deputies"), {"region": w.cy.code})) == [
        "丁一",
        "王芳",
    ]
    # 丁一 is elected in 昌元街道 but seated at 直升镇's station, so belongs to both.
    assert sorted(
        names_in(client.get(reverse("portal:deputies"), {"region": w.zs.code}))
    ) == sorted(["杨朝兵", "丁一"])
    assert names_in(client.get(reverse("portal:deputies"), {"region": "999999999999"})) == []


def test_group_filter(client, w):
    assert names_in(client.get(reverse("portal:deputies"), {"group": w.group.pk})) == ["杨朝兵"]


def test_unknown_filter_values_are_ignored_not_an_error(client, w):
    response = client.get(reverse("portal:deputies"), {"group": "abc", "level": "9", "sort": "?"})
    assert response.status_code == 200
    assert len(names_in(response)) == 4
    assert client.get(reverse("portal:deputies"), {"page": "99"}).status_code == 404


def test_default_order_is_surname_strokes_and_pinyin_on_request(client, w):
    rc_only = {"region": w.rc.code}
    # 丁 (2 strokes) 王 (4) 杨 (7); pinyin: ding, wang, yang … with 李铜梁 outside 荣昌区.
    assert names_in(client.get(reverse("portal:deputies"), rc_only)) == ["丁一", "王芳", "杨朝兵"]
    every = names_in(client.get(reverse("portal:deputies")))
    assert every == ["丁一", "王芳", "李铜梁", "杨朝兵"]  # 李 and 杨 have 7 strokes: 横 before 竖
    assert names_in(client.get(reverse("portal:deputies"), {"sort": "pinyin"})) == [
        "丁一",
        "李铜梁",
        "王芳",
        "杨朝兵",
    ]


def test_htmx_request_gets_the_results_partial(client, w):
    response = client.get(reverse("portal:deputies"), {"q": "wf"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert names_in(response) == ["王芳"]
    full = client.get(reverse("portal:deputies"), {"q": "wf"})
    assert "<html" in full.content.decode()
    boosted = client.get(
        reverse("portal:deputies"), {"q": "wf"}, HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true"
    )
    assert "<html" in boosted.content.decode()


def test_deputies_page_queries_do_not_grow_with_rows(client, w):
    few = queries(client, reverse("portal:deputies"))
    for _ in range(12):
        m = MandateFactory(term=w.rc_term, electoral_region=w.zs)
        MandateFactory(person=m.person, term=w.city_term)
        AssignmentFactory(station=w.station, mandate=m)
    assert queries(client, reverse("portal:deputies")) == few


def test_stations_page_queries_do_not_grow_with_rows(client, w):
    few = queries(client, reverse("portal:stations"))
    StationFactory.create_batch(12, region=w.cy)
    assert queries(client, reverse("portal:stations")) == few


# --- A deputy's page ----------------------------------------------------------------------------


def test_deputy_page_shows_every_seat_group_and_station(client, w):
    """Regression: a seat without an electoral region (the city seat here) crashed the page."""
    response = client.get(reverse("portal:deputy", args=[w.yang.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "杨朝兵" in body
    assert body.index("重庆市人大代表") < body.index("荣昌区人大代表")  # highest congress first
    assert "重庆市第六届人民代表大会" in body and "荣昌区第十九届人民代表大会" in body
    assert "直升镇代表小组" in body
    assert "第一选区" in body and "荣昌区</div>" in body  # each seat's electoral unit
    assert reverse("portal:station", args=[w.station.pk]) in body
    assert "2026年12月15日" in body  # the next reception day at the station
    assert f"tel:{STATION_PHONE}" in body  # the station's phone stands in for the deputy's
    assert_private_data_absent(body)


def test_deputy_page_shows_the_own_phone_only_if_the_deputy_agreed(client, w):
    w.yang.phone_public = True
    w.yang.save()
    body = client.get(reverse("portal:deputy", args=[w.yang.pk])).content.decode()
    assert f"tel:{PRIVATE_PHONE}" in body
    assert ID_NUMBER not in body


def test_a_closed_station_is_not_offered_on_the_deputy_page(client, w):
    body = client.get(reverse("portal:deputy", args=[w.wang.pk])).content.decode()
    assert "昌元街道旧联络站" not in body


@pytest.mark.parametrize(
    "name", ["portal:deputy", "portal:deputy_qr_svg", "portal:deputy_qr_png", "portal:deputy_plate"]
)
def test_a_former_deputy_is_404_like_a_missing_id(client, w, name):
    assert client.get(reverse(name, args=[w.former.pk])).status_code == 404
    assert client.get(reverse(name, args=[987654])).status_code == 404


def test_a_deputy_whose_seats_all_ended_disappears(client, w):
    from renda.people.models import Mandate

    Mandate.objects.filter(person=w.wang).update(
        end=datetime.date(2026, 11, 1), end_reason="recall"
    )
    assert client.get(reverse("portal:deputy", args=[w.wang.pk])).status_code == 404
    assert "王芳" not in names_in(client.get(reverse("portal:deputies")))


def test_deputy_qr_svg_encodes_the_deputy_page(client, w):
    response = client.get(reverse("portal:deputy_qr_svg", args=[w.yang.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    url = f"http://testserver{reverse('portal:deputy', args=[w.yang.pk])}"
    assert response.content == qr_svg(url)
    assert f"<title>{url}</title>".encode() in response.content


def test_qr_carries_the_public_address_when_one_is_configured(client, w, settings):
    settings.PUBLIC_BASE_URL = "https://rd.rongchang.gov.cn"
    response = client.get(reverse("portal:deputy_qr_svg", args=[w.yang.pk]))
    assert response.content == qr_svg(
        f"https://rd.rongchang.gov.cn{reverse('portal:deputy', args=[w.yang.pk])}"
    )


def test_deputy_qr_png(client, w):
    response = client.get(reverse("portal:deputy_qr_png", args=[w.yang.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "PNG" and image.width == image.height


def test_plate_is_a_pdf(client, w):
    response = client.get(reverse("portal:deputy_plate", args=[w.yang.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("inline")


@needs_poppler
def test_plate_shows_name_levels_and_the_station_phone_not_the_private_one(client, w):
    text = pdf_text(
        client.get(reverse("portal:deputy_plate", args=[w.yang.pk])).content, joined=True
    )
    for value in [
        "杨朝兵",
        "重庆市人大代表",
        "荣昌区人大代表",
        "直升镇人大代表之家",
        STATION_PHONE,
    ]:
        assert value in text
    assert PRIVATE_PHONE not in text
    assert ID_NUMBER not in text


@needs_poppler
def test_plate_qr_code_opens_the_deputys_page(client, w):
    """The code printed on the plate is, module for module, segno's code of the deputy's public
    address with all eight masks scored (guards drawing it as one path in module units, and the
    memo of each address's code)."""
    pdf = client.get(reverse("portal:deputy_plate", args=[w.yang.pk])).content
    expected = segno.make_qr(f"http://testserver/deputies/{w.yang.pk}/", error="q")
    side = expected.symbol_size(border=0)[0]
    drawn = qr_modules_drawn(pdf, dark="#111111", side=side)
    assert drawn == [[bool(module) for module in row] for row in expected.matrix]


@needs_poppler
def test_plate_shows_the_own_phone_if_the_deputy_agreed(client, w):
    w.yang.phone_public = True
    w.yang.save()
    text = pdf_text(
        client.get(reverse("portal:deputy_plate", args=[w.yang.pk])).content, joined=True
    )
    assert PRIVATE_PHONE in text
    assert ID_NUMBER not in text


def test_deputy_page_queries_do_not_grow_with_groups_and_stations(client, w):
    url = reverse("portal:deputy", args=[w.yang.pk])

    few = queries(client, url)
    mandate = w.yang.mandates.get(term=w.rc_term)
    for _ in range(5):
        MembershipFactory(
            group=GroupFactory(congress=w.rc_term.congress, region=w.rc), mandate=mandate
        )
        AssignmentFactory(station=StationFactory(region=w.zs), mandate=mandate)
    assert queries(client, url) == few


# --- A station's page ---------------------------------------------------------------------------


def test_station_page_lists_the_head_first_and_the_next_reception_days(client, w):
    response = client.get(reverse("portal:station", args=[w.station.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    # 丁 sorts before 杨 by strokes, but the head comes first.
    assert body.index("杨朝兵") < body.index("丁一")
    for day in ["2026-12-15", "2027-01-15", "2027-02-15"]:
        assert f'datetime="{day}"' in body
    assert "2026年12月15日" in body
    assert reverse("portal:station_ics", args=[w.station.pk]) in body
    assert_private_data_absent(body)


def test_stations_list_shows_active_stations_only(client, w):
    body = client.get(reverse("portal:stations")).content.decode()
    assert "直升镇人大代表之家" in body
    assert "昌元街道旧联络站" not in body
    found = client.get(reverse("portal:stations"), {"q": "直升"}).content.decode()
    assert "直升镇人大代表之家" in found


@pytest.mark.parametrize("name", ["portal:station", "portal:station_ics", "portal:station_qr_svg"])
def test_a_closed_station_is_404(client, w, name):
    assert client.get(reverse(name, args=[w.closed.pk])).status_code == 404
    assert client.get(reverse(name, args=[w.station.pk])).status_code == 200


def test_reception_calendar(client, w):
    response = client.get(reverse("portal:station_ics", args=[w.station.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]).startswith("直升镇人大代表之家")
    assert event["rrule"]["FREQ"] == ["MONTHLY"]
    assert event["url"] == f"http://testserver{reverse('portal:station', args=[w.station.pk])}"


def test_station_qr_svg(client, w):
    response = client.get(reverse("portal:station_qr_svg", args=[w.station.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content == qr_svg(
        f"http://testserver{reverse('portal:station', args=[w.station.pk])}"
    )


def test_station_page_queries_do_not_grow_with_deputies(client, w):
    url = reverse("portal:station", args=[w.station.pk])

    few = queries(client, url)
    for _ in range(10):
        AssignmentFactory(station=w.station, mandate=MandateFactory(term=w.rc_term))
    assert queries(client, url) == few


# --- Language -----------------------------------------------------------------------------------


def test_the_default_language_is_simplified_chinese(client, w):
    body = client.get(reverse("portal:station", args=[w.station.pk])).content.decode()
    assert '<html lang="zh-Hans">' in body
    assert "星期二" in body  # 2026-12-15 is a Tuesday
    assert gettext("Deputies at this station") in body


def test_switching_to_english(client, w):
    page = reverse("portal:station", args=[w.station.pk])
    response = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    body = client.get(page).content.decode()
    assert '<html lang="en">' in body
    assert "Tuesday" in body and "星期二" not in body
    assert "Deputies at this station" in body  # the English msgid itself
    chinese = gettext("Deputies at this station")  # the test runs in zh-hans
    if chinese != "Deputies at this station":
        assert chinese not in body
    assert '<option value="en" selected>' in body


# --- The API guide and the public links (issue 10) -----------------------------------------------


def test_every_public_page_links_the_commendations_and_the_api_guide(client, w):
    """Regression: the commendations page was linked from nowhere public, and the footer's
    "API" went straight to the English schema browser."""
    for url in (reverse("portal:home"), reverse("portal:stations")):
        body = client.get(url).content.decode()
        assert f'href="{reverse("public_assessment:commendations")}"' in body
        assert f'href="{reverse("portal:api")}"' in body
        assert f'href="{reverse("swagger-ui")}"' not in body


def test_the_api_guide_explains_in_chinese_and_links_what_answers_without_signing_in(
    client, api, w
):
    response = client.get(reverse("portal:api"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "开放数据接口" in body and "Authorization: Token" in body
    for name in ("api-token", "swagger-ui", "redoc", "schema"):
        assert f'href="{reverse(name)}"' in body or reverse(name) in body
    listed = response.context["endpoints"]
    assert len(listed) == 6
    for url, what in listed:
        assert f'href="{url}"' in body and what in body
        assert api.get(url).status_code == 200  # anonymous, as the page says

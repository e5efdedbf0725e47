"""The station wall (公示墙) over HTTP: the public page and the A4/A3 posters. Only approved
commitments, the head first, only this station's deputies, constant queries, and posters that
print the station, the deputies and their commitments on the right paper."""

import re
import subprocess
from types import SimpleNamespace

import pytest
from django.urls import reverse

from renda.commitments.choices import CommitmentStatus
from renda.commitments.tests.factories import CommitmentFactory, CommitmentYearFactory, job_duty
from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.testing import frozen_at, needs_poppler, pdf_text, photo, queries
from renda.people import services as people_services
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import chongqing, rongchang, town
from renda.stations.choices import AssignmentRole
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db

S = CommitmentStatus


frozen = frozen_at("2026-11-22 10:00:00+08:00")


def commit(mandate, title, status=S.APPROVED, year=2026, **kwargs):
    return CommitmentFactory(
        mandate=mandate,
        title=title,
        status=status,
        commitment_year=CommitmentYearFactory(congress=mandate.congress, year=year),
        **kwargs,
    )


@pytest.fixture
def w():
    rc = rongchang()
    gs = town("500153103000", "观胜镇")
    district = TermFactory(congress=CongressFactory(region=rc))
    township = TermFactory(
        congress=CongressFactory(region=gs, level=CongressLevel.TOWN, name="观胜镇人民代表大会"),
        ordinal=18,
    )
    city = TermFactory(
        congress=CongressFactory(region=chongqing(), level=CongressLevel.PROVINCIAL), ordinal=6
    )
    station = StationFactory(region=gs, name="观胜镇凉坪社区人大代表活动站")
    other = StationFactory(region=gs, name="观胜镇银河村代表联络站")

    jiang = PersonFactory(name="蒋成洪")  # 17 strokes: last by strokes, first as the head
    jiang_seat = MandateFactory(
        person=jiang, term=township, post="镇人大主席", work_unit="观胜镇人大主席团"
    )
    AssignmentFactory(station=station, mandate=jiang_seat, role=AssignmentRole.HEAD)
    ding = PersonFactory(name="丁一")
    ding_seat = MandateFactory(person=ding, term=district, post="社区主任", work_unit="凉坪社区")
    AssignmentFactory(station=station, mandate=ding_seat)
    # 周其建 sits in the municipal and the district congress: one card, both levels.
    zhou = PersonFactory(name="周其建")
    zhou_district = MandateFactory(
        person=zhou, term=district, post="董事长兼总经理", work_unit="鸿全兴业金属制品公司"
    )
    zhou_city = MandateFactory(person=zhou, term=city, post="董事长", work_unit="鸿全兴业")
    AssignmentFactory(station=station, mandate=zhou_district)
    stranger = PersonFactory(name="王银河")
    stranger_seat = MandateFactory(person=stranger, term=township)
    AssignmentFactory(station=other, mandate=stranger_seat)

    commit(jiang_seat, "全年走访选区选民500人次")
    commit(jiang_seat, "宣讲乡村振兴政策6场次", S.FULFILLED)
    commit(jiang_seat, "推进全镇重点项目建设", S.RETURNED, return_reason=job_duty())
    commit(jiang_seat, "草稿中的承诺", S.DRAFT)
    commit(jiang_seat, "待审核的承诺", S.SUBMITTED)
    commit(jiang_seat, "已撤回的承诺", S.WITHDRAWN)
    commit(jiang_seat, "已撤销的承诺", S.CANCELLED)
    commit(jiang_seat, "二〇二五年的承诺", S.FULFILLED, year=2025)
    commit(ding_seat, "资助困难学生5名", S.PARTLY_FULFILLED)
    commit(zhou_district, "招录脱贫户17人就业")
    commit(zhou_city, "带动发展肉牛产业")  # filed under the other seat: same card
    commit(stranger_seat, "银河村道路硬化")
    return SimpleNamespace(
        station=station,
        other=other,
        township=township,
        district=district,
        jiang=jiang,
        ding=ding,
        zhou=zhou,
    )


def wall_url(station, **query):
    url = reverse("commitment_wall:wall", args=[station.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def card_names(body: str) -> list[str]:
    return re.findall(r'<h2 id="deputy-\d+"[^>]*><a[^>]*>([^<]+)</a>', body)


# --- The page ---------------------------------------------------------------------------------


def test_wall_shows_approved_commitments_only(client, w):
    response = client.get(wall_url(w.station))
    assert response.status_code == 200
    body = response.content.decode()
    for shown in ("全年走访选区选民500人次", "宣讲乡村振兴政策6场次", "资助困难学生5名"):
        assert shown in body
    for hidden in ("推进全镇重点项目建设", "草稿中的承诺", "待审核的承诺", "已撤回的承诺"):
        assert hidden not in body
    assert "已撤销的承诺" not in body
    assert "二〇二五年的承诺" not in body  # another year


def test_wall_orders_the_head_first_then_by_strokes(client, w):
    body = client.get(wall_url(w.station)).content.decode()
    assert card_names(body) == ["蒋成洪", "丁一", "周其建"]
    assert "站长" in body


def test_wall_shows_one_card_per_person_with_every_level_and_seat(client, w):
    body = client.get(wall_url(w.station)).content.decode()
    assert body.count(f'id="deputy-{w.zhou.pk}"') == 1
    assert "重庆市人大代表" in body and "荣昌区人大代表" in body
    assert "招录脱贫户17人就业" in body and "带动发展肉牛产业" in body
    assert "董事长兼总经理" in body  # the post of the seat closest to the electors


def test_wall_leaves_out_other_stations_deputies(client, w):
    body = client.get(wall_url(w.station)).content.decode()
    assert "王银河" not in body
    assert "银河村道路硬化" not in body


def test_wall_has_the_station_qr_code_and_poster_links(client, w):
    body = client.get(wall_url(w.station)).content.decode()
    assert reverse("portal:station_qr_svg", args=[w.station.pk]) in body
    assert reverse("commitment_wall:wall_a4", args=[w.station.pk]) + "?year=2026" in body
    assert reverse("commitment_wall:wall_a3", args=[w.station.pk]) + "?year=2026" in body


def test_wall_year_parameter_shows_an_earlier_year(client, w):
    body = client.get(wall_url(w.station, year=2025)).content.decode()
    assert "二〇二五年的承诺" in body
    assert "全年走访选区选民500人次" not in body


@pytest.mark.parametrize("year", ["abc", "1999", "3000"])
def test_wall_year_that_is_no_year_falls_back_to_this_year(client, w, year):
    body = client.get(wall_url(w.station, year=year)).content.decode()
    assert "全年走访选区选民500人次" in body


@pytest.mark.parametrize("name", ["wall", "wall_a4", "wall_a3"])
def test_inactive_or_missing_station_is_404(client, w, name):
    w.station.active = False
    w.station.save()
    assert client.get(reverse(f"commitment_wall:{name}", args=[w.station.pk])).status_code == 404
    assert client.get(reverse(f"commitment_wall:{name}", args=[99999])).status_code == 404


def test_station_page_links_to_the_wall(client, w):
    body = client.get(reverse("portal:station", args=[w.station.pk])).content.decode()
    assert wall_url(w.station) in body


def _station_with(count: int):
    station = StationFactory(region=town("500153103000", "观胜镇"))
    term = TermFactory(congress=CongressFactory(region=rongchang()))
    for index in range(count):
        seat = MandateFactory(term=term)
        AssignmentFactory(
            station=station,
            mandate=seat,
            role=AssignmentRole.HEAD if index == 0 else AssignmentRole.MEMBER,
        )
        for n in range(3):
            commit(seat, f"承诺{index}-{n}", S.FULFILLED if n else S.APPROVED)
    return station


@pytest.mark.parametrize("name", ["wall", "wall_a4"])
def test_wall_queries_do_not_grow_with_deputies(client, name):
    """Regression guard: one query per deputy (levels, commitments) would creep in easily."""
    counts = []
    for size in (3, 10):
        station = _station_with(size)
        url = reverse(f"commitment_wall:{name}", args=[station.pk])
        counts.append(queries(client, url))
    assert counts[0] == counts[1]


# --- The posters ------------------------------------------------------------------------------


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of every page, from the MediaBoxes."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [
        (round(float(x1) - float(x0), 2), round(float(y1) - float(y0), 2))
        for x0, y0, x1, y1 in boxes
    ]


def poster(client, station, size: str, **query) -> bytes:
    url = reverse(f"commitment_wall:wall_{size}", args=[station.pk])
    response = client.get(url, query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


@needs_poppler
@pytest.mark.parametrize("size", ["a4", "a3"])
def test_poster_prints_station_deputies_and_approved_commitments(client, w, size):
    pdf = poster(client, w.station, size)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, joined=True)
    assert "人大代表履职承诺公示" in text
    assert "观胜镇凉坪社区人大代表活动站" in text
    assert "2026年度" in text
    assert "蒋成洪" in text and "周其建" in text
    assert "全年走访选区选民500人次" in text
    assert "推进全镇重点项目建设" not in text
    assert "草稿中的承诺" not in text
    assert "王银河" not in text
    assert "每月15日" in text  # the reception day at the foot
    assert b"/FontFile2" in pdf  # the Chinese font is embedded


@pytest.mark.parametrize(
    ("size", "expected"), [("a4", (595.28, 841.89)), ("a3", (841.89, 1190.55))]
)
def test_poster_is_portrait_on_the_right_paper(client, w, size, expected):
    sizes = page_sizes(poster(client, w.station, size))
    assert sizes and set(sizes) == {expected}


@needs_poppler
def test_poster_page_size_as_pdfinfo_reads_it(client, w, tmp_path):
    path = tmp_path / "wall.pdf"
    path.write_bytes(poster(client, w.station, "a3"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    assert re.search(r"Page size:\s+841\.89 x 1190\.55 pts", info)


def test_poster_paginates_many_deputies(client):
    station = _station_with(14)
    pdf = poster(client, station, "a4")
    assert len(page_sizes(pdf)) >= 2
    assert len(page_sizes(poster(client, station, "a3"))) < len(page_sizes(pdf))


@needs_poppler
def test_poster_of_an_earlier_year(client, w):
    text = pdf_text(poster(client, w.station, "a4", year=2025), joined=True)
    assert "2025年度" in text
    assert "二〇二五年的承诺" in text
    assert "全年走访选区选民500人次" not in text


def test_poster_draws_a_stored_photo(client, w, django_capture_on_commit_callbacks):
    without = poster(client, w.station, "a4")
    assert b"/Subtype /Image" not in without  # placeholders only
    with django_capture_on_commit_callbacks(execute=True):  # the photo's version moves
        people_services.person_set_photo(
            actor="test", person=w.ding, photo=photo("ding.jpg", (300, 400))
        )
    assert b"/Subtype /Image" in poster(client, w.station, "a4")


def test_poster_survives_a_missing_photo_file(client, w):
    w.ding.photo.name = "photos/gone.jpg"
    w.ding.save()
    assert poster(client, w.station, "a4").startswith(b"%PDF")


def test_poster_of_a_station_without_deputies(client):
    station = StationFactory(region=town("500153103000", "观胜镇"))
    assert poster(client, station, "a4").startswith(b"%PDF")


def test_poster_is_the_same_bytes_twice(client, w):
    assert poster(client, w.station, "a4") == poster(client, w.station, "a4")

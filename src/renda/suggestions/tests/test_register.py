"""The register (建议办理台账) as a streamed workbook: Chinese headers and words under zh-hans, a
line per item with its units, dates, ratings and flags, the list's filters, the reader's reach,
and a constant number of queries per chunk of items."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from renda.suggestions import spreadsheets
from renda.suggestions.choices import Rated, SuggestionKind, SuggestionStatus, SuggestionTopic
from renda.suggestions.models import CoSigner, KeySupervision, Suggestion
from renda.suggestions.tests.factories import world
from renda.suggestions.tests.handmade import ANSWER_DUE, item

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 9, 1)
LATE = datetime.date(2025, 8, 1)


@pytest.fixture
def w():
    w = world(deputies=3)
    key = KeySupervision.objects.create(congress=w.congress, year=2025, title="公交线网优化")
    done = ("answered", ANSWER_DUE, False)
    one = item(
        w, 1, status="closed", title="关于增设昌州大道公交站点的建议",
        units=[(w.lead_unit, "lead", *done), (w.co_unit, "co", *done)], replied=True,
        on_time=True, met=True, first="dissatisfied", final="satisfied", category="B",
        fulfilment="not_rated", rehandled=1,
    )  # fmt: skip
    CoSigner.objects.create(suggestion=one, mandate=w.seats[1], status="confirmed")
    CoSigner.objects.create(suggestion=one, mandate=w.seats[2], status="declined")
    item(
        w, 2, status="assigned", title="关于整治濑溪河水环境的建议", topic="environment",
        units=[(w.other_unit, "lead", "in_hand", LATE, True)], supervision=key,
    )  # fmt: skip
    item(w, 1, status="accepted", kind="motion", title="关于制定城市绿化条例的议案", topic="law")
    return w


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    body = b"".join(response.streaming_content)
    return openpyxl.load_workbook(io.BytesIO(body)).worksheets[0]


@freeze_time("2025-09-01 10:00:00+08:00")
def test_the_register_in_chinese(client, w):
    client.force_login(w.staff)
    ws = read(client.get(reverse("suggestions:register_export"), {"year": 2025}))
    assert ws["A1"].value == "2025年代表建议办理台账"
    headers = [c.value for c in ws[2]]
    assert headers[:6] == ["编号", "类别", "标题", "领衔代表", "联名人数", "内容分类"]
    assert headers[-4:] == ["落实评价", "是否逾期", "重点督办", "办理状态"]
    rows = [
        dict(zip(headers, row, strict=True)) for row in ws.iter_rows(min_row=3, values_only=True)
    ]
    # The list's order: the year, motions before suggestions, by number.
    assert [(r["类别"], r["编号"]) for r in rows] == [("议案", 1), ("建议", 1), ("建议", 2)]
    motion, first, second = rows
    assert motion["内容分类"] == "政法" and motion["办理状态"] == "已立案（待交办）"
    assert motion["主办单位"] is None and motion["是否逾期"] is None
    assert first["标题"] == "关于增设昌州大道公交站点的建议"
    assert first["领衔代表"] == w.seat.person.name
    assert (first["联名人数"], first["内容分类"]) == (1, "交通")
    assert (first["主办单位"], first["协办单位"], first["分办单位"]) == (
        "区交通局",
        "区财政局",
        None,
    )
    assert first["交办日期"].date() == datetime.date(2025, 3, 3)
    assert first["办理期限"].date() == ANSWER_DUE
    assert first["答复日期"].date() == datetime.date(2025, 5, 20)
    assert (first["按时答复"], first["办理结果类别"]) == ("是", "B")
    assert (first["首次答复评价"], first["最终答复评价"], first["落实评价"]) == (
        "不满意", "满意", "未评价",
    )  # fmt: skip
    assert (first["是否逾期"], first["重点督办"], first["办理状态"]) == ("否", None, "已办结")
    assert (second["主办单位"], second["是否逾期"], second["重点督办"]) == (
        "区住建委", "是", "公交线网优化",
    )  # fmt: skip
    assert second["办理状态"] == "办理中" and second["办理期限"].date() == LATE


@freeze_time("2025-09-01 10:00:00+08:00")
def test_filtered_like_the_list(client, w):
    client.force_login(w.staff)
    url = reverse("suggestions:register_export")
    ws = read(client.get(url, {"kind": "motion"}))
    assert [r[2] for r in ws.iter_rows(min_row=3, values_only=True)] == [
        "关于制定城市绿化条例的议案"
    ]
    ws = read(client.get(url, {"key": "true"}))
    assert [r[2] for r in ws.iter_rows(min_row=3, values_only=True)] == [
        "关于整治濑溪河水环境的建议"
    ]
    ws = read(client.get(url, {"unit": w.lead_unit.pk}))
    assert [r[0] for r in ws.iter_rows(min_row=3, values_only=True)] == [1]


@freeze_time("2025-09-01 10:00:00+08:00")
def test_another_districts_staff_get_an_empty_register(client, w):
    client.force_login(w.outsider)
    ws = read(client.get(reverse("suggestions:register_export")))
    assert list(ws.iter_rows(min_row=3, values_only=True)) == []


def test_every_choice_has_its_chinese_words():
    assert set(spreadsheets.KIND_ZH) == set(SuggestionKind.values)
    assert set(spreadsheets.STATUS_ZH) == set(SuggestionStatus.values)
    assert set(spreadsheets.TOPIC_ZH) == set(SuggestionTopic.values)
    assert set(spreadsheets.RATED_ZH) == set(Rated.values)


def test_the_units_are_read_once_per_chunk(w, monkeypatch):
    """The items come `CHUNK` at a time with their units and clocks in one query per chunk."""
    monkeypatch.setattr(spreadsheets, "CHUNK", 2)
    items = Suggestion.objects.filter(congress=w.congress).order_by("pk")
    with CaptureQueriesContext(connection) as captured:
        written = spreadsheets.write_register(items, io.BytesIO(), title="", today=TODAY)
    assert written == 3
    # The items (two fetches on SQLite's chunked cursor at most) and one per chunk of units.
    units = [q for q in captured if "handling_assignment" in q["sql"]]
    assert len(units) == 2
    assert len(captured) <= 5, [q["sql"] for q in captured]

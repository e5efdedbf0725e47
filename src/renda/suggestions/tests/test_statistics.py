"""Handling statistics on a handmade set: the items' figures, not rated counted apart, the first
rating and the final one after handling again, separate handling counted for each unit, the
overdue, key supervision apart; the page, its paragraph and chart, the spreadsheet; constant
queries."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core import public_cache
from renda.core.models import StoredFigures
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import HandlingUnitFactory, tongliang
from renda.suggestions import services
from renda.suggestions.models import KeySupervision, Suggestion
from renda.suggestions.statistics import handling_statistics, share
from renda.suggestions.tests.factories import world
from renda.suggestions.tests.handmade import ANSWER_DUE, assign, item
from renda.suggestions.views import report_paragraph

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 9, 1)
LATE = datetime.date(2025, 8, 1)


def handmade(w):
    """Seven items submitted in 2025 (and a draft, and another district's item):

    #1 closed, lead 交通局 + co 财政局, on time, met, 满意 → 满意, A; a withdrawn 住建委 too
    #2 closed, lead 交通局, on time, not met, 不满意 → 基本满意 after handling again, B
    #3 closed, separate 交通局 + 住建委, late, met, not rated twice, C
    #4 being handled by 住建委 (lead), its answer clock past due; key supervision
    #5 accepted, not assigned yet; an item not accepted; a draft
    #7 replied by 财政局 (lead), on time, met, D, waiting for the rating; key supervision
    """
    key = KeySupervision.objects.create(congress=w.congress, year=2025, title="公交线网优化")
    T, F, Z = w.lead_unit, w.co_unit, w.other_unit
    done = ("answered", ANSWER_DUE, False)
    one = item(
        w, 1, status="closed", units=[(T, "lead", *done), (F, "co", *done)], replied=True,
        on_time=True, met=True, first="satisfied", final="satisfied", category="A",
    )  # fmt: skip
    assign(w, one, Z, "co", status="withdrawn", running=False)
    item(
        w, 2, status="closed", units=[(T, "lead", *done)], replied=True, on_time=True,
        met=False, first="dissatisfied", final="basically_satisfied", category="B",
        rehandled=1, fulfilment="satisfied",
    )  # fmt: skip
    item(
        w, 3, status="closed", units=[(T, "separate", *done), (Z, "separate", *done)],
        replied=True, on_time=False, met=True, first="not_rated", final="not_rated",
        category="C",
    )  # fmt: skip
    item(w, 4, status="assigned", units=[(Z, "lead", "in_hand", LATE, True)], supervision=key)
    item(w, 5, status="accepted")
    item(w, None, status="not_accepted")
    item(w, None, status="draft", submitted=False)
    item(
        w, 7, status="replied", units=[(F, "lead", *done)], replied=True, on_time=True,
        met=True, category="D", supervision=key,
    )  # fmt: skip
    # Another district's congress: never in 荣昌区's figures.
    tl = TermFactory(congress=CongressFactory(region=tongliang()))
    item(
        w, 1, status="closed", congress=tl.congress,
        mandate=MandateFactory(term=tl, person=PersonFactory()), replied=True, on_time=False,
        first="dissatisfied", final="dissatisfied", category="C",
    )  # fmt: skip
    return key


@pytest.fixture
def w():
    w = world(deputies=2)
    handmade(w)
    return w


def stats(w):
    return handling_statistics(
        Suggestion.objects.filter(congress=w.congress, year=2025),
        congress_id=w.congress.pk,
        today=TODAY,
    )


def test_the_totals():
    w = world(deputies=2)
    handmade(w)
    t = stats(w).total
    assert (t.submitted, t.accepted, t.not_accepted, t.assigned, t.replied) == (7, 6, 1, 5, 4)
    assert (t.on_time, t.on_time_rate) == (3, Decimal("75.0"))
    assert (t.met, t.met_rate) == (3, Decimal("75.0"))
    assert (t.rehandled, t.closed, t.overdue) == (1, 3, 1)
    assert t.categories == {"A": 1, "B": 1, "C": 1, "D": 1}
    assert t.category_share("A") == Decimal("25.0")


def test_not_rated_is_counted_apart_and_never_as_satisfied(w):
    first, final = stats(w).total.first, stats(w).total.final
    # First: 满意 1, 不满意 1, not rated 1: half of the two rated.
    assert (first.satisfied, first.basically, first.dissatisfied, first.not_rated) == (1, 0, 1, 1)
    assert (first.rated, first.rate) == (2, Decimal("50.0"))
    # Final, after handling #2 again: 满意 1, 基本满意 1, not rated 1: both rated satisfied.
    assert (final.satisfied, final.basically, final.dissatisfied, final.not_rated) == (1, 1, 0, 1)
    assert (final.rated, final.rate) == (2, Decimal("100.0"))
    assert stats(w).total.fulfilment.rate == Decimal("100.0")


def test_key_supervision_apart(w):
    k = stats(w).key
    assert (k.submitted, k.accepted, k.assigned, k.replied, k.on_time, k.overdue) == (
        2, 2, 2, 1, 1, 1,
    )  # fmt: skip
    assert k.categories == {"D": 1}


def test_per_unit_a_separately_handled_item_counts_for_each_unit(w):
    units = {u.name: u for u in stats(w).units}
    assert set(units) == {"区交通局", "区财政局", "区住建委"}
    t = units["区交通局"]
    assert (t.items, t.lead, t.co, t.separate, t.replied, t.on_time, t.met) == (3, 2, 0, 1, 3, 2, 2)
    assert (t.first.satisfied, t.first.dissatisfied, t.first.not_rated) == (1, 1, 1)
    assert (t.final.rate, t.categories) == (Decimal("100.0"), {"A": 1, "B": 1, "C": 1})
    f = units["区财政局"]
    # Co-handling #1 counts as an item, not for the ratings; #7 it leads.
    assert (f.items, f.lead, f.co, f.replied, f.on_time, f.key) == (2, 1, 1, 1, 1, 1)
    assert f.first.rated == 0 and f.first.rate is None
    assert f.categories == {"D": 1}
    z = units["区住建委"]
    # The withdrawn assignment of #1 is not counted; #3 separate and #4 overdue are.
    assert (z.items, z.separate, z.lead, z.replied, z.on_time, z.met) == (2, 1, 1, 1, 0, 1)
    assert (z.overdue, z.key, z.key_overdue, z.first.not_rated) == (1, 1, 1, 1)
    assert z.on_time_rate == Decimal("0.0")


def test_a_rate_of_nothing_is_none():
    assert share(0, 0) is None
    assert share(2, 3) == Decimal("66.7")
    assert share(1, 8) == Decimal("12.5")


def test_three_queries():
    w = world(deputies=2)
    handmade(w)
    with CaptureQueriesContext(connection) as captured:
        stats(w)
    assert len(captured) == 3, [q["sql"] for q in captured]


# --- The page and the spreadsheet -------------------------------------------------------------


@freeze_time("2025-09-01 10:00:00+08:00")
def test_the_page_shows_the_figures_the_paragraph_and_the_chart(client, w):
    client.force_login(w.staff)
    url = reverse("suggestions:statistics")
    response = client.get(url, {"congress": w.congress.pk, "year": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    assert "区交通局" in html and "区住建委" in html
    assert "75.0%" in html  # on time, and met
    assert "statistics-data" in html and "vendor/echarts/echarts.min.js" in html
    s = response.context["statistics"]
    assert s.total.submitted == 7
    paragraph = response.context["paragraph"]
    assert "7" in paragraph and "75.0%" in paragraph and "50.0%" in paragraph


@freeze_time("2025-09-01 10:00:00+08:00")
def test_the_page_queries_do_not_grow_with_items_and_units(client):
    w = world(deputies=2)
    handmade(w)
    client.force_login(w.staff)
    url = reverse("suggestions:statistics")
    query = {"congress": w.congress.pk, "year": 2025}
    client.get(url, query)
    with CaptureQueriesContext(connection) as small:
        client.get(url, query)

    for n in range(10, 30):
        unit = HandlingUnitFactory(region=w.region, name=f"区第{n}局")
        item(w, n, status="assigned", units=[(unit, "lead", "in_hand", LATE, True)])
    with CaptureQueriesContext(connection) as large:
        response = client.get(url, query)
    assert len(response.context["statistics"].units) == 23
    assert len(large) == len(small), [q["sql"] for q in large]


@freeze_time("2025-09-01 10:00:00+08:00")
def test_the_spreadsheet_in_chinese(client, w):
    client.force_login(w.staff)
    response = client.get(
        reverse("suggestions:statistics_export"), {"congress": w.congress.pk, "year": 2025}
    )
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    summary, units = wb.worksheets[0], wb.worksheets[1]
    assert "2025年" in summary["A1"].value and "办理情况统计" in summary["A1"].value
    table = {row[0]: row[1:] for row in summary.iter_rows(min_row=3, values_only=True) if row[0]}
    assert table["提出"][:2] == (7, 2)
    assert table["按时答复率（%）"][0] == 75.0
    assert table["首次满意率（%）"][0] == 50.0
    assert table["最终满意率（%）"][0] == 100.0
    assert table["未评价（首次）"][0] == 1
    headers = [c.value for c in units[2]]
    assert headers[:3] == ["序号", "承办单位", "承办件数"]
    names = [row[1] for row in units.iter_rows(min_row=3, values_only=True) if row[1]]
    assert sorted(names) == sorted(["区交通局", "区住建委", "区财政局"])


def test_other_district_staff_see_nothing_of_this_district(client, w):
    client.force_login(w.outsider)
    response = client.get(
        reverse("suggestions:statistics"), {"congress": w.congress.pk, "year": 2025}
    )
    # Another district's congress is not a choice: the page says so and counts nothing.
    assert response.status_code == 200
    assert response.context["statistics"] is None
    assert "区交通局" not in response.content.decode()
    export = client.get(
        reverse("suggestions:statistics_export"), {"congress": w.congress.pk, "year": 2025}
    )
    assert export.status_code == 404


@pytest.mark.parametrize(
    "name",
    ["suggestions:statistics", "suggestions:statistics_export", "suggestions:register_export"],
)
def test_who_may_open(client, w, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    for user in (w.deputy, w.lead_clerk):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(w.staff)
    assert client.get(url).status_code == 200


def test_the_list_links_the_statistics_and_the_filtered_register(client, w):
    client.force_login(w.staff)
    html = client.get(reverse("suggestions:suggestion_list"), {"kind": "motion"}).content.decode()
    assert reverse("suggestions:statistics") in html
    assert f"{reverse('suggestions:register_export')}?kind=motion" in html


# --- The public page ----------------------------------------------------------------------------


@freeze_time("2025-09-01 10:00:00+08:00")
def test_the_public_reads_the_same_figures_without_a_login(client, w):
    url = reverse("public_suggestions:statistics")
    response = client.get(url, {"congress": w.congress.pk, "year": 2025})
    assert response.status_code == 200
    public = response.context["statistics"]
    office = stats(w)
    assert public.total == office.total and public.key == office.key
    assert public.units == office.units
    assert [c.code for c in public.categories] == office.category_codes
    html = response.content.decode()
    assert "区交通局" in html and "75.0%" in html and "statistics-data" in html
    assert response.context["paragraph"] == report_paragraph(w.congress, 2025, office)
    assert "statistics_export" not in html and "register.xlsx" not in html
    # Every congress with items is a choice, 铜梁区's too; a congress with only drafts is not.
    choices = list(response.context["form"].fields["congress"].queryset)
    assert w.congress in choices and len(choices) == 2


@freeze_time("2025-09-01 10:00:00+08:00")
def test_the_public_figures_are_kept_until_an_item_changes(
    client, w, django_capture_on_commit_callbacks
):
    client.get(reverse("public_suggestions:statistics"), {"congress": w.congress.pk, "year": 2025})
    kept = StoredFigures.objects.get(name__startswith="suggestions.statistics:")
    assert kept.name.endswith(":2025:all:2025-09-01")
    assert kept.value["total"]["submitted"] == 7
    # A new item is submitted: the next visitor counts it (the page and the figures are new).
    draft = Suggestion.objects.get(congress=w.congress, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_submit(actor=w.deputy, suggestion=draft)
    response = client.get(
        reverse("public_suggestions:statistics"), {"congress": w.congress.pk, "year": 2025}
    )
    assert response.context["statistics"].total.submitted == 8
    kept.refresh_from_db()
    assert kept.value["total"]["submitted"] == 8


@freeze_time("2025-09-01 10:00:00+08:00")
def test_the_public_page_costs_the_same_queries_for_more_units(client):
    w = world(deputies=2)
    handmade(w)
    url = reverse("public_suggestions:statistics")
    query = {"congress": w.congress.pk, "year": 2025}

    def fresh_page() -> int:
        public_cache.forget_versions()
        StoredFigures.objects.all().delete()
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, query).status_code == 200
        return len(captured)

    small = fresh_page()
    for n in range(10, 30):
        unit = HandlingUnitFactory(region=w.region, name=f"区第{n}局")
        item(w, n, status="assigned", units=[(unit, "lead", "in_hand", LATE, True)])
    assert fresh_page() == small


@pytest.mark.parametrize("query", [{"congress": "x", "year": "2025"}, {"year": "1"}, {"kind": "?"}])
def test_the_public_page_words_a_bad_choice(client, w, query):
    response = client.get(reverse("public_suggestions:statistics"), query)
    assert response.status_code == 200
    assert response.context["statistics"] is None
    assert response.context["form"].errors

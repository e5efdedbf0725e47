"""The published figures (数读): the definition of the fulfilment rate, Rongchang's four published
years reproduced exactly, the public page with its chart data, and the Excel export."""

import datetime
import io
import json
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import Commitment, CommitmentYear
from renda.commitments.selectors import YearFigures, fulfilment_rate, yearly_figures
from renda.commitments.spreadsheets import DEFINITION_ZH
from renda.commitments.tests.factories import (
    CategoryFactory,
    CommitmentFactory,
    CommitmentYearFactory,
    job_duty,
)
from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core import public_cache
from renda.core.models import StoredFigures
from renda.people.models import Mandate, Person
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import chongqing, rongchang, tongliang, town

pytestmark = pytest.mark.django_db
S = CommitmentStatus
URL = "/statistics/commitments/"
XLSX_URL = "/statistics/commitments.xlsx"


# --- The rate ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fulfilled", "commitments", "rate"),
    [
        (1267, 1352, "93.7"),
        (1, 16, "6.3"),  # 6.25: half up, not to even
        (5, 16, "31.3"),  # 31.25
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (0, 5, "0.0"),
        (7, 7, "100.0"),
    ],
)
def test_rate_is_a_percentage_to_one_decimal_rounded_half_up(fulfilled, commitments, rate):
    assert fulfilment_rate(fulfilled, commitments) == Decimal(rate)


def test_rate_of_no_commitments_is_none_not_zero():
    assert fulfilment_rate(0, 0) is None
    assert YearFigures(2020, 0, 0, 0, 0, False).rate is None


# --- The definition, case by case -------------------------------------------------------------


@pytest.fixture
def d():
    """荣昌区 with a district and a town congress, the municipal congress, and 铜梁区."""
    rc, zs = rongchang(), town()
    district = TermFactory(congress=CongressFactory(region=rc))
    township = TermFactory(
        congress=CongressFactory(region=zs, level=CongressLevel.TOWN, name="直升镇人民代表大会"),
        ordinal=18,
    )
    city = TermFactory(
        congress=CongressFactory(region=chongqing(), level=CongressLevel.PROVINCIAL), ordinal=6
    )
    elsewhere = TermFactory(congress=CongressFactory(region=tongliang()))
    return SimpleNamespace(
        rc=rc, zs=zs, district=district, township=township, city=city, elsewhere=elsewhere
    )


def commit(mandate, status, year=2025, n=1, **kwargs):
    cy = CommitmentYearFactory(congress=mandate.congress, year=year)
    return [
        CommitmentFactory(mandate=mandate, status=status, commitment_year=cy, **kwargs)
        for _ in range(n)
    ]


def row(region, year, level=None, today=datetime.date(2026, 3, 1)) -> YearFigures | None:
    return next((r for r in yearly_figures(region, level, today=today) if r.year == year), None)


def test_partly_fulfilled_counts_as_not_fulfilled(d):
    seat = MandateFactory(term=d.district)
    commit(seat, S.FULFILLED)
    commit(seat, S.PARTLY_FULFILLED)
    r = row(d.rc, 2025)
    assert (r.commitments, r.fulfilled, r.rate) == (2, 1, Decimal("50.0"))


def test_cancelled_leave_the_denominator(d):
    seat = MandateFactory(term=d.district)
    commit(seat, S.FULFILLED, n=3)
    commit(seat, S.UNFULFILLED)
    commit(seat, S.CANCELLED, n=4)
    r = row(d.rc, 2025)
    assert (r.commitments, r.fulfilled, r.rate) == (4, 3, Decimal("75.0"))


def test_drafts_submitted_returned_and_withdrawn_are_not_commitments(d):
    seat = MandateFactory(term=d.district)
    commit(seat, S.FULFILLED)
    commit(seat, S.DRAFT)
    commit(seat, S.SUBMITTED)
    commit(seat, S.RETURNED, return_reason=job_duty())
    commit(seat, S.WITHDRAWN)
    # A deputy with nothing but unreviewed or withdrawn ones made no commitment.
    idle = MandateFactory(term=d.district)
    commit(idle, S.DRAFT)
    commit(idle, S.WITHDRAWN)
    commit(idle, S.CANCELLED)
    r = row(d.rc, 2025)
    assert (r.deputies, r.commitments, r.fulfilled) == (1, 1, 1)


def test_a_person_with_two_seats_counts_once_in_all_levels(d):
    person = PersonFactory()
    district_seat = MandateFactory(person=person, term=d.district)
    town_seat = MandateFactory(person=person, term=d.township)
    commit(town_seat, S.FULFILLED, n=2)  # one set, filed under the lowest seat
    commit(district_seat, S.UNFULFILLED)  # an imported year may carry one under the other
    other = MandateFactory(term=d.township)
    commit(other, S.FULFILLED)

    everyone = row(d.rc, 2025)
    assert (everyone.deputies, everyone.commitments, everyone.fulfilled) == (2, 4, 3)
    # A district deputy's commitments count at the district level whatever seat they are
    # filed under; the town deputy without a district seat does not.
    county = row(d.rc, 2025, CongressLevel.COUNTY)
    assert (county.deputies, county.commitments, county.fulfilled) == (1, 3, 2)
    township = row(d.rc, 2025, CongressLevel.TOWN)
    assert (township.deputies, township.commitments) == (2, 4)


def test_a_municipal_seat_belongs_to_the_district_that_elected_it(d):
    elected_here = MandateFactory(term=d.city, electoral_region=d.rc)
    elected_elsewhere = MandateFactory(term=d.city, electoral_region=tongliang())
    commit(elected_here, S.FULFILLED)
    commit(elected_elsewhere, S.FULFILLED, n=5)
    assert row(d.rc, 2025).commitments == 1
    assert row(d.rc, 2025, CongressLevel.PROVINCIAL).deputies == 1
    assert row(d.rc, 2025, CongressLevel.COUNTY) is None


def test_another_districts_commitments_are_left_out(d):
    commit(MandateFactory(term=d.district), S.FULFILLED)
    commit(MandateFactory(term=d.elsewhere), S.UNFULFILLED, n=3)
    assert row(d.rc, 2025).commitments == 1
    assert row(tongliang(), 2025).commitments == 3


def test_a_seat_must_be_held_in_the_year_to_count_for_its_level(d):
    person = PersonFactory()
    MandateFactory(
        person=person,
        term=d.district,
        start=datetime.date(2022, 1, 1),
        end=datetime.date(2023, 6, 30),
        end_reason="resignation",
    )
    town_seat = MandateFactory(person=person, term=d.township)
    commit(town_seat, S.FULFILLED, year=2023)
    commit(town_seat, S.FULFILLED, year=2025)
    assert row(d.rc, 2023, CongressLevel.COUNTY).commitments == 1
    assert row(d.rc, 2025, CongressLevel.COUNTY) is None


def test_the_rate_is_so_far_while_the_year_runs_or_commitments_are_open(d):
    seat = MandateFactory(term=d.district)
    commit(seat, S.FULFILLED, year=2024)
    commit(seat, S.FULFILLED, year=2025)
    commit(seat, S.APPROVED, year=2025)  # not decided yet
    commit(seat, S.FULFILLED, year=2026)
    rows = {r.year: r for r in yearly_figures(d.rc, today=datetime.date(2026, 3, 1))}
    assert not rows[2024].so_far
    assert rows[2025].so_far and rows[2025].open == 1
    assert rows[2025].rate == Decimal("50.0")
    assert rows[2026].so_far  # the year is not over


# --- Rongchang's published figures --------------------------------------------------------------

# (year, deputies, commitments, fulfilled, rate as published). The fulfilled counts are the
# integers nearest to commitments × rate; each is one of those that round to the published rate.
PUBLISHED = [
    (2017, 278, 1352, 1267, "93.7"),
    (2018, 1165, 6234, 5910, "94.8"),
    (2019, 1185, 8247, 7942, "96.3"),
    (2020, 1162, 8682, 7779, "89.6"),
]


def _spread(total: int, people: list[int]) -> list[int]:
    """`total` commitments over `people` as evenly as can be: a person index per commitment."""
    base, extra = divmod(total, len(people))
    return [p for i, p in enumerate(people) for _ in range(base + (i < extra))]


@pytest.fixture
def published():
    """荣昌区 as the 2020 article counts it, built with bulk_create: 1,190 people; ten municipal
    seats elected in 荣昌区 (seven of them also district deputies), 287 district seats, 990 town
    seats in three towns (90 of them district deputies too). 2017: district deputies only;
    2018: district and town; 2019 and 2020: all three levels. Noise that must not count:
    drafts, submitted, returned, withdrawn and cancelled commitments, deputies who only drafted,
    and 铜梁区's commitments."""
    rc = rongchang()
    towns = [town(f"500153{n:03d}000", f"第{n}镇") for n in (101, 102, 103)]
    start = datetime.date(2016, 12, 1)
    city = TermFactory(
        congress=CongressFactory(region=chongqing(), level=CongressLevel.PROVINCIAL),
        ordinal=5,
        start=datetime.date(2017, 1, 1),
        end=datetime.date(2021, 12, 31),
    )
    district = TermFactory(
        congress=CongressFactory(region=rc),
        ordinal=18,
        start=start,
        end=datetime.date(2021, 12, 31),
    )
    town_terms = [
        TermFactory(
            congress=CongressFactory(region=t, level=CongressLevel.TOWN),
            ordinal=18,
            start=start,
            end=datetime.date(2021, 12, 31),
        )
        for t in towns
    ]
    people = Person.objects.bulk_create(
        Person(name=f"代表{i}", gender="male", stroke_key=f"{i:05d}") for i in range(1190)
    )
    seats: dict[int, list[Mandate]] = {i: [] for i in range(1190)}

    def seat(i, term, **kwargs):
        m = Mandate(person=people[i], congress=term.congress, term=term, start=start, **kwargs)
        seats[i].append(m)
        return m

    mandates = [seat(i, city, electoral_region=rc) for i in range(10)]
    district_holders = [*range(7), *range(10, 290)]
    mandates += [seat(i, district) for i in district_holders]
    mandates += [seat(i, town_terms[i % 3]) for i in range(200, 1190)]
    Mandate.objects.bulk_create(mandates)

    def filing_seat(i, year):
        if year == 2017:  # only district deputies took part: filed under the district seat
            return next(m for m in seats[i] if m.term == district)
        return max(seats[i], key=lambda m: m.congress.level)  # the lowest level

    years = {}
    for year in (2017, 2018, 2019, 2020):
        for term in [
            district,
            *(town_terms if year >= 2018 else []),
            *([city] if year >= 2019 else []),
        ]:
            cy = CommitmentYear.objects.create(
                congress=term.congress,
                year=year,
                opens=datetime.date(year, 1, 1),
                closes=datetime.date(year, 2, 28),
            )
            years[term.congress.pk, year] = (cy, CategoryFactory(congress=term.congress))

    def make(i, year, status, **kwargs):
        mandate = filing_seat(i, year)
        cy, category = years[mandate.congress.pk, year]
        return Commitment(
            person=people[i],
            mandate=mandate,
            commitment_year=cy,
            category=category,
            title="全年走访选民500人次",
            due=datetime.date(year, 12, 31),
            status=status,
            **kwargs,
        )

    every = list(range(1190))
    committers = {
        2017: district_holders[:278],
        2018: [i for i in every if i not in (7, 8, 9)][:1165],
        2019: every[:1185],
        2020: every[:1162],
    }
    reason = job_duty()
    rows = []
    for year, deputies, total, fulfilled, _rate in PUBLISHED:
        who = committers[year]
        assert len(who) == deputies
        for n, i in enumerate(_spread(total, who)):
            if n < fulfilled:
                status = S.FULFILLED
            elif year == 2020:
                status = S.APPROVED  # still open in October 2020
            else:
                status = (S.PARTLY_FULFILLED, S.UNFULFILLED)[n % 2]
            rows.append(make(i, year, status))
        for i in who[:20]:
            rows += [
                make(i, year, S.DRAFT),
                make(i, year, S.SUBMITTED),
                make(i, year, S.RETURNED, return_reason=reason),
                make(i, year, S.WITHDRAWN),
                make(i, year, S.CANCELLED),
            ]
    for i in (1185, 1186, 1187):  # did not commit in 2019: only a draft and a withdrawn one
        rows += [make(i, 2019, S.DRAFT), make(i, 2019, S.WITHDRAWN)]
    Commitment.objects.bulk_create(rows, batch_size=2000)
    elsewhere = MandateFactory(term=TermFactory(congress=CongressFactory(region=tongliang())))
    commit(elsewhere, S.FULFILLED, year=2019, n=3)
    return rc


@freeze_time("2020-10-28 10:00:00+08:00")  # the day the article appeared
def test_rongchangs_published_figures_come_out_exactly(published, client):
    """One test, so the 25,000 rows are built once: all levels, 2017's district level, and the
    Excel export give the figures exactly as published."""
    rows = {r.year: r for r in yearly_figures(published)}
    assert sorted(rows) == [2017, 2018, 2019, 2020]
    for year, deputies, commitments, fulfilled, rate in PUBLISHED:
        r = rows[year]
        assert (r.deputies, r.commitments, r.fulfilled) == (deputies, commitments, fulfilled)
        assert r.rate == Decimal(rate)
        assert str(r.rate) == rate
        assert r.so_far is (year == 2020)  # "目前完成率已达89.6%"

    # 2017: "278名区人大代表亮承诺1352条，完成率达到93.7%".
    r = row(published, 2017, CongressLevel.COUNTY, today=datetime.date(2020, 10, 28))
    assert (r.deputies, r.commitments, r.rate) == (278, 1352, Decimal("93.7"))

    response = client.get(XLSX_URL, {"region": published.code})
    ws = load_workbook(io.BytesIO(response.content)).active
    body = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)}
    assert body[2017][:5] == (2017, 278, 1352, 1267, 93.7)
    assert body[2018][:5] == (2018, 1165, 6234, 5910, 94.8)
    assert body[2019][:5] == (2019, 1185, 8247, 7942, 96.3)
    assert body[2020][1:6] == (1162, 8682, 7779, 89.6, "目前完成率")


def test_the_table_is_one_query_however_many_years(d):
    seat = MandateFactory(term=d.district)
    for year in range(2017, 2026):
        commit(seat, S.FULFILLED, year=year)
    with CaptureQueriesContext(connection) as queries:
        assert len(yearly_figures(d.rc)) == 9
    assert len(queries) == 1


# --- The page and the export ------------------------------------------------------------------


@pytest.fixture
def years(d):
    seat = MandateFactory(term=d.district)
    town_seat = MandateFactory(term=d.township)
    commit(seat, S.FULFILLED, year=2024, n=3)
    commit(seat, S.UNFULFILLED, year=2024)
    commit(town_seat, S.FULFILLED, year=2025, n=2)
    commit(town_seat, S.PARTLY_FULFILLED, year=2025)
    commit(MandateFactory(term=d.elsewhere), S.FULFILLED, year=2025)  # 铜梁区, fewer
    return d


def chart_data(body: str) -> dict:
    m = re.search(r'<script id="statistics-data" type="application/json">(.*?)</script>', body)
    assert m, "no json_script chart data"
    return json.loads(m.group(1))


@freeze_time("2026-03-01 10:00:00+08:00")
def test_page_defaults_to_the_district_with_most_data_and_shows_table_and_chart(client, years):
    assert reverse("commitment_statistics:statistics") == URL
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "荣昌区" in body
    assert '<option value="500153000000" selected>' in body
    table = body[body.index('id="statistics-table"') :]
    assert re.search(
        r"<th[^>]*>2024</th>\s*<td>1</td>\s*<td>4</td>\s*<td>3</td>\s*<td>75.0%", table
    )
    assert re.search(
        r"<th[^>]*>2025</th>\s*<td>1</td>\s*<td>3</td>\s*<td>2</td>\s*<td>66.7%", table
    )
    data = chart_data(body)
    assert data["years"] == ["2024", "2025"]
    assert data["commitments"] == [4, 3]
    assert data["fulfilled"] == [3, 2]
    assert data["rates"] == [75.0, 66.7]
    assert data["so_far"] == [False, False]
    assert "vendor/echarts/echarts.min.js" in body


@freeze_time("2025-10-01 10:00:00+08:00")
def test_the_chart_marks_a_year_in_progress_as_so_far(client, years):
    """Regression (issue 10): a year in progress was drawn as a drop of the rate."""
    data = chart_data(client.get(URL).content.decode())
    assert data["years"] == ["2024", "2025"]
    assert data["so_far"] == [False, True]
    assert data["labels"]["so_far"] == "截至目前"


@freeze_time("2026-03-01 10:00:00+08:00")
def test_page_filters_by_level_and_region(client, years):
    data = chart_data(
        client.get(URL, {"region": "500153000000", "level": CongressLevel.TOWN}).content.decode()
    )
    assert data["years"] == ["2025"]
    data = chart_data(client.get(URL, {"region": "500151000000"}).content.decode())
    assert data["years"] == ["2025"] and data["commitments"] == [1]


@freeze_time("2026-03-01 10:00:00+08:00")
def test_page_with_an_unknown_region_falls_back_to_the_default(client, years):
    response = client.get(URL, {"region": "999999999999", "level": "x"})
    assert response.status_code == 200
    assert chart_data(response.content.decode())["years"] == ["2024", "2025"]


def test_page_without_any_data(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'id="statistics-data"' not in response.content.decode()


def test_page_queries_do_not_grow_with_years(client, d):
    seat = MandateFactory(term=d.district)
    counts = []
    for span in (range(2018, 2020), range(2018, 2026)):
        for year in span:
            commit(seat, S.FULFILLED, year=year)
        # Counted as made afresh: no cached page, no stored figures (factories move no version).
        cache.clear()
        public_cache.forget_versions()
        StoredFigures.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_base_navigation_links_to_statistics(client, d):
    assert f'href="{URL}"' in client.get("/stations/").content.decode()


@freeze_time("2026-03-01 10:00:00+08:00")
def test_excel_export_has_the_table_and_the_definition(client, years):
    response = client.get(XLSX_URL, {"region": "500153000000"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(c for c in r) for r in ws.iter_rows(values_only=True)]
    assert "荣昌区" in rows[0][0]
    assert rows[1][:5] == ("年度", "作出承诺代表数", "承诺条数", "已完成", "完成率（%）")
    assert rows[2][:5] == (2024, 1, 4, 3, 75.0)
    assert rows[3][:6] == (2025, 1, 3, 2, 66.7, None)
    assert any(r[0] == DEFINITION_ZH for r in rows)

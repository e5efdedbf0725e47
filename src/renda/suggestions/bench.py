"""`renda bench suggestions`: a municipal year of motions and suggestions, and what its outputs
cost against what they must read.

The dataset is one year of the municipality of Chongqing's congress: 20,000 items from its
deputies (motions about one in twenty), 100 handling units, 60,000 assignments (a lead unit and
co-handling units, or units handling separately) with their two clocks each (120,000
deadlines), the items in every status from not accepted to closed with their figures kept as
the services keep them (number, result category, on time, met, the ratings first and final),
about one in a hundred under key supervision, and one in twenty still being handled a year
later (overdue). Everything goes in by `bulk_create`, then ANALYZE.

Three things are measured, in the same process over the same rows:

* (a) the statistics (`suggestions.statistics.handling_statistics`, the page's figures) against
  the least any statistics must do: the same figures by two hand-written SQL aggregates, one
  over the items, one over the assignments joined to them by unit (with the same check of the
  clocks for the overdue). The join reads the generic key as an integer, so each assignment
  finds its item by the primary key (joining on the id as text was a third slower on SQLite).
  Each the best and the median of `--repeats` runs, alternating;
* (b) the register's peak of Python memory (tracemalloc) written for 2,000, 10,000 and 20,000
  items, which must stay flat (it reads the items in chunks and streams the workbook);
* (c) the queries of the overdue list (the office's assignment list, `?overdue=true&unit=`, as
  the municipality's staff) for the unit with the fewest overdue assignments and the one with
  the most: the same count.

`run()` works on the database Django is connected to; the command calls it inside
`core.bench.throwaway_database()`.
"""

import datetime
import random
import sys
import time
import tracemalloc
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from tqdm import tqdm

from renda.core.bench import Benchmark, Timing, machine

SEED = 20250305  # the day the year's session opened
SIZES = (2_000, 10_000, 20_000)
UNIT_NAMES = (
    "发展改革委", "教委", "科技局", "经济信息委", "民族宗教委", "公安局", "民政局", "司法局",
    "财政局", "人力社保局", "规划自然资源局", "生态环境局", "住房城乡建委", "城市管理局",
    "交通运输委", "水利局", "农业农村委", "商务委", "文化旅游委", "卫生健康委", "退役军人局",
    "应急管理局", "审计局", "国资委", "市场监管局", "体育局", "统计局", "医保局", "林业局",
    "乡村振兴局", "大数据发展局", "机关事务局", "信访办", "外办", "口岸物流办", "金融监管局",
    "粮食和储备局", "药监局", "知识产权局", "能源局",
)  # fmt: skip
TOPICS = (
    "economy", "urban", "agriculture", "transport", "environment", "education", "health",
    "social", "law", "government", "other",
)  # fmt: skip


@dataclass
class Dataset:
    year: int
    today: datetime.date
    congress: object
    staff: object  # a staff user of the municipality
    items: int
    assignments: int
    units: int
    item_pks: list  # in order, to take the first N
    seconds: float = 0.0


@dataclass
class Report:
    dataset: Dataset
    baseline: Timing
    statistics: Timing
    items_baseline: Timing
    items_statistics: Timing
    statistics_queries: int
    # (items, peak bytes, seconds traced, bytes written, seconds untraced)
    memory: list = field(default_factory=list)
    overdue_queries: list = field(default_factory=list)  # (rows on the page, queries)
    overdue_total: int = 0
    machine: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.statistics.best / self.baseline.best if self.baseline.best else 0.0

    @property
    def median_ratio(self) -> float:
        return self.statistics.median / self.baseline.median if self.baseline.median else 0.0

    @property
    def items_ratio(self) -> float:
        b = self.items_baseline.best
        return self.items_statistics.best / b if b else 0.0

    @property
    def flat(self) -> bool:
        """The peak at the largest size within 1.5× of the smallest's."""
        peaks = [peak for _n, peak, *_rest in self.memory]
        return bool(peaks) and max(peaks) <= 1.5 * min(peaks)

    @property
    def constant_queries(self) -> bool:
        return len({q for _rows, q in self.overdue_queries}) == 1

    def render(self) -> str:
        d, m = self.dataset, self.machine
        lines = [
            f"Dataset: {d.items:,} items, {d.assignments:,} assignments "
            f"({2 * d.assignments:,} clocks), {d.units} units, year {d.year}; "
            f"built in {d.seconds:.1f} s",
            f"Machine: {m.get('cpu', '?')} × {m.get('cpus', '?')}, Python {m.get('python')}, "
            f"{m.get('database')}",
            "",
            "(a) Statistics against hand-written SQL over the same rows",
            f"{'':<44}{'best ms':>10}{'median ms':>11}   runs",
        ]
        for label, timing in (
            ("baseline: both aggregates, by hand", self.baseline),
            ("statistics: handling_statistics()", self.statistics),
            ("  items only, by hand", self.items_baseline),
            ("  items only, statistics", self.items_statistics),
        ):
            lines.append(
                f"{label:<44}{timing.best * 1000:>10.1f}{timing.median * 1000:>11.1f}"
                f"   {len(timing.runs)}"
            )
        lines += [
            f"{'ratio statistics / baseline':<44}{self.ratio:>10.2f}{self.median_ratio:>11.2f}",
            f"{'ratio, items only':<44}{self.items_ratio:>10.2f}",
            f"Queries of the statistics: {self.statistics_queries}",
            "",
            "(b) The register (.xlsx, streamed): peak Python memory (tracemalloc)",
        ]
        for n, peak, seconds, size, plain in self.memory:
            lines.append(
                f"  {n:>6,} items: peak {peak / 1e6:6.2f} MB ({seconds:6.1f} s traced), "
                f"{plain:6.1f} s untraced, {size / 1e6:5.2f} MB written"
            )
        lines.append(f"  {'flat' if self.flat else 'NOT flat'}")
        lines += ["", f"(c) The overdue list ({self.overdue_total:,} overdue assignments)"]
        for rows, queries in self.overdue_queries:
            lines.append(f"  a page of {rows:>3} rows: {queries} queries")
        lines.append(f"  {'constant' if self.constant_queries else 'NOT constant'}")
        return "\n".join(lines)


# --- Building ---------------------------------------------------------------------------------


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def build(
    *, items: int, assignments: int, units: int, year: int, progress: bool = False
) -> Dataset:
    """Write the dataset into the connected database."""
    from django.contrib.contenttypes.models import ContentType

    from renda.accounts.models import RoleGrant, User
    from renda.congresses.choices import CongressLevel
    from renda.congresses.models import Congress, Term
    from renda.core.models import Deadline
    from renda.handling.models import Assignment
    from renda.handling.querysets import ACCEPT_CLOCK, ANSWER_CLOCK
    from renda.people.models import Mandate, Person
    from renda.regions.choices import RegionLevel
    from renda.regions.models import HandlingUnit, Region
    from renda.suggestions.models import KeySupervision, Suggestion

    started = time.perf_counter()
    rng = random.Random(SEED)
    if assignments < items:
        raise ValueError("--assignments must be at least --items.")
    bar = tqdm(total=5, desc="Congress", file=sys.stderr, disable=not progress)
    with bar, transaction.atomic():
        region = Region(code="500000000000", name="重庆市", level=RegionLevel.PROVINCE)
        region.save()
        congress = Congress.objects.create(
            region=region, level=CongressLevel.PROVINCIAL, name="重庆市人民代表大会"
        )
        term = Term.objects.create(
            congress=congress, ordinal=6, start=datetime.date(year - 2, 1, 1)
        )
        people = Person.objects.bulk_create(
            [Person(name=f"代表{i:04d}", gender="male", stroke_key=f"{i:08d}") for i in range(860)]
        )
        seats = Mandate.objects.bulk_create(
            [Mandate(person=p, congress=congress, term=term, start=term.start) for p in people]
        )
        handling_units = HandlingUnit.objects.bulk_create(
            [
                HandlingUnit(
                    region=region,
                    name=f"市{UNIT_NAMES[i % len(UNIT_NAMES)]}"
                    + (f"（{i // len(UNIT_NAMES) + 1}）" if i >= len(UNIT_NAMES) else ""),
                )
                for i in range(units)
            ]
        )
        themes = [
            KeySupervision.objects.create(congress=congress, year=year, title=f"重点督办{i + 1}")
            for i in range(20)
        ]
        staff = User.objects.create(username=f"bench-staff-{year}")
        RoleGrant.objects.create(user=staff, role="staff", region=region)
        bar.update()

        bar.set_description("Items")
        rows, plans = _items(rng, items, year, congress, seats, themes)
        made = Suggestion.objects.bulk_create(rows, batch_size=2000)
        bar.update()

        bar.set_description("Assignments")
        shares = _shares(rng, plans, assignments)
        today = _today(year)
        ct_item = ContentType.objects.get_for_model(Suggestion)
        new = []
        for s, plan, n in zip(made, plans, shares, strict=True):
            if not n:
                continue
            chosen = rng.sample(handling_units, n)
            separate = plan["separate"]
            for k, unit in enumerate(chosen):
                role = "separate" if separate else ("lead" if k == 0 else "co")
                new.append(
                    Assignment(
                        content_type=ct_item,
                        object_id=str(s.pk),
                        region=region,
                        unit=unit,
                        role=role,
                        status=plan["a_status"],
                        round=2 if plan["rehandled"] else 1,
                        assigned_on=s.assigned_on,
                    )
                )
        placed = Assignment.objects.bulk_create(new, batch_size=2000)
        bar.update()

        bar.set_description("Clocks")
        ct_a = ContentType.objects.get_for_model(Assignment)
        stamp = datetime.datetime(year, 12, 31, tzinfo=datetime.UTC)
        clocks = []
        for a in placed:
            open_ = a.status in ("assigned", "in_hand")
            months = 1 if a.role == "co" else 3
            accept_due = a.assigned_on + datetime.timedelta(days=14)
            answer_due = a.assigned_on + datetime.timedelta(days=30 * months + 1)
            clocks.append(
                Deadline(
                    content_type=ct_a,
                    object_id=str(a.pk),
                    purpose=ACCEPT_CLOCK,
                    start=a.assigned_on,
                    days=10,
                    unit="working",
                    due=accept_due,
                    status="running" if a.status == "assigned" else "stopped",
                    stopped_at=None if a.status == "assigned" else stamp,
                )
            )
            clocks.append(
                Deadline(
                    content_type=ct_a,
                    object_id=str(a.pk),
                    purpose=ANSWER_CLOCK,
                    start=a.assigned_on,
                    days=(answer_due - a.assigned_on).days,
                    unit="natural",
                    due=answer_due,
                    status="running" if open_ else "stopped",
                    stopped_at=None if open_ else stamp,
                )
            )
        Deadline.objects.bulk_create(clocks, batch_size=5000)
        bar.update()
    bar.set_description("ANALYZE")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Dataset(
        year=year,
        today=today,
        congress=congress,
        staff=staff,
        items=items,
        assignments=len(placed),
        units=units,
        item_pks=[s.pk for s in made],
        seconds=time.perf_counter() - started,
    )


def _today(year: int) -> datetime.date:
    from django.utils import timezone

    return max(timezone.localdate(), datetime.date(year + 1, 1, 15))


STATUS_WEIGHTS = {
    "not_accepted": 3,
    "merged": 2,
    "withdrawn": 1,
    "accepted": 1,
    "assigned": 5,
    "replied": 8,
    "rehandling": 1,
    "fulfilling": 10,
    "fulfilled": 3,
    "closed": 66,
}
RATING_WEIGHTS = {"satisfied": 70, "basically_satisfied": 20, "dissatisfied": 5, "not_rated": 5}
CATEGORY_WEIGHTS = {"A": 45, "B": 35, "C": 15, "D": 5}
ASSIGNED = ("assigned", "replied", "rehandling", "fulfilling", "fulfilled", "closed")
REPLIED = ("replied", "fulfilling", "fulfilled", "closed")


def _items(rng, n, year, congress, seats, themes):
    from renda.suggestions.models import Suggestion

    def at(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(2), tzinfo=datetime.UTC)

    numbers = {"motion": 0, "suggestion": 0}
    rows, plans = [], []
    first_day = datetime.date(year, 1, 20)
    for i in range(n):
        status = _pick(rng, STATUS_WEIGHTS)
        kind = "motion" if rng.random() < 0.05 else "suggestion"
        submitted = first_day + datetime.timedelta(days=rng.randint(0, 40))
        numbered = status not in ("not_accepted", "withdrawn") and not (
            status == "merged" and rng.random() < 0.5
        )
        number = None
        if numbered:
            numbers[kind] += 1
            number = numbers[kind]
        assigned = status in ASSIGNED
        assigned_on = submitted + datetime.timedelta(days=rng.randint(5, 30)) if assigned else None
        replied = status in REPLIED or (status == "rehandling")
        replied_on = (
            assigned_on + datetime.timedelta(days=rng.randint(30, 100)) if replied else None
        )
        rated = status in ("rehandling", "fulfilling", "fulfilled", "closed")
        first = _pick(rng, RATING_WEIGHTS) if rated else ""
        rehandled = first == "dissatisfied"
        final = first
        if rehandled and status != "rehandling":
            final = _pick(rng, {"satisfied": 40, "basically_satisfied": 40, "dissatisfied": 20})
        category = _pick(rng, CATEGORY_WEIGHTS) if replied else ""
        fulfilment = ""
        if status == "closed" and category in ("B", "C"):
            fulfilment = _pick(rng, RATING_WEIGHTS)
        a_status = {
            "assigned": "in_hand",
            "rehandling": "in_hand",
            "fulfilled": "done",
        }.get(status, "answered" if replied else "")
        if status == "closed" and fulfilment:
            a_status = "done"
        rows.append(
            Suggestion(
                congress=congress,
                year=year,
                kind=kind,
                number=number,
                title=f"关于第{i + 1}项民生事项的建议",
                body="正文",
                topic=TOPICS[i % len(TOPICS)],
                mandate=seats[rng.randrange(len(seats))],
                status=status,
                submitted_at=at(submitted),
                accepted_at=at(submitted + datetime.timedelta(days=3)) if numbered else None,
                assigned_on=assigned_on,
                replied_at=at(replied_on) if replied_on else None,
                replied_on_time=(rng.random() < 0.92) if replied else None,
                met_deputy=(rng.random() < 0.85) if replied else None,
                first_reply_rating=first,
                reply_rating=final,
                fulfilment_rating=fulfilment,
                result_category=category,
                rehandled=1 if rehandled else 0,
                supervision=rng.choice(themes) if assigned and rng.random() < 0.01 else None,
                closed_at=at(replied_on + datetime.timedelta(days=20))
                if status == "closed"
                else None,
                mode="separate"
                if assigned and rng.random() < 0.15
                else ("lead_co" if assigned else ""),
            )
        )
        plans.append(
            {
                "assigned": assigned,
                "separate": rows[-1].mode == "separate",
                "a_status": a_status or "assigned",
                "rehandled": rehandled,
            }
        )
    return rows, plans


def _shares(rng, plans, total: int) -> list[int]:
    """Units per item: at least one for an assigned item (two when separate), up to five, so
    that they add up to `total` exactly (or as near as five a piece allows)."""
    shares = [(2 if p["separate"] else 1) if p["assigned"] else 0 for p in plans]
    open_ = [i for i, p in enumerate(plans) if p["assigned"]]
    left = total - sum(shares)
    while left > 0 and open_:
        i = rng.choice(open_)
        if shares[i] >= 5:
            open_.remove(i)
            continue
        shares[i] += 1
        left -= 1
    return shares


# --- (a) The statistics against hand-written SQL ----------------------------------------------

ITEMS_SQL = """
SELECT supervision_id IS NOT NULL,
  COUNT(*) FILTER (WHERE submitted_at IS NOT NULL),
  COUNT(*) FILTER (WHERE number IS NOT NULL),
  COUNT(*) FILTER (WHERE status = 'not_accepted'),
  COUNT(*) FILTER (WHERE status = 'merged'),
  COUNT(*) FILTER (WHERE status = 'withdrawn' AND submitted_at IS NOT NULL),
  COUNT(*) FILTER (WHERE assigned_on IS NOT NULL),
  COUNT(*) FILTER (WHERE replied_at IS NOT NULL),
  COUNT(*) FILTER (WHERE replied_at IS NOT NULL AND replied_on_time),
  COUNT(*) FILTER (WHERE replied_at IS NOT NULL AND met_deputy),
  COUNT(*) FILTER (WHERE rehandled > 0),
  COUNT(*) FILTER (WHERE status = 'closed'),
  {ratings},
  {categories}
FROM suggestions_suggestion
WHERE congress_id = %s AND year = %s AND status <> 'draft'
GROUP BY supervision_id IS NOT NULL
"""
UNITS_SQL = """
SELECT a.unit_id, u.name,
  COUNT(*) FILTER (WHERE a.status IN ('assigned', 'in_hand', 'answered', 'done')),
  COUNT(*) FILTER (WHERE a.status IN ('assigned', 'in_hand', 'answered', 'done') AND a.role = 'lead'),
  COUNT(*) FILTER (WHERE a.status IN ('assigned', 'in_hand', 'answered', 'done') AND a.role = 'co'),
  COUNT(*) FILTER (WHERE a.status IN ('assigned', 'in_hand', 'answered', 'done') AND a.role = 'separate'),
  COUNT(*) FILTER (WHERE a.status = 'returned'),
  COUNT(*) FILTER (WHERE a.status IN ('answered', 'done')),
  COUNT(*) FILTER (WHERE a.status IN ('assigned', 'in_hand', 'answered', 'done') AND s.supervision_id IS NOT NULL),
  COUNT(*) FILTER (WHERE a.status IN ('assigned', 'in_hand', 'answered', 'done') AND EXISTS (
    SELECT 1 FROM core_deadline d WHERE d.content_type_id = %s AND d.object_id = CAST(a.id AS TEXT)
    AND d.due < %s AND d.status <> 'stopped')),
  COUNT(*) FILTER (WHERE a.role <> 'co' AND s.replied_at IS NOT NULL),
  COUNT(*) FILTER (WHERE a.role <> 'co' AND s.replied_at IS NOT NULL AND s.replied_on_time),
  COUNT(*) FILTER (WHERE a.role <> 'co' AND s.replied_at IS NOT NULL AND s.met_deputy),
  {ratings},
  {categories}
FROM handling_assignment a
JOIN suggestions_suggestion s ON s.id = CAST(a.object_id AS INTEGER)
JOIN regions_handlingunit u ON u.id = a.unit_id
WHERE a.content_type_id = %s AND a.status <> 'withdrawn'
  AND s.congress_id = %s AND s.year = %s AND s.status <> 'draft'
GROUP BY a.unit_id, u.name
"""  # noqa: E501
RATED = ("satisfied", "basically_satisfied", "dissatisfied", "not_rated")
CODES = ("A", "B", "C", "D")


def _items_sql() -> str:
    ratings = ",\n  ".join(
        f"COUNT(*) FILTER (WHERE {source} = '{value}')"
        for source in ("first_reply_rating", "reply_rating", "fulfilment_rating")
        for value in RATED
    )
    categories = ",\n  ".join(
        f"COUNT(*) FILTER (WHERE result_category = '{code}')" for code in CODES
    )
    return ITEMS_SQL.format(ratings=ratings, categories=categories)


def _units_sql() -> str:
    letter = "a.status IN ('assigned', 'in_hand', 'answered', 'done') AND a.role <> 'co'"
    ratings = ",\n  ".join(
        f"COUNT(*) FILTER (WHERE {letter} AND s.{source} = '{value}')"
        for source in ("first_reply_rating", "reply_rating")
        for value in RATED
    )
    categories = ",\n  ".join(
        f"COUNT(*) FILTER (WHERE {letter} AND s.result_category = '{code}')" for code in CODES
    )
    return UNITS_SQL.format(ratings=ratings, categories=categories)


def time_items_baseline(d: Dataset) -> float:
    sql = _items_sql()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, [d.congress.pk, d.year])
        cursor.fetchall()
    return time.perf_counter() - started


def time_baseline(d: Dataset) -> float:
    from django.contrib.contenttypes.models import ContentType

    from renda.handling.models import Assignment
    from renda.suggestions.models import Suggestion

    ct_a = ContentType.objects.get_for_model(Assignment).pk
    ct_s = ContentType.objects.get_for_model(Suggestion).pk
    items_sql, units_sql = _items_sql(), _units_sql()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(items_sql, [d.congress.pk, d.year])
        cursor.fetchall()
        cursor.execute(units_sql, [ct_a, d.today, ct_s, d.congress.pk, d.year])
        cursor.fetchall()
    return time.perf_counter() - started


def _suggestions(d: Dataset):
    from renda.suggestions.models import Suggestion

    return Suggestion.objects.filter(congress=d.congress, year=d.year)


def time_statistics(d: Dataset) -> float:
    from renda.suggestions.statistics import handling_statistics

    started = time.perf_counter()
    handling_statistics(_suggestions(d), congress_id=d.congress.pk, today=d.today)
    return time.perf_counter() - started


def time_items_statistics(d: Dataset) -> float:
    from renda.suggestions.statistics import _item_figures

    started = time.perf_counter()
    _item_figures(_suggestions(d), list(CODES))
    return time.perf_counter() - started


def check_same_figures(d: Dataset) -> int:
    """The statistics agree with the hand-written SQL (a bench of wrong figures proves
    nothing); returns the statistics' query count."""
    from django.contrib.contenttypes.models import ContentType

    from renda.handling.models import Assignment
    from renda.suggestions.models import Suggestion
    from renda.suggestions.statistics import handling_statistics

    with CaptureQueriesContext(connection) as captured:
        s = handling_statistics(_suggestions(d), congress_id=d.congress.pk, today=d.today)
    ct_a = ContentType.objects.get_for_model(Assignment).pk
    ct_s = ContentType.objects.get_for_model(Suggestion).pk
    with connection.cursor() as cursor:
        cursor.execute(_items_sql(), [d.congress.pk, d.year])
        items = cursor.fetchall()
        cursor.execute(_units_sql(), [ct_a, d.today, ct_s, d.congress.pk, d.year])
        units = {row[0]: row for row in cursor.fetchall()}
    submitted = sum(row[1] for row in items)
    replied = sum(row[7] for row in items)
    if (submitted, replied) != (s.total.submitted, s.total.replied):
        raise AssertionError(f"items differ: {(submitted, replied)} != statistics")
    for u in s.units:
        row = units[u.unit_id]
        if (row[2], row[9], row[10]) != (u.items, u.overdue, u.replied):
            raise AssertionError(f"unit {u.name} differs: {row[2:11]} != {u}")
    return len(captured)


# --- (b) The register's memory ----------------------------------------------------------------


def register_memory(d: Dataset, n: int) -> tuple[int, float, int, float]:
    """(peak traced bytes, seconds traced, bytes written, seconds untraced) of the register of
    the first `n` items: written twice, once under tracemalloc (which slows Python severalfold)
    and once as a request does."""
    import tempfile

    from renda.suggestions.spreadsheets import write_register

    last = d.item_pks[min(n, len(d.item_pks)) - 1]
    items = _suggestions(d).filter(pk__lte=last).order_by("-year", "kind", "number", "-pk")
    with tempfile.TemporaryFile() as out:
        tracemalloc.start()
        started = time.perf_counter()
        try:
            write_register(items, out, title="重庆市代表建议办理台账", today=d.today)
            _size, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        seconds = time.perf_counter() - started
        written = out.tell()
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        write_register(items, out, title="重庆市代表建议办理台账", today=d.today)
        plain = time.perf_counter() - started
    return peak, seconds, written, plain


# --- (c) The overdue list's queries -----------------------------------------------------------


def overdue_queries(d: Dataset) -> tuple[list[tuple[int, int]], int]:
    """The queries of the office's overdue list of the unit with the fewest overdue assignments
    and of the one with the most (a page of 50 rows at most), and how many are overdue in all."""
    from django.db.models import Count
    from django.test import Client, override_settings
    from django.urls import reverse

    from renda.handling.models import Assignment

    overdue = Assignment.objects.overdue(d.today)
    total = overdue.count()
    per_unit = list(overdue.values("unit_id").annotate(n=Count("pk")).order_by("n", "unit_id"))
    # The same filters, the unit with the fewest overdue and the one with the most.
    fewest, most = per_unit[0], per_unit[-1]
    client = Client()
    client.force_login(d.staff)
    url = reverse("handling:assignment_list")
    found = []
    from django.conf import settings

    # The test client's host; static files without collectstatic's manifest, as in the tests.
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(ALLOWED_HOSTS=hosts, STORAGES=storages):
        for unit in (fewest, most):
            query = {"overdue": "true", "unit": unit["unit_id"]}
            client.get(url, query)  # warm: the session, the content types
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, query)
            if response.status_code != 200:
                raise AssertionError(f"the overdue list answered {response.status_code}")
            # The rows on the page (50 a page); response.context is a test runner's only.
            found.append((min(unit["n"], 50), len(captured)))
    return found, total


# --- Running -----------------------------------------------------------------------------------


def run(
    *,
    items: int = 20_000,
    assignments: int = 60_000,
    units: int = 100,
    year: int | None = None,
    repeats: int = 5,
    sizes: tuple[int, ...] = SIZES,
    progress: bool = False,
) -> Report:
    from django.utils import timezone

    year = year or timezone.localdate().year - 1
    d = build(items=items, assignments=assignments, units=units, year=year, progress=progress)
    statistics_queries = check_same_figures(d)
    time_baseline(d)
    time_statistics(d)
    baseline, stats, items_base, items_stats = [], [], [], []
    for _ in range(repeats):
        baseline.append(time_baseline(d))
        stats.append(time_statistics(d))
        items_base.append(time_items_baseline(d))
        items_stats.append(time_items_statistics(d))
    memory = []
    for n in sizes:
        if n > items:
            continue
        memory.append((n, *register_memory(d, n)))
    overdue, total = overdue_queries(d)
    return Report(
        dataset=d,
        baseline=Timing("baseline", baseline),
        statistics=Timing("statistics", stats),
        items_baseline=Timing("items baseline", items_base),
        items_statistics=Timing("items statistics", items_stats),
        statistics_queries=statistics_queries,
        memory=memory,
        overdue_queries=overdue,
        overdue_total=total,
        machine=machine(),
    )


def _add_arguments(parser) -> None:
    parser.add_argument("--items", type=int, default=20_000, help="Items (default 20000).")
    parser.add_argument(
        "--assignments", type=int, default=60_000, help="Assignments (default 60000)."
    )
    parser.add_argument("--units", type=int, default=100, help="Handling units (default 100).")
    parser.add_argument("--year", type=int, default=None, help="The year (default: last year).")
    parser.add_argument("--repeats", type=int, default=5, help="Timed runs of each (default 5).")
    parser.add_argument(
        "--sizes",
        default=",".join(str(n) for n in SIZES),
        help="Register sizes to measure, comma-separated (default 2000,10000,20000).",
    )


def _run(*, items, assignments, units, year, repeats, sizes, verbosity=1, **options) -> str:
    if items < 1 or units < 5 or repeats < 1:
        raise ValueError("--items and --repeats must be at least 1, --units at least 5.")
    report = run(
        items=items,
        assignments=assignments,
        units=units,
        year=year,
        repeats=repeats,
        sizes=tuple(int(n) for n in str(sizes).split(",") if n.strip()),
        progress=verbosity >= 1,
    )
    return report.render()


BENCHMARK = Benchmark(
    name="suggestions",
    help=(
        "Build a municipal year (20,000 items, 60,000 assignments by default) and time the "
        "handling statistics against hand-written SQL, the register's memory at three sizes "
        "and the overdue list's queries at two."
    ),
    add_arguments=_add_arguments,
    run=_run,
)

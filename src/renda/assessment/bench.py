"""`renda bench evaluation`: a province-scale evaluation timed against its lower bound.

The dataset is the municipality of Chongqing's 38 districts and counties, each with its congress,
its current term (the five years ending with the evaluated year, so the term minimums are judged),
the preset activity catalogue, "341 311" and the Rongchang-style table in force; 60,000 seats
shared unevenly among them, and 3,000,000 verified activities spread over the term's years up to
the evaluated year, with person-times on visits and receptions. People, seats and the small
tables go in through the ORM's bulk inserts; the activities through raw multi-row inserts
(`executemany`) or PostgreSQL's COPY, in chunks; then ANALYZE.

Two things are timed, in the same process over the same rows, each the best and the median of a
few repeats:

* the baseline, the lower bound of any evaluation: for each congress, one hand-written SQL
  aggregate of its verified activities of the term up to the year's end, grouped by seat, fetched
  in full. Per congress rather than over all at once because the evaluation runs per congress
  too, so both pay the same number of round trips;
* the evaluation: `assessment.services.evaluation_run` for every congress, the service staff
  call, writes included.

`run()` works on the database Django is connected to; the command calls it inside
`core.bench.throwaway_database()`, which builds into a database of its own and drops it afterwards.
"""

import datetime
import random
import sys
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from tqdm import tqdm

from renda.core.bench import Benchmark, Timing, machine

ACTOR = "bench"
SEED = 20190601  # the month "341 311" was adopted
CHUNK = 50_000

# The municipality of Chongqing's districts and counties, with their division codes.
# fmt: off
DISTRICTS = (
    ("500101", "万州区"), ("500102", "涪陵区"), ("500103", "渝中区"), ("500104", "大渡口区"),
    ("500105", "江北区"), ("500106", "沙坪坝区"), ("500107", "九龙坡区"), ("500108", "南岸区"),
    ("500109", "北碚区"), ("500110", "綦江区"), ("500111", "大足区"), ("500112", "渝北区"),
    ("500113", "巴南区"), ("500114", "黔江区"), ("500115", "长寿区"), ("500116", "江津区"),
    ("500117", "合川区"), ("500118", "永川区"), ("500119", "南川区"), ("500120", "璧山区"),
    ("500151", "铜梁区"), ("500152", "潼南区"), ("500153", "荣昌区"), ("500154", "开州区"),
    ("500155", "梁平区"), ("500156", "武隆区"), ("500229", "城口县"), ("500230", "丰都县"),
    ("500231", "垫江县"), ("500233", "忠县"), ("500235", "云阳县"), ("500236", "奉节县"),
    ("500237", "巫山县"), ("500238", "巫溪县"), ("500240", "石柱土家族自治县"),
    ("500241", "秀山土家族苗族自治县"), ("500242", "酉阳土家族苗族自治县"),
    ("500243", "彭水苗族土家族自治县"),
)
# fmt: on
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余"
GIVEN = "明华平国建军伟芳丽强磊洋勇艳杰娟涛超秀英霞敏静红玉兰春梅德文斌刚辉"
# How often each preset type is registered (relative), so speeches are rarer than visits.
TYPE_WEIGHTS = {
    "standing_committee_speech": 3,
    "session_speech": 4,
    "inspection": 8,
    "survey": 6,
    "law_enforcement_inspection": 2,
    "group_activity": 8,
    "attend_standing_committee": 3,
    "reception": 12,
    "visit": 14,
    "policy_explaining": 6,
    "review_meeting": 2,
    "motion": 1,
    "suggestion": 5,
    "training": 3,
    "good_deed": 4,
    "report_back": 1,
}
BASELINE_SQL = (
    "SELECT mandate_id, COUNT(*), SUM(person_times) FROM activities_activity "
    "WHERE congress_id = %s AND status = %s AND day BETWEEN %s AND %s GROUP BY mandate_id"
)
ACTIVITY_COLUMNS = (
    "mandate_id",
    "person_id",
    "congress_id",
    "activity_type_id",
    "day",
    "place",
    "content",
    "person_times",
    "status",
    "status_note",
    "source_type",
    "source_id",
    "fingerprint",
    "created_at",
    "decided_at",
)


@dataclass
class Dataset:
    """What `build` wrote: the congresses (with their term's start) and the counts."""

    year: int
    congresses: list  # Congress instances
    term_start: datetime.date
    mandates: int
    activities: int
    seconds: float = 0.0


@dataclass
class Report:
    dataset: Dataset
    baseline: Timing
    evaluation: Timing
    queries: list[int]  # queries of each congress's evaluation run
    results: int
    machine: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.evaluation.best / self.baseline.best if self.baseline.best else 0.0

    @property
    def median_ratio(self) -> float:
        return self.evaluation.median / self.baseline.median if self.baseline.median else 0.0

    @property
    def constant_queries(self) -> bool:
        return len(set(self.queries)) == 1

    def render(self) -> str:
        d = self.dataset
        m = self.machine
        lines = [
            f"Dataset: {len(d.congresses)} congresses, {d.mandates:,} seats, "
            f"{d.activities:,} activities, evaluated year {d.year} "
            f"(term {d.term_start:%Y}–{d.year}); built in {d.seconds:.1f} s",
            f"Machine: {m.get('cpu', '?')} × {m.get('cpus', '?')}, Python {m.get('python')}, "
            f"{m.get('database')}",
            "",
            f"{'':<34}{'best s':>10}{'median s':>10}   runs",
            f"{'baseline (one SQL aggregate each)':<34}{self.baseline.best:>10.3f}"
            f"{self.baseline.median:>10.3f}   {len(self.baseline.runs)}",
            f"{'evaluation (evaluation_run each)':<34}{self.evaluation.best:>10.3f}"
            f"{self.evaluation.median:>10.3f}   {len(self.evaluation.runs)}",
            f"{'ratio evaluation / baseline':<34}{self.ratio:>10.2f}{self.median_ratio:>10.2f}",
            "",
            f"Queries per evaluation run: {min(self.queries)}–{max(self.queries)} "
            f"over congresses of {self._sizes()} seats "
            f"({'constant' if self.constant_queries else 'NOT constant'}); "
            f"{self.results:,} results written per full run.",
        ]
        return "\n".join(lines)

    def _sizes(self) -> str:
        from renda.people.models import Mandate

        counts = [
            Mandate.objects.filter(congress=c).count() for c in self.dataset.congresses
        ]  # a report line, not timed
        return f"{min(counts)}–{max(counts)}"


# --- The throwaway database -------------------------------------------------------------------


# --- Building ---------------------------------------------------------------------------------


def build(*, mandates: int, activities: int, year: int, progress: bool = False) -> Dataset:
    """Write the dataset into the connected database (which should be empty of it)."""
    from renda.activities import services as activity_services
    from renda.activities.models import ActivityType
    from renda.assessment import services
    from renda.congresses.choices import CongressLevel
    from renda.congresses.models import Congress, Term
    from renda.people.models import Mandate, Person
    from renda.regions.choices import RegionLevel
    from renda.regions.models import Region

    started = time.perf_counter()
    rng = random.Random(SEED)
    term_start = datetime.date(year - 4, 1, 1)
    term_end = datetime.date(year, 12, 31)
    bar = tqdm(
        total=3 + activities,
        desc="Congresses",
        unit="row",
        unit_scale=True,
        file=sys.stderr,
        disable=not progress,
    )
    with bar:
        with transaction.atomic():
            chongqing = _region(Region, "500000000000", "重庆市", RegionLevel.PROVINCE, None)
            congresses, terms = [], []
            for code, name in DISTRICTS:
                region = _region(Region, f"{code}000000", name, RegionLevel.COUNTY, chongqing)
                congress = Congress.objects.create(
                    region=region, level=CongressLevel.COUNTY, name=f"重庆市{name}人民代表大会"
                )
                term = Term.objects.create(
                    congress=congress, ordinal=19, start=term_start, end=term_end
                )
                activity_services.activity_types_apply_preset(actor=ACTOR, congress=congress)
                activity_services.requirements_apply_preset(actor=ACTOR, term=term)
                services.table_from_preset(actor=ACTOR, congress=congress, year=year)
                congresses.append(congress)
                terms.append(term)
            bar.update()

            bar.set_description("Seats")
            # Uneven congresses (the largest about four times the smallest), so the query
            # counts show they do not follow the number of seats.
            weights = [rng.uniform(0.5, 2.0) for _ in congresses]
            shares = _shares(mandates, weights)
            people = [
                Person(
                    name=_name(rng),
                    gender=rng.choice(("male", "female")),
                    stroke_key=f"{i:08d}",
                )
                for i in range(mandates)
            ]
            Person.objects.bulk_create(people, batch_size=2000)
            seats = []
            k = 0
            for congress, term, n in zip(congresses, terms, shares, strict=True):
                for _ in range(n):
                    seats.append(
                        Mandate(
                            person=people[k],
                            congress=congress,
                            term=term,
                            start=term_start,
                            electoral_unit=f"{congress.region.name}第{k % 50 + 1}选区",
                        )
                    )
                    k += 1
            Mandate.objects.bulk_create(seats, batch_size=2000)
            bar.update()

        bar.set_description("Activities")
        types = {}
        for t in ActivityType.objects.filter(congress__in=congresses):
            types.setdefault(t.congress_id, {})[t.code] = t
        _insert_activities(seats, types, activities, term_start, term_end, rng, bar.update)
        bar.set_description("ANALYZE")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        bar.update()
    return Dataset(
        year=year,
        congresses=congresses,
        term_start=term_start,
        mandates=mandates,
        activities=activities,
        seconds=time.perf_counter() - started,
    )


def _region(model, code, name, level, parent):
    region = model(code=code, name=name, level=level, parent=parent)
    region.save()
    return region


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))


def _shares(total: int, weights: list[float]) -> list[int]:
    """`total` split by `weights`, every share at least one, summing exactly."""
    whole = sum(weights)
    shares = [max(1, int(total * w / whole)) for w in weights]
    shares[shares.index(max(shares))] += total - sum(shares)
    return shares


def _insert_activities(seats, types, total, first_day, last_day, rng, advance) -> None:
    """`total` verified activities of random seats, types and days, in chunks of CHUNK rows:
    COPY on PostgreSQL, one multi-row `executemany` elsewhere."""
    from renda.activities.choices import ActivityStatus
    from renda.activities.models import Activity
    from renda.core.bulk import copy_rows

    days = [
        (first_day + datetime.timedelta(d)).isoformat()
        for d in range((last_day - first_day).days + 1)
    ]
    codes = list(TYPE_WEIGHTS)
    weights = list(TYPE_WEIGHTS.values())
    # (seat, person, congress) and, per congress, (type id, name, counts person-times) by code.
    seat_rows = [(s.pk, s.person_id, s.congress_id) for s in seats]
    by_congress = {
        cid: {c: (t.pk, t.name, t.counts_person_times) for c, t in ts.items()}
        for cid, ts in types.items()
    }
    postgres = connection.vendor == "postgresql"
    stamp = "2020-01-01 00:00:00+00" if postgres else "2020-01-01 00:00:00"
    verified = ActivityStatus.VERIFIED.value
    columns = ", ".join(ACTIVITY_COLUMNS)
    insert = "INSERT INTO activities_activity ({}) VALUES ({})".format(
        columns, ", ".join(["%s"] * len(ACTIVITY_COLUMNS))
    )
    if not postgres:
        # A page cache big enough for the indexes while building (the default 2 MB makes every
        # insert into the seat and congress indexes a read, and the build slow to minutes);
        # the connection's own size again for the timing.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            cache_size = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -1048576")
    done = 0
    while done < total:
        n = min(CHUNK, total - done)
        picked_seats = rng.choices(seat_rows, k=n)
        picked_codes = rng.choices(codes, weights=weights, k=n)
        picked_days = rng.choices(days, k=n)
        rows = []
        for i, (seat, code, day) in enumerate(
            zip(picked_seats, picked_codes, picked_days, strict=True)
        ):
            type_id, name, counts = by_congress[seat[2]][code]
            rows.append(
                (
                    seat[0],
                    seat[1],
                    seat[2],
                    type_id,
                    day,
                    "",
                    name,
                    rng.randint(3, 40) if counts else None,
                    verified,
                    "",
                    "",
                    "",
                    f"{done + i:064x}",  # unique: no two rows are one activity
                    stamp,
                    stamp,
                )
            )
        with transaction.atomic():
            if postgres:
                copy_rows(Activity, ACTIVITY_COLUMNS, rows)
            else:
                with connection.cursor() as cursor:
                    cursor.executemany(insert, rows)
        done += n
        advance(n)
    if not postgres:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")


# --- Timing -----------------------------------------------------------------------------------


def time_baseline(dataset: Dataset) -> float:
    """One aggregate per congress over the rows the evaluation reads, fetched in full."""
    from renda.activities.choices import ActivityStatus

    last = datetime.date(dataset.year, 12, 31)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for congress in dataset.congresses:
            cursor.execute(
                BASELINE_SQL,
                [congress.pk, ActivityStatus.VERIFIED.value, str(dataset.term_start), str(last)],
            )
            cursor.fetchall()
    return time.perf_counter() - started


def time_evaluation(dataset: Dataset) -> float:
    from renda.assessment import services

    started = time.perf_counter()
    for congress in dataset.congresses:
        services.evaluation_run(actor=ACTOR, congress=congress, year=dataset.year)
    return time.perf_counter() - started


def count_queries(dataset: Dataset) -> tuple[list[int], int]:
    """The queries of each congress's evaluation run (not timed), and the results written."""
    from renda.assessment import services

    counts, results = [], 0
    for congress in dataset.congresses:
        with CaptureQueriesContext(connection) as captured:
            evaluation = services.evaluation_run(actor=ACTOR, congress=congress, year=dataset.year)
        counts.append(len(captured))
        results += evaluation.deputy_count
    return counts, results


def _profile(dataset: Dataset) -> None:
    """Print where one full evaluation pass spends its time (cProfile, top 25 by own time)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(time_evaluation, dataset)
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)


def run(
    *,
    mandates: int = 60_000,
    activities: int = 3_000_000,
    year: int | None = None,
    repeats: int = 3,
    progress: bool = False,
    profile: bool = False,
) -> Report:
    """Build the dataset into the connected database, then time the baseline and the
    evaluation `repeats` times each, alternating, after one untimed warm-up of each."""
    from django.utils import timezone

    year = year or timezone.localdate().year - 1
    dataset = build(mandates=mandates, activities=activities, year=year, progress=progress)
    # Warm-up (caches; the first run creates each Evaluation), then the query counts.
    time_baseline(dataset)
    time_evaluation(dataset)
    queries, results = count_queries(dataset)
    if profile:
        _profile(dataset)
    baseline, evaluation = [], []
    for _ in range(repeats):
        baseline.append(time_baseline(dataset))
        evaluation.append(time_evaluation(dataset))
    return Report(
        dataset=dataset,
        baseline=Timing("baseline", baseline),
        evaluation=Timing("evaluation", evaluation),
        queries=queries,
        results=results,
        machine=machine(),
    )


# --- The sub-command ----------------------------------------------------------------------------


def _add_arguments(parser) -> None:
    parser.add_argument("--mandates", type=int, default=60_000, help="Seats (default 60000).")
    parser.add_argument(
        "--activities", type=int, default=3_000_000, help="Activities (default 3000000)."
    )
    parser.add_argument(
        "--year", type=int, default=None, help="Year evaluated (default: last year)."
    )
    parser.add_argument("--repeats", type=int, default=3, help="Timed runs of each (default 3).")
    parser.add_argument(
        "--profile", action="store_true", help="Print a cProfile of one evaluation pass."
    )


def _run(*, mandates, activities, year, repeats, profile, verbosity=1, **options) -> str:
    if mandates < 1 or activities < 0 or repeats < 1:
        raise ValueError("--mandates and --repeats must be at least 1.")
    report = run(
        mandates=mandates,
        activities=activities,
        year=year,
        repeats=repeats,
        progress=verbosity >= 1,
        profile=profile,
    )
    return report.render()


BENCHMARK = Benchmark(
    name="evaluation",
    help=(
        "Build a province-scale dataset (60,000 seats, 3,000,000 activities by default) and time "
        "a full evaluation against one hand-written SQL aggregate over the same rows."
    ),
    add_arguments=_add_arguments,
    run=_run,
)

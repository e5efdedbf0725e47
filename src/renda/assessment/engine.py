"""The evaluation of a congress's deputies for a year, in a constant number of queries.

It reads every input once — the seats, the minimums, one aggregate of the verified activities
grouped by seat, type and "this year", the commitment counts, the staff's adjustments, the
excused absences, the table — computes each deputy's lines with the pure rules in `scoring.py`
and the minimums in `activities.requirements`, and replaces the results with one multi-row
insert. Nothing in it loops over queries, so a test guards that the number of queries does not
grow with the number of deputies, and `renda bench evaluation` compares its time with one
hand-written SQL aggregate over the same rows.
"""

import datetime
import functools
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum

from renda.activities import requirements as minimums
from renda.activities.choices import ActivityStatus, Compliance
from renda.assessment import scoring
from renda.assessment.choices import ACTIVITY_MEASURES, ItemKind, Measure


@dataclass
class Seat:
    pk: int
    person_id: int
    term_id: int
    stroke_key: str


def reference_day(year: int, today: datetime.date) -> datetime.date:
    """Whose result is computed: the seats current at the year's end (today, while the year
    runs). A deputy who left during the year is not evaluated."""
    return min(datetime.date(year, 12, 31), today)


def _seats(congress_id: int, day: datetime.date) -> list[Seat]:
    from renda.people.models import Mandate

    rows = (
        Mandate.objects.filter(congress_id=congress_id)
        .current(day)
        .values_list("pk", "person_id", "term_id", "person__stroke_key")
        .order_by("person__stroke_key", "pk")
    )
    return [Seat(*row) for row in rows]


def _terms(term_ids):
    from renda.congresses.models import Term

    return {t.pk: t for t in Term.objects.filter(pk__in=term_ids)}


def _requirements(term_ids):
    from renda.activities.models import Requirement

    rules = defaultdict(list)
    for r in Requirement.objects.filter(term_id__in=term_ids):
        rules[r.term_id].append(minimums.Rule(r.category, r.period, r.minimum))
    for term_rules in rules.values():
        term_rules.sort(key=minimums.rule_order)
    return rules


def activity_rows(
    congress_id: int, start: datetime.date, first: datetime.date, last: datetime.date
):
    """(seat, type, count from `start`, count from `first`, person-times from `first`) of the
    verified activities from `start` (the earliest term start) to `last`.

    One row per seat and type, the year's part as conditional sums, read through a plain cursor:
    half the rows of grouping by "this year" too, and none of the ORM's per-row converters, which
    at 3,000,000 activities were a third of the evaluation's time (docs/benchmarks.md)."""
    from renda.activities.models import Activity

    this_year = Q(day__gte=first)
    qs = (
        Activity.objects.filter(
            congress_id=congress_id,
            status=ActivityStatus.VERIFIED,
            day__gte=start,
            day__lte=last,
        )
        .values_list("mandate_id", "activity_type_id")
        .annotate(
            n=Count("pk"),
            n_year=Count("pk", filter=this_year),
            person_times=Sum("person_times", filter=this_year),
        )
        .order_by()
    )
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(10_000):
            yield from rows


def _table(table):
    items = list(table.items.prefetch_related("activity_types").order_by("order", "pk"))
    bands = [scoring.Band(b.label, b.min_score, b.requires_compliance) for b in table.bands.all()]
    return items, bands


@dataclass
class Computed:
    seat: Seat
    score: Decimal
    grade: str
    compliance: str
    requirements: list[dict]
    breakdown: list[dict]
    rank: int = 0


def compute(evaluation, today: datetime.date) -> list[Computed]:
    """Every deputy's result, not yet written."""
    from renda.activities.models import ActivityType, Excuse
    from renda.assessment.models import ScoreAdjustment
    from renda.commitments.selectors import assessment_counts
    from renda.people.models import Mandate

    congress_id, year = evaluation.congress_id, evaluation.year
    first, last = minimums.year_bounds(year)
    day = reference_day(year, today)
    seats = _seats(congress_id, day)
    if not seats:
        return []
    term_ids = {s.term_id for s in seats}
    terms = _terms(term_ids)
    rules = _requirements(term_ids)
    start = min(t.start for t in terms.values())
    category_of = dict(
        ActivityType.objects.filter(congress_id=congress_id).values_list("pk", "category")
    )
    year_types = defaultdict(dict)  # seat → type → (count, person-times), this year
    year_categories = defaultdict(lambda: defaultdict(int))
    term_categories = defaultdict(lambda: defaultdict(int))
    for mandate_id, type_id, n, n_year, person_times in activity_rows(
        congress_id, start, first, last
    ):
        category = category_of[type_id]
        term_categories[mandate_id][category] += n
        if n_year:
            year_categories[mandate_id][category] += n_year
            year_types[mandate_id][type_id] = (n_year, person_times or 0)

    current = Mandate.objects.filter(congress_id=congress_id).current(day)
    commitments = assessment_counts(year, people=current.values("person_id"))
    adjustments = defaultdict(lambda: defaultdict(Decimal))
    for mandate_id, code, points in ScoreAdjustment.objects.filter(
        congress_id=congress_id, year=year
    ).values_list("mandate_id", "item_code", "points"):
        adjustments[mandate_id][code] += points
    excuses = defaultdict(list)
    for excuse in (
        Excuse.objects.filter(mandate__congress_id=congress_id)
        .overlapping(first, last)
        .order_by("start")
    ):
        excuses[excuse.mandate_id].append(excuse)

    items, bands = _table(evaluation.table)
    item_rules = [
        (
            item,
            scoring.Rule(item.code, item.kind, item.points, item.threshold, item.cap),
            frozenset(t.pk for t in item.activity_types.all()),
        )
        for item in items
    ]
    base_points = evaluation.table.base_points
    # A pure rule over small counts: 60,000 seats × 15 items ask it for a few hundred answers.
    item_points = functools.lru_cache(maxsize=4096)(scoring.item_points)
    empty = {}
    results = []
    for seat in seats:
        types = year_types.get(seat.pk, empty)
        counted = commitments.get(seat.person_id, empty)
        adjusted = adjustments.get(seat.pk, empty)
        score = base_points
        breakdown = []
        for item, rule, type_ids in item_rules:
            value = _value(item, type_ids, types, counted, adjusted)
            points, capped = item_points(rule, value)
            score += points
            breakdown.append(
                {"code": item.code, "value": str(value), "points": str(points), "capped": capped}
            )
        term = terms[seat.term_id]
        standings = minimums.standings(
            rules.get(seat.term_id, ()),
            year_categories.get(seat.pk, empty),
            term_categories.get(seat.pk, empty),
            term_ends_this_year=minimums.term_ends_in(term, year),
            excuse=minimums.excuse_words(excuses.get(seat.pk, ())),
        )
        compliance = minimums.overall(standings)
        score = scoring.round_points(score)
        results.append(
            Computed(
                seat=seat,
                score=score,
                # An excused shortfall does not cost a grade that asks for the minimums.
                grade=scoring.grade(score, bands, compliance != Compliance.NOT_MET),
                compliance=compliance,
                requirements=[s.as_dict() for s in standings],
                breakdown=breakdown,
            )
        )
    for result, rank in zip(results, scoring.ranks([r.score for r in results]), strict=True):
        result.rank = rank
    return results


COMMITMENT_KEYS = {
    Measure.COMMITMENTS_APPROVED: "approved",
    Measure.COMMITMENTS_FULFILLED: "fulfilled",
    Measure.COMMITMENTS_UNFULFILLED: "unfulfilled",
}


def _value(item, type_ids, types, counted, adjusted):
    if item.kind == ItemKind.MANUAL:
        return adjusted.get(item.code, Decimal(0))
    if item.measure in ACTIVITY_MEASURES:
        index = 0 if item.measure == Measure.ACTIVITIES else 1
        # An item counts a few types: look those up rather than scan all of a seat's types.
        return sum(types[t][index] for t in type_ids if t in types)
    return counted.get(COMMITMENT_KEYS.get(item.measure, ""), 0)


def write(evaluation, results: list[Computed]) -> None:
    """Replace the evaluation's results: one delete, one insert."""
    from renda.assessment.models import EvaluationResult

    # Results are only pointed at once final (a commendation from a result), and a final
    # evaluation never runs again, so the rows go without Django's cascade collection.
    stale = EvaluationResult.objects.filter(evaluation=evaluation)
    stale._raw_delete(stale.db)
    if not results:
        return
    meta = EvaluationResult._meta
    columns = (
        "evaluation_id",
        "mandate_id",
        "person_id",
        "score",
        "grade",
        "rank",
        "compliance",
        "requirements",
        "breakdown",
    )
    # All the rows travel as one JSON parameter, unpacked by the database: one statement
    # whatever the number of deputies (psycopg's executemany sends one INSERT per row, and a
    # multi-row VALUES list would hit the databases' parameter limits).
    rows = json.dumps(
        [
            [
                r.seat.pk,
                r.seat.person_id,
                str(r.score),
                r.grade,
                r.rank,
                r.compliance,
                r.requirements,
                r.breakdown,
            ]
            for r in results
        ],
        ensure_ascii=False,
    )
    quote = connection.ops.quote_name
    into = "INSERT INTO {} ({}) ".format(quote(meta.db_table), ", ".join(quote(c) for c in columns))
    if connection.vendor == "postgresql":
        select = (
            "SELECT %s, (r->>0)::bigint, (r->>1)::bigint, (r->>2)::numeric, r->>3, "
            "(r->>4)::integer, r->>5, r->6, r->7 FROM jsonb_array_elements(%s::jsonb) AS t(r)"
        )
    else:
        select = (
            "SELECT %s, json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            "CAST(json_extract(value, '$[2]') AS NUMERIC), json_extract(value, '$[3]'), "
            "json_extract(value, '$[4]'), json_extract(value, '$[5]'), "
            "json_extract(value, '$[6]'), json_extract(value, '$[7]') FROM json_each(%s)"
        )
    with connection.cursor() as cursor:
        cursor.execute(into + select, [evaluation.pk, rows])

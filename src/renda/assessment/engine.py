"""The evaluation of a congress's deputies for a year, in a constant number of queries.

It reads every input once — the seats, the minimums, one tally of the verified activities per
seat (per category, and per scoring item, summed by the database: `requirements.tallies`), the
commitment counts, the staff's adjustments, the excused absences, the table — computes each
deputy's lines with the pure rules in `scoring.py` and the minimums in
`activities.requirements`, and replaces the results with one delete and one write (COPY on
PostgreSQL). Nothing in it loops over queries, so a test guards that the number of queries does not
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

from renda.activities import requirements as minimums
from renda.activities.choices import Compliance, Period
from renda.assessment import scoring
from renda.assessment.choices import ACTIVITY_MEASURES, ItemKind, Measure
from renda.core.bulk import copy_rows


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


def _table(table):
    items = list(table.items.prefetch_related("activity_types").order_by("order", "pk"))
    bands = [scoring.Band(b.label, b.min_score, b.requires_compliance) for b in table.bands.all()]
    return items, bands


class Entry(dict):
    """A line of a result's breakdown or minimums, with its JSON text made once: a run shares
    each entry among all the results that have the same line, so writing 60,000 results joins
    texts rather than encoding 1.2 million dicts."""

    __slots__ = ("json",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.json = json.dumps(self, ensure_ascii=False)


class _SQLiteRow:
    """A result as the JSON array the SQLite insert unpacks."""

    __slots__ = ("json",)

    def __init__(self, r: "Computed"):
        head = json.dumps(
            [r.seat.pk, r.seat.person_id, str(r.score), r.grade, r.rank, r.compliance],
            ensure_ascii=False,
        )
        self.json = f"{head[:-1]}, {_json_list(r.requirements)}, {_json_list(r.breakdown)}]"


def _json_list(entries) -> str:
    return "[" + ", ".join(e.json for e in entries) + "]"


@dataclass
class Computed:
    seat: Seat
    score: Decimal
    grade: str
    compliance: str
    requirements: list[Entry]
    breakdown: list[Entry]
    rank: int = 0


def compute(evaluation, today: datetime.date) -> list[Computed]:
    """Every deputy's result, not yet written."""
    from renda.activities.models import Activity, Excuse
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
    items, bands = _table(evaluation.table)
    # The activity items' values come summed per seat from the database, in the items' order.
    fed = [
        i
        for i, item in enumerate(items)
        if item.kind != ItemKind.MANUAL and item.measure in ACTIVITY_MEASURES
    ]
    counted = minimums.tallies(
        Activity.objects.filter(congress_id=congress_id, day__gte=start, day__lte=last),
        first,
        categories=minimums.category_types([congress_id]),
        sums=[
            (
                sorted(t.pk for t in items[i].activity_types.all()),
                minimums.COUNT if items[i].measure == Measure.ACTIVITIES else minimums.PERSON_TIMES,
            )
            for i in fed
        ],
    )

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

    # The items read from elsewhere than the activity rows: (index, adjustments' code) for
    # manual items, (index, key of the commitment counts) for the others.
    manual = [(i, item.code) for i, item in enumerate(items) if item.kind == ItemKind.MANUAL]
    pledged = [
        (i, COMMITMENT_KEYS.get(item.measure, ""))
        for i, item in enumerate(items)
        if item.kind != ItemKind.MANUAL and item.measure not in ACTIVITY_MEASURES
    ]
    line = _lines(items)
    requirement = functools.cache(_requirement)
    base_points = evaluation.table.base_points
    empty = {}
    zeros = [0] * len(items)
    nothing = minimums.Tally({}, {}, [0] * len(fed))
    results = []
    for seat in seats:
        tally = counted.get(seat.pk, nothing)
        row = list(zeros)
        for i, value in zip(fed, tally.sums, strict=True):
            row[i] = value
        if manual:
            adjusted = adjustments.get(seat.pk, empty)
            for i, code in manual:
                # A sum of adjustments travels as text: 5 and 5.0 are one key but not one value.
                row[i] = str(adjusted.get(code, Decimal(0)))
        if pledged:
            pledges = commitments.get(seat.person_id, empty)
            for i, key in pledged:
                row[i] = pledges.get(key, 0)
        score = base_points
        breakdown = []
        for i, value in enumerate(row):
            points, entry = line(i, value)
            score += points
            breakdown.append(entry)
        term_ends = minimums.term_ends_in(terms[seat.term_id], year)
        excuse = minimums.excuse_words(excuses.get(seat.pk, ()))
        year_counts, term_counts = tally.year, tally.term
        statuses, requirements = set(), []
        for rule in rules.get(seat.term_id, ()):
            counts = year_counts if rule.period == Period.YEAR else term_counts
            status, entry = requirement(rule, counts.get(rule.category, 0), term_ends, excuse)
            statuses.add(status)
            requirements.append(entry)
        compliance = minimums.verdict(statuses)
        score = scoring.round_points(score)
        results.append(
            Computed(
                seat=seat,
                score=score,
                # An excused shortfall does not cost a grade that asks for the minimums.
                grade=scoring.grade(score, bands, compliance != Compliance.NOT_MET),
                compliance=compliance,
                requirements=requirements,
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


def _lines(items):
    """`line(index, value)` → (points, the breakdown entry) of item `index` at `value`, each
    answer computed once per run: 60,000 seats × 15 items ask for a few thousand answers, and
    the entries are shared, not rebuilt, by the results that have the same line."""
    rules = [
        scoring.Rule(item.code, item.kind, item.points, item.threshold, item.cap) for item in items
    ]

    @functools.cache
    def line(index: int, value) -> tuple[Decimal, Entry]:
        number = Decimal(value) if isinstance(value, str) else value
        points, capped = scoring.item_points(rules[index], number)
        return points, Entry(
            code=rules[index].code, value=str(value), points=str(points), capped=capped
        )

    return line


def _requirement(rule, count: int, term_ends: bool, excuse: str) -> tuple[str, Entry]:
    standing = minimums.standing(rule, count, term_ends_this_year=term_ends, excuse=excuse)
    return standing.status, Entry(standing.as_dict())


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
    if connection.vendor == "postgresql":
        # One COPY: about half the time of an INSERT from one large JSON parameter.
        copy_rows(
            EvaluationResult,
            columns,
            (
                (
                    evaluation.pk,
                    r.seat.pk,
                    r.seat.person_id,
                    r.score,
                    r.grade,
                    r.rank,
                    r.compliance,
                    _json_list(r.requirements),
                    _json_list(r.breakdown),
                )
                for r in results
            ),
        )
        return
    # SQLite: all the rows travel as one JSON parameter, unpacked by `json_each`: one statement
    # whatever the number of deputies (a multi-row VALUES list would hit the parameter limit).
    rows = _json_list(_SQLiteRow(r) for r in results)
    quote = connection.ops.quote_name
    into = "INSERT INTO {} ({}) ".format(quote(meta.db_table), ", ".join(quote(c) for c in columns))
    select = (
        "SELECT %s, json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
        "CAST(json_extract(value, '$[2]') AS NUMERIC), json_extract(value, '$[3]'), "
        "json_extract(value, '$[4]'), json_extract(value, '$[5]'), "
        "json_extract(value, '$[6]'), json_extract(value, '$[7]') FROM json_each(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(into + select, [evaluation.pk, rows])

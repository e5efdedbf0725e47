"""Deputies against the minimums ("341 311"): counts, words, compliance.

`standings()` is the pure rule — counts in, a verdict per minimum out — shared by a deputy's own
page, the staff list of shortfalls and the evaluation. A term minimum is only failed in the
term's last year; before that it is "in progress". An excused absence is shown beside a
shortfall and never turns it into a pass.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from renda.activities.choices import ActivityStatus, Compliance, Period
from renda.activities.choices import RequirementCategory as C

# What is still needed, in the words a deputy reads: "本年度还需审议发言 1 次".
NEEDED = {
    C.SPEECH: _("%(period)s: %(count)s more deliberation speeches needed"),
    C.CLOSED_SESSION: _("%(period)s: %(count)s more closed-session activities needed"),
    C.MOTION: _("%(period)s: %(count)s more motions or suggestions needed"),
    C.TRAINING: _("%(period)s: %(count)s more trainings needed"),
    C.GOOD_DEED: _("%(period)s: %(count)s more good deeds for the electors needed"),
    C.REPORT_BACK: _("%(period)s: %(count)s more report-backs to the electoral unit needed"),
}
DONE = _("%(period)s: %(category)s %(count)s of at least %(minimum)s, met")
PERIOD_WORDS = {Period.YEAR: _("This year"), Period.TERM: _("This term")}


@dataclass(frozen=True)
class Rule:
    """A minimum as the rule sees it (a Requirement, or its copy in a stored result)."""

    category: str
    period: str
    minimum: int


@dataclass(frozen=True)
class Standing:
    category: str
    period: str
    minimum: int
    count: int
    status: str  # a Compliance value
    excuse: str = ""  # the excuse shown beside a shortfall

    @property
    def remaining(self) -> int:
        return max(self.minimum - self.count, 0)

    @property
    def met(self) -> bool:
        return self.status == Compliance.MET

    @property
    def words(self) -> str:
        period = PERIOD_WORDS[self.period]
        if self.remaining == 0:
            return str(
                DONE
                % {
                    "period": period,
                    "category": C(self.category).label,
                    "count": self.count,
                    "minimum": self.minimum,
                }
            )
        return str(NEEDED[self.category] % {"period": period, "count": self.remaining})

    def as_dict(self) -> dict:
        return {
            "category": self.category,
            "period": self.period,
            "minimum": self.minimum,
            "count": self.count,
            "status": self.status,
            "excuse": self.excuse,
        }


def standing(rule: Rule, count: int, *, term_ends_this_year: bool, excuse: str = "") -> Standing:
    """One minimum's verdict: met when reached; a term minimum is in progress until the term's
    last year; a shortfall with an excuse is excused, shown with it, never met."""
    if count >= rule.minimum:
        status = Compliance.MET
    elif rule.period == Period.TERM and not term_ends_this_year:
        status = Compliance.IN_PROGRESS
    elif excuse:
        status = Compliance.EXCUSED
    else:
        status = Compliance.NOT_MET
    shown_excuse = excuse if status == Compliance.EXCUSED else ""
    return Standing(rule.category, rule.period, rule.minimum, count, status, shown_excuse)


def standings(
    rules,
    year_counts: dict[str, int],
    term_counts: dict[str, int],
    *,
    term_ends_this_year: bool,
    excuse: str = "",
) -> list[Standing]:
    """Each minimum's count and verdict for one deputy."""
    return [
        standing(
            rule,
            (year_counts if rule.period == Period.YEAR else term_counts).get(rule.category, 0),
            term_ends_this_year=term_ends_this_year,
            excuse=excuse,
        )
        for rule in rules
    ]


def overall(items: list[Standing]) -> str:
    """Not met if any minimum is not met; excused if the only shortfalls are excused."""
    return verdict({s.status for s in items})


def verdict(statuses: set[str]) -> str:
    """`overall` from the minimums' statuses alone."""
    if Compliance.NOT_MET in statuses:
        return Compliance.NOT_MET
    if Compliance.EXCUSED in statuses:
        return Compliance.EXCUSED
    return Compliance.MET


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def term_ends_in(term, year: int) -> bool:
    """The term's last year: a term minimum not reached by then is not met."""
    return term.end is not None and term.end.year <= year


def excuse_words(excuses) -> str:
    return "；".join(
        f"{e.get_reason_display()} {e.start:%Y-%m-%d}–{e.end:%Y-%m-%d}" for e in excuses
    )


@dataclass
class SeatProgress:
    """One seat's standing for a year: what its deputy reads on their own page."""

    mandate: object
    year: int
    standings: list[Standing]
    excuses: list

    @property
    def compliance(self) -> str:
        return overall(self.standings)

    @property
    def year_standings(self):
        return [s for s in self.standings if s.period == Period.YEAR]

    @property
    def term_standings(self):
        return [s for s in self.standings if s.period == Period.TERM]


@dataclass
class Tally:
    """One seat's verified activities: per category this year and over the term, and the
    extra sums asked for (an evaluation's items), in the order asked."""

    year: dict[str, int]
    term: dict[str, int]
    sums: list[int]


COUNT, PERSON_TIMES = "count", "person_times"


def category_types(congress_ids) -> dict[str, list[int]]:
    """The activity types of each requirement category in these congresses' catalogues."""
    from renda.activities.models import ActivityType

    types = defaultdict(list)
    for category, pk in (
        ActivityType.objects.filter(congress_id__in=congress_ids)
        .values_list("category", "pk")
        .order_by("pk")
    ):
        types[category].append(pk)
    return types


def tallies(activities, first: datetime.date, *, categories, sums=()) -> dict[int, Tally]:
    """Tally the verified activities in `activities` (a filtered queryset: the seats, the term
    up to the year's end) per seat; `first` is the year's first day and `categories` what
    `category_types` returns for the seats' congresses. Each of `sums` is (type ids, COUNT or
    PERSON_TIMES): that sum over the year's activities of those types.

    One query, one row per seat: the database groups by seat and type, then folds the types
    into the categories and the sums, so a province's evaluation fetches 60,000 rows, not the
    840,000 (seat, type) groups (docs/benchmarks.md)."""
    this_year = Q(day__gte=first)
    grouped = (
        activities.filter(status=ActivityStatus.VERIFIED)
        .values("mandate_id", "activity_type_id")
        .annotate(
            n=Count("pk"),
            n_year=Count("pk", filter=this_year),
            times=Sum("person_times", filter=this_year),
        )
        .order_by()
    )
    inner, inner_params = grouped.query.sql_with_params()
    columns, params = [], []

    def column(source: str, type_ids) -> None:
        # Integer comparisons on the grouped rows; the sums cast back from PostgreSQL's numeric.
        if not type_ids:
            columns.append("0")
            return
        marks = ", ".join(["%s"] * len(type_ids))
        columns.append(
            f"CAST(SUM(g.{source}) FILTER (WHERE g.activity_type_id IN ({marks})) AS BIGINT)"
        )
        params.extend(type_ids)

    for source in ("n", "n_year"):
        for category in C.values:
            column(source, categories.get(category, ()))
    for type_ids, measure in sums:
        column("n_year" if measure == COUNT else "times", type_ids)
    sql = f"SELECT g.mandate_id, {', '.join(columns)} FROM ({inner}) g GROUP BY g.mandate_id"
    names = C.values  # a property that builds its list on every call
    width = len(names)
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *inner_params])
        for row in cursor.fetchall():
            term_row, year_row = row[1 : 1 + width], row[1 + width : 1 + 2 * width]
            result[row[0]] = Tally(
                year={c: n for c, n in zip(names, year_row, strict=True) if n},
                term={c: n for c, n in zip(names, term_row, strict=True) if n},
                sums=[n or 0 for n in row[1 + 2 * width :]],
            )
    return result


def progress(mandates, year: int) -> list[SeatProgress]:
    """The standing of each of `mandates` (seats, with `term` loaded) in `year`: four queries
    whatever the number of seats."""
    from renda.activities.models import Activity, Excuse, Requirement

    mandates = list(mandates)
    if not mandates:
        return []
    first, last = year_bounds(year)
    start = min(max(m.term.start, m.start) for m in mandates)
    requirements = defaultdict(list)
    for r in Requirement.objects.filter(term_id__in={m.term_id for m in mandates}):
        requirements[r.term_id].append(r)
    excuses = defaultdict(list)
    for e in Excuse.objects.filter(mandate__in=mandates).overlapping(first, last):
        excuses[e.mandate_id].append(e)
    counted = tallies(
        Activity.objects.filter(mandate__in=mandates, day__gte=start, day__lte=last),
        first,
        categories=category_types({m.congress_id for m in mandates}),
    )
    nothing = Tally({}, {}, [])
    result = []
    for m in mandates:
        rules = sorted(requirements[m.term_id], key=rule_order)
        result.append(
            SeatProgress(
                mandate=m,
                year=year,
                standings=standings(
                    rules,
                    counted.get(m.pk, nothing).year,
                    counted.get(m.pk, nothing).term,
                    term_ends_this_year=term_ends_in(m.term, year),
                    excuse=excuse_words(excuses[m.pk]),
                ),
                excuses=excuses[m.pk],
            )
        )
    return result


CATEGORY_ORDER = {c: i for i, c in enumerate(C.values)}


def rule_order(rule) -> tuple:
    return (0 if rule.period == Period.YEAR else 1, CATEGORY_ORDER[rule.category])

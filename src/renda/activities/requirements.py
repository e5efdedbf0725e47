"""Deputies against the minimums ("341 311"): counts, words, compliance.

`standings()` is the pure rule — counts in, a verdict per minimum out — shared by a deputy's own
page, the staff list of shortfalls and the evaluation. A term minimum is only failed in the
term's last year; before that it is "in progress". An excused absence is shown beside a
shortfall and never turns it into a pass.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
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


def standings(
    rules,
    year_counts: dict[str, int],
    term_counts: dict[str, int],
    *,
    term_ends_this_year: bool,
    excuse: str = "",
) -> list[Standing]:
    """Each minimum's count and verdict for one deputy."""
    result = []
    for rule in rules:
        counts = year_counts if rule.period == Period.YEAR else term_counts
        count = counts.get(rule.category, 0)
        if count >= rule.minimum:
            status = Compliance.MET
        elif rule.period == Period.TERM and not term_ends_this_year:
            status = Compliance.IN_PROGRESS
        elif excuse:
            status = Compliance.EXCUSED
        else:
            status = Compliance.NOT_MET
        shown_excuse = excuse if status == Compliance.EXCUSED else ""
        result.append(
            Standing(rule.category, rule.period, rule.minimum, count, status, shown_excuse)
        )
    return result


def overall(items: list[Standing]) -> str:
    """Not met if any minimum is not met; excused if the only shortfalls are excused."""
    statuses = {s.status for s in items}
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


def category_counts(mandate_ids, start: datetime.date, end: datetime.date, split: datetime.date):
    """Verified activities per seat and category, (since `split`, since `start`), to `end`."""
    from django.db.models import Case, IntegerField, Value, When

    from renda.activities.models import Activity

    rows = (
        Activity.objects.filter(
            mandate_id__in=mandate_ids,
            status=ActivityStatus.VERIFIED,
            day__gte=start,
            day__lte=end,
        )
        .annotate(
            this_year=Case(
                When(day__gte=split, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .values_list("mandate_id", "activity_type__category", "this_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    year = defaultdict(lambda: defaultdict(int))
    term = defaultdict(lambda: defaultdict(int))
    for mandate_id, category, this_year, n in rows:
        term[mandate_id][category] += n
        if this_year:
            year[mandate_id][category] += n
    return year, term


def progress(mandates, year: int) -> list[SeatProgress]:
    """The standing of each of `mandates` (seats, with `term` loaded) in `year`: four queries
    whatever the number of seats."""
    from renda.activities.models import Excuse, Requirement

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
    year_counts, term_counts = category_counts([m.pk for m in mandates], start, last, first)
    result = []
    for m in mandates:
        rules = sorted(requirements[m.term_id], key=rule_order)
        result.append(
            SeatProgress(
                mandate=m,
                year=year,
                standings=standings(
                    rules,
                    year_counts[m.pk],
                    term_counts[m.pk],
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

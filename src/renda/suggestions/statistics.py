"""Handling statistics (办理情况统计) of a congress's motions and suggestions in a year: the
figures an annual handling report (办理情况报告) quotes, for all items, for those under key
supervision, and per handling unit.

What is counted (the page and the spreadsheet say the same in words, `DEFINITION`):

- submitted: items that reached the office (a draft withdrawn before is not counted);
  accepted (立案): given a number, those merged later included; not accepted, merged and
  withdrawn after submission apart; assigned; replied (the last reply letter in);
- on time: replied before the answer clocks ran out (the first reply; `replied_on_time`);
  见面率: the unit met the deputy in person or at a meeting, of the replied;
- 满意率: satisfied and basically satisfied over the rated (satisfied, basically satisfied,
  dissatisfied): the first rating, and the final one after handling again (重新办理).
  An item the deputy did not rate in time is "not rated", counted apart and never satisfied;
- result categories (A/B/C/D and a congress's own): shares of the replied that have one;
- overdue: live assignments (waiting, in hand, answered, done) with a running clock past its
  due date, as the assignments list counts them;
- per unit: an item counts for each unit it was given to (lead, co-handling, separate); its
  on time, meeting, ratings and category count for the units that answer the deputy (lead and
  separate), the co-handling units write to the lead and are not rated. For an item handled
  separately, these are the item's (the least solved category, all on time), not the unit's
  own letter.

Two queries whatever the number of items and units, and one for a congress's categories: the
items grouped by key supervision (the totals are the sum of the two rows), and the
assignments joined to the items and grouped by unit (`docs/benchmarks.md`, "renda bench
suggestions", times both against hand-written SQL).
"""

import datetime
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Count, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from renda.core.choices import DeadlineStatus
from renda.core.models import Deadline
from renda.handling.choices import AssignmentRole, AssignmentStatus
from renda.handling.models import LIVE, Assignment
from renda.handling.subjects import Category, category_words, default_categories
from renda.suggestions.choices import Rated
from renda.suggestions.choices import SuggestionStatus as S
from renda.suggestions.models import Suggestion

ONE_DECIMAL = Decimal("0.1")
SATISFIED = (Rated.SATISFIED, Rated.BASICALLY_SATISFIED)
RATED = (Rated.SATISFIED, Rated.BASICALLY_SATISFIED, Rated.DISSATISFIED)
RATINGS = ("first_reply_rating", "reply_rating", "fulfilment_rating")

DEFINITION = _(
    "Submitted: the items that reached the office. Accepted: given a number (those merged "
    "later included). Replied: the last reply letter is in. On time: replied before the time "
    "limit ran out, the first reply. Met: the unit met the deputy in person or at a meeting, "
    "of the replied. Satisfaction: satisfied and basically satisfied over the items rated "
    "(satisfied, basically satisfied, dissatisfied), the first rating and the final one after "
    "handling again; an item not rated in time is counted apart and never as satisfied. "
    "Result categories: shares of the replied items that have one. Overdue: assignments still "
    "open with a time limit past. Per unit, an item counts for each unit it was given to; its "
    "on time, meeting, ratings and category count for the units that answer the deputy (lead "
    "and separate), not for co-handling units. Rates are rounded half up to one decimal."
)


def share(part: int, whole: int) -> Decimal | None:
    """part / whole as a percentage with one decimal, rounded half up; None for a whole of 0
    (a rate of nothing is not 0 %)."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class Ratings:
    """The ratings of one stage: satisfied, basically satisfied, dissatisfied, not rated."""

    satisfied: int = 0
    basically: int = 0
    dissatisfied: int = 0
    not_rated: int = 0

    @property
    def rated(self) -> int:
        return self.satisfied + self.basically + self.dissatisfied

    @property
    def rate(self) -> Decimal | None:
        """满意率: satisfied and basically satisfied over the rated."""
        return share(self.satisfied + self.basically, self.rated)

    def add(self, other: "Ratings") -> None:
        self.satisfied += other.satisfied
        self.basically += other.basically
        self.dissatisfied += other.dissatisfied
        self.not_rated += other.not_rated


class Rates:
    """The rates of a row with `replied`, `on_time`, `met` and `categories`."""

    @property
    def on_time_rate(self) -> Decimal | None:
        return share(self.on_time, self.replied)

    @property
    def met_rate(self) -> Decimal | None:
        return share(self.met, self.replied)

    @property
    def categorised(self) -> int:
        return sum(self.categories.values())

    def category_share(self, code: str) -> Decimal | None:
        return share(self.categories.get(code, 0), self.categorised)


@dataclass
class Figures(Rates):
    """The figures of a set of items (all of a year's, or those under key supervision)."""

    submitted: int = 0
    accepted: int = 0
    not_accepted: int = 0
    merged: int = 0
    withdrawn: int = 0
    assigned: int = 0
    replied: int = 0
    on_time: int = 0
    met: int = 0
    rehandled: int = 0
    closed: int = 0
    overdue: int = 0  # live assignments past a due date
    first: Ratings = field(default_factory=Ratings)
    final: Ratings = field(default_factory=Ratings)
    fulfilment: Ratings = field(default_factory=Ratings)
    categories: dict[str, int] = field(default_factory=dict)

    def add(self, other: "Figures") -> None:
        for name in (
            "submitted",
            "accepted",
            "not_accepted",
            "merged",
            "withdrawn",
            "assigned",
            "replied",
            "on_time",
            "met",
            "rehandled",
            "closed",
            "overdue",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.first.add(other.first)
        self.final.add(other.final)
        self.fulfilment.add(other.fulfilment)
        for code, n in other.categories.items():
            self.categories[code] = self.categories.get(code, 0) + n


@dataclass
class UnitFigures(Rates):
    """One handling unit's row: an item counts for each unit it was given to."""

    unit_id: int
    name: str
    items: int = 0  # live assignments
    lead: int = 0
    co: int = 0
    separate: int = 0
    returned: int = 0  # sent back by the unit
    answered: int = 0  # answered, or fulfilment reported
    key: int = 0  # of the items under key supervision
    overdue: int = 0
    key_overdue: int = 0
    # Of the items the unit answers the deputy for (lead or separate):
    replied: int = 0
    on_time: int = 0
    met: int = 0
    first: Ratings = field(default_factory=Ratings)
    final: Ratings = field(default_factory=Ratings)
    categories: dict[str, int] = field(default_factory=dict)


@dataclass
class Statistics:
    total: Figures
    key: Figures  # under key supervision (重点督办)
    units: list[UnitFigures]
    categories: list[Category]  # the congress's list, then any other code found
    today: datetime.date

    @property
    def category_codes(self) -> list[str]:
        return [c.code for c in self.categories]

    def category_labels(self) -> list[tuple[str, str]]:
        """(code, words) as the papers and the spreadsheet write them."""
        return [(c.code, category_words(c)) for c in self.categories]

    def category_rows(self) -> list[tuple]:
        """(code, words, items, share of all, items under key supervision) for the page."""
        return [
            (
                code,
                words,
                self.total.categories.get(code, 0),
                self.total.category_share(code),
                self.key.categories.get(code, 0),
            )
            for code, words in self.category_labels()
        ]


# --- The two queries --------------------------------------------------------------------------


def _ratings(prefix: str, source: str) -> dict:
    values = {
        "satisfied": Rated.SATISFIED,
        "basically": Rated.BASICALLY_SATISFIED,
        "dissatisfied": Rated.DISSATISFIED,
        "not_rated": Rated.NOT_RATED,
    }
    return {f"{prefix}_{k}": Count("pk", filter=Q(**{source: v})) for k, v in values.items()}


def _item_figures(suggestions, codes: list[str]) -> tuple[Figures, Figures]:
    """(all, key supervision) from one aggregate grouped by key supervision."""
    aggregates = {
        "submitted": Count("pk", filter=Q(submitted_at__isnull=False)),
        "accepted": Count("pk", filter=Q(number__isnull=False)),
        "not_accepted": Count("pk", filter=Q(status=S.NOT_ACCEPTED)),
        "merged": Count("pk", filter=Q(status=S.MERGED)),
        "withdrawn": Count("pk", filter=Q(status=S.WITHDRAWN, submitted_at__isnull=False)),
        "assigned": Count("pk", filter=Q(assigned_on__isnull=False)),
        "replied": Count("pk", filter=Q(replied_at__isnull=False)),
        "on_time": Count("pk", filter=Q(replied_at__isnull=False, replied_on_time=True)),
        "met": Count("pk", filter=Q(replied_at__isnull=False, met_deputy=True)),
        "rehandled": Count("pk", filter=Q(rehandled__gt=0)),
        "closed": Count("pk", filter=Q(status=S.CLOSED)),
        **_ratings("first", "first_reply_rating"),
        **_ratings("final", "reply_rating"),
        **_ratings("fulfilment", "fulfilment_rating"),
        **{
            f"category_{i}": Count("pk", filter=Q(result_category=code))
            for i, code in enumerate(codes)
        },
        "category_other": Count(
            "pk", filter=~Q(result_category="") & ~Q(result_category__in=codes)
        ),
    }
    rows = (
        suggestions.exclude(status=S.DRAFT)
        .annotate(key=Q(supervision__isnull=False))
        .values("key")
        .annotate(**aggregates)
        .order_by()
    )
    total, key = Figures(), Figures()
    for row in rows:
        figures = Figures(
            **{
                name: row[name]
                for name in (
                    "submitted",
                    "accepted",
                    "not_accepted",
                    "merged",
                    "withdrawn",
                    "assigned",
                    "replied",
                    "on_time",
                    "met",
                    "rehandled",
                    "closed",
                )
            },
            first=_read_ratings(row, "first"),
            final=_read_ratings(row, "final"),
            fulfilment=_read_ratings(row, "fulfilment"),
            categories={
                code: n
                for code, n in (
                    *((code, row[f"category_{i}"]) for i, code in enumerate(codes)),
                    (OTHER, row["category_other"]),
                )
                if n
            },
        )
        total.add(figures)
        if row["key"]:
            key.add(figures)
    return total, key


def _read_ratings(row: dict, prefix: str) -> Ratings:
    return Ratings(
        satisfied=row[f"{prefix}_satisfied"],
        basically=row[f"{prefix}_basically"],
        dissatisfied=row[f"{prefix}_dissatisfied"],
        not_rated=row[f"{prefix}_not_rated"],
    )


def _late_clock(today: datetime.date):
    """A running clock of the assignment past its due date."""
    ct = ContentType.objects.get_for_model(Assignment)
    return Exists(
        Deadline.objects.filter(
            content_type=ct,
            object_id=Cast(OuterRef("pk"), CharField()),
            due__lt=today,
        ).exclude(status=DeadlineStatus.STOPPED)
    )


def unit_sql(suggestions, codes: list[str], today: datetime.date) -> tuple[str, list]:
    """The per-unit aggregate: the assignments of `suggestions` (not withdrawn) joined to them
    (the generic key is text: joined on the item's id as text) and grouped by unit, with the
    unit's name. Its columns are the unit, its name, `UNIT_COLUMNS`, eight ratings (first, then
    final: satisfied, basically, dissatisfied, not rated), then one per code of `codes` and one
    for any other code."""
    items = (
        suggestions.exclude(status=S.DRAFT)
        .annotate(key=Cast("pk", CharField()))
        .values(
            "key",
            "supervision_id",
            "replied_at",
            "replied_on_time",
            "met_deputy",
            "first_reply_rating",
            "reply_rating",
            "result_category",
        )
        .order_by()
    )
    assignments = (
        Assignment.objects.of_model(Suggestion)
        .exclude(status=AssignmentStatus.WITHDRAWN)
        .annotate(late=_late_clock(today))
        .values("object_id", "unit_id", "role", "status", "late")
        .order_by()
    )
    items_sql, items_params = items.query.sql_with_params()
    a_sql, a_params = assignments.query.sql_with_params()
    params: list = []

    def count(condition: str, *values) -> str:
        params.extend(values)
        return f"COUNT(*) FILTER (WHERE {condition})"

    live = f"a.status IN ({', '.join(['%s'] * len(LIVE))})"
    letter = f"{live} AND a.role <> %s"
    on_live = tuple(LIVE)
    on_letter = (*LIVE, AssignmentRole.CO)
    replied = f"{letter} AND s.replied_at IS NOT NULL"
    columns = [
        count(live, *on_live),
        count(f"{live} AND a.role = %s", *on_live, AssignmentRole.LEAD),
        count(f"{live} AND a.role = %s", *on_live, AssignmentRole.CO),
        count(f"{live} AND a.role = %s", *on_live, AssignmentRole.SEPARATE),
        count("a.status = %s", AssignmentStatus.RETURNED),
        count("a.status IN (%s, %s)", AssignmentStatus.ANSWERED, AssignmentStatus.DONE),
        count(f"{live} AND s.supervision_id IS NOT NULL", *on_live),
        count(f"{live} AND a.late", *on_live),
        count(f"{live} AND a.late AND s.supervision_id IS NOT NULL", *on_live),
        count(replied, *on_letter),
        count(f"{replied} AND s.replied_on_time = %s", *on_letter, True),
        count(f"{replied} AND s.met_deputy = %s", *on_letter, True),
    ]
    for source in ("first_reply_rating", "reply_rating"):
        for value in RATING_ORDER:
            columns.append(count(f"{letter} AND s.{source} = %s", *on_letter, value))
    for code in codes:
        columns.append(count(f"{letter} AND s.result_category = %s", *on_letter, code))
    known = f" AND s.result_category NOT IN ({', '.join(['%s'] * len(codes))})" if codes else ""
    columns.append(count(f"{letter} AND s.result_category <> ''{known}", *on_letter, *codes))
    unit_table = connection.ops.quote_name("regions_handlingunit")
    sql = (
        f"SELECT a.unit_id, u.name, {', '.join(columns)} "
        f"FROM ({a_sql}) a JOIN ({items_sql}) s ON a.object_id = s.key "
        f"JOIN {unit_table} u ON u.id = a.unit_id "
        "GROUP BY a.unit_id, u.name ORDER BY u.name, a.unit_id"
    )
    # The columns' values first, then the two subqueries', in the statement's order.
    return sql, [*params, *a_params, *items_params]


RATING_ORDER = (Rated.SATISFIED, Rated.BASICALLY_SATISFIED, Rated.DISSATISFIED, Rated.NOT_RATED)
UNIT_COLUMNS = (
    "items",
    "lead",
    "co",
    "separate",
    "returned",
    "answered",
    "key",
    "overdue",
    "key_overdue",
    "replied",
    "on_time",
    "met",
)
OTHER = "?"  # a result category the congress's list no longer has


def _unit_figures(suggestions, codes: list[str], today: datetime.date) -> list[UnitFigures]:
    sql, params = unit_sql(suggestions, codes, today)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    width = len(UNIT_COLUMNS)
    units = []
    for row in rows:
        counts = row[2:]
        unit = UnitFigures(row[0], row[1], **dict(zip(UNIT_COLUMNS, counts[:width], strict=True)))
        ratings = counts[width : width + 8]
        unit.first = Ratings(*ratings[:4])
        unit.final = Ratings(*ratings[4:])
        by_code = zip((*codes, OTHER), counts[width + 8 :], strict=True)
        unit.categories = {code: n for code, n in by_code if n}
        units.append(unit)
    return units


def handling_statistics(
    suggestions, *, congress_id: int | None, today: datetime.date
) -> Statistics:
    """The statistics of `suggestions` (a queryset: one congress's year, in the reader's reach,
    perhaps one kind). Three queries: the congress's categories, the items, the units."""
    categories = default_categories(congress_id)
    codes = [c.code for c in categories]
    total, key = _item_figures(suggestions, codes)
    units = _unit_figures(suggestions, codes, today)
    total.overdue = sum(u.overdue for u in units)
    key.overdue = sum(u.key_overdue for u in units)
    return Statistics(
        total=total, key=key, units=units, categories=_listed(categories, total), today=today
    )


def _listed(categories: list[Category], total: Figures) -> list[Category]:
    """The congress's categories, and "other" when an item has a code the list lost."""
    if OTHER in total.categories:
        return [*categories, Category(OTHER, gettext("Other"), False)]
    return categories


# --- Kept for the public page ------------------------------------------------------------------


def as_json(stats: Statistics) -> dict:
    """The counts of `stats` as JSON (`core.public_cache.stored` keeps them); the categories'
    labels are not kept: they are read again in the reader's language (`from_json`)."""
    return {
        "total": asdict(stats.total),
        "key": asdict(stats.key),
        "units": [asdict(u) for u in stats.units],
    }


def _figures(cls, data: dict):
    ratings = {k: Ratings(**data[k]) for k in ("first", "final", "fulfilment") if k in data}
    return cls(**{**data, **ratings})


def from_json(data: dict, *, congress_id: int, today: datetime.date) -> Statistics:
    """The statistics `as_json` kept, with the congress's categories (one query)."""
    total = _figures(Figures, data["total"])
    return Statistics(
        total=total,
        key=_figures(Figures, data["key"]),
        units=[_figures(UnitFigures, u) for u in data["units"]],
        categories=_listed(default_categories(congress_id), total),
        today=today,
    )

"""Named reads of commitments: the public view, the station wall, the assessment counts, the
published statistics (数读), and who is reminded (no commitments after the window; approved ones
gone quiet)."""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch
from django.utils import timezone

from renda.commitments.choices import CLOSED_STATUSES, PUBLIC_STATUSES, CommitmentStatus
from renda.commitments.models import (
    Commitment,
    CommitmentCategory,
    CommitmentProgress,
    CommitmentYear,
)
from renda.core import public_cache
from renda.core.choices import AttachmentKind
from renda.core.models import Attachment
from renda.people import selectors as people_selectors
from renda.people.models import Mandate
from renda.people.selectors import level_labels
from renda.regions.choices import RegionLevel
from renda.regions.models import Region
from renda.stations.selectors import station_people

# What public commitments show (core/public_cache.py).
PUBLIC_MODELS = (Commitment, CommitmentProgress, CommitmentYear, CommitmentCategory, Attachment)


def public_commitments(person, year: int | None = None):
    """The approved commitments of a deputy (all their seats together) with their progress."""
    qs = (
        Commitment.objects.public()
        .filter(person=person)
        .select_related("category", "commitment_year")
        .annotate(progress_total=Sum("progress__value"))
        .order_by("-commitment_year__year", "category__order", "pk")
    )
    return qs.filter(commitment_year__year=year) if year else qs


def with_progress(qs):
    """Prefetch progress reports and their attachments, newest first."""
    return qs.prefetch_related(
        Prefetch(
            "progress",
            queryset=CommitmentProgress.objects.prefetch_related("attachments").order_by(
                "-day", "-pk"
            ),
        )
    )


def latest_progress(commitments) -> dict[int, CommitmentProgress]:
    """The newest progress report of each of `commitments` (by commitment id), each with its
    photos as `photos`. Two queries, and no object for the reports it does not show."""
    newest = (
        CommitmentProgress.objects.filter(commitment=OuterRef("commitment"))
        .order_by("-day", "-pk")
        .values("pk")[:1]
    )
    reports = {
        report.pk: report
        for report in CommitmentProgress.objects.filter(
            commitment__in=[c.pk for c in commitments], pk=Subquery(newest)
        )
        .only("commitment_id", "day", "text")
        .order_by()  # not the model's ordering, which joins the commitment, its year, the person
    }
    for report in reports.values():
        report.photos = []
    if reports:
        for photo in Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(CommitmentProgress),
            object_id__in=[str(pk) for pk in reports],
            kind=AttachmentKind.PHOTO,
        ):
            reports[int(photo.object_id)].photos.append(photo)
    return {report.commitment_id: report for report in reports.values()}


def deputy_commitments(person) -> dict:
    """The deputy's approved commitments (and their year-end results) for their public page:
    this year's and any later year's, each under its own year's heading, with their progress
    toward the target and the latest report with its photos; and earlier years'. Drafts,
    returned, withdrawn and cancelled ones never show. Three queries."""
    year = timezone.localdate().year
    commitments = list(public_commitments(person))
    latest = latest_progress(commitments)
    by_year: dict[int, list] = {year: []}
    earlier = []
    for c in commitments:
        c.latest = latest.get(c.pk)
        c.photos = c.latest.photos if c.latest else []
        c.total = c.progress_total or 0
        c.percent = min(100, int(c.total * 100 / c.target_value)) if c.target_value else None
        if c.commitment_year.year >= year:
            by_year.setdefault(c.commitment_year.year, []).append(c)
        else:
            earlier.append(c)
    # This year first (its heading stays, empty or not), then the years prepared ahead.
    years = [(year, by_year.pop(year)), *sorted(by_year.items())]
    return {
        "commitment_years": years,
        "commitments_now": years[0][1],
        "commitments_earlier": earlier,
        "commitment_year": year,
    }


def assessment_counts(year: int, people=None) -> dict[int, dict[str, int]]:
    """Per deputy (person id) for `year`: approved (everything that passed review and was not
    cancelled), fulfilled, partly fulfilled, unfulfilled. The yearly scoring table deducts
    points per unfulfilled commitment from this."""
    qs = Commitment.objects.of_year(year).filter(status__in=PUBLIC_STATUSES)
    if people is not None:
        qs = qs.filter(person__in=people)
    rows = qs.values("person_id").annotate(
        approved=Count("pk"),
        fulfilled=Count("pk", filter=Q(status=CommitmentStatus.FULFILLED)),
        partly_fulfilled=Count("pk", filter=Q(status=CommitmentStatus.PARTLY_FULFILLED)),
        unfulfilled=Count("pk", filter=Q(status=CommitmentStatus.UNFULFILLED)),
    )
    return {
        row["person_id"]: {
            k: row[k] for k in ("approved", "fulfilled", "partly_fulfilled", "unfulfilled")
        }
        for row in rows
    }


def seat_in(person, cycle):
    """The person's current seat in the congress that opened `cycle`: what it is filed under."""
    from renda.people.models import Mandate

    return (
        Mandate.objects.current()
        .filter(person=person, congress_id=cycle.congress_id)
        .select_related("congress__region")
        .order_by("pk")
        .first()
    )


# --- The station wall (公示墙) -------------------------------------------------------------------


@dataclass
class WallEntry:
    """One deputy on the wall."""

    person: object
    is_head: bool
    levels: list[str]
    post: str
    work_unit: str
    commitments: list = field(default_factory=list)


def wall_entries(station, year: int) -> list[WallEntry]:
    """The station's current deputies (head first, then 姓氏笔画) with their levels, post and
    work unit, and their approved commitments of `year`, all seats together. Three queries."""
    people = station_people(station)
    ids = [p["person"].pk for p in people]
    seats: dict[int, list[Mandate]] = {pk: [] for pk in ids}
    for mandate in (
        Mandate.objects.current().filter(person_id__in=ids).select_related("congress__region")
    ):
        seats[mandate.person_id].append(mandate)
    promised: dict[int, list[Commitment]] = {pk: [] for pk in ids}
    for commitment in (
        Commitment.objects.public()
        .of_year(year)
        .filter(person_id__in=ids)
        .order_by("category__order", "due", "pk")
        .only("person_id", "title", "status")  # what the wall and its posters show
    ):
        promised[commitment.person_id].append(commitment)
    entries = []
    for p in people:
        mandates = seats[p["person"].pk]
        # The seat closest to the electors carries the post they know (as on the plate).
        by_level = sorted(mandates, key=lambda m: -m.congress.level)
        post = next((m.post for m in by_level if m.post), "")
        work_unit = next((m.work_unit for m in by_level if m.work_unit), "")
        entries.append(
            WallEntry(
                person=p["person"],
                is_head=p["is_head"],
                levels=level_labels(mandates) or p["labels"],
                post=post,
                work_unit=work_unit,
                commitments=promised[p["person"].pk],
            )
        )
    return entries


# --- Reminders: who has made no commitments, whose have gone quiet -----------------------

# A deputy has "made" commitments once one went to review; drafts, withdrawn and cancelled
# ones do not count.
MADE_STATUSES = (
    CommitmentStatus.SUBMITTED,
    CommitmentStatus.RETURNED,
    CommitmentStatus.APPROVED,
    *CLOSED_STATUSES,
)
DEFAULT_STALE_DAYS = 60


def stale_days() -> int:
    return int(getattr(settings, "COMMITMENT_STALE_DAYS", DEFAULT_STALE_DAYS))


def reminder_cycles(today: datetime.date):
    """The commitment years reminders are sent for: this year's and later ones."""
    return CommitmentYear.objects.filter(year__gte=today.year).select_related("congress__region")


@dataclass(frozen=True)
class MissingDeputy:
    """A seat whose deputy has made no commitment in the cycle's year."""

    cycle: CommitmentYear
    mandate: object

    @property
    def person(self):
        return self.mandate.person


def missing_commitments(cycles, *, today: datetime.date, user=None) -> list[MissingDeputy]:
    """Seats in the congresses of `cycles` whose window has closed before `today`, current
    today and begun by the close, whose deputy has made no commitment that year. With `user`,
    only seats in their scope. One query per year among `cycles`."""
    from renda.people.models import Mandate

    by_year: dict[int, list[CommitmentYear]] = defaultdict(list)
    for cycle in cycles:
        if cycle.closes < today:
            by_year[cycle.year].append(cycle)
    result: list[MissingDeputy] = []
    for year, group in sorted(by_year.items()):
        seats = Mandate.objects.restrict(user) if user is not None else Mandate.objects.all()
        made = Commitment.objects.filter(
            person=OuterRef("person_id"), commitment_year__year=year, status__in=MADE_STATUSES
        )
        seats = (
            seats.current(today)
            .filter(reduce(or_, (Q(congress_id=c.congress_id, start__lte=c.closes) for c in group)))
            .exclude(Exists(made))
            .select_related("person", "congress")
            .order_by("congress__level", "congress__region__code", "person__stroke_key", "pk")
        )
        cycle_of = {c.congress_id: c for c in group}
        result.extend(MissingDeputy(cycle_of[m.congress_id], m) for m in seats)
    return result


def stale_commitments(
    cycles, *, today: datetime.date, days: int | None = None, user=None
) -> list[Commitment]:
    """Approved commitments of `cycles` whose latest progress report (or approval, if none)
    is `days` or more days before `today`; each with `last_activity` and `link`."""
    days = stale_days() if days is None else days
    # Quiet since a day on or before today - days: before the start of the day after it.
    cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=days - 1), datetime.time.min)
    )
    qs = Commitment.objects.restrict(user) if user is not None else Commitment.objects.all()
    rows = list(
        qs.filter(commitment_year__in=cycles, status=CommitmentStatus.APPROVED)
        .annotate(last_activity=Coalesce(Max("progress__created_at"), "decided_at", "created_at"))
        .filter(last_activity__lt=cutoff)
        .select_related("person", "category", "commitment_year__congress")
        .order_by("commitment_year__congress__level", "last_activity", "pk")
    )
    for c in rows:
        c.link = _commitment_link(c)
        c.quiet_since = timezone.localdate(c.last_activity)
    return rows


def _commitment_link(commitment: Commitment) -> str:
    try:
        return commitment.get_absolute_url()
    except NoReverseMatch:  # the commitment pages are not mounted
        return ""


# --- Statistics (数读) ---------------------------------------------------------------------------
#
# The published figures: per year, for a region and a congress level, how many deputies made
# commitments, how many commitments, how many were fulfilled, and the fulfilment rate. The
# definition is in `docs/commitment-statistics.md`, followed word for word:
#
# - a *commitment* is one of the year that passed review and was not cancelled: approved,
#   fulfilled, partly fulfilled or unfulfilled (`COUNTED_STATUSES`). Drafts, submitted, returned
#   and withdrawn ones never reached the public; cancelled ones left the count (a mandate ended).
# - *fulfilled* is status fulfilled only; a partly fulfilled commitment is not fulfilled.
# - the *rate* is fulfilled / commitments × 100, rounded half up to one decimal (`Decimal`).
# - it is the rate *so far* while the year is not over or any of its commitments is still open
#   (approved, not yet decided).
#
# A region is a subtree of the division tree. A seat belongs to it when its congress sits in the
# subtree, or when it is a seat in a higher congress elected in the subtree (a municipal deputy
# elected in 荣昌区 is one of 荣昌区's deputies). A commitment counts for the region when the
# seat it is filed under belongs to the region; for one level, when its deputy also held a seat
# of that level belonging to the region at some time in the year. Each person counts once per row.

# What the public saw and what is still owed: counted in the denominator.
COUNTED_STATUSES = tuple(PUBLIC_STATUSES)
# Only a commitment kept in full is fulfilled.
FULFILLED_STATUSES = (CommitmentStatus.FULFILLED,)
# Approved but not yet decided: while any is left, the year's rate is a rate "so far".
OPEN_STATUSES = (CommitmentStatus.APPROVED,)

ONE_DECIMAL = Decimal("0.1")


def fulfilment_rate(fulfilled: int, commitments: int) -> Decimal | None:
    """fulfilled / commitments as a percentage with one decimal, rounded half up; None for no
    commitments (a rate of nothing is not 0 %)."""
    if commitments <= 0:
        return None
    return (Decimal(fulfilled) * 100 / Decimal(commitments)).quantize(
        ONE_DECIMAL, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class YearFigures:
    """One row of the published table."""

    year: int
    deputies: int
    commitments: int
    fulfilled: int
    open: int
    so_far: bool

    @property
    def rate(self) -> Decimal | None:
        return fulfilment_rate(self.fulfilled, self.commitments)

    def as_dict(self) -> dict:
        rate = self.rate
        return {
            "year": self.year,
            "deputies": self.deputies,
            "commitments": self.commitments,
            "fulfilled": self.fulfilled,
            "open": self.open,
            "rate": None if rate is None else float(rate),
            "so_far": self.so_far,
        }


def seat_in_region_q(region: Region, prefix: str = "") -> Q:
    """Seats belonging to `region`: in a congress of its subtree, or elected in its subtree."""
    return Q(**{f"{prefix}congress__region__code__startswith": region.prefix}) | Q(
        **{f"{prefix}electoral_region__code__startswith": region.prefix}
    )


def region_commitments(region: Region, level: int | None = None):
    """The counted commitments of `region` (all years), for one congress `level` or all."""
    qs = Commitment.objects.filter(status__in=COUNTED_STATUSES).filter(
        seat_in_region_q(region, "mandate__")
    )
    if level is not None:
        year = OuterRef("commitment_year__year")
        seats = Mandate.objects.filter(
            seat_in_region_q(region),
            Q(end__isnull=True) | Q(end__year__gte=year),
            person=OuterRef("person"),
            congress__level=level,
            start__year__lte=year,
        )
        qs = qs.filter(Exists(seats))
    return qs


def yearly_figures(
    region: Region, level: int | None = None, *, today: datetime.date | None = None
) -> list[YearFigures]:
    """The table by year, oldest first, in one query whatever the number of years."""
    today = today or timezone.localdate()
    rows = (
        region_commitments(region, level)
        .values("commitment_year__year")
        .annotate(
            deputies=Count("person", distinct=True),
            commitments=Count("pk"),
            fulfilled=Count("pk", filter=Q(status__in=FULFILLED_STATUSES)),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        )
        .order_by("commitment_year__year")
    )
    return [
        YearFigures(
            year=row["commitment_year__year"],
            deputies=row["deputies"],
            commitments=row["commitments"],
            fulfilled=row["fulfilled"],
            open=row["open"],
            so_far=row["commitment_year__year"] >= today.year or row["open"] > 0,
        )
        for row in rows
    ]


# What the published statistics count: commitments of the seats of each region's congresses.
STATISTICS_MODELS = (*PUBLIC_MODELS, *people_selectors.PUBLIC_MODELS)


def stored_yearly_figures(
    region: Region, level: int | None = None, *, today: datetime.date | None = None
) -> list[YearFigures]:
    """`yearly_figures`, kept in the database until a commitment or a seat changes (issue 11:
    the aggregate over every commitment cost 50–70 ms on each request)."""
    today = today or timezone.localdate()
    rows = public_cache.stored(
        f"commitments.yearly_figures:{region.code}:{level or 'all'}:{today.year}",
        STATISTICS_MODELS,
        lambda: [asdict(r) for r in yearly_figures(region, level, today=today)],
    )
    return [YearFigures(**row) for row in rows]


def regions_with_data() -> list[Region]:
    """Districts and counties with a commitment year in their subtree, in code order."""
    years = CommitmentYear.objects.filter(congress__region__code__startswith=OuterRef("prefix"))
    return list(
        Region.objects.filter(level=RegionLevel.COUNTY).filter(Exists(years)).order_by("code")
    )


def stored_default_region(regions: list[Region]) -> Region | None:
    """`default_region`, kept in the database until a commitment or a seat changes."""
    if len(regions) < 2:
        return default_region(regions)
    codes = ",".join(r.code for r in regions)
    chosen = public_cache.stored(
        f"commitments.default_region:{hashlib.sha256(codes.encode()).hexdigest()[:16]}",
        STATISTICS_MODELS,
        lambda: default_region(regions).code,
    )
    return next(r for r in regions if r.code == chosen)


def default_region(regions: list[Region]) -> Region | None:
    """Of `regions`, the one with the most counted commitments: the district that runs the
    practice (荣昌区 in the demo). One query, none for a single region."""
    if len(regions) < 2:
        return regions[0] if regions else None
    per_code = (
        Commitment.objects.filter(status__in=COUNTED_STATUSES)
        .values("mandate__congress__region__code")
        .annotate(n=Count("pk"))
    )
    totals = dict.fromkeys((r.code for r in regions), 0)
    for row in per_code:
        for region in regions:
            if row["mandate__congress__region__code"].startswith(region.prefix):
                totals[region.code] += row["n"]
    return max(regions, key=lambda r: totals[r.code])  # max keeps the first of equals

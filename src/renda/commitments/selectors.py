"""Named reads of commitments: the public view, the station wall, the assessment counts."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum

from renda.commitments.choices import PUBLIC_STATUSES, CommitmentStatus
from renda.commitments.models import Commitment, CommitmentProgress
from renda.people.models import Mandate
from renda.people.selectors import level_labels
from renda.stations.selectors import station_people


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
        .select_related("category")
        .order_by("category__order", "due", "pk")
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

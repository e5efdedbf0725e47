"""Named reads of commitments: the public view, the assessment counts, the statistics."""

from django.db.models import Count, Prefetch, Q, Sum

from renda.commitments.choices import PUBLIC_STATUSES, CommitmentStatus
from renda.commitments.models import Commitment, CommitmentProgress


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

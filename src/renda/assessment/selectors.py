"""Named reads of the evaluation: whether a year is final, the table in force, a deputy's score
sheet with what each line counted, and what the public sees of a deputy's record."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from renda.activities import requirements
from renda.activities.choices import Compliance
from renda.activities.selectors import public_activities_of
from renda.assessment.choices import ACTIVITY_MEASURES, EvaluationStatus, ItemKind, TableStatus
from renda.assessment.models import Evaluation, EvaluationResult, ScoringTable
from renda.people.models import Person

# What published evaluations show (core/public_cache.py).
PUBLIC_MODELS = (Evaluation, EvaluationResult, ScoringTable)


def is_final(congress_id: int, year: int) -> bool:
    return Evaluation.objects.filter(
        congress_id=congress_id, year=year, status=EvaluationStatus.FINAL
    ).exists()


def table_in_force(congress, year: int):
    return (
        ScoringTable.objects.filter(congress=congress, year=year, status=TableStatus.PUBLISHED)
        .select_related("congress")
        .first()
    )


@dataclass
class SheetLine:
    """One row of a deputy's filled-in score sheet."""

    item: object
    value: Decimal
    points: Decimal
    capped: bool
    activities: list = field(default_factory=list)
    commitments: list = field(default_factory=list)
    adjustments: list = field(default_factory=list)


@dataclass
class Section:
    name: str
    lines: list


def score_sheet(result) -> list[Section]:
    """The result's lines in the table's own layout (sections, items in order), each with the
    verified activities, commitments or adjustments it counted: five queries."""
    from renda.activities.models import Activity
    from renda.assessment.models import ScoreAdjustment
    from renda.commitments.choices import PUBLIC_STATUSES, CommitmentStatus
    from renda.commitments.models import Commitment

    evaluation = result.evaluation
    items = {
        i.code: i
        for i in evaluation.table.items.prefetch_related("activity_types").order_by("order", "pk")
    }
    activities = list(
        Activity.objects.verified()
        .filter(mandate_id=result.mandate_id, day__year=evaluation.year)
        .filter(Q(decided_at__lte=evaluation.run_at) | Q(decided_at__isnull=True))
        .select_related("activity_type")
        .order_by("day", "pk")
    )
    commitments = list(
        Commitment.objects.filter(
            person_id=result.person_id,
            commitment_year__year=evaluation.year,
            status__in=PUBLIC_STATUSES,
        ).order_by("pk")
    )
    adjustments = list(
        ScoreAdjustment.objects.filter(
            congress_id=evaluation.congress_id, year=evaluation.year, mandate_id=result.mandate_id
        ).order_by("pk")
    )
    which = {
        "commitments_approved": set(PUBLIC_STATUSES),
        "commitments_fulfilled": {CommitmentStatus.FULFILLED},
        "commitments_unfulfilled": {CommitmentStatus.UNFULFILLED},
    }
    sections: dict[str, Section] = {}
    for entry in result.breakdown:
        item = items.get(entry["code"])
        if item is None:
            continue
        line = SheetLine(
            item=item,
            value=Decimal(entry["value"]),
            points=Decimal(entry["points"]),
            capped=entry["capped"],
        )
        if item.kind == ItemKind.MANUAL:
            line.adjustments = [a for a in adjustments if a.item_code == item.code]
        elif item.measure in ACTIVITY_MEASURES:
            type_ids = {t.pk for t in item.activity_types.all()}
            line.activities = [a for a in activities if a.activity_type_id in type_ids]
        else:
            wanted = which.get(item.measure, set())
            line.commitments = [c for c in commitments if c.status in wanted]
        sections.setdefault(item.section, Section(item.section, [])).lines.append(line)
    return list(sections.values())


# --- What the public sees ---------------------------------------------------------------------
# Counts do not measure quality (TheyWorkForYou's lesson): the public sees each deputy's verified
# activities and their standing against the minimums in words, never a score, a rank or a league
# table, unless staff published that evaluation's scores. Every read starts from a public
# queryset, never the default manager.

LATEST_COUNT = 5


def public_evaluations():
    """Final evaluations whose scores staff decided to publish."""
    return Evaluation.objects.filter(status=EvaluationStatus.FINAL, scores_public=True)


def public_results(evaluation: Evaluation):
    """The published table of an evaluation: rank, name, grade, score."""
    return (
        EvaluationResult.objects.filter(evaluation=evaluation)
        .select_related("person")
        .order_by("rank", "person__stroke_key", "pk")
    )


def activity_years(person: Person) -> list[int]:
    """The years in which the deputy has verified activities, newest first."""
    return sorted(
        {d.year for d in public_activities_of(person).dates("day", "year")},
        reverse=True,
    )


def deputy_record(person: Person, mandates, year: int | None = None) -> dict:
    """The part of a deputy's public page about their work this year: verified activities by
    type with counts, the latest few (date, type, place), each seat's standing against the
    minimums in words, and a grade only where scores are published (the portal adds the published
    commendations).
    A fixed number of queries whatever the counts."""
    year = year or timezone.localdate().year
    mine = public_activities_of(person).filter(day__year=year)
    by_type = list(
        mine.values("activity_type__name", "activity_type__category", "activity_type__order")
        .annotate(count=Count("pk"))
        .order_by("activity_type__order", "activity_type__name")
    )
    latest = list(
        mine.select_related("activity_type")
        .only("day", "place", "activity_type__name")  # what the page shows of each
        .order_by("-day", "-pk")[:LATEST_COUNT]
    )
    seats = [
        {
            "mandate": p.mandate,
            "compliance": p.compliance,
            "compliance_label": Compliance(p.compliance).label,
            "words": [s.words for s in p.standings],
            "excused": bool(p.excuses),
        }
        for p in requirements.progress(mandates, year)
        if p.standings
    ]
    grades = list(
        EvaluationResult.objects.filter(Q(evaluation__in=public_evaluations()), person=person)
        .select_related("evaluation__congress")
        .order_by("-evaluation__year", "evaluation__congress__level")
    )
    return {
        "record_year": year,
        "activity_counts": [
            {"name": row["activity_type__name"], "count": row["count"]} for row in by_type
        ],
        "activity_total": sum(row["count"] for row in by_type),
        "latest_activities": latest,
        "seat_progress": seats,
        "public_grades": grades,
    }

"""Named reads of the evaluation: whether a year is final, the table in force, a deputy's score
sheet with what each line counted."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from renda.assessment.choices import ACTIVITY_MEASURES, EvaluationStatus, ItemKind, TableStatus


def is_final(congress_id: int, year: int) -> bool:
    from renda.assessment.models import Evaluation

    return Evaluation.objects.filter(
        congress_id=congress_id, year=year, status=EvaluationStatus.FINAL
    ).exists()


def table_in_force(congress, year: int):
    from renda.assessment.models import ScoringTable

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

"""Writes for the scoring tables, the evaluation, commendations and exit warnings.

A table version in force is frozen: a change is a copy, edited as a draft and put in force in
its place, which is refused once the year's evaluation is final. An evaluation runs as often as
staff like; making it final runs it one last time in the same transaction and freezes the year.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.assessment import engine, presets, signals
from renda.assessment.choices import (
    ACTIVITY_MEASURES,
    COMMITMENT_MEASURES,
    EvaluationStatus,
    ItemKind,
    Measure,
    TableStatus,
)
from renda.assessment.models import (
    Evaluation,
    GradeBand,
    ScoreAdjustment,
    ScoringItem,
    ScoringTable,
)
from renda.congresses import locks
from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction
from renda.core.exceptions import InvalidTransition, ValidationFailed
from renda.core.workflow import user_of

TABLE_FROZEN = _("This version is in force and cannot change; make a new version to edit.")
YEAR_FINAL = _("The evaluation of %(year)s is final; it can no longer change.")
NO_TABLE = _("No scoring table is in force for %(year)s; put one in force first.")
TABLE_EMPTY = _("A table needs at least one item and one grade before it is put in force.")
ITEM_NEEDS_TYPES = _("Choose the activity types this item counts.")
ITEM_NEEDS_THRESHOLD = _("Say the number to reach.")
ITEM_MEASURE_WRONG = _("This kind of item cannot count “%(measure)s”.")
ITEM_NEEDS_POINTS = _("Give the points (negative for a deduction).")
TYPE_OF_ANOTHER_CONGRESS = _("An activity type of another congress cannot be counted here.")
NOT_A_MANUAL_ITEM = _("Choose a bonus or deduction item of the table in force.")
REASON_REQUIRED = _("Say why, in a few words.")
ALREADY_FINAL = _("This evaluation is already final.")
NOT_RUN = _("Run the evaluation before making it final.")
TOO_EARLY = _("The evaluation of %(year)s can be made final from %(day)s.")
SEAT_OF_ANOTHER_CONGRESS = _("That deputy holds no seat in this congress.")
UNKNOWN_PRESET = _("There is no preset called “%(name)s”.")

TABLE_FIELDS = ["title", "base_points", "notes"]
ITEM_FIELDS = [
    "code",
    "section",
    "label",
    "description",
    "kind",
    "measure",
    "points",
    "threshold",
    "cap",
    "discipline",
    "order",
]
BAND_FIELDS = ["label", "min_score", "requires_compliance"]


def _ensure_year_open(congress_id: int, year: int) -> None:
    locks.ensure_year_open(congress_id, year, YEAR_FINAL)


# --- Scoring tables ---------------------------------------------------------------------------


def table_create(
    *, actor, congress, year: int, title: str, base_points=Decimal(0), notes: str = ""
) -> ScoringTable:
    """A new draft table: version 1 of the year, or the next version."""
    base.ensure_in_scope(actor, congress)
    with transaction.atomic():
        version = _next_version(congress, year)
        return base.create(
            actor=actor,
            obj=ScoringTable(
                congress=congress,
                year=year,
                version=version,
                title=(title or "").strip(),
                base_points=base_points,
                notes=notes,
            ),
        )


def _next_version(congress, year: int) -> int:
    latest = (
        ScoringTable.objects.select_for_update()
        .filter(congress=congress, year=year)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return (latest or 0) + 1


def table_copy(*, actor, table: ScoringTable, year: int | None = None) -> ScoringTable:
    """A draft copy of `table` with its items and grades: the next version of the same year,
    or version 1 of another year (next year's table starts from this one)."""
    base.ensure_in_scope(actor, table.congress)
    year = year or table.year
    with transaction.atomic():
        copy = ScoringTable(
            congress=table.congress,
            year=year,
            version=_next_version(table.congress, year),
            title=table.title,
            base_points=table.base_points,
            notes=table.notes,
        )
        base.create(actor=actor, obj=copy, note=str(table))
        for item in table.items.prefetch_related("activity_types"):
            types = list(item.activity_types.all())
            item.pk = None
            item.table = copy
            # The prefetched types belong to the original row; `set()` would read them as
            # already linked to the copy and link nothing.
            item._prefetched_objects_cache = {}
            item.save()
            item.activity_types.set(types)
        GradeBand.objects.bulk_create(
            GradeBand(
                table=copy,
                label=b.label,
                min_score=b.min_score,
                requires_compliance=b.requires_compliance,
            )
            for b in table.bands.all()
        )
    return copy


def _ensure_draft(table: ScoringTable) -> None:
    if not table.is_editable:
        raise InvalidTransition(TABLE_FROZEN)


def table_update(*, actor, table: ScoringTable, **data) -> ScoringTable:
    base.ensure_in_scope(actor, table.congress)
    with transaction.atomic():
        table = base.lock(table)
        _ensure_draft(table)
        return base.update(actor=actor, obj=table, data=data, fields=TABLE_FIELDS)


def table_publish(*, actor, table: ScoringTable) -> ScoringTable:
    """Put a draft version in force; the version it replaces is kept as superseded."""
    base.ensure_in_scope(actor, table.congress)
    with transaction.atomic():
        table = base.lock(table)
        _ensure_draft(table)
        _ensure_year_open(table.congress_id, table.year)
        if not table.items.exists() or not table.bands.exists():
            raise ValidationFailed(TABLE_EMPTY)
        for old in ScoringTable.objects.select_for_update().filter(
            congress_id=table.congress_id, year=table.year, status=TableStatus.PUBLISHED
        ):
            before = audit.snapshot(old, ["status"])
            old.status = TableStatus.SUPERSEDED
            old.save(update_fields=["status"])
            audit.record(actor=actor, action=AuditAction.STATUS, obj=old, before=before)
        before = audit.snapshot(table, ["status"])
        table.status = TableStatus.PUBLISHED
        table.published_at = timezone.now()
        table.save(update_fields=["status", "published_at"])
        audit.record(actor=actor, action=AuditAction.STATUS, obj=table, before=before)
        # A draft evaluation follows the table in force.
        Evaluation.objects.filter(
            congress_id=table.congress_id, year=table.year, status=EvaluationStatus.DRAFT
        ).update(table=table)
    return table


def table_from_preset(
    *, actor, congress, year: int, preset: str = "rongchang_2019", publish: bool = True
) -> ScoringTable:
    """A table built from a preset, using the congress's activity catalogue (the preset
    catalogue is added where it is missing)."""
    from renda.activities.models import ActivityType
    from renda.activities.services import activity_types_apply_preset

    spec = presets.TABLE_PRESETS.get(preset)
    if spec is None:
        raise ValidationFailed(UNKNOWN_PRESET % {"name": preset})
    with transaction.atomic():
        activity_types_apply_preset(actor=actor, congress=congress)
        types = {t.code: t for t in ActivityType.objects.filter(congress=congress)}
        table = table_create(actor=actor, congress=congress, year=year, title=spec["title"])
        for order, row in enumerate(spec["items"], start=1):
            code, section, label, description, kind, measure, codes, points, threshold, cap = row
            item_create(
                actor=actor,
                table=table,
                code=code,
                section=section,
                label=label,
                description=description,
                kind=kind,
                measure=measure,
                points=points,
                threshold=threshold,
                cap=cap,
                discipline=code in spec["discipline"],
                order=order * 10,
                activity_types=[types[c] for c in codes],
            )
        for label, min_score, requires in spec["bands"]:
            band_create(
                actor=actor,
                table=table,
                label=label,
                min_score=min_score,
                requires_compliance=requires,
            )
        if publish:
            table_publish(actor=actor, table=table)
    return table


def _clean_item(table: ScoringTable, data: dict, activity_types) -> None:
    kind = data.get("kind")
    measure = data.get("measure") or ""
    errors = {}
    if kind == ItemKind.MANUAL:
        data["measure"] = ""
        data["threshold"] = None
        data["points"] = data.get("points") or Decimal(0)
    elif kind == ItemKind.COMMITMENT:
        if measure not in COMMITMENT_MEASURES:
            errors["measure"] = ITEM_MEASURE_WRONG
    elif kind == ItemKind.COUNT:
        if measure not in ACTIVITY_MEASURES:
            errors["measure"] = ITEM_MEASURE_WRONG
    elif kind == ItemKind.THRESHOLD and not data.get("threshold"):
        errors["threshold"] = ITEM_NEEDS_THRESHOLD
    if kind in (ItemKind.COUNT, ItemKind.THRESHOLD, ItemKind.COMMITMENT) and not data.get("points"):
        errors["points"] = ITEM_NEEDS_POINTS
    if kind != ItemKind.MANUAL and measure in ACTIVITY_MEASURES and not activity_types:
        errors["activity_types"] = ITEM_NEEDS_TYPES
    if any(t.congress_id != table.congress_id for t in activity_types):
        errors["activity_types"] = TYPE_OF_ANOTHER_CONGRESS
    if errors:
        label = Measure(measure).label if measure in Measure.values else measure
        messages = {
            k: str(v % {"measure": label}) if k == "measure" else str(v) for k, v in errors.items()
        }
        raise ValidationFailed(
            next(iter(messages.values())), {"errors": {k: [v] for k, v in messages.items()}}
        )
    if measure in COMMITMENT_MEASURES or kind == ItemKind.MANUAL:
        activity_types.clear()
    data["code"] = (data.get("code") or "").strip()
    data["label"] = (data.get("label") or "").strip()
    data["section"] = (data.get("section") or "").strip()


def item_create(*, actor, table: ScoringTable, activity_types=(), **data) -> ScoringItem:
    base.ensure_in_scope(actor, table.congress)
    activity_types = list(activity_types)
    data = {k: v for k, v in data.items() if k in ITEM_FIELDS}
    with transaction.atomic():
        table = base.lock(table)
        _ensure_draft(table)
        _clean_item(table, data, activity_types)
        item = base.create(actor=actor, obj=ScoringItem(table=table, **data))
        item.activity_types.set(activity_types)
    return item


def item_update(*, actor, item: ScoringItem, activity_types=None, **data) -> ScoringItem:
    base.ensure_in_scope(actor, item.table.congress)
    with transaction.atomic():
        table = base.lock(item.table)
        _ensure_draft(table)
        item = base.lock(item)
        merged = {name: data.get(name, getattr(item, name)) for name in ITEM_FIELDS}
        types = list(item.activity_types.all() if activity_types is None else activity_types)
        _clean_item(table, merged, types)
        changes = {k: v for k, v in merged.items() if k in data}
        base.update(actor=actor, obj=item, data=changes, fields=ITEM_FIELDS)
        item.activity_types.set(types)
    return item


def item_delete(*, actor, item: ScoringItem) -> None:
    base.ensure_in_scope(actor, item.table.congress)
    with transaction.atomic():
        _ensure_draft(base.lock(item.table))
        base.delete(actor=actor, obj=item)


def band_create(*, actor, table: ScoringTable, **data) -> GradeBand:
    base.ensure_in_scope(actor, table.congress)
    data = {k: v for k, v in data.items() if k in BAND_FIELDS}
    data["label"] = (data.get("label") or "").strip()
    with transaction.atomic():
        _ensure_draft(base.lock(table))
        return base.create(actor=actor, obj=GradeBand(table=table, **data))


def band_update(*, actor, band: GradeBand, **data) -> GradeBand:
    base.ensure_in_scope(actor, band.table.congress)
    with transaction.atomic():
        _ensure_draft(base.lock(band.table))
        return base.update(actor=actor, obj=base.lock(band), data=data, fields=BAND_FIELDS)


def band_delete(*, actor, band: GradeBand) -> None:
    base.ensure_in_scope(actor, band.table.congress)
    with transaction.atomic():
        _ensure_draft(base.lock(band.table))
        base.delete(actor=actor, obj=band)


# --- Adjustments ------------------------------------------------------------------------------


def adjustment_add(
    *, actor, congress, year: int, mandate, item_code: str, points, reason: str
) -> ScoreAdjustment:
    """A bonus or deduction with its reason, against a manual item of the table in force."""
    from renda.assessment.selectors import table_in_force

    base.ensure_in_scope(actor, congress)
    if mandate.congress_id != congress.pk:
        raise ValidationFailed(SEAT_OF_ANOTHER_CONGRESS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed.on("reason", REASON_REQUIRED)
    table = table_in_force(congress, year)
    item = table and table.items.filter(code=item_code, kind=ItemKind.MANUAL).first()
    if not item:
        raise ValidationFailed.on("item_code", NOT_A_MANUAL_ITEM)
    with transaction.atomic():
        _ensure_year_open(congress.pk, year)
        return base.create(
            actor=actor,
            obj=ScoreAdjustment(
                congress=congress,
                year=year,
                mandate=mandate,
                item_code=item.code,
                item_label=item.label,
                points=Decimal(points),
                reason=reason,
                discipline=item.discipline,
                created_by=user_of(actor),
            ),
        )


def adjustment_update(
    *, actor, adjustment: ScoreAdjustment, points, reason: str
) -> ScoreAdjustment:
    """Correct a bonus's or deduction's points or reason while the year is open; the audit
    keeps what it was. The seat and the item stay: another seat or item is another entry."""
    base.ensure_in_scope(actor, adjustment)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed.on("reason", REASON_REQUIRED)
    with transaction.atomic():
        _ensure_year_open(adjustment.congress_id, adjustment.year)
        return base.update(
            actor=actor,
            obj=base.lock(adjustment),
            data={"points": Decimal(points), "reason": reason},
            fields=("points", "reason"),
        )


def adjustment_delete(*, actor, adjustment: ScoreAdjustment) -> None:
    base.ensure_in_scope(actor, adjustment)
    with transaction.atomic():
        _ensure_year_open(adjustment.congress_id, adjustment.year)
        base.delete(actor=actor, obj=adjustment)


# --- Evaluation -------------------------------------------------------------------------------


def evaluation_run(*, actor, congress, year: int) -> Evaluation:
    """Compute every deputy's result with the table in force; again and again until final.
    The same inputs give the same results."""
    from renda.assessment.selectors import table_in_force

    base.ensure_in_scope(actor, congress)
    table = table_in_force(congress, year)
    if table is None:
        raise ValidationFailed(NO_TABLE % {"year": year})
    with transaction.atomic():
        evaluation = (
            Evaluation.objects.select_for_update().filter(congress=congress, year=year).first()
        )
        if evaluation is None:
            evaluation = base.create(
                actor=actor, obj=Evaluation(congress=congress, year=year, table=table)
            )
        if evaluation.is_final:
            raise InvalidTransition(ALREADY_FINAL)
        evaluation.table = table
        return _run(actor, evaluation)


def _run(actor, evaluation: Evaluation) -> Evaluation:
    now = timezone.now()
    results = engine.compute(evaluation, timezone.localdate())
    engine.write(evaluation, results)
    evaluation.run_at = now
    evaluation.run_by = user_of(actor)
    evaluation.deputy_count = len(results)
    evaluation.save(update_fields=["table", "run_at", "run_by", "deputy_count"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=evaluation,
        before={},
        after={},
        note=str(_("Evaluation run: %(count)s deputies") % {"count": len(results)}),
    )
    return evaluation


def evaluation_finalize(*, actor, evaluation: Evaluation) -> Evaluation:
    """Run once more and make the year final: its activities, adjustments and table can no
    longer change. Raises the exit warnings the congress's rules call for and tells each
    deputy their result is out."""
    base.ensure_in_scope(actor, evaluation)
    with transaction.atomic():
        evaluation = base.lock(evaluation)
        if evaluation.is_final:
            raise InvalidTransition(ALREADY_FINAL)
        if evaluation.run_at is None:
            raise InvalidTransition(NOT_RUN)
        # Offices evaluate at the year's end; a year frozen in June would lose half its work.
        opens = datetime.date(evaluation.year, 12, 1)
        if timezone.localdate() < opens:
            raise InvalidTransition(TOO_EARLY % {"year": evaluation.year, "day": opens})
        _run(actor, evaluation)
        before = audit.snapshot(evaluation, ["status"])
        evaluation.status = EvaluationStatus.FINAL
        evaluation.finalized_at = timezone.now()
        evaluation.finalized_by = user_of(actor)
        evaluation.save(update_fields=["status", "finalized_at", "finalized_by"])
        audit.record(actor=actor, action=AuditAction.STATUS, obj=evaluation, before=before)
        # Apps above assessment act on a final evaluation in this transaction (exit warnings).
        signals.evaluation_finalized.send(sender=Evaluation, evaluation=evaluation)
        _tell_deputies(evaluation)
    return evaluation


def _tell_deputies(evaluation: Evaluation) -> None:
    from renda.accounts.models import User
    from renda.notifications.services import notify

    users = User.objects.filter(
        is_active=True,
        grants__role="deputy",
        grants__person_id__in=evaluation.results.values("person_id"),
    ).distinct()
    notify(
        recipients=users,
        kind="evaluation",
        title=_("Your evaluation for %(year)s is out") % {"year": evaluation.year},
        link=reverse("assessment:mine"),
        key=f"evaluation:{evaluation.pk}",
    )


def evaluation_set_scores_public(*, actor, evaluation: Evaluation, public: bool) -> Evaluation:
    """Publish the scores and ranks on the portal (or take them down). Off by default: counts
    do not measure quality."""
    base.ensure_in_scope(actor, evaluation)
    with transaction.atomic():
        evaluation = base.lock(evaluation)
        if public and not evaluation.is_final:
            raise InvalidTransition(_("Only a final evaluation can be published."))
        return base.update(
            actor=actor, obj=evaluation, data={"scores_public": public}, fields=["scores_public"]
        )

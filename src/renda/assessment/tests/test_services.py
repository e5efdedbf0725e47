"""Services of the scoring tables and the evaluation: each success, and each refusal with
nothing written. Table versions (frozen in force, copy, publish supersedes, refused once the
year is final), item checks per kind, adjustments, an idempotent run, finalizing, publishing."""

import datetime
from decimal import Decimal

import pytest

from renda.accounts.tests.factories import user_with
from renda.activities import services as activity_services
from renda.activities.tests.factories import ActivityFactory, preset_types
from renda.assessment import services
from renda.assessment.choices import EvaluationStatus, ItemKind, Measure, TableStatus
from renda.assessment.models import (
    Evaluation,
    EvaluationResult,
    GradeBand,
    ScoreAdjustment,
    ScoringItem,
    ScoringTable,
)
from renda.assessment.tests.factories import rongchang_table
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.exceptions import InvalidTransition, NotFound, ValidationFailed
from renda.core.testing import frozen_at
from renda.people.tests.factories import MandateFactory
from renda.regions.tests.factories import tongliang

pytestmark = pytest.mark.django_db


frozen = frozen_at("2025-01-10 10:00:00+08:00")


@pytest.fixture
def term():
    return TermFactory()


@pytest.fixture
def congress(term):
    return term.congress


def _final(congress, year=2024):
    evaluation = services.evaluation_run(actor="test", congress=congress, year=year)
    return services.evaluation_finalize(actor="test", evaluation=evaluation)


# --- Tables -----------------------------------------------------------------------------------


def test_a_new_table_is_a_draft_numbered_after_the_last_version(congress):
    first = services.table_create(actor="test", congress=congress, year=2024, title="评分表")
    second = services.table_create(actor="test", congress=congress, year=2024, title="评分表")
    assert (first.version, second.version) == (1, 2)
    assert first.status == TableStatus.DRAFT


def test_staff_of_another_region_cannot_create_a_table(congress):
    staff = user_with("staff", region=tongliang())
    with pytest.raises(NotFound):
        services.table_create(actor=staff, congress=congress, year=2024, title="评分表")
    assert not ScoringTable.objects.exists()


def test_a_table_in_force_is_frozen(congress):
    table = rongchang_table(congress)
    item = table.items.first()
    band = table.bands.first()
    refusals = [
        lambda: services.table_update(actor="test", table=table, title="改"),
        lambda: services.item_create(
            actor="test",
            table=table,
            code="x",
            section="s",
            label="l",
            kind=ItemKind.MANUAL,
            cap=Decimal(5),
        ),
        lambda: services.item_update(actor="test", item=item, label="改"),
        lambda: services.item_delete(actor="test", item=item),
        lambda: services.band_create(actor="test", table=table, label="好", min_score=70),
        lambda: services.band_update(actor="test", band=band, label="改"),
        lambda: services.band_delete(actor="test", band=band),
    ]
    for refuse in refusals:
        with pytest.raises(InvalidTransition) as exc:
            refuse()
        assert str(exc.value) == str(services.TABLE_FROZEN)
    table.refresh_from_db()
    assert table.title == "人大代表年度履职评分表"
    assert table.items.count() == 15 and table.bands.count() == 4


def test_a_copy_keeps_items_types_and_grades_as_the_next_draft(congress):
    table = rongchang_table(congress)
    copy = services.table_copy(actor="test", table=table)
    assert (copy.year, copy.version, copy.status) == (2024, 2, TableStatus.DRAFT)
    assert copy.items.count() == table.items.count()
    assert copy.bands.count() == table.bands.count()
    original = table.items.get(code="inspections")
    copied = copy.items.get(code="inspections")
    assert set(copied.activity_types.all()) == set(original.activity_types.all())
    next_year = services.table_copy(actor="test", table=table, year=2025)
    assert (next_year.year, next_year.version) == (2025, 1)


def test_publishing_a_new_version_supersedes_the_one_in_force(congress):
    table = rongchang_table(congress)
    evaluation = services.evaluation_run(actor="test", congress=congress, year=2024)
    copy = services.table_copy(actor="test", table=table)
    services.table_publish(actor="test", table=copy)
    table.refresh_from_db()
    copy.refresh_from_db()
    assert table.status == TableStatus.SUPERSEDED
    assert copy.status == TableStatus.PUBLISHED and copy.published_at
    evaluation.refresh_from_db()
    assert evaluation.table_id == copy.pk  # a draft evaluation follows the table in force


def test_publishing_is_refused_once_the_year_is_final(congress):
    table = rongchang_table(congress)
    _final(congress)
    copy = services.table_copy(actor="test", table=table)
    with pytest.raises(InvalidTransition) as exc:
        services.table_publish(actor="test", table=copy)
    assert str(exc.value) == str(services.YEAR_FINAL % {"year": 2024})
    copy.refresh_from_db()
    table.refresh_from_db()
    assert copy.status == TableStatus.DRAFT and table.status == TableStatus.PUBLISHED


def test_an_empty_table_cannot_be_put_in_force(congress):
    table = services.table_create(actor="test", congress=congress, year=2024, title="评分表")
    with pytest.raises(ValidationFailed) as exc:
        services.table_publish(actor="test", table=table)
    assert str(exc.value) == str(services.TABLE_EMPTY)
    table.refresh_from_db()
    assert table.status == TableStatus.DRAFT


def test_a_preset_draft_is_not_in_force(congress):
    table = rongchang_table(congress, publish=False)
    assert table.status == TableStatus.DRAFT
    assert table.items.count() == 15


# --- Items per kind ---------------------------------------------------------------------------


@pytest.fixture
def draft(congress):
    return services.table_create(actor="test", congress=congress, year=2024, title="评分表")


def _item(table, **data):
    base = {"code": "c", "section": "联系群众", "label": "项"}
    return services.item_create(actor="test", table=table, **{**base, **data})


def test_a_count_item_counts_the_chosen_types(draft, congress):
    types = preset_types(congress)
    item = _item(
        draft,
        kind=ItemKind.COUNT,
        measure=Measure.ACTIVITIES,
        points=Decimal(3),
        cap=Decimal(15),
        activity_types=[types["inspection"]],
    )
    assert list(item.activity_types.all()) == [types["inspection"]]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"kind": ItemKind.COUNT, "measure": Measure.ACTIVITIES, "points": Decimal(2)},
            "activity_types",
            services.ITEM_NEEDS_TYPES,
        ),
        (
            {"kind": ItemKind.COUNT, "measure": Measure.COMMITMENTS_FULFILLED, "points": 1},
            "measure",
            None,
        ),
        (
            {"kind": ItemKind.COMMITMENT, "measure": Measure.ACTIVITIES, "points": Decimal(-5)},
            "measure",
            None,
        ),
        (
            {"kind": ItemKind.THRESHOLD, "measure": Measure.COMMITMENTS_APPROVED, "points": 5},
            "threshold",
            services.ITEM_NEEDS_THRESHOLD,
        ),
        (
            {"kind": ItemKind.COMMITMENT, "measure": Measure.COMMITMENTS_UNFULFILLED},
            "points",
            services.ITEM_NEEDS_POINTS,
        ),
    ],
)
def test_an_item_is_checked_for_its_kind(draft, data, field, message):
    with pytest.raises(ValidationFailed) as exc:
        _item(draft, **data)
    errors = exc.value.extra["errors"]
    assert field in errors
    if message is not None:
        assert errors[field] == [str(message)]
    assert not ScoringItem.objects.exists()


def test_an_item_cannot_count_another_congress_types(draft):
    other = CongressFactory(region=tongliang())
    types = preset_types(other)
    with pytest.raises(ValidationFailed) as exc:
        _item(
            draft,
            kind=ItemKind.COUNT,
            measure=Measure.ACTIVITIES,
            points=Decimal(1),
            activity_types=[types["inspection"]],
        )
    assert exc.value.extra["errors"]["activity_types"] == [str(services.TYPE_OF_ANOTHER_CONGRESS)]
    assert not ScoringItem.objects.exists()


def test_a_manual_item_drops_measure_threshold_and_types(draft, congress):
    types = preset_types(congress)
    item = _item(
        draft,
        kind=ItemKind.MANUAL,
        measure=Measure.ACTIVITIES,
        threshold=3,
        cap=Decimal(10),
        activity_types=[types["inspection"]],
    )
    assert (item.measure, item.threshold, item.points) == ("", None, 0)
    assert not item.activity_types.exists()


def test_grades_are_added_and_must_differ(draft):
    services.band_create(actor="test", table=draft, label="优秀", min_score=Decimal(80))
    with pytest.raises(ValidationFailed):
        services.band_create(actor="test", table=draft, label="合格", min_score=Decimal(80))
    assert GradeBand.objects.count() == 1


# --- Adjustments ------------------------------------------------------------------------------


def test_an_adjustment_is_entered_against_a_manual_item(congress, term):
    rongchang_table(congress)
    seat = MandateFactory(term=term)
    adjustment = services.adjustment_add(
        actor="test",
        congress=congress,
        year=2024,
        mandate=seat,
        item_code="discipline",
        points=Decimal(-20),
        reason="受到党纪处分",
    )
    assert adjustment.item_label == "违法违纪" and adjustment.discipline


def _commend(congress, seat, *, points=5, reason="受表扬"):
    """A bonus on the commendation item of 2024, through the service."""
    return services.adjustment_add(
        actor="test",
        congress=congress,
        year=2024,
        mandate=seat,
        item_code="commendation",
        points=points,
        reason=reason,
    )


@pytest.mark.parametrize(
    ("item_code", "reason", "message"),
    [
        ("inspections", "理由", services.NOT_A_MANUAL_ITEM),
        ("commendation", "  ", services.REASON_REQUIRED),
    ],
)
def test_an_adjustment_needs_a_manual_item_and_a_reason(congress, term, item_code, reason, message):
    rongchang_table(congress)
    seat = MandateFactory(term=term)
    with pytest.raises(ValidationFailed) as exc:
        services.adjustment_add(
            actor="test",
            congress=congress,
            year=2024,
            mandate=seat,
            item_code=item_code,
            points=5,
            reason=reason,
        )
    assert str(exc.value) == str(message)
    assert not ScoreAdjustment.objects.exists()


def test_an_adjustment_needs_a_table_in_force_and_a_seat_of_the_congress(congress, term):
    seat = MandateFactory(term=term)
    with pytest.raises(ValidationFailed):
        _commend(congress, seat)
    rongchang_table(congress)
    other = MandateFactory(term=TermFactory(congress=CongressFactory(region=tongliang())))
    with pytest.raises(ValidationFailed) as exc:
        _commend(congress, other)
    assert str(exc.value) == str(services.SEAT_OF_ANOTHER_CONGRESS)
    assert not ScoreAdjustment.objects.exists()


def test_adjustments_are_refused_once_final(congress, term):
    rongchang_table(congress)
    seat = MandateFactory(term=term)
    adjustment = _commend(congress, seat)
    _final(congress)
    with pytest.raises(InvalidTransition):
        _commend(congress, seat, points=3, reason="又受表扬")
    with pytest.raises(InvalidTransition):
        services.adjustment_delete(actor="test", adjustment=adjustment)
    with pytest.raises(InvalidTransition):
        services.adjustment_update(actor="test", adjustment=adjustment, points=8, reason="改")
    assert list(ScoreAdjustment.objects.all()) == [adjustment]
    adjustment.refresh_from_db()
    assert (adjustment.points, adjustment.reason) == (Decimal("5.0"), "受表扬")


def test_an_adjustment_of_an_open_year_is_deleted(congress, term):
    rongchang_table(congress)
    seat = MandateFactory(term=term)
    adjustment = _commend(congress, seat)
    services.adjustment_delete(actor="test", adjustment=adjustment)
    assert not ScoreAdjustment.objects.exists()


def test_an_adjustment_is_corrected_and_the_audit_keeps_what_it_was(congress, term):
    from renda.core.models import AuditEntry

    rongchang_table(congress)
    seat = MandateFactory(term=term)
    adjustment = _commend(congress, seat)
    services.adjustment_update(
        actor="test", adjustment=adjustment, points="3.5", reason="  受镇人大主席团表扬 "
    )
    adjustment.refresh_from_db()
    assert (adjustment.points, adjustment.reason) == (Decimal("3.5"), "受镇人大主席团表扬")
    assert (adjustment.item_code, adjustment.mandate_id) == ("commendation", seat.pk)
    entry = AuditEntry.objects.filter(action="update", object_id=str(adjustment.pk)).get()
    assert entry.changes["points"] == ["5.0", "3.5"]
    assert entry.changes["reason"] == ["受表扬", "受镇人大主席团表扬"]


def test_a_corrected_adjustment_still_needs_a_reason(congress, term):
    rongchang_table(congress)
    adjustment = _commend(congress, MandateFactory(term=term))
    with pytest.raises(ValidationFailed) as exc:
        services.adjustment_update(actor="test", adjustment=adjustment, points=3, reason="  ")
    assert exc.value.extra["errors"]["reason"] == [str(services.REASON_REQUIRED)]
    adjustment.refresh_from_db()
    assert (adjustment.points, adjustment.reason) == (Decimal("5.0"), "受表扬")


# --- Evaluation -------------------------------------------------------------------------------


def _snapshot(evaluation):
    return list(
        EvaluationResult.objects.filter(evaluation=evaluation)
        .order_by("mandate_id")
        .values_list(
            "mandate_id", "score", "grade", "rank", "compliance", "requirements", "breakdown"
        )
    )


def test_running_twice_gives_identical_results(congress, term):
    rongchang_table(congress)
    activity_services.requirements_apply_preset(actor="test", term=term)
    types = preset_types(congress)
    seats = [MandateFactory(term=term) for _ in range(4)]
    for i, seat in enumerate(seats):
        for d in range(i * 2):
            ActivityFactory(
                mandate=seat, activity_type=types["survey"], day=datetime.date(2024, 4, d + 1)
            )
    _commend(congress, seats[0])
    first = services.evaluation_run(actor="test", congress=congress, year=2024)
    before = _snapshot(first)
    second = services.evaluation_run(actor="test", congress=congress, year=2024)
    assert first.pk == second.pk
    assert _snapshot(second) == before
    assert Evaluation.objects.count() == 1 and EvaluationResult.objects.count() == 4


def test_running_needs_a_table_in_force(congress, term):
    MandateFactory(term=term)
    with pytest.raises(ValidationFailed) as exc:
        services.evaluation_run(actor="test", congress=congress, year=2024)
    assert str(exc.value) == str(services.NO_TABLE % {"year": 2024})
    assert not Evaluation.objects.exists()


def test_finalizing_freezes_the_year(congress, term):
    rongchang_table(congress)
    types = preset_types(congress)
    seat = MandateFactory(term=term)
    evaluation = _final(congress)
    assert evaluation.status == EvaluationStatus.FINAL and evaluation.finalized_at
    before = _snapshot(evaluation)
    with pytest.raises(InvalidTransition) as exc:
        services.evaluation_run(actor="test", congress=congress, year=2024)
    assert str(exc.value) == str(services.ALREADY_FINAL)
    with pytest.raises(InvalidTransition):
        services.evaluation_finalize(actor="test", evaluation=evaluation)
    with pytest.raises(InvalidTransition):
        activity_services.activity_register(
            actor="test",
            mandate=seat,
            activity_type=types["survey"],
            day=datetime.date(2024, 6, 1),
            content="补登调研",
        )
    assert _snapshot(evaluation) == before


def test_finalizing_needs_a_run(congress):
    table = rongchang_table(congress)
    evaluation = Evaluation.objects.create(congress=congress, year=2024, table=table)
    with pytest.raises(InvalidTransition) as exc:
        services.evaluation_finalize(actor="test", evaluation=evaluation)
    assert str(exc.value) == str(services.NOT_RUN)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT


def test_scores_are_published_only_when_final(congress, term):
    rongchang_table(congress)
    MandateFactory(term=term)
    evaluation = services.evaluation_run(actor="test", congress=congress, year=2024)
    with pytest.raises(InvalidTransition):
        services.evaluation_set_scores_public(actor="test", evaluation=evaluation, public=True)
    evaluation.refresh_from_db()
    assert not evaluation.scores_public
    services.evaluation_finalize(actor="test", evaluation=evaluation)
    services.evaluation_set_scores_public(actor="test", evaluation=evaluation, public=True)
    evaluation.refresh_from_db()
    assert evaluation.scores_public
    services.evaluation_set_scores_public(actor="test", evaluation=evaluation, public=False)
    evaluation.refresh_from_db()
    assert not evaluation.scores_public


def test_staff_of_another_region_cannot_run(congress, term):
    rongchang_table(congress)
    staff = user_with("staff", region=tongliang())
    with pytest.raises(NotFound):
        services.evaluation_run(actor=staff, congress=congress, year=2024)
    assert not Evaluation.objects.exists()

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from renda.activities import services as activity_services
from renda.activities.tests.factories import ActivityFactory, preset_types
from renda.assessment import services
from renda.assessment.models import EvaluationResult
from renda.assessment.selectors import score_sheet
from renda.assessment.tests.factories import rongchang_table
from renda.congresses.tests.factories import TermFactory
from renda.core.exceptions import InvalidTransition
from renda.people.tests.factories import MandateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def term():
    return TermFactory()


def _deputies(term, n):
    return [MandateFactory(term=term) for _ in range(n)]


@freeze_time("2025-01-10")
def test_a_deputy_gets_each_point_and_sees_why(term):
    congress = term.congress
    rongchang_table(congress)
    activity_services.requirements_apply_preset(actor="test", term=term)
    types = preset_types(congress)
    seat, idle = _deputies(term, 2)
    for i in range(6):
        ActivityFactory(
            mandate=seat, activity_type=types["inspection"], day=datetime.date(2024, 3, i + 1)
        )
    ActivityFactory(mandate=seat, activity_type=types["visit"], person_times=30)
    ActivityFactory(mandate=seat, activity_type=types["reception"], person_times=25)
    evaluation = services.evaluation_run(actor="test", congress=congress, year=2024)
    result = EvaluationResult.objects.get(evaluation=evaluation, mandate=seat)
    lines = {e["code"]: e for e in result.breakdown}
    assert lines["inspections"] == {
        "code": "inspections",
        "value": "6",
        "points": "15.0",
        "capped": True,
    }
    assert lines["visits_receptions"]["points"] == "10.0"
    assert result.score == Decimal("25.0")
    assert result.rank == 1
    assert EvaluationResult.objects.get(evaluation=evaluation, mandate=idle).rank == 2
    sheet = score_sheet(result)
    inspections = next(x for s in sheet for x in s.lines if x.item.code == "inspections")
    assert len(inspections.activities) == 6


@freeze_time("2025-01-10")
def test_queries_do_not_grow_with_deputies(term):
    congress = term.congress
    rongchang_table(congress)
    types = preset_types(congress)
    _deputies(term, 3)
    services.evaluation_run(actor="test", congress=congress, year=2024)
    with CaptureQueriesContext(connection) as few:
        services.evaluation_run(actor="test", congress=congress, year=2024)
    for seat in _deputies(term, 20):
        ActivityFactory(mandate=seat, activity_type=types["survey"])
    with CaptureQueriesContext(connection) as many:
        services.evaluation_run(actor="test", congress=congress, year=2024)
    assert len(many) == len(few)
    assert EvaluationResult.objects.count() == 23


@freeze_time("2025-01-10")
def test_finalizing_freezes_the_year(term):
    congress = term.congress
    rongchang_table(congress)
    types = preset_types(congress)
    seat = MandateFactory(term=term)
    evaluation = services.evaluation_run(actor="test", congress=congress, year=2024)
    services.evaluation_finalize(actor="test", evaluation=evaluation)
    with pytest.raises(InvalidTransition):
        activity_services.activity_register(
            actor="test",
            mandate=seat,
            activity_type=types["survey"],
            day=datetime.date(2024, 6, 1),
            content="补登调研",
        )


def test_a_year_cannot_be_made_final_before_december(term):
    congress = term.congress
    rongchang_table(congress)
    MandateFactory(term=term)
    with freeze_time("2024-11-30"):
        evaluation = services.evaluation_run(actor="test", congress=congress, year=2024)
        with pytest.raises(InvalidTransition) as refused:
            services.evaluation_finalize(actor="test", evaluation=evaluation)
    assert "2024-12-01" in str(refused.value)
    evaluation.refresh_from_db()
    assert not evaluation.is_final
    with freeze_time("2024-12-01"):
        services.evaluation_finalize(actor="test", evaluation=evaluation)
    evaluation.refresh_from_db()
    assert evaluation.is_final


def test_a_penalty_on_nothing_is_zero_not_minus_zero():
    """Regression: −5 per unfulfilled commitment × 0 printed "-0.0" on the score sheet."""
    from renda.assessment import scoring

    rule = scoring.Rule("fulfil", "commitment", Decimal(-5), cap=Decimal(20))
    points, capped = scoring.item_points(rule, 0)
    assert str(points) == "0.0" and not capped

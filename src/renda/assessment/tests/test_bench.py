"""`renda bench evaluation` at a tiny size: it builds, times both sides and reports a ratio,
and an evaluation's queries do not grow with the number of deputies. Not a timing test."""

import pytest
from freezegun import freeze_time

from renda.assessment import bench
from renda.assessment.models import EvaluationResult

pytestmark = pytest.mark.django_db


@freeze_time("2026-11-22", tick=True)
def test_the_bench_runs_and_reports_a_ratio_and_constant_queries():
    """Regression guard: the evaluation reads in a constant number of queries whatever the
    size of the congress (the bench's congresses differ about fourfold)."""
    report = bench.run(mandates=200, activities=5_000, repeats=1)
    assert report.dataset.year == 2025
    assert len(report.dataset.congresses) == len(bench.DISTRICTS)
    assert report.results == 200
    assert EvaluationResult.objects.filter(evaluation__year=2025).count() == 200
    assert report.baseline.best > 0
    assert report.evaluation.best > 0
    assert report.ratio > 0
    assert report.constant_queries, report.queries
    text = report.render()
    assert "ratio evaluation / baseline" in text
    assert "(constant)" in text

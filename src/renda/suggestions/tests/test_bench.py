"""`renda bench suggestions` at a tiny size: it builds, checks the statistics against the
hand-written SQL, times both, measures the register and counts the overdue list's queries. Not a
timing test."""

import pytest
from freezegun import freeze_time

from renda.suggestions import bench

pytestmark = pytest.mark.django_db


@freeze_time("2026-03-01", tick=True)
def test_the_bench_runs_and_reports():
    report = bench.run(items=600, assignments=1_500, units=12, repeats=1, sizes=(200, 600))
    d = report.dataset
    assert (d.year, d.items, d.assignments) == (2025, 600, 1_500)
    assert report.statistics_queries == 3
    assert report.baseline.best > 0 and report.statistics.best > 0 and report.ratio > 0
    assert [n for n, *_rest in report.memory] == [200, 600]
    assert report.overdue_total > 0
    assert report.constant_queries, report.overdue_queries
    assert report.overdue_queries[0][0] < report.overdue_queries[1][0]
    text = report.render()
    assert "ratio statistics / baseline" in text and "(b) The register" in text
    assert "constant" in text

"""The demo's register and evaluations: every congress has the catalogue and "341 311", the
district's final evaluations show every grade and a mix of compliance, the 2026 queue waits,
exit warnings and praise exist, and every record is audited."""

from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType

from renda.activities.choices import ActivityStatus, Compliance
from renda.activities.models import Activity, ActivityBatch, ActivityType, Excuse, Requirement
from renda.assessment.choices import EvaluationStatus
from renda.assessment.models import Evaluation, ScoringTable
from renda.commendations.choices import CommendationStatus
from renda.commendations.models import Commendation
from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress
from renda.core.models import AuditEntry
from renda.core.testing import module_data
from renda.demo import activities as demo_activities
from renda.demo import builder
from renda.exit_warnings.choices import ExitRuleKind
from renda.exit_warnings.models import ExitWarning

pytestmark = pytest.mark.django_db

SCALE = 0.1
GRADES = {"优秀", "合格", "基本合格", "不合格"}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker) -> builder.DemoResult:
    """One small demo for a class of tests, rolled back when the class is done."""
    with module_data(django_db_blocker):
        yield builder.build(scale=SCALE)


def district():
    return Congress.objects.get(level=CongressLevel.COUNTY)


class TestTheDemoRegister:
    def test_district_and_towns_have_the_catalogue_and_341_311(self, demo):
        congresses = Congress.objects.filter(level__in=[CongressLevel.COUNTY, CongressLevel.TOWN])
        assert congresses.count() == 16
        for congress in congresses:
            assert ActivityType.objects.filter(congress=congress).count() == 16
            assert Requirement.objects.filter(congress=congress).count() == 6
        # Municipal deputies register too (issue 10: their type list was empty); their term sets
        # no minimums.
        municipal = Congress.objects.get(level=CongressLevel.PROVINCIAL)
        assert ActivityType.objects.filter(congress=municipal).count() == 16
        assert not Requirement.objects.filter(congress=municipal).exists()

    def test_activities_span_the_years_with_person_times_and_group_registrations(self, demo):
        verified = Activity.objects.filter(status=ActivityStatus.VERIFIED)
        years = Counter(verified.filter(congress=district()).values_list("day__year", flat=True))
        assert set(years) == set(demo_activities.YEARS)
        assert all(n > 500 for n in years.values())
        assert verified.filter(congress__level=CongressLevel.TOWN).exists()
        assert not verified.filter(decided_at__isnull=True).exists()
        counted = verified.filter(activity_type__counts_person_times=True)
        assert counted.exists()
        assert not counted.filter(person_times__isnull=True).exists()
        assert not verified.filter(
            activity_type__counts_person_times=False, person_times__isnull=False
        ).exists()
        assert ActivityBatch.objects.count() == len(demo_activities.BATCHES)
        assert Activity.objects.filter(batch__isnull=False).count() >= 6 * 20
        assert not Activity.objects.filter(created_at__date__gt=demo_activities.DEMO_TODAY).exists()

    def test_2026_has_a_verification_queue_and_rejections_with_reasons(self, demo):
        waiting = Activity.objects.filter(status=ActivityStatus.SUBMITTED)
        rejected = Activity.objects.filter(status=ActivityStatus.REJECTED)
        assert waiting.count() >= 4
        assert rejected.count() >= 2
        assert set(waiting.values_list("day__year", flat=True)) == {2026}
        assert not rejected.filter(status_note="").exists()
        assert not waiting.filter(decided_at__isnull=False).exists()

    def test_excuses_are_recorded(self, demo):
        assert Excuse.objects.count() >= 2
        assert set(Excuse.objects.values_list("reason", flat=True)) <= {"illness", "leave"}

    def test_every_row_is_audited(self, demo):
        for model in (Activity, ActivityBatch, Excuse):
            kind = ContentType.objects.get_for_model(model)
            assert AuditEntry.objects.filter(content_type=kind).count() == model.objects.count()


class TestTheDemoEvaluations:
    def test_tables_for_2019_and_every_evaluated_year(self, demo):
        years = set(ScoringTable.objects.filter(congress=district()).values_list("year", flat=True))
        assert years == set(demo_activities.TABLE_YEARS)

    def test_past_years_are_final_with_every_grade_and_a_compliance_mix(self, demo):
        evaluations = {e.year: e for e in Evaluation.objects.filter(congress=district())}
        assert set(evaluations) == set(demo_activities.YEARS)
        assert evaluations[2026].status == EvaluationStatus.DRAFT
        for year in demo_activities.FINAL_YEARS:
            evaluation = evaluations[year]
            assert evaluation.status == EvaluationStatus.FINAL
            assert set(evaluation.results.values_list("grade", flat=True)) == GRADES
            compliance = Counter(evaluation.results.values_list("compliance", flat=True))
            assert compliance[Compliance.MET] > compliance[Compliance.NOT_MET] > 0
        assert any(
            e.results.filter(compliance=Compliance.EXCUSED).exists() for e in evaluations.values()
        )

    def test_adjustments_exit_warnings_and_praise(self, demo):
        drunk = ExitWarning.objects.get(kind=ExitRuleKind.DISCIPLINE)
        assert drunk.year == 2025
        assert "醉酒驾驶" in drunk.reason
        assert ExitWarning.objects.filter(kind=ExitRuleKind.BELOW_MINIMUM).exists()
        praise = Commendation.objects.filter(year=2025, status=CommendationStatus.PUBLISHED)
        excellent = Evaluation.objects.get(congress=district(), year=2025).results.filter(
            grade="优秀"
        )
        assert praise.filter(mandate__isnull=False).count() == excellent.count()
        assert praise.filter(group__isnull=False).count() == 1

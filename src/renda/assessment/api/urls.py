"""/api/v1/ routes of the scoring tables and the evaluation."""

from rest_framework.routers import DefaultRouter

from renda.assessment.api.views import (
    EvaluationResultViewSet,
    EvaluationViewSet,
    GradeBandViewSet,
    ScoreAdjustmentViewSet,
    ScoringItemViewSet,
    ScoringTableViewSet,
)

router = DefaultRouter()
router.register("scoring-tables", ScoringTableViewSet, basename="scoring-table")
router.register("scoring-items", ScoringItemViewSet, basename="scoring-item")
router.register("grade-bands", GradeBandViewSet, basename="grade-band")
router.register("score-adjustments", ScoreAdjustmentViewSet, basename="score-adjustment")
router.register("evaluations", EvaluationViewSet, basename="evaluation")
router.register("evaluation-results", EvaluationResultViewSet, basename="evaluation-result")

urlpatterns = router.urls

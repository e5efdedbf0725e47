"""/api/v1/ routes of commendations, exit rules and warnings, and the public reads."""

from rest_framework.routers import DefaultRouter

from renda.assessment.api import recognition_views as views

router = DefaultRouter()
router.register("commendations", views.CommendationViewSet, basename="commendation")
router.register(
    "public-commendations", views.PublicCommendationViewSet, basename="public-commendation"
)
router.register("exit-rules", views.ExitRuleViewSet, basename="exit-rule")
router.register("exit-warnings", views.ExitWarningViewSet, basename="exit-warning")
router.register("public-activities", views.PublicActivityViewSet, basename="public-activity")

urlpatterns = router.urls

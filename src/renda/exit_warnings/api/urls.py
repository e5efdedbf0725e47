"""/api/v1/ routes of exit rules and warnings."""

from rest_framework.routers import DefaultRouter

from renda.exit_warnings.api import views

router = DefaultRouter()
router.include_root_view = False
router.register("exit-rules", views.ExitRuleViewSet, basename="exit-rule")
router.register("exit-warnings", views.ExitWarningViewSet, basename="exit-warning")

urlpatterns = router.urls

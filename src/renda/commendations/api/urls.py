"""/api/v1/ routes of commendations and their public read."""

from rest_framework.routers import DefaultRouter

from renda.commendations.api import views

router = DefaultRouter()
router.include_root_view = False
router.register("commendations", views.CommendationViewSet, basename="commendation")
router.register(
    "public-commendations", views.PublicCommendationViewSet, basename="public-commendation"
)

urlpatterns = router.urls

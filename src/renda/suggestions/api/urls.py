"""/api/v1/ routes of motions and suggestions, key supervision and their public read."""

from rest_framework.routers import DefaultRouter

from renda.suggestions.api import views

router = DefaultRouter()
router.include_root_view = False
router.register("suggestions", views.SuggestionViewSet, basename="suggestion")
router.register("key-supervisions", views.KeySupervisionViewSet, basename="key-supervision")
router.register("public-suggestions", views.PublicSuggestionViewSet, basename="public-suggestion")

urlpatterns = router.urls

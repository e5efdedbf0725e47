"""/api/v1/ routes of the activity register."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from renda.activities.api import views

router = DefaultRouter()
# The project's router serves the API root; this one only adds routes.
router.include_root_view = False
router.register("activity-types", views.ActivityTypeViewSet, basename="activity-type")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("activity-batches", views.ActivityBatchViewSet, basename="activity-batch")
router.register("requirements", views.RequirementViewSet, basename="requirement")
router.register("excuses", views.ExcuseViewSet, basename="excuse")
router.register("activity-progress", views.ActivityProgressViewSet, basename="activity-progress")
router.register("public-activities", views.PublicActivityViewSet, basename="public-activity")

urlpatterns = [
    *router.urls,
    path("shortfalls/", views.ShortfallView.as_view(), name="shortfall-list"),
]

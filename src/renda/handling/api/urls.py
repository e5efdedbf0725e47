"""/api/v1/ routes of handling. `/api/v1/assignments/` is the deprecated name of the station
assignments (stations), so a unit's assignments (交办) are `handling-assignments`."""

from rest_framework.routers import DefaultRouter

from renda.handling.api import views

router = DefaultRouter()
router.include_root_view = False
router.register("handling-assignments", views.AssignmentViewSet, basename="handling-assignment")

urlpatterns = router.urls

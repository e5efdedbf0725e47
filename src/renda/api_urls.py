"""/api/v1/: the public API (deputies, stations, regions) and the scoped staff API."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from renda.accounts.api.views import TokenView
from renda.commitments.api.views import (
    CommitmentViewSet,
    CommitmentYearViewSet,
    PublicCommitmentViewSet,
)
from renda.congresses.api.views import CongressViewSet, SessionViewSet, TermViewSet
from renda.people.api.views import DeputyViewSet, GroupViewSet, MandateViewSet, PersonViewSet
from renda.regions.api.views import HandlingUnitViewSet, RegionViewSet
from renda.stations.api.views import (
    AssignmentViewSet,
    DeprecatedAssignmentViewSet,
    StationViewSet,
)

router = DefaultRouter()
router.register("deputies", DeputyViewSet, basename="deputy")
router.register("stations", StationViewSet, basename="station")
router.register("regions", RegionViewSet, basename="region")
router.register("people", PersonViewSet, basename="person")
router.register("mandates", MandateViewSet, basename="mandate")
router.register("groups", GroupViewSet, basename="group")
router.register("station-assignments", AssignmentViewSet, basename="station-assignment")
# Deprecated alias of station-assignments, for clients written before the rename.
router.register("assignments", DeprecatedAssignmentViewSet, basename="assignment")
router.register("congresses", CongressViewSet, basename="congress")
router.register("terms", TermViewSet, basename="term")
router.register("sessions", SessionViewSet, basename="session")
router.register("handling-units", HandlingUnitViewSet, basename="handling-unit")
router.register("commitment-years", CommitmentYearViewSet, basename="commitment-year")
router.register("commitments", CommitmentViewSet, basename="commitment")
router.register("public-commitments", PublicCommitmentViewSet, basename="public-commitment")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    path("", include(router.urls)),
    path("", include("renda.activities.api.urls")),
    path("", include("renda.assessment.api.urls")),
    path("", include("renda.commendations.api.urls")),
    path("", include("renda.exit_warnings.api.urls")),
    path("", include("renda.handling.api.urls")),
    path("", include("renda.suggestions.api.urls")),
]

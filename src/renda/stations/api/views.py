from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from renda.core.api import ScopedViewSet
from renda.core.public_cache import public
from renda.people import selectors as people_selectors
from renda.stations import selectors, services
from renda.stations.api.serializers import (
    AssignmentEndSerializer,
    AssignmentSerializer,
    StationSerializer,
)
from renda.stations.filtersets import StationFilterSet
from renda.stations.models import Station, StationAssignment


@public(*selectors.PUBLIC_MODELS, *people_selectors.PUBLIC_MODELS, vary_accept=True)
class StationViewSet(ScopedViewSet):
    """Stations: public to read (active ones); staff add and edit within their region."""

    queryset = Station.objects.all()
    serializer_class = StationSerializer
    filterset_class = StationFilterSet
    public_read = True
    select_related = ("region",)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def public_queryset(self):
        return Station.objects.active()

    def create_object(self, data):
        data = dict(data)
        return services.station_create(
            actor=self.request.user,
            region=data.pop("region"),
            name=data.pop("name"),
            kind=data.pop("kind"),
            address=data.pop("address"),
            **data,
        )

    def update_object(self, obj, data):
        data = {k: v for k, v in data.items() if k != "region"}
        return services.station_update(actor=self.request.user, station=obj, **data)

    @extend_schema(request=AssignmentSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=AssignmentSerializer)
    def assignments(self, request, pk=None):
        """Place a deputy in the station; a second current head is refused (409)."""
        station = self.get_object()
        serializer = AssignmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if v is not None}
        assignment = services.assignment_create(actor=request.user, station=station, **data)
        return Response(AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)


class AssignmentViewSet(ScopedViewSet):
    """Station assignments (进站) of the stations the staff keep: who sits at which station, the
    head first; `end/` ends one."""

    queryset = StationAssignment.objects.all()
    serializer_class = AssignmentSerializer
    select_related = ("mandate__person", "station")
    filterset_fields = ["station", "mandate"]
    # "post" is for `end`; a deputy is placed through /stations/{id}/assignments/, and with no
    # `create_object` there is no POST on this list.
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=AssignmentEndSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=AssignmentEndSerializer)
    def end(self, request, pk=None):
        assignment = self.get_object()
        serializer = AssignmentEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.assignment_end(
            actor=request.user, assignment=assignment, **serializer.validated_data
        )
        return self._respond(assignment, status.HTTP_200_OK)


@extend_schema_view(
    list=extend_schema(deprecated=True),
    retrieve=extend_schema(deprecated=True),
    end=extend_schema(deprecated=True),
)
class DeprecatedAssignmentViewSet(AssignmentViewSet):
    """Deprecated: `/api/v1/assignments/` is `/api/v1/station-assignments/` (an assignment (交办)
    is what a suggestion or a case gets); the same answers, kept for existing clients."""

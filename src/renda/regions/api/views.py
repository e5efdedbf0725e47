from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema

from renda.core.api import ScopedViewSet
from renda.core.public_cache import public
from renda.regions import services
from renda.regions.api.serializers import (
    HandlingUnitSerializer,
    RegionRenameSerializer,
    RegionSerializer,
    RegionWriteSerializer,
)
from renda.regions.filtersets import HandlingUnitFilterSet, RegionFilterSet
from renda.regions.models import HandlingUnit, Region


@public(Region, vary_accept=True)
class RegionViewSet(ScopedViewSet):
    """The division tree: public to read; staff add and rename within their region."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    filter_backends = [filters.DjangoFilterBackend]
    public_read = True
    select_related = ("parent",)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def public_queryset(self):
        return Region.objects.all()

    def get_serializer_class(self):
        if self.request.method == "POST":
            return RegionWriteSerializer
        if self.request.method == "PATCH":
            return RegionRenameSerializer
        return RegionSerializer

    @extend_schema(request=RegionWriteSerializer, responses={201: RegionSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=RegionRenameSerializer, responses=RegionSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def create_object(self, data):
        return services.region_create(actor=self.request.user, **data)

    def update_object(self, obj, data):
        return services.region_update(
            actor=self.request.user, region=obj, name=data.get("name", obj.name)
        )


class HandlingUnitViewSet(ScopedViewSet):
    queryset = HandlingUnit.objects.all()
    serializer_class = HandlingUnitSerializer
    filterset_class = HandlingUnitFilterSet
    required_roles = ("staff", "unit")
    select_related = ("region",)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create_object(self, data):
        data = dict(data)
        data.pop("active", None)
        return services.handling_unit_create(actor=self.request.user, **data)

    def update_object(self, obj, data):
        data = {k: v for k, v in data.items() if k != "region"}
        return services.handling_unit_update(actor=self.request.user, unit=obj, **data)

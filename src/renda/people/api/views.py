from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.viewsets import ReadOnlyModelViewSet

from renda.core.api import ScopedViewSet
from renda.core.public_cache import public
from renda.people import services
from renda.people.api.serializers import (
    GroupSerializer,
    MandateEndSerializer,
    MandateSerializer,
    MembershipSerializer,
    PersonCreateSerializer,
    PersonSerializer,
    PhotoSerializer,
    PublicDeputyListSerializer,
    PublicDeputySerializer,
)
from renda.people.filtersets import DeputyFilterSet, GroupFilterSet, PersonFilterSet
from renda.people.models import DeputyGroup, Mandate, Person
from renda.people.selectors import (
    PUBLIC_MODELS,
    current_mandates_prefetch,
    public_deputies,
    public_deputy_rows,
)

_METHODS = ["get", "post", "patch", "head", "options"]


@public(*PUBLIC_MODELS, vary_accept=True)
class DeputyViewSet(ReadOnlyModelViewSet):
    """Public: deputies holding a seat today, in 姓氏笔画 order unless `sort=pinyin`."""

    serializer_class = PublicDeputySerializer
    filterset_class = DeputyFilterSet
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        if self.action == "list":
            # Rows, not objects: PublicDeputyListSerializer writes the list from them.
            return public_deputy_rows(*PublicDeputyListSerializer.person_fields)
        return public_deputies()


class PersonViewSet(ScopedViewSet):
    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    prefetch_related = (current_mandates_prefetch(),)
    http_method_names = _METHODS
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_serializer_class(self):
        if self.request.method == "POST" and self.action == "create":
            return PersonCreateSerializer
        return super().get_serializer_class()

    @extend_schema(request=PersonCreateSerializer, responses={201: PersonSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def create_object(self, data):
        data = dict(data)
        seat = dict(data.pop("mandate"))
        term = seat.pop("term")
        mandate = services.deputy_create(actor=self.request.user, person=data, term=term, seat=seat)
        return mandate.person

    def update_object(self, obj, data):
        return services.person_update(actor=self.request.user, person=obj, **data)

    @extend_schema(request=PhotoSerializer, responses=PersonSerializer)
    @action(detail=True, methods=["post"], serializer_class=PhotoSerializer)
    def photo(self, request, pk=None):
        person = self.get_object()
        serializer = PhotoSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.person_set_photo(
            actor=request.user, person=person, photo=serializer.validated_data["photo"]
        )
        return self._respond(person, status.HTTP_200_OK)


class MandateViewSet(ScopedViewSet):
    queryset = Mandate.objects.all()
    serializer_class = MandateSerializer
    select_related = ("congress__region", "term", "electoral_region", "person")
    filterset_fields = ["person", "congress", "term"]
    http_method_names = _METHODS

    def create_object(self, data):
        data = dict(data)
        return services.mandate_create(
            actor=self.request.user, person=data.pop("person"), term=data.pop("term"), **data
        )

    def update_object(self, obj, data):
        data = {k: v for k, v in data.items() if k not in ("person", "term")}
        return services.mandate_update(actor=self.request.user, mandate=obj, **data)

    @extend_schema(request=MandateEndSerializer, responses=MandateSerializer)
    @action(detail=True, methods=["post"], serializer_class=MandateEndSerializer)
    def end(self, request, pk=None):
        """End a seat with a reason: expiry, resignation, recall, termination or death."""
        mandate = self.get_object()
        serializer = MandateEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.mandate_end(actor=request.user, mandate=mandate, **serializer.validated_data)
        return self._respond(mandate, status.HTTP_200_OK)


class GroupViewSet(ScopedViewSet):
    queryset = DeputyGroup.objects.all()
    serializer_class = GroupSerializer
    filterset_class = GroupFilterSet
    select_related = ("region", "congress")
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    # No `destroy`: groups are not deleted through the API ("delete" is for removing a member).

    def create_object(self, data):
        return services.group_create(actor=self.request.user, **data)

    def update_object(self, obj, data):
        return services.group_update(
            actor=self.request.user,
            group=obj,
            **{k: v for k, v in data.items() if k in ("name", "kind")},
        )

    @extend_schema(methods=["GET"], responses=MembershipSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=MembershipSerializer,
        responses={201: MembershipSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=MembershipSerializer,
        filterset_class=None,
        pagination_class=None,  # every member, as a plain list
    )
    def members(self, request, pk=None):
        group = self.get_object()
        if request.method == "POST":
            serializer = MembershipSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            services.group_member_add(actor=request.user, group=group, **serializer.validated_data)
        memberships = group.memberships.select_related("mandate__person").order_by(
            "role", "mandate__person__stroke_key"
        )
        code = status.HTTP_201_CREATED if request.method == "POST" else status.HTTP_200_OK
        return Response(MembershipSerializer(memberships, many=True).data, status=code)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<membership_id>\d+)")
    def remove_member(self, request, pk=None, membership_id=None):
        group = self.get_object()
        membership = get_object_or_404(
            group.memberships.select_related("mandate__person"), pk=membership_id
        )
        services.group_member_remove(actor=request.user, membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)

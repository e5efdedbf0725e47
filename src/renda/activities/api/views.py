"""/api/v1/ for the activity register, scoped like the pages: the catalogue, a deputy's own
activities and the staff's region's, one endpoint per workflow step, group registration, the
minimums, excused absences, a seat's progress and the deputies below the minimums."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import ReadOnlyModelViewSet

from renda.activities import selectors, services, shortfalls
from renda.activities.api.serializers import (
    ActivityBatchCreateSerializer,
    ActivityBatchSerializer,
    ActivityCreateSerializer,
    ActivityNoteSerializer,
    ActivityReasonSerializer,
    ActivitySerializer,
    ActivityTypeSerializer,
    ActivityTypeWriteSerializer,
    ActivityUpdateSerializer,
    EvidenceUploadSerializer,
    ExcuseCreateSerializer,
    ExcuseSerializer,
    PublicActivitySerializer,
    RequirementPresetSerializer,
    RequirementSerializer,
    RequirementSetSerializer,
    SeatProgressSerializer,
    ShortfallReportSerializer,
)
from renda.activities.filtersets import (
    ActivityFilterSet,
    ActivityTypeFilterSet,
    BatchFilterSet,
    ExcuseFilterSet,
    PublicActivityFilterSet,
    RequirementFilterSet,
)
from renda.activities.models import Activity, ActivityBatch, ActivityType, Excuse, Requirement
from renda.activities.workflow import ACTIVITY
from renda.congresses.models import Congress, Term
from renda.core.api import HasRole, ScopedViewSet, WorkflowViewSetMixin, transition_action
from renda.core.exceptions import NotFound, ValidationFailed
from renda.core.public_cache import public
from renda.core.querysets import CHANGE, VIEW
from renda.core.scope import scope_for
from renda.core.services import OUT_OF_SCOPE
from renda.people import selectors as people_selectors
from renda.people.models import DeputyGroup, Mandate, Person
from renda.regions.models import Region

_METHODS = ["get", "post", "patch", "head", "options"]
YEAR_REQUIRED = _("Say which year (year).")
YEAR_OUT_OF_RANGE = _("A year is between 1 and 9999.")
CONGRESS_OR_LEVEL = _("Say which congress (congress) or level (level).")


def _in_scope(model, user, obj, action=CHANGE) -> None:
    if not model.objects.restrict(user, action).filter(pk=obj.pk).exists():
        raise NotFound(OUT_OF_SCOPE)


class ActivityTypeViewSet(ScopedViewSet):
    """The catalogue of each congress: anyone signed in reads it; staff add and change types."""

    queryset = ActivityType.objects.all()
    serializer_class = ActivityTypeSerializer
    write_serializer_class = ActivityTypeWriteSerializer
    filterset_class = ActivityTypeFilterSet
    http_method_names = _METHODS

    @property
    def required_roles(self):
        if self.request.method in permissions.SAFE_METHODS:
            return ("staff", "deputy", "liaison")
        return ("staff",)

    def get_queryset(self):
        return super().get_queryset().order_by("congress__level", "congress_id", "order", "pk")

    @extend_schema(request=ActivityTypeWriteSerializer, responses={201: ActivityTypeSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=ActivityTypeWriteSerializer, responses=ActivityTypeSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def create_object(self, data):
        return services.activity_type_create(actor=self.request.user, **data)

    def update_object(self, obj, data):
        data = {k: v for k, v in data.items() if k != "congress"}
        return services.activity_type_update(actor=self.request.user, activity_type=obj, **data)


class ActivityViewSet(WorkflowViewSetMixin, ScopedViewSet):
    """A deputy's own activities, and those of the seats the staff keep. Each workflow step is
    its own POST endpoint; a refusal answers with its message and changes nothing."""

    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    create_serializer_class = ActivityCreateSerializer
    update_serializer_class = ActivityUpdateSerializer
    filterset_class = ActivityFilterSet
    http_method_names = _METHODS
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    select_related = ("person", "activity_type")
    prefetch_related = ("evidence",)

    workflow = ACTIVITY

    def other_roles(self):
        if self.request.method in permissions.SAFE_METHODS:
            return ("deputy", "staff", "liaison")
        return ("deputy", "staff")

    def get_queryset(self):
        return super().get_queryset().order_by("-day", "-pk")

    @extend_schema(
        request={
            "application/json": ActivityCreateSerializer,
            "multipart/form-data": ActivityCreateSerializer,
        },
        responses={201: ActivitySerializer},
    )
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=ActivityUpdateSerializer, responses=ActivitySerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def create_object(self, data):
        user = self.request.user
        own = scope_for(user).person_ids
        person = Person.objects.filter(pk__in=own[:1]).first()
        return services.activity_register(actor=user, person=person, **data)

    def update_object(self, obj, data):
        return services.activity_update(actor=self.request.user, activity=obj, **data)

    verify = transition_action("verify", ActivityNoteSerializer)
    reject = transition_action("reject", ActivityReasonSerializer)
    revoke = transition_action("revoke", ActivityReasonSerializer)
    withdraw = transition_action("withdraw", ActivityNoteSerializer)
    resubmit = transition_action("resubmit")

    @extend_schema(
        request={"multipart/form-data": EvidenceUploadSerializer},
        responses={201: ActivitySerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        serializer_class=EvidenceUploadSerializer,
        parser_classes=[MultiPartParser, FormParser],
    )
    def evidence(self, request, pk=None):
        """Attach photos (re-encoded, metadata removed) and documents."""
        activity = self.get_object()
        serializer = EvidenceUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.activity_add_evidence(
            actor=request.user, activity=activity, files=serializer.validated_data["files"]
        )
        return self._respond(activity, status.HTTP_201_CREATED)


class ActivityBatchViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """Group registrations: one activity for many deputies, verified on entry (staff)."""

    queryset = ActivityBatch.objects.all()
    serializer_class = ActivityBatchSerializer
    write_serializer_class = ActivityBatchCreateSerializer
    filterset_class = BatchFilterSet
    prefetch_related = ("activities__person",)
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("-day", "-pk")

    @extend_schema(request=ActivityBatchCreateSerializer, responses={201: ActivityBatchSerializer})
    def create(self, request, *args, **kwargs):
        return ScopedViewSet.create(self, request, *args, **kwargs)

    def create_object(self, data):
        data = dict(data)
        congress = data["congress"]
        _in_scope(Congress, self.request.user, congress)
        return services.activity_register_for_many(actor=self.request.user, **data)


class RequirementViewSet(mixins.DestroyModelMixin, ScopedViewSet):
    """The minimums of each term. Staff set one (create or change), apply a preset ("341 311")
    or delete one; deputies read them."""

    queryset = Requirement.objects.all()
    serializer_class = RequirementSerializer
    write_serializer_class = RequirementSetSerializer
    filterset_class = RequirementFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]

    @property
    def required_roles(self):
        if self.request.method in permissions.SAFE_METHODS:
            return ("staff", "deputy")
        return ("staff",)

    @extend_schema(request=RequirementSetSerializer, responses={201: RequirementSerializer})
    def create(self, request, *args, **kwargs):
        """Set the minimum of one category and period for a term (created or changed)."""
        return super().create(request, *args, **kwargs)

    def create_object(self, data):
        data = dict(data)
        term = data.pop("term")
        _in_scope(Term, self.request.user, term)
        return services.requirement_set(actor=self.request.user, term=term, **data)

    def perform_destroy(self, instance):
        services.requirement_delete(actor=self.request.user, requirement=instance)

    @extend_schema(request=RequirementPresetSerializer, responses=RequirementSerializer(many=True))
    @action(
        detail=False,
        methods=["post"],
        url_path="apply-preset",
        url_name="apply-preset",
        serializer_class=RequirementPresetSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def apply_preset(self, request):
        """Set a term's minimums from a preset (Chongqing's "341 311" by default)."""
        serializer = RequirementPresetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        term = serializer.validated_data["term"]
        _in_scope(Term, request.user, term)
        rows = services.requirements_apply_preset(
            actor=request.user, term=term, preset=serializer.validated_data["preset"]
        )
        return Response(RequirementSerializer(rows, many=True).data, status=status.HTTP_200_OK)


class ExcuseViewSet(mixins.DestroyModelMixin, ScopedViewSet):
    """Excused absences (illness, approved leave): staff record and delete them; a deputy
    reads their own."""

    queryset = Excuse.objects.all()
    serializer_class = ExcuseSerializer
    write_serializer_class = ExcuseCreateSerializer
    filterset_class = ExcuseFilterSet
    select_related = ("mandate__person",)
    http_method_names = ["get", "post", "delete", "head", "options"]

    @property
    def required_roles(self):
        if self.request.method in permissions.SAFE_METHODS:
            return ("staff", "deputy")
        return ("staff",)

    @extend_schema(request=ExcuseCreateSerializer, responses={201: ExcuseSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def create_object(self, data):
        data = dict(data)
        mandate = data.pop("mandate")
        return services.excuse_record(actor=self.request.user, mandate=mandate, **data)

    def perform_destroy(self, instance):
        services.excuse_delete(actor=self.request.user, excuse=instance)


def _year(request) -> int:
    value = request.query_params.get("year")
    if not value:
        return timezone.localdate().year
    try:
        year = int(value)
    except ValueError as exc:
        raise ValidationFailed.on("year", YEAR_REQUIRED) from exc
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise ValidationFailed.on("year", YEAR_OUT_OF_RANGE)
    return year


class ActivityProgressViewSet(viewsets.GenericViewSet):
    """A seat's standing against the minimums in a year, in words ("本年度还需审议发言 1 次").
    Without `mandate`, the caller's own current seats."""

    permission_classes = [HasRole]
    required_roles = ("deputy", "staff", "liaison")
    serializer_class = SeatProgressSerializer
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("mandate", OpenApiTypes.INT, description="A seat (mandate id)"),
            OpenApiParameter("year", OpenApiTypes.INT, description="This year by default"),
        ],
        responses=SeatProgressSerializer(many=True),
    )
    def list(self, request):
        user = request.user
        year = _year(request)
        pk = request.query_params.get("mandate")
        if pk:
            seats = list(
                Mandate.objects.restrict(user, VIEW)
                .filter(pk=pk if pk.isdecimal() else 0)
                .select_related(*selectors.SEAT_RELATED)
            )
            if not seats:
                raise NotFound(OUT_OF_SCOPE)
        else:
            seats = list(
                Mandate.objects.current()
                .filter(person_id__in=scope_for(user).person_ids)
                .select_related(*selectors.SEAT_RELATED)
            )
        data = SeatProgressSerializer(selectors.seats_progress(seats, year), many=True).data
        return Response(data)


# One report, not a list: an APIView (not a viewset's `list`), so the schema says an object.
class ShortfallView(APIView):
    """The current deputies below any minimum in a year, with each shortfall in words; those
    short with an excused absence apart (staff)."""

    permission_classes = [HasRole]
    required_roles = ("staff",)

    @extend_schema(
        operation_id="shortfalls_list",
        parameters=[
            OpenApiParameter("congress", OpenApiTypes.INT, description="A congress"),
            OpenApiParameter("level", OpenApiTypes.INT, description="Or every congress of a level"),
            OpenApiParameter("year", OpenApiTypes.INT, description="This year by default"),
            OpenApiParameter("town", OpenApiTypes.STR, description="A region code"),
            OpenApiParameter("group", OpenApiTypes.INT, description="A deputy group"),
        ],
        responses=ShortfallReportSerializer,
    )
    def get(self, request):
        user = request.user
        params = request.query_params
        year = _year(request)
        congresses = Congress.objects.restrict(user)
        congress, level = params.get("congress"), params.get("level")
        if not (congress or level):
            raise ValidationFailed.on("congress", CONGRESS_OR_LEVEL)
        if congress:
            congresses = congresses.filter(pk=congress if congress.isdecimal() else 0)
            if not congresses.exists():
                raise NotFound(OUT_OF_SCOPE)
        if level:
            congresses = congresses.filter(level=level if level.isdecimal() else 0)
        town = None
        if params.get("town"):
            # A NUL cannot be in a code, and PostgreSQL refuses to compare text holding one.
            town = get_object_or_404(Region, code=params["town"].replace("\x00", "?"))
        group = None
        if params.get("group"):
            group = get_object_or_404(
                DeputyGroup.objects.restrict(user),
                pk=params["group"] if params["group"].isdecimal() else 0,
            )
        report = shortfalls.report(congresses, year, town=town, group=group)
        return Response(ShortfallReportSerializer(report).data)


@public(*selectors.PUBLIC_MODELS, *people_selectors.PUBLIC_MODELS, vary_accept=True)
class PublicActivityViewSet(ReadOnlyModelViewSet):
    """Public: verified activities of the deputies holding a seat today; by person and year."""

    serializer_class = PublicActivitySerializer
    filterset_class = PublicActivityFilterSet
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return (
            selectors.public_activities()
            .select_related("person", "activity_type")
            .order_by("-day", "-pk")
        )

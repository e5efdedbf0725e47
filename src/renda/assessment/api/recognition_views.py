"""/api/v1/ for commendations and exit warnings (staff of the congress's region), and the
public reads: published commendations and verified activities. Each step is its own POST
endpoint calling one service; a refusal answers with its message and changes nothing."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.viewsets import ReadOnlyModelViewSet

from renda.assessment import public, services
from renda.assessment.api.recognition_serializers import (
    CommendationSerializer,
    ExitRuleSerializer,
    ExitRuleSetSerializer,
    ExitRuleUpdateSerializer,
    ExitWarningSerializer,
    NominateFromResultsSerializer,
    NominateSerializer,
    PublicActivitySerializer,
    PublicCommendationSerializer,
    StepNoteSerializer,
    WarningStatusSerializer,
)
from renda.assessment.forms_recognition import (
    CommendationFilterSet,
    ExitRuleFilterSet,
    PublicActivityFilterSet,
    PublicCommendationFilterSet,
    WarningFilterSet,
)
from renda.assessment.models import Commendation, ExitRule, ExitWarning
from renda.assessment.views_recognition import open_first
from renda.core.api import ScopedViewSet

_READ_AND_POST = ["get", "post", "head", "options"]


class CommendationViewSet(ScopedViewSet):
    """Commendations of the congresses the staff keep: nominate a deputy or a group, nominate
    from a final evaluation's results, approve, reject (with a reason), publish, take down."""

    queryset = Commendation.objects.all()
    serializer_class = CommendationSerializer
    write_serializer_class = NominateSerializer
    filterset_class = CommendationFilterSet
    select_related = ("mandate__person", "group")
    http_method_names = _READ_AND_POST

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "kind", "pk")

    @extend_schema(request=NominateSerializer, responses={201: CommendationSerializer})
    def create(self, request, *args, **kwargs):
        """Nominate a deputy (a seat in the congress) or a deputy group by hand."""
        return super().create(request, *args, **kwargs)

    def create_object(self, data):
        return services.commendation_nominate(actor=self.request.user, **data)

    @extend_schema(
        request=NominateFromResultsSerializer, responses={201: CommendationSerializer(many=True)}
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="nominate-from-results",
        url_name="nominate-from-results",
        serializer_class=NominateFromResultsSerializer,
        filterset_class=None,
        pagination_class=None,  # every nomination made, as a plain list
    )
    def nominate_from_results(self, request):
        """Nominate every deputy of a final evaluation with a grade (优秀) not yet nominated."""
        serializer = NominateFromResultsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rows = services.commendations_nominate_from_results(
            actor=request.user, **serializer.validated_data
        )
        objs = self.get_queryset().filter(pk__in=[r.pk for r in rows])
        return Response(
            CommendationSerializer(objs, many=True).data, status=status.HTTP_201_CREATED
        )

    def _step(self, request, step):
        commendation = self.get_object()
        serializer = StepNoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.commendation_step(
            actor=request.user,
            commendation=commendation,
            action=step,
            note=serializer.validated_data["note"],
        )
        return self._respond(commendation, status.HTTP_200_OK)

    @extend_schema(request=StepNoteSerializer, responses=CommendationSerializer)
    @action(detail=True, methods=["post"], serializer_class=StepNoteSerializer)
    def approve(self, request, pk=None):
        """Approve a nomination."""
        return self._step(request, "approve")

    @extend_schema(request=StepNoteSerializer, responses=CommendationSerializer)
    @action(detail=True, methods=["post"], serializer_class=StepNoteSerializer)
    def reject(self, request, pk=None):
        """Do not approve a nomination; the note (the reason) is required."""
        return self._step(request, "reject")

    @extend_schema(request=StepNoteSerializer, responses=CommendationSerializer)
    @action(detail=True, methods=["post"], serializer_class=StepNoteSerializer)
    def publish(self, request, pk=None):
        """Publish an approved commendation on the portal."""
        return self._step(request, "publish")

    @extend_schema(request=StepNoteSerializer, responses=CommendationSerializer)
    @action(detail=True, methods=["post"], serializer_class=StepNoteSerializer)
    def unpublish(self, request, pk=None):
        """Take a published commendation down from the portal."""
        return self._step(request, "unpublish")


class PublicCommendationViewSet(ReadOnlyModelViewSet):
    """Public: published commendations only, by year and kind."""

    serializer_class = PublicCommendationSerializer
    filterset_class = PublicCommendationFilterSet
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return public.public_commendations()


class ExitRuleViewSet(ScopedViewSet):
    """The exit rules of the congresses the staff keep. POST sets a rule (adds it, or changes
    the existing one of that kind)."""

    queryset = ExitRule.objects.all()
    serializer_class = ExitRuleSerializer
    write_serializer_class = ExitRuleSetSerializer
    filterset_class = ExitRuleFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("congress", "kind")

    def get_serializer_class(self):
        if self.action == "partial_update":
            return ExitRuleUpdateSerializer
        return super().get_serializer_class()

    @extend_schema(request=ExitRuleSetSerializer, responses={201: ExitRuleSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=ExitRuleUpdateSerializer, responses=ExitRuleSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def create_object(self, data):
        return services.exit_rule_set(actor=self.request.user, **data)

    def update_object(self, obj, data):
        return services.exit_rule_set(
            actor=self.request.user,
            congress=obj.congress,
            kind=obj.kind,
            years=data.get("years", obj.years),
            active=data.get("active", obj.active),
        )


class ExitWarningViewSet(ScopedViewSet):
    """Exit warnings of the congresses the staff keep, the open ones first; record what was
    done with `status`."""

    queryset = ExitWarning.objects.all()
    serializer_class = ExitWarningSerializer
    filterset_class = WarningFilterSet
    select_related = ("mandate__person",)
    http_method_names = _READ_AND_POST

    def get_queryset(self):
        return open_first(super().get_queryset())

    @extend_schema(request=WarningStatusSerializer, responses=ExitWarningSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="status",
        url_name="status",
        serializer_class=WarningStatusSerializer,
    )
    def update_status(self, request, pk=None):
        """Talked with the deputy, resolved, or dismissed — with a note."""
        warning = self.get_object()
        serializer = WarningStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.warning_update(actor=request.user, warning=warning, **serializer.validated_data)
        return self._respond(warning, status.HTTP_200_OK)


class PublicActivityViewSet(ReadOnlyModelViewSet):
    """Public: verified activities of the deputies holding a seat today; by person and year."""

    serializer_class = PublicActivitySerializer
    filterset_class = PublicActivityFilterSet
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return (
            public.public_activities()
            .select_related("person", "activity_type")
            .order_by("-day", "-pk")
        )

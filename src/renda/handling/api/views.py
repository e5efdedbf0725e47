"""/api/v1/ for assignments (交办), scoped like the pages: a unit's users reach their unit's, the
staff the ones their region's office gave; deputies none. The unit's steps (accept, send back,
answer, report fulfilment) and the office's withdrawal are the workflow's, one POST endpoint
each (`core.api.transition_action`); progress reports, requests for more time, the office's
decision on them and giving a returned item to another unit call one service each. A refusal
answers with its message and changes nothing."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from renda.core.api import ScopedViewSet, WorkflowViewSetMixin, transition_action
from renda.handling import selectors, services
from renda.handling.api.serializers import (
    AnswerSerializer,
    AssignmentReasonSerializer,
    ExtensionDecisionSerializer,
    ExtensionRequestSerializer,
    FulfilSerializer,
    HandlingAssignmentSerializer,
    ReassignSerializer,
    ReportSerializer,
)
from renda.handling.filtersets import AssignmentFilterSet
from renda.handling.models import Assignment
from renda.handling.workflow import ASSIGNMENT

# JSON, or multipart/form-data where files come with the input (answer, fulfil, report).
_PARSERS = [JSONParser, MultiPartParser, FormParser]


class AssignmentViewSet(WorkflowViewSetMixin, ScopedViewSet):
    """Assignments: a unit's users read and handle their unit's, the office's staff follow the
    ones their region gave, with the due dates of the clocks and the replies."""

    queryset = Assignment.objects.all()
    workflow = ASSIGNMENT
    serializer_class = HandlingAssignmentSerializer
    filterset_class = AssignmentFilterSet
    parser_classes = _PARSERS
    http_method_names = ["get", "post", "head", "options"]

    def other_roles(self):
        if self.action in ("report", "more_time"):
            return ("unit",)
        if self.action in ("decide_extension", "reassign"):
            return ("staff",)
        return ("unit", "staff")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .with_clocks()
            .select_related("unit")
            .prefetch_related("subject", selectors.replies_prefetch(self.request.user))
            .order_by("-assigned_on", "-pk")
        )

    accept = transition_action("accept")
    send_back = transition_action("send_back", AssignmentReasonSerializer)
    answer = transition_action("answer", AnswerSerializer)
    fulfil = transition_action("fulfil", FulfilSerializer)
    withdraw = transition_action("withdraw", AssignmentReasonSerializer)

    @extend_schema(request=ReportSerializer, responses={201: HandlingAssignmentSerializer})
    @action(detail=True, methods=["post"], serializer_class=ReportSerializer)
    def report(self, request, pk=None):
        """A progress report (办理进展) while the unit handles the item, or after it answered."""
        assignment = self.get_object()
        serializer = ReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.assignment_report(
            actor=request.user, assignment=assignment, **serializer.validated_data
        )
        return self._respond(assignment, status.HTTP_201_CREATED)

    @extend_schema(
        request=ExtensionRequestSerializer, responses={201: HandlingAssignmentSerializer}
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="more-time",
        url_name="more-time",
        serializer_class=ExtensionRequestSerializer,
    )
    def more_time(self, request, pk=None):
        """Ask the office for more time to answer, with the interim explanation (阶段性说明) the
        deputy reads; the office decides."""
        assignment = self.get_object()
        serializer = ExtensionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.assignment_request_extension(
            actor=request.user, assignment=assignment, **serializer.validated_data
        )
        return self._respond(assignment, status.HTTP_201_CREATED)

    @extend_schema(request=ExtensionDecisionSerializer, responses=HandlingAssignmentSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="decide-extension",
        url_name="decide-extension",
        serializer_class=ExtensionDecisionSerializer,
    )
    def decide_extension(self, request, pk=None):
        """The office approves a request for more time (the answer clock moves to the day asked
        for) or refuses it."""
        assignment = self.get_object()
        serializer = ExtensionDecisionSerializer(data=request.data, context={"obj": assignment})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.extension_decide(
            actor=request.user, reply=data["reply"], approve=data["approve"], note=data["note"]
        )
        return self._respond(assignment, status.HTTP_200_OK)

    @extend_schema(request=ReassignSerializer, responses={201: HandlingAssignmentSerializer})
    @action(detail=True, methods=["post"], serializer_class=ReassignSerializer)
    def reassign(self, request, pk=None):
        """Give an item the unit sent back to another unit, in the same role, with fresh clocks;
        answers the new assignment."""
        assignment = self.get_object()
        serializer = ReassignSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        new = services.assignment_reassign(
            actor=request.user, assignment=assignment, unit=serializer.validated_data["unit"]
        )
        return self._respond(new, status.HTTP_201_CREATED)

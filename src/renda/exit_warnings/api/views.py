"""/api/v1/ for exit rules and warnings, for the staff of the congress's region. Each step of a
warning is its own POST endpoint (`core.api.transition_action`); `status/` is the deprecated
way of recording one, kept for clients written before the steps."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action

from renda.core.api import ScopedViewSet, WorkflowViewSetMixin, transition_action
from renda.exit_warnings import services
from renda.exit_warnings.api.serializers import (
    ExitRuleSerializer,
    ExitRuleSetSerializer,
    ExitRuleUpdateSerializer,
    ExitWarningSerializer,
    WarningNoteSerializer,
    WarningStatusSerializer,
)
from renda.exit_warnings.filtersets import ExitRuleFilterSet, WarningFilterSet
from renda.exit_warnings.models import ExitRule, ExitWarning
from renda.exit_warnings.selectors import open_first
from renda.exit_warnings.workflow import EXIT_WARNING

_READ_AND_POST = ["get", "post", "head", "options"]


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


class ExitWarningViewSet(WorkflowViewSetMixin, ScopedViewSet):
    """Exit warnings of the congresses the staff keep, the open ones first; each step of what
    staff did (talk, resolve, dismiss, reopen) with a note."""

    queryset = ExitWarning.objects.all()
    workflow = EXIT_WARNING
    serializer_class = ExitWarningSerializer
    filterset_class = WarningFilterSet
    select_related = ("mandate__person",)
    http_method_names = _READ_AND_POST

    def get_queryset(self):
        return open_first(super().get_queryset())

    talk = transition_action("talk", WarningNoteSerializer)
    resolve = transition_action("resolve", WarningNoteSerializer)
    dismiss = transition_action("dismiss", WarningNoteSerializer)
    reopen = transition_action("reopen", WarningNoteSerializer)

    @extend_schema(
        request=WarningStatusSerializer, responses=ExitWarningSerializer, deprecated=True
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="status",
        url_name="status",
        serializer_class=WarningStatusSerializer,
    )
    def update_status(self, request, pk=None):
        """Deprecated: record the status a step leads to (talked, resolved or dismissed) with
        a note; it takes that step. Use `talk/`, `resolve/`, `dismiss/` and `reopen/`."""
        warning = self.get_object()
        serializer = WarningStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.warning_update(actor=request.user, warning=warning, **serializer.validated_data)
        return self._respond(warning, status.HTTP_200_OK)

"""/api/v1/ for motions and suggestions, scoped like the pages: a deputy drafts, invites
co-signers, submits, follows and rates their own, and confirms or declines an invitation; the
office's staff review, assign, merge, disclose and put items under key supervision; a unit's
users read what was assigned to their unit (their work is on `/handling-assignments/`). Every
workflow step is its own POST endpoint (`core.api.transition_action`); a refusal answers with
its message and changes nothing. The public reads disclosed items that are not confidential,
with the units' reply letters, at `/public-suggestions/`."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, Prefetch, Value, When
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.viewsets import ReadOnlyModelViewSet

from renda.core.api import ScopedViewSet, WorkflowViewSetMixin, transition_action
from renda.core.models import Attachment
from renda.core.public_cache import public
from renda.core.querysets import VIEW
from renda.handling.choices import AssignmentRole, ReplyKind
from renda.handling.models import Assignment, Reply
from renda.people import selectors as people_selectors
from renda.regions.models import HandlingUnit
from renda.suggestions import services
from renda.suggestions.api.serializers import (
    AssignSerializer,
    CosignSerializer,
    DiscloseSerializer,
    InviteSerializer,
    KeySupervisionCreateSerializer,
    KeySupervisionSerializer,
    MergeSerializer,
    PublicSuggestionSerializer,
    RateSerializer,
    SuggestionCreateSerializer,
    SuggestionDetailSerializer,
    SuggestionNoteSerializer,
    SuggestionReasonSerializer,
    SuggestionSerializer,
    SuggestionUpdateSerializer,
    SuperviseSerializer,
    SupervisionEventCreateSerializer,
    UninviteSerializer,
)
from renda.suggestions.filtersets import PublicSuggestionFilterSet, SuggestionFilterSet
from renda.suggestions.models import CoSigner, KeySupervision, Suggestion, SupervisionEvent
from renda.suggestions.workflow import SUGGESTION

_METHODS = ["get", "post", "patch", "head", "options"]
# The deputy's own steps besides the workflow's: drafting, changing a draft, co-signers.
_DEPUTY_ACTIONS = {"create", "partial_update", "invite", "uninvite", "cosign"}
_OFFICE_ACTIONS = {"disclose", "supervise"}


class SuggestionViewSet(WorkflowViewSetMixin, ScopedViewSet):
    """Motions and suggestions: a deputy's own (drafts too) and those they were invited to
    co-sign, the submitted items of the congresses the staff keep, and, for a unit's users,
    the items assigned to their unit."""

    queryset = Suggestion.objects.all()
    workflow = SUGGESTION
    serializer_class = SuggestionDetailSerializer
    create_serializer_class = SuggestionCreateSerializer
    update_serializer_class = SuggestionUpdateSerializer
    filterset_class = SuggestionFilterSet
    http_method_names = _METHODS
    select_related = ("congress__region", "mandate__person")

    def other_roles(self):
        if self.action in _DEPUTY_ACTIONS:
            return ("deputy",)
        if self.action in _OFFICE_ACTIONS:
            return ("staff",)
        return ("staff", "deputy", "unit")

    def get_serializer_class(self):
        if self.action == "list":
            return SuggestionSerializer
        return super().get_serializer_class()

    def get_queryset(self):
        if self.action == "cosign":
            # The invited deputy answers an item they read but do not own.
            qs = Suggestion.objects.restrict(self.request.user, VIEW).select_related(
                *self.select_related
            )
        else:
            qs = super().get_queryset()
        if self.action != "list":
            signers = CoSigner.objects.select_related("mandate__person").order_by(
                "mandate__person__stroke_key", "mandate__person__name", "pk"
            )
            qs = qs.prefetch_related(Prefetch("cosigners", queryset=signers))
        return qs.order_by("-year", "kind", "number", "-pk")

    # --- Drafts and co-signers ------------------------------------------------------------------

    @extend_schema(request=SuggestionCreateSerializer, responses={201: SuggestionDetailSerializer})
    def create(self, request, *args, **kwargs):
        """Draft a motion or suggestion under one of the deputy's current seats."""
        return super().create(request, *args, **kwargs)

    def create_object(self, data):
        return services.suggestion_draft(actor=self.request.user, **data)

    @extend_schema(request=SuggestionUpdateSerializer, responses=SuggestionDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        """Change a draft (the lead deputy)."""
        return super().partial_update(request, *args, **kwargs)

    def update_object(self, obj, data):
        return services.suggestion_edit(actor=self.request.user, suggestion=obj, **data)

    @extend_schema(request=InviteSerializer, responses={201: SuggestionDetailSerializer})
    @action(detail=True, methods=["post"], serializer_class=InviteSerializer)
    def invite(self, request, pk=None):
        """Invite deputies of the same congress to co-sign a draft; each hears of it in the
        inbox."""
        suggestion = self.get_object()
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.cosigners_invite(
            actor=request.user,
            suggestion=suggestion,
            mandates=serializer.validated_data["mandates"],
        )
        return self._respond(suggestion, status.HTTP_201_CREATED)

    @extend_schema(request=UninviteSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], serializer_class=UninviteSerializer)
    def uninvite(self, request, pk=None):
        """Take back an invitation, or drop a co-signer, while the item is a draft."""
        suggestion = self.get_object()
        serializer = UninviteSerializer(data=request.data, context={"obj": suggestion})
        serializer.is_valid(raise_exception=True)
        services.cosigner_uninvite(
            actor=request.user, cosigner=serializer.validated_data["cosigner"]
        )
        return self._respond(suggestion, status.HTTP_200_OK)

    @extend_schema(request=CosignSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], serializer_class=CosignSerializer)
    def cosign(self, request, pk=None):
        """The invited deputy signs (confirm: true) or declines (confirm: false)."""
        suggestion = self.get_object()
        serializer = CosignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.cosigner_answer(
            actor=request.user, suggestion=suggestion, confirm=serializer.validated_data["confirm"]
        )
        return self._respond(suggestion, status.HTTP_200_OK)

    # --- The office's own ---------------------------------------------------------------------

    @extend_schema(request=DiscloseSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], serializer_class=DiscloseSerializer)
    def disclose(self, request, pk=None):
        """Publish an accepted item that is not confidential, and its reply, on the public
        pages (公开); disclose: false takes it down."""
        suggestion = self.get_object()
        serializer = DiscloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.suggestion_disclose(
            actor=request.user,
            suggestion=suggestion,
            disclose=serializer.validated_data["disclose"],
        )
        return self._respond(suggestion, status.HTTP_200_OK)

    @extend_schema(request=SuperviseSerializer, responses=SuggestionDetailSerializer)
    @action(detail=True, methods=["post"], serializer_class=SuperviseSerializer)
    def supervise(self, request, pk=None):
        """Put the item under a key supervision (重点督办) of its congress, or take it off
        (supervision: null)."""
        suggestion = self.get_object()
        serializer = SuperviseSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        services.suggestion_supervise(
            actor=request.user,
            suggestion=suggestion,
            supervision=serializer.validated_data["supervision"],
        )
        return self._respond(suggestion, status.HTTP_200_OK)

    # --- The workflow's steps -----------------------------------------------------------------

    submit = transition_action("submit")
    withdraw = transition_action("withdraw", SuggestionNoteSerializer)
    accept = transition_action("accept", SuggestionNoteSerializer)
    convert = transition_action("convert", SuggestionReasonSerializer)
    reject = transition_action("reject", SuggestionReasonSerializer)
    merge = transition_action("merge", MergeSerializer)
    assign = transition_action("assign", AssignSerializer)
    # Taken by the kernel when a unit's last letter or fulfilment report is in (`hooks.py`).
    reply_received = transition_action("reply_received")
    fulfilment_received = transition_action("fulfilment_received")
    rate_reply = transition_action("rate_reply", RateSerializer)
    rate_fulfilment = transition_action("rate_fulfilment", RateSerializer)
    lapse_reply = transition_action("lapse_reply", SuggestionNoteSerializer)
    lapse_fulfilment = transition_action("lapse_fulfilment", SuggestionNoteSerializer)


class KeySupervisionViewSet(ScopedViewSet):
    """Key supervision (重点督办) of the congresses the staff keep: a theme, the leader or
    committee who follows it, its items and its activities (inspections, meetings, reports)."""

    queryset = KeySupervision.objects.all()
    serializer_class = KeySupervisionSerializer
    create_serializer_class = KeySupervisionCreateSerializer
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        items = Suggestion.objects.select_related("mandate__person").order_by("number", "pk")
        events = SupervisionEvent.objects.prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
        )
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("suggestions", queryset=items), Prefetch("events", queryset=events)
            )
            .order_by("-year", "-pk")
        )

    @extend_schema(
        request=KeySupervisionCreateSerializer, responses={201: KeySupervisionSerializer}
    )
    def create(self, request, *args, **kwargs):
        """Start a key supervision in a congress the staff keep."""
        return super().create(request, *args, **kwargs)

    def create_object(self, data):
        return services.supervision_create(actor=self.request.user, **data)

    @extend_schema(
        request=SupervisionEventCreateSerializer, responses={201: KeySupervisionSerializer}
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="events",
        url_name="events",
        serializer_class=SupervisionEventCreateSerializer,
    )
    def events(self, request, pk=None):
        """Record an inspection, a meeting or a progress report, with photos and documents
        (multipart/form-data)."""
        supervision = self.get_object()
        serializer = SupervisionEventCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.supervision_event_add(
            actor=request.user, supervision=supervision, **serializer.validated_data
        )
        return self._respond(supervision, status.HTTP_201_CREATED)


# --- The public read ------------------------------------------------------------------------------

# What the public list shows (core/public_cache.py): the items, their units and reply letters,
# and the deputies' names.
PUBLIC_MODELS = (Suggestion, Assignment, Reply, HandlingUnit)


def public_suggestions():
    return (
        Suggestion.objects.public()
        .select_related("congress", "mandate__person")
        .order_by("-year", "kind", "number", "pk")
    )


# The lead unit, then units handling separately, then the co-handling units.
_LEAD_FIRST = Case(
    When(role=AssignmentRole.LEAD, then=Value(0)),
    When(role=AssignmentRole.SEPARATE, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def with_public_assignments(suggestions) -> None:
    """Give each item its live assignments (`public_assignments`), each with its reply letters
    (`letters`): two queries for a page of items."""
    by_item = defaultdict(list)
    if suggestions:
        letters = Reply.objects.filter(kind=ReplyKind.REPLY).order_by("round", "created_at", "pk")
        assignments = (
            Assignment.objects.filter(
                content_type=ContentType.objects.get_for_model(Suggestion),
                object_id__in=[str(s.pk) for s in suggestions],
            )
            .live()
            .select_related("unit")
            .prefetch_related(Prefetch("replies", queryset=letters, to_attr="letters"))
            .order_by(_LEAD_FIRST, "pk")
        )
        for assignment in assignments:
            by_item[assignment.object_id].append(assignment)
    for s in suggestions:
        s.public_assignments = by_item[str(s.pk)]


@public(*PUBLIC_MODELS, *people_selectors.PUBLIC_MODELS, vary_accept=True)
class PublicSuggestionViewSet(ReadOnlyModelViewSet):
    """Public: disclosed motions and suggestions that are not confidential, with the units that
    handle them and their reply letters; by year, kind, topic and a search (q) of the title,
    number, deputy or unit."""

    serializer_class = PublicSuggestionSerializer
    filterset_class = PublicSuggestionFilterSet
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return public_suggestions()

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)  # the project's lists are always paged
        with_public_assignments(page)
        return page

    def get_object(self):
        obj = super().get_object()
        with_public_assignments([obj])
        return obj

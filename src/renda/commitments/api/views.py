"""/api/v1/ for the commitment cycle, scoped like the pages: commitment years (staff), a
deputy's own commitments and the staff's region's, one endpoint per workflow step, the review
hints for staff, and the public list of approved commitments."""

from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.viewsets import ReadOnlyModelViewSet

from renda.commitments import selectors, services, similarity
from renda.commitments.api.serializers import (
    CancelSerializer,
    CloseSerializer,
    CommitmentCreateSerializer,
    CommitmentSerializer,
    CommitmentUpdateSerializer,
    CommitmentYearSerializer,
    CommitmentYearWriteSerializer,
    HintSerializer,
    NoteSerializer,
    ProgressCreateSerializer,
    PublicCommitmentSerializer,
    ReturnSerializer,
)
from renda.commitments.filtersets import (
    CommitmentFilterSet,
    CommitmentYearFilterSet,
    PublicCommitmentFilterSet,
)
from renda.commitments.models import Commitment, CommitmentYear
from renda.commitments.selectors import with_progress
from renda.commitments.workflow import COMMITMENT
from renda.core.api import ScopedViewSet, WorkflowViewSetMixin, transition_action
from renda.core.exceptions import ValidationFailed
from renda.core.public_cache import public
from renda.core.scope import scope_for
from renda.people import selectors as people_selectors
from renda.people.models import Person

_METHODS = ["get", "post", "patch", "head", "options"]
PERSON_REQUIRED = _("Say whose commitment it is (person).")


class CommitmentYearViewSet(ScopedViewSet):
    """Commitment years: deputies read those of their congresses; staff open and change them."""

    queryset = CommitmentYear.objects.all()
    serializer_class = CommitmentYearSerializer
    write_serializer_class = CommitmentYearWriteSerializer
    filterset_class = CommitmentYearFilterSet
    select_related = ("congress",)
    prefetch_related = ("categories",)
    http_method_names = _METHODS

    @property
    def required_roles(self):
        if self.request.method in permissions.SAFE_METHODS:
            return ("staff", "deputy")
        return ("staff",)

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "congress__level", "pk")

    @extend_schema(request=CommitmentYearWriteSerializer, responses={201: CommitmentYearSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=CommitmentYearWriteSerializer, responses=CommitmentYearSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def create_object(self, data):
        return services.commitment_year_open(actor=self.request.user, **data)

    def update_object(self, obj, data):
        return services.commitment_year_update(actor=self.request.user, cycle=obj, **data)


def _with_total(qs):
    return qs.select_related(
        "person", "category", "commitment_year", "mandate", "return_reason"
    ).annotate(progress_total=Sum("progress__value"))


class CommitmentViewSet(WorkflowViewSetMixin, ScopedViewSet):
    """A deputy's own commitments, and the commitments filed under the seats the staff keep.
    Each workflow step is its own POST endpoint; a refusal answers with its message and
    changes nothing."""

    queryset = Commitment.objects.all()
    serializer_class = CommitmentSerializer
    create_serializer_class = CommitmentCreateSerializer
    update_serializer_class = CommitmentUpdateSerializer
    filterset_class = CommitmentFilterSet
    http_method_names = _METHODS
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    workflow = COMMITMENT

    def other_roles(self):
        if self.action == "hints":  # review assistance, for the reviewing staff
            return ("staff",)
        if self.request.method in permissions.SAFE_METHODS:
            return ("deputy", "staff", "liaison")
        return ("deputy", "staff")

    def get_queryset(self):
        return _with_total(super().get_queryset()).order_by(
            "-commitment_year__year", "person__stroke_key", "pk"
        )

    @extend_schema(request=CommitmentCreateSerializer, responses={201: CommitmentSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=CommitmentUpdateSerializer, responses=CommitmentSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def create_object(self, data):
        data = dict(data)
        person = data.pop("person", None)
        if person is None:  # a deputy making their own
            own = scope_for(self.request.user).person_ids
            if not own:
                raise ValidationFailed.on("person", PERSON_REQUIRED)
            person = Person.objects.get(pk=own[0])
        return services.commitment_create_in_year(actor=self.request.user, person=person, **data)

    def update_object(self, obj, data):
        return services.commitment_update(actor=self.request.user, commitment=obj, **data)

    submit = transition_action("submit")
    withdraw = transition_action("withdraw", NoteSerializer)
    approve = transition_action("approve", NoteSerializer)
    return_ = transition_action("return", ReturnSerializer)
    cancel = transition_action("cancel", CancelSerializer)
    close = transition_action("close", CloseSerializer)

    @extend_schema(
        request={"multipart/form-data": ProgressCreateSerializer},
        responses=CommitmentSerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        serializer_class=ProgressCreateSerializer,
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def progress(self, request, pk=None):
        """Report progress on an approved commitment, with photos and documents."""
        commitment = self.get_object()
        serializer = ProgressCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.progress_add(
            actor=request.user, commitment=commitment, **serializer.validated_data
        )
        return self._respond(commitment, status.HTTP_201_CREATED)

    @extend_schema(responses=HintSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        serializer_class=HintSerializer,
        filterset_class=None,
        pagination_class=None,  # a few hints, as a plain list
    )
    def hints(self, request, pk=None):
        """Review assistance: likely job duties and near-duplicates, strongest first."""
        commitment = get_object_or_404(
            Commitment.objects.reviewable_by(request.user).select_related(
                "person", "mandate", "commitment_year"
            ),
            pk=pk,
        )
        hints = similarity.hints_for(commitment)
        return Response(HintSerializer(hints, many=True).data)


@public(*selectors.PUBLIC_MODELS, *people_selectors.PUBLIC_MODELS, vary_accept=True)
class PublicCommitmentViewSet(ReadOnlyModelViewSet):
    """Public: approved commitments and their year-end results, with progress and photos.
    Drafts, returned, withdrawn and cancelled commitments are never listed."""

    serializer_class = PublicCommitmentSerializer
    filterset_class = PublicCommitmentFilterSet
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return with_progress(
            Commitment.objects.public()
            .filter(person__in=Person.public_objects.all())
            .select_related("person", "category", "commitment_year")
            .annotate(progress_total=Sum("progress__value"))
            .order_by("-commitment_year__year", "person__stroke_key", "category__order", "pk")
        )

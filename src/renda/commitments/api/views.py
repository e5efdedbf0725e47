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

from renda.accounts.scope import scope_for
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
from renda.core.api import ScopedViewSet
from renda.core.exceptions import NotFound, ValidationFailed
from renda.core.querysets import CHANGE, VIEW
from renda.core.services import OUT_OF_SCOPE
from renda.people.models import Person

_METHODS = ["get", "post", "patch", "head", "options"]
PERSON_REQUIRED = _("Say whose commitment it is (person).")
NO_SEAT_IN_CONGRESS = _("The deputy holds no seat in the congress that opened this year.")


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


# Decisions are the reviewing staff's; hints help them decide.
STAFF_ACTIONS = {"approve", "return_", "cancel", "close", "hints"}


class CommitmentViewSet(ScopedViewSet):
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

    @property
    def required_roles(self):
        if self.action in STAFF_ACTIONS:
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
        user = self.request.user
        person = data.pop("person", None)
        if person is None:
            own = scope_for(user).person_ids
            if not own:
                raise ValidationFailed.on("person", PERSON_REQUIRED)
            person = Person.objects.get(pk=own[0])
        elif not Person.objects.restrict(user, CHANGE).filter(pk=person.pk).exists():
            raise NotFound(OUT_OF_SCOPE)
        cycle = data.pop("commitment_year")
        if not CommitmentYear.objects.restrict(user, VIEW).filter(pk=cycle.pk).exists():
            raise NotFound(OUT_OF_SCOPE)
        seat = selectors.seat_in(person, cycle)
        if seat is None:
            raise ValidationFailed.on("commitment_year", NO_SEAT_IN_CONGRESS)
        return services.commitment_create(
            actor=user, person=person, year=cycle.year, mandate=seat, **data
        )

    def update_object(self, obj, data):
        return services.commitment_update(actor=self.request.user, commitment=obj, **data)

    def _step(self, request, serializer_class, run):
        commitment = self.get_object()
        data = {}
        if serializer_class is not None:
            serializer = serializer_class(data=request.data, context={"commitment": commitment})
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        run(commitment, data)
        return self._respond(commitment, status.HTTP_200_OK)

    @extend_schema(request=None, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft, or a returned commitment after revision, for review."""
        return self._step(
            request,
            None,
            lambda c, d: services.commitment_submit(actor=request.user, commitment=c),
        )

    @extend_schema(request=NoteSerializer, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=NoteSerializer)
    def withdraw(self, request, pk=None):
        """The deputy withdraws it before approval."""
        return self._step(
            request,
            NoteSerializer,
            lambda c, d: services.commitment_withdraw(actor=request.user, commitment=c, **d),
        )

    @extend_schema(request=NoteSerializer, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=NoteSerializer)
    def approve(self, request, pk=None):
        """Staff approve a submitted commitment; it becomes public."""
        return self._step(
            request,
            NoteSerializer,
            lambda c, d: services.commitment_approve(actor=request.user, commitment=c, **d),
        )

    @extend_schema(request=ReturnSerializer, responses=CommitmentSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="return",
        url_name="return",
        serializer_class=ReturnSerializer,
    )
    def return_(self, request, pk=None):
        """Staff return it for revision with a reason (e.g. "与本职工作重合") and a note."""
        return self._step(
            request,
            ReturnSerializer,
            lambda c, d: services.commitment_return(actor=request.user, commitment=c, **d),
        )

    @extend_schema(request=CancelSerializer, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=CancelSerializer)
    def cancel(self, request, pk=None):
        """Staff cancel it with a reason, e.g. the seat has ended."""
        return self._step(
            request,
            CancelSerializer,
            lambda c, d: services.commitment_cancel(actor=request.user, commitment=c, **d),
        )

    @extend_schema(request=CloseSerializer, responses=CommitmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=CloseSerializer)
    def close(self, request, pk=None):
        """Staff record the year-end result from the evidence (from 1 December)."""
        return self._step(
            request,
            CloseSerializer,
            lambda c, d: services.commitment_close(actor=request.user, commitment=c, **d),
        )

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

"""/api/v1/ for commendations (staff of the congress's region) and the public read of the
published ones. Each workflow step is its own POST endpoint (`core.api.transition_action`); a
refusal answers with its message and changes nothing."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.viewsets import ReadOnlyModelViewSet

from renda.commendations import selectors, services
from renda.commendations.api.serializers import (
    CommendationSerializer,
    NominateFromResultsSerializer,
    NominateSerializer,
    PublicCommendationSerializer,
    StepNoteSerializer,
)
from renda.commendations.filtersets import CommendationFilterSet, PublicCommendationFilterSet
from renda.commendations.models import Commendation
from renda.commendations.workflow import COMMENDATION
from renda.core.api import ScopedViewSet, WorkflowViewSetMixin, transition_action
from renda.core.public_cache import public
from renda.people import selectors as people_selectors

_READ_AND_POST = ["get", "post", "head", "options"]


class CommendationViewSet(WorkflowViewSetMixin, ScopedViewSet):
    """Commendations of the congresses the staff keep: nominate a deputy or a group, nominate
    from a final evaluation's results, approve, reject (with a reason), publish, take down."""

    queryset = Commendation.objects.all()
    workflow = COMMENDATION
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

    approve = transition_action("approve", StepNoteSerializer)
    reject = transition_action("reject", StepNoteSerializer)
    publish = transition_action("publish", StepNoteSerializer)
    unpublish = transition_action("unpublish", StepNoteSerializer)


@public(*selectors.PUBLIC_MODELS, *people_selectors.PUBLIC_MODELS, vary_accept=True)
class PublicCommendationViewSet(ReadOnlyModelViewSet):
    """Public: published commendations only, by year and kind."""

    serializer_class = PublicCommendationSerializer
    filterset_class = PublicCommendationFilterSet
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_queryset(self):
        return selectors.public_commendations()

"""/api/v1/ for the scoring tables and the evaluation, scoped like the pages: staff of the
congress's region keep the tables, adjustments and evaluations; a deputy reads their own
results of final evaluations. Each step is its own endpoint calling one service; a refusal
answers with its message and changes nothing."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from renda.assessment import selectors, services
from renda.assessment.api.serializers import (
    EvaluationResultSerializer,
    EvaluationRunSerializer,
    EvaluationSerializer,
    GradeBandSerializer,
    GradeBandUpdateSerializer,
    GradeBandWriteSerializer,
    PublishScoresSerializer,
    ScoreAdjustmentSerializer,
    ScoreAdjustmentUpdateSerializer,
    ScoreAdjustmentWriteSerializer,
    ScoreSheetSerializer,
    ScoringItemSerializer,
    ScoringItemUpdateSerializer,
    ScoringItemWriteSerializer,
    ScoringTableSerializer,
    ScoringTableUpdateSerializer,
    ScoringTableWriteSerializer,
    TableCopySerializer,
    TablePresetSerializer,
)
from renda.assessment.filtersets import (
    AdjustmentFilterSet,
    EvaluationFilterSet,
    ResultFilterSet,
    TableFilterSet,
)
from renda.assessment.models import (
    Evaluation,
    EvaluationResult,
    GradeBand,
    ScoreAdjustment,
    ScoringItem,
    ScoringTable,
)
from renda.core.api import ScopedViewSet
from renda.core.exceptions import ValidationFailed
from renda.core.querysets import CHANGE, VIEW

_METHODS = ["get", "post", "patch", "delete", "head", "options"]
RESULT_RELATED = ("person", "evaluation")


def _service_input(serializer_class, request, **context):
    serializer = serializer_class(data=request.data, context=context)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- Tables -----------------------------------------------------------------------------------


class ScoringTableViewSet(ScopedViewSet):
    """Scoring tables, every version. A draft is edited; one in force is frozen (copy it)."""

    queryset = ScoringTable.objects.all()
    serializer_class = ScoringTableSerializer
    create_serializer_class = ScoringTableWriteSerializer
    update_serializer_class = ScoringTableUpdateSerializer
    filterset_class = TableFilterSet
    select_related = ("congress",)
    prefetch_related = ("items__activity_types", "bands")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "congress", "-version")

    @extend_schema(request=ScoringTableWriteSerializer, responses={201: ScoringTableSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=ScoringTableUpdateSerializer, responses=ScoringTableSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def create_object(self, data):
        return services.table_create(actor=self.request.user, **data)

    def update_object(self, obj, data):
        return services.table_update(actor=self.request.user, table=obj, **data)

    @extend_schema(request=None, responses=ScoringTableSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Put a draft in force; the version it replaces is kept as superseded."""
        table = services.table_publish(actor=request.user, table=self.get_object())
        return self._respond(table, status.HTTP_200_OK)

    @extend_schema(request=TableCopySerializer, responses={201: ScoringTableSerializer})
    @action(detail=True, methods=["post"], serializer_class=TableCopySerializer)
    def copy(self, request, pk=None):
        """A draft copy with the items and grades: the next version, or another year's table."""
        data = _service_input(TableCopySerializer, request)
        table = services.table_copy(
            actor=request.user, table=self.get_object(), year=data.get("year")
        )
        return self._respond(table, status.HTTP_201_CREATED)

    @extend_schema(request=TablePresetSerializer, responses={201: ScoringTableSerializer})
    @action(
        detail=False,
        methods=["post"],
        url_path="from-preset",
        url_name="from-preset",
        serializer_class=TablePresetSerializer,
        filterset_class=None,
    )
    def from_preset(self, request):
        """A table built from a preset (the Rongchang 2019 table), as a draft unless `publish`."""
        data = _service_input(TablePresetSerializer, request)
        table = services.table_from_preset(actor=request.user, **data)
        return self._respond(table, status.HTTP_201_CREATED)


class _TablePartViewSet(mixins.DestroyModelMixin, ScopedViewSet):
    """Items and grades, reached through the tables in the caller's scope."""

    http_method_names = _METHODS

    def get_queryset(self):
        safe = self.request.method in permissions.SAFE_METHODS
        tables = ScoringTable.objects.restrict(self.request.user, VIEW if safe else CHANGE)
        return self.queryset.model.objects.filter(table__in=tables).select_related(
            "table__congress"
        )

    def create_object(self, data):
        data = dict(data)
        table = data.pop("table")
        if (
            not ScoringTable.objects.restrict(self.request.user, CHANGE)
            .filter(pk=table.pk)
            .exists()
        ):
            raise Http404
        return self.create_part(table, data)


class ScoringItemViewSet(_TablePartViewSet):
    queryset = ScoringItem.objects.all()
    serializer_class = ScoringItemSerializer
    create_serializer_class = ScoringItemWriteSerializer
    update_serializer_class = ScoringItemUpdateSerializer

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related("activity_types")
            .order_by("table", "order", "pk")
        )

    @extend_schema(request=ScoringItemWriteSerializer, responses={201: ScoringItemSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=ScoringItemUpdateSerializer, responses=ScoringItemSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def create_part(self, table, data):
        return services.item_create(actor=self.request.user, table=table, **data)

    def update_object(self, obj, data):
        return services.item_update(actor=self.request.user, item=obj, **data)

    def perform_destroy(self, instance):
        services.item_delete(actor=self.request.user, item=instance)


class GradeBandViewSet(_TablePartViewSet):
    queryset = GradeBand.objects.all()
    serializer_class = GradeBandSerializer
    create_serializer_class = GradeBandWriteSerializer
    update_serializer_class = GradeBandUpdateSerializer

    def get_queryset(self):
        return super().get_queryset().order_by("table", "-min_score")

    @extend_schema(request=GradeBandWriteSerializer, responses={201: GradeBandSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=GradeBandUpdateSerializer, responses=GradeBandSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def create_part(self, table, data):
        return services.band_create(actor=self.request.user, table=table, **data)

    def update_object(self, obj, data):
        return services.band_update(actor=self.request.user, band=obj, **data)

    def perform_destroy(self, instance):
        services.band_delete(actor=self.request.user, band=instance)


# --- Adjustments ------------------------------------------------------------------------------


class ScoreAdjustmentViewSet(mixins.DestroyModelMixin, ScopedViewSet):
    """Bonuses and deductions against the manual items of the table in force, with reasons;
    their points and reason corrected while the year is open; refused once it is final."""

    queryset = ScoreAdjustment.objects.all()
    serializer_class = ScoreAdjustmentSerializer
    create_serializer_class = ScoreAdjustmentWriteSerializer
    update_serializer_class = ScoreAdjustmentUpdateSerializer
    filterset_class = AdjustmentFilterSet
    select_related = ("mandate__person",)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "mandate__person__stroke_key", "pk")

    @extend_schema(
        request=ScoreAdjustmentWriteSerializer, responses={201: ScoreAdjustmentSerializer}
    )
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(request=ScoreAdjustmentUpdateSerializer, responses=ScoreAdjustmentSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def create_object(self, data):
        return services.adjustment_add(actor=self.request.user, **data)

    def update_object(self, obj, data):
        return services.adjustment_update(
            actor=self.request.user,
            adjustment=obj,
            points=data.get("points", obj.points),
            reason=data.get("reason", obj.reason),
        )

    def perform_destroy(self, instance):
        services.adjustment_delete(actor=self.request.user, adjustment=instance)


# --- Evaluation -------------------------------------------------------------------------------


class EvaluationViewSet(ScopedViewSet):
    """A congress's evaluation of a year: run it (again), make it final, publish the scores."""

    queryset = Evaluation.objects.all()
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet
    select_related = ("congress",)

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "congress")

    @extend_schema(request=EvaluationRunSerializer, responses=EvaluationSerializer)
    @action(detail=False, methods=["post"], serializer_class=EvaluationRunSerializer)
    def run(self, request):
        """Score every deputy of the congress with the table in force; idempotent until final."""
        data = _service_input(EvaluationRunSerializer, request)
        evaluation = services.evaluation_run(actor=request.user, **data)
        return self._respond(evaluation, status.HTTP_200_OK)

    @extend_schema(request=None, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def finalize(self, request, pk=None):
        """Run once more and freeze the year."""
        evaluation = services.evaluation_finalize(actor=request.user, evaluation=self.get_object())
        return self._respond(evaluation, status.HTTP_200_OK)

    @extend_schema(request=PublishScoresSerializer, responses=EvaluationSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="publish-scores",
        url_name="publish-scores",
        serializer_class=PublishScoresSerializer,
    )
    def publish_scores(self, request, pk=None):
        """Publish the scores and ranks on the portal (only final), or take them down."""
        data = _service_input(PublishScoresSerializer, request)
        evaluation = services.evaluation_set_scores_public(
            actor=request.user, evaluation=self.get_object(), public=data["public"]
        )
        return self._respond(evaluation, status.HTTP_200_OK)

    @extend_schema(
        responses=EvaluationResultSerializer(many=True),
        parameters=[
            OpenApiParameter("grade", str, description="A grade of the table, e.g. 优秀"),
            OpenApiParameter(
                "compliance", str, enum=["met", "excused", "not_met"], description="Minimums"
            ),
            OpenApiParameter("town", str, description="Region code: elected in its subtree"),
            OpenApiParameter("group", int, description="Deputy group id"),
        ],
    )
    @action(
        detail=True,
        methods=["get"],
        serializer_class=EvaluationResultSerializer,
        filterset_class=None,
    )
    def results(self, request, pk=None):
        """The evaluation's results in rank order (姓氏笔画 breaks ties), filterable."""
        evaluation = self.get_object()
        qs = EvaluationResult.objects.filter(evaluation=evaluation).select_related(*RESULT_RELATED)
        filterset = ResultFilterSet(request.query_params, queryset=qs, request=request)
        if not filterset.is_valid():
            raise ValidationFailed(
                _first_error(filterset.errors), {"errors": dict(filterset.errors)}
            )
        qs = filterset.qs.order_by("rank", "person__stroke_key", "pk")
        page = self.paginate_queryset(qs)
        if page is not None:
            data = EvaluationResultSerializer(page, many=True).data
            return self.get_paginated_response(data)
        return Response(EvaluationResultSerializer(qs, many=True).data)


def _first_error(errors) -> str:
    return next(iter(errors.values()))[0] if errors else ""


class EvaluationResultViewSet(ScopedViewSet):
    """Results: staff read their congresses'; a deputy their own, once final."""

    queryset = EvaluationResult.objects.all()
    serializer_class = EvaluationResultSerializer
    filterset_class = ResultFilterSet
    required_roles = ("staff", "deputy")
    select_related = RESULT_RELATED

    def get_queryset(self):
        return super().get_queryset().order_by("-evaluation__year", "rank", "person__stroke_key")

    @extend_schema(responses=ScoreSheetSerializer)
    @action(detail=True, methods=["get"], serializer_class=ScoreSheetSerializer)
    def sheet(self, request, pk=None):
        """The filled-in score sheet: sections, lines, and the ids of the activities,
        commitments and adjustments each line counted."""
        result = self.get_object()
        sheet = {"result": result, "sections": selectors.score_sheet(result)}
        return Response(ScoreSheetSerializer(sheet).data)

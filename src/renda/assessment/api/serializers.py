"""Serializers of the scoring tables and the evaluation. Read serializers describe; write
serializers only shape input for one service each."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from renda.activities.models import ActivityType
from renda.assessment import presets
from renda.assessment.choices import ItemKind, Measure
from renda.assessment.export import requirement_words
from renda.assessment.models import (
    Evaluation,
    EvaluationResult,
    GradeBand,
    ScoreAdjustment,
    ScoringItem,
    ScoringTable,
)
from renda.congresses.models import Congress
from renda.people.models import Mandate

# --- Tables -----------------------------------------------------------------------------------


class ScoringItemSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = ScoringItem
        fields = [
            "id",
            "table",
            "code",
            "section",
            "label",
            "description",
            "kind",
            "kind_label",
            "measure",
            "activity_types",
            "points",
            "threshold",
            "cap",
            "discipline",
            "order",
        ]


class ScoringItemWriteSerializer(serializers.Serializer):
    """An item of a draft table; which fields matter depends on its kind (the service checks)."""

    table = serializers.PrimaryKeyRelatedField(queryset=ScoringTable.objects.all())
    code = serializers.SlugField(max_length=40)
    section = serializers.CharField(max_length=50)
    label = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    measure = serializers.ChoiceField(choices=Measure.choices, required=False, allow_blank=True)
    activity_types = serializers.PrimaryKeyRelatedField(
        many=True, queryset=ActivityType.objects.all(), required=False
    )
    points = serializers.DecimalField(max_digits=6, decimal_places=1, required=False)
    threshold = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    cap = serializers.DecimalField(max_digits=6, decimal_places=1, required=False, allow_null=True)
    discipline = serializers.BooleanField(required=False)
    order = serializers.IntegerField(min_value=0, required=False)


class ScoringItemUpdateSerializer(ScoringItemWriteSerializer):
    table = None


class GradeBandSerializer(serializers.ModelSerializer):
    class Meta:
        model = GradeBand
        fields = ["id", "table", "label", "min_score", "requires_compliance"]


class GradeBandWriteSerializer(serializers.Serializer):
    table = serializers.PrimaryKeyRelatedField(queryset=ScoringTable.objects.all())
    label = serializers.CharField(max_length=20)
    min_score = serializers.DecimalField(max_digits=6, decimal_places=1)
    requires_compliance = serializers.BooleanField(required=False)


class GradeBandUpdateSerializer(GradeBandWriteSerializer):
    table = None
    label = serializers.CharField(max_length=20, required=False)
    min_score = serializers.DecimalField(max_digits=6, decimal_places=1, required=False)


class ScoringTableSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    items = ScoringItemSerializer(many=True, read_only=True)
    bands = GradeBandSerializer(many=True, read_only=True)

    class Meta:
        model = ScoringTable
        fields = [
            "id",
            "congress",
            "year",
            "version",
            "title",
            "base_points",
            "notes",
            "status",
            "status_label",
            "published_at",
            "created_at",
            "items",
            "bands",
        ]


class ScoringTableWriteSerializer(serializers.Serializer):
    """A new draft table (congress and year required), or a draft's title and starting points."""

    congress = serializers.PrimaryKeyRelatedField(queryset=Congress.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=100)
    base_points = serializers.DecimalField(max_digits=6, decimal_places=1, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class ScoringTableUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=100, required=False)
    base_points = serializers.DecimalField(max_digits=6, decimal_places=1, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class TableCopySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        allow_null=True,
        help_text="Empty: a new version of the same year; a year: that year's first version.",
    )


class TablePresetSerializer(serializers.Serializer):
    congress = serializers.PrimaryKeyRelatedField(queryset=Congress.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    preset = serializers.ChoiceField(
        choices=sorted(presets.TABLE_PRESETS), default="rongchang_2019"
    )
    publish = serializers.BooleanField(default=False)


# --- Adjustments ------------------------------------------------------------------------------


class ScoreAdjustmentSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="mandate.person.name", read_only=True)

    class Meta:
        model = ScoreAdjustment
        fields = [
            "id",
            "congress",
            "year",
            "mandate",
            "person_name",
            "item_code",
            "item_label",
            "points",
            "reason",
            "discipline",
            "created_at",
        ]


class ScoreAdjustmentWriteSerializer(serializers.Serializer):
    congress = serializers.PrimaryKeyRelatedField(queryset=Congress.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    mandate = serializers.PrimaryKeyRelatedField(queryset=Mandate.objects.all())
    item_code = serializers.SlugField(max_length=40)
    points = serializers.DecimalField(max_digits=6, decimal_places=1)
    reason = serializers.CharField(max_length=300)


class ScoreAdjustmentUpdateSerializer(serializers.Serializer):
    points = serializers.DecimalField(max_digits=6, decimal_places=1, required=False)
    reason = serializers.CharField(max_length=300, required=False)


# --- Evaluation -------------------------------------------------------------------------------


class EvaluationSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "congress",
            "year",
            "table",
            "status",
            "status_label",
            "run_at",
            "finalized_at",
            "scores_public",
            "deputy_count",
        ]


class EvaluationRunSerializer(serializers.Serializer):
    congress = serializers.PrimaryKeyRelatedField(queryset=Congress.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class PublishScoresSerializer(serializers.Serializer):
    public = serializers.BooleanField()


class BreakdownLineSerializer(serializers.Serializer):
    code = serializers.CharField()
    value = serializers.DecimalField(max_digits=12, decimal_places=1)
    points = serializers.DecimalField(max_digits=7, decimal_places=1)
    capped = serializers.BooleanField()


class RequirementLineSerializer(serializers.Serializer):
    category = serializers.CharField()
    period = serializers.CharField()
    minimum = serializers.IntegerField()
    count = serializers.IntegerField()
    status = serializers.CharField(help_text="met, in_progress, excused or not_met")
    excuse = serializers.CharField(allow_blank=True)


class EvaluationResultSerializer(serializers.ModelSerializer):
    """One deputy's result with its per-item breakdown and the minimums in words."""

    person_name = serializers.CharField(source="person.name", read_only=True)
    year = serializers.IntegerField(source="evaluation.year", read_only=True)
    congress = serializers.IntegerField(source="evaluation.congress_id", read_only=True)
    breakdown = BreakdownLineSerializer(many=True, read_only=True)
    requirements = RequirementLineSerializer(many=True, read_only=True)
    requirement_words = serializers.SerializerMethodField()

    class Meta:
        model = EvaluationResult
        fields = [
            "id",
            "evaluation",
            "congress",
            "year",
            "mandate",
            "person",
            "person_name",
            "score",
            "grade",
            "rank",
            "compliance",
            "requirements",
            "requirement_words",
            "breakdown",
        ]

    @extend_schema_field(serializers.CharField())
    def get_requirement_words(self, obj) -> str:
        return requirement_words(obj)


class SheetLineSerializer(serializers.Serializer):
    code = serializers.CharField(source="item.code")
    label = serializers.CharField(source="item.label")
    description = serializers.CharField(source="item.description")
    kind = serializers.CharField(source="item.kind")
    value = serializers.DecimalField(max_digits=12, decimal_places=1)
    points = serializers.DecimalField(max_digits=7, decimal_places=1)
    capped = serializers.BooleanField()
    activities = serializers.SerializerMethodField()
    commitments = serializers.SerializerMethodField()
    adjustments = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_activities(self, line) -> list[int]:
        return [a.pk for a in line.activities]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_commitments(self, line) -> list[int]:
        return [c.pk for c in line.commitments]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_adjustments(self, line) -> list[int]:
        return [a.pk for a in line.adjustments]


class SheetSectionSerializer(serializers.Serializer):
    name = serializers.CharField()
    lines = SheetLineSerializer(many=True)


class ScoreSheetSerializer(serializers.Serializer):
    result = EvaluationResultSerializer()
    sections = SheetSectionSerializer(many=True)

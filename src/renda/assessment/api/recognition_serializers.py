"""Serializers of commendations, exit rules and warnings, and the public reads of activities
and commendations. Read serializers describe; write serializers only shape input for one
service each."""

from rest_framework import serializers

from renda.activities.models import Activity
from renda.assessment.choices import (
    CommendationKind,
    ExitRuleKind,
    WarningStatus,
)
from renda.assessment.models import Commendation, Evaluation, ExitRule, ExitWarning
from renda.congresses.models import Congress
from renda.people.models import DeputyGroup, Mandate

WARNING_DECISIONS = [(s.value, s.label) for s in WarningStatus if s != WarningStatus.OPEN]

# --- Commendations ----------------------------------------------------------------------------


class CommendationSerializer(serializers.ModelSerializer):
    subject_name = serializers.CharField(read_only=True)
    person = serializers.IntegerField(source="mandate.person_id", read_only=True, allow_null=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Commendation
        fields = [
            "id",
            "congress",
            "kind",
            "kind_label",
            "year",
            "mandate",
            "person",
            "group",
            "subject_name",
            "title",
            "citation",
            "result",
            "status",
            "status_label",
            "status_note",
            "published_at",
            "created_at",
        ]
        read_only_fields = fields


class NominateSerializer(serializers.Serializer):
    """A deputy (their seat in the congress) or a deputy group, by hand."""

    congress = serializers.PrimaryKeyRelatedField(queryset=Congress.objects.all())
    kind = serializers.ChoiceField(choices=CommendationKind.choices)
    year = serializers.IntegerField(min_value=1949, max_value=2100)
    mandate = serializers.PrimaryKeyRelatedField(
        queryset=Mandate.objects.all(), required=False, allow_null=True
    )
    group = serializers.PrimaryKeyRelatedField(
        queryset=DeputyGroup.objects.all(), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=100)
    citation = serializers.CharField(required=False, allow_blank=True, default="")


class NominateFromResultsSerializer(serializers.Serializer):
    evaluation = serializers.PrimaryKeyRelatedField(queryset=Evaluation.objects.all())
    grade = serializers.CharField(max_length=20)
    title = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(
        choices=CommendationKind.choices, default=CommendationKind.PRAISE
    )


class StepNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class PublicCommendationSerializer(serializers.ModelSerializer):
    """What anyone may see of a published commendation."""

    subject_name = serializers.CharField(read_only=True)
    person = serializers.IntegerField(source="mandate.person_id", read_only=True, allow_null=True)
    congress_name = serializers.CharField(source="congress.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Commendation
        fields = [
            "id",
            "congress",
            "congress_name",
            "kind",
            "kind_label",
            "year",
            "person",
            "group",
            "subject_name",
            "title",
            "citation",
            "published_at",
        ]
        read_only_fields = fields


# --- Exit rules and warnings ------------------------------------------------------------------


class ExitRuleSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = ExitRule
        fields = ["id", "congress", "kind", "kind_label", "years", "active"]
        read_only_fields = fields


class ExitRuleSetSerializer(serializers.Serializer):
    """Add a congress's rule, or change its years and switch it on or off."""

    congress = serializers.PrimaryKeyRelatedField(queryset=Congress.objects.all())
    kind = serializers.ChoiceField(choices=ExitRuleKind.choices)
    years = serializers.IntegerField(min_value=1, max_value=10, default=2)
    active = serializers.BooleanField(default=True)


class ExitRuleUpdateSerializer(serializers.Serializer):
    years = serializers.IntegerField(min_value=1, max_value=10, required=False)
    active = serializers.BooleanField(required=False)


class ExitWarningSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="mandate.person_id", read_only=True)
    person_name = serializers.CharField(source="mandate.person.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ExitWarning
        fields = [
            "id",
            "congress",
            "mandate",
            "person",
            "person_name",
            "year",
            "kind",
            "kind_label",
            "reason",
            "status",
            "status_label",
            "status_note",
            "created_at",
        ]
        read_only_fields = fields


class WarningStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=WARNING_DECISIONS)
    note = serializers.CharField(max_length=500)


# --- Public activities ------------------------------------------------------------------------


class PublicActivitySerializer(serializers.ModelSerializer):
    """A verified activity as the public sees it: no evidence, no status, no who-registered."""

    person_name = serializers.CharField(source="person.name", read_only=True)
    date = serializers.DateField(source="day", read_only=True)
    type = serializers.CharField(source="activity_type.name", read_only=True)
    category = serializers.CharField(source="activity_type.category", read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "person",
            "person_name",
            "date",
            "type",
            "category",
            "place",
            "content",
            "person_times",
        ]
        read_only_fields = fields

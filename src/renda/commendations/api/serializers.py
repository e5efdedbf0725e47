"""Serializers of commendations and their public read. Read serializers describe; write
serializers only shape input for one service each."""

from rest_framework import serializers

from renda.assessment.models import Evaluation
from renda.commendations.choices import CommendationKind
from renda.commendations.models import Commendation
from renda.congresses.models import Congress
from renda.people.models import DeputyGroup, Mandate


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

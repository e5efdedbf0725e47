"""Serializers of exit rules and warnings. Read serializers describe; write serializers only
shape input for one service each."""

from rest_framework import serializers

from renda.congresses.models import Congress
from renda.exit_warnings.choices import ExitRuleKind, WarningStatus
from renda.exit_warnings.models import ExitRule, ExitWarning

WARNING_DECISIONS = [(s.value, s.label) for s in WarningStatus if s != WarningStatus.OPEN]


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


class WarningNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, help_text="What was done; required.")

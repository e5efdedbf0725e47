from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from renda.core.api import SlugRelatedField
from renda.people.models import Mandate
from renda.regions.models import Region
from renda.stations import reception
from renda.stations.choices import AssignmentRole
from renda.stations.models import Station, StationAssignment


@extend_schema_field(
    {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$"}
)
class WallClockTimeField(serializers.TimeField):
    """A time of day on the station's clock, "09:00:00". It has no UTC offset, so it is not
    the schema's `format: time` (RFC 3339's full-time, which has one)."""


class StationSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.TimeField: WallClockTimeField,
    }
    region = SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    reception_rule_text = serializers.CharField(read_only=True)
    next_reception_dates = serializers.SerializerMethodField()

    class Meta:
        model = Station
        fields = [
            "id",
            "name",
            "kind",
            "kind_display",
            "region",
            "address",
            "phone",
            "latitude",
            "longitude",
            "reception_rule",
            "reception_rule_text",
            "reception_anchor",
            "reception_start_time",
            "reception_end_time",
            "next_reception_dates",
            "active",
        ]
        validators: list = []

    def get_next_reception_dates(self, station) -> list[str]:
        return [d.isoformat() for d in station.next_reception_dates(count=3)]

    def validate_reception_rule(self, value):
        if value:
            try:
                reception.parse(value)
            except ValueError as exc:
                raise serializers.ValidationError(str(exc)) from exc
        return value


class AssignmentSerializer(serializers.ModelSerializer):
    mandate = serializers.PrimaryKeyRelatedField(queryset=Mandate.objects.all())
    name = serializers.CharField(source="mandate.person.name", read_only=True)
    role = serializers.ChoiceField(choices=AssignmentRole.choices, default=AssignmentRole.MEMBER)

    class Meta:
        model = StationAssignment
        fields = ["id", "station", "mandate", "name", "role", "start", "end"]
        read_only_fields = ["station", "end"]
        extra_kwargs = {"start": {"required": False}}
        validators: list = []


class AssignmentEndSerializer(serializers.Serializer):
    end = serializers.DateField(required=False)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)

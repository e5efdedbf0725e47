from rest_framework import serializers

from renda.core.api import SlugRelatedField
from renda.regions.models import HandlingUnit, Region


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Region
        fields = ["id", "code", "name", "level", "level_display", "parent"]


class RegionWriteSerializer(serializers.Serializer):
    code = serializers.RegexField(r"^\d{12}$")
    name = serializers.CharField(max_length=100)
    parent = SlugRelatedField(slug_field="code", queryset=Region.objects.all())


class RegionRenameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)


class HandlingUnitSerializer(serializers.ModelSerializer):
    region = SlugRelatedField(slug_field="code", queryset=Region.objects.all())

    class Meta:
        model = HandlingUnit
        fields = ["id", "region", "name", "short_name", "phone", "active"]
        # The service checks uniqueness and answers in the user's language; DRF's own check
        # would also demand region and name on every PATCH.
        validators: list = []

from rest_framework import serializers

from renda.congresses.models import Congress, Session, Term
from renda.core.api import SlugRelatedField
from renda.regions.models import Region


class CongressSerializer(serializers.ModelSerializer):
    region = SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Congress
        fields = ["id", "region", "level", "level_display", "name"]
        extra_kwargs = {"name": {"required": False}}
        validators: list = []  # the service checks uniqueness and answers in the user's language


class TermSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Term
        fields = ["id", "congress", "ordinal", "label", "start", "end"]
        validators: list = []


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "term", "ordinal", "start", "end"]
        validators: list = []

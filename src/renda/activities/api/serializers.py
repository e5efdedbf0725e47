"""Serializers of the activity register. Read serializers describe; write serializers only
shape input for one service each."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from renda.activities.choices import Compliance, ExcuseReason, Period, RequirementCategory
from renda.activities.models import (
    Activity,
    ActivityBatch,
    ActivityType,
    Excuse,
    Requirement,
)
from renda.congresses.models import Congress, Term
from renda.core.api import ScopedPrimaryKeyRelatedField
from renda.core.models import Attachment
from renda.people.models import DeputyGroup, Mandate

# --- Catalogue --------------------------------------------------------------------------------


class ActivityTypeSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = ActivityType
        fields = [
            "id",
            "congress",
            "code",
            "name",
            "category",
            "category_label",
            "counts_person_times",
            "order",
            "active",
        ]
        read_only_fields = fields


class ActivityTypeWriteSerializer(serializers.Serializer):
    """A new type (congress required) or changes to one (congress ignored)."""

    congress = serializers.PrimaryKeyRelatedField(queryset=Congress.objects.all())
    code = serializers.SlugField(max_length=40)
    name = serializers.CharField(max_length=50)
    category = serializers.ChoiceField(choices=RequirementCategory.choices)
    counts_person_times = serializers.BooleanField(required=False, default=False)
    order = serializers.IntegerField(min_value=0, required=False, default=0)
    active = serializers.BooleanField(required=False, default=True)


# --- Activities -------------------------------------------------------------------------------


class ActivityEvidenceSerializer(serializers.ModelSerializer):
    file = serializers.FileField(read_only=True, use_url=True)

    class Meta:
        model = Attachment
        fields = ["id", "kind", "file", "original_name"]
        read_only_fields = fields


class ActivitySerializer(serializers.ModelSerializer):
    """An activity as its deputy and the verifying staff see it."""

    person_name = serializers.CharField(source="person.name", read_only=True)
    activity_type_name = serializers.CharField(source="activity_type.name", read_only=True)
    category = serializers.CharField(source="activity_type.category", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    evidence = ActivityEvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "mandate",
            "person",
            "person_name",
            "congress",
            "activity_type",
            "activity_type_name",
            "category",
            "day",
            "place",
            "content",
            "person_times",
            "status",
            "status_label",
            "status_note",
            "batch",
            "source_type",
            "source_id",
            "created_at",
            "decided_at",
            "evidence",
        ]
        read_only_fields = fields


class ActivityCreateSerializer(serializers.Serializer):
    """Register an activity; send multipart/form-data to attach `files` (repeat the field).
    `mandate` defaults to the caller's own current seat in the congress of `activity_type`.
    Registered by staff of the seat, it is verified on entry."""

    mandate = ScopedPrimaryKeyRelatedField(
        queryset=Mandate.objects.all(), required=False, allow_null=True, default=None
    )
    activity_type = serializers.PrimaryKeyRelatedField(queryset=ActivityType.objects.all())
    day = serializers.DateField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    content = serializers.CharField(max_length=5000)
    person_times = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Only for types counted in person-times."),
    )
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text=_("Photos and documents."),
    )


class ActivityUpdateSerializer(serializers.Serializer):
    """Correct a record (the deputy while it waits or was rejected; staff until final)."""

    activity_type = serializers.PrimaryKeyRelatedField(
        queryset=ActivityType.objects.all(), required=False
    )
    day = serializers.DateField(required=False)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    content = serializers.CharField(max_length=5000, required=False)
    person_times = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class ActivityNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ActivityReasonSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, help_text=_("The reason; the deputy sees it."))


class EvidenceUploadSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), min_length=1)


# --- Group registration -----------------------------------------------------------------------


class BatchDeputySerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "mandate", "person", "person_name", "status"]
        read_only_fields = fields


class ActivityBatchSerializer(serializers.ModelSerializer):
    activities = BatchDeputySerializer(many=True, read_only=True)

    class Meta:
        model = ActivityBatch
        fields = [
            "id",
            "congress",
            "activity_type",
            "day",
            "place",
            "content",
            "organiser",
            "created_at",
            "activities",
        ]
        read_only_fields = fields


class ActivityBatchCreateSerializer(serializers.Serializer):
    """One activity for many deputies of a congress: seats by id, and/or whole deputy groups
    (their current members). Verified on entry; one duplicate refuses the lot."""

    congress = serializers.PrimaryKeyRelatedField(queryset=Congress.objects.all())
    activity_type = serializers.PrimaryKeyRelatedField(queryset=ActivityType.objects.all())
    day = serializers.DateField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    content = serializers.CharField(max_length=5000)
    person_times = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None
    )
    mandates = serializers.PrimaryKeyRelatedField(
        queryset=Mandate.objects.all(), many=True, required=False, default=list
    )
    groups = serializers.PrimaryKeyRelatedField(
        queryset=DeputyGroup.objects.all(), many=True, required=False, default=list
    )


# --- Minimums and excuses ---------------------------------------------------------------------


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = ["id", "congress", "term", "category", "period", "minimum"]
        read_only_fields = fields


class RequirementSetSerializer(serializers.Serializer):
    """Create or change the minimum of one category and period for a term."""

    term = serializers.PrimaryKeyRelatedField(queryset=Term.objects.all())
    category = serializers.ChoiceField(choices=RequirementCategory.choices)
    period = serializers.ChoiceField(choices=Period.choices)
    minimum = serializers.IntegerField(min_value=1, max_value=999)


class RequirementPresetSerializer(serializers.Serializer):
    term = serializers.PrimaryKeyRelatedField(queryset=Term.objects.all())
    preset = serializers.CharField(required=False, default="chongqing_341_311")


class ExcuseSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="mandate.person.name", read_only=True)

    class Meta:
        model = Excuse
        fields = ["id", "mandate", "person_name", "start", "end", "reason", "note", "created_at"]
        read_only_fields = fields


class ExcuseCreateSerializer(serializers.Serializer):
    mandate = serializers.PrimaryKeyRelatedField(queryset=Mandate.objects.all())
    start = serializers.DateField()
    end = serializers.DateField()
    reason = serializers.ChoiceField(choices=ExcuseReason.choices)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


# --- Progress and shortfalls ------------------------------------------------------------------


class RequirementStandingSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=RequirementCategory.choices)
    period = serializers.ChoiceField(choices=Period.choices)
    minimum = serializers.IntegerField()
    count = serializers.IntegerField()
    remaining = serializers.IntegerField()
    compliance = serializers.ChoiceField(source="status", choices=Compliance.choices)
    excuse = serializers.CharField()
    words = serializers.CharField(help_text=_("e.g. 本年度还需审议发言 1 次"))


class ExcuseBriefSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    reason = serializers.ChoiceField(choices=ExcuseReason.choices)
    note = serializers.CharField()


class SeatProgressSerializer(serializers.Serializer):
    """One seat against the minimums in a year."""

    mandate = serializers.IntegerField(source="mandate.pk")
    person = serializers.IntegerField(source="mandate.person_id")
    person_name = serializers.CharField(source="mandate.person.name")
    year = serializers.IntegerField()
    compliance = serializers.ChoiceField(choices=Compliance.choices)
    standings = RequirementStandingSerializer(many=True)
    excuses = ExcuseBriefSerializer(many=True)


class ShortfallSerializer(serializers.Serializer):
    mandate = serializers.IntegerField(source="mandate.pk")
    person = serializers.IntegerField(source="mandate.person_id")
    person_name = serializers.CharField(source="mandate.person.name")
    level_label = serializers.CharField(source="mandate.level_label")
    town = serializers.CharField(source="mandate.electoral_region.name", default="")
    groups = serializers.SerializerMethodField()
    compliance = serializers.ChoiceField(choices=Compliance.choices)
    shortfalls = RequirementStandingSerializer(many=True)
    excuse = serializers.CharField()

    def get_groups(self, row) -> list[str]:
        return [g.name for g in row.groups]


class ShortfallReportSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    seats = serializers.IntegerField(help_text=_("How many current seats were looked at."))
    below = ShortfallSerializer(many=True)
    excused = ShortfallSerializer(many=True, help_text=_("Short, but excused; not met."))


# --- The public read -----------------------------------------------------------------------------


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

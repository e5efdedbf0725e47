"""Serializers of the commitment cycle. Read serializers describe; write serializers only shape
input for one service each."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from renda.commitments.choices import CLOSED_STATUSES
from renda.commitments.models import (
    Commitment,
    CommitmentCategory,
    CommitmentProgress,
    CommitmentYear,
    ReturnReason,
)
from renda.congresses.models import Congress
from renda.core.api import ScopedPrimaryKeyRelatedField
from renda.core.models import Attachment
from renda.people.models import Person

# --- Years ------------------------------------------------------------------------------------


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitmentCategory
        fields = ["id", "name"]


class CommitmentYearSerializer(serializers.ModelSerializer):
    categories = CategorySerializer(many=True, read_only=True)

    class Meta:
        model = CommitmentYear
        fields = [
            "id",
            "congress",
            "year",
            "opens",
            "closes",
            "min_count",
            "max_count",
            "categories",
        ]


class CommitmentYearWriteSerializer(serializers.ModelSerializer):
    """Open a year (congress and year required) or change its window, counts and categories."""

    congress = serializers.PrimaryKeyRelatedField(queryset=Congress.objects.all())
    categories = serializers.PrimaryKeyRelatedField(
        many=True, queryset=CommitmentCategory.objects.all(), required=False
    )

    class Meta:
        model = CommitmentYear
        fields = ["congress", "year", "opens", "closes", "min_count", "max_count", "categories"]
        validators: list = []  # the service checks the constraints, with their own messages


# --- Commitments ------------------------------------------------------------------------------


class ReturnReasonSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReturnReason
        fields = ["id", "code", "label", "is_job_duty"]


class AttachmentSerializer(serializers.ModelSerializer):
    file = serializers.FileField(read_only=True, use_url=True)

    class Meta:
        model = Attachment
        fields = ["id", "kind", "file", "original_name"]


class ProgressSerializer(serializers.ModelSerializer):
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = CommitmentProgress
        fields = ["id", "day", "text", "value", "attachments", "created_at"]


class CommitmentSerializer(serializers.ModelSerializer):
    """A commitment as its deputy and the reviewing staff see it."""

    person_name = serializers.CharField(source="person.name", read_only=True)
    congress = serializers.IntegerField(source="mandate.congress_id", read_only=True)
    year = serializers.IntegerField(source="commitment_year.year", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    return_reason = ReturnReasonSerializer(read_only=True, allow_null=True)
    progress_total = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = Commitment
        fields = [
            "id",
            "person",
            "person_name",
            "mandate",
            "congress",
            "commitment_year",
            "year",
            "category",
            "category_name",
            "title",
            "detail",
            "target_value",
            "target_unit",
            "due",
            "status",
            "status_label",
            "return_reason",
            "status_note",
            "submitted_at",
            "decided_at",
            "progress_total",
        ]
        read_only_fields = fields


class CommitmentCreateSerializer(serializers.Serializer):
    """A new draft. `person` defaults to the caller's own deputy record; the commitment is
    filed under the person's seat in the congress that opened `commitment_year`."""

    person = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all(), required=False)
    commitment_year = serializers.PrimaryKeyRelatedField(queryset=CommitmentYear.objects.all())
    category = serializers.PrimaryKeyRelatedField(queryset=CommitmentCategory.objects.all())
    title = serializers.CharField(max_length=200)
    detail = serializers.CharField(required=False, allow_blank=True, default="")
    target_value = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, default=None
    )
    target_unit = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    due = serializers.DateField()


class CommitmentUpdateSerializer(serializers.Serializer):
    """Revise a draft or returned commitment."""

    category = serializers.PrimaryKeyRelatedField(
        queryset=CommitmentCategory.objects.all(), required=False
    )
    title = serializers.CharField(max_length=200, required=False)
    detail = serializers.CharField(required=False, allow_blank=True)
    target_value = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    target_unit = serializers.CharField(max_length=20, required=False, allow_blank=True)
    due = serializers.DateField(required=False)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ReturnSerializer(serializers.Serializer):
    """`reason`: one of the return reasons offered to the commitment's congress."""

    reason = serializers.PrimaryKeyRelatedField(queryset=ReturnReason.objects.filter(active=True))
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        commitment = self.context.get("obj")  # the commitment being returned
        if commitment is not None:
            self.fields["reason"].queryset = ReturnReason.objects.for_congress(
                commitment.mandate.congress_id
            )


class CancelSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500)


class CloseSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=[(s.value, s.label) for s in CLOSED_STATUSES])
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ProgressCreateSerializer(serializers.Serializer):
    """A progress report; send it as multipart/form-data to attach `files` (repeat the field)."""

    text = serializers.CharField(max_length=2000)
    day = serializers.DateField(required=False, allow_null=True, default=None)
    value = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text=_("Photos and documents."),
    )


class HintSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[
            ("job_duty", _("Likely the deputy's own job duty")),
            ("earlier_year", _("Like a commitment of an earlier year")),
            ("same_year", _("Like another commitment this year")),
        ]
    )
    score = serializers.FloatField()
    matched = serializers.CharField()
    other_id = serializers.IntegerField(allow_null=True)


# --- Public -----------------------------------------------------------------------------------


class PublicProgressSerializer(serializers.ModelSerializer):
    photos = serializers.SerializerMethodField()

    class Meta:
        model = CommitmentProgress
        fields = ["day", "text", "value", "photos"]

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
    def get_photos(self, obj) -> list[str]:
        request = self.context.get("request")
        urls = [a.file.url for a in obj.attachments.all() if a.kind == "photo"]
        return [request.build_absolute_uri(u) for u in urls] if request else urls


class PublicCommitmentSerializer(serializers.ModelSerializer):
    """What anyone may see: approved commitments and their results, with progress and photos."""

    person_name = serializers.CharField(source="person.name", read_only=True)
    year = serializers.IntegerField(source="commitment_year.year", read_only=True)
    category = serializers.CharField(source="category.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    progress_total = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True
    )
    progress = PublicProgressSerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "person",
            "person_name",
            "year",
            "category",
            "title",
            "detail",
            "target_value",
            "target_unit",
            "due",
            "status",
            "status_label",
            "progress_total",
            "progress",
        ]
        read_only_fields = fields

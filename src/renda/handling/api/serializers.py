"""Serializers of assignments and their replies. Read serializers describe; write serializers
only shape input for one service or workflow step each."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from renda.core import limits
from renda.core.api import ScopedPrimaryKeyRelatedField
from renda.core.identity import validate_phone
from renda.core.models import Attachment
from renda.handling.choices import ContactMode, ExtensionDecision
from renda.handling.models import Assignment, Reply
from renda.regions.models import HandlingUnit

FILES_HELP = _(
    "Photos (JPEG, PNG, WebP) and documents (PDF, Word, Excel); send multipart/form-data and "
    "repeat the field for several."
)


class AttachmentSerializer(serializers.ModelSerializer):
    file = serializers.FileField(read_only=True, use_url=True)

    class Meta:
        model = Attachment
        fields = ["id", "kind", "file", "original_name"]
        read_only_fields = fields


class ReplySerializer(serializers.ModelSerializer):
    """What a unit wrote on an assignment: the reply letter, a co-handling opinion, a progress
    report, an interim explanation asking for more time, the fulfilment report."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    # Blank where the kind of reply has none.
    contact_mode = serializers.ChoiceField(ContactMode.choices, allow_blank=True, read_only=True)
    decision = serializers.ChoiceField(ExtensionDecision.choices, allow_blank=True, read_only=True)
    contact_mode_label = serializers.CharField(source="get_contact_mode_display", read_only=True)
    decision_label = serializers.CharField(source="get_decision_display", read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Reply
        fields = [
            "id",
            "assignment",
            "kind",
            "kind_label",
            "round",
            "text",
            "result_category",
            "contact_person",
            "contact_phone",
            "contact_mode",
            "contact_mode_label",
            "requested_until",
            "decision",
            "decision_label",
            "created_at",
            "attachments",
        ]
        read_only_fields = fields


class ItemAssignmentSerializer(serializers.ModelSerializer):
    """One unit's assignment of an item, as the item shows it: the unit, its role and status,
    the due dates of its live clocks (null once stopped) and the replies."""

    unit_name = serializers.CharField(source="unit.name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    accept_due = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("Accept or send back by this day.")
    )
    answer_due = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text=_("Answer (a co-handling unit: send its opinion) by this day."),
    )
    replies = ReplySerializer(many=True, read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "region",
            "unit",
            "unit_name",
            "role",
            "role_label",
            "status",
            "status_label",
            "status_note",
            "round",
            "assigned_on",
            "accepted_at",
            "answered_at",
            "done_at",
            "replaces",
            "accept_due",
            "answer_due",
            "replies",
        ]
        read_only_fields = fields


class HandlingAssignmentSerializer(ItemAssignmentSerializer):
    """An assignment with what it is about: the item's kind, id and title."""

    subject_type = serializers.SerializerMethodField(
        help_text=_("What was assigned, as app.model: suggestions.suggestion.")
    )
    subject_id = serializers.IntegerField(source="object_id", read_only=True)
    subject_title = serializers.SerializerMethodField()

    class Meta(ItemAssignmentSerializer.Meta):
        fields = [
            "id",
            "subject_type",
            "subject_id",
            "subject_title",
            *ItemAssignmentSerializer.Meta.fields[1:],
        ]
        read_only_fields = fields

    def get_subject_type(self, obj) -> str:
        ct = ContentType.objects.get_for_id(obj.content_type_id)
        return f"{ct.app_label}.{ct.model}"

    def get_subject_title(self, obj) -> str:
        subject = obj.subject
        return str(subject) if subject is not None else ""


# --- Input ------------------------------------------------------------------------------------


class AssignmentReasonSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=limits.NOTE, help_text=_("The reason."))


class AnswerSerializer(serializers.Serializer):
    """A lead or separate unit's reply letter: the text, the result category, whether and how
    the unit met the deputy, its contact person and the signed letter as a PDF among `files`.
    A co-handling unit's opinion to the lead unit: the text (and files) only."""

    text = serializers.CharField(max_length=limits.LETTER)
    result_category = serializers.CharField(
        max_length=4, required=False, allow_blank=True, default=""
    )
    contact_person = serializers.CharField(
        max_length=50, required=False, allow_blank=True, default=""
    )
    contact_phone = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default="", validators=[validate_phone]
    )
    contact_mode = serializers.ChoiceField(
        choices=ContactMode.choices, required=False, allow_blank=True, default=""
    )
    files = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text=FILES_HELP
    )


class FulfilSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=limits.LETTER, help_text=_("What has been done."))
    files = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text=FILES_HELP
    )


class ReportSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=limits.CONTENT, help_text=_("The progress."))
    files = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text=FILES_HELP
    )


class ExtensionRequestSerializer(serializers.Serializer):
    requested_until = serializers.DateField(help_text=_("More time until this day."))
    text = serializers.CharField(
        max_length=limits.CONTENT, help_text=_("The interim explanation the deputy reads.")
    )


class ExtensionDecisionSerializer(serializers.Serializer):
    reply = serializers.PrimaryKeyRelatedField(
        queryset=Reply.objects.none(),
        help_text=_("The interim explanation asking for more time (a reply of this assignment)."),
    )
    approve = serializers.BooleanField()
    note = serializers.CharField(
        max_length=limits.NOTE, required=False, allow_blank=True, default=""
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        obj = self.context.get("obj")
        if obj is not None:
            self.fields["reply"].queryset = obj.replies.all()


class ReassignSerializer(serializers.Serializer):
    unit = ScopedPrimaryKeyRelatedField(
        queryset=HandlingUnit.objects.all(), help_text=_("The unit to give it to.")
    )

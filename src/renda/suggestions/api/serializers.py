"""Serializers of motions and suggestions, key supervision and the public read. Read
serializers describe; write serializers only shape input for one service or workflow step each."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from renda.congresses.models import Congress
from renda.core import limits
from renda.core.api import ScopedPrimaryKeyRelatedField
from renda.core.choices import RatingValue
from renda.core.models import Rating
from renda.core.querysets import CHANGE
from renda.handling.api.serializers import (
    FILES_HELP,
    AttachmentSerializer,
    ItemAssignmentSerializer,
)
from renda.handling.choices import AssignmentMode
from renda.handling.models import Assignment, Reply
from renda.people.models import DeputyGroup, Mandate
from renda.regions.models import HandlingUnit
from renda.suggestions.choices import (
    Rated,
    SubmissionPeriod,
    SuggestionKind,
    SuggestionTopic,
    SupervisionEventKind,
)
from renda.suggestions.forms import CHOOSE_LEAD, CHOOSE_UNITS
from renda.suggestions.models import CoSigner, KeySupervision, Suggestion, SupervisionEvent

# --- Suggestions --------------------------------------------------------------------------------


class SuggestionSerializer(serializers.ModelSerializer):
    """A motion or suggestion as the lists show it: what it is, whose, where it stands, and the
    figures the register keeps (result category, on time, met, the ratings)."""

    reference = serializers.CharField(read_only=True, help_text=_("第12号, once accepted."))
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    period_label = serializers.CharField(source="get_period_display", read_only=True)
    topic_label = serializers.CharField(source="get_topic_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    person = serializers.IntegerField(source="mandate.person_id", read_only=True)
    deputy_name = serializers.CharField(source="mandate.person.name", read_only=True)
    # Blank until rated (or recorded as not rated).
    first_reply_rating = serializers.ChoiceField(Rated.choices, allow_blank=True, read_only=True)
    reply_rating = serializers.ChoiceField(Rated.choices, allow_blank=True, read_only=True)
    fulfilment_rating = serializers.ChoiceField(Rated.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "congress",
            "year",
            "kind",
            "kind_label",
            "period",
            "period_label",
            "session",
            "number",
            "reference",
            "title",
            "topic",
            "topic_label",
            "mandate",
            "person",
            "deputy_name",
            "delegation",
            "status",
            "status_label",
            "status_note",
            "converted",
            "merged_into",
            "mode",
            "supervision",
            "confidential",
            "disclosed_at",
            "created_at",
            "submitted_at",
            "accepted_at",
            "assigned_on",
            "replied_at",
            "closed_at",
            "result_category",
            "replied_on_time",
            "met_deputy",
            "first_reply_rating",
            "reply_rating",
            "fulfilment_rating",
            "rehandled",
        ]
        read_only_fields = fields


class CoSignerSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="mandate.person_id", read_only=True)
    name = serializers.CharField(source="mandate.person.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = CoSigner
        fields = [
            "id",
            "mandate",
            "person",
            "name",
            "status",
            "status_label",
            "invited_at",
            "answered_at",
        ]
        read_only_fields = fields


class RatingSerializer(serializers.ModelSerializer):
    value_label = serializers.CharField(source="get_value_display", read_only=True)
    rater = serializers.SerializerMethodField()

    class Meta:
        model = Rating
        fields = ["id", "stage", "value", "value_label", "comment", "rater", "rated_at"]
        read_only_fields = fields

    def get_rater(self, obj) -> str:
        return str(obj.rated_by) if obj.rated_by_id else obj.rater_label


class SuggestionDetailSerializer(SuggestionSerializer):
    """One motion or suggestion: its text, the co-signers and their answers, the units it was
    assigned to with the due dates and what they wrote, and the deputies' ratings."""

    cosigners = CoSignerSerializer(many=True, read_only=True)
    assignments = serializers.SerializerMethodField()
    ratings = serializers.SerializerMethodField()

    class Meta(SuggestionSerializer.Meta):
        fields = [*SuggestionSerializer.Meta.fields, "body", "cosigners", "assignments", "ratings"]
        read_only_fields = fields

    @extend_schema_field(ItemAssignmentSerializer(many=True))
    def get_assignments(self, obj):
        from renda.handling.selectors import assignments_of

        return ItemAssignmentSerializer(assignments_of(obj), many=True, context=self.context).data

    @extend_schema_field(RatingSerializer(many=True))
    def get_ratings(self, obj):
        ratings = Rating.objects.for_object(obj).select_related("rated_by").order_by("rated_at")
        return RatingSerializer(ratings, many=True).data


class SuggestionCreateSerializer(serializers.Serializer):
    """A draft under one of the deputy's current seats; the office sees it once submitted."""

    mandate = ScopedPrimaryKeyRelatedField(
        queryset=Mandate.objects.select_related("congress"),
        help_text=_("The seat (in the congress) it is drafted under."),
    )
    kind = serializers.ChoiceField(
        choices=SuggestionKind.choices, required=False, default=SuggestionKind.SUGGESTION
    )
    period = serializers.ChoiceField(
        choices=SubmissionPeriod.choices, required=False, default=SubmissionPeriod.RECESS
    )
    topic = serializers.ChoiceField(choices=SuggestionTopic.choices)
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=limits.LETTER)
    confidential = serializers.BooleanField(required=False, default=False)
    delegation = serializers.PrimaryKeyRelatedField(
        queryset=DeputyGroup.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("A delegation's motion: the delegation."),
    )


class SuggestionUpdateSerializer(serializers.Serializer):
    """Changes to a draft."""

    kind = serializers.ChoiceField(choices=SuggestionKind.choices, required=False)
    period = serializers.ChoiceField(choices=SubmissionPeriod.choices, required=False)
    topic = serializers.ChoiceField(choices=SuggestionTopic.choices, required=False)
    title = serializers.CharField(max_length=200, required=False)
    body = serializers.CharField(max_length=limits.LETTER, required=False)
    confidential = serializers.BooleanField(required=False)


class InviteSerializer(serializers.Serializer):
    mandates = serializers.PrimaryKeyRelatedField(
        queryset=Mandate.objects.select_related("person"),
        many=True,
        help_text=_("The seats of the deputies of the same congress to invite."),
    )


class UninviteSerializer(serializers.Serializer):
    cosigner = serializers.PrimaryKeyRelatedField(
        queryset=CoSigner.objects.none(),
        help_text=_("The invitation (a co-signer of this item) to take back."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        obj = self.context.get("obj")
        if obj is not None:
            self.fields["cosigner"].queryset = obj.cosigners.select_related("suggestion")


class CosignSerializer(serializers.Serializer):
    confirm = serializers.BooleanField(help_text=_("true: sign it; false: decline."))


class DiscloseSerializer(serializers.Serializer):
    disclose = serializers.BooleanField(
        required=False, default=True, help_text=_("false: take it down from the public pages.")
    )


class SuperviseSerializer(serializers.Serializer):
    supervision = ScopedPrimaryKeyRelatedField(
        queryset=KeySupervision.objects.all(),
        allow_null=True,
        help_text=_("The key supervision of the same congress; null takes it off."),
    )


# --- The steps' input ---------------------------------------------------------------------------


class SuggestionNoteSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=limits.NOTE, required=False, allow_blank=True, default=""
    )


class SuggestionReasonSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=limits.NOTE, help_text=_("The reason."))


class MergeSerializer(SuggestionNoteSerializer):
    into = ScopedPrimaryKeyRelatedField(
        queryset=Suggestion.objects.all(),
        help_text=_("An accepted item of the same congress and year."),
    )


class AssignSerializer(serializers.Serializer):
    """A lead unit with co-handling units (lead_co), or units handling separately (separate),
    of the congress's region."""

    mode = serializers.ChoiceField(choices=AssignmentMode.choices)
    lead = serializers.PrimaryKeyRelatedField(
        queryset=HandlingUnit.objects.none(), required=False, allow_null=True, default=None
    )
    co = serializers.PrimaryKeyRelatedField(
        queryset=HandlingUnit.objects.none(), many=True, required=False, default=list
    )
    units = serializers.PrimaryKeyRelatedField(
        queryset=HandlingUnit.objects.none(), many=True, required=False, default=list
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request, obj = self.context.get("request"), self.context.get("obj")
        if request is None:
            return
        units = HandlingUnit.objects.restrict(request.user, CHANGE).active()
        if obj is not None:
            units = units.filter(region__code__startswith=obj.congress.region.prefix)
        self.fields["lead"].queryset = units
        self.fields["co"].child_relation.queryset = units
        self.fields["units"].child_relation.queryset = units

    def validate(self, data):
        if data["mode"] == AssignmentMode.SEPARATE:
            if not data.get("units"):
                raise serializers.ValidationError({"units": [str(CHOOSE_UNITS)]})
        elif data.get("lead") is None:
            raise serializers.ValidationError({"lead": [str(CHOOSE_LEAD)]})
        return data


class RateSerializer(serializers.Serializer):
    value = serializers.ChoiceField(choices=RatingValue.choices)
    comment = serializers.CharField(
        max_length=limits.NOTE,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required when dissatisfied: what is unsatisfactory."),
    )


# --- Key supervision ----------------------------------------------------------------------------


class SupervisedItemSerializer(serializers.ModelSerializer):
    deputy_name = serializers.CharField(source="mandate.person.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Suggestion
        fields = ["id", "number", "title", "deputy_name", "status", "status_label"]
        read_only_fields = fields


class SupervisionEventSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = SupervisionEvent
        fields = ["id", "day", "kind", "kind_label", "summary", "created_at", "attachments"]
        read_only_fields = fields


class KeySupervisionSerializer(serializers.ModelSerializer):
    """A key supervision (重点督办): its theme, who follows it, its items and its activities."""

    suggestions = SupervisedItemSerializer(many=True, read_only=True)
    events = SupervisionEventSerializer(many=True, read_only=True)

    class Meta:
        model = KeySupervision
        fields = [
            "id",
            "congress",
            "year",
            "title",
            "leader",
            "committee",
            "note",
            "created_at",
            "suggestions",
            "events",
        ]
        read_only_fields = fields


class KeySupervisionCreateSerializer(serializers.Serializer):
    congress = ScopedPrimaryKeyRelatedField(queryset=Congress.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)
    leader = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    committee = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    note = serializers.CharField(
        max_length=limits.CONTENT, required=False, allow_blank=True, default=""
    )


class SupervisionEventCreateSerializer(serializers.Serializer):
    day = serializers.DateField()
    kind = serializers.ChoiceField(choices=SupervisionEventKind.choices)
    summary = serializers.CharField(max_length=limits.CONTENT)
    files = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text=FILES_HELP
    )


# --- The public read ----------------------------------------------------------------------------


class PublicReplySerializer(serializers.ModelSerializer):
    """A reply letter as the public reads it: no contact person or phone, no files."""

    class Meta:
        model = Reply
        fields = ["round", "text", "result_category", "created_at"]
        read_only_fields = fields


class PublicAssignmentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    replies = PublicReplySerializer(source="letters", many=True, read_only=True)

    class Meta:
        model = Assignment
        fields = ["unit_name", "role", "role_label", "status", "status_label", "replies"]
        read_only_fields = fields


class PublicSuggestionSerializer(serializers.ModelSerializer):
    """A disclosed motion or suggestion: what it asks, whose it is, the units that handle it
    and their reply letters."""

    congress_name = serializers.CharField(source="congress.name", read_only=True)
    reference = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    topic_label = serializers.CharField(source="get_topic_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    deputy_name = serializers.CharField(source="mandate.person.name", read_only=True)
    assignments = PublicAssignmentSerializer(source="public_assignments", many=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "congress",
            "congress_name",
            "year",
            "kind",
            "kind_label",
            "number",
            "reference",
            "title",
            "body",
            "topic",
            "topic_label",
            "deputy_name",
            "status",
            "status_label",
            "result_category",
            "replied_at",
            "closed_at",
            "assignments",
        ]
        read_only_fields = fields

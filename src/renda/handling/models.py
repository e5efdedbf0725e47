"""Handing an item to government units and their answers: shared by suggestions and casework.

An `Assignment` gives one item (a suggestion, a case: any model, through a generic key) to one
handling unit, as its lead (主办), co-handling (协办) or separate (分办) unit, within the office's
region. What the unit writes back is a `Reply`: the reply letter, a co-handling opinion, a
progress report, an interim explanation with a request for more time, the fulfilment report.
Its clocks (accept or send back, answer) are `core.Deadline`s on the assignment.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core import limits
from renda.core.identity import validate_phone
from renda.handling.choices import (
    AssignmentRole,
    AssignmentStatus,
    ContactMode,
    ExtensionDecision,
    ReplyKind,
)
from renda.handling.querysets import AssignmentQuerySet, ReplyQuerySet

LIVE = (
    AssignmentStatus.ASSIGNED,
    AssignmentStatus.IN_HAND,
    AssignmentStatus.ANSWERED,
    AssignmentStatus.DONE,
)


class ResultCategory(models.Model):
    """One entry of a congress's list of result categories (办理结果类别); a congress without
    its own list uses `DEFAULT_RESULT_CATEGORIES`."""

    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.CASCADE,
        related_name="result_categories",
    )
    code = models.CharField(_("code"), max_length=4)
    label = models.CharField(_("name"), max_length=60)
    needs_fulfilment = models.BooleanField(
        _("fulfilment reported later"),
        default=False,
        help_text=_("The unit reports the fulfilment later and the deputy rates it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("result category")
        verbose_name_plural = _("result categories")
        ordering = ["congress", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "code"],
                name="result_category_unique_code",
                violation_error_message=_("This congress already has a category with that code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class Assignment(models.Model):
    """One item given to one handling unit (交办)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    # The region of the office that assigned it: its staff follow it.
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "regions.HandlingUnit",
        verbose_name=_("handling unit"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("role"), max_length=10, choices=AssignmentRole.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ASSIGNED,
    )
    status_note = models.CharField(_("note on the status"), max_length=300, blank=True)
    # 1, then 2 for handling again after 不满意.
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    assigned_on = models.DateField(_("assigned on"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    done_at = models.DateTimeField(_("fulfilment reported"), null=True, blank=True)
    # Given again to another unit after this one sent it back.
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("in place of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["assigned_on", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="assignment_subject"),
            models.Index(fields=["unit", "status"], name="assignment_unit_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "unit"],
                condition=Q(status__in=LIVE),
                name="assignment_once_per_unit",
                violation_error_message=_("This unit already has it."),
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(role=AssignmentRole.LEAD, status__in=LIVE),
                name="assignment_one_lead",
                violation_error_message=_("It already has a lead unit."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.unit}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("handling:assignment_detail", args=[self.pk])

    @property
    def answers_with_letter(self) -> bool:
        """A lead or separate unit answers the deputy; a co-handling unit writes to the lead."""
        return self.role != AssignmentRole.CO


class Reply(models.Model):
    """What a unit writes on an assignment: the reply letter, an opinion, a report."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="replies"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ReplyKind.choices)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    text = models.TextField(_("text"), **limits.limited_text(limits.LETTER))
    result_category = models.CharField(_("result category"), max_length=4, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[validate_phone]
    )
    contact_mode = models.CharField(
        _("contact with the deputy"), max_length=10, choices=ContactMode.choices, blank=True
    )
    # An interim explanation asks for more time until this day; staff decide.
    requested_until = models.DateField(_("more time until"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=ExtensionDecision.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    attachments = GenericRelation("core.Attachment")

    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ReplyKind.REPLY) | ~Q(result_category=""),
                name="reply_has_category",
                violation_error_message=_("Choose the result category of the reply."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=ReplyKind.INTERIM) | Q(requested_until__isnull=False),
                name="interim_has_date",
                violation_error_message=_("Say until when more time is needed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.assignment.unit}"

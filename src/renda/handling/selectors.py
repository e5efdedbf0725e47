"""Reads of handling: an item's assignments with their clocks, what each reader may read of
the replies, a unit's inbox and the overdue lists."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone

from renda.core.models import Attachment
from renda.handling.choices import AssignmentRole, AssignmentStatus
from renda.handling.models import LIVE, Assignment, Reply


def replies_prefetch(user=None) -> Prefetch:
    """Each assignment's replies that `user` may read (all, without a user), with their files."""
    replies = Reply.objects.restrict(user) if user is not None else Reply.objects.all()
    return Prefetch(
        "replies",
        queryset=replies.select_related("written_by").prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
        ),
    )


def assignments_of(obj, user=None):
    """The item's assignments, the lead first, with their clocks and readable replies: three
    queries whatever their number."""
    # Not by the role's code: "co" would sort before "lead".
    lead_first = Case(
        When(role=AssignmentRole.LEAD, then=Value(0)),
        When(role=AssignmentRole.SEPARATE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(
        Assignment.objects.of(obj)
        .with_clocks()
        .select_related("unit")
        .prefetch_related(replies_prefetch(user))
        .order_by(lead_first, "pk")
    )


def inbox(user):
    """A unit's assignments, the ones waiting first, with their clocks and subjects."""
    order = {
        s: i
        for i, s in enumerate(
            [
                AssignmentStatus.ASSIGNED,
                AssignmentStatus.IN_HAND,
                AssignmentStatus.ANSWERED,
                AssignmentStatus.RETURNED,
                AssignmentStatus.DONE,
                AssignmentStatus.WITHDRAWN,
            ]
        )
    }
    rank = Case(
        *[When(status=s, then=Value(i)) for s, i in order.items()], output_field=IntegerField()
    )
    return (
        Assignment.objects.restrict(user)
        .with_clocks()
        .select_related("unit")
        .prefetch_related("subject")
        .annotate(rank=rank)
        .order_by("rank", "answer_due", "pk")
    )


def overdue_by_unit(user, today=None):
    """Per unit in the user's reach: live assignments and how many are overdue (one query)."""
    today = today or timezone.localdate()
    overdue = Assignment.objects.overdue(today).values("pk")
    return (
        Assignment.objects.restrict(user)
        .filter(status__in=LIVE)
        .values("unit_id", "unit__name")
        .annotate(
            live=Count("pk"),
            overdue=Count("pk", filter=Q(pk__in=overdue)),
        )
        .order_by("-overdue", "unit__name")
    )


def content_type_of(model) -> ContentType:
    return ContentType.objects.get_for_model(model)

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast

from renda.core.choices import DeadlineStatus
from renda.core.querysets import RestrictedQuerySet, prefix_q

# The purposes of an assignment's clocks (`core.Deadline.purpose`).
ACCEPT_CLOCK = "handling.accept"  # accept or send back (签收或退回)
ANSWER_CLOCK = "handling.answer"  # the reply, or a co-handling unit's opinion


class AssignmentQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        """Staff follow what their region's office assigned; a unit's users, what it was given."""
        return prefix_q("region__code", scope.region_prefixes) | Q(unit_id__in=scope.unit_ids)

    def of(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )

    def of_model(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model))

    def live(self):
        from renda.handling.models import LIVE

        return self.filter(status__in=LIVE)

    def with_clocks(self):
        """Each assignment with the due dates of its live clocks (`accept_due`, `answer_due`;
        None when stopped), in the same query."""
        from renda.core.models import Deadline

        ct = ContentType.objects.get_for_model(self.model)

        def due(purpose):
            return Subquery(
                Deadline.objects.filter(
                    content_type=ct,
                    object_id=Cast(OuterRef("pk"), CharField()),
                    purpose=purpose,
                )
                .exclude(status=DeadlineStatus.STOPPED)
                .values("due")[:1]
            )

        return self.annotate(accept_due=due(ACCEPT_CLOCK), answer_due=due(ANSWER_CLOCK))

    def filter_due(self, today, days):
        """With `with_clocks()`: a clock past due, or falling due on one of `days`."""
        return self.filter(
            Q(accept_due__lt=today)
            | Q(answer_due__lt=today)
            | Q(accept_due__in=days)
            | Q(answer_due__in=days)
        )

    def overdue(self, today):
        """Live assignments with a clock past its due date."""
        return self.with_clocks().filter(Q(accept_due__lt=today) | Q(answer_due__lt=today))


class ReplyQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        q = prefix_q("assignment__region__code", scope.region_prefixes)
        if action == "change":
            return q | Q(assignment__unit_id__in=scope.unit_ids)
        # A lead unit reads its co-handling units' opinions on the same item.
        from renda.handling.models import Assignment

        held = Assignment.objects.filter(
            unit_id__in=scope.unit_ids,
            content_type_id=OuterRef("assignment__content_type_id"),
            object_id=OuterRef("assignment__object_id"),
        )
        return q | Q(Exists(held))

"""What handling puts on the to-do page beyond the workflow's queues: the office's requests
for more time to decide."""

from django.urls import reverse
from django.utils.translation import gettext as _

from renda.core.querysets import CHANGE
from renda.core.scope import scope_for
from renda.core.todo import TodoLine
from renda.handling.choices import ExtensionDecision
from renda.handling.models import Reply


def extensions(user):
    scope = scope_for(user)
    if scope is None or not scope.region_prefixes:
        return
    pending = (
        Reply.objects.restrict(user, CHANGE)
        .filter(decision=ExtensionDecision.PENDING)
        .values_list("assignment_id", flat=True)
    )
    pending = pending.count()
    if pending:
        yield TodoLine(
            _("Requests for more time to decide"),
            pending,
            reverse("handling:assignment_list") + "?more_time=true",
        )

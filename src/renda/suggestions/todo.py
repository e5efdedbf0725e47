"""What motions and suggestions put on the to-do page beyond the workflow's queues: the
invitations to co-sign a deputy has not answered."""

from django.urls import reverse
from django.utils.translation import gettext as _

from renda.core.scope import scope_for
from renda.core.todo import TodoLine
from renda.suggestions.choices import CoSignerStatus, SuggestionStatus
from renda.suggestions.models import CoSigner


def invitations(user):
    scope = scope_for(user)
    if scope is None or not scope.person_ids:
        return
    waiting = list(
        CoSigner.objects.filter(
            mandate__person_id__in=scope.person_ids,
            status=CoSignerStatus.INVITED,
            suggestion__status=SuggestionStatus.DRAFT,
        )
        .select_related("suggestion")
        .order_by("invited_at")
    )
    if waiting:
        yield TodoLine(
            _("Invitations to co-sign"),
            len(waiting),
            waiting[0].suggestion.get_absolute_url()
            if len(waiting) == 1
            else reverse("suggestions:mine"),
            "；".join(c.suggestion.title for c in waiting[:3]),
        )

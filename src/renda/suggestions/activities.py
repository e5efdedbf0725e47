"""A submitted motion or suggestion counts as the deputy's "motion or suggestion" activity
(341 311: at least one a year), registered through the activities module's one source service:
the lead deputy's and, where the congress so rules, each co-signer's; withdrawal revokes them."""

import logging

from django.db import transaction
from django.utils import timezone

from renda.activities.models import Activity
from renda.activities.services import activity_record_from_source, activity_revoke
from renda.core.exceptions import DomainError
from renda.suggestions.choices import CoSignerStatus, SuggestionKind
from renda.suggestions.rules import rules_for

log = logging.getLogger(__name__)

SOURCE = "suggestions.suggestion"
ACTOR = "system"


def register(suggestion) -> list[Activity]:
    """Register the activity of each signing deputy; a congress without the activity type in
    its catalogue, or a year already closed, registers nothing (and says so in the log)."""
    mandates = [suggestion.mandate]
    if rules_for(suggestion.congress).cosigners_register:
        mandates += [
            c.mandate
            for c in suggestion.cosigners.filter(status=CoSignerStatus.CONFIRMED).select_related(
                "mandate"
            )
        ]
    code = "motion" if suggestion.kind == SuggestionKind.MOTION else "suggestion"
    day = (
        timezone.localdate(suggestion.submitted_at)
        if suggestion.submitted_at
        else (timezone.localdate())
    )
    made = []
    for mandate in mandates:
        try:
            with transaction.atomic():
                made.append(
                    activity_record_from_source(
                        source_type=SOURCE,
                        source_id=suggestion.pk,
                        mandate=mandate,
                        activity_type_code=code,
                        day=day,
                        content=suggestion.title,
                        actor=ACTOR,
                    )
                )
        except DomainError as exc:
            log.warning(
                "suggestion %s: no activity for mandate %s: %s",
                suggestion.pk,
                mandate.pk,
                exc.message,
            )
    return made


def revoke(suggestion, note: str) -> None:
    for activity in Activity.objects.filter(source_type=SOURCE, source_id=str(suggestion.pk)):
        if activity.status == "verified":
            with transaction.atomic():
                activity_revoke(actor=ACTOR, activity=activity, note=note)

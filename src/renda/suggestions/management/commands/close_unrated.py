"""renda close_unrated: record as not rated (未评价) what the deputy did not rate in time.

Run daily (docs/operations.md, after send_reminders). Each item is its own step through the
workflow (`lapse_reply` / `lapse_fulfilment`), audited as the system; a second run finds
nothing more to do.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from renda.core.exceptions import DomainError
from renda.suggestions.choices import SuggestionStatus as S
from renda.suggestions.reminders import lapsed
from renda.suggestions.workflow import SUGGESTION

ACTOR = "system"


class Command(BaseCommand):
    help = "Record as not rated the motions and suggestions whose time to rate has passed."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be done.")

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        done = 0
        for suggestion in lapsed(today):
            step = "lapse_reply" if suggestion.status == S.REPLIED else "lapse_fulfilment"
            if dry_run:
                self.stdout.write(f"{step}: {suggestion.pk} {suggestion.title}")
                continue
            try:
                SUGGESTION.transition(actor=ACTOR, obj=suggestion, name=step)
            except DomainError as exc:  # changed meanwhile (rated a moment ago): leave it
                self.stderr.write(f"{suggestion.pk}: {exc.message}")
                continue
            done += 1
        self.stdout.write(f"{done} recorded as not rated.")

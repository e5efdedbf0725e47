"""`renda send_reminders`: send the commitment reminders due today (see commitments/reminders.py).

Meant for cron, once a day (docs/operations.md). Idempotent: every reminder carries a key, and a
recipient who had it before gets nothing, so a second run sends nothing new.
"""

import argparse
import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from renda.commitments import reminders


class Command(BaseCommand):
    help = (
        "Remind deputies who made no commitments once the window closed (and their congress's "
        "staff), and deputies whose approved commitments have had no progress for "
        "COMMITMENT_STALE_DAYS days. Sends each reminder once only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be sent; send and write nothing.",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            metavar="YYYY-MM-DD",
            help="Act as if today were this day (default: today in TIME_ZONE).",
        )

    def handle(self, *args, dry_run, today, verbosity, **options):
        today = today or timezone.localdate()
        outcomes = reminders.send_reminders(today=today, dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        total = 0
        for o in outcomes:
            total += o.sent
            if o.sent or verbosity > 1:
                r = o.reminder
                line = f"{r.kind}: {r.about} — {verb} to {o.sent} of {len(r.recipients)}"
                self.stdout.write(line)
        due = len(outcomes)
        self.stdout.write(
            self.style.SUCCESS(
                f"{today}: {due} reminder(s) due, {total} notification(s) {verb}"
                + (" (dry run)" if dry_run else "")
            )
        )


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"a date as YYYY-MM-DD, not {value!r}") from exc

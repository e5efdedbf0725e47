"""`renda send_reminders`: send the reminders due today, of every rule the apps registered
(`notifications.reminders`).

Meant for cron, once a day (docs/operations.md). Idempotent: every reminder carries a key, and a
recipient who had it before gets nothing, so a second run sends nothing new.
"""

import argparse
import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from renda.notifications import reminders


class Command(BaseCommand):
    help = (
        "Send the reminders due today of every rule the apps register (commitments: deputies "
        "without commitments once the window closed, and their staff; approved commitments "
        "without progress for COMMITMENT_STALE_DAYS days). Sends each reminder once only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be sent; send and write nothing.",
        )
        parser.add_argument(
            "--rule",
            action="append",
            choices=[r.name for r in reminders.rules()],
            help="Only this rule's reminders (repeat for several; default: every rule).",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            metavar="YYYY-MM-DD",
            help="Act as if today were this day (default: today in TIME_ZONE).",
        )

    def handle(self, *args, dry_run, today, rule, verbosity, **options):
        today = today or timezone.localdate()
        outcomes = reminders.send(reminders.due(today, only=rule), dry_run=dry_run)
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

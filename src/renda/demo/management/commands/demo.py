"""`renda demo`: build the demo district (荣昌区, Chongqing) and print its logins.

The work is `renda.demo.builder`, which writes what `renda.demo.plan` draws; this command only
parses options, guards the database and reports. `make demo` runs `renda demo --if-empty`, which
leaves a database with data alone.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from renda.core import bulk
from renda.core.exceptions import DomainError
from renda.demo import builder
from renda.demo.plan import DEFAULT_SEED


class Command(BaseCommand):
    help = (
        "Build a deterministic demo district modelled on Rongchang, Chongqing: congresses, "
        "~1,200 deputies of three levels, stations, handling units and one user of every role. "
        "Prints the demo logins and writes them to var/demo-accounts.json."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Seed of the random draws; the same seed builds the same district "
            "(default: %(default)s).",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Fraction of the full rosters to seat, for a quicker, smaller demo (default: 1).",
        )
        parser.add_argument(
            "--accounts-file",
            type=Path,
            default=None,
            help="Where to write the demo logins as JSON (default: VAR_DIR/demo-accounts.json).",
        )
        when_data = parser.add_mutually_exclusive_group()
        when_data.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already holds congresses, deputies or stations.",
        )
        when_data.add_argument(
            "--force",
            action="store_true",
            help="Empty the WHOLE database first (as `renda flush` does), then build.",
        )

    def handle(self, *args, seed, scale, accounts_file, if_empty, force, verbosity, **options):
        if not 0 < scale <= 1:
            raise CommandError("--scale must be more than 0 and at most 1.")
        accounts_file = accounts_file or Path(settings.VAR_DIR) / "demo-accounts.json"
        if builder.has_data():
            if if_empty:
                if verbosity >= 1:
                    self.stdout.write("The database already holds data; the demo was not built.")
                return
            if not force:
                raise CommandError(
                    f"{builder.NOT_EMPTY} Use --force to empty it first, or --if-empty to skip."
                )
            self.stderr.write(self.style.WARNING("Emptying the database (--force)."))
            call_command("flush", interactive=False, verbosity=0)
        try:
            result = builder.build(seed=seed, scale=scale, progress=verbosity >= 1)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        builder.write_accounts(accounts_file, result.accounts)
        bulk.analyze()  # the planner's statistics for the tables just filled
        if verbosity >= 1:
            self._report(result, accounts_file)

    def _report(self, result: builder.DemoResult, accounts_file: Path) -> None:
        s = result.summary
        seats = s["seats"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Built the demo district 重庆市荣昌区: {s['deputies']:,} deputies holding "
                f"{seats['municipal']} municipal, {seats['district']} district and {seats['town']} "
                f"town seats ({s['two_seats']} hold two, {s['three_seats']} three); "
                f"{s['stations']} stations, {s['units']} handling units, {s['users']} users."
            )
        )
        c = builder.contents()
        final = c["final_years"]
        self.stdout.write(
            f"{c['commitments']:,} commitments ({c['commitment_years'][0]}–"
            f"{c['commitment_years'][1]}); {c['activities']:,} verified activities and "
            f"{c['waiting']} awaiting verification; evaluations final for "
            + (", ".join(map(str, final)) if final else "no year")
            + "."
        )
        self.stdout.write(
            f"{c['suggestions']:,} motions and suggestions received (2017–2026), "
            f"{c['disclosed']:,} of them disclosed."
        )
        rows = [("role", "username", "password", "reaches")]
        for account in result.accounts:
            rows.append(
                (account["role"], account["username"], account["password"], _reaches(account))
            )
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write("  " + "  ".join([*cells, row[3]]))
        self.stdout.write(f"The logins are in {accounts_file}.")


def _reaches(account: dict) -> str:
    """What a demo login's role grant reaches, in a word."""
    if "region_code" in account:
        return f"{account['region']} ({account['region_code']})"
    if "bound_to" in account:
        return account["bound_to"]["name"]
    return "everything"

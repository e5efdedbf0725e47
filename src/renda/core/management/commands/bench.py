"""`renda bench evaluation`: time a province-scale evaluation against one SQL aggregate.

The work is `renda.assessment.bench`; this command parses options and, unless told to use the
configured database as it is, builds into a throwaway database of its own (a temporary SQLite
file, or a new PostgreSQL database next to the configured one) and drops it afterwards. The
figures are in docs/benchmarks.md.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from renda.assessment import bench


class Command(BaseCommand):
    help = (
        "Benchmarks. `evaluation`: build a province-scale dataset (60,000 seats, 3,000,000 "
        "activities by default) in a throwaway database and time a full evaluation against one "
        "hand-written SQL aggregate over the same rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("benchmark", choices=["evaluation"])
        parser.add_argument("--mandates", type=int, default=60_000, help="Seats (default 60000).")
        parser.add_argument(
            "--activities", type=int, default=3_000_000, help="Activities (default 3000000)."
        )
        parser.add_argument(
            "--year", type=int, default=None, help="Year evaluated (default: last year)."
        )
        parser.add_argument(
            "--repeats", type=int, default=3, help="Timed runs of each (default 3)."
        )
        parser.add_argument(
            "--profile", action="store_true", help="Print a cProfile of one evaluation pass."
        )
        parser.add_argument(
            "--database",
            default="default",
            help="The connection whose engine and server to use (default: default).",
        )

    def handle(
        self, *args, benchmark, mandates, activities, year, repeats, database, profile, **options
    ):
        if mandates < 1 or activities < 0 or repeats < 1:
            raise CommandError("--mandates and --repeats must be at least 1.")
        if database != "default":
            # The services run on the default connection: make the chosen one the default.
            if database not in connections.settings:
                raise CommandError(f"There is no database connection called {database!r}.")
            connections["default"].close()
            connections["default"].settings_dict.update(connections[database].settings_dict)
        verbosity = options["verbosity"]
        with bench.throwaway_database(verbosity=max(verbosity - 1, 0)) as name:
            if verbosity >= 1:
                self.stderr.write(f"Building into the throwaway database {name}")
            report = bench.run(
                mandates=mandates,
                activities=activities,
                year=year,
                repeats=repeats,
                progress=verbosity >= 1,
                profile=profile,
            )
            self.stdout.write(report.render())

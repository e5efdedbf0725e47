"""`renda bench <name>`: run one of the benchmarks the apps register (`renda.core.bench`).

Unless a benchmark works on the configured database as it is, it builds into a throwaway
database of its own (a temporary SQLite file, or a new PostgreSQL database next to the
configured one) and drops it afterwards. The figures are in docs/benchmarks.md.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from renda.core import bench


class Command(BaseCommand):
    help = "Benchmarks, each timed against a baseline in the same run: " + ", ".join(
        bench.benchmarks()
    )

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="benchmark", required=True, metavar="benchmark")
        for benchmark in bench.benchmarks().values():
            sub = commands.add_parser(benchmark.name, help=benchmark.help)
            sub.add_argument(
                "--database",
                default="default",
                help="The connection whose engine and server to use (default: default).",
            )
            benchmark.add_arguments(sub)

    def handle(self, *args, benchmark, database, **options):
        chosen = bench.benchmarks()[benchmark]
        if database != "default":
            # The services run on the default connection: make the chosen one the default.
            if database not in connections.settings:
                raise CommandError(f"There is no database connection called {database!r}.")
            connections["default"].close()
            connections["default"].settings_dict.update(connections[database].settings_dict)
        verbosity = options["verbosity"]
        try:
            if not chosen.throwaway:
                self.stdout.write(chosen.run(**options))
                return
            with bench.throwaway_database(verbosity=max(verbosity - 1, 0)) as name:
                if verbosity >= 1:
                    self.stderr.write(f"Building into the throwaway database {name}")
                self.stdout.write(chosen.run(**options))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

"""`renda bench <name>`: benchmarks that time renda's work against a baseline in the same run.

Apps register their benchmarks in `AppConfig.ready()` (`register(Benchmark(...))`); the command
in `core/management/commands/bench.py` offers each as a sub-command. Shared here: timings with
their best and median, a description of the machine, and a throwaway database to build into.
Figures and how to read them: docs/benchmarks.md.
"""

import contextlib
import os
import platform
import sqlite3
import statistics
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class Benchmark:
    """One sub-command of `renda bench`: its arguments and the run that returns a report."""

    name: str
    help: str
    add_arguments: Callable  # (argparse parser) -> None
    run: Callable[..., str]  # (**options) -> the report, as text
    # Build into a throwaway database unless the benchmark works on the configured one.
    throwaway: bool = True


_registry: dict[str, Benchmark] = {}


def register(benchmark: Benchmark) -> None:
    _registry[benchmark.name] = benchmark


def benchmarks() -> dict[str, Benchmark]:
    return dict(sorted(_registry.items()))


@dataclass
class Timing:
    label: str
    runs: list[float]

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


@contextlib.contextmanager
def throwaway_database(verbosity: int = 0) -> Iterator[str]:
    """Point the default connection at a new, migrated database and drop it afterwards: a
    temporary file for SQLite, `CREATE DATABASE renda_bench_<pid>` for PostgreSQL. Django's
    test-database machinery does the creating, migrating and dropping. Yields its name."""
    settings_dict = connection.settings_dict
    old_name = settings_dict["NAME"]
    test = settings_dict.setdefault("TEST", {})
    old_test_name = test.get("NAME")
    tmpdir = None
    if connection.vendor == "sqlite":
        tmpdir = tempfile.mkdtemp(prefix="renda-bench-")
        test["NAME"] = os.path.join(tmpdir, "bench.sqlite3")
    else:
        test["NAME"] = f"renda_bench_{os.getpid()}"
    try:
        name = connection.creation.create_test_db(
            verbosity=verbosity, autoclobber=True, serialize=False
        )
        try:
            yield name
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=verbosity)
    finally:
        test["NAME"] = old_test_name
        if tmpdir:
            with contextlib.suppress(OSError):
                for f in os.listdir(tmpdir):
                    os.remove(os.path.join(tmpdir, f))
                os.rmdir(tmpdir)


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        database = f"SQLite {sqlite3.sqlite_version}"
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "database": database,
    }

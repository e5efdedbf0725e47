"""Writing many rows: in one statement, and telling the planner afterwards.

PostgreSQL's `COPY … FROM STDIN` is the fastest way in, and one statement whatever the number
of rows. Django's cursor wrapper only sees `execute`, so `copy_rows` records the statement in
the connection's query log itself: `assertNumQueries` and `CaptureQueriesContext` count it like
any other.
"""

import time
from collections.abc import Iterable, Sequence

from django.db import connection


def copy_rows(model, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """COPY `rows` (tuples in the order of `columns`) into `model`'s table (PostgreSQL only).
    Values go through psycopg's adapters; JSON columns take their JSON as text."""
    if connection.vendor != "postgresql":
        raise NotImplementedError("COPY is PostgreSQL's")
    quote = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(
        quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    )
    started = time.monotonic()
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
    if connection.queries_logged:
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})


# An import or a build that writes at least this many rows refreshes the planner's statistics.
ANALYZE_AFTER_ROWS = 500


def analyze() -> None:
    """Refresh the query planner's statistics after a large write (the demo's build, a roster
    or commitments import). SQLite never gathers them by itself: without them the station
    wall's query chose the status index and read every public commitment, 15–19 ms, against
    0.2–1.6 ms after ANALYZE (issue 11). PostgreSQL's autovacuum would get there later; this
    gets there now. Call it after the write has committed, so the statistics count its rows."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

"""The database connection as the server keeps it (no frozen clock here: Django ages a
connection by the monotonic clock, which freezegun would stop)."""

import pytest
from django.db import connection


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database is never closed (closing would destroy it)",
)
@pytest.mark.django_db(transaction=True)
def test_a_worker_keeps_its_database_connection_between_requests():
    """Persistent connections by default (CONN_MAX_AGE, checked before reuse): a new one per
    request cost 3–5 ms of CPU (issue 11). The end of a request keeps the connection open."""
    connection.ensure_connection()
    first = connection.connection
    connection.close_if_unusable_or_obsolete()  # what the end of every request asks
    assert connection.connection is first


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own statement")
def test_a_sqlite_connection_runs_pragma_optimize_as_it_closes(tmp_path, django_db_blocker):
    """SQLite refreshes the planner's stale statistics at close (core/sqlite/base.py); the
    wall's commitments query took the wrong index without them (issue 11)."""
    from renda.core.sqlite.base import DatabaseWrapper

    settings_dict = {**connection.settings_dict, "NAME": str(tmp_path / "renda.sqlite3")}
    wrapper = DatabaseWrapper(settings_dict, alias="optimize")
    statements = []
    with django_db_blocker.unblock():
        wrapper.ensure_connection()
        wrapper.connection.set_trace_callback(statements.append)
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
        wrapper.close()
    assert statements[-1] == "PRAGMA optimize"
    assert wrapper.connection is None

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

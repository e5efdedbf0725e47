"""Django's SQLite backend, and `PRAGMA optimize` when a connection closes.

SQLite asks long-lived applications to run `PRAGMA optimize` before closing a connection: it
refreshes the planner's statistics of the tables the connection's queries used, when they are
stale, and costs nothing when they are not. Without statistics the planner took the wrong index
for the station wall (15–19 ms instead of 0.2–1.6 ms, issue 11). `renda demo` and large imports
also run a full `ANALYZE` (core/bulk.py). settings.py names this backend for every SQLite
database.
"""

import contextlib

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self):
        if self.connection is not None and not self.is_in_memory_db():
            # A busy or read-only database: the next close tries again.
            with contextlib.suppress(base.Database.Error):
                self.connection.execute("PRAGMA optimize")
        super()._close()

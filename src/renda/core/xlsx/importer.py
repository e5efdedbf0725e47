"""The engine every spreadsheet import shares: `Importer`.

An import reads the file against its `Table`, checks every row (collecting every row's errors),
and refuses the whole file when any row is wrong. Otherwise, unless it is a dry run, it writes
all the rows in one transaction through the app's services, so each change is audited under the
importing actor; a service that refuses a row all the same (someone changed a record in
between) rolls everything back and is reported against that row. Rows that would change nothing
are counted as unchanged, so importing the same file twice writes nothing the second time.

Each app keeps what is its own in a small subclass (`stations/roster.py`,
`stations/spreadsheets.py`, `commitments/spreadsheets.py`): the table, how a row is checked and
turned into a plan, and how a plan is written.
"""

from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.core import bulk
from renda.core import services as base
from renda.core.exceptions import DomainError
from renda.core.querysets import CHANGE
from renda.core.xlsx.cells import CellError, RowError
from renda.core.xlsx.reading import ParsedRow, read_table
from renda.core.xlsx.tables import Table

ROW_NOT_SAVED = _("This row could not be saved: %(message)s")


@dataclass
class ImportResult:
    """What an import did, or would do on a dry run. With any error nothing was written and
    the counts are zero."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run and bool(self.created or self.updated)

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "dry_run": self.dry_run,
            "errors": [e.as_dict() for e in self.errors],
        }


# --- Writing the rows ---------------------------------------------------------------------------


class RowRefused(Exception):
    """A service refused a row's write; the import's transaction rolls back."""

    def __init__(self, row: int, error: DomainError):
        super().__init__(str(error.message))
        self.row, self.error = row, error

    def as_row_error(self) -> RowError:
        return RowError(self.row, "", ROW_NOT_SAVED % {"message": self.error.message})


class writing_row:
    """`with writing_row(n):` turns a service's refusal into a `RowRefused` naming row n.

    The checks before the write should have caught everything; this catches what changed in
    between (another user editing the same records) and still names the row."""

    def __init__(self, number: int):
        self.number = number

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, DomainError):
            raise RowRefused(self.number, exc) from exc
        return False


def changed_fields(obj, data: Mapping[str, Any]) -> dict[str, Any]:
    """The items of `data` that differ from `obj`'s attributes (related objects by pk)."""
    changes = {}
    for name, value in data.items():
        current = getattr(obj, name)
        if hasattr(value, "pk") or hasattr(current, "pk"):
            same = getattr(current, "pk", None) == getattr(value, "pk", None)
        else:
            same = current == value
        if not same:
            changes[name] = value
    return changes


# --- The importer -------------------------------------------------------------------------------


@dataclass(kw_only=True)
class RowPlan:
    """What one checked row will write; a subclass adds what its writes need.

    `record` is what is on record for the row (None: the row makes a new one) and `changes`
    what the row changes in it; a row that changes nothing is counted as unchanged, which makes
    importing the same file twice a no-op. A plan that writes more than one record overrides
    `new` and `changed`."""

    row: int
    record: Any = None
    changes: dict[str, Any] = field(default_factory=dict)

    @property
    def new(self) -> bool:
        return self.record is None

    @property
    def changed(self) -> bool:
        return bool(self.changes)


P = TypeVar("P", bound=RowPlan)


class Importer(Generic[P]):
    """One import of one file by one actor.

    A subclass sets `table` and implements `check_row` (a row read without cell errors → its
    plan, after recording any problem with `error` or inside `cell`) and `write_plan` (one plan
    → the service calls). `prepare` loads what is on record before the rows are checked;
    `check_plans` checks what needs every row (a station's head changing hands); `write` may
    order the writes across rows. `run` does the rest.

    `actor` is a User, limited to what their scope lets them change (`ensure_allowed`), or a
    string naming a system actor such as "import", which may change anything."""

    table: ClassVar[Table]

    def __init__(self, *, actor):
        self.actor = actor
        self.errors: list[RowError] = []
        self._row_starts_at = 0
        self._memory: dict[Hashable, Any] = {}
        self._allowed: dict[tuple[str, Any], bool] = {}
        self._first_rows: dict[Hashable, int] = {}

    # --- Hooks ----------------------------------------------------------------------------

    def prepare(self, rows: list[ParsedRow]) -> None:
        """Load what is on record for `rows` (those without cell errors) in a few queries."""

    def check_row(self, row: ParsedRow) -> P | None:  # pragma: no cover - every importer overrides
        raise NotImplementedError

    def check_plans(self, plans: list[P]) -> None:
        """Checks that need every row's plan; record problems with `error`."""

    def write_plan(self, plan: P) -> None:  # pragma: no cover - every importer overrides
        raise NotImplementedError

    def write(self, plans: list[P]) -> None:
        """Write every plan, in the file's order, each naming its row should a service refuse."""
        for plan in plans:
            with writing_row(plan.row):
                self.write_plan(plan)

    # --- Recording problems ---------------------------------------------------------------

    def error(self, row: int, key: str | None, message) -> None:
        """A problem in `row`, in the column `key` (None: the row as a whole)."""
        self.errors.append(self.table.error(row, key, message))

    @contextmanager
    def cell(self, row: int, key: str | None) -> Iterator[None]:
        """`with self.cell(n, "congress"): …` records a `CellError` raised inside as a problem
        of that row and column (or of the column the error names) and carries on."""
        try:
            yield
        except CellError as exc:
            self.error(row, exc.key or key, exc.message)

    @property
    def row_failed(self) -> bool:
        """Whether the row being checked has a problem recorded so far."""
        return len(self.errors) > self._row_starts_at

    def earlier_row(self, key: Hashable, row: int) -> int | None:
        """The row that first gave `key` (the same record twice), or None when `row` is the
        first, which is then remembered."""
        first = self._first_rows.setdefault(key, row)
        return None if first == row else first

    # --- Lookups --------------------------------------------------------------------------

    def remember(self, key: Hashable, find: Callable[[], Any]) -> Any:
        """`find()`, once per `key` for the whole file: a name used on a thousand rows is
        looked up once. A `CellError` is not remembered; the next row asks again."""
        if key not in self._memory:
            self._memory[key] = find()
        return self._memory[key]

    def allowed(self, obj) -> bool:
        """Whether the actor may change `obj`; asked once per object."""
        if base.is_system(self.actor):
            return True
        key = (type(obj).__name__, obj.pk)
        if key not in self._allowed:
            queryset = type(obj).objects.restrict(self.actor, CHANGE)
            self._allowed[key] = queryset.filter(pk=obj.pk).exists()
        return self._allowed[key]

    def ensure_allowed(self, obj):
        """`obj`, or a `CellError` when it lies outside the actor's scope."""
        if not self.allowed(obj):
            raise CellError(base.OUT_OF_SCOPE)
        return obj

    # --- The engine -----------------------------------------------------------------------

    def run(self, file, *, dry_run: bool) -> ImportResult:
        """Check every row of `file`, then (unless `dry_run`, and only if no row has a
        problem) write them all in one transaction. Raises `FileRefused` for a file that
        cannot be read as this table at all."""
        sheet = read_table(self.table, file)
        self.errors.extend(sheet.errors)
        readable = [row for row in sheet.rows if row.ok]
        self.prepare(readable)
        plans = []
        for row in readable:
            self._row_starts_at = len(self.errors)
            plan = self.check_row(row)
            if plan is not None and not self.row_failed:
                plans.append(plan)
        self.check_plans(plans)

        result = ImportResult(rows=len(sheet.rows), dry_run=dry_run)
        if self.errors:
            result.errors = self.table.sorted_errors(self.errors)
            return result
        if not dry_run:
            try:
                with transaction.atomic():
                    self.write(plans)
            except RowRefused as refused:
                result.errors = [refused.as_row_error()]
                return result
            if len(plans) >= bulk.ANALYZE_AFTER_ROWS:
                bulk.analyze()
        result.created = sum(1 for p in plans if p.new)
        result.updated = sum(1 for p in plans if not p.new and p.changed)
        result.unchanged = len(plans) - result.created - result.updated
        return result

"""The `xlsx.Importer` engine on a table of its own: every row checked before anything is written,
all or nothing, dry runs, new / changed / unchanged counts, and a refusal named by its row. The
three real imports (roster, stations, past commitments) test their own rules."""

from dataclasses import dataclass

import pytest

from renda.core import xlsx
from renda.core.exceptions import Conflict
from renda.core.testing import workbook

pytestmark = pytest.mark.django_db

TABLE = xlsx.Table(
    sheet_title="名单",
    columns=(
        xlsx.NameColumn(key="name", header="姓名", required=True),
        xlsx.TextColumn(key="note", header="说明"),
    ),
)
UNKNOWN = "Nobody called that is on record."
TWICE = "Row %(row)s already names this person."
ON_RECORD = {"张三": "", "李四": "旧"}


@dataclass(kw_only=True)
class Plan(xlsx.RowPlan):
    name: str
    note: str


class NotesImporter(xlsx.Importer[Plan]):
    table = TABLE

    def __init__(self, *, actor, refuse: str = ""):
        super().__init__(actor=actor)
        self.refuse = refuse
        self.written: list[str] = []

    def check_row(self, row):
        v, n = row.values, row.number
        if v["name"] == "王五":
            self.error(n, "name", UNKNOWN)
        if first := self.earlier_row(v["name"], n):
            self.error(n, None, TWICE % {"row": first})
        if self.row_failed:
            return None
        record = ON_RECORD.get(v["name"])
        changes = {"note": v["note"]} if record is not None and record != v["note"] else {}
        return Plan(row=n, name=v["name"], note=v["note"], record=record, changes=changes)

    def write_plan(self, plan):
        if plan.name == self.refuse:
            raise Conflict("changed meanwhile")
        self.written.append(plan.name)


def run(rows, *, dry_run=False, refuse=""):
    importer = NotesImporter(actor="import", refuse=refuse)
    file = workbook(rows, ["姓名", "说明"], "名单")
    return importer, importer.run(file, dry_run=dry_run)


ROWS = [{"姓名": "张　三"}, {"姓名": "李四", "说明": "新"}, {"姓名": "赵六"}]


def test_rows_are_counted_new_changed_and_unchanged_and_written_in_order():
    importer, result = run(ROWS)
    assert (result.rows, result.created, result.updated, result.unchanged) == (3, 1, 1, 1)
    assert importer.written == ["张三", "李四", "赵六"]
    assert result.ok and result.written


def test_a_dry_run_counts_the_same_and_writes_nothing():
    importer, result = run(ROWS, dry_run=True)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert importer.written == []
    assert not result.written


def test_any_wrong_row_refuses_the_file_with_every_error_in_row_order():
    rows = [{"姓名": "王五"}, *ROWS, {"姓名": "李四"}, {"说明": "无名"}]
    importer, result = run(rows)
    assert [str(e) for e in result.errors] == [
        str(xlsx.RowError(2, "姓名", UNKNOWN)),
        str(xlsx.RowError(6, "", TWICE % {"row": 4})),
        str(xlsx.RowError(7, "姓名", xlsx.REQUIRED)),
    ]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert importer.written == []


def test_a_service_refusing_a_row_is_reported_against_that_row():
    importer, result = run(ROWS, refuse="李四")
    assert [(e.row, e.column) for e in result.errors] == [(3, "")]
    assert str(result.errors[0].message) == str(
        xlsx.ROW_NOT_SAVED % {"message": "changed meanwhile"}
    )
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)


def _planner_statistics() -> int:
    """How many tables the planner has statistics for (SQLite's sqlite_stat1; PostgreSQL's
    analyze count of this database's tables)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return 0
            cursor.execute("SELECT COUNT(DISTINCT tbl) FROM sqlite_stat1")
        else:
            cursor.execute("SELECT COALESCE(SUM(analyze_count), 0) FROM pg_stat_user_tables")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_large_import_refreshes_the_planners_statistics_and_a_small_one_does_not(monkeypatch):
    from renda.accounts.tests.factories import UserFactory
    from renda.core import bulk

    UserFactory.create_batch(3)  # rows for the statistics to count
    monkeypatch.setattr(bulk, "ANALYZE_AFTER_ROWS", 4)
    before = _planner_statistics()
    run(ROWS)  # three rows: below the mark
    assert _planner_statistics() == before
    run([*ROWS, {"姓名": "孙七"}])
    assert _planner_statistics() > before

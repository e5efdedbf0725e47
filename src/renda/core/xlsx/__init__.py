"""Spreadsheets as the offices keep them: read, check and write .xlsx tables from a column spec.

- `cells` — the Chinese cell formats (dates, times, phone numbers, GB 11643 ID numbers, Chinese
  numerals, lists in one cell), `CellError` and `RowError`;
- `tables` — `Column`s and `Table`s declared once, and the template and exports written from
  them in the same layout, so an export imports again unchanged; registers of any size written
  in flat memory (`stream_table`);
- `reading` — an upload read against its table into typed rows and row-level errors, or refused
  as a whole (`FileRefused`);
- `importer` — the `Importer` base every import shares: check every row, refuse all when any
  is wrong, otherwise write all in one transaction (dry run, idempotence, `writing_row`);
- `reports` — report sheets as offices file them (`report_sheet`, `report_bytes`).

The domain checks and the writes stay with each app, in an `Importer` subclass; cells that name
a region are read by `regions.spreadsheets`. Column headers and the 说明 sheet are Chinese
document content, as the offices' own spreadsheets are; messages shown in the application are
English msgids translated to zh-Hans. Everything is re-exported here: `xlsx.TextColumn`.
"""

from renda.core.xlsx.cells import (
    ID_STORED_AS_NUMBER,
    NO_SUCH_DATE,
    NOT_A_DATE,
    NOT_A_NUMBER,
    NOT_A_TIME,
    NOT_ALLOWED,
    OUT_OF_RANGE,
    REQUIRED,
    ROW_ERROR,
    ROW_ERROR_NO_COLUMN,
    TOO_LONG,
    CellError,
    RowError,
    as_text,
    chinese_number,
    clean_id_number,
    clean_phone,
    id_birth_date,
    is_blank,
    normalise,
    parse_date,
    parse_time,
    split_list,
)
from renda.core.xlsx.importer import (
    ROW_NOT_SAVED,
    Importer,
    ImportResult,
    RowPlan,
    RowRefused,
    changed_fields,
    writing_row,
)
from renda.core.xlsx.reading import (
    EMPTY_FILE,
    FILE_TOO_LARGE,
    HEADERS_MISSING,
    HEADERS_REPEATED,
    HEADERS_UNKNOWN,
    MAX_BYTES,
    NOT_XLSX,
    TOO_MANY_ROWS,
    WRONG_HEADERS,
    FileRefused,
    ParsedRow,
    ParsedSheet,
    read_table,
)
from renda.core.xlsx.reports import error_report, report_bytes, report_sheet, report_widths
from renda.core.xlsx.tables import (
    INSTRUCTIONS_SHEET,
    MAX_ROWS,
    OPTIONS_SHEET,
    ChoiceColumn,
    Column,
    DateColumn,
    DecimalColumn,
    IdNumberColumn,
    NameColumn,
    PhoneColumn,
    Table,
    TextColumn,
    TimeColumn,
    build_workbook,
    stream_table,
    yes_no_column,
)

__all__ = [
    "EMPTY_FILE",
    "FILE_TOO_LARGE",
    "HEADERS_MISSING",
    "HEADERS_REPEATED",
    "HEADERS_UNKNOWN",
    "ID_STORED_AS_NUMBER",
    "INSTRUCTIONS_SHEET",
    "MAX_BYTES",
    "MAX_ROWS",
    "NO_SUCH_DATE",
    "NOT_ALLOWED",
    "NOT_A_DATE",
    "NOT_A_NUMBER",
    "NOT_A_TIME",
    "NOT_XLSX",
    "OPTIONS_SHEET",
    "OUT_OF_RANGE",
    "REQUIRED",
    "ROW_ERROR",
    "ROW_ERROR_NO_COLUMN",
    "ROW_NOT_SAVED",
    "TOO_LONG",
    "TOO_MANY_ROWS",
    "WRONG_HEADERS",
    "CellError",
    "ChoiceColumn",
    "Column",
    "DateColumn",
    "DecimalColumn",
    "FileRefused",
    "IdNumberColumn",
    "ImportResult",
    "NameColumn",
    "Importer",
    "ParsedRow",
    "ParsedSheet",
    "PhoneColumn",
    "RowError",
    "RowPlan",
    "RowRefused",
    "Table",
    "TextColumn",
    "TimeColumn",
    "as_text",
    "build_workbook",
    "changed_fields",
    "chinese_number",
    "clean_id_number",
    "clean_phone",
    "error_report",
    "id_birth_date",
    "is_blank",
    "normalise",
    "parse_date",
    "parse_time",
    "read_table",
    "report_bytes",
    "report_sheet",
    "report_widths",
    "split_list",
    "stream_table",
    "writing_row",
    "yes_no_column",
]

"""Reading an upload against its table: typed values by column key, and row-level errors.

What a whole file cannot be (not .xlsx, too large, empty, wrong headers, too many rows) is
refused with `FileRefused`; otherwise every cell is read, and each problem comes back as a
`RowError` naming the row as Excel numbers it, the column header and what is wrong.
"""

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from renda.core.exceptions import ValidationFailed
from renda.core.xlsx.cells import REQUIRED, CellError, RowError, as_text, is_blank, normalise
from renda.core.xlsx.tables import INSTRUCTIONS_SHEET, OPTIONS_SHEET, Table

MAX_BYTES = 10 * 1024 * 1024
# Headers an office often adds that carry nothing to import.
IGNORED_HEADERS = {"序号", "编号", "备注"}
# Stop reading after this many blank rows in a row: a sheet formatted down to row 1,048,576
# should not cost a minute of reading nothing.
_BLANK_RUN_LIMIT = 1000

NOT_XLSX = _(
    "This is not an Excel workbook (.xlsx). Open it in Excel or WPS, save it as "
    "“Excel Workbook (*.xlsx)” and upload it again."
)
FILE_TOO_LARGE = _("The file is larger than %(size)s MB.")
EMPTY_FILE = _("The file holds no data: fill in the rows below the template's header row.")
WRONG_HEADERS = _(
    "The first row does not hold the template's column headers (%(details)s). "
    "Download the template and copy your data into it."
)
HEADERS_MISSING = _("missing: %(columns)s")
HEADERS_UNKNOWN = _("not recognised: %(columns)s")
HEADERS_REPEATED = _("repeated: %(columns)s")
TOO_MANY_ROWS = _(
    "The file has more than %(limit)s rows; split it into files of at most %(limit)s rows."
)


class FileRefused(ValidationFailed):
    """The file as a whole cannot be imported; nothing in it was looked at row by row."""

    code = "file_refused"


@dataclass
class ParsedRow:
    """One data row: its number as Excel shows it and its typed values by column key."""

    number: int
    values: dict[str, Any]
    ok: bool = True


@dataclass
class ParsedSheet:
    rows: list[ParsedRow]
    errors: list[RowError]


def _read_bytes(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > MAX_BYTES:
            raise FileRefused(FILE_TOO_LARGE % {"size": MAX_BYTES // (1024 * 1024)})
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileRefused(FILE_TOO_LARGE % {"size": MAX_BYTES // (1024 * 1024)})
    return data


def _list_separator() -> str:
    return "；" if (get_language() or "").startswith("zh") else "; "


def _norm_header(value) -> str:
    return normalise(as_text(value)).strip("*＊")


def read_table(table: Table, file) -> ParsedSheet:
    """Read an uploaded workbook (bytes or a file object) against `table`.

    Raises `FileRefused` for a file that is not .xlsx, is too large, has no data rows, has
    wrong headers or too many rows. Otherwise every cell is parsed; the errors come back
    with the rows (a row with any cell error has `ok=False`)."""
    data = _read_bytes(file)
    if not data or not zipfile.is_zipfile(io.BytesIO(data)):
        raise FileRefused(NOT_XLSX)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
        raise FileRefused(NOT_XLSX) from exc
    try:
        if table.sheet_title in wb.sheetnames:
            ws = wb[table.sheet_title]
        else:
            names = [n for n in wb.sheetnames if n not in {INSTRUCTIONS_SHEET, OPTIONS_SHEET}]
            if not names:
                raise FileRefused(EMPTY_FILE)
            ws = wb[names[0]]
        return _read_rows(table, ws.iter_rows(values_only=True))
    finally:
        wb.close()


def _read_rows(table: Table, lines) -> ParsedSheet:
    header = next(lines, None)
    if header is None or all(is_blank(v) for v in header):
        raise FileRefused(EMPTY_FILE)
    by_header = {}
    for col in table.columns:
        for name in (col.header, *col.header_aliases):
            by_header[_norm_header(name)] = col
    positions: dict[str, int] = {}
    unknown, repeated = [], []
    for idx, value in enumerate(header):
        name = _norm_header(value) if not is_blank(value) else ""
        if not name:
            continue
        col = by_header.get(name)
        if col is None:
            if name not in IGNORED_HEADERS:
                unknown.append(as_text(value))
        elif col.key in positions:
            repeated.append(col.header)
        else:
            positions[col.key] = idx
    missing = [col.header for col in table.columns if col.key not in positions]
    if missing or unknown or repeated:
        details = []
        if missing:
            details.append(str(HEADERS_MISSING % {"columns": "、".join(missing)}))
        if unknown:
            details.append(str(HEADERS_UNKNOWN % {"columns": "、".join(unknown)}))
        if repeated:
            details.append(str(HEADERS_REPEATED % {"columns": "、".join(repeated)}))
        raise FileRefused(WRONG_HEADERS % {"details": _list_separator().join(details)})

    rows, errors = [], []
    blank_run = 0
    for number, line in enumerate(lines, start=2):
        cells = {key: (line[i] if i < len(line) else None) for key, i in positions.items()}
        if all(is_blank(v) for v in cells.values()):
            blank_run += 1
            if blank_run > _BLANK_RUN_LIMIT:
                break
            continue
        blank_run = 0
        if len(rows) >= table.max_rows:
            raise FileRefused(TOO_MANY_ROWS % {"limit": table.max_rows})
        row = ParsedRow(number=number, values={})
        for col in table.columns:
            raw = cells[col.key]
            if is_blank(raw):
                if col.required:
                    errors.append(RowError(number, col.header, REQUIRED))
                    row.ok = False
                row.values[col.key] = col.empty
                continue
            try:
                row.values[col.key] = col.parse(raw)
            except CellError as exc:
                errors.append(RowError(number, col.header, exc.message))
                row.ok = False
        rows.append(row)
    if not rows:
        raise FileRefused(EMPTY_FILE)
    return ParsedSheet(rows=rows, errors=errors)

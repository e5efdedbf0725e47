"""Spreadsheets as the offices keep them: read, check and write .xlsx tables from a column spec.

An importer declares its columns once (a `Table` of `Column`s). From that spec this module
builds the downloadable template (header row, an 说明 sheet documenting every column,
drop-downs for choice columns, frozen header), writes exports in the very same layout so an
export re-imports unchanged, and reads an upload into typed values plus row-level errors, each
naming the row as Excel numbers it, the column header and what is wrong.

What a whole file cannot be (not .xlsx, empty, wrong headers, too many rows) is refused with
`FileRefused`. The domain checks and the writes stay with each app (`stations/roster.py`,
`stations/stations_xlsx.py`); they return an `ImportResult`. Shared by both: the Chinese cell
formats (dates, phone numbers, GB 11643 ID numbers, Chinese numerals) and `writing_row` to name
the row a service refused; cells that name a region are read by `regions.spreadsheets`.

Column headers and the 说明 sheet are Chinese document content, as the offices' own
spreadsheets are; messages shown in the application are English msgids translated to zh-Hans.
"""

import datetime
import decimal
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from renda.core import identity
from renda.core.exceptions import DomainError, ValidationFailed

MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
INSTRUCTIONS_SHEET = "说明"
OPTIONS_SHEET = "选项"
# Headers an office often adds that carry nothing to import.
IGNORED_HEADERS = {"序号", "编号", "备注"}
# Stop reading after this many blank rows in a row: a sheet formatted down to row 1,048,576
# should not cost a minute of reading nothing.
_BLANK_RUN_LIMIT = 1000

# --- Messages -------------------------------------------------------------------------------

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

ROW_ERROR = _("Row %(row)s, column %(column)s: %(message)s")
ROW_ERROR_NO_COLUMN = _("Row %(row)s: %(message)s")

REQUIRED = _("This column must be filled in.")
TOO_LONG = _("At most %(max)s characters.")
NOT_A_DATE = _("Not a date; write it like 1975-03-02.")
NO_SUCH_DATE = _("There is no such date.")
NOT_ALLOWED = _("Not one of the allowed values: %(allowed)s.")
NOT_A_NUMBER = _("Not a number.")
OUT_OF_RANGE = _("Must lie between %(min)s and %(max)s.")
NOT_A_TIME = _("Not a time of day; write it like 9:00 or 14:30.")
ID_STORED_AS_NUMBER = _(
    "The ID card number was stored as a number and lost its last digits; format the column "
    "as text and type the number again."
)


# --- Errors and results ---------------------------------------------------------------------


class FileRefused(ValidationFailed):
    """The file as a whole cannot be imported; nothing in it was looked at row by row."""

    code = "file_refused"


class CellError(Exception):
    """A cell's content is wrong; `message` says what, in words for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class RowError:
    """One problem in one row: the row as Excel numbers it, the column header (empty when the
    row as a whole is wrong), and what is wrong."""

    row: int
    column: str
    message: Any

    def __str__(self) -> str:
        if self.column:
            return str(
                ROW_ERROR % {"row": self.row, "column": self.column, "message": self.message}
            )
        return str(ROW_ERROR_NO_COLUMN % {"row": self.row, "message": self.message})

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": str(self.message)}


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


# --- Cell formats -----------------------------------------------------------------------------

_FULLWIDTH = identity.FULLWIDTH
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value) -> str:
    """A cell as the text a person sees in it: 13800138000 typed as a number stays those
    digits, not 13800138000.0."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\u3000", " ").replace("\xa0", " ").strip()


def normalise(text: str) -> str:
    """Full-width digits and punctuation as half-width, no spaces: what matching compares."""
    return re.sub(r"\s+", "", text.translate(_FULLWIDTH))


def chinese_number(text: str) -> int | None:
    """'15', '１５', '十五', '二十', '两' → an int (up to 99); None if it is not a number."""
    text = normalise(text)
    if re.fullmatch(r"[0-9]+", text):
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1 or "十" in ones:
            return None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    if len(text) == 1:
        return _CN_DIGITS[text]
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))


_DATE_TEXT = re.compile(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?(?:\d{1,2}:\d{2}(?::\d{2})?)?")


def parse_date(value) -> datetime.date:
    """An Excel date, or text such as 1975-03-02, 1975/3/2, 1975.3.2, 1975年3月2日, 19750302."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value == int(value) and 19000101 <= value <= 21001231:
            return parse_date(str(int(value)))
        if 1 <= value < 2958466:  # Excel's serial day numbers, 1900-01-01 .. 9999-12-31
            return from_excel(value).date()
        raise CellError(NOT_A_DATE)
    text = normalise(as_text(value))
    m = _DATE_TEXT.fullmatch(text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not m:
        raise CellError(NOT_A_DATE)
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise CellError(NO_SUCH_DATE) from exc


_TIME_TEXT = re.compile(
    r"(上午|早上|中午|下午|晚上)?(\d{1,2})(?:(?::|点|时)(半|\d{1,2})?分?)?(?::\d{2})?"
)


def parse_time(value) -> datetime.time:
    """An Excel time, or text such as 9:00, 14:30, 9点, 9点半, 下午2点."""
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 0 <= value < 1:
            raise CellError(NOT_A_TIME)
        minutes = round(value * 24 * 60)
        return datetime.time(minutes // 60 % 24, minutes % 60)
    m = _TIME_TEXT.fullmatch(normalise(as_text(value)))
    if not m:
        raise CellError(NOT_A_TIME)
    period, hour = m.group(1), int(m.group(2))
    minute = 30 if m.group(3) == "半" else int(m.group(3) or 0)
    if period in {"下午", "晚上"} and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        raise CellError(NOT_A_TIME)
    return datetime.time(hour, minute)


def clean_phone(text: str) -> str:
    """See `renda.core.identity.clean_phone`; a wrong number is a cell error."""
    try:
        return identity.clean_phone(text)
    except identity.InvalidIdentity as exc:
        raise CellError(exc.message) from exc


def clean_id_number(value) -> str:
    """An 18-character resident ID number with a valid check digit and date of birth."""
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e15:
        raise CellError(ID_STORED_AS_NUMBER)
    try:
        return identity.clean_id_number(normalise(as_text(value)))
    except identity.InvalidIdentity as exc:
        raise CellError(exc.message) from exc


def id_birth_date(id_number: str) -> datetime.date:
    try:
        return identity.id_birth_date(id_number)
    except identity.InvalidIdentity as exc:
        raise CellError(exc.message) from exc


def split_list(text: str) -> list[str]:
    """A cell that lists several names: 、 , ， ; ； or new lines between them."""
    return [part.strip() for part in re.split(r"[、,，;；\n]+", text) if part.strip()]


# --- Columns ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Column:
    """One column of a table: its header as offices write it, and how its cells read and write.

    `help`, `fmt` and `example` go into the 说明 sheet; `empty` is the value of a blank cell."""

    key: str
    header: str
    required: bool = False
    help: str = ""
    fmt: str = "文本"
    example: str = ""
    width: float = 14
    number_format: str = "@"
    empty: Any = ""
    header_aliases: tuple[str, ...] = ()

    def parse(self, value) -> Any:
        """A non-blank cell → the value; raise CellError."""
        return as_text(value)

    def render(self, value) -> Any:
        """A value → what the cell holds; None leaves it blank."""
        if value is None or value == "":
            return None
        return str(value)

    def allowed(self) -> list[str]:
        """The values a drop-down offers; empty for free input."""
        return []


@dataclass(frozen=True, kw_only=True)
class TextColumn(Column):
    """Free text, or text that `clean` turns into a value (and `show` back into text)."""

    max_length: int | None = None
    clean: Callable[[str], Any] | None = None
    show: Callable[[Any], Any] | None = None

    def parse(self, value) -> Any:
        text = as_text(value)
        if self.max_length and len(text) > self.max_length:
            raise CellError(TOO_LONG % {"max": self.max_length})
        return self.clean(text) if self.clean else text

    def render(self, value) -> Any:
        if value is None or value == "":
            return None
        return self.show(value) if self.show else str(value)


@dataclass(frozen=True, kw_only=True)
class PhoneColumn(TextColumn):
    fmt: str = "11位手机号码，或带区号的固定电话，如 023-12345678"
    max_length: int | None = 30
    clean: Callable[[str], Any] | None = clean_phone


@dataclass(frozen=True, kw_only=True)
class IdNumberColumn(Column):
    fmt: str = "18位居民身份证号码，末位可为 X；请将本列设为文本格式，以免 Excel 吞掉末尾数字"
    width: float = 22

    def parse(self, value) -> str:
        return clean_id_number(value)


@dataclass(frozen=True, kw_only=True)
class DateColumn(Column):
    fmt: str = "日期，如 1975-03-02、1975/3/2、1975.3.2 或 1975年3月2日"
    number_format: str = "yyyy-mm-dd"
    empty: Any = None
    width: float = 13

    def parse(self, value) -> datetime.date:
        return parse_date(value)

    def render(self, value) -> Any:
        return value or None


@dataclass(frozen=True, kw_only=True)
class TimeColumn(Column):
    fmt: str = "时刻，如 9:00、14:30"
    number_format: str = "hh:mm"
    empty: Any = None
    width: float = 12

    def parse(self, value) -> datetime.time:
        return parse_time(value)

    def render(self, value) -> Any:
        return value or None


@dataclass(frozen=True, kw_only=True)
class DecimalColumn(Column):
    minimum: decimal.Decimal | int = 0
    maximum: decimal.Decimal | int = 0
    places: int = 6
    number_format: str = "0.000000"
    empty: Any = None

    def parse(self, value) -> decimal.Decimal:
        text = normalise(as_text(value)).rstrip("°度")
        try:
            number = decimal.Decimal(text)
        except decimal.InvalidOperation as exc:
            raise CellError(NOT_A_NUMBER) from exc
        if not number.is_finite():
            raise CellError(NOT_A_NUMBER)
        if not self.minimum <= number <= self.maximum:
            raise CellError(OUT_OF_RANGE % {"min": self.minimum, "max": self.maximum})
        return number.quantize(decimal.Decimal(1).scaleb(-self.places), decimal.ROUND_HALF_UP)

    def render(self, value) -> Any:
        return None if value is None else decimal.Decimal(value)


@dataclass(frozen=True, kw_only=True)
class ChoiceColumn(Column):
    """A value chosen by its Chinese label (男, 中共党员, 大学本科); `aliases` are other ways
    offices write the same thing."""

    choices: Sequence[tuple[Any, str]] = ()
    aliases: Mapping[str, Any] = field(default_factory=dict)
    fmt: str = "从下拉列表中选择"

    @cached_property
    def _lookup(self) -> dict[str, Any]:
        table = {normalise(alias): value for alias, value in self.aliases.items()}
        table.update({normalise(label): value for value, label in self.choices})
        return table

    def parse(self, value) -> Any:
        text = normalise(as_text(value))
        found = self._lookup.get(text, _MISSING)
        if found is _MISSING:
            raise CellError(NOT_ALLOWED % {"allowed": "、".join(self.allowed())})
        return found

    def render(self, value) -> Any:
        for choice, label in self.choices:
            if choice == value:
                return label
        return None if value in (None, "") else str(value)

    def allowed(self) -> list[str]:
        return [label for _value, label in self.choices]


_MISSING = object()


def yes_no_column(**kwargs) -> ChoiceColumn:
    return ChoiceColumn(
        choices=((True, "是"), (False, "否")),
        aliases={"Y": True, "N": False, "√": True, "×": False, "1": True, "0": False},
        empty=False,
        width=10,
        **kwargs,
    )


@dataclass(frozen=True)
class Table:
    """A sheet of an import: its title, columns, notes for the 说明 sheet and a row limit."""

    sheet_title: str
    columns: tuple[Column, ...]
    notes: tuple[str, ...] = ()
    max_rows: int = MAX_ROWS

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def header(self, key: str) -> str:
        return self.column(key).header

    def error(self, row: int, key: str | None, message) -> RowError:
        return RowError(row, self.header(key) if key else "", message)

    def sorted_errors(self, errors: Iterable[RowError]) -> list[RowError]:
        """By row, then in the order of the columns (whole-row errors first)."""
        order = {col.header: i for i, col in enumerate(self.columns)}
        return sorted(errors, key=lambda e: (e.row, order.get(e.column, -1)))


# --- Writing: template and export -------------------------------------------------------------

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_FONT = Font(bold=True)


def build_workbook(table: Table, rows: Iterable[Mapping[str, Any]] = ()) -> bytes:
    """The template (no rows) or an export (rows of values by column key): the same layout,
    so what is exported imports again unchanged."""
    rows = list(rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(table.sheet_title)
    last_row = max(table.max_rows, len(rows)) + 1
    option_columns = []
    for idx, col in enumerate(table.columns, start=1):
        letter = get_column_letter(idx)
        ws.column_dimensions[letter].width = col.width
        ws.column_dimensions[letter].number_format = col.number_format
        if col.allowed():
            option_columns.append((letter, col))
    for n, (letter, col) in enumerate(option_columns, start=1):
        options_letter = get_column_letter(n)
        end = len(col.allowed()) + 1
        dv = DataValidation(
            type="list",
            formula1=f"'{OPTIONS_SHEET}'!${options_letter}$2:${options_letter}${end}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="输入有误",
            error=f"“{col.header}”请从下拉列表中选择。",
        )
        dv.add(f"{letter}2:{letter}{last_row}")
        ws.data_validations.append(dv)
    ws.freeze_panes = "A2"

    header = []
    for col in table.columns:
        cell = WriteOnlyCell(ws, col.header)
        cell.font = _REQUIRED_FONT if col.required else _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        note = ("必填。" if col.required else "") + col.fmt + (f"\n{col.help}" if col.help else "")
        cell.comment = Comment(note, "智慧人大", width=240, height=100)
        header.append(cell)
    ws.append(header)
    for values in rows:
        line = []
        for col in table.columns:
            value = col.render(values.get(col.key))
            if value is None:
                line.append(None)
                continue
            cell = WriteOnlyCell(ws, value)
            cell.number_format = col.number_format
            line.append(cell)
        ws.append(line)

    _write_instructions(wb.create_sheet(INSTRUCTIONS_SHEET), table)
    options = wb.create_sheet(OPTIONS_SHEET)
    options.sheet_state = "hidden"
    if option_columns:
        option_rows = [[col.header for _letter, col in option_columns]]
        longest = max(len(col.allowed()) for _letter, col in option_columns)
        for i in range(longest):
            option_rows.append(
                [col.allowed()[i] if i < len(col.allowed()) else None for _l, col in option_columns]
            )
        for line in option_rows:
            options.append(line)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _write_instructions(ws, table: Table) -> None:
    for letter, width in zip("ABCDEF", (18, 10, 40, 40, 24, 50), strict=True):
        ws.column_dimensions[letter].width = width
    title = WriteOnlyCell(ws, f"“{table.sheet_title}”填写说明")
    title.font = Font(bold=True, size=14)
    ws.append([title])
    general = (
        f"在“{table.sheet_title}”工作表第2行起逐行填写，一行一条记录；不要修改、删除第1行的列名。",
        "红色列名为必填项，其余各列可以留空。",
        "文件须为 .xlsx 格式（在 Excel 或 WPS 中另存为“Excel 工作簿”），"
        f"一次最多 {table.max_rows} 行。",
        "可先“试导入”：系统逐行列出错误（第几行、哪一列、什么问题），只要有一行有错，整个文件都不导入，"
        "改正后重新上传即可。",
        "同一文件重复导入不会产生重复数据；从本系统导出的文件格式与本模板相同，修改后可直接导入。",
    )
    for n, line in enumerate((*general, *table.notes), start=1):
        ws.append([f"{n}. {line}"])
    ws.append([])
    header = []
    for text in ("列名", "是否必填", "填写格式", "可选值", "示例", "说明"):
        cell = WriteOnlyCell(ws, text)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        header.append(cell)
    ws.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for col in table.columns:
        line = []
        for text in (
            col.header,
            "必填" if col.required else "选填",
            col.fmt,
            "、".join(col.allowed()),
            col.example,
            col.help,
        ):
            cell = WriteOnlyCell(ws, text)
            cell.alignment = wrap
            line.append(cell)
        ws.append(line)


# --- Reports: a sheet as an office files it ----------------------------------------------------

_REPORT_HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")


def report_sheet(sheet_title: str, title: str, headers: Sequence[str], *, wrap_headers=False):
    """A workbook whose sheet starts as the offices' reports do: the title across the columns,
    in large bold type, then the bold, shaded headers. Returns (workbook, sheet); the rows go
    from row 3, and `report_bytes` finishes it."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(list(headers))
    header_alignment = (
        Alignment(horizontal="center", vertical="center", wrap_text=True)
        if wrap_headers
        else Alignment(horizontal="center")
    )
    for cell in ws[2]:
        cell.font = _HEADER_FONT
        cell.fill = _REPORT_HEADER_FILL
        cell.alignment = header_alignment
    return wb, ws


def report_bytes(wb, ws, widths: Iterable[float], *, freeze: str = "A3") -> bytes:
    """Set the column widths and the frozen panes, and save."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = freeze
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def error_report(errors: Iterable[RowError]) -> bytes:
    """The errors of a dry run as a workbook the office can work through."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("错误清单")
    for letter, width in zip("ABC", (8, 18, 80), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append(["行号", "列名", "问题"])
    for error in errors:
        ws.append([error.row, error.column, str(error.message)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- Reading ----------------------------------------------------------------------------------


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


# --- Writing the rows ---------------------------------------------------------------------------

ROW_NOT_SAVED = _("This row could not be saved: %(message)s")


class RowRefused(Exception):
    """A service refused a row's write; the import's transaction rolls back."""

    def __init__(self, row: int, error: DomainError):
        super().__init__(str(error.message))
        self.row, self.error = row, error

    def as_row_error(self) -> RowError:
        return RowError(self.row, "", ROW_NOT_SAVED % {"message": self.error.message})


def finish_import(
    *,
    table,
    rows: int,
    errors: list,
    plans: list,
    write: Callable[[list], None],
    is_new: Callable[[Any], bool],
    is_changed: Callable[[Any], bool],
    dry_run: bool,
) -> "ImportResult":
    """The last step every import shares: with any row error nothing is written; otherwise
    (unless `dry_run`) `write(plans)` runs in one transaction, and a service refusing a row
    rolls it all back and is reported against that row. Then the counts."""
    result = ImportResult(rows=rows, dry_run=dry_run)
    if errors:
        result.errors = table.sorted_errors(errors)
        return result
    if not dry_run:
        try:
            with transaction.atomic():
                write(plans)
        except RowRefused as refused:
            result.errors = [refused.as_row_error()]
            return result
    result.created = sum(1 for p in plans if is_new(p))
    result.updated = sum(1 for p in plans if not is_new(p) and is_changed(p))
    result.unchanged = len(plans) - result.created - result.updated
    return result


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

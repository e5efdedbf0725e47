"""Tables: the columns of a spreadsheet declared once, and the workbooks written from them.

An importer declares its columns once (a `Table` of `Column`s). From that spec come the
downloadable template (header row, an 说明 sheet documenting every column, drop-downs for choice
columns, frozen header) and exports in the very same layout, so an export re-imports unchanged.
Column headers and the 说明 sheet are Chinese document content, as the offices' own spreadsheets
are.
"""

import datetime
import decimal
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from renda.core.xlsx.cells import (
    NOT_A_NUMBER,
    NOT_ALLOWED,
    OUT_OF_RANGE,
    TOO_LONG,
    CellError,
    RowError,
    as_text,
    clean_id_number,
    clean_phone,
    normalise,
    parse_date,
    parse_time,
)

MAX_ROWS = 5000
INSTRUCTIONS_SHEET = "说明"
OPTIONS_SHEET = "选项"


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


def _without_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True, kw_only=True)
class NameColumn(TextColumn):
    """A person's name. Rosters pad two-character names to line up (张　三): the spaces go."""

    max_length: int | None = 50
    width: float = 10
    clean: Callable[[str], Any] | None = _without_spaces


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
    """A value chosen by its Chinese label (男, 中共党员, 大学本科).

    `spellings` maps each value to how offices write it: the label first (what the drop-down
    offers and an export writes), then any other spellings an import also reads."""

    spellings: Mapping[Any, Sequence[str]] = field(default_factory=dict)
    fmt: str = "从下拉列表中选择"

    @cached_property
    def _lookup(self) -> dict[str, Any]:
        table = {
            normalise(other): value
            for value, (_label, *others) in self.spellings.items()
            for other in others
        }
        table.update({normalise(label): value for value, (label, *_o) in self.spellings.items()})
        return table

    def parse(self, value) -> Any:
        text = normalise(as_text(value))
        found = self._lookup.get(text, _MISSING)
        if found is _MISSING:
            raise CellError(NOT_ALLOWED % {"allowed": "、".join(self.allowed())})
        return found

    def render(self, value) -> Any:
        for choice, (label, *_others) in self.spellings.items():
            if choice == value:
                return label
        return None if value in (None, "") else str(value)

    def allowed(self) -> list[str]:
        return [label for label, *_others in self.spellings.values()]


_MISSING = object()


def yes_no_column(**kwargs) -> ChoiceColumn:
    return ChoiceColumn(
        spellings={True: ("是", "Y", "√", "1"), False: ("否", "N", "×", "0")},
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


def stream_table(
    table: Table,
    rows: Iterable[Mapping[str, Any]],
    out,
    *,
    title: str = "",
    freeze: bool = True,
) -> int:
    """Write a register (台账): `title` in the first row if given, then `table`'s headers and a
    line per row, into the binary file `out`. Returns the number of rows written.

    For what is read rather than imported again, at any size: openpyxl's write-only mode sends
    each line to a temporary file as it comes (strings inline, no shared table), so memory does
    not grow with the rows; `rows` may be a generator over a queryset's `.iterator()`. No 说明
    sheet and no drop-downs (those are the template's, `build_workbook`)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(table.sheet_title)
    for idx, col in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = col.width
    header_row = 2 if title else 1
    if freeze:
        ws.freeze_panes = f"A{header_row + 1}"
    if title:
        cell = WriteOnlyCell(ws, title)
        cell.font = Font(bold=True, size=14)
        ws.append([cell])
    header = []
    for col in table.columns:
        cell = WriteOnlyCell(ws, col.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    written = 0
    for values in rows:
        line = []
        for col in table.columns:
            value = col.render(values.get(col.key))
            if value is None or col.number_format == "@":
                line.append(value)
                continue
            cell = WriteOnlyCell(ws, value)
            cell.number_format = col.number_format
            line.append(cell)
        ws.append(line)
        written += 1
    wb.save(out)
    return written

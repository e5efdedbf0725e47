"""Reports: a sheet as an office files it, with a title across the columns and shaded headers
(the evaluation results, the shortfalls, the commitment statistics)."""

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from renda.core.xlsx.cells import RowError

_HEADER_FONT = Font(bold=True)
_REPORT_HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")


def report_sheet(
    sheet_title: str, title: str, headers: Sequence[str], *, wrap_headers=False, workbook=None
):
    """A workbook whose sheet starts as the offices' reports do: the title across the columns,
    in large bold type, then the bold, shaded headers. Returns (workbook, sheet); the rows go
    from row 3, and `report_bytes` finishes it. With `workbook`, the sheet is added to it."""
    if workbook is None:
        wb = Workbook()
        ws = wb.active
        ws.title = sheet_title
    else:
        wb = workbook
        ws = wb.create_sheet(sheet_title)
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


def report_widths(ws, widths: Iterable[float], *, freeze: str = "A3") -> None:
    """Set a report sheet's column widths and frozen panes."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = freeze


def report_bytes(wb, ws, widths: Iterable[float], *, freeze: str = "A3") -> bytes:
    """Set the column widths and the frozen panes, and save."""
    report_widths(ws, widths, freeze=freeze)
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

"""`report_sheet` and `report_bytes`: the title row and headers the offices' spreadsheets share."""

import io

from openpyxl import load_workbook

from renda.core import xlsx


def test_a_report_has_its_title_across_the_columns_and_shaded_headers():
    wb, ws = xlsx.report_sheet("未达履职基本要求", "荣昌区2024年度", ["序号", "姓名", "说明"])
    ws.append([1, "黎源", "本年度还需审议发言 1 次"])
    body = xlsx.report_bytes(wb, ws, (6, 10, 40), freeze="B3")
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet.title == "未达履职基本要求"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:C1"]
    assert sheet["A1"].value == "荣昌区2024年度" and sheet["A1"].font.bold
    assert [c.value for c in sheet[2]] == ["序号", "姓名", "说明"]
    assert all(c.font.bold and c.fill.fgColor.rgb.endswith("F2DCDB") for c in sheet[2])
    assert [c.value for c in sheet[3]] == [1, "黎源", "本年度还需审议发言 1 次"]
    assert sheet.freeze_panes == "B3"
    assert sheet.column_dimensions["C"].width == 40

"""The sheet of initial passwords handed out to a congress's deputies, as a workbook."""

from renda.core import xlsx

HEADERS = ["序号", "姓名", "用户名", "初始密码", "领取人签字"]
WIDTHS = (6, 12, 22, 18, 16)


def issued_filename(congress, moment) -> str:
    return f"{congress}代表账号初始密码_{moment:%Y%m%d%H%M}.xlsx"


def issued_workbook(congress, issued, moment) -> bytes:
    """One row per login just opened: name, username, the one-time password, a column to sign
    for it. Made in the answer that opened them; the server keeps no copy."""
    title = f"{congress}代表账号初始密码（{moment:%Y年%m月%d日 %H:%M}生成，首次登录须修改）"
    wb, ws = xlsx.report_sheet("初始密码", title, HEADERS)
    for number, item in enumerate(issued, start=1):
        ws.append([number, item.user.full_name, item.user.username, item.password, ""])
    return xlsx.report_bytes(wb, ws, WIDTHS)

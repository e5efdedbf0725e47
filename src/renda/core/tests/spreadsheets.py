"""What the tests of every spreadsheet import share: a workbook built from rows by header, and
the checks each register's import page passes (the page links its template; a file that is not a
workbook is refused)."""

import io

import openpyxl
from django.urls import reverse

from renda.core.imports import XLSX


def workbook(rows: list[dict], headers: list[str], *, sheet_title: str | None = None) -> bytes:
    """An .xlsx whose first row is `headers` and whose rows are `rows` (values by header)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    if sheet_title:
        ws.title = sheet_title
    ws.append(headers)
    for values in rows:
        ws.append([values.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def assert_the_import_page_links_its_template(client, import_url: str, template_url: str):
    page = client.get(reverse(import_url))
    assert page.status_code == 200
    assert reverse(template_url) in page.content.decode()
    template = client.get(reverse(template_url))
    assert template["Content-Type"] == XLSX
    assert openpyxl.load_workbook(io.BytesIO(template.content)).sheetnames


def assert_a_non_workbook_is_refused(client, import_url: str, content: bytes, name: str):
    fake = io.BytesIO(content)
    fake.name = name
    response = client.post(reverse(import_url), {"file": fake})
    assert response.status_code == 400
    assert "xlsx" in response.content.decode()

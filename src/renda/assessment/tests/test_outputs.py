"""The outputs of an evaluation: the score sheet as an A4 PDF with the embedded CJK font (its
text read back with poppler's pdftotext where installed), all results as .xlsx in rank order
with each item's points in the table's order."""

import io
import shutil

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renda.assessment import services
from renda.assessment.export import LEADING, TRAILING
from renda.assessment.tests.test_views import make_world
from renda.core.pdf import CJK_FONT_NAME
from renda.core.testing import frozen_at, pdf_text

pytestmark = pytest.mark.django_db


frozen = frozen_at("2025-01-10 10:00:00+08:00")


@pytest.fixture
def w():
    world = make_world()
    services.adjustment_add(
        actor="test",
        congress=world.congress,
        year=2024,
        mandate=world.li,
        item_code="commendation",
        points=5,
        reason="受区人大常委会表扬",
    )
    services.evaluation_finalize(actor="test", evaluation=world.evaluation)
    return world


def test_the_score_sheet_pdf_embeds_the_font_and_names_the_items(client, w):
    client.force_login(w.deputy)
    result = w.result(w.li)
    response = client.get(reverse("assessment:result_pdf", args=[result.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "inline" in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"%PDF")
    assert CJK_FONT_NAME.encode() in body
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    text = pdf_text(body, "-raw", joined=True)
    assert "2024年度人大代表履职评分表" in text
    assert "黎源" in text
    assert "参加视察、调研、执法检查" in text
    assert "受区人大常委会表扬" in text
    assert "已达上限" in text
    assert "合计" in text and "总分：20" in text  # 15 for inspections, 5 for the praise


def test_the_results_workbook_has_a_row_per_deputy_in_rank_order(client, w):
    client.force_login(w.staff)
    response = client.get(reverse("assessment:evaluation_xlsx", args=[w.evaluation.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    headers = rows[1]
    labels = list(w.table.items.order_by("order", "pk").values_list("label", flat=True))
    assert list(headers) == [*LEADING, *labels, *TRAILING]
    data = rows[2:]
    assert [r[1] for r in data] == ["黎源", "王芳", "张强"]
    li = dict(zip(headers, data[0], strict=True))
    assert li["名次"] == 1 and li["原选举单位"] == "直升镇选区"
    assert li["参加视察、调研、执法检查"] == 15
    assert li["受到表扬表彰"] == 5
    assert li["总分"] == 20 and li["等次"] == "不合格"
    assert li["履职基本要求"]


def test_the_score_sheet_says_what_the_minimums_still_need(client, w):
    from renda.activities import requirements as minimums
    from renda.activities import services as activity_services

    activity_services.requirements_apply_preset(actor="test", term=w.term)
    copy = services.table_copy(actor="test", table=w.table, year=2023)
    services.table_publish(actor="test", table=copy)
    evaluation = services.evaluation_run(actor="test", congress=w.congress, year=2023)
    result = evaluation.results.get(mandate=w.zhang)
    words = [minimums.Standing(**entry).words for entry in result.requirements]
    assert words
    client.force_login(w.staff)
    page = client.get(result.get_absolute_url()).content.decode()
    for line in words:
        assert line in page
    body = client.get(reverse("assessment:result_pdf", args=[result.pk])).content
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    assert "".join(words[0].split()) in pdf_text(body, "-raw", joined=True)

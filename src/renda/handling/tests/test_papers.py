"""The papers of handling: the assignment notice (交办函) as a PDF per unit and batch, or for
every unit of one item, with its letterhead, table and rules; the reply-letter template as a
Word document; who may download them."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from freezegun import freeze_time

from renda.core.pdf import CJK_FONT_NAME
from renda.core.testing import needs_poppler, pdf_text
from renda.handling import notice, reply_template
from renda.handling.models import Assignment
from renda.suggestions import services
from renda.suggestions.tests.factories import draft, world

pytestmark = pytest.mark.django_db
ASSIGNED = "2025-03-03 10:00:00+08:00"


@pytest.fixture
def w():
    """Two suggestions assigned on 2025-03-03: #1 to 区交通局 (lead) and 区财政局 (co), #2 to
    区交通局 alone; a third, on another day, to 区交通局."""
    w = world(deputies=2)
    with freeze_time(ASSIGNED):
        first = draft(w)
        second = draft(w, title="关于整治濑溪河水环境的建议")
        for s, co in ((first, [w.co_unit]), (second, [])):
            services.suggestion_submit(actor=w.deputy, suggestion=s)
            services.suggestion_accept(actor=w.staff, suggestion=s)
            services.suggestion_assign(
                actor=w.staff, suggestion=s, mode="lead_co", lead=w.lead_unit, co=co
            )
    with freeze_time("2025-03-10 10:00:00+08:00"):
        later = draft(w, title="关于延长夜间公交运营时间的建议")
        services.suggestion_submit(actor=w.deputy, suggestion=later)
        services.suggestion_accept(actor=w.staff, suggestion=later)
        services.suggestion_assign(
            actor=w.staff, suggestion=later, mode="lead_co", lead=w.lead_unit
        )
    w.first, w.second, w.later = first, second, later
    w.lead = Assignment.objects.of(first).get(unit=w.lead_unit)
    w.co = Assignment.objects.of(first).get(unit=w.co_unit)
    return w


def pdf(client, name, assignment):
    response = client.get(reverse(f"handling:{name}", args=[assignment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert CJK_FONT_NAME.encode() in response.content  # the font is embedded
    return response.content


@needs_poppler
@freeze_time("2025-03-12 10:00:00+08:00")
def test_the_notice_of_a_unit_and_day(client, w):
    client.force_login(w.staff)
    text = pdf_text(pdf(client, "notice", w.lead), joined=True)
    assert "荣昌区人民代表大会常务委员会办公室" in text
    assert "关于交办代表建议的函" in text
    assert "区交通局：" in text
    assert "代表建议2件（主办2件）" in text
    # The two items of that day, not the one of 10 March.
    assert "关于增设昌州大道公交站点的建议" in text and "关于整治濑溪河水环境的建议" in text
    assert "延长夜间公交" not in text
    assert "第1号" in text and "第2号" in text and w.seat.person.name in text
    assert "2025年6月3日" in text  # the answer's time limit: three months
    assert "10个工作日内签收（即2025年3月17日前）" in text
    assert text.endswith("2025年3月3日") or "2025年3月3日" in text


@needs_poppler
@freeze_time("2025-03-12 10:00:00+08:00")
def test_the_notices_of_one_item_a_letter_per_unit(client, w):
    client.force_login(w.staff)
    body = pdf(client, "item_notice", w.co)
    text = pdf_text(body, joined=True)
    assert text.count("关于交办代表建议的函") == 2
    assert "区交通局：" in text and "区财政局：" in text
    assert "主办1件" in text and "协办1件" in text
    assert "2025年4月3日" in text  # the co-handling opinion: one month
    assert len(re.findall(rb"/Type\s*/Page[^s]", body)) == 2


@needs_poppler
@freeze_time("2025-03-12 10:00:00+08:00")
def test_a_unit_reads_its_own_letter_only(client, w):
    client.force_login(w.co_clerk)
    text = pdf_text(pdf(client, "item_notice", w.co), joined=True)
    assert "区财政局：" in text and "区交通局：" not in text
    assert client.get(reverse("handling:notice", args=[w.lead.pk])).status_code == 404


def test_the_letters_group_by_unit_and_day():
    from datetime import date
    from types import SimpleNamespace

    from renda.handling.subjects import Item

    def a(pk, unit, day, role="lead"):
        return SimpleNamespace(
            pk=pk,
            unit=SimpleNamespace(name=unit),
            unit_id=hash(unit),
            assigned_on=day,
            role=role,
            answer_due=date(2025, 6, 3),
            accept_due=date(2025, 3, 17),
        )

    items = {
        n: Item(reference=f"第{10 - n}号", title=f"事项{n}", author="甲", kind="建议", issuer="办")
        for n in range(1, 5)
    }
    letters = notice.letters_for(
        [a(1, "乙局", date(2025, 3, 3)), a(2, "甲局", date(2025, 3, 3)),
         a(3, "乙局", date(2025, 3, 3), "co"), a(4, "乙局", date(2025, 3, 4))],
        items,
    )  # fmt: skip
    # Units in the order of their names (乙 U+4E59 before 甲 U+7532), then by day.
    assert [(x.unit, x.day.day, len(x.lines)) for x in letters] == [
        ("乙局", 3, 2), ("乙局", 4, 1), ("甲局", 3, 1),
    ]  # fmt: skip
    # By number within a letter: 第7号 before 第9号.
    assert [line.item.reference for line in letters[0].lines] == ["第7号", "第9号"]
    assert letters[0].counts() == "主办1件、协办1件"
    assert notice.cn_date(date(2025, 6, 3)) == "2025年6月3日"


def _document(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == reply_template.DOCX
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert {"[Content_Types].xml", "word/document.xml", "word/styles.xml"} <= set(
            package.namelist()
        )
        xml = package.read("word/document.xml").decode()
    import xml.etree.ElementTree as ET

    ET.fromstring(xml)  # well formed
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


@freeze_time("2025-03-12 10:00:00+08:00")
def test_the_reply_letter_template(client, w):
    client.force_login(w.lead_clerk)
    text = _document(client.get(reverse("handling:reply_template", args=[w.lead.pk])))
    assert "对第1号建议的答复" in text
    assert f"{w.seat.person.name}代表：" in text
    assert "您提出的《关于增设昌州大道公交站点的建议》（第1号）收悉" in text
    assert "A类：已解决或采纳" in text and "D类：留作参考" in text
    assert "区交通局（盖章）" in text
    assert "抄送：荣昌区人民代表大会常务委员会办公室。" in text
    assert "办理期限：2025年6月3日" in text


@freeze_time("2025-03-12 10:00:00+08:00")
def test_the_co_handling_opinion_template(client, w):
    client.force_login(w.co_clerk)
    text = _document(client.get(reverse("handling:reply_template", args=[w.co.pk])))
    assert "关于第1号建议的协办意见" in text
    assert "区交通局：" in text  # to the lead unit
    assert "区财政局（盖章）" in text
    assert "类别：" not in text


@pytest.mark.parametrize("name", ["notice", "item_notice", "reply_template"])
def test_who_may_download(client, w, name):
    url = reverse(f"handling:{name}", args=[w.lead.pk])
    response = client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(w.deputy)
    assert client.get(url).status_code == 403
    client.force_login(w.outsider)
    assert client.get(url).status_code == 404
    client.force_login(w.other_clerk)
    assert client.get(url).status_code == 404
    client.force_login(w.lead_clerk)
    assert client.get(url).status_code == 200
    client.force_login(w.staff)
    assert client.get(url).status_code == 200

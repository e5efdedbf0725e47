"""A deputy's filled-in score sheet as an A4 PDF, in the table's own layout (履职评分表).

The sheet is a table as the office prints it — 序号, 评分项目, 评分标准, 分值/上限, 得分, 说明 —
with a row per section, then the total, the grade, the minimums and the date. The 说明 column
names briefly what each line counted, so the printed sheet answers "why this score" as the
page does. Text is in the embedded CJK font of `core/pdf.py`.
"""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from renda.assessment.choices import ItemKind
from renda.assessment.export import compliance_label, requirement_words
from renda.core.pdf import cjk_font, one_at_a_time

TITLE = "{congress} {year}年度人大代表履职评分表"
HEADERS = ("序号", "评分项目", "评分标准", "分值/上限", "得分", "说明")
# How many counted records the 说明 column names before "等 N 项".
NOTE_LIMIT = 6
HEADER_FILL = colors.HexColor("#F2DCDB")
SECTION_FILL = colors.HexColor("#F5F5F5")


def _number(value) -> str:
    """1 for 1.0, 2.5 for 2.5: the way a printed table writes points."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def rule_text(item) -> str:
    """The 分值/上限 cell: "3/15", "≥50 得10", "−5/20", "≤10"."""
    if item.kind == ItemKind.THRESHOLD:
        return f"≥{item.threshold} 得{_number(item.points)}"
    if item.kind == ItemKind.MANUAL:
        return f"≤{_number(item.cap)}" if item.cap is not None else ""
    text = _number(item.points)
    return f"{text}/{_number(item.cap)}" if item.cap is not None else text


def line_note(line) -> str:
    """The 说明 cell: what the line counted, briefly."""
    parts = []
    if line.activities:
        shown = [f"{a.day:%m-%d} {a.activity_type.name}" for a in line.activities[:NOTE_LIMIT]]
        more = len(line.activities) - NOTE_LIMIT
        parts.append("、".join(shown) + (f" 等{len(line.activities)}项" if more > 0 else ""))
    if line.commitments:
        parts.append("、".join(c.title for c in line.commitments[:NOTE_LIMIT]))
    if line.adjustments:
        parts.append("；".join(f"{a.points:+} {a.reason}" for a in line.adjustments))
    if line.capped:
        parts.append("已达上限")
    return "；".join(parts)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
    return {
        "cell": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "title": ParagraphStyle(
            "title", parent=base, fontSize=15, leading=20, alignment=1, spaceAfter=4
        ),
        "meta": ParagraphStyle("meta", parent=base, fontSize=10, leading=14),
    }


@one_at_a_time
def score_sheet_pdf(*, result, sections, today=None) -> bytes:
    """The sheet of `result` (its evaluation, person and mandate loaded) from
    `selectors.score_sheet(result)`."""
    font = cjk_font()
    styles = _styles(font)
    evaluation = result.evaluation
    title = TITLE.format(congress=evaluation.congress, year=evaluation.year)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=title,
        author="renda",
        creator="renda",
        invariant=True,
    )

    def p(text, style="cell"):
        return Paragraph(escape(str(text)), styles[style])

    seat = result.mandate.electoral_unit or str(evaluation.congress)
    story = [
        p(title, "title"),
        p(f"代表姓名：{result.person.name}　　原选举单位：{seat}", "meta"),
        Spacer(1, 3 * mm),
    ]
    rows = [[p(h) for h in HEADERS]]
    style = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
    ]
    number = 0
    for section in sections:
        rows.append([p(section.name), "", "", "", "", ""])
        style += [
            ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
            ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SECTION_FILL),
        ]
        for line in section.lines:
            number += 1
            rows.append(
                [
                    p(number),
                    p(line.item.label),
                    p(line.item.description),
                    p(rule_text(line.item)),
                    p(_number(line.points)),
                    p(line_note(line), "small"),
                ]
            )
    rows.append([p("合计"), "", "", "", p(_number(result.score)), p(f"等次：{result.grade}")])
    style.append(("SPAN", (0, len(rows) - 1), (3, len(rows) - 1)))
    widths = [10 * mm, 32 * mm, 46 * mm, 18 * mm, 14 * mm, None]
    usable = A4[0] - 28 * mm
    widths[-1] = usable - sum(w for w in widths if w)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    story += [table, Spacer(1, 4 * mm)]
    base = evaluation.table.base_points
    if base:
        story.append(p(f"基础分：{_number(base)}", "meta"))
    story += [
        p(f"总分：{_number(result.score)}　　等次：{result.grade}", "meta"),
        p(
            f"履职基本要求：{compliance_label(result.compliance)}"
            + (f"（{requirement_words(result)}）" if result.requirements else ""),
            "meta",
        ),
        p(f"日期：{(today or timezone.localdate()):%Y年%m月%d日}", "meta"),
    ]
    doc.build(story)
    return out.getvalue()

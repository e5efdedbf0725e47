"""The assignment notice (交办函) as an A4 PDF: one letter per unit, from the assigning office.

A letter is what an office sends a unit with a batch of items: the office's name as the
letterhead in red over a red rule, the title, the unit addressed, a paragraph saying how many
items it leads, co-handles or handles separately, the table of the items (序号, 编号, 标题,
领衔代表, 办理方式, 办理期限 — the due date written 2025年6月3日), the rules paragraph (accept or
send back within the working days, answer within the time limit, co-handling units' opinions
to the lead, more time asked for in writing before the limit), the office and the day.

The letter is Chinese document content, as the score sheet and the plate are; the words of each
item come from the module that owns it (`subjects.Item`). Text is in the embedded CJK font of
`core/pdf.py`, drawn one PDF at a time per process (`one_at_a_time`).
"""

import datetime
import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    HRFlowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from renda.core.pdf import cjk_font, fit_size, one_at_a_time
from renda.handling.choices import AssignmentRole
from renda.handling.subjects import Item

RED = colors.HexColor("#C00000")
HEADER_FILL = colors.HexColor("#F2F2F2")
HEADERS = ("序号", "编号", "标题", "领衔代表", "办理方式", "办理期限")
ROLE_WORDS = {
    AssignmentRole.LEAD: "主办",
    AssignmentRole.CO: "协办",
    AssignmentRole.SEPARATE: "分办",
}
MARGIN = 20 * mm


def cn_date(day: datetime.date | None) -> str:
    """2025年6月3日, as a letter writes a date (no leading zeros); "" for none."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


@dataclass
class Line:
    item: Item
    role: str
    due: datetime.date | None  # the answer (or, co-handling, the opinion) due date


@dataclass
class Letter:
    """One unit's letter: the items of one office given to it (on one day, or of one item)."""

    unit: str
    issuer: str
    day: datetime.date
    lines: list[Line] = field(default_factory=list)
    accept_due: datetime.date | None = None  # the last day to send an item back
    return_working_days: int = 10

    @property
    def title(self) -> str:
        return f"关于交办{self.kinds}的函"

    @property
    def kinds(self) -> str:
        """代表建议, 代表议案, or 代表议案、建议 when the letter holds both."""
        kinds = []
        for line in self.lines:
            if line.item.kind and line.item.kind not in kinds:
                kinds.append(line.item.kind)
        order = ("议案", "建议")
        kinds.sort(key=lambda k: order.index(k) if k in order else len(order))
        return "代表" + "、".join(kinds) if kinds else "事项"

    @property
    def occasion(self) -> str:
        """The session the items were raised at, when they all share one."""
        found = {line.item.occasion for line in self.lines}
        return found.pop() if len(found) == 1 else ""

    def counts(self) -> str:
        """主办3件、协办1件, in the order lead, co-handling, separate."""
        words = []
        for role in AssignmentRole:
            n = sum(1 for line in self.lines if line.role == role)
            if n:
                words.append(f"{ROLE_WORDS[role]}{n}件")
        return "、".join(words)


def letters_for(assignments, items: dict[int, Item]) -> list[Letter]:
    """One letter per (unit, office, day) of `assignments` (with their clocks, unit and region
    loaded), the items in order of their numbers; units in name order."""
    letters: dict[tuple, Letter] = {}
    for a in assignments:
        item = items.get(a.pk)
        if item is None:
            continue
        key = (a.unit.name, a.unit_id, item.issuer, a.assigned_on)
        letter = letters.get(key)
        if letter is None:
            letter = letters[key] = Letter(
                unit=a.unit.name,
                issuer=item.issuer,
                day=a.assigned_on,
                return_working_days=item.return_working_days,
            )
        letter.lines.append(Line(item=item, role=a.role, due=a.answer_due))
        if a.accept_due and (letter.accept_due is None or a.accept_due > letter.accept_due):
            letter.accept_due = a.accept_due
    for letter in letters.values():
        letter.lines.sort(key=lambda line: (_number(line.item.reference), line.item.title))
    return [letters[k] for k in sorted(letters, key=lambda k: (k[0], k[1], k[3]))]


def _number(reference: str) -> int:
    digits = "".join(ch for ch in reference if ch.isdigit())
    return int(digits) if digits else 1 << 30


def rules_text(letter: Letter) -> str:
    """The rules paragraph: accept or send back, answer in time, the co-handling opinion,
    more time asked for in writing."""
    back = f"（即{cn_date(letter.accept_due)}前）" if letter.accept_due else ""
    return (
        f"请你单位自收到本函之日起{letter.return_working_days}个工作日内签收{back}；"
        "经研究认为不属于本单位职责范围的，应在上述期限内书面说明理由并退回，"
        "逾期未退回的视为同意承办。"
        "主办单位和分办单位应在办理期限内以书面形式答复代表，答复前应与代表联系沟通，"
        "答复函须注明办理结果类别，并抄送本办；协办单位应在办理期限内将协办意见送主办单位。"
        "因情况复杂确需延长办理期限的，应在期限届满前提出书面申请并说明理由，"
        "经同意后向代表作出阶段性说明。"
    )


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=13, wordWrap="CJK")
    body = ParagraphStyle(
        "body", parent=base, fontSize=12, leading=21, firstLineIndent=24, spaceAfter=4
    )
    return {
        "cell": base,
        "body": body,
        "address": ParagraphStyle("address", parent=body, firstLineIndent=0),
        "title": ParagraphStyle(
            "title", parent=base, fontSize=18, leading=26, alignment=1, spaceAfter=8
        ),
        "sign": ParagraphStyle("sign", parent=body, alignment=2, firstLineIndent=0),
    }


def _letterhead(issuer: str, font: str, width: float) -> list:
    # The frame pads each side by 6 pt; a little more room so the name never breaks.
    size = fit_size(issuer, width - 16, size=24, min_size=14, font=font)
    head = ParagraphStyle(
        "head", fontName=font, fontSize=size, leading=size * 1.4, alignment=1, textColor=RED
    )
    return [
        Paragraph(escape(issuer), head),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=1.6, color=RED, spaceBefore=0, spaceAfter=8 * mm),
    ]


def _table(letter: Letter, styles, font: str, width: float) -> Table:
    def p(text):
        return Paragraph(escape(str(text)), styles["cell"])

    rows = [[p(h) for h in HEADERS]]
    for n, line in enumerate(letter.lines, start=1):
        rows.append(
            [
                p(n),
                p(line.item.reference),
                p(line.item.title),
                p(line.item.author),
                p(ROLE_WORDS.get(line.role, line.role)),
                p(cn_date(line.due)),
            ]
        )
    widths = [11 * mm, 16 * mm, None, 20 * mm, 20 * mm, 28 * mm]
    widths[2] = width - sum(w for w in widths if w)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ]
        )
    )
    return table


@one_at_a_time
def notice_pdf(letters: list[Letter]) -> bytes:
    """The letters, each starting on a new page, as one PDF."""
    font = cjk_font()
    styles = _styles(font)
    out = io.BytesIO()
    title = letters[0].title if len(letters) == 1 else "交办函"
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="renda",
        creator="renda",
        invariant=True,
    )
    width = A4[0] - 2 * MARGIN
    story: list = []
    for index, letter in enumerate(letters):
        if index:
            story.append(PageBreak())
        occasion = f"{letter.occasion}期间" if letter.occasion else ""
        story += _letterhead(letter.issuer, font, width)
        story += [
            Paragraph(escape(letter.title), styles["title"]),
            Paragraph(escape(f"{letter.unit}："), styles["address"]),
            Paragraph(
                escape(
                    f"现将{occasion}{letter.kinds}{len(letter.lines)}件"
                    f"（{letter.counts()}）交由你单位办理，清单如下："
                ),
                styles["body"],
            ),
            _table(letter, styles, font, width),
            Spacer(1, 4 * mm),
            Paragraph(escape(rules_text(letter)), styles["body"]),
            Spacer(1, 10 * mm),
            Paragraph(escape(letter.issuer), styles["sign"]),
            Paragraph(escape(cn_date(letter.day)), styles["sign"]),
        ]
    doc.build(story)
    return out.getvalue()

"""The deputy's contact plate (人大代表联系牌) for showing identity (亮身份), as a print-ready PDF.

The plate hangs at a station, the deputy's work unit or home, and tells passers-by who their
deputy is and how to reach them: which congresses they sit in, post and work unit, the station
they receive the public at, a phone, and a QR code (代表码) that opens their public page.

It is A4 landscape, so an office printer makes a paper one and a sign maker can scale the
vector artwork to a metal or acrylic plate. The drawing takes plain values, not models: the
caller decides what may be public (a deputy's own phone only if they agreed).
"""

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from renda.core.pdf import (
    cjk_font,
    draw_qr,
    draw_text,
    fit_size,
    one_at_a_time,
    text_width,
    wrap,
)
from renda.core.qr import make_qr

# The plate's words are the document itself, printed as Chinese plates read, in any UI language.
TITLE = "人大代表联系牌"
QR_CAPTION = "扫码联系代表"
LEVEL_SEPARATOR = "  ·  "
LABEL_POST = "职　　务"
LABEL_WORK_UNIT = "工作单位"
LABEL_STATION = "联系站点"
LABEL_PHONE = "联系电话"

RED = HexColor("#C8102E")
GOLD = HexColor("#F3C64B")
GOLD_LINE = HexColor("#C9A23F")
INK = HexColor("#1A1A1A")
GREY = HexColor("#5F5F5F")
LIGHT_GREY = HexColor("#8A8A8A")
RULE = HexColor("#E3C9CD")
WHITE = HexColor("#FFFFFF")
QR_DARK = HexColor("#111111")

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
# The plate's outline sits inside the margin every office printer leaves unprinted.
MARGIN = 10 * mm
RADIUS = 6 * mm
BAND = 38 * mm  # red header band
FOOTER = 7 * mm  # red strip at the foot
PAD = 16 * mm  # inner padding of the text column
QR_SIZE = 62 * mm  # quiet zone included; a phone reads it from two to three metres away
QR_COLUMN = 78 * mm
QR_RIGHT_PAD = 13 * mm
ROW_SIZE = 17
ROW_MIN_SIZE = 10


@one_at_a_time
def deputy_plate_pdf(
    *,
    name: str,
    levels: list[str],
    url: str,
    post: str = "",
    work_unit: str = "",
    station: str = "",
    phone: str = "",
) -> bytes:
    """The plate of one deputy as a one-page PDF, its Chinese text in the embedded font.

    `levels` are the labels from `people.selectors.level_labels`; `url` is what the QR code
    opens and is printed under it. Empty `post`, `work_unit`, `station` or `phone` lines are left
    out.
    """
    if not name.strip():
        raise ValueError("a plate needs the deputy's name")
    font = cjk_font()
    out = io.BytesIO()
    # invariant: no creation time or random document ID, so the same plate gives the same bytes.
    canvas = Canvas(
        out,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=True,
        pageCompression=1,
        initialFontName=font,  # else Helvetica is declared, unembedded, though never used
    )
    canvas.setTitle(f"{name} {TITLE}")
    canvas.setSubject(LEVEL_SEPARATOR.join(levels))
    canvas.setCreator("renda")

    _draw_frame(canvas)
    body_top = PAGE_HEIGHT - MARGIN - BAND - 4 * mm
    body_bottom = MARGIN + FOOTER
    text_right = PAGE_WIDTH - MARGIN - QR_COLUMN
    _draw_qr_column(canvas, url, bottom=body_bottom, top=body_top, font=font)
    rows = [
        (LABEL_POST, post),
        (LABEL_WORK_UNIT, work_unit),
        (LABEL_STATION, station),
        (LABEL_PHONE, phone),
    ]
    _draw_identity(
        canvas,
        name=name,
        levels=levels,
        rows=[(k, v.strip()) for k, v in rows if v.strip()],
        left=MARGIN + PAD,
        right=text_right - 10 * mm,
        bottom=body_bottom,
        top=body_top,
        font=font,
    )
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _plate_path(canvas: Canvas):
    path = canvas.beginPath()
    path.roundRect(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN, RADIUS)
    return path


def _draw_frame(canvas: Canvas) -> None:
    """The plate's outline, red header band with the title, gold rule, and red foot strip."""
    width = PAGE_WIDTH - 2 * MARGIN
    band_bottom = PAGE_HEIGHT - MARGIN - BAND
    canvas.saveState()
    # The bands are clipped to the rounded outline, so their outer corners follow it.
    canvas.clipPath(_plate_path(canvas), stroke=0, fill=0)
    canvas.setFillColor(RED)
    canvas.rect(MARGIN, band_bottom, width, BAND, stroke=0, fill=1)
    canvas.rect(MARGIN, MARGIN, width, FOOTER, stroke=0, fill=1)
    canvas.setFillColor(GOLD_LINE)
    canvas.rect(MARGIN, band_bottom - 1.6 * mm, width, 1.2 * mm, stroke=0, fill=1)
    canvas.rect(MARGIN, MARGIN + FOOTER + 0.4 * mm, width, 0.6 * mm, stroke=0, fill=1)
    canvas.restoreState()

    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(1.2)
    canvas.drawPath(_plate_path(canvas), stroke=1, fill=0)
    canvas.restoreState()

    size = 40
    # Optical centre of CJK glyphs: about 0.36 of the size above the baseline in this face.
    baseline = band_bottom + BAND / 2 - size * 0.36
    draw_text(
        canvas,
        TITLE,
        PAGE_WIDTH / 2,
        baseline,
        size=size,
        colour=GOLD,
        anchor="middle",
        bold=True,
        char_space_em=0.35,
    )


def _draw_qr_column(canvas: Canvas, url: str, *, bottom: float, top: float, font: str) -> None:
    """The QR code, its caption and the URL, centred from top to bottom in the right column."""
    centre = PAGE_WIDTH - MARGIN - QR_RIGHT_PAD - QR_SIZE / 2
    caption_size = 16
    url_size = 8
    url_lines = wrap(url, QR_SIZE, size=url_size, font=font)
    block = QR_SIZE + 4 * mm + caption_size + 3 * mm + len(url_lines) * url_size * 1.3
    qr_top = (top + bottom) / 2 + block / 2
    qr_bottom = qr_top - QR_SIZE
    # A hairline frame marks where to cut when the code is printed as a separate sticker.
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.roundRect(centre - QR_SIZE / 2, qr_bottom, QR_SIZE, QR_SIZE, 2 * mm, stroke=1, fill=0)
    canvas.restoreState()
    draw_qr(
        canvas,
        make_qr(url),
        centre - QR_SIZE / 2 + 0.6,
        qr_bottom + 0.6,
        QR_SIZE - 1.2,
        dark=QR_DARK,
        light=WHITE,
    )
    baseline = qr_bottom - 4 * mm - caption_size * 0.8
    draw_text(
        canvas,
        QR_CAPTION,
        centre,
        baseline,
        size=caption_size,
        colour=RED,
        anchor="middle",
        bold=True,
        char_space_em=0.15,
    )
    baseline -= 3 * mm + url_size * 1.1
    for line in url_lines:
        draw_text(canvas, line, centre, baseline, size=url_size, colour=LIGHT_GREY, anchor="middle")
        baseline -= url_size * 1.3


def _fit_rows(
    rows: list[tuple[str, str]], width: float, font: str
) -> tuple[float, float, list[tuple[str, list[str]]]]:
    """The type size, label width and wrapped values of the rows.

    The size shrinks until every value takes at most two lines; a plate never cuts off a work
    unit. Past the smallest size the values simply take more lines.
    """
    for size in (*range(ROW_SIZE, ROW_MIN_SIZE, -1), ROW_MIN_SIZE):
        label_width = text_width(LABEL_WORK_UNIT, size, font=font) + 5 * mm
        wrapped = [
            (label, wrap(value, width - label_width, size=size, font=font)) for label, value in rows
        ]
        if all(len(lines) <= 2 for _, lines in wrapped):
            break
    return size, label_width, wrapped


def _draw_identity(
    canvas: Canvas,
    *,
    name: str,
    levels: list[str],
    rows: list[tuple[str, str]],
    left: float,
    right: float,
    bottom: float,
    top: float,
    font: str,
) -> None:
    """Levels, the name large, a rule, then the labelled rows; centred in the text column."""
    width = right - left
    levels_text = LEVEL_SEPARATOR.join(levels)
    levels_size = fit_size(levels_text, width, size=22, min_size=11, font=font)

    # Two-character names are spaced out, as Chinese name plates print them (王　芳).
    name_space = {1: 0, 2: 0.6, 3: 0.25}.get(len(name), 0.05)
    name_size = fit_size(name, width, size=92, min_size=20, font=font, char_space_em=name_space)

    row_size, label_width, wrapped = _fit_rows(rows, width, font)
    row_lines = sum(len(lines) for _, lines in wrapped)
    line_height = row_size * 1.45
    row_gap = 2.6 * mm

    block = (
        (levels_size * 1.2 + 6 * mm if levels else 0)
        + name_size * 0.9
        + 8 * mm
        + row_lines * line_height
        + max(len(wrapped) - 1, 0) * row_gap
    )
    y = (top + bottom) / 2 + block / 2

    if levels:
        y -= levels_size * 0.9
        draw_text(canvas, levels_text, left, y, size=levels_size, colour=RED, bold=True)
        y -= levels_size * 0.3 + 6 * mm
    y -= name_size * 0.82
    draw_text(
        canvas,
        name,
        left,
        y,
        size=name_size,
        colour=INK,
        bold=True,
        char_space_em=name_space,
    )
    y -= name_size * 0.08 + 4 * mm
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(1.6)
    canvas.line(left, y, left + 18 * mm, y)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(left + 18 * mm, y, right, y)
    canvas.restoreState()
    y -= 4 * mm

    for label, lines in wrapped:
        y -= row_size * 1.05
        draw_text(canvas, label, left, y, size=row_size, colour=GREY)
        for index, line in enumerate(lines):
            if index:
                y -= line_height
            draw_text(canvas, line, left + label_width, y, size=row_size, colour=INK)
        y -= line_height - row_size * 1.05 + row_gap

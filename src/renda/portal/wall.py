"""The station wall (公示墙): who the station's deputies are and what they promised this year.

At 观胜镇凉坪社区 the wall carries each deputy's photo, name, post and phone and their
commitments, "白纸黑字", so deputies and the public both know what was promised. Here it is a
public page (`portal.views.WallView`) and this printable poster (A4 or A3, portrait) with the
station's QR code and its reception day at the foot; what it shows is
`commitments.selectors.wall_entries`.

Only approved commitments appear (`Commitment.objects.public()`); a deputy with seats at several
levels shows one set. Everything is read in a fixed number of queries, however many deputies.
"""

import io
from dataclasses import dataclass

from django.utils import translation
from PIL import Image, ImageOps, UnidentifiedImageError
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from renda.commitments.choices import CLOSED_STATUSES, CommitmentStatus
from renda.commitments.selectors import WallEntry
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
from renda.stations.models import Station


def reception_text(station: Station) -> str:
    """接待日 as the notice prints it, in Chinese whatever the reader's language."""
    if not station.reception_rule:
        return ""
    with translation.override("zh-hans"):
        rule = station.reception_rule_text
    start = station.reception_start_time.strftime("%H:%M")
    end = station.reception_end_time.strftime("%H:%M")
    return f"{rule} {start}—{end}"


# --- The poster -------------------------------------------------------------------------------

TITLE = "人大代表履职承诺公示"
COMMITMENTS_HEADING = "履职承诺"
NO_COMMITMENTS = "本年度承诺待审核公示"
HEAD_TAG = "站长"
QR_CAPTION = "扫码查看代表信息和承诺进展"
LABEL_RECEPTION = "接待日："
LABEL_ADDRESS = "地　址："
LABEL_PHONE = "电　话："
LABEL_POST = "职务："
LABEL_UNIT = "单位："
STATUS_ZH = {
    CommitmentStatus.FULFILLED: "已完成",
    CommitmentStatus.PARTLY_FULFILLED: "部分完成",
    CommitmentStatus.UNFULFILLED: "未完成",
}

RED = HexColor("#B3121F")
DARK_RED = HexColor("#8C0E18")
GOLD = HexColor("#C9A23F")
INK = HexColor("#1A1A1A")
GREY = HexColor("#5F5F5F")
LIGHT_GREY = HexColor("#8A8A8A")
CARD_EDGE = HexColor("#E3C9CD")
CARD_FILL = HexColor("#FFFDF8")
PLACEHOLDER = HexColor("#ECE7E1")
PLACEHOLDER_INK = HexColor("#A39A90")
WHITE = HexColor("#FFFFFF")


@dataclass(frozen=True)
class Layout:
    """How one paper size is laid out; text sizes scale with `scale`."""

    pagesize: tuple[float, float]
    columns: int
    margin: float
    gutter: float
    scale: float
    qr: float

    @property
    def width(self) -> float:
        return self.pagesize[0]

    @property
    def height(self) -> float:
        return self.pagesize[1]

    def s(self, value: float) -> float:
        return value * self.scale


# A4 is read at arm's length: two columns. A3 hangs on the wall and is read from a step back:
# three columns in larger type.
LAYOUTS = {
    "a4": Layout(pagesize=A4, columns=2, margin=12 * mm, gutter=5 * mm, scale=1.0, qr=26 * mm),
    "a3": Layout(pagesize=A3, columns=3, margin=15 * mm, gutter=6 * mm, scale=1.2, qr=34 * mm),
}


@dataclass
class _Card:
    entry: WallEntry
    name_size: float
    head_lines: list[tuple[str, float, Color, bool]]  # text, size, colour, bold
    commitment_lines: list[tuple[str, bool]]  # text, starts a commitment (carries its number)
    numbers: list[str]
    height: float = 0


@one_at_a_time
def wall_poster_pdf(
    *, station: Station, year: int, entries: list[WallEntry], url: str, size: str = "a4"
) -> bytes:
    """The wall poster: a title, the station and year, a grid of deputy cards page after page,
    and on every page the station's QR code and reception day. Portrait A4 or A3."""
    layout = LAYOUTS[size]
    font = cjk_font()
    out = io.BytesIO()
    canvas = Canvas(
        out, pagesize=layout.pagesize, invariant=True, pageCompression=1, initialFontName=font
    )
    canvas.setTitle(f"{station.name} {year}年度{TITLE}")
    canvas.setCreator("renda")

    header = _header_height(layout)
    footer = _footer_height(layout)
    body_top = layout.height - layout.margin - header
    body_bottom = layout.margin + footer
    card_width = (
        layout.width - 2 * layout.margin - (layout.columns - 1) * layout.gutter
    ) / layout.columns
    cards = [_measure(entry, card_width, layout, body_top - body_bottom) for entry in entries]
    rows = [cards[i : i + layout.columns] for i in range(0, len(cards), layout.columns)]
    pages: list[list[list[_Card]]] = [[]]
    room = body_top - body_bottom
    for row in rows:
        height = max(c.height for c in row)
        if pages[-1] and height > room:
            pages.append([])
            room = body_top - body_bottom
        pages[-1].append(row)
        room -= height + layout.gutter

    photos = _PhotoCache()
    reception = reception_text(station)
    qr = make_qr(url)
    for number, page in enumerate(pages, start=1):
        _draw_header(canvas, layout, station=station, year=year)
        y = body_top
        for row in page:
            height = max(c.height for c in row)
            for column, card in enumerate(row):
                x = layout.margin + column * (card_width + layout.gutter)
                _draw_card(canvas, layout, card, x, y, card_width, height, photos)
            y -= height + layout.gutter
        if not entries:
            draw_text(
                canvas,
                "本站点暂无进站代表",
                layout.width / 2,
                (body_top + body_bottom) / 2,
                size=layout.s(14),
                colour=GREY,
                anchor="middle",
            )
        _draw_footer(
            canvas,
            layout,
            station=station,
            reception=reception,
            qr=qr,
            page=number,
            pages=len(pages),
        )
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _header_height(layout: Layout) -> float:
    return layout.s(30 * mm)


def _footer_height(layout: Layout) -> float:
    return layout.qr + 6 * mm


def _draw_header(canvas: Canvas, layout: Layout, *, station: Station, year: int) -> None:
    """The title in red as a notice is headed, the station and year, a red double rule."""
    top = layout.height - layout.margin
    left, right = layout.margin, layout.width - layout.margin
    width = right - left
    title_size = fit_size(TITLE, width, size=layout.s(30), min_size=16, char_space_em=0.25)
    baseline = top - title_size * 0.95
    draw_text(
        canvas,
        TITLE,
        layout.width / 2,
        baseline,
        size=title_size,
        colour=RED,
        anchor="middle",
        bold=True,
        char_space_em=0.25,
    )
    sub = f"{station.name}　{year}年度"
    sub_size = fit_size(sub, width, size=layout.s(14), min_size=9)
    baseline -= layout.s(7 * mm) + sub_size * 0.4
    draw_text(canvas, sub, layout.width / 2, baseline, size=sub_size, colour=INK, anchor="middle")
    rule = top - _header_height(layout) + layout.s(4 * mm)
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(layout.s(2.2))
    canvas.line(left, rule, right, rule)
    canvas.setLineWidth(layout.s(0.6))
    canvas.line(left, rule - layout.s(1.4 * mm), right, rule - layout.s(1.4 * mm))
    canvas.restoreState()


def _draw_footer(
    canvas: Canvas,
    layout: Layout,
    *,
    station: Station,
    reception: str,
    qr,
    page: int,
    pages: int,
) -> None:
    """A red rule, the QR code at the left, and beside it where and when to meet the deputies."""
    left, right = layout.margin, layout.width - layout.margin
    bottom = layout.margin
    rule = bottom + layout.qr + 3 * mm
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(layout.s(0.8))
    canvas.line(left, rule, right, rule)
    canvas.restoreState()
    draw_qr(canvas, qr, left, bottom, layout.qr, dark=INK, light=WHITE, border=2)

    x = left + layout.qr + 5 * mm
    size = layout.s(9.5)
    lines: list[tuple[str, float, Color, bool]] = [(QR_CAPTION, layout.s(11), RED, True)]
    if reception:
        lines.append((LABEL_RECEPTION + reception, size, INK, False))
    if station.address:
        lines.append((LABEL_ADDRESS + station.address, size, INK, False))
    if station.phone:
        lines.append((LABEL_PHONE + station.phone, size, INK, False))
    width = right - x - layout.s(22 * mm)
    step = layout.qr / 4.3
    y = bottom + layout.qr - layout.s(11) * 0.9
    for text, text_size, colour, bold in lines:
        fitted = fit_size(text, width, size=text_size, min_size=6)
        draw_text(canvas, text, x, y, size=fitted, colour=colour, bold=bold)
        y -= step
    if pages > 1:
        draw_text(
            canvas,
            f"第{page}页／共{pages}页",
            right,
            bottom + layout.s(1 * mm),
            size=layout.s(8),
            colour=LIGHT_GREY,
            anchor="end",
        )


# --- One card ---------------------------------------------------------------------------------


def _pad(layout: Layout) -> float:
    return layout.s(3 * mm)


def _photo_size(layout: Layout) -> tuple[float, float]:
    width = layout.s(20 * mm)
    return width, width * 4 / 3


def _sizes(layout: Layout) -> dict[str, float]:
    return {
        "name": layout.s(15),
        "level": layout.s(7.5),
        "info": layout.s(7.5),
        "heading": layout.s(8),
        "item": layout.s(8),
    }


def _measure(entry: WallEntry, width: float, layout: Layout, max_height: float) -> _Card:
    """Wrap the card's text for `width` and work out its height; commitments that would not fit
    on one page are cut with an ellipsis (a wall never has that many)."""
    sizes = _sizes(layout)
    pad = _pad(layout)
    photo_w, photo_h = _photo_size(layout)
    text_width_avail = width - 2 * pad - photo_w - layout.s(3 * mm)
    name_room = text_width_avail - (layout.s(11 * mm) if entry.is_head else 0)
    name_size = fit_size(entry.person.name, name_room, size=sizes["name"], min_size=9)

    head: list[tuple[str, float, Color, bool]] = []
    for line in wrap("、".join(entry.levels), text_width_avail, size=sizes["level"]):
        head.append((line, sizes["level"], RED, True))
    for label, value in ((LABEL_POST, entry.post), (LABEL_UNIT, entry.work_unit)):
        if value:
            for line in wrap(label + value, text_width_avail, size=sizes["info"]):
                head.append((line, sizes["info"], GREY, False))
    head_height = name_size * 1.25 + layout.s(1 * mm) + sum(s * 1.4 for _t, s, _c, _b in head)

    number_width = text_width("8.", sizes["item"]) + layout.s(1.2 * mm)
    item_width = width - 2 * pad - number_width
    lines: list[tuple[str, bool]] = []
    numbers: list[str] = []
    for index, commitment in enumerate(entry.commitments, start=1):
        text = commitment.title
        if commitment.status in CLOSED_STATUSES:
            text += f"（{STATUS_ZH[commitment.status]}）"
        for n, line in enumerate(wrap(text, item_width, size=sizes["item"])):
            lines.append((line, n == 0))
        numbers.append(f"{index}.")
    if not lines:
        lines = [(NO_COMMITMENTS, False)]

    item_step = sizes["item"] * 1.45
    fixed = (
        pad
        + layout.s(0.8 * mm)  # below the red bar
        + max(photo_h, head_height)
        + layout.s(3 * mm)
        + sizes["heading"] * 1.6
        + pad
    )
    allowed = max(1, int((max_height - fixed) // item_step))
    if len(lines) > allowed:
        lines = lines[: allowed - 1] + [("……", False)]
    card = _Card(
        entry=entry,
        name_size=name_size,
        head_lines=head,
        commitment_lines=lines,
        numbers=numbers,
    )
    card.height = fixed + len(lines) * item_step
    return card


def _draw_card(
    canvas: Canvas,
    layout: Layout,
    card: _Card,
    x: float,
    top: float,
    width: float,
    height: float,
    photos: "_PhotoCache",
) -> None:
    sizes = _sizes(layout)
    pad = _pad(layout)
    photo_w, photo_h = _photo_size(layout)
    entry = card.entry
    radius = layout.s(1.5 * mm)
    canvas.saveState()
    canvas.setFillColor(CARD_FILL)
    canvas.setStrokeColor(CARD_EDGE)
    canvas.setLineWidth(0.7)
    canvas.roundRect(x, top - height, width, height, radius, stroke=1, fill=1)
    # A red bar along the top edge marks each card, as the wall's red frames do.
    canvas.setFillColor(RED)
    canvas.rect(x + radius, top - layout.s(1.2 * mm), width - 2 * radius, layout.s(1.2 * mm), 0, 1)
    canvas.restoreState()

    photo_x, photo_top = x + pad, top - pad - layout.s(0.8 * mm)
    _draw_photo(canvas, photos.get(entry.person), entry.person.name, photo_x, photo_top, layout)

    tx = photo_x + photo_w + layout.s(3 * mm)
    y = photo_top - card.name_size * 0.9
    name_width = draw_text(
        canvas, entry.person.name, tx, y, size=card.name_size, colour=INK, bold=True
    )
    if entry.is_head:
        _draw_tag(canvas, HEAD_TAG, tx + name_width + layout.s(2 * mm), y, layout)
    y -= card.name_size * 0.35 + layout.s(1 * mm)
    for text, size, colour, bold in card.head_lines:
        y -= size * 1.4
        draw_text(canvas, text, tx, y + size * 0.3, size=size, colour=colour, bold=bold)

    y = min(y, photo_top - photo_h) - layout.s(3 * mm)
    canvas.saveState()
    canvas.setStrokeColor(CARD_EDGE)
    canvas.setLineWidth(0.5)
    canvas.line(x + pad, y + layout.s(1.5 * mm), x + width - pad, y + layout.s(1.5 * mm))
    canvas.restoreState()
    y -= sizes["heading"] * 1.1
    draw_text(canvas, COMMITMENTS_HEADING, x + pad, y, size=sizes["heading"], colour=RED, bold=True)
    y -= sizes["heading"] * 0.5
    number_width = text_width("8.", sizes["item"]) + layout.s(1.2 * mm)
    numbers = iter(card.numbers)
    for text, first in card.commitment_lines:
        y -= sizes["item"] * 1.45
        if first:
            draw_text(canvas, next(numbers), x + pad, y, size=sizes["item"], colour=RED)
        colour = INK if card.numbers else LIGHT_GREY
        draw_text(canvas, text, x + pad + number_width, y, size=sizes["item"], colour=colour)


def _draw_tag(canvas: Canvas, text: str, x: float, baseline: float, layout: Layout) -> None:
    size = layout.s(7)
    width = text_width(text, size) + layout.s(2 * mm)
    canvas.saveState()
    canvas.setFillColor(GOLD)
    canvas.roundRect(x, baseline - size * 0.3, width, size * 1.45, size * 0.3, stroke=0, fill=1)
    canvas.restoreState()
    draw_text(canvas, text, x + width / 2, baseline, size=size, colour=WHITE, anchor="middle")


def _draw_photo(canvas: Canvas, image, name: str, x: float, top: float, layout: Layout) -> None:
    """The stored photo, cropped to 3:4; without one, a neutral box with the surname."""
    width, height = _photo_size(layout)
    if image is not None:
        canvas.drawImage(ImageReader(image), x, top - height, width, height)
        canvas.saveState()
        canvas.setStrokeColor(CARD_EDGE)
        canvas.setLineWidth(0.5)
        canvas.rect(x, top - height, width, height, stroke=1, fill=0)
        canvas.restoreState()
        return
    canvas.saveState()
    canvas.setFillColor(PLACEHOLDER)
    canvas.rect(x, top - height, width, height, stroke=0, fill=1)
    canvas.restoreState()
    size = width * 0.5
    draw_text(
        canvas,
        name[:1],
        x + width / 2,
        top - height / 2 - size * 0.36,
        size=size,
        colour=PLACEHOLDER_INK,
        anchor="middle",
    )


class _PhotoCache:
    """Each stored photo read once, cropped to 3:4 and scaled to print size; a missing or broken
    file draws the placeholder instead of failing the poster."""

    # 300 dpi at A3's 24 mm photo width.
    MAX_WIDTH = 300

    def __init__(self):
        self._images: dict[int, Image.Image | None] = {}

    def get(self, person) -> Image.Image | None:
        if person.pk not in self._images:
            self._images[person.pk] = self._load(person)
        return self._images[person.pk]

    def _load(self, person) -> Image.Image | None:
        if not person.photo:
            return None
        try:
            with person.photo.open("rb") as f, Image.open(f) as image:
                image = ImageOps.exif_transpose(image).convert("RGB")
                width = min(self.MAX_WIDTH, image.width)
                return ImageOps.fit(image, (width, width * 4 // 3))
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
            return None

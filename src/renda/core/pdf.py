"""Shared pieces for the PDFs the platform prints: the embedded CJK font, text that fits, QR codes.

ReportLab's standard fonts have no Chinese glyphs, and its CID fonts (STSong-Light) are only
referenced, not embedded, so a reader without them (most phones, many print shops' RIPs) shows
boxes or a substitute. WenQuanYi Micro Hei ships in `core/fonts/` and a subset of it is embedded
in every PDF, so a plate prints the same everywhere.
"""

import functools
import re
import threading
from pathlib import Path
from typing import Literal

import segno
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent / "fonts"
CJK_FONT_FILE = FONT_DIR / "wqy-microhei.ttc"
CJK_FONT_NAME = "WenQuanYiMicroHei"

# The face has no bold weight. Stroking the glyph outlines in the fill colour thickens them
# (PDF text render mode 2); the text stays real text, so it is still searchable and copyable.
_BOLD_STROKE = 0.035  # of the font size
_FILL_THEN_STROKE = 2

# A line must not begin with closing punctuation (避头尾), so such a character stays with the
# character before it when text is wrapped.
_NO_LINE_START = set("，。、；：？！）》」』”’·…%,.;:?!)]}")

# A horizontal run of dark modules in a row of a QR code's matrix (light modules are 0).
_DARK_RUN = re.compile(rb"[^\x00]+")

Anchor = Literal["start", "middle", "end"]


# ReportLab keeps each document's subset of an embedded font in the one font object all threads
# share, and fills it as text is drawn; two PDFs drawn at once in two threads of a worker corrupt
# each other's subset (an exception, or a wrong glyph). One PDF is drawn at a time per process:
# a plate takes tens of milliseconds, and the GIL would interleave the threads anyway.
_DRAWING = threading.RLock()


def one_at_a_time(build):
    """Decorate a function that draws a whole PDF with the embedded font, so that no other
    thread of the process draws one meanwhile (see `_DRAWING`)."""

    @functools.wraps(build)
    def drawn_alone(*args, **kwargs):
        with _DRAWING:
            return build(*args, **kwargs)

    return drawn_alone


@functools.cache
def _registered() -> str:
    # Index 0 of the collection is the proportional face; index 1 is the monospaced one.
    pdfmetrics.registerFont(TTFont(CJK_FONT_NAME, str(CJK_FONT_FILE), subfontIndex=0))
    return CJK_FONT_NAME


def cjk_font() -> str:
    """Register the CJK font with ReportLab (once per process, whichever thread asks first) and
    return its name."""
    with _DRAWING:
        return _registered()


def text_width(text: str, size: float, *, font: str | None = None, char_space: float = 0) -> float:
    """How wide `text` is drawn, counting letter spacing between characters only."""
    width = pdfmetrics.stringWidth(text, font or cjk_font(), size)
    return width + char_space * max(len(text) - 1, 0)


def fit_size(
    text: str,
    width: float,
    *,
    size: float,
    min_size: float,
    font: str | None = None,
    char_space_em: float = 0,
) -> float:
    """The largest size from `size` down to `min_size` at which `text` fits in `width`."""
    font = font or cjk_font()
    natural = text_width(text, size, font=font, char_space=char_space_em * size)
    if natural <= width:
        return size
    # Width grows linearly with the size, letter spacing included.
    return max(min_size, size * width / natural)


def wrap(text: str, width: float, *, size: float, font: str | None = None) -> list[str]:
    """`text` broken into lines no wider than `width`.

    Chinese may break between any two characters; Latin words and URLs are broken where they
    must be, since a plate has no room for hyphenation rules.
    """
    font = font or cjk_font()
    lines: list[str] = []
    line = ""
    for char in text:
        if line and text_width(line + char, size, font=font) > width and char not in _NO_LINE_START:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    if line:
        lines.append(line)
    return lines


def draw_text(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    *,
    size: float,
    colour: Color,
    anchor: Anchor = "start",
    bold: bool = False,
    char_space_em: float = 0,
    font: str | None = None,
) -> float:
    """Draw one line of text on the baseline `y`, placed at `x` by `anchor`; return its width."""
    font = font or cjk_font()
    char_space = char_space_em * size
    width = text_width(text, size, font=font, char_space=char_space)
    if anchor == "middle":
        x -= width / 2
    elif anchor == "end":
        x -= width
    canvas.saveState()
    canvas.setFillColor(colour)
    obj = canvas.beginText(x, y)
    obj.setFont(font, size)
    obj.setCharSpace(char_space)
    if bold:
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(size * _BOLD_STROKE)
        canvas.setLineJoin(1)  # round joins, so stroked corners do not spike
        obj.setTextRenderMode(_FILL_THEN_STROKE)
    obj.textOut(text)
    canvas.drawText(obj)
    canvas.restoreState()
    return width


def _dark_modules(qr: segno.QRCode) -> str:
    """The dark modules of `qr` as PDF path operators: one rectangle (`re`) per horizontal run,
    in module units from the symbol's lower left corner, quiet zone excluded.

    In module units every number is a small integer, so the path is written as text at once
    instead of formatting four floats per run (a plate's code has about 220 runs).
    """
    side = qr.symbol_size(border=0)[0]
    return "\n".join(
        f"{run.start()} {side - 1 - row} {run.end() - run.start()} 1 re"
        for row, modules in enumerate(qr.matrix)
        for run in _DARK_RUN.finditer(modules)
    )


def draw_qr(
    canvas: Canvas,
    qr: segno.QRCode,
    x: float,
    y: float,
    size: float,
    *,
    dark: Color,
    light: Color,
    border: int = 4,
) -> None:
    """Draw `qr` as vectors in the square of side `size` whose lower left corner is (x, y).

    The square includes a quiet zone of `border` modules in the light colour, so the code scans
    whatever is printed around it. All dark modules are one filled path: separate squares would
    show hairline seams between neighbours in some renderers.
    """
    modules = qr.symbol_size(border=0)[0]
    module = size / (modules + 2 * border)
    canvas.saveState()
    canvas.setFillColor(light)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(dark)
    canvas.translate(x + border * module, y + border * module)
    canvas.scale(module, module)
    canvas.addLiteral(_dark_modules(qr) + "\nf")  # f: fill the path
    canvas.restoreState()

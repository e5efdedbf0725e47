"""The shared PDF machinery (core/pdf.py): ReportLab with its C accelerator, QR codes drawn."""

import importlib
import io

import pytest
from reportlab.lib import rl_accel
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from renda.core.pdf import draw_qr
from renda.core.qr import make_qr
from renda.core.testing import needs_poppler, painted_in, pdf_page_image, qr_modules_drawn

URL = "https://renda.example.cn/deputies/1234/"


def test_reportlab_formats_numbers_and_encodes_streams_in_c():
    """Regression: without rl-accel ReportLab falls back, silently, to pure Python for formatting
    every number it writes and for ASCII85 streams, a third of a plate's making (decision 0011)."""
    accelerator = importlib.import_module("_rl_accel")  # from the rl-accel package
    assert rl_accel.fp_str is accelerator.fp_str
    assert pdfdoc.fp_str is accelerator.fp_str
    assert rl_accel.asciiBase85Encode is accelerator.asciiBase85Encode


@needs_poppler
@pytest.mark.parametrize("border", [4, 2])
def test_draw_qr_paints_each_module_in_place_inside_its_quiet_zone(border):
    """draw_qr, shared by the plate and the wall poster, paints the square in the light colour
    and the symbol inside it, `border` modules from each edge, every module where it belongs."""
    qr = make_qr(URL)
    side = qr.symbol_size(border=0)[0]
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(300, 300), invariant=True)
    dark, light = "#123456", "#fedcba"
    draw_qr(canvas, qr, 50, 40, 200, dark=HexColor(dark), light=HexColor(light), border=border)
    canvas.showPage()
    canvas.save()
    pdf = out.getvalue()

    dpi = 144  # two pixels a point
    assert qr_modules_drawn(pdf, dark=dark, side=side, dpi=dpi) == [
        [bool(module) for module in row] for row in qr.matrix
    ]
    page = pdf_page_image(pdf, dpi=dpi)
    square = painted_in(page, light).getbbox()
    symbol = painted_in(page, dark).getbbox()
    assert square == pytest.approx((100, 2 * (300 - 240), 500, 2 * (300 - 40)), abs=1)
    quiet = 400 * border / (side + 2 * border)  # pixels
    assert symbol == pytest.approx((100 + quiet, 120 + quiet, 500 - quiet, 520 - quiet), abs=1)

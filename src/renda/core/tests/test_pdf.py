"""The shared PDF machinery (core/pdf.py): ReportLab with its C accelerator."""

import importlib

from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfdoc


def test_reportlab_formats_numbers_and_encodes_streams_in_c():
    """Regression: without rl-accel ReportLab falls back, silently, to pure Python for formatting
    every number it writes and for ASCII85 streams, a third of a plate's making (decision 0011)."""
    accelerator = importlib.import_module("_rl_accel")  # from the rl-accel package
    assert rl_accel.fp_str is accelerator.fp_str
    assert pdfdoc.fp_str is accelerator.fp_str
    assert rl_accel.asciiBase85Encode is accelerator.asciiBase85Encode

"""QR codes (代表码) that open a public page: SVG for web pages, PNG for chat apps and print shops;
and the public address a code or a plate carries.

Made locally with segno, so no URL of a deputy ever leaves the server to a QR web service.
"""

import functools
import io

import segno
from django.conf import settings
from django.utils.encoding import iri_to_uri

# Level Q restores up to 25 % of the symbol: plates on a station's gate get scratched, faded
# and photographed at an angle through glare. segno raises it further when that costs no size.
ERROR_LEVEL = "q"
# Four modules of light margin is the minimum ISO/IEC 18004 asks for.
QUIET_ZONE = 4
# Near-black rather than pure black prints evenly on plates and still gives full contrast.
DARK = "#111111"
# The light colour is painted, never transparent, so the code still scans on a dark page.
LIGHT = "#ffffff"
# A page's code is made again whenever its public cache entry goes stale (after any write to
# what the page shows), but a URL's code never changes. The codes of this many URLs are kept
# per process, about 3.5 kB each (a district's deputies and stations fit).
QR_MEMO_SIZE = 2048


def public_url(request, path: str) -> str:
    """The address a QR code or plate should carry: PUBLIC_BASE_URL if set, else this host."""
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL + path
    return request.build_absolute_uri(path)


@functools.lru_cache(maxsize=QR_MEMO_SIZE)
def make_qr(url: str) -> segno.QRCode:
    """The QR code for `url`, the same symbol whichever format it is drawn in.

    Remembered: every caller of the same URL gets the same object, to read and never to change.
    """
    if not url:
        raise ValueError("a QR code needs a URL")
    # Chinese in a URL would go in as UTF-8 bytes without an ECI marker, which some scanners
    # read as ISO 8859-1 or Shift JIS; percent-encoded ASCII reads the same on every phone.
    return segno.make_qr(iri_to_uri(url), error=ERROR_LEVEL)


def qr_svg(url: str, *, title: str | None = None, scale: int = 8) -> bytes:
    """An SVG of the QR code for `url`, with `title` (the URL by default) for screen readers.

    There is no XML declaration, so the same bytes serve as an .svg file and inline in HTML.
    """
    out = io.BytesIO()
    make_qr(url).save(
        out,
        kind="svg",
        scale=scale,
        border=QUIET_ZONE,
        dark=DARK,
        light=LIGHT,
        title=title or url,
        xmldecl=False,
    )
    return out.getvalue()


def qr_png(url: str, *, scale: int = 10) -> bytes:
    """A PNG of the QR code for `url`, `scale` pixels per module."""
    out = io.BytesIO()
    make_qr(url).save(out, kind="png", scale=scale, border=QUIET_ZONE, dark=DARK, light=LIGHT)
    return out.getvalue()

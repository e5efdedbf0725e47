"""The files behind showing identity (亮身份): QR codes and the deputy's contact plate."""

import io
import re
import threading
import xml.etree.ElementTree as ET

import pytest
import segno
from PIL import Image

from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress
from renda.core.pdf import CJK_FONT_NAME
from renda.core.qr import ERROR_LEVEL, QR_MEMO_SIZE, QUIET_ZONE, make_qr, qr_png, qr_svg
from renda.core.testing import needs_poppler, pdf_text, qr_modules_drawn
from renda.people.models import Mandate
from renda.people.selectors import level_labels
from renda.portal.plate import PAGE_HEIGHT, PAGE_WIDTH, deputy_plate_pdf
from renda.regions.models import Region

URL = "https://renda.example.cn/deputies/1234/contact/?from=plate&src=qr"
SVG = "{http://www.w3.org/2000/svg}"

PLATE = {
    "name": "王芳",
    "levels": ["重庆市人大代表", "荣昌区人大代表"],
    "post": "党委书记、董事长",
    "work_unit": "重庆市荣昌区某某农业发展有限公司",
    "station": "昌元街道人大代表之家",
    "phone": "023-46731234",
    "url": URL,
}


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


# ---------------------------------------------------------------- QR codes


def test_qr_is_a_regular_code_at_least_level_q():
    qr = make_qr(URL)
    assert not qr.is_micro
    assert qr.error in {"Q", "H"}
    assert len(qr.matrix) == qr.symbol_size(border=0)[0]


def test_qr_of_a_chinese_url_holds_the_percent_encoded_url():
    """Regression: UTF-8 without an ECI marker is misread by some scanners; ASCII never is."""
    qr = make_qr("https://renda.example.cn/站点/荣昌/")
    ascii_qr = make_qr("https://renda.example.cn/%E7%AB%99%E7%82%B9/%E8%8D%A3%E6%98%8C/")
    assert qr.matrix == ascii_qr.matrix


def test_qr_is_remembered_per_url_and_is_segnos_code():
    """The memo gives segno's own symbol (all eight masks scored), the same object each time
    for the same URL, and holds at most QR_MEMO_SIZE URLs."""
    url = URL + "&memo"
    scored = segno.make_qr(url, error=ERROR_LEVEL)
    qr = make_qr(url)
    assert (qr.matrix, qr.mask, qr.version, qr.error) == (
        scored.matrix,
        scored.mask,
        scored.version,
        scored.error,
    )
    assert make_qr(url) is qr
    memo = make_qr.cache_info()
    assert memo.maxsize == QR_MEMO_SIZE
    assert 0 < memo.currsize <= QR_MEMO_SIZE


def test_qr_needs_a_url():
    with pytest.raises(ValueError):
        make_qr("")


def test_qr_svg_is_well_formed_with_an_escaped_title():
    root = ET.fromstring(qr_svg(URL))
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == URL  # the & in the query survived escaping
    assert any(path.get("d") for path in root.iter(f"{SVG}path"))


def test_qr_svg_takes_a_title_and_paints_its_background():
    svg = qr_svg(URL, title="扫码联系代表")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "扫码联系代表"
    # Transparent light modules would vanish on a dark page.
    assert b"#fff" in svg.lower()
    assert not svg.startswith(b"<?xml")


def test_qr_png_opens_with_quiet_zone_and_dark_finder():
    scale = 6
    png = qr_png(URL, scale=scale)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    modules = make_qr(URL).symbol_size(border=0)[0]
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        side = (modules + 2 * QUIET_ZONE) * scale
        assert image.size == (side, side)
        rgb = image.convert("RGB")
        assert rgb.getpixel((0, 0)) == (255, 255, 255)
        inside = QUIET_ZONE * scale + 1  # the top-left finder pattern's outer ring
        assert max(rgb.getpixel((inside, inside))) < 40


# ---------------------------------------------------------------- level labels


def mandate(level: int, region: str) -> Mandate:
    return Mandate(congress=Congress(level=level, region=Region(name=region)))


def test_level_labels_highest_congress_first_national_by_its_own_name():
    labels = level_labels(
        [
            mandate(CongressLevel.COUNTY, "荣昌区"),
            mandate(CongressLevel.NATIONAL, "中华人民共和国"),
            mandate(CongressLevel.PROVINCIAL, "重庆市"),
        ]
    )
    assert labels == ["全国人大代表", "重庆市人大代表", "荣昌区人大代表"]


def test_level_labels_say_each_congress_once():
    assert level_labels([mandate(CongressLevel.TOWN, "清江镇")] * 2) == ["清江镇人大代表"]


# ---------------------------------------------------------------- plate


def test_plate_is_a_one_page_landscape_pdf_with_the_font_embedded():
    pdf = deputy_plate_pdf(**PLATE)
    assert pdf.startswith(b"%PDF-")
    assert page_count(pdf) == 1
    assert b"/FontFile2" in pdf
    assert re.search(rb"/FontName /[A-Z]{6}\+" + CJK_FONT_NAME.encode(), pdf)
    assert b"/Helvetica" not in pdf  # no font left for the reader to substitute
    assert PAGE_WIDTH > PAGE_HEIGHT


@needs_poppler
def test_plate_qr_code_is_the_code_of_its_url():
    expected = make_qr(URL)
    drawn = qr_modules_drawn(
        deputy_plate_pdf(**PLATE), dark="#111111", side=expected.symbol_size(border=0)[0]
    )
    assert drawn == [[bool(module) for module in row] for row in expected.matrix]


def test_plate_is_the_same_bytes_for_the_same_deputy():
    assert deputy_plate_pdf(**PLATE) == deputy_plate_pdf(**PLATE)


@needs_poppler
def test_plate_shows_name_levels_post_unit_station_phone_and_url():
    text = pdf_text(deputy_plate_pdf(**PLATE))
    flat = re.sub(r"\s+", "", text)
    for value in [
        "人大代表联系牌",
        "王芳",
        "重庆市人大代表",
        "荣昌区人大代表",
        PLATE["post"],
        PLATE["work_unit"],
        PLATE["station"],
        PLATE["phone"],
        "扫码联系代表",
    ]:
        assert value in flat
    assert URL in flat


@needs_poppler
def test_plate_leaves_out_empty_lines():
    text = pdf_text(deputy_plate_pdf(name="张晓明", levels=["荣昌区人大代表"], url=URL))
    assert "张晓明" in re.sub(r"\s+", "", text)
    for label in ["职", "工作单位", "联系站点", "联系电话"]:
        assert label not in text


@needs_poppler
def test_plate_keeps_long_values_inside_the_plate():
    """Regression: long names, units and URLs shrink or wrap instead of running off the plate."""
    pdf = deputy_plate_pdf(
        name="阿不都热合曼·买买提",
        levels=["全国人大代表", "重庆市人大代表", "荣昌区人大代表", "昌元街道人大代表"],
        post="村党支部书记、村委会主任兼村集体经济组织负责人",
        work_unit="重庆市荣昌区昌元街道办事处某某社区居民委员会综合服务中心",
        station="荣昌区昌元街道玉屏社区人大代表联络站（民情联络点）",
        phone="13800000000",
        url="https://renda.example.cn/deputies/123456/contact/?from=plate&utm_source=printed_plate",
    )
    boxes = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        pdf_text(pdf, "-bbox"),
    )
    assert boxes
    margin = 28  # 10 mm, the plate's outline
    for x0, y0, x1, y1, word in boxes:
        assert margin <= float(x0) and float(x1) <= PAGE_WIDTH - margin, word
        assert margin <= float(y0) and float(y1) <= PAGE_HEIGHT - margin, word
    words = "".join(word for *_, word in boxes)
    assert "阿不都热合曼·买买提" in words
    assert "服务中心" in words


@needs_poppler
def test_plate_never_cuts_off_a_value():
    """Regression: a value too long for two lines gets smaller type, not truncated."""
    unit = "重庆市荣昌区昌元街道办事处某某社区居民委员会综合服务中心" * 3 + "完"
    text = pdf_text(deputy_plate_pdf(name="王芳", levels=[], work_unit=unit, url=URL))
    assert unit in re.sub(r"\s+", "", text)


def test_plate_needs_a_name():
    with pytest.raises(ValueError):
        deputy_plate_pdf(name=" ", levels=["荣昌区人大代表"], url=URL)


ROUNDS = 12  # per thread: unguarded, about every other run of 8 × 12 plates went wrong


def test_plates_made_in_many_threads_at_once_are_each_the_plate_made_alone():
    """gunicorn serves plates from several threads of one process, and the embedded font object
    is shared: every plate made at once is byte for byte the plate made alone (ReportLab keeps
    each document's font subset in that object; unguarded, concurrent plates corrupted each
    other's subset and one in a few hundred answered 500)."""
    names = ["黎源", "王芳", "欧阳晓明", "李铜梁", "张三丰", "赵钱孙", "周吴郑", "冯陈褚"]
    alone = {name: deputy_plate_pdf(**{**PLATE, "name": name}) for name in names}
    start = threading.Barrier(len(names))
    made: dict[str, list[bytes]] = {name: [] for name in names}
    errors: list[BaseException] = []

    def make(name):
        try:
            start.wait(timeout=10)
            for _ in range(ROUNDS):
                made[name].append(deputy_plate_pdf(**{**PLATE, "name": name}))
        except BaseException as exc:  # every failure is the finding, not only assertion errors
            errors.append(exc)

    threads = [threading.Thread(target=make, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    for name in names:
        assert made[name] == [alone[name]] * ROUNDS, name

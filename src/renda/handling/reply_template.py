"""The reply-letter template (答复函) a unit downloads, fills in Word or WPS offline, signs, seals,
scans and uploads with its answer; for a co-handling unit, the opinion to the lead unit (协办意见).

A Word document (.docx), filled in with what the system knows: the unit, the item's number,
title and lead deputy, the session, the result categories to keep one of, the office to copy
to; what the unit writes is marked 【…】 on a yellow highlight. The layout follows the
national standard for official documents (GB/T 9704-2012): A4, margins 37/35/28/26 mm, the
title in 小标宋 二号, the text in 仿宋 三号 (Word or WPS puts in a face it has where one is
missing).

The document is written as WordprocessingML with the standard library (zipfile), not through a
library: five small XML parts are all a letter needs (docs/decisions/0012-reply-template.md).
Its words are Chinese document content, like the notice's.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from renda.handling.subjects import Item

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = 32  # half-points: 三号, 16 pt
TITLE_SIZE = 44  # 二号, 22 pt
SMALL_SIZE = 28  # 四号, 14 pt


@dataclass
class Letter:
    """What the template is filled with."""

    unit: str
    unit_phone: str
    item: Item
    co_handling: bool  # a co-handling unit writes its opinion to the lead unit
    lead_unit: str  # the lead unit, for a co-handling unit's opinion
    categories: list[tuple[str, str]]  # (code, words)
    due: datetime.date | None


def _run(text: str, *, size: int = BODY_SIZE, font: str = BODY_FONT, bold=False, fill=False):
    props = [
        f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{font}"/>',
        "<w:b/>" if bold else "",
        '<w:highlight w:val="yellow"/>' if fill else "",
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
    ]
    return (
        f'<w:r><w:rPr>{"".join(props)}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    )


def _para(*runs: str, align: str = "", indent: bool = False, after: int = 0) -> str:
    props = []
    if align:
        props.append(f'<w:jc w:val="{align}"/>')
    if indent:  # two characters, as Chinese paragraphs begin
        props.append('<w:ind w:firstLineChars="200" w:firstLine="640"/>')
    # A fixed line pitch of 28.95 pt, as the standard's 22 lines a page.
    props.append(f'<w:spacing w:line="579" w:lineRule="exact" w:after="{after}"/>')
    return f"<w:p><w:pPr>{''.join(props)}</w:pPr>{''.join(runs)}</w:p>"


def _fill(text: str) -> str:
    return _run(f"【{text}】", fill=True)


def _cn_date(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def paragraphs(letter: Letter) -> list[str]:
    """The body of the document, paragraph by paragraph (WordprocessingML)."""
    item = letter.item
    kind = item.kind or "建议"
    number = item.reference or "第　号"
    about = f"{item.occasion}{number}{kind}" if item.occasion else f"{number}{kind}"
    out = []
    if letter.co_handling:
        out.append(_para(_run("签发人："), _fill("签发人姓名"), align="right"))
        out.append(_para(_run(""), after=0))
        out.append(
            _para(
                _run(f"关于{about}的协办意见", size=TITLE_SIZE, font=TITLE_FONT),
                align="center",
                after=300,
            )
        )
        out.append(_para(_run(f"{letter.lead_unit or '主办单位'}：")))
        out.append(
            _para(
                _run(
                    f"{item.author}代表提出的《{item.title}》（{number}）由你单位主办、我单位协办。"
                ),
                _run("现将我单位协办意见函告如下："),
                indent=True,
            )
        )
        out.append(
            _para(_fill("写明本单位职责范围内的办理意见、已做的工作和下一步打算"), indent=True)
        )
        out.append(_para(_run("请在答复代表时一并考虑。"), indent=True, after=600))
    else:
        codes = "、".join(code for code, _words in letter.categories) or "A、B、C"
        out.append(_para(_run("类别："), _fill(f"{codes} 中保留一项"), align="left"))
        out.append(_para(_run("签发人："), _fill("签发人姓名"), align="right"))
        out.append(_para(_run(""), after=0))
        out.append(
            _para(
                _run(f"对{about}的答复", size=TITLE_SIZE, font=TITLE_FONT),
                align="center",
                after=300,
            )
        )
        out.append(_para(_run(f"{item.author}代表：")))
        out.append(
            _para(
                _run(f"您提出的《{item.title}》（{number}）收悉。"),
                _run("我单位高度重视，认真研究办理，并于"),
                _fill("日期"),
                _run("以"),
                _fill("见面、座谈、电话等"),
                _run("方式与您进行了沟通。现答复如下："),
                indent=True,
            )
        )
        out.append(
            _para(
                _fill(
                    "逐条写明办理情况：已经解决或采纳的，写明解决的措施和结果；正在解决或列入计划的，"
                    "写明计划和完成时限；因条件限制暂时不能解决的，如实说明原因"
                ),
                indent=True,
            )
        )
        out.append(_para(_run("感谢您对我们工作的关心和支持。"), indent=True, after=600))
    out.append(_para(_run(f"{letter.unit}（盖章）"), align="right"))
    out.append(_para(_fill("　　年　　月　　日"), align="right", after=600))
    phone = letter.unit_phone or ""
    out.append(
        _para(
            _run("联系人："),
            _fill("姓名"),
            _run("　联系电话："),
            _run(phone) if phone else _fill("电话"),
        )
    )
    if not letter.co_handling:
        out.append(_para(_run(f"抄送：{item.issuer}。")))
        if letter.categories:
            out.append(_para(_run("办理结果类别：", size=SMALL_SIZE, bold=True)))
            for code, words in letter.categories:
                out.append(_para(_run(f"{code}类：{words}", size=SMALL_SIZE)))
    if letter.due:
        out.append(
            _para(
                _run(
                    f"（办理期限：{_cn_date(letter.due)}。本说明及黄色底纹提示文字请在定稿时删除。）",
                    size=SMALL_SIZE,
                )
            )
        )
    return out


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""  # noqa: E501

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""  # noqa: E501

_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""  # noqa: E501

_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{BODY_FONT}" w:cs="{LATIN_FONT}"/><w:sz w:val="{BODY_SIZE}"/><w:szCs w:val="{BODY_SIZE}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
</w:styles>"""  # noqa: E501

_DOCUMENT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body>
{body}
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>
</w:body>
</w:document>"""  # noqa: E501

_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{title}</dc:title>
<dc:creator>renda</dc:creator>
</cp:coreProperties>"""  # noqa: E501


def title_of(letter: Letter) -> str:
    item = letter.item
    what = f"{item.reference}{item.kind or '建议'}"
    return f"{what}协办意见" if letter.co_handling else f"{what}答复函"


def reply_docx(letter: Letter) -> bytes:
    """The filled-in template as a .docx file's bytes."""
    out = io.BytesIO()
    # A fixed date in every entry, so the same letter gives the same bytes.
    stamp = (2000, 1, 1, 0, 0, 0)
    parts = (
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _RELS),
        ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
        ("word/styles.xml", _STYLES),
        ("word/document.xml", _DOCUMENT.format(body="\n".join(paragraphs(letter)))),
        ("docProps/core.xml", _CORE.format(title=escape(title_of(letter)))),
    )
    with zipfile.ZipFile(out, "w") as package:
        for name, text in parts:
            entry = zipfile.ZipInfo(name, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(entry, text.encode("utf-8"))
    return out.getvalue()

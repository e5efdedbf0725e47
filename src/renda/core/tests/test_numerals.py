"""Numbers as Chinese government documents write them."""

import pytest

from renda.core.numerals import chinese_ordinal, chinese_year


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "一"),
        (6, "六"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (30, "三十"),
        (99, "九十九"),
    ],
)
def test_ordinals_as_a_term_is_numbered(number, words):
    assert chinese_ordinal(number) == words


@pytest.mark.parametrize("number", [0, -3, 100, 123])
def test_ordinals_outside_1_to_99_stay_digits(number):
    assert chinese_ordinal(number) == str(number)


@pytest.mark.parametrize(
    ("year", "words"),
    [(2024, "二〇二四"), (2000, "二〇〇〇"), (1949, "一九四九"), (2026, "二〇二六")],
)
def test_years_digit_by_digit_with_ling_circle(year, words):
    assert chinese_year(year) == words

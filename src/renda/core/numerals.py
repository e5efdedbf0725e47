"""Numbers as Chinese government documents write them: 第十九届, 二〇二四年."""

_DIGITS = "〇一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1..99 in Chinese numerals: 1 → 一, 10 → 十, 19 → 十九, 20 → 二十, 21 → 二十一."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


def chinese_year(year: int) -> str:
    """2024 → 二〇二四, as a document's date line writes a year."""
    return "".join(_DIGITS[int(d)] for d in str(year))

"""Reception days: rules checked, said in words, and turned into dates."""

import datetime
import re

import pytest
from django.utils import translation
from freezegun import freeze_time

from renda.stations import reception

ANCHOR = datetime.date(2024, 1, 1)
TODAY = datetime.date(2026, 11, 22)  # a Sunday


def untranslated(text: str) -> bool:
    """Whether words meant to be Chinese still carry English from an untranslated msgid."""
    return bool(re.search(r"[A-Za-z]", text))


# --- describe ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=MONTHLY;BYMONTHDAY=15", "every month on day 15"),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20", "every 2 months on day 20"),
        ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10", "every 3 months on day 10"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "every month on the last day"),
        ("FREQ=WEEKLY;BYDAY=WE", "every Wednesday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "every 2 weeks on Tuesday"),
        ("FREQ=MONTHLY;BYDAY=1MO", "every month on the first Monday"),
        ("FREQ=MONTHLY;BYDAY=3TH", "every month on the third Thursday"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR", "every 2 months on the last Friday"),
        ("freq=monthly;bymonthday=15", "every month on day 15"),
    ],
)
def test_describe_in_english(rule, words):
    with translation.override("en"):
        assert reception.describe(rule) == words


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=MONTHLY;BYMONTHDAY=15", {"每月15日"}),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20", {"每两个月20日"}),
        ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10", {"每三个月10日"}),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", {"每月最后一天"}),
        ("FREQ=WEEKLY;BYDAY=WE", {"每周三", "每星期三"}),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", {"每两周周二", "每两周星期二"}),
        ("FREQ=MONTHLY;BYDAY=1MO", {"每月第一个星期一", "每月第一个周一"}),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR", {"每两个月最后一个星期五", "每两个月最后一个周五"}),
    ],
)
def test_describe_in_chinese_as_a_notice_on_the_wall_says_it(rule, words):
    with translation.override("zh-hans"):
        said = reception.describe(rule)
    if untranslated(said):
        pytest.xfail(f"the zh-Hans catalogue does not translate it yet: {said!r}")
    assert said in words


def test_the_station_says_its_rule_in_words():
    from renda.stations.models import Station

    station = Station(reception_rule="FREQ=MONTHLY;BYMONTHDAY=15")

    with translation.override("en"):
        assert station.reception_rule_text == "every month on day 15"


# --- next_dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "anchor", "dates"),
    [
        (
            "FREQ=MONTHLY;BYMONTHDAY=15",
            ANCHOR,
            [(2026, 12, 15), (2027, 1, 15), (2027, 2, 15)],
        ),
        # Every second month counted from January 2024: Jan, Mar, … Nov 2026 (20th passed), Jan.
        (
            "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20",
            ANCHOR,
            [(2027, 1, 20), (2027, 3, 20), (2027, 5, 20)],
        ),
        # The same rule counted from February runs in the even months.
        (
            "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20",
            datetime.date(2024, 2, 1),
            [(2026, 12, 20), (2027, 2, 20), (2027, 4, 20)],
        ),
        ("FREQ=WEEKLY;BYDAY=WE", ANCHOR, [(2026, 11, 25), (2026, 12, 2), (2026, 12, 9)]),
        ("FREQ=MONTHLY;BYDAY=1MO", ANCHOR, [(2026, 12, 7), (2027, 1, 4), (2027, 2, 1)]),
        ("FREQ=MONTHLY;BYDAY=-1FR", ANCHOR, [(2026, 11, 27), (2026, 12, 25), (2027, 1, 29)]),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", ANCHOR, [(2026, 11, 30), (2026, 12, 31), (2027, 1, 31)]),
    ],
)
@freeze_time("2026-11-22 10:00:00+08:00")
def test_next_dates_from_today(rule, anchor, dates):
    assert reception.next_dates(rule, anchor) == [datetime.date(*d) for d in dates]


def test_a_reception_day_today_is_still_next():
    assert reception.next_dates("FREQ=MONTHLY;BYMONTHDAY=22", ANCHOR, count=1, after=TODAY) == [
        TODAY
    ]


def test_the_last_day_of_february_in_a_leap_year():
    assert reception.next_dates(
        "FREQ=MONTHLY;BYMONTHDAY=-1", ANCHOR, count=2, after=datetime.date(2028, 2, 1)
    ) == [datetime.date(2028, 2, 29), datetime.date(2028, 3, 31)]


def test_no_date_before_the_anchor():
    anchor = datetime.date(2027, 3, 1)

    dates = reception.next_dates("FREQ=MONTHLY;BYMONTHDAY=15", anchor, count=1, after=TODAY)

    assert dates == [datetime.date(2027, 3, 15)]


def test_count_dates():
    assert len(reception.next_dates("FREQ=WEEKLY;BYDAY=MO", ANCHOR, count=10, after=TODAY)) == 10


def test_the_station_lists_its_next_dates():
    from renda.stations.models import Station

    station = Station(reception_rule="FREQ=WEEKLY;BYDAY=WE", reception_anchor=ANCHOR)

    assert station.next_reception_dates(count=2, after=TODAY) == [
        datetime.date(2026, 11, 25),
        datetime.date(2026, 12, 2),
    ]


# --- parse and build -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYDAY=5SU",
        "FREQ=MONTHLY;BYDAY=-2MO",
        "FREQ=WEEKLY;BYDAY=SU",
        "freq=weekly;byday=we",
    ],
)
def test_parse_accepts(rule):
    parts = reception.parse(rule)

    assert parts["FREQ"] in {"MONTHLY", "WEEKLY"}


def test_parse_returns_the_parts():
    assert reception.parse("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20") == {
        "FREQ": "MONTHLY",
        "INTERVAL": "2",
        "BYMONTHDAY": "20",
    }


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("", "FREQ"),
        ("每月15日", "KEY=VALUE"),
        ("FREQ=", "KEY=VALUE"),
        ("FREQ=DAILY", "FREQ"),
        ("FREQ=YEARLY;BYMONTHDAY=1", "FREQ"),
        ("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3", "COUNT"),
        ("FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20271231", "UNTIL"),
        ("FREQ=MONTHLY;INTERVAL=0;BYMONTHDAY=15", "INTERVAL"),
        ("FREQ=MONTHLY;INTERVAL=13;BYMONTHDAY=15", "INTERVAL"),
        ("FREQ=MONTHLY;INTERVAL=two;BYMONTHDAY=15", "INTERVAL"),
        ("FREQ=MONTHLY", "BYMONTHDAY or BYDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=-2", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", "BYMONTHDAY"),
        ("FREQ=WEEKLY", "BYDAY"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY"),
        ("FREQ=WEEKLY;BYDAY=MO,WE", "BYDAY"),
        ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY"),
        ("FREQ=MONTHLY;BYDAY=9MO", "BYDAY"),
    ],
)
def test_parse_refuses_with_a_reason(rule, reason):
    with translation.override("en"), pytest.raises(ValueError, match=reason):
        reception.parse(rule)


def test_parse_gives_its_reason_in_chinese_by_default():
    with pytest.raises(ValueError, match="按周的规则须写明 BYDAY"):
        reception.parse("FREQ=WEEKLY")


@pytest.mark.parametrize(
    "rule",
    [
        # Every Monday of the month, which the words would call the first Monday.
        "FREQ=MONTHLY;BYDAY=MO",
        # A week number means nothing in a weekly rule.
        "FREQ=WEEKLY;BYDAY=1MO",
        # The 15th only when it is a Monday, which the words would call every 15th.
        "FREQ=MONTHLY;BYMONTHDAY=15;BYDAY=1MO",
        # The second Monday, which the words would call the first.
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=2",
    ],
)
def test_parse_refuses_rules_whose_words_would_say_other_dates(rule):
    """Regression: these passed, and describe() named other days than next_dates() gave."""
    with pytest.raises(ValueError):
        reception.parse(rule)


@pytest.mark.parametrize(
    ("choice", "rule"),
    [
        ({"frequency": "MONTHLY", "month_day": 15}, "FREQ=MONTHLY;BYMONTHDAY=15"),
        (
            {"frequency": "MONTHLY", "interval": 2, "month_day": 20},
            "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20",
        ),
        ({"frequency": "MONTHLY", "month_day": -1}, "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ({"frequency": "WEEKLY", "weekday": "WE"}, "FREQ=WEEKLY;BYDAY=WE"),
        ({"frequency": "MONTHLY", "weekday": "MO", "week_of_month": 1}, "FREQ=MONTHLY;BYDAY=1MO"),
        ({"frequency": "MONTHLY", "weekday": "FR", "week_of_month": -1}, "FREQ=MONTHLY;BYDAY=-1FR"),
    ],
)  # fmt: skip
def test_build_a_rule_from_a_forms_choices(choice, rule):
    assert reception.build(**choice) == rule


@pytest.mark.parametrize(
    "choice",
    [
        {"frequency": "DAILY"},
        {"frequency": "MONTHLY"},
        {"frequency": "MONTHLY", "month_day": 40},
        {"frequency": "WEEKLY"},
        {"frequency": "MONTHLY", "interval": 13, "month_day": 1},
    ],
)
def test_build_refuses_what_parse_refuses(choice):
    with pytest.raises(ValueError):
        reception.build(**choice)

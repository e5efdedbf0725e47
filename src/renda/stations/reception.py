"""Reception days as RFC 5545 recurrence rules, and how to say them in words.

Stations keep a rule such as "FREQ=MONTHLY;BYMONTHDAY=15" (每月15日) or
"FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20" (每两个月20日); the dates come from python-dateutil,
counted from the station's anchor date so "every second month" has a fixed phase.
"""

import datetime
import re

from dateutil.rrule import rrulestr
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from renda.core.numerals import chinese_ordinal

# No BYSETPOS: the words (describe, the spreadsheet's) say the week in BYDAY (1MO, -1FR).
_ALLOWED_KEYS = {"FREQ", "INTERVAL", "BYMONTHDAY", "BYDAY"}
_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _parts(rule: str) -> dict[str, str]:
    parts = {}
    for item in rule.strip().upper().split(";"):
        if not item:
            continue
        key, sep, value = item.partition("=")
        if not sep or not value:
            raise ValueError(_("“%(item)s” is not KEY=VALUE.") % {"item": item})
        if key not in _ALLOWED_KEYS:
            raise ValueError(_("%(key)s is not supported.") % {"key": key})
        parts[key] = value
    return parts


def parse(rule: str) -> dict[str, str]:
    """Check a rule and return its parts; raise ValueError with a reason otherwise."""
    parts = _parts(rule)
    if parts.get("FREQ") not in {"MONTHLY", "WEEKLY"}:
        raise ValueError(_("FREQ must be MONTHLY or WEEKLY."))
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= 12:
        raise ValueError(_("INTERVAL must be 1 to 12."))
    if "BYMONTHDAY" in parts:
        day = parts["BYMONTHDAY"]
        if not re.fullmatch(r"-?\d{1,2}", day) or not (1 <= int(day) <= 31 or int(day) == -1):
            raise ValueError(_("BYMONTHDAY must be 1 to 31 (or -1 for the last day)."))
    if "BYDAY" in parts:
        m = re.fullmatch(r"([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)", parts["BYDAY"])
        if not m:
            raise ValueError(_("BYDAY must be one weekday such as WE or 1MO."))
        # Monthly, a bare weekday means every one of them in the month; weekly, a week number
        # means nothing (RFC 5545). Either way the words would say something else.
        if (parts["FREQ"] == "MONTHLY") != bool(m.group(1)):
            raise ValueError(_("BYDAY takes a week number (1MO, -1FR) in a monthly rule only."))
        if "BYMONTHDAY" in parts:
            raise ValueError(_("A rule takes BYMONTHDAY or BYDAY, not both."))
    if parts["FREQ"] == "MONTHLY" and not ({"BYMONTHDAY", "BYDAY"} & parts.keys()):
        raise ValueError(_("A monthly rule needs BYMONTHDAY or BYDAY."))
    if parts["FREQ"] == "WEEKLY" and "BYDAY" not in parts:
        raise ValueError(_("A weekly rule needs BYDAY."))
    try:
        rrulestr(rule, dtstart=datetime.datetime(2024, 1, 1))  # dateutil agrees it is a rule
    except (ValueError, IndexError, TypeError) as exc:
        raise ValueError(_("Not a recurrence rule: %(error)s") % {"error": exc}) from exc
    return parts


def build(
    *,
    frequency: str,
    interval: int = 1,
    month_day: int | None = None,
    weekday: str | None = None,
    week_of_month: int | None = None,
) -> str:
    """The RRULE for a reception rule chosen in a form."""
    parts = [f"FREQ={frequency}"]
    if interval and interval > 1:
        parts.append(f"INTERVAL={interval}")
    if month_day:
        parts.append(f"BYMONTHDAY={month_day}")
    elif weekday:
        parts.append(
            f"BYDAY={week_of_month or ''}{weekday}"
            if frequency == "MONTHLY"
            else f"BYDAY={weekday}"
        )
    rule = ";".join(parts)
    parse(rule)
    return rule


def _count(n: int) -> str:
    """'two' as 两 in Chinese (每两个月), a digit in other languages."""
    if (get_language() or "").startswith("zh"):
        return "两" if n == 2 else chinese_ordinal(n)
    return str(n)


def _weekday_name(code: str) -> str:
    names = {
        "MO": _("Monday"),
        "TU": _("Tuesday"),
        "WE": _("Wednesday"),
        "TH": _("Thursday"),
        "FR": _("Friday"),
        "SA": _("Saturday"),
        "SU": _("Sunday"),
    }
    return names[code]


def describe(rule: str) -> str:
    """The rule in words, as a notice on the station wall says it: 每月15日, 每两个月20日."""
    parts = parse(rule)
    interval = int(parts.get("INTERVAL", "1"))
    if parts["FREQ"] == "WEEKLY":
        day = _weekday_name(parts["BYDAY"][-2:])
        if interval == 1:
            return _("every %(weekday)s") % {"weekday": day}
        return _("every %(n)s weeks on %(weekday)s") % {"n": _count(interval), "weekday": day}
    if "BYMONTHDAY" in parts:
        day = int(parts["BYMONTHDAY"])
        when = _("the last day") if day == -1 else _("day %(day)s") % {"day": day}
    else:
        m = re.fullmatch(r"([+-]?\d)?(\w\w)", parts["BYDAY"])
        nth, code = int(m.group(1) or 1), m.group(2)
        if nth == -1:
            when = _("the last %(weekday)s") % {"weekday": _weekday_name(code)}
        elif nth == -2:
            when = _("the second-to-last %(weekday)s") % {"weekday": _weekday_name(code)}
        else:
            when = _("the %(nth)s %(weekday)s") % {"nth": _nth(nth), "weekday": _weekday_name(code)}
    if interval == 1:
        return _("every month on %(when)s") % {"when": when}
    return _("every %(n)s months on %(when)s") % {"n": _count(interval), "when": when}


def _nth(n: int) -> str:
    names = {
        1: _("first"),
        2: _("second"),
        3: _("third"),
        4: _("fourth"),
        5: _("fifth"),
    }
    return names.get(n, str(n))


def next_dates(
    rule: str, anchor: datetime.date, *, count: int = 3, after: datetime.date | None = None
) -> list[datetime.date]:
    """The next `count` reception dates on or after `after` (today by default)."""
    after = after or timezone.localdate()
    start = datetime.datetime.combine(anchor, datetime.time())
    dates = []
    for moment in rrulestr(rule, dtstart=start):
        if moment.date() >= after:
            dates.append(moment.date())
            if len(dates) == count:
                break
    return dates

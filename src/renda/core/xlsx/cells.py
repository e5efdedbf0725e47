"""The cells of an office's spreadsheet: Chinese formats read as values, and what is wrong.

Dates as offices write them (1975.3.2, 1975年3月2日, Excel serial days), times (9点半, 下午2点),
phone numbers, GB 11643 ID numbers, Chinese numerals, lists in one cell; `CellError` for a cell
that reads as none of them, and `RowError` naming the row, column and problem for the user.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from openpyxl.utils.datetime import from_excel

from renda.core import identity

ROW_ERROR = _("Row %(row)s, column %(column)s: %(message)s")
ROW_ERROR_NO_COLUMN = _("Row %(row)s: %(message)s")

REQUIRED = _("This column must be filled in.")
TOO_LONG = _("At most %(max)s characters.")
NOT_A_DATE = _("Not a date; write it like 1975-03-02.")
NO_SUCH_DATE = _("There is no such date.")
NOT_ALLOWED = _("Not one of the allowed values: %(allowed)s.")
NOT_A_NUMBER = _("Not a number.")
OUT_OF_RANGE = _("Must lie between %(min)s and %(max)s.")
NOT_A_TIME = _("Not a time of day; write it like 9:00 or 14:30.")
ID_STORED_AS_NUMBER = _(
    "The ID card number was stored as a number and lost its last digits; format the column "
    "as text and type the number again."
)


class CellError(Exception):
    """A cell's content is wrong; `message` says what, in words for the user.

    `key` names the column the problem belongs to when it is not the cell being read (a name
    that the ID card number contradicts is a problem of the ID column)."""

    def __init__(self, message, key: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.key = key


@dataclass(frozen=True)
class RowError:
    """One problem in one row: the row as Excel numbers it, the column header (empty when the
    row as a whole is wrong), and what is wrong."""

    row: int
    column: str
    message: Any

    def __str__(self) -> str:
        if self.column:
            return str(
                ROW_ERROR % {"row": self.row, "column": self.column, "message": self.message}
            )
        return str(ROW_ERROR_NO_COLUMN % {"row": self.row, "message": self.message})

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": str(self.message)}


# --- Cell formats -----------------------------------------------------------------------------

_FULLWIDTH = identity.FULLWIDTH
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value) -> str:
    """A cell as the text a person sees in it: 13800138000 typed as a number stays those
    digits, not 13800138000.0."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\u3000", " ").replace("\xa0", " ").strip()


def normalise(text: str) -> str:
    """Full-width digits and punctuation as half-width, no spaces: what matching compares."""
    return re.sub(r"\s+", "", text.translate(_FULLWIDTH))


def chinese_number(text: str) -> int | None:
    """'15', '１５', '十五', '二十', '两' → an int (up to 99); None if it is not a number."""
    text = normalise(text)
    if re.fullmatch(r"[0-9]+", text):
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1 or "十" in ones:
            return None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    if len(text) == 1:
        return _CN_DIGITS[text]
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))


_DATE_TEXT = re.compile(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?(?:\d{1,2}:\d{2}(?::\d{2})?)?")


def parse_date(value) -> datetime.date:
    """An Excel date, or text such as 1975-03-02, 1975/3/2, 1975.3.2, 1975年3月2日, 19750302."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value == int(value) and 19000101 <= value <= 21001231:
            return parse_date(str(int(value)))
        if 1 <= value < 2958466:  # Excel's serial day numbers, 1900-01-01 .. 9999-12-31
            return from_excel(value).date()
        raise CellError(NOT_A_DATE)
    text = normalise(as_text(value))
    m = _DATE_TEXT.fullmatch(text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not m:
        raise CellError(NOT_A_DATE)
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise CellError(NO_SUCH_DATE) from exc


_TIME_TEXT = re.compile(
    r"(上午|早上|中午|下午|晚上)?(\d{1,2})(?:(?::|点|时)(半|\d{1,2})?分?)?(?::\d{2})?"
)


def parse_time(value) -> datetime.time:
    """An Excel time, or text such as 9:00, 14:30, 9点, 9点半, 下午2点."""
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 0 <= value < 1:
            raise CellError(NOT_A_TIME)
        minutes = round(value * 24 * 60)
        return datetime.time(minutes // 60 % 24, minutes % 60)
    m = _TIME_TEXT.fullmatch(normalise(as_text(value)))
    if not m:
        raise CellError(NOT_A_TIME)
    period, hour = m.group(1), int(m.group(2))
    minute = 30 if m.group(3) == "半" else int(m.group(3) or 0)
    if period in {"下午", "晚上"} and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        raise CellError(NOT_A_TIME)
    return datetime.time(hour, minute)


def clean_phone(text: str) -> str:
    """See `renda.core.identity.clean_phone`; a wrong number is a cell error."""
    try:
        return identity.clean_phone(text)
    except identity.InvalidIdentity as exc:
        raise CellError(exc.message) from exc


def clean_id_number(value) -> str:
    """An 18-character resident ID number with a valid check digit and date of birth."""
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e15:
        raise CellError(ID_STORED_AS_NUMBER)
    try:
        return identity.clean_id_number(normalise(as_text(value)))
    except identity.InvalidIdentity as exc:
        raise CellError(exc.message) from exc


def id_birth_date(id_number: str) -> datetime.date:
    try:
        return identity.id_birth_date(id_number)
    except identity.InvalidIdentity as exc:
        raise CellError(exc.message) from exc


def split_list(text: str) -> list[str]:
    """A cell that lists several names: 、 , ， ; ； or new lines between them."""
    return [part.strip() for part in re.split(r"[、,，;；\n]+", text) if part.strip()]

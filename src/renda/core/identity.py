"""Phone numbers and resident ID card numbers (GB 11643), checked the same way wherever they
are entered: a form, the API, a spreadsheet."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BAD_PHONE = _(
    "Not a phone number: give an 11-digit mobile number or a landline such as 023-12345678."
)
BAD_ID_LENGTH = _("An ID card number has 18 characters: 17 digits and a final digit or X.")
BAD_ID_CHECKSUM = _("The ID card number's check digit is wrong; look for a typo.")
BAD_ID_DATE = _("The ID card number does not hold a valid date of birth.")

FULLWIDTH = str.maketrans("０１２３４５６７８９：．－／（），；　", "0123456789:.-/(),; ")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


class InvalidIdentity(ValueError):
    """A phone or ID number is wrong; `message` says how, in words for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def clean_phone(text: str) -> str:
    """A mainland mobile (1[3-9] and 9 digits) or a landline, written the same way each time:
    13800138000, 023-12345678, 023-12345678-801, 12345678, 400-123-4567."""
    compact = re.sub(r"[\s()]", "", text.translate(FULLWIDTH))
    compact = re.sub(r"^(?:\+86|0086)-?", "", compact)
    digits = compact.replace("-", "")
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        return digits
    # Area codes: 010 and 02x have three digits, all others four (0571, 0851).
    m = re.fullmatch(r"(0[12]\d|0[3-9]\d{2})-?([2-9]\d{6,7})(?:(?:-|转)(\d{1,6}))?", compact)
    if m:
        return f"{m.group(1)}-{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")
    if re.fullmatch(r"[2-9]\d{6,7}", compact):  # a local number without its area code
        return compact
    if re.fullmatch(r"[48]00\d{7}", digits):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    raise InvalidIdentity(BAD_PHONE)


def id_check_digit(first17: str) -> str:
    """GB 11643-1999: the ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def id_birth_date(id_number: str) -> datetime.date:
    try:
        born = datetime.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError as exc:
        raise InvalidIdentity(BAD_ID_DATE) from exc
    if born.year < 1900:
        raise InvalidIdentity(BAD_ID_DATE)
    return born


def id_is_male(id_number: str) -> bool:
    """The 17th digit: odd for men, even for women."""
    return int(id_number[16]) % 2 == 1


def clean_id_number(text: str) -> str:
    """An 18-character resident ID number with a valid date of birth and check digit."""
    text = text.translate(FULLWIDTH).strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", text):
        raise InvalidIdentity(BAD_ID_LENGTH)
    id_birth_date(text)
    if id_check_digit(text[:17]) != text[17]:
        raise InvalidIdentity(BAD_ID_CHECKSUM)
    return text


def validate_phone(value: str) -> None:
    """Model validator: an empty value is left to `blank`."""
    if value:
        try:
            clean_phone(value)
        except InvalidIdentity as exc:
            raise ValidationError(exc.message, code="phone") from exc


def validate_id_number(value: str) -> None:
    if value:
        try:
            if clean_id_number(value) != value:
                raise InvalidIdentity(BAD_ID_LENGTH)
        except InvalidIdentity as exc:
            raise ValidationError(exc.message, code="id_number") from exc

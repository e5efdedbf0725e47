"""How long typed text may be: one number per field, enforced three times over.

Django's `TextField(max_length=…)` only reaches the form (and DRF's serializer); a service
calls `full_clean()`, so the model field also carries a validator, and the form says the limit
beside the field ("最多 2000 字") before anyone types 20,000 characters into it.
"""

from django.core.validators import MaxLengthValidator
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The common sizes: a paragraph of what was done, a note or a reason.
CONTENT = 2000
NOTE = 500
# A letter: a suggestion's text, a unit's reply.
LETTER = 10000

TOO_LONG = _("At most %(limit_value)d characters; this has %(show_value)d.")


def _words(limit: int) -> str:
    return gettext("At most %(count)s characters.") % {"count": limit}


def _joined(text, limit: int) -> str:
    return f"{text} {_words(limit)}" if text else _words(limit)


def limit_help(limit: int, text=""):
    """The help text `text` followed by the limit, translated when shown."""
    return lazy(_joined, str)(text, limit)


def max_length_validator(limit: int) -> MaxLengthValidator:
    return MaxLengthValidator(limit, message=TOO_LONG)


def limited_text(limit: int = CONTENT, **kwargs) -> dict:
    """The keyword arguments of a limited `TextField`: the length, its validator, its help."""
    return {
        "max_length": limit,
        "validators": [max_length_validator(limit)],
        "help_text": limit_help(limit),
        **kwargs,
    }

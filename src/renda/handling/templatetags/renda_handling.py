"""Due dates as a Chinese office writes them: the date, and how it stands today."""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def standing(due: datetime.date, today: datetime.date) -> tuple[str, str]:
    """(words, Bootstrap colour) of a due date seen from today."""
    left = (due - today).days
    if left < 0:
        return (
            ngettext("overdue by %(count)s day", "overdue by %(count)s days", -left)
            % {"count": -left},
            "danger",
        )
    if left == 0:
        return _("due today"), "warning"
    words = ngettext("%(count)s day left", "%(count)s days left", left) % {"count": left}
    return words, "warning" if left <= 7 else "secondary"


@register.simple_tag
def due(day, today=None):
    """2025年6月3日（还有5天）, red when overdue; nothing for no date."""
    if not day:
        return ""
    today = today or timezone.localdate()
    words, colour = standing(day, today)
    return format_html(
        '<span class="text-nowrap">{}</span> <span class="badge text-bg-{}">{}</span>',
        date_format(day, "DATE_FORMAT"),
        colour,
        words,
    )

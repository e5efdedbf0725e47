"""Reminders of motions and suggestions, and the items nobody rated in time.

- **Rate it**: the lead deputy, seven days and one day before the time to rate the reply or the
  fulfilment ends (`SuggestionRules.rating_days` after the reply, or after the fulfilment
  report).
- **Not rated** (`renda close_unrated`, daily after `send_reminders`): an item whose time to
  rate has passed is recorded as not rated (未评价), never as satisfied, by the workflow's
  `lapse_reply` / `lapse_fulfilment` steps: it goes on to the fulfilment, or is closed.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from renda.accounts.selectors import person_users
from renda.notifications.reminders import Reminder, Rule
from renda.suggestions.choices import SuggestionStatus as S
from renda.suggestions.models import Suggestion
from renda.suggestions.workflow import rating_due

KIND_RATE = "suggestions.rate"
DAYS_BEFORE = (7, 1)


def waiting_for_rating():
    return (
        Suggestion.objects.filter(status__in=(S.REPLIED, S.FULFILLED))
        .select_related("congress", "mandate__person")
        .order_by("pk")
    )


def plan(today: datetime.date) -> list[Reminder]:
    rows = [(s, rating_due(s)) for s in waiting_for_rating()]
    rows = [(s, due) for s, due in rows if (due - today).days in DAYS_BEFORE]
    users = person_users(s.mandate.person_id for s, _due in rows)
    return [
        Reminder(
            kind=KIND_RATE,
            key=f"{KIND_RATE}:{s.pk}:{s.status}:{due.isoformat()}:{(due - today).days}",
            title=_("Please rate “%(title)s”") % {"title": s.title},
            body=_("Rate the %(what)s by %(date)s; after that it is recorded as not rated.")
            % {
                "what": _("reply") if s.status == S.REPLIED else _("fulfilment"),
                "date": date_format(due, "DATE_FORMAT"),
            },
            link=s.get_absolute_url(),
            about=f"{s.mandate.person.name}: {s.title}",
            recipients=users[s.mandate.person_id],
        )
        for s, due in rows
    ]


def lapsed(today: datetime.date) -> list[Suggestion]:
    """The items whose time to rate ended before `today`."""
    return [s for s in waiting_for_rating() if rating_due(s) < today]


RULE = Rule("suggestions", _lazy("Motions and suggestions"), plan)

"""Items written straight into the tables, in the states the statistics, the register and the
papers read: faster than walking each through the workflow (test_flow.py does that), and every
field set by hand so the expected figures can be counted on one's fingers."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from renda.core.models import Deadline
from renda.handling.models import Assignment
from renda.handling.querysets import ACCEPT_CLOCK, ANSWER_CLOCK
from renda.suggestions.models import Suggestion

ASSIGNED_ON = datetime.date(2025, 3, 3)
ANSWER_DUE = datetime.date(2025, 6, 3)
ACCEPT_DUE = datetime.date(2025, 3, 17)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def item(
    w,
    number: int | None,
    *,
    status: str,
    title: str = "",
    year: int = 2025,
    kind: str = "suggestion",
    congress=None,
    mandate=None,
    units=(),
    replied: bool = False,
    on_time: bool | None = None,
    met: bool | None = None,
    first: str = "",
    final: str = "",
    fulfilment: str = "",
    category: str = "",
    rehandled: int = 0,
    supervision=None,
    submitted: bool = True,
    topic: str = "transport",
) -> Suggestion:
    """One item; `units` are (unit, role, assignment status, answer due, clock running)."""
    assigned = bool(units)
    s = Suggestion.objects.create(
        congress=congress or w.congress,
        year=year,
        kind=kind,
        number=number,
        title=title or f"关于第{number}项事务的建议",
        body="正文",
        topic=topic,
        mandate=mandate or w.seat,
        status=status,
        submitted_at=_at(datetime.date(year, 2, 20)) if submitted else None,
        accepted_at=_at(datetime.date(year, 2, 25)) if number is not None else None,
        assigned_on=ASSIGNED_ON.replace(year=year) if assigned else None,
        replied_at=_at(datetime.date(year, 5, 20)) if replied else None,
        replied_on_time=on_time,
        met_deputy=met,
        first_reply_rating=first,
        reply_rating=final,
        fulfilment_rating=fulfilment,
        result_category=category,
        rehandled=rehandled,
        supervision=supervision,
    )
    for unit, role, a_status, due, running in units:
        assign(w, s, unit, role, status=a_status, due=due, running=running)
    return s


def assign(w, s, unit, role, *, status="in_hand", due=ANSWER_DUE, running=True, on=None):
    a = Assignment.objects.create(
        content_type=ContentType.objects.get_for_model(Suggestion),
        object_id=str(s.pk),
        region=w.region,
        unit=unit,
        role=role,
        status=status,
        assigned_on=on or s.assigned_on or ASSIGNED_ON,
    )
    ct = ContentType.objects.get_for_model(Assignment)
    start = a.assigned_on
    Deadline.objects.create(
        content_type=ct,
        object_id=str(a.pk),
        purpose=ACCEPT_CLOCK,
        start=start,
        days=10,
        unit="working",
        due=ACCEPT_DUE.replace(year=start.year),
        status="stopped",
        stopped_at=_at(start),
    )
    Deadline.objects.create(
        content_type=ct,
        object_id=str(a.pk),
        purpose=ANSWER_CLOCK,
        start=start,
        days=(due - start).days,
        unit="natural",
        due=due,
        status="running" if running else "stopped",
        stopped_at=None if running else _at(due - datetime.timedelta(days=5)),
    )
    return a

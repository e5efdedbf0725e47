"""An assignment's two clocks on the kernel's `Deadline`: accept or send back (in working days)
and answer (the reply, or a co-handling unit's opinion)."""

import datetime

from renda.core.choices import DeadlineUnit
from renda.core.deadlines import days_for_months, deadline_start, deadline_stop
from renda.core.models import Deadline
from renda.handling.querysets import ACCEPT_CLOCK, ANSWER_CLOCK


def start(
    actor, assignment, *, accept_days: int | None, answer_months: int, on: datetime.date
) -> None:
    if accept_days:
        deadline_start(
            actor=actor,
            obj=assignment,
            purpose=ACCEPT_CLOCK,
            days=accept_days,
            unit=DeadlineUnit.WORKING_DAYS,
            start=on,
        )
    deadline_start(
        actor=actor,
        obj=assignment,
        purpose=ANSWER_CLOCK,
        days=days_for_months(on, answer_months),
        unit=DeadlineUnit.NATURAL_DAYS,
        start=on,
    )


def live(assignment, purpose: str) -> Deadline | None:
    return Deadline.objects.for_object(assignment).live().filter(purpose=purpose).first()


def stop(actor, assignment, *purposes: str, note: str = "") -> None:
    for purpose in purposes or (ACCEPT_CLOCK, ANSWER_CLOCK):
        clock = live(assignment, purpose)
        if clock is not None:
            deadline_stop(actor=actor, deadline=clock, note=note)

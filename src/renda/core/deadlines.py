"""Deadline clocks on any object: a suggestion's reply, a case's handling, a project's report.

A module starts a clock when the obligation begins (`deadline_start`), may pause it while
waiting on someone else (the deputy's clarification) and resume it, extend it with someone's
approval, and stops it when the obligation is met or withdrawn. Which of its users may do each
is the module's workflow; these services record what was decided, lock the clock so that of two
clerks acting at once one wins, and audit every step.

Pause arithmetic (docs/decisions/0007-working-days-and-deadlines.md): resuming moves the due
date by the span paused — natural days for a natural-day clock, working days for a working-day
clock — so the clock has as much time left on resuming as it had on pausing.
"""

import calendar
import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import services as base
from renda.core import workdays
from renda.core.choices import AuditAction, DeadlineStatus, DeadlineUnit
from renda.core.exceptions import Conflict, InvalidTransition, ValidationFailed
from renda.core.models import Deadline, DeadlineExtension

S = DeadlineStatus

ALREADY_RUNNING = _(
    "This already has a running deadline for that purpose; stop it before starting another."
)
DAYS_POSITIVE = _("A time limit is at least one day.")
UNKNOWN_UNIT = _("Count the time limit in natural days or in working days.")
PAUSE_NEEDS_NOTE = _("Say why the deadline is paused.")
EXTENSION_NEEDS_REASON = _("Give the reason for the extension.")
EXTENSION_NEEDS_APPROVER = _("Say who approved the extension.")
CANNOT_PAUSE = _("Only a running deadline can be paused.")
CANNOT_RESUME = _("Only a paused deadline can be resumed.")
CANNOT_EXTEND = _("A stopped deadline cannot be extended.")
CANNOT_STOP = _("This deadline has already stopped.")

# What each action needs the clock to be, and what it refuses otherwise.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "pause": (frozenset({S.RUNNING}), CANNOT_PAUSE),
    "resume": (frozenset({S.PAUSED}), CANNOT_RESUME),
    "extend": (frozenset({S.RUNNING, S.PAUSED}), CANNOT_EXTEND),
    "stop": (frozenset({S.RUNNING, S.PAUSED}), CANNOT_STOP),
}


def due_date(start: datetime.date, days: int, unit: str) -> datetime.date:
    """The day a clock of `days` started on `start` falls due (`start` itself not counted)."""
    if unit == DeadlineUnit.WORKING_DAYS:
        return workdays.add_workdays(start, days)
    return start + datetime.timedelta(days=days)


def months_after(start: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months later, or that month's last day if it has no such
    day (31 January + 1 month = 28 or 29 February): "within three months" of a date."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return start.replace(year=year, month=month, day=min(start.day, last))


def days_for_months(start: datetime.date, months: int) -> int:
    """The natural days of a clock of `months` calendar months started on `start`."""
    return (months_after(start, months) - start).days


def _move(deadline: Deadline, by: int) -> datetime.date:
    """The due date moved `by` days of the clock's own unit."""
    return due_date(deadline.due, by, deadline.unit) if by else deadline.due


def _resumed_due(deadline: Deadline) -> datetime.date:
    """The due date of a paused clock moved by the span paused until today: the days after the
    day it was paused up to and including today, in the clock's unit."""
    today = timezone.localdate()
    if deadline.unit == DeadlineUnit.WORKING_DAYS:
        paused = workdays.workdays_between(deadline.paused_on, today)
    else:
        paused = (today - deadline.paused_on).days
    return _move(deadline, max(paused, 0))


def _check_days(days, field: str = "days") -> None:
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValidationFailed.on(field, DAYS_POSITIVE)


def _locked(deadline: Deadline, action: str) -> Deadline:
    """Re-read the clock under a row lock and refuse an action its status does not allow."""
    deadline = base.lock(deadline)
    allowed, refusal = TRANSITIONS[action]
    if deadline.status not in allowed:
        raise InvalidTransition(refusal)
    return deadline


def deadline_start(
    *,
    actor,
    obj: models.Model,
    purpose: str,
    days: int,
    unit: str,
    start: datetime.date | None = None,
) -> Deadline:
    """Start the clock for `purpose` on `obj`: due `days` natural or working days after
    `start` (today unless given)."""
    if unit not in DeadlineUnit.values:
        raise ValidationFailed.on("unit", UNKNOWN_UNIT)
    _check_days(days)
    start = start or timezone.localdate()
    deadline = Deadline(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        purpose=purpose,
        start=start,
        days=days,
        unit=unit,
        due=due_date(start, days, unit),
    )
    with transaction.atomic():
        if Deadline.objects.for_object(obj).live().filter(purpose=purpose).exists():
            raise Conflict(ALREADY_RUNNING)
        base.create(actor=actor, obj=deadline)
    return deadline


def deadline_pause(*, actor, deadline: Deadline, note: str) -> Deadline:
    """Stop the clock running while the other side owes something (a clarification)."""
    note = (note or "").strip()
    if not note:
        raise ValidationFailed.on("note", PAUSE_NEEDS_NOTE)
    with transaction.atomic():
        deadline = _locked(deadline, "pause")
        return base.update(
            actor=actor,
            obj=deadline,
            data={"status": S.PAUSED, "paused_on": timezone.localdate()},
            fields=["status", "paused_on"],
            note=note,
            action=AuditAction.STATUS,
        )


def deadline_resume(*, actor, deadline: Deadline) -> Deadline:
    """Run the clock again; the due date moves by the days (or working days) it was paused."""
    with transaction.atomic():
        deadline = _locked(deadline, "resume")
        return base.update(
            actor=actor,
            obj=deadline,
            data={"status": S.RUNNING, "paused_on": None, "due": _resumed_due(deadline)},
            fields=["status", "paused_on", "due"],
            action=AuditAction.STATUS,
        )


def deadline_extend(*, actor, deadline: Deadline, days: int, reason: str, approved_by) -> Deadline:
    """Record an approved extension: `days` more of the clock's unit, and who approved it.
    Whether `approved_by` may approve is the owning module's rule, checked before this call."""
    _check_days(days)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed.on("reason", EXTENSION_NEEDS_REASON)
    if approved_by is None:
        raise ValidationFailed.on("approved_by", EXTENSION_NEEDS_APPROVER)
    with transaction.atomic():
        deadline = _locked(deadline, "extend")
        new_due = _move(deadline, days)
        base.create(
            actor=actor,
            obj=DeadlineExtension(
                deadline=deadline,
                days=days,
                reason=reason,
                previous_due=deadline.due,
                new_due=new_due,
                approved_by=approved_by,
                requested_by=None if base.is_system(actor) else actor,
            ),
        )
        return base.update(
            actor=actor, obj=deadline, data={"due": new_due}, fields=["due"], note=reason
        )


def deadline_stop(*, actor, deadline: Deadline, note: str = "") -> Deadline:
    """The obligation was met or withdrawn: the clock stops for good and stays as history.
    A paused clock is resumed first, so its due date says how much time was still in hand."""
    with transaction.atomic():
        deadline = _locked(deadline, "stop")
        due = _resumed_due(deadline) if deadline.status == S.PAUSED else deadline.due
        return base.update(
            actor=actor,
            obj=deadline,
            data={
                "status": S.STOPPED,
                "paused_on": None,
                "stopped_at": timezone.now(),
                "due": due,
            },
            fields=["status", "paused_on", "stopped_at", "due"],
            note=(note or "").strip(),
            action=AuditAction.STATUS,
        )

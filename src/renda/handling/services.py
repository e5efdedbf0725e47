"""Writes of handling: giving an item to units, the unit's steps, re-handling, reports and
extensions. The unit's steps are thin calls of the kernel (`workflow.ASSIGNMENT`); giving,
re-handling and reassigning are decided by the module that owns the item (who may assign a
suggestion is the suggestions workflow's rule), and recorded here, audited, in its transaction.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from renda.core import attachments, audit
from renda.core import services as base
from renda.core.choices import AuditAction, DeadlineUnit
from renda.core.deadlines import days_for_months, deadline_extend, deadline_start
from renda.core.exceptions import Conflict, InvalidTransition, ValidationFailed
from renda.core.workflow import user_of
from renda.handling import clocks, subjects
from renda.handling.choices import AssignmentRole, AssignmentStatus, ExtensionDecision, ReplyKind
from renda.handling.models import Assignment, Reply
from renda.handling.querysets import ANSWER_CLOCK
from renda.handling.workflow import ASSIGNMENT, NOT_NOW, TEXT_REQUIRED
from renda.notifications.services import notify_many

S = AssignmentStatus

NO_UNIT = _("Choose at least one handling unit.")
ONE_LEAD = _("Choose one lead unit.")
UNIT_TWICE = _("A unit can be chosen only once.")
UNIT_INACTIVE = _("“%(unit)s” no longer handles work; choose another unit.")
NOT_ANSWERED = _("Only an answered item can be handled again.")
ONLY_RETURNED = _("Only an item the unit sent back can be given to another unit.")
REPORT_NOT_NOW = _("A report can be written while the unit handles the item.")
EXTENSION_NOT_NOW = _("More time can be asked for while the item waits for the unit's answer.")
EXTENSION_PENDING = _("A request for more time is already waiting for the office.")
EXTENSION_NOT_LATER = _("Ask for a day after the present due date, %(date)s.")
EXTENSION_TOO_LATE = _("The time limit cannot reach beyond %(date)s.")
EXTENSION_DECIDED = _("This request has already been decided.")
NOT_A_REQUEST = _("This is not a request for more time.")


def _day(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "DATE_FORMAT")


def assignments_create(
    *,
    actor,
    subject,
    region,
    lead=None,
    co=(),
    separate=(),
    accept_days: int | None = 10,
    answer_months: int = 3,
    opinion_months: int = 1,
    on: datetime.date | None = None,
) -> list[Assignment]:
    """Give `subject` to a lead unit with co-handling units, or to units handling separately
    (分办), each with its clocks from `on` (today): accept or send back within `accept_days`
    working days, answer within `answer_months` (a co-unit's opinion, `opinion_months`)."""
    units = [(lead, AssignmentRole.LEAD)] if lead is not None else []
    units += [(u, AssignmentRole.CO) for u in co]
    units += [(u, AssignmentRole.SEPARATE) for u in separate]
    if not units:
        raise ValidationFailed.on("lead", NO_UNIT)
    if (co and lead is None) or (lead is not None and separate):
        raise ValidationFailed.on("lead", ONE_LEAD)
    if len({u.pk for u, _role in units}) != len(units):
        raise ValidationFailed.on("co", UNIT_TWICE)
    for unit, _role in units:
        if not unit.active:
            raise ValidationFailed.on("lead", UNIT_INACTIVE % {"unit": unit.name})
    on = on or timezone.localdate()
    made = []
    with transaction.atomic():
        for unit, role in units:
            assignment = base.create(
                actor=actor,
                obj=Assignment(
                    subject=subject,
                    region=region,
                    unit=unit,
                    role=role,
                    assigned_on=on,
                    assigned_by=user_of(actor),
                ),
            )
            months = opinion_months if role == AssignmentRole.CO else answer_months
            clocks.start(actor, assignment, accept_days=accept_days, answer_months=months, on=on)
            made.append(assignment)
    return made


def assignment_reassign(*, actor, assignment: Assignment, unit):
    """Give an item a unit sent back to another unit, in the same role, with fresh clocks (as
    the item's module sets them, `subjects.Subject.clocks`)."""
    ASSIGNMENT.ensure_holds(actor, assignment, ("office",))
    rules = {"accept_days": 10, "answer_months": 3, "opinion_months": 1}
    rules.update(subjects.of(assignment).clocks(assignment))
    months = rules["opinion_months" if assignment.role == AssignmentRole.CO else "answer_months"]
    with transaction.atomic():
        assignment = base.lock(assignment)
        if assignment.status != S.RETURNED:
            raise InvalidTransition(ONLY_RETURNED)
        if not unit.active:
            raise ValidationFailed.on("unit", UNIT_INACTIVE % {"unit": unit.name})
        on = timezone.localdate()
        new = base.create(
            actor=actor,
            obj=Assignment(
                content_type_id=assignment.content_type_id,
                object_id=assignment.object_id,
                region_id=assignment.region_id,
                unit=unit,
                role=assignment.role,
                round=assignment.round,
                assigned_on=on,
                assigned_by=user_of(actor),
                replaces=assignment,
            ),
        )
        clocks.start(actor, new, accept_days=rules["accept_days"], answer_months=months, on=on)
        base.update(
            actor=actor,
            obj=assignment,
            data={"status": S.WITHDRAWN, "status_note": _t("Given to %(unit)s") % {"unit": unit}},
            fields=["status", "status_note"],
            action=AuditAction.STATUS,
        )
    return new


def assignments_reopen(*, actor, assignments, months: int = 1, note: str = "") -> list:
    """Handle again (重新办理) after the deputy's 不满意: each answered assignment back in hand,
    the next round, with a new answer clock of `months` from today."""
    today = timezone.localdate()
    reopened = []
    with transaction.atomic():
        for assignment in assignments:
            assignment = base.lock(assignment)
            if assignment.status not in (S.ANSWERED, S.DONE):
                raise InvalidTransition(NOT_ANSWERED)
            before = audit.snapshot(assignment, ["status", "status_note", "round"])
            assignment.status = S.IN_HAND
            assignment.status_note = (note or "")[:300]
            assignment.round += 1
            assignment.answered_at = None
            assignment.done_at = None
            assignment.save()
            audit.record(
                actor=actor,
                action=AuditAction.STATUS,
                obj=assignment,
                before=before,
                note=note,
                step="reopen",
            )
            deadline_start(
                actor=actor,
                obj=assignment,
                purpose=ANSWER_CLOCK,
                days=days_for_months(today, months),
                unit=DeadlineUnit.NATURAL_DAYS,
                start=today,
            )
            reopened.append(assignment)
        _tell_units(reopened, _t("To be handled again"), note, kind="assignment.reopen")
    return reopened


def _tell_units(assignments, step: str, note: str = "", *, kind: str) -> None:
    from renda.accounts.selectors import unit_users

    users = unit_users(a.unit_id for a in assignments)
    messages = [
        (user, f"{a.subject}：{step}", note, a.get_absolute_url())
        for a in assignments
        for user in users.get(a.unit_id, [])
    ]
    notify_many(kind=kind, messages=messages)


# --- The unit's steps, thin calls of the kernel ---------------------------------------------


def assignment_accept(*, actor, assignment: Assignment) -> Assignment:
    return ASSIGNMENT.transition(actor=actor, obj=assignment, name="accept")


def assignment_send_back(*, actor, assignment: Assignment, note: str) -> Assignment:
    return ASSIGNMENT.transition(actor=actor, obj=assignment, name="send_back", note=note)


def assignment_answer(
    *,
    actor,
    assignment: Assignment,
    text: str,
    result_category: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    contact_mode: str = "",
    files=(),
) -> Assignment:
    """The reply letter (lead or separate unit) or the opinion to the lead (co-handling unit)."""
    return ASSIGNMENT.transition(
        actor=actor,
        obj=assignment,
        name="answer",
        text=text,
        result_category=result_category,
        contact_person=contact_person,
        contact_phone=contact_phone,
        contact_mode=contact_mode,
        files=list(files),
    )


def assignment_fulfil(*, actor, assignment: Assignment, text: str, files=()) -> Assignment:
    return ASSIGNMENT.transition(
        actor=actor, obj=assignment, name="fulfil", text=text, files=list(files)
    )


def assignment_withdraw(*, actor, assignment: Assignment, note: str) -> Assignment:
    return ASSIGNMENT.transition(actor=actor, obj=assignment, name="withdraw", note=note)


# --- Reports and more time --------------------------------------------------------------------


def assignment_report(*, actor, assignment: Assignment, text: str, files=()) -> Reply:
    """A progress report (办理进展) on an item in hand or answered."""
    ASSIGNMENT.ensure_holds(actor, assignment, ("unit",))
    text = (text or "").strip()
    if not text:
        raise ValidationFailed.on("text", TEXT_REQUIRED)
    prepared = attachments.prepare(files)
    with transaction.atomic():
        assignment = base.lock(assignment)
        if assignment.status not in (S.IN_HAND, S.ANSWERED, S.DONE):
            raise InvalidTransition(REPORT_NOT_NOW)
        reply = base.create(
            actor=actor,
            obj=Reply(
                assignment=assignment,
                kind=ReplyKind.PROGRESS,
                round=assignment.round,
                text=text,
                written_by=user_of(actor),
            ),
        )
        if prepared:
            attachments.attachments_add(actor=actor, obj=reply, files=prepared)
    return reply


def assignment_request_extension(
    *, actor, assignment: Assignment, requested_until: datetime.date, text: str
) -> Reply:
    """Ask the office for more time, with the interim explanation the deputy reads (阶段性说明)."""
    ASSIGNMENT.ensure_holds(actor, assignment, ("unit",))
    text = (text or "").strip()
    if not text:
        raise ValidationFailed.on("text", TEXT_REQUIRED)
    with transaction.atomic():
        assignment = base.lock(assignment)
        if assignment.status not in (S.ASSIGNED, S.IN_HAND):
            raise InvalidTransition(EXTENSION_NOT_NOW)
        clock = clocks.live(assignment, ANSWER_CLOCK)
        if clock is None:
            raise InvalidTransition(EXTENSION_NOT_NOW)
        if assignment.replies.filter(decision=ExtensionDecision.PENDING).exists():
            raise Conflict(EXTENSION_PENDING)
        if requested_until <= clock.due:
            raise ValidationFailed.on(
                "requested_until", EXTENSION_NOT_LATER % {"date": _day(clock.due)}
            )
        latest = subjects.of(assignment).latest_due(assignment)
        if latest is not None and requested_until > latest:
            raise ValidationFailed.on(
                "requested_until", EXTENSION_TOO_LATE % {"date": _day(latest)}
            )
        return base.create(
            actor=actor,
            obj=Reply(
                assignment=assignment,
                kind=ReplyKind.INTERIM,
                round=assignment.round,
                text=text,
                requested_until=requested_until,
                decision=ExtensionDecision.PENDING,
                written_by=user_of(actor),
            ),
        )


def extension_decide(*, actor, reply: Reply, approve: bool, note: str = "") -> Reply:
    """The office approves (the answer clock moves to the day asked for) or refuses."""
    ASSIGNMENT.ensure_holds(actor, reply.assignment, ("office",))
    if approve is None:
        raise ValidationFailed.on("approve", NOT_A_REQUEST)
    with transaction.atomic():
        reply = base.lock(reply)
        if reply.kind != ReplyKind.INTERIM:
            raise InvalidTransition(NOT_A_REQUEST)
        if reply.decision != ExtensionDecision.PENDING:
            raise InvalidTransition(EXTENSION_DECIDED)
        assignment = base.lock(reply.assignment)
        clock = clocks.live(assignment, ANSWER_CLOCK)
        if approve:
            if clock is None or reply.requested_until <= clock.due:
                raise InvalidTransition(NOT_NOW % {"status": assignment.get_status_display()})
            deadline_extend(
                actor=actor,
                deadline=clock,
                days=(reply.requested_until - clock.due).days,
                reason=reply.text,
                approved_by=user_of(actor),
            )
        base.update(
            actor=actor,
            obj=reply,
            data={
                "decision": ExtensionDecision.APPROVED if approve else ExtensionDecision.REFUSED,
                "decided_by": user_of(actor),
            },
            fields=["decision", "decided_by"],
            note=note,
        )
        _tell_units(
            [assignment],
            _t("More time approved until %(date)s") % {"date": _day(reply.requested_until)}
            if approve
            else _t("More time refused"),
            note,
            kind="assignment.extension",
        )
    return reply


URGE_NEEDS_NOTE = _("Say what the unit should do, in a few words.")
URGE_NOT_NOW = _("Only work the unit still owes can be urged.")


def assignment_urge(*, actor, assignment: Assignment, note: str) -> None:
    """The office's reminder by hand (人工催办): a notice with the note to the unit's users and
    head contacts, kept on the assignment's history."""
    from renda.accounts.selectors import unit_users

    ASSIGNMENT.ensure_holds(actor, assignment, ("office",))
    note = (note or "").strip()
    if not note:
        raise ValidationFailed.on("note", URGE_NEEDS_NOTE)
    with transaction.atomic():
        assignment = base.lock(assignment)
        if assignment.status not in (S.ASSIGNED, S.IN_HAND, S.ANSWERED):
            raise InvalidTransition(URGE_NOT_NOW)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=assignment,
            before={},
            note=_t("Urged: %(note)s") % {"note": note},
            step="urge",
        )
        users = unit_users([assignment.unit_id])[assignment.unit_id]
        heads = unit_users([assignment.unit_id], heads=True)[assignment.unit_id]
        title = _t("The office urges: “%(subject)s”") % {"subject": assignment.subject}
        seen = set()
        notify_many(
            kind="assignment.urge",
            messages=[
                (u, title, note, assignment.get_absolute_url())
                for u in users + heads
                if not (u.pk in seen or seen.add(u.pk))
            ],
        )

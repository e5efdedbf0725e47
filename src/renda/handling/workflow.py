"""An assignment, declared once for the workflow kernel (`core.workflow`).

    assigned ──accept──▶ in_hand ──answer──▶ answered ──fulfil──▶ done
        │                   ▲                   │
        └──send_back──▶ returned                └──(re-handling after 不满意: in_hand, round 2)
    assigned / in_hand / returned ──withdraw (office)──▶ withdrawn

The unit's users take the unit's steps; the staff of the assigning office withdraw. Re-handling
is the owning module's decision (a deputy's 不满意), recorded by `services.assignments_reopen`.
The module that owns the item hears every step (`core.workflow.step_taken`, sender
`Assignment`) in the same transaction, and moves its item on or refuses.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from renda.accounts.selectors import region_staff, unit_users
from renda.core import attachments, evidence
from renda.core.choices import Role
from renda.core.exceptions import InvalidTransition, ValidationFailed
from renda.core.querysets import CHANGE
from renda.core.scope import scope_for
from renda.core.workflow import REQUIRED, Relation, Todo, Transition, Workflow, user_of
from renda.handling import clocks, subjects
from renda.handling.choices import AssignmentStatus as S
from renda.handling.choices import ContactMode, ReplyKind
from renda.handling.forms import AnswerForm, FulfilForm, ReasonForm
from renda.handling.models import Assignment, Reply
from renda.handling.querysets import ACCEPT_CLOCK, ANSWER_CLOCK

ONLY_THE_UNIT = _("Only the unit it was assigned to can do this.")
ONLY_THE_OFFICE = _("Only the office that assigned it can do this.")
NOT_NOW = _("This cannot be done to an assignment that is “%(status)s”.")
TOO_LATE_TO_SEND_BACK = _(
    "The time to send it back ended on %(date)s; ask the office to assign it again."
)
CHOOSE_CATEGORY = _("Choose the result category of the reply.")
UNKNOWN_CATEGORY = _("This congress has no result category “%(code)s”.")
SAY_HOW_MET = _("Say whether and how the unit met the deputy.")
NAME_CONTACT = _("Name the unit's contact person.")
LETTER_REQUIRED = _("Attach the signed reply letter (a scanned PDF).")
TEXT_REQUIRED = _("Write the text.")


def _unit_objects(user):
    scope = scope_for(user)
    return Assignment.objects.filter(unit_id__in=scope.unit_ids if scope else ())


def _unit_people(assignments) -> dict:
    users = unit_users(a.unit_id for a in assignments)
    return {a.pk: users.get(a.unit_id, []) for a in assignments}


def _office_people(assignments) -> dict:
    staff = region_staff({a.region for a in assignments})
    return {a.pk: staff.get(a.region_id, []) for a in assignments}


def _accepted(assignment, actor, data) -> dict:
    clocks.stop(actor, assignment, ACCEPT_CLOCK, note=str(_("Accepted by the unit")))
    return {"accepted_at": timezone.now()}


def _not_too_late(assignment, actor, data) -> None:
    clock = clocks.live(assignment, ACCEPT_CLOCK)
    if clock is not None and clock.due < timezone.localdate():
        raise InvalidTransition(TOO_LATE_TO_SEND_BACK % {"date": _cn_date(clock.due)})


def _cn_date(day) -> str:
    return date_format(day, "DATE_FORMAT")


def _stopped(assignment, actor, data) -> dict:
    clocks.stop(actor, assignment, note=data.get("note", ""))
    return {}


def _prepare(data) -> list:
    """Check the files and re-encode photos before the lock, in place: the step's `effects`
    receive the same list, prepared, and attach it without doing the work again."""
    files = data.get("files")
    if files:
        files[:] = attachments.prepare(files)
    return files or []


def _check_answer(assignment, actor, data) -> None:
    text = (data.get("text") or "").strip()
    if not text:
        raise ValidationFailed.on("text", TEXT_REQUIRED)
    prepared = _prepare(data)
    if not assignment.answers_with_letter:
        return
    code = data.get("result_category") or ""
    if not code:
        raise ValidationFailed.on("result_category", CHOOSE_CATEGORY)
    codes = {c.code for c in subjects.of(assignment).categories(assignment)}
    if code not in codes:
        raise ValidationFailed.on("result_category", UNKNOWN_CATEGORY % {"code": code})
    if data.get("contact_mode") not in ContactMode.values:
        raise ValidationFailed.on("contact_mode", SAY_HOW_MET)
    if not (data.get("contact_person") or "").strip():
        raise ValidationFailed.on("contact_person", NAME_CONTACT)
    if not any(item.kind == evidence.DOCUMENT for item in prepared):
        raise ValidationFailed.on("files", LETTER_REQUIRED)


def _write(assignment, actor, kind, data, **fields) -> Reply:
    from renda.core import services as base

    reply = base.create(
        actor=actor,
        obj=Reply(
            assignment=assignment,
            kind=kind,
            round=assignment.round,
            text=(data.get("text") or "").strip(),
            written_by=user_of(actor),
            **fields,
        ),
    )
    if data.get("files"):
        attachments.attachments_add(actor=actor, obj=reply, files=data["files"])
    return reply


def _answered(assignment, actor, data) -> dict:
    if assignment.answers_with_letter:
        _write(
            assignment,
            actor,
            ReplyKind.REPLY,
            data,
            result_category=data["result_category"],
            contact_person=(data.get("contact_person") or "").strip(),
            contact_phone=(data.get("contact_phone") or "").strip(),
            contact_mode=data["contact_mode"],
        )
    else:
        _write(assignment, actor, ReplyKind.OPINION, data)
    clocks.stop(actor, assignment, ANSWER_CLOCK, note=str(_("Answered")))
    return {"answered_at": timezone.now()}


def _may_fulfil(assignment, actor, data) -> None:
    if not (data.get("text") or "").strip():
        raise ValidationFailed.on("text", TEXT_REQUIRED)
    _prepare(data)
    refusal = subjects.of(assignment).fulfilment_refusal(assignment)
    if refusal:
        raise InvalidTransition(refusal)


def _fulfilment_not_yet(assignment):
    """Why the page shows no button to report fulfilment yet (the owner's rule), or None."""
    return subjects.of(assignment).fulfilment_refusal(assignment)


def _fulfilled(assignment, actor, data) -> dict:
    _write(assignment, actor, ReplyKind.FULFILMENT, data)
    return {"done_at": timezone.now()}


ANSWER_INPUTS = (
    "text",
    "result_category",
    "contact_person",
    "contact_phone",
    "contact_mode",
    "files",
)

ASSIGNMENT = Workflow(
    model=Assignment,
    name="assignment",
    url_name="handling:assignment_{name}",
    not_now=NOT_NOW,
    select_related=("unit", "region"),
    steps={"reopen": _("To be handled again"), "urge": _("Urged by the office")},
    relations=[
        Relation("unit", (Role.UNIT,), _unit_objects, ONLY_THE_UNIT, people=_unit_people),
        Relation(
            "office",
            (Role.STAFF,),
            lambda user: Assignment.objects.restrict(user, CHANGE),
            ONLY_THE_OFFICE,
            people=_office_people,
        ),
    ],
    transitions=[
        Transition(
            "accept",
            (S.ASSIGNED,),
            S.IN_HAND,
            by=("unit",),
            label=_("Accept"),
            done=_("Accepted by the unit"),
            effects=_accepted,
            style="success",
            help="The unit accepts the assignment (签收); the accept clock stops.",
        ),
        Transition(
            "send_back",
            (S.ASSIGNED,),
            S.RETURNED,
            by=("unit",),
            note=REQUIRED,
            form=ReasonForm,
            label=_("Send back"),
            done=_("Sent back by the unit"),
            guard=_not_too_late,
            effects=_stopped,
            style="outline-danger",
            tells=("office",),
            help="The unit sends a wrongly assigned item back with a reason, within the time "
            "to accept.",
        ),
        Transition(
            "answer",
            (S.IN_HAND,),
            S.ANSWERED,
            by=("unit",),
            label=_("Answer"),
            done=_("Answered"),
            form=AnswerForm,
            inputs=ANSWER_INPUTS,
            clean=_check_answer,
            effects=_answered,
            tells=("office",),
            help="The reply letter of a lead or separate unit (with the result category and the "
            "signed letter), or a co-handling unit's opinion to the lead unit.",
        ),
        Transition(
            "fulfil",
            (S.ANSWERED,),
            S.DONE,
            by=("unit",),
            label=_("Report fulfilment"),
            done=_("Fulfilment reported"),
            form=FulfilForm,
            inputs=("text", "files"),
            clean=_may_fulfil,
            unavailable=_fulfilment_not_yet,
            effects=_fulfilled,
            tells=("office",),
            help="The unit reports what was done of what its reply promised (落实情况).",
        ),
        Transition(
            "withdraw",
            (S.ASSIGNED, S.IN_HAND, S.RETURNED),
            S.WITHDRAWN,
            by=("office",),
            note=REQUIRED,
            form=ReasonForm,
            label=_("Withdraw from the unit"),
            done=_("Withdrawn from the unit"),
            effects=_stopped,
            style="outline-danger",
            tells=("unit",),
            help="The office takes the item back from the unit; the note says why.",
        ),
    ],
    todo=[
        Todo(
            "accept",
            _("Assignments to accept or send back"),
            "unit",
            (S.ASSIGNED,),
            "handling:inbox",
        ),
        Todo("answer", _("Assignments to answer"), "unit", (S.IN_HAND,), "handling:inbox"),
        Todo(
            "returned",
            _("Assignments sent back by units"),
            "office",
            (S.RETURNED,),
            "handling:assignment_list",
        ),
    ],
)

"""The commitment cycle, declared once for the workflow kernel (`core.workflow`).

    draft ──submit──▶ submitted ──approve──▶ approved ──close──▶ fulfilled / partly / unfulfilled
      ▲                  │  ▲
      │               return │ submit (after revision)
      │                  ▼  │
      └────────────── returned
    draft, submitted, returned ──withdraw (the deputy)──▶ withdrawn
    draft, submitted, returned, approved ──cancel (staff, with a reason)──▶ cancelled

The deputy owns their commitments and alone writes, submits, withdraws and reports on them (staff
do not act as the deputy); the staff of the congress it is filed under review it. Each step tells
the other side: a submission the reviewers, a decision the deputy.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.accounts.selectors import person_users, region_staff
from renda.commitments.choices import CLOSED_STATUSES
from renda.commitments.choices import CommitmentStatus as S
from renda.commitments.forms import CancelForm, CloseForm, NoteForm, ReturnForm
from renda.commitments.models import Commitment
from renda.core import services as base
from renda.core.choices import Role
from renda.core.exceptions import ValidationFailed
from renda.core.scope import scope_for
from renda.core.workflow import REQUIRED, Relation, Todo, Transition, Workflow, decided

NOT_THE_OWNER = _("Only the deputy who made the commitment can do this.")
ONLY_REVIEWERS = _("Only the staff of the congress it is filed under can review it.")
NOT_ALLOWED_NOW = _("This cannot be done to a commitment that is “%(status)s”.")
WINDOW_CLOSED = _("Submissions for %(year)s are open from %(opens)s to %(closes)s.")
REASON_REQUIRED = _("Choose why the commitment is returned.")
NOTE_REQUIRED = _("Say why, in a few words.")
TOO_EARLY_TO_CLOSE = _("The year-end result can be recorded from %(day)s.")

# A deputy edits the text only while it is theirs to change.
EDITABLE = (S.DRAFT, S.RETURNED)
# Progress is reported on what the public sees as promised.
OPEN_FOR_PROGRESS = (S.APPROVED,)


# --- The app's rules --------------------------------------------------------------------------


def is_staff(actor) -> bool:
    if base.is_system(actor):
        return True
    scope = scope_for(actor)
    return bool(scope and scope.has(Role.STAFF))


def ensure_window(cycle, actor) -> None:
    """Deputies submit within the window; staff may enter late commitments for them."""
    today = timezone.localdate()
    if not (cycle.opens <= today <= cycle.closes) and not is_staff(actor):
        raise ValidationFailed(
            WINDOW_CLOSED % {"year": cycle.year, "opens": cycle.opens, "closes": cycle.closes}
        )


def close_from(commitment: Commitment) -> datetime.date:
    """The first day the year-end result may be recorded: 1 December, or the due date if
    earlier."""
    return min(commitment.due, datetime.date(commitment.commitment_year.year, 12, 1))


def _too_early(commitment: Commitment):
    day = close_from(commitment)
    if timezone.localdate() < day:
        return TOO_EARLY_TO_CLOSE % {"day": date_format(day, "DATE_FORMAT")}
    return None


def _submit_guard(commitment, actor, data) -> None:
    if commitment.status == S.DRAFT:
        ensure_window(commitment.commitment_year, actor)


def _submitted(commitment, actor, data) -> dict:
    return {"return_reason": None, "submitted_at": timezone.now()}


def _return_clean(commitment, actor, data) -> None:
    reason = data.get("reason")
    if reason is None:
        raise ValidationFailed.on("reason", REASON_REQUIRED)
    if reason.needs_note and not data["note"]:
        raise ValidationFailed.on("note", NOTE_REQUIRED)


def _returned(commitment, actor, data) -> dict:
    return {**decided(commitment, actor, data), "return_reason": data["reason"]}


def _close_guard(commitment, actor, data) -> None:
    if message := _too_early(commitment):
        raise ValidationFailed(message)


def deputy_users(commitments) -> dict:
    """Per commitment, the users of its deputy."""
    users = person_users(c.person_id for c in commitments)
    return {c.pk: users[c.person_id] for c in commitments}


def reviewers(commitments) -> dict:
    """Per commitment, the staff of the congress it is filed under (its own office, not those
    above)."""
    regions = {c.pk: c.commitment_year.congress.region for c in commitments}
    staff = region_staff(set(regions.values()))
    return {pk: staff[region.pk] for pk, region in regions.items()}


# --- The declaration --------------------------------------------------------------------------

COMMITMENT = Workflow(
    model=Commitment,
    name="commitment",
    url_name="commitments:commitment_{name}",
    not_now=NOT_ALLOWED_NOW,
    audit_fields=("return_reason",),
    select_related=("person", "commitment_year", "mandate__congress", "category"),
    intro_template="commitments/_decision_intro.html",
    relations=[
        Relation(
            "owner",
            (Role.DEPUTY,),
            lambda user: Commitment.objects.of_deputy(user),
            NOT_THE_OWNER,
            people=deputy_users,
        ),
        Relation(
            "reviewer",
            (Role.STAFF,),
            lambda user: Commitment.objects.reviewable_by(user),
            ONLY_REVIEWERS,
            people=reviewers,
        ),
    ],
    transitions=[
        Transition(
            "submit",
            (S.DRAFT, S.RETURNED),
            S.SUBMITTED,
            by=("owner",),
            label=_("Submit for review"),
            labels={S.RETURNED: _("Submit again")},
            done=pgettext_lazy("commitment step", "Submitted for review"),
            guard=_submit_guard,
            effects=_submitted,
            style="renda",
            tells=("reviewer",),
            help="Submit a draft, or a returned commitment after revision, for review.",
        ),
        Transition(
            "withdraw",
            (S.DRAFT, S.SUBMITTED, S.RETURNED),
            S.WITHDRAWN,
            by=("owner",),
            label=_("Withdraw"),
            done=_("Withdrawn"),
            form=NoteForm,
            style="outline-danger",
            confirm=_("Withdraw this commitment?"),
            help="The deputy withdraws it before approval.",
        ),
        Transition(
            "approve",
            (S.SUBMITTED,),
            S.APPROVED,
            by=("reviewer",),
            label=_("Approve"),
            done=pgettext_lazy("commitment step", "Approved"),
            form=NoteForm,
            effects=decided,
            style="success",
            success=_("Approved. It is now public."),
            tells=("owner",),
            help="Staff approve a submitted commitment; it becomes public.",
        ),
        Transition(
            "return",
            (S.SUBMITTED,),
            S.RETURNED,
            by=("reviewer",),
            label=_("Return for revision"),
            done=pgettext_lazy("commitment step", "Returned for revision"),
            form=ReturnForm,
            inputs=("reason",),
            clean=_return_clean,
            effects=_returned,
            style="danger",
            success=_("Returned to the deputy for revision."),
            tells=("owner",),
            help='Staff return it for revision with a reason (e.g. "与本职工作重合") and a note.',
        ),
        Transition(
            "close",
            (S.APPROVED,),
            S.FULFILLED,
            targets=tuple(CLOSED_STATUSES),
            target_input="result",
            by=("reviewer",),
            label=_("Record the year-end result"),
            done=_("Year-end result recorded"),
            form=CloseForm,
            guard=_close_guard,
            unavailable=_too_early,
            effects=decided,
            success=_("The year-end result is recorded."),
            tells=("owner",),
            help="Staff record the year-end result from the evidence (from 1 December).",
        ),
        Transition(
            "cancel",
            (S.DRAFT, S.SUBMITTED, S.RETURNED, S.APPROVED),
            S.CANCELLED,
            by=("reviewer",),
            label=pgettext_lazy("commitment action", "Cancel"),
            done=pgettext_lazy("commitment step", "Cancelled"),
            note=REQUIRED,
            form=CancelForm,
            style="secondary",
            success=_("Cancelled."),
            tells=("owner",),
            help="Staff cancel it with a reason, e.g. the seat has ended.",
        ),
    ],
    todo=[
        Todo(
            "review",
            _("Commitments to review"),
            "reviewer",
            (S.SUBMITTED,),
            "commitments:review_queue",
        ),
        Todo(
            "returned",
            _("My commitments returned for revision"),
            "owner",
            (S.RETURNED,),
            "commitments:mine",
        ),
    ],
)

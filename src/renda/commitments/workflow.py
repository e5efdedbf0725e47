"""The commitment cycle as one table: which action moves which status to which, and who acts.

    draft ──submit──▶ submitted ──approve──▶ approved ──close──▶ fulfilled / partly / unfulfilled
      ▲                  │  ▲
      │               return │ submit (after revision)
      │                  ▼  │
      └────────────── returned
    draft, submitted, returned ──withdraw (the deputy)──▶ withdrawn
    draft, submitted, returned, approved ──cancel (staff, with a reason)──▶ cancelled

Services refuse anything not in the table with `InvalidTransition`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.commitments.choices import CLOSED_STATUSES
from renda.commitments.choices import CommitmentStatus as S
from renda.core.exceptions import InvalidTransition

DEPUTY = "deputy"
STAFF = "staff"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    actor: str  # who may take it: the deputy who owns it, or the reviewing staff
    label: object


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("submit", (S.DRAFT, S.RETURNED), (S.SUBMITTED,), DEPUTY, _("Submit for review")),
        Transition(
            "withdraw", (S.DRAFT, S.SUBMITTED, S.RETURNED), (S.WITHDRAWN,), DEPUTY, _("Withdraw")
        ),
        Transition("approve", (S.SUBMITTED,), (S.APPROVED,), STAFF, _("Approve")),
        Transition("return", (S.SUBMITTED,), (S.RETURNED,), STAFF, _("Return for revision")),
        Transition(
            "cancel",
            (S.DRAFT, S.SUBMITTED, S.RETURNED, S.APPROVED),
            (S.CANCELLED,),
            STAFF,
            pgettext_lazy("commitment action", "Cancel"),
        ),
        Transition("close", (S.APPROVED,), CLOSED_STATUSES, STAFF, _("Record the year-end result")),
    )
}

# A deputy edits the text only while it is theirs to change.
EDITABLE = (S.DRAFT, S.RETURNED)
# Progress is reported on what the public sees as promised.
OPEN_FOR_PROGRESS = (S.APPROVED,)

NOT_ALLOWED_NOW = _("This cannot be done to a commitment that is “%(status)s”.")


def check(action: str, status: str, target: str | None = None) -> str:
    """The status `action` leads to from `status`; refuse what the table does not allow."""
    transition = TRANSITIONS[action]
    target = target or transition.targets[0]
    if status not in transition.sources or target not in transition.targets:
        raise InvalidTransition(NOT_ALLOWED_NOW % {"status": S(status).label})
    return target


def allowed(status: str, actor: str) -> list[Transition]:
    """The actions `actor` (DEPUTY or STAFF) may take from `status`, for the buttons."""
    return [t for t in TRANSITIONS.values() if status in t.sources and t.actor == actor]

"""The activity register as one table: which action moves which status to which.

    submitted ──verify (staff)──▶ verified
        │  └────reject (staff, with a reason)──▶ rejected ──resubmit (the deputy, revised)──┐
        └──withdraw (the deputy)──▶ withdrawn                                                │
    submitted ◀──────────────────────────────────────────────────────────────────────────────┘
    verified ──revoke (staff, with a reason)──▶ rejected

An organiser's records and those other modules register are verified on entry.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from renda.activities.choices import ActivityStatus as S
from renda.core.exceptions import InvalidTransition

DEPUTY = "deputy"
STAFF = "staff"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    actor: str
    label: object


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("verify", (S.SUBMITTED,), S.VERIFIED, STAFF, _("Verify")),
        Transition("reject", (S.SUBMITTED,), S.REJECTED, STAFF, _("Reject")),
        Transition("revoke", (S.VERIFIED,), S.REJECTED, STAFF, _("Revoke the verification")),
        Transition("withdraw", (S.SUBMITTED,), S.WITHDRAWN, DEPUTY, _("Withdraw")),
        Transition("resubmit", (S.REJECTED,), S.SUBMITTED, DEPUTY, _("Revise and resubmit")),
    )
}

# What the deputy may still edit; staff may correct any record that is not withdrawn.
DEPUTY_EDITABLE = (S.SUBMITTED, S.REJECTED)
STAFF_EDITABLE = (S.SUBMITTED, S.VERIFIED, S.REJECTED)
# Records that hold their place against an exact duplicate.
LIVE = (S.SUBMITTED, S.VERIFIED)

NOT_ALLOWED_NOW = _("This cannot be done to an activity that is “%(status)s”.")


def check(action: str, status: str) -> str:
    transition = TRANSITIONS[action]
    if status not in transition.sources:
        raise InvalidTransition(NOT_ALLOWED_NOW % {"status": S(status).label})
    return transition.target


def allowed(status: str, actor: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources and t.actor == actor]

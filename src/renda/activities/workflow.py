"""The activity register, declared once for the workflow kernel (`core.workflow`).

    submitted ──verify (staff)──▶ verified
        │  └────reject (staff, with a reason)──▶ rejected ──resubmit (the deputy, revised)──┐
        └──withdraw (the deputy)──▶ withdrawn                                                │
    submitted ◀──────────────────────────────────────────────────────────────────────────────┘
    verified ──revoke (staff, with a reason)──▶ rejected

An organiser's records and those other modules register are verified on entry. The deputy owns
their records and alone withdraws or resubmits them; the staff of the seat's congress keep the
register (they register for deputies, correct and decide, but do not act as the deputy). Each
step tells the other side: what a deputy registers or resubmits the keepers, a decision (or a
record staff registered for them) the deputy. Every step is refused once the year's evaluation
is final, and a step that makes a record count again is refused if an exact duplicate already
counts.
"""

from django.utils.translation import gettext_lazy as _

from renda.accounts.selectors import person_users, region_staff
from renda.activities.choices import ActivityStatus as S
from renda.activities.forms import NoteForm, ReasonForm
from renda.activities.models import Activity
from renda.congresses import locks
from renda.core.choices import Role
from renda.core.exceptions import Conflict
from renda.core.workflow import (
    REQUIRED,
    Arrival,
    Relation,
    Todo,
    Transition,
    Workflow,
    decided,
)

NOT_THE_OWNER = _("Only the deputy can do this.")
ONLY_STAFF = _("Only the staff of the congress the seat belongs to can do this.")
NOT_ALLOWED_NOW = _("This cannot be done to an activity that is “%(status)s”.")
YEAR_FINAL = _("The evaluation of %(year)s is final; its activities can no longer change.")
DUPLICATE = _("This activity is already registered for this deputy.")

# What the deputy may still edit; staff may correct any record that is not withdrawn.
DEPUTY_EDITABLE = (S.SUBMITTED, S.REJECTED)
STAFF_EDITABLE = (S.SUBMITTED, S.VERIFIED, S.REJECTED)
# Records that hold their place against an exact duplicate.
LIVE = (S.SUBMITTED, S.VERIFIED)


# --- The register's rules (the services use them too) ---------------------------------------


def ensure_year_open(congress_id: int, year: int) -> None:
    locks.ensure_year_open(congress_id, year, YEAR_FINAL)


def duplicate_exists(mandate_id, print_, exclude_pk=None) -> bool:
    qs = Activity.objects.filter(mandate_id=mandate_id, fingerprint=print_, status__in=LIVE)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def _guard(activity, actor, data) -> None:
    ensure_year_open(activity.congress_id, activity.day.year)
    if data["target"] in LIVE and duplicate_exists(
        activity.mandate_id, activity.fingerprint, exclude_pk=activity.pk
    ):
        raise Conflict(DUPLICATE)


def _undecided(activity, actor, data) -> dict:
    return {"decided_by": None, "decided_at": None}


def deputy_users(activities) -> dict:
    """Per activity, the users of its deputy."""
    users = person_users(a.person_id for a in activities)
    return {a.pk: users[a.person_id] for a in activities}


def keepers(activities) -> dict:
    """Per activity, the staff of the seat's congress (its own office, not those above)."""
    regions = {a.pk: a.congress.region for a in activities}
    staff = region_staff(set(regions.values()))
    return {pk: staff[region.pk] for pk, region in regions.items()}


# --- The declaration --------------------------------------------------------------------------

ACTIVITY = Workflow(
    model=Activity,
    name="activity",
    url_name="activities:activity_{name}",
    not_now=NOT_ALLOWED_NOW,
    select_related=("mandate", "activity_type", "person"),
    relations=[
        Relation(
            "owner",
            (Role.DEPUTY,),
            lambda user: Activity.objects.of_deputy(user),
            NOT_THE_OWNER,
            people=deputy_users,
        ),
        Relation(
            "keeper",
            (Role.STAFF,),
            lambda user: Activity.objects.verifiable_by(user),
            ONLY_STAFF,
            people=keepers,
        ),
    ],
    arrivals=[
        Arrival(S.SUBMITTED, _("Registered, waiting for verification"), tells=("keeper",)),
        Arrival(S.VERIFIED, _("Registered and verified by staff"), tells=("owner",)),
    ],
    transitions=[
        Transition(
            "verify",
            (S.SUBMITTED,),
            S.VERIFIED,
            by=("keeper",),
            label=_("Verify"),
            done=_("Verified"),
            form=NoteForm,
            guard=_guard,
            effects=decided,
            style="success",
            success=_("Verified."),
            tells=("owner",),
            help="Staff verify a submitted activity; it counts from now on.",
        ),
        Transition(
            "reject",
            (S.SUBMITTED,),
            S.REJECTED,
            by=("keeper",),
            label=_("Reject"),
            done=_("Rejected"),
            note=REQUIRED,
            form=ReasonForm,
            guard=_guard,
            effects=decided,
            style="danger",
            success=_("Rejected; the deputy sees the reason."),
            tells=("owner",),
            help="Staff reject a submitted activity with a reason the deputy reads.",
        ),
        Transition(
            "revoke",
            (S.VERIFIED,),
            S.REJECTED,
            by=("keeper",),
            label=_("Revoke the verification"),
            done=_("Verification revoked"),
            note=REQUIRED,
            form=ReasonForm,
            guard=_guard,
            effects=decided,
            style="danger",
            success=_("The verification is revoked; the deputy sees the reason."),
            tells=("owner",),
            help="Staff take back a verification found wrong, with a reason.",
        ),
        Transition(
            "withdraw",
            (S.SUBMITTED,),
            S.WITHDRAWN,
            by=("owner",),
            label=_("Withdraw"),
            done=_("Withdrawn"),
            form=NoteForm,
            guard=_guard,
            style="outline-danger",
            confirm=_("Withdraw this activity?"),
            success=_("Withdrawn."),
            help="The deputy withdraws an activity still waiting for verification.",
        ),
        Transition(
            "resubmit",
            (S.REJECTED,),
            S.SUBMITTED,
            by=("owner",),
            label=_("Revise and resubmit"),
            done=_("Submitted again"),
            guard=_guard,
            effects=_undecided,
            style="renda",
            success=_("Submitted again for verification."),
            tells=("keeper",),
            help="The deputy submits a rejected activity again, after correcting it.",
        ),
    ],
    todo=[
        Todo(
            "verify",
            _("Activities to verify"),
            "keeper",
            (S.SUBMITTED,),
            "activities:queue",
        ),
        Todo(
            "rejected",
            _("My activities sent back"),
            "owner",
            (S.REJECTED,),
            "activities:mine",
        ),
    ],
)

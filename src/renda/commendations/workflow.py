"""Commendations, declared once for the workflow kernel (`core.workflow`).

    nominated ──approve──▶ approved ──publish──▶ published
        │                      ▲                     │
        └──reject (a reason)   └──────unpublish──────┘
              ▼
          rejected

The staff of the congress's region decide; what is published shows on the portal. The deputy
commended (or each member of the group) hears of the nomination and of its publication, and
reads it on the public page.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.accounts.selectors import person_users
from renda.commendations.choices import CommendationStatus as S
from renda.commendations.forms import RejectForm, StepNoteForm
from renda.commendations.models import Commendation
from renda.core.choices import Role
from renda.core.querysets import CHANGE
from renda.core.scope import scope_for
from renda.core.workflow import (
    REQUIRED,
    Arrival,
    Relation,
    Todo,
    Transition,
    Workflow,
    user_of,
)
from renda.people.models import GroupMembership

ONLY_STAFF = _("Only the staff of the congress can decide on a commendation.")
NOT_ALLOWED_NOW = _("This cannot be done to a commendation that is “%(status)s”.")


def _decided(commendation, actor, data) -> dict:
    return {"decided_by": user_of(actor)}


def _published(commendation, actor, data) -> dict:
    return {"decided_by": user_of(actor), "published_at": timezone.now()}


NOT_COMMENDED = _("This commendation is not about you.")


def _commended(user):
    """The commendations of the user as a deputy: of their seats or of a group they are in."""
    scope = scope_for(user)
    people = scope.person_ids if scope else ()
    return Commendation.objects.filter(
        Q(mandate__person_id__in=people) | Q(group__memberships__mandate__person_id__in=people)
    ).distinct()


def commended_users(commendations) -> dict:
    """Per commendation, the users of the deputy commended, or of each member of the group."""
    people: dict[int, list[int]] = {}
    groups = {c.group_id for c in commendations if not c.mandate_id}
    members: dict[int, list[int]] = {}
    for group_id, person_id in GroupMembership.objects.filter(group_id__in=groups).values_list(
        "group_id", "mandate__person_id"
    ):
        members.setdefault(group_id, []).append(person_id)
    for c in commendations:
        people[c.pk] = [c.mandate.person_id] if c.mandate_id else members.get(c.group_id, [])
    users = person_users(pid for ids in people.values() for pid in ids)
    return {pk: [u for pid in ids for u in users[pid]] for pk, ids in people.items()}


def _public_page(commendation) -> str:
    """The public page once published; a nomination is not public yet, so its notice has no
    link (the deputy has no page of their nominations)."""
    return reverse("public_assessment:commendations") if commendation.status == S.PUBLISHED else ""


COMMENDATION = Workflow(
    model=Commendation,
    name="commendation",
    url_name="recognition:commendation_{name}",
    not_now=NOT_ALLOWED_NOW,
    select_related=("congress__region", "mandate__person", "group"),
    relations=[
        Relation(
            "keeper",
            (Role.STAFF,),
            lambda user: Commendation.objects.restrict(user, CHANGE),
            ONLY_STAFF,
        ),
        Relation(
            "commended",
            (Role.DEPUTY,),
            _commended,
            NOT_COMMENDED,
            people=commended_users,
            link=_public_page,
        ),
    ],
    arrivals=[Arrival(S.NOMINATED, _("Nominated"), tells=("commended",))],
    transitions=[
        Transition(
            "approve",
            (S.NOMINATED,),
            S.APPROVED,
            by=("keeper",),
            label=pgettext_lazy("commendation action", "Approve"),
            done=pgettext_lazy("commendation", "Approved"),
            form=StepNoteForm,
            effects=_decided,
            style="success",
            success=_("Approved. Publish it to show it on the portal."),
            help="Approve a nomination.",
        ),
        Transition(
            "reject",
            (S.NOMINATED,),
            S.REJECTED,
            by=("keeper",),
            label=_("Do not approve"),
            done=_("Not approved"),
            note=REQUIRED,
            form=RejectForm,
            effects=_decided,
            style="danger",
            success=_("Not approved."),
            help="Do not approve a nomination; the note (the reason) is required.",
        ),
        Transition(
            "publish",
            (S.APPROVED,),
            S.PUBLISHED,
            by=("keeper",),
            label=_("Publish on the portal"),
            done=_("Published"),
            form=StepNoteForm,
            effects=_published,
            style="renda",
            success=_("Published on the portal."),
            tells=("commended",),
            help="Publish an approved commendation on the portal.",
        ),
        Transition(
            "unpublish",
            (S.PUBLISHED,),
            S.APPROVED,
            by=("keeper",),
            label=_("Take down from the portal"),
            done=_("Taken down from the portal"),
            form=StepNoteForm,
            effects=_decided,
            style="outline-secondary",
            success=_("Taken down from the portal."),
            help="Take a published commendation down from the portal.",
        ),
    ],
    todo=[
        Todo(
            "decide",
            _("Nominations to decide"),
            "keeper",
            (S.NOMINATED,),
            "recognition:commendation_list",
        ),
    ],
)

"""Commendations, declared once for the workflow kernel (`core.workflow`).

    nominated ──approve──▶ approved ──publish──▶ published
        │                      ▲                     │
        └──reject (a reason)   └──────unpublish──────┘
              ▼
          rejected

The staff of the congress's region decide; what is published shows on the portal.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.commendations.choices import CommendationStatus as S
from renda.commendations.forms import RejectForm, StepNoteForm
from renda.commendations.models import Commendation
from renda.core.choices import Role
from renda.core.querysets import CHANGE
from renda.core.workflow import REQUIRED, Relation, Todo, Transition, Workflow, user_of

ONLY_STAFF = _("Only the staff of the congress can decide on a commendation.")
NOT_ALLOWED_NOW = _("This cannot be done to a commendation that is “%(status)s”.")


def _decided(commendation, actor, data) -> dict:
    return {"decided_by": user_of(actor)}


def _published(commendation, actor, data) -> dict:
    return {"decided_by": user_of(actor), "published_at": timezone.now()}


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
    ],
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

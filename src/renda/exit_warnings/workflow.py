"""Exit warnings, declared once for the workflow kernel (`core.workflow`).

    open ──talk──▶ talked ──talk (again)
      │  ╲            │
      │   ╲──resolve──┼──▶ resolved ──reopen──▶ open
      └─────dismiss───┴──▶ dismissed ──reopen──▶ open

A final evaluation raises the warnings its congress's rules call for; the staff who keep the
seat record what they did, each step with a note. Resolving may mean the deputy improved, or
resigned: ending the seat is `people.services.mandate_end`, linked from the warning's page.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.core.choices import Role
from renda.core.querysets import CHANGE
from renda.core.workflow import REQUIRED, Relation, Todo, Transition, Workflow, user_of
from renda.exit_warnings.choices import WarningStatus as S
from renda.exit_warnings.forms import WarningNoteForm
from renda.exit_warnings.models import ExitWarning

ONLY_STAFF = _("Only the staff who keep the seat can handle its warning.")
NOT_ALLOWED_NOW = _("This cannot be done to a warning that is “%(status)s”.")
HANDLING = (S.OPEN, S.TALKED)


def _handled(warning, actor, data) -> dict:
    return {"decided_by": user_of(actor)}


def _step(name, sources, target, label, done, help_text) -> Transition:
    return Transition(
        name,
        sources,
        target,
        by=("keeper",),
        label=label,
        done=done,
        note=REQUIRED,
        form=WarningNoteForm,
        effects=_handled,
        style="danger" if target == S.OPEN else "primary",
        success=_("Recorded."),
        help=help_text,
    )


EXIT_WARNING = Workflow(
    model=ExitWarning,
    name="exit_warning",
    url_name="recognition:warning_{name}",
    not_now=NOT_ALLOWED_NOW,
    select_related=("congress__region", "mandate__person", "mandate__term"),
    relations=[
        Relation(
            "keeper",
            (Role.STAFF,),
            lambda user: ExitWarning.objects.restrict(user, CHANGE),
            ONLY_STAFF,
        ),
    ],
    transitions=[
        _step(
            "talk",
            HANDLING,
            S.TALKED,
            _("Record a talk with the deputy"),
            _("Talked with the deputy"),
            "Record a talk with the deputy (who talked, what was agreed).",
        ),
        _step(
            "resolve",
            HANDLING,
            S.RESOLVED,
            pgettext_lazy("exit warning action", "Resolve"),
            _("Resolved"),
            "Resolve the warning: the deputy improved, or resigned (end the seat separately).",
        ),
        _step(
            "dismiss",
            HANDLING,
            S.DISMISSED,
            pgettext_lazy("exit warning action", "Dismiss"),
            _("Dismissed"),
            "Dismiss the warning, saying why.",
        ),
        _step(
            "reopen",
            (S.RESOLVED, S.DISMISSED),
            S.OPEN,
            _("Open it again"),
            _("Opened again"),
            "Open a resolved or dismissed warning again, saying why.",
        ),
    ],
    todo=[
        Todo(
            "handle",
            _("Exit warnings to handle"),
            "keeper",
            (S.OPEN,),
            "recognition:warning_list",
        ),
    ],
)

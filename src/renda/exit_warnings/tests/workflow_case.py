"""Exit warnings for the workflow-generated tests (`core/tests/workflows.py`)."""

from types import SimpleNamespace

from renda.accounts.tests.factories import user_with
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.tests.workflows import WorkflowCase
from renda.exit_warnings.models import ExitWarning
from renda.exit_warnings.workflow import EXIT_WARNING
from renda.people.tests.factories import MandateFactory
from renda.regions.tests.factories import rongchang, tongliang


def world() -> SimpleNamespace:
    term = TermFactory(congress=CongressFactory(region=rongchang()))
    seat = MandateFactory(term=term)
    return SimpleNamespace(
        congress=term.congress,
        term=term,
        seat=seat,
        staff=user_with("staff", region=rongchang()),
        stranger=user_with("deputy", person=seat.person),
        outsider=user_with("staff", region=tongliang()),
    )


def make(w, status):
    return ExitWarning.objects.create(
        congress=w.congress,
        mandate=MandateFactory(term=w.term),  # one each: a seat is flagged once a year
        year=2025,
        kind="grade",
        reason="评为不合格",
        status=status,
    )


CASE = WorkflowCase(
    workflow=EXIT_WARNING,
    world=world,
    make=make,
    actors={"keeper": "staff"},
    api="/api/v1/exit-warnings/",
    inputs=lambda w, obj, step: {"note": "人代工委约谈，表示改进"},
)

"""Commendations for the workflow-generated tests (`core/tests/workflows.py`)."""

from types import SimpleNamespace

from renda.accounts.tests.factories import user_with
from renda.commendations.models import Commendation
from renda.commendations.workflow import COMMENDATION
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.tests.workflows import WorkflowCase
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
    seat = MandateFactory(term=w.term)  # one each: a deputy is nominated once a year
    user_with("deputy", person=seat.person)  # who hears of the publication
    return Commendation.objects.create(
        congress=w.congress,
        kind="praise",
        year=2025,
        mandate=seat,
        title="2025年度履职优秀代表",
        status=status,
    )


CASE = WorkflowCase(
    workflow=COMMENDATION,
    world=world,
    make=make,
    actors={"keeper": "staff"},
    api="/api/v1/commendations/",
    inputs=lambda w, obj, step: {"note": "事迹材料不实"} if step == "reject" else {},
)

"""The commitment cycle for the workflow-generated tests (`core/tests/workflows.py`)."""

from types import SimpleNamespace

from renda.accounts.tests.factories import user_with
from renda.commitments.choices import CommitmentStatus as S
from renda.commitments.tests.factories import CommitmentFactory, job_duty
from renda.commitments.workflow import COMMITMENT
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.tests.workflows import WorkflowCase
from renda.people.tests.factories import MandateFactory
from renda.regions.tests.factories import rongchang, tongliang


def world() -> SimpleNamespace:
    term = TermFactory(congress=CongressFactory(region=rongchang()))
    seat = MandateFactory(term=term)
    return SimpleNamespace(
        seat=seat,
        deputy=user_with("deputy", person=seat.person),
        staff=user_with("staff", region=rongchang()),
        stranger=user_with("deputy", person=MandateFactory(term=term).person),
        outsider=user_with("staff", region=tongliang()),
    )


def make(w, status):
    return CommitmentFactory(
        mandate=w.seat, status=status, return_reason=job_duty() if status == S.RETURNED else None
    )


def inputs(w, commitment, step) -> dict:
    return {
        "return": {"reason": job_duty(), "note": "与本职工作重合"},
        "cancel": {"note": "代表资格终止"},
        "close": {"result": S.FULFILLED, "note": "已完成"},
    }.get(step, {})


CASE = WorkflowCase(
    workflow=COMMITMENT,
    world=world,
    make=make,
    actors={"owner": "deputy", "reviewer": "staff"},
    api="/api/v1/commitments/",
    inputs=inputs,
    # The 2026 window is January and February; the year-end result from 1 December.
    when={"submit": "2026-01-15 10:00:00+08:00", "close": "2026-12-02 10:00:00+08:00"},
)

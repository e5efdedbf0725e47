"""The activity register for the workflow-generated tests (`core/tests/workflows.py`)."""

import datetime
from types import SimpleNamespace

from renda.accounts.tests.factories import user_with
from renda.activities.choices import ActivityStatus
from renda.activities.tests.factories import ActivityFactory, preset_types
from renda.activities.workflow import ACTIVITY
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.tests.workflows import WorkflowCase
from renda.people.tests.factories import MandateFactory
from renda.regions.tests.factories import rongchang, tongliang


def world() -> SimpleNamespace:
    term = TermFactory(congress=CongressFactory(region=rongchang()))
    seat = MandateFactory(term=term)
    return SimpleNamespace(
        seat=seat,
        types=preset_types(term.congress),
        deputy=user_with("deputy", person=seat.person),
        staff=user_with("staff", region=rongchang()),
        stranger=user_with("deputy", person=MandateFactory(term=term).person),
        outsider=user_with("staff", region=tongliang()),
    )


def make(w, status):
    return ActivityFactory(
        mandate=w.seat,
        activity_type=w.types["inspection"],
        day=datetime.date(2024, 5, 20),
        status=status,
        status_note="照片与内容不符" if status == ActivityStatus.REJECTED else "",
    )


def inputs(w, activity, step) -> dict:
    return {"note": "照片与内容不符"} if step in ("reject", "revoke") else {}


CASE = WorkflowCase(
    workflow=ACTIVITY,
    world=world,
    make=make,
    actors={"owner": "deputy", "keeper": "staff"},
    api="/api/v1/activities/",
    inputs=inputs,
    default_when="2024-06-01 10:00:00+08:00",
)

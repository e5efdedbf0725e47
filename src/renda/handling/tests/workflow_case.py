"""Assignments for the workflow-generated tests (`core/tests/workflows.py`).

The item handed out is a suggestion (the one module that assigns today), in the status its
assignment implies: being handled while the unit accepts and answers, being carried out once
the reply is rated (so that the unit may report fulfilment), fulfilled after that. The
assignment is made by the service, with its clocks, then set to the status asked for with its
clocks stopped as that status implies.
"""

from django.utils import timezone

from renda.accounts.tests.factories import user_with
from renda.core.tests.workflows import WorkflowCase
from renda.handling import clocks
from renda.handling.choices import AssignmentStatus as S
from renda.handling.choices import ReplyKind
from renda.handling.models import Assignment, Reply
from renda.handling.querysets import ACCEPT_CLOCK, ANSWER_CLOCK
from renda.handling.services import assignments_create
from renda.handling.workflow import ASSIGNMENT
from renda.regions.tests.factories import tongliang
from renda.suggestions.choices import SuggestionStatus
from renda.suggestions.models import Suggestion
from renda.suggestions.tests.factories import letter
from renda.suggestions.tests.factories import world as suggestions_world

# The suggestion's status while its lead unit's assignment is in each status.
ITEM = {
    S.ANSWERED: SuggestionStatus.FULFILLING,  # the deputy rated a reply that promises more
    S.DONE: SuggestionStatus.FULFILLED,
}
# The clocks still running in each status.
RUNNING = {
    S.ASSIGNED: (ACCEPT_CLOCK, ANSWER_CLOCK),
    S.IN_HAND: (ANSWER_CLOCK,),
}


def world():
    w = suggestions_world(deputies=1)
    w.clerk = w.lead_clerk
    w.stranger = w.other_clerk  # a unit's user the assignment is not given to
    w.outsider = user_with("staff", region=tongliang())
    return w


def make(w, status):
    item = ITEM.get(status, SuggestionStatus.ASSIGNED)
    replied = status in ITEM
    suggestion = Suggestion.objects.create(
        congress=w.congress,
        year=2026,
        number=Suggestion.objects.count() + 1,
        title="关于增设昌州大道公交站点的建议",
        body="昌州大道沿线居民出行不便，建议增设公交站点两处。",
        topic="transport",
        mandate=w.seat,
        status=item,
        submitted_at=timezone.now(),
        accepted_at=timezone.now(),
        mode="lead_co",
        assigned_on=timezone.localdate(),
        replied_at=timezone.now() if replied else None,
        result_category="B" if replied else "",
    )
    (assignment,) = assignments_create(
        actor="test", subject=suggestion, region=w.region, lead=w.lead_unit
    )
    stopped = {ACCEPT_CLOCK, ANSWER_CLOCK} - set(RUNNING.get(status, ()))
    if stopped:
        clocks.stop("test", assignment, *sorted(stopped))
    Assignment.objects.filter(pk=assignment.pk).update(
        status=status,
        accepted_at=None if status == S.ASSIGNED else timezone.now(),
        answered_at=timezone.now() if replied else None,
        done_at=timezone.now() if status == S.DONE else None,
    )
    if replied:
        Reply.objects.create(
            assignment=assignment,
            kind=ReplyKind.REPLY,
            text="已列入公交线网优化计划。",
            result_category="B",
            contact_person="李明",
            contact_mode="met",
        )
    assignment.refresh_from_db()
    return assignment


def inputs(w, assignment, step) -> dict:
    return {
        "send_back": {"note": "不属于本单位职责"},
        "withdraw": {"note": "改由其他单位办理"},
        "answer": {
            "text": "已列入2026年公交线网优化计划。",
            "result_category": "B",
            "contact_mode": "met",
            "contact_person": "李明",
            "contact_phone": "023-46789012",
            "files": [letter()],
        },
        "fulfil": {"text": "两处站点已建成。", "files": [letter("落实情况.pdf")]},
    }.get(step, {})


CASE = WorkflowCase(
    workflow=ASSIGNMENT,
    world=world,
    make=make,
    actors={"unit": "clerk", "office": "staff"},
    api="/api/v1/handling-assignments/",
    inputs=inputs,
)

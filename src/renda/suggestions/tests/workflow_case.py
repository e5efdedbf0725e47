"""Motions and suggestions for the workflow-generated tests (`core/tests/workflows.py`).

`make` builds an item straight in the status asked for, with what that status implies (a number
once accepted, the lead unit's answered or fulfilled assignment once assigned, the day it was
replied), and not through the kernel's steps: the generated tests look the step up in the audit
log by its name. Every item has a confirmed co-signer (whom the signers' notices reach) and a
co-handling unit whose clerk holds the "unit" relation in every status, so that a unit's step
from the wrong status is refused by the table, not for want of the relation.
"""

import datetime

from django.utils import timezone

from renda.accounts.tests.factories import user_with
from renda.core.tests.workflows import WorkflowCase
from renda.handling.choices import AssignmentRole, AssignmentStatus, ReplyKind
from renda.handling.models import Assignment, Reply
from renda.regions.tests.factories import tongliang
from renda.suggestions.choices import CoSignerStatus, SuggestionKind
from renda.suggestions.choices import SuggestionStatus as S
from renda.suggestions.models import CoSigner, Suggestion
from renda.suggestions.tests import factories
from renda.suggestions.workflow import SUGGESTION

# The lead unit's assignment, by the item's status: answered once the reply is in, fulfilled
# once the fulfilment is; none before the item is assigned.
LEAD = {
    S.ASSIGNED: AssignmentStatus.ANSWERED,  # the last letter is in: reply_received may follow
    S.REPLIED: AssignmentStatus.ANSWERED,
    S.REHANDLING: AssignmentStatus.ANSWERED,
    S.FULFILLING: AssignmentStatus.DONE,  # the fulfilment is in: fulfilment_received may follow
    S.FULFILLED: AssignmentStatus.DONE,
    S.CLOSED: AssignmentStatus.DONE,
}
ACCEPTED_ON = {S.DRAFT, S.SUBMITTED, S.WITHDRAWN, S.NOT_ACCEPTED}  # no number: not accepted
REPLIED_AT = datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC)  # rating due 1 May
DONE_AT = datetime.datetime(2026, 4, 15, 10, tzinfo=datetime.UTC)  # rating due 15 May


def world():
    w = factories.world(deputies=3)
    w.clerk = w.co_clerk  # the co-handling unit's clerk: every item is its too
    w.stranger = w.other_clerk  # a unit none of the items is given to
    w.outsider = user_with("staff", region=tongliang())
    w.target = Suggestion.objects.create(
        congress=w.congress,
        year=2026,
        number=900,
        title="关于改善昌州大道交通的建议",
        body="建议优化信号灯配时。",
        topic="transport",
        mandate=w.seats[2],
        status=S.ACCEPTED,
        submitted_at=timezone.now(),
        accepted_at=timezone.now(),
    )
    return w


def make(w, status):
    # A submitted item is a motion, so that it may also be accepted as a suggestion (convert).
    kind = SuggestionKind.MOTION if status == S.SUBMITTED else SuggestionKind.SUGGESTION
    later = status in LEAD
    n = Suggestion.objects.count()
    s = Suggestion.objects.create(
        congress=w.congress,
        year=2026,
        kind=kind,
        title=f"关于增设昌州大道公交站点的建议（之{n}）",
        body="昌州大道沿线居民出行不便，建议增设公交站点两处。",
        topic="transport",
        mandate=w.seat,
        status=status,
        submitted_at=None if status == S.DRAFT else timezone.now(),
        accepted_at=None if status in ACCEPTED_ON else timezone.now(),
        number=None if status in ACCEPTED_ON else n + 1,
        mode="lead_co" if later else "",
        assigned_on=datetime.date(2026, 1, 5) if later else None,
        replied_at=REPLIED_AT if later and status != S.ASSIGNED else None,
        result_category="B" if later and status != S.ASSIGNED else "",
    )
    CoSigner.objects.create(
        suggestion=s,
        mandate=w.seats[1],
        status=CoSignerStatus.CONFIRMED,
        answered_at=timezone.now(),
    )
    _assign(s, w.co_unit, AssignmentRole.CO, AssignmentStatus.ANSWERED)
    if later:
        lead = _assign(s, w.lead_unit, AssignmentRole.LEAD, LEAD[status])
        Reply.objects.create(
            assignment=lead,
            kind=ReplyKind.REPLY,
            text="已列入2026年公交线网优化计划。",
            result_category="B",
            contact_person="李明",
            contact_mode="met",
        )
    return s


def _assign(s, unit, role, status):
    done = status == AssignmentStatus.DONE
    return Assignment.objects.create(
        subject=s,
        region=s.congress.region,
        unit=unit,
        role=role,
        status=status,
        assigned_on=datetime.date(2026, 1, 5),
        accepted_at=timezone.now(),
        answered_at=REPLIED_AT,
        done_at=DONE_AT if done else None,
    )


def inputs(w, s, step) -> dict:
    return {
        "withdraw": {"note": "已另行反映"},
        "convert": {"note": "所提事项属于建议范畴"},
        "reject": {"note": "不属于本级人大职权范围"},
        "merge": {"into": w.target, "note": "内容相同"},
        "assign": {"mode": "lead_co", "lead": w.lead_unit},
        "rate_reply": {"value": "dissatisfied", "comment": "站点位置未与群众商量"},
        "rate_fulfilment": {"value": "satisfied", "comment": ""},
    }.get(step, {})


CASE = WorkflowCase(
    workflow=SUGGESTION,
    world=world,
    make=make,
    actors={"author": "deputy", "signers": "deputy", "office": "staff", "unit": "clerk"},
    api="/api/v1/suggestions/",
    inputs=inputs,
)

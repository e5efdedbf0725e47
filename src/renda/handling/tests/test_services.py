"""Writes of handling: giving an item to units, the unit's steps, giving a returned item to
another unit, handling again, progress reports and more time; each service's success and each
refusal with nothing written. The items are suggestions, assigned through their own step as
the office does; two clerks of one unit answering at once (PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connections
from freezegun import freeze_time

from renda.accounts.tests.factories import user_with
from renda.core import audit
from renda.core.exceptions import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionRefused,
    ValidationFailed,
)
from renda.core.models import Attachment, AuditEntry, Deadline, DeadlineExtension
from renda.core.testing import (
    constraint_message,
    counter,
    frozen_at,
    needs_waiting_writers,
    photo,
    worded,
)
from renda.handling import clocks, services, workflow
from renda.handling.choices import AssignmentRole, ExtensionDecision, ReplyKind
from renda.handling.choices import AssignmentStatus as S
from renda.handling.models import Assignment, Reply, ResultCategory
from renda.handling.querysets import ACCEPT_CLOCK, ANSWER_CLOCK
from renda.notifications.models import Notification
from renda.suggestions import hooks
from renda.suggestions import services as suggestions
from renda.suggestions.models import Suggestion
from renda.suggestions.tests.factories import draft, letter, world

pytestmark = pytest.mark.django_db

TODAY = "2026-03-02 10:00:00+08:00"  # a Monday
frozen = frozen_at(TODAY)

counts = counter(
    Assignment, Reply, Deadline, DeadlineExtension, Attachment, AuditEntry, Notification
)
refused = counts.refused


@pytest.fixture
def w():
    return world(deputies=2)


def accepted(w, title="关于增设昌州大道公交站点的建议") -> Suggestion:
    s = suggestions.suggestion_submit(actor=w.deputy, suggestion=draft(w, title=title))
    return suggestions.suggestion_accept(actor=w.staff, suggestion=s)


def assigned(w, **units) -> tuple[Suggestion, list[Assignment]]:
    """An accepted suggestion assigned by the office (to the lead unit alone, unless told)."""
    units = units or {"mode": "lead_co", "lead": w.lead_unit}
    s = suggestions.suggestion_assign(actor=w.staff, suggestion=accepted(w), **units)
    return s, list(Assignment.objects.of(s).order_by("pk"))


def lead_of(w) -> Assignment:
    return assigned(w)[1][0]


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def in_hand(w) -> Assignment:
    return services.assignment_accept(actor=w.lead_clerk, assignment=lead_of(w))


def answer(w, assignment, **changes):
    data = {
        "actor": w.lead_clerk,
        "assignment": fresh(assignment),
        "text": "已列入2026年公交线网优化计划。",
        "result_category": "B",
        "contact_person": "李明",
        "contact_mode": "met",
        "files": [letter()],
    }
    data.update(changes)
    return services.assignment_answer(**data)


def due(assignment, purpose=ANSWER_CLOCK) -> datetime.date | None:
    clock = clocks.live(assignment, purpose)
    return clock.due if clock else None


# --- Giving an item to units ------------------------------------------------------------------


def test_a_lead_and_a_co_handling_unit_each_get_their_clocks(w):
    s = accepted(w)
    made = services.assignments_create(
        actor=w.staff, subject=s, region=w.region, lead=w.lead_unit, co=[w.co_unit]
    )
    lead, co = made
    assert (lead.unit, lead.role, lead.status) == (w.lead_unit, AssignmentRole.LEAD, S.ASSIGNED)
    assert (co.unit, co.role) == (w.co_unit, AssignmentRole.CO)
    assert lead.assigned_by == w.staff and lead.assigned_on == datetime.date(2026, 3, 2)
    # Ten working days to accept or send back, three months to reply, one for an opinion.
    assert due(lead, ACCEPT_CLOCK) == datetime.date(2026, 3, 16)
    assert due(lead) == datetime.date(2026, 6, 2)
    assert due(co) == datetime.date(2026, 4, 2)
    assert (
        [e.action for e in audit.timeline(lead)]
        == [e.action for e in audit.timeline(co)]
        == ["create"]
    )


def test_units_handling_separately_each_answer_within_the_reply_time(w):
    s = accepted(w)
    made = services.assignments_create(
        actor=w.staff, subject=s, region=w.region, separate=[w.lead_unit, w.co_unit]
    )
    assert [a.role for a in made] == [AssignmentRole.SEPARATE] * 2
    assert [due(a) for a in made] == [datetime.date(2026, 6, 2)] * 2


@pytest.mark.parametrize(
    "units,field,message",
    [
        ({}, "lead", services.NO_UNIT),
        ({"co": ["co_unit"]}, "lead", services.ONE_LEAD),  # co-handling units need a lead
        ({"lead": "lead_unit", "separate": ["co_unit"]}, "lead", services.ONE_LEAD),
        ({"lead": "lead_unit", "co": ["lead_unit"]}, "co", services.UNIT_TWICE),
        ({"separate": ["co_unit", "co_unit"]}, "co", services.UNIT_TWICE),
    ],
    ids=["no unit", "co without a lead", "lead and separate", "lead as co", "twice"],
)
def test_giving_an_item_to_units_that_do_not_add_up_is_refused(w, units, field, message):
    s = accepted(w)
    named = {
        key: [getattr(w, u) for u in value] if isinstance(value, list) else getattr(w, value)
        for key, value in units.items()
    }
    exc = refused(
        ValidationFailed,
        lambda: services.assignments_create(actor=w.staff, subject=s, region=w.region, **named),
        message,
    )
    assert field in exc.extra["errors"]


def test_a_unit_that_no_longer_handles_work_is_refused_and_nothing_is_written(w):
    s = accepted(w)
    w.co_unit.active = False
    w.co_unit.save()
    refused(
        ValidationFailed,
        lambda: services.assignments_create(
            actor=w.staff, subject=s, region=w.region, lead=w.lead_unit, co=[w.co_unit]
        ),
        worded(services.UNIT_INACTIVE, unit="区财政局"),
    )


def test_a_second_lead_or_the_same_unit_again_is_refused_and_the_first_unit_not_kept(w):
    s, (lead,) = assigned(w)
    # Another lead while the first still handles it; the co-unit before it is not kept either.
    refused(
        ValidationFailed,
        lambda: services.assignments_create(
            actor=w.staff, subject=s, region=w.region, lead=w.other_unit, co=[w.co_unit]
        ),
        constraint_message(Assignment, "assignment_one_lead"),
    )
    refused(
        ValidationFailed,
        lambda: services.assignments_create(
            actor=w.staff, subject=s, region=w.region, separate=[w.co_unit, w.lead_unit]
        ),
        constraint_message(Assignment, "assignment_once_per_unit"),
    )
    assert list(Assignment.objects.of(s)) == [lead]


# --- Accepting and sending back ---------------------------------------------------------------


def test_accepting_stops_the_accept_clock_and_keeps_the_answer_clock(w):
    a = lead_of(w)
    a = services.assignment_accept(actor=w.lead_clerk, assignment=a)
    assert a.status == S.IN_HAND and a.accepted_at is not None
    assert due(a, ACCEPT_CLOCK) is None
    assert due(a) == datetime.date(2026, 6, 2)


def test_only_the_unit_it_was_given_to_accepts(w):
    a = lead_of(w)
    refused(
        PermissionRefused,
        lambda: services.assignment_accept(actor=w.co_clerk, assignment=a),
        workflow.ONLY_THE_UNIT,
    )
    refused(PermissionRefused, lambda: services.assignment_accept(actor=w.staff, assignment=a))


def test_sending_back_on_the_last_day_stops_the_clocks_and_tells_the_office(w):
    a = lead_of(w)
    with freeze_time("2026-03-16 17:00:00+08:00"):  # the tenth working day
        a = services.assignment_send_back(actor=w.lead_clerk, assignment=a, note="不属于本单位职责")
    assert (a.status, a.status_note) == (S.RETURNED, "不属于本单位职责")
    assert due(a, ACCEPT_CLOCK) is None and due(a) is None
    assert Notification.objects.filter(kind="assignment.send_back", recipient=w.staff).exists()


def test_sending_back_after_the_ten_working_days_is_refused_and_nothing_is_written(w):
    a = lead_of(w)
    with freeze_time("2026-03-17 09:00:00+08:00"):
        refused(
            InvalidTransition,
            lambda: services.assignment_send_back(actor=w.lead_clerk, assignment=a, note="不属于"),
            worded(workflow.TOO_LATE_TO_SEND_BACK, date="2026年3月16日"),
        )
    assert fresh(a).status == S.ASSIGNED


def test_sending_back_needs_a_reason(w):
    a = lead_of(w)
    refused(
        ValidationFailed,
        lambda: services.assignment_send_back(actor=w.lead_clerk, assignment=a, note=" "),
    )


# --- Answering --------------------------------------------------------------------------------


def test_the_lead_units_answer_is_the_reply_letter_and_the_item_is_replied(w):
    a = in_hand(w)
    a = answer(w, a, contact_phone="023-46789012")
    assert a.status == S.ANSWERED and a.answered_at is not None
    reply = Reply.objects.get(assignment=a)
    assert (reply.kind, reply.result_category, reply.contact_mode, reply.round) == (
        ReplyKind.REPLY,
        "B",
        "met",
        1,
    )
    assert (reply.contact_person, reply.written_by) == ("李明", w.lead_clerk)
    assert [f.original_name for f in reply.attachments.all()] == ["答复函.pdf"]
    assert due(a) is None
    s = Suggestion.objects.get(pk=a.object_id)
    assert (s.status, s.result_category, s.met_deputy, s.replied_on_time) == (
        "replied",
        "B",
        True,
        True,
    )


def test_a_co_handling_unit_writes_its_opinion_without_a_letter(w):
    s, (lead, co) = assigned(w, mode="lead_co", lead=w.lead_unit, co=[w.co_unit])
    services.assignment_accept(actor=w.co_clerk, assignment=co)
    co = services.assignment_answer(
        actor=w.co_clerk, assignment=fresh(co), text="同意增设，经费可安排。"
    )
    assert co.status == S.ANSWERED
    assert Reply.objects.get(assignment=co).kind == ReplyKind.OPINION
    assert Suggestion.objects.get(pk=s.pk).status == "assigned"  # the lead's letter is not in


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"text": " "}, "text", workflow.TEXT_REQUIRED),
        ({"files": []}, "files", workflow.LETTER_REQUIRED),
        ({"files": [photo()]}, "files", workflow.LETTER_REQUIRED),  # a photo is no letter
        ({"result_category": ""}, "result_category", workflow.CHOOSE_CATEGORY),
        ({"result_category": "Z"}, "result_category", worded(workflow.UNKNOWN_CATEGORY, code="Z")),
        ({"contact_mode": ""}, "contact_mode", workflow.SAY_HOW_MET),
        ({"contact_mode": "maybe"}, "contact_mode", workflow.SAY_HOW_MET),
        ({"contact_person": " "}, "contact_person", workflow.NAME_CONTACT),
    ],
    ids=[
        "no text",
        "no letter",
        "a photo only",
        "no category",
        "unknown category",
        "no contact",
        "unknown contact",
        "no contact person",
    ],
)
def test_an_answer_short_of_what_the_deputy_is_owed_is_refused(w, changes, field, message):
    a = in_hand(w)
    exc = refused(ValidationFailed, lambda: answer(w, a, **changes), message)
    assert field in exc.extra["errors"]
    assert fresh(a).status == S.IN_HAND
    assert Suggestion.objects.get(pk=a.object_id).status == "assigned"


def test_the_result_category_comes_from_the_congresss_own_list_where_it_has_one(w):
    ResultCategory.objects.create(congress=w.congress, code="甲", label="已解决", position=1)
    a = in_hand(w)
    refused(
        ValidationFailed,
        lambda: answer(w, a, result_category="B"),
        worded(workflow.UNKNOWN_CATEGORY, code="B"),
    )
    assert answer(w, a, result_category="甲").status == S.ANSWERED


def test_answering_before_accepting_is_refused(w):
    a = lead_of(w)
    refused(InvalidTransition, lambda: answer(w, a))


# --- Fulfilment -------------------------------------------------------------------------------


def test_fulfilment_is_refused_before_the_deputy_rated_the_reply(w):
    a = answer(w, in_hand(w))
    refused(
        InvalidTransition,
        lambda: services.assignment_fulfil(
            actor=w.lead_clerk, assignment=fresh(a), text="两处站点已建成。"
        ),
        hooks.NOT_TIME_FOR_FULFILMENT,
    )
    assert fresh(a).status == S.ANSWERED


def test_fulfilment_once_the_deputy_rated_a_reply_that_promises_it(w):
    a = answer(w, in_hand(w))
    s = Suggestion.objects.get(pk=a.object_id)
    suggestions.suggestion_rate_reply(actor=w.deputy, suggestion=s, value="satisfied")
    refused(
        ValidationFailed,
        lambda: services.assignment_fulfil(actor=w.lead_clerk, assignment=fresh(a), text=""),
        workflow.TEXT_REQUIRED,
    )
    a = services.assignment_fulfil(
        actor=w.lead_clerk, assignment=fresh(a), text="两处站点已建成。", files=[photo()]
    )
    assert a.status == S.DONE and a.done_at is not None
    report = Reply.objects.get(assignment=a, kind=ReplyKind.FULFILMENT)
    assert report.attachments.count() == 1
    assert Suggestion.objects.get(pk=s.pk).status == "fulfilled"


# --- Withdrawing and giving to another unit ---------------------------------------------------


def test_the_office_withdraws_with_a_reason_and_the_unit_hears_of_it(w):
    a = lead_of(w)
    refused(
        PermissionRefused,
        lambda: services.assignment_withdraw(actor=w.lead_clerk, assignment=a, note="改派"),
    )
    a = services.assignment_withdraw(actor=w.staff, assignment=a, note="改由其他单位办理")
    assert a.status == S.WITHDRAWN
    assert due(a, ACCEPT_CLOCK) is None and due(a) is None
    assert Notification.objects.filter(kind="assignment.withdraw", recipient=w.lead_clerk).exists()


def test_a_returned_item_is_given_to_another_unit_with_fresh_clocks(w):
    a = lead_of(w)
    with freeze_time("2026-03-05 10:00:00+08:00"):
        services.assignment_send_back(actor=w.lead_clerk, assignment=a, note="不属于本单位职责")
    with freeze_time("2026-03-06 10:00:00+08:00"):  # a Friday
        new = services.assignment_reassign(actor=w.staff, assignment=fresh(a), unit=w.other_unit)
    a.refresh_from_db()
    assert a.status == S.WITHDRAWN and "区住建委" in a.status_note
    assert (new.unit, new.role, new.replaces, new.status) == (
        w.other_unit,
        AssignmentRole.LEAD,
        a,
        S.ASSIGNED,
    )
    assert new.assigned_on == datetime.date(2026, 3, 6)
    assert due(new, ACCEPT_CLOCK) == datetime.date(2026, 3, 20)
    assert due(new) == datetime.date(2026, 6, 6)


def test_giving_to_another_unit_is_refused_unless_the_unit_sent_it_back(w):
    a = lead_of(w)
    refused(
        InvalidTransition,
        lambda: services.assignment_reassign(actor=w.staff, assignment=a, unit=w.other_unit),
        services.ONLY_RETURNED,
    )
    services.assignment_send_back(actor=w.lead_clerk, assignment=a, note="不属于本单位职责")
    w.other_unit.active = False
    w.other_unit.save()
    refused(
        ValidationFailed,
        lambda: services.assignment_reassign(actor=w.staff, assignment=a, unit=w.other_unit),
        worded(services.UNIT_INACTIVE, unit="区住建委"),
    )
    refused(
        PermissionRefused,
        lambda: services.assignment_reassign(actor=w.lead_clerk, assignment=a, unit=w.co_unit),
    )
    refused(
        NotFound,
        lambda: services.assignment_reassign(actor=w.outsider, assignment=a, unit=w.co_unit),
    )


# --- Handling again ---------------------------------------------------------------------------


def test_handling_again_puts_an_answered_item_back_in_hand_for_a_month(w):
    a = answer(w, in_hand(w))
    with freeze_time("2026-03-31 10:00:00+08:00"):
        (again,) = services.assignments_reopen(actor=w.staff, assignments=[a], note="再议")
    assert (again.status, again.round, again.answered_at) == (S.IN_HAND, 2, None)
    assert due(again) == datetime.date(2026, 4, 30)
    assert Notification.objects.filter(kind="assignment.reopen", recipient=w.lead_clerk).exists()
    assert AuditEntry.objects.filter(object_id=str(a.pk), step="reopen").count() == 1


def test_only_an_answered_item_is_handled_again(w):
    a = in_hand(w)
    refused(
        InvalidTransition,
        lambda: services.assignments_reopen(actor=w.staff, assignments=[a]),
        services.NOT_ANSWERED,
    )


# --- Progress reports -------------------------------------------------------------------------


def test_a_progress_report_while_the_unit_handles_the_item(w):
    a = lead_of(w)
    refused(
        InvalidTransition,
        lambda: services.assignment_report(actor=w.lead_clerk, assignment=a, text="正在调研"),
        services.REPORT_NOT_NOW,
    )
    a = services.assignment_accept(actor=w.lead_clerk, assignment=a)
    refused(
        ValidationFailed,
        lambda: services.assignment_report(actor=w.lead_clerk, assignment=a, text=""),
        workflow.TEXT_REQUIRED,
    )
    refused(
        PermissionRefused,
        lambda: services.assignment_report(actor=w.staff, assignment=a, text="正在调研"),
    )
    report = services.assignment_report(
        actor=w.lead_clerk, assignment=a, text="已完成现场踏勘。", files=[photo()]
    )
    assert (report.kind, report.round, report.attachments.count()) == (ReplyKind.PROGRESS, 1, 1)


# --- More time --------------------------------------------------------------------------------


def ask(w, a, until, text="需协调市级部门，申请延期。"):
    return services.assignment_request_extension(
        actor=w.lead_clerk, assignment=fresh(a), requested_until=until, text=text
    )


def test_more_time_can_reach_six_months_from_the_assignment_and_no_further(w):
    a = in_hand(w)
    refused(
        ValidationFailed,
        lambda: ask(w, a, datetime.date(2026, 9, 3)),
        worded(services.EXTENSION_TOO_LATE, date="2026年9月2日"),
    )
    refused(
        ValidationFailed,
        lambda: ask(w, a, datetime.date(2026, 6, 2)),
        worded(services.EXTENSION_NOT_LATER, date="2026年6月2日"),
    )
    refused(ValidationFailed, lambda: ask(w, a, datetime.date(2026, 8, 1), text=""))
    request = ask(w, a, datetime.date(2026, 9, 2))
    assert (request.kind, request.decision) == (ReplyKind.INTERIM, ExtensionDecision.PENDING)
    refused(Conflict, lambda: ask(w, a, datetime.date(2026, 8, 1)), services.EXTENSION_PENDING)


def test_more_time_is_asked_for_only_while_the_answer_is_owed(w):
    a = answer(w, in_hand(w))
    refused(
        InvalidTransition,
        lambda: ask(w, a, datetime.date(2026, 8, 1)),
        services.EXTENSION_NOT_NOW,
    )


def test_approving_more_time_moves_the_answer_clock_to_the_day_asked_for(w):
    a = in_hand(w)
    request = ask(w, a, datetime.date(2026, 8, 1))
    told = Notification.objects.filter(recipient=w.lead_clerk)
    before = told.count()
    services.extension_decide(actor=w.staff, reply=request, approve=True, note="同意")
    assert due(a) == datetime.date(2026, 8, 1)
    extension = DeadlineExtension.objects.get()
    assert (extension.previous_due, extension.new_due, extension.approved_by) == (
        datetime.date(2026, 6, 2),
        datetime.date(2026, 8, 1),
        w.staff,
    )
    assert fresh(request).decision == ExtensionDecision.APPROVED
    assert told.count() == before + 1
    refused(
        InvalidTransition,
        lambda: services.extension_decide(actor=w.staff, reply=fresh(request), approve=False),
        services.EXTENSION_DECIDED,
    )


def test_refusing_more_time_leaves_the_clock_as_it_was(w):
    a = in_hand(w)
    request = ask(w, a, datetime.date(2026, 8, 1))
    services.extension_decide(actor=w.staff, reply=request, approve=False, note="请按期答复")
    assert due(a) == datetime.date(2026, 6, 2)
    assert not DeadlineExtension.objects.exists()
    assert fresh(request).decision == ExtensionDecision.REFUSED
    # Refused, the unit may ask again.
    assert ask(w, a, datetime.date(2026, 7, 1)).decision == ExtensionDecision.PENDING


def test_only_the_office_decides_on_more_time(w):
    a = in_hand(w)
    request = ask(w, a, datetime.date(2026, 8, 1))
    refused(
        PermissionRefused,
        lambda: services.extension_decide(actor=w.lead_clerk, reply=request, approve=True),
    )
    refused(
        NotFound,
        lambda: services.extension_decide(actor=w.outsider, reply=request, approve=True),
    )
    report = services.assignment_report(actor=w.lead_clerk, assignment=a, text="已踏勘")
    refused(
        InvalidTransition,
        lambda: services.extension_decide(actor=w.staff, reply=report, approve=True),
        services.NOT_A_REQUEST,
    )


# --- Two clerks of one unit at once -----------------------------------------------------------


@needs_waiting_writers
@pytest.mark.django_db(transaction=True)
def test_two_clerks_answering_at_once_write_one_reply():
    with freeze_time(TODAY):
        w = world(deputies=1)
        second = user_with("unit", handling_unit=w.lead_unit)
        a = in_hand(w)
    start = threading.Barrier(2)
    outcomes = []

    def take(user, text):
        try:
            copy = Assignment.objects.get(pk=a.pk)
            files = [letter()]
            start.wait(timeout=10)
            answer(w, copy, actor=user, text=text, files=files)
            outcomes.append(user.pk)
        except InvalidTransition:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=take, args=(user, text))
        for user, text in ((w.lead_clerk, "第一稿"), (second, "第二稿"))
    ]
    with freeze_time(TODAY):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert sorted(outcomes, key=str) in (
        sorted([w.lead_clerk.pk, "refused"], key=str),
        sorted([second.pk, "refused"], key=str),
    )
    (reply,) = Reply.objects.filter(assignment=a)
    assert reply.written_by_id in outcomes
    assert Attachment.objects.count() == 1
    assert AuditEntry.objects.filter(object_id=str(a.pk), step="answer").count() == 1
    assert Suggestion.objects.get(pk=a.object_id).status == "replied"

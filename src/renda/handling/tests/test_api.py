"""/api/v1/handling-assignments/ per role: anonymous (401), a deputy (403), another district's
staff or another unit (404, like a missing id), the unit and the assigning office; the unit's
steps with their files (multipart), reports, more time and the office's decision, giving a
returned item to another unit; refusals answer with their message (in Chinese by default) and
write nothing; the list keeps its query count."""

import datetime

import pytest

from renda.core.models import Attachment, AuditEntry, Deadline
from renda.core.testing import (
    REQUIRED,
    as_user,
    assert_refused,
    counter,
    frozen_at,
    id_set,
    ids,
    photo,
    queries,
    upload,
)
from renda.core.tests import openapi
from renda.handling import services as handling
from renda.handling.models import Assignment, Reply
from renda.handling.querysets import ANSWER_CLOCK
from renda.handling.workflow import LETTER_REQUIRED
from renda.notifications.models import Notification
from renda.suggestions import services as suggestions
from renda.suggestions.tests.factories import draft, letter, world

pytestmark = pytest.mark.django_db

frozen = frozen_at("2025-03-03 10:00:00+08:00")
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
LIST = "/api/v1/handling-assignments/"

counts = counter(Assignment, Reply, Attachment, Deadline, AuditEntry, Notification)


@pytest.fixture
def w():
    w = world(deputies=1)
    w.item = assign(w)
    w.lead = Assignment.objects.get(unit=w.lead_unit)
    w.co = Assignment.objects.get(unit=w.co_unit)
    return w


def assign(w, title="关于增设昌州大道公交站点的建议"):
    s = suggestions.suggestion_submit(actor=w.deputy, suggestion=draft(w, title=title))
    s = suggestions.suggestion_accept(actor=w.staff, suggestion=s)
    return suggestions.suggestion_assign(
        actor=w.staff, suggestion=s, mode="lead_co", lead=w.lead_unit, co=[w.co_unit]
    )


def url(a, step: str = "") -> str:
    return f"{LIST}{a.pk}/{step + '/' if step else ''}"


def accepted(w, assignment):
    return handling.assignment_accept(actor=w.lead_clerk, assignment=assignment)


ANSWER = {
    "text": "已列入2025年公交线网优化计划。",
    "result_category": "B",
    "contact_person": "李明",
    "contact_phone": "023-46789012",
    "contact_mode": "met",
}


# --- Reading, per role --------------------------------------------------------------------------


def test_who_reads_which_assignments(api, w):
    assert api.get(LIST).status_code == 401
    assert as_user(api, w.deputy).get(LIST).status_code == 403
    assert as_user(api, w.deputy).get(url(w.lead)).status_code == 403
    assert id_set(as_user(api, w.staff).get(LIST)) == {w.lead.pk, w.co.pk}
    assert ids(as_user(api, w.lead_clerk).get(LIST)) == [w.lead.pk]
    assert ids(as_user(api, w.co_clerk).get(LIST)) == [w.co.pk]
    assert as_user(api, w.co_clerk).get(url(w.lead)).status_code == 404
    assert ids(as_user(api, w.other_clerk).get(LIST)) == []
    assert id_set(as_user(api, w.outsider).get(LIST)) == set()
    assert as_user(api, w.outsider).get(url(w.lead)).status_code == 404


def test_an_assignment_with_its_clocks_and_subject(api, w):
    body = as_user(api, w.lead_clerk).get(url(w.lead)).json()
    assert (body["subject_type"], body["subject_id"], body["subject_title"]) == (
        "suggestions.suggestion",
        w.item.pk,
        w.item.title,
    )
    assert (body["unit_name"], body["role"], body["status"]) == ("区交通局", "lead", "assigned")
    assert (body["accept_due"], body["answer_due"]) == ("2025-03-17", "2025-06-03")
    assert body["replies"] == []


def test_the_list_filters(api, w):
    accepted(w, w.lead)
    as_user(api, w.staff)
    assert ids(api.get(LIST, {"status": "in_hand"})) == [w.lead.pk]
    assert ids(api.get(LIST, {"role": "co"})) == [w.co.pk]
    assert ids(api.get(LIST, {"unit": w.co_unit.pk})) == [w.co.pk]
    assert id_set(api.get(LIST, {"overdue": "false"})) == {w.lead.pk, w.co.pk}
    assert ids(api.get(LIST, {"due_within": 31})) == [w.co.pk]  # the opinion, in a month


@pytest.mark.parametrize("who", ["staff", "lead_clerk"])
def test_the_list_keeps_its_query_count_with_more_rows(api, w, who):
    client = as_user(api, getattr(w, who))
    for n in range(2):
        assign(w, title=f"建议{n}")
    for a in Assignment.objects.filter(unit=w.lead_unit)[:2]:
        handling.assignment_report(actor=w.lead_clerk, assignment=accepted(w, a), text="进展")
    queries(client, LIST)  # the user's scope is read once and kept on the user
    few = queries(client, LIST)
    for n in range(9):
        assign(w, title=f"更多建议{n}")
    for a in Assignment.objects.filter(unit=w.lead_unit, status="assigned")[:5]:
        handling.assignment_report(
            actor=w.lead_clerk, assignment=accepted(w, a), text="进展", files=[letter()]
        )
    assert len(ids(client.get(LIST, {"role": "lead"}))) == 12
    assert queries(client, LIST) == few


# --- The unit's steps ---------------------------------------------------------------------------


def test_the_unit_accepts_answers_with_its_letter_and_reports_fulfilment(api, w):
    as_user(api, w.lead_clerk)
    body = api.post(url(w.lead, "accept"), format="json").json()
    assert (body["status"], body["accept_due"]) == ("in_hand", None)
    response = api.post(url(w.lead, "answer"), {**ANSWER, "files": [letter()]}, format="multipart")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["answer_due"]) == ("answered", None)
    (reply,) = body["replies"]
    assert (reply["kind"], reply["result_category"], reply["contact_phone"]) == (
        "reply",
        "B",
        "023-46789012",
    )
    assert [a["original_name"] for a in reply["attachments"]] == ["答复函.pdf"]
    w.item.refresh_from_db()
    assert (w.item.status, w.item.result_category) == ("replied", "B")
    # Fulfilment once the deputy has rated a reply that promises it.
    suggestions.suggestion_rate_reply(actor=w.deputy, suggestion=w.item, value="satisfied")
    response = api.post(
        url(w.lead, "fulfil"),
        {"text": "两处站点已建成。", "files": [photo("站点.jpg")]},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "done"
    assert [r["kind"] for r in body["replies"]] == ["reply", "fulfilment"]
    assert body["replies"][1]["attachments"][0]["kind"] == "photo"
    w.item.refresh_from_db()
    assert w.item.status == "fulfilled"


def test_a_co_handling_unit_sends_its_opinion_as_json(api, w):
    handling.assignment_accept(actor=w.co_clerk, assignment=w.co)
    response = as_user(api, w.co_clerk).post(
        url(w.co, "answer"), {"text": "同意增设，经费可安排。"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert [r["kind"] for r in response.json()["replies"]] == ["opinion"]
    # The lead unit reads its co-handling unit's opinion beside its own assignment.
    w.item.refresh_from_db()
    assert w.item.status == "assigned"


def test_an_answer_without_its_letter_or_with_a_wrong_file_writes_nothing(api, w):
    lead = accepted(w, w.lead)
    as_user(api, w.lead_clerk)
    before = counts()
    response = api.post(url(lead, "answer"), ANSWER, format="multipart", **ZH)
    assert_refused(response, 400)
    assert response.json()["errors"] == {"files": [str(LETTER_REQUIRED)]}
    wrong = upload("答复函.exe", b"MZ\x90\x00\x03")
    response = api.post(url(lead, "answer"), {**ANSWER, "files": [wrong]}, format="multipart")
    assert response.status_code == 400 and "files" in response.json()["errors"]
    fake = upload("扫描件.jpg", b"not a picture")
    response = api.post(url(lead, "answer"), {**ANSWER, "files": [fake]}, format="multipart")
    assert response.status_code == 400 and "files" in response.json()["errors"]
    response = api.post(
        url(lead, "answer"),
        {**ANSWER, "contact_phone": "电话", "files": [letter()]},
        format="multipart",
    )
    assert response.status_code == 400 and "contact_phone" in response.json()["errors"]
    response = api.post(url(lead, "answer"), {}, format="json", **ZH)
    assert_refused(response, 400, REQUIRED)
    assert counts() == before
    lead.refresh_from_db()
    assert lead.status == "in_hand"


def test_sending_back_needs_a_reason_and_the_office_gives_it_to_another_unit(api, w):
    before = counts()
    response = as_user(api, w.lead_clerk).post(url(w.lead, "send_back"), {}, format="json", **ZH)
    assert_refused(response, 400, REQUIRED)
    assert counts() == before
    body = api.post(url(w.lead, "send_back"), {"note": "不属于本单位职责"}, format="json").json()
    assert (body["status"], body["status_note"]) == ("returned", "不属于本单位职责")
    # Only the office gives it to another unit.
    data = {"unit": w.other_unit.pk}
    assert api.post(url(w.lead, "reassign"), data, format="json").status_code == 403
    assert as_user(api, w.outsider).post(url(w.lead, "reassign"), data).status_code == 404
    response = as_user(api, w.staff).post(url(w.lead, "reassign"), data, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["unit"], body["role"], body["status"], body["replaces"]) == (
        w.other_unit.pk,
        "lead",
        "assigned",
        w.lead.pk,
    )
    assert body["accept_due"] and body["answer_due"]
    w.lead.refresh_from_db()
    assert w.lead.status == "withdrawn"
    # Once given, it is no longer a returned item.
    before = counts()
    response = api.post(url(w.lead, "reassign"), data, format="json", **ZH)
    assert_refused(response, 409, handling.ONLY_RETURNED)
    assert counts() == before


def test_a_step_the_status_does_not_allow_is_refused_and_writes_nothing(api, w):
    lead = accepted(w, w.lead)
    before = counts()
    as_user(api, w.lead_clerk)
    response = api.post(url(lead, "accept"), format="json", **ZH)
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"
    response = api.post(url(lead, "fulfil"), {"text": "已完成"}, format="json", **ZH)
    assert response.status_code == 409
    assert counts() == before


def test_the_units_steps_are_the_units_and_withdrawing_the_offices(api, w):
    before = counts()
    assert api.post(url(w.lead, "accept")).status_code == 401
    assert as_user(api, w.deputy).post(url(w.lead, "accept")).status_code == 403
    assert as_user(api, w.co_clerk).post(url(w.lead, "accept")).status_code == 404
    assert as_user(api, w.staff).post(url(w.lead, "accept")).status_code == 403
    assert (
        as_user(api, w.lead_clerk).post(url(w.lead, "withdraw"), {"note": "x"}).status_code == 403
    )
    assert as_user(api, w.outsider).post(url(w.lead, "withdraw"), {"note": "x"}).status_code == 404
    assert counts() == before
    response = as_user(api, w.staff).post(url(w.lead, "withdraw"), {"note": "改由其他单位办理"})
    assert response.json()["status"] == "withdrawn"


# --- Reports and more time ----------------------------------------------------------------------


def test_a_progress_report_with_its_files(api, w):
    lead = accepted(w, w.lead)
    as_user(api, w.lead_clerk)
    response = api.post(
        url(lead, "report"), {"text": "已完成选址", "files": [photo()]}, format="multipart"
    )
    assert response.status_code == 201, response.content
    (reply,) = response.json()["replies"]
    assert (reply["kind"], reply["text"], len(reply["attachments"])) == (
        "progress",
        "已完成选址",
        1,
    )
    before = counts()
    assert as_user(api, w.staff).post(url(lead, "report"), {"text": "进展"}).status_code == 403
    response = as_user(api, w.co_clerk).post(url(w.co, "report"), {"text": "进展"}, **ZH)
    assert_refused(response, 409, handling.REPORT_NOT_NOW)  # not accepted yet
    assert counts() == before


def test_more_time_is_asked_for_and_the_office_decides(api, w):
    lead = accepted(w, w.lead)
    data = {"requested_until": "2025-07-31", "text": "需协调规划部门，申请延期答复。"}
    assert as_user(api, w.staff).post(url(lead, "more-time"), data).status_code == 403
    response = as_user(api, w.lead_clerk).post(url(lead, "more-time"), data, format="json")
    assert response.status_code == 201, response.content
    (interim,) = response.json()["replies"]
    assert (interim["kind"], interim["decision"]) == ("interim", "pending")
    before = counts()
    response = api.post(url(lead, "more-time"), data, format="json", **ZH)
    assert_refused(response, 409, handling.EXTENSION_PENDING)
    decision = {"reply": interim["id"], "approve": True}
    assert api.post(url(lead, "decide-extension"), decision).status_code == 403
    assert as_user(api, w.outsider).post(url(lead, "decide-extension"), decision).status_code == 404
    # A reply of another assignment is no choice here.
    other = {"reply": interim["id"], "approve": True}
    response = as_user(api, w.staff).post(url(w.co, "decide-extension"), other, format="json")
    assert response.status_code == 400 and "reply" in response.json()["errors"]
    assert counts() == before
    response = api.post(url(lead, "decide-extension"), decision, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["answer_due"] == "2025-07-31"
    assert body["replies"][0]["decision"] == "approved"
    clock = Deadline.objects.for_object(lead).get(purpose=ANSWER_CLOCK)
    assert clock.due == datetime.date(2025, 7, 31)
    response = api.post(url(lead, "decide-extension"), decision, format="json", **ZH)
    assert_refused(response, 409, handling.EXTENSION_DECIDED)


def test_more_time_cannot_reach_beyond_the_longest_time(api, w):
    lead = accepted(w, w.lead)
    before = counts()
    data = {"requested_until": "2025-12-31", "text": "申请延期"}
    response = as_user(api, w.lead_clerk).post(url(lead, "more-time"), data, format="json")
    assert response.status_code == 400 and "requested_until" in response.json()["errors"]
    assert counts() == before


# --- Schema -------------------------------------------------------------------------------------


def test_the_schema_lists_the_endpoints():
    for path in [
        "/api/v1/handling-assignments/{id}/accept/",
        "/api/v1/handling-assignments/{id}/send_back/",
        "/api/v1/handling-assignments/{id}/answer/",
        "/api/v1/handling-assignments/{id}/fulfil/",
        "/api/v1/handling-assignments/{id}/withdraw/",
        "/api/v1/handling-assignments/{id}/report/",
        "/api/v1/handling-assignments/{id}/more-time/",
        "/api/v1/handling-assignments/{id}/decide-extension/",
        "/api/v1/handling-assignments/{id}/reassign/",
    ]:
        operation = openapi.operation(path, "post")
        assert operation is not None, path
    answer = openapi.operation("/api/v1/handling-assignments/{id}/answer/", "post")
    assert "multipart/form-data" in answer["requestBody"]["content"]
    assert openapi.operation("/api/v1/handling-assignments/", "post") is None

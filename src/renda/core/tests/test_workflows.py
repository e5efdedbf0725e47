"""Every transition of every registered workflow, generated from the registry: the rightful
actor takes it (service, page, API) and the history names the step; anonymous, the wrong
relation, the wrong status and staff of another district are refused, and a refusal writes
nothing; on PostgreSQL two clerks taking conflicting steps at once end with one winner.

The cases (how to build a world and an object in a status) are in each app's
`tests/workflow_case.py`; see `core/tests/workflows.py`.
"""

import threading

import pytest
from django.db import connection, connections
from django.urls import NoReverseMatch, reverse
from freezegun import freeze_time
from rest_framework.test import APIClient

from renda.core import workflow
from renda.core.exceptions import DomainError, InvalidTransition, NotFound, PermissionRefused
from renda.core.models import AuditEntry
from renda.core.tests.workflows import (
    cases,
    conflicting_pair,
    missing_cases,
    written,
    wrong_statuses,
)
from renda.notifications.models import Notification

CASES = cases()
STEPS = [
    pytest.param(case, step, id=f"{case.name}-{step}")
    for case in CASES
    for step in case.workflow.transitions
]


def _http(data: dict) -> dict:
    """The input as a form or JSON carries it: objects by their pk."""
    return {k: getattr(v, "pk", v) for k, v in data.items()}


def _service(data: dict) -> tuple[str, dict]:
    """The note and the other inputs, as the service takes them."""
    data = dict(data)
    return data.pop("note", ""), data


def _page(case, obj, step):
    return case.workflow.url(step, obj)


def _channels(case) -> tuple[str, ...]:
    """Where a step is taken: the service, the page and, once the workflow has one, the API."""
    return ("service", "page", "api") if case.api else ("service", "page")


def _api(case, obj, step):
    path = case.workflow.transitions[step].name
    return f"{case.api}{obj.pk}/{path}/"


@pytest.fixture
def api():
    return APIClient()


# --- The declarations -----------------------------------------------------------------------------


def test_every_registered_workflow_has_a_case():
    assert missing_cases() == []


# The workflows whose API is still to be written: their generated tests take the service and
# the page only. Empty this as each case names its API.
WITHOUT_API: set[str] = set()


def _format(data: dict) -> str:
    """JSON, or multipart/form-data where the input carries files (a reply letter)."""
    for value in data.values():
        if isinstance(value, list | tuple) and value and hasattr(value[0], "read"):
            return "multipart"
    return "json"


def test_only_the_workflows_named_here_have_no_api_yet():
    assert {c.name for c in CASES if not c.api} == WITHOUT_API


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_declaration_names_pages_that_exist(case):
    wf = case.workflow
    for name in wf.transitions:
        try:
            reverse(wf.url_name.format(name=name), args=[1])
        except NoReverseMatch:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{wf.name}.{name}: no page {wf.url_name.format(name=name)}")
    for item in wf.todo:
        reverse(item.url_name)
    used = {rel for t in wf.transitions.values() for rel in (*t.by, *t.tells)}
    used |= {rel for a in wf.arrivals.values() for rel in a.tells}
    assert used == set(wf.relations), "a relation no transition takes or tells"


# --- The rightful actor ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("case,step", STEPS)
def test_the_rightful_actor_takes_each_step_by_service_page_and_api(case, step, client, api):
    t = case.workflow.transitions[step]
    with freeze_time(case.at(step)):
        w = case.world()
        user = case.rightful(w, step)
        for source in t.sources:
            for channel in _channels(case):
                obj = case.make(w, source)
                data = case.inputs(w, obj, step)
                if channel == "service":
                    note, extra = _service(data)
                    case.workflow.transition(actor=user, obj=obj, name=step, note=note, **extra)
                elif channel == "page":
                    client.force_login(user)
                    response = client.post(_page(case, obj, step), _http(data))
                    assert response.status_code == 302, (channel, source, response.content[:500])
                else:
                    api.force_authenticate(user)
                    response = api.post(_api(case, obj, step), _http(data), format=_format(data))
                    assert response.status_code == 200, (channel, source, response.json())
                obj.refresh_from_db()
                assert getattr(obj, case.workflow.field) in t.targets, (channel, source)
                entry = AuditEntry.objects.filter(object_id=str(obj.pk), step=step).get()
                assert entry.actor == user


TOLD = [
    pytest.param(case, step, id=f"{case.name}-{step}")
    for case in CASES
    for step, t in case.workflow.transitions.items()
    if t.tells
]


@pytest.mark.django_db
@pytest.mark.parametrize("case,step", TOLD)
def test_each_step_tells_the_people_it_names_and_never_the_actor(case, step):
    """The step's notice reaches someone, each of them holds one of the relations the step
    tells (the relation's `people` and its `objects` agree), and the actor hears nothing of
    their own step; the notice names the step and points to a page."""
    t = case.workflow.transitions[step]
    with freeze_time(case.at(step)):
        w = case.world()
        user = case.rightful(w, step)
        obj = case.make(w, t.sources[0])
        note, extra = _service(case.inputs(w, obj, step))
        obj = case.workflow.transition(actor=user, obj=obj, name=step, note=note, **extra)
    notices = list(Notification.objects.filter(kind=f"{case.name}.{step}"))
    assert notices, f"{case.name}.{step} tells {t.tells} but nobody heard"
    for n in notices:
        assert n.recipient_id != user.pk
        assert any(case.workflow.holds(n.recipient, obj, rel) for rel in t.tells), n.recipient
        assert str(t.done) in n.title
        assert (note in n.body) if note else n.body == ""


# --- Refusals, which write nothing ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("case,step", STEPS)
def test_anonymous_is_refused_and_nothing_is_written(case, step, client, api):
    with freeze_time(case.at(step)):
        w = case.world()
        obj = case.make(w, case.workflow.transitions[step].sources[0])
        before = written(obj)
        data = _http(case.inputs(w, obj, step))
        page = client.post(_page(case, obj, step), data)
        assert page.status_code == 302 and "/accounts/login/" in page["Location"]
        if case.api:
            assert api.post(_api(case, obj, step), data, format=_format(data)).status_code == 401
        assert written(obj) == before


@pytest.mark.django_db
@pytest.mark.parametrize("case,step", STEPS)
def test_the_wrong_relation_is_refused_and_nothing_is_written(case, step, client, api):
    with freeze_time(case.at(step)):
        w = case.world()
        obj = case.make(w, case.workflow.transitions[step].sources[0])
        user = case.wrong_relation(w, obj, step)
        before = written(obj)
        data = _http(case.inputs(w, obj, step))
        with pytest.raises((PermissionRefused, NotFound)):
            case.workflow.transition(actor=user, obj=obj, name=step, note=data.get("note", "x"))
        client.force_login(user)
        assert client.post(_page(case, obj, step), data).status_code in (403, 404)
        if case.api:
            api.force_authenticate(user)
            assert api.post(_api(case, obj, step), data, format=_format(data)).status_code in (
                403,
                404,
            )
        assert written(obj) == before


@pytest.mark.django_db
@pytest.mark.parametrize("case,step", STEPS)
def test_staff_of_another_district_find_nothing_and_nothing_is_written(case, step, client, api):
    """Staff elsewhere find nothing (404, like a missing row); a step only the deputy takes is
    refused to any staff by their role (403), wherever they work."""
    staff_step = "staff" in case.workflow.roles_for(step)
    with freeze_time(case.at(step)):
        w = case.world()
        obj = case.make(w, case.workflow.transitions[step].sources[0])
        before = written(obj)
        data = _http(case.inputs(w, obj, step))
        with pytest.raises(NotFound if staff_step else PermissionRefused):
            case.workflow.transition(actor=w.outsider, obj=obj, name=step, note="x")
        status = 404 if staff_step else 403
        client.force_login(w.outsider)
        assert client.post(_page(case, obj, step), data).status_code == status
        if case.api:
            api.force_authenticate(w.outsider)
            assert api.post(_api(case, obj, step), data, format=_format(data)).status_code == status
        assert written(obj) == before


@pytest.mark.django_db
@pytest.mark.parametrize("case,step", STEPS)
def test_a_step_from_the_wrong_status_is_refused_and_nothing_is_written(case, step, client, api):
    with freeze_time(case.at(step)):
        w = case.world()
        user = case.rightful(w, step)
        client.force_login(user)
        api.force_authenticate(user)
        for status in wrong_statuses(case, step):
            obj = case.make(w, status)
            before = written(obj)
            note, extra = _service(case.inputs(w, obj, step))
            data = _http(case.inputs(w, obj, step))
            with pytest.raises(DomainError) as refused:
                case.workflow.transition(actor=user, obj=obj, name=step, note=note or "x", **extra)
            assert isinstance(refused.value, InvalidTransition | NotFound), status
            page = client.post(_page(case, obj, step), data)
            assert page.status_code in (200, 302, 404), status
            if case.api:
                answer = api.post(_api(case, obj, step), data, format=_format(data))
                assert answer.status_code in (400, 404, 409), (status, answer.json())
            assert written(obj) == before, status


# --- Two clerks at once ---------------------------------------------------------------------------


def _pairs():
    found = []
    for case in CASES:
        pair = conflicting_pair(case)
        if pair is not None:
            found.append(pytest.param(case, *pair, id=case.name))
    return found


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database refuses a waiting writer at once instead of "
    "queueing it; the race runs on PostgreSQL (SQLite serialises writers by its IMMEDIATE "
    "transactions)",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("case,first,second,status", _pairs())
def test_two_clerks_taking_conflicting_steps_at_once_one_wins(case, first, second, status):
    with freeze_time(case.at(first)):
        w = case.world()
        obj = case.make(w, status)
        inputs = {step: case.inputs(w, obj, step) for step in (first, second)}
    start = threading.Barrier(2)
    outcomes = []

    def take(step):
        try:
            copy = type(obj).objects.get(pk=obj.pk)
            note, data = _service(inputs[step])
            start.wait(timeout=10)
            case.workflow.transition(actor="clerk", obj=copy, name=step, note=note or "x", **data)
            outcomes.append(step)
        except InvalidTransition:
            outcomes.append("refused")
        finally:
            connections.close_all()

    # freezegun patches the clock process-wide and is not safe to start or stop in two threads
    # at once, so the main thread holds one frozen clock for both clerks.
    assert case.at(first) == case.at(second), "the race needs one moment both steps may run at"
    threads = [threading.Thread(target=take, args=(s,)) for s in (first, second)]
    with freeze_time(case.at(first)):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert sorted(outcomes) in (sorted([first, "refused"]), sorted([second, "refused"]))
    assert AuditEntry.objects.filter(object_id=str(obj.pk), step__in=[first, second]).count() == 1


def test_every_registered_workflow_has_a_race():
    """Each workflow has two steps that exclude each other, so the race test runs for it."""
    assert {c.name for c in CASES} == {p.id for p in _pairs()}
    assert {c.name for c in CASES} == {wf.name for wf in workflow.registered()}

"""/api/v1/ for commendations, exit rules and warnings, and the public reads, per role:
anonymous (401), a deputy (403), staff of another district (404 like a missing id), the
rightful staff; refusals change nothing; the public reads show verified and published rows
only, and carry no private field, in the schema too."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time
from rest_framework.test import APIClient

from renda.accounts.tests.factories import user_with
from renda.activities.choices import ActivityStatus
from renda.activities.tests.factories import ActivityFactory, preset_types
from renda.assessment import services
from renda.assessment.choices import CommendationStatus, ExitRuleKind, WarningStatus
from renda.assessment.models import Commendation, EvaluationResult, ExitRule, ExitWarning
from renda.assessment.tests.factories import rongchang_table
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.models import AuditEntry
from renda.core.tests import openapi
from renda.people.tests.factories import GroupFactory, MandateFactory, PersonFactory
from renda.regions.tests.factories import rongchang, tongliang

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2025-03-01 10:00:00+08:00") as clock:
        yield clock


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def w():
    rc, tl = rongchang(), tongliang()
    term = TermFactory(congress=CongressFactory(region=rc))
    tl_term = TermFactory(congress=CongressFactory(region=tl))
    li = PersonFactory(name="黎源", phone="13800001111")
    seat = MandateFactory(person=li, term=term)
    wang_seat = MandateFactory(person=PersonFactory(name="王芳"), term=term)
    return SimpleNamespace(
        congress=term.congress,
        term=term,
        tl_congress=tl_term.congress,
        li=li,
        seat=seat,
        wang_seat=wang_seat,
        tl_seat=MandateFactory(person=PersonFactory(name="李铜梁"), term=tl_term),
        group=GroupFactory(congress=term.congress, name="直升镇代表小组"),
        staff=user_with("staff", region=rc),
        tl_staff=user_with("staff", region=tl),
        deputy=user_with("deputy", person=li),
    )


def as_user(api, user):
    api.force_authenticate(user)
    return api


def nominate(w, **extra):
    return services.commendation_nominate(
        actor="test",
        congress=w.congress,
        kind="praise",
        year=2024,
        title="2024年度履职优秀代表",
        **({"mandate": w.seat} | extra),
    )


def final_evaluation(w):
    with freeze_time("2025-01-10"):
        rongchang_table(w.congress, 2024)
        evaluation = services.evaluation_run(actor="test", congress=w.congress, year=2024)
        return services.evaluation_finalize(actor="test", evaluation=evaluation)


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# --- Commendations ------------------------------------------------------------------------------


def test_commendations_per_role(api, w):
    c = nominate(w)
    url = f"/api/v1/commendations/{c.pk}/"
    assert api.get("/api/v1/commendations/").status_code == 401
    assert as_user(api, w.deputy).get("/api/v1/commendations/").status_code == 403
    assert as_user(api, w.tl_staff).get(url).status_code == 404
    assert ids(api.get("/api/v1/commendations/")) == []
    body = as_user(api, w.staff).get(url).json()
    assert (body["subject_name"], body["status"], body["person"]) == ("黎源", "nominated", w.li.pk)


def test_nominate_by_hand(api, w):
    as_user(api, w.staff)
    data = {"congress": w.congress.pk, "kind": "praise", "year": 2024, "title": "优秀代表"}
    response = api.post("/api/v1/commendations/", {**data, "mandate": w.seat.pk}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["subject_name"] == "黎源"
    response = api.post("/api/v1/commendations/", {**data, "group": w.group.pk}, format="json")
    assert response.status_code == 201
    assert response.json()["subject_name"] == "直升镇代表小组"


def test_nominate_refusals_write_nothing(api, w):
    data = {"congress": w.congress.pk, "kind": "praise", "year": 2024, "title": "优秀代表"}
    response = as_user(api, w.staff).post(
        "/api/v1/commendations/", {**data, "mandate": w.tl_seat.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == str(services.SEAT_OF_ANOTHER_CONGRESS)
    response = as_user(api, w.tl_staff).post(
        "/api/v1/commendations/", {**data, "mandate": w.seat.pk}, format="json"
    )
    assert response.status_code == 404
    response = as_user(api, w.deputy).post(
        "/api/v1/commendations/", {**data, "mandate": w.seat.pk}, format="json"
    )
    assert response.status_code == 403
    assert not Commendation.objects.exists()


def test_the_steps(api, w):
    c = nominate(w)
    as_user(api, w.staff)
    base = f"/api/v1/commendations/{c.pk}"
    response = api.post(f"{base}/publish/", {}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert api.post(f"{base}/approve/", {}, format="json").json()["status"] == "approved"
    assert api.post(f"{base}/publish/", {}, format="json").json()["status"] == "published"
    assert api.post(f"{base}/unpublish/", {}, format="json").json()["status"] == "approved"
    assert as_user(api, w.tl_staff).post(f"{base}/publish/", {}).status_code == 404
    c.refresh_from_db()
    assert c.status == CommendationStatus.APPROVED


def test_reject_needs_a_reason(api, w):
    c = nominate(w)
    as_user(api, w.staff)
    url = f"/api/v1/commendations/{c.pk}/reject/"
    assert api.post(url, {"note": ""}, format="json").status_code == 400
    c.refresh_from_db()
    assert c.status == CommendationStatus.NOMINATED
    body = api.post(url, {"note": "事迹不实"}, format="json").json()
    assert (body["status"], body["status_note"]) == ("rejected", "事迹不实")


def test_nominate_from_results(api, w):
    evaluation = final_evaluation(w)
    EvaluationResult.objects.filter(mandate=w.seat).update(grade="优秀")
    data = {"evaluation": evaluation.pk, "grade": "优秀", "title": "2024年度履职优秀代表"}
    url = "/api/v1/commendations/nominate-from-results/"
    assert as_user(api, w.tl_staff).post(url, data, format="json").status_code == 404
    response = as_user(api, w.staff).post(url, data, format="json")
    assert response.status_code == 201, response.content
    assert [row["mandate"] for row in response.json()] == [w.seat.pk]
    assert api.post(url, data, format="json").json() == []


def test_nominate_from_results_answers_the_plain_list_the_schema_says(api, w):
    """Guards the schema of POST /commendations/nominate-from-results/: it said a paginated
    object ({count, results}) with a `page` parameter; the answer is a plain list."""
    evaluation = final_evaluation(w)
    EvaluationResult.objects.filter(mandate=w.seat).update(grade="优秀")
    data = {"evaluation": evaluation.pk, "grade": "优秀", "title": "2024年度履职优秀代表"}
    url = "/api/v1/commendations/nominate-from-results/"
    response = as_user(api, w.staff).post(url, data, format="json")
    assert response.status_code == 201 and isinstance(response.json(), list)
    path = "/api/v1/commendations/nominate-from-results/"
    assert openapi.response(path, "post", "201")["type"] == "array"
    assert "page" not in openapi.parameters(path, "post")


def test_commendation_list_queries_do_not_grow(api, w):
    nominate(w)
    as_user(api, w.staff).get("/api/v1/commendations/")  # the scope is read once per user
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/commendations/")
    nominate(w, mandate=w.wang_seat)
    nominate(w, mandate=None, group=w.group)
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/commendations/")
    assert len(many) == len(few)


def test_public_commendations_are_published_only(api, w):
    published = nominate(w)
    for step in ("approve", "publish"):
        services.commendation_step(actor="test", commendation=published, action=step)
    nominate(w, mandate=w.wang_seat)
    withdrawn = nominate(w, mandate=None, group=w.group)
    for step in ("approve", "publish", "unpublish"):
        services.commendation_step(actor="test", commendation=withdrawn, action=step)
    assert ids(api.get("/api/v1/public-commendations/")) == [published.pk]
    row = api.get("/api/v1/public-commendations/").json()["results"][0]
    assert not {"status", "status_note", "nominated_by", "result"} & row.keys()
    assert ids(api.get("/api/v1/public-commendations/", {"year": 2023})) == []
    # Signed in or not, the public list is the same.
    assert ids(as_user(api, w.staff).get("/api/v1/public-commendations/")) == [published.pk]


# --- Exit rules and warnings --------------------------------------------------------------------


def test_exit_rules(api, w):
    url = "/api/v1/exit-rules/"
    data = {"congress": w.congress.pk, "kind": "grade", "years": 1}
    assert api.post(url, data, format="json").status_code == 401
    assert as_user(api, w.deputy).post(url, data, format="json").status_code == 403
    assert as_user(api, w.tl_staff).post(url, data, format="json").status_code == 404
    assert not ExitRule.objects.exists()
    response = as_user(api, w.staff).post(url, data, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api.patch(f"{url}{pk}/", {"active": False}, format="json")
    assert response.json()["active"] is False
    assert ids(api.get(url)) == [pk]
    assert ids(as_user(api, w.tl_staff).get(url)) == []


def _warnings(w):
    services.exit_rule_set(actor="test", congress=w.congress, kind=ExitRuleKind.GRADE, years=1)
    final_evaluation(w)
    return ExitWarning.objects.get(mandate=w.seat)


def test_exit_warnings_per_role(api, w):
    warning = _warnings(w)
    url = f"/api/v1/exit-warnings/{warning.pk}/"
    assert api.get(url).status_code == 401
    assert as_user(api, w.deputy).get(url).status_code == 403
    assert as_user(api, w.tl_staff).get(url).status_code == 404
    body = as_user(api, w.staff).get(url).json()
    assert (body["person_name"], body["kind"], body["status"]) == ("黎源", "grade", "open")
    assert len(ids(api.get("/api/v1/exit-warnings/", {"kind": "grade"}))) == 2


def test_exit_warnings_are_not_created_through_the_api(api, w):
    """Guards POST /exit-warnings/: advertised with nothing behind it, it answered 500
    (NotImplementedError). Warnings come from the rules when an evaluation is made final; now
    the POST answers 405, writes nothing, and the schema leaves it out."""
    warning = _warnings(w)
    before = (ExitWarning.objects.count(), AuditEntry.objects.count())
    data = {"congress": w.congress.pk, "mandate": w.wang_seat.pk, "year": 2024, "kind": "grade"}
    response = as_user(api, w.staff).post("/api/v1/exit-warnings/", data, format="json")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert (ExitWarning.objects.count(), AuditEntry.objects.count()) == before
    assert openapi.operation("/api/v1/exit-warnings/", "post") is None
    assert openapi.operation("/api/v1/exit-warnings/{id}/status/", "post") is not None
    assert api.get(f"/api/v1/exit-warnings/{warning.pk}/").status_code == 200


def test_exit_warning_status(api, w):
    warning = _warnings(w)
    url = f"/api/v1/exit-warnings/{warning.pk}/status/"
    data = {"status": "talked", "note": "人代工委约谈"}
    assert as_user(api, w.tl_staff).post(url, data, format="json").status_code == 404
    assert as_user(api, w.staff).post(url, {"status": "talked"}, format="json").status_code == 400
    assert api.post(url, {"status": "open", "note": "x"}, format="json").status_code == 400
    warning.refresh_from_db()
    assert warning.status == WarningStatus.OPEN
    body = api.post(url, data, format="json").json()
    assert (body["status"], body["status_note"]) == ("talked", "人代工委约谈")
    # The open ones come first.
    assert ids(api.get("/api/v1/exit-warnings/"))[-1] == warning.pk


# --- Public activities --------------------------------------------------------------------------


def test_public_activities_are_verified_only_and_carry_no_private_field(api, w):
    types = preset_types(w.congress)
    verified = ActivityFactory(
        mandate=w.seat, activity_type=types["visit"], person_times=30, place="黄泥村"
    )
    ActivityFactory(mandate=w.seat, activity_type=types["survey"], status=ActivityStatus.SUBMITTED)
    ActivityFactory(
        mandate=w.seat,
        activity_type=types["inspection"],
        status=ActivityStatus.REJECTED,
        status_note="重复",
    )
    other = ActivityFactory(
        mandate=w.wang_seat, activity_type=types["survey"], day=datetime.date(2023, 5, 1)
    )
    url = "/api/v1/public-activities/"
    assert ids(api.get(url)) == [verified.pk, other.pk]
    row = api.get(url, {"person": w.li.pk}).json()["results"][0]
    assert row == {
        "id": verified.pk,
        "person": w.li.pk,
        "person_name": "黎源",
        "date": "2024-05-10",
        "type": "走访选民",
        "category": "closed_session",
        "place": "黄泥村",
        "content": verified.content,
        "person_times": 30,
    }
    assert ids(api.get(url, {"year": 2023})) == [other.pk]
    assert api.post(url, {}, format="json").status_code in (401, 403, 405)


def test_public_activities_of_a_former_deputy_are_not_listed(api, w):
    from renda.people.services import mandate_end

    ActivityFactory(mandate=w.seat)
    mandate_end(actor="test", mandate=w.seat, end=datetime.date(2025, 2, 1), reason="recall")
    assert ids(api.get("/api/v1/public-activities/", {"person": w.li.pk})) == []


@pytest.mark.parametrize("year", ["10000", "0", "-1", "2024.5"])
def test_public_activities_refuse_a_year_no_date_holds(api, w, year):
    """Guards GET /public-activities/?year=10000 (and 0): the `day__year` lookup built a date
    of that year and answered 500 (ValueError); now a 400 naming `year`."""
    response = api.get("/api/v1/public-activities/", {"year": year})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "year" in body["errors"]
    assert api.get("/api/v1/public-activities/", {"year": "2024"}).status_code == 200


def test_public_activities_queries_do_not_grow(api, w):
    types = preset_types(w.congress)
    ActivityFactory(mandate=w.seat, activity_type=types["visit"])
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/public-activities/")
    for i in range(5):
        ActivityFactory(
            mandate=w.wang_seat, activity_type=types["survey"], day=datetime.date(2024, 6, i + 1)
        )
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/public-activities/")
    assert len(many) == len(few)


# --- Schema -------------------------------------------------------------------------------------


def test_the_schema_lists_the_endpoints_and_no_private_field(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = response.json()
    for path in [
        "/api/v1/commendations/",
        "/api/v1/commendations/{id}/",
        "/api/v1/commendations/nominate-from-results/",
        "/api/v1/commendations/{id}/approve/",
        "/api/v1/commendations/{id}/reject/",
        "/api/v1/commendations/{id}/publish/",
        "/api/v1/commendations/{id}/unpublish/",
        "/api/v1/public-commendations/",
        "/api/v1/exit-rules/",
        "/api/v1/exit-warnings/",
        "/api/v1/exit-warnings/{id}/status/",
        "/api/v1/public-activities/",
    ]:
        assert path in schema["paths"], path
    activity = schema["components"]["schemas"]["PublicActivity"]["properties"]
    assert not {"status", "status_note", "registered_by", "evidence", "mandate"} & activity.keys()

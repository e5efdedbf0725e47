"""/api/v1/ for commendations and their public read, per role: anonymous (401), a deputy (403),
staff of another district (404 like a missing id), the rightful staff; refusals change nothing;
the public read shows published rows only and carries no private field, in the schema too."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.assessment.models import EvaluationResult
from renda.assessment.tests.factories import evaluate, recognition_world
from renda.commendations import services as commendation_services
from renda.commendations.choices import CommendationStatus
from renda.commendations.models import Commendation
from renda.core.testing import as_user, assert_refused, frozen_at, ids
from renda.core.tests import openapi

pytestmark = pytest.mark.django_db


frozen = frozen_at("2025-03-01 10:00:00+08:00")


@pytest.fixture
def w():
    return recognition_world()


def nominate(w, **extra):
    return commendation_services.commendation_nominate(
        actor="test",
        congress=w.congress,
        kind="praise",
        year=2024,
        title="2024年度履职优秀代表",
        **({"mandate": w.seat} | extra),
    )


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
    assert_refused(response, 400, commendation_services.SEAT_OF_ANOTHER_CONGRESS)
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
    evaluation = evaluate(w.congress, 2024)
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
    evaluation = evaluate(w.congress, 2024)
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
        commendation_services.commendation_step(actor="test", commendation=published, action=step)
    nominate(w, mandate=w.wang_seat)
    withdrawn = nominate(w, mandate=None, group=w.group)
    for step in ("approve", "publish", "unpublish"):
        commendation_services.commendation_step(actor="test", commendation=withdrawn, action=step)
    assert ids(api.get("/api/v1/public-commendations/")) == [published.pk]
    row = api.get("/api/v1/public-commendations/").json()["results"][0]
    assert not {"status", "status_note", "nominated_by", "result"} & row.keys()
    assert ids(api.get("/api/v1/public-commendations/", {"year": 2023})) == []
    # Signed in or not, the public list is the same.
    assert ids(as_user(api, w.staff).get("/api/v1/public-commendations/")) == [published.pk]


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

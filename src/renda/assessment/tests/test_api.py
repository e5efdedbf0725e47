"""/api/v1/ of the scoring tables and the evaluation, per role: anonymous, a deputy (wrong role
for the staff endpoints, their own final results only), staff of 铜梁区 (404 like a missing id),
the rightful staff; each step as its own endpoint; refusals answer with their message and
change nothing; the schema lists every endpoint."""

import pytest

from renda.assessment import services
from renda.assessment.choices import EvaluationStatus, ItemKind, Measure, TableStatus
from renda.assessment.models import (
    Evaluation,
    EvaluationResult,
    GradeBand,
    ScoreAdjustment,
    ScoringItem,
    ScoringTable,
)
from renda.assessment.tests.test_views import make_world
from renda.core.models import AuditEntry
from renda.core.testing import as_user, assert_refused, frozen_at
from renda.core.tests import openapi

pytestmark = pytest.mark.django_db


frozen = frozen_at("2025-01-10 10:00:00+08:00")


@pytest.fixture
def w():
    return make_world()


# --- Who may call what ------------------------------------------------------------------------


STAFF_LISTS = [
    "/api/v1/scoring-tables/",
    "/api/v1/scoring-items/",
    "/api/v1/grade-bands/",
    "/api/v1/score-adjustments/",
    "/api/v1/evaluations/",
]


def test_a_deputy_cannot_call_the_staff_endpoints(api, w):
    as_user(api, w.deputy)
    for url in STAFF_LISTS:
        assert api.get(url).status_code == 403, url
    response = api.post(f"/api/v1/evaluations/{w.evaluation.pk}/finalize/", format="json")
    assert response.status_code == 403
    w.evaluation.refresh_from_db()
    assert w.evaluation.status == EvaluationStatus.DRAFT


def test_staff_of_another_region_get_404(api, w):
    as_user(api, w.tl_staff)
    item = w.table.items.first()
    for url in [
        f"/api/v1/scoring-tables/{w.table.pk}/",
        f"/api/v1/scoring-items/{item.pk}/",
        f"/api/v1/evaluations/{w.evaluation.pk}/",
        f"/api/v1/evaluations/{w.evaluation.pk}/results/",
        f"/api/v1/evaluation-results/{w.result(w.li).pk}/",
        f"/api/v1/evaluation-results/{w.result(w.li).pk}/sheet/",
    ]:
        assert api.get(url).status_code == 404, url
    assert api.post(f"/api/v1/evaluations/{w.evaluation.pk}/finalize/").status_code == 404
    assert (
        api.post(f"/api/v1/scoring-tables/{w.table.pk}/copy/", {}, format="json").status_code == 404
    )
    response = api.post(
        "/api/v1/evaluations/run/", {"congress": w.congress.pk, "year": 2024}, format="json"
    )
    assert response.status_code == 404
    response = api.post(
        "/api/v1/scoring-items/",
        {"table": w.table.pk, "code": "x", "section": "s", "label": "l", "kind": "manual"},
        format="json",
    )
    assert response.status_code == 404
    ids = {t["id"] for t in api.get("/api/v1/scoring-tables/").json()["results"]}
    assert ids == {w.tl_table.pk}
    assert ScoringTable.objects.count() == 2
    assert Evaluation.objects.get(pk=w.evaluation.pk).status == EvaluationStatus.DRAFT


# --- Tables -----------------------------------------------------------------------------------


def test_staff_build_a_table_and_put_it_in_force(api, w):
    as_user(api, w.staff)
    response = api.post(
        "/api/v1/scoring-tables/",
        {"congress": w.congress.pk, "year": 2025, "title": "2025年评分表"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    table_id = response.json()["id"]
    assert response.json()["status"] == TableStatus.DRAFT
    response = api.post(
        "/api/v1/scoring-items/",
        {
            "table": table_id,
            "code": "inspections",
            "section": "参加活动",
            "label": "参加视察",
            "kind": ItemKind.COUNT,
            "measure": Measure.ACTIVITIES,
            "activity_types": [w.types["inspection"].pk],
            "points": "3",
            "cap": "15",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    item_id = response.json()["id"]
    response = api.patch(f"/api/v1/scoring-items/{item_id}/", {"points": "2"}, format="json")
    assert response.status_code == 200 and response.json()["points"] == "2.0"
    response = api.post(
        "/api/v1/grade-bands/",
        {"table": table_id, "label": "合格", "min_score": "0"},
        format="json",
    )
    assert response.status_code == 201
    band_id = response.json()["id"]
    assert (
        api.patch(f"/api/v1/grade-bands/{band_id}/", {"min_score": "10"}, format="json").status_code
        == 200
    )
    response = api.post(f"/api/v1/scoring-tables/{table_id}/publish/")
    assert response.status_code == 200 and response.json()["status"] == TableStatus.PUBLISHED
    assert [i["code"] for i in response.json()["items"]] == ["inspections"]
    # In force: frozen.
    response = api.delete(f"/api/v1/scoring-items/{item_id}/")
    assert_refused(response, 409, services.TABLE_FROZEN)
    assert ScoringItem.objects.filter(pk=item_id).exists()
    response = api.delete(f"/api/v1/grade-bands/{band_id}/")
    assert response.status_code == 409 and GradeBand.objects.filter(pk=band_id).exists()


def test_an_item_refused_for_its_kind_answers_with_the_field(api, w):
    as_user(api, w.staff)
    copy = services.table_copy(actor="test", table=w.table)
    response = api.post(
        "/api/v1/scoring-items/",
        {
            "table": copy.pk,
            "code": "x",
            "section": "s",
            "label": "l",
            "kind": ItemKind.THRESHOLD,
            "measure": Measure.PERSON_TIMES,
            "activity_types": [w.types["visit"].pk],
            "points": "5",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["threshold"] == [str(services.ITEM_NEEDS_THRESHOLD)]
    assert not copy.items.filter(code="x").exists()


def test_tables_are_copied_and_made_from_the_preset(api, w):
    as_user(api, w.staff)
    response = api.post(f"/api/v1/scoring-tables/{w.table.pk}/copy/", {}, format="json")
    assert response.status_code == 201 and response.json()["version"] == 2
    assert len(response.json()["items"]) == 15
    response = api.post(f"/api/v1/scoring-tables/{w.table.pk}/copy/", {"year": 2025}, format="json")
    assert (response.json()["year"], response.json()["version"]) == (2025, 1)
    response = api.post(
        "/api/v1/scoring-tables/from-preset/",
        {"congress": w.congress.pk, "year": 2026},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == TableStatus.DRAFT
    response = api.patch(
        f"/api/v1/scoring-tables/{response.json()['id']}/", {"base_points": "60"}, format="json"
    )
    assert response.status_code == 200 and response.json()["base_points"] == "60.0"


# --- Adjustments and the evaluation -----------------------------------------------------------


def test_adjustments_are_added_removed_and_refused_once_final(api, w):
    as_user(api, w.staff)
    payload = {
        "congress": w.congress.pk,
        "year": 2024,
        "mandate": w.li.pk,
        "item_code": "commendation",
        "points": "5",
        "reason": "受表扬",
    }
    response = api.post("/api/v1/score-adjustments/", payload, format="json")
    assert response.status_code == 201 and response.json()["person_name"] == "黎源"
    adjustment_id = response.json()["id"]
    url = f"/api/v1/score-adjustments/{adjustment_id}/"
    response = api.patch(url, {"points": "3.0"}, format="json")
    assert response.status_code == 200
    assert (response.json()["points"], response.json()["reason"]) == ("3.0", "受表扬")
    assert api.patch(url, {"reason": " "}, format="json").status_code == 400
    assert ScoreAdjustment.objects.get().reason == "受表扬"
    assert api.delete(url).status_code == 204
    assert not ScoreAdjustment.objects.exists()
    response = api.post("/api/v1/score-adjustments/", {**payload, "reason": ""}, format="json")
    assert response.status_code == 400 and not ScoreAdjustment.objects.exists()
    api.post("/api/v1/score-adjustments/", payload, format="json")
    services.evaluation_finalize(actor="test", evaluation=w.evaluation)
    response = api.post("/api/v1/score-adjustments/", payload, format="json")
    assert_refused(response, 409, services.YEAR_FINAL % {"year": 2024})
    kept = ScoreAdjustment.objects.get()
    response = api.patch(f"/api/v1/score-adjustments/{kept.pk}/", {"points": "1"}, format="json")
    assert response.status_code == 409
    kept.refresh_from_db()
    assert kept.points == 5


def test_staff_run_finalize_and_publish(api, w):
    as_user(api, w.staff)
    response = api.post(
        "/api/v1/evaluations/run/", {"congress": w.congress.pk, "year": 2024}, format="json"
    )
    assert response.status_code == 200 and response.json()["deputy_count"] == 3
    url = f"/api/v1/evaluations/{w.evaluation.pk}"
    response = api.post(f"{url}/publish-scores/", {"public": True}, format="json")
    assert response.status_code == 409
    response = api.post(f"{url}/finalize/")
    assert response.status_code == 200 and response.json()["status"] == EvaluationStatus.FINAL
    assert api.post(f"{url}/finalize/").status_code == 409
    response = api.post(f"{url}/publish-scores/", {"public": True}, format="json")
    assert response.status_code == 200 and response.json()["scores_public"] is True
    response = api.post(
        "/api/v1/evaluations/run/", {"congress": w.congress.pk, "year": 2024}, format="json"
    )
    assert response.status_code == 409


def test_results_are_listed_in_rank_order_and_filtered(api, w):
    as_user(api, w.staff)
    url = f"/api/v1/evaluations/{w.evaluation.pk}/results/"
    rows = api.get(url).json()["results"]
    assert [r["person_name"] for r in rows] == ["黎源", "王芳", "张强"]
    assert rows[0]["score"] == "15.0" and rows[0]["rank"] == 1
    assert {"code": "inspections", "value": "6.0", "points": "15.0", "capped": True} in rows[0][
        "breakdown"
    ]
    rows = api.get(url, {"town": "500153104000"}).json()["results"]
    assert [r["person_name"] for r in rows] == ["黎源"]
    rows = api.get(url, {"group": w.group.pk}).json()["results"]
    assert [r["person_name"] for r in rows] == ["黎源"]
    rows = api.get("/api/v1/evaluation-results/", {"evaluation": w.evaluation.pk}).json()
    assert rows["count"] == 3


def test_the_sheet_names_the_records_each_line_counted(api, w):
    as_user(api, w.staff)
    result = w.result(w.li)
    response = api.get(f"/api/v1/evaluation-results/{result.pk}/sheet/")
    assert response.status_code == 200
    body = response.json()
    assert body["result"]["score"] == "15.0"
    lines = {line["code"]: line for s in body["sections"] for line in s["lines"]}
    inspections = lines["inspections"]
    assert inspections["capped"] is True and len(inspections["activities"]) == 6
    assert inspections["points"] == "15.0"


def test_a_deputy_reads_only_their_own_final_result(api, w):
    as_user(api, w.deputy)
    own, other = w.result(w.li), w.result(w.wang)
    assert api.get("/api/v1/evaluation-results/").json()["count"] == 0
    assert api.get(f"/api/v1/evaluation-results/{own.pk}/").status_code == 404
    services.evaluation_finalize(actor="test", evaluation=w.evaluation)
    own = w.result(w.li)
    other = w.result(w.wang)
    body = api.get("/api/v1/evaluation-results/").json()
    assert [r["id"] for r in body["results"]] == [own.pk]
    assert api.get(f"/api/v1/evaluation-results/{own.pk}/sheet/").status_code == 200
    assert api.get(f"/api/v1/evaluation-results/{other.pk}/").status_code == 404


def test_the_schema_lists_the_evaluation_endpoints(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = response.json()["paths"]
    for path in [
        "/api/v1/scoring-tables/",
        "/api/v1/scoring-tables/{id}/publish/",
        "/api/v1/scoring-tables/{id}/copy/",
        "/api/v1/scoring-tables/from-preset/",
        "/api/v1/scoring-items/{id}/",
        "/api/v1/grade-bands/{id}/",
        "/api/v1/score-adjustments/",
        "/api/v1/evaluations/run/",
        "/api/v1/evaluations/{id}/finalize/",
        "/api/v1/evaluations/{id}/publish-scores/",
        "/api/v1/evaluations/{id}/results/",
        "/api/v1/evaluation-results/{id}/sheet/",
    ]:
        assert path in paths, path
    results = paths["/api/v1/evaluations/{id}/results/"]["get"]
    assert {p["name"] for p in results["parameters"]} >= {"grade", "town", "group", "page"}


def test_only_the_rightful_staff_correct_an_adjustment(api, w):
    adjustment = services.adjustment_add(
        actor="test",
        congress=w.congress,
        year=2024,
        mandate=w.li,
        item_code="commendation",
        points=5,
        reason="受表扬",
    )
    url = f"/api/v1/score-adjustments/{adjustment.pk}/"
    assert api.patch(url, {"points": "9"}, format="json").status_code in (401, 403)
    assert as_user(api, w.deputy).patch(url, {"points": "9"}, format="json").status_code == 403
    assert as_user(api, w.tl_staff).patch(url, {"points": "9"}, format="json").status_code == 404
    adjustment.refresh_from_db()
    assert adjustment.points == 5
    assert as_user(api, w.staff).patch(url, {"points": "9"}, format="json").status_code == 200
    adjustment.refresh_from_db()
    assert adjustment.points == 9


# --- What the schema advertises, and nothing more -------------------------------------------


def test_evaluations_and_results_are_not_created_or_patched_directly(api, w):
    """Guards POST /evaluations/, PATCH /evaluations/{id}/, POST /evaluation-results/ and
    PATCH /evaluation-results/{id}/: advertised with nothing behind them, they answered 500
    (NotImplementedError). An evaluation is made by `run`; now they answer 405 like any
    method the API does not offer, write nothing, and the schema leaves them out."""
    as_user(api, w.staff)
    result = w.result(w.li)
    before = (
        Evaluation.objects.count(),
        EvaluationResult.objects.count(),
        AuditEntry.objects.count(),
    )
    body = {"congress": w.congress.pk, "year": 2023, "table": w.table.pk}
    for method, url in [
        ("post", "/api/v1/evaluations/"),
        ("patch", f"/api/v1/evaluations/{w.evaluation.pk}/"),
        ("post", "/api/v1/evaluation-results/"),
        ("patch", f"/api/v1/evaluation-results/{result.pk}/"),
    ]:
        response = getattr(api, method)(url, body, format="json")
        assert response.status_code == 405, (method, url, response.content)
        assert response.json()["code"] == "method_not_allowed"
    assert before == (
        Evaluation.objects.count(),
        EvaluationResult.objects.count(),
        AuditEntry.objects.count(),
    )
    assert openapi.operation("/api/v1/evaluations/", "post") is None
    assert openapi.operation("/api/v1/evaluations/{id}/", "patch") is None
    assert openapi.operation("/api/v1/evaluation-results/", "post") is None
    assert openapi.operation("/api/v1/evaluation-results/{id}/", "patch") is None
    assert openapi.operation("/api/v1/evaluations/run/", "post") is not None


@pytest.mark.parametrize(
    "params,field",
    [
        ({"evaluation": str(10**40)}, "evaluation"),
        ({"evaluation": "1.5"}, "evaluation"),
        ({"year": "10000"}, "year"),
        ({"year": "0"}, "year"),
    ],
)
def test_the_results_filter_refuses_an_id_or_year_out_of_range(api, w, params, field):
    """Guards GET /evaluation-results/?evaluation=<a 40-digit number> (an OverflowError in the
    SQLite driver, a 500) and a year no date holds: both are bad input, a 400 naming the
    parameter."""
    response = as_user(api, w.staff).get("/api/v1/evaluation-results/", params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and field in body["errors"]

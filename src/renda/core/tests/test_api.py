"""The API plumbing every app shares (`renda.core.api`): one JSON error body for every refusal,
a JSON 404 for an API URL no route matches, a non-numeric id answered like a missing one, and no
POST or PATCH on a viewset that calls no service for it."""

import pytest
from rest_framework.test import APIClient

from renda.accounts.tests.factories import user_with
from renda.core.models import AuditEntry
from renda.core.tests import openapi
from renda.people.models import DeputyGroup
from renda.people.tests.factories import GroupFactory, PersonFactory
from renda.regions.tests.factories import rongchang
from renda.stations.tests.factories import StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    api.force_authenticate(user)
    return api


@pytest.mark.parametrize(
    "url", ["/api/v1/stations/-3.3e-288/", "/api/v1/nowhere/", "/api/v1/groups/1/members/x/"]
)
def test_an_api_url_no_route_matches_answers_the_json_404(api, url):
    """Guards against Django's HTML "not found" page under /api/ (a client reads JSON there):
    /stations/-3.3e-288/ matches no route, and used to answer the site's page."""
    response = api.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "未找到。", "code": "not_found"}


def test_a_page_no_route_matches_is_still_the_sites_page(client):
    """Guards the site's own 404 page outside /api/."""
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("pk", ["abc", "null,null", "-1", "１"])
def test_an_id_that_is_not_a_number_is_a_missing_object(api, pk):
    """Guards the pk lookup of every scoped viewset: an {id} that is not a whole number is
    answered 404 like a missing one, also by an action that looks the object up its own way."""
    station = StationFactory(region=rongchang())
    staff = as_user(api, user_with("staff", region=station.region))
    assert staff.get(f"/api/v1/stations/{station.pk}/").status_code == 200
    for url in (f"/api/v1/stations/{pk}/", f"/api/v1/commitments/{pk}/hints/"):
        response = staff.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"


def test_every_refusal_has_a_message_and_a_code(api):
    """Guards the one error body, {"detail", "code"}: DRF's own refusals (401, 403, 405, a
    malformed JSON body) used to come without the code."""
    rc = rongchang()
    group = GroupFactory(region=rc)
    response = api.get("/api/v1/people/")
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")
    deputy = as_user(APIClient(), user_with("deputy", person=PersonFactory()))
    response = deputy.get("/api/v1/people/")
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    staff = as_user(APIClient(), user_with("staff", region=rc))
    response = staff.post("/api/v1/groups/", "{", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "parse_error")
    response = staff.delete(f"/api/v1/groups/{group.pk}/")
    assert (response.status_code, response.json()["code"]) == (405, "method_not_allowed")
    assert set(response.json()) == {"detail", "code"} and response.json()["detail"]
    assert DeputyGroup.objects.filter(pk=group.pk).exists()


def test_invalid_input_lists_every_field_under_errors(api):
    """Guards the 400 body: the first message as `detail`, code "invalid", each field's
    messages under `errors`."""
    staff = as_user(api, user_with("staff", region=rongchang()))
    before = (DeputyGroup.objects.count(), AuditEntry.objects.count())
    response = staff.post("/api/v1/groups/", {"name": ""}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and isinstance(body["detail"], str)
    assert {"name", "congress", "region"} <= set(body["errors"])
    assert (DeputyGroup.objects.count(), AuditEntry.objects.count()) == before


def test_the_schema_documents_no_write_without_a_service():
    """Guards `ScopedViewSet`: a viewset that overrides neither `create_object` nor
    `update_object` (evaluations, results, exit warnings, assignments) advertises no POST on
    its list and no PATCH, and the others keep theirs."""
    for path, method in [
        ("/api/v1/evaluations/", "post"),
        ("/api/v1/evaluations/{id}/", "patch"),
        ("/api/v1/evaluation-results/", "post"),
        ("/api/v1/evaluation-results/{id}/", "patch"),
        ("/api/v1/exit-warnings/", "post"),
        ("/api/v1/assignments/", "post"),
    ]:
        assert openapi.operation(path, method) is None, (method, path)
    for path, method in [
        ("/api/v1/evaluations/run/", "post"),
        ("/api/v1/stations/", "post"),
        ("/api/v1/stations/{id}/", "patch"),
        ("/api/v1/activity-batches/", "post"),
    ]:
        assert openapi.operation(path, method) is not None, (method, path)

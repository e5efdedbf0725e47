"""/api/v1/ for exit rules and warnings, per role: anonymous (401), a deputy (403), staff of
another district (404 like a missing id), the rightful staff; refusals change nothing."""

import pytest

from renda.assessment.tests.factories import evaluate, recognition_world
from renda.core.models import AuditEntry
from renda.core.testing import as_user, frozen_at, ids
from renda.core.tests import openapi
from renda.exit_warnings import services as exit_warning_services
from renda.exit_warnings.choices import ExitRuleKind, WarningStatus
from renda.exit_warnings.models import ExitRule, ExitWarning

pytestmark = pytest.mark.django_db


frozen = frozen_at("2025-03-01 10:00:00+08:00")


@pytest.fixture
def w():
    return recognition_world()


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
    exit_warning_services.exit_rule_set(
        actor="test", congress=w.congress, kind=ExitRuleKind.GRADE, years=1
    )
    evaluate(w.congress, 2024)
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

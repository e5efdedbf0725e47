"""API sign-in (token), lockout after repeated failures, and the API's own documents: the
OpenAPI schema and the Swagger page, which must load nothing from outside the server."""

import re

import pytest
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token

from renda.accounts.api.views import BAD_CREDENTIALS
from renda.accounts.tests.factories import PASSWORD, user_with
from renda.accounts.views import LOCKED_OUT
from renda.core.testing import assert_refused
from renda.regions.tests.factories import rongchang

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return user_with("staff", region=rongchang())


def test_a_token_for_username_and_password(api, staff):
    response = api.post(
        "/api/v1/auth/token/", {"username": staff.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    key = response.json()["token"]
    assert Token.objects.get(user=staff).key == key
    # The same token again, not a new one per sign-in.
    again = api.post(
        "/api/v1/auth/token/", {"username": staff.username, "password": PASSWORD}, format="json"
    )
    assert again.json()["token"] == key


def test_the_token_authenticates(api, staff):
    key = api.post(
        "/api/v1/auth/token/", {"username": staff.username, "password": PASSWORD}, format="json"
    ).json()["token"]
    assert api.get("/api/v1/people/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/people/").status_code == 200
    api.credentials(HTTP_AUTHORIZATION="Token not-a-key")
    response = api.get("/api/v1/people/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_wrong_password_is_400_with_a_message(api, staff):
    response = api.post(
        "/api/v1/auth/token/", {"username": staff.username, "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": str(BAD_CREDENTIALS), "code": "bad_credentials"}
    assert not Token.objects.exists()


def test_an_unknown_user_gets_the_same_answer(api, staff):
    response = api.post(
        "/api/v1/auth/token/", {"username": "nobody", "password": PASSWORD}, format="json"
    )
    assert_refused(response, 400, BAD_CREDENTIALS)


def test_an_inactive_user_gets_no_token(api, staff):
    staff.is_active = False
    staff.save()
    response = api.post(
        "/api/v1/auth/token/", {"username": staff.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 400
    assert not Token.objects.exists()


def test_missing_fields_are_400_in_chinese(api):
    response = api.post("/api/v1/auth/token/", {"username": "x"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "该字段是必填项。"
    assert "password" in response.json()["errors"]


def test_repeated_failures_lock_the_username_out(api, staff, settings):
    """Regression: axes marked DRF's request wrapper, which its middleware never sees, so a
    locked-out sign-in was answered 400 "wrong password" instead of 429."""
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        response = api.post(
            "/api/v1/auth/token/", {"username": staff.username, "password": "wrong"}, format="json"
        )
        assert response.status_code in (400, 429)
    # Locked out now, even with the right password.
    response = api.post(
        "/api/v1/auth/token/", {"username": staff.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert response.json() == {"detail": str(LOCKED_OUT), "code": "locked_out"}
    assert not Token.objects.exists()


def test_fewer_failures_than_the_limit_do_not_lock_out(api, staff):
    for _ in range(4):
        api.post(
            "/api/v1/auth/token/", {"username": staff.username, "password": "wrong"}, format="json"
        )
    response = api.post(
        "/api/v1/auth/token/", {"username": staff.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200


def test_the_lockout_is_per_username(api, staff):
    other = user_with("staff", region=rongchang())
    for _ in range(6):
        api.post(
            "/api/v1/auth/token/", {"username": staff.username, "password": "wrong"}, format="json"
        )
    response = api.post(
        "/api/v1/auth/token/", {"username": other.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200


# --- The API's documents ------------------------------------------------------------------------


def test_schema_is_openapi_3(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in [
        "/api/v1/deputies/",
        "/api/v1/stations/{id}/assignments/",
        "/api/v1/mandates/{id}/end/",
        "/api/v1/assignments/{id}/end/",
        "/api/v1/groups/{id}/members/",
        "/api/v1/auth/token/",
    ]:
        assert path in schema["paths"], path
    # The public deputy carries no private field, in the schema too.
    deputy = schema["components"]["schemas"]["PublicDeputy"]["properties"]
    assert not {"phone", "id_number", "birth_date"} & deputy.keys()


def test_schema_yaml_says_openapi(api):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"openapi: 3." in response.content


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_api_docs_load_nothing_from_outside(api, url):
    """Regression: the ReDoc page loaded Google Fonts."""
    response = api.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/" in html  # the bundled files
    external = re.findall(r"""(?:src|href)\s*=\s*["']?(https?:)?//""", html)
    assert external == []
    assert not re.search(r"""["'](https?:)?//(?!testserver)[\w.-]+/""", html)


def test_browsable_api_pages_are_not_the_locked_out_page(api):
    """The lockout text is only for locked-out sign-ins."""
    assert gettext(LOCKED_OUT) not in api.get("/api/v1/deputies/").content.decode()

"""The access matrix: every named URL of the project, page, file and API route, requested as each
of the eight roles (`core.testing.ROLES`), against the answer its app declares beside its URLs
(`<app>/access.py`; the grid's form is in `renda.core.testing`, "Access").

A URL name no app declares fails, and so does a declaration of a URL that does not exist. Each
URL is one test: GET as every role; a write-only URL (a POST or DELETE row) is also sent an
empty body as every role its row does not mark `ok`, which must be refused and write nothing.

The world (`core.testing.shared_world`) is built once for the module, inside a transaction
rolled back at the end; each test runs in a savepoint inside it, so a request that wrote would
not leak into the next. Each role has one signed-in client for the module.
"""

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from renda.core.testing import (
    REFUSALS,
    ROLES,
    declared_access,
    module_data,
    shared_world,
    table_counts,
    url_names,
)

# Not the project's to declare, each for its reason:
EXCLUDED = {
    # Django's own admin: guarded by Django's staff flag and its own tests, not by renda's roles.
    "admin": "Django's admin site",
    # Django's language switch: open to everyone by design, a redirect that writes a cookie.
    "set_language": "Django's set_language",
    # The API's own documents: public; accounts/tests/test_api.py checks they load nothing from
    # outside the server.
    "schema": "the OpenAPI schema",
    "swagger-ui": "the API documentation",
    "redoc": "the API documentation",
}
# Static files (WhiteNoise) and uploads (/media/, served when SERVE_MEDIA) have no URL name: the
# walk below never meets them.

DECLARED = declared_access()
NAMES = {
    name: patterns
    for name, patterns in url_names().items()
    if name not in EXCLUDED and name.split(":")[0] not in EXCLUDED
}
MOMENT = "2026-01-15 10:00:00+08:00"  # inside 荣昌区's 2026 commitment window


def test_every_url_name_is_declared():
    declared = {name for _method, name in DECLARED}
    missing = sorted(set(NAMES) - declared)
    assert not missing, (
        "URL names no app declares: add a row for each to the access.py beside the app's "
        "urls.py (see renda.core.testing, 'Access'):\n  " + "\n  ".join(missing)
    )


def test_every_declaration_names_a_url():
    unknown = sorted(
        f"{row.where}: {row.method} {row.name}"
        for row in DECLARED.values()
        if row.name not in NAMES
    )
    assert not unknown, "declared, but no such URL name:\n  " + "\n  ".join(unknown)


def test_a_write_only_url_is_declared_for_get_too():
    lonely = sorted(
        f"{row.where}: {row.name}"
        for row in DECLARED.values()
        if row.method != "GET" and ("GET", row.name) not in DECLARED
    )
    assert not lonely, "a write row needs the URL's GET row too:\n  " + "\n  ".join(lonely)


def test_out_of_scope_objects_answer_404():
    """Where the district's staff reach an object of 荣昌区, the staff of 铜梁区 get the 404 of a
    missing row, never the object (a 405 is the method refused before any lookup). Public
    objects (anonymous gets them too) and shared reference data (`*`) are read by all."""
    wrong = []
    for row in DECLARED.values():
        answers = row.answers
        if row.obj == "-" or row.shared or answers["anon"] in {"200", "ok"}:
            continue
        if answers["district"] in {"200", "ok"} and answers["other"] not in {"404", "405"}:
            wrong.append(f"{row.where}: {row.method} {row.name} other={answers['other']}")
    assert not wrong, "another district's staff must get 404:\n  " + "\n  ".join(wrong)


# --- Every URL as every role -----------------------------------------------------------------


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The shared world and a signed-in client per role, for the module."""
    with module_data(django_db_blocker, at=MOMENT):
        world = shared_world()
        clients = {}
        for role in ROLES:
            clients[role] = Client()
            if world.users[role] is not None:
                clients[role].force_login(world.users[role])
        yield world, clients


def _answer(response, sign_in: str) -> str:
    if response.status_code == 302:
        return "302" if response["Location"].startswith(sign_in) else "go"
    return str(response.status_code)


def _request(client, method: str, url: str, sign_in: str) -> str:
    try:
        return _answer(getattr(client, method.lower())(url), sign_in)
    except Exception as exc:  # a view that crashes answers 500; say which error
        return f"500 ({type(exc).__name__}: {exc})"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key", sorted(DECLARED, key=lambda k: (k[1], k[0])), ids=lambda k: f"{k[0]} {k[1]}"
)
def test_access(matrix, key):
    world, clients = matrix
    row = DECLARED[key]
    if row.name not in NAMES:
        pytest.skip("no such URL (see test_every_declaration_names_a_url)")
    url = reverse(row.name, args=row.args(world))
    sign_in = reverse("accounts:login")
    wrong = []
    with freeze_time(MOMENT):
        for role in ROLES:
            expected = row.answers[role]
            if expected == "ok":
                continue  # may take the step; an empty body would take it
            before = table_counts() if row.method != "GET" else None
            got = _request(clients[role], row.method, url, sign_in)
            if got != expected:
                wrong.append(f"{role}: declared {expected}, answered {got}")
            elif before is not None:
                if expected not in REFUSALS:
                    wrong.append(f"{role}: a write row's {expected} is not a refusal")
                changed = [
                    f"{t} {n}→{m}"
                    for (t, n), (_, m) in zip(before, table_counts(), strict=True)
                    if n != m
                ]
                if changed:
                    wrong.append(f"{role}: refused, yet wrote {', '.join(changed)}")
    assert not wrong, f"{row.where}: {row.method} {url} ({row.name})\n  " + "\n  ".join(wrong)

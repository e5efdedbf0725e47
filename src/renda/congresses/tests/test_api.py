"""/api/v1/congresses/, terms/ and sessions/ (staff only), per role: anonymous 401, a role
without access 403, staff of another district 404 exactly like a missing id, rightful staff."""

import pytest

from renda.accounts.tests.factories import staff_users, user_with
from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Session, Term
from renda.congresses.tests.factories import CongressFactory, SessionFactory, TermFactory, districts
from renda.core.api import ROLE_REFUSED
from renda.core.models import AuditEntry
from renda.core.testing import assert_refused, counter, queries, token_login
from renda.people.tests.factories import PersonFactory
from renda.regions.tests.factories import (
    HandlingUnitFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    w = districts()
    w.rc_congress = w.rc_term.congress
    w.rc_session = SessionFactory(term=w.rc_term)
    w.tl_congress = w.tl_term.congress
    w.tl_session = SessionFactory(term=w.tl_term)
    vars(w).update(staff_users(w))
    w.deputy = user_with("deputy", person=PersonFactory())
    w.unit = user_with("unit", handling_unit=HandlingUnitFactory(region=w.rc))
    return w


counts = counter(Congress, Term, Session, AuditEntry)


ENDPOINTS = {
    "/api/v1/congresses/": ("rc_congress", "tl_congress"),
    "/api/v1/terms/": ("rc_term", "tl_term"),
    "/api/v1/sessions/": ("rc_session", "tl_session"),
}


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_is_401(api, w, url):
    own = getattr(w, ENDPOINTS[url][0])
    before = counts()
    for response in (api.get(url), api.get(f"{url}{own.pk}/"), api.post(url, {}, format="json")):
        assert response.status_code == 401
        assert response.json()["detail"]
    assert counts() == before


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("role", ["deputy", "unit"])
def test_a_role_without_staff_access_is_403(api, w, url, role):
    token_login(api, getattr(w, role))
    before = counts()
    for response in (api.get(url), api.post(url, {}, format="json")):
        assert_refused(response, 403, ROLE_REFUSED)
    assert counts() == before


@pytest.mark.parametrize("url", ENDPOINTS)
def test_staff_of_another_district_get_404_like_a_missing_id(api, w, url):
    rc_object = getattr(w, ENDPOINTS[url][0])
    token_login(api, w.staff_tl)
    outside = api.get(f"{url}{rc_object.pk}/")
    missing = api.get(f"{url}987654/")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()
    before = counts()
    patched = api.patch(
        f"{url}{rc_object.pk}/", {"name": "改名", "end": "2026-12-30"}, format="json"
    )
    assert patched.status_code == 404
    assert counts() == before


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("who", ["staff_rc", "admin"])
def test_rightful_staff_read(api, w, url, who):
    rc_object = getattr(w, ENDPOINTS[url][0])
    token_login(api, getattr(w, who))
    assert api.get(f"{url}{rc_object.pk}/").status_code == 200
    ids = [row["id"] for row in api.get(url).json()["results"]]
    assert rc_object.pk in ids
    assert (getattr(w, ENDPOINTS[url][1]).pk in ids) == (who == "admin")


def test_terms_and_sessions_filter_by_their_parent(api, w):
    token_login(api, w.admin)
    assert [
        t["id"] for t in api.get("/api/v1/terms/", {"congress": w.rc_congress.pk}).json()["results"]
    ] == [w.rc_term.pk]
    assert [
        s["id"] for s in api.get("/api/v1/sessions/", {"term": w.tl_term.pk}).json()["results"]
    ] == [w.tl_session.pk]
    assert [c["id"] for c in api.get("/api/v1/congresses/", {"q": "铜梁"}).json()["results"]] == [
        w.tl_congress.pk
    ]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_lists_do_not_grow_in_queries_with_rows(api, w, url):
    token_login(api, w.admin)

    few = queries(api, url)
    for i in range(12):
        region = RegionFactory(code=f"500153{200 + i:03d}000", name=f"测试镇{i}", level=4)
        term = TermFactory(congress=CongressFactory(region=region, level=CongressLevel.TOWN))
        SessionFactory(term=term)
    assert queries(api, url) == few


# --- Writes -------------------------------------------------------------------------------------


def test_staff_create_a_congress_a_term_and_a_session(api, w):
    token_login(api, w.staff_rc)
    response = api.post(
        "/api/v1/congresses/",
        {"region": "500153104000", "level": CongressLevel.TOWN},
        format="json",
    )
    assert response.status_code == 201
    congress = response.json()
    assert congress["name"] == "直升镇人民代表大会"
    response = api.post(
        "/api/v1/terms/",
        {"congress": congress["id"], "ordinal": 18, "start": "2022-01-01", "end": "2026-12-31"},
        format="json",
    )
    assert response.status_code == 201
    term = response.json()
    assert term["label"] == "直升镇第十八届人民代表大会"
    response = api.post(
        "/api/v1/sessions/",
        {"term": term["id"], "ordinal": 1, "start": "2022-01-05", "end": "2022-01-06"},
        format="json",
    )
    assert response.status_code == 201
    for model, pk in (
        ("congress", congress["id"]),
        ("term", term["id"]),
        ("session", response.json()["id"]),
    ):
        assert AuditEntry.objects.filter(
            content_type__model=model, object_id=str(pk), action="create"
        ).exists()


def test_staff_create_nothing_in_another_district(api, w):
    token_login(api, w.staff_rc)
    before = counts()
    attempts = [
        ("/api/v1/congresses/", {"region": "500151000000", "level": CongressLevel.TOWN}),
        ("/api/v1/terms/", {"congress": w.tl_congress.pk, "ordinal": 20, "start": "2027-01-01"}),
        (
            "/api/v1/sessions/",
            {"term": w.tl_term.pk, "ordinal": 2, "start": "2023-01-01", "end": "2023-01-02"},
        ),
    ]
    for url, payload in attempts:
        assert api.post(url, payload, format="json").status_code == 404, url
    assert counts() == before


@pytest.mark.parametrize(
    "url,payload,message",
    [
        (
            "/api/v1/congresses/",
            {"region": "500153000000", "level": CongressLevel.COUNTY},
            "This region already has a congress at that level.",
        ),
        ("/api/v1/congresses/", {"region": "500153000000", "level": 9}, None),
        (
            "/api/v1/terms/",
            {"congress": "rc_congress", "ordinal": 20, "start": "2027-01-01", "end": "2026-01-01"},
            "A term must end after it starts.",
        ),
        (
            "/api/v1/terms/",
            {"congress": "rc_congress", "ordinal": 19, "start": "2027-01-01"},
            "This congress already has a term with that number.",
        ),
        (
            "/api/v1/sessions/",
            {"term": "rc_term", "ordinal": 2, "start": "2023-01-09", "end": "2023-01-01"},
            "A session cannot end before it starts.",
        ),
        (
            "/api/v1/sessions/",
            {"term": "rc_term", "ordinal": 2, "start": "not a date", "end": "2023-01-01"},
            None,
        ),
    ],
)
def test_bad_input_is_400_with_a_message_and_saves_nothing(api, w, url, payload, message):
    from django.utils.translation import gettext

    payload = {
        k: getattr(w, v).pk if isinstance(v, str) and hasattr(w, v) else v
        for k, v in payload.items()
    }
    before = counts()
    response = token_login(api, w.staff_rc).post(url, payload, format="json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail
    if message:
        assert detail == gettext(message)
    assert counts() == before


def test_staff_patch_only_the_editable_fields(api, w):
    token_login(api, w.staff_rc)
    response = api.patch(
        f"/api/v1/terms/{w.rc_term.pk}/", {"end": "2026-12-30", "ordinal": 99}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["end"], response.json()["ordinal"]) == ("2026-12-30", 19)
    response = api.patch(
        f"/api/v1/congresses/{w.rc_congress.pk}/",
        {"name": "重庆市荣昌区人民代表大会", "level": CongressLevel.TOWN},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["level"] == CongressLevel.COUNTY
    response = api.patch(
        f"/api/v1/sessions/{w.rc_session.pk}/", {"end": "2022-01-14"}, format="json"
    )
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="update").count() == 3

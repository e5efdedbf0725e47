"""/api/v1/regions/ (public to read, staff add and rename within their region) and
/api/v1/handling-units/ (staff and unit users), per role."""

from types import SimpleNamespace

import pytest

from renda.accounts.tests.factories import user_with
from renda.core.api import ROLE_REFUSED
from renda.core.models import AuditEntry
from renda.core.testing import assert_refused, counter, queries, token_login
from renda.core.tests import openapi
from renda.people.tests.factories import PersonFactory
from renda.regions.choices import RegionLevel
from renda.regions.models import HandlingUnit, Region
from renda.regions.services import PARENT_MISMATCH
from renda.regions.tests.factories import (
    HandlingUnitFactory,
    RegionFactory,
    rongchang,
    tongliang,
    town,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    rc, tl = rongchang(), tongliang()
    zs = town()
    rc_unit = HandlingUnitFactory(region=rc, name="荣昌区交通局")
    tl_unit = HandlingUnitFactory(region=tl, name="铜梁区交通局")
    return SimpleNamespace(
        cq=rc.parent,
        rc=rc,
        tl=tl,
        zs=zs,
        rc_unit=rc_unit,
        tl_unit=tl_unit,
        staff_rc=user_with("staff", region=rc),
        staff_tl=user_with("staff", region=tl),
        admin=user_with("admin"),
        deputy=user_with("deputy", person=PersonFactory()),
        unit=user_with("unit", handling_unit=rc_unit),
    )


counts = counter(Region, HandlingUnit, AuditEntry)


# --- Regions ------------------------------------------------------------------------------------


def test_anyone_reads_the_division_tree(api, w):
    response = api.get("/api/v1/regions/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 4
    row = next(r for r in data["results"] if r["code"] == "500153104000")
    assert row == {
        "id": w.zs.pk,
        "code": "500153104000",
        "name": "直升镇",
        "level": RegionLevel.TOWN,
        "level_display": row["level_display"],
        "parent": "500153000000",
    }
    assert api.get(f"/api/v1/regions/{w.zs.pk}/").json()["name"] == "直升镇"


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"level": RegionLevel.COUNTY}, {"500153000000", "500151000000"}),
        ({"parent": "500153000000"}, {"500153104000"}),
        ({"q": "铜梁"}, {"500151000000"}),
        ({"q": "5001531"}, {"500153104000"}),
    ],
)
def test_region_filters(api, w, params, expected):
    assert {r["code"] for r in api.get("/api/v1/regions/", params).json()["results"]} == expected


@pytest.mark.parametrize("role", ["deputy", "unit", "staff_tl", "admin"])
def test_signed_in_users_read_the_whole_tree(api, w, role):
    assert token_login(api, getattr(w, role)).get("/api/v1/regions/").json()["count"] == 4


def test_regions_queries_do_not_grow_with_rows(api, w):
    few = queries(api, "/api/v1/regions/")
    for i in range(12):
        RegionFactory(
            code=f"500153{200 + i:03d}000", name=f"测试镇{i}", level=RegionLevel.TOWN, parent=w.rc
        )
    assert queries(api, "/api/v1/regions/") == few
    token_login(api, w.staff_rc)
    # The token and the grants, once each; no public version is read for a signed-in user.
    assert queries(api, "/api/v1/regions/") == few - 1 + 2


def test_adding_a_region_needs_a_signed_in_staff(api, w):
    payload = {"code": "500153104201", "name": "黄泥村", "parent": "500153104000"}
    before = counts()
    assert api.post("/api/v1/regions/", payload, format="json").status_code == 401
    for role in ("deputy", "unit"):
        response = token_login(api, getattr(w, role)).post(
            "/api/v1/regions/", payload, format="json"
        )
        assert_refused(response, 403, ROLE_REFUSED)
    assert counts() == before


def test_staff_add_a_village_under_their_town(api, w):
    response = token_login(api, w.staff_rc).post(
        "/api/v1/regions/",
        {"code": "500153104201", "name": "黄泥村", "parent": "500153104000"},
        format="json",
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["level"], data["parent"]) == (RegionLevel.VILLAGE, "500153104000")
    assert AuditEntry.objects.filter(
        object_id=str(data["id"]), content_type__model="region"
    ).exists()


def test_staff_of_another_district_cannot_add_under_it(api, w):
    before = counts()
    response = token_login(api, w.staff_tl).post(
        "/api/v1/regions/",
        {"code": "500153104201", "name": "黄泥村", "parent": "500153104000"},
        format="json",
    )
    assert response.status_code == 404
    assert counts() == before


@pytest.mark.parametrize(
    "payload,message",
    [
        ({"code": "500151104201", "name": "黄泥村", "parent": "500153104000"}, PARENT_MISMATCH),
        ({"code": "5001", "name": "黄泥村", "parent": "500153104000"}, None),
        ({"code": "500153104201", "name": "黄泥村", "parent": "999999999999"}, None),
        ({"code": "500153104201", "name": "", "parent": "500153104000"}, None),
    ],
)
def test_a_bad_region_is_400_with_a_message(api, w, payload, message):
    before = counts()
    response = token_login(api, w.staff_rc).post("/api/v1/regions/", payload, format="json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail
    if message:
        assert detail == str(message)
    assert counts() == before


def test_staff_rename_their_region_only(api, w):
    before = counts()
    assert (
        token_login(api, w.staff_tl)
        .patch(f"/api/v1/regions/{w.zs.pk}/", {"name": "改名"}, format="json")
        .status_code
        == 404
    )
    assert counts() == before
    response = token_login(api, w.staff_rc).patch(
        f"/api/v1/regions/{w.zs.pk}/", {"name": "直升镇（新）"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["name"] == "直升镇（新）"
    assert AuditEntry.objects.get(object_id=str(w.zs.pk), action="update").changes == {
        "name": ["直升镇", "直升镇（新）"]
    }


# --- Handling units -----------------------------------------------------------------------------


def test_handling_units_per_role(api, w):
    assert api.get("/api/v1/handling-units/").status_code == 401
    response = token_login(api, w.deputy).get("/api/v1/handling-units/")
    assert_refused(response, 403, ROLE_REFUSED)
    # A unit user reads their own unit; staff read their district's.
    unit_rows = token_login(api, w.unit).get("/api/v1/handling-units/").json()["results"]
    assert [r["name"] for r in unit_rows] == ["荣昌区交通局"]
    staff_rows = token_login(api, w.staff_tl).get("/api/v1/handling-units/").json()["results"]
    assert [r["name"] for r in staff_rows] == ["铜梁区交通局"]


def test_a_unit_of_another_district_is_404_like_a_missing_id(api, w):
    token_login(api, w.staff_tl)
    outside = api.get(f"/api/v1/handling-units/{w.rc_unit.pk}/")
    missing = api.get("/api/v1/handling-units/987654/")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()
    before = counts()
    assert (
        api.patch(
            f"/api/v1/handling-units/{w.rc_unit.pk}/", {"name": "x"}, format="json"
        ).status_code
        == 404
    )
    assert counts() == before


def test_staff_create_and_edit_a_unit(api, w):
    """Regression: a PATCH without region and name was refused as incomplete."""
    token_login(api, w.staff_rc)
    response = api.post(
        "/api/v1/handling-units/",
        {"region": "500153000000", "name": "荣昌区农业农村委", "phone": "023-46701234"},
        format="json",
    )
    assert response.status_code == 201
    unit_id = response.json()["id"]
    response = api.patch(
        f"/api/v1/handling-units/{unit_id}/",
        {"active": False, "region": "500151000000"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["active"] is False
    assert response.json()["region"] == "500153000000"
    assert list(
        AuditEntry.objects.filter(object_id=str(unit_id), content_type__model="handlingunit")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["create", "update"]


def test_a_unit_user_cannot_edit_their_unit(api, w):
    before = counts()
    response = token_login(api, w.unit).patch(
        f"/api/v1/handling-units/{w.rc_unit.pk}/", {"name": "x"}, format="json"
    )
    assert response.status_code == 404
    assert counts() == before


@pytest.mark.parametrize(
    "payload,status",
    [
        ({"region": "500151000000", "name": "越界局"}, 404),
        ({"region": "500153000000", "name": "荣昌区交通局"}, 400),
        ({"region": "500153000000", "name": ""}, 400),
    ],
)
def test_a_bad_unit_is_refused_and_saves_nothing(api, w, payload, status):
    before = counts()
    response = token_login(api, w.staff_rc).post("/api/v1/handling-units/", payload, format="json")
    assert response.status_code == status
    assert response.json()["detail"]
    assert counts() == before


def test_handling_units_queries_do_not_grow_with_rows(api, w):
    token_login(api, w.staff_rc)
    few = queries(api, "/api/v1/handling-units/")
    HandlingUnitFactory.create_batch(12, region=w.zs)
    assert queries(api, "/api/v1/handling-units/") == few


# --- The answers are what the schema says -----------------------------------------------------


def test_the_top_region_has_no_parent_and_the_schema_allows_it(api, w):
    """Guards GET /regions/: 重庆市 has no parent and answers `null`, which the schema said was
    always text."""
    rows = {row["code"]: row for row in api.get("/api/v1/regions/").json()["results"]}
    assert rows[w.cq.code]["parent"] is None
    assert openapi.response("/api/v1/regions/{id}/", "get")["properties"]["parent"]["nullable"]


def test_adding_and_renaming_a_region_answer_and_document_the_region(api, w):
    """Guards the schema of POST /regions/ and PATCH /regions/{id}/: their answer was
    documented with the input format (no `id`, `level`); it is the region as GET gives it."""
    token_login(api, w.staff_rc)
    response = api.post(
        "/api/v1/regions/", {"code": "500153106000", "name": "峰高街道", "parent": w.rc.code}
    )
    assert response.status_code == 201, response.content
    assert {"id", "level", "level_display", "parent"} <= set(response.json())
    read = openapi.response("/api/v1/regions/{id}/", "get")
    assert openapi.response("/api/v1/regions/", "post", "201") == read
    assert openapi.response("/api/v1/regions/{id}/", "patch") == read

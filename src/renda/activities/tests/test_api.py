"""/api/v1/ of the activity register: scoped like the pages, one endpoint per workflow step,
refusals answered with their message and nothing written, and the schema lists it all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from renda.activities import services
from renda.activities.choices import ActivityStatus
from renda.activities.models import Activity, ActivityBatch, ActivityType, Excuse, Requirement
from renda.activities.tests.factories import ExcuseFactory, world
from renda.core.models import AuditEntry
from renda.core.testing import as_user, counter, frozen_at, id_set, photo
from renda.core.tests import openapi
from renda.people.tests.factories import GroupFactory, MandateFactory, MembershipFactory

pytestmark = pytest.mark.django_db

S = ActivityStatus


frozen = frozen_at("2024-06-15 10:00:00+08:00")


@pytest.fixture
def w():
    return world()


written = counter(Activity, AuditEntry)


# --- Activities -------------------------------------------------------------------------------


def test_a_deputy_lists_their_own_and_staff_their_districts(api, w):
    mine = id_set(as_user(api, w.deputy).get("/api/v1/activities/"))
    assert mine == {w.submitted.pk, w.verified.pk, w.rejected.pk}
    staff = id_set(as_user(api, w.staff_rc).get("/api/v1/activities/", {"status": "submitted"}))
    assert staff == {w.submitted.pk}
    assert w.tl_submitted.pk not in id_set(as_user(api, w.staff_rc).get("/api/v1/activities/"))


def test_a_deputy_registers_with_a_photo_under_their_own_seat(api, w):
    response = as_user(api, w.deputy).post(
        "/api/v1/activities/",
        {
            "activity_type": w.types["reception"].pk,
            "day": "2024-06-01",
            "content": "接待选民",
            "person_times": 25,
            "files": [photo()],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "submitted" and body["mandate"] == w.li_seat.pk
    assert body["evidence"][0]["kind"] == "photo"


def test_registration_refusals_name_the_field(api, w):
    before = written()
    response = as_user(api, w.deputy).post(
        "/api/v1/activities/",
        {"activity_type": w.types["reception"].pk, "day": "2024-06-01", "content": "接待"},
        format="json",
    )
    assert response.status_code == 400 and "person_times" in response.json()["errors"]
    assert written() == before


def test_staff_register_for_a_seat_verified_on_entry(api, w):
    response = as_user(api, w.staff_rc).post(
        "/api/v1/activities/",
        {
            "mandate": w.wang_seat.pk,
            "activity_type": w.types["survey"].pk,
            "day": "2024-06-01",
            "content": "调研",
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["status"] == "verified"


def test_staff_without_a_seat_must_name_one(api, w):
    response = as_user(api, w.staff_rc).post(
        "/api/v1/activities/",
        {"activity_type": w.types["survey"].pk, "day": "2024-06-01", "content": "调研"},
        format="json",
    )
    assert response.status_code == 400 and "mandate" in response.json()["errors"]


def test_each_step_is_its_own_endpoint(api, w):
    staff = as_user(api, w.staff_rc)
    assert staff.post(f"/api/v1/activities/{w.submitted.pk}/verify/").json()["status"] == (
        "verified"
    )
    r = staff.post(f"/api/v1/activities/{w.verified.pk}/revoke/", {"note": "未参加"})
    assert r.json()["status"] == "rejected"
    deputy = as_user(APIClient(), w.deputy)
    assert deputy.post(f"/api/v1/activities/{w.rejected.pk}/resubmit/").json()["status"] == (
        "submitted"
    )
    assert deputy.post(f"/api/v1/activities/{w.rejected.pk}/withdraw/").json()["status"] == (
        "withdrawn"
    )


def test_a_rejection_needs_a_reason(api, w):
    before = written()
    r = as_user(api, w.staff_rc).post(f"/api/v1/activities/{w.submitted.pk}/reject/", {})
    assert r.status_code == 400 and written() == before
    r = api.post(f"/api/v1/activities/{w.submitted.pk}/reject/", {"note": "无照片"})
    assert r.json()["status"] == "rejected" and r.json()["status_note"] == "无照片"


def test_a_deputy_may_not_verify_and_an_invalid_step_is_a_conflict(api, w):
    assert as_user(api, w.deputy).post(
        f"/api/v1/activities/{w.submitted.pk}/verify/"
    ).status_code == (403)
    r = api.post(f"/api/v1/activities/{w.verified.pk}/withdraw/")
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"


def test_staff_of_another_district_get_404(api, w):
    staff = as_user(api, w.staff_tl)
    assert staff.get(f"/api/v1/activities/{w.submitted.pk}/").status_code == 404
    before = written()
    assert staff.post(f"/api/v1/activities/{w.submitted.pk}/verify/").status_code == 404
    assert written() == before


def test_the_deputy_corrects_and_adds_evidence(api, w):
    deputy = as_user(api, w.deputy)
    r = deputy.patch(f"/api/v1/activities/{w.submitted.pk}/", {"place": "黄泥村"}, format="json")
    assert r.status_code == 200 and r.json()["place"] == "黄泥村"
    r = deputy.post(
        f"/api/v1/activities/{w.submitted.pk}/evidence/",
        {"files": [photo()]},
        format="multipart",
    )
    assert r.status_code == 201 and len(r.json()["evidence"]) == 1


def test_the_activity_list_queries_do_not_grow(api, w):
    staff = as_user(api, w.staff_rc)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert staff.get("/api/v1/activities/").status_code == 200
        return len(ctx.captured_queries)

    count()  # the first request reads the caller's grants
    few = count()
    for n in range(5):
        w.make(MandateFactory(term=w.rc_term), S.SUBMITTED, content=f"更多{n}")
    assert count() == few


# --- Catalogue, batches, minimums, excuses ----------------------------------------------------


def test_types_are_read_by_deputies_and_written_by_staff(api, w):
    r = as_user(api, w.deputy).get("/api/v1/activity-types/", {"congress": w.congress.pk})
    assert r.status_code == 200 and r.json()["count"] == len(w.types)
    data = {"congress": w.congress.pk, "code": "forum", "name": "代表论坛", "category": "speech"}
    assert api.post("/api/v1/activity-types/", data, format="json").status_code == 403
    staff = as_user(APIClient(), w.staff_rc)
    r = staff.post("/api/v1/activity-types/", data, format="json")
    assert r.status_code == 201
    r = staff.patch(f"/api/v1/activity-types/{r.json()['id']}/", {"active": False}, format="json")
    assert r.json()["active"] is False
    assert (
        as_user(APIClient(), w.staff_tl)
        .post("/api/v1/activity-types/", {**data, "code": "x2"}, format="json")
        .status_code
        == 404
    )


def test_a_group_registration_by_seats_and_groups(api, w):
    group = GroupFactory(congress=w.congress)
    MembershipFactory(group=group, mandate=w.wang_seat)
    r = as_user(api, w.staff_rc).post(
        "/api/v1/activity-batches/",
        {
            "congress": w.congress.pk,
            "activity_type": w.types["inspection"].pk,
            "day": "2024-06-01",
            "content": "视察",
            "mandates": [w.li_seat.pk],
            "groups": [group.pk],
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert {a["person_name"] for a in r.json()["activities"]} == {"黎源", "王芳"}
    assert api.get(f"/api/v1/activity-batches/{r.json()['id']}/").status_code == 200
    assert ActivityBatch.objects.count() == 1


def test_a_group_registration_of_another_district_is_refused(api, w):
    r = as_user(api, w.staff_tl).post(
        "/api/v1/activity-batches/",
        {
            "congress": w.congress.pk,
            "activity_type": w.types["inspection"].pk,
            "day": "2024-06-01",
            "content": "视察",
            "mandates": [w.li_seat.pk],
        },
        format="json",
    )
    assert r.status_code == 404 and not ActivityBatch.objects.exists()


def test_requirements_are_set_applied_and_deleted(api, w):
    staff = as_user(api, w.staff_rc)
    assert len(id_set(staff.get("/api/v1/requirements/", {"term": w.rc_term.pk}))) == 6
    r = staff.post(
        "/api/v1/requirements/",
        {"term": w.rc_term.pk, "category": "speech", "period": "year", "minimum": 4},
        format="json",
    )
    assert r.status_code == 201 and r.json()["minimum"] == 4
    assert staff.delete(f"/api/v1/requirements/{r.json()['id']}/").status_code == 204
    r = staff.post("/api/v1/requirements/apply-preset/", {"term": w.rc_term.pk}, format="json")
    assert r.status_code == 200 and len(r.json()) == 6
    tl = as_user(APIClient(), w.staff_tl)
    assert (
        tl.post(
            "/api/v1/requirements/apply-preset/", {"term": w.rc_term.pk}, format="json"
        ).status_code
        == 404
    )
    assert Requirement.objects.filter(term=w.rc_term).count() == 6


def test_excuses_are_recorded_listed_and_deleted(api, w):
    staff = as_user(api, w.staff_rc)
    r = staff.post(
        "/api/v1/excuses/",
        {"mandate": w.li_seat.pk, "start": "2024-03-01", "end": "2024-04-01", "reason": "leave"},
        format="json",
    )
    assert r.status_code == 201
    assert id_set(as_user(APIClient(), w.deputy).get("/api/v1/excuses/")) == {r.json()["id"]}
    assert id_set(as_user(APIClient(), w.other_deputy).get("/api/v1/excuses/")) == set()
    assert as_user(APIClient(), w.deputy).delete(
        f"/api/v1/excuses/{r.json()['id']}/"
    ).status_code in (
        403,
        404,
    )
    assert staff.delete(f"/api/v1/excuses/{r.json()['id']}/").status_code == 204
    assert not Excuse.objects.exists()


# --- Progress and shortfalls ------------------------------------------------------------------


def test_progress_of_my_seats_and_of_a_seat(api, w):
    ExcuseFactory(mandate=w.li_seat)
    r = as_user(api, w.deputy).get("/api/v1/activity-progress/")
    (seat,) = r.json()
    assert seat["mandate"] == w.li_seat.pk and seat["compliance"] == "excused"
    speech = seat["standings"][0]
    assert speech["category"] == "speech" and speech["remaining"] == 3 and speech["words"]
    assert api.get("/api/v1/activity-progress/", {"mandate": w.wang_seat.pk}).status_code == 404
    staff = as_user(APIClient(), w.staff_rc)
    r = staff.get("/api/v1/activity-progress/", {"mandate": w.wang_seat.pk, "year": 2024})
    assert r.json()[0]["compliance"] == "not_met"


def test_shortfalls_for_staff(api, w):
    ExcuseFactory(mandate=w.wang_seat)
    r = as_user(api, w.staff_rc).get(
        "/api/v1/shortfalls/", {"congress": w.congress.pk, "year": 2024}
    )
    body = r.json()
    assert [row["person_name"] for row in body["below"]] == ["黎源"]
    assert [row["person_name"] for row in body["excused"]] == ["王芳"]
    assert body["below"][0]["shortfalls"][0]["words"]
    assert api.get("/api/v1/shortfalls/").status_code == 400
    tl = as_user(APIClient(), w.staff_tl)
    assert tl.get("/api/v1/shortfalls/", {"congress": w.congress.pk}).status_code == 404
    assert as_user(APIClient(), w.deputy).get("/api/v1/shortfalls/").status_code == 403


def test_the_schema_lists_the_activity_endpoints(api, w):
    as_user(api, w.admin)
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    if response.status_code != 200:  # pragma: no cover - another app's schema is broken
        pytest.skip("the schema does not build")
    paths = response.json()["paths"]
    for path in [
        "/api/v1/activity-types/",
        "/api/v1/activities/",
        "/api/v1/activities/{id}/verify/",
        "/api/v1/activities/{id}/reject/",
        "/api/v1/activities/{id}/revoke/",
        "/api/v1/activities/{id}/withdraw/",
        "/api/v1/activities/{id}/resubmit/",
        "/api/v1/activities/{id}/evidence/",
        "/api/v1/activity-batches/",
        "/api/v1/requirements/",
        "/api/v1/requirements/apply-preset/",
        "/api/v1/excuses/",
        "/api/v1/activity-progress/",
        "/api/v1/shortfalls/",
    ]:
        assert path in paths, path


def test_record_from_source_then_listed(api, w):
    services.activity_record_from_source(
        source_type="meetings.attendance",
        source_id="7",
        mandate=w.li_seat,
        activity_type_code="attend_standing_committee",
        day=w.verified.day,
        content="列席常委会会议",
    )
    rows = (
        as_user(api, w.deputy).get("/api/v1/activities/", {"status": "verified"}).json()["results"]
    )
    assert {"meetings.attendance"} <= {r["source_type"] for r in rows}
    assert ActivityType.objects.filter(congress=w.congress).count() == len(w.types)


# --- Bad input answers 400, another's seat like a missing one -------------------------------


@pytest.mark.parametrize(
    "who,url,params",
    [
        ("deputy", "/api/v1/activities/", {"year": "10000"}),
        ("deputy", "/api/v1/activities/", {"year": "0"}),
        ("staff_rc", "/api/v1/excuses/", {"year": "10000"}),
        ("staff_rc", "/api/v1/excuses/", {"year": "0"}),
        ("staff_rc", "/api/v1/activity-batches/", {"year": "0"}),
        ("deputy", "/api/v1/activity-progress/", {"year": "0"}),
        ("deputy", "/api/v1/activity-progress/", {"year": "-17290077"}),
        ("staff_rc", "/api/v1/shortfalls/", {"level": "3", "year": "10000"}),
        ("staff_rc", "/api/v1/activities/", {"mandate": str(10**40)}),
    ],
)
def test_a_year_no_date_holds_is_bad_input(api, w, who, url, params):
    """Guards ?year=10000 and ?year=0 on the activity lists, excuses, progress and shortfalls
    (a date of that year was built deep in a lookup: ValueError, a 500), and a seat id no key
    column holds (an OverflowError): each is a 400 naming the parameter."""
    response = as_user(api, getattr(w, who)).get(url, params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert set(params) - {"level"} <= set(body["errors"])


def test_a_deputy_naming_another_deputys_seat_is_answered_like_a_missing_one(api, w):
    """Guards POST /activities/ by a deputy with `mandate` set to another deputy's seat: it
    answered 403 where a seat that does not exist answered 400, telling the two apart. Both
    are now the same 400 ("invalid pk"), and nothing is written."""
    missing = w.li_seat.pk + w.wang_seat.pk + w.tl_seat.pk + 1000
    data = {"activity_type": w.types["inspection"].pk, "day": "2024-06-01", "content": "视察"}
    before = written()
    deputy = as_user(api, w.deputy)
    others = deputy.post("/api/v1/activities/", {**data, "mandate": w.wang_seat.pk}, format="json")
    nowhere = deputy.post("/api/v1/activities/", {**data, "mandate": missing}, format="json")
    assert others.status_code == nowhere.status_code == 400
    assert set(others.json()["errors"]) == set(nowhere.json()["errors"]) == {"mandate"}
    assert others.json()["errors"]["mandate"] == [
        message.replace(str(missing), str(w.wang_seat.pk))
        for message in nowhere.json()["errors"]["mandate"]
    ]
    assert written() == before
    # Their own seat is still theirs to name.
    own = deputy.post("/api/v1/activities/", {**data, "mandate": w.li_seat.pk}, format="json")
    assert own.status_code == 201, own.content


def test_the_shortfall_report_is_the_one_object_the_schema_says(api, w):
    """Guards the schema of GET /shortfalls/: it said a list of reports; the answer is one
    report (year, seats, below, excused)."""
    response = as_user(api, w.staff_rc).get("/api/v1/shortfalls/", {"congress": w.congress.pk})
    assert response.status_code == 200
    assert {"year", "seats", "below", "excused"} <= set(response.json())
    documented = openapi.response("/api/v1/shortfalls/", "get")
    assert documented["type"] == "object" and "below" in documented["properties"]
    assert openapi.operation("/api/v1/shortfalls/", "get")["operationId"] == "shortfalls_list"


def test_a_town_code_with_a_nul_is_a_missing_town(api, w):
    """Guards GET /shortfalls/?town= with a NUL character, which PostgreSQL refuses to compare
    (a DataError, a 500): no region has such a code, so it is a missing town, a 404."""
    response = as_user(api, w.staff_rc).get(
        "/api/v1/shortfalls/", {"congress": w.congress.pk, "town": "500153\x00104000"}
    )
    assert response.status_code == 404 and response.json()["code"] == "not_found"

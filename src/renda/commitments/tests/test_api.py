"""/api/v1/ for commitment years, commitments and their workflow steps, and the public list, per
role: anonymous (401), a role without access (403), staff of another district (404 exactly like
a missing id), the rightful staff and the deputy themself; plus privacy, filters, refusals that
change nothing, multipart progress, the hints and query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from renda.accounts.tests.factories import user_with
from renda.commitments import services, similarity
from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import Commitment, CommitmentProgress, CommitmentYear
from renda.commitments.tests.factories import (
    CommitmentYearFactory,
    job_duty,
    world,
)
from renda.core.api import ROLE_REFUSED
from renda.core.models import AuditEntry
from renda.core.testing import as_user, assert_refused, counter, frozen_at, id_set, photo, queries
from renda.core.tests import openapi
from renda.people.tests.factories import MandateFactory

pytestmark = pytest.mark.django_db

S = CommitmentStatus


frozen = frozen_at("2026-01-15 10:00:00+08:00")


@pytest.fixture
def w():
    w = world()
    w.draft = w.make(w.li_seat, S.DRAFT, "为黄泥村修建便民桥一座")
    w.submitted = w.make(w.li_seat, S.SUBMITTED, "全年走访选区选民500人次")
    w.returned = w.make(w.li_seat, S.RETURNED, "抓好本村党建工作")
    w.approved = w.make(w.li_seat, S.APPROVED, "宣讲民法典10场", target_value=10, target_unit="场")
    w.fulfilled = w.make(w.wang_seat, S.FULFILLED, "为困难群众捐款2000元")
    w.tl_submitted = w.make(w.tl_seat, S.SUBMITTED, "铜梁的承诺")
    w.unit = None
    return w


counts = counter(Commitment, CommitmentYear, CommitmentProgress, AuditEntry)


def detail(c, step="") -> str:
    return f"/api/v1/commitments/{c.pk}/" + (f"{step}/" if step else "")


# --- Who may call what ------------------------------------------------------------------------

STEPS = [
    ("submit", "draft", {}),
    ("withdraw", "submitted", {}),
    ("approve", "submitted", {}),
    ("return", "submitted", "reason"),
    ("cancel", "submitted", {"note": "代表资格终止"}),
    ("close", "approved", {"result": S.FULFILLED}),
    ("progress", "approved", {"text": "走访"}),
]


def _body(spec):
    return {"reason": job_duty().pk, "note": "本职"} if spec == "reason" else spec


@pytest.mark.parametrize(
    "method,url",
    [
        ("get", "/api/v1/commitments/"),
        ("post", "/api/v1/commitments/"),
        ("get", "/api/v1/commitment-years/"),
        ("post", "/api/v1/commitment-years/"),
    ],
)
def test_anonymous_get_401(api, w, method, url):
    assert getattr(api, method)(url, {}, format="json").status_code == 401


@pytest.mark.parametrize("step,attr,body", STEPS)
def test_anonymous_steps_get_401_and_change_nothing(api, w, step, attr, body):
    before = counts()
    response = api.post(detail(getattr(w, attr), step), _body(body), format="json")
    assert response.status_code == 401
    assert counts() == before


@pytest.mark.parametrize("step", ["approve", "return", "cancel", "close", "hints"])
def test_a_deputy_gets_403_on_staff_steps(api, w, step):
    before = counts()
    as_user(api, w.deputy)
    call = api.get if step == "hints" else api.post
    response = call(detail(w.submitted, step), {}, format="json")
    assert_refused(response, 403, ROLE_REFUSED)
    assert counts() == before


def test_a_deputy_cannot_open_or_change_years(api, w):
    as_user(api, w.deputy)
    assert api.get("/api/v1/commitment-years/").status_code == 200
    response = api.patch(f"/api/v1/commitment-years/{w.cycle.pk}/", {"max_count": 9})
    assert response.status_code == 403
    response = api.post(
        "/api/v1/commitment-years/",
        {
            "congress": w.cycle.congress_id,
            "year": 2027,
            "opens": "2027-01-01",
            "closes": "2027-02-01",
        },
        format="json",
    )
    assert response.status_code == 403


def test_a_liaison_reads_but_does_not_write(api, w):
    as_user(api, w.liaison)
    assert id_set(api.get("/api/v1/commitments/")) == {w.approved.pk}
    before = counts()
    assert api.post(detail(w.approved, "progress"), {"text": "走访"}).status_code == 403
    assert counts() == before


@pytest.mark.parametrize("step,attr,body", STEPS)
def test_staff_of_another_district_get_404_like_a_missing_id(api, w, step, attr, body):
    as_user(api, w.staff_tl)
    before = counts()
    outside = api.post(detail(getattr(w, attr), step), _body(body), format="json")
    missing = api.post(f"/api/v1/commitments/987654/{step}/", _body(body), format="json")
    # A deputy's own step is refused to any staff by role, before anything is looked up.
    status = 403 if step in ("submit", "withdraw") else 404
    assert outside.status_code == missing.status_code == status
    assert outside.json() == missing.json()
    assert counts() == before


@pytest.mark.parametrize("url", ["/api/v1/commitments/{}/", "/api/v1/commitments/{}/hints/"])
def test_staff_of_another_district_cannot_read_it(api, w, url):
    as_user(api, w.staff_tl)
    outside = api.get(url.format(w.submitted.pk))
    missing = api.get(url.format(987654))
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()


def test_another_deputy_gets_404(api, w):
    as_user(api, w.other_deputy)
    assert api.get(detail(w.draft)).status_code == 404
    before = counts()
    assert api.post(detail(w.draft, "submit")).status_code == 404
    assert api.patch(detail(w.draft), {"title": "改"}, format="json").status_code == 404
    assert counts() == before


# --- Lists and filters ------------------------------------------------------------------------


def test_each_role_lists_what_it_reaches(api, w):
    mine = {w.draft.pk, w.submitted.pk, w.returned.pk, w.approved.pk}
    assert id_set(as_user(api, w.deputy).get("/api/v1/commitments/")) == mine
    assert id_set(as_user(APIClient(), w.staff_rc).get("/api/v1/commitments/")) == mine | {
        w.fulfilled.pk
    }
    assert id_set(as_user(APIClient(), w.staff_tl).get("/api/v1/commitments/")) == {
        w.tl_submitted.pk
    }


def test_filters_by_status_year_and_person(api, w):
    as_user(api, w.staff_rc)
    assert id_set(api.get("/api/v1/commitments/", {"status": "submitted"})) == {w.submitted.pk}
    assert id_set(api.get("/api/v1/commitments/", {"person": w.wang.pk})) == {w.fulfilled.pk}
    assert id_set(api.get("/api/v1/commitments/", {"year": 2025})) == set()
    assert id_set(api.get("/api/v1/commitments/", {"town": w.zs.code, "status": "approved"})) == {
        w.approved.pk
    }


def test_the_returned_one_carries_its_reason_for_the_deputy(api, w):
    row = as_user(api, w.deputy).get(detail(w.returned)).json()
    assert row["status"] == "returned"
    assert row["return_reason"]["code"] == "job_duty"
    assert row["return_reason"]["is_job_duty"] is True
    assert row["status_note"] == "这是村支书的本职工作"


@pytest.mark.parametrize(
    "url,who",
    [
        ("/api/v1/commitments/", "staff_rc"),
        ("/api/v1/commitment-years/", "staff_rc"),
        ("/api/v1/public-commitments/", None),
    ],
)
def test_list_queries_do_not_grow_with_rows(api, w, url, who):
    as_user(api, getattr(w, who) if who else None)
    services.progress_add(
        actor=w.deputy, commitment=w.approved, text="宣讲1场", value=1, files=[photo()]
    )
    queries(api, url)  # the user's scope is read once and kept on the user object
    few = queries(api, url)
    for i in range(8):
        c = w.make(MandateFactory(term=w.rc_term), S.APPROVED, f"承诺{i}")
        services.progress_add(actor="test", commitment=c, text="完成", value=1, files=[photo()])
        CommitmentYearFactory(congress=w.cycle.congress, year=2010 + i)
    assert queries(api, url) == few


# --- Creating and revising --------------------------------------------------------------------


def _new(w, **changes):
    data = {
        "commitment_year": w.cycle.pk,
        "category": w.cycle.categories.get(name="带动发展").pk,
        "title": "带动10户群众发展肉牛养殖",
        "target_value": "10",
        "target_unit": "户",
        "due": "2026-11-30",
    }
    data.update(changes)
    return data


def test_the_deputy_creates_their_own_draft(api, w):
    response = as_user(api, w.deputy).post("/api/v1/commitments/", _new(w), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["person"], body["mandate"], body["status"]) == (w.li.pk, w.li_seat.pk, "draft")
    assert body["year"] == 2026 and body["category_name"] == "带动发展"


def test_staff_create_for_a_named_deputy(api, w):
    response = as_user(api, w.staff_rc).post(
        "/api/v1/commitments/", _new(w, person=w.wang.pk), format="json"
    )
    assert response.status_code == 201
    assert response.json()["person"] == w.wang.pk


def test_staff_must_name_the_deputy(api, w):
    before = counts()
    response = as_user(api, w.staff_rc).post("/api/v1/commitments/", _new(w), format="json")
    assert response.status_code == 400
    assert "person" in response.json()["errors"]
    assert counts() == before


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"due": "2027-01-10"}, "due"),
        ({"commitment_year": "tl"}, "commitment_year"),
        ({"target_unit": ""}, None),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(api, w, changes, field):
    if changes.get("commitment_year") == "tl":
        changes = {"commitment_year": w.tl_cycle.pk}
    before = counts()
    response = as_user(api, w.deputy).post(
        "/api/v1/commitments/", _new(w, **changes), format="json"
    )
    assert response.status_code in (400, 404)
    if field:
        body = response.json()
        assert field in body.get("errors", {}) or response.status_code == 404
    assert counts() == before


def test_create_after_the_window_is_refused(api, w, frozen):
    frozen.move_to("2026-03-01 10:00:00+08:00")
    before = counts()
    response = as_user(api, w.deputy).post("/api/v1/commitments/", _new(w), format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_failed"
    assert counts() == before


def test_create_at_the_limit_is_refused(api, w):
    for i in range(2):
        w.make(w.li_seat, S.DRAFT, f"第{i}项")
    before = counts()
    response = as_user(api, w.deputy).post("/api/v1/commitments/", _new(w), format="json")
    assert_refused(response, 400, services.TOO_MANY % {"max": 6})
    assert counts() == before


def test_patch_while_editable_only(api, w):
    as_user(api, w.deputy)
    response = api.patch(detail(w.returned), {"title": "为困难户免费修缮房屋3户"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "为困难户免费修缮房屋3户"
    before = counts()
    response = api.patch(detail(w.submitted), {"title": "偷偷改"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert counts() == before


def test_patch_cannot_set_the_status(api, w):
    before = counts()
    response = as_user(api, w.deputy).patch(detail(w.draft), {"status": "approved"}, format="json")
    w.draft.refresh_from_db()
    assert w.draft.status == S.DRAFT
    assert response.status_code == 200  # an unknown field is ignored, as DRF does
    assert counts() == before


# --- The workflow steps -----------------------------------------------------------------------


def test_the_cycle_through_the_api(api, w):
    deputy, staff = as_user(APIClient(), w.deputy), as_user(APIClient(), w.staff_rc)
    made = deputy.post("/api/v1/commitments/", _new(w), format="json").json()
    c = Commitment.objects.get(pk=made["id"])
    assert deputy.post(detail(c, "submit")).json()["status"] == "submitted"
    response = staff.post(
        detail(c, "return"), {"reason": job_duty().pk, "note": "是本职工作"}, format="json"
    )
    assert response.json()["status"] == "returned"
    assert deputy.patch(detail(c), {"title": "带动20户"}, format="json").status_code == 200
    assert deputy.post(detail(c, "submit")).json()["status"] == "submitted"
    assert staff.post(detail(c, "approve")).json()["status"] == "approved"
    response = deputy.post(
        detail(c, "progress"),
        {"text": "带动5户", "value": "5", "files": [photo(), photo("二.jpg")]},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json()["progress_total"] == "5.00"
    assert CommitmentProgress.objects.get(commitment=c).attachments.count() == 2


def test_a_refused_step_answers_409_and_changes_nothing(api, w):
    before = counts()
    response = as_user(api, w.staff_rc).post(detail(w.approved, "approve"))
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert counts() == before


def test_two_reviewers_one_wins(api, w):
    as_user(api, w.staff_rc)
    colleague = as_user(APIClient(), user_with("staff", region=w.rc))
    assert api.post(detail(w.submitted, "approve")).status_code == 200
    before = counts()
    response = colleague.post(detail(w.submitted, "return"), {"reason": job_duty().pk})
    assert response.status_code == 409
    assert counts() == before


def test_close_from_1_december(api, w, frozen):
    as_user(api, w.staff_rc)
    before = counts()
    assert api.post(detail(w.approved, "close"), {"result": "fulfilled"}).status_code == 400
    assert counts() == before
    frozen.move_to("2026-12-01 09:00:00+08:00")
    response = api.post(detail(w.approved, "close"), {"result": "unfulfilled", "note": "未完成"})
    assert response.status_code == 200
    assert response.json()["status"] == "unfulfilled"


def test_cancel_needs_a_note(api, w):
    before = counts()
    response = as_user(api, w.staff_rc).post(detail(w.approved, "cancel"), {}, format="json")
    assert response.status_code == 400
    assert counts() == before


def test_progress_refuses_a_bad_file(api, w):
    before = counts()
    bad = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = as_user(api, w.deputy).post(
        detail(w.approved, "progress"),
        {"text": "走访", "files": [photo(), bad]},
        format="multipart",
    )
    assert_refused(response, 400, services.FILE_NOT_ALLOWED)
    assert counts() == before


def test_hints_for_staff(api, w, monkeypatch):
    monkeypatch.setattr(
        similarity,
        "hints_for",
        lambda c: [similarity.Hint("same_year", 0.9, "为困难群众捐款2000元", w.fulfilled.pk)],
    )
    response = as_user(api, w.staff_rc).get(detail(w.submitted, "hints"))
    assert response.status_code == 200
    assert response.json() == [
        {
            "kind": "same_year",
            "score": 0.9,
            "matched": "为困难群众捐款2000元",
            "other_id": w.fulfilled.pk,
        }
    ]


# --- Commitment years -------------------------------------------------------------------------


def test_staff_open_and_change_a_year(api, w):
    as_user(api, w.staff_rc)
    cats = [c.pk for c in w.cycle.categories.all()[:2]]
    response = api.post(
        "/api/v1/commitment-years/",
        {
            "congress": w.cycle.congress_id,
            "year": 2027,
            "opens": "2027-01-01",
            "closes": "2027-02-20",
            "max_count": 5,
            "categories": cats,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    made = response.json()
    assert {c["id"] for c in made["categories"]} == set(cats)
    assert made["min_count"] == 3
    response = api.patch(
        f"/api/v1/commitment-years/{made['id']}/", {"closes": "2027-03-01"}, format="json"
    )
    assert response.status_code == 200 and response.json()["closes"] == "2027-03-01"


def test_a_year_cannot_move_to_another_congress(api, w):
    before = counts()
    response = as_user(api, w.staff_rc).patch(
        f"/api/v1/commitment-years/{w.cycle.pk}/", {"year": 2030}, format="json"
    )
    assert response.status_code == 400
    assert counts() == before


def test_staff_of_another_district_cannot_open_or_change_this_congresss_year(api, w):
    as_user(api, w.staff_tl)
    before = counts()
    response = api.post(
        "/api/v1/commitment-years/",
        {
            "congress": w.cycle.congress_id,
            "year": 2027,
            "opens": "2027-01-01",
            "closes": "2027-02-01",
        },
        format="json",
    )
    assert response.status_code == 404
    outside = api.patch(f"/api/v1/commitment-years/{w.cycle.pk}/", {"max_count": 9}, format="json")
    missing = api.patch("/api/v1/commitment-years/987654/", {"max_count": 9}, format="json")
    assert outside.status_code == missing.status_code == 404
    assert counts() == before


def test_deputies_see_the_years_of_their_congresses(api, w):
    years = {
        r["id"] for r in as_user(api, w.deputy).get("/api/v1/commitment-years/").json()["results"]
    }
    assert years == {w.cycle.pk}


# --- Public -----------------------------------------------------------------------------------


def test_the_public_list_shows_approved_and_after_only(api, w):
    w.make(w.li_seat, S.WITHDRAWN, "撤回的承诺")
    w.make(w.li_seat, S.CANCELLED, "取消的承诺")
    response = api.get("/api/v1/public-commitments/")
    assert response.status_code == 200
    assert id_set(response) == {w.approved.pk, w.fulfilled.pk}
    text = response.content.decode()
    for private in ("为黄泥村修建便民桥一座", "全年走访选区选民500人次", "抓好本村党建工作"):
        assert private not in text
    assert "这是村支书的本职工作" not in text
    assert "status_note" not in text and "return_reason" not in text


def test_the_public_list_filters_by_person_and_year(api, w):
    assert id_set(api.get("/api/v1/public-commitments/", {"person": w.li.pk})) == {w.approved.pk}
    assert id_set(api.get("/api/v1/public-commitments/", {"year": 2025})) == set()


def test_a_signed_in_deputy_reads_the_public_list_as_the_public(api, w):
    """Signing in does not add one's drafts to the public endpoint."""
    response = as_user(api, w.deputy).get("/api/v1/public-commitments/", {"person": w.li.pk})
    assert id_set(response) == {w.approved.pk}


def test_the_public_list_shows_progress_photos(api, w):
    services.progress_add(
        actor=w.deputy, commitment=w.approved, text="宣讲3场", value=3, files=[photo()]
    )
    row = api.get("/api/v1/public-commitments/", {"person": w.li.pk}).json()["results"][0]
    assert row["progress_total"] == "3.00"
    assert row["progress"][0]["text"] == "宣讲3场"
    assert row["progress"][0]["photos"][0].startswith(
        "http://testserver/media/attachments/commitments/"
    )


def test_a_former_deputys_commitments_leave_the_public_list(api, w):
    w.wang_seat.end = datetime.date(2026, 1, 1)
    w.wang_seat.end_reason = "resignation"
    w.wang_seat.save()
    assert w.fulfilled.pk not in id_set(api.get("/api/v1/public-commitments/"))


def test_the_schema_lists_the_commitment_endpoints(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = response.json()["paths"]
    for path in [
        "/api/v1/commitment-years/",
        "/api/v1/commitments/",
        "/api/v1/commitments/{id}/submit/",
        "/api/v1/commitments/{id}/withdraw/",
        "/api/v1/commitments/{id}/approve/",
        "/api/v1/commitments/{id}/return/",
        "/api/v1/commitments/{id}/cancel/",
        "/api/v1/commitments/{id}/close/",
        "/api/v1/commitments/{id}/progress/",
        "/api/v1/commitments/{id}/hints/",
        "/api/v1/public-commitments/",
    ]:
        assert path in paths, path
    progress = paths["/api/v1/commitments/{id}/progress/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in progress
    public = response.json()["components"]["schemas"]["PublicCommitment"]["properties"]
    assert not {"status_note", "return_reason"} & public.keys()


# --- The answers are what the schema says -----------------------------------------------------


@pytest.mark.parametrize("pk", ["abc", "null,null", "1e3"])
def test_hints_of_an_id_that_is_not_a_number_are_404(api, w, pk):
    """Guards GET /commitments/abc/hints/: the hints look the commitment up their own way, and
    a non-numeric id raised ValueError (a 500); now it is a missing commitment, a 404."""
    response = as_user(api, w.staff_rc).get(f"/api/v1/commitments/{pk}/hints/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_hints_are_the_plain_list_the_schema_says(api, w):
    """Guards the schema of GET /commitments/{id}/hints/: it said a paginated object with a
    `page` parameter; the answer is a plain list."""
    response = as_user(api, w.staff_rc).get(detail(w.submitted, "hints"))
    assert response.status_code == 200 and isinstance(response.json(), list)
    path = "/api/v1/commitments/{id}/hints/"
    assert openapi.response(path, "get")["type"] == "array"
    assert "page" not in openapi.parameters(path, "get")


def test_a_deputy_naming_another_person_is_answered_like_a_missing_one(api, w):
    """Guards POST /commitments/ by a deputy with `person` set to another deputy: it answered
    404 where a person who does not exist answered 400, telling the two apart. Both are now
    the same 400 ("invalid pk"), and nothing is written."""
    missing = w.li.pk + w.wang.pk + 1000
    before = counts()
    deputy = as_user(api, w.deputy)
    others = deputy.post("/api/v1/commitments/", _new(w, person=w.wang.pk), format="json")
    nowhere = deputy.post("/api/v1/commitments/", _new(w, person=missing), format="json")
    assert others.status_code == nowhere.status_code == 400
    assert others.json()["errors"]["person"] == [
        message.replace(str(missing), str(w.wang.pk))
        for message in nowhere.json()["errors"]["person"]
    ]
    assert counts() == before
    own = deputy.post("/api/v1/commitments/", _new(w, person=w.li.pk), format="json")
    assert own.status_code == 201, own.content


def test_a_field_called_detail_keeps_the_error_body_whole(api, w):
    """Guards the 400 body of POST /commitments/ when its `detail` field is refused: the
    field's messages took the place of the body's `detail` (a list, not the message), and
    `code` and `errors` were missing."""
    before = counts()
    response = as_user(api, w.deputy).post(
        "/api/v1/commitments/", _new(w, detail=["不是一段文字"]), format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert isinstance(body["detail"], str) and body["code"] == "invalid"
    assert body["errors"]["detail"] == [body["detail"]]
    assert counts() == before


def test_a_commitment_year_write_answers_and_documents_the_year_as_read(api, w):
    """Guards the schema of POST /commitment-years/ and PATCH /commitment-years/{id}/: their
    answer was documented with the input format (categories as ids, no `id`); the answer is
    the year as GET gives it, and the input stays documented as the write serializer."""
    response = as_user(api, w.staff_rc).patch(
        f"/api/v1/commitment-years/{w.cycle.pk}/", {"max_count": 5}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["id"] == w.cycle.pk
    assert {"id", "name"} <= set(response.json()["categories"][0])
    read = openapi.response("/api/v1/commitment-years/{id}/", "get")
    assert openapi.response("/api/v1/commitment-years/{id}/", "patch") == read
    assert openapi.response("/api/v1/commitment-years/", "post", "201") == read
    request = openapi.operation("/api/v1/commitment-years/{id}/", "patch")["requestBody"]
    written = request["content"]["application/json"]["schema"]["$ref"]
    assert written.endswith("/PatchedCommitmentYearWriteRequest")

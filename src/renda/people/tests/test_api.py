"""/api/v1/ for deputies (public), people, seats (mandates) and deputy groups (staff), per role:
anonymous (401), a role without access (403), staff of another district (404 exactly like a
missing id) and the rightful staff; plus privacy, filters, bad input and query counts."""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.accounts.tests.factories import user_with
from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.api import ROLE_REFUSED
from renda.core.images import PHOTO_NOT_IMAGE
from renda.core.models import AuditEntry
from renda.core.testing import (
    assert_refused,
    counter,
    frozen_at,
    names,
    photo,
    queries,
    token_login,
    upload,
)
from renda.core.tests import openapi
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.people.services import MANDATE_ALREADY_ENDED, MANDATE_END_BEFORE_START
from renda.people.tests.factories import (
    GroupFactory,
    MandateFactory,
    MembershipFactory,
    PersonFactory,
)
from renda.regions.tests.factories import HandlingUnitFactory, chongqing, rongchang, tongliang, town
from renda.stations.models import StationAssignment
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db

PRIVATE_PHONE = "13900000001"
ID_NUMBER = "500226198001011238"


frozen = frozen_at("2026-11-22 10:00:00+08:00")


@pytest.fixture
def w():
    cq, rc, tl = chongqing(), rongchang(), tongliang()
    zs = town()
    cy = town("500153001000", "昌元街道")
    city_term = TermFactory(
        congress=CongressFactory(region=cq, level=CongressLevel.PROVINCIAL), ordinal=6
    )
    rc_term = TermFactory(congress=CongressFactory(region=rc))
    tl_term = TermFactory(congress=CongressFactory(region=tl))
    yang = PersonFactory(
        name="杨朝兵",
        phone=PRIVATE_PHONE,
        id_number=ID_NUMBER,
        birth_date=datetime.date(1980, 1, 1),
    )
    yang_rc = MandateFactory(person=yang, term=rc_term, electoral_region=zs)
    MandateFactory(person=yang, term=city_term)
    wang = PersonFactory(name="王芳")
    wang_rc = MandateFactory(person=wang, term=rc_term, electoral_region=cy)
    li = PersonFactory(name="李铜梁")
    li_tl = MandateFactory(person=li, term=tl_term)
    former = PersonFactory(name="赵离任")
    MandateFactory(person=former, term=rc_term, end=datetime.date(2025, 3, 1), end_reason="recall")
    rc_group = GroupFactory(congress=rc_term.congress, region=rc, name="直升镇代表小组")
    tl_group = GroupFactory(congress=tl_term.congress, region=tl, name="巴川代表小组")
    MembershipFactory(group=rc_group, mandate=yang_rc)
    return SimpleNamespace(
        rc=rc,
        tl=tl,
        zs=zs,
        cy=cy,
        rc_term=rc_term,
        tl_term=tl_term,
        city_term=city_term,
        yang=yang,
        yang_rc=yang_rc,
        wang=wang,
        wang_rc=wang_rc,
        li=li,
        li_tl=li_tl,
        former=former,
        rc_group=rc_group,
        tl_group=tl_group,
        staff_rc=user_with("staff", region=rc),
        staff_tl=user_with("staff", region=tl),
        staff_town=user_with("staff", region=zs),
        admin=user_with("admin"),
        deputy=user_with("deputy", person=yang),
        unit=user_with("unit", handling_unit=HandlingUnitFactory(region=rc)),
    )


counts = counter(Person, Mandate, DeputyGroup, GroupMembership, StationAssignment, AuditEntry)


# --- Public deputies ----------------------------------------------------------------------------


def test_deputies_are_public_paginated_and_in_the_official_order(api, w):
    response = api.get("/api/v1/deputies/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    assert {"next", "previous", "results"} <= data.keys()
    assert names(response) == ["王芳", "李铜梁", "杨朝兵"]  # 王 4 strokes; 李 and 杨 7, 横 first
    assert names(api.get("/api/v1/deputies/", {"sort": "pinyin"})) == ["李铜梁", "王芳", "杨朝兵"]


def test_public_deputy_carries_no_private_field(api, w):
    row = next(r for r in api.get("/api/v1/deputies/").json()["results"] if r["name"] == "杨朝兵")
    assert set(row) == {"id", "name", "gender", "ethnicity", "photo", "mandates", "url"}
    assert {m["level_label"] for m in row["mandates"]} == {"重庆市人大代表", "荣昌区人大代表"}
    assert row["url"].endswith(f"/deputies/{w.yang.pk}/")
    detail = api.get(f"/api/v1/deputies/{w.yang.pk}/")
    assert detail.status_code == 200
    for body in (api.get("/api/v1/deputies/").content, detail.content):
        for secret in (PRIVATE_PHONE, ID_NUMBER, "1980-01-01", "phone", "id_number", "birth_date"):
            assert secret.encode() not in body


def _in_order(response):
    """The JSON body with every object as its (key, value) pairs, so order counts too."""
    return json.loads(response.content, object_pairs_hook=list)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_list_writes_each_deputy_as_their_own_answer_does(api, w, language):
    """Guards the list's rows, written from values rather than objects (issue 11): each is, key
    for key, value for value and in order, what the declared fields give that deputy (their own
    answer, /deputies/{id}/): with and without a photo, one, two or three seats, a national
    one, a seat with no electoral region; the same anonymous, with a token or a session."""
    Person.objects.filter(pk=w.wang.pk).update(photo="people/photos/wang.jpg")
    national = TermFactory(
        congress=CongressFactory(region=chongqing(), level=CongressLevel.NATIONAL), ordinal=14
    )
    MandateFactory(person=w.yang, term=national, post="", work_unit="")
    headers = {"HTTP_ACCEPT_LANGUAGE": language}

    for params in ({}, {"format": "json"}):  # DRF carries ?format= into the links
        rows = dict(_in_order(api.get("/api/v1/deputies/", params, **headers)))["results"]
        assert len(rows) == 3
        for row in rows:
            pk = dict(row)["id"]
            assert row == _in_order(api.get(f"/api/v1/deputies/{pk}/", params, **headers))
    listed = api.get("/api/v1/deputies/", **headers)
    seats = {dict(row)["name"]: dict(row)["mandates"] for row in rows}
    assert [len(seats[name]) for name in ("杨朝兵", "王芳", "李铜梁")] == [3, 1, 1]
    assert dict(seats["杨朝兵"][0])["level_label"] == "全国人大代表"
    assert {dict(row)["photo"] is None for row in rows} == {True, False}

    for user in (w.admin, w.staff_rc):
        token_login(api, user)
        assert api.get("/api/v1/deputies/", **headers).content == listed.content
        api.credentials()
        api.force_login(user)
        assert api.get("/api/v1/deputies/", **headers).content == listed.content
        api.logout()


def test_a_format_suffix_answers_the_same_deputies(api, w):
    """Guards GET /deputies.json and /deputies/{id}.json: the suffix was passed on to the link
    to the deputy's page, which has none, and the answer was a 500."""
    listed = api.get("/api/v1/deputies.json")
    assert listed.status_code == 200
    assert listed.json() == api.get("/api/v1/deputies/").json()
    one = api.get(f"/api/v1/deputies/{w.yang.pk}.json")
    assert one.status_code == 200
    assert one.json() == api.get(f"/api/v1/deputies/{w.yang.pk}/").json()
    assert one.json()["url"].endswith(f"/deputies/{w.yang.pk}/")


def test_public_deputy_hides_the_phone_even_if_public(api, w):
    """The public API has no phone field at all; the portal decides what to show."""
    Person.objects.filter(pk=w.yang.pk).update(phone_public=True)
    assert PRIVATE_PHONE.encode() not in api.get(f"/api/v1/deputies/{w.yang.pk}/").content


def test_a_former_deputy_is_not_public(api, w):
    assert "赵离任" not in names(api.get("/api/v1/deputies/"))
    assert api.get(f"/api/v1/deputies/{w.former.pk}/").status_code == 404


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"q": "ycb"}, ["杨朝兵"]),
        ({"q": "王"}, ["王芳"]),
        ({"level": CongressLevel.PROVINCIAL}, ["杨朝兵"]),
        ({"region": "500153001000"}, ["王芳"]),
        ({"region": "500153000000"}, ["王芳", "杨朝兵"]),
        ({"q": "nobody"}, []),
    ],
)
def test_deputy_filters(api, w, params, expected):
    assert names(api.get("/api/v1/deputies/", params)) == expected


def test_deputy_group_filter(api, w):
    assert names(api.get("/api/v1/deputies/", {"group": w.rc_group.pk})) == ["杨朝兵"]


def test_deputies_cannot_be_written(api, w):
    before = counts()
    token_login(api, w.admin)
    assert api.post("/api/v1/deputies/", {"name": "x"}).status_code == 405
    assert api.delete(f"/api/v1/deputies/{w.yang.pk}/").status_code == 405
    assert counts() == before


def test_deputies_queries_do_not_grow_with_rows(api, w):
    few = queries(api, "/api/v1/deputies/")
    for _ in range(12):
        m = MandateFactory(term=w.rc_term)
        MandateFactory(person=m.person, term=w.city_term)
    assert queries(api, "/api/v1/deputies/") == few


def test_the_towns_are_read_only_where_the_filter_form_is_drawn(api, w):
    """Guards issue 11: the region filter's towns (a query that grows with the seats) were read
    for every answer, a fifth of the list's making when the cache missed. A JSON answer draws
    no form and reads none; the browsable API still offers the towns where deputies sit."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert api.get("/api/v1/deputies/", {"q": "ycb"}).status_code == 200
    assert not [q for q in ctx.captured_queries if '"regions_region"."level" = ' in q["sql"]]
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        page = api.get("/api/v1/deputies/", HTTP_ACCEPT="text/html").content.decode()
    assert [q for q in ctx.captured_queries if '"regions_region"."level" = ' in q["sql"]]
    assert f'<option value="{w.cy.code}">{w.cy.name}</option>' in page
    assert f'<option value="{w.zs.code}">{w.zs.name}</option>' in page


# --- Staff endpoints: who may ------------------------------------------------------------------

STAFF_LISTS = ["/api/v1/people/", "/api/v1/mandates/", "/api/v1/groups/"]


def _objects(w):
    return {
        "/api/v1/people/": (w.yang, w.li),
        "/api/v1/mandates/": (w.yang_rc, w.li_tl),
        "/api/v1/groups/": (w.rc_group, w.tl_group),
    }


@pytest.mark.parametrize("url", STAFF_LISTS)
def test_anonymous_is_401(api, w, url):
    own, _ = _objects(w)[url]
    assert_refused(api.get(url), 401)
    assert_refused(api.get(f"{url}{own.pk}/"), 401)
    before = counts()
    assert_refused(api.post(url, {}, format="json"), 401)
    assert counts() == before


@pytest.mark.parametrize("url", STAFF_LISTS)
@pytest.mark.parametrize("role", ["deputy", "unit"])
def test_a_role_without_staff_access_is_403(api, w, url, role):
    token_login(api, getattr(w, role))
    response = api.get(url)
    assert_refused(response, 403, ROLE_REFUSED)
    before = counts()
    assert api.post(url, {}, format="json").status_code == 403
    assert counts() == before


@pytest.mark.parametrize("url", STAFF_LISTS)
def test_staff_of_another_district_get_404_like_a_missing_id(api, w, url):
    rc_object, tl_object = _objects(w)[url]
    token_login(api, w.staff_tl)
    outside = api.get(f"{url}{rc_object.pk}/")
    missing = api.get(f"{url}987654/")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()
    before = counts()
    assert api.patch(f"{url}{rc_object.pk}/", {"name": "改名"}, format="json").status_code == 404
    assert counts() == before
    assert api.get(f"{url}{tl_object.pk}/").status_code == 200


@pytest.mark.parametrize("url", STAFF_LISTS)
def test_staff_list_only_their_district(api, w, url):
    rc_object, tl_object = _objects(w)[url]
    ids = [row["id"] for row in token_login(api, w.staff_rc).get(url).json()["results"]]
    assert rc_object.pk in ids
    assert tl_object.pk not in ids


@pytest.mark.parametrize("url", STAFF_LISTS)
def test_staff_lists_do_not_grow_in_queries_with_rows(api, w, url):
    token_login(api, w.staff_rc)
    station = StationFactory(region=w.zs)

    def add(n):
        for _ in range(n):
            m = MandateFactory(term=w.rc_term, electoral_region=w.zs)
            MandateFactory(person=m.person, term=w.city_term)
            MembershipFactory(
                group=GroupFactory(congress=w.rc_term.congress, region=w.rc), mandate=m
            )
            AssignmentFactory(station=station, mandate=m)

    add(2)
    few = queries(api, url)
    add(12)
    assert queries(api, url) == few


# --- People -------------------------------------------------------------------------------------


def test_staff_see_private_fields_of_their_district(api, w):
    data = token_login(api, w.staff_rc).get(f"/api/v1/people/{w.yang.pk}/").json()
    assert data["phone"] == PRIVATE_PHONE and data["id_number"] == ID_NUMBER


def test_people_filter_by_name_and_former_deputies(api, w):
    token_login(api, w.staff_rc)
    assert names(api.get("/api/v1/people/", {"q": "ycb"})) == ["杨朝兵"]
    assert names(api.get("/api/v1/people/", {"holding": "former"})) == ["赵离任"]


def test_admin_create_a_person_with_a_first_seat(api, w):
    response = token_login(api, w.admin).post(
        "/api/v1/people/",
        {
            "name": "陈新",
            "gender": "female",
            "phone": "13700000000",
            "mandate": {"term": w.rc_term.pk, "electoral_region": w.zs.code, "post": "校长"},
        },
        format="json",
    )
    assert response.status_code == 201
    person = Person.objects.get(name="陈新")
    assert response.json()["id"] == person.pk
    assert person.name_initials == "cx"
    assert person.mandates.get().term == w.rc_term
    assert AuditEntry.objects.filter(
        object_id=str(person.pk), content_type__model="person"
    ).exists()


def test_staff_create_a_person_and_can_read_them_back(api, w):
    """Regression: a person created without a seat was outside the creator's scope (the API
    answered 500, later 404 on reading back); now the first seat comes with the person."""
    token_login(api, w.staff_rc)
    response = api.post(
        "/api/v1/people/",
        {"name": "陈新", "gender": "female", "mandate": {"term": w.rc_term.pk}},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["name"] == "陈新"
    assert api.get(f"/api/v1/people/{response.json()['id']}/").status_code == 200


def test_a_person_needs_a_seat_in_the_creators_scope(api, w):
    before = counts()
    response = token_login(api, w.staff_rc).post(
        "/api/v1/people/",
        {"name": "陈新", "gender": "female", "mandate": {"term": w.tl_term.pk}},
        format="json",
    )
    assert response.status_code == 404
    assert counts() == before


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"gender": "female"}, "name"),
        ({"name": "陈新", "gender": "robot"}, "gender"),
        ({"name": "陈新", "gender": "male", "id_number": ID_NUMBER}, None),
        ({"name": "陈新", "gender": "male", "birth_date": "1980-02-30"}, "birth_date"),
        ({"name": "陈新", "gender": "male", "no_seat": True}, "mandate"),
    ],
)
def test_bad_person_input_is_400_with_a_message_and_saves_nothing(api, w, payload, field):
    before = counts()
    payload = dict(payload)
    if not payload.pop("no_seat", False):
        payload["mandate"] = {"term": w.rc_term.pk}
    response = token_login(api, w.staff_rc).post("/api/v1/people/", payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    if field:
        assert field in body["errors"]
    assert counts() == before


def test_bad_input_is_answered_in_chinese_by_default(api, w):
    response = token_login(api, w.staff_rc).post(
        "/api/v1/people/", {"gender": "male"}, format="json"
    )
    assert response.json()["detail"] == "该字段是必填项。"


def test_staff_patch_a_person_and_it_is_audited(api, w):
    response = token_login(api, w.staff_rc).patch(
        f"/api/v1/people/{w.yang.pk}/", {"ethnicity": "土家族"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["ethnicity"] == "土家族"
    entry = AuditEntry.objects.get(
        object_id=str(w.yang.pk), content_type__model="person", action="update"
    )
    assert entry.changes == {"ethnicity": ["汉族", "土家族"]}


def test_staff_upload_a_photo(api, w):
    response = token_login(api, w.staff_rc).post(
        f"/api/v1/people/{w.yang.pk}/photo/",
        {"photo": photo("photo.jpg", size=(160, 200))},
        format="multipart",
    )
    assert response.status_code == 200
    assert response.json()["photo"]
    assert response.json()["phone"] == PRIVATE_PHONE  # the person, not the upload, is answered
    w.yang.refresh_from_db()
    assert w.yang.photo
    # The public API shows the photo, still without private data.
    public = api.get(f"/api/v1/deputies/{w.yang.pk}/").json()
    assert public["photo"]


def test_a_photo_that_is_not_a_picture_is_400(api, w):
    before = counts()
    fake = upload("x.jpg", b"GIF89a nope")
    response = token_login(api, w.staff_rc).post(
        f"/api/v1/people/{w.yang.pk}/photo/", {"photo": fake}, format="multipart"
    )
    assert_refused(response, 400, PHOTO_NOT_IMAGE)
    assert counts() == before


def test_photo_of_a_person_of_another_district_is_404(api, w):
    before = counts()
    response = token_login(api, w.staff_tl).post(
        f"/api/v1/people/{w.yang.pk}/photo/",
        {"photo": photo("photo.jpg", size=(160, 200))},
        format="multipart",
    )
    assert response.status_code == 404
    assert counts() == before


# --- Mandates -----------------------------------------------------------------------------------


def test_staff_create_a_seat(api, w):
    response = token_login(api, w.staff_rc).post(
        "/api/v1/mandates/",
        {
            "person": w.li.pk,
            "term": w.rc_term.pk,
            "electoral_region": "500153104000",
            "electoral_unit": "第三选区",
        },
        format="json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["level_label"] == "荣昌区人大代表"
    assert data["start"] == "2022-01-01"
    assert AuditEntry.objects.filter(
        object_id=str(data["id"]), content_type__model="mandate"
    ).exists()


def test_a_seat_in_another_districts_term_is_404(api, w):
    before = counts()
    response = token_login(api, w.staff_rc).post(
        "/api/v1/mandates/", {"person": w.wang.pk, "term": w.tl_term.pk}, format="json"
    )
    assert response.status_code == 404
    assert counts() == before


def test_a_second_seat_in_the_same_term_is_400(api, w):
    before = counts()
    response = token_login(api, w.staff_rc).post(
        "/api/v1/mandates/", {"person": w.yang.pk, "term": w.rc_term.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    assert counts() == before


def test_end_a_seat(api, w):
    """Regression: the answer used the action's input serializer and failed with a 500."""
    assignment = AssignmentFactory(mandate=w.yang_rc, station=StationFactory(region=w.zs))
    response = token_login(api, w.staff_rc).post(
        f"/api/v1/mandates/{w.yang_rc.pk}/end/",
        {"end": "2026-11-20", "reason": "resignation", "note": "本人辞职"},
        format="json",
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["end"], data["end_reason"], data["end_note"]) == (
        "2026-11-20",
        "resignation",
        "本人辞职",
    )
    assignment.refresh_from_db()
    assert assignment.end == datetime.date(2026, 11, 20)
    assert not GroupMembership.objects.filter(mandate=w.yang_rc).exists()
    assert AuditEntry.objects.filter(object_id=str(w.yang_rc.pk), action="status").exists()
    # Ending it again is a conflict, and writes nothing.
    before = counts()
    again = api.post(
        f"/api/v1/mandates/{w.yang_rc.pk}/end/",
        {"end": "2026-11-21", "reason": "recall"},
        format="json",
    )
    assert_refused(again, 409, MANDATE_ALREADY_ENDED)
    assert counts() == before


@pytest.mark.parametrize(
    "payload,status,message",
    [
        ({"end": "2020-01-01", "reason": "recall"}, 400, MANDATE_END_BEFORE_START),
        ({"end": "2026-11-20", "reason": "bored"}, 400, None),
        ({"reason": "recall"}, 400, None),
    ],
)
def test_bad_seat_end_is_refused_and_saves_nothing(api, w, payload, status, message):
    before = counts()
    response = token_login(api, w.staff_rc).post(
        f"/api/v1/mandates/{w.yang_rc.pk}/end/", payload, format="json"
    )
    assert response.status_code == status
    detail = response.json()["detail"]
    assert detail
    if message:
        assert detail == str(message)
    w.yang_rc.refresh_from_db()
    assert w.yang_rc.end is None
    assert counts() == before


def test_ending_a_seat_of_another_district_is_404(api, w):
    before = counts()
    response = token_login(api, w.staff_tl).post(
        f"/api/v1/mandates/{w.yang_rc.pk}/end/",
        {"end": "2026-11-20", "reason": "recall"},
        format="json",
    )
    assert response.status_code == 404
    assert counts() == before


def test_ending_a_seat_needs_the_staff_role(api, w):
    before = counts()
    response = token_login(api, w.deputy).post(
        f"/api/v1/mandates/{w.yang_rc.pk}/end/",
        {"end": "2026-11-20", "reason": "resignation"},
        format="json",
    )
    assert response.status_code == 403
    assert counts() == before


# --- Groups -------------------------------------------------------------------------------------


def test_staff_create_and_rename_a_group(api, w):
    token_login(api, w.staff_rc)
    response = api.post(
        "/api/v1/groups/",
        {
            "name": "昌元代表小组",
            "kind": "group",
            "congress": w.rc_term.congress.pk,
            "region": w.rc.code,
        },
        format="json",
    )
    assert response.status_code == 201
    group_id = response.json()["id"]
    response = api.patch(f"/api/v1/groups/{group_id}/", {"name": "昌元街道代表小组"}, format="json")
    assert response.status_code == 200
    assert response.json()["name"] == "昌元街道代表小组"
    assert list(
        AuditEntry.objects.filter(object_id=str(group_id), content_type__model="deputygroup")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["create", "update"]


def test_a_group_of_another_district_cannot_be_created(api, w):
    before = counts()
    response = token_login(api, w.staff_rc).post(
        "/api/v1/groups/",
        {
            "name": "越界小组",
            "kind": "group",
            "congress": w.tl_term.congress.pk,
            "region": w.tl.code,
        },
        format="json",
    )
    assert response.status_code == 404
    assert counts() == before


def test_a_group_cannot_hang_on_another_districts_congress(api, w):
    """Guards against a group of the staff's own region attached to another district's congress."""
    before = counts()
    response = token_login(api, w.staff_rc).post(
        "/api/v1/groups/",
        {
            "name": "越界小组",
            "kind": "group",
            "congress": w.tl_term.congress.pk,
            "region": w.rc.code,
        },
        format="json",
    )
    assert response.status_code in (400, 404)
    assert counts() == before


def test_groups_are_not_deleted(api, w):
    before = counts()
    assert (
        token_login(api, w.staff_rc).delete(f"/api/v1/groups/{w.rc_group.pk}/").status_code == 405
    )
    assert counts() == before


def test_add_list_and_remove_group_members(api, w):
    token_login(api, w.staff_rc)
    url = f"/api/v1/groups/{w.rc_group.pk}/members/"
    response = api.post(url, {"mandate": w.wang_rc.pk, "role": "deputy_leader"}, format="json")
    assert response.status_code == 201
    assert {row["name"] for row in response.json()} == {"杨朝兵", "王芳"}
    membership = GroupMembership.objects.get(group=w.rc_group, mandate=w.wang_rc)
    assert membership.role == "deputy_leader"
    assert AuditEntry.objects.filter(object_id=str(membership.pk), action="create").exists()
    assert len(api.get(url).json()) == 2

    response = api.delete(f"{url}{membership.pk}/")
    assert response.status_code == 204
    assert not GroupMembership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(membership.pk), action="delete").exists()


def test_adding_a_member_twice_is_400_and_saves_nothing(api, w):
    before = counts()
    response = token_login(api, w.staff_rc).post(
        f"/api/v1/groups/{w.rc_group.pk}/members/", {"mandate": w.yang_rc.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    assert counts() == before


def test_adding_an_ended_seat_is_409(api, w):
    ended = MandateFactory(term=w.rc_term, end=datetime.date(2025, 1, 1), end_reason="recall")
    before = counts()
    response = token_login(api, w.staff_rc).post(
        f"/api/v1/groups/{w.rc_group.pk}/members/", {"mandate": ended.pk}, format="json"
    )
    assert_refused(response, 409, MANDATE_ALREADY_ENDED)
    assert counts() == before


def test_members_of_a_group_of_another_district_are_404(api, w):
    membership = GroupMembership.objects.get(group=w.rc_group)
    before = counts()
    token_login(api, w.staff_tl)
    url = f"/api/v1/groups/{w.rc_group.pk}/members/"
    assert api.get(url).status_code == 404
    assert api.post(url, {"mandate": w.li_tl.pk}, format="json").status_code == 404
    assert api.delete(f"{url}{membership.pk}/").status_code == 404
    assert counts() == before


def test_removing_a_membership_of_another_group_is_404(api, w):
    other = GroupFactory(congress=w.rc_term.congress, region=w.rc)
    membership = MembershipFactory(group=other, mandate=w.wang_rc)
    before = counts()
    response = token_login(api, w.staff_rc).delete(
        f"/api/v1/groups/{w.rc_group.pk}/members/{membership.pk}/"
    )
    assert response.status_code == 404
    assert counts() == before


def test_members_need_the_staff_role(api, w):
    before = counts()
    token_login(api, w.deputy)
    url = f"/api/v1/groups/{w.rc_group.pk}/members/"
    assert api.post(url, {"mandate": w.wang_rc.pk}, format="json").status_code == 403
    api.credentials()
    assert api.post(url, {"mandate": w.wang_rc.pk}, format="json").status_code == 401
    assert counts() == before


# --- The answers are what the schema says -----------------------------------------------------


def test_a_group_made_without_a_kind_is_a_deputy_group(api, w):
    """Guards POST /groups/ without `kind` (optional in the schema): the service wanted one and
    the call answered 500 (TypeError); now it is a deputy group, like the model's default."""
    before = counts()
    response = token_login(api, w.staff_rc).post(
        "/api/v1/groups/",
        {"name": "昌元代表小组", "congress": w.rc_term.congress.pk, "region": w.rc.code},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "group"
    assert DeputyGroup.objects.get(pk=response.json()["id"]).kind == "group"
    assert counts()[2] == before[2] + 1


def test_the_schema_offers_no_delete_of_a_group(api, w):
    """Guards DELETE /groups/{id}/: advertised, it always answered 405. The schema leaves it
    out, keeps removing a member, and the answer is still 405 with nothing deleted."""
    before = counts()
    response = token_login(api, w.staff_rc).delete(f"/api/v1/groups/{w.rc_group.pk}/")
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"
    assert counts() == before
    assert openapi.operation("/api/v1/groups/{id}/", "delete") is None
    assert openapi.operation("/api/v1/groups/{id}/members/{membership_id}/", "delete")


def test_members_are_the_plain_list_the_schema_says(api, w):
    """Guards the schema of /groups/{id}/members/: it said a paginated object (and `page`,
    `kind`, `q` parameters that do nothing here) for GET and POST, and 200 for POST; the
    answer is a plain list, 201 after adding a member."""
    token_login(api, w.staff_rc)
    url = f"/api/v1/groups/{w.rc_group.pk}/members/"
    listed = api.get(url)
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    added = api.post(url, {"mandate": w.wang_rc.pk}, format="json")
    assert added.status_code == 201 and isinstance(added.json(), list)
    path = "/api/v1/groups/{id}/members/"
    assert openapi.response(path, "get")["type"] == "array"
    assert openapi.response(path, "post", "201")["type"] == "array"
    assert "200" not in openapi.operation(path, "post")["responses"]
    assert openapi.parameters(path, "get") == openapi.parameters(path, "post") == {"id"}


def test_a_seat_with_no_electoral_region_is_null_where_the_schema_allows_it(api, w):
    """Guards GET /deputies/: a seat without an electoral region answers `null`, which the
    schema said was always text."""
    rows = api.get("/api/v1/deputies/").json()["results"]
    seats = [m for row in rows if row["name"] == "杨朝兵" for m in row["mandates"]]
    assert None in {m["electoral_region"] for m in seats}
    documented = openapi.resolve(openapi.schema()["components"]["schemas"]["PublicMandate"])
    assert documented["properties"]["electoral_region"]["nullable"] is True


def test_a_held_seats_blank_end_reason_is_one_the_schema_allows(api, w):
    """Guards GET /mandates/: a seat still held has the end reason "" (a constraint keeps it
    blank exactly while `end` is null), which the schema's choices did not allow."""
    row = token_login(api, w.staff_rc).get(f"/api/v1/mandates/{w.yang_rc.pk}/").json()
    assert (row["end"], row["end_reason"]) == (None, "")
    end_reason = openapi.schema()["components"]["schemas"]["Mandate"]["properties"]["end_reason"]
    allowed = {v for option in end_reason["oneOf"] for v in openapi.resolve(option)["enum"]}
    assert {"", "recall", "resignation"} <= allowed


def test_a_new_person_is_answered_and_documented_as_a_person(api, w):
    """Guards the schema of POST /people/: the answer was documented with the input format
    (with the first seat); it is the person as GET gives them."""
    assert openapi.response("/api/v1/people/", "post", "201") == openapi.response(
        "/api/v1/people/{id}/", "get"
    )

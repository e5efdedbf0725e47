"""Staff pages for people, seats (mandates) and deputy groups, tried per role: anonymous, a
role without access, staff of another district (铜梁区) who must see 404 exactly like a missing
id, and the rightful staff of 荣昌区 or of the town."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext
from PIL import Image

from renda.accounts.tests.factories import staff_users, user_with
from renda.congresses.tests.factories import CongressFactory, TermFactory, districts
from renda.core.images import PHOTO_NOT_IMAGE
from renda.core.imports import XLSX
from renda.core.models import AuditEntry
from renda.core.testing import (
    INVALID_CHOICE,
    REQUIRED,
    assert_a_non_workbook_is_refused,
    assert_login_redirect,
    assert_the_import_page_links_its_template,
    counter,
    frozen_at,
    login,
    main,
    opens,
    photo,
    queries,
    sheet_cells,
    upload,
    xlsx_of,
)
from renda.people.choices import GroupRole, MandateEndReason
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.people.services import MANDATE_END_BEFORE_START
from renda.people.tests.factories import (
    GroupFactory,
    MandateFactory,
    MembershipFactory,
    PersonFactory,
)
from renda.regions.tests.factories import HandlingUnitFactory, town
from renda.stations.models import StationAssignment
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


frozen = frozen_at("2026-11-22 10:00:00+08:00")


@pytest.fixture
def w():
    w = districts()  # zs: 直升镇, under 荣昌区
    w.rc_person = PersonFactory(name="杨朝兵", phone="13900000001", id_number="500226198001011238")
    w.rc_mandate = MandateFactory(person=w.rc_person, term=w.rc_term, electoral_region=w.zs)
    w.tl_person = PersonFactory(name="李铜梁")
    w.tl_mandate = MandateFactory(person=w.tl_person, term=w.tl_term)
    w.rc_group = GroupFactory(congress=w.rc_term.congress, region=w.rc, name="直升镇代表小组")
    w.tl_group = GroupFactory(congress=w.tl_term.congress, region=w.tl, name="巴川代表小组")
    vars(w).update(staff_users(w, town=True))
    w.deputy = user_with("deputy", person=w.rc_person)
    w.unit = user_with("unit", handling_unit=HandlingUnitFactory(region=w.rc))
    return w


counts = counter(Person, Mandate, DeputyGroup, GroupMembership, StationAssignment, AuditEntry)


# --- Who may open which page ------------------------------------------------------------------

# Every page of the app that takes the id of a rongchang object, which object, and what the page
# shows: the person's or the group's name, or a form's heading. Who may open which is in
# access.py (the access matrix).
DETAIL_PAGES = [
    ("people:person_detail", "rc_person", "杨朝兵"),
    ("people:person_edit", "rc_person", "杨朝兵"),
    ("people:person_photo", "rc_person", "上传照片"),
    ("people:mandate_create", "rc_person", "新增代表资格"),
    ("people:mandate_edit", "rc_mandate", "编辑代表资格"),
    ("people:mandate_end", "rc_mandate", "代表资格终止"),
    ("people:group_detail", "rc_group", "直升镇代表小组"),
    ("people:group_edit", "rc_group", "直升镇代表小组"),
    ("people:group_member_add", "rc_group", "向小组添加代表"),
]
# The list and form pages, and what each shows: a name from the world or a field of its form.
LIST_PAGES = {
    "people:person_list": "杨朝兵",
    "people:person_create": 'name="name"',
    "people:group_list": "直升镇代表小组",
    "people:group_create": 'name="name"',
    "people:roster_import": 'type="file"',
}


@pytest.mark.parametrize("role", ["unit", "deputy"])
@pytest.mark.parametrize("name", [*LIST_PAGES, "people:roster_template", "people:roster_export"])
def test_a_role_without_staff_access_is_refused(client, w, role, name):
    response = login(client, getattr(w, role)).get(reverse(name))
    assert response.status_code == 403
    assert gettext("Your role does not give access to this page.") in response.content.decode()


@pytest.mark.parametrize("name,attr", [(name, attr) for name, attr, _shown in DETAIL_PAGES])
def test_staff_of_another_district_get_404_like_a_missing_id(client, w, name, attr):
    login(client, w.staff_tl)
    outside = client.get(reverse(name, args=[getattr(w, attr).pk]))
    missing = client.get(reverse(name, args=[987654]))
    assert outside.status_code == missing.status_code == 404
    assert main(outside) == main(missing)


@pytest.mark.parametrize("name,attr,shown", DETAIL_PAGES)
@pytest.mark.parametrize("who", ["staff_rc", "admin"])
def test_rightful_staff_open_every_page(client, w, name, attr, shown, who):
    opens(login(client, getattr(w, who)), reverse(name, args=[getattr(w, attr).pk]), shown)


def test_town_staff_reach_their_towns_groups_not_the_districts(client, w):
    town_group = GroupFactory(congress=w.rc_term.congress, region=w.zs)
    login(client, w.staff_town)
    assert client.get(reverse("people:group_edit", args=[town_group.pk])).status_code == 200
    assert client.get(reverse("people:group_edit", args=[w.rc_group.pk])).status_code == 404


@pytest.mark.parametrize("name,shown", LIST_PAGES.items())
def test_staff_open_the_list_pages(client, w, name, shown):
    opens(login(client, w.staff_rc), reverse(name), shown)


def test_deputy_reaches_their_own_record_to_edit_and_upload_a_photo(client, w):
    login(client, w.deputy)
    assert client.get(reverse("people:person_edit", args=[w.rc_person.pk])).status_code == 200
    assert client.get(reverse("people:person_photo", args=[w.rc_person.pk])).status_code == 200
    other = PersonFactory()
    MandateFactory(person=other, term=w.rc_term)
    assert client.get(reverse("people:person_edit", args=[other.pk])).status_code == 404
    # They read their own record (seats, groups, stations), and no one else's.
    assert client.get(reverse("people:person_detail", args=[w.rc_person.pk])).status_code == 200
    assert client.get(reverse("people:person_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("people:person_list")).status_code == 403


# --- Lists --------------------------------------------------------------------------------------


def test_person_list_shows_only_the_staffs_own_district(client, w):
    body = login(client, w.staff_tl).get(reverse("people:person_list")).content.decode()
    assert "李铜梁" in body
    assert "杨朝兵" not in body


def test_town_staff_see_deputies_elected_in_their_town_only(client, w):
    elsewhere = PersonFactory(name="王昌元")
    MandateFactory(
        person=elsewhere, term=w.rc_term, electoral_region=town("500153001000", "昌元街道")
    )
    body = login(client, w.staff_town).get(reverse("people:person_list")).content.decode()
    assert "杨朝兵" in body
    assert "王昌元" not in body
    assert "李铜梁" not in body


def test_person_list_filters_former_deputies(client, w):
    gone = PersonFactory(name="赵离任")
    MandateFactory(
        person=gone, term=w.rc_term, end=datetime.date(2025, 1, 1), end_reason="resignation"
    )
    login(client, w.staff_rc)
    former = client.get(reverse("people:person_list"), {"holding": "former"}).content.decode()
    current = client.get(reverse("people:person_list"), {"holding": "current"}).content.decode()
    assert "赵离任" in former and "杨朝兵" not in former
    assert "杨朝兵" in current and "赵离任" not in current


def test_group_list_shows_only_the_staffs_own_district(client, w):
    body = login(client, w.staff_rc).get(reverse("people:group_list")).content.decode()
    assert "直升镇代表小组" in body
    assert "巴川代表小组" not in body


@pytest.mark.parametrize("name", ["people:person_list", "people:group_list"])
def test_list_queries_do_not_grow_with_rows(client, w, name):
    login(client, w.staff_rc)
    station = StationFactory(region=w.zs)

    def add(n):
        for _ in range(n):
            m = MandateFactory(term=w.rc_term, electoral_region=w.zs)
            g = GroupFactory(congress=w.rc_term.congress, region=w.rc)
            MembershipFactory(group=g, mandate=m)
            AssignmentFactory(station=station, mandate=m)

    add(2)
    few = queries(client, reverse(name))
    add(12)
    many = queries(client, reverse(name))
    assert few == many


# --- Person create and edit --------------------------------------------------------------------


def test_staff_create_a_deputy_with_a_first_seat_and_audit_entries(client, w):
    before = AuditEntry.objects.count()
    response = login(client, w.staff_rc).post(
        reverse("people:person_create"),
        {
            "name": " 王芳 ",
            "gender": "female",
            "ethnicity": "汉族",
            "phone": "13811112222",
            "term": w.rc_term.pk,
            "electoral_region": w.zs.pk,
            "post": "校长",
        },
    )
    person = Person.objects.get(name="王芳")
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    assert person.name_initials == "wf"
    seat = person.mandates.get()
    assert (seat.term, seat.electoral_region, seat.start) == (w.rc_term, w.zs, w.rc_term.start)
    entry = AuditEntry.objects.get(object_id=str(person.pk), content_type__model="person")
    assert entry.action == "create" and entry.actor == w.staff_rc
    assert AuditEntry.objects.count() == before + 2  # the person and the seat


def test_person_create_with_bad_input_says_why_and_saves_nothing(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("people:person_create"), {"name": "", "gender": "robot"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert REQUIRED in body
    assert INVALID_CHOICE in body  # gender "robot" is not a choice
    assert counts() == before


def test_person_create_refuses_a_duplicate_id_number(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("people:person_create"),
        {
            "name": "王芳",
            "gender": "female",
            "ethnicity": "汉族",
            "id_number": w.rc_person.id_number,
            "term": w.rc_term.pk,
        },
    )
    assert response.status_code == 200
    assert "该身份证号码已被其他人员使用。" in response.content.decode()
    assert counts() == before


def test_staff_edit_a_person_and_the_change_is_audited(client, w):
    response = login(client, w.staff_rc).post(
        reverse("people:person_edit", args=[w.rc_person.pk]),
        {"name": "杨朝兵", "gender": "male", "ethnicity": "土家族", "phone": "13900000009"},
    )
    assert response.status_code == 302
    w.rc_person.refresh_from_db()
    assert w.rc_person.ethnicity == "土家族"
    entry = AuditEntry.objects.filter(
        object_id=str(w.rc_person.pk), content_type__model="person"
    ).first()
    assert entry.action == "update"
    assert entry.changes["ethnicity"] == ["汉族", "土家族"]


def test_staff_of_another_district_cannot_post_an_edit(client, w):
    before = counts()
    response = login(client, w.staff_tl).post(
        reverse("people:person_edit", args=[w.rc_person.pk]),
        {"name": "改名", "gender": "male", "ethnicity": "汉族"},
    )
    assert response.status_code == 404
    w.rc_person.refresh_from_db()
    assert w.rc_person.name == "杨朝兵"
    assert counts() == before


def test_deputy_keeps_their_own_phone_up_to_date(client, w):
    """Regression: the deputy's own edit page offered every field, and the service refused them."""
    response = login(client, w.deputy).post(
        reverse("people:person_edit", args=[w.rc_person.pk]),
        {"phone": "13900000077", "phone_public": "on"},
    )
    assert response.status_code == 302
    w.rc_person.refresh_from_db()
    assert (w.rc_person.phone, w.rc_person.phone_public) == ("13900000077", True)
    assert w.rc_person.name == "杨朝兵"


def test_deputy_edit_page_offers_only_their_contact_fields(client, w):
    body = (
        login(client, w.deputy)
        .get(reverse("people:person_edit", args=[w.rc_person.pk]))
        .content.decode()
    )
    assert 'name="phone"' in body
    assert 'name="id_number"' not in body
    assert 'name="name"' not in body


# --- Photo -------------------------------------------------------------------------------------


def test_photo_upload_re_encodes_and_audits(client, w):
    response = login(client, w.staff_rc).post(
        reverse("people:person_photo", args=[w.rc_person.pk]),
        {"photo": photo("photo.jpg", size=(200, 240))},
    )
    assert response.status_code == 302
    w.rc_person.refresh_from_db()
    assert w.rc_person.photo.name.endswith(".jpg")
    with Image.open(w.rc_person.photo.path) as saved:
        assert saved.format == "JPEG" and saved.size == (200, 240)
    assert AuditEntry.objects.filter(
        object_id=str(w.rc_person.pk), note=gettext("New photo")
    ).exists()


def test_photo_upload_of_a_non_picture_is_refused_and_saves_nothing(client, w):
    before = counts()
    fake = upload("photo.jpg", b"%PDF-1.4 not a picture")
    response = login(client, w.staff_rc).post(
        reverse("people:person_photo", args=[w.rc_person.pk]), {"photo": fake}
    )
    assert response.status_code == 200
    assert str(PHOTO_NOT_IMAGE) in response.content.decode()
    w.rc_person.refresh_from_db()
    assert not w.rc_person.photo
    assert counts() == before


def test_photo_upload_by_staff_of_another_district_is_404(client, w):
    before = counts()
    response = login(client, w.staff_tl).post(
        reverse("people:person_photo", args=[w.rc_person.pk]),
        {"photo": photo("photo.jpg", size=(200, 240))},
    )
    assert response.status_code == 404
    w.rc_person.refresh_from_db()
    assert not w.rc_person.photo
    assert counts() == before


# --- Seats (mandates) --------------------------------------------------------------------------


def test_staff_add_a_seat(client, w):
    city_term = TermFactory(congress=CongressFactory(region=w.rc.parent, level=2), ordinal=6)
    admin = login(client, w.admin)
    response = admin.post(
        reverse("people:mandate_create", args=[w.rc_person.pk]),
        {"term": city_term.pk, "electoral_unit": "荣昌区", "post": "主任", "work_unit": "某公司"},
    )
    assert response.status_code == 302
    mandate = Mandate.objects.get(person=w.rc_person, term=city_term)
    assert mandate.start == city_term.start
    assert AuditEntry.objects.filter(
        object_id=str(mandate.pk), content_type__model="mandate"
    ).exists()


def test_seat_in_another_districts_term_is_not_offered(client, w):
    person = PersonFactory()
    MandateFactory(person=person, term=w.rc_term)
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("people:mandate_create", args=[person.pk]), {"term": w.tl_term.pk}
    )
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()
    assert counts() == before


def test_staff_edit_a_seat(client, w):
    response = login(client, w.staff_rc).post(
        reverse("people:mandate_edit", args=[w.rc_mandate.pk]),
        {
            "term": w.rc_term.pk,
            "electoral_unit": "第二选区",
            "post": "主任",
            "work_unit": "新单位",
            "start": "2022-01-01",
        },
    )
    assert response.status_code == 302
    w.rc_mandate.refresh_from_db()
    assert (w.rc_mandate.electoral_unit, w.rc_mandate.work_unit) == ("第二选区", "新单位")
    assert w.rc_mandate.term == w.rc_term
    assert AuditEntry.objects.filter(object_id=str(w.rc_mandate.pk), action="update").exists()


def test_ending_a_seat_ends_its_station_assignment_and_group_membership(client, w):
    assignment = AssignmentFactory(mandate=w.rc_mandate, station=StationFactory(region=w.zs))
    MembershipFactory(group=w.rc_group, mandate=w.rc_mandate)
    response = login(client, w.staff_rc).post(
        reverse("people:mandate_end", args=[w.rc_mandate.pk]),
        {"end": "2026-11-20", "reason": MandateEndReason.RESIGNATION, "note": "常委会决定"},
    )
    assert response.status_code == 302
    w.rc_mandate.refresh_from_db()
    assert w.rc_mandate.end == datetime.date(2026, 11, 20)
    assert w.rc_mandate.end_reason == "resignation"
    assignment.refresh_from_db()
    assert assignment.end == datetime.date(2026, 11, 20)
    assert not GroupMembership.objects.filter(mandate=w.rc_mandate).exists()
    assert AuditEntry.objects.filter(object_id=str(w.rc_mandate.pk), action="status").exists()
    # The deputy's public page is gone: no current seat.
    assert client.get(reverse("portal:deputy", args=[w.rc_person.pk])).status_code == 404


def test_ending_a_seat_before_it_started_is_refused_and_saves_nothing(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("people:mandate_end", args=[w.rc_mandate.pk]),
        {"end": "2020-01-01", "reason": MandateEndReason.RESIGNATION},
    )
    assert response.status_code == 200
    assert str(MANDATE_END_BEFORE_START) in response.content.decode()
    w.rc_mandate.refresh_from_db()
    assert w.rc_mandate.end is None
    assert counts() == before


def test_ending_a_seat_without_a_reason_is_refused(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("people:mandate_end", args=[w.rc_mandate.pk]), {"end": "2026-11-20", "reason": ""}
    )
    assert response.status_code == 200
    assert REQUIRED in response.content.decode()
    assert counts() == before


def test_ending_a_seat_of_another_district_is_404_and_saves_nothing(client, w):
    before = counts()
    response = login(client, w.staff_tl).post(
        reverse("people:mandate_end", args=[w.rc_mandate.pk]),
        {"end": "2026-11-20", "reason": MandateEndReason.RESIGNATION},
    )
    assert response.status_code == 404
    w.rc_mandate.refresh_from_db()
    assert w.rc_mandate.end is None
    assert counts() == before


# --- Deputy groups -----------------------------------------------------------------------------


def test_staff_create_a_group(client, w):
    response = login(client, w.staff_rc).post(
        reverse("people:group_create"),
        {
            "name": "昌元街道代表小组",
            "kind": "group",
            "congress": w.rc_term.congress.pk,
            "region": w.rc.pk,
        },
    )
    assert response.status_code == 302
    group = DeputyGroup.objects.get(name="昌元街道代表小组")
    assert response["Location"] == group.get_absolute_url()
    assert AuditEntry.objects.filter(
        object_id=str(group.pk), content_type__model="deputygroup"
    ).exists()


def test_group_in_another_districts_congress_is_not_offered(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("people:group_create"),
        {"name": "越界小组", "kind": "group", "congress": w.tl_term.congress.pk, "region": w.tl.pk},
    )
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()
    assert counts() == before


def test_group_with_a_taken_name_is_refused(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("people:group_create"),
        {
            "name": "直升镇代表小组",
            "kind": "group",
            "congress": w.rc_term.congress.pk,
            "region": w.rc.pk,
        },
    )
    assert response.status_code == 200
    assert gettext("This congress already has a group of that name.") in response.content.decode()
    assert counts() == before


def test_staff_rename_a_group(client, w):
    response = login(client, w.staff_rc).post(
        reverse("people:group_edit", args=[w.rc_group.pk]),
        {"name": "直升镇第一代表小组", "kind": "group"},
    )
    assert response.status_code == 302
    w.rc_group.refresh_from_db()
    assert w.rc_group.name == "直升镇第一代表小组"
    assert AuditEntry.objects.filter(object_id=str(w.rc_group.pk), action="update").exists()


def test_staff_add_and_remove_a_group_member(client, w):
    login(client, w.staff_rc)
    response = client.post(
        reverse("people:group_member_add", args=[w.rc_group.pk]),
        {"mandate": w.rc_mandate.pk, "role": GroupRole.LEADER},
    )
    assert response.status_code == 302
    membership = GroupMembership.objects.get(group=w.rc_group, mandate=w.rc_mandate)
    assert membership.role == "leader"
    assert AuditEntry.objects.filter(object_id=str(membership.pk), action="create").exists()
    detail = client.get(reverse("people:group_detail", args=[w.rc_group.pk])).content.decode()
    assert "杨朝兵" in detail

    response = client.post(
        reverse("people:group_member_remove", args=[w.rc_group.pk, membership.pk])
    )
    assert response.status_code == 302
    assert not GroupMembership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(membership.pk), action="delete").exists()


def test_adding_a_member_twice_is_refused_and_saves_nothing(client, w):
    MembershipFactory(group=w.rc_group, mandate=w.rc_mandate)
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("people:group_member_add", args=[w.rc_group.pk]),
        {"mandate": w.rc_mandate.pk, "role": GroupRole.MEMBER},
    )
    assert response.status_code == 200
    assert gettext("This deputy is already in the group.") in response.content.decode()
    assert counts() == before


def test_deputy_of_another_district_is_not_offered_as_member(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("people:group_member_add", args=[w.rc_group.pk]),
        {"mandate": w.tl_mandate.pk, "role": GroupRole.MEMBER},
    )
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()
    assert counts() == before


def test_removing_a_member_needs_the_staff_of_the_groups_district(client, w):
    membership = MembershipFactory(group=w.rc_group, mandate=w.rc_mandate)
    before = counts()
    url = reverse("people:group_member_remove", args=[w.rc_group.pk, membership.pk])
    assert_login_redirect(client.post(url))
    assert login(client, w.deputy).post(url).status_code == 403
    client.logout()
    assert login(client, w.staff_tl).post(url).status_code == 404
    assert counts() == before
    assert client.get(url).status_code == 405  # POST only


def test_removing_a_membership_of_another_group_is_404(client, w):
    other = GroupFactory(congress=w.rc_term.congress, region=w.rc)
    membership = MembershipFactory(group=other, mandate=w.rc_mandate)
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("people:group_member_remove", args=[w.rc_group.pk, membership.pk])
    )
    assert response.status_code == 404
    assert counts() == before


# --- Roster spreadsheet ------------------------------------------------------------------------


def test_roster_import_page_and_template(client, w):
    login(client, w.staff_rc)
    assert_the_import_page_links_its_template(
        client, "people:roster_import", "people:roster_template"
    )


def test_roster_import_of_a_non_workbook_is_refused_and_saves_nothing(client, w):
    before = counts()
    login(client, w.staff_rc)
    assert_a_non_workbook_is_refused(client, "people:roster_import", b"name,phone\n", "roster.xlsx")
    assert counts() == before


def test_roster_export_holds_only_the_staffs_district(client, w):
    response = login(client, w.staff_rc).get(reverse("people:roster_export"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    cells = sheet_cells(xlsx_of(response).worksheets[0])
    assert "杨朝兵" in cells
    assert "李铜梁" not in cells


def test_staff_who_create_a_person_can_open_the_new_record(client, w):
    """Guards the "new person, then their first seat" path of staff who are not admins."""
    login(client, w.staff_rc)
    response = client.post(
        reverse("people:person_create"),
        {"name": "王芳", "gender": "female", "ethnicity": "汉族", "term": w.rc_term.pk},
    )
    assert client.get(response["Location"]).status_code == 200


def test_a_liaison_reads_their_stations_deputies_without_identity_documents(client, w):
    station = StationFactory(region=w.zs)
    AssignmentFactory(station=station, mandate=w.rc_mandate)
    login(client, user_with("liaison", station=station))

    body = client.get(reverse("people:person_detail", args=[w.rc_person.pk])).content.decode()

    assert "杨朝兵" in body
    assert w.rc_person.id_number not in body
    assert client.get(reverse("people:person_detail", args=[w.tl_person.pk])).status_code == 404


def test_the_exported_roster_checks_and_imports_back_unchanged(client, w, settings, tmp_path):
    """The export holds the seats the staff keep, so their own file goes back in cleanly:
    upload → check (nothing written) → confirm (nothing changes)."""
    settings.VAR_DIR = tmp_path
    # The roster derives the date of birth from the ID number; keep the record consistent.
    Person.objects.filter(pk=w.rc_person.pk).update(birth_date=datetime.date(1980, 1, 1))
    login(client, w.staff_rc)
    exported = client.get(reverse("people:roster_export")).content
    before = counts()

    upload = SimpleUploadedFile("roster.xlsx", exported, content_type=XLSX)
    checked = client.post(reverse("people:roster_import"), {"file": upload})

    assert not checked.context["result"].errors, checked.context["result"].errors
    assert checked.status_code == 200
    assert checked.context["result"].unchanged == 1
    assert counts() == before
    confirmed = client.post(reverse("people:roster_import"), {"confirm": checked.context["token"]})
    assert confirmed.status_code == 302
    assert counts() == before
    assert not list(tmp_path.joinpath("imports").iterdir())  # the checked file is gone


def test_the_public_filter_offers_every_group_and_town_staff_their_towns_only(client, w):
    town_group = GroupFactory(congress=w.rc_term.congress, region=w.zs, name="直升镇第二小组")
    elsewhere = GroupFactory(name="外区代表小组")

    def offered(body):
        return {
            g.name for g in (town_group, elsewhere, w.rc_group) if f">{g.name}</option>" in body
        }

    assert offered(client.get(reverse("portal:home")).content.decode()) == {
        town_group.name,
        elsewhere.name,
        w.rc_group.name,
    }
    login(client, w.staff_town)
    assert offered(client.get(reverse("people:person_list")).content.decode()) == {town_group.name}

"""Pages of the activity register: a deputy's duties and registration with evidence, one
activity and each workflow step as its own POST, the staff queue and lists (query-count
guarded), group registration, the catalogue, the minimums, excused absences, the shortfalls
and their export, one seat's progress. Refusals are shown and write nothing."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renda.activities.choices import ActivityStatus
from renda.activities.choices import RequirementCategory as C
from renda.activities.models import Activity, ActivityBatch, ActivityType, Excuse, Requirement
from renda.activities.tests.factories import ExcuseFactory, needed, world
from renda.core.models import AuditEntry
from renda.core.testing import counter, frozen_at, login, main, opens, photo, queries, statuses
from renda.people.tests.factories import GroupFactory, MandateFactory, MembershipFactory

pytestmark = pytest.mark.django_db

S = ActivityStatus


frozen = frozen_at("2024-06-15 10:00:00+08:00")


@pytest.fixture
def w():
    return world()


written = counter(Activity, AuditEntry)


FORM = {
    "day": "2024-06-01",
    "place": "直升镇",
    "content": "调研农村人居环境整治",
}


# --- A deputy's own duties --------------------------------------------------------------------


def test_my_duties_show_progress_in_words_and_my_activities(client, w):
    ExcuseFactory(mandate=w.li_seat, note="住院")
    body = main(login(client, w.deputy).get(reverse("activities:mine")))
    assert needed(C.SPEECH, 3) in body
    assert "住院" in body
    assert "视察农村饮水安全" in body and "照片与内容不符" in body
    assert reverse("activities:register") in body
    assert "铜梁的视察" not in body


def test_staff_without_a_seat_go_from_mine_to_the_list(client, w):
    response = login(client, w.staff_rc).get(reverse("activities:mine"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "activities:activity_list"
    )


def test_staff_open_a_deputys_duties_to_act_for_them(client, w):
    response = login(client, w.staff_rc).get(
        reverse("activities:person_activities", args=[w.li.pk])
    )
    assert response.status_code == 200
    assert reverse("activities:register_for", args=[w.li.pk]) in main(response)


def test_a_deputy_registers_an_activity_with_a_photo(client, w):
    login(client, w.deputy)
    page = client.get(reverse("activities:register"))
    assert page.status_code == 200 and "调研" in main(page)
    response = client.post(
        reverse("activities:register"),
        {**FORM, "activity_type": w.types["survey"].pk, "files": [photo()]},
    )
    activity = Activity.objects.get(content=FORM["content"])
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()
    assert activity.status == S.SUBMITTED and activity.mandate == w.li_seat
    assert activity.evidence.get().kind == "photo"


def test_staff_registering_for_a_deputy_is_verified(client, w):
    login(client, w.staff_rc).post(
        reverse("activities:register_for", args=[w.li.pk]),
        {**FORM, "activity_type": w.types["survey"].pk},
    )
    assert Activity.objects.get(content=FORM["content"]).status == S.VERIFIED


@pytest.mark.parametrize(
    "change,expected",
    [
        ({"day": "2024-07-01"}, "day"),
        ({"activity_type": "reception"}, "person_times"),
        ({"person_times": "30"}, "person_times"),
    ],
)
def test_refusals_show_on_the_field_and_write_nothing(client, w, change, expected):
    data = {**FORM, "activity_type": w.types["survey"].pk, **change}
    if change.get("activity_type"):
        data["activity_type"] = w.types[change["activity_type"]].pk
    before = written()
    response = login(client, w.deputy).post(reverse("activities:register"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[expected]
    assert written() == before


def test_a_duplicate_is_refused_with_a_clear_message(client, w):
    login(client, w.deputy)
    data = {**FORM, "activity_type": w.types["survey"].pk}
    client.post(reverse("activities:register"), data)
    before = written()
    response = client.post(reverse("activities:register"), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert written() == before


# --- One activity -----------------------------------------------------------------------------


def test_the_deputy_sees_their_buttons(client, w):
    body = main(login(client, w.deputy).get(w.submitted.get_absolute_url()))
    assert reverse("activities:activity_withdraw", args=[w.submitted.pk]) in body
    assert reverse("activities:activity_edit", args=[w.submitted.pk]) in body
    assert reverse("activities:activity_verify", args=[w.submitted.pk]) not in body
    rejected = main(client.get(w.rejected.get_absolute_url()))
    assert "照片与内容不符" in rejected
    assert reverse("activities:activity_resubmit", args=[w.rejected.pk]) in rejected


def test_staff_see_the_decisions(client, w):
    body = main(login(client, w.staff_rc).get(w.submitted.get_absolute_url()))
    assert reverse("activities:activity_verify", args=[w.submitted.pk]) in body
    assert reverse("activities:activity_reject", args=[w.submitted.pk]) in body
    verified = main(client.get(w.verified.get_absolute_url()))
    assert reverse("activities:activity_revoke", args=[w.verified.pk]) in verified


def test_staff_verify_from_the_queue_and_return_to_it(client, w):
    queue = reverse("activities:queue")
    response = login(client, w.staff_rc).post(
        reverse("activities:activity_verify", args=[w.submitted.pk]), {"next": queue}
    )
    assert response["Location"] == queue
    w.submitted.refresh_from_db()
    assert w.submitted.status == S.VERIFIED


def test_an_outside_next_is_ignored(client, w):
    response = login(client, w.staff_rc).post(
        reverse("activities:activity_verify", args=[w.submitted.pk]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == w.submitted.get_absolute_url()


def test_a_rejection_needs_a_reason(client, w):
    login(client, w.staff_rc)
    before = statuses(Activity)
    client.post(reverse("activities:activity_reject", args=[w.submitted.pk]), {"note": ""})
    assert statuses(Activity) == before
    client.post(reverse("activities:activity_reject", args=[w.submitted.pk]), {"note": "无照片"})
    w.submitted.refresh_from_db()
    assert w.submitted.status == S.REJECTED and w.submitted.status_note == "无照片"


def test_staff_revoke_with_a_reason(client, w):
    login(client, w.staff_rc).post(
        reverse("activities:activity_revoke", args=[w.verified.pk]), {"note": "本人未参加"}
    )
    w.verified.refresh_from_db()
    assert w.verified.status == S.REJECTED


def test_the_deputy_withdraws_and_resubmits(client, w):
    login(client, w.deputy)
    client.post(reverse("activities:activity_withdraw", args=[w.submitted.pk]))
    client.post(reverse("activities:activity_resubmit", args=[w.rejected.pk]))
    assert statuses(Activity)[w.submitted.pk] == S.WITHDRAWN
    assert statuses(Activity)[w.rejected.pk] == S.SUBMITTED


def test_a_step_the_workflow_refuses_is_shown_and_changes_nothing(client, w):
    login(client, w.deputy)
    before = statuses(Activity)
    response = client.post(
        reverse("activities:activity_withdraw", args=[w.verified.pk]), follow=True
    )
    assert statuses(Activity) == before
    assert list(response.context["messages"])


def test_the_deputy_corrects_a_waiting_record(client, w):
    login(client, w.deputy)
    url = reverse("activities:activity_edit", args=[w.submitted.pk])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "activity_type": w.submitted.activity_type_id,
            "day": "2024-05-10",
            "place": "直升镇",
            "content": "视察农村饮水安全工程",
        },
    )
    w.submitted.refresh_from_db()
    assert w.submitted.content == "视察农村饮水安全工程"


def test_evidence_is_added_on_its_own_page(client, w):
    login(client, w.deputy).post(
        reverse("activities:evidence_add", args=[w.submitted.pk]), {"files": [photo()]}
    )
    assert w.submitted.evidence.count() == 1
    body = main(client.get(w.submitted.get_absolute_url()))
    assert "<img" in body


# --- Staff lists ------------------------------------------------------------------------------


def test_the_queue_lists_what_waits_in_scope(client, w):
    body = main(login(client, w.staff_rc).get(reverse("activities:queue")))
    assert "视察农村饮水安全" in body
    assert "调研乡村振兴" not in body and "铜梁的视察" not in body


def test_the_queue_filters_by_town_type_and_date(client, w):
    login(client, w.staff_rc)
    url = reverse("activities:queue")
    assert "视察农村饮水安全" in main(client.get(url, {"town": w.zs.code}))
    other = w.types["survey"].pk
    assert "视察农村饮水安全" not in main(client.get(url, {"activity_type": other}))
    assert "视察农村饮水安全" not in main(client.get(url, {"day_from": "2024-06-01"}))


def test_the_list_filters_by_name_status_and_year(client, w):
    login(client, w.staff_rc)
    url = reverse("activities:activity_list")
    assert "调研乡村振兴" in main(client.get(url, {"q": "黎", "status": "verified"}))
    assert "调研乡村振兴" not in main(client.get(url, {"q": "王"}))
    assert "调研乡村振兴" not in main(client.get(url, {"year": "2023"}))
    assert "调研乡村振兴" in main(client.get(url, {"category": "closed_session"}))


@pytest.mark.parametrize("name", ["activities:queue", "activities:activity_list"])
def test_list_queries_do_not_grow_with_rows(client, w, name):
    login(client, w.staff_rc)
    url = reverse(name)
    few = queries(client, url)
    for n in range(6):
        seat = MandateFactory(term=w.rc_term, electoral_region=w.zs)
        w.make(seat, S.SUBMITTED, content=f"更多{n}")
    assert queries(client, url) == few


# --- Group registration -----------------------------------------------------------------------


def test_group_registration_with_deputies_and_a_group(client, w):
    group = GroupFactory(congress=w.congress, name="直升代表小组")
    MembershipFactory(group=group, mandate=w.wang_seat)
    login(client, w.staff_rc)
    page = client.get(reverse("activities:batch_create"))
    assert page.status_code == 200 and "黎源" in main(page) and "直升代表小组" in main(page)
    response = client.post(
        reverse("activities:batch_create"),
        {
            "congress": w.congress.pk,
            "activity_type": w.types["inspection"].pk,
            "day": "2024-06-01",
            "place": "昌州街道",
            "content": "视察城区污水管网",
            "mandates": [w.li_seat.pk],
            "groups": [group.pk],
            "files": [photo()],
        },
    )
    batch = ActivityBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    body = main(client.get(batch.get_absolute_url()))
    assert "黎源" in body and "王芳" in body and "<img" in body


def test_group_registration_refuses_a_duplicate_on_the_deputies(client, w):
    login(client, w.staff_rc)
    data = {
        "congress": w.congress.pk,
        "activity_type": w.verified.activity_type_id,
        "day": "2024-05-10",
        "place": w.verified.place,
        "content": w.verified.content,
        "mandates": [w.li_seat.pk, w.wang_seat.pk],
    }
    before = written()
    response = client.post(reverse("activities:batch_create"), data)
    assert response.status_code == 200 and response.context["form"].errors["mandates"]
    assert written() == before


def test_group_registration_asks_for_a_congress_when_there_are_several(client, w):
    response = login(client, w.admin).get(reverse("activities:batch_create"))
    assert response.status_code == 200 and 'name="congress"' in main(response)


def test_the_batch_list(client, w):
    opens(login(client, w.staff_rc), reverse("activities:batch_list"), "集体登记")


# --- Catalogue --------------------------------------------------------------------------------


def test_the_catalogue_adds_and_edits_types(client, w):
    login(client, w.staff_rc)
    body = main(client.get(reverse("activities:type_list"), {"congress": w.congress.pk}))
    assert "接待选民" in body and "铜梁" not in body
    client.post(
        reverse("activities:type_create"),
        {
            "congress": w.congress.pk,
            "code": "forum",
            "name": "代表论坛",
            "category": "closed_session",
            "order": "200",
            "active": "on",
        },
    )
    forum = ActivityType.objects.get(code="forum", congress=w.congress)
    client.post(
        reverse("activities:type_edit", args=[forum.pk]),
        {"code": "forum", "name": "代表履职论坛", "category": "closed_session", "order": "200"},
    )
    forum.refresh_from_db()
    assert forum.name == "代表履职论坛" and not forum.active


def test_applying_the_preset_catalogue(client, w):
    ActivityType.objects.filter(congress=w.congress, code="visit").delete()
    login(client, w.staff_rc).post(
        reverse("activities:types_apply_preset"), {"congress": w.congress.pk}
    )
    assert ActivityType.objects.filter(congress=w.congress, code="visit").exists()


# --- Minimums ---------------------------------------------------------------------------------


def test_requirements_are_listed_set_and_deleted(client, w):
    login(client, w.staff_rc)
    index = main(client.get(reverse("activities:requirement_index")))
    assert reverse("activities:requirement_list", args=[w.rc_term.pk]) in index
    page = client.get(reverse("activities:requirement_list", args=[w.rc_term.pk]))
    assert page.status_code == 200
    client.post(
        reverse("activities:requirement_set", args=[w.rc_term.pk]),
        {"category": "speech", "period": "year", "minimum": "5"},
    )
    speech = Requirement.objects.get(term=w.rc_term, category="speech", period="year")
    assert speech.minimum == 5
    client.post(reverse("activities:requirement_delete", args=[speech.pk]))
    assert not Requirement.objects.filter(pk=speech.pk).exists()
    client.post(reverse("activities:requirements_apply_preset", args=[w.rc_term.pk]))
    assert Requirement.objects.get(pk__gt=0, term=w.rc_term, category="speech").minimum == 3


def test_a_minimum_is_changed_from_a_prefilled_form(client, w):
    url = reverse("activities:requirement_set", args=[w.rc_term.pk])
    response = login(client, w.staff_rc).get(url, {"category": "speech", "minimum": "3"})
    assert response.context["form"].initial["minimum"] == "3"


# --- Excused absences -------------------------------------------------------------------------


def test_staff_record_an_excuse_from_the_seat_and_delete_it(client, w):
    login(client, w.staff_rc)
    url = reverse("activities:seat_excuse_create", args=[w.li_seat.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"start": "2024-03-01", "end": "2024-05-31", "reason": "illness", "note": "住院"}
    )
    assert response["Location"] == reverse("activities:seat_progress", args=[w.li_seat.pk])
    excuse = Excuse.objects.get()
    assert "住院" in main(client.get(reverse("activities:excuse_list")))
    client.post(reverse("activities:excuse_delete", args=[excuse.pk]))
    assert not Excuse.objects.exists()


def test_an_excuse_from_the_form_picks_the_seat(client, w):
    login(client, w.staff_rc)
    page = client.get(reverse("activities:excuse_create"))
    assert "李铜梁" not in main(page)
    client.post(
        reverse("activities:excuse_create"),
        {"mandate": w.wang_seat.pk, "start": "2024-03-01", "end": "2024-02-01", "reason": "leave"},
    )
    assert not Excuse.objects.exists()


# --- Below the minimums -----------------------------------------------------------------------


def test_shortfalls_list_deputies_in_words_with_the_excused_apart(client, w):
    ExcuseFactory(mandate=w.wang_seat, note="病假")
    body = main(login(client, w.staff_rc).get(reverse("activities:shortfalls")))
    assert needed(C.SPEECH, 3) in body
    below, excused = body.split('id="excused-h"')
    assert "黎源" in below and "王芳" not in below
    assert "王芳" in excused
    assert reverse("activities:seat_progress", args=[w.li_seat.pk]) in body


def test_shortfalls_lists_are_paginated_each_on_its_own(client, w, monkeypatch):
    """Regression (issue 10): long lists were one table; each list now has its own pages."""
    from renda.activities.views import ShortfallsView

    monkeypatch.setattr(ShortfallsView, "paginate_by", 1)
    login(client, w.staff_rc)
    url = reverse("activities:shortfalls")
    response = client.get(url, {"congress": w.congress.pk, "year": 2024})
    below = response.context["report"].below
    assert len(below) >= 2, "the world needs two deputies below the minimums"
    page = response.context["below_page"]
    assert page.paginator.num_pages == len(below) and len(page.object_list) == 1
    body = main(response).split('id="excused-h"')[0]
    assert "below_page=2" in body and f"congress={w.congress.pk}" in body
    second = client.get(url, {"congress": w.congress.pk, "year": 2024, "below_page": 2})
    assert second.context["below_page"].object_list[0] == below[1]
    assert second.context["excused_page"].number == 1


def test_shortfalls_filter_by_town_and_group(client, w):
    group = GroupFactory(congress=w.congress)
    MembershipFactory(group=group, mandate=w.wang_seat)
    login(client, w.staff_rc)
    url = reverse("activities:shortfalls")
    by_town = main(client.get(url, {"congress": w.congress.pk, "year": 2024, "town": w.zs.code}))
    assert "黎源" in by_town and "王芳" not in by_town
    by_group = main(client.get(url, {"congress": w.congress.pk, "year": 2024, "group": group.pk}))
    assert "王芳" in by_group and "黎源" not in by_group


def test_shortfalls_by_level(client, w):
    response = login(client, w.admin).get(reverse("activities:shortfalls"), {"level": 4})
    assert "黎源" in main(response)
    # 铜梁区's term has no minimums: its deputy is looked at and falls short of nothing.
    assert response.context["report"].seats == 3


def test_shortfalls_page_queries_do_not_grow(client, w):
    login(client, w.staff_rc)
    url = reverse("activities:shortfalls")
    few = queries(client, url)
    for _n in range(5):
        seat = MandateFactory(term=w.rc_term, electoral_region=w.zs)
        MembershipFactory(group=GroupFactory(congress=w.congress), mandate=seat)
        ExcuseFactory(mandate=seat)
    assert queries(client, url) == few


def test_shortfalls_export(client, w):
    response = login(client, w.staff_rc).get(
        reverse("activities:shortfalls_export"), {"congress": w.congress.pk, "year": 2024}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [r[1] for r in sheet.iter_rows(min_row=3, values_only=True)]
    assert sorted(names) == sorted(["黎源", "王芳"])


def test_seat_progress_for_staff(client, w):
    ExcuseFactory(mandate=w.li_seat, note="住院")
    response = login(client, w.staff_rc).get(
        reverse("activities:seat_progress", args=[w.li_seat.pk]), {"year": 2024}
    )
    body = main(response)
    assert needed(C.SPEECH, 3) in body and "住院" in body and "调研乡村振兴" in body
    assert reverse("activities:seat_excuse_create", args=[w.li_seat.pk]) in body


def test_a_year_that_is_not_a_number_shows_this_year(client, w):
    response = login(client, w.staff_rc).get(
        reverse("activities:seat_progress", args=[w.li_seat.pk]), {"year": "x"}
    )
    assert response.context["year"] == 2024

"""Posting to each page of the activity register: anonymous users, a deputy and staff of another
district (铜梁区) change nothing; the rightful user opens each page and sees it. Who gets which
answer from each page is in access.py (the access matrix, core/tests/test_access.py)."""

import pytest
from django.urls import reverse

from renda.activities.models import Activity, Excuse, Requirement
from renda.activities.tests.factories import ExcuseFactory, world
from renda.core.models import AuditEntry
from renda.core.testing import frozen_at, login, opens, xlsx_of

pytestmark = pytest.mark.django_db


frozen = frozen_at("2024-06-15 10:00:00+08:00")


@pytest.fixture
def w():
    w = world()
    w.excuse = ExcuseFactory(mandate=w.li_seat)
    w.requirement = Requirement.objects.filter(term=w.rc_term).first()
    return w


# (url name, args from the world) of pages only staff open.
STAFF_LISTS = [
    "activities:activity_list",
    "activities:queue",
    "activities:batch_list",
    "activities:batch_create",
    "activities:type_list",
    "activities:type_create",
    "activities:requirement_index",
    "activities:excuse_list",
    "activities:excuse_create",
    "activities:shortfalls",
    "activities:shortfalls_export",
]
STAFF_OBJECT_PAGES = [
    ("activities:type_edit", lambda w: [w.types["inspection"].pk]),
    ("activities:requirement_list", lambda w: [w.rc_term.pk]),
    ("activities:requirement_set", lambda w: [w.rc_term.pk]),
    ("activities:seat_progress", lambda w: [w.li_seat.pk]),
    ("activities:seat_excuse_create", lambda w: [w.li_seat.pk]),
    ("activities:person_activities", lambda w: [w.li.pk]),
    ("activities:register_for", lambda w: [w.li.pk]),
]
DEPUTY_PAGES = [
    ("activities:mine", lambda w: []),
    ("activities:register", lambda w: []),
    ("activities:activity_detail", lambda w: [w.submitted.pk]),
    ("activities:activity_edit", lambda w: [w.submitted.pk]),
    ("activities:evidence_add", lambda w: [w.submitted.pk]),
]
STAFF_POSTS = [
    ("activities:activity_verify", lambda w: [w.submitted.pk]),
    ("activities:activity_reject", lambda w: [w.submitted.pk]),
    ("activities:activity_revoke", lambda w: [w.verified.pk]),
    ("activities:requirements_apply_preset", lambda w: [w.rc_term.pk]),
    ("activities:requirement_delete", lambda w: [w.requirement.pk]),
    ("activities:excuse_delete", lambda w: [w.excuse.pk]),
]
DEPUTY_POSTS = [
    ("activities:activity_withdraw", lambda w: [w.submitted.pk]),
    ("activities:activity_resubmit", lambda w: [w.rejected.pk]),
]


def state():
    return (
        dict(Activity.objects.values_list("pk", "status")),
        Requirement.objects.count(),
        Excuse.objects.count(),
        AuditEntry.objects.count(),
    )


def url(w, name, args=None):
    return reverse(name, args=args(w) if args else [])


# What each page shows (the shortfalls' export: a workbook).
SHOWN = {
    "activities:activity_list": "视察农村饮水安全",
    "activities:queue": "视察农村饮水安全",
    "activities:batch_list": "集体登记",
    "activities:batch_create": "为多名代表集体登记履职活动",
    "activities:type_list": "视察",
    "activities:type_create": "新建活动类型",
    "activities:requirement_index": "荣昌区",
    "activities:excuse_list": "黎源",
    "activities:excuse_create": "登记缺勤说明",
    "activities:shortfalls": "未达基本要求的代表",
    "activities:type_edit": "视察",
    "activities:requirement_list": "履职基本要求",
    "activities:requirement_set": "设置最低要求",
    "activities:seat_progress": "黎源",
    "activities:seat_excuse_create": "黎源",
    "activities:person_activities": "黎源",
    "activities:register_for": "登记履职活动",
    "activities:mine": "视察农村饮水安全",
    "activities:register": "登记履职活动",
    "activities:activity_detail": "视察农村饮水安全",
    "activities:activity_edit": "视察农村饮水安全",
    "activities:evidence_add": "添加佐证材料",
}


@pytest.mark.parametrize("name,args", STAFF_POSTS + DEPUTY_POSTS)
def test_anonymous_posts_change_nothing(client, w, name, args):
    before = state()
    assert client.post(url(w, name, args), {"note": "x"}).status_code == 302
    assert state() == before


@pytest.mark.parametrize("name,args", STAFF_POSTS)
def test_a_deputy_may_not_decide(client, w, name, args):
    client.force_login(w.deputy)
    before = state()
    assert client.post(url(w, name, args), {"note": "x"}).status_code == 403
    assert state() == before


@pytest.mark.parametrize("name,args", STAFF_POSTS)
def test_staff_of_another_district_post_404_and_change_nothing(client, w, name, args):
    client.force_login(w.staff_tl)
    before = state()
    assert client.post(url(w, name, args), {"note": "x"}).status_code == 404
    assert state() == before


@pytest.mark.parametrize("name,args", DEPUTY_POSTS)
@pytest.mark.parametrize("who", ["staff_rc", "staff_tl"])
def test_no_staff_take_the_deputys_own_steps(client, w, name, args, who):
    """Staff keep the register (they register for deputies, correct and decide); withdrawing
    and resubmitting are the deputy's own, refused to staff wherever they work."""
    client.force_login(getattr(w, who))
    before = state()
    assert client.post(url(w, name, args), {"note": "x"}).status_code == 403
    assert state() == before


def test_another_deputy_gets_404_on_li_s_activity(client, w):
    client.force_login(w.other_deputy)
    assert client.get(w.submitted.get_absolute_url()).status_code == 404
    before = state()
    assert client.post(url(w, *DEPUTY_POSTS[0])).status_code == 404
    assert state() == before


def test_lists_of_another_district_hold_none_of_rongchang(client, w):
    client.force_login(w.staff_tl)
    for name in ("activities:activity_list", "activities:queue"):
        body = client.get(reverse(name)).content.decode()
        assert "视察农村饮水安全" not in body and "铜梁的视察" in body


@pytest.mark.parametrize("name,args", [(n, None) for n in STAFF_LISTS] + STAFF_OBJECT_PAGES)
def test_the_rightful_staff_open_staff_pages(client, w, name, args):
    client.force_login(w.staff_rc)
    if name in SHOWN:
        opens(client, url(w, name, args), SHOWN[name])
    else:
        assert xlsx_of(client.get(url(w, name, args))).active


@pytest.mark.parametrize("name,args", DEPUTY_PAGES)
def test_the_deputy_opens_their_pages(client, w, name, args):
    opens(login(client, w.deputy), url(w, name, args), SHOWN[name])


@pytest.mark.parametrize("name,args", STAFF_POSTS)
def test_the_rightful_staff_post(client, w, name, args):
    client.force_login(w.staff_rc)
    Requirement.objects.filter(pk=w.requirement.pk).update(minimum=9)  # the preset resets it
    before = state()
    assert client.post(url(w, name, args), {"note": "理由"}).status_code == 302
    assert state() != before

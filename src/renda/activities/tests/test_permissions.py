"""Who may open and post to each page of the activity register: anonymous users go to sign in,
a role without access gets 403, staff of another district (铜梁区) get 404 exactly like a missing
id and change nothing, and the rightful user gets the page."""

import pytest
from django.urls import reverse

from renda.accounts.tests.factories import user_with
from renda.activities.models import Activity, Excuse, Requirement
from renda.activities.tests.factories import ExcuseFactory, world
from renda.core.models import AuditEntry
from renda.core.testing import frozen_at
from renda.regions.tests.factories import HandlingUnitFactory

pytestmark = pytest.mark.django_db


frozen = frozen_at("2024-06-15 10:00:00+08:00")


@pytest.fixture
def w():
    w = world()
    w.excuse = ExcuseFactory(mandate=w.li_seat)
    w.requirement = Requirement.objects.filter(term=w.rc_term).first()
    w.unit = user_with("unit", handling_unit=HandlingUnitFactory())
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


ALL_GETS = [(n, None) for n in STAFF_LISTS] + STAFF_OBJECT_PAGES + DEPUTY_PAGES


@pytest.mark.parametrize("name,args", ALL_GETS)
def test_anonymous_is_sent_to_sign_in(client, w, name, args):
    response = client.get(url(w, name, args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name,args", STAFF_POSTS + DEPUTY_POSTS)
def test_anonymous_posts_change_nothing(client, w, name, args):
    before = state()
    assert client.post(url(w, name, args), {"note": "x"}).status_code == 302
    assert state() == before


@pytest.mark.parametrize("name,args", [(n, None) for n in STAFF_LISTS] + STAFF_OBJECT_PAGES[:5])
def test_a_deputy_may_not_open_staff_pages(client, w, name, args):
    client.force_login(w.deputy)
    assert client.get(url(w, name, args)).status_code == 403


@pytest.mark.parametrize("name,args", DEPUTY_PAGES)
def test_a_handling_unit_may_not_open_deputy_pages(client, w, name, args):
    client.force_login(w.unit)
    assert client.get(url(w, name, args)).status_code == 403


@pytest.mark.parametrize("name,args", STAFF_POSTS)
def test_a_deputy_may_not_decide(client, w, name, args):
    client.force_login(w.deputy)
    before = state()
    assert client.post(url(w, name, args), {"note": "x"}).status_code == 403
    assert state() == before


@pytest.mark.parametrize("name,args", STAFF_OBJECT_PAGES)
def test_staff_of_another_district_get_404_on_objects(client, w, name, args):
    client.force_login(w.staff_tl)
    assert client.get(url(w, name, args)).status_code == 404


@pytest.mark.parametrize("name,args", DEPUTY_PAGES[2:])
def test_staff_of_another_district_get_404_on_an_activity(client, w, name, args):
    client.force_login(w.staff_tl)
    assert client.get(url(w, name, args)).status_code == 404


@pytest.mark.parametrize("name,args", STAFF_POSTS + DEPUTY_POSTS)
def test_staff_of_another_district_post_404_and_change_nothing(client, w, name, args):
    client.force_login(w.staff_tl)
    before = state()
    assert client.post(url(w, name, args), {"note": "x"}).status_code == 404
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
    assert client.get(url(w, name, args)).status_code == 200


@pytest.mark.parametrize("name,args", DEPUTY_PAGES)
def test_the_deputy_opens_their_pages(client, w, name, args):
    client.force_login(w.deputy)
    assert client.get(url(w, name, args)).status_code == 200


@pytest.mark.parametrize("name,args", STAFF_POSTS)
def test_the_rightful_staff_post(client, w, name, args):
    client.force_login(w.staff_rc)
    Requirement.objects.filter(pk=w.requirement.pk).update(minimum=9)  # the preset resets it
    before = state()
    assert client.post(url(w, name, args), {"note": "理由"}).status_code == 302
    assert state() != before

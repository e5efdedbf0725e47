"""The workbench (dashboard) per role, the administrators' audit log, the sign-in page and its
lockout, and a sweep over every page checking that nothing loads from outside the server."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from renda.accounts.tests.factories import PASSWORD, UserFactory, staff_users, user_with
from renda.accounts.views import LOCKED_OUT
from renda.congresses.tests.factories import SessionFactory, districts
from renda.core.models import AuditEntry
from renda.core.testing import frozen_at, login, queries
from renda.people.services import person_update
from renda.people.tests.factories import (
    GroupFactory,
    MandateFactory,
    MembershipFactory,
    PersonFactory,
)
from renda.regions.tests.factories import HandlingUnitFactory
from renda.stations.choices import AssignmentRole
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


frozen = frozen_at("2026-11-22 10:00:00+08:00")


@pytest.fixture
def w():
    w = districts()
    w.session = SessionFactory(term=w.rc_term)
    w.yang = MandateFactory(
        person=PersonFactory(name="杨朝兵"), term=w.rc_term, electoral_region=w.zs
    )
    w.wang = MandateFactory(
        person=PersonFactory(name="王芳"), term=w.rc_term, electoral_region=w.zs
    )
    w.li = MandateFactory(person=PersonFactory(name="李铜梁"), term=w.tl_term)
    w.station = StationFactory(region=w.zs, name="直升镇人大代表之家")
    w.head = AssignmentFactory(station=w.station, mandate=w.yang, role=AssignmentRole.HEAD)
    w.group = GroupFactory(congress=w.rc_term.congress, region=w.rc)
    MembershipFactory(group=w.group, mandate=w.yang)
    w.unit = HandlingUnitFactory(region=w.rc)
    vars(w).update(staff_users(w))
    w.deputy = user_with("deputy", person=w.yang.person)
    w.unit_user = user_with("unit", handling_unit=w.unit)
    w.liaison = user_with("liaison", station=w.station)
    w.nobody = UserFactory()
    return w


# --- Workbench ----------------------------------------------------------------------------------


def test_the_workbench_needs_a_sign_in(client, w):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={reverse('core:dashboard')}"


def test_an_account_without_any_role_is_refused(client, w):
    response = login(client, w.nobody).get(reverse("core:dashboard"))
    assert response.status_code == 403
    assert gettext("Your role does not give access to this page.") in response.content.decode()


@pytest.mark.parametrize(
    "who,figures",
    [
        ("staff_rc", {"deputies": 2, "mandates": 2, "groups": 1, "stations": 1}),
        ("staff_tl", {"deputies": 1, "mandates": 1, "groups": 0, "stations": 0}),
        ("admin", {"deputies": 3, "mandates": 3, "groups": 1, "stations": 1}),
        # Other roles get no district figures: their workbench links what they are bound to.
        ("deputy", {}),
        ("liaison", {}),
        ("unit_user", {}),
    ],
)
def test_the_workbench_counts_what_the_role_reaches(client, w, who, figures):
    response = login(client, getattr(w, who)).get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert {f.key: f.count for f in response.context["figures"]} == figures


@pytest.mark.parametrize(
    "who,link_name",
    [
        ("deputy", "people:person_edit"),
        ("liaison", "stations:station_detail"),
        ("unit_user", "regions:unit_detail"),
    ],
)
def test_the_workbench_links_what_the_role_is_bound_to(client, w, who, link_name):
    """Each bound role reaches its own record from the workbench, and the link opens."""
    login(client, getattr(w, who))
    cards = client.get(reverse("core:dashboard")).context["cards"]
    target = next(c.target or c.entries[0][0] for c in cards if c.target or c.entries)
    url = reverse(link_name, args=[target.pk])
    assert url in client.get(reverse("core:dashboard")).content.decode()
    assert client.get(url).status_code == 200


def test_the_workbench_offers_staff_links_to_staff_only(client, w):
    people_list = f'href="{reverse("people:person_list")}"'
    staff = login(client, w.staff_rc).get(reverse("core:dashboard")).content.decode()
    assert people_list in staff
    assert reverse("core:audit_log") not in staff
    client.logout()
    deputy = login(client, w.deputy).get(reverse("core:dashboard")).content.decode()
    assert people_list not in deputy
    client.logout()
    admin = login(client, w.admin).get(reverse("core:dashboard")).content.decode()
    assert reverse("core:audit_log") in admin


# --- Audit log ----------------------------------------------------------------------------------


def test_the_audit_log_is_for_administrators(client, w):
    person = w.yang.person
    person_update(actor=w.staff_rc, person=person, ethnicity="土家族")
    assert client.get(reverse("core:audit_log")).status_code == 302
    for who in ("staff_rc", "deputy", "unit_user"):
        response = login(client, getattr(w, who)).get(reverse("core:audit_log"))
        assert response.status_code == 403, who
        client.logout()
    response = login(client, w.admin).get(reverse("core:audit_log"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "杨朝兵" in body and "土家族" in body and w.staff_rc.username in body


def test_the_audit_log_filters_by_actor_and_action(client, w):
    person_update(actor=w.staff_rc, person=w.yang.person, ethnicity="土家族")
    person_update(actor=w.staff_tl, person=w.li.person, ethnicity="回族")
    login(client, w.admin)
    body = client.get(reverse("core:audit_log"), {"actor": w.staff_tl.username}).content.decode()
    assert "李铜梁" in body and "杨朝兵" not in body
    assert (
        "回族" not in client.get(reverse("core:audit_log"), {"action": "create"}).content.decode()
    )
    assert "回族" in client.get(reverse("core:audit_log"), {"action": "update"}).content.decode()


def test_the_audit_log_queries_do_not_grow_with_rows(client, w):

    login(client, w.admin)

    person_update(actor=w.staff_rc, person=w.yang.person, ethnicity="土家族")
    few = queries(client, reverse("core:audit_log"))
    for i in range(14):
        person_update(actor=w.staff_rc, person=w.yang.person, ethnicity=f"族{i}")
    assert AuditEntry.objects.count() >= 15
    assert queries(client, reverse("core:audit_log")) == few


# --- Sign-in ------------------------------------------------------------------------------------


def test_the_sign_in_page(client, w):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="username"' in body and 'name="password"' in body


def test_signing_in_opens_the_to_do_page(client, w):
    response = client.post(
        reverse("accounts:login"), {"username": w.staff_rc.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:todo")
    assert client.get(reverse("core:todo")).status_code == 200


def test_a_wrong_password_says_so_in_chinese(client, w):
    response = client.post(
        reverse("accounts:login"), {"username": w.staff_rc.username, "password": "x"}
    )
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_repeated_failures_lock_the_sign_in_form(client, w):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": w.staff_rc.username, "password": "wrong"})
    response = client.post(url, {"username": w.staff_rc.username, "password": PASSWORD})
    assert response.status_code == 429
    assert str(LOCKED_OUT) in response.content.decode()
    assert client.get(reverse("core:dashboard")).status_code == 302  # not signed in


def test_signing_out(client, w):
    login(client, w.staff_rc)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert client.get(reverse("core:dashboard")).status_code == 302


# --- Nothing from outside -----------------------------------------------------------------------

EXTERNAL = re.compile(
    r"""\b(?:src|href|action|srcset|data-src)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""", re.I
)
CSS_URL = re.compile(r"""url\(\s*["']?((?:https?:)?//[^"')\s]+)""", re.I)


def _pages(w) -> list[tuple[str, str]]:
    """(who, url) for every page a person can open: public, staff and API documents."""
    public = [
        reverse("portal:home"),
        reverse("portal:deputies") + "?q=ycb",
        reverse("portal:deputy", args=[w.yang.person_id]),
        reverse("portal:stations"),
        reverse("portal:station", args=[w.station.pk]),
        reverse("accounts:login"),
        "/api/v1/docs/",
        "/api/v1/redoc/",
        "/api/v1/deputies/",
        "/no-such-page/",
        "/admin/login/",
    ]
    staff = [
        reverse("core:dashboard"),
        reverse("core:audit_log"),
        reverse("people:person_list"),
        reverse("people:person_create"),
        reverse("people:person_detail", args=[w.yang.person_id]),
        reverse("people:person_edit", args=[w.yang.person_id]),
        reverse("people:person_photo", args=[w.yang.person_id]),
        reverse("people:mandate_create", args=[w.yang.person_id]),
        reverse("people:mandate_edit", args=[w.yang.pk]),
        reverse("people:mandate_end", args=[w.yang.pk]),
        reverse("people:group_list"),
        reverse("people:group_create"),
        reverse("people:group_detail", args=[w.group.pk]),
        reverse("people:group_edit", args=[w.group.pk]),
        reverse("people:group_member_add", args=[w.group.pk]),
        reverse("people:roster_import"),
        reverse("stations:station_list"),
        reverse("stations:station_create"),
        reverse("stations:station_import"),
        reverse("stations:station_detail", args=[w.station.pk]),
        reverse("stations:station_edit", args=[w.station.pk]),
        reverse("stations:assignment_create", args=[w.station.pk]),
        reverse("stations:assignment_end", args=[w.station.pk, w.head.pk]),
        reverse("congresses:congress_list"),
        reverse("congresses:congress_create"),
        reverse("congresses:congress_detail", args=[w.rc_term.congress_id]),
        reverse("congresses:congress_edit", args=[w.rc_term.congress_id]),
        reverse("congresses:term_create", args=[w.rc_term.congress_id]),
        reverse("congresses:term_edit", args=[w.rc_term.pk]),
        reverse("congresses:session_create", args=[w.rc_term.pk]),
        reverse("congresses:session_edit", args=[w.session.pk]),
        reverse("regions:region_list"),
        reverse("regions:region_detail", args=[w.rc.pk]),
        reverse("regions:region_edit", args=[w.rc.pk]),
        reverse("regions:region_child_create", args=[w.rc.pk]),
        reverse("regions:unit_list"),
        reverse("regions:unit_create"),
        reverse("regions:unit_detail", args=[w.unit.pk]),
        reverse("regions:unit_edit", args=[w.unit.pk]),
        reverse("people:person_detail", args=[987654]),  # the 404 page, signed in
        "/api/v1/people/",  # the browsable API
    ]
    return [("public", url) for url in public] + [("admin", url) for url in staff]


def test_no_page_loads_anything_from_another_host(client, w):
    """Regression: the ReDoc page loaded Google Fonts; the browsable API linked DRF's site."""
    checked = 0
    for who, url in _pages(w):
        client.logout()
        if who == "admin":
            login(client, w.admin)
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code in (200, 404), (url, response.status_code)
        assert "text/html" in response["Content-Type"], url
        body = response.content.decode()
        for found in EXTERNAL.findall(body) + CSS_URL.findall(body):
            assert urlsplit(found).hostname == "testserver", f"{url} loads {found}"
        checked += 1
    assert checked == len(_pages(w)) > 50


def test_the_sweep_would_catch_an_external_url():
    """The check itself: a CDN link is found, a link to the page's own host is not."""
    page = (
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">'
        '<script src=//unpkg.com/htmx.js></script><a href="http://testserver/deputies/">'
        "<style>@font-face{src:url('https://fonts.gstatic.com/a.woff')}</style>"
    )
    hosts = [urlsplit(u).hostname for u in EXTERNAL.findall(page) + CSS_URL.findall(page)]
    assert hosts == ["cdn.example.com", "unpkg.com", "testserver", "fonts.gstatic.com"]

"""What a session is held to: a password the office issued is changed at the first sign-in
before anything else; a staff session ends after the idle time (deputies' do not); the admin
site is for administrators only, and speaks Chinese; the API gives no token for an issued
password."""

import datetime

import pytest
from django.urls import reverse

from renda.accounts.api.views import CHANGE_FIRST
from renda.accounts.middleware import MUST_CHANGE, SIGNED_OUT_IDLE
from renda.accounts.services import user_password_reset
from renda.accounts.tests import world_accounts
from renda.accounts.tests.factories import PASSWORD, UserFactory, user_with
from renda.core.choices import Role
from renda.core.testing import assert_login_redirect, assert_refused, frozen_at, login

pytestmark = pytest.mark.django_db

START = "2026-11-22 10:00:00+08:00"
frozen = frozen_at(START)


@pytest.fixture
def w():
    return world_accounts.build()


def _sign_in(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


# --- The first sign-in with an issued password -------------------------------------------------


def test_an_issued_password_must_be_changed_before_anything_else(client, w):
    issued = user_password_reset(actor=w.staff, user=w.li_user)

    response = _sign_in(client, w.li_user.username, issued.password)
    assert response.status_code == 302
    change = reverse("accounts:password_change")
    for url in (reverse("core:dashboard"), reverse("core:todo"), reverse("portal:home")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == change, url
    page = client.get(change)
    assert page.status_code == 200 and str(MUST_CHANGE) in page.content.decode()
    api = client.get("/api/v1/people/")
    assert api.status_code == 403 and api.json()["code"] == "password_change_required"

    response = client.post(
        change,
        {
            "old_password": issued.password,
            "new_password1": "Qing-shan-lv-shui-8",
            "new_password2": "Qing-shan-lv-shui-8",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    assert client.get(reverse("core:dashboard")).status_code == 200
    w.li_user.refresh_from_db()
    assert not w.li_user.must_change_password


def test_signing_out_stays_open_to_a_user_who_must_change(client, w):
    w.li_user.must_change_password = True
    w.li_user.save()
    login(client, w.li_user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"] != reverse(
        "accounts:password_change"
    )
    assert_login_redirect(client.get(reverse("core:dashboard")))


def test_the_api_gives_no_token_for_an_issued_password(api, w):
    issued = user_password_reset(actor=w.staff, user=w.clerk)
    response = api.post(
        "/api/v1/auth/token/",
        {"username": w.clerk.username, "password": issued.password},
        format="json",
    )
    assert_refused(response, 403, CHANGE_FIRST)


# --- Idle staff sessions -----------------------------------------------------------------------


def test_a_staff_session_ends_after_the_idle_time(client, w, frozen, settings):
    settings.RENDA_STAFF_IDLE_MINUTES = 30
    assert _sign_in(client, w.staff.username, PASSWORD).status_code == 302
    frozen.tick(datetime.timedelta(minutes=29))
    assert client.get(reverse("core:dashboard")).status_code == 200
    # Activity resets the clock: 29 more minutes are fine.
    frozen.tick(datetime.timedelta(minutes=29))
    assert client.get(reverse("core:dashboard")).status_code == 200

    frozen.tick(datetime.timedelta(minutes=31))
    response = client.get(reverse("core:dashboard"))
    assert_login_redirect(response)
    page = client.get(response["Location"])
    assert str(SIGNED_OUT_IDLE % {"minutes": 30}) in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_administrators_session_ends_too(client, w, frozen, settings):
    settings.RENDA_STAFF_IDLE_MINUTES = 10
    login(client, w.admin)
    frozen.tick(datetime.timedelta(minutes=11))
    assert_login_redirect(client.get(reverse("core:dashboard")))


@pytest.mark.parametrize("who", ["li_user", "liaison", "clerk"])
def test_other_roles_keep_their_session(client, w, frozen, settings, who):
    settings.RENDA_STAFF_IDLE_MINUTES = 30
    login(client, getattr(w, who))
    frozen.tick(datetime.timedelta(hours=5))
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_no_idle_limit_when_set_to_zero(client, w, frozen, settings):
    settings.RENDA_STAFF_IDLE_MINUTES = 0
    login(client, w.staff)
    frozen.tick(datetime.timedelta(hours=5))
    assert client.get(reverse("core:dashboard")).status_code == 200


# --- The admin site ----------------------------------------------------------------------------


def test_staff_do_not_enter_the_admin_site_even_with_djangos_staff_flag(client, w):
    w.staff.is_staff = True
    w.staff.save()
    response = login(client, w.staff).get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert login(client, w.li_user).get("/admin/accounts/user/").status_code == 302


@pytest.mark.parametrize("who", ["grant", "superuser"])
def test_administrators_enter_the_admin_site_in_chinese(client, w, who):
    admin = w.admin if who == "grant" else UserFactory(is_superuser=True)
    response = login(client, admin).get("/admin/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "智慧人大 · 系统配置" in body
    assert login(client, admin).get("/admin/accounts/user/").status_code == 200


def test_the_configuration_link_shows_for_administrators_only(client, w):
    assert "/admin/" in login(client, w.admin).get(reverse("core:dashboard")).content.decode()
    staff = user_with(Role.STAFF, region=w.rc)
    assert "/admin/" not in login(client, staff).get(reverse("core:dashboard")).content.decode()

"""The account pages as each role meets them: the list and a login's page, opening a login,
issuing a password (shown once, not cached), closing and reopening, roles, the deputies of a
congress in bulk with the sheet and its workbook, and one's own password. Who gets 302, 403 or
404 on each URL is the access matrix's (accounts/access.py); these check content and writes."""

import base64
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from renda.accounts.forms import CHOOSE_UNIT
from renda.accounts.models import RoleGrant, User
from renda.accounts.services import ALREADY_ACTIVE, LAST_ROLE, USERNAME_TAKEN
from renda.accounts.tests import world_accounts
from renda.accounts.tests.factories import PASSWORD, user_with
from renda.accounts.views import (
    DEACTIVATED,
    NONE_WITHOUT_LOGIN,
    PASSWORD_CHANGED,
    REACTIVATED,
)
from renda.core.choices import Role
from renda.core.models import AuditEntry
from renda.core.testing import INVALID_CHOICE, counter, frozen_at, login, main, opens, queries

pytestmark = pytest.mark.django_db

frozen = frozen_at("2026-11-22 10:00:00+08:00")
counts = counter(User, RoleGrant, AuditEntry)


@pytest.fixture
def w():
    return world_accounts.build()


def _password_on(response) -> str:
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    found = re.findall(r"data-password>([^<]+)<", response.content.decode())
    assert len(found) == 1
    return found[0]


# --- The list and a login's page ---------------------------------------------------------------


def test_the_list_shows_the_logins_of_the_staffs_area_only(client, w):
    body = main(login(client, w.staff).get(reverse("accounts:user_list")))

    for user in (w.li_user, w.liaison, w.clerk):
        assert user.username in body
    for user in (w.tl_liaison, w.staff_town, w.admin):
        assert user.username not in body
    assert "荣昌区交通局" in body  # the role's binding


def test_the_list_filters_by_role_status_and_text(client, w):
    w.clerk.is_active = False
    w.clerk.save()
    login(client, w.staff)
    url = reverse("accounts:user_list")

    by_role = main(client.get(url, {"role": "liaison"}))
    assert w.liaison.username in by_role and w.clerk.username not in by_role
    inactive = main(client.get(url, {"active": "no"}))
    assert w.clerk.username in inactive and w.liaison.username not in inactive
    by_text = main(client.get(url, {"q": w.li_user.username}))
    assert w.li_user.username in by_text and w.clerk.username not in by_text


def test_an_administrator_lists_staff_logins(client, w):
    body = main(login(client, w.admin).get(reverse("accounts:user_list"), {"role": "staff"}))
    assert w.staff_town.username in body and w.liaison.username not in body


def test_the_lists_queries_do_not_grow_with_its_rows(client, w):
    login(client, w.staff)
    url = reverse("accounts:user_list")
    few = queries(client, url)
    for _ in range(12):
        user_with(Role.LIAISON, station=w.station2)
        user_with(Role.DEPUTY, person=w.wang)
    assert queries(client, url) == few


def test_a_logins_page_shows_its_roles_and_actions(client, w):
    body = opens(login(client, w.staff), w.liaison.get_absolute_url(), "直升镇代表之家")
    assert reverse("accounts:user_password_reset", args=[w.liaison.pk]) in body
    assert reverse("accounts:user_deactivate", args=[w.liaison.pk]) in body
    # Its only role cannot be taken away.
    assert "/remove/" not in body


def test_another_districts_staff_get_404_without_content(client, w):
    response = login(client, w.staff_tl).get(w.liaison.get_absolute_url())
    assert response.status_code == 404
    assert w.liaison.username not in main(response)


# --- Opening a login ---------------------------------------------------------------------------


def test_staff_open_a_deputy_login_and_see_its_password_once(client, w):
    response = login(client, w.staff).post(
        reverse("accounts:user_create"), {"role": "deputy", "person": w.wang.pk}
    )

    password = _password_on(response)
    user = User.objects.get(grants__person=w.wang)
    assert user.username == f"{w.wang.name_pinyin}{w.wang.pk}" and user.full_name == "王芳"
    assert user.check_password(password) and user.must_change_password
    # Its page afterwards does not show it.
    assert password not in client.get(user.get_absolute_url()).content.decode()


def test_staff_open_a_liaison_login_for_two_stations(client, w):
    response = login(client, w.staff).post(
        reverse("accounts:user_create"),
        {
            "role": "liaison",
            "stations": [w.station.pk, w.station2.pk],
            "username": "hn-liaison",
            "full_name": "张联络",
        },
    )
    _password_on(response)
    assert User.objects.get(username="hn-liaison").grants.count() == 2


def test_staff_are_not_offered_the_staff_role(client, w):
    login(client, w.staff)
    page = client.get(reverse("accounts:user_create")).content.decode()
    assert 'value="staff"' not in page
    with counts.unchanged():
        response = client.post(
            reverse("accounts:user_create"),
            {"role": "staff", "region": w.zs.pk, "username": "zs-clerk"},
        )
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()


def test_another_districts_station_is_not_offered(client, w):
    with counts.unchanged():
        response = login(client, w.staff).post(
            reverse("accounts:user_create"),
            {"role": "liaison", "stations": [w.tl_station.pk], "username": "tl-liaison"},
        )
    assert INVALID_CHOICE in response.content.decode()


def test_a_taken_username_is_said_on_the_form(client, w):
    with counts.unchanged():
        response = login(client, w.staff).post(
            reverse("accounts:user_create"),
            {"role": "unit", "handling_unit": w.unit.pk, "username": w.clerk.username},
        )
    assert str(USERNAME_TAKEN) in response.content.decode()


def test_a_role_without_its_binding_is_said_on_the_form(client, w):
    with counts.unchanged():
        response = login(client, w.staff).post(
            reverse("accounts:user_create"), {"role": "unit", "username": "jt-clerk"}
        )
    assert str(CHOOSE_UNIT) in response.content.decode()


def test_an_administrator_opens_a_staff_login(client, w):
    response = login(client, w.admin).post(
        reverse("accounts:user_create"),
        {"role": "staff", "region": w.zs.pk, "username": "zs-clerk", "full_name": "刘干事"},
    )
    _password_on(response)
    assert User.objects.get(username="zs-clerk").grants.get().region == w.zs


# --- Steps on a login --------------------------------------------------------------------------


def test_a_password_reset_shows_the_new_password_once(client, w):
    response = login(client, w.staff).post(
        reverse("accounts:user_password_reset", args=[w.clerk.pk])
    )
    password = _password_on(response)
    w.clerk.refresh_from_db()
    assert w.clerk.check_password(password) and w.clerk.must_change_password


def test_deactivate_and_reactivate(client, w):
    login(client, w.staff)
    response = client.post(reverse("accounts:user_deactivate", args=[w.clerk.pk]), follow=True)
    assert str(DEACTIVATED) in response.content.decode()
    w.clerk.refresh_from_db()
    assert not w.clerk.is_active

    response = client.post(reverse("accounts:user_reactivate", args=[w.clerk.pk]), follow=True)
    assert str(REACTIVATED) in response.content.decode()
    w.clerk.refresh_from_db()
    assert w.clerk.is_active


def test_a_refused_step_is_a_message_on_the_logins_page(client, w):
    login(client, w.staff)
    with counts.unchanged():
        response = client.post(reverse("accounts:user_reactivate", args=[w.clerk.pk]), follow=True)
    assert str(ALREADY_ACTIVE) in main(response)


def test_a_deactivated_login_cannot_sign_in(client, w):
    login(client, w.staff).post(reverse("accounts:user_deactivate", args=[w.clerk.pk]))
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": w.clerk.username, "password": PASSWORD}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_staff_give_and_take_a_station(client, w):
    login(client, w.staff)
    response = client.post(
        reverse("accounts:user_grant_add", args=[w.liaison.pk]),
        {"role": "liaison", "stations": [w.station2.pk]},
    )
    assert response.status_code == 302
    grant = w.liaison.grants.get(station=w.station2)

    body = client.get(w.liaison.get_absolute_url()).content.decode()
    assert reverse("accounts:user_grant_remove", args=[w.liaison.pk, grant.pk]) in body
    client.post(reverse("accounts:user_grant_remove", args=[w.liaison.pk, grant.pk]))
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_the_last_role_is_not_taken(client, w):
    grant = w.clerk.grants.get()
    login(client, w.staff)
    with counts.unchanged():
        response = client.post(
            reverse("accounts:user_grant_remove", args=[w.clerk.pk, grant.pk]), follow=True
        )
    assert str(LAST_ROLE) in main(response)


def test_a_grant_of_another_login_is_404(client, w):
    grant = w.liaison.grants.get()
    login(client, w.staff)
    with counts.unchanged():
        response = client.post(reverse("accounts:user_grant_remove", args=[w.clerk.pk, grant.pk]))
    assert response.status_code == 404


# --- The deputies of a congress in bulk --------------------------------------------------------


def test_the_bulk_page_offers_the_staffs_congresses_only(client, w):
    body = opens(login(client, w.staff), reverse("accounts:deputy_logins"), str(w.rc_congress))
    assert str(w.tl_congress) not in body


def test_bulk_opens_the_logins_and_hands_out_a_sheet_and_workbook(client, w):
    before = User.objects.count()
    response = login(client, w.staff).post(
        reverse("accounts:deputy_logins"), {"congress": w.rc_congress.pk}
    )

    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert User.objects.count() == before + 2
    body = response.content.decode()
    sheet = dict(
        re.findall(
            r'font-monospace">([^<]+)</td><td class="font-monospace" data-password>([^<]+)<', body
        )
    )
    assert len(sheet) == 2
    href = re.search(r'href="data:[^;]+;base64,([^"]+)" download="([^"]+)"', body)
    assert href.group(2).endswith(".xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(base64.b64decode(href.group(1))))
    rows = list(wb.active.iter_rows(min_row=3, values_only=True))
    assert {(r[2], r[3]) for r in rows} == set(sheet.items())
    assert {r[1] for r in rows} == {"王芳", "周强"}
    for username, password in sheet.items():
        user = User.objects.get(username=username)
        assert user.check_password(password) and password not in user.password

    # A second run opens none, and says so.
    response = client.post(
        reverse("accounts:deputy_logins"), {"congress": w.rc_congress.pk}, follow=True
    )
    assert User.objects.count() == before + 2
    assert str(NONE_WITHOUT_LOGIN % {"congress": w.rc_congress}) in main(response)


def test_bulk_for_another_districts_congress_is_refused(client, w):
    with counts.unchanged():
        response = login(client, w.staff).post(
            reverse("accounts:deputy_logins"), {"congress": w.tl_congress.pk}
        )
    assert INVALID_CHOICE in response.content.decode()


# --- One's own password ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["li_user", "liaison", "clerk", "staff", "admin"])
def test_everyone_changes_their_own_password(client, w, who):
    user = getattr(w, who)
    response = login(client, user).post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Qing-shan-lv-shui-8",
            "new_password2": "Qing-shan-lv-shui-8",
        },
        follow=True,
    )
    assert str(PASSWORD_CHANGED) in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Qing-shan-lv-shui-8")
    # Still signed in.
    assert client.get(reverse("core:dashboard")).status_code == 200


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab3-xyz", "密码太短，至少应有10个字符。"),
        ("2026112210", "密码只包含数字。"),
        ("password123", "这个密码太常见了。"),
        ("liyuan-mima", "密码跟 姓名 太相似了。"),
    ],
)
def test_the_password_policy_is_said_in_chinese(client, w, password, message):
    w.li_user.full_name = "liyuan"
    w.li_user.save()
    old = w.li_user.password
    response = login(client, w.li_user).post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert message in response.content.decode()
    w.li_user.refresh_from_db()
    assert w.li_user.password == old


def test_the_user_menu_links_the_password_change(client, w):
    body = login(client, w.li_user).get(reverse("core:dashboard")).content.decode()
    assert reverse("accounts:password_change") in body
    assert "修改密码" in body


def test_the_workbench_links_the_account_pages_for_staff_only(client, w):
    staff_page = login(client, w.staff).get(reverse("core:dashboard")).content.decode()
    assert reverse("accounts:deputy_logins") in staff_page
    deputy_page = login(client, w.li_user).get(reverse("core:dashboard")).content.decode()
    assert reverse("accounts:deputy_logins") not in deputy_page

"""The account services: opening logins bound to a role, closing and reopening them, issuing
passwords (one-time, stored only as a hash), each user's own change, the deputies of a congress
in bulk; each refusal writes nothing."""

import pytest
from rest_framework.authtoken.models import Token

from renda.accounts import services
from renda.accounts.models import RoleGrant, User
from renda.accounts.tests import world_accounts
from renda.accounts.tests.factories import PASSWORD, UserFactory, user_with
from renda.congresses.tests.factories import CongressFactory
from renda.core.choices import AuditAction, Role
from renda.core.exceptions import Conflict, NotFound, PermissionRefused, ValidationFailed
from renda.core.models import AuditEntry
from renda.core.querysets import CHANGE
from renda.core.services import OUT_OF_SCOPE
from renda.core.testing import counter, frozen_at

pytestmark = pytest.mark.django_db

frozen = frozen_at("2026-11-22 10:00:00+08:00")
counts = counter(User, RoleGrant, AuditEntry, Token)


@pytest.fixture
def w():
    return world_accounts.build()


def _no_password_in_audit(password: str) -> None:
    for entry in AuditEntry.objects.all():
        assert password not in str(entry.changes) and password not in entry.note


# --- Which logins staff look after -------------------------------------------------------------


def test_staff_look_after_the_logins_of_their_area(w):
    assert set(User.objects.restrict(w.staff, CHANGE)) == {w.li_user, w.liaison, w.clerk}
    # The town's staff: the liaison of their station; 黎源's seat is the district's to keep.
    assert set(User.objects.restrict(w.staff_town, CHANGE)) == {w.liaison}
    assert set(User.objects.restrict(w.staff_tl, CHANGE)) == {w.tl_liaison}
    assert set(User.objects.restrict(w.admin)) == set(User.objects.all())


def test_staff_do_not_look_after_staff_administrators_or_shared_logins(w):
    shared = user_with(Role.LIAISON, station=w.station2)
    RoleGrant.objects.create(user=shared, role=Role.LIAISON, station=w.tl_station)
    superuser = UserFactory(is_superuser=True)
    RoleGrant.objects.create(user=superuser, role=Role.DEPUTY, person=w.wang)

    reached = set(User.objects.restrict(w.staff, CHANGE))

    assert not reached & {w.staff, w.staff_town, w.admin, shared, superuser}


@pytest.mark.parametrize("role", ["li_user", "liaison", "clerk"])
def test_deputies_liaisons_and_units_look_after_no_login(w, role):
    assert not User.objects.restrict(getattr(w, role)).exists()


# --- Opening a login ---------------------------------------------------------------------------


def test_staff_open_a_deputy_login_with_a_one_time_password(w):
    issued = services.user_create_for_role(
        actor=w.staff, username="wangfang", full_name="王芳", role=Role.DEPUTY, targets=[w.wang]
    )

    user = User.objects.get(username="wangfang")
    assert user == issued.user and user.full_name == "王芳" and user.must_change_password
    assert user.check_password(issued.password)
    assert issued.password not in user.password  # a hash, not the password
    assert len(issued.password) == services.PASSWORD_LENGTH
    assert list(user.grants.values_list("role", "person")) == [(Role.DEPUTY, w.wang.pk)]
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, actor=w.staff).count() == 2
    _no_password_in_audit(issued.password)


def test_a_liaison_login_binds_several_stations(w):
    issued = services.user_create_for_role(
        actor=w.staff_town,
        username="zs-liaison",
        role=Role.LIAISON,
        targets=[w.station, w.station2],
    )

    assert set(issued.user.grants.values_list("station", flat=True)) == {
        w.station.pk,
        w.station2.pk,
    }


def test_an_administrator_opens_a_staff_login(w):
    issued = services.user_create_for_role(
        actor=w.admin, username="zs-clerk", role=Role.STAFF, targets=[w.zs]
    )

    assert issued.user.grants.get().region == w.zs


@pytest.mark.parametrize(
    ("actor", "role", "target", "error", "message"),
    [
        ("staff", Role.STAFF, "zs", PermissionRefused, services.ONLY_ADMINS_GRANT_STAFF),
        ("staff", Role.ADMIN, None, PermissionRefused, services.ONLY_ADMINS_GRANT_ADMIN),
        ("admin", Role.ADMIN, None, ValidationFailed, services.ADMIN_ELSEWHERE),
        ("staff", Role.DEPUTY, "tl_person", NotFound, OUT_OF_SCOPE),
        ("staff", Role.LIAISON, "tl_station", NotFound, OUT_OF_SCOPE),
        ("staff", Role.UNIT, "tl_unit", NotFound, OUT_OF_SCOPE),
        ("staff_town", Role.DEPUTY, "wang", NotFound, OUT_OF_SCOPE),
        ("staff", Role.DEPUTY, None, ValidationFailed, services.NEEDS_TARGET),
        ("li_user", Role.DEPUTY, "wang", PermissionRefused, services.ONLY_STAFF_GRANT_ROLES),
        ("liaison", Role.LIAISON, "station", PermissionRefused, services.ONLY_STAFF_GRANT_ROLES),
        ("clerk", Role.UNIT, "unit", PermissionRefused, services.ONLY_STAFF_GRANT_ROLES),
    ],
)
def test_opening_a_login_is_refused(w, actor, role, target, error, message):
    counts.refused(
        error,
        lambda: services.user_create_for_role(
            actor=getattr(w, actor),
            username="newlogin",
            role=role,
            targets=[getattr(w, target)] if target else [],
        ),
        message=message,
    )


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("ab", services.USERNAME_FORMAT),
        ("1abc", services.USERNAME_FORMAT),
        ("王芳", services.USERNAME_FORMAT),
        ("with space", services.USERNAME_FORMAT),
    ],
)
def test_a_username_must_be_plain(w, username, message):
    counts.refused(
        ValidationFailed,
        lambda: services.user_create_for_role(
            actor=w.staff, username=username, role=Role.DEPUTY, targets=[w.wang]
        ),
        message=message,
    )


def test_a_username_is_taken_whatever_its_case(w):
    UserFactory(username="WangFang")
    counts.refused(
        ValidationFailed,
        lambda: services.user_create_for_role(
            actor=w.staff, username="wangfang", role=Role.DEPUTY, targets=[w.wang]
        ),
        message=services.USERNAME_TAKEN,
    )


def test_generated_passwords_pass_the_policy_and_differ(w):
    from django.contrib.auth.password_validation import validate_password

    passwords = {services.password_generate() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        validate_password(password)
        assert not set(password) & set("0O1lI")


# --- Closing and reopening ---------------------------------------------------------------------


def test_staff_deactivate_and_reactivate_a_login(w):
    services.user_deactivate(actor=w.staff, user=w.liaison)
    w.liaison.refresh_from_db()
    assert not w.liaison.is_active

    services.user_reactivate(actor=w.staff, user=w.liaison)
    w.liaison.refresh_from_db()
    assert w.liaison.is_active
    changes = [e.changes for e in AuditEntry.objects.filter(object_id=str(w.liaison.pk))]
    assert {"is_active": [True, False]} in changes and {"is_active": [False, True]} in changes


@pytest.mark.parametrize(
    ("actor", "user", "error", "message"),
    [
        ("staff_tl", "liaison", NotFound, OUT_OF_SCOPE),
        ("staff_town", "li_user", NotFound, OUT_OF_SCOPE),
        ("staff", "staff_town", NotFound, OUT_OF_SCOPE),
        ("staff", "admin", NotFound, OUT_OF_SCOPE),
        ("staff", "staff", NotFound, OUT_OF_SCOPE),
        ("admin", "admin", PermissionRefused, services.NOT_YOURSELF),
        ("li_user", "li_user", PermissionRefused, services.ONLY_STAFF_GRANT_ROLES),
        ("liaison", "liaison", PermissionRefused, services.ONLY_STAFF_GRANT_ROLES),
    ],
)
def test_deactivating_is_refused(w, actor, user, error, message):
    counts.refused(
        error,
        lambda: services.user_deactivate(actor=getattr(w, actor), user=getattr(w, user)),
        message=message,
    )
    assert getattr(w, user).is_active


def test_deactivating_twice_or_reactivating_an_active_login_is_refused(w):
    services.user_deactivate(actor=w.staff, user=w.clerk)
    counts.refused(
        Conflict,
        lambda: services.user_deactivate(actor=w.staff, user=w.clerk),
        message=services.ALREADY_INACTIVE,
    )
    counts.refused(
        Conflict,
        lambda: services.user_reactivate(actor=w.staff, user=w.liaison),
        message=services.ALREADY_ACTIVE,
    )


def test_an_administrator_deactivates_a_staff_login(w):
    services.user_deactivate(actor=w.admin, user=w.staff_town)
    w.staff_town.refresh_from_db()
    assert not w.staff_town.is_active


# --- Passwords ---------------------------------------------------------------------------------


def test_a_reset_issues_a_new_one_time_password_and_withdraws_the_token(w):
    Token.objects.create(user=w.clerk)

    issued = services.user_password_reset(actor=w.staff, user=w.clerk)

    w.clerk.refresh_from_db()
    assert w.clerk.check_password(issued.password)
    assert not w.clerk.check_password(PASSWORD)
    assert w.clerk.must_change_password
    assert not Token.objects.filter(user=w.clerk).exists()
    entry = AuditEntry.objects.get(object_id=str(w.clerk.pk), action=AuditAction.UPDATE)
    assert entry.actor == w.staff and entry.changes == {"must_change_password": [False, True]}
    _no_password_in_audit(issued.password)


@pytest.mark.parametrize(
    ("actor", "user", "error"),
    [
        ("staff_tl", "clerk", NotFound),
        ("staff", "staff_town", NotFound),
        ("staff", "admin", NotFound),
        ("li_user", "li_user", PermissionRefused),
    ],
)
def test_a_reset_is_refused(w, actor, user, error):
    target = getattr(w, user)
    old_hash = target.password
    counts.refused(
        error, lambda: services.user_password_reset(actor=getattr(w, actor), user=target)
    )
    target.refresh_from_db()
    assert target.password == old_hash and not target.must_change_password


def test_an_administrator_resets_a_staff_password(w):
    issued = services.user_password_reset(actor=w.admin, user=w.staff)
    w.staff.refresh_from_db()
    assert w.staff.check_password(issued.password)


def test_changing_ones_own_password_clears_the_flag(w):
    w.clerk.must_change_password = True
    w.clerk.save()

    services.password_change(user=w.clerk, password="Qing-shan-lv-shui-8")

    w.clerk.refresh_from_db()
    assert w.clerk.check_password("Qing-shan-lv-shui-8") and not w.clerk.must_change_password
    _no_password_in_audit("Qing-shan-lv-shui-8")


def test_an_issued_password_uses_the_fast_hasher_where_configured(w, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "renda.accounts.hashers.IssuedPasswordHasher",
    ]
    issued = services.user_password_reset(actor=w.staff, user=w.clerk)
    w.clerk.refresh_from_db()
    assert w.clerk.password.startswith("pbkdf2_sha256_issued$20000$")
    # Checked once, it is re-hashed with the preferred hasher.
    assert w.clerk.check_password(issued.password)
    w.clerk.refresh_from_db()
    assert w.clerk.password.startswith("md5$")


# --- Roles on a login --------------------------------------------------------------------------


def test_staff_add_stations_to_a_liaison(w):
    grants = services.user_roles_add(
        actor=w.staff, user=w.liaison, role=Role.LIAISON, targets=[w.station2]
    )
    assert [g.station for g in grants] == [w.station2]


def test_adding_a_station_of_another_district_adds_none(w):
    counts.refused(
        NotFound,
        lambda: services.user_roles_add(
            actor=w.staff, user=w.liaison, role=Role.LIAISON, targets=[w.station2, w.tl_station]
        ),
    )


# --- The deputies of a congress in bulk --------------------------------------------------------


def test_bulk_opens_a_login_for_each_current_deputy_without_one(w):
    issued = services.deputy_logins_create(actor=w.staff, congress=w.rc_congress)

    # 黎源 has a login; 钱过 resigned.
    assert sorted(i.user.full_name for i in issued) == sorted(["王芳", "周强"])
    for item in issued:
        user = User.objects.get(pk=item.user.pk)
        assert user.must_change_password and user.check_password(item.password)
        assert item.password not in user.password
        person = user.grants.get(role=Role.DEPUTY).person
        assert user.username == f"{person.name_pinyin}{person.pk}"
        _no_password_in_audit(item.password)
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, actor=w.staff).count() == 4

    with counts.unchanged():
        assert services.deputy_logins_create(actor=w.staff, congress=w.rc_congress) == []


def test_bulk_does_not_count_a_deactivated_login_as_none(w):
    services.user_deactivate(actor=w.staff, user=w.li_user)
    issued = services.deputy_logins_create(actor=w.staff, congress=w.rc_congress)
    assert "黎源" not in {i.user.full_name for i in issued}


def test_bulk_usernames_step_aside_for_a_taken_one(w):
    UserFactory(username=services.deputy_username(w.wang))
    issued = services.deputy_logins_create(actor=w.staff, congress=w.rc_congress)
    assert services.deputy_username(w.wang) + "-2" in {i.user.username for i in issued}


@pytest.mark.parametrize(
    ("actor", "congress", "error"),
    [
        ("staff_tl", "rc_congress", NotFound),
        ("staff_town", "rc_congress", NotFound),
        ("li_user", "rc_congress", PermissionRefused),
        ("clerk", "rc_congress", PermissionRefused),
    ],
)
def test_bulk_is_refused_outside_the_area(w, actor, congress, error):
    counts.refused(
        error,
        lambda: services.deputy_logins_create(
            actor=getattr(w, actor), congress=getattr(w, congress)
        ),
    )


def test_a_town_congress_is_its_town_staffs(w):
    town_congress = CongressFactory(region=w.zs, level=5)
    assert services.deputy_logins_create(actor=w.staff_town, congress=town_congress) == []


def test_a_command_opens_the_logins_of_any_congress(w):
    issued = services.deputy_logins_create(actor="import", congress=w.tl_congress)
    assert [i.user.full_name for i in issued] == ["李铜梁"]
    assert AuditEntry.objects.filter(actor_label="import").count() == 2

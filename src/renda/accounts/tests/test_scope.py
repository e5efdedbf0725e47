"""Scope in one place: what each role's grants reach through `.restrict()`, and who may give
and take roles."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from renda.accounts.models import RoleGrant
from renda.accounts.services import (
    LAST_ROLE,
    ONLY_ADMINS_GRANT_ADMIN,
    ONLY_ADMINS_GRANT_STAFF,
    ONLY_STAFF_GRANT_ROLES,
    role_grant,
    role_revoke,
)
from renda.accounts.tests.factories import UserFactory, user_with
from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Session, Term
from renda.congresses.tests.factories import CongressFactory, SessionFactory, TermFactory
from renda.core import audit
from renda.core.choices import AuditAction, Role
from renda.core.exceptions import Conflict, NotFound, PermissionRefused, ValidationFailed
from renda.core.models import AuditEntry
from renda.core.querysets import CHANGE, VIEW
from renda.core.scope import scope_for
from renda.core.testing import counter
from renda.people.models import DeputyGroup, Mandate, Person
from renda.people.tests.factories import (
    GroupFactory,
    MandateFactory,
    MembershipFactory,
    PersonFactory,
)
from renda.regions.models import HandlingUnit, Region
from renda.regions.tests.factories import HandlingUnitFactory, chongqing, rongchang, tongliang, town
from renda.stations.models import Station, StationAssignment
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db

RESTRICTED = [
    Region,
    HandlingUnit,
    Congress,
    Term,
    Session,
    Person,
    Mandate,
    DeputyGroup,
    Station,
    StationAssignment,
]


class World:
    """荣昌区 with two towns, 铜梁区 beside it and the municipal congress above both."""

    def __init__(self):
        self.chongqing = chongqing()
        self.rongchang = rongchang()
        self.tongliang = tongliang()
        self.zhisheng = town("500153104000", "直升镇")
        self.wanling = town("500153105000", "万灵镇")
        self.bachuan = town("500151001000", "巴川街道", parent=self.tongliang)

        self.rc_congress = CongressFactory(region=self.rongchang, level=CongressLevel.COUNTY)
        self.zs_congress = CongressFactory(region=self.zhisheng, level=CongressLevel.TOWN)
        self.tl_congress = CongressFactory(region=self.tongliang, level=CongressLevel.COUNTY)
        self.cq_congress = CongressFactory(region=self.chongqing, level=CongressLevel.PROVINCIAL)
        self.rc_term = TermFactory(congress=self.rc_congress)
        self.zs_term = TermFactory(congress=self.zs_congress, ordinal=18)
        self.tl_term = TermFactory(congress=self.tl_congress)
        self.cq_term = TermFactory(congress=self.cq_congress, ordinal=6)
        self.rc_session = SessionFactory(term=self.rc_term)
        self.tl_session = SessionFactory(term=self.tl_term)

        self.rc_person = PersonFactory(name="李明")
        self.rc_mandate = MandateFactory(person=self.rc_person, term=self.rc_term)
        self.tl_person = PersonFactory(name="王五")
        self.tl_mandate = MandateFactory(person=self.tl_person, term=self.tl_term)
        # A municipal deputy elected in 荣昌区: its staff look after them too.
        self.cq_person = PersonFactory(name="赵六")
        self.cq_mandate = MandateFactory(
            person=self.cq_person, term=self.cq_term, electoral_region=self.rongchang
        )

        self.zs_station = StationFactory(name="直升镇代表之家", region=self.zhisheng)
        self.wl_station = StationFactory(name="万灵镇代表之家", region=self.wanling)
        self.tl_station = StationFactory(name="巴川街道代表之家", region=self.bachuan)
        self.rc_assignment = AssignmentFactory(station=self.zs_station, mandate=self.rc_mandate)
        self.tl_assignment = AssignmentFactory(station=self.tl_station, mandate=self.tl_mandate)

        self.rc_group = GroupFactory(
            name="直升镇代表小组", congress=self.rc_congress, region=self.zhisheng
        )
        self.tl_group = GroupFactory(
            name="巴川代表小组", congress=self.tl_congress, region=self.bachuan
        )
        MembershipFactory(group=self.rc_group, mandate=self.rc_mandate)

        self.rc_unit = HandlingUnitFactory(name="荣昌区交通局", region=self.rongchang)
        self.tl_unit = HandlingUnitFactory(name="铜梁区交通局", region=self.tongliang)


@pytest.fixture
def w() -> World:
    return World()


def seen(model, user, action=VIEW) -> set:
    return set(model.objects.restrict(user, action))


counts = counter(RoleGrant, AuditEntry)


# --- scope_for -----------------------------------------------------------------------------------


def test_scope_of_each_role(w):
    staff = user_with(Role.STAFF, region=w.rongchang)
    liaison = user_with(Role.LIAISON, station=w.zs_station)
    deputy = user_with(Role.DEPUTY, person=w.rc_person)
    unit = user_with(Role.UNIT, handling_unit=w.rc_unit)
    admin = user_with(Role.ADMIN)

    assert scope_for(staff).region_prefixes == ("500153",)
    assert scope_for(staff).roles == {Role.STAFF}
    assert not scope_for(staff).is_admin
    assert scope_for(liaison).station_ids == (w.zs_station.pk,)
    assert scope_for(deputy).person_ids == (w.rc_person.pk,)
    assert scope_for(unit).unit_ids == (w.rc_unit.pk,)
    assert scope_for(admin).is_admin
    assert scope_for(admin).has(Role.STAFF)  # an administrator may do what staff may
    assert not scope_for(deputy).has(Role.STAFF)


def test_a_town_staffs_prefix_is_the_towns_nine_digits(w):
    assert scope_for(user_with(Role.STAFF, region=w.zhisheng)).region_prefixes == ("500153104",)


def test_several_grants_add_up(w):
    user = user_with(Role.STAFF, region=w.zhisheng)
    RoleGrant.objects.create(user=user, role=Role.DEPUTY, person=w.tl_person)

    scope = scope_for(user)

    assert scope.roles == {Role.STAFF, Role.DEPUTY}
    assert seen(Person, user) == {w.tl_person}  # no deputy elected in 直升镇; 王五 by grant
    assert seen(Station, user) == {w.zs_station, w.tl_station}


def test_a_superuser_is_an_administrator_without_a_grant():
    assert scope_for(UserFactory(is_superuser=True)).is_admin


def test_no_scope_for_anonymous_or_inactive_users(w):
    inactive = user_with(Role.STAFF, region=w.rongchang)
    inactive.is_active = False

    assert scope_for(AnonymousUser()) is None
    assert scope_for(None) is None
    assert scope_for(inactive) is None


# --- restrict: who sees what ---------------------------------------------------------------------


@pytest.mark.parametrize("model", RESTRICTED)
def test_administrators_see_everything(w, model):
    for admin in (user_with(Role.ADMIN), UserFactory(is_superuser=True)):
        assert seen(model, admin) == set(model.objects.all())
        assert seen(model, admin, CHANGE) == set(model.objects.all())


@pytest.mark.parametrize("model", RESTRICTED)
def test_anonymous_and_inactive_users_see_nothing(w, model):
    inactive = user_with(Role.ADMIN)
    inactive.is_active = False

    for user in (AnonymousUser(), inactive):
        assert not model.objects.restrict(user).exists()
        assert not model.objects.restrict(user, CHANGE).exists()


@pytest.mark.parametrize("model", [m for m in RESTRICTED if m is not Region])
def test_a_login_without_grants_sees_nothing(w, model):
    user = UserFactory()

    assert not model.objects.restrict(user).exists()


def test_the_division_tree_is_reference_data_anyone_signed_in_may_read(w):
    user = UserFactory()

    assert seen(Region, user) == set(Region.objects.all())
    assert seen(Region, user, CHANGE) == set()


def test_district_staff_see_their_subtree_not_the_neighbours(w):
    staff = user_with(Role.STAFF, region=w.rongchang)

    assert seen(Congress, staff) == {w.rc_congress, w.zs_congress}
    assert seen(Term, staff) == {w.rc_term, w.zs_term}
    assert seen(Session, staff) == {w.rc_session}
    assert seen(Mandate, staff) == {w.rc_mandate, w.cq_mandate}
    assert seen(Person, staff) == {w.rc_person, w.cq_person}
    assert seen(Station, staff) == {w.zs_station, w.wl_station}
    assert seen(StationAssignment, staff) == {w.rc_assignment}
    assert seen(DeputyGroup, staff) == {w.rc_group}
    assert seen(HandlingUnit, staff) == {w.rc_unit}


def test_district_staff_change_what_they_see(w):
    staff = user_with(Role.STAFF, region=w.rongchang)

    for model in RESTRICTED:
        if model not in (Region, Mandate, Person):
            assert seen(model, staff, CHANGE) == seen(model, staff), model
    # Seats are changed by the staff of their congress's region only.
    assert seen(Mandate, staff, CHANGE) == set(
        Mandate.objects.filter(congress__region__code__startswith=w.rongchang.prefix)
    )
    assert seen(Person, staff, CHANGE) == {m.person for m in seen(Mandate, staff, CHANGE)}
    assert seen(Region, staff, CHANGE) == set(Region.objects.subtree(w.rongchang))
    assert w.tongliang not in seen(Region, staff, CHANGE)
    assert w.chongqing not in seen(Region, staff, CHANGE)


def test_town_staff_see_that_towns_stations_only(w):
    staff = user_with(Role.STAFF, region=w.zhisheng)

    assert seen(Station, staff) == {w.zs_station}
    assert seen(Station, staff, CHANGE) == {w.zs_station}
    assert seen(Congress, staff) == {w.zs_congress}
    assert seen(DeputyGroup, staff) == {w.rc_group}
    assert seen(HandlingUnit, staff) == set()
    assert seen(Region, staff, CHANGE) == {w.zhisheng}


def test_town_staff_reach_the_deputies_elected_in_their_town(w):
    staff = user_with(Role.STAFF, region=w.zhisheng)
    assert seen(Mandate, staff) == set()

    w.rc_mandate.electoral_region = w.zhisheng
    w.rc_mandate.save()

    assert seen(Mandate, staff) == {w.rc_mandate}
    assert seen(Person, staff) == {w.rc_person}
    # They read the district seat elected in their town; the district's staff keep it.
    assert seen(Mandate, staff, CHANGE) == set()
    assert seen(Person, staff, CHANGE) == set()


def test_a_liaison_sees_their_station_and_its_deputies_but_changes_nothing(w):
    liaison = user_with(Role.LIAISON, station=w.zs_station)

    assert seen(Station, liaison) == {w.zs_station}
    assert seen(StationAssignment, liaison) == {w.rc_assignment}
    assert seen(Mandate, liaison) == {w.rc_mandate}
    assert seen(Person, liaison) == {w.rc_person}
    assert seen(Congress, liaison) == set()
    assert seen(DeputyGroup, liaison) == set()
    for model in RESTRICTED:
        assert seen(model, liaison, CHANGE) == set(), model


def test_a_deputy_sees_their_own_records(w):
    deputy = user_with(Role.DEPUTY, person=w.rc_person)

    assert seen(Person, deputy) == {w.rc_person}
    assert seen(Mandate, deputy) == {w.rc_mandate}
    assert seen(Station, deputy) == {w.zs_station}
    assert seen(StationAssignment, deputy) == {w.rc_assignment}
    assert seen(DeputyGroup, deputy) == {w.rc_group}
    assert seen(Congress, deputy) == set()
    assert seen(HandlingUnit, deputy) == set()


def test_a_deputy_changes_only_their_own_person_record(w):
    deputy = user_with(Role.DEPUTY, person=w.rc_person)

    assert seen(Person, deputy, CHANGE) == {w.rc_person}
    for model in RESTRICTED:
        if model is not Person:
            assert seen(model, deputy, CHANGE) == set(), model


def test_a_handling_unit_user_sees_their_unit_and_changes_nothing(w):
    unit = user_with(Role.UNIT, handling_unit=w.rc_unit)

    assert seen(HandlingUnit, unit) == {w.rc_unit}
    assert seen(HandlingUnit, unit, CHANGE) == set()
    assert seen(Person, unit) == set()
    assert seen(Station, unit) == set()


def test_a_deputy_who_left_a_station_still_sees_it_in_their_history(w):
    w.rc_assignment.end = datetime.date(2023, 1, 1)
    w.rc_assignment.save()
    deputy = user_with(Role.DEPUTY, person=w.rc_person)

    assert seen(Station, deputy) == {w.zs_station}


# --- role_grant / role_revoke --------------------------------------------------------------------


def test_an_administrator_makes_another_administrator(w):
    admin = user_with(Role.ADMIN)
    user = UserFactory()

    grant = role_grant(actor=admin, user=user, role=Role.ADMIN)

    assert scope_for(user).is_admin
    entry = audit.timeline(grant).get(action=AuditAction.CREATE)
    assert entry.actor == admin


def test_staff_cannot_make_an_administrator(w):
    staff = user_with(Role.STAFF, region=w.rongchang)
    user = UserFactory()
    with counts.unchanged(), pytest.raises(PermissionRefused) as caught:
        role_grant(actor=staff, user=user, role=Role.ADMIN)

    assert str(caught.value.message) == str(ONLY_ADMINS_GRANT_ADMIN)


def test_staff_grant_roles_within_their_region(w):
    staff = user_with(Role.STAFF, region=w.rongchang)
    clerk, liaison, deputy = UserFactory(), UserFactory(), UserFactory()

    role_grant(actor=staff, user=clerk, role=Role.UNIT, handling_unit=w.rc_unit)
    role_grant(actor=staff, user=liaison, role=Role.LIAISON, station=w.zs_station)
    role_grant(actor=staff, user=deputy, role=Role.DEPUTY, person=w.rc_person)

    assert seen(HandlingUnit, clerk) == {w.rc_unit}
    assert seen(Station, liaison) == {w.zs_station}
    assert seen(Person, deputy) == {w.rc_person}
    assert AuditEntry.objects.filter(action=AuditAction.CREATE).count() == 3


@pytest.mark.parametrize("region", ["zhisheng", "rongchang", "tongliang"])
def test_staff_cannot_make_staff_even_below_them(w, region):
    staff = user_with(Role.STAFF, region=w.rongchang)
    user = UserFactory()
    with counts.unchanged(), pytest.raises(PermissionRefused) as caught:
        role_grant(actor=staff, user=user, role=Role.STAFF, region=getattr(w, region))

    assert str(caught.value.message) == str(ONLY_ADMINS_GRANT_STAFF)


def test_an_administrator_makes_staff(w):
    admin = user_with(Role.ADMIN)
    clerk = UserFactory()

    role_grant(actor=admin, user=clerk, role=Role.STAFF, region=w.zhisheng)

    assert seen(Station, clerk) == {w.zs_station}


def test_staff_cannot_add_a_role_to_a_login_of_another_district(w):
    """A login that already holds a role elsewhere is not theirs to extend."""
    staff = user_with(Role.STAFF, region=w.rongchang)
    other = user_with(Role.LIAISON, station=w.tl_station)
    with counts.unchanged(), pytest.raises(NotFound):
        role_grant(actor=staff, user=other, role=Role.LIAISON, station=w.zs_station)


def test_granting_refreshes_a_cached_scope(w):
    user = UserFactory()
    assert seen(Station, user) == set()  # computes and caches an empty scope

    role_grant(actor="test", user=user, role=Role.STAFF, region=w.zhisheng)

    assert seen(Station, user) == {w.zs_station}


@pytest.mark.parametrize(
    "target",
    [
        {"role": Role.LIAISON, "station": "tl_station"},
        {"role": Role.DEPUTY, "person": "tl_person"},
        {"role": Role.UNIT, "handling_unit": "tl_unit"},
    ],
)
def test_staff_cannot_grant_outside_their_region(w, target):
    staff = user_with(Role.STAFF, region=w.rongchang)
    user = UserFactory()
    role = target.pop("role")
    ((field, name),) = target.items()
    with counts.unchanged(), pytest.raises(NotFound):
        role_grant(actor=staff, user=user, role=role, **{field: getattr(w, name)})


@pytest.mark.parametrize("role", [Role.DEPUTY, Role.LIAISON, Role.UNIT])
def test_only_staff_give_roles(w, role):
    """Regression: a deputy could bind another login to their own record, since their own
    person is in their scope."""
    actor = {
        Role.DEPUTY: lambda: user_with(Role.DEPUTY, person=w.rc_person),
        Role.LIAISON: lambda: user_with(Role.LIAISON, station=w.zs_station),
        Role.UNIT: lambda: user_with(Role.UNIT, handling_unit=w.rc_unit),
    }[role]()
    user = UserFactory()
    with counts.unchanged(), pytest.raises(PermissionRefused) as caught:
        role_grant(actor=actor, user=user, role=Role.DEPUTY, person=w.rc_person)

    assert str(caught.value.message) == str(ONLY_STAFF_GRANT_ROLES)


def test_a_staff_grant_needs_a_region(w):
    user = UserFactory()
    with counts.unchanged(), pytest.raises(ValidationFailed):
        role_grant(actor="test", user=user, role=Role.STAFF)


@pytest.mark.parametrize(
    "fields",
    [
        {"role": Role.STAFF},
        {"role": Role.LIAISON},
        {"role": Role.ADMIN, "region": "rongchang"},
        {"role": Role.LIAISON, "region": "rongchang"},
        {"role": Role.DEPUTY, "region": "rongchang"},
    ],
)
def test_the_database_refuses_a_grant_bound_to_the_wrong_thing(w, fields):
    user = UserFactory()
    fields = {k: getattr(w, v) if k == "region" else v for k, v in fields.items()}

    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=user, **fields)

    assert not RoleGrant.objects.filter(user=user).exists()


def test_the_same_grant_twice_is_refused(w):
    user = UserFactory()
    role_grant(actor="test", user=user, role=Role.STAFF, region=w.rongchang)
    with counts.unchanged(), pytest.raises(ValidationFailed):
        role_grant(actor="test", user=user, role=Role.STAFF, region=w.rongchang)


def test_staff_revoke_a_grant_in_their_region(w):
    staff = user_with(Role.STAFF, region=w.rongchang)
    liaison = user_with(Role.LIAISON, station=w.zs_station)
    grant = liaison.grants.get()
    RoleGrant.objects.create(user=liaison, role=Role.LIAISON, station=w.wl_station)

    role_revoke(actor=staff, grant=grant)

    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    entry = audit.timeline(grant).get(action=AuditAction.DELETE)
    assert entry.actor == staff


def test_staff_cannot_revoke_a_grant_outside_their_region(w):
    staff = user_with(Role.STAFF, region=w.rongchang)
    grant = user_with(Role.LIAISON, station=w.tl_station).grants.get()
    with counts.unchanged(), pytest.raises(NotFound):
        role_revoke(actor=staff, grant=grant)


def test_staff_cannot_revoke_an_administrator(w):
    staff = user_with(Role.STAFF, region=w.rongchang)
    grant = user_with(Role.ADMIN).grants.get()
    with counts.unchanged(), pytest.raises(PermissionRefused):
        role_revoke(actor=staff, grant=grant)


def test_a_deputy_cannot_revoke_grants_on_their_own_record(w):
    deputy = user_with(Role.DEPUTY, person=w.rc_person)
    other = user_with(Role.DEPUTY, person=w.rc_person).grants.get()
    with counts.unchanged(), pytest.raises(PermissionRefused):
        role_revoke(actor=deputy, grant=other)


def test_an_administrator_revokes_an_administrator(w):
    admin = user_with(Role.ADMIN)
    other = user_with(Role.ADMIN)
    grant = other.grants.get()
    RoleGrant.objects.create(user=other, role=Role.STAFF, region=w.rongchang)

    role_revoke(actor=admin, grant=grant)

    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


@pytest.mark.parametrize("actor", ["staff", "admin"])
def test_the_last_role_of_a_login_stays(w, actor):
    actor = user_with(Role.ADMIN) if actor == "admin" else user_with(Role.STAFF, region=w.rongchang)
    grant = user_with(Role.LIAISON, station=w.zs_station).grants.get()
    with counts.unchanged(), pytest.raises(Conflict) as caught:
        role_revoke(actor=actor, grant=grant)

    assert str(caught.value.message) == str(LAST_ROLE)


def test_staff_cannot_revoke_a_staff_grant(w):
    staff = user_with(Role.STAFF, region=w.rongchang)
    clerk = user_with(Role.STAFF, region=w.zhisheng)
    RoleGrant.objects.create(user=clerk, role=Role.LIAISON, station=w.zs_station)
    grant = clerk.grants.get(role=Role.STAFF)
    with counts.unchanged(), pytest.raises(PermissionRefused) as caught:
        role_revoke(actor=staff, grant=grant)

    assert str(caught.value.message) == str(ONLY_ADMINS_GRANT_STAFF)

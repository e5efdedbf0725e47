"""`renda demo` and `renda load_regions`: what the demo district holds, that the same seed
builds the same district, and that the commands leave a database with data alone."""

import datetime
import io
import json
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q

from renda.accounts.models import RoleGrant, User
from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Term
from renda.core.choices import Role
from renda.core.identity import id_check_digit
from renda.core.models import AuditEntry
from renda.core.testing import module_data
from renda.demo import builder, catalogue
from renda.demo.plan import DEFAULT_SEED, demo_regions, plan
from renda.people import names
from renda.people.choices import GroupKind, GroupRole, MandateEndReason
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.regions.choices import RegionLevel
from renda.regions.models import HandlingUnit, Region
from renda.regions.services import division_rows, regions_load
from renda.stations import reception
from renda.stations.choices import AssignmentRole, StationKind
from renda.stations.models import Station, StationAssignment

pytestmark = pytest.mark.django_db

# Small enough to build in a second or two, large enough to hold every kind of thing.
SCALE = 0.1
RONGCHANG_TOWNS = [
    "昌元街道", "昌州街道", "广顺街道", "双河街道", "安富街道", "峰高街道", "荣隆镇", "仁义镇",
    "盘龙镇", "吴家镇", "直升镇", "万灵镇", "清升镇", "清江镇", "古昌镇", "河包镇", "观胜镇",
    "铜鼓镇", "清流镇", "远觉镇", "龙集镇",
]  # fmt: skip


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker) -> builder.DemoResult:
    """One small demo for a class of tests, rolled back when the class is done.

    Each test then runs in its own savepoint inside this transaction, as pytest-django nests
    them, so a test's writes still vanish before the next one."""
    with module_data(django_db_blocker):
        yield builder.build(scale=SCALE)


def serving_seats():
    return Mandate.objects.filter(end__isnull=True)


class TestTheDemoDistrict:
    """What one build holds."""

    def test_the_district_has_its_real_towns_streets_and_villages(self, demo):
        rongchang = Region.objects.get(code=catalogue.RONGCHANG)
        towns = Region.objects.subtree(rongchang).filter(level=RegionLevel.TOWN)
        assert list(towns.values_list("name", flat=True)) == RONGCHANG_TOWNS
        assert Region.objects.subtree(rongchang).filter(level=RegionLevel.VILLAGE).count() == 156
        assert Region.objects.get(code="500153110002").name == "凉坪社区居民委员会"

    def test_congresses_have_a_current_and_a_previous_term_with_sessions(self, demo):
        congresses = Congress.objects.all()
        assert Counter(congresses.values_list("level", flat=True)) == {
            CongressLevel.PROVINCIAL: 1,
            CongressLevel.COUNTY: 1,
            CongressLevel.TOWN: 15,  # the 6 streets have a 人大工委, not a congress
        }
        assert not congresses.filter(region__name__endswith="街道").exists()
        today = catalogue.DEMO_TODAY
        for congress in congresses:
            current, previous = congress.terms.order_by("-ordinal")
            assert current.ordinal == previous.ordinal + 1
            assert current.start <= today <= current.end
            assert previous.end < current.start
            assert previous.sessions.count() == 5
            assert current.sessions.exists()
            assert not current.sessions.filter(start__gt=today).exists()
        district = Term.objects.get(congress__level=CongressLevel.COUNTY, ordinal=19)
        assert str(district) == "荣昌区第十九届人民代表大会"

    def test_deputies_sit_at_three_levels_and_some_at_several(self, demo):
        levels = Counter(serving_seats().values_list("congress__level", flat=True))
        assert levels[CongressLevel.PROVINCIAL] >= 3
        assert levels[CongressLevel.COUNTY] >= 28
        assert levels[CongressLevel.TOWN] >= 95
        held = Counter(
            Person.objects.annotate(n=Count("mandates", filter=Q(mandates__end__isnull=True)))
            .filter(n__gt=0)
            .values_list("n", flat=True)
        )
        assert held[2] > 0
        assert held[3] > 0
        # Streets and towns are the electoral regions of district and town seats.
        local = serving_seats().exclude(congress__level=CongressLevel.PROVINCIAL)
        assert set(local.values_list("electoral_region__level", flat=True)) == {RegionLevel.TOWN}
        assert (
            not serving_seats().filter(Q(post="") | Q(work_unit="") | Q(electoral_unit="")).exists()
        )

    def test_every_person_holds_a_seat_and_has_search_names(self, demo):
        assert not Person.objects.filter(mandates__isnull=True).exists()
        for person in Person.objects.all():
            assert person.name_pinyin == names.pinyin(person.name)
            assert person.name_initials == names.initials(person.name)
            assert person.stroke_key == names.stroke_key(person.name)
            if person.id_number:
                assert person.id_number[-1] == id_check_digit(person.id_number[:17])
                assert person.id_number[6:14] == f"{person.birth_date:%Y%m%d}"
                assert int(person.id_number[16]) % 2 == (person.gender == "male")
        assert Person.objects.filter(phone_public=True).exists()
        assert Person.objects.exclude(ethnicity="汉族").exists()

    def test_previous_terms_expired_and_some_deputies_resigned(self, demo):
        previous = Mandate.objects.filter(term__start__lt=datetime.date(2022, 1, 1))
        assert previous.exists()
        assert not previous.filter(end__isnull=True).exists()
        ended = Counter(previous.values_list("end_reason", flat=True))
        assert ended[MandateEndReason.EXPIRY] > ended[MandateEndReason.RESIGNATION] > 0
        assert previous.filter(end_note=catalogue.DRUNK_DRIVING_NOTE).count() == 1
        # Town cadres transferred away lost their town seats only; every seat that ended early
        # in the previous terms was filled again by a by-election.
        transferred = previous.filter(end_note=catalogue.TRANSFER_NOTE)
        assert transferred.exists()
        assert set(transferred.values_list("end_reason", flat=True)) == {
            MandateEndReason.TERMINATION
        }
        assert set(transferred.values_list("congress__level", flat=True)) == {CongressLevel.TOWN}
        early = previous.exclude(end_reason=MandateEndReason.EXPIRY)
        assert previous.filter(start__gt=F("term__start")).count() == early.count()
        current_ended = Mandate.objects.filter(
            term__end__gt=catalogue.DEMO_TODAY, end__isnull=False
        )
        assert set(current_ended.values_list("end_reason", flat=True)) == {
            MandateEndReason.RESIGNATION,
            MandateEndReason.TERMINATION,
        }
        # Each ended seat was filled again by a by-election later in the term.
        by_elected = Mandate.objects.filter(start__gt=F("term__start"), end__isnull=True)
        assert by_elected.count() == current_ended.count()

    def test_stations_of_every_kind_each_with_one_serving_head(self, demo):
        assert set(Station.objects.values_list("kind", flat=True)) == set(StationKind.values)
        assert Station.objects.filter(kind=StationKind.DEPUTY_HOME).count() == 21
        assert Station.objects.filter(
            name="凉坪社区民情联络点", region__code=catalogue.LIANGPING
        ).exists()
        for station in Station.objects.all():
            reception.parse(station.reception_rule)
            assert abs(float(station.latitude) - 29.4) < 0.25
            assert abs(float(station.longitude) - 105.6) < 0.25
            heads = station.assignments.filter(role=AssignmentRole.HEAD, end__isnull=True)
            assert heads.count() == 1, station
            assert heads.get().mandate.end is None
        mixed = Station.objects.annotate(
            levels=Count("assignments__mandate__congress__level", distinct=True)
        ).filter(levels__gt=1)
        assert mixed.exists()  # 混编
        # A deputy whose seat ended left the station the same day.
        for assignment in StationAssignment.objects.filter(mandate__end__isnull=False):
            assert assignment.end == assignment.mandate.end

    def test_groups_per_town_and_of_every_kind_each_with_a_leader(self, demo):
        town_groups = DeputyGroup.objects.filter(kind=GroupKind.DEPUTY_GROUP)
        assert sorted(town_groups.values_list("name", flat=True)) == sorted(
            f"{name}代表小组" for name in RONGCHANG_TOWNS
        )
        assert set(DeputyGroup.objects.values_list("kind", flat=True)) == set(GroupKind.values)
        for group in DeputyGroup.objects.all():
            assert group.memberships.filter(role=GroupRole.LEADER).count() == 1
        assert not GroupMembership.objects.filter(mandate__end__isnull=False).exists()
        chair = town_groups.get(name="直升镇代表小组").memberships.get(role=GroupRole.LEADER)
        assert chair.mandate.post == "镇人大主席"

    def test_handling_units_of_the_district(self, demo):
        units = HandlingUnit.objects.filter(region__code=catalogue.RONGCHANG)
        assert units.count() == len(catalogue.HANDLING_UNITS) >= 20
        assert units.filter(short_name="区教委", name="重庆市荣昌区教育委员会").exists()

    def test_a_user_of_every_role_who_can_log_in(self, demo):
        assert set(RoleGrant.objects.values_list("role", flat=True)) == set(Role.values)
        for account in demo.accounts:
            user = User.objects.get(username=account["username"])
            assert user.check_password(account["password"])
            grant = user.grants.get()
            assert grant.role == account["role"]
            if "region_code" in account:
                assert grant.region.code == account["region_code"]
            elif "bound_to" in account:
                target = grant.station or grant.person or grant.handling_unit
                assert (target.pk, str(target)) == (
                    account["bound_to"]["id"],
                    account["bound_to"]["name"],
                )
        deputy = RoleGrant.objects.get(role=Role.DEPUTY).person
        assert deputy.mandates.filter(end__isnull=True).count() >= 2
        assert User.objects.get(username="admin").is_superuser

    def test_every_created_object_has_an_audit_row(self, demo):
        models = [Region, User, RoleGrant] + [model for _, model, _ in demo.plan.tables()]
        for model in models:
            audited = set(
                AuditEntry.objects.filter(
                    content_type=ContentType.objects.get_for_model(model)
                ).values_list("object_id", flat=True)
            )
            pks = {str(pk) for pk in model.objects.values_list("pk", flat=True)}
            assert pks and pks <= audited, model

    def test_the_plan_is_a_function_of_the_seed(self, demo):
        regions = demo_regions()
        first = plan(seed=DEFAULT_SEED, scale=SCALE, regions=regions)
        again = plan(seed=DEFAULT_SEED, scale=SCALE, regions=regions)
        other = plan(seed=DEFAULT_SEED + 1, scale=SCALE, regions=regions)
        names_of = [p.name for p in first.people]
        assert names_of == [p.name for p in again.people]
        assert names_of != [p.name for p in other.people]
        assert [a.password for a in first.accounts] == [a.password for a in again.accounts]
        # …and it is what the build wrote.
        assert list(Person.objects.order_by("pk").values_list("name", flat=True)) == names_of


def test_the_full_plan_has_the_districts_numbers():
    regions_load(actor="test", rows=division_rows())
    summary = plan(regions=demo_regions()).summary()
    assert summary["seats"] == {"municipal": 15, "district": 280, "town": 950}
    assert 1100 <= summary["deputies"] <= 1250
    assert summary["two_seats"] >= 50
    assert summary["three_seats"] >= 2


def test_the_command_writes_the_logins_and_skips_a_database_with_data(tmp_path):
    path = tmp_path / "var" / "demo-accounts.json"
    out = io.StringIO()
    call_command("demo", scale=0.05, accounts_file=path, stdout=out)
    report = out.getvalue()
    assert "Built the demo district 重庆市荣昌区" in report
    written = builder.contents()
    assert written["commitments"] and written["activities"] and written["final_years"]
    assert f"{written['activities']:,} verified activities" in report
    assert "evaluations final for " + ", ".join(map(str, written["final_years"])) in report
    assert str(path) in report
    accounts = json.loads(path.read_text(encoding="utf-8"))
    assert {a["role"] for a in accounts} == set(Role.values)
    for account in accounts:
        assert {"role", "username", "password"} <= account.keys()
        assert "region_code" in account or "bound_to" in account or account["role"] == Role.ADMIN
    assert path.stat().st_mode & 0o077 == 0
    people = Person.objects.count()

    call_command("demo", if_empty=True, accounts_file=path, verbosity=0)
    assert Person.objects.count() == people
    with pytest.raises(CommandError):
        call_command("demo", accounts_file=path, verbosity=0)


@pytest.mark.django_db(transaction=True)  # flush must not run inside the test's transaction
def test_force_empties_the_database_and_builds_the_same_district_again(tmp_path):
    path = tmp_path / "demo-accounts.json"
    call_command("demo", scale=0.05, accounts_file=path, verbosity=0)
    first = list(Person.objects.order_by("pk").values_list("name", flat=True))
    try:
        call_command("demo", scale=0.05, force=True, accounts_file=path, verbosity=0)
        assert list(Person.objects.order_by("pk").values_list("name", flat=True)) == first
    finally:
        # flush re-created the content types; later tests must not see the cached ones.
        ContentType.objects.clear_cache()


def test_load_regions_is_idempotent(capsys):
    call_command("load_regions")
    assert Region.objects.count() == len(division_rows())
    audited = AuditEntry.objects.count()
    call_command("load_regions")
    assert "0 created, 0 renamed" in capsys.readouterr().out
    assert Region.objects.count() == len(division_rows())
    assert AuditEntry.objects.count() == audited

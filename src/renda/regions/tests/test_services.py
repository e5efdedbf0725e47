"""Writes for regions and handling units, and the loader for the national division codes."""

import pytest

from renda.accounts.tests.factories import UserFactory, user_with
from renda.core import audit
from renda.core.choices import AuditAction, Role
from renda.core.exceptions import NotFound, ValidationFailed
from renda.core.models import AuditEntry
from renda.core.services import OUT_OF_SCOPE
from renda.core.testing import constraint_message, counter
from renda.regions.choices import RegionLevel
from renda.regions.models import HandlingUnit, Region
from renda.regions.services import (
    PARENT_MISMATCH,
    REGION_OUTSIDE_SCOPE,
    DivisionRow,
    division_rows,
    handling_unit_create,
    handling_unit_update,
    region_create,
    region_update,
    regions_load,
)
from renda.regions.tests.factories import HandlingUnitFactory, chongqing, rongchang, tongliang, town

pytestmark = pytest.mark.django_db

RONGCHANG_TOWNS = [
    "昌元街道", "昌州街道", "广顺街道", "双河街道", "安富街道", "峰高街道", "荣隆镇", "仁义镇",
    "盘龙镇", "吴家镇", "直升镇", "万灵镇", "清升镇", "清江镇", "古昌镇", "河包镇", "观胜镇",
    "铜鼓镇", "清流镇", "远觉镇", "龙集镇",
]  # fmt: skip


counts = counter(Region, HandlingUnit, AuditEntry)


@pytest.fixture
def rongchang_staff():
    return user_with(Role.STAFF, region=rongchang())


# --- region_create / region_update ---------------------------------------------------------------


def test_region_create_under_its_parent_is_audited(rongchang_staff):
    parent = rongchang()

    region = region_create(
        actor=rongchang_staff, code="500153001000", name=" 昌元街道 ", parent=parent
    )

    assert region.name == "昌元街道"
    assert region.level == RegionLevel.TOWN
    assert region.prefix == "500153001"
    assert region.parent == parent
    entry = audit.timeline(region).get(action=AuditAction.CREATE)
    assert entry.actor == rongchang_staff
    assert entry.changes["code"] == [None, "500153001000"]


def test_a_village_gets_level_five_and_its_whole_code_as_prefix():
    street = town("500153001000", "昌元街道")

    village = region_create(actor="test", code="500153001001", name="玉屏社区", parent=street)

    assert village.level == RegionLevel.VILLAGE
    assert village.prefix == "500153001001"


def test_a_top_level_region_needs_the_system_or_an_administrator():
    admin = UserFactory(is_superuser=True)

    region = region_create(actor=admin, code="510000000000", name="四川省")

    assert region.level == RegionLevel.PROVINCE
    assert region.parent is None


def test_an_administrator_by_grant_may_create_a_top_level_region():
    """Regression: the admin role, not only Django's superuser flag, makes an administrator."""
    admin = user_with(Role.ADMIN)

    region = region_create(actor=admin, code="510000000000", name="四川省")

    assert region.parent is None


@pytest.mark.parametrize(
    "code",
    [
        "500151001000",  # under 铜梁区, not 荣昌区
        "500153000000",  # 荣昌区 itself, not below it
        "500000000000",  # above it
    ],
)
def test_region_create_refuses_a_code_not_under_the_parent(code):
    parent = rongchang()
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        region_create(actor="test", code=code, name="某镇", parent=parent)

    assert str(caught.value.message) == str(PARENT_MISMATCH)
    assert caught.value.extra["errors"]["code"] == [str(PARENT_MISMATCH)]


def test_region_create_refuses_a_code_that_is_not_twelve_digits():
    parent = rongchang()
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        region_create(actor="test", code="5001531040", name="直升镇", parent=parent)

    assert "code" in caught.value.extra["errors"]


def test_region_create_refuses_a_code_already_taken():
    street = town("500153104000", "直升镇")
    with counts.unchanged(), pytest.raises(ValidationFailed):
        region_create(actor="test", code="500153104000", name="直升镇", parent=street.parent)


def test_staff_cannot_create_a_top_level_region(rongchang_staff):
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        region_create(actor=rongchang_staff, code="510000000000", name="四川省")

    assert str(caught.value.message) == str(REGION_OUTSIDE_SCOPE)


def test_staff_cannot_create_under_another_district(rongchang_staff):
    other = tongliang()
    with counts.unchanged(), pytest.raises(NotFound) as caught:
        region_create(actor=rongchang_staff, code="500151001000", name="巴川街道", parent=other)

    assert str(caught.value.message) == str(OUT_OF_SCOPE)


def test_region_update_renames_with_from_to(rongchang_staff):
    street = town("500153104000", "直升镇")

    region_update(actor=rongchang_staff, region=street, name="直升街道")

    street.refresh_from_db()
    assert street.name == "直升街道"
    entry = audit.timeline(street).get(action=AuditAction.UPDATE)
    assert entry.changes == {"name": ["直升镇", "直升街道"]}


def test_region_update_outside_scope_is_not_found(rongchang_staff):
    other = tongliang()
    before = counts()

    with pytest.raises(NotFound):
        region_update(actor=rongchang_staff, region=other, name="铜梁县")

    other.refresh_from_db()
    assert other.name == "铜梁区"
    assert counts() == before


def test_region_update_refuses_an_empty_name():
    street = town()
    before = counts()

    with pytest.raises(ValidationFailed):
        region_update(actor="test", region=street, name="  ")

    street.refresh_from_db()
    assert street.name == "直升镇"
    assert counts() == before


# --- Loading the vendored division codes ---------------------------------------------------------


def test_regions_load_builds_chongqings_tree():
    result = regions_load(actor="load_regions", rows=division_rows())

    assert result["created"] == Region.objects.count()
    assert result["renamed"] == 0
    district = Region.objects.get(code="500153000000")
    assert district.name == "荣昌区"
    assert district.level == RegionLevel.COUNTY
    assert district.parent.code == "500000000000"
    towns = district.children.order_by("code")
    assert [t.name for t in towns] == RONGCHANG_TOWNS
    assert {t.level for t in towns} == {RegionLevel.TOWN}
    assert Region.objects.towns().filter(code__startswith="500153").count() == 21
    village = Region.objects.get(code="500153001001")
    assert village.level == RegionLevel.VILLAGE
    assert village.parent.name == "昌元街道"


def test_regions_load_audits_every_region_it_creates():
    result = regions_load(actor="load_regions", rows=division_rows())

    entries = AuditEntry.objects.filter(action=AuditAction.IMPORT)
    assert entries.count() == result["created"]
    assert set(entries.values_list("actor_label", flat=True)) == {"load_regions"}
    assert entries.filter(object_repr="荣昌区").exists()


def test_regions_load_twice_changes_nothing_the_second_time():
    rows = division_rows()
    regions_load(actor="load_regions", rows=rows)
    before = counts()

    assert regions_load(actor="load_regions", rows=rows) == {"created": 0, "renamed": 0}
    assert counts() == before


def test_regions_load_keeps_existing_regions_and_renames_changed_ones():
    district = rongchang()
    district.name = "荣昌县"  # as it was before 2015
    district.save()
    pk = district.pk

    result = regions_load(actor="load_regions", rows=division_rows())

    assert result["renamed"] == 1
    district.refresh_from_db()
    assert district.pk == pk
    assert district.name == "荣昌区"
    entry = audit.timeline(district).get(action=AuditAction.UPDATE)
    assert entry.changes == {"name": ["荣昌县", "荣昌区"]}
    assert Region.objects.get(code="500153001000").parent == district


def test_regions_load_of_a_few_rows_puts_children_under_parents():
    rows = [
        DivisionRow("500000000000", "重庆市", None),
        DivisionRow("500153000000", "荣昌区", "500000000000"),
        DivisionRow("500153001000", "昌元街道", "500153000000"),
    ]

    assert regions_load(actor=None, rows=rows) == {"created": 3, "renamed": 0}

    street = Region.objects.get(code="500153001000")
    assert [r.name for r in Region.objects.ancestors_of(street)] == ["重庆市", "荣昌区"]
    assert street.full_name == "荣昌区昌元街道"


# --- subtree and ancestors -----------------------------------------------------------------------


def test_subtree_is_the_region_and_everything_under_it():
    district = rongchang()
    street = town("500153001000", "昌元街道")
    village = region_create(actor="test", code="500153001001", name="玉屏社区", parent=street)
    other_town = town("500151001000", "巴川街道", parent=tongliang())

    subtree = set(Region.objects.subtree(district))

    assert subtree == {district, street, village}
    assert other_town not in subtree
    assert set(Region.objects.subtree(street)) == {street, village}
    assert set(Region.objects.subtree(chongqing())) >= {district, street, village, other_town}


def test_ancestors_of_a_village_from_the_top():
    street = town("500153001000", "昌元街道")
    village = region_create(actor="test", code="500153001001", name="玉屏社区", parent=street)

    assert [r.name for r in Region.objects.ancestors_of(village)] == [
        "重庆市",
        "荣昌区",
        "昌元街道",
    ]
    assert list(Region.objects.ancestors_of(chongqing())) == []
    assert village.full_name == "荣昌区昌元街道玉屏社区"


def test_contains_follows_the_code():
    assert rongchang().contains(town())
    assert not tongliang().contains(town())


# --- Handling units ------------------------------------------------------------------------------


def test_handling_unit_create_is_audited(rongchang_staff):
    unit = handling_unit_create(
        actor=rongchang_staff, region=rongchang(), name=" 荣昌区交通局 ", short_name="区交通局"
    )

    assert unit.name == "荣昌区交通局"
    assert unit.active is True
    entry = audit.timeline(unit).get(action=AuditAction.CREATE)
    assert entry.actor == rongchang_staff
    assert entry.changes["name"] == [None, "荣昌区交通局"]


def test_handling_unit_create_refuses_a_repeated_name():
    HandlingUnitFactory(region=rongchang(), name="荣昌区交通局")
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        handling_unit_create(actor="test", region=rongchang(), name="荣昌区交通局")

    assert str(caught.value.message) == constraint_message(
        HandlingUnit, "handling_unit_unique_name"
    )


def test_the_same_unit_name_is_fine_in_another_district():
    HandlingUnitFactory(region=rongchang(), name="交通局")

    unit = handling_unit_create(actor="test", region=tongliang(), name="交通局")

    assert unit.region.name == "铜梁区"


def test_handling_unit_create_outside_scope_is_not_found(rongchang_staff):
    other = tongliang()
    with counts.unchanged(), pytest.raises(NotFound):
        handling_unit_create(actor=rongchang_staff, region=other, name="铜梁区交通局")


def test_handling_unit_update_changes_allowed_fields_with_from_to(rongchang_staff):
    unit = HandlingUnitFactory(region=rongchang(), name="荣昌区交通局", phone="")

    handling_unit_update(actor=rongchang_staff, unit=unit, phone="023-46788888", active=False)

    unit.refresh_from_db()
    assert unit.phone == "023-46788888"
    assert unit.active is False
    entry = audit.timeline(unit).get(action=AuditAction.UPDATE)
    assert entry.changes == {"active": [True, False], "phone": ["", "023-46788888"]}


def test_handling_unit_update_refuses_moving_the_unit_to_another_region():
    unit = HandlingUnitFactory(region=rongchang(), name="荣昌区交通局")
    other = tongliang()
    before = counts()

    with pytest.raises(ValidationFailed):
        handling_unit_update(actor="test", unit=unit, region=other)

    unit.refresh_from_db()
    assert unit.region.name == "荣昌区"
    assert counts() == before


def test_handling_unit_update_outside_scope_is_not_found():
    staff = user_with(Role.STAFF, region=tongliang())
    unit = HandlingUnitFactory(region=rongchang(), name="荣昌区交通局")
    before = counts()

    with pytest.raises(NotFound):
        handling_unit_update(actor=staff, unit=unit, name="改名")

    unit.refresh_from_db()
    assert unit.name == "荣昌区交通局"
    assert counts() == before


def test_a_handling_unit_user_cannot_change_its_own_unit():
    unit = HandlingUnitFactory(region=rongchang(), name="荣昌区交通局")
    user = user_with(Role.UNIT, handling_unit=unit)
    with counts.unchanged(), pytest.raises(NotFound):
        handling_unit_update(actor=user, unit=unit, phone="110")

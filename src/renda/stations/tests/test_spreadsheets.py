"""The stations spreadsheet: template, import (dry run, all-or-nothing, idempotent, audited),
export in the same layout, and reception days in words."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from renda.accounts.services import role_grant, user_create
from renda.core import identity, xlsx
from renda.core import services as base
from renda.core.choices import Role
from renda.core.models import AuditEntry
from renda.core.testing import counter, worded
from renda.core.testing import workbook as spreadsheet
from renda.regions import spreadsheets as region_cells
from renda.regions.services import region_create
from renda.stations import spreadsheets
from renda.stations.choices import StationKind
from renda.stations.models import Station
from renda.stations.services import station_create

HEADERS = [col.header for col in spreadsheets.STATIONS.columns]


@pytest.fixture
def world(db):
    chongqing = region_create(actor="test", code="500000000000", name="重庆市")
    rongchang = region_create(actor="test", code="500153000000", name="荣昌区", parent=chongqing)
    tongliang = region_create(actor="test", code="500151000000", name="铜梁区", parent=chongqing)
    changyuan = region_create(actor="test", code="500153001000", name="昌元街道", parent=rongchang)
    zhisheng = region_create(actor="test", code="500153104000", name="直升镇", parent=rongchang)
    # Two villages of one name, as the division lists have by the hundred.
    region_create(actor="test", code="500153001001", name="新华村", parent=changyuan)
    xinhua = region_create(actor="test", code="500153104001", name="新华村", parent=zhisheng)
    return {
        "rongchang": rongchang,
        "tongliang": tongliang,
        "changyuan": changyuan,
        "zhisheng": zhisheng,
        "xinhua": xinhua,
    }


def row(**changes) -> dict:
    values = {
        "站点名称": "昌元街道人大代表之家",
        "类型": "代表之家",
        "所在镇街/村社区": "昌元街道",
        "地址": "昌州大道西段1号",
        "联系电话": "023-46751234",
        "经度": 105.594376,
        "纬度": "29.404721",
        "接待日规则": "每月15日",
        "接待开始时间": datetime.time(9, 0),
        "接待结束时间": "11:30",
    }
    values.update(changes)
    return values


def second_row(**changes) -> dict:
    values = row(
        站点名称="新华村代表联络站",
        类型="联络站",
        地址="村委会",
        联系电话=None,
        经度=None,
        纬度=None,
        接待日规则="每两个月20日",
        接待开始时间=None,
        接待结束时间=None,
    )
    values["所在镇街/村社区"] = "直升镇/新华村"
    values.update(changes)
    return values


def workbook(rows: list[dict], headers: list[str] = HEADERS, title=None) -> bytes:
    return spreadsheet(rows, headers, title)


counts = counter(Station, AuditEntry)


def run(rows, *, dry_run=False, actor="import", **kwargs) -> xlsx.ImportResult:
    return spreadsheets.stations_import(actor=actor, file=workbook(rows), dry_run=dry_run, **kwargs)


# --- Template and export ----------------------------------------------------------------------


def test_template_has_the_headers_and_an_instructions_sheet():
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.build_workbook(spreadsheets.STATIONS)))
    sheet = wb["代表家站点"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "A2"
    documented = [r[0] for r in wb["说明"].iter_rows(values_only=True)]
    assert all(header in documented for header in HEADERS)
    kinds = [r[0] for r in wb["选项"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert kinds == ["代表之家", "代表工作站", "代表联络站", "代表活动室", "民情联络点"]


def test_export_writes_rules_in_words_and_imports_again_unchanged(world):
    station_create(
        actor="test",
        region=world["zhisheng"],
        name="直升镇代表工作站",
        kind=StationKind.WORK_STATION,
        address="直升镇政府",
        phone="13800138000",
        latitude=Decimal("29.5"),
        longitude=Decimal("105.6"),
        reception_rule="FREQ=MONTHLY;BYDAY=1MO",
        reception_start_time=datetime.time(14, 30),
        reception_end_time=datetime.time(17, 0),
    )
    station_create(
        actor="test",
        region=world["xinhua"],
        name="新华村代表联络站",
        kind=StationKind.LIAISON_STATION,
        address="村委会",
        reception_rule="FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20",
    )
    station_create(
        actor="test",
        region=world["changyuan"],
        name="昌元街道民情联络点",
        kind=StationKind.CONTACT_POINT,
        address="海棠大道1号",
        reception_rule="",
    )
    before = counts()

    exported = spreadsheets.stations_export(Station.objects.all())
    sheet = openpyxl.load_workbook(io.BytesIO(exported))["代表家站点"]
    assert [c.value for c in sheet[1]] == HEADERS
    lines = {
        r[0]: dict(zip(HEADERS, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert lines["直升镇代表工作站"]["接待日规则"] == "每月第一个星期一"
    assert lines["新华村代表联络站"]["接待日规则"] == "每两个月20日"
    assert lines["新华村代表联络站"]["所在镇街/村社区"] == "直升镇/新华村"
    assert lines["昌元街道民情联络点"]["类型"] == "民情联络点"

    result = spreadsheets.stations_import(actor="import", file=exported, dry_run=False)
    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, 3)
    assert counts() == before


# --- Importing ------------------------------------------------------------------------------


def test_a_good_file_imports_everything_audited(world):
    before = AuditEntry.objects.count()
    result = run([row(), second_row()])
    assert result.errors == []
    assert (result.rows, result.created, result.updated, result.unchanged) == (2, 2, 0, 0)
    home = Station.objects.get(name="昌元街道人大代表之家")
    assert (home.region, home.kind, home.reception_rule) == (
        world["changyuan"],
        StationKind.DEPUTY_HOME,
        "FREQ=MONTHLY;BYMONTHDAY=15",
    )
    assert (home.longitude, home.latitude) == (Decimal("105.594376"), Decimal("29.404721"))
    assert (home.reception_start_time, home.reception_end_time) == (
        datetime.time(9, 0),
        datetime.time(11, 30),
    )
    village = Station.objects.get(name="新华村代表联络站")
    assert (village.region, village.kind) == (world["xinhua"], StationKind.LIAISON_STATION)
    assert village.reception_rule == "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20"
    assert (village.reception_start_time, village.reception_end_time) == (
        datetime.time(9, 0),
        datetime.time(12, 0),
    )
    written = AuditEntry.objects.all()[: AuditEntry.objects.count() - before]
    assert [e.actor_label for e in written] == ["import", "import"]


def test_importing_the_same_file_again_changes_nothing(world):
    run([row(), second_row()])
    before = counts()
    result = run([row(), second_row()])
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 0, 2, [])
    assert counts() == before


def test_a_changed_cell_updates_the_station_found_by_region_and_name(world):
    run([row(), second_row()])
    result = run([row(接待日规则="每周三", 地址="昌州大道西段2号"), second_row()])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    home = Station.objects.get(name="昌元街道人大代表之家")
    assert (home.reception_rule, home.address) == ("FREQ=WEEKLY;BYDAY=WE", "昌州大道西段2号")
    entry = AuditEntry.objects.first()
    assert entry.changes["reception_rule"] == ["FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=WEEKLY;BYDAY=WE"]


def test_dry_run_counts_but_writes_nothing(world):
    before = counts()
    result = run([row(), second_row()], dry_run=True)
    assert (result.dry_run, result.errors, result.created) == (True, [], 2)
    assert counts() == before


def test_a_region_can_be_named_by_code_or_full_name(world):
    result = run(
        [
            row(**{"所在镇街/村社区": "500153001000"}),
            second_row(**{"所在镇街/村社区": "荣昌区直升镇新华村"}),
        ]
    )
    assert (result.errors, result.created) == ([], 2)
    assert Station.objects.get(name="新华村代表联络站").region == world["xinhua"]


# --- Row errors -------------------------------------------------------------------------------

ROW_ERRORS = [
    ({"站点名称": None}, "站点名称", worded(xlsx.REQUIRED)),
    ({"地址": ""}, "地址", worded(xlsx.REQUIRED)),
    ({"类型": "代表室"}, "类型", None),
    ({"所在镇街/村社区": "永川区"}, "所在镇街/村社区", worded(region_cells.REGION_UNKNOWN)),
    (
        {"所在镇街/村社区": "新华村"},
        "所在镇街/村社区",
        worded(
            region_cells.REGION_AMBIGUOUS,
            names="重庆市/荣昌区/昌元街道/新华村、重庆市/荣昌区/直升镇/新华村",
        ),
    ),
    ({"联系电话": "4675"}, "联系电话", worded(identity.BAD_PHONE)),
    ({"经度": 29.4}, "经度", worded(xlsx.OUT_OF_RANGE, min=73, max=136)),
    ({"经度": "东经105度"}, "经度", worded(xlsx.NOT_A_NUMBER)),
    ({"纬度": None}, "纬度", worded(spreadsheets.COORDINATES_PAIRED)),
    ({"接待日规则": "有空就接待"}, "接待日规则", worded(spreadsheets.NOT_A_RULE)),
    ({"接待日规则": "每月32日"}, "接待日规则", worded(spreadsheets.NOT_A_DAY)),
    ({"接待日规则": "每十三个月1日"}, "接待日规则", worded(spreadsheets.NOT_A_RULE)),
    ({"接待开始时间": "25:00"}, "接待开始时间", worded(xlsx.NOT_A_TIME)),
    ({"接待结束时间": "8:30"}, "接待结束时间", worded(spreadsheets.ENDS_BEFORE_START)),
]


@pytest.mark.parametrize(("cells", "column", "message"), ROW_ERRORS)
def test_a_wrong_cell_is_listed_and_nothing_is_imported(world, cells, column, message):
    before = counts()
    result = run([second_row(), row(**cells)])
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    if message is not None:
        assert str(result.errors[0].message) == message
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert counts() == before


def test_a_repeated_station_is_listed(world):
    result = run([row(), second_row(), row(地址="别处")])
    assert [(e.row, e.column, str(e.message)) for e in result.errors] == [
        (4, "站点名称", worded(spreadsheets.DUPLICATE_ROW, row=2)),
    ]
    assert Station.objects.count() == 0


def test_staff_cannot_import_stations_outside_their_region(world):
    staff = user_create(actor="test", username="tl", password="x", check_password=False)
    role_grant(actor="test", user=staff, role=Role.STAFF, region=world["tongliang"])
    result = run([row()], actor=staff)
    assert [(e.column, str(e.message)) for e in result.errors] == [
        ("所在镇街/村社区", str(base.OUT_OF_SCOPE)),
    ]
    assert Station.objects.count() == 0


def test_staff_import_within_their_region_is_audited_under_their_name(world):
    staff = user_create(actor="test", username="rc", password="x", check_password=False)
    role_grant(actor="test", user=staff, role=Role.STAFF, region=world["rongchang"])
    result = run([row()], actor=staff)
    assert (result.errors, result.created) == ([], 1)
    assert AuditEntry.objects.first().actor == staff


def test_region_scope_keeps_the_file_under_one_region(world):
    result = run([row(), second_row()], region_scope=world["zhisheng"])
    assert [(e.row, e.column, str(e.message)) for e in result.errors] == [
        (2, "所在镇街/村社区", worded(region_cells.REGION_OUTSIDE, region="直升镇")),
    ]


# --- Whole files refused ----------------------------------------------------------------------


def test_wrong_headers_are_refused():
    with pytest.raises(xlsx.FileRefused) as refused:
        spreadsheets.stations_import(
            actor="import", file=workbook([row()], [*HEADERS, "负责人"]), dry_run=True
        )
    assert "负责人" in str(refused.value.message)


def test_a_file_that_is_not_xlsx_is_refused():
    with pytest.raises(xlsx.FileRefused) as refused:
        spreadsheets.stations_import(actor="import", file=b"\xd0\xcf\x11\xe0 old xls", dry_run=True)
    assert refused.value.message == xlsx.NOT_XLSX


# --- Reception days in words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "rule"),
    [
        ("每月15日", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("每月十五号", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("每两个月20日", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20"),
        ("每2个月20日", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20"),
        ("每隔一个月20日", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20"),
        ("每季度10日", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10"),
        ("每月最后一天", "FREQ=MONTHLY;BYMONTHDAY=-1"),
        ("每周三", "FREQ=WEEKLY;BYDAY=WE"),
        ("每星期日", "FREQ=WEEKLY;BYDAY=SU"),
        ("每两周周五", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
        ("每月第一个星期一", "FREQ=MONTHLY;BYDAY=1MO"),
        ("每月第3个周四", "FREQ=MONTHLY;BYDAY=3TH"),
        ("每月最后一个星期五", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("每月15日接待", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("FREQ=MONTHLY;BYMONTHDAY=5", "FREQ=MONTHLY;BYMONTHDAY=5"),
    ],
)
def test_reception_words_become_rules(words, rule):
    assert spreadsheets.rule_from_words(words) == rule


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=MONTHLY;BYMONTHDAY=15", "每月15日"),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20", "每两个月20日"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "每月最后一天"),
        ("FREQ=WEEKLY;BYDAY=WE", "每周三"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "每两周周五"),
        ("FREQ=MONTHLY;BYDAY=1MO", "每月第一个星期一"),
        ("FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR", "每三个月最后一个星期五"),
        ("FREQ=MONTHLY;BYDAY=-2MO", "FREQ=MONTHLY;BYDAY=-2MO"),  # no words for it: kept as is
    ],
)
def test_rules_are_written_back_in_words(rule, words):
    assert spreadsheets.rule_to_words(rule) == words

"""The deputy roster (代表名册) spreadsheet: template, import (dry run, all-or-nothing,
idempotent, audited) and export in the same layout."""

import datetime
import io
import zipfile
from dataclasses import replace

import openpyxl
import pytest

from renda.accounts.services import role_grant, user_create
from renda.congresses import selectors as congress_selectors
from renda.congresses.choices import CongressLevel
from renda.congresses.services import congress_create, term_create
from renda.core import identity, xlsx
from renda.core import services as base
from renda.core.choices import Role
from renda.core.exceptions import Conflict
from renda.core.models import AuditEntry
from renda.core.testing import counter, frozen_at, worded
from renda.core.testing import workbook as spreadsheet
from renda.people.choices import Education, Gender, GroupKind, Party
from renda.people.models import GroupMembership, Mandate, Person
from renda.people.services import (
    MANDATE_START_OUTSIDE_TERM,
    group_create,
    mandate_create,
    person_create,
)
from renda.regions import spreadsheets as region_cells
from renda.regions.services import region_create
from renda.stations import roster
from renda.stations.choices import AssignmentRole, StationKind
from renda.stations.models import StationAssignment
from renda.stations.services import assignment_create, station_create

HEADERS = [col.header for col in roster.ROSTER.columns]
TERM_START = datetime.date(2022, 1, 1)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


frozen = frozen_at("2024-06-01 10:00:00+08:00", autouse=False)


@pytest.fixture
def world():
    chongqing = region_create(actor="test", code="500000000000", name="重庆市")
    rongchang = region_create(actor="test", code="500153000000", name="荣昌区", parent=chongqing)
    changyuan = region_create(actor="test", code="500153001000", name="昌元街道", parent=rongchang)
    guangshun = region_create(actor="test", code="500153003000", name="广顺街道", parent=rongchang)
    tongliang = region_create(actor="test", code="500151000000", name="铜梁区", parent=chongqing)
    congress = congress_create(actor="test", region=rongchang, level=CongressLevel.COUNTY)
    term = term_create(
        actor="test",
        congress=congress,
        ordinal=19,
        start=TERM_START,
        end=datetime.date(2026, 12, 31),
    )
    city = congress_create(actor="test", region=chongqing, level=CongressLevel.PROVINCIAL)
    city_term = term_create(actor="test", congress=city, ordinal=6, start=TERM_START)
    other = congress_create(actor="test", region=tongliang, level=CongressLevel.COUNTY)
    term_create(actor="test", congress=other, ordinal=19, start=TERM_START)
    group = group_create(
        actor="test",
        congress=congress,
        region=changyuan,
        name="昌元代表小组",
        kind=GroupKind.DEPUTY_GROUP,
    )
    home = station_create(
        actor="test",
        region=changyuan,
        name="昌元街道人大代表之家",
        kind=StationKind.DEPUTY_HOME,
        address="昌州大道1号",
    )
    liaison = station_create(
        actor="test",
        region=guangshun,
        name="广顺街道代表联络站",
        kind=StationKind.LIAISON_STATION,
        address="广顺街道1号",
    )
    return {
        "rongchang": rongchang,
        "changyuan": changyuan,
        "tongliang": tongliang,
        "congress": congress,
        "term": term,
        "city": city,
        "city_term": city_term,
        "other": other,
        "group": group,
        "home": home,
        "liaison": liaison,
    }


def row(**changes) -> dict:
    """A correct roster row, by header; pass header=value to change a cell."""
    values = {
        "姓名": "张　三",
        "性别": "男",
        "民族": "汉族",
        "出生日期": "1975.3.2",
        "身份证号": "500153197503021232",
        "政治面貌": "中共党员",
        "文化程度": "大学本科",
        "手机号码": "138 0013 8000",
        "所属人大": "荣昌区人民代表大会",
        "届次": "第十九届",
        "当选日期": None,
        "选区/选举单位": "昌元街道第3选区",
        "选区所在镇街": "昌元街道",
        "职务": "党委书记",
        "工作单位": "荣昌区昌元街道办事处",
        "所在代表小组": "昌元代表小组",
        "进站站点": "昌元街道人大代表之家",
        "是否站长": "是",
    }
    values.update(changes)
    return values


def second_row(**changes) -> dict:
    values = row(
        姓名="李秀英",
        性别="女",
        民族="土家",
        出生日期=datetime.datetime(1980, 8, 15),
        身份证号=None,
        政治面貌="群众",
        文化程度="大专",
        手机号码="023-46751234",
        届次=19,
        所在代表小组=None,
        进站站点="广顺街道代表联络站、昌元街道人大代表之家",
        是否站长="否",
        职务="",
        工作单位="荣昌区广顺街道石河村",
    )
    values.update(changes)
    return values


def workbook(rows: list[dict], headers: list[str] = HEADERS, title="代表名册") -> bytes:
    return spreadsheet(rows, headers, title)


counts = counter(Person, Mandate, GroupMembership, StationAssignment, AuditEntry)


def run(rows, *, dry_run=False, actor="import", **kwargs) -> xlsx.ImportResult:
    return roster.roster_import(
        actor=actor, file=workbook(rows, HEADERS, "代表名册"), dry_run=dry_run, **kwargs
    )


# --- The template ---------------------------------------------------------------------------


def test_template_has_the_headers_an_instructions_sheet_and_drop_downs():
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.build_workbook(roster.ROSTER)))
    sheet = wb["代表名册"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 1
    documented = [r[0] for r in wb["说明"].iter_rows(values_only=True)]
    assert all(header in documented for header in HEADERS)
    gender = next(dv for dv in sheet.data_validations.dataValidation if "B2" in str(dv.sqref))
    options = wb["选项"]
    assert options.sheet_state == "hidden"
    assert [r[0] for r in options.iter_rows(min_row=2, values_only=True) if r[0]] == ["男", "女"]
    assert gender.type == "list"


def test_the_template_itself_is_refused_as_empty():
    with pytest.raises(xlsx.FileRefused) as refused:
        roster.roster_import(actor="import", file=xlsx.build_workbook(roster.ROSTER), dry_run=True)
    assert refused.value.message == xlsx.EMPTY_FILE


def test_a_filled_template_imports(world):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.build_workbook(roster.ROSTER)))
    wb["代表名册"].append([row().get(h) for h in HEADERS])
    buffer = io.BytesIO()
    wb.save(buffer)
    result = roster.roster_import(actor="import", file=buffer.getvalue(), dry_run=False)
    assert (result.errors, result.created) == ([], 1)


# --- Importing ------------------------------------------------------------------------------


def test_a_good_file_imports_everything_audited(world):
    before = AuditEntry.objects.count()
    result = run([row(), second_row()])

    assert result.errors == []
    assert (result.rows, result.created, result.updated, result.unchanged) == (2, 2, 0, 0)
    zhang = Person.objects.get(id_number="500153197503021232")
    assert (zhang.name, zhang.gender, zhang.party, zhang.education, zhang.phone) == (
        "张三",
        Gender.MALE,
        Party.CPC,
        Education.BACHELOR,
        "13800138000",
    )
    assert zhang.birth_date == datetime.date(1975, 3, 2)
    li = Person.objects.get(name="李秀英")
    assert (li.ethnicity, li.phone, li.id_number) == ("土家族", "023-46751234", "")
    mandate = zhang.mandates.get()
    assert (mandate.term, mandate.start, mandate.electoral_region) == (
        world["term"],
        TERM_START,
        world["changyuan"],
    )
    assert mandate.group_memberships.get().group == world["group"]
    head = StationAssignment.objects.get(mandate=mandate)
    assert (head.station, head.role) == (world["home"], AssignmentRole.HEAD)
    li_stations = StationAssignment.objects.filter(mandate__person=li)
    assert {(a.station.name, a.role) for a in li_stations} == {
        ("广顺街道代表联络站", AssignmentRole.MEMBER),
        ("昌元街道人大代表之家", AssignmentRole.MEMBER),
    }
    written = AuditEntry.objects.all()[: AuditEntry.objects.count() - before]
    # 2 people, 2 mandates, 1 membership, 3 assignments; each by the named import actor.
    assert len(written) == 8
    assert {e.actor_label for e in written} == {"import"}


def test_a_user_importing_is_named_in_the_audit(world):
    admin = user_create(actor="test", username="admin", password="x", check_password=False)
    role_grant(actor="test", user=admin, role=Role.ADMIN)
    result = run([row()], actor=admin)
    assert result.created == 1
    entry = AuditEntry.objects.filter(object_repr="张三").get()
    assert (entry.actor, entry.actor_label) == (admin, "admin")


def test_importing_the_same_file_again_changes_nothing(world):
    run([row(), second_row()])
    before = counts()
    result = run([row(), second_row()])
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 0, 2, [])
    assert counts() == before


def test_a_changed_cell_updates_that_record_only(world):
    run([row(), second_row()])
    before = AuditEntry.objects.count()
    result = run([row(手机号码="13900139000", 职务="街道办主任"), second_row()])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    zhang = Person.objects.get(name="张三")
    assert zhang.phone == "13900139000"
    assert zhang.mandates.get().post == "街道办主任"
    changes = [e.changes for e in AuditEntry.objects.all()[: AuditEntry.objects.count() - before]]
    assert {"phone": ["13800138000", "13900139000"]} in changes
    assert {"post": ["党委书记", "街道办主任"]} in changes


def test_one_person_with_two_mandates_is_one_person(world):
    municipal = row(
        所属人大="重庆市人大",
        届次="六",
        选区所在镇街="荣昌区",
        所在代表小组=None,
        进站站点=None,
        是否站长=None,
    )
    result = run([row(), municipal])
    assert (result.errors, result.created) == ([], 2)
    assert Person.objects.count() == 1
    assert (
        Mandate.objects.filter(term=world["city_term"]).get().electoral_region == world["rongchang"]
    )


def test_a_person_on_record_without_id_number_is_matched_by_name_and_birth(world):
    person_create(
        actor="test", name="张三", gender=Gender.MALE, birth_date=datetime.date(1975, 3, 2)
    )
    result = run([row()])
    assert result.created == 1
    assert Person.objects.get().id_number == "500153197503021232"


def test_the_station_head_steps_down_when_the_file_says_so(world):
    run([row(), second_row()])
    result = run(
        [
            row(是否站长="否"),
            second_row(进站站点="昌元街道人大代表之家、广顺街道代表联络站", 是否站长="是"),
        ]
    )
    assert (result.errors, result.updated) == ([], 2)
    current = StationAssignment.objects.filter(station=world["home"], end__isnull=True)
    assert {(a.mandate.person.name, a.role) for a in current} == {
        ("张三", AssignmentRole.MEMBER),
        ("李秀英", AssignmentRole.HEAD),
    }
    ended = StationAssignment.objects.get(
        station=world["home"], end__isnull=False, role=AssignmentRole.HEAD
    )
    assert (ended.mandate.person.name, ended.role, ended.end) == (
        "张三",
        AssignmentRole.HEAD,
        datetime.date(2024, 6, 1),
    )


def test_dry_run_counts_but_writes_nothing(world):
    before = counts()
    result = run([row(), second_row()], dry_run=True)
    assert (result.dry_run, result.errors, result.created, result.written) == (True, [], 2, False)
    assert counts() == before


# --- Export ---------------------------------------------------------------------------------


def test_export_imports_again_unchanged(world):
    run([row(), second_row(当选日期="2023-03-01")])
    person = person_create(
        actor="test",
        name="王五",
        gender=Gender.MALE,
        ethnicity="苗族",
        birth_date=datetime.date(1969, 1, 1),
    )
    mandate = mandate_create(actor="test", person=person, term=world["term"], post="村主任")
    assignment_create(
        actor="test", station=world["liaison"], mandate=mandate, role=AssignmentRole.HEAD
    )
    before = counts()

    exported = roster.roster_export(Mandate.objects.all())
    sheet = openpyxl.load_workbook(io.BytesIO(exported))["代表名册"]
    assert [c.value for c in sheet[1]] == HEADERS
    lines = {
        r[0]: dict(zip(HEADERS, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert lines["张三"]["身份证号"] == "500153197503021232"
    assert lines["张三"]["届次"] == "第十九届"
    assert lines["张三"]["是否站长"] == "是"
    assert lines["李秀英"]["当选日期"].date() == datetime.date(2023, 3, 1)
    assert lines["王五"]["进站站点"] == "广顺街道代表联络站"

    result = roster.roster_import(actor="import", file=exported, dry_run=False)
    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, 3)
    assert counts() == before


def test_export_of_people_lists_their_current_mandates(world):
    run([row(), second_row()])
    exported = roster.roster_export(Person.objects.filter(name="张三"))
    sheet = openpyxl.load_workbook(io.BytesIO(exported))["代表名册"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["张三"]


# --- Row errors: listed with row, column and message; nothing written ---------------------


ROW_ERRORS = [
    ({"姓名": None}, "姓名", worded(xlsx.REQUIRED)),
    ({"性别": "男士"}, "性别", worded(xlsx.NOT_ALLOWED, allowed="男、女")),
    ({"出生日期": "1975-02-30"}, "出生日期", worded(xlsx.NO_SUCH_DATE)),
    ({"出生日期": "去年"}, "出生日期", worded(xlsx.NOT_A_DATE)),
    ({"身份证号": "500153197503021233"}, "身份证号", worded(identity.BAD_ID_CHECKSUM)),
    ({"身份证号": "50015319750302"}, "身份证号", worded(identity.BAD_ID_LENGTH)),
    ({"身份证号": 500153197503021232}, "身份证号", worded(xlsx.ID_STORED_AS_NUMBER)),
    ({"手机号码": "1380013800"}, "手机号码", worded(identity.BAD_PHONE)),
    ({"手机号码": "12800138000"}, "手机号码", worded(identity.BAD_PHONE)),
    ({"政治面貌": "党外"}, "政治面貌", None),
    ({"职务": "长" * 101}, "职务", worded(xlsx.TOO_LONG, max=100)),
    (
        {"所属人大": "永川区人大"},
        "所属人大",
        worded(congress_selectors.CONGRESS_UNKNOWN, name="永川区人大"),
    ),
    (
        {"届次": "第二十届"},
        "届次",
        worded(roster.TERM_UNKNOWN, congress="荣昌区人民代表大会", term="第二十届"),
    ),
    ({"届次": "本届"}, "届次", worded(roster.NOT_A_TERM)),
    ({"当选日期": "2021-05-01"}, "当选日期", worded(MANDATE_START_OUTSIDE_TERM)),
    ({"选区所在镇街": "不存在镇"}, "选区所在镇街", worded(region_cells.REGION_UNKNOWN)),
    (
        {"所在代表小组": "第九小组"},
        "所在代表小组",
        worded(roster.GROUP_UNKNOWN, congress="荣昌区人民代表大会", name="第九小组"),
    ),
    ({"进站站点": "不存在的站"}, "进站站点", worded(roster.STATION_UNKNOWN, name="不存在的站")),
    ({"进站站点": None}, "是否站长", worded(roster.HEAD_WITHOUT_STATION, column="进站站点")),
    ({"出生日期": "1975-03-03"}, "出生日期", worded(roster.BIRTH_NOT_ID, date="1975-03-02")),
    ({"性别": "女"}, "性别", worded(roster.GENDER_NOT_ID)),
    ({"身份证号": None, "出生日期": None}, "身份证号", worded(roster.NEED_ID_OR_BIRTH)),
]


@pytest.mark.parametrize(("cells", "column", "message"), ROW_ERRORS)
def test_a_wrong_cell_is_listed_and_nothing_is_imported(world, cells, column, message):
    before = counts()
    result = run([second_row(), row(**cells)])
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    if message is not None:
        assert str(result.errors[0].message) == message
        assert str(result.errors[0]) == worded(
            xlsx.ROW_ERROR, row=3, column=column, message=message
        )
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert counts() == before


def test_a_repeated_row_is_listed(world):
    before = counts()
    result = run([row(), second_row(), row()])
    assert [(e.row, e.column, str(e.message)) for e in result.errors] == [
        (4, "", worded(roster.DUPLICATE_ROW, row=2)),
    ]
    assert counts() == before


def test_the_same_person_with_other_details_is_listed(world):
    municipal = row(
        所属人大="重庆市人民代表大会",
        届次=6,
        手机号码="13900139000",
        所在代表小组=None,
        进站站点=None,
        是否站长=None,
    )
    result = run([row(), municipal])
    assert [(e.row, str(e.message)) for e in result.errors] == [
        (3, worded(roster.PERSON_ROWS_DIFFER, row=2)),
    ]


def test_a_second_head_for_a_station_is_listed(world):
    run([second_row()])
    person = Person.objects.get(name="李秀英")
    StationAssignment.objects.filter(mandate__person=person).delete()
    assignment_create(
        actor="test", station=world["home"], mandate=person.mandates.get(), role=AssignmentRole.HEAD
    )
    before = counts()
    result = run([row()])
    assert [(e.row, e.column, str(e.message)) for e in result.errors] == [
        (
            2,
            "是否站长",
            worded(roster.STATION_HAS_HEAD, station="昌元街道人大代表之家", name="李秀英"),
        ),
    ]
    assert counts() == before


def test_every_error_of_every_row_is_listed_in_order(world):
    result = run([row(性别="?", 手机号码="1"), second_row(), row(身份证号="1", 姓名="赵六")])
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "性别"),
        (2, "手机号码"),
        (4, "身份证号"),
    ]


def test_a_file_for_another_congress_is_refused_row_by_row(world):
    result = run([row()], congress_scope=world["other"])
    assert [(e.column, str(e.message)) for e in result.errors] == [
        ("所属人大", worded(roster.CONGRESS_NOT_THIS, congress="铜梁区人民代表大会")),
    ]


def test_staff_cannot_import_into_another_districts_congress(world):
    staff = user_create(actor="test", username="tl", password="x", check_password=False)
    role_grant(actor="test", user=staff, role=Role.STAFF, region=world["tongliang"])
    before = counts()
    result = run([row()], actor=staff)
    assert [(e.column, str(e.message)) for e in result.errors] == [
        ("所属人大", str(base.OUT_OF_SCOPE)),
    ]
    assert counts() == before


def test_a_refusal_while_writing_rolls_back_every_row(world, monkeypatch):
    """Guards all-or-nothing when a service refuses after the checks passed (a record
    changed in between): the rows already written are rolled back too."""

    def refuse(**kwargs):
        raise Conflict(base.CHANGED_MEANWHILE)

    monkeypatch.setattr(roster, "group_member_add", refuse)
    before = counts()
    result = run([second_row(), row()])
    assert [(e.row, e.column, str(e.message)) for e in result.errors] == [
        (3, "", worded(xlsx.ROW_NOT_SAVED, message=base.CHANGED_MEANWHILE)),
    ]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert counts() == before


# --- Whole files refused ----------------------------------------------------------------------


def test_wrong_headers_are_refused_with_what_is_missing():
    headers = [h if h != "手机号码" else "手机" for h in HEADERS]
    with pytest.raises(xlsx.FileRefused) as refused:
        roster.roster_import(
            actor="import", file=workbook([row()], headers, "代表名册"), dry_run=True
        )
    details = [
        worded(xlsx.HEADERS_MISSING, columns="手机号码"),
        worded(xlsx.HEADERS_UNKNOWN, columns="手机"),
    ]
    assert str(refused.value.message) == worded(xlsx.WRONG_HEADERS, details="；".join(details))


def test_a_file_that_is_not_xlsx_is_refused():
    csv = "姓名,性别\n张三,男\n".encode()
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    for content in (csv, docx.getvalue(), b""):
        with pytest.raises(xlsx.FileRefused) as refused:
            roster.roster_import(actor="import", file=content, dry_run=True)
        assert refused.value.message == xlsx.NOT_XLSX


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(roster.RosterImporter, "table", replace(roster.ROSTER, max_rows=2))
    with pytest.raises(xlsx.FileRefused) as refused:
        run([row(), row(), row()])
    assert str(refused.value.message) == worded(xlsx.TOO_MANY_ROWS, limit=2)


def test_a_file_object_is_read_like_bytes(world):
    result = roster.roster_import(
        actor="import", file=io.BytesIO(workbook([row()], HEADERS, "代表名册")), dry_run=True
    )
    assert result.created == 1


# --- Cell formats -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "1975-03-02",
        "1975/3/2",
        "1975.3.2",
        "1975年3月2日",
        "19750302",
        19750302,
        datetime.datetime(1975, 3, 2),
        27455,
        "１９７５－０３－０２",
    ],
)
def test_dates_are_read_as_offices_write_them(value):
    assert xlsx.parse_date(value) == datetime.date(1975, 3, 2)


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("13800138000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("023-46751234", "023-46751234"),
        ("(023)46751234", "023-46751234"),
        ("02346751234", "023-46751234"),
        ("46751234", "46751234"),
        ("0851-8612345", "0851-8612345"),
        ("010-62345678", "010-62345678"),
        ("023-46751234转801", "023-46751234-801"),
        ("4001234567", "400-123-4567"),
    ],
)
def test_phone_numbers_are_written_one_way(text, phone):
    assert xlsx.clean_phone(text) == phone


def test_id_numbers_are_checked_by_gb_11643():
    assert xlsx.clean_id_number("11010519491231002x") == "11010519491231002X"
    with pytest.raises(xlsx.CellError):
        xlsx.clean_id_number("110105194912310021")
    with pytest.raises(xlsx.CellError) as bad_date:
        xlsx.clean_id_number("500153197502301234")
    assert bad_date.value.message == identity.BAD_ID_DATE


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("十九", 19),
        ("十", 10),
        ("二十一", 21),
        ("两", 2),
        ("19", 19),
        ("第十九届", None),
    ],
)
def test_chinese_numbers(text, number):
    assert xlsx.chinese_number(text) == number

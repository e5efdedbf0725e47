"""Past commitments from spreadsheets: template, dry run with row-level errors, all-or-nothing,
idempotent, audited as imported from the named file; the pages per role."""

import datetime
import io
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renda.accounts.tests.factories import user_with
from renda.commitments import services, spreadsheets
from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import Commitment, CommitmentCategory, CommitmentYear
from renda.commitments.services import DUE_OUTSIDE_YEAR
from renda.commitments.tests.factories import (
    CategoryFactory,
    CommitmentFactory,
    CommitmentYearFactory,
)
from renda.congresses import selectors as congress_selectors
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core import services as base
from renda.core import xlsx
from renda.core.choices import AuditAction
from renda.core.exceptions import NotFound
from renda.core.identity import id_check_digit
from renda.core.imports import XLSX
from renda.core.models import AuditEntry
from renda.core.testing import counter, frozen_at, xlsx_of
from renda.core.testing import workbook as spreadsheet
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import rongchang, tongliang, town

pytestmark = pytest.mark.django_db

HEADERS = [col.header for col in spreadsheets.PAST_COMMITMENTS.columns]
S = CommitmentStatus
RONGCHANG = "重庆市荣昌区人民代表大会"


def id_number(body: str) -> str:
    return body + id_check_digit(body)


LI_YUAN_ID = id_number("50022619750302123")


frozen = frozen_at("2026-11-22 10:00:00+08:00")


@pytest.fixture
def w():
    rc, tl = rongchang(), tongliang()
    hebao = town("500153116000", "河包镇")
    congress = CongressFactory(region=rc, name=RONGCHANG)
    term = TermFactory(
        congress=congress,
        ordinal=18,
        start=datetime.date(2017, 1, 1),
        end=datetime.date(2021, 12, 31),
    )
    tl_term = TermFactory(
        congress=CongressFactory(region=tl, name="重庆市铜梁区人民代表大会"),
        ordinal=18,
        start=datetime.date(2017, 1, 1),
        end=datetime.date(2021, 12, 31),
    )

    def seat(person, unit, t=term):
        return MandateFactory(
            person=person,
            term=t,
            start=t.start,
            end=t.end,
            end_reason="expiry",
            electoral_unit=unit,
            electoral_region=hebao,
            post="镇党委书记",
        )

    li = seat(PersonFactory(name="黎源", id_number=LI_YUAN_ID), "河包镇第1选区")
    wang_1 = seat(PersonFactory(name="王芳"), "河包镇第2选区")
    wang_2 = seat(PersonFactory(name="王芳"), "直升镇第1选区")
    tl_seat = seat(PersonFactory(name="李铜梁"), "巴川街道第1选区", tl_term)
    return SimpleNamespace(
        rc=rc,
        tl=tl,
        congress=congress,
        term=term,
        li=li,
        wang_1=wang_1,
        wang_2=wang_2,
        tl_seat=tl_seat,
        staff_rc=user_with("staff", region=rc),
        staff_tl=user_with("staff", region=tl),
        deputy=user_with("deputy", person=li.person),
    )


def row(**changes) -> dict:
    """A correct row, by header; pass header=value to change a cell."""
    values = {
        "年度": "2020",
        "所属人大": RONGCHANG,
        "代表姓名": "黎源",
        "身份证号": LI_YUAN_ID,
        "选区/选举单位": None,
        "类别": "联系选民",
        "承诺内容": "全年走访选区选民500人次",
        "目标数量": 500,
        "计量单位": "人次",
        "完成时限": None,
        "办理结果": "已完成",
        "说明": None,
    }
    values.update(changes)
    return values


def rows() -> list[dict]:
    return [
        row(),
        row(
            类别="宣讲政策",
            承诺内容="积极为选区选民宣讲法律、法规及政策",
            目标数量=None,
            计量单位=None,
            办理结果="部分完成",
            说明="受疫情影响，下半年集中宣讲未能开展",
        ),
        row(
            年度=2019,
            代表姓名="王 芳",
            身份证号=None,
            **{"选区/选举单位": "河包镇第2选区"},
            类别="带动发展",
            承诺内容="带动30户农户发展稻虾养殖",
            目标数量=30,
            计量单位="户",
            完成时限=datetime.datetime(2019, 10, 31),
            办理结果="未兑现",
        ),
        row(
            年度="2019年",
            承诺内容="资助困难学生10人",
            类别="关爱帮扶",
            目标数量=10,
            计量单位="人",
            办理结果="已撤销",
            说明="受助学生已纳入教育资助政策",
        ),
    ]


def workbook(data: list[dict], headers: list[str] = HEADERS, title="历年承诺") -> bytes:
    return spreadsheet(data, headers, title)


counts = counter(Commitment, CommitmentYear, CommitmentCategory, AuditEntry)


def run(data, *, dry_run=False, actor="import", file_name="2019-2020年代表承诺.xlsx"):
    return spreadsheets.past_commitments_import(
        actor=actor, file=workbook(data), dry_run=dry_run, file_name=file_name
    )


# --- The template ---------------------------------------------------------------------------


def test_template_has_the_headers_an_instructions_sheet_and_the_results_drop_down():
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.build_workbook(spreadsheets.PAST_COMMITMENTS)))
    sheet = wb["历年承诺"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == 1
    documented = [r[0] for r in wb["说明"].iter_rows(values_only=True)]
    assert all(header in documented for header in HEADERS)
    options = [r[0] for r in wb["选项"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert options == ["已完成", "部分完成", "未完成", "进行中", "已作废", "已撤回"]


def test_the_empty_template_is_refused_as_empty():
    with pytest.raises(xlsx.FileRefused) as refused:
        spreadsheets.past_commitments_import(
            actor="import", file=xlsx.build_workbook(spreadsheets.PAST_COMMITMENTS), dry_run=True
        )
    assert refused.value.message == xlsx.EMPTY_FILE


def test_a_filled_in_template_imports(w):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.build_workbook(spreadsheets.PAST_COMMITMENTS)))
    wb["历年承诺"].append([row().get(h) for h in HEADERS])
    buffer = io.BytesIO()
    wb.save(buffer)
    result = spreadsheets.past_commitments_import(
        actor="import", file=buffer.getvalue(), dry_run=False
    )
    assert result.ok, result.errors
    assert result.created == 1
    assert Commitment.objects.get().status == S.FULFILLED


# --- Importing ------------------------------------------------------------------------------


def test_a_good_file_imports_in_the_recorded_statuses_with_audit_rows(w):
    before = counts()
    checked = run(rows(), dry_run=True)
    assert checked.ok, checked.errors
    assert (checked.rows, checked.created) == (4, 4)
    assert counts() == before  # a dry run writes nothing

    result = run(rows(), actor=w.staff_rc)

    assert result.ok and result.created == 4
    by_title = {c.title: c for c in Commitment.objects.select_related("commitment_year")}
    visits = by_title["全年走访选区选民500人次"]
    assert (visits.status, visits.mandate, visits.person) == (S.FULFILLED, w.li, w.li.person)
    assert visits.target_value == Decimal("500") and visits.target_unit == "人次"
    assert visits.due == datetime.date(2020, 12, 31)
    assert by_title["积极为选区选民宣讲法律、法规及政策"].status == S.PARTLY_FULFILLED
    shrimp = by_title["带动30户农户发展稻虾养殖"]
    assert (shrimp.person, shrimp.status) == (w.wang_1.person, S.UNFULFILLED)
    assert shrimp.due == datetime.date(2019, 10, 31)
    cancelled = by_title["资助困难学生10人"]
    assert (cancelled.status, cancelled.status_note) == (S.CANCELLED, "受助学生已纳入教育资助政策")
    # The years predate the system: opened for the whole year, with the categories named.
    cycle = CommitmentYear.objects.get(congress=w.congress, year=2019)
    assert (cycle.opens, cycle.closes) == (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))
    assert set(cycle.categories.values_list("name", flat=True)) == {"带动发展", "关爱帮扶"}
    assert CommitmentCategory.objects.filter(congress=w.congress).count() == 4
    # Every write is audited as imported, under the staff member, naming the file.
    entries = AuditEntry.objects.filter(action=AuditAction.IMPORT)
    assert entries.filter(content_type__model="commitment").count() == 4
    assert entries.filter(content_type__model="commitmentyear").count() >= 2
    assert entries.filter(content_type__model="commitmentcategory").count() == 4
    assert {e.actor for e in entries} == {w.staff_rc}
    assert {e.note for e in entries} == {"导入历史承诺：2019-2020年代表承诺.xlsx"}
    assert entries.get(object_id=str(visits.pk), content_type__model="commitment").changes[
        "status"
    ] == [None, S.FULFILLED]


def test_importing_the_same_file_again_changes_nothing(w):
    assert run(rows()).created == 4
    before = counts()
    again = run(rows())
    assert again.ok
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert counts() == before


def test_a_corrected_file_updates_the_commitment_audited_from_to(w):
    run(rows())
    corrected = rows()
    corrected[0] = row(办理结果="未完成", 说明="全年走访选民420人次", 类别="办好事实事")
    result = run(corrected, file_name="更正.xlsx")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    visits = Commitment.objects.get(title="全年走访选区选民500人次")
    assert visits.status == S.UNFULFILLED and visits.category.name == "办好事实事"
    entry = AuditEntry.objects.filter(object_id=str(visits.pk), note="导入历史承诺：更正.xlsx")
    assert entry.get(content_type__model="commitment").changes["status"] == [
        S.FULFILLED,
        S.UNFULFILLED,
    ]


def test_the_export_imports_back_unchanged(w):
    run(rows())
    exported = spreadsheets.past_commitments_export(Commitment.objects.all())
    before = counts()
    result = spreadsheets.past_commitments_import(actor=w.staff_rc, file=exported, dry_run=False)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 4)
    assert counts() == before


def test_a_row_of_a_congress_outside_the_staffs_district_is_refused(w):
    before = counts()
    data = [row(), row(所属人大="铜梁区", 代表姓名="李铜梁", 身份证号=None)]
    result = run(data, actor=w.staff_rc)
    assert [str(e) for e in result.errors] == [str(xlsx.RowError(3, "所属人大", base.OUT_OF_SCOPE))]
    assert counts() == before


def _live_commitment(w):
    """A commitment of 2020 still waiting for review."""
    cycle = CommitmentYearFactory(congress=w.congress, year=2020)
    return CommitmentFactory(mandate=w.li, commitment_year=cycle, status=S.SUBMITTED)


def _elsewhere(w):
    """The same title already imported under another congress's seat."""
    town_term = TermFactory(
        congress=CongressFactory(region=town("500153116000", "河包镇"), level=5, name="河包镇人大"),
        ordinal=17,
        start=datetime.date(2017, 1, 1),
        end=datetime.date(2021, 12, 31),
    )
    seat = MandateFactory(
        person=w.li.person,
        term=town_term,
        start=town_term.start,
        end=town_term.end,
        end_reason="expiry",
    )
    cycle = CommitmentYearFactory(congress=town_term.congress, year=2020)
    CommitmentFactory(mandate=seat, commitment_year=cycle, status=S.FULFILLED)


ERRORS = [
    pytest.param({"年度": "去年"}, "年度", spreadsheets.NOT_A_YEAR, None, id="not-a-year"),
    pytest.param({"年度": 2026}, "年度", spreadsheets.NOT_A_PAST_YEAR, None, id="this-year"),
    pytest.param(
        {"所属人大": "某某县人大"},
        "所属人大",
        congress_selectors.CONGRESS_UNKNOWN % {"name": "某某县人大"},
        None,
        id="congress-unknown",
    ),
    pytest.param(
        {"代表姓名": "黎明"},
        "身份证号",
        spreadsheets.ID_OF_SOMEONE_ELSE % {"name": "黎源"},
        None,
        id="id-of-someone-else",
    ),
    pytest.param(
        {"年度": 2016, "完成时限": None},
        "身份证号",
        spreadsheets.NO_SEAT % {"name": "黎源", "congress": RONGCHANG, "year": 2016},
        None,
        id="no-seat-that-year",
    ),
    pytest.param(
        {"代表姓名": "张无名", "身份证号": None},
        "代表姓名",
        spreadsheets.NO_SUCH_DEPUTY % {"name": "张无名", "congress": RONGCHANG, "year": 2020},
        None,
        id="no-such-deputy",
    ),
    pytest.param(
        {"代表姓名": "王芳", "身份证号": None},
        "代表姓名",
        spreadsheets.DEPUTY_AMBIGUOUS % {"name": "王芳", "congress": RONGCHANG, "year": 2020},
        None,
        id="ambiguous-name",
    ),
    pytest.param(
        {"代表姓名": "王芳", "身份证号": None, "选区/选举单位": "河包镇第9选区"},
        "代表姓名",
        spreadsheets.NO_SUCH_DEPUTY_IN_UNIT
        % {"name": "王芳", "congress": RONGCHANG, "year": 2020, "unit": "河包镇第9选区"},
        None,
        id="no-such-unit",
    ),
    pytest.param(
        {"身份证号": "500226197503021230"},
        "身份证号",
        None,
        None,
        id="bad-id-number",
    ),
    pytest.param(
        {"计量单位": None}, "计量单位", spreadsheets.TARGET_WITHOUT_UNIT, None, id="no-unit"
    ),
    pytest.param(
        {"目标数量": None}, "目标数量", spreadsheets.UNIT_WITHOUT_TARGET, None, id="no-target"
    ),
    pytest.param({"目标数量": "很多"}, "目标数量", xlsx.NOT_A_NUMBER, None, id="target-nan"),
    pytest.param(
        {"完成时限": "2021-03-01"},
        "完成时限",
        DUE_OUTSIDE_YEAR % {"year": 2020},
        None,
        id="due-outside-year",
    ),
    pytest.param(
        {"办理结果": "已撤销"}, "说明", spreadsheets.CANCEL_NEEDS_NOTE, None, id="cancel-no-note"
    ),
    pytest.param({"办理结果": "差不多"}, "办理结果", None, None, id="result-unknown"),
    pytest.param({"承诺内容": None}, "承诺内容", xlsx.REQUIRED, None, id="title-missing"),
    pytest.param({"类别": None}, "类别", xlsx.REQUIRED, None, id="category-missing"),
    pytest.param(
        {},
        "",
        spreadsheets.UNDER_WAY % {"status": S.SUBMITTED.label},
        _live_commitment,
        id="under-way",
    ),
    pytest.param(
        {},
        "所属人大",
        spreadsheets.FILED_ELSEWHERE % {"year": 2020, "congress": "河包镇人大"},
        _elsewhere,
        id="filed-elsewhere",
    ),
]


@pytest.mark.parametrize(("changes", "column", "message", "setup"), ERRORS)
def test_each_error_is_listed_by_row_and_column_and_nothing_is_written(
    w, changes, column, message, setup
):
    if setup:
        setup(w)
    before = counts()
    data = [row(承诺内容="协调解决河包镇群众饮水安全问题"), row(**changes)]
    for dry_run in (True, False):
        result = run(data, dry_run=dry_run)
        assert [(e.row, e.column) for e in result.errors] == [(3, column)], result.errors
        if message is not None:
            assert str(result.errors[0].message) == str(message)
        assert not result.written
        assert counts() == before


def test_a_row_given_twice_is_an_error(w):
    result = run([row(), row(办理结果="未完成")])
    assert [str(e) for e in result.errors] == [
        str(xlsx.RowError(3, "承诺内容", spreadsheets.DUPLICATE_ROW % {"row": 2}))
    ]
    assert not Commitment.objects.exists()


def test_wrong_headers_are_refused():
    headers = [h for h in HEADERS if h != "办理结果"] + ["完成情况"]
    with pytest.raises(xlsx.FileRefused) as refused:
        spreadsheets.past_commitments_import(
            actor="import", file=workbook([row()], headers), dry_run=True
        )
    assert "办理结果" in str(refused.value.message)
    assert "完成情况" in str(refused.value.message)


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(xlsx.FileRefused) as refused:
        spreadsheets.past_commitments_import(
            actor="import", file=b"year,name\n2019,x\n", dry_run=True
        )
    assert refused.value.message == xlsx.NOT_XLSX


# --- The import services ----------------------------------------------------------------------


def test_a_past_year_is_opened_for_the_whole_year_audited_as_imported(w):
    cycle = services.commitment_year_import_open(
        actor=w.staff_rc, congress=w.congress, year=2018, file_name="2018.xlsx"
    )
    assert (cycle.opens, cycle.closes) == (datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))
    entry = AuditEntry.objects.get(object_id=str(cycle.pk), content_type__model="commitmentyear")
    assert (entry.action, entry.actor, entry.note) == (
        AuditAction.IMPORT,
        w.staff_rc,
        "导入历史承诺：2018.xlsx",
    )


def test_staff_of_another_district_import_no_year_or_category_and_nothing_is_written(w):
    before = counts()
    with pytest.raises(NotFound):
        services.commitment_year_import_open(actor=w.staff_tl, congress=w.congress, year=2018)
    with pytest.raises(NotFound):
        services.category_import_create(actor=w.staff_tl, congress=w.congress, name="关爱帮扶")
    assert counts() == before


def test_an_imported_category_comes_after_the_congress_categories(w):
    CategoryFactory(congress=w.congress, name="联系选民", order=7)
    category = services.category_import_create(actor="import", congress=w.congress, name="关爱帮扶")
    assert (category.name, category.order) == ("关爱帮扶", 8)


def test_a_category_offered_in_a_past_year_is_added_once_and_audited_once(w):
    cycle = CommitmentYearFactory(congress=w.congress, year=2018, categories=["联系选民"])
    category = CategoryFactory(congress=w.congress, name="关爱帮扶")
    before = AuditEntry.objects.count()
    for _ in range(2):
        services.commitment_year_import_category(actor="import", cycle=cycle, category=category)
    assert set(cycle.categories.values_list("name", flat=True)) == {"联系选民", "关爱帮扶"}
    assert AuditEntry.objects.count() == before + 1


# --- The pages ----------------------------------------------------------------------------------

URL = "commitment_history:import"


@pytest.mark.parametrize("name", [URL, "commitment_history:template", "commitment_history:export"])
def test_a_deputy_may_not_open_the_pages(client, w, name):
    client.force_login(w.deputy)
    assert client.get(reverse(name)).status_code == 403
    before = counts()
    upload = SimpleUploadedFile("a.xlsx", workbook([row()], HEADERS, "历年承诺"), content_type=XLSX)
    assert client.post(reverse(URL), {"file": upload}).status_code == 403
    assert counts() == before


def test_staff_of_another_district_cannot_import_its_commitments(client, w, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client.force_login(w.staff_tl)
    assert client.get(reverse(URL)).status_code == 200
    before = counts()
    upload = SimpleUploadedFile(
        "荣昌.xlsx", workbook([row()], HEADERS, "历年承诺"), content_type=XLSX
    )
    checked = client.post(reverse(URL), {"file": upload})
    assert checked.status_code == 400
    assert [(e.row, e.column) for e in checked.context["result"].errors] == [(2, "所属人大")]
    assert checked.context["token"] is None
    assert counts() == before
    # …nor read them in an export.
    run(rows())
    exported = client.get(reverse("commitment_history:export")).content
    cells = {c.value for r in openpyxl.load_workbook(io.BytesIO(exported)).active for c in r}
    assert "黎源" not in cells


def test_rightful_staff_check_then_confirm_and_the_audit_names_the_file(
    client, w, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    client.force_login(w.staff_rc)
    page = client.get(reverse(URL))
    assert page.status_code == 200
    assert reverse("commitment_history:template") in page.content.decode()
    assert xlsx_of(client.get(reverse("commitment_history:template")))
    before = counts()

    upload = SimpleUploadedFile(
        "2019-2020年承诺.xlsx", workbook(rows(), HEADERS, "历年承诺"), content_type=XLSX
    )
    checked = client.post(reverse(URL), {"file": upload})
    assert checked.status_code == 200, checked.context["result"].errors
    assert checked.context["result"].created == 4
    assert counts() == before
    confirmed = client.post(reverse(URL), {"confirm": checked.context["token"]})

    assert confirmed.status_code == 302
    assert Commitment.objects.count() == 4
    notes = set(
        AuditEntry.objects.filter(content_type__model="commitment").values_list("note", flat=True)
    )
    assert notes == {"导入历史承诺：2019-2020年承诺.xlsx"}
    exported = client.get(reverse("commitment_history:export"))
    sheet = xlsx_of(exported)["历年承诺"]
    assert sheet.max_row == 5

"""The commitments' spreadsheets: past commitments (往年承诺) in and out, and the statistics export.

Past commitments. Rongchang's commitments go back to 2017, years before this system; the offices
kept them in Excel. One row is one commitment of one deputy in one year, with its recorded
result. The import runs on `core.xlsx.Importer`, like the roster's (`stations/roster.py`):

- a template with an 说明 sheet; a dry run listing every row's errors (row, column, message);
  all-or-nothing in one transaction; idempotent: a commitment is found by person + year +
  title, so the same file imported again changes nothing, and an export imports back unchanged;
- the person is found by ID card number, else by name among the deputies who held a seat in
  the named congress that year (narrowed by the electoral unit when names repeat); the
  commitment is filed under that seat;
- only past years: the current year's commitments are made and reviewed in the system;
- a past year's commitments skip the live review, so they are written in their recorded final
  status by the import services in `services.py`, never silently: each gets an audit row
  (action "import") whose note names the file. A missing commitment year (the window: the
  whole year) and missing categories of that congress are created the same way;
- staff import for the congresses they keep (CHANGE scope); a row of another congress is a
  row error.

The pages (upload → check → confirm, template, export) are in `views.py`, at
/manage/commitments/history/.

Statistics. The published figures (数读, `selectors.yearly_figures`) as the office files them.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl.styles import Alignment

from renda.commitments import services
from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import Commitment, CommitmentCategory, CommitmentYear
from renda.commitments.selectors import YearFigures
from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress
from renda.congresses.selectors import congress_column, find_congress
from renda.core import xlsx
from renda.people.models import Mandate, Person
from renda.regions.models import Region
from renda.regions.spreadsheets import RegionLookup

# --- Past commitments: messages ---------------------------------------------------------------

NOT_A_YEAR = _("Write the year as four digits, such as 2019.")
NOT_A_PAST_YEAR = _(
    "Only past years can be imported; this year's commitments are made and reviewed in the system."
)
ID_OF_SOMEONE_ELSE = _("This ID card number belongs to %(name)s.")
NO_SEAT = _("%(name)s held no seat in %(congress)s in %(year)s.")
NO_SUCH_DEPUTY = _("No deputy called %(name)s held a seat in %(congress)s in %(year)s.")
NO_SUCH_DEPUTY_IN_UNIT = _(
    "No deputy called %(name)s held a seat of the electoral unit %(unit)s in %(congress)s in "
    "%(year)s."
)
DEPUTY_AMBIGUOUS = _(
    "Several deputies called %(name)s held a seat in %(congress)s in %(year)s; give the ID "
    "card number or the electoral unit."
)
TARGET_WITHOUT_UNIT = _("Give the unit of the target, such as 人次, 亩 or 户.")
UNIT_WITHOUT_TARGET = _("Give the target number that goes with the unit.")
CANCEL_NEEDS_NOTE = _("Say why the commitment was cancelled.")
DUPLICATE_ROW = _("Row %(row)s already holds this commitment of this deputy for this year.")
FILED_ELSEWHERE = _(
    "This deputy's commitment of that title for %(year)s is filed under %(congress)s."
)
UNDER_WAY = _("This commitment is being handled in the system (%(status)s); change it there.")

# --- Past commitments: the table ------------------------------------------------------------

S = CommitmentStatus
# The results an office records, and the statuses they stand for. "进行中" is a commitment
# that passed review but was never closed (Rongchang's 2020 figures were "so far").
RESULTS = {  # the label first, then other ways offices write it
    S.FULFILLED: ("已完成", "完成", "已兑现", "兑现", "已落实"),
    S.PARTLY_FULFILLED: ("部分完成", "部分兑现", "基本完成", "部分落实"),
    S.UNFULFILLED: ("未完成", "未兑现", "没有完成", "未落实"),
    S.APPROVED: ("进行中", "办理中", "正在办理", "已审核", "未办结"),
    S.CANCELLED: ("已作废", "撤销", "已撤销", "作废", "取消", "已取消"),
    S.WITHDRAWN: ("已撤回", "撤回"),
}
# What an import may set, and so what it may change again on a later import.
IMPORTABLE = tuple(RESULTS)


def _year(text: str) -> int:
    m = re.fullmatch(r"(\d{4})年?(度)?", xlsx.normalise(text))
    if not m or not 2000 <= int(m.group(1)) <= 2100:
        raise xlsx.CellError(NOT_A_YEAR)
    return int(m.group(1))


PAST_COMMITMENTS = xlsx.Table(
    sheet_title="历年承诺",
    columns=(
        xlsx.TextColumn(
            key="year",
            header="年度",
            required=True,
            width=8,
            empty=None,
            clean=_year,
            fmt="四位数年份，如 2019",
            example="2019",
            help="只能导入往年的承诺；本年度的承诺由代表在系统中提出、经审核后公开。",
        ),
        congress_column(
            example="重庆市荣昌区人民代表大会",
            help="代表在哪一级人大亮的承诺；承诺归入代表在该人大当年的代表资格，"
            "由该人大审核统计。写“荣昌区”“荣昌区人大”亦可。",
        ),
        xlsx.NameColumn(key="name", header="代表姓名", required=True, example="黎源"),
        xlsx.IdNumberColumn(
            key="id_number",
            header="身份证号",
            example="500226197503021232",
            help="用于识别代表。没有身份证号的，按姓名在当年该人大的代表中查找；"
            "重名时请填身份证号或“选区/选举单位”。",
        ),
        xlsx.TextColumn(
            key="electoral_unit",
            header="选区/选举单位",
            max_length=100,
            width=18,
            example="河包镇第1选区",
            help="选填；代表重名时用于区分，须与代表名册中的选区一致。",
        ),
        xlsx.TextColumn(
            key="category",
            header="类别",
            required=True,
            max_length=50,
            width=12,
            example="联系选民",
            help="如 联系选民、带动发展、宣讲政策、办好事实事、关爱帮扶；"
            "该人大还没有的类别导入时自动建立。",
        ),
        xlsx.TextColumn(
            key="title",
            header="承诺内容",
            required=True,
            max_length=200,
            width=40,
            example="全年走访选区选民500人次",
            help="同一代表同一年度内承诺内容不能重复：再次导入时按“代表＋年度＋承诺内容”"
            "找到已有的承诺，相同的不变，不同的更新。",
        ),
        xlsx.DecimalColumn(
            key="target_value",
            header="目标数量",
            minimum=Decimal("0.01"),
            maximum=Decimal("9999999999"),
            places=2,
            number_format="General",
            width=10,
            fmt="数字，如 500；须同时填写计量单位",
            example="500",
        ),
        xlsx.TextColumn(
            key="target_unit",
            header="计量单位",
            max_length=20,
            width=10,
            fmt="如 人次、亩、户、场、万元、人",
            example="人次",
        ),
        xlsx.DateColumn(
            key="due",
            header="完成时限",
            example="2019-12-31",
            help="留空即为该年12月31日；须在该年度内。",
        ),
        xlsx.ChoiceColumn(
            key="status",
            header="办理结果",
            required=True,
            spellings=RESULTS,
            width=10,
            example="已完成",
            help="已完成、部分完成、未完成为年终评定结果；进行中指审核通过但未评定；"
            "已作废须在“说明”中写明原因；已撤回指代表在审核前撤回。"
            "统计完成率时，部分完成按未完成计，已作废、已撤回不计入。",
        ),
        xlsx.TextColumn(
            key="note",
            header="说明",
            max_length=500,
            width=30,
            example="",
            help="办理情况或未完成、作废的原因；作废的必填。",
        ),
    ),
    notes=(
        "一行是一名代表在一个年度的一条承诺；同一代表的多条承诺分多行填写。",
        "代表按身份证号识别，没有身份证号的按姓名（及选区）在当年该人大的代表中查找；"
        "代表须已在代表名册中。",
        "往年的承诺不再经过审核流程，按“办理结果”直接记入，并留有导入记录（哪个文件、谁导入）。",
        "该人大没有当年承诺年度的，导入时自动建立（整年为提交期）。",
    ),
)


# --- Past commitments: export ----------------------------------------------------------------


def past_commitments_rows(commitments) -> list[dict]:
    """The table's rows for `commitments`, by column key: they import back unchanged."""
    rows = []
    qs = commitments.filter(status__in=IMPORTABLE).select_related(
        "person", "mandate", "mandate__congress", "commitment_year", "category"
    )
    for c in qs.order_by("commitment_year__year", "mandate__congress__level", "person", "pk"):
        rows.append(
            {
                "year": c.commitment_year.year,
                "congress": c.mandate.congress.name,
                "name": c.person.name,
                "id_number": c.person.id_number,
                "electoral_unit": c.mandate.electoral_unit,
                "category": c.category.name,
                "title": c.title,
                "target_value": c.target_value,
                "target_unit": c.target_unit,
                "due": c.due,
                "status": c.status,
                "note": c.status_note,
            }
        )
    return rows


def past_commitments_export(commitments) -> bytes:
    """Past commitments in the template's layout. Holds ID card numbers: for staff only."""
    return xlsx.build_workbook(PAST_COMMITMENTS, past_commitments_rows(commitments))


# --- Past commitments: import ----------------------------------------------------------------


@dataclass(kw_only=True)
class PastCommitmentPlan(xlsx.RowPlan):
    """What one row will write; `record` is the deputy's commitment of that year and title."""

    mandate: Mandate
    year_key: tuple[int, int]  # (congress pk, year)
    category_name: str
    data: dict


class PastCommitmentsImporter(xlsx.Importer[PastCommitmentPlan]):
    """One row is one commitment of one deputy in one past year, with its recorded result."""

    table = PAST_COMMITMENTS

    def __init__(self, *, actor, file_name: str):
        super().__init__(actor=actor)
        self.file_name = file_name
        self.this_year = timezone.localdate().year
        self.regions = RegionLookup()

    # --- Lookups ------------------------------------------------------------------------

    def congress(self, text: str) -> Congress:
        congress = self.remember(("congress", text), lambda: find_congress(text, self.regions))
        return self.ensure_allowed(congress)

    def seats(self, congress: Congress, year: int) -> list[Mandate]:
        """The congress's seats held at some time in `year`, the later ones first."""
        return self.remember(
            ("seats", congress.pk, year),
            lambda: list(
                Mandate.objects.filter(congress=congress, start__lte=datetime.date(year, 12, 31))
                .filter(Q(end__isnull=True) | Q(end__gte=datetime.date(year, 1, 1)))
                .select_related("person", "congress")
                .order_by("-start", "-pk")
            ),
        )

    def seat(self, v: dict, congress: Congress) -> Mandate:
        """The seat a row names; a `CellError` names the column that does not fit."""
        name, year, unit = v["name"], v["year"], xlsx.normalise(v["electoral_unit"])
        names = {"congress": congress.name, "year": year, "name": name}
        seats = self.seats(congress, year)
        if v["id_number"]:
            person = Person.objects.filter(id_number=v["id_number"]).first()
            if person is not None and person.name != name:
                raise xlsx.CellError(ID_OF_SOMEONE_ELSE % {"name": person.name}, "id_number")
            held = [m for m in seats if person is not None and m.person_id == person.pk]
            if not held:
                raise xlsx.CellError(NO_SEAT % names, "id_number")
            return held[0]
        found = [m for m in seats if m.person.name == name]
        if unit:
            found = [m for m in found if xlsx.normalise(m.electoral_unit) == unit]
        people = {m.person_id for m in found}
        if not people:
            message = NO_SUCH_DEPUTY_IN_UNIT if unit else NO_SUCH_DEPUTY
            raise xlsx.CellError(message % {**names, "unit": v["electoral_unit"]}, "name")
        if len(people) > 1:
            raise xlsx.CellError(DEPUTY_AMBIGUOUS % names, "name")
        return found[0]

    # --- Checking -----------------------------------------------------------------------

    def check_row(self, row: xlsx.ParsedRow) -> PastCommitmentPlan | None:
        v, n = row.values, row.number
        if v["year"] >= self.this_year:
            self.error(n, "year", NOT_A_PAST_YEAR)
        congress = None
        with self.cell(n, "congress"):
            congress = self.congress(v["congress"])
        if v["target_value"] is not None and not v["target_unit"]:
            self.error(n, "target_unit", TARGET_WITHOUT_UNIT)
        if v["target_unit"] and v["target_value"] is None:
            self.error(n, "target_value", UNIT_WITHOUT_TARGET)
        due = v["due"] or datetime.date(v["year"], 12, 31)
        if due.year != v["year"]:
            self.error(n, "due", services.DUE_OUTSIDE_YEAR % {"year": v["year"]})
        if v["status"] == S.CANCELLED and not v["note"]:
            self.error(n, "note", CANCEL_NEEDS_NOTE)
        mandate = None
        if congress is not None and not self.row_failed:
            with self.cell(n, None):
                mandate = self.seat(v, congress)
        if self.row_failed:
            return None
        title = v["title"].strip()
        if first := self.earlier_row((mandate.person_id, v["year"], title), n):
            self.error(n, "title", DUPLICATE_ROW % {"row": first})
            return None
        return PastCommitmentPlan(
            row=n,
            mandate=mandate,
            year_key=(congress.pk, v["year"]),
            category_name=re.sub(r"\s+", "", v["category"]),
            data={
                "title": title,
                "target_value": v["target_value"],
                "target_unit": v["target_unit"],
                "due": due,
                "status": v["status"],
                "status_note": v["note"],
            },
        )

    def check_plans(self, plans: list[PastCommitmentPlan]) -> None:
        """Compare each row with what is on record: the years, categories and commitments the
        rows name, loaded in three queries."""
        congress_ids = {p.mandate.congress_id for p in plans}
        self.years = {
            (y.congress_id, y.year): y
            for y in CommitmentYear.objects.filter(congress_id__in=congress_ids).prefetch_related(
                "categories"
            )
        }
        self.categories = {
            (c.congress_id, c.name): c
            for c in CommitmentCategory.objects.filter(congress_id__in=congress_ids)
        }
        people = {p.mandate.person_id for p in plans}
        years = {p.year_key[1] for p in plans}
        self.commitments = {
            (c.person_id, c.commitment_year.year, c.title): c
            for c in Commitment.objects.filter(
                person_id__in=people, commitment_year__year__in=years
            ).select_related("commitment_year", "category", "mandate__congress")
        }
        for plan in plans:
            self._match(plan)

    def _match(self, plan: PastCommitmentPlan) -> None:
        """Compare a row with the commitment on record, if any."""
        congress_id, year = plan.year_key
        found = self.commitments.get((plan.mandate.person_id, year, plan.data["title"]))
        if found is None:
            return
        if found.mandate.congress_id != congress_id:
            self.error(
                plan.row,
                "congress",
                FILED_ELSEWHERE % {"year": year, "congress": found.mandate.congress.name},
            )
            return
        if found.status not in IMPORTABLE:
            self.error(plan.row, None, UNDER_WAY % {"status": found.get_status_display()})
            return
        plan.record = found
        wanted = {k: w for k, w in plan.data.items() if k != "title"}
        category = self.categories.get((congress_id, plan.category_name))
        plan.changes = xlsx.changed_fields(found, wanted)
        if category is None or category.pk != found.category_id:
            plan.changes["category"] = category  # None: created before the update is written

    # --- Writing ----------------------------------------------------------------------

    def write_plan(self, plan: PastCommitmentPlan) -> None:
        cycle = self._year(plan)
        category = self._category(plan, cycle)
        if plan.new:
            services.commitment_import_create(
                actor=self.actor,
                mandate=plan.mandate,
                cycle=cycle,
                category=category,
                title=plan.data["title"],
                status=plan.data["status"],
                due=plan.data["due"],
                target_value=plan.data["target_value"],
                target_unit=plan.data["target_unit"],
                note=plan.data["status_note"],
                file_name=self.file_name,
            )
        elif plan.changes:
            changes = dict(plan.changes)
            if "category" in changes:
                changes["category"] = category
            services.commitment_import_update(
                actor=self.actor, commitment=plan.record, file_name=self.file_name, **changes
            )

    def _year(self, plan: PastCommitmentPlan) -> CommitmentYear:
        """The congress's commitment year; a year before the system is opened as a whole."""
        if plan.year_key not in self.years:
            self.years[plan.year_key] = services.commitment_year_import_open(
                actor=self.actor,
                congress=plan.mandate.congress,
                year=plan.year_key[1],
                file_name=self.file_name,
            )
        return self.years[plan.year_key]

    def _category(self, plan: PastCommitmentPlan, cycle: CommitmentYear) -> CommitmentCategory:
        """The congress's category of that name, created when new, and offered in the year."""
        key = (plan.year_key[0], plan.category_name)
        if key not in self.categories:
            self.categories[key] = services.category_import_create(
                actor=self.actor,
                congress=plan.mandate.congress,
                name=plan.category_name,
                file_name=self.file_name,
            )
        category = self.categories[key]
        services.commitment_year_import_category(
            actor=self.actor, cycle=cycle, category=category, file_name=self.file_name
        )
        return category


def past_commitments_import(
    *, actor, file, dry_run: bool, file_name: str = ""
) -> xlsx.ImportResult:
    """Check every row of an uploaded file of past commitments, then (unless `dry_run`, and
    only if no row has an error) write them all in one transaction, each audited as imported
    from `file_name`.

    `actor` is a User (limited to the congresses they keep) or a string naming a system actor.
    Raises `xlsx.FileRefused` for a file that cannot be read as this table at all."""
    file_name = file_name or getattr(file, "name", "")
    return PastCommitmentsImporter(actor=actor, file_name=file_name).run(file, dry_run=dry_run)


# --- Statistics: the export -------------------------------------------------------------------

# The definition as one sentence, under the table as the figures are published; the page shows
# the same definition as a translated msgid (`views.STATISTICS_DEFINITION`). Keep them in step.
DEFINITION_ZH = (
    "口径：承诺条数为当年经审核公示且未作废的承诺（已公示、已完成、部分完成、未完成），"
    "不含草稿、待审核、退回修改、本人撤回和已作废的承诺；已完成仅指状态为“已完成”的承诺，"
    "部分完成不计为完成；完成率 = 已完成条数 ÷ 承诺条数 × 100%，四舍五入保留一位小数；"
    "年度未结束或尚有承诺未作结论时为“目前完成率”。作出承诺代表数按人计，一人多级只计一次。"
)
STATISTICS_HEADERS = ("年度", "作出承诺代表数", "承诺条数", "已完成", "完成率（%）", "说明")
LEVEL_ZH = {
    CongressLevel.NATIONAL: "全国人大代表",
    CongressLevel.PROVINCIAL: "省级人大代表",
    CongressLevel.CITY: "设区的市人大代表",
    CongressLevel.COUNTY: "县级人大代表",
    CongressLevel.TOWN: "乡镇人大代表",
}


def statistics_workbook(region: Region, level: int | None, rows: list[YearFigures]) -> bytes:
    """The table as the office files it: a title row, the headers, a row per year, and the
    definition of the rate in a note row below."""
    scope = LEVEL_ZH[level] if level else "各级人大代表（一人多级只计一次）"
    title = f"{region.name}人大代表履职承诺统计（{scope}）"
    wb, ws = xlsx.report_sheet("亮承诺数读", title, STATISTICS_HEADERS)
    for r in rows:
        ws.append(
            [
                r.year,
                r.deputies,
                r.commitments,
                r.fulfilled,
                None if r.rate is None else float(r.rate),
                "目前完成率" if r.so_far else "",
            ]
        )
        ws.cell(row=ws.max_row, column=5).number_format = "0.0"
    ws.append([])
    ws.append([DEFINITION_ZH])
    note_row = ws.max_row
    ws.merge_cells(
        start_row=note_row, start_column=1, end_row=note_row, end_column=len(STATISTICS_HEADERS)
    )
    ws.cell(row=note_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[note_row].height = 90
    return xlsx.report_bytes(wb, ws, (10, 18, 12, 12, 14, 14))

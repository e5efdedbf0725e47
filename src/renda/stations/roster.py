"""The deputy roster (代表名册) as offices keep it in Excel: template, export and import.

One row is one mandate: the person, the congress and term, the electoral unit, post and work
unit, deputy groups and stations. The import is all-or-nothing and idempotent:

- a person is found by ID card number, else by name + date of birth; a blank ID card number or
  date of birth never clears the one on record, since they are how the person is found;
- a mandate is found by person + term;
- groups and stations are added, never removed: leaving someone out of a cell is not a
  decision to end a membership, which is made on its own page;
- every row is checked before anything is written; the writes run in one transaction through
  the people and stations services, so each change is audited under the importing actor.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.congresses.models import Congress, Term
from renda.congresses.selectors import congress_column, find_congress
from renda.core import identity, xlsx
from renda.core.numerals import chinese_ordinal
from renda.people.choices import Education, Gender, Party
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.people.services import (
    MANDATE_START_OUTSIDE_TERM,
    group_member_add,
    mandate_create,
    mandate_update,
    person_create,
    person_update,
)
from renda.regions.spreadsheets import RegionLookup
from renda.stations.choices import AssignmentRole
from renda.stations.models import Station, StationAssignment
from renda.stations.services import assignment_create, assignment_end

# --- Messages -------------------------------------------------------------------------------

CONGRESS_NOT_THIS = _("Only deputies of %(congress)s can be imported here.")
NOT_A_TERM = _("Write the term as a number, such as 第十九届 or 19.")
TERM_UNKNOWN = _("%(congress)s has no %(term)s; create the term first.")
NEED_ID_OR_BIRTH = _(
    "Give the ID card number or the date of birth, so the person is recognised on the next import."
)
BIRTH_NOT_ID = _("The date of birth differs from the one in the ID card number (%(date)s).")
GENDER_NOT_ID = _("The gender differs from the one the ID card number shows.")
PERSON_AMBIGUOUS = _(
    "Several people called %(name)s were born on %(date)s; give the ID card number."
)
ID_TWICE = _("Row %(row)s gives the same ID card number to someone else.")
PERSON_ROWS_DIFFER = _(
    "Row %(row)s describes the same person with other details; make the two rows agree."
)
DUPLICATE_ROW = _("Row %(row)s already holds this person's seat in this term.")
GROUP_UNKNOWN = _("%(congress)s has no deputy group called “%(name)s”.")
STATION_UNKNOWN = _("No station is called “%(name)s”.")
STATION_AMBIGUOUS = _(
    "Several stations are called “%(name)s”; write it with its region, such as 昌元街道/%(name)s."
)
LISTED_TWICE = _("“%(name)s” is listed twice.")
HEAD_WITHOUT_STATION = _("A station head needs a station in the column %(column)s.")
STATION_HAS_HEAD = _("%(station)s already has a head: %(name)s.")
HEAD_TWICE = _("Row %(row)s already makes someone else the head of %(station)s.")
MANDATE_ENDED = _("This mandate has ended; it can join no group or station.")

# --- Labels as the roster writes them ---------------------------------------------------------

GENDERS = {Gender.MALE: ("男", "男性"), Gender.FEMALE: ("女", "女性")}
PARTIES = {  # the label first, then other ways offices write it
    Party.CPC: ("中共党员", "中国共产党党员", "党员", "中共"),
    Party.CPC_PROBATIONARY: ("中共预备党员", "预备党员"),
    Party.CYL: ("共青团员", "团员", "共青团"),
    Party.RCCK: ("民革党员", "民革", "民革会员"),
    Party.CDL: ("民盟盟员", "民盟"),
    Party.CNDCA: ("民建会员", "民建"),
    Party.CAPD: ("民进会员", "民进"),
    Party.CPWDP: ("农工党党员", "农工党"),
    Party.ZGZGD: ("致公党党员", "致公党"),
    Party.JS: ("九三学社社员", "九三学社"),
    Party.TDSGL: ("台盟盟员", "台盟"),
    Party.NONE: ("无党派人士", "无党派"),
    Party.MASSES: ("群众",),
}
EDUCATIONS = {  # the label first, then other ways offices write it
    Education.PRIMARY: ("小学",),
    Education.JUNIOR: ("初中",),
    Education.SENIOR: ("高中（中专）", "高中", "中专", "中技", "技校", "职高", "高中(中专)"),
    Education.COLLEGE: ("大专", "专科", "大学专科"),
    Education.BACHELOR: ("大学本科", "本科", "大学"),
    Education.MASTER: ("硕士研究生", "研究生", "硕士"),
    Education.DOCTOR: ("博士研究生", "博士"),
}
# GB 3304 order; one string reads better than 56 lines of a list.
ETHNICITIES = (  # noqa: SIM905
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 "
    "哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 "
    "柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 "
    "塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 "
    "鄂伦春族 赫哲族 门巴族 珞巴族 基诺族"
).split()


def _term_ordinal(text: str) -> int:
    m = re.fullmatch(r"第?(.+?)届?", xlsx.normalise(text))
    number = xlsx.chinese_number(m.group(1)) if m else None
    if not number:
        raise xlsx.CellError(NOT_A_TERM)
    return number


ROSTER = xlsx.Table(
    sheet_title="代表名册",
    columns=(
        xlsx.NameColumn(key="name", header="姓名", required=True, example="张三"),
        xlsx.ChoiceColumn(
            key="gender",
            header="性别",
            required=True,
            spellings=GENDERS,
            example="男",
            width=8,
        ),
        xlsx.ChoiceColumn(
            key="ethnicity",
            header="民族",
            required=True,
            spellings={e: (e, e[:-1]) for e in ETHNICITIES},  # 汉族, or 汉 without 族
            width=10,
            example="汉族",
            fmt="从下拉列表中选择，“汉”亦可",
        ),
        xlsx.DateColumn(
            key="birth_date",
            header="出生日期",
            example="1975-03-02",
            help="填了身份证号的可以不填，按身份证号取得；两者都填时须一致。",
        ),
        xlsx.IdNumberColumn(
            key="id_number",
            header="身份证号",
            example="500153197503021232",
            help="用于识别人员：有身份证号的按身份证号，没有的按姓名加出生日期。"
            "留空不会清除系统中已有的身份证号。",
        ),
        xlsx.ChoiceColumn(
            key="party",
            header="政治面貌",
            spellings=PARTIES,
            width=14,
            example="中共党员",
        ),
        xlsx.ChoiceColumn(
            key="education",
            header="文化程度",
            spellings=EDUCATIONS,
            width=12,
            example="大学本科",
        ),
        xlsx.PhoneColumn(
            key="phone",
            header="手机号码",
            example="13800138000",
            help="不公开；代表同意后才在公开页面显示。",
        ),
        congress_column(
            example="荣昌区人民代表大会",
            help="须是系统中已建立的人大；写“荣昌区”“荣昌区人大”亦可。",
        ),
        xlsx.TextColumn(
            key="term",
            header="届次",
            required=True,
            width=10,
            empty=None,
            clean=_term_ordinal,
            show=lambda n: f"第{chinese_ordinal(n)}届",
            fmt="第几届，如 第十九届、十九、19",
            example="第十九届",
            help="须是该人大在系统中已建立的届次。",
        ),
        xlsx.DateColumn(
            key="start",
            header="当选日期",
            example="2021-12-28",
            help="留空即为本届开始之日；补选的代表填补选当选之日。",
        ),
        xlsx.TextColumn(
            key="electoral_unit",
            header="选区/选举单位",
            max_length=100,
            width=20,
            example="昌元街道第3选区",
        ),
        xlsx.TextColumn(
            key="electoral_region",
            header="选区所在镇街",
            width=16,
            fmt="镇街名称，或12位区划代码；重名时写“区县/镇街”",
            example="昌元街道",
        ),
        xlsx.TextColumn(key="post", header="职务", max_length=100, width=20, example="党委书记"),
        xlsx.TextColumn(
            key="work_unit",
            header="工作单位",
            max_length=100,
            width=24,
            example="荣昌区昌元街道办事处",
        ),
        xlsx.TextColumn(
            key="groups",
            header="所在代表小组",
            width=20,
            fmt="代表小组名称，多个用“、”隔开",
            example="昌元代表小组",
            help="须是该人大在系统中已建立的代表小组。只增不减：未列出的不会移出。",
        ),
        xlsx.TextColumn(
            key="stations",
            header="进站站点",
            width=24,
            fmt="站点名称，多个用“、”隔开；重名时写“镇街/站点名称”",
            example="昌元街道人大代表之家",
            help="须是系统中已建立的站点。只增不减：未列出的不会移出。",
        ),
        xlsx.yes_no_column(
            key="head", header="是否站长", help="填“是”表示担任“进站站点”中第一个站点的站长。"
        ),
    ),
    notes=(
        "一行是一名代表在一届人大中的代表资格；同一人同时是几级代表的，每级一行，个人信息须一致。",
        "人员按身份证号识别，没有身份证号的按姓名加出生日期识别；代表资格按“人员＋届次”识别，"
        "已有的更新，没有的新增。",
        "所属人大、届次、代表小组、进站站点须先在系统中建立。",
    ),
)


# --- Export -----------------------------------------------------------------------------------


def _export_mandates(items: QuerySet) -> QuerySet:
    if items.model is Person:
        mandates = Mandate.objects.filter(person__in=items).current()
    else:
        mandates = items
    return (
        mandates.select_related(
            "person", "congress", "congress__region", "term", "electoral_region"
        )
        .prefetch_related(
            Prefetch(
                "group_memberships",
                queryset=GroupMembership.objects.select_related("group").order_by("group__name"),
            ),
            Prefetch(
                "station_assignments",
                queryset=StationAssignment.objects.filter(end__isnull=True)
                .select_related("station", "station__region")
                .order_by("role", "station__name", "pk"),  # "head" sorts before "member"
                to_attr="open_assignments",
            ),
        )
        .order_by(
            "congress__level",
            "congress__region__code",
            "term__ordinal",
            "person__stroke_key",
            "person__name",
            "pk",
        )
    )


class _Labels:
    """How an export names stations and regions so the import finds them again."""

    def __init__(self):
        self.regions = RegionLookup()
        self._stations: dict[int, str] = {}

    def station(self, station: Station) -> str:
        if station.pk not in self._stations:
            if Station.objects.filter(name=station.name).count() == 1:
                self._stations[station.pk] = station.name
            else:
                self._stations[station.pk] = f"{self.regions.label(station.region)}/{station.name}"
        return self._stations[station.pk]


def roster_rows(items: QuerySet) -> list[dict]:
    """The roster's rows for mandates (or people: their current mandates), by column key."""
    labels = _Labels()
    rows = []
    for m in _export_mandates(items):
        p = m.person
        assignments = m.open_assignments
        rows.append(
            {
                "name": p.name,
                "gender": p.gender,
                "ethnicity": p.ethnicity,
                "birth_date": p.birth_date,
                "id_number": p.id_number,
                "party": p.party,
                "education": p.education,
                "phone": p.phone,
                "congress": m.congress.name,
                "term": m.term.ordinal,
                "start": None if m.start == m.term.start else m.start,
                "electoral_unit": m.electoral_unit,
                "electoral_region": labels.regions.label(m.electoral_region),
                "post": m.post,
                "work_unit": m.work_unit,
                "groups": "、".join(
                    gm.group.name
                    for gm in m.group_memberships.all()
                    if gm.group.congress_id == m.congress_id
                ),
                "stations": "、".join(labels.station(a.station) for a in assignments),
                "head": bool(assignments) and assignments[0].role == AssignmentRole.HEAD,
            }
        )
    return rows


def roster_export(items: QuerySet) -> bytes:
    """A roster workbook of the given mandates, or of the given people's current mandates,
    in the template's layout: it imports again unchanged. Holds ID card numbers and private
    phone numbers: for staff only."""
    return xlsx.build_workbook(ROSTER, roster_rows(items))


# --- Import -----------------------------------------------------------------------------------


@dataclass(kw_only=True)
class RosterPlan(xlsx.RowPlan):
    """What one row will write: the person, the seat, groups joined, stations' roles."""

    term: Term
    person: Person | None
    person_key: tuple
    person_data: dict
    person_changes: dict
    mandate: Mandate | None
    mandate_data: dict
    mandate_changes: dict
    groups_add: list[DeputyGroup] = field(default_factory=list)
    assign_end: list[StationAssignment] = field(default_factory=list)
    assign_create: list[tuple[Station, str]] = field(default_factory=list)

    @property
    def new(self) -> bool:
        return self.mandate is None

    @property
    def changed(self) -> bool:
        return bool(
            self.person_changes
            or self.mandate_changes
            or self.groups_add
            or self.assign_end
            or self.assign_create
        )


class RosterImporter(xlsx.Importer[RosterPlan]):
    """One row is one mandate: the person, the seat, its groups and stations."""

    table = ROSTER

    def __init__(self, *, actor, congress_scope: Congress | None = None):
        super().__init__(actor=actor)
        self.scope = congress_scope
        self.today = timezone.localdate()
        self.regions = RegionLookup()
        self.people_rows: dict[tuple, tuple[int, dict]] = {}
        self.ids_in_file: dict[str, tuple[int, tuple]] = {}
        self.head_claims: dict[int, tuple[int, RosterPlan]] = {}
        self.created_people: dict[tuple, Person] = {}

    # --- Lookups ------------------------------------------------------------------------

    def congress(self, text: str) -> Congress:
        congress = self.remember(("congress", text), lambda: find_congress(text, self.regions))
        if self.scope is not None and congress.pk != self.scope.pk:
            raise xlsx.CellError(CONGRESS_NOT_THIS % {"congress": self.scope.name})
        return self.ensure_allowed(congress)

    def term(self, congress: Congress, ordinal: int) -> Term:
        term = self.remember(
            ("term", congress.pk, ordinal),
            lambda: (
                Term.objects.filter(congress=congress, ordinal=ordinal)
                .select_related("congress__region")
                .first()
            ),
        )
        if term is None:
            raise xlsx.CellError(
                TERM_UNKNOWN
                % {"congress": congress.name, "term": f"第{chinese_ordinal(ordinal)}届"}
            )
        return term

    def group(self, congress: Congress, name: str) -> DeputyGroup:
        groups = self.remember(
            ("groups", congress.pk), lambda: {g.name: g for g in congress.groups.all()}
        )
        group = groups.get(name)
        if group is None:
            raise xlsx.CellError(GROUP_UNKNOWN % {"congress": congress.name, "name": name})
        return self.ensure_allowed(group)

    def station(self, text: str, congress: Congress) -> Station:
        station = self.remember(
            ("station", text, congress.pk), lambda: self._find_station(text, congress)
        )
        return self.ensure_allowed(station)

    def _find_station(self, text: str, congress: Congress) -> Station:
        place, _sep, name = text.rpartition("/")
        name = name.strip()
        found = list(Station.objects.filter(name=name).select_related("region"))
        if place.strip():
            region = self.regions.find(place)
            found = [s for s in found if s.region.code.startswith(region.prefix)]
        if len(found) > 1:
            found = [s for s in found if s.region.code.startswith(congress.region.prefix)] or found
        if not found:
            raise xlsx.CellError(STATION_UNKNOWN % {"name": text})
        if len(found) > 1:
            raise xlsx.CellError(STATION_AMBIGUOUS % {"name": name})
        return found[0]

    def head(self, station: Station) -> StationAssignment | None:
        return self.remember(
            ("head", station.pk),
            lambda: (
                station.assignments.filter(role=AssignmentRole.HEAD, end__isnull=True)
                .select_related("mandate__person")
                .first()
            ),
        )

    # --- What is on record for the people in the file ------------------------------------

    def prepare(self, rows: list[xlsx.ParsedRow]) -> None:
        ids = {r.values["id_number"] for r in rows if r.values["id_number"]}
        names = {r.values["name"] for r in rows}
        self.by_id = {p.id_number: p for p in Person.objects.filter(id_number__in=ids)}
        self.by_name: dict[str, list[Person]] = {}
        for p in Person.objects.filter(name__in=names):
            self.by_name.setdefault(p.name, []).append(self.by_id.get(p.id_number, p))
        people = {p.pk for p in self.by_id.values()} | {
            p.pk for group in self.by_name.values() for p in group
        }
        mandates = list(
            Mandate.objects.filter(person_id__in=people).select_related("term", "electoral_region")
        )
        self.mandates = {(m.person_id, m.term_id): m for m in mandates}
        self.memberships: dict[int, set[int]] = {}
        for gm in GroupMembership.objects.filter(mandate__in=mandates):
            self.memberships.setdefault(gm.mandate_id, set()).add(gm.group_id)
        self.assignments: dict[int, dict[int, StationAssignment]] = {}
        for a in StationAssignment.objects.filter(mandate__in=mandates, end__isnull=True):
            self.assignments.setdefault(a.mandate_id, {})[a.station_id] = a

    def match_person(self, name: str, id_number: str, birth: datetime.date) -> Person | None:
        if id_number and id_number in self.by_id:
            return self.by_id[id_number]
        same = [p for p in self.by_name.get(name, []) if p.birth_date == birth]
        if id_number:  # on record without an ID card number yet
            same = [p for p in same if not p.id_number]
        if len(same) > 1:
            raise xlsx.CellError(PERSON_AMBIGUOUS % {"name": name, "date": birth.isoformat()})
        return same[0] if same else None

    # --- Checking a row -----------------------------------------------------------------

    def check_row(self, row: xlsx.ParsedRow) -> RosterPlan | None:
        v, n = row.values, row.number
        congress = term = None
        with self.cell(n, "congress"):
            congress = self.congress(v["congress"])
        if congress is not None:
            with self.cell(n, "term"):
                term = self.term(congress, v["term"])

        id_number, birth = v["id_number"], v["birth_date"]
        if id_number:
            on_card = xlsx.id_birth_date(id_number)
            if birth and birth != on_card:
                self.error(n, "birth_date", BIRTH_NOT_ID % {"date": on_card.isoformat()})
            birth = birth or on_card
            if (v["gender"] == Gender.MALE) != identity.id_is_male(id_number):
                self.error(n, "gender", GENDER_NOT_ID)
        elif not birth:
            self.error(n, "id_number", NEED_ID_OR_BIRTH)

        start = v["start"] or (term.start if term else None)
        if term and (start < term.start or (term.end and start > term.end)):
            self.error(n, "start", MANDATE_START_OUTSIDE_TERM)

        electoral_region = None
        if congress and v["electoral_region"]:
            with self.cell(n, "electoral_region"):
                electoral_region = self.regions.find(v["electoral_region"], within=congress.region)

        groups = []
        if congress:
            for name in self._listed_once(n, "groups", v["groups"]):
                with self.cell(n, "groups"):
                    groups.append(self.group(congress, name))

        stations = []
        if congress:
            for text in self._listed_once(n, "stations", v["stations"]):
                station = None
                with self.cell(n, "stations"):
                    station = self.station(text, congress)
                if station is None:
                    continue
                if station in stations:
                    self.error(n, "stations", LISTED_TWICE % {"name": text})
                stations.append(station)
        if v["head"] and not v["stations"]:
            self.error(n, "head", HEAD_WITHOUT_STATION % {"column": ROSTER.header("stations")})

        person = None
        if birth:
            with self.cell(n, "name"):
                person = self.match_person(v["name"], id_number, birth)
        if self.row_failed:
            return None

        person_data = {
            "name": v["name"],
            "gender": v["gender"],
            "ethnicity": v["ethnicity"],
            "birth_date": birth,
            "party": v["party"],
            "education": v["education"],
            "phone": v["phone"],
        }
        if id_number:
            person_data["id_number"] = id_number
        person_key = ("pk", person.pk) if person else ("new", v["name"], birth)
        if not self._same_person_everywhere(n, person_key, person_data):
            return None

        mandate = self.mandates.get((person.pk, term.pk)) if person else None
        if first := self.earlier_row((person_key, term.pk), n):
            self.error(n, None, DUPLICATE_ROW % {"row": first})
            return None
        mandate_data = {
            "electoral_unit": v["electoral_unit"],
            "electoral_region": electoral_region,
            "post": v["post"],
            "work_unit": v["work_unit"],
            "start": start,
        }
        plan = RosterPlan(
            row=n,
            term=term,
            person=person,
            person_key=person_key,
            person_data=person_data,
            person_changes=xlsx.changed_fields(person, person_data) if person else {},
            mandate=mandate,
            mandate_data=mandate_data,
            mandate_changes=xlsx.changed_fields(mandate, mandate_data) if mandate else {},
        )
        self._plan_groups(plan, groups)
        self._plan_stations(plan, stations, head=v["head"])
        return plan

    def _listed_once(self, n: int, key: str, text: str) -> list[str]:
        """The names a cell lists, each once; a name listed twice is a problem of the cell."""
        seen = []
        for name in xlsx.split_list(text):
            if name in seen:
                self.error(n, key, LISTED_TWICE % {"name": name})
            else:
                seen.append(name)
        return seen

    def _same_person_everywhere(self, n: int, key: tuple, data: dict) -> bool:
        """One person on several rows (one per mandate) must read the same on each."""
        id_number = data.get("id_number")
        if id_number:
            first = self.ids_in_file.setdefault(id_number, (n, key))
            if first[1] != key:
                self.error(n, "id_number", ID_TWICE % {"row": first[0]})
                return False
        if key in self.people_rows:
            first_row, first = self.people_rows[key]
            plain = {k: v for k, v in data.items() if k != "id_number"}
            if plain != {k: v for k, v in first.items() if k != "id_number"}:
                self.error(n, None, PERSON_ROWS_DIFFER % {"row": first_row})
                return False
            if id_number and not first.get("id_number"):
                first["id_number"] = id_number
        else:
            self.people_rows[key] = (n, data)
        return True

    def _plan_groups(self, plan: RosterPlan, groups: list[DeputyGroup]) -> None:
        have = self.memberships.get(plan.mandate.pk, set()) if plan.mandate else set()
        plan.groups_add = [g for g in groups if g.pk not in have]
        if plan.groups_add and _ended(plan.mandate, self.today):
            self.error(plan.row, "groups", MANDATE_ENDED)

    def _plan_stations(self, plan: RosterPlan, stations: list[Station], *, head: bool) -> None:
        """The first listed station takes the 是否站长 answer; the others keep the role they
        have (a new one joins as a member)."""
        current = self.assignments.get(plan.mandate.pk, {}) if plan.mandate else {}
        for i, station in enumerate(stations):
            existing = current.get(station.pk)
            if i == 0:
                role = AssignmentRole.HEAD if head else AssignmentRole.MEMBER
            else:
                role = existing.role if existing else AssignmentRole.MEMBER
            if existing and existing.role == role:
                continue
            if existing:
                plan.assign_end.append(existing)
            plan.assign_create.append((station, role))
            if role == AssignmentRole.HEAD:
                first = self.head_claims.setdefault(station.pk, (plan.row, plan))
                if first[1] is not plan:
                    self.error(plan.row, "head", HEAD_TWICE % {"row": first[0], "station": station})
        if plan.assign_create and plan.mandate is not None and plan.mandate.end is not None:
            self.error(plan.row, "stations", MANDATE_ENDED)

    def check_plans(self, plans: list[RosterPlan]) -> None:
        """A new head needs the station's current head to step down in the same file."""
        released = {a.pk for p in plans for a in p.assign_end}
        for plan in plans:
            for station, role in plan.assign_create:
                if role != AssignmentRole.HEAD:
                    continue
                current = self.head(station)
                if current and current.pk not in released:
                    self.error(
                        plan.row,
                        "head",
                        STATION_HAS_HEAD
                        % {"station": station, "name": current.mandate.person.name},
                    )

    # --- Writing ----------------------------------------------------------------------

    def write(self, plans: list[RosterPlan]) -> None:
        # Role changes first, so a station's old head has stepped down before the new one starts.
        for plan in plans:
            for assignment in plan.assign_end:
                with xlsx.writing_row(plan.row):
                    assignment_end(actor=self.actor, assignment=assignment, end=self.today)
        super().write(plans)

    def write_plan(self, plan: RosterPlan) -> None:
        person = plan.person or self.created_people.get(plan.person_key)
        if person is None:
            person = person_create(actor=self.actor, **plan.person_data)
            self.created_people[plan.person_key] = person
        mandate = plan.mandate
        if mandate is None:
            mandate = mandate_create(
                actor=self.actor, person=person, term=plan.term, **plan.mandate_data
            )
        elif plan.mandate_changes:
            mandate = mandate_update(actor=self.actor, mandate=mandate, **plan.mandate_changes)
        # After the mandate, so a staff member's scope reaches the person through it.
        # Compared again here: a person on several rows is updated once.
        changes = xlsx.changed_fields(person, plan.person_data) if plan.person else {}
        if changes:
            person_update(actor=self.actor, person=person, **changes)
        for group in plan.groups_add:
            group_member_add(actor=self.actor, group=group, mandate=mandate)
        for station, role in plan.assign_create:
            assignment_create(
                actor=self.actor, station=station, mandate=mandate, role=role, start=self.today
            )


def _ended(mandate: Mandate | None, today: datetime.date) -> bool:
    return mandate is not None and mandate.end is not None and mandate.end <= today


def roster_import(
    *, actor, file, congress_scope: Congress | None = None, dry_run: bool
) -> xlsx.ImportResult:
    """Check every row of an uploaded roster, then (unless `dry_run`, and only if no row has
    an error) write them all in one transaction through the audited services.

    `actor` is a User (checked against their scope) or a string naming a system actor such as
    "import". `congress_scope` limits the file to that congress's deputies. Raises
    `xlsx.FileRefused` for a file that cannot be read as a roster at all."""
    return RosterImporter(actor=actor, congress_scope=congress_scope).run(file, dry_run=dry_run)

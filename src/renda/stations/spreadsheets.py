"""Stations (代表家站点) as offices list them in Excel: template, export and import.

A station is found by its region + name: a file imported twice changes nothing, and an export
imports again unchanged. The reception day is written in words as a notice says it (每月15日,
每两个月20日, 每周三, 每月第一个星期一) and kept as the RRULE `stations.reception` reads. Every
row is checked before anything is written; the writes run in one transaction through
`station_create` / `station_update`, so each change is audited under the importing actor
(`StationsImporter`, on the engine of `core.xlsx.Importer`).
"""

import re
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from renda.core import xlsx
from renda.core.numerals import chinese_ordinal
from renda.regions.models import Region
from renda.regions.spreadsheets import RegionLookup
from renda.stations import reception
from renda.stations.choices import StationKind
from renda.stations.models import Station
from renda.stations.services import station_create, station_update

NOT_A_RULE = _("Write the reception day as 每月15日, 每两个月20日, 每周三 or 每月第一个星期一.")
NOT_A_DAY = _("A day of the month runs from 1 to 31.")
COORDINATES_PAIRED = _("Give both longitude and latitude, or neither.")
ENDS_BEFORE_START = _("Reception must end after it starts.")
DUPLICATE_ROW = _("Row %(row)s already holds a station of this name in this region.")

DEFAULT_START = Station._meta.get_field("reception_start_time").default
DEFAULT_END = Station._meta.get_field("reception_end_time").default

KINDS = {  # the label first, then other ways offices write it
    StationKind.DEPUTY_HOME: ("代表之家", "人大代表之家", "代表家"),
    StationKind.WORK_STATION: ("代表工作站", "人大代表工作站", "工作站"),
    StationKind.LIAISON_STATION: ("代表联络站", "人大代表联络站", "联络站"),
    StationKind.ACTIVITY_ROOM: ("代表活动室", "人大代表活动室", "活动室"),
    StationKind.CONTACT_POINT: ("民情联络点", "民意联络点", "联络点"),
}

# --- Reception days in words ------------------------------------------------------------------

_WEEKDAYS = {
    "一": "MO",
    "二": "TU",
    "三": "WE",
    "四": "TH",
    "五": "FR",
    "六": "SA",
    "日": "SU",
    "天": "SU",
    "七": "SU",
    "1": "MO",
    "2": "TU",
    "3": "WE",
    "4": "TH",
    "5": "FR",
    "6": "SA",
    "7": "SU",
}
_WEEKDAY_WORDS = {
    "MO": "一",
    "TU": "二",
    "WE": "三",
    "TH": "四",
    "FR": "五",
    "SA": "六",
    "SU": "日",
}
_N = r"[0-9零〇一二两三四五六七八九十]+"
_WEEK = r"(?:星期|周|礼拜)"
_DAY = r"([一二三四五六日天七1-7])"
_WEEKLY = re.compile(rf"每(?:隔(?P<skip>{_N})个?|(?P<every>{_N})个?)?{_WEEK}{_WEEK}?{_DAY}")
_MONTHLY = re.compile(
    rf"每(?:(?P<every>{_N})个?月|隔(?P<skip>{_N})个?月|(?P<quarter>季度?)|(?P<half>半年)|月)"
    r"(?P<rest>.+)"
)
_MONTH_DAY = re.compile(rf"({_N})[日号]")
_LAST_DAY = re.compile(r"最后一?天|月底|月末")
_NTH_WEEKDAY = re.compile(rf"第({_N})(?:个|周){_WEEK}?{_DAY}")
_LAST_WEEKDAY = re.compile(rf"最后一?个?{_WEEK}{_DAY}")


def _count(match: re.Match) -> int:
    """The interval a 每N… / 每隔N… prefix says (每隔一个月 is every second month)."""
    if match.groupdict().get("skip"):
        return xlsx.chinese_number(match.group("skip")) + 1
    if match.groupdict().get("every"):
        return xlsx.chinese_number(match.group("every"))
    if match.groupdict().get("quarter"):
        return 3
    if match.groupdict().get("half"):
        return 6
    return 1


def rule_from_words(text: str) -> str:
    """每月15日 → FREQ=MONTHLY;BYMONTHDAY=15; raise CellError if the words say no rule.

    Also takes 每两个月20日, 每季度10日, 每月最后一天, 每周三, 每两周周三, 每月第一个星期一,
    每月最后一个星期五, and an RRULE as is."""
    words = re.sub(r"(的|接待日?|开放|为|。)", "", xlsx.normalise(text))
    try:
        if words.upper().startswith("FREQ="):
            reception.parse(words.upper())
            return words.upper()
        if m := _WEEKLY.fullmatch(words):
            return reception.build(
                frequency="WEEKLY", interval=_count(m), weekday=_WEEKDAYS[m.group(3)]
            )
        m = _MONTHLY.fullmatch(words)
        if not m:
            raise xlsx.CellError(NOT_A_RULE)
        interval, rest = _count(m), m.group("rest")
        if day := _MONTH_DAY.fullmatch(rest):
            number = xlsx.chinese_number(day.group(1))
            if not number or number > 31:
                raise xlsx.CellError(NOT_A_DAY)
            return reception.build(frequency="MONTHLY", interval=interval, month_day=number)
        if _LAST_DAY.fullmatch(rest):
            return reception.build(frequency="MONTHLY", interval=interval, month_day=-1)
        if nth := _NTH_WEEKDAY.fullmatch(rest):
            week = xlsx.chinese_number(nth.group(1))
            if not week or week > 5:
                raise xlsx.CellError(NOT_A_RULE)
            return reception.build(
                frequency="MONTHLY",
                interval=interval,
                weekday=_WEEKDAYS[nth.group(2)],
                week_of_month=week,
            )
        if last := _LAST_WEEKDAY.fullmatch(rest):
            return reception.build(
                frequency="MONTHLY",
                interval=interval,
                weekday=_WEEKDAYS[last.group(1)],
                week_of_month=-1,
            )
    except (ValueError, TypeError) as exc:  # reception.build refuses, or a number is missing
        raise xlsx.CellError(NOT_A_RULE) from exc
    raise xlsx.CellError(NOT_A_RULE)


def _times(n: int) -> str:
    return "两" if n == 2 else chinese_ordinal(n)


def rule_to_words(rule: str) -> str:
    """FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20 → 每两个月20日. A rule the words cannot say is
    written as the RRULE itself, which imports as well."""
    if not rule:
        return ""
    try:
        parts = reception.parse(rule)
    except ValueError:  # a rule saved before the checks were tightened: show it, don't fail
        return rule
    interval = int(parts.get("INTERVAL", "1"))
    if parts["FREQ"] == "WEEKLY":
        day = _WEEKDAY_WORDS[parts["BYDAY"][-2:]]
        words = f"每周{day}" if interval == 1 else f"每{_times(interval)}周周{day}"
    else:
        head = "每月" if interval == 1 else f"每{_times(interval)}个月"
        if "BYMONTHDAY" in parts:
            day = int(parts["BYMONTHDAY"])
            words = head + ("最后一天" if day == -1 else f"{day}日")
        else:
            m = re.fullmatch(r"([+-]?\d)?(\w\w)", parts["BYDAY"])
            nth, day = int(m.group(1) or 1), _WEEKDAY_WORDS[m.group(2)]
            words = head + (
                f"最后一个星期{day}" if nth == -1 else f"第{chinese_ordinal(nth)}个星期{day}"
            )
    try:
        if same_rule(rule_from_words(words), rule):
            return words
    except xlsx.CellError:
        pass
    return rule


def same_rule(a: str, b: str) -> bool:
    """Whether two RRULEs say the same (key order, case and INTERVAL=1 aside)."""
    if not a or not b:
        return a == b

    def canonical(rule):
        parts = reception.parse(rule)
        if parts.get("INTERVAL") == "1":
            del parts["INTERVAL"]
        return parts

    try:
        return canonical(a) == canonical(b)
    except ValueError:  # one of them was saved before the checks were tightened
        return a == b


# --- The table --------------------------------------------------------------------------------

STATIONS = xlsx.Table(
    sheet_title="代表家站点",
    columns=(
        xlsx.TextColumn(
            key="name",
            header="站点名称",
            required=True,
            max_length=100,
            width=26,
            example="昌元街道人大代表之家",
        ),
        xlsx.ChoiceColumn(
            key="kind",
            header="类型",
            required=True,
            spellings=KINDS,
            width=12,
            example="代表之家",
        ),
        xlsx.TextColumn(
            key="region",
            header="所在镇街/村社区",
            required=True,
            width=18,
            fmt="镇街或村社区名称，或12位区划代码；重名时写“镇街/村社区”",
            example="昌元街道",
            help="同一镇街或村社区内，站点按名称识别：已有的更新，没有的新增。",
        ),
        xlsx.TextColumn(
            key="address",
            header="地址",
            required=True,
            max_length=200,
            width=30,
            example="荣昌区昌元街道昌州大道西段1号",
        ),
        xlsx.PhoneColumn(key="phone", header="联系电话", example="023-46751234"),
        xlsx.DecimalColumn(
            key="longitude",
            header="经度",
            minimum=73,
            maximum=136,
            width=12,
            fmt="十进制度数，73 至 136 之间，保留6位小数",
            example="105.594376",
            help="经度、纬度须同时填写或同时留空。",
        ),
        xlsx.DecimalColumn(
            key="latitude",
            header="纬度",
            minimum=3,
            maximum=54,
            width=12,
            fmt="十进制度数，3 至 54 之间，保留6位小数",
            example="29.404721",
        ),
        xlsx.TextColumn(
            key="reception_rule",
            header="接待日规则",
            width=20,
            empty="",
            clean=rule_from_words,
            show=rule_to_words,
            fmt="如 每月15日、每两个月20日、每季度10日、每月最后一天、每周三、"
            "每两周周三、每月第一个星期一、每月最后一个星期五",
            example="每月15日",
            help="留空表示没有固定接待日。隔月、隔周的，从2024年1月起算。",
        ),
        xlsx.TimeColumn(
            key="reception_start_time", header="接待开始时间", example="9:00", help="留空按 9:00。"
        ),
        xlsx.TimeColumn(
            key="reception_end_time",
            header="接待结束时间",
            example="12:00",
            help="留空按 12:00；须晚于开始时间。",
        ),
    ),
    notes=(
        "一行是一个站点。站点按“所在镇街/村社区＋站点名称”识别：已有的更新，没有的新增。",
        "代表进站请在“代表名册”的“进站站点”列填写。",
    ),
)


def stations_rows(stations: QuerySet) -> list[dict]:
    regions = RegionLookup()
    return [
        {
            "name": s.name,
            "kind": s.kind,
            "region": regions.label(s.region),
            "address": s.address,
            "phone": s.phone,
            "longitude": s.longitude,
            "latitude": s.latitude,
            "reception_rule": s.reception_rule,
            "reception_start_time": s.reception_start_time,
            "reception_end_time": s.reception_end_time,
        }
        for s in stations.select_related("region").order_by("region__code", "kind", "name", "pk")
    ]


def stations_export(stations: QuerySet) -> bytes:
    """The given stations in the template's layout: the export imports again unchanged."""
    return xlsx.build_workbook(STATIONS, stations_rows(stations))


# --- Import -----------------------------------------------------------------------------------


@dataclass(kw_only=True)
class StationPlan(xlsx.RowPlan):
    """What one row will write; `record` is the station of that region and name, if any."""

    region: Region
    name: str
    data: dict


class StationsImporter(xlsx.Importer[StationPlan]):
    """A station is found by region + name: created when new, updated when it differs."""

    table = STATIONS

    def __init__(self, *, actor, region_scope: Region | None = None):
        super().__init__(actor=actor)
        self.region_scope = region_scope
        self.regions = RegionLookup()

    def check_row(self, row: xlsx.ParsedRow) -> StationPlan | None:
        v, n = row.values, row.number
        region = None
        with self.cell(n, "region"):
            scope = self.region_scope
            region = self.regions.find(v["region"], within=scope, strict=scope is not None)
            self.ensure_allowed(region)
        if (v["longitude"] is None) != (v["latitude"] is None):
            key = "latitude" if v["latitude"] is None else "longitude"
            self.error(n, key, COORDINATES_PAIRED)
        start = v["reception_start_time"] or DEFAULT_START
        end = v["reception_end_time"] or DEFAULT_END
        if end <= start:
            self.error(n, "reception_end_time", ENDS_BEFORE_START)
        if region is not None and (first := self.earlier_row((region.pk, v["name"]), n)):
            self.error(n, "name", DUPLICATE_ROW % {"row": first})
        if self.row_failed:
            return None

        data = {
            "kind": v["kind"],
            "address": v["address"],
            "phone": v["phone"],
            "longitude": v["longitude"],
            "latitude": v["latitude"],
            "reception_rule": v["reception_rule"],
            "reception_start_time": start,
            "reception_end_time": end,
        }
        station = Station.objects.filter(region=region, name=v["name"]).first()
        changes = {}
        if station is not None:
            changes = xlsx.changed_fields(station, data)
            if "reception_rule" in changes and same_rule(
                station.reception_rule, data["reception_rule"]
            ):
                del changes["reception_rule"]
        return StationPlan(
            row=n, region=region, name=v["name"], data=data, record=station, changes=changes
        )

    def write_plan(self, plan: StationPlan) -> None:
        if plan.new:
            station_create(actor=self.actor, region=plan.region, name=plan.name, **plan.data)
        elif plan.changes:
            station_update(actor=self.actor, station=plan.record, **plan.changes)


def stations_import(
    *, actor, file, region_scope: Region | None = None, dry_run: bool
) -> xlsx.ImportResult:
    """Check every row of an uploaded stations file, then (unless `dry_run`, and only if no
    row has an error) create or update them all in one transaction.

    `actor` is a User (checked against their scope) or a string naming a system actor such as
    "import". `region_scope` limits the file to stations under that region. Raises
    `xlsx.FileRefused` for a file that cannot be read as a stations list at all."""
    return StationsImporter(actor=actor, region_scope=region_scope).run(file, dry_run=dry_run)

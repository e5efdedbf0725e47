"""A deterministic demo district modelled on 荣昌区, Chongqing, for `renda demo`.

At scale 1 it holds the municipal and the district congress, a congress for each of Rongchang's
15 towns (its 6 streets have a 人大工委 instead), each with its current and previous term and
their sessions; about 1,200 people holding 15 municipal, 280 district and 950 town seats, some
two or three at once as 市区镇三级代表 do, with the previous terms' rosters, resignations and a
by-election; a deputy group per town and street plus liaison and specialist groups; stations of
every kind with reception rules and mixed-level rosters (混编); the district's handling units;
one user of every role.

Two stages. `plan()` draws everything from the seed into unsaved model instances: a function of
(seed, scale, regions) alone, so two builds agree name for name and tests can check it without
writing. `build()` loads the division codes, writes the plan with bulk inserts in one
transaction and audits every row with `record_many` (a service call per object would take
minutes for ~10,000 rows), then creates the users through the account services.

Dates are fixed rather than read from the clock for the same reason: the demo's present is
late November 2026, inside the current terms.
"""

import json
import random
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from django.db import transaction
from django.db.models import Q
from faker import Faker
from tqdm import tqdm

from renda.accounts import services as account_services
from renda.accounts.choices import Role
from renda.accounts.models import User
from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Session, Term
from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction
from renda.core.exceptions import Conflict
from renda.people import names
from renda.people.choices import Education, Gender, GroupKind, GroupRole, MandateEndReason, Party
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.regions.choices import RegionLevel
from renda.regions.models import HandlingUnit, Region
from renda.regions.services import division_rows, regions_load
from renda.stations.choices import AssignmentRole, StationKind
from renda.stations.models import Station, StationAssignment

T = TypeVar("T")

ACTOR = "demo"
AUDIT_NOTE = "renda demo"
# Any fixed number would do; this one is the month Rongchang's "双亮双做" began.
DEFAULT_SEED = 201707

NOT_EMPTY = (
    "The database already holds congresses, people or stations; the demo needs an empty one."
)
USERNAMES_TAKEN = "These usernames are taken already: %s"

# --- The district -----------------------------------------------------------------------------

CHONGQING = "500000000000"
RONGCHANG = "500153000000"
CHANGYUAN = "500153001000"  # 昌元街道, the old town centre
WUJIA = "500153103000"  # 吴家镇, known for its quarterly deputy meetings
ZHISHENG = "500153104000"  # 直升镇, where the newspaper's deputy plants citrus
HUANGNI = "500153104202"  # 直升镇黄坭村 (黄泥村 in the article)
LIANGPING = "500153110002"  # 观胜镇凉坪社区, a public-opinion contact point
CENTRE = (29.4049, 105.5944)  # the district seat, 昌元街道

DEMO_TODAY = date(2026, 11, 22)
PREVIOUS, CURRENT = 0, 1
MUNICIPAL_TERMS = {
    PREVIOUS: (5, date(2018, 1, 1), date(2022, 12, 31)),
    CURRENT: (6, date(2023, 1, 1), date(2027, 12, 31)),
}
LOCAL_TERMS = {  # the district and the towns elect together
    PREVIOUS: (date(2017, 1, 1), date(2021, 12, 31)),
    CURRENT: (date(2022, 1, 1), date(2026, 12, 31)),
}
DISTRICT_ORDINALS = {PREVIOUS: 18, CURRENT: 19}

# Current seats at scale 1, as the issue and Rongchang's published figures have them.
MUNICIPAL_SEATS, DISTRICT_SEATS, TOWN_SEATS = 15, 280, 950
# Share of a previous roster's open seats whose holder sits again now (连任).
REELECTED = 0.45
PREVIOUS_RESIGNATIONS = 8  # "persuaded to resign (8 so far)"

# --- Who the deputies are ---------------------------------------------------------------------
# A sector says which specialist group and work station suit a deputy and shapes the person.
GOV, VILLAGE, ENTERPRISE, WORKER, AGRI = "gov", "village", "enterprise", "worker", "agri"
EDU, HEALTH, LAW, TRADE, FARMER = "edu", "health", "law", "trade", "farmer"


@dataclass(frozen=True)
class _Traits:
    """How a sector's deputies tend to be: share of women, ages, education, party."""

    female: float
    ages: tuple[int, int]
    education: Mapping[str, int]
    party: Mapping[str, int]


# The tables below are laid out by hand, one row a line, so they read as tables.
# fmt: off
_MOST = {Party.CPC: 55, Party.MASSES: 27, Party.NONE: 5, Party.CPC_PROBATIONARY: 2, Party.CNDCA: 3,
         Party.CDL: 2, Party.CAPD: 2, Party.JS: 2, Party.CPWDP: 1, Party.RCCK: 1}
_RURAL = {Party.CPC: 42, Party.MASSES: 55, Party.CPC_PROBATIONARY: 3}
_E = Education
TRAITS = {  # share of women, ages, education, party
    GOV: _Traits(0.15, (38, 56), {_E.BACHELOR: 60, _E.MASTER: 35, _E.COLLEGE: 5}, {Party.CPC: 1}),
    VILLAGE: _Traits(0.25, (32, 60), {_E.SENIOR: 40, _E.COLLEGE: 40, _E.JUNIOR: 15, _E.BACHELOR: 5},
                     _RURAL),
    ENTERPRISE: _Traits(0.25, (30, 60), {_E.BACHELOR: 40, _E.COLLEGE: 30, _E.MASTER: 15,
                                         _E.SENIOR: 15}, _MOST),
    WORKER: _Traits(0.4, (24, 55), {_E.SENIOR: 45, _E.COLLEGE: 35, _E.JUNIOR: 15, _E.BACHELOR: 5},
                    _MOST),
    AGRI: _Traits(0.25, (28, 60), {_E.SENIOR: 40, _E.JUNIOR: 25, _E.COLLEGE: 30, _E.BACHELOR: 5},
                  _RURAL),
    EDU: _Traits(0.6, (26, 58), {_E.BACHELOR: 70, _E.MASTER: 20, _E.COLLEGE: 10}, _MOST),
    HEALTH: _Traits(0.55, (28, 58), {_E.BACHELOR: 60, _E.MASTER: 20, _E.COLLEGE: 20}, _MOST),
    LAW: _Traits(0.35, (30, 58), {_E.BACHELOR: 70, _E.MASTER: 30}, _MOST),
    TRADE: _Traits(0.45, (28, 60), {_E.SENIOR: 50, _E.JUNIOR: 30, _E.COLLEGE: 20}, _MOST),
    FARMER: _Traits(0.35, (30, 62), {_E.JUNIOR: 50, _E.PRIMARY: 25, _E.SENIOR: 25}, _RURAL),
}
ETHNICITIES = {"汉族": 965, "土家族": 20, "苗族": 10, "回族": 5}

# How open seats are shared out, by sector.
DISTRICT_SECTORS = {VILLAGE: 34, ENTERPRISE: 20, WORKER: 7, AGRI: 10, EDU: 8, HEALTH: 7, LAW: 3,
                    TRADE: 4, FARMER: 7}
TOWN_FREE_SECTORS = {ENTERPRISE: 15, WORKER: 20, EDU: 15, HEALTH: 10, TRADE: 20, AGRI: 20}
MUNICIPAL_SECTORS = (ENTERPRISE, EDU, HEALTH, AGRI, WORKER, LAW, ENTERPRISE, FARMER, VILLAGE)

DISTRICT_LEADERS = (  # post, work unit, sector
    ("区委书记", "中共重庆市荣昌区委员会", GOV),
    ("区长", "重庆市荣昌区人民政府", GOV),
    ("区人大常委会主任", "重庆市荣昌区人民代表大会常务委员会", GOV),
    ("区委副书记", "中共重庆市荣昌区委员会", GOV),
    ("常务副区长", "重庆市荣昌区人民政府", GOV),
    ("区人大常委会副主任", "重庆市荣昌区人民代表大会常务委员会", GOV),
    ("区人民法院院长", "重庆市荣昌区人民法院", LAW),
    ("区人民检察院检察长", "重庆市荣昌区人民检察院", LAW),
    ("区教委主任", "重庆市荣昌区教育委员会", EDU),
    ("区卫生健康委主任", "重庆市荣昌区卫生健康委员会", HEALTH),
    ("区农业农村委主任", "重庆市荣昌区农业农村委员会", AGRI),
    ("区畜牧发展中心主任", "重庆市荣昌区畜牧发展中心", AGRI),
)
VILLAGE_OFFICERS = ("村党支部书记、村委会主任", "村委会副主任", "村务监督委员会主任",
                    "村党支部副书记")
COMMUNITY_OFFICERS = ("社区党委书记、居委会主任", "居委会副主任", "社区党委副书记",
                      "社区居务监督委员会主任")
INDUSTRIES = ("陶瓷", "食品", "饲料", "农业开发", "电子科技", "机械制造", "建筑工程", "商贸",
              "物流", "纺织", "生物科技", "新材料")
PRODUCTS = ("柑橘种植", "生猪养殖", "稻虾养殖", "蔬菜种植", "茶叶种植", "花椒种植", "柠檬种植",
            "肉牛养殖", "水产养殖", "中药材种植")
FARM_WORDS = ("绿源", "丰收", "兴旺", "金穗", "田园", "宏发", "春晓", "果香")
SHOPS = ("超市", "农资店", "餐馆", "五金店", "茶馆", "药店")

RESIGNATION_NOTES = (
    "履职不力，经劝辞辞去代表职务",
    "连续两次未经批准不出席代表大会会议，经劝辞辞去代表职务",
    "年度履职评价不合格，经劝辞辞去代表职务",
    "因工作调动，辞去代表职务",
)
DRUNK_DRIVING_NOTE = "醉酒驾驶机动车，经劝辞辞去代表职务"
TERMINATION_NOTE = "户籍迁出本行政区域，代表资格终止"

# --- Stations, groups, handling units ---------------------------------------------------------

HOME_RULES = {"FREQ=MONTHLY;BYMONTHDAY=15": 6, "FREQ=MONTHLY;BYMONTHDAY=10": 2,
              "FREQ=MONTHLY;BYMONTHDAY=25": 1, "FREQ=MONTHLY;BYDAY=1MO": 1}
LIAISON_RULES = {"FREQ=MONTHLY;BYMONTHDAY=15": 3, "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20": 2,
                 "FREQ=MONTHLY;BYMONTHDAY=5": 1, "FREQ=MONTHLY;BYDAY=2TU": 1}
ROOM_RULES = {"FREQ=MONTHLY;BYDAY=-1FR": 1, "FREQ=MONTHLY;BYMONTHDAY=20": 1}
POINT_RULES = {"FREQ=WEEKLY;BYDAY=FR": 1, "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=20": 1}
WORK_RULE = "FREQ=WEEKLY;BYDAY=WE"
MORNING = (time(9), time(12))
AFTERNOON = (time(14, 30), time(17, 30))
MARKET = (time(8), time(11))
STREET_SUFFIXES = ("正街", "大街", "中街", "新街", "大道")
WORK_STATIONS = (  # street, name, address, the sectors whose deputies it gathers
    ("500153003000", "荣昌高新区人大代表工作站", "重庆市荣昌区广顺街道荣昌高新区管委会",
     (ENTERPRISE, WORKER)),
    ("500153005000", "安陶小镇人大代表工作站", "重庆市荣昌区安富街道安陶小镇游客中心",
     (TRADE, ENTERPRISE)),
    (CHANGYUAN, "卫生健康系统人大代表工作站", "重庆市荣昌区人民医院", (HEALTH,)),
    ("500153002000", "教育系统人大代表工作站", "重庆市荣昌区昌州街道荣昌区教育委员会", (EDU,)),
)
WORK_STATION_SIZE = 12
SPECIALIST_GROUPS = (
    ("法制专业组", (LAW,)),
    ("财政经济专业组", (ENTERPRISE, WORKER, TRADE)),
    ("教育科技文化卫生专业组", (EDU, HEALTH)),
    ("农业农村专业组", (AGRI, FARMER, VILLAGE)),
)
SPECIALIST_GROUP_SIZE = 15
HANDLING_UNITS = (  # short name, full name
    ("区发展改革委", "重庆市荣昌区发展和改革委员会"),
    ("区教委", "重庆市荣昌区教育委员会"),
    ("区科技局", "重庆市荣昌区科学技术局"),
    ("区经济信息委", "重庆市荣昌区经济和信息化委员会"),
    ("区公安局", "重庆市公安局荣昌区分局"),
    ("区民政局", "重庆市荣昌区民政局"),
    ("区财政局", "重庆市荣昌区财政局"),
    ("区人力社保局", "重庆市荣昌区人力资源和社会保障局"),
    ("区规划自然资源局", "重庆市荣昌区规划和自然资源局"),
    ("区生态环境局", "重庆市荣昌区生态环境局"),
    ("区住房城乡建委", "重庆市荣昌区住房和城乡建设委员会"),
    ("区城市管理局", "重庆市荣昌区城市管理局"),
    ("区交通局", "重庆市荣昌区交通局"),
    ("区水利局", "重庆市荣昌区水利局"),
    ("区农业农村委", "重庆市荣昌区农业农村委员会"),
    ("区商务委", "重庆市荣昌区商务委员会"),
    ("区文化旅游委", "重庆市荣昌区文化和旅游发展委员会"),
    ("区卫生健康委", "重庆市荣昌区卫生健康委员会"),
    ("区退役军人局", "重庆市荣昌区退役军人事务局"),
    ("区应急局", "重庆市荣昌区应急管理局"),
    ("区市场监管局", "重庆市荣昌区市场监督管理局"),
    ("区医保局", "重庆市荣昌区医疗保障局"),
    ("区畜牧发展中心", "重庆市荣昌区畜牧发展中心"),
)
UNIT_USER_UNIT = "区住房城乡建委"
SEAT_LABELS = {CongressLevel.PROVINCIAL: "municipal", CongressLevel.COUNTY: "district",
               CongressLevel.TOWN: "town"}
ROLE_TARGET = {Role.STAFF: "region", Role.LIAISON: "station", Role.DEPUTY: "person",
               Role.UNIT: "handling_unit"}
# fmt: on


# --- The plan ---------------------------------------------------------------------------------


@dataclass
class AccountSpec:
    """A demo login, and what its role grant binds it to."""

    role: str
    username: str
    password: str
    full_name: str
    target: Region | Station | Person | HandlingUnit | None = None

    def as_dict(self) -> dict:
        row = {
            "role": self.role,
            "username": self.username,
            "password": self.password,
            "full_name": self.full_name,
        }
        if isinstance(self.target, Region):
            row["region_code"] = self.target.code
            row["region"] = self.target.name
        elif self.target is not None:
            row["bound_to"] = {
                "model": self.target._meta.label_lower,
                "id": self.target.pk,
                "name": str(self.target),
            }
        return row


@dataclass
class Plan:
    """Everything the demo writes, as unsaved instances in the order they are inserted."""

    congresses: list[Congress] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)
    groups: list[DeputyGroup] = field(default_factory=list)
    memberships: list[GroupMembership] = field(default_factory=list)
    stations: list[Station] = field(default_factory=list)
    assignments: list[StationAssignment] = field(default_factory=list)
    units: list[HandlingUnit] = field(default_factory=list)
    accounts: list[AccountSpec] = field(default_factory=list)

    def tables(self) -> list[tuple[str, type, list]]:
        """(progress label, model, instances) in an order that inserts parents first."""
        return [
            ("Congresses", Congress, self.congresses),
            ("Terms", Term, self.terms),
            ("Sessions", Session, self.sessions),
            ("People", Person, self.people),
            ("Mandates", Mandate, self.mandates),
            ("Deputy groups", DeputyGroup, self.groups),
            ("Group members", GroupMembership, self.memberships),
            ("Stations", Station, self.stations),
            ("Station assignments", StationAssignment, self.assignments),
            ("Handling units", HandlingUnit, self.units),
        ]

    def summary(self) -> dict:
        """The figures `renda demo` reports."""
        seated = [m for m in self.mandates if m.end is None]
        per_person = Counter(id(m.person) for m in seated)
        levels = Counter(m.congress.level for m in seated)
        return {
            "people": len(self.people),
            "deputies": len(per_person),
            "seats": {label: levels[level] for level, label in SEAT_LABELS.items()},
            "two_seats": sum(1 for n in per_person.values() if n == 2),
            "three_seats": sum(1 for n in per_person.values() if n >= 3),
            "ended": sum(
                1 for m in self.mandates if m.end_reason and m.end_reason != MandateEndReason.EXPIRY
            ),
            "stations": len(self.stations),
            "units": len(self.units),
            "users": len(self.accounts),
        }


@dataclass(frozen=True)
class _Profile:
    """A deputy's post and work unit, and what follows from them."""

    post: str
    work_unit: str
    sector: str
    office: bool = False  # held by one person at a time, so the holder changes between terms
    chair: bool = False  # 人大主席 / 人大工委主任: leads the town's deputy group and home


@dataclass(eq=False)
class _Who:
    """A person of the plan, with where they live and work; compared by identity."""

    person: Person
    profile: _Profile
    town: "_Town"
    village: Region | None = None


@dataclass(eq=False)
class _Seat:
    """A mandate of the plan and its holder."""

    mandate: Mandate
    who: _Who
    term: int  # PREVIOUS or CURRENT

    @property
    def serving(self) -> bool:
        return self.term == CURRENT and self.mandate.end is None


@dataclass(eq=False)
class _Town:
    """A town or street of the district, with its villages and communities in code order."""

    region: Region
    villages: list[Region]

    @property
    def code(self) -> str:
        return self.region.code

    @property
    def name(self) -> str:
        return self.region.name

    @property
    def is_street(self) -> bool:
        return self.name.endswith("街道")

    @property
    def short(self) -> str:
        return self.name.removesuffix("街道").removesuffix("镇")


def village_short(village: Region) -> str:
    """黄坭村村民委员会 → 黄坭村, 玉屏社区居民委员会 → 玉屏社区."""
    return village.name.removesuffix("村民委员会").removesuffix("居民委员会")


def _is_community(village: Region) -> bool:
    return village_short(village).endswith("社区")


def _stem(village: Region) -> str:
    """黄坭村 → 黄坭, 玉屏社区 → 玉屏: how a cooperative or farm names its place."""
    return village_short(village).removesuffix("村").removesuffix("社区")


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_digit(body: str) -> str:
    """The 18th character of a resident ID number (GB 11643) for its first 17 digits."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def apportion(total: int, weights: Mapping[str, float], minimum: int) -> dict[str, int]:
    """Share `total` seats by weight (largest remainder), each key getting at least `minimum`."""
    keys = list(weights)
    spare = max(total - minimum * len(keys), 0)
    exact = {k: spare * weights[k] / sum(weights.values()) for k in keys}
    seats = {k: minimum + int(exact[k]) for k in keys}
    left = minimum * len(keys) + spare - sum(seats.values())
    by_remainder = sorted(keys, key=lambda k: (int(exact[k]) - exact[k], keys.index(k)))
    for k in by_remainder[:left]:
        seats[k] += 1
    return seats


class _Planner:
    """Draws the demo from one `random.Random` and one Faker, always in the same order."""

    def __init__(self, *, seed: int, scale: float, regions: Mapping[str, Region]):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.scale = scale
        self.regions = regions
        self.plan = Plan()
        self.towns = [
            _Town(
                r,
                sorted(
                    (
                        v
                        for v in regions.values()
                        if v.level == RegionLevel.VILLAGE and v.code.startswith(r.prefix)
                    ),
                    key=lambda v: v.code,
                ),
            )
            for r in sorted(regions.values(), key=lambda r: r.code)
            if r.level == RegionLevel.TOWN and r.code.startswith(regions[RONGCHANG].prefix)
        ]
        self.town_of = {t.code: t for t in self.towns}
        self.congresses: dict[str, Congress] = {}
        self.terms: dict[tuple[str, int], Term] = {}
        self.seats: list[_Seat] = []
        self.rosters: dict[tuple[str, str, int], list[_Who]] = {}
        self.offices: dict[tuple, _Who] = {}  # one holder per office and term
        self.homes: dict[str, Station] = {}
        self.village_stations: dict[str, Station] = {}
        self.station_town: dict[int, _Town] = {}
        self._names: set[str] = set()
        self._id_bodies: set[str] = set()

    def run(self) -> Plan:
        self._congresses()
        self._deputies()
        self._ends()
        self._stations()
        self._assignments()
        self._groups()
        self._units()
        self._accounts()
        return self.plan

    # --- drawing ------------------------------------------------------------------------------

    def pick(self, table: Mapping[T, float]) -> T:
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    def _name(self, gender: str) -> str:
        """A Faker zh_CN name, unique in the demo so that search and lists read clearly."""
        given_name = (
            self.fake.first_name_male if gender == Gender.MALE else self.fake.first_name_female
        )
        for _ in range(50):
            given = given_name()
            # Faker's given names are mostly one character; most Chongqing names have two.
            if len(given) == 1 and self.rng.random() < 0.6:
                other = given_name()
                if len(other) == 1 and other != given:
                    given = other + given
            name = self.fake.last_name() + given
            if name not in self._names:
                break
        self._names.add(name)
        return name

    def _id_number(self, birth: date, gender: str) -> str:
        """A well-formed ID number: the old 荣昌县 area code, birth date, gendered sequence."""
        while True:
            seq = self.rng.randrange(1000)
            if (seq % 2 == 1) != (gender == Gender.MALE):  # odd for men, even for women
                seq = (seq + 1) % 1000
            body = f"500226{birth:%Y%m%d}{seq:03d}"
            if body not in self._id_bodies:
                self._id_bodies.add(body)
                return body + id_check_digit(body)

    def _who(self, profile: _Profile, town: _Town, village: Region | None = None) -> _Who:
        traits = TRAITS[profile.sector]
        gender = Gender.FEMALE if self.rng.random() < traits.female else Gender.MALE
        name = self._name(gender)
        age = self.rng.randint(*traits.ages)
        birth = date(DEMO_TODAY.year - age, self.rng.randint(1, 12), self.rng.randint(1, 28))
        party_member = profile.office or profile.post.startswith(("村党支部", "社区党委"))
        person = Person(
            name=name,
            gender=gender,
            ethnicity=self.pick(ETHNICITIES),
            birth_date=birth,
            party=Party.CPC if party_member else self.pick(traits.party),
            education=self.pick(traits.education),
            phone=self.fake.phone_number(),
            phone_public=self.rng.random() < (0.4 if profile.sector == VILLAGE else 0.12),
            id_number=self._id_number(birth, gender) if self.rng.random() < 0.7 else "",
            name_pinyin=names.pinyin(name),
            name_initials=names.initials(name),
            stroke_key=names.stroke_key(name),
        )
        self.plan.people.append(person)
        return _Who(person, profile, town, village)

    def _company(self) -> str:
        return f"重庆{self.fake.company_prefix()}{self.rng.choice(INDUSTRIES)}有限公司"

    def _free(self, sector: str, town: _Town, village: Region | None = None) -> _Who:
        """A new deputy of `sector` who holds no office: an entrepreneur, a teacher, a farmer…"""
        rng, t = self.rng, town
        if sector in (VILLAGE, FARMER):
            village = village or rng.choice(t.villages)
        if sector == ENTERPRISE:
            post, unit = (
                rng.choice(("董事长", "总经理", "董事长、总经理", "副总经理")),
                self._company(),
            )
        elif sector == WORKER:
            post = rng.choice(("车间主任", "技术员", "一线职工", "班组长", "质检员"))
            unit = self._company()
        elif sector == EDU:
            post = rng.choice(("教师", "教师", "校长", "副校长"))
            unit = rng.choice(
                (
                    f"重庆市荣昌区{t.short}{'小学校' if t.is_street else '中心小学校'}",
                    f"重庆市荣昌区{t.short}中学校",
                    "重庆市荣昌中学校",
                    "重庆市荣昌职业教育中心",
                )
            )
        elif sector == HEALTH:
            post = rng.choice(("医生", "主治医师", "护士长", "副院长"))
            clinic = "社区卫生服务中心" if t.is_street else "中心卫生院"
            unit = rng.choice(
                (
                    "重庆市荣昌区人民医院",
                    "重庆市荣昌区中医院",
                    "重庆市荣昌区妇幼保健院",
                    f"重庆市荣昌区{t.name}{clinic}",
                )
            )
        elif sector == LAW:
            post, unit = (
                rng.choice(("律师", "律师事务所主任")),
                f"重庆{self.fake.company_prefix()}律师事务所",
            )
        elif sector == TRADE:
            post = "个体工商户"
            unit = f"荣昌区{t.short}{self.fake.company_prefix()}{rng.choice(SHOPS)}"
        elif sector == AGRI:
            stem = _stem(village) if village else t.short
            if rng.random() < 0.6:
                post, unit = "合作社理事长", f"荣昌区{stem}{rng.choice(PRODUCTS)}专业合作社"
            else:
                post, unit = "家庭农场主", f"荣昌区{stem}{rng.choice(FARM_WORDS)}家庭农场"
        elif sector == FARMER:
            post, unit = (
                rng.choice(("农民", "种植大户", "养殖大户")),
                f"{t.name}{village_short(village)}",
            )
        else:  # VILLAGE without an office: a group leader or grid member
            post = "社区网格员" if _is_community(village) else "村民小组长"
            unit = f"{t.name}{village.name}"
        return self._who(_Profile(post, unit, sector), town, village)

    # --- offices: one holder per term, shared between the rosters of that term ---------------

    def _office(self, key: tuple, profile: _Profile, town: _Town, village=None) -> _Who:
        if key not in self.offices:
            self.offices[key] = self._who(profile, town, village)
        return self.offices[key]

    def _cadre(self, term: int, town: _Town, slot: int) -> _Who:
        """The town's party secretary, its congress chair, its mayor (for a street: the
        party-committee secretary, the 人大工委 director, the office director)."""
        s = town.name
        if town.is_street:
            posts = (
                ("街道党工委书记", f"中共重庆市荣昌区{s}工作委员会", False),
                ("街道人大工委主任", f"重庆市荣昌区{s}人大工作委员会", True),
                ("街道办事处主任", f"重庆市荣昌区人民政府{s}办事处", False),
            )
        else:
            posts = (
                ("镇党委书记", f"中共重庆市荣昌区{s}委员会", False),
                ("镇人大主席", f"重庆市荣昌区{s}人大主席团", True),
                ("镇长", f"重庆市荣昌区{s}人民政府", False),
            )
        post, unit, chair = posts[slot]
        return self._office((term, town.code, slot), _Profile(post, unit, GOV, True, chair), town)

    def _town_official(self, term: int, town: _Town, slot: int) -> _Who:
        """Office holders who sit in the town congress only."""
        s, short = town.name, town.short
        post, unit, sector = (
            ("镇党委副书记", f"中共重庆市荣昌区{s}委员会", GOV),
            ("副镇长", f"重庆市荣昌区{s}人民政府", GOV),
            ("镇人大副主席", f"重庆市荣昌区{s}人大主席团", GOV),
            ("镇纪委书记", f"中共重庆市荣昌区{s}纪律检查委员会", GOV),
            ("校长", f"重庆市荣昌区{short}中心小学校", EDU),
            ("院长", f"重庆市荣昌区{s}中心卫生院", HEALTH),
            ("派出所所长", f"重庆市公安局荣昌区分局{short}派出所", LAW),
        )[slot]
        return self._office(
            ("official", term, town.code, slot), _Profile(post, unit, sector, True), town
        )

    def _leader(self, term: int, slot: int) -> _Who:
        """A district leader, elected in a town or street of the district (streets first)."""
        post, unit, sector = DISTRICT_LEADERS[slot]
        town = self.towns[slot % len(self.towns)]
        return self._office(("leader", term, slot), _Profile(post, unit, sector, True), town)

    def _officer(self, term: int, town: _Town, village: Region, slot: int) -> _Who:
        posts = COMMUNITY_OFFICERS if _is_community(village) else VILLAGE_OFFICERS
        profile = _Profile(posts[slot], f"{town.name}{village.name}", VILLAGE, True)
        return self._office((term, village.code, slot), profile, town, village)

    # --- congresses ---------------------------------------------------------------------------

    def _congresses(self) -> None:
        def add(region, level, name, terms, first_day, days):
            congress = Congress(region=region, level=level, name=name)
            self.plan.congresses.append(congress)
            self.congresses[region.code] = congress
            for index, (ordinal, start, end) in terms.items():
                term = Term(congress=congress, ordinal=ordinal, start=start, end=end)
                self.plan.terms.append(term)
                self.terms[(region.code, index)] = term
                # One plenary session a year, in January, up to the demo's present.
                last_year = min(end.year, DEMO_TODAY.year)
                for n, year in enumerate(range(start.year, last_year + 1), start=1):
                    opening = date(year, 1, first_day)
                    self.plan.sessions.append(
                        Session(
                            term=term,
                            ordinal=n,
                            start=opening,
                            end=opening + timedelta(days=days - 1),
                        )
                    )

        add(
            self.regions[CHONGQING],
            CongressLevel.PROVINCIAL,
            "重庆市人民代表大会",
            MUNICIPAL_TERMS,
            12,
            5,
        )
        local = {i: (DISTRICT_ORDINALS[i], *LOCAL_TERMS[i]) for i in (PREVIOUS, CURRENT)}
        add(self.regions[RONGCHANG], CongressLevel.COUNTY, "重庆市荣昌区人民代表大会", local, 6, 4)
        for town in self.towns:
            if not town.is_street:
                # Towns were merged and renumbered at different times; their terms differ.
                now = self.rng.randint(17, 20)
                terms = {
                    PREVIOUS: (now - 1, *LOCAL_TERMS[PREVIOUS]),
                    CURRENT: (now, *LOCAL_TERMS[CURRENT]),
                }
                add(
                    town.region,
                    CongressLevel.TOWN,
                    f"荣昌区{town.name}人民代表大会",
                    terms,
                    self.rng.randint(2, 9),
                    2,
                )

    # --- deputies -----------------------------------------------------------------------------

    def _deputies(self) -> None:
        weights = {t.code: len(t.villages) + (6 if t.is_street else 2) for t in self.towns}
        # At least a secretary, a chair and one seat open to others, however small the scale.
        district = apportion(round(DISTRICT_SEATS * self.scale), weights, minimum=3)
        town_weights = {t.code: len(t.villages) + 4 for t in self.towns if not t.is_street}
        town = apportion(round(TOWN_SEATS * self.scale), town_weights, minimum=4)
        municipal = max(3, round(MUNICIPAL_SEATS * self.scale))
        rongchang = self.regions[RONGCHANG]
        # The current terms first: the previous rosters re-elect from them.
        for term in (CURRENT, PREVIOUS):
            district_term = self.terms[(RONGCHANG, term)]
            for t in self.towns:
                whos = self._district_roster(term, t, district[t.code])
                for k, who in enumerate(whos):
                    self._seat(who, district_term, term, f"{t.name}第{k // 3 + 1}选区", t.region)
            for t in self.towns:
                if t.is_street:
                    continue
                for who in self._town_roster(term, t, town[t.code]):
                    village = who.village or t.villages[0]
                    self._seat(
                        who,
                        self.terms[(t.code, term)],
                        term,
                        f"{village_short(village)}选区",
                        t.region,
                    )
            for who in self._municipal_roster(term, municipal):
                self._seat(
                    who, self.terms[(CHONGQING, term)], term, "荣昌区人民代表大会", rongchang
                )

    def _seat(
        self,
        who: _Who,
        term: Term,
        index: int,
        electoral_unit: str,
        region: Region,
        start: date | None = None,
    ) -> _Seat:
        mandate = Mandate(
            person=who.person,
            congress=term.congress,
            term=term,
            electoral_unit=electoral_unit,
            electoral_region=region,
            post=who.profile.post,
            work_unit=who.profile.work_unit,
            start=start or term.start,
        )
        if index == PREVIOUS:
            mandate.end, mandate.end_reason = term.end, MandateEndReason.EXPIRY
        seat = _Seat(mandate, who, index)
        self.seats.append(seat)
        self.plan.mandates.append(mandate)
        return seat

    def _pool(self, kind: str, scope: str, term: int) -> list[_Who]:
        """Who may be re-elected into a previous roster: this term's holders of no office."""
        if term == CURRENT:
            return []
        return [w for w in self.rosters[(kind, scope, CURRENT)] if not w.profile.office]

    def _reelect(self, pool: list[_Who]) -> _Who | None:
        if pool and self.rng.random() < REELECTED:
            return pool.pop(self.rng.randrange(len(pool)))
        return None

    def _district_roster(self, term: int, town: _Town, quota: int) -> list[_Who]:
        whos = [self._cadre(term, town, slot) for slot in range(min(3, quota - 1))]
        index = self.towns.index(town)
        for slot in range(index, len(DISTRICT_LEADERS), len(self.towns)):
            if len(whos) < quota:
                whos.append(self._leader(term, slot))
        pool = self._pool("district", town.code, term)
        # The newspaper's village comes first in its town, so its head sits at three levels.
        villages = sorted(town.villages, key=lambda v: v.code != HUANGNI)
        next_village = 0
        while len(whos) < quota:
            who = self._reelect(pool)
            sector = self.pick(DISTRICT_SECTORS) if who is None else None
            # A village's head stands for the district in its turn; once every village has
            # one in the roster, a "village" seat goes to a farmer instead.
            while sector == VILLAGE and next_village < len(villages):
                village = villages[next_village]
                next_village += 1
                head = self._officer(term, town, village, 0)
                if head not in whos:
                    who = head
                    break
            who = who or self._free(FARMER if sector == VILLAGE else sector, town)
            whos.append(who)
        self.rosters[("district", town.code, term)] = whos
        return whos

    def _town_roster(self, term: int, town: _Town, quota: int) -> list[_Who]:
        # Office holders take a few seats; villages and their residents fill the rest.
        whos = [self._cadre(term, town, slot) for slot in range(min(3, quota - 1))]
        for slot in range(min(7, quota // 5)):
            whos.append(self._town_official(term, town, slot))
        pool = self._pool("town", town.code, term)
        visits = Counter()
        turn = 0
        while len(whos) < quota:
            # Round the villages: each sends its officers first, then other residents.
            village = town.villages[turn % len(town.villages)]
            turn += 1
            slot = visits[village.code]
            visits[village.code] += 1
            if slot < min(len(VILLAGE_OFFICERS), quota // 12):
                who = self._officer(term, town, village, slot)
            else:
                who = self._reelect(pool)
                if who is None and self.rng.random() < 0.6:
                    who = self._free(
                        self.rng.choice((VILLAGE, FARMER, FARMER, AGRI)), town, village
                    )
                elif who is None:
                    who = self._free(self.pick(TOWN_FREE_SECTORS), town, village)
            if who not in whos:
                whos.append(who)
        self.rosters[("town", town.code, term)] = whos
        return whos

    def _municipal_roster(self, term: int, quota: int) -> list[_Who]:
        whos: list[_Who] = []
        if term == CURRENT:
            # Rongchang's delegation: district leaders, two town secretaries and a village head
            # (who thereby sit at three levels), two entrepreneurs — if the district seated them.
            in_district = {
                id(w)
                for k, ws in self.rosters.items()
                if k[0] == "district" and k[2] == CURRENT
                for w in ws
            }
            entrepreneurs = [
                w
                for k, ws in self.rosters.items()
                if k[0] == "district" and k[2] == CURRENT
                for w in ws
                if w.profile.sector == ENTERPRISE and w.profile.post.startswith("董事长")
            ]
            wanted = [
                self.offices.get(("leader", CURRENT, 0)),
                self.offices.get((CURRENT, ZHISHENG, 0)),
                self.offices.get((CURRENT, HUANGNI, 0)),
                self.offices.get(("leader", CURRENT, 1)),
                self.offices.get(("leader", CURRENT, 2)),
                *entrepreneurs[:2],
                self.offices.get((CURRENT, WUJIA, 0)),
            ]
            whos = [w for w in wanted if w is not None and id(w) in in_district][:quota]
        pool = self._pool("municipal", CHONGQING, term)
        sectors = iter(MUNICIPAL_SECTORS * 3)
        while len(whos) < quota:
            who = self._reelect(pool)
            whos.append(who or self._free(next(sectors), self.rng.choice(self.towns)))
        self.rosters[("municipal", CHONGQING, term)] = whos
        return whos

    def _ends(self) -> None:
        """Resignations (劝辞) in the previous terms; in the current ones two resignations and
        a termination, each seat filled again by a by-election (补选)."""
        held = Counter(id(s.who) for s in self.seats)

        def candidates(term):
            return [
                s
                for s in self.seats
                if s.term == term
                and held[id(s.who)] == 1
                and not s.who.profile.office
                and s.mandate.congress.level != CongressLevel.PROVINCIAL
            ]

        previous = candidates(PREVIOUS)
        count = min(len(previous), max(1, round(PREVIOUS_RESIGNATIONS * self.scale)))
        for k, seat in enumerate(self.rng.sample(previous, count)):
            self._end(
                seat,
                MandateEndReason.RESIGNATION,
                DRUNK_DRIVING_NOTE if k == 0 else self.rng.choice(RESIGNATION_NOTES),
                date(2018, 6, 1),
                date(2021, 6, 30),
            )
        current = candidates(CURRENT)
        reasons = [
            (MandateEndReason.RESIGNATION, RESIGNATION_NOTES[0]),
            (MandateEndReason.RESIGNATION, RESIGNATION_NOTES[3]),
            (MandateEndReason.TERMINATION, TERMINATION_NOTE),
        ]
        for seat, (reason, note) in zip(
            self.rng.sample(current, min(3, len(current))), reasons, strict=False
        ):
            end = self._end(seat, reason, note, date(2023, 3, 1), date(2025, 9, 30))
            who = seat.who
            successor = self._free(self.pick(TOWN_FREE_SECTORS), who.town, who.village)
            m = seat.mandate
            self._seat(
                successor,
                m.term,
                CURRENT,
                m.electoral_unit,
                m.electoral_region,
                start=end + timedelta(days=self.rng.randint(45, 120)),
            )

    def _end(self, seat: _Seat, reason: str, note: str, first: date, last: date) -> date:
        end = first + timedelta(days=self.rng.randint(0, (last - first).days))
        seat.mandate.end, seat.mandate.end_reason, seat.mandate.end_note = end, reason, note
        return end

    # --- stations -----------------------------------------------------------------------------

    def _point(self, centre: tuple[float, float], spread: tuple[float, float]):
        lat = centre[0] + self.rng.uniform(-spread[0], spread[0])
        lon = centre[1] + self.rng.uniform(-spread[1], spread[1])
        return lat, lon

    def _station(
        self,
        town: _Town,
        region: Region,
        name: str,
        kind: str,
        address: str,
        rule: str,
        point,
        hours=MORNING,
        phone: str | None = None,
    ) -> Station:
        station = Station(
            name=name,
            kind=kind,
            region=region,
            address=address,
            phone=phone if phone is not None else f"023-467{self.rng.randint(10000, 99999)}",
            latitude=Decimal(f"{point[0]:.6f}"),
            longitude=Decimal(f"{point[1]:.6f}"),
            reception_rule=rule,
            reception_start_time=hours[0],
            reception_end_time=hours[1],
        )
        self.plan.stations.append(station)
        self.station_town[id(station)] = town
        return station

    def _stations(self) -> None:
        for town in self.towns:
            spread = (0.03, 0.035) if town.is_street else (0.16, 0.18)
            centre = self._point(CENTRE, spread)
            street = f"{town.short}{self.rng.choice(STREET_SUFFIXES)}{self.rng.randint(1, 200)}号"
            self.homes[town.code] = self._station(
                town,
                town.region,
                f"{town.name}人大代表之家",
                StationKind.DEPUTY_HOME,
                f"重庆市荣昌区{town.name}{street}",
                self.pick(HOME_RULES),
                centre,
            )
            for village in town.villages:
                short = village_short(village)
                if village.code == LIANGPING:
                    kind = StationKind.CONTACT_POINT
                elif village.code == HUANGNI:
                    kind = StationKind.LIAISON_STATION
                else:
                    draw = self.rng.random()
                    kind = (
                        StationKind.LIAISON_STATION
                        if draw < 0.6
                        else StationKind.ACTIVITY_ROOM
                        if draw < 0.72
                        else StationKind.CONTACT_POINT
                        if draw < 0.8
                        else None
                    )
                if kind is None:
                    continue
                name, rules = {
                    StationKind.LIAISON_STATION: (f"{short}人大代表联络站", LIAISON_RULES),
                    StationKind.ACTIVITY_ROOM: (f"{short}人大代表活动室", ROOM_RULES),
                    StationKind.CONTACT_POINT: (f"{short}民情联络点", POINT_RULES),
                }[kind]
                phone = self.fake.phone_number() if self.rng.random() < 0.6 else ""
                self.village_stations[village.code] = self._station(
                    town,
                    village,
                    name,
                    kind,
                    f"重庆市荣昌区{town.name}{short}党群服务中心",
                    self.pick(rules),
                    self._point(centre, (0.03, 0.03)),
                    phone=phone,
                )
            if not town.is_street and self.rng.random() < 0.35:
                # Market days bring the town's villages together: a contact point at the market.
                self._station(
                    town,
                    town.region,
                    f"{town.name}农贸市场民情联络点",
                    StationKind.CONTACT_POINT,
                    f"重庆市荣昌区{town.name}{town.short}农贸市场",
                    self.pick(POINT_RULES),
                    self._point(centre, (0.005, 0.005)),
                    hours=MARKET,
                )
        for code, name, address, _sectors in WORK_STATIONS:
            town = self.town_of[code]
            self._station(
                town,
                town.region,
                name,
                StationKind.WORK_STATION,
                address,
                WORK_RULE,
                self._point(CENTRE, (0.04, 0.04)),
                hours=AFTERNOON,
            )

    def _assignments(self) -> None:
        """Every serving deputy joins a station near home (混编: levels mixed), some also a work
        station; stations left empty borrow deputies of their town; the senior deputy heads."""
        current = [s for s in self.seats if s.term == CURRENT]
        order = {id(s): i for i, s in enumerate(current)}
        rosters: dict[int, list[_Seat]] = {id(st): [] for st in self.plan.stations}

        def add(station, seat):
            if seat not in rosters[id(station)]:
                rosters[id(station)].append(seat)

        for seat in current:
            village = seat.who.village
            station = None
            if seat.mandate.congress.level == CongressLevel.TOWN and village is not None:
                station = self.village_stations.get(village.code)
            add(station or self.homes[seat.who.town.code], seat)
        work = [st for st in self.plan.stations if st.kind == StationKind.WORK_STATION]
        for station, (_c, _n, _a, sectors) in zip(work, WORK_STATIONS, strict=True):
            fits = [s for s in current if s.serving and s.who.profile.sector in sectors]
            for seat in sorted(
                self.rng.sample(fits, min(WORK_STATION_SIZE, len(fits))), key=lambda s: order[id(s)]
            ):
                add(station, seat)
        for station in self.plan.stations:
            if any(s.serving for s in rosters[id(station)]):
                continue
            town = self.station_town[id(station)]
            nearby = [s for s in current if s.serving and s.who.town is town]
            own = [s for s in nearby if s.who.village is station.region]
            others = [s for s in nearby if s not in own]
            for seat in own + self.rng.sample(others, min(max(0, 3 - len(own)), len(others))):
                add(station, seat)
        for station in self.plan.stations:
            seats = rosters[id(station)]
            serving = [s for s in seats if s.serving]
            head = min(
                serving,
                key=lambda s: (not s.who.profile.chair, s.mandate.congress.level, order[id(s)]),
            )
            for seat in seats:
                m = seat.mandate
                self.plan.assignments.append(
                    StationAssignment(
                        station=station,
                        mandate=m,
                        start=m.start,
                        end=m.end,
                        role=AssignmentRole.HEAD if seat is head else AssignmentRole.MEMBER,
                    )
                )

    # --- groups, units, users -----------------------------------------------------------------

    def _group(
        self,
        name: str,
        kind: str,
        congress_code: str,
        region: Region,
        seats: Sequence[_Seat],
        deputy_leader: bool = False,
    ) -> list[_Seat]:
        if not seats:
            return []
        group = DeputyGroup(
            name=name, kind=kind, congress=self.congresses[congress_code], region=region
        )
        self.plan.groups.append(group)
        for k, seat in enumerate(seats):
            role = (
                GroupRole.LEADER
                if k == 0
                else GroupRole.DEPUTY_LEADER
                if k == 1 and deputy_leader
                else GroupRole.MEMBER
            )
            self.plan.memberships.append(
                GroupMembership(group=group, mandate=seat.mandate, role=role)
            )
        return list(seats[: 2 if deputy_leader else 1])

    def _groups(self) -> None:
        """A deputy group per town and street (its chair leads), liaison groups for the
        municipal delegation and for three areas, and the district's specialist groups."""
        serving = [s for s in self.seats if s.serving]
        district = [s for s in serving if s.mandate.congress.level == CongressLevel.COUNTY]
        rongchang = self.regions[RONGCHANG]
        leaders: dict[str, list[_Seat]] = {}
        for town in self.towns:
            members = [s for s in district if s.who.town is town]
            members.sort(key=lambda s: not s.who.profile.chair)  # stable: roster order otherwise
            leaders[town.code] = self._group(
                f"{town.name}代表小组",
                GroupKind.DEPUTY_GROUP,
                RONGCHANG,
                town.region,
                members,
                deputy_leader=len(members) >= 3,
            )
        municipal = [s for s in serving if s.mandate.congress.level == CongressLevel.PROVINCIAL]
        municipal.sort(key=lambda s: s.who.profile.post != "区人大常委会主任")
        self._group(
            "荣昌区市人大代表联系组", GroupKind.LIAISON_GROUP, CHONGQING, rongchang, municipal
        )
        streets = [t for t in self.towns if t.is_street]
        towns = [t for t in self.towns if not t.is_street]
        half = (len(towns) + 1) // 2
        for name, area in (
            ("城区片区联系组", streets),
            (f"{towns[0].short}片区联系组", towns[:half]),
            (f"{towns[half].short}片区联系组", towns[half:]),
        ):
            members = [s for t in area for s in leaders[t.code]]
            self._group(name, GroupKind.LIAISON_GROUP, RONGCHANG, rongchang, members)
        for name, sectors in SPECIALIST_GROUPS:
            fits = [s for s in district if s.who.profile.sector in sectors]
            chosen = self.rng.sample(fits, min(SPECIALIST_GROUP_SIZE, len(fits)))
            chosen.sort(key=lambda s: (not s.who.profile.office, district.index(s)))
            self._group(name, GroupKind.SPECIALIST_GROUP, RONGCHANG, rongchang, chosen)

    def _units(self) -> None:
        for short, name in HANDLING_UNITS:
            self.plan.units.append(
                HandlingUnit(
                    region=self.regions[RONGCHANG],
                    name=name,
                    short_name=short,
                    phone=f"023-467{self.rng.randint(10000, 99999)}",
                )
            )

    def _accounts(self) -> None:
        """One login per role; the deputy is the person holding the most seats."""

        def account(role, username, target=None, full_name=None):
            full_name = full_name or self._name(self.pick({Gender.MALE: 1, Gender.FEMALE: 1}))
            password = f"rongchang-{role}-{self.rng.randint(1000, 9999)}"
            self.plan.accounts.append(AccountSpec(role, username, password, full_name, target))

        serving = [s for s in self.seats if s.serving]
        seats_of = Counter(id(s.who) for s in serving)
        first = {}
        for i, s in enumerate(serving):
            first.setdefault(id(s.who), (i, s.who))
        # Prefer a grass-roots deputy to an office holder among those with the most seats.
        _, deputy = min(
            first.values(),
            key=lambda p: (
                -seats_of[id(p[1])],
                p[1].profile.office and p[1].profile.sector == GOV,
                p[0],
            ),
        )
        unit = next(u for u in self.plan.units if u.short_name == UNIT_USER_UNIT)
        account(Role.ADMIN, "admin")
        account(Role.STAFF, "cq-staff", self.regions[CHONGQING])
        account(Role.STAFF, "rc-staff", self.regions[RONGCHANG])
        account(Role.STAFF, "zs-staff", self.regions[ZHISHENG])
        account(Role.STAFF, "cy-staff", self.regions[CHANGYUAN])
        account(Role.LIAISON, "liaison", self.village_stations[HUANGNI])
        account(Role.DEPUTY, "deputy", deputy.person, deputy.person.name)
        account(Role.UNIT, "unit", unit)


def plan(*, seed: int = DEFAULT_SEED, scale: float = 1.0, regions: Mapping[str, Region]) -> Plan:
    """Draw the demo from `seed` over `regions` (code → Region: Chongqing, Rongchang and
    everything under it) without touching the database. `scale` shrinks the rosters."""
    return _Planner(seed=seed, scale=scale, regions=regions).run()


def demo_regions() -> dict[str, Region]:
    """The loaded regions the demo builds on: Chongqing, and Rongchang with its subtree."""
    rows = Region.objects.filter(Q(code=CHONGQING) | Q(code__startswith=RONGCHANG[:6]))
    return {r.code: r for r in rows}


# --- Writing ----------------------------------------------------------------------------------


def has_data() -> bool:
    """Whether the database already holds what the demo would create (regions aside)."""
    return any(m.objects.exists() for m in (Congress, Person, Station))


@dataclass
class DemoResult:
    """What `build` wrote, and the logins it made (as written to the accounts file)."""

    plan: Plan
    accounts: list[dict]

    @property
    def summary(self) -> dict:
        return self.plan.summary()


def build(*, seed: int = DEFAULT_SEED, scale: float = 1.0, progress: bool = False) -> DemoResult:
    """Load the division codes and write the demo district, all in one transaction.

    Refuses (Conflict) when congresses, people or stations exist already, or a demo username is
    taken: the demo's fixed names would collide with them."""
    if has_data():
        raise Conflict(NOT_EMPTY)
    steps = 3 + len(Plan().tables())
    bar = tqdm(
        total=steps,
        desc="Demo",
        unit="step",
        file=sys.stderr,
        disable=not progress,
        bar_format="{desc:<26}{bar:30} {n_fmt}/{total_fmt} [{elapsed}]",
    )
    with bar, transaction.atomic():
        bar.set_description("Regions")
        regions_load(actor=ACTOR, rows=division_rows())
        bar.update()
        bar.set_description("Planning")
        the_plan = plan(seed=seed, scale=scale, regions=demo_regions())
        usernames = [spec.username for spec in the_plan.accounts]
        taken = User.objects.filter(username__in=usernames).values_list("username", flat=True)
        if taken:
            raise Conflict(USERNAMES_TAKEN % ", ".join(sorted(taken)))
        bar.update()
        for label, model, objs in the_plan.tables():
            bar.set_description(label)
            model.objects.bulk_create(objs, batch_size=500)
            audit.record_many(actor=ACTOR, action=AuditAction.IMPORT, objs=objs, note=AUDIT_NOTE)
            bar.update()
        bar.set_description("Users")
        accounts = [_create_account(spec) for spec in the_plan.accounts]
        bar.update()
        bar.set_description("Done")
    return DemoResult(the_plan, accounts)


def _create_account(spec: AccountSpec) -> dict:
    user = account_services.user_create(
        actor=ACTOR, username=spec.username, password=spec.password, full_name=spec.full_name
    )
    if spec.role == Role.ADMIN:
        # The demo administrator may also open Django's admin site.
        base.update(
            actor=ACTOR,
            obj=user,
            data={"is_staff": True, "is_superuser": True},
            fields=["is_staff", "is_superuser"],
            note=AUDIT_NOTE,
        )
    target = {ROLE_TARGET[spec.role]: spec.target} if spec.role in ROLE_TARGET else {}
    account_services.role_grant(actor=ACTOR, user=user, role=spec.role, **target)
    return spec.as_dict()


def write_accounts(path: Path, accounts: list[dict]) -> None:
    """Save the demo logins as JSON, readable only by their owner: they hold passwords."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(accounts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    path.chmod(0o600)

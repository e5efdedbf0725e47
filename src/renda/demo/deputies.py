"""The first stage of the demo's plan: its congresses and terms, and its people and their
seats. Deputies are drawn by sector into the municipal, district and town rosters; office
holders are shared between the rosters of a term, some of this term's deputies sat in the last
one too, and some seats ended early and were filled again.

`_DeputyPlanner` holds the random draws; `plan._Planner` goes on from it to the stations, groups,
handling units and logins, so the whole plan comes from one stream in one order."""

import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

from faker import Faker

from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Session, Term
from renda.core.identity import id_check_digit
from renda.demo.catalogue import (
    AGRI,
    CHONGQING,
    COMMUNITY_OFFICERS,
    CURRENT,
    DEMO_TODAY,
    DISTRICT_LEADERS,
    DISTRICT_ORDINALS,
    DISTRICT_SEATS,
    DISTRICT_SECTORS,
    DRUNK_DRIVING_NOTE,
    EDU,
    ENTERPRISE,
    ETHNICITIES,
    FARM_WORDS,
    FARMER,
    GOV,
    HEALTH,
    HUANGNI,
    INDUSTRIES,
    LAW,
    LOCAL_TERMS,
    MUNICIPAL_SEATS,
    MUNICIPAL_SECTORS,
    MUNICIPAL_TERMS,
    PREVIOUS,
    PREVIOUS_RESIGNATIONS,
    PREVIOUS_TRANSFERS,
    PRODUCTS,
    REELECTED,
    RESIGNATION_NOTES,
    RONGCHANG,
    SHOPS,
    TERMINATION_NOTE,
    TOWN_FREE_SECTORS,
    TOWN_SEATS,
    TRADE,
    TRAITS,
    TRANSFER_NOTE,
    VILLAGE,
    VILLAGE_OFFICERS,
    WORKER,
    WUJIA,
    ZHISHENG,
)
from renda.people import names
from renda.people.choices import Gender, MandateEndReason, Party
from renda.people.models import Mandate, Person
from renda.regions.choices import RegionLevel
from renda.regions.models import Region

if TYPE_CHECKING:
    from renda.demo.plan import Plan

T = TypeVar("T")


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


class _DeputyPlanner:
    """Draws congresses, people and seats from one `random.Random` and one Faker, always in the
    same order; `plan._Planner` extends it with the later stages."""

    def __init__(self, *, seed: int, scale: float, regions: Mapping[str, Region], plan: "Plan"):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.scale = scale
        self.regions = regions
        self.plan = plan
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
        self._names: set[str] = set()
        self._id_bodies: set[str] = set()

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
        """Resignations (劝辞) in the previous terms and town cadres transferred out of their
        towns; in the current ones two resignations and a termination. Every seat is filled
        again by a by-election (补选)."""
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
            end = self._end(
                seat,
                MandateEndReason.RESIGNATION,
                DRUNK_DRIVING_NOTE if k == 0 else self.rng.choice(RESIGNATION_NOTES),
                date(2018, 6, 1),
                date(2021, 6, 30),
            )
            self._by_election(seat, self._successor(seat), end)
        # A town's party secretary or mayor moved to another post in the district: the town
        # seat ends (调离本行政区域), the district seat stays, and the successor in office is
        # by-elected to the town congress. 河包镇's secretary stayed to 2020, as the paper has it.
        transferable = [
            s
            for s in self.seats
            if s.term == PREVIOUS
            and s.mandate.congress.level == CongressLevel.TOWN
            and held[id(s.who)] == 2
            and s.who.profile.post in ("镇党委书记", "镇长")
            and not (s.who.profile.post == "镇党委书记" and "河包镇" in s.who.profile.work_unit)
        ]
        for year, n in PREVIOUS_TRANSFERS.items():
            count = min(len(transferable), max(1, round(n * self.scale)))
            for seat in self.rng.sample(transferable, count):
                transferable.remove(seat)
                end = self._end(
                    seat,
                    MandateEndReason.TERMINATION,
                    TRANSFER_NOTE,
                    date(year, 3, 1),
                    date(year, 9, 30),
                )
                successor = self._who(seat.who.profile, seat.who.town)
                self._by_election(seat, successor, end)
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
            self._by_election(seat, self._successor(seat), end)

    def _successor(self, seat: _Seat) -> _Who:
        """Who a by-election brings in for a deputy who left: a resident holding no office."""
        who = seat.who
        return self._free(self.pick(TOWN_FREE_SECTORS), who.town, who.village)

    def _by_election(self, seat: _Seat, successor: _Who, end: date) -> _Seat:
        """`successor` takes `seat`'s place 45 to 120 days after it ended (补选)."""
        m = seat.mandate
        return self._seat(
            successor,
            m.term,
            seat.term,
            m.electoral_unit,
            m.electoral_region,
            start=end + timedelta(days=self.rng.randint(45, 120)),
        )

    def _end(self, seat: _Seat, reason: str, note: str, first: date, last: date) -> date:
        end = first + timedelta(days=self.rng.randint(0, (last - first).days))
        seat.mandate.end, seat.mandate.end_reason, seat.mandate.end_note = end, reason, note
        return end

"""The demo's plan: everything `renda demo` writes, as unsaved model instances. `plan()` draws
it as a function of (seed, scale, regions) alone, so two builds agree name for name and tests
can check it without writing; `builder` writes it.

The draws come from one `random.Random` and one Faker, always in the same order: the congresses,
people and seats first (`deputies._DeputyPlanner`), then, here, the stations the deputies staff,
their groups, the district's handling units and one login per role. The fixed data of the
district is in `catalogue`."""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Session, Term
from renda.core.choices import Role
from renda.demo.catalogue import (
    AFTERNOON,
    CENTRE,
    CHANGYUAN,
    CHONGQING,
    CURRENT,
    GOV,
    HANDLING_UNITS,
    HOME_RULES,
    HUANGNI,
    LIAISON_RULES,
    LIANGPING,
    MARKET,
    MORNING,
    POINT_RULES,
    RONGCHANG,
    ROOM_RULES,
    SECOND_UNIT_USER_UNIT,
    SPECIALIST_GROUP_SIZE,
    SPECIALIST_GROUPS,
    STREET_SUFFIXES,
    UNIT_USER_UNIT,
    WORK_RULE,
    WORK_STATION_SIZE,
    WORK_STATIONS,
    ZHISHENG,
)
from renda.demo.deputies import _DeputyPlanner, _Seat, _Town, village_short
from renda.people.choices import Gender, GroupKind, GroupRole, MandateEndReason
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.regions.models import HandlingUnit, Region
from renda.stations.choices import AssignmentRole, StationKind
from renda.stations.models import Station, StationAssignment

# Any fixed number would do; this one is the month Rongchang's "双亮双做" began.
DEFAULT_SEED = 201707
SEAT_LABELS = {
    CongressLevel.PROVINCIAL: "municipal",
    CongressLevel.COUNTY: "district",
    CongressLevel.TOWN: "town",
}


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


class _Planner(_DeputyPlanner):
    """Draws the whole demo: the deputies' stage, then stations, groups, units and logins."""

    def __init__(self, *, seed: int, scale: float, regions: Mapping[str, Region]):
        super().__init__(seed=seed, scale=scale, regions=regions, plan=Plan())
        self.homes: dict[str, Station] = {}
        self.village_stations: dict[str, Station] = {}
        self.station_town: dict[int, _Town] = {}

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
        """A deputy group per town and street (its chair leads), the municipal deputies' liaison
        group and delegation, liaison groups for three areas, and the specialist groups."""
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
        # The same deputies sit as the district's delegation (代表团) at the municipal
        # congress's sessions, which may submit motions as a body.
        self._group("荣昌区代表团", GroupKind.DELEGATION, CHONGQING, rongchang, municipal)
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
        """One login per role (two for handling units); the deputy is the person holding the
        most seats."""

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
        # Drawn last, so adding it left every earlier draw as it was.
        transport = next(u for u in self.plan.units if u.short_name == SECOND_UNIT_USER_UNIT)
        account(Role.UNIT, "jt-unit", transport)


def plan(*, seed: int = DEFAULT_SEED, scale: float = 1.0, regions: Mapping[str, Region]) -> Plan:
    """Draw the demo from `seed` over `regions` (code → Region: Chongqing, Rongchang and
    everything under it) without touching the database. `scale` shrinks the rosters."""
    return _Planner(seed=seed, scale=scale, regions=regions).run()


def demo_regions() -> dict[str, Region]:
    """The loaded regions the demo builds on: Chongqing, and Rongchang with its subtree."""
    rows = Region.objects.filter(Q(code=CHONGQING) | Q(code__startswith=RONGCHANG[:6]))
    return {r.code: r for r in rows}

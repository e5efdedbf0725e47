"""The demo's motions and suggestions (议案、建议) to the district congress, 2017–2026, drawn from
the seed after the deputies' plan.

How many: the items the office received each year — submitted, whatever came of them, withdrawn
ones and drafts aside — reproduce Rongchang's published yearly counts at scale 1, 488 in 2017
and 908 in 2019; the years between and after are filled in plausibly (`RECEIVED`), and
`--scale` shrinks them as it shrinks the rosters. Most come in during the January session,
the rest in recess. Each is led by a district deputy holding a seat that day (the previous term
until 2021, the current one since), on a subject that suits their work (`suggestion_texts`),
some with co-signers; motions carry ten or more signatures. Each year a motion or two is taken
up as a motion, the others are accepted as suggestions (议案转建议), a few items are not accepted
and some duplicates are merged into another.

What happens to them follows the rules' clocks: assigned at the spring 交办会 (recess items within
days) to a lead unit with or without co-handling units, or to two units separately; accepted by
the unit within ten working days, answered within three months (a few late) with a reply letter
in one of the four result categories, the co-handling units' opinions before it; rated by the
lead deputy — some 不满意, handled again and rated again, a few never rated (recorded as not
rated) — and for B and C a fulfilment report later, rated in turn. The 2018 motion on a second
sewage plant is followed until the plant ran in 2020; three themes are under key supervision
with their inspections and meetings. Closed items of past years are mostly disclosed, confidential
ones never. 2026 is in progress on the demo's date: every stage of the way holds some (a fixed
handful, `PIPELINE`, whatever the scale), some assignments overdue; the demo deputy, if they hold
a district seat, has a draft, a reply and a fulfilment report of their own to rate.

Everything is drawn into unsaved instances (`plan_suggestions`, a function of the deputies' plan,
seed and scale alone) and written with bulk inserts, each row audited with `record_many` as the
rest of the demo is; what a row's `auto_now_add` stamps at insertion (created, invited) is set
back to the day it happened. A reply letter is a PDF made once per result category and shared
by every letter of that category. The items do not register the "motion"/"suggestion" activity
of their deputies: the demo's register (`demo.activities`) draws those records itself.

Last, the two demo unit logins (区交通局 and 区住房城乡建委) are given work through the services
themselves (`inbox`): an assignment waiting to be accepted, one in hand, one near its due date,
one overdue, and for 区交通局 a co-handling one, one with a request for more time and one sent
back. The services stamp today; their assignments, clocks, replies, audit rows and notices are
then dated back (`_date_back`) to days counted from the build day (or the demo's date, if later),
so the clocks read as they should on the day the demo is used.
"""

import random
from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from renda.congresses.choices import CongressLevel
from renda.core import audit, workdays
from renda.core.choices import (
    AttachmentKind,
    AuditAction,
    DeadlineStatus,
    DeadlineUnit,
    RatingValue,
    Role,
)
from renda.core.deadlines import days_for_months
from renda.core.models import Attachment, AuditEntry, Deadline, Rating
from renda.demo import suggestion_texts as texts
from renda.demo.catalogue import DEMO_TODAY
from renda.demo.commitments import sector
from renda.demo.deputies import village_short
from renda.handling.choices import (
    AssignmentMode,
    AssignmentRole,
    AssignmentStatus,
    ContactMode,
    ReplyKind,
)
from renda.handling.models import Assignment, Reply
from renda.handling.querysets import ACCEPT_CLOCK, ANSWER_CLOCK
from renda.suggestions.choices import (
    CoSignerStatus,
    Rated,
    SubmissionPeriod,
    SuggestionKind,
    SuggestionStatus,
)
from renda.suggestions.models import CoSigner, KeySupervision, Suggestion, SupervisionEvent

ACTOR = "demo"
AUDIT_NOTE = "演示数据"  # stored in the history, read by the office: in Chinese
# The builder's progress bar: one step each.
STEPS = ("Motions and suggestions", "Their handling", "Units' inboxes")

S = SuggestionStatus
A = AssignmentStatus
FIRST_YEAR, THIS_YEAR = 2017, DEMO_TODAY.year
# Items received a year at scale 1: 2017 and 2019 as Rongchang published them, the others
# filled in (2018 between them, then about 900 a year; 2026 so far, before `PIPELINE`).
RECEIVED = {
    2017: 488,
    2018: 702,
    2019: 908,
    2020: 896,
    2021: 873,
    2022: 934,
    2023: 917,
    2024: 905,
    2025: 889,
    2026: 846,
}
MOTIONS = 8  # motions a year at scale 1, most accepted as suggestions
SESSION_SHARE = 0.78
# Shares of what comes of them; each past year has at least one of the rarer kinds.
NOT_ACCEPTED, MERGED, WITHDRAWN, CONFIDENTIAL = 0.010, 0.015, 0.003, 0.005
CATEGORIES = {"A": 64, "B": 24, "C": 9, "D": 3}
LATER = ("B", "C")  # reported on later (handling.choices.DEFAULT_RESULT_CATEGORIES)
CONTACTS = {
    ContactMode.MET: 55,
    ContactMode.CONSULTED: 15,
    ContactMode.PHONE: 20,
    ContactMode.WRITTEN: 8,
    ContactMode.NONE: 2,
}
LAPSE = "lapse"  # not rated in time: the office records it
FIRST_RATING = {
    RatingValue.SATISFIED: 84,
    RatingValue.BASICALLY_SATISFIED: 11,
    RatingValue.DISSATISFIED: 3.5,
    LAPSE: 1.5,
}
SECOND_RATING = {
    RatingValue.SATISFIED: 55,
    RatingValue.BASICALLY_SATISFIED: 38,
    RatingValue.DISSATISFIED: 5,
    LAPSE: 2,
}
FULFILMENT_RATING = {
    RatingValue.SATISFIED: 80,
    RatingValue.BASICALLY_SATISFIED: 14,
    RatingValue.DISSATISFIED: 1,
    LAPSE: 5,
}
LATE = 0.03  # answers after the three months
DISCLOSED = 0.93  # of the rated items of past years; of this year's, DISCLOSED_NOW
DISCLOSED_NOW = 0.6

# The year in progress: items at each stage on the demo's date, whatever the scale.
PIPELINE = (
    ("draft", 2),
    ("withdrawn", 1),
    ("submitted", 3),
    ("accepted", 2),
    ("assigned", 2),
    ("in_hand", 3),
    ("near", 1),
    ("overdue", 2),
    ("replied", 3),
    ("rehandling", 1),
    ("fulfilling", 2),
    ("fulfilled", 2),
)
# The stages at which the demo deputy (if a district deputy) has an item of their own.
OWN_STAGES = ("draft", "replied", "fulfilled")
# What the unit logins find in their inboxes (`inbox`): (unit, what the assignment shows).
TRANSPORT, HOUSING = "区交通局", "区住房城乡建委"
SHOWCASE = (
    (TRANSPORT, "waiting"),
    (TRANSPORT, "in_hand"),
    (TRANSPORT, "near"),
    (TRANSPORT, "overdue"),
    (TRANSPORT, "co"),
    (TRANSPORT, "extension"),
    (TRANSPORT, "sent_back"),
    (HOUSING, "waiting"),
    (HOUSING, "in_hand"),
    (HOUSING, "near"),
    (HOUSING, "overdue"),
)
SHOWCASE_LEAD = "区公安局"  # leads the item 区交通局 co-handles
EXTENSION_TEXT = "该项目需与相邻区县协调线路走向，已完成前期踏勘，申请延期答复。"
SENT_BACK_NOTE = "所提事项属于区城市管理局职责，建议改交区城市管理局办理。"


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """`day` at `hour`:`minute`, Beijing time (which keeps no summer time)."""
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


@dataclass
class _Item:
    """One motion or suggestion and what happens to it, as dates (None: never, or not yet)."""

    year: int
    kind: str
    period: str
    seat: object  # the lead deputy's Mandate
    topic: str
    subject: texts.Subject
    places: dict
    session: object = None
    outcome: str = "accept"  # accept, convert, reject, merge, withdraw, draft
    note: str = ""
    cosigners: list = field(default_factory=list)  # (Mandate, CoSignerStatus)
    confidential: bool = False
    into: "_Item | None" = None
    supervision: KeySupervision | None = None
    showcase: str = ""
    staged: bool = False  # dated back from the demo's date to a stage (`PIPELINE`)
    number: int | None = None
    # the units: the lead (or None for separate handling), co-handling, separate
    lead: object = None
    co: list = field(default_factory=list)
    separate: list = field(default_factory=list)
    category: dict = field(default_factory=dict)  # letter unit id → (first, second) category
    contact: dict = field(default_factory=dict)  # letter unit id → contact mode
    # the dates
    drafted: date | None = None
    submitted: date | None = None
    reviewed: date | None = None
    assigned: date | None = None
    took: dict = field(default_factory=dict)  # unit id → day it accepted the assignment
    answered: dict = field(default_factory=dict)  # unit id → first answer (co: the opinion)
    rated: date | None = None
    rating: str = ""
    answered2: dict = field(default_factory=dict)
    rated2: date | None = None
    rating2: str = ""
    fulfilled: dict = field(default_factory=dict)
    frated: date | None = None
    frating: str = ""
    disclosed: date | None = None
    progress: tuple = ()  # (day, text) reports while carrying it out
    row: Suggestion | None = None

    @property
    def letter_units(self) -> list:
        return [self.lead] if self.lead is not None else list(self.separate)

    @property
    def units(self) -> list:
        return [*([self.lead] if self.lead is not None else []), *self.co, *self.separate]


@dataclass
class SuggestionPlan:
    """What `build` writes, as unsaved instances in insertion order, with the parents of the
    rows that hang on another through a generic key."""

    supervisions: list[KeySupervision] = field(default_factory=list)
    events: list[SupervisionEvent] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    cosigners: list[CoSigner] = field(default_factory=list)
    assignments: list[tuple[Suggestion, Assignment]] = field(default_factory=list)
    clocks: list[tuple[Assignment, Deadline]] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    letters: list[tuple[Reply, str]] = field(default_factory=list)  # (reply, its category)
    ratings: list[tuple[Suggestion, Rating]] = field(default_factory=list)
    showcase: list[tuple[str, str, Suggestion]] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)

    def received(self, year: int) -> int:
        """The items the office received in `year`: submitted, neither withdrawn nor drafts."""
        return sum(
            1
            for s in self.suggestions
            if s.year == year and s.submitted_at and s.status != S.WITHDRAWN
        )


class _Planner:
    def __init__(self, *, plan, seed: int, scale: float, villages: dict, today: date):
        self.rng = random.Random(f"suggestions-{seed}")
        self.scale = scale
        self.today = today
        self.out = SuggestionPlan()
        self.district = next(c for c in plan.congresses if c.level == CongressLevel.COUNTY)
        self.seats = [m for m in plan.mandates if m.congress is self.district]
        self.sessions = {s.start.year: s for s in plan.sessions if s.term.congress is self.district}
        self.units = {u.short_name: u for u in plan.units}
        self.villages = villages  # town region id → village names
        self.towns = sorted(
            {m.electoral_region.name for m in self.seats if m.electoral_region},
        )
        self.rural = [t for t in self.towns if t.endswith("镇")] or self.towns
        # How keen each deputy is: a few lead many items, office holders few.
        self.keen = {}
        for m in self.seats:
            keen = self.rng.lognormvariate(0, 0.7)
            self.keen[id(m)] = keen * (0.2 if sector(m.post) == "gov" else 1.0)
        # Read once: a related object's descriptor is slow on ten thousand items.
        self.person = {id(m): id(m.person) for m in self.seats}
        self.region = {id(m): m.electoral_region_id for m in self.seats}
        self.serving: dict[date, tuple[list, list]] = {}
        self.demo_seat = self._demo_seat(plan)
        self.by_year: dict[int, list[_Item]] = defaultdict(list)

    def _demo_seat(self, plan):
        """The demo deputy's district seat now, if they hold one."""
        deputy = next((a.target for a in plan.accounts if a.role == Role.DEPUTY), None)
        if deputy is None:
            return None
        for m in self.seats:
            if self.person[id(m)] == id(deputy) and m.end is None and m.start <= self.today:
                return m
        return None

    def pick(self, table: dict):
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    # --- who, what, when ----------------------------------------------------------------------

    def _serving(self, day: date) -> list:
        """The district seats held on `day` (remembered with their keenness, by day)."""
        if day not in self.serving:
            seats = [m for m in self.seats if m.start <= day and (m.end is None or m.end > day)]
            self.serving[day] = (seats, [self.keen[id(m)] for m in seats])
        return self.serving[day][0]

    def _lead(self, day: date):
        """A deputy holding a seat on `day`, the keener the likelier."""
        self._serving(day)
        seats, weights = self.serving[day]
        return self.rng.choices(seats, weights=weights)[0]

    def _places(self, seat) -> dict:
        town = seat.electoral_region.name if seat.electoral_region else "荣昌区"
        names = self.villages.get(seat.electoral_region_id) or [f"{town}场镇"]
        others = [t for t in self.rural if t != town] or self.rural
        return {"town": town, "village": self.rng.choice(names), "other": self.rng.choice(others)}

    def _topic(self, seat) -> str:
        leaning = texts.SECTOR_TOPICS.get(sector(seat.post), ())
        if leaning and self.rng.random() < 0.55:
            return self.rng.choice(leaning)
        return self.pick(texts.TOPIC_SHARES)

    def _item(self, year, seat, *, kind=SuggestionKind.SUGGESTION, topic=None, subject=None):
        topic = topic or self._topic(seat)
        subject = subject or self.rng.choice(texts.SUBJECTS[topic])
        if kind == SuggestionKind.MOTION:
            subject = _as_motion(subject)
        return _Item(
            year=year,
            kind=kind,
            period=SubmissionPeriod.RECESS,
            seat=seat,
            topic=topic,
            subject=subject,
            places=self._places(seat),
        )

    def _day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    # --- a year -------------------------------------------------------------------------------

    def run(self) -> SuggestionPlan:
        self._supervisions()
        for year in range(FIRST_YEAR, THIS_YEAR + 1):
            self._year(year)
        self._sewage_plant()
        self._supervise()
        for year in range(FIRST_YEAR, THIS_YEAR + 1):
            self._number(year)
        for year in range(FIRST_YEAR, THIS_YEAR + 1):
            # Merged items after the ones they were merged into.
            for item in sorted(self.by_year[year], key=lambda i: i.outcome == "merge"):
                self._rows(item)
        return self.out

    def _year(self, year: int) -> None:
        received = max(8, round(RECEIVED[year] * self.scale))
        session = self.sessions[year]
        assign_day = _weekday(date(year, 2, 26))  # the spring 交办会
        motions = max(2, round(MOTIONS * self.scale))
        items = []
        for k in range(received):
            if k < round(received * SESSION_SHARE):
                seat = self._lead(session.start)
                kind = SuggestionKind.MOTION if k < motions else SuggestionKind.SUGGESTION
                item = self._item(year, seat, kind=kind)
                item.period = SubmissionPeriod.SESSION
                item.session = session
                item.submitted = self._day(session.start, session.end)
                item.reviewed = self._day(session.end + timedelta(5), assign_day - timedelta(4))
                item.assigned = assign_day
            else:
                last = min(date(year, 11, 30), self.today - timedelta(days=30))
                day = self._day(date(year, 2, 1), last)
                item = self._item(year, self._lead(day))
                item.submitted = day
                item.reviewed = day + timedelta(days=self.rng.randint(3, 12))
                item.assigned = item.reviewed + timedelta(days=self.rng.randint(2, 10))
            item.drafted = item.submitted - timedelta(days=self.rng.randint(0, 20))
            items.append(item)
        self._motions(year, [i for i in items if i.kind == SuggestionKind.MOTION])
        plain = [i for i in items if i.kind == SuggestionKind.SUGGESTION]
        self._outcomes(year, plain, received)
        for item in items:
            item.cosigners = self._cosigners(item)
        extras = []
        for _ in range(max(1 if year == THIS_YEAR else 0, round(received * WITHDRAWN))):
            day = self._day(date(year, 2, 1), min(date(year, 11, 30), self.today))
            item = self._item(year, self._lead(day))
            item.outcome, item.note = "withdraw", self.rng.choice(texts.WITHDRAW_NOTES)
            item.submitted, item.drafted = day, day - timedelta(days=self.rng.randint(1, 9))
            extras.append(item)
        if year == THIS_YEAR:
            extras += self._pipeline(year) + self._showcase(year)
        for item in items + extras:
            if item.outcome in ("accept", "convert") and not (item.showcase or item.staged):
                self._handling(item)
        self.by_year[year] = items + extras

    def _motions(self, year: int, motions: list[_Item]) -> None:
        """The first motion of a year is taken up as a motion; most others become suggestions,
        now and then one is not accepted."""
        for k, item in enumerate(motions):
            if k == 0:
                subject = texts.MOTION_SUBJECTS[year % len(texts.MOTION_SUBJECTS)]
                item.subject = subject
                item.topic = _topic_of(subject)
                item.outcome = "accept"
            elif self.rng.random() < 0.15 and k > 1:
                item.outcome, item.note = "reject", self.rng.choice(texts.NOT_ACCEPTED_NOTES)
            else:
                item.outcome, item.note = "convert", texts.NOT_MOTION_NOTE

    def _outcomes(self, year: int, items: list[_Item], received: int) -> None:
        """Not accepted, merged into an earlier item of the same subject, confidential."""
        session = [i for i in items if i.period == SubmissionPeriod.SESSION]
        rejected = self.rng.sample(items, max(1, round(received * NOT_ACCEPTED)))
        for item in rejected:
            item.outcome, item.note = "reject", self.rng.choice(texts.NOT_ACCEPTED_NOTES)
        open_ = [i for i in session if i.outcome == "accept"]
        merged = self.rng.sample(open_, max(1, round(received * MERGED)))
        targets = [i for i in open_ if i not in merged]
        for item in merged:
            same = [t for t in targets if t.topic == item.topic] or targets
            into = self.rng.choice(same)
            item.outcome, item.into = "merge", into
            item.topic, item.subject, item.reviewed = into.topic, into.subject, into.reviewed
        open_ = [i for i in items if i.outcome == "accept" and i.topic in ("law", "government")]
        count = max(1 if year < THIS_YEAR else 0, round(received * CONFIDENTIAL))
        for item in self.rng.sample(open_ or [i for i in items if i.outcome == "accept"], count):
            item.confidential = True

    def _cosigners(self, item: _Item) -> list:
        """Motions: nine to fourteen co-signers (the lead makes ten or more signatures), now and
        then one declining; a quarter of suggestions: one to four, from the lead's town first."""
        if item.outcome == "withdraw" or item.showcase:
            return []
        if item.kind == SuggestionKind.MOTION:
            count = self.rng.randint(9, 14)
        elif self.rng.random() < 0.25:
            count = self.rng.randint(1, 4)
        else:
            return []
        lead = self.person[id(item.seat)]
        others = [m for m in self._serving(item.submitted) if self.person[id(m)] != lead]
        region = self.region[id(item.seat)]
        near = [m for m in others if self.region[id(m)] == region]
        pool = near if len(near) >= count and item.kind != SuggestionKind.MOTION else others
        chosen = self.rng.sample(pool, min(count, len(pool)))
        signers = [(m, CoSignerStatus.CONFIRMED) for m in chosen]
        if item.kind == SuggestionKind.MOTION and self.rng.random() < 0.3:
            spare = [m for m in others if m not in chosen]
            if spare:
                signers.append((self.rng.choice(spare), CoSignerStatus.DECLINED))
        return signers

    # --- the units ----------------------------------------------------------------------------

    def _units(self, item: _Item, *, lead: str | None = None, co=None) -> None:
        """A lead unit alone or with co-handling units, or two units handling separately."""
        lead_unit = self.units[lead or item.subject.unit]
        choices = [u for u in texts.CO_UNITS[item.topic] if self.units[u] is not lead_unit]
        draw = self.rng.random()
        if co is not None:
            item.lead, item.co = lead_unit, [self.units[u] for u in co]
        elif draw < 0.12 and choices and lead is None:
            item.separate = [lead_unit, self.units[self.rng.choice(choices)]]
        elif draw < 0.57 and choices:
            count = 1 if len(choices) == 1 or self.rng.random() < 0.7 else 2
            item.lead = lead_unit
            item.co = [self.units[u] for u in self.rng.sample(choices, count)]
        else:
            item.lead = lead_unit
        for unit in item.letter_units:
            first = "B" if item.kind == SuggestionKind.MOTION else self.pick(CATEGORIES)
            second = "B" if first == "C" and self.rng.random() < 0.3 else first
            item.category[id(unit)] = (first, second)
            item.contact[id(unit)] = self.pick(CONTACTS)

    def _handling(self, item: _Item) -> None:
        """The dates of everything after acceptance, as they would come if nothing stopped."""
        rng = self.rng
        self._units(item)
        start = item.assigned
        due = start + timedelta(days=days_for_months(start, 3))
        for unit in item.units:
            item.took[id(unit)] = start + timedelta(days=rng.randint(1, 8))
        for unit in item.co:
            item.answered[id(unit)] = item.took[id(unit)] + timedelta(days=rng.randint(5, 22))
        for unit in item.letter_units:
            if rng.random() < LATE:
                day = due + timedelta(days=rng.randint(3, 25))
            else:
                day = start + timedelta(days=rng.randint(25, (due - start).days - 1))
            item.answered[id(unit)] = max(day, item.took[id(unit)] + timedelta(days=3))
        replied = max(item.answered[id(u)] for u in item.letter_units)
        self._after_reply(item, replied)

    def _after_reply(self, item: _Item, replied: date) -> None:
        rng = self.rng
        item.rating = self.pick(FIRST_RATING)
        days = rng.randint(31, 38) if item.rating == LAPSE else rng.randint(3, 25)
        item.rated = replied + timedelta(days=days)
        final = item.rated
        if item.rating == RatingValue.DISSATISFIED:
            for unit in item.letter_units:
                item.answered2[id(unit)] = item.rated + timedelta(days=rng.randint(10, 28))
            again = max(item.answered2.values())
            item.rating2 = self.pick(SECOND_RATING)
            days = rng.randint(31, 38) if item.rating2 == LAPSE else rng.randint(3, 15)
            item.rated2 = final = again + timedelta(days=days)
        if self._category(item) in LATER:
            span = (60, 330) if self._category(item) == "B" else (150, 420)
            for unit in item.letter_units:
                item.fulfilled[id(unit)] = final + timedelta(days=rng.randint(*span))
            done = max(item.fulfilled.values())
            item.frating = self.pick(FULFILMENT_RATING)
            days = rng.randint(31, 38) if item.frating == LAPSE else rng.randint(3, 20)
            item.frated = done + timedelta(days=days)
        share = DISCLOSED if item.year < THIS_YEAR else DISCLOSED_NOW
        if not item.confidential and rng.random() < share:
            item.disclosed = final + timedelta(days=rng.randint(10, 40))

    def _category(self, item: _Item) -> str:
        """The item's category: the least solved of its letters' latest."""
        second = bool(item.answered2)
        return max(item.category[id(u)][1 if second else 0] for u in item.letter_units)

    # --- the year in progress -----------------------------------------------------------------

    def _pipeline(self, year: int) -> list[_Item]:
        """Items at each stage on the demo's date, their dates counted back from it."""
        rng, today = self.rng, self.today
        items = []
        for stage, count in PIPELINE:
            for k in range(count):
                # The demo deputy has a draft, a reply and a fulfilment report to rate.
                mine = k == 0 and stage in OWN_STAGES and self.demo_seat is not None
                item = self._item(year, self.demo_seat if mine else self._lead(today))
                item.staged = True
                back = {
                    "draft": 0,
                    "withdrawn": 30,
                    "submitted": rng.randint(1, 8),
                    "accepted": rng.randint(8, 14),
                }.get(stage, 0)
                if stage == "draft":
                    item.outcome = "draft"
                    item.drafted = today - timedelta(days=rng.randint(1, 10))
                    items.append(item)
                    continue
                if stage in ("withdrawn", "submitted", "accepted"):
                    item.submitted = today - timedelta(days=back + rng.randint(0, 10))
                    item.drafted = item.submitted - timedelta(days=rng.randint(1, 9))
                    if stage == "withdrawn":
                        item.outcome = "withdraw"
                        item.note = rng.choice(texts.WITHDRAW_NOTES)
                    elif stage == "submitted":
                        item.submitted = today - timedelta(days=back)
                        item.reviewed = today + timedelta(days=5)
                    else:
                        item.reviewed = today - timedelta(days=rng.randint(1, 5))
                        item.assigned = today + timedelta(days=5)
                    items.append(item)
                    continue
                self._stage(item, stage)
                items.append(item)
        return items

    def _stage(self, item: _Item, stage: str) -> None:
        """Dates that leave `item` at `stage` on the demo's date (assigned to fulfilled)."""
        rng, today = self.rng, self.today
        later = today + timedelta(days=400)  # not yet
        if stage == "assigned":
            assigned = today - timedelta(days=rng.randint(1, 3))
        elif stage == "in_hand":
            assigned = today - timedelta(days=rng.randint(20, 70))
        elif stage == "near":
            assigned = _months_before(today + timedelta(days=rng.randint(3, 6)), 3)
        elif stage == "overdue":
            assigned = _months_before(today - timedelta(days=rng.randint(5, 25)), 3)
        elif stage == "replied":
            assigned = today - timedelta(days=rng.randint(60, 85))
        elif stage == "rehandling":
            assigned = today - timedelta(days=rng.randint(80, 95))
        else:  # fulfilling, fulfilled: rated months ago
            assigned = today - timedelta(days=rng.randint(200, 260))
        item.reviewed = assigned - timedelta(days=rng.randint(2, 10))
        item.submitted = item.reviewed - timedelta(days=rng.randint(3, 12))
        item.drafted = item.submitted - timedelta(days=rng.randint(1, 9))
        item.assigned = assigned
        self._units(item)
        for unit in item.units:
            took = assigned + timedelta(days=rng.randint(1, 5))
            item.took[id(unit)] = later if stage == "assigned" or took > today else took
        for unit in item.co:
            opinion = item.took[id(unit)] + timedelta(days=rng.randint(5, 15))
            item.answered[id(unit)] = opinion if opinion < today else later
        if stage in ("assigned", "in_hand", "near", "overdue"):
            for unit in item.letter_units:
                item.answered[id(unit)] = later
            return
        for unit in item.letter_units:
            item.answered[id(unit)] = assigned + timedelta(days=rng.randint(35, 55))
        replied = max(item.answered[id(u)] for u in item.letter_units)
        if stage == "replied":
            item.rated, item.rating = later, RatingValue.SATISFIED
            item.answered = {k: min(d, today - timedelta(days=2)) for k, d in item.answered.items()}
            return
        item.rated = replied + timedelta(days=rng.randint(3, 10))
        if stage == "rehandling":
            item.rating = RatingValue.DISSATISFIED
            for unit in item.letter_units:
                item.answered2[id(unit)] = later
            return
        item.rating = self.pick({RatingValue.SATISFIED: 8, RatingValue.BASICALLY_SATISFIED: 2})
        for unit in item.letter_units:
            item.category[id(unit)] = ("B", "B")
        if stage == "fulfilling":
            for unit in item.letter_units:
                item.fulfilled[id(unit)] = later
        else:
            for unit in item.letter_units:
                item.fulfilled[id(unit)] = today - timedelta(days=rng.randint(2, 20))
            item.frated, item.frating = later, RatingValue.SATISFIED

    def _showcase(self, year: int) -> list[_Item]:
        """Accepted items the units' inboxes get through the services (`inbox`)."""
        today = self.today
        items = []
        back = {
            "waiting": 14,
            "sent_back": 16,
            "co": 40,
            "in_hand": 55,
            "extension": 100,
            "near": 105,
            "overdue": 125,
        }
        for unit, role in SHOWCASE:
            if role == "co":
                subject = next(s for s in texts.SUBJECTS["law"] if "道路交通" in s.title)
                topic = "law"
            else:
                topic, subject = self.rng.choice(_subjects_of(unit))
            item = self._item(year, self._lead(today), topic=topic, subject=subject)
            item.showcase = role
            item.submitted = today - timedelta(days=back[role])
            item.drafted = item.submitted - timedelta(days=self.rng.randint(1, 6))
            item.reviewed = item.submitted + timedelta(days=5)
            if role == "co":
                self._units(item, lead=SHOWCASE_LEAD, co=[unit])
            else:
                self._units(item, lead=unit, co=[])
            items.append(item)
        return items

    # --- the second sewage plant and key supervision ------------------------------------------

    def _supervisions(self) -> None:
        self.themes = {}
        for year, title, leader, committee, note, events in texts.SUPERVISIONS:
            theme = KeySupervision(
                congress=self.district,
                year=year,
                title=title,
                leader=leader,
                committee=committee,
                note=note,
            )
            theme._demo_at = _at(date(year, 3, 10), 9)
            self.out.supervisions.append(theme)
            self.themes[year] = theme
            for kind, day, summary in events:
                event = SupervisionEvent(
                    supervision=theme, day=date(*day), kind=kind, summary=summary
                )
                event._demo_at = _at(date(*day), 17)
                if event.day <= self.today:
                    self.out.events.append(event)

    def _sewage_plant(self) -> None:
        """2018's motion for a second sewage plant, taken up as a motion, answered B, reported
        on for two years until the plant ran, then rated and closed; 2019's and 2020's
        suggestions following it up."""
        motion = next(
            i
            for i in self.by_year[2018]
            if i.kind == SuggestionKind.MOTION and i.outcome == "accept"
        )
        motion.subject, motion.topic = texts.SEWAGE_MOTION, "environment"
        motion.lead = self.units[texts.SEWAGE_MOTION.unit]
        motion.co = [self.units[u] for u in texts.SEWAGE_CO_UNITS]
        motion.separate = []
        motion.category = {id(motion.lead): ("B", "B")}
        motion.contact = {id(motion.lead): ContactMode.CONSULTED}
        motion.took = {id(u): motion.assigned + timedelta(days=2) for u in motion.units}
        motion.answered = {
            id(u): motion.assigned + timedelta(days=20 + k) for k, u in enumerate(motion.co)
        }
        motion.answered[id(motion.lead)] = date(2018, 4, 20)
        motion.rated, motion.rating = date(2018, 5, 10), RatingValue.SATISFIED
        motion.answered2, motion.rated2, motion.rating2 = {}, None, ""
        motion.fulfilled = {id(motion.lead): date(2020, 12, 10)}
        motion.frated, motion.frating = date(2021, 1, 8), RatingValue.SATISFIED
        motion.disclosed = date(2021, 1, 20)
        motion.progress = tuple((date(y, m, d), text) for y, m, d, text in texts.SEWAGE_PROGRESS)
        motion.supervision = self.themes[2018]
        for year, subject in texts.SEWAGE_FOLLOW_UPS:
            fits = [
                i
                for i in self.by_year[year]
                if i.outcome == "accept"
                and i.kind == SuggestionKind.SUGGESTION
                and i.lead is not None
                and not i.co
            ]
            if not fits:
                continue
            item = fits[0]
            item.subject, item.topic = subject, "environment"
            lead = self.units[subject.unit]
            item.category = {id(lead): item.category[id(item.lead)]}
            item.contact = {id(lead): item.contact[id(item.lead)]}
            for dates in (item.took, item.answered, item.answered2, item.fulfilled):
                if id(item.lead) in dates:
                    dates[id(lead)] = dates.pop(id(item.lead))
            item.lead = lead
            item.supervision = self.themes[2018]
            item.confidential = False

    def _supervise(self) -> None:
        """Each theme takes up to four open items of its year on its subject."""
        for year, words, topic in (
            (2018, ("污水",), "environment"),
            (2022, ("农村公路", "断头路", "公路改造"), "transport"),
            (2026, ("养老",), "social"),
        ):
            theme = self.themes[year]
            fits = [
                i
                for i in self.by_year[year]
                if i.outcome in ("accept", "convert")
                and not i.confidential
                and not i.showcase
                and i.lead is not None
                and i.supervision is None
            ]
            chosen = [i for i in fits if any(w in i.subject.title for w in words)]
            chosen += [i for i in fits if i.topic == topic and i not in chosen]
            for item in chosen[:4] or fits[:1]:
                item.supervision = theme

    # --- numbers and rows ---------------------------------------------------------------------

    def _number(self, year: int) -> None:
        accepted = [
            i
            for i in self.by_year[year]
            if i.outcome in ("accept", "convert") and i.reviewed and i.reviewed <= self.today
        ]
        accepted.sort(key=lambda i: i.reviewed)
        counters = defaultdict(int)
        for item in accepted:
            kind = (
                SuggestionKind.MOTION
                if item.kind == SuggestionKind.MOTION and (item.outcome == "accept")
                else SuggestionKind.SUGGESTION
            )
            counters[kind] += 1
            item.number = counters[kind]

    def _rows(self, item: _Item) -> None:
        """`item` as it stands on the demo's date: the suggestion, co-signers, assignments with
        their clocks, replies, ratings."""
        today = self.today
        title = item.subject.title.format(**item.places)
        body = _body(item.subject, item.places)
        s = Suggestion(
            congress=self.district,
            year=item.year,
            kind=item.kind,
            period=item.period,
            session=item.session,
            title=title[:200],
            body=body,
            topic=item.topic,
            mandate=item.seat,
            confidential=item.confidential,
            supervision=item.supervision,
        )
        item.row = s
        s._demo_at = _at(item.drafted, 8, self.rng.randint(0, 29))
        self.out.items.append(item)
        self.out.suggestions.append(s)
        if item.outcome == "draft":
            s.status = S.DRAFT
            return
        s.submitted_at = _at(item.submitted, self.rng.randint(9, 17), self.rng.randint(0, 59))
        for seat, status in item.cosigners:
            c = CoSigner(suggestion=s, mandate=seat, status=status)
            c._demo_at = _at(item.drafted, 8, 30)
            c.answered_at = _at(min(item.drafted + timedelta(days=2), item.submitted), 9)
            self.out.cosigners.append(c)
        if item.outcome == "withdraw":
            s.status, s.status_note = S.WITHDRAWN, item.note
            return
        if item.reviewed > today:
            s.status = S.SUBMITTED
            return
        if item.outcome == "reject":
            s.status, s.status_note = S.NOT_ACCEPTED, item.note
            return
        if item.outcome == "merge":
            s.status = S.MERGED
            s.merged_into = item.into.row
            s.status_note = texts.MERGE_NOTE.format(number=item.into.number)
            if item.into.disclosed and item.into.disclosed <= today:
                s.disclosed_at = _at(item.into.disclosed, 15)
            return
        s.number = item.number
        s.accepted_at = _at(item.reviewed, 16)
        if item.outcome == "convert":
            s.kind, s.converted, s.status_note = SuggestionKind.SUGGESTION, True, item.note
        s.status = S.ACCEPTED
        if item.showcase:
            self.out.showcase.append((item.showcase, _unit_of(item), s))
            return
        if item.assigned > today:
            return
        self._handled(item, s)

    def _handled(self, item: _Item, s: Suggestion) -> None:
        today, rng = self.today, self.rng
        s.status = S.ASSIGNED
        s.mode = AssignmentMode.SEPARATE if item.separate else AssignmentMode.LEAD_CO
        s.assigned_on = item.assigned
        letters = item.letter_units
        rows = {}
        for unit in item.units:
            role = (
                AssignmentRole.LEAD
                if unit is item.lead
                else AssignmentRole.CO
                if unit in item.co
                else AssignmentRole.SEPARATE
            )
            a = Assignment(
                region=self.district.region,
                unit=unit,
                role=role,
                assigned_on=item.assigned,
                status=A.ASSIGNED,
            )
            a._demo_at = _at(item.assigned, 10)
            rows[id(unit)] = a
            self.out.assignments.append((s, a))
            took = item.took[id(unit)]
            if took <= today:
                a.status, a.accepted_at = A.IN_HAND, _at(took, 9, rng.randint(0, 59))
            self._clock(a, ACCEPT_CLOCK, item.assigned, 10, DeadlineUnit.WORKING_DAYS, took)
            months = 1 if role == AssignmentRole.CO else 3
            days = days_for_months(item.assigned, months)
            answered = item.answered[id(unit)]
            self._clock(a, ANSWER_CLOCK, item.assigned, days, DeadlineUnit.NATURAL_DAYS, answered)
            if answered <= today:
                a.status, a.answered_at = A.ANSWERED, _at(answered, 15, rng.randint(0, 59))
                if role == AssignmentRole.CO:
                    aspect = rng.choice(texts.OPINION_ASPECTS)
                    self._reply(
                        a, ReplyKind.OPINION, 1, texts.OPINION.format(aspect=aspect), answered
                    )
                else:
                    self._letter(item, a, unit, 1, answered)
        if any(item.answered[id(u)] > today for u in letters):
            return
        replied = max(item.answered[id(u)] for u in letters)
        due = item.assigned + timedelta(days=days_for_months(item.assigned, 3))
        s.status = S.REPLIED
        s.replied_at = _at(replied, 15)
        s.replied_on_time = all(item.answered[id(u)] <= due for u in letters)
        s.met_deputy = any(item.contact[id(u)] in ContactMode.met_values() for u in letters)
        s.result_category = max(item.category[id(u)][0] for u in letters)
        final = self._rate(item, s, "reply", item.rating, item.rated, first=True)
        if final is None:
            return
        if item.rating == RatingValue.DISSATISFIED:
            s.status, s.rehandled = S.REHANDLING, 1
            for unit in letters:
                a = rows[id(unit)]
                a.status, a.round, a.answered_at = A.IN_HAND, 2, None
                a.status_note = self._comment[:300]
                days = days_for_months(item.rated, 1)
                answered = item.answered2[id(unit)]
                self._clock(a, ANSWER_CLOCK, item.rated, days, DeadlineUnit.NATURAL_DAYS, answered)
                if answered <= today:
                    a.status, a.answered_at = A.ANSWERED, _at(answered, 15)
                    self._letter(item, a, unit, 2, answered)
            if any(item.answered2[id(u)] > today for u in letters):
                return
            s.status = S.REPLIED
            s.result_category = max(item.category[id(u)][1] for u in letters)
            final = self._rate(item, s, "reply", item.rating2, item.rated2, first=False)
            if final is None:
                return
        if s.result_category not in LATER:
            s.status, s.closed_at = S.CLOSED, _at(final, 17)
            self._disclose(item, s)
            return
        s.status = S.FULFILLING
        self._disclose(item, s)
        for day, text in item.progress:
            if day <= today:
                self._reply(rows[id(item.lead)], ReplyKind.PROGRESS, 1, text, day)
        for unit in letters:
            done = item.fulfilled[id(unit)]
            if done <= today:
                a = rows[id(unit)]
                a.status, a.done_at = A.DONE, _at(done, 15)
                text = texts.FULFILMENT.format(
                    title=s.title, done=item.subject.done.format(**item.places)
                )
                self._reply(a, ReplyKind.FULFILMENT, a.round, text, done)
        if any(item.fulfilled[id(u)] > today for u in letters):
            return
        s.status = S.FULFILLED
        if self._rate(item, s, "fulfilment", item.frating, item.frated) is None:
            return
        s.status, s.closed_at = S.CLOSED, _at(item.frated, 17)

    _comment = ""

    def _rate(self, item, s, stage, value, day, *, first=False):
        """Record the deputy's rating (or the office's record that none came) if its day has
        come; the day, or None."""
        if day is None or day > self.today:
            return None
        rated = Rated.NOT_RATED if value == LAPSE else value
        if stage == "reply":
            s.reply_rating = rated
            if first:
                s.first_reply_rating = rated
        else:
            s.fulfilment_rating = rated
        if value != LAPSE:
            comment = ""
            if value == RatingValue.DISSATISFIED:
                comment = self._comment = self.rng.choice(texts.DISSATISFIED)
            rating = Rating(
                stage=stage,
                value=value,
                comment=comment,
                rater_label=item.seat.person.name,
                rated_at=_at(day, 20, self.rng.randint(0, 59)),
            )
            self.out.ratings.append((s, rating))
        return day

    def _disclose(self, item, s) -> None:
        if item.disclosed and item.disclosed <= self.today:
            s.disclosed_at = _at(item.disclosed, 15)

    def _clock(self, a, purpose, start, days, unit, stopped: date | None) -> None:
        clock = Deadline(purpose=purpose, start=start, days=days, unit=unit)
        clock._demo_at = _at(start, 10)
        if stopped is not None and stopped <= self.today:
            clock.status, clock.stopped_at = DeadlineStatus.STOPPED, _at(stopped, 15)
        self.out.clocks.append((a, clock))

    def _reply(self, a, kind, round_, text, day, **fields) -> Reply:
        reply = Reply(assignment=a, kind=kind, round=round_, text=text, **fields)
        reply._demo_at = _at(day, 15, self.rng.randint(0, 59))
        self.out.replies.append(reply)
        return reply

    def _letter(self, item, a, unit, round_, day) -> None:
        category = item.category[id(unit)][round_ - 1]
        letter = _letter_text(item, category, round_)
        contact = self.rng.choice(texts.CONTACT_PEOPLE)
        reply = self._reply(
            a,
            ReplyKind.REPLY,
            round_,
            letter,
            day,
            result_category=category,
            contact_person=contact,
            contact_phone=f"023-467{self.rng.randint(10000, 99999)}",
            contact_mode=ContactMode.MET if round_ == 2 else item.contact[id(unit)],
        )
        self.out.letters.append((reply, category))


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _months_before(day: date, months: int) -> date:
    """The day `months` calendar months before `day` (that month's last day if it has no such
    day): a clock of `months` started then falls due on `day`, or a day or two before."""
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def _as_motion(subject: texts.Subject) -> texts.Subject:
    title = subject.title.removesuffix("的建议") + "的议案"
    return texts.Subject(
        title, *[getattr(subject, f) for f in ("problem", "proposals", "unit", "measure", "done")]
    )


def _topic_of(subject: texts.Subject) -> str:
    for topic, subjects in texts.SUBJECTS.items():
        if any(s.unit == subject.unit for s in subjects):
            return topic
    return "other"


def _subjects_of(unit: str) -> list[tuple[str, texts.Subject]]:
    return [(t, s) for t, subjects in texts.SUBJECTS.items() for s in subjects if s.unit == unit]


def _unit_of(item: _Item) -> str:
    return item.co[0].short_name if item.showcase == "co" else item.lead.short_name


def _body(subject: texts.Subject, places: dict) -> str:
    first, second, third = (p.format(**places) for p in subject.proposals)
    return (
        f"{subject.problem.format(**places)}。群众反映强烈，希望尽快解决。\n"
        f"为此建议：一是{first}；二是{second}；三是{third}。"
    )


def _letter_text(item: _Item, category: str, round_: int) -> str:
    places = item.places
    measure = item.subject.measure.format(**places)
    opening = texts.LETTER_OPENING.format(
        name=item.seat.person.name, title=item.subject.title.format(**places)
    )
    body = texts.LETTER_BODY[category].format(measure=measure, year=item.year + 1)
    if round_ == 2:
        body = texts.RE_REPLY.format(measure=measure) + body
    return opening + body + texts.LETTER_CLOSING.format(field=texts.FIELDS[item.topic])


def plan_suggestions(*, plan, seed: int, scale: float = 1.0, villages=None, today=DEMO_TODAY):
    """Draw the district congress's motions and suggestions over the deputies' `plan` (its rows
    need not be saved) from `seed`. `villages`: town region id → village names (read from the
    database when not given)."""
    if villages is None:
        villages = _villages(plan)
    return _Planner(plan=plan, seed=seed, scale=scale, villages=villages, today=today).run()


def _villages(plan) -> dict:
    from renda.demo.activities import plan_villages

    names = defaultdict(list)
    for region in plan_villages(plan):
        names[region.parent_id].append(village_short(region))
    return names


# --- Writing ---------------------------------------------------------------------------------


def build(*, plan, seed: int, scale: float = 1.0) -> Iterator[str]:
    """Write the motions and suggestions over the saved `plan`, audited, then give the unit
    logins their work; yields each step's label from `STEPS` when it is done."""
    out = plan_suggestions(plan=plan, seed=seed, scale=scale)
    _insert(KeySupervision, out.supervisions, "created_at")
    _insert(SupervisionEvent, out.events, "created_at")
    first = [s for s in out.suggestions if s.merged_into is None]
    _insert(Suggestion, first, "created_at")
    _insert(Suggestion, [s for s in out.suggestions if s.merged_into is not None], "created_at")
    _insert(CoSigner, out.cosigners, "invited_at")
    yield STEPS[0]
    _write_handling(out)
    yield STEPS[1]
    inbox(plan=plan, showcase=out.showcase)
    yield STEPS[2]


def _write_handling(out: SuggestionPlan) -> None:
    suggestion_type = ContentType.objects.get_for_model(Suggestion)
    for s, a in out.assignments:
        a.subject = s  # also what the audit row names it by, without reading it back
    assignments = [a for _s, a in out.assignments]
    _insert(Assignment, assignments, "created_at")
    assignment_type = ContentType.objects.get_for_model(Assignment)
    for a, clock in out.clocks:
        clock.content_type, clock.object_id = assignment_type, str(a.pk)
    cal = workdays.calendar(date(FIRST_YEAR - 1, 12, 1))
    for _a, clock in out.clocks:
        if clock.unit == DeadlineUnit.WORKING_DAYS:
            clock.due = cal.add_workdays(clock.start, clock.days)
        else:
            clock.due = clock.start + timedelta(days=clock.days)
    _insert(Deadline, [c for _a, c in out.clocks], "created_at", "updated_at")
    _insert(Reply, out.replies, "created_at")
    files = _letter_files()
    reply_type = ContentType.objects.get_for_model(Reply)
    _insert(
        Attachment,
        [
            Attachment(
                content_type=reply_type,
                object_id=str(reply.pk),
                kind=AttachmentKind.DOCUMENT,
                file=files[category],
                original_name="答复函.pdf",
                created_at=reply._demo_at,
            )
            for reply, category in out.letters
        ],
    )
    deputies = _deputy_users()
    for s, rating in out.ratings:
        rating.content_type, rating.object_id = suggestion_type, str(s.pk)
        user = deputies.get(s.mandate.person_id)
        if user is not None:
            rating.rated_by, rating.rater_label = user, ""
    _insert(Rating, [r for _s, r in out.ratings])


def _insert(model, objs: list, *stamped: str) -> None:
    """Bulk insert and audit `objs`, then set back the `stamped` fields (auto_now_add, auto_now:
    the insertion stamps them now) to each object's `_demo_at`."""
    model.objects.bulk_create(objs, batch_size=500)
    audit.record_many(actor=ACTOR, action=AuditAction.IMPORT, objs=objs, note=AUDIT_NOTE)
    if stamped and objs:
        _restamp(model, objs, stamped)


def _restamp(model, objs: list, fields) -> None:
    qn = connection.ops.quote_name
    columns = ", ".join(f"{qn(model._meta.get_field(f).column)} = %s" for f in fields)
    sql = f"UPDATE {qn(model._meta.db_table)} SET {columns} WHERE {qn(model._meta.pk.column)} = %s"
    adapt = connection.ops.adapt_datetimefield_value
    rows = []
    for obj in objs:
        for f in fields:
            setattr(obj, f, obj._demo_at)
        rows.append([*(adapt(obj._demo_at) for _f in fields), obj.pk])
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _letter_files() -> dict[str, str]:
    """One reply letter PDF per result category, stored once (and kept for the next build) and
    shared by every demo letter of that category."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    names = {}
    for code in ("A", "B", "C", "D"):
        name = f"attachments/handling/reply/demo/reply-letter-{code}.pdf"
        if not default_storage.exists(name):  # a demo built again keeps the same letters
            name = default_storage.save(name, ContentFile(_letter_pdf(code)))
        names[code] = name
    return names


def _letter_pdf(code: str) -> bytes:
    """A one-page specimen reply letter (答复函) with the embedded CJK font."""
    import io

    from reportlab.lib.colors import black
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from renda.core.pdf import draw_text, one_at_a_time, wrap
    from renda.handling.choices import DEFAULT_RESULT_CATEGORIES

    label = {c: str(lbl) for c, lbl, _later in DEFAULT_RESULT_CATEGORIES}[code]

    @one_at_a_time
    def draw() -> bytes:
        buf = io.BytesIO()
        canvas = Canvas(buf, pagesize=A4)
        width, height = A4
        draw_text(
            canvas,
            "答复函（演示）",
            width / 2,
            height - 90,
            size=20,
            colour=black,
            anchor="middle",
            bold=True,
        )
        y = height - 140
        body = (
            f"办理结果类别：{code}类。本件为演示数据中的答复函样本，"
            "正式答复以承办单位盖章的答复函为准。答复内容见系统中的答复正文。"
        )
        for line in wrap(body, width - 144, size=12):
            draw_text(canvas, line, 72, y, size=12, colour=black)
            y -= 20
        draw_text(canvas, f"（{label}）", 72, y - 10, size=10, colour=black)
        draw_text(
            canvas,
            "重庆市荣昌区承办单位（盖章）",
            width - 72,
            160,
            size=12,
            colour=black,
            anchor="end",
        )
        canvas.showPage()
        canvas.save()
        return buf.getvalue()

    return draw()


def _deputy_users() -> dict[int, object]:
    """The demo's deputy logins by person: they rate their items themselves; for the others
    the office records the rating in the deputy's name."""
    from renda.accounts.models import RoleGrant
    from renda.core.choices import Role

    grants = RoleGrant.objects.filter(role=Role.DEPUTY).select_related("user").order_by("pk")
    return {g.person_id: g.user for g in grants}


# --- The unit logins' inboxes, through the services --------------------------------------------


def inbox(*, plan, showcase, day: date | None = None) -> None:
    """Assign the showcase items through the suggestion workflow and take the units' steps
    through handling's services, then date it all back from `day` (the build day, or the
    demo's date if later) so the clocks read as their names say."""
    from renda.accounts.selectors import unit_users
    from renda.handling import services as handling
    from renda.suggestions import services

    anchor = max(DEMO_TODAY, day or timezone.localdate())
    units = {u.short_name: u for u in plan.units}
    clerks = unit_users(u.pk for u in plan.units)
    cal = workdays.calendar(anchor - timedelta(days=200))
    for role, short, s in showcase:
        unit = units[short]
        clerk = (clerks.get(unit.pk) or [ACTOR])[0]
        assigned = {
            "waiting": _workdays_before(cal, anchor, 2),
            "sent_back": _workdays_before(cal, anchor, 3),
            "co": anchor - timedelta(days=24),
            "in_hand": anchor - timedelta(days=38),
            "extension": anchor - timedelta(days=80),
            "near": _months_before(anchor + timedelta(days=4), 3),
            "overdue": _months_before(anchor - timedelta(days=10), 3),
        }[role]
        took = assigned + timedelta(days=2)
        mark = _marks()
        if role == "co":
            services.suggestion_assign(
                actor=ACTOR,
                suggestion=s,
                mode=AssignmentMode.LEAD_CO,
                lead=units[SHOWCASE_LEAD],
                co=[unit],
            )
        else:
            services.suggestion_assign(
                actor=ACTOR, suggestion=s, mode=AssignmentMode.LEAD_CO, lead=unit, co=[]
            )
        _date_back(mark, _at(assigned, 10))
        mine = Assignment.objects.of(s).get(unit=unit)
        if role == "sent_back":
            mark = _marks()
            handling.assignment_send_back(actor=clerk, assignment=mine, note=SENT_BACK_NOTE)
            _date_back(mark, _at(took, 11))
        elif role != "waiting":
            mark = _marks()
            handling.assignment_accept(actor=clerk, assignment=mine)
            _date_back(mark, _at(took, 9, 30))
        _date_clocks(s, assigned, cal)
        if role == "extension":
            mark = _marks()
            clock = Deadline.objects.for_object(mine).get(purpose=ANSWER_CLOCK, stopped_at=None)
            handling.assignment_request_extension(
                actor=clerk,
                assignment=Assignment.objects.get(pk=mine.pk),
                requested_until=clock.due + timedelta(days=30),
                text=EXTENSION_TEXT,
            )
            _date_back(mark, _at(anchor - timedelta(days=3), 16))


def _workdays_before(cal, day: date, n: int) -> date:
    while n:
        day -= timedelta(days=1)
        if cal.is_workday(day):
            n -= 1
    return day


def _marks() -> tuple[int, ...]:
    """The last row of each table a step writes and stamps, before the step."""
    from renda.notifications.models import Notification

    return tuple(
        (m.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
        for m in (AuditEntry, Notification, Reply)
    )


def _date_back(marks: tuple[int, ...], when: datetime) -> None:
    """Date the rows a step wrote (audit rows, notices, replies) and what it stamped on the
    assignments it touched (accepted, answered) to `when`."""
    from renda.notifications.models import Notification

    audit_mark, notice_mark, reply_mark = marks
    touched = AuditEntry.objects.filter(pk__gt=audit_mark)
    assignment_type = ContentType.objects.get_for_model(Assignment)
    ids = list(touched.filter(content_type=assignment_type).values_list("object_id", flat=True))
    touched.update(at=when)
    Notification.objects.filter(pk__gt=notice_mark).update(created_at=when)
    Reply.objects.filter(pk__gt=reply_mark).update(created_at=when)
    rows = Assignment.objects.filter(pk__in=[int(i) for i in ids])
    rows.exclude(accepted_at=None).filter(accepted_at__gt=when).update(accepted_at=when)
    rows.filter(created_at__gt=when).update(created_at=when)
    Deadline.objects.filter(
        content_type=assignment_type, object_id__in=ids, stopped_at__gt=when
    ).update(stopped_at=when, updated_at=when)


def _date_clocks(s: Suggestion, assigned: date, cal) -> None:
    """The item's assignments and their clocks as if given on `assigned`."""
    Suggestion.objects.filter(pk=s.pk).update(assigned_on=assigned)
    rows = Assignment.objects.of(s)
    rows.update(assigned_on=assigned)
    assignment_type = ContentType.objects.get_for_model(Assignment)
    for a in rows:
        months = 1 if a.role == AssignmentRole.CO else 3
        for clock in Deadline.objects.filter(content_type=assignment_type, object_id=str(a.pk)):
            if clock.purpose == ACCEPT_CLOCK:
                days, due = clock.days, cal.add_workdays(assigned, clock.days)
            else:
                days = days_for_months(assigned, months)
                due = assigned + timedelta(days=days)
            Deadline.objects.filter(pk=clock.pk).update(
                start=assigned, days=days, due=due, created_at=_at(assigned, 10)
            )
            if clock.stopped_at is None:
                Deadline.objects.filter(pk=clock.pk).update(updated_at=_at(assigned, 10))

"""The demo's activity register and evaluations, 2023–2026, drawn from the seed after the
deputies' plan and the commitments.

Every congress of the district and its towns gets the preset catalogue and Chongqing's "341 311"
for its current term; the municipal congress the catalogue alone (its deputies register their
activities; its term sets no minimums). The current seats of the district register activities from
2023 to the demo's date, the towns' from 2025: speeches, inspections and surveys, visits and
receptions counted in person-times, policy talks, suggestions, trainings, good deeds, report-backs.
Each district deputy keeps a habit from year to year (diligent, steady, patchy, idle; now and then
one changes), so the district's evaluations show every grade, some deputies fall below the minimums
two years running (an exit warning) and a few are excused for illness or approved leave. A few
inspections are group registrations (30 deputies at a 视察). 2026 still runs: some records wait for
verification, a few were rejected with a reason.

The district has a Rongchang-style scoring table for 2019 (as the issue asks) and for each year
evaluated; commendation bonuses for a few, one discipline deduction (drunk driving); the exit
rules; its evaluations of 2023–2025 run and made final, 2026 run but open; 2025's excellent
deputies and one deputy group praised and published.

Activities, batches and excuses are drawn here and written with bulk inserts, each row audited
with `record_many` (a service call per record would take minutes); the catalogue, minimums,
tables, adjustments, evaluations and commendations go through their services, which are quick.
"""

import calendar
import random
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.utils import timezone

from renda.activities import services as activity_services
from renda.activities.choices import ActivityStatus, ExcuseReason
from renda.activities.models import Activity, ActivityBatch, ActivityType, Excuse
from renda.assessment import services as assessment_services
from renda.assessment.models import Evaluation
from renda.commendations import services as commendation_services
from renda.commendations.choices import CommendationKind
from renda.congresses.choices import CongressLevel
from renda.core import audit
from renda.core.choices import AuditAction
from renda.demo.catalogue import DEMO_TODAY
from renda.exit_warnings import services as exit_warning_services
from renda.exit_warnings.choices import ExitRuleKind
from renda.people.choices import GroupKind
from renda.people.models import DeputyGroup

ACTOR = "demo"
AUDIT_NOTE = "演示数据"  # stored in the history, read by the office: in Chinese
STEPS = ("Activity catalogue", "Activities", "Evaluations")
YEARS = (2023, 2024, 2025, 2026)
FINAL_YEARS = (2023, 2024, 2025)
TABLE_YEARS = (2019, *YEARS)

# A deputy's habit: how many of each type a year (low, high), and how likely the rarer ones.
# Diligent deputies reach 优秀, steady ones 合格, patchy ones 基本合格 and idle ones fall below
# the minimums and score 不合格.
# fmt: off
HABITS = {
    "diligent": {"standing_committee_speech": (1, 2), "session_speech": (2, 3),
                 "attend_standing_committee": (1, 2), "inspection": (2, 3), "survey": (1, 2),
                 "law_enforcement_inspection": (0, 1), "group_activity": (3, 5),
                 "visit": (3, 5), "reception": (2, 3), "policy_explaining": (3, 5),
                 "suggestion": (3, 5), "motion": (0, 1), "training": (1, 2), "good_deed": (1, 2),
                 "report_back": (1, 1), "review_meeting": (0, 1)},
    "steady": {"standing_committee_speech": (1, 1), "session_speech": (2, 2),
               "attend_standing_committee": (0, 1), "inspection": (1, 2), "survey": (1, 1),
               "group_activity": (2, 4), "visit": (2, 3), "reception": (1, 2),
               "policy_explaining": (2, 3), "suggestion": (2, 3), "training": (1, 1),
               "good_deed": (0, 1), "report_back": (1, 1)},
    "patchy": {"session_speech": (3, 3), "attend_standing_committee": (0, 1),
               "inspection": (1, 3), "group_activity": (2, 3), "visit": (2, 2),
               "reception": (1, 1), "policy_explaining": (1, 3), "suggestion": (1, 3),
               "training": (0, 1), "good_deed": (0, 1), "report_back": (0, 1)},
    "idle": {"session_speech": (0, 2), "group_activity": (0, 2), "visit": (0, 1),
             "suggestion": (0, 1)},
}
HABIT_SHARES = {"diligent": 22, "steady": 44, "patchy": 24, "idle": 10}
# Town deputies register less, and only for the last two years: their congresses are not
# evaluated in the demo, and their records are there for their own progress pages.
TOWN_YEARS = (2025, 2026)
TOWN_HABIT = {"session_speech": (1, 3), "group_activity": (1, 3), "visit": (1, 3),
              "reception": (0, 2), "policy_explaining": (0, 2), "suggestion": (0, 2),
              "good_deed": (0, 1), "training": (0, 1)}

TOPICS = ("城乡供水一体化工程", "农村公路“四好农村路”建设", "老旧小区改造", "生猪产业发展",
          "夏布产业传承", "安陶小镇建设", "濑溪河流域水污染防治", "高标准农田建设",
          "乡村振兴示范村建设", "义务教育学校建设", "基层医疗卫生服务", "食品安全监管",
          "养老服务体系建设", "农村人居环境整治", "中小企业发展环境", "河长制落实情况")
LAWS = ("《中华人民共和国食品安全法》", "《中华人民共和国水污染防治法》",
        "《重庆市物业管理条例》", "《中华人民共和国安全生产法》",
        "《中华人民共和国农产品质量安全法》")
POLICIES = ("乡村振兴政策", "《中华人民共和国民法典》", "党的二十大精神", "医保参保政策",
            "耕地保护政策", "森林防火知识", "防范电信诈骗知识", "垃圾分类知识")
TRAININGS = ("重庆市人大代表履职学习培训班", "荣昌区人大代表履职能力提升培训",
             "区人大常委会代表建议办理专题培训", "人大代表依法履职网络培训")
GOOD_DEEDS = ("协调硬化{village}组道{n}公里", "为{village}困难群众协调解决饮水问题",
              "帮助{village}农户销售滞销柑橘{n}万斤", "协调修复{village}垮塌堡坎",
              "为{village}留守儿童捐赠学习用品", "协调{village}安装路灯{n}盏")
SUGGESTIONS = ("关于加快{topic}的建议", "关于进一步加强{topic}的建议",
               "关于解决{town}{topic}相关问题的建议")
BATCHES = (
    ("inspection", "视察荣昌区城乡供水一体化工程", "荣昌区"),
    ("inspection", "视察荣昌高新区重点项目建设情况", "荣昌高新区"),
    ("survey", "调研生猪产业高质量发展情况", "荣昌区"),
    ("law_enforcement_inspection", "《中华人民共和国食品安全法》执法检查", "荣昌区"),
    ("inspection", "视察濑溪河流域综合治理情况", "濑溪河沿线"),
    ("survey", "调研老旧小区改造推进情况", "昌元街道、昌州街道"),
)
REJECT_NOTES = ("佐证材料不足，请补充活动照片或签到表", "同一活动已由组织方集体登记，请勿重复登记",
                "活动内容与所选活动类型不符，请改选“调研”后重新提交",
                "活动日期与会议记录不一致，请核实后修改")
COMMENDATION_BONUS = ("被评为{year}年度重庆市优秀人大代表", "所提建议被评为{year}年度优秀代表建议",
                      "在{year}年防汛救灾中表现突出，受到区人大常委会通报表扬")
DRUNK_DRIVING = "醉酒驾驶机动车，被依法追究刑事责任，受到党内严重警告处分"
ILLNESS_NOTES = ("因病住院治疗", "手术后居家休养", "因病长期治疗")
LEAVE_NOTES = ("经批准赴外地学习培训", "经批准外出务工", "经批准照顾重病家属")
# fmt: on


def _content(rng: random.Random, code: str, town: str, village: str) -> str:
    """What a record says it was, in the words deputies write."""
    topic = rng.choice(TOPICS)
    return {
        "standing_committee_speech": f"在区人大常委会会议上审议{topic}专项工作报告并发言",
        "session_speech": rng.choice(
            (
                "在区人民代表大会会议上审议政府工作报告并发言",
                "审议区人民法院工作报告并发言",
                "审议计划执行情况和预算报告并发言",
                f"在代表团审议中就{topic}发言",
            )
        ),
        "attend_standing_committee": f"列席区人大常委会会议，听取关于{topic}的报告",
        "inspection": f"视察{town}{topic}",
        "survey": f"调研{town}{topic}情况",
        "law_enforcement_inspection": f"参加{rng.choice(LAWS)}执法检查",
        "group_activity": rng.choice(
            (
                f"参加{town}代表小组集中活动，听取{topic}情况通报",
                f"参加代表小组“代表接待日”活动，在{town}人大代表之家接待选民",
                f"参加代表小组视察{topic}",
            )
        ),
        "review_meeting": f"参加区人大常委会对{topic}的专题询问",
        "visit": f"走访{village}选民，收集对{topic}的意见",
        "reception": f"在{village}人大代表联络站接待选民",
        "policy_explaining": f"在{village}院坝会上宣讲{rng.choice(POLICIES)}",
        "suggestion": rng.choice(SUGGESTIONS).format(topic=topic, town=town),
        "motion": f"领衔提出关于{topic}的议案",
        "training": f"参加{rng.choice(TRAININGS)}",
        "good_deed": rng.choice(GOOD_DEEDS).format(village=village, n=rng.randint(1, 8)),
        "report_back": f"向{town}选民述职，接受选民评议",
    }[code]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


class _Drawer:
    """Draws activities, batches and excuses into unsaved instances; writes nothing."""

    def __init__(self, *, seed: int, seats, types, villages):
        self.rng = random.Random(f"activities-{seed}")
        self.seats = seats  # {congress id: [current Mandate]}
        self.types = types  # {congress id: {code: ActivityType}}
        self.villages = villages  # {town region id: [village names]}
        self.activities: list[Activity] = []
        self.batches: list[tuple[ActivityBatch, list]] = []
        self.excuses: list[Excuse] = []
        self.prints: dict[int, set] = defaultdict(set)
        self.habits: dict[int, str] = {}

    def habit(self, seat, year: int) -> str:
        """A deputy's habit, kept from year to year; one in eight changes each year."""
        habit = self.habits.get(seat.pk)
        if habit is None or self.rng.random() < 0.125:
            names, shares = zip(*HABIT_SHARES.items(), strict=True)
            habit = self.rng.choices(names, weights=shares)[0]
            self.habits[seat.pk] = habit
        return habit

    def window(self, seat, year: int) -> tuple[date, date] | None:
        first = max(date(year, 1, 1), seat.start)
        last = min(date(year, 12, 31), seat.end or DEMO_TODAY, DEMO_TODAY)
        return (first, last) if first <= last else None

    def day(self, first: date, last: date) -> date:
        return first + timedelta(self.rng.randrange((last - first).days + 1))

    def add(
        self,
        seat,
        code: str,
        day: date,
        *,
        status=ActivityStatus.VERIFIED,
        note="",
        batch=None,
        content=None,
        place=None,
    ):
        rng = self.rng
        activity_type = self.types[seat.congress_id][code]
        town = seat.electoral_region.name if seat.electoral_region else "荣昌区"
        villages = self.villages.get(seat.electoral_region_id) or [town]
        village = rng.choice(villages)
        content = content or _content(rng, code, town, village)
        if place is None:
            place = village if code in ("visit", "reception", "policy_explaining") else town
        person_times = rng.randint(6, 35) if activity_type.counts_person_times else None
        print_ = activity_services.fingerprint(activity_type.pk, day, place, content, person_times)
        if print_ in self.prints[seat.pk]:
            return None
        self.prints[seat.pk].add(print_)
        decided = status != ActivityStatus.SUBMITTED
        activity = Activity(
            mandate=seat,
            person=seat.person,
            congress=seat.congress,
            activity_type=activity_type,
            day=day,
            place=place,
            content=content,
            person_times=person_times,
            status=status,
            status_note=note,
            batch=batch,
            fingerprint=print_,
            decided_at=_at(min(day + timedelta(rng.randint(2, 12)), DEMO_TODAY), 16)
            if decided
            else None,
        )
        self.activities.append(activity)
        return activity

    def run(self, district_id: int) -> None:
        for congress_id, seats in self.seats.items():
            district = congress_id == district_id
            for year in YEARS if district else TOWN_YEARS:
                for seat in seats:
                    window = self.window(seat, year)
                    if window is None:
                        continue
                    habit = HABITS[self.habit(seat, year)] if district else TOWN_HABIT
                    if district and self.habits[seat.pk] == "idle" and self.rng.random() < 0.3:
                        self._excuse(seat, year, window)
                    for code, (low, high) in habit.items():
                        for _ in range(self.rng.randint(low, high)):
                            self.add(seat, code, self.day(*window))
            if district:
                self._batches(seats)
                self._queue(seats)

    def _excuse(self, seat, year: int, window) -> None:
        start = self.day(window[0], min(window[1], date(year, 9, 30)))
        end = min(start + timedelta(self.rng.randint(45, 150)), date(year, 12, 31))
        illness = self.rng.random() < 0.6
        self.excuses.append(
            Excuse(
                mandate=seat,
                start=start,
                end=end,
                reason=ExcuseReason.ILLNESS if illness else ExcuseReason.LEAVE,
                note=self.rng.choice(ILLNESS_NOTES if illness else LEAVE_NOTES),
            )
        )

    def _batches(self, seats) -> None:
        """A few group registrations a year: about 30 deputies at an inspection or survey."""
        for k, (code, content, place) in enumerate(BATCHES):
            year = YEARS[k % len(YEARS)]
            day = date(year, self.rng.randint(3, 10), self.rng.randint(1, 28))
            present = [s for s in seats if self.window(s, year) and s.start <= day]
            chosen = self.rng.sample(present, min(30, len(present)))
            if not chosen:
                continue
            congress = chosen[0].congress
            batch = ActivityBatch(
                congress=congress,
                activity_type=self.types[congress.pk][code],
                day=day,
                place=place,
                content=content,
            )
            members = [
                a
                for s in chosen
                if (a := self.add(s, code, day, batch=batch, content=content, place=place))
            ]
            self.batches.append((batch, members))

    def _queue(self, seats) -> None:
        """2026 still runs: records waiting for verification, a few rejected with a reason."""
        recent = (date(2026, 10, 15), DEMO_TODAY - timedelta(1))
        serving = [s for s in seats if s.end is None]
        waiting = max(4, len(serving) // 6)
        for seat in self.rng.sample(serving, min(waiting, len(serving))):
            code = self.rng.choice(("visit", "reception", "inspection", "policy_explaining"))
            self.add(seat, code, self.day(*recent), status=ActivityStatus.SUBMITTED)
        for seat in self.rng.sample(serving, min(max(2, waiting // 4), len(serving))):
            code = self.rng.choice(("visit", "survey", "group_activity"))
            self.add(
                seat,
                code,
                self.day(*recent),
                status=ActivityStatus.REJECTED,
                note=self.rng.choice(REJECT_NOTES),
            )


def build(*, plan, seed: int, scale: float = 1.0) -> Iterator[str]:
    """Write the register and the evaluations over the saved `plan`; yields each step's label
    from `STEPS` when it is done, for the builder's progress bar."""
    congresses = [
        c for c in plan.congresses if c.level in (CongressLevel.COUNTY, CongressLevel.TOWN)
    ]
    district = next(c for c in congresses if c.level == CongressLevel.COUNTY)
    ids = {c.pk for c in congresses}
    terms = {
        t.congress_id: t
        for t in plan.terms
        if t.congress_id in ids and t.start <= DEMO_TODAY <= t.end
    }
    for congress in congresses:
        activity_services.activity_types_apply_preset(actor=ACTOR, congress=congress)
        activity_services.requirements_apply_preset(actor=ACTOR, term=terms[congress.pk])
    # The municipal congress keeps the catalogue too, so its deputies (some hold no other seat)
    # can register their activities; Chongqing's minimums are the district's and the towns', and
    # the municipal term sets none, which the deputies' pages say.
    for congress in plan.congresses:
        if congress.level == CongressLevel.PROVINCIAL:
            activity_services.activity_types_apply_preset(actor=ACTOR, congress=congress)
    types = defaultdict(dict)
    for t in ActivityType.objects.filter(congress__in=congresses):
        types[t.congress_id][t.code] = t
    yield STEPS[0]

    seats = defaultdict(list)
    for m in plan.mandates:
        if m.congress_id in terms and m.term_id == terms[m.congress_id].pk:
            seats[m.congress_id].append(m)
    villages = defaultdict(list)
    for region in plan_villages(plan):
        villages[region.parent_id].append(region.name)
    drawer = _Drawer(seed=seed, seats=seats, types=types, villages=villages)
    drawer.run(district.pk)
    _write(drawer)
    if connection.vendor == "postgresql":
        # Row counts for the planner before the evaluations read the fresh rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    yield STEPS[1]

    _evaluate(district, drawer, seed)
    yield STEPS[2]


def plan_villages(plan):
    """The villages and communities under the plan's towns (where visits and receptions are)."""
    from renda.regions.models import Region

    towns = {m.electoral_region_id for m in plan.mandates if m.electoral_region_id}
    return Region.objects.filter(parent_id__in=towns).order_by("code")


def _write(drawer: _Drawer) -> None:
    batches = [b for b, _ in drawer.batches]
    ActivityBatch.objects.bulk_create(batches)
    audit.record_many(actor=ACTOR, action=AuditAction.IMPORT, objs=batches, note=AUDIT_NOTE)
    for batch, members in drawer.batches:
        for a in members:
            a.batch = batch
    Activity.objects.bulk_create(drawer.activities, batch_size=1000)
    audit.record_many(
        actor=ACTOR, action=AuditAction.IMPORT, objs=drawer.activities, note=AUDIT_NOTE
    )
    # Registered in the month it took place, not on the day the demo was built.
    for year in YEARS:
        for month in range(1, 13):
            last = min(date(year, month, calendar.monthrange(year, month)[1]), DEMO_TODAY)
            if date(year, month, 1) > DEMO_TODAY:
                break
            Activity.objects.filter(day__year=year, day__month=month).update(
                created_at=_at(last, 9)
            )
    Excuse.objects.bulk_create(drawer.excuses)
    audit.record_many(actor=ACTOR, action=AuditAction.IMPORT, objs=drawer.excuses, note=AUDIT_NOTE)


def _evaluate(district, drawer: _Drawer, seed: int) -> None:
    """The district's tables, adjustments, exit rules, evaluations and praise."""
    rng = random.Random(f"evaluations-{seed}")
    for year in TABLE_YEARS:
        assessment_services.table_from_preset(actor=ACTOR, congress=district, year=year)
    exit_warning_services.exit_rule_set(
        actor=ACTOR, congress=district, kind=ExitRuleKind.BELOW_MINIMUM, years=2
    )
    exit_warning_services.exit_rule_set(
        actor=ACTOR, congress=district, kind=ExitRuleKind.DISCIPLINE
    )
    seats = drawer.seats[district.pk]
    diligent = [s for s in seats if drawer.habits.get(s.pk) == "diligent" and s.end is None]
    steady = [s for s in seats if drawer.habits.get(s.pk) == "steady" and s.end is None]
    for year in YEARS:
        for seat in rng.sample(diligent, min(3, len(diligent))):
            assessment_services.adjustment_add(
                actor=ACTOR,
                congress=district,
                year=year,
                mandate=seat,
                item_code="commendation",
                points=rng.choice((3, 5)),
                reason=rng.choice(COMMENDATION_BONUS).format(year=year - 1),
            )
    if steady:
        assessment_services.adjustment_add(
            actor=ACTOR,
            congress=district,
            year=2025,
            mandate=steady[0],
            item_code="discipline",
            points=-30,
            reason=DRUNK_DRIVING,
        )
    for year in YEARS:
        evaluation = assessment_services.evaluation_run(actor=ACTOR, congress=district, year=year)
        if year in FINAL_YEARS:
            assessment_services.evaluation_finalize(actor=ACTOR, evaluation=evaluation)
    final = Evaluation.objects.get(congress=district, year=2025)
    praised = commendation_services.commendations_nominate_from_results(
        actor=ACTOR, evaluation=final, grade="优秀", title="2025年度履职优秀代表"
    )
    group = (
        DeputyGroup.objects.filter(congress=district, kind=GroupKind.DEPUTY_GROUP)
        .order_by("pk")
        .first()
    )
    if group is not None:
        praised.append(
            commendation_services.commendation_nominate(
                actor=ACTOR,
                congress=district,
                kind=CommendationKind.PRAISE,
                year=2025,
                group=group,
                title="2025年度先进代表小组",
                citation=f"{group.name}坚持每月开展集中活动，组织代表进站接待选民，"
                "推动解决群众急难愁盼问题。",
            )
        )
    for commendation in praised:
        for step in ("approve", "publish"):
            commendation_services.commendation_step(
                actor=ACTOR, commendation=commendation, action=step
            )

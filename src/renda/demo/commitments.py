"""The demo's commitments (亮承诺), 2017–2026, drawn from the seed after the deputies' plan.

Rongchang began "双亮双做" in July 2017 with its district deputies, took in the town deputies
in 2018 and the municipal ones in 2019. Its published figures are reproduced exactly under the
statistics definition (`commitments/selectors.py`, docs): count the approved-or-later
commitments (approved, fulfilled, partly fulfilled, unfulfilled; withdrawn, returned, drafts and
cancelled ones do not count), the fulfilled ones among them (partly fulfilled is not
fulfilled), and the deputies — people, once each across their seats — who made them:

    2017  district deputies          278 deputies  1,352 commitments  1,267 fulfilled  93.7 %
    2018  district and town        1,165           6,234              5,910            94.8 %
    2019  municipal, district, town 1,185          8,247              7,942            96.3 %
    2020  the three levels          1,162          8,682              7,779 so far     89.6 %

Those years fall in the previous terms, so each year's deputies are drawn, as many as were
published, from the previous rosters' people who held a seat when the year's submissions
closed. The rosters seat 280 district and 950 town deputies a term, many people in both; the
by-elections of the previous term (a successor for each resigned deputy, and new town deputies
for the town cadres transferred away in 2017 and 2018, who kept their district seats) give
2018 and 2019 enough people for Rongchang's 1,165 and 1,185. 2020 leaves commitments approved
and never closed, as the published "so far" had them. 2021–2025 are closed years with a
realistic mix; 2026 is in progress on the demo's date: mostly approved with progress reports
toward their targets, some awaiting review, some returned — town party secretaries' promises
to do their own job among them (与本职工作重合, as Rongchang returned 黎源's in 2020) — some
drafts and withdrawn ones.

A commitment is filed under the deputy's lowest seat among the congresses taking part that
year, as `commitment_create` files a new one. `plan_commitments` draws everything from
(the deputies' plan, seed, scale) without touching the database; `build` writes it with bulk
inserts and audits every row with `record_many`, as the builder does the rest of the demo.
"""

import random
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from importlib import import_module

from django.utils import timezone

from renda.commitments.choices import CLOSED_STATUSES, CommitmentStatus
from renda.commitments.models import (
    Commitment,
    CommitmentCategory,
    CommitmentProgress,
    CommitmentYear,
    ReturnReason,
)
from renda.congresses.choices import CongressLevel
from renda.core import audit
from renda.core.choices import AuditAction
from renda.demo.catalogue import DEMO_TODAY

ACTOR = "demo"
AUDIT_NOTE = "演示数据"  # stored in the history, read by the office: in Chinese
# The builder's progress bar: one step each.
STEPS = ("Commitment years", "Commitments", "Progress reports")

S = CommitmentStatus
L = CongressLevel
CATEGORIES = ("联系选民", "带动发展", "宣讲政策", "办好事实事", "关爱帮扶")
FIRST_YEAR = {L.COUNTY: 2017, L.TOWN: 2018, L.PROVINCIAL: 2019}
LAST_YEAR = DEMO_TODAY.year


@dataclass(frozen=True)
class Published:
    """A year's published figures; `open` commitments were approved and not yet closed."""

    deputies: int
    commitments: int
    fulfilled: int
    open: int = 0

    @property
    def rate(self) -> Decimal:
        return (Decimal(self.fulfilled * 100) / self.commitments).quantize(Decimal("0.1"))


PUBLISHED = {
    2017: Published(278, 1352, 1267),
    2018: Published(1165, 6234, 5910),
    2019: Published(1185, 8247, 7942),
    2020: Published(1162, 8682, 7779, open=840),
}
# Fulfilment in the closed years after the published ones.
RATES = {2021: 0.952, 2022: 0.946, 2023: 0.958, 2024: 0.961, 2025: 0.954}
# How many a deputy could make: the published years averaged up to 7.5 a deputy.
MAX_COUNT = {2017: 6, 2018: 8, 2019: 10, 2020: 10}
COUNTS = {3: 2, 4: 4, 5: 3, 6: 2}  # commitments a deputy makes in the later years

# --- What deputies promise -------------------------------------------------------------------
# (category, title, unit, targets); {n} is the target, {place} the village or town.
# fmt: off
GENERAL = (
    ("联系选民", "全年走访选区选民{n}人次", "人次", (100, 200, 300, 500)),
    ("联系选民", "每月到代表联络站接待选民不少于{n}次", "次", (1, 2)),
    ("联系选民", "收集反映选民意见建议不少于{n}条", "条", (5, 10, 20)),
    ("联系选民", "参加代表小组集中活动不少于{n}次", "次", (4, 6)),
    ("宣讲政策", "积极为选区选民宣讲法律、法规及政策", "", ()),
    ("宣讲政策", "开展政策法规宣讲{n}场", "场", (2, 4, 6, 10)),
    ("宣讲政策", "向选民宣讲乡村振兴政策{n}场", "场", (2, 3, 4)),
    ("宣讲政策", "在{place}开展民法典宣传{n}场", "场", (2, 3)),
    ("办好事实事", "为选区群众办好事实事{n}件", "件", (3, 5, 10)),
    ("办好事实事", "协调解决{place}群众反映的困难问题{n}件", "件", (5, 10)),
    ("关爱帮扶", "结对帮扶困难家庭{n}户", "户", (2, 3, 5)),
    ("关爱帮扶", "走访慰问{place}留守儿童和空巢老人{n}人次", "人次", (20, 30, 50)),
    ("关爱帮扶", "资助困难学生{n}人", "人", (2, 3, 5, 10)),
)
BY_SECTOR = {
    "village": (
        ("带动发展", "带动{place}发展特色产业{n}亩", "亩", (100, 200, 300)),
        ("办好事实事", "协调硬化{place}村组公路{n}公里", "公里", (2, 3, 5)),
        ("办好事实事", "协调解决{place}{n}户群众饮水安全问题", "户", (30, 50, 80)),
        ("办好事实事", "推动{place}人居环境整治，新建垃圾收集点{n}个", "个", (5, 8)),
        ("联系选民", "每季度召开院坝会听取村民意见，全年{n}次", "次", (4,)),
        ("带动发展", "引进农业企业{n}家，盘活{place}闲置土地", "家", (1, 2)),
    ),
    "farmer": (
        ("带动发展", "带动{n}户农户发展生猪养殖", "户", (10, 20)),
        ("带动发展", "在{place}流转土地{n}亩种植柑橘", "亩", (50, 100, 200)),
        ("带动发展", "为周边农户提供种植技术指导{n}户次", "户次", (30, 50)),
        ("关爱帮扶", "帮助邻里困难群众代销农产品{n}万元", "万元", (2, 5)),
    ),
    "agri": (
        ("带动发展", "在{place}流转土地{n}亩种植柑橘", "亩", (200, 300, 500)),
        ("带动发展", "带动{n}户农户发展稻虾轮作", "户", (20, 30)),
        ("带动发展", "合作社带动{n}户农户增收", "户", (30, 50, 100)),
        ("办好事实事", "免费为农户开展种养技术培训{n}场", "场", (3, 5)),
        ("关爱帮扶", "吸纳{n}名脱贫群众到合作社务工", "人", (5, 10)),
    ),
    "enterprise": (
        ("带动发展", "吸纳{n}名脱贫群众和困难群众就业", "人", (5, 10, 17, 20)),
        ("关爱帮扶", "捐资{n}万元助学", "万元", (2, 5, 10)),
        ("办好事实事", "出资{n}万元改善{place}道路等基础设施", "万元", (5, 10, 20)),
        ("带动发展", "订单收购农户农产品{n}万元", "万元", (50, 100)),
        ("关爱帮扶", "开展“万企帮万村”结对帮扶{n}户", "户", (5, 10)),
    ),
    "worker": (
        ("宣讲政策", "在车间开展安全生产和劳动法律宣讲{n}场", "场", (4, 6)),
        ("联系选民", "收集职工意见建议{n}条并反映", "条", (10, 20)),
        ("办好事实事", "带领班组开展技术革新{n}项", "项", (2, 3)),
        ("关爱帮扶", "帮扶困难职工{n}人", "人", (3, 5)),
    ),
    "edu": (
        ("关爱帮扶", "结对帮扶留守儿童{n}人", "人", (5, 10)),
        ("宣讲政策", "开展家庭教育讲座{n}场", "场", (3, 4, 6)),
        ("办好事实事", "为残疾儿童送教上门{n}次", "次", (6, 10)),
        ("宣讲政策", "进社区开展青少年法治教育{n}场", "场", (2, 4)),
    ),
    "health": (
        ("办好事实事", "到{place}开展义诊{n}场", "场", (4, 6, 10)),
        ("关爱帮扶", "为{place}60岁以上老人免费体检{n}人次", "人次", (100, 200, 300)),
        ("宣讲政策", "开展健康知识讲座{n}场", "场", (4, 6)),
        ("关爱帮扶", "为行动不便老人上门诊疗{n}人次", "人次", (30, 50)),
    ),
    "law": (
        ("宣讲政策", "开展“法律进村居”普法讲座{n}场", "场", (4, 6, 8)),
        ("办好事实事", "为群众提供免费法律咨询{n}人次", "人次", (50, 100)),
        ("办好事实事", "参与调解矛盾纠纷{n}件", "件", (10, 20)),
        ("关爱帮扶", "为困难群众免费代理法律援助案件{n}件", "件", (2, 3)),
    ),
    "trade": (
        ("带动发展", "帮助{place}农户销售农产品{n}万元", "万元", (5, 10)),
        ("关爱帮扶", "为困难群众捐赠生活物资{n}万元", "万元", (1, 2)),
        ("宣讲政策", "在商户中宣讲食品安全法律法规{n}场", "场", (2, 3)),
        ("带动发展", "带动{n}名群众就近就业", "人", (3, 5)),
    ),
    "gov": (
        ("办好事实事", "督促解决选区群众反映的突出问题{n}件", "件", (5, 10)),
        ("联系选民", "到联系的代表之家接待选民{n}次", "次", (4, 6)),
        ("关爱帮扶", "结对联系困难群众{n}户", "户", (3, 5)),
    ),
}
# A town party secretary's job, not a deputy's promise: returned as 与本职工作重合.
JOB_DUTIES = (
    ("带动发展", "统筹推进{whole}产业发展项目", "", ()),
    ("关爱帮扶", "对{whole}{n}户脱贫户全覆盖走访", "户", (612, 737, 854, 905)),
    ("带动发展", "完成{whole}年度招商引资目标任务", "", ()),
)
TOWN_JOB_DUTIES = JOB_DUTIES + (
    ("带动发展", "统筹推进{town}农村产业强镇示范建设项目", "", ()),
    ("办好事实事", "统筹推进{town}老旧小区修缮加固和临河步行街建设工程", "", ()),
    ("办好事实事", "抓好{whole}安全生产和森林防火工作", "", ()),
)
STREET_JOB_DUTIES = JOB_DUTIES + (
    ("办好事实事", "统筹推进{town}老旧小区改造和背街小巷整治工程", "", ()),
    ("办好事实事", "抓好{whole}安全生产和城市管理工作", "", ()),
)
VAGUE = ("多为群众办实事", "积极履职，服务群众", "努力带动群众增收致富", "关心关爱困难群众")
# 黎源 (河包镇 party secretary) in 2020, as the newspaper has it: five returned, four accepted.
LI_YUAN_RETURNED = (
    ("关爱帮扶", "对全镇854户贫困户全覆盖走访", "户", 854),
    ("带动发展", "统筹推进农村产业强镇示范建设项目", "", None),
    ("办好事实事", "统筹推进老旧小区修缮加固和临河步行街建设工程", "", None),
    ("带动发展", "统筹推进全镇产业发展项目", "", None),
    ("关爱帮扶", "抓好全镇脱贫攻坚各项工作", "", None),
)
LI_YUAN_ACCEPTED = (
    ("联系选民", "全年走访选区选民500人次", "人次", 500),
    ("宣讲政策", "积极为选区选民宣讲法律、法规及政策", "", None),
    ("办好事实事", "督促解决选区群众反映的突出问题10件", "件", 10),
    ("关爱帮扶", "结对联系困难群众5户", "户", 5),
)
JOB_DUTY_NOTE = (
    "该承诺属于{post}岗位职责，不作为个性承诺；请围绕联系选民、宣讲政策、为群众办实事等"
    "代表履职内容重新提出。"
)
VAGUE_NOTE = "承诺不具体、不可衡量，请写明做什么、做多少。"
LI_YUAN_NOTE = "与本职工作重合，已按要求重新提出承诺"
CANCEL_NOTES = (
    "该事项已纳入区政府民生实事统一实施，经代表申请取消",
    "受援对象已迁出本区，承诺无法继续履行",
    "代表资格终止，承诺不再履行",
)
RESULT_NOTES = {
    S.PARTLY_FULFILLED: ("受疫情影响部分活动未能开展", "资金未全部到位，完成大部分",
                         "项目延期至次年完成"),
    S.UNFULFILLED: ("因工作调动未能落实", "项目未获立项", "受天气影响未能实施"),
}
PROGRESS_TEXTS = {
    "人次": "走访接待{place}选民{v}人次，收集意见建议{k}条",
    "户": "入户走访{v}户，帮助解决实际困难{k}个",
    "亩": "新增流转、种植{v}亩，带动农户务工{k}人次",
    "场": "在{place}开展{v}场，参加群众{k}人次",
    "万元": "落实资金{v}万元",
    "人": "已帮扶{v}人，建立帮扶台账",
    "件": "协调办结{v}件，群众满意",
    "次": "参加或开展{v}次，记录在履职登记中",
    "条": "收集并提交意见建议{v}条",
    "个": "完成{v}个",
    "公里": "完成{v}公里",
    "家": "对接引进{v}家",
    "户次": "上门指导{v}户次",
    "项": "完成{v}项",
}
PROGRESS_PLAIN = (
    "按计划推进，已在{place}开展相关工作，群众反映良好",
    "利用代表接待日向群众宣讲，现场解答群众疑问",
    "结合代表小组活动开展，已形成工作记录",
)
# fmt: on


def sector(post: str) -> str:
    """The kind of deputy a seat's post shows, to choose what they promise."""
    for key, words in (
        ("village", ("村党支部", "村委会", "村务监督", "居委会", "社区党委", "居务监督")),
        ("village", ("村民小组长", "社区网格员")),
        ("enterprise", ("董事长", "总经理")),
        ("worker", ("车间主任", "技术员", "一线职工", "班组长", "质检员")),
        ("edu", ("教师", "校长")),
        ("health", ("医生", "医师", "护士长", "院长")),
        ("law", ("律师", "所长", "法院", "检察")),
        ("trade", ("个体工商户",)),
        ("agri", ("合作社", "家庭农场")),
        ("farmer", ("农民", "种植大户", "养殖大户")),
    ):
        if any(word in post for word in words):
            return key
    return "gov"


def is_party_secretary(post: str) -> bool:
    return post in ("镇党委书记", "街道党工委书记")


@dataclass
class CommitmentPlan:
    """What `build` writes, as unsaved instances in insertion order."""

    categories: list[CommitmentCategory] = field(default_factory=list)
    years: list[CommitmentYear] = field(default_factory=list)
    offered: list[tuple[CommitmentYear, CommitmentCategory]] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    progress: list[CommitmentProgress] = field(default_factory=list)


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


class _Planner:
    def __init__(self, *, plan, seed: int, scale: float, reasons: Mapping[str, ReturnReason]):
        self.rng = random.Random(f"commitments-{seed}")
        self.scale = scale
        self.deputies = plan
        self.reasons = reasons
        self.out = CommitmentPlan()
        self.categories: dict[tuple[int, str], CommitmentCategory] = {}
        self.years: dict[tuple[int, int], CommitmentYear] = {}
        self.titles: set[tuple[int, int, str]] = set()

    def run(self) -> CommitmentPlan:
        self._years()
        for year in range(min(FIRST_YEAR.values()), LAST_YEAR + 1):
            self._year(year)
        return self.out

    # --- years and categories -----------------------------------------------------------------

    def _years(self) -> None:
        for congress in self.deputies.congresses:
            for order, name in enumerate(CATEGORIES, start=1):
                category = CommitmentCategory(congress=congress, name=name, order=order)
                self.out.categories.append(category)
                self.categories[(id(congress), name)] = category
            for year in range(FIRST_YEAR[congress.level], LAST_YEAR + 1):
                # The practice began in July 2017; later years open in January.
                opens = date(2017, 7, 10) if year == 2017 else date(year, 1, 1)
                closes = date(2017, 8, 31) if year == 2017 else date(year, 2, 28)
                cycle = CommitmentYear(
                    congress=congress,
                    year=year,
                    opens=opens,
                    closes=closes,
                    min_count=3,
                    max_count=MAX_COUNT.get(year, 6),
                )
                self.out.years.append(cycle)
                self.years[(id(congress), year)] = cycle
                for name in CATEGORIES:
                    self.out.offered.append((cycle, self.categories[(id(congress), name)]))

    # --- who files, where ---------------------------------------------------------------------

    def _filing_seats(self, year: int) -> list:
        """Each person holding a seat when the year's submissions close, in a congress taking
        part that year, with the lowest such seat; in the order of the deputies' plan."""
        seats: dict[int, object] = {}
        for m in self.deputies.mandates:
            if FIRST_YEAR[m.congress.level] > year:
                continue
            closes = self.years[(id(m.congress), year)].closes
            if m.start > closes or (m.end is not None and m.end <= closes):
                continue
            best = seats.get(id(m.person))
            if best is None or (m.congress.level, m.start) > (best.congress.level, best.start):
                seats[id(m.person)] = m
        return list(seats.values())

    # --- one year -----------------------------------------------------------------------------

    def _year(self, year: int) -> None:
        seats = self._filing_seats(year)
        published = PUBLISHED.get(year)
        if published:
            chosen, counts, statuses = self._published(year, seats, published)
        else:
            chosen = seats
            counts = [self.pick(COUNTS) for _ in chosen]
            statuses = self._statuses(year, sum(counts))
        special = self._li_yuan(year, chosen)
        at = 0
        for seat, n in zip(chosen, counts, strict=True):
            mine = statuses[at : at + n]
            at += n
            if seat is special:
                self._li_yuan_commitments(year, seat, mine)
                continue
            job_duties = 0
            if year == LAST_YEAR and is_party_secretary(seat.post):
                job_duties = self.rng.choice((1, 1, 2))
            elif year == LAST_YEAR and seat.post in ("镇长", "街道办事处主任"):
                job_duties = 1 if self.rng.random() < 0.3 else 0
            # Returned ones still count toward the most a deputy may make.
            mine = mine[: MAX_COUNT.get(year, 6) - job_duties]
            self._commitments(year, seat, mine, job_duties=job_duties)
        self._extras(year, chosen)

    def _published(self, year: int, seats: list, published: Published):
        """Deputies, commitments and results as published (scaled down for a small demo): the
        deputies a seeded sample of the year's eligible people, in the plan's order."""
        lo, hi = 3, MAX_COUNT[year]
        wanted = round(published.deputies * self.scale)
        picked = sorted(self.rng.sample(range(len(seats)), min(wanted, len(seats))))
        chosen = [seats[i] for i in picked]
        total = round(published.commitments * self.scale)
        total = min(max(total, lo * len(chosen)), hi * len(chosen))
        fixed = {}
        li = self._li_yuan(year, seats)
        if li is not None and li not in chosen:
            chosen[self.rng.randrange(len(chosen))] = li
            chosen.sort(key=seats.index)
        if li is not None:
            fixed[chosen.index(li)] = len(LI_YUAN_ACCEPTED)
        counts = self._spread(total, len(chosen), lo, hi, fixed)
        fulfilled = round(total * published.fulfilled / published.commitments)
        still_open = round(total * published.open / published.commitments)
        statuses = self._mix(total, fulfilled, still_open)
        return chosen, counts, statuses

    def _spread(self, total: int, people: int, lo: int, hi: int, fixed: dict) -> list[int]:
        counts = [fixed.get(i, lo) for i in range(people)]
        free = [i for i in range(people) if i not in fixed]
        left = total - sum(counts)
        while left > 0:
            i = free[self.rng.randrange(len(free))]
            if counts[i] < hi:
                counts[i] += 1
                left -= 1
        return counts

    def _mix(self, total: int, fulfilled: int, still_open: int) -> list[str]:
        rest = total - fulfilled - still_open
        partly = round(rest * 0.6)
        statuses = (
            [S.FULFILLED] * fulfilled
            + [S.APPROVED] * still_open
            + [S.PARTLY_FULFILLED] * partly
            + [S.UNFULFILLED] * (rest - partly)
        )
        self.rng.shuffle(statuses)
        return statuses

    def _statuses(self, year: int, total: int) -> list[str]:
        if year in RATES:
            return self._mix(total, round(total * RATES[year]), 0)
        # The year in progress, late November: review is long done for most.
        table = {S.APPROVED: 86, S.SUBMITTED: 4, S.RETURNED: 3, S.DRAFT: 4, S.WITHDRAWN: 2}
        return [self.pick(table) for _ in range(total)]

    def pick(self, table: Mapping):
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    # --- the commitments themselves -----------------------------------------------------------

    def _places(self, seat) -> dict[str, str]:
        town = seat.electoral_region.name if seat.electoral_region else "荣昌区"
        if seat.congress.level == L.PROVINCIAL:
            town = "荣昌区"
        village = re.search(r"(?:镇|街道)([^镇]+?(?:村|社区))", seat.work_unit)
        return {
            "town": town,
            "place": village.group(1) if village else town,
            "whole": "全街道" if town.endswith("街道") else "全区" if town == "荣昌区" else "全镇",
        }

    def _draw(self, templates, count: int, places: dict) -> list[tuple[str, str, str, int]]:
        chosen = self.rng.sample(templates, min(count, len(templates)))
        drawn = []
        for category, title, unit, targets in chosen:
            n = self.rng.choice(targets) if targets else None
            drawn.append((category, title.format(n=n, **places), unit, n))
        return drawn

    def _commitments(self, year: int, seat, statuses: list[str], job_duties: int = 0) -> None:
        places = self._places(seat)
        templates = GENERAL + BY_SECTOR[sector(seat.post)]
        drawn = self._draw(templates, len(statuses), places)
        for (category, title, unit, n), status in zip(drawn, statuses, strict=False):
            reason = None
            if status == S.RETURNED:
                title, reason = self.rng.choice(VAGUE), "vague"
                unit, n = "", None
            self._add(year, seat, category, title, unit, n, status, reason=reason)
        duties = STREET_JOB_DUTIES if places["whole"] == "全街道" else TOWN_JOB_DUTIES
        for category, title, unit, n in self._draw(duties, job_duties, places):
            self._add(year, seat, category, title, unit, n, S.RETURNED, reason="job_duty")

    def _li_yuan(self, year: int, seats: list):
        """河包镇's party secretary in 2020, if the roster holds him."""
        if year != 2020:
            return None
        for seat in seats:
            if seat.post == "镇党委书记" and seat.work_unit == "中共重庆市荣昌区河包镇委员会":
                return seat
        return None

    def _li_yuan_commitments(self, year: int, seat, statuses: list[str]) -> None:
        for (category, title, unit, n), status in zip(LI_YUAN_ACCEPTED, statuses, strict=True):
            self._add(year, seat, category, title, unit, n, status)
        for category, title, unit, n in LI_YUAN_RETURNED:
            # Returned as his job duty, then withdrawn when he made the four above instead.
            self._add(year, seat, category, title, unit, n, S.WITHDRAWN, reason="job_duty")

    def _extras(self, year: int, chosen: list) -> None:
        """A few withdrawn and cancelled ones, which no figure counts."""
        if year == LAST_YEAR or not chosen:
            return
        total = len(chosen) * 5
        for status, share in ((S.WITHDRAWN, 0.004), (S.CANCELLED, 0.003)):
            for _ in range(max(1, round(total * share))):
                seat = self.rng.choice(chosen)
                category, title, unit, n = self._draw(GENERAL, 1, self._places(seat))[0]
                title = f"{title}（{year}年补充）"
                self._add(year, seat, category, title, unit, n, status)

    def _add(self, year, seat, category, title, unit, n, status, *, reason=None) -> None:
        key = (id(seat.person), year, title)
        if key in self.titles:
            # Person + year + title identify a commitment (the past-commitments import matches on
            # it); only the uncounted ones (a returned draft's vague title) can repeat: skip them.
            assert status not in (S.APPROVED, *CLOSED_STATUSES), key
            return
        self.titles.add(key)
        cycle = self.years[(id(seat.congress), year)]
        rng = self.rng
        submitted = cycle.opens + timedelta(days=rng.randint(0, (cycle.closes - cycle.opens).days))
        reviewed = submitted + timedelta(days=rng.randint(3, 20))
        closed = date(year, 12, rng.randint(5, 28))
        due = date(year, 12, 31) if rng.random() < 0.8 else date(year, rng.choice((6, 9)), 30)
        c = Commitment(
            person=seat.person,
            mandate=seat,
            commitment_year=cycle,
            category=self.categories[(id(seat.congress), category)],
            title=title,
            target_value=Decimal(n) if unit else None,
            target_unit=unit,
            due=due,
            status=status,
        )
        if status != S.DRAFT:
            c.submitted_at = _at(submitted)
        if status == S.SUBMITTED and year == LAST_YEAR:
            # Late, or revised after a return: waiting for review now.
            c.submitted_at = _at(DEMO_TODAY - timedelta(days=rng.randint(2, 40)))
        if status in (S.APPROVED, S.RETURNED) or reason:
            c.decided_at = _at(reviewed)
        if status in (S.FULFILLED, S.PARTLY_FULFILLED, S.UNFULFILLED):
            c.decided_at = _at(closed)
            if status in RESULT_NOTES:
                c.status_note = rng.choice(RESULT_NOTES[status])
        if reason:
            c.return_reason = self.reasons[reason]
            c.status_note = {
                "job_duty": JOB_DUTY_NOTE.format(post=seat.post),
                "vague": VAGUE_NOTE,
            }[reason]
            if status == S.WITHDRAWN:
                c.status_note = LI_YUAN_NOTE
        if status == S.CANCELLED:
            c.status_note = rng.choice(CANCEL_NOTES)
        self.out.commitments.append(c)
        if year >= LAST_YEAR - 1:
            self._progress(c, year)

    # --- progress reports ---------------------------------------------------------------------

    def _progress(self, c: Commitment, year: int) -> None:
        """Reports toward the target: running totals such as 120, 260, 410 of 500 人次."""
        rng = self.rng
        if c.status not in (S.APPROVED, S.FULFILLED, S.PARTLY_FULFILLED, S.UNFULFILLED):
            return
        last_day = min(DEMO_TODAY - timedelta(days=2), date(year, 11, 30))
        if c.target_value is None:
            if rng.random() < 0.5:
                return
            reports = rng.randint(1, 2)
            shares = [None] * reports
        else:
            reach = {
                S.FULFILLED: rng.uniform(1.0, 1.15),
                S.PARTLY_FULFILLED: rng.uniform(0.4, 0.9),
                S.UNFULFILLED: rng.uniform(0.0, 0.35),
                S.APPROVED: rng.uniform(0.2, 1.05),
            }[c.status]
            if c.status == S.APPROVED and rng.random() < 0.25:
                return  # approved and nothing reported yet: the reminders list these
            reports = rng.randint(1, 3)
            marks = sorted(rng.uniform(0.2, 1.0) for _ in range(reports - 1)) + [1.0]
            target = float(c.target_value) * reach
            totals = [max(1, round(target * m)) for m in marks]
            shares = [b - a for a, b in zip([0, *totals], totals, strict=False)]
        first = date(year, 3, 1)
        days = sorted(
            first + timedelta(days=rng.randint(0, (last_day - first).days)) for _ in shares
        )
        places = {"place": c.mandate.electoral_region.name if c.mandate.electoral_region else ""}
        for day, share in zip(days, shares, strict=True):
            if share is not None and share <= 0:
                continue
            if share is None:
                text = rng.choice(PROGRESS_PLAIN).format(**places)
            else:
                text = PROGRESS_TEXTS[c.target_unit].format(v=share, k=rng.randint(2, 30), **places)
            self.out.progress.append(
                CommitmentProgress(
                    commitment=c,
                    day=day,
                    text=text,
                    value=Decimal(share) if share is not None else None,
                )
            )


def plan_commitments(
    *, plan, seed: int, scale: float = 1.0, reasons: Mapping[str, ReturnReason]
) -> CommitmentPlan:
    """Draw the demo's commitments over the deputies' `plan` (its mandates need not be saved)
    from `seed`; `reasons` are the return reasons by code ("job_duty", "vague")."""
    return _Planner(plan=plan, seed=seed, scale=scale, reasons=reasons).run()


def build(*, plan, seed: int, scale: float = 1.0) -> Iterator[str]:
    """Write the commitments over the saved deputies' `plan`, audited; yields each step's label
    from `STEPS` when it is done, for the builder's progress bar."""
    reasons = _reasons()
    out = plan_commitments(plan=plan, seed=seed, scale=scale, reasons=reasons)
    _insert(CommitmentCategory, out.categories)
    _insert(CommitmentYear, out.years)
    Offered = CommitmentYear.categories.through
    Offered.objects.bulk_create(
        [Offered(commitmentyear=y, commitmentcategory=c) for y, c in out.offered], batch_size=500
    )
    yield STEPS[0]
    _insert(Commitment, out.commitments)
    # Drafted in the year's window, not on the day the demo was built.
    # Filter on the column, not through a join: PostgreSQL plans the joined form of this
    # UPDATE as a nested loop over freshly inserted, unanalysed rows and takes minutes.
    for cycle in out.years:
        if cycle.congress.level == L.COUNTY:
            same_year = [y.pk for y in out.years if y.year == cycle.year]
            Commitment.objects.filter(commitment_year_id__in=same_year).update(
                created_at=_at(cycle.opens, 9)
            )
    yield STEPS[1]
    _insert(CommitmentProgress, out.progress)
    yield STEPS[2]


def _reasons() -> dict[str, ReturnReason]:
    """The return reasons for every congress, by code. A migration adds them; `renda demo
    --force` flushes the database, data migrations' rows included, so put back what is missing
    from the migration's own list."""
    reasons = import_module("renda.commitments.migrations.0002_return_reasons").REASONS
    have = {r.code: r for r in ReturnReason.objects.filter(congress=None)}
    missing = [
        ReturnReason(code=code, label=label, is_job_duty=job, needs_note=note, order=order)
        for code, label, job, note, order in reasons
        if code not in have
    ]
    _insert(ReturnReason, missing)
    return have | {r.code: r for r in missing}


def _insert(model, objs: list) -> None:
    model.objects.bulk_create(objs, batch_size=500)
    audit.record_many(actor=ACTOR, action=AuditAction.IMPORT, objs=objs, note=AUDIT_NOTE)

"""Review assistance: likely job-duty overlaps and near-duplicates, found offline.

Two independent checks, both explainable, both only hints beside the review buttons — staff
decide. docs/review-assistance.md describes the features and thresholds and reports how well
they do on the labelled set in data/review_examples.json (`renda review_eval`).

- Job duty (与本职工作重合): a promise is the deputy's own job when it names the scope of the
  organisation the deputy works for (全镇, 本村, 公司, 全校 …) or that organisation's business
  (项目, 产业, 教学质量, 营业收入 …) and the deputy holds a post responsible for it, and it does
  not read as deputy work (选民, 选区, 宣讲, 意见建议 …) or personal effort (自费, 捐资, 义务 …).
  Plain string similarity with the post would miss 黎源's "统筹推进农村产业强镇示范建设项目":
  it shares no word with "河包镇党委书记".
- Near-duplicates: cosine of character bigrams and of jieba words between two titles, against
  the deputy's commitments of earlier years and every other commitment of the same
  commitment year.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# The text measures live in core, shared with suggestions; named here as before.
from renda.core.textsim import (  # noqa: F401 - re-exported for the command and the tests
    DUPLICATE_THRESHOLD,
    _private_dir,
    bigrams,
    normalise,
    similar_texts,
    split_words,
    text_similarity,
    warm_up,
    words,
)


@dataclass(frozen=True)
class Hint:
    kind: str  # "job_duty" | "earlier_year" | "same_year"
    score: float  # 0..1, higher is more alike
    matched: str  # the text it resembles (the post, or the other commitment's title)
    other_id: int | None = None  # the other commitment, for the two duplicate kinds


# A job-duty hint when the evidence adds up to this much (see docs/review-assistance.md).
JOB_DUTY_THRESHOLD = 0.5
# At most this many duplicate hints of each kind, strongest first: a generic promise
# (全年走访选民500人次) may have hundreds of twins in a year, and three make the point.
MAX_DUPLICATE_HINTS = 3


# ---------------------------------------------------------------------------------------------
# Job duty: who the deputy works for, and whether the promise is that organisation's business
# ---------------------------------------------------------------------------------------------

# Organisation kinds, found from the last organisation word of the work unit (the most specific
# one: 荣隆镇中心小学 is a school, 清流镇永兴村 a village). Longer words win at the same place.
_ORG_SUFFIXES = {
    "company": "公司 分公司 集团 银行 支行 分行 信用社 厂 砖厂 酒店 超市 商贸",
    "cooperative": "合作社 家庭农场",
    "school": "学校 小学 中学 学院 大学 幼儿园 职业教育中心",
    "hospital": "医院 中医院 卫生院 卫生室 诊所 卫生服务中心",
    "village": "村 社区",
    "town": "镇 乡 街道",
    "district": "区 县",
    "agency": "局 委员会 办公室 派出所 所 中心 站 法院 检察院",
}
# Party and government wrappers name the same organisation: 河包镇党委 is 河包镇.
_WRAPPER = re.compile(
    r"(?<=[镇乡道村区县])(党委|党工委|委员会|人民政府|政府|人大|人大主席团|党总支|党支部|"
    r"村委会|居委会|办事处)$"
)
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(街道|社区|镇|乡|村)")

# What each kind of organisation is answerable for: its whole scope, and its business.
_SCOPE = {
    "town": "全镇 本镇 全乡 本乡 全街道 本街道 辖区 场镇 镇内 各村 镇村",
    "district": "全区 本区 区内 城区 辖区 全县",
    "village": "全村 本村 村里 村内 全社区 本社区 社区 村组 各组 各社 辖区 小区",
    "school": "全校 本校 我校 学校 校园 全体学生 全体教师",
    "hospital": "本院 全院 医院 卫生院 卫生室 科室 本科室",
    "company": "公司 本公司 企业 本企业 全行 本行 工厂 厂区 车间 员工 职工 砖厂",
    "cooperative": "合作社 社员 基地",
    "agency": "全区 辖区 全镇 本系统 系统内 本单位",
}
_BUSINESS = {
    "town": "产业 项目 工程 建设 招商 引资 脱贫攻坚 贫困户 乡村振兴 人居环境 环境整治 安全生产 "
    "防汛 信访 维稳 疫情防控 老旧小区 改造 修缮 示范 规划 高标准农田 场镇 集体经济 工业 "
    "两不愁三保障 污水管网 创建 卫生城区",
    "district": "城市更新 老旧小区 改造 项目 工程 建设 产业 招商 全区",
    "village": "集体经济 人居环境 环境整治 旱厕 低保 医保 社保 参保 综治 网格 网格化 疫情防控 "
    "排查 党建 村务 村务公开 村民代表会议 村道 饮水 智慧小区 门禁 监控 改革 种植 项目资金 "
    "信息登记",
    "school": "教学 教学质量 升学率 课堂 课程 备课 成绩 学科 专业 毕业生 就业率 招生 食堂 宿舍 "
    "师资 在校",
    "hospital": "诊疗 手术 门诊 住院 患者 医疗服务 医疗质量 随访 家庭医生 签约服务 健康体检 "
    "公共卫生 三级甲等 病床",
    "company": "产值 营业收入 销售收入 销售额 利润 税收 纳税 生产经营 经营目标 安全生产 产品 订单 "
    "技改 扩产 扩建 出栏 存款 贷款 余额 环保改造 达标排放 物业服务 物业费 收缴率 服务质量",
    "cooperative": "出栏 销售收入 产量 分红 社员",
    "agency": "监管 执法 检查 审批 治安 案件 发案率 食品安全 整治 公路 建设 统防统治 病虫害",
}
# A company's help for people outside it is a contribution, not its business (周其建 hiring
# 17 poor villagers; 段治怡 helping estates that have no property company).
_BEYOND = {
    "company": "招录 安置 当地 村民 贫困户 脱贫户 三无小区 老旧小区",
    "cooperative": "周边 农户 脱贫户 贫困户",
}

# Posts that answer for the whole organisation.
_LEADERS = split_words(
    "书记 镇长 乡长 区长 县长 主任 主席 局长 所长 站长 校长 院长 董事长 总经理 经理 行长 厂长 "
    "理事长 社长 部长 处长 科长"
)
# Posts of private persons: where they live is not an organisation they answer for.
_PRIVATE = split_words("农民 村民 居民 个体工商户 个体户 自由职业 退休")
# Staff whose own work is a trade: its words are their duty wherever they work.
_ROLE_DUTIES = {
    ("教师", "老师", "班主任"): "上课 课堂 教学 成绩 班主任 学生 班级 家访 备课 所教",
    ("医生", "护士", "医师"): "诊疗 手术 门诊 患者 病人 随访 科室 病床 本科室",
    ("综治",): "综合治理 治安 矛盾纠纷 排查化解 综治 网格",
    ("综合服务", "便民服务"): "代办 便民服务 参保 登记 办理业务",
    ("投递", "邮递"): "投递 邮件",
}

# Words of running an organisation.
_GOVERNING = split_words(
    "统筹 推进 抓好 落实 完成 确保 实施 部署 加强 提升 提高 实现 打造 创建 争取 引进 发展壮大 "
    "做好 全覆盖 任务 目标 指标"
)
# Deputy work: what a deputy does as a deputy. Strong ones all but settle it.
_DEPUTY_STRONG = split_words(
    "选民 选区 人大代表 代表建议 意见建议 议案 社情民意 述职 代表小组 代表活动 活动站 接待日 "
    "宣讲 法律法规 视察 民法典"
)
_DEPUTY_WEAK = split_words("走访 接待 反映 收集 听取 诉求 宣传 讲解")
# Personal effort beyond the job.
_PERSONAL = split_words(
    "自费 个人出资 捐 捐款 捐资 资助 义务 义诊 免费 志愿 慰问 看望 关爱 带头 利用周末 业余 结对 "
    "帮助 带动 带领群众"
)

# Weights of the evidence; the sum is clamped to 0..1 and compared with JOB_DUTY_THRESHOLD.
W_SCOPE_LEADER = 0.45  # the whole organisation, named by one who leads it
W_SCOPE_STAFF = 0.2  # the organisation, named by one who works there
W_BUSINESS = 0.3  # the organisation's (or the trade's) business
W_BUSINESS_MORE = 0.1  # each further business word, two at most
W_GOVERNING = 0.15  # the language of running it, once scope or business is there
W_DEPUTY_STRONG = -0.6
W_DEPUTY_WEAK = -0.2
W_PERSONAL = -0.35
W_BEYOND = -0.35


_SCOPE_WORDS = {k: split_words(v) for k, v in _SCOPE.items()}
_BUSINESS_WORDS = {k: split_words(v) for k, v in _BUSINESS.items()}
_BEYOND_WORDS = {k: split_words(v) for k, v in _BEYOND.items()}
_ROLE_WORDS = {k: split_words(v) for k, v in _ROLE_DUTIES.items()}
_SUFFIX_KIND = sorted(
    ((s, kind) for kind, v in _ORG_SUFFIXES.items() for s in v.split()),
    key=lambda p: len(p[0]),
    reverse=True,
)


@dataclass(frozen=True)
class Organisation:
    """Who the deputy works for, as far as the post and work unit tell."""

    kind: str | None  # a key of _ORG_SUFFIXES, or None
    names: tuple[str, ...]  # its own place name (河包镇, 黄泥村), if it is a place
    leader: bool
    private: bool
    role_words: tuple[str, ...]


@lru_cache(maxsize=4096)
def organisation(post: str, work_unit: str) -> Organisation:
    post = normalise(post)
    unit = normalise(work_unit)
    unit = re.sub(r"^(中共|重庆市?)", "", unit)
    while (stripped := _WRAPPER.sub("", unit)) != unit:
        unit = stripped
    kind, end = None, -1
    for source in (unit, post):  # the post says it only when the unit does not (村党支部书记)
        for suffix, suffix_kind in _SUFFIX_KIND:
            at = source.rfind(suffix)
            if at >= 0 and at + len(suffix) > end:
                kind, end = suffix_kind, at + len(suffix)
        if kind:
            break
    names: tuple[str, ...] = ()
    if kind in ("town", "village"):
        # 荣昌区远觉镇: the place is 远觉镇, not 区远觉镇.
        places = [
            m.group(0) for m in _PLACE.finditer(re.sub(r"^[\u4e00-\u9fff]{2}[区县]", "", unit))
        ]
        names = tuple(places[-1:])
    elif kind == "district":
        names = tuple(re.findall(r"[\u4e00-\u9fff]{2}[区县]", unit)[-1:])
    role_words: tuple[str, ...] = ()
    for keys, duty_words in _ROLE_WORDS.items():
        if any(k in post for k in keys):
            role_words += duty_words
    leader = any(w in post for w in _LEADERS)
    return Organisation(
        kind=kind,
        names=names,
        leader=leader,
        # 村民委员会主任 leads a village committee; 村民 alone is a private person.
        private=not leader and any(w in post for w in _PRIVATE),
        role_words=role_words,
    )


def _found(text: str, vocabulary) -> list[str]:
    """The vocabulary's words in the text, none counted inside a longer one already found."""
    hits: list[str] = []
    for word in vocabulary:
        if word in text and not any(word in h for h in hits):
            hits.append(word)
    return hits


@dataclass(frozen=True)
class JobDutyAssessment:
    """How much a commitment reads as the deputy's own job, and the words that say so."""

    score: float
    flagged: bool
    post: str
    duty_words: tuple[str, ...] = ()
    against_words: tuple[str, ...] = ()
    contributions: dict = field(default_factory=dict, compare=False)

    @property
    def matched(self) -> str:
        """河包镇党委书记（中共荣昌区河包镇委员会）：全镇、贫困户、全覆盖；反向：走访"""
        text = f"{self.post}：{'、'.join(self.duty_words)}"
        if self.against_words:
            text += f"；反向：{'、'.join(self.against_words)}"
        return text


def assess_job_duty(text: str, *, post: str, work_unit: str) -> JobDutyAssessment:
    """Score one commitment text against the post and work unit of the seat it is filed under."""
    org = organisation(post or "", work_unit or "")
    described = f"{post}（{work_unit}）" if post and work_unit else (post or work_unit or "—")
    body = normalise(text)
    parts: dict[str, float] = {}
    duty: list[str] = []
    against: list[str] = []

    if org.private and not org.role_words:
        return JobDutyAssessment(0.0, False, described)

    scope = _found(body, org.names + _SCOPE_WORDS.get(org.kind, ())) if org.kind else []
    if scope:
        parts["scope"] = W_SCOPE_LEADER if org.leader else W_SCOPE_STAFF
        duty += scope
    business = _found(body, _BUSINESS_WORDS.get(org.kind, ())) if org.leader else []
    business += [w for w in _found(body, org.role_words) if w not in business]
    business = [w for w in business if not any(w in s for s in scope)]
    if business:
        parts["business"] = W_BUSINESS + W_BUSINESS_MORE * min(2, len(business) - 1)
        duty += business
    if scope or business:
        governing = _found(body, _GOVERNING)
        if governing:
            parts["governing"] = W_GOVERNING
            duty += [w for w in governing if not any(w in d for d in duty)]

    strong = _found(body, _DEPUTY_STRONG)
    weak = [w for w in _found(body, _DEPUTY_WEAK) if not any(w in s for s in strong)]
    personal = _found(body, _PERSONAL)
    beyond = _found(body, _BEYOND_WORDS.get(org.kind, ()))
    if strong:
        parts["deputy_work"] = W_DEPUTY_STRONG
    if weak:
        parts["deputy_work_weak"] = W_DEPUTY_WEAK
    if personal:
        parts["personal"] = W_PERSONAL
    if beyond:
        parts["beyond_the_organisation"] = W_BEYOND
    against += strong + weak + personal + beyond

    score = round(min(1.0, max(0.0, sum(parts.values()))), 3)
    return JobDutyAssessment(
        score=score,
        flagged=score >= JOB_DUTY_THRESHOLD,
        post=described,
        duty_words=tuple(duty),
        against_words=tuple(against),
        contributions=parts,
    )


# ---------------------------------------------------------------------------------------------
# Near-duplicates
# ---------------------------------------------------------------------------------------------


def hints_for(commitment) -> list[Hint]:
    """Hints for one submitted commitment, strongest first.

    Four queries at most, whatever the size of the year: the seat, the commitment year, the
    deputy's earlier commitments and the year's other commitments (id and title only).
    """
    from renda.commitments.choices import CommitmentStatus
    from renda.commitments.models import Commitment

    hints: list[Hint] = []
    mandate = commitment.mandate
    duty = assess_job_duty(
        f"{commitment.title} {commitment.detail}",
        post=mandate.post,
        work_unit=mandate.work_unit,
    )
    if duty.flagged:
        hints.append(Hint("job_duty", duty.score, duty.matched))

    # Drafts are not yet anyone's promise; withdrawn ones were taken back.
    ignored = (CommitmentStatus.DRAFT, CommitmentStatus.WITHDRAWN)
    others = Commitment.objects.exclude(pk=commitment.pk).exclude(status__in=ignored)
    year = commitment.commitment_year.year
    earlier = others.filter(person_id=commitment.person_id, commitment_year__year__lt=year)
    same = others.filter(commitment_year_id=commitment.commitment_year_id)
    for kind, rows in (
        ("earlier_year", earlier.values_list("id", "title")),
        ("same_year", same.values_list("id", "title")),
    ):
        for score, other_id, other_title in similar_texts(commitment.title, rows)[
            :MAX_DUPLICATE_HINTS
        ]:
            hints.append(Hint(kind, score, other_title, other_id))

    hints.sort(key=lambda h: -h.score)
    return hints


# ---------------------------------------------------------------------------------------------
# Evaluation on the labelled set (renda review_eval, the tests)
# ---------------------------------------------------------------------------------------------

EXAMPLES_PATH = Path(__file__).resolve().parent / "data" / "review_examples.json"


@dataclass(frozen=True)
class Scores:
    """Confusion counts of one flag on some labelled examples, and what follows from them."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_examples(path: Path = EXAMPLES_PATH) -> dict:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def _count(pairs) -> Scores:
    tp = fp = fn = tn = 0
    for predicted, actual in pairs:
        if predicted and actual:
            tp += 1
        elif predicted:
            fp += 1
        elif actual:
            fn += 1
        else:
            tn += 1
    return Scores(tp, fp, fn, tn)


def evaluate(examples: dict, split: str | None = None) -> dict[str, tuple[Scores, list[dict]]]:
    """Scores of both flags on the examples (one split, or all), with the misjudged ones."""
    result = {}
    rows = [r for r in examples["job_duty"] if split in (None, r["split"])]
    judged = [
        (assess_job_duty(r["text"], post=r["post"], work_unit=r["work_unit"]).flagged, r)
        for r in rows
    ]
    result["job_duty"] = (
        _count((p, r["job_duty"]) for p, r in judged),
        [r for p, r in judged if p != r["job_duty"]],
    )
    rows = [r for r in examples["duplicates"] if split in (None, r["split"])]
    # The same test hints_for makes, pre-filter included.
    judged = [(bool(similar_texts(r["a"], [(0, r["b"])])), r) for r in rows]
    result["duplicates"] = (
        _count((p, r["duplicate"]) for p, r in judged),
        [r for p, r in judged if p != r["duplicate"]],
    )
    return result

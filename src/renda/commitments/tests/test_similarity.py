import random
import tempfile
from pathlib import Path

import jieba
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.commitments import similarity
from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import Commitment
from renda.commitments.similarity import Hint, assess_job_duty, hints_for, text_similarity
from renda.commitments.tests.factories import CommitmentFactory, CommitmentYearFactory
from renda.people.tests.factories import MandateFactory

pytestmark = pytest.mark.django_db

LIYUAN_POST = "河包镇党委书记"
LIYUAN_UNIT = "中共荣昌区河包镇委员会"
# Seed 000: the three of 黎源's five returned commitments the newspaper quotes ...
LIYUAN_RETURNED = [
    "对全镇854户贫困户全覆盖走访",
    "统筹推进农村产业强镇示范建设项目",
    "统筹推进老旧小区修缮加固和临河步行街建设工程",
]
# ... and two of the four he made instead, which were accepted.
LIYUAN_ACCEPTED = ["全年走访选区选民500人次", "积极为选区选民宣讲法律、法规及政策"]


@pytest.fixture
def liyuan():
    return MandateFactory(post=LIYUAN_POST, work_unit=LIYUAN_UNIT)


def submitted(mandate, title, **kwargs):
    kwargs.setdefault("status", CommitmentStatus.SUBMITTED)
    return CommitmentFactory(mandate=mandate, title=title, **kwargs)


def fresh(commitment):
    """The commitment as a view would load it: nothing related cached."""
    return Commitment.objects.get(pk=commitment.pk)


def kinds(hints):
    return [h.kind for h in hints]


# --- job duty ------------------------------------------------------------------------------


@pytest.mark.parametrize("title", LIYUAN_RETURNED)
def test_liyuan_returned_commitments_are_flagged_as_job_duty(liyuan, title):
    """Regression: seed 000, the commitments Rongchang returned as 与本职工作重合."""
    hints = hints_for(submitted(liyuan, title))

    assert kinds(hints) == ["job_duty"]
    assert hints[0].score >= similarity.JOB_DUTY_THRESHOLD
    assert hints[0].matched.startswith(f"{LIYUAN_POST}（{LIYUAN_UNIT}）：")
    assert hints[0].other_id is None


def test_the_hint_says_which_words_matched(liyuan):
    hint = hints_for(submitted(liyuan, "对全镇854户贫困户全覆盖走访"))[0]

    assert "全镇" in hint.matched
    assert "贫困户" in hint.matched


@pytest.mark.parametrize("title", LIYUAN_ACCEPTED)
def test_liyuan_accepted_commitments_are_not_flagged(liyuan, title):
    """Regression: seed 000, deputy work that was accepted must not look like his job."""
    assert hints_for(submitted(liyuan, title)) == []


@pytest.mark.parametrize(
    ("post", "work_unit", "title"),
    [
        ("董事长", "重庆维创汽车配件有限公司", "今年在直升镇黄泥村流转土地200亩种植柑橘"),
        ("总经理", "六盘水嘉仁物业服务有限公司荣昌分公司", "关爱小区特殊家庭"),
        ("总经理", "六盘水嘉仁物业服务有限公司荣昌分公司", "帮助“三无小区”开展治理"),
        ("董事长兼总经理", "鸿全兴业金属制品股份有限公司", "招录建档立卡贫困户17人就业"),
    ],
)
def test_other_deputies_accepted_commitments_are_not_flagged(post, work_unit, title):
    """Regression: seeds 000/001, entrepreneurs' accepted commitments outside their business."""
    assert not assess_job_duty(title, post=post, work_unit=work_unit).flagged


def test_the_detail_counts_too(liyuan):
    commitment = submitted(liyuan, "产业发展", detail="统筹推进全镇农村产业强镇示范建设项目")

    assert kinds(hints_for(commitment)) == ["job_duty"]


def test_a_village_committee_director_is_not_a_private_villager():
    """Regression: 村民委员会主任 contains 村民 and was once taken for a private person."""
    verdict = assess_job_duty(
        "争取项目资金硬化龙井村村道3公里", post="村民委员会主任", work_unit="峰高街道龙井村"
    )

    assert verdict.flagged
    assert "龙井村" in verdict.duty_words


# --- near-duplicates -----------------------------------------------------------------------


def test_last_years_promise_again_is_an_earlier_year_hint(liyuan):
    last_year = CommitmentYearFactory(congress=liyuan.congress, year=2025)
    before = submitted(
        liyuan, "全年走访选区选民500人次", commitment_year=last_year, status="fulfilled"
    )

    hints = hints_for(fresh(submitted(liyuan, "全年走访选区选民600人次")))

    assert kinds(hints) == ["earlier_year"]
    assert hints[0].other_id == before.pk
    assert hints[0].matched == "全年走访选区选民500人次"
    assert hints[0].score >= similarity.DUPLICATE_THRESHOLD


def test_a_later_year_is_not_an_earlier_year(liyuan):
    next_year = CommitmentYearFactory(congress=liyuan.congress, year=2027)
    submitted(liyuan, "全年走访选区选民500人次", commitment_year=next_year, status="approved")

    assert hints_for(submitted(liyuan, "全年走访选区选民600人次")) == []


def test_a_copy_of_another_deputys_commitment_this_year_is_a_same_year_hint(liyuan):
    other = MandateFactory(term=liyuan.term, post="农民", work_unit="盘龙镇长岭村")
    theirs = submitted(other, "积极为选区选民宣讲法律、法规及政策", status="approved")

    hints = hints_for(fresh(submitted(liyuan, "积极向选区选民宣讲法律法规和政策")))

    assert kinds(hints) == ["same_year"]
    assert hints[0].other_id == theirs.pk
    assert hints[0].matched == theirs.title


def test_unrelated_text_gives_no_hints(liyuan):
    last_year = CommitmentYearFactory(congress=liyuan.congress, year=2025)
    submitted(liyuan, "全年走访选区选民500人次", commitment_year=last_year, status="fulfilled")
    other = MandateFactory(term=liyuan.term)
    submitted(other, "积极为选区选民宣讲法律、法规及政策", status="approved")

    assert hints_for(submitted(liyuan, "为直升镇敬老院老人每年免费理发12次")) == []


def test_drafts_and_withdrawn_commitments_are_not_compared(liyuan):
    other = MandateFactory(term=liyuan.term)
    submitted(other, "全年走访选区选民500人次", status="draft")
    submitted(other, "全年走访选区选民500人次", status="withdrawn")

    assert hints_for(submitted(liyuan, "全年走访选区选民500人次")) == []


def test_duplicate_hints_are_capped_and_strongest_first(liyuan):
    for title in ["全年走访选民500人次"] * 5 + ["全年走访选区选民500人次"]:
        submitted(MandateFactory(term=liyuan.term), title, status="approved")

    hints = hints_for(submitted(liyuan, "全年走访选区选民500人次"))

    assert kinds(hints) == ["same_year"] * similarity.MAX_DUPLICATE_HINTS
    assert hints[0].score == 1.0
    assert [h.score for h in hints] == sorted((h.score for h in hints), reverse=True)


def test_hints_of_both_kinds_come_strongest_first(liyuan):
    last_year = CommitmentYearFactory(congress=liyuan.congress, year=2025)
    submitted(liyuan, "对全镇854户贫困户全覆盖走访", commitment_year=last_year, status="approved")

    hints = hints_for(submitted(liyuan, "对全镇854户贫困户全覆盖走访"))

    assert set(kinds(hints)) == {"job_duty", "earlier_year"}
    assert hints[0] == Hint("earlier_year", 1.0, "对全镇854户贫困户全覆盖走访", hints[0].other_id)


def test_similarity_is_symmetric_and_bounded():
    a, b = "全年走访选区选民500人次", "年内走访接待选区选民不少于500人次"

    assert text_similarity(a, b) == text_similarity(b, a)
    assert text_similarity(a, a) == 1.0
    assert text_similarity(a, "") == 0.0


# --- cost ----------------------------------------------------------------------------------


def test_hints_for_makes_the_same_few_queries_however_many_candidates(
    liyuan, django_assert_num_queries
):
    """Query-count guard: the seat, the year, earlier commitments, this year's — no more."""
    last_year = CommitmentYearFactory(congress=liyuan.congress, year=2025)
    mine = submitted(liyuan, "全年走访选区选民600人次")
    submitted(liyuan, "全年走访选区选民500人次", commitment_year=last_year, status="approved")
    loaded = fresh(mine)
    with django_assert_num_queries(4):
        hints_for(loaded)

    other = MandateFactory(term=liyuan.term)
    for n in range(20):
        submitted(other, f"全年走访选区选民{n}00人次", status="approved")
    loaded = fresh(mine)
    with django_assert_num_queries(4):
        assert len(hints_for(loaded)) == 1 + similarity.MAX_DUPLICATE_HINTS


_PLACES = ["黄泥村", "玉久村", "永兴村", "凉坪社区", "古佛山社区", "通安村", "龙井村", "长岭村"]
_THINGS = [
    ("走访选区选民", "人次"),
    ("宣讲法律法规", "场"),
    ("流转土地种植柑橘", "亩"),
    ("资助困难学生", "名"),
    ("帮助困难群众销售农产品", "万元"),
    ("为孤寡老人上门健康咨询", "次"),
    ("硬化入户便道", "公里"),
    ("开展义诊", "次"),
    ("收集意见建议", "条"),
    ("安装太阳能路灯", "盏"),
]


def _synthetic_titles(n, seed=7):
    rng = random.Random(seed)
    return [
        f"{rng.choice(['全年', '年内', '每季度', ''])}在{rng.choice(_PLACES)}"
        f"{rng.choice(_THINGS)[0]}{rng.randint(1, 900)}{rng.choice(_THINGS)[1]}"
        for _ in range(n)
    ]


def test_a_year_of_9000_commitments_is_checked_in_the_same_queries_and_each_title_read_once(
    liyuan,
):
    """Its speed is a benchmark's to measure, not a test's; what a test can hold: the check of
    one commitment against a year of 9,000 makes the queries it makes against a few, and a
    second check reads no title again (the titles' bigrams are kept)."""
    mine = submitted(liyuan, "积极为选区选民宣讲法律、法规及政策")
    template = submitted(MandateFactory(term=liyuan.term), "x", status="approved")
    with CaptureQueriesContext(connection) as few:
        hints_for(fresh(mine))
    fields = {
        f: getattr(template, f)
        for f in ("person_id", "mandate_id", "commitment_year_id", "category_id", "due")
    }
    titles = _synthetic_titles(9000)
    Commitment.objects.bulk_create(
        Commitment(title=title, status=CommitmentStatus.APPROVED, **fields) for title in titles
    )
    similarity.bigrams.cache_clear()
    with CaptureQueriesContext(connection) as many:
        hints = hints_for(fresh(mine))
    assert len(many) == len(few)
    read = similarity.bigrams.cache_info().misses
    assert read >= len(set(titles))  # every title of the year was read, once
    assert hints_for(fresh(mine)) == hints
    assert similarity.bigrams.cache_info().misses == read


# --- jieba ---------------------------------------------------------------------------------


def test_jieba_caches_in_a_private_directory_not_the_shared_temp_dir():
    similarity.warm_up()

    cache_dir = Path(jieba.dt.tmp_dir)
    assert cache_dir != Path(tempfile.gettempdir())
    assert similarity._private_dir(cache_dir)


def test_a_directory_others_can_write_is_not_private(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)

    assert not similarity._private_dir(shared)
    assert similarity._private_dir(tmp_path / "mine")


# --- the labelled set ----------------------------------------------------------------------


def test_the_labelled_set_is_big_enough_and_well_formed():
    examples = similarity.load_examples()
    jobs, pairs = examples["job_duty"], examples["duplicates"]

    assert len(jobs) >= 80 and len(pairs) >= 30
    assert {r["source"] for r in jobs} == {"seed", "constructed"}
    assert {r["split"] for r in jobs + pairs} == {"dev", "heldout", "post_freeze"}
    assert len({r["id"] for r in jobs + pairs}) == len(jobs) + len(pairs)


def test_the_flags_reach_the_documented_precision_and_recall():
    """The floors in docs/review-assistance.md, a little under what was measured.

    dev was used for tuning; heldout was written with it but not looked at while tuning;
    post_freeze was written after everything was frozen and shows how the job-duty lexicon
    misses vocabulary it has not seen (recall 0.30): only its precision has a floor.
    """
    examples = similarity.load_examples()

    def scores(flag, split=None):
        return similarity.evaluate(examples, split)[flag][0]

    job = scores("job_duty")
    assert job.precision >= 0.95 and job.recall >= 0.8
    job = scores("job_duty", "heldout")
    assert job.precision >= 0.95 and job.recall >= 0.85
    assert scores("job_duty", "post_freeze").precision >= 0.95
    dup = scores("duplicates")
    assert dup.precision >= 0.9 and dup.recall >= 0.7

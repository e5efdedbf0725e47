"""Pages of the evaluation, as the rightful staff of 荣昌区 and as the deputy: the tables laid out
like the printed 评分表 and edited as drafts, the adjustments, running and finalizing, the results
with filters and a query-count guard, the score sheet, a deputy's own results. Who may open what
is in test_permissions.py."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from renda.accounts.tests.factories import user_with
from renda.activities.tests.factories import ActivityFactory, preset_types
from renda.assessment import services
from renda.assessment.choices import EvaluationStatus, ItemKind, Measure, TableStatus
from renda.assessment.models import (
    Evaluation,
    EvaluationResult,
    GradeBand,
    ScoreAdjustment,
    ScoringItem,
    ScoringTable,
)
from renda.assessment.tests.factories import rongchang_table
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.testing import frozen_at
from renda.people.tests.factories import (
    GroupFactory,
    MandateFactory,
    MembershipFactory,
    PersonFactory,
)
from renda.regions.tests.factories import rongchang, tongliang, town

pytestmark = pytest.mark.django_db


frozen = frozen_at("2025-01-10 10:00:00+08:00")


def make_world(final: bool = False) -> SimpleNamespace:
    """荣昌区 with three deputies (黎源 elected in 直升镇, in a group, six inspections in 2024),
    its table in force and the 2024 evaluation run; 铜梁区 with its own; the users."""
    rc, tl = rongchang(), tongliang()
    zs = town()
    other_town = town(code="500153105000", name="吴家镇")
    term = TermFactory(congress=CongressFactory(region=rc))
    tl_term = TermFactory(congress=CongressFactory(region=tl))
    congress = term.congress
    table = rongchang_table(congress)
    types = preset_types(congress)
    li = MandateFactory(
        person=PersonFactory(name="黎源"),
        term=term,
        electoral_region=zs,
        electoral_unit="直升镇选区",
    )
    wang = MandateFactory(person=PersonFactory(name="王芳"), term=term, electoral_region=other_town)
    zhang = MandateFactory(person=PersonFactory(name="张强"), term=term)
    group = GroupFactory(congress=congress, region=rc, name="直升镇代表小组")
    MembershipFactory(group=group, mandate=li)
    for d in range(6):
        ActivityFactory(
            mandate=li,
            activity_type=types["inspection"],
            day=datetime.date(2024, 3, d + 1),
            content=f"视察第{d + 1}次",
        )
    ActivityFactory(mandate=wang, activity_type=types["survey"], content="调研乡村振兴")
    evaluation = services.evaluation_run(actor="test", congress=congress, year=2024)
    if final:
        evaluation = services.evaluation_finalize(actor="test", evaluation=evaluation)
    tl_table = rongchang_table(tl_term.congress)
    MandateFactory(person=PersonFactory(name="李铜梁"), term=tl_term)
    tl_evaluation = services.evaluation_run(actor="test", congress=tl_term.congress, year=2024)
    return SimpleNamespace(
        rc=rc,
        tl=tl,
        zs=zs,
        term=term,
        congress=congress,
        table=table,
        types=types,
        li=li,
        wang=wang,
        zhang=zhang,
        group=group,
        evaluation=evaluation,
        tl_congress=tl_term.congress,
        tl_table=tl_table,
        tl_evaluation=tl_evaluation,
        staff=user_with("staff", region=rc),
        tl_staff=user_with("staff", region=tl),
        deputy=user_with("deputy", person=li.person),
        wang_deputy=user_with("deputy", person=wang.person),
        result=lambda seat: EvaluationResult.objects.get(evaluation=evaluation, mandate=seat),
    )


@pytest.fixture
def w():
    return make_world()


@pytest.fixture
def staff_client(client, w):
    client.force_login(w.staff)
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- Scoring tables ---------------------------------------------------------------------------


def test_the_table_list_shows_each_version(staff_client, w):
    services.table_copy(actor="test", table=w.table)
    response = staff_client.get(reverse("assessment:table_list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("人大代表年度履职评分表") >= 2
    assert "荣昌区人民代表大会" in text
    assert "铜梁区" not in text


def test_the_table_is_laid_out_like_the_printed_one(staff_client, w):
    response = staff_client.get(reverse("assessment:table_detail", args=[w.table.pk]))
    text = response.content.decode()
    for words in (
        "联系群众",
        "走访接待选民50人次以上",
        "每参加1次得3分，最高15分",
        "≥50 得10",
        "3/15",
    ):
        assert words in text, words
    assert "优秀" in text
    # In force: read-only, with a way to a new version.
    assert reverse("assessment:table_copy", args=[w.table.pk]) in text
    assert reverse("assessment:item_create", args=[w.table.pk]) not in text


def test_a_blank_table_is_created_as_a_draft(staff_client, w):
    response = staff_client.post(
        reverse("assessment:table_create"),
        {"congress": w.congress.pk, "year": 2025, "start": "blank", "title": "2025年评分表"},
    )
    table = ScoringTable.objects.get(congress=w.congress, year=2025)
    assert response.status_code == 302 and response.url == table.get_absolute_url()
    assert table.status == TableStatus.DRAFT and table.title == "2025年评分表"


def test_a_table_from_the_preset_is_a_draft_to_edit(staff_client, w):
    staff_client.post(
        reverse("assessment:table_create"),
        {"congress": w.congress.pk, "year": 2025, "start": "rongchang_2019"},
    )
    table = ScoringTable.objects.get(congress=w.congress, year=2025)
    assert table.status == TableStatus.DRAFT and table.items.count() == 15
    page = staff_client.get(table.get_absolute_url()).content.decode()
    assert reverse("assessment:item_create", args=[table.pk]) in page
    assert reverse("assessment:table_publish", args=[table.pk]) in page


def test_a_blank_table_needs_a_title(staff_client, w):
    response = staff_client.post(
        reverse("assessment:table_create"),
        {"congress": w.congress.pk, "year": 2025, "start": "blank", "title": ""},
    )
    assert response.status_code == 200 and response.context["form"].errors["title"]
    assert not ScoringTable.objects.filter(year=2025).exists()


def test_a_new_version_is_edited_and_put_in_force(staff_client, w):
    response = staff_client.post(reverse("assessment:table_copy", args=[w.table.pk]), {})
    copy = ScoringTable.objects.get(congress=w.congress, year=2024, version=2)
    assert response.url == copy.get_absolute_url()
    staff_client.post(
        reverse("assessment:table_edit", args=[copy.pk]),
        {"title": "修订评分表", "base_points": "60", "notes": ""},
    )
    copy.refresh_from_db()
    assert (copy.title, copy.base_points) == ("修订评分表", Decimal(60))
    staff_client.post(
        reverse("assessment:item_create", args=[copy.pk]),
        {
            "section": "参加活动",
            "label": "参加政策宣讲培训",
            "code": "policy_training",
            "description": "每次1分",
            "kind": ItemKind.COUNT,
            "measure": Measure.ACTIVITIES,
            "activity_types": [w.types["training"].pk],
            "points": "1",
            "cap": "3",
            "order": "200",
        },
    )
    item = copy.items.get(code="policy_training")
    assert list(item.activity_types.all()) == [w.types["training"]]
    staff_client.post(
        reverse("assessment:item_edit", args=[item.pk]),
        {
            "section": "参加活动",
            "label": "参加培训",
            "code": "policy_training",
            "kind": ItemKind.COUNT,
            "measure": Measure.ACTIVITIES,
            "activity_types": [w.types["training"].pk],
            "points": "2",
            "cap": "4",
            "order": "200",
        },
    )
    item.refresh_from_db()
    assert (item.label, item.points) == ("参加培训", Decimal(2))
    staff_client.post(reverse("assessment:item_delete", args=[item.pk]))
    assert not copy.items.filter(code="policy_training").exists()
    staff_client.post(
        reverse("assessment:band_create", args=[copy.pk]),
        {"label": "良好", "min_score": "70"},
    )
    band = copy.bands.get(label="良好")
    staff_client.post(
        reverse("assessment:band_edit", args=[band.pk]),
        {"label": "良好", "min_score": "72", "requires_compliance": "on"},
    )
    band.refresh_from_db()
    assert band.min_score == 72 and band.requires_compliance
    staff_client.post(reverse("assessment:band_delete", args=[band.pk]))
    assert not GradeBand.objects.filter(pk=band.pk).exists()
    staff_client.post(reverse("assessment:table_publish", args=[copy.pk]))
    copy.refresh_from_db()
    w.table.refresh_from_db()
    assert copy.status == TableStatus.PUBLISHED
    assert w.table.status == TableStatus.SUPERSEDED


def test_an_item_refused_for_its_kind_shows_the_reason_and_writes_nothing(staff_client, w):
    copy = services.table_copy(actor="test", table=w.table)
    response = staff_client.post(
        reverse("assessment:item_create", args=[copy.pk]),
        {
            "section": "参加活动",
            "label": "视察",
            "code": "more_inspections",
            "kind": ItemKind.COUNT,
            "measure": Measure.ACTIVITIES,
            "points": "1",
            "order": "1",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["activity_types"] == [str(services.ITEM_NEEDS_TYPES)]
    assert not copy.items.filter(code="more_inspections").exists()


def test_an_item_offers_only_the_congress_activity_types(staff_client, w):
    copy = services.table_copy(actor="test", table=w.table)
    preset_types(w.tl_congress)
    response = staff_client.get(reverse("assessment:item_create", args=[copy.pk]))
    offered = response.context["form"].fields["activity_types"].queryset
    assert {t.congress_id for t in offered} == {w.congress.pk}


def test_editing_an_item_in_force_is_refused(staff_client, w):
    item = w.table.items.get(code="inspections")
    response = staff_client.post(reverse("assessment:item_delete", args=[item.pk]), follow=True)
    assert str(services.TABLE_FROZEN) in _messages(response)
    assert ScoringItem.objects.filter(pk=item.pk).exists()


# --- Adjustments ------------------------------------------------------------------------------


def test_an_adjustment_is_added_and_removed(staff_client, w):
    url = reverse("assessment:adjustment_create", args=[w.congress.pk, 2024])
    form = staff_client.get(url).context["form"]
    assert [c for c, _label in form.fields["item_code"].choices] == ["commendation", "discipline"]
    response = staff_client.post(
        url,
        {"mandate": w.li.pk, "item_code": "commendation", "points": "5", "reason": "受区人大表扬"},
    )
    assert response.status_code == 302
    adjustment = ScoreAdjustment.objects.get()
    assert adjustment.reason == "受区人大表扬"
    listing = staff_client.get(
        reverse("assessment:adjustment_list"), {"congress": w.congress.pk, "year": 2024}
    )
    assert "受区人大表扬" in listing.content.decode()
    assert listing.context["add_url"] == url
    edit = reverse("assessment:adjustment_edit", args=[adjustment.pk])
    assert edit in listing.content.decode()
    assert staff_client.get(edit).context["form"].initial["reason"] == "受区人大表扬"
    response = staff_client.post(edit, {"points": "4", "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    response = staff_client.post(edit, {"points": "4", "reason": "受区人大表扬（更正）"})
    assert response.status_code == 302
    adjustment.refresh_from_db()
    assert (adjustment.points, adjustment.reason) == (4, "受区人大表扬（更正）")
    staff_client.post(reverse("assessment:adjustment_delete", args=[adjustment.pk]))
    assert not ScoreAdjustment.objects.exists()


def test_an_adjustment_is_refused_once_final(staff_client, w):
    services.evaluation_finalize(actor="test", evaluation=w.evaluation)
    response = staff_client.post(
        reverse("assessment:adjustment_create", args=[w.congress.pk, 2024]),
        {"mandate": w.li.pk, "item_code": "commendation", "points": "5", "reason": "受表扬"},
    )
    assert response.status_code == 200
    assert str(services.YEAR_FINAL % {"year": 2024}) in response.content.decode()
    assert not ScoreAdjustment.objects.exists()


# --- Evaluation -------------------------------------------------------------------------------


def test_the_evaluation_runs_from_the_list(staff_client, w):
    response = staff_client.post(
        reverse("assessment:evaluation_run"), {"congress": w.congress.pk, "year": 2024}
    )
    assert response.url == w.evaluation.get_absolute_url()
    listing = staff_client.get(reverse("assessment:evaluation_list")).content.decode()
    assert str(w.evaluation) in listing and str(w.tl_evaluation) not in listing


def test_running_without_a_table_shows_why(staff_client, w):
    response = staff_client.post(
        reverse("assessment:evaluation_run"), {"congress": w.congress.pk, "year": 2023}
    )
    assert response.status_code == 200
    assert str(services.NO_TABLE % {"year": 2023}) in response.content.decode()
    assert not Evaluation.objects.filter(year=2023).exists()


def test_results_are_ranked_with_their_grades(staff_client, w):
    response = staff_client.get(w.evaluation.get_absolute_url())
    rows = list(response.context["page_obj"])
    assert [r.person.name for r in rows][0] == "黎源"
    assert rows[0].rank == 1 and rows[0].score == Decimal(15)
    # 王芳 has one survey (3 points), 张强 nothing.
    assert [r.person.name for r in rows] == ["黎源", "王芳", "张强"]
    text = response.content.decode()
    assert reverse("assessment:result_detail", args=[rows[0].pk]) in text


def test_tied_deputies_are_in_stroke_order(staff_client, w):
    services.evaluation_run(actor="test", congress=w.congress, year=2024)
    MandateFactory(person=PersonFactory(name="丁一"), term=w.term)
    services.evaluation_run(actor="test", congress=w.congress, year=2024)
    rows = list(staff_client.get(w.evaluation.get_absolute_url()).context["page_obj"])
    tied = [r.person.name for r in rows if r.score == 0]
    assert tied == ["丁一", "张强"]  # 丁 (2 strokes) before 张 (7)


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"grade": "不合格"}, ["黎源", "王芳", "张强"]),
        ({"grade": "优秀"}, []),
        ({"compliance": "met"}, ["黎源", "王芳", "张强"]),
        ({"compliance": "not_met"}, []),
        ({"town": "500153104000"}, ["黎源"]),
        ({"town": "500153105000"}, ["王芳"]),
    ],
)
def test_results_are_filtered(staff_client, w, params, names):
    response = staff_client.get(w.evaluation.get_absolute_url(), params)
    assert [r.person.name for r in response.context["page_obj"]] == names


def test_results_are_filtered_by_deputy_group(staff_client, w):
    response = staff_client.get(w.evaluation.get_absolute_url(), {"group": w.group.pk})
    assert [r.person.name for r in response.context["page_obj"]] == ["黎源"]


def test_the_results_page_queries_do_not_grow_with_deputies(staff_client, w):
    url = w.evaluation.get_absolute_url()
    staff_client.get(url)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for _ in range(15):
        MandateFactory(term=w.term, electoral_region=w.zs)
    services.evaluation_run(actor="test", congress=w.congress, year=2024)
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(url)
    assert len(response.context["page_obj"]) == 18
    assert len(many) == len(few)


def test_finalizing_asks_for_confirmation(staff_client, w):
    url = reverse("assessment:evaluation_finalize", args=[w.evaluation.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {})
    assert response.status_code == 200 and response.context["form"].errors["confirm"]
    w.evaluation.refresh_from_db()
    assert w.evaluation.status == EvaluationStatus.DRAFT
    staff_client.post(url, {"confirm": "on"})
    w.evaluation.refresh_from_db()
    assert w.evaluation.status == EvaluationStatus.FINAL


def test_scores_are_published_only_once_final(staff_client, w):
    url = reverse("assessment:evaluation_publish_scores", args=[w.evaluation.pk])
    staff_client.post(url, {"public": "1"})
    w.evaluation.refresh_from_db()
    assert not w.evaluation.scores_public
    services.evaluation_finalize(actor="test", evaluation=w.evaluation)
    staff_client.post(url, {"public": "1"})
    w.evaluation.refresh_from_db()
    assert w.evaluation.scores_public
    staff_client.post(url, {"public": "0"})
    w.evaluation.refresh_from_db()
    assert not w.evaluation.scores_public


def test_the_dashboard_shows_grades_and_compliance(staff_client, w):
    response = staff_client.get(reverse("assessment:evaluation_dashboard", args=[w.evaluation.pk]))
    assert response.status_code == 200
    assert dict(response.context["grades"]) == {"优秀": 0, "合格": 0, "基本合格": 0, "不合格": 3}
    towns = {r.label: r.total for r in response.context["towns"]}
    assert towns["直升镇"] == 1 and towns["吴家镇"] == 1
    groups = {r.label: r.total for r in response.context["groups"]}
    assert groups["直升镇代表小组"] == 1
    assert [r.total for r in response.context["levels"]] == [3]
    text = response.content.decode()
    assert "vendor/echarts/echarts.min.js" in text and 'id="grades-table"' in text


def test_the_dashboard_of_a_year_not_over_says_its_figures_are_so_far(staff_client, w):
    """Regression (issue 10): a year in progress read as a fall of the rates."""
    url = reverse("assessment:evaluation_dashboard", args=[w.evaluation.pk])
    with freeze_time(f"{w.evaluation.year}-06-01 10:00:00+08:00"):
        running = staff_client.get(url)
    assert running.context["so_far"] and running.context["chart"]["so_far"]
    assert 'id="so-far"' in running.content.decode()
    over = staff_client.get(url)  # the module's clock: January after the evaluated year
    assert not over.context["so_far"] and not over.context["chart"]["so_far"]
    assert 'id="so-far"' not in over.content.decode()


# --- Score sheets -----------------------------------------------------------------------------


def test_the_score_sheet_shows_what_each_point_counted(staff_client, w):
    result = w.result(w.li)
    response = staff_client.get(result.get_absolute_url())
    text = response.content.decode()
    assert "参加视察、调研、执法检查" in text
    assert "视察第6次" in text
    assert "15.0" in text
    lines = {x.item.code: x for s in response.context["sections"] for x in s.lines}
    assert lines["inspections"].capped and len(lines["inspections"].activities) == 6


def test_the_deputy_sees_their_own_final_results(client):
    w = make_world(final=True)
    client.force_login(w.deputy)
    mine = client.get(reverse("assessment:mine"))
    result = w.result(w.li)
    assert list(mine.context["results"]) == [result]
    assert reverse("assessment:result_pdf", args=[result.pk]) in mine.content.decode()
    sheet = client.get(result.get_absolute_url())
    assert sheet.status_code == 200 and "视察第1次" in sheet.content.decode()
    assert client.get(w.result(w.wang).get_absolute_url()).status_code == 404

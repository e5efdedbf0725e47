"""What the public portal shows of activities and evaluations: verified activities only,
published commendations only, the minimums in words, and no score, rank or league table unless
staff published that evaluation's scores. Query counts do not grow with rows."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from renda.activities import services as activity_services
from renda.activities.choices import ActivityStatus
from renda.activities.tests.factories import ActivityFactory, preset_types
from renda.assessment import services
from renda.assessment.models import EvaluationResult
from renda.assessment.tests.factories import rongchang_table
from renda.commendations import services as commendation_services
from renda.commendations.choices import CommendationKind
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.testing import frozen_at, queries
from renda.people.tests.factories import GroupFactory, MandateFactory, PersonFactory
from renda.regions.tests.factories import rongchang

pytestmark = pytest.mark.django_db


frozen = frozen_at("2025-06-15 10:00:00+08:00")


@pytest.fixture
def w():
    term = TermFactory(congress=CongressFactory(region=rongchang()))
    congress = term.congress
    activity_services.requirements_apply_preset(actor="test", term=term)
    types = preset_types(congress)
    li = PersonFactory(name="黎源", phone="13800001111")
    seat = MandateFactory(person=li, term=term)
    wang_seat = MandateFactory(person=PersonFactory(name="王芳"), term=term)
    verified = ActivityFactory(
        mandate=seat,
        activity_type=types["survey"],
        day=datetime.date(2025, 3, 2),
        place="直升镇黄泥村",
        content="调研黄泥村便民桥建设",
    )
    submitted = ActivityFactory(
        mandate=seat,
        activity_type=types["inspection"],
        day=datetime.date(2025, 4, 2),
        place="待核实的地点",
        content="尚未核实的视察",
        status=ActivityStatus.SUBMITTED,
    )
    rejected = ActivityFactory(
        mandate=seat,
        activity_type=types["visit"],
        day=datetime.date(2025, 4, 3),
        place="被退回的地点",
        content="被退回的走访",
        person_times=12,
        status=ActivityStatus.REJECTED,
        status_note="重复登记",
    )
    older = ActivityFactory(
        mandate=seat,
        activity_type=types["session_speech"],
        day=datetime.date(2024, 1, 20),
        content="在区人代会上审议发言",
    )
    return SimpleNamespace(
        congress=congress,
        term=term,
        types=types,
        li=li,
        seat=seat,
        wang_seat=wang_seat,
        verified=verified,
        submitted=submitted,
        rejected=rejected,
        older=older,
    )


def commend(w, status, title, **extra):
    data = {"congress": w.congress, "kind": CommendationKind.PRAISE, "year": 2024, "title": title}
    data.update(extra)
    if "group" not in data:
        data.setdefault("mandate", w.seat)
    c = commendation_services.commendation_nominate(actor="test", **data)
    steps = {
        "nominated": [],
        "approved": ["approve"],
        "published": ["approve", "publish"],
        "rejected": ["reject"],
        "withdrawn": ["approve", "publish", "unpublish"],
    }[status]
    for step in steps:
        c = commendation_services.commendation_step(
            actor="test", commendation=c, action=step, note="理由"
        )
    return c


def final_evaluation(w, year=2024, public=False):
    with freeze_time(f"{year + 1}-01-10"):
        rongchang_table(w.congress, year)
        evaluation = services.evaluation_run(actor="test", congress=w.congress, year=year)
        evaluation = services.evaluation_finalize(actor="test", evaluation=evaluation)
        if public:
            evaluation = services.evaluation_set_scores_public(
                actor="test", evaluation=evaluation, public=True
            )
    return evaluation


# --- The deputy's page --------------------------------------------------------------------------


def test_the_deputy_page_shows_verified_activities_and_the_minimums_in_words(client, w):
    page = client.get(reverse("portal:deputy", args=[w.li.pk])).content.decode()
    assert "直升镇黄泥村" in page and w.types["survey"].name in page
    assert "待核实的地点" not in page and "被退回的地点" not in page
    # The latest activities show date, type and place; not what was said or who was met.
    assert "调研黄泥村便民桥建设" not in page
    # The minimums in words ("本年度还需审议发言 3 次"), per seat.
    assert f'data-seat="{w.seat.pk}"' in page
    words = [s.words for s in w_progress(w)]
    assert words and all(x in page for x in words)
    assert reverse("public_assessment:deputy_activities", args=[w.li.pk]) in page


def w_progress(w):
    from renda.activities.requirements import progress
    from renda.people.models import Mandate

    seat = Mandate.objects.select_related("term").get(pk=w.seat.pk)
    return progress([seat], 2025)[0].standings


def test_the_deputy_page_shows_no_score_unless_published(
    client, w, django_capture_on_commit_callbacks
):
    evaluation = final_evaluation(w)
    result = EvaluationResult.objects.get(evaluation=evaluation, mandate=w.seat)
    url = reverse("portal:deputy", args=[w.li.pk])
    response = client.get(url)
    assert response.context["public_grades"] == []
    assert result.grade not in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the public version moves
        services.evaluation_set_scores_public(actor="test", evaluation=evaluation, public=True)
    response = client.get(url)
    assert [r.grade for r in response.context["public_grades"]] == [result.grade]
    page = response.content.decode()
    assert result.grade in page
    assert reverse("public_assessment:scores", args=[evaluation.pk]) not in page  # no table


def test_the_deputy_page_shows_published_commendations_only(client, w):
    commend(w, "published", "2024年度履职优秀代表")
    commend(w, "nominated", "提名中的称号", kind=CommendationKind.COMMENDATION)
    commend(w, "rejected", "未通过的称号", year=2023)
    commend(w, "withdrawn", "已撤下的称号", year=2022)
    page = client.get(reverse("portal:deputy", args=[w.li.pk])).content.decode()
    assert "2024年度履职优秀代表" in page
    for hidden in ["提名中的称号", "未通过的称号", "已撤下的称号"]:
        assert hidden not in page


def test_the_deputy_page_keeps_its_private_data_private(client, w):
    page = client.get(reverse("portal:deputy", args=[w.li.pk])).content.decode()
    assert "13800001111" not in page
    assert "重复登记" not in page


def test_the_deputy_page_queries_do_not_grow_with_activities(client, w):
    url = reverse("portal:deputy", args=[w.li.pk])

    few = queries(client, url)
    for i, code in enumerate(["inspection", "visit", "training", "good_deed", "suggestion"]):
        ActivityFactory(
            mandate=w.seat, activity_type=w.types[code], day=datetime.date(2025, 5, i + 1)
        )
    commend(w, "published", "另一个称号", kind=CommendationKind.COMMENDATION)
    assert queries(client, url) == few


def test_a_deputys_pages_read_their_activities_without_testing_every_deputy(client, w):
    """The deputy's own activities are read by their id: the test of every public person
    (`public_activities`, a subquery over all seats) grew with the whole table (issue 11)."""
    for url in [
        reverse("portal:deputy", args=[w.li.pk]),
        reverse("public_assessment:deputy_activities", args=[w.li.pk]),
    ]:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        reads = [q["sql"] for q in ctx.captured_queries if 'FROM "activities_activity"' in q["sql"]]
        assert reads and not [sql for sql in reads if "people_mandate" in sql], reads


# --- The deputy's activities --------------------------------------------------------------------


def test_the_activities_page_lists_verified_ones_by_year(client, w):
    url = reverse("public_assessment:deputy_activities", args=[w.li.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [w.verified]
    assert response.context["years"] == [2025, 2024]
    page = response.content.decode()
    assert "调研黄泥村便民桥建设" in page and "尚未核实的视察" not in page
    assert list(client.get(url, {"year": 2024}).context["object_list"]) == [w.older]


def test_the_activities_page_of_someone_without_a_seat_is_not_found(client, w):
    assert (
        client.get(
            reverse("public_assessment:deputy_activities", args=[PersonFactory().pk])
        ).status_code
        == 404
    )


def test_the_activities_page_paginates_and_queries_do_not_grow(client, w):
    url = reverse("public_assessment:deputy_activities", args=[w.li.pk])

    few = queries(client, url, {"year": 2025})
    for _ in range(25):
        ActivityFactory(
            mandate=w.seat, activity_type=w.types["survey"], day=datetime.date(2025, 5, 1)
        )
    assert queries(client, url, {"year": 2025}) == few
    response = client.get(url, {"year": 2025, "page": 2})
    assert len(response.context["object_list"]) == 6


# --- Commendations ------------------------------------------------------------------------------


def test_the_commendations_page_shows_published_ones_by_year_and_kind(client, w):
    group = GroupFactory(congress=w.congress, name="直升镇代表小组")
    commend(w, "published", "2024年度履职优秀代表")
    commend(w, "published", "优秀代表小组", group=group, mandate=None)
    commend(w, "approved", "已批准未发布", mandate=w.wang_seat)
    commend(w, "rejected", "未通过的称号", year=2023)
    commend(w, "withdrawn", "已撤下的称号", year=2022)
    url = reverse("public_assessment:commendations")
    page = client.get(url).content.decode()
    assert "2024年度履职优秀代表" in page and "直升镇代表小组" in page
    for hidden in ["已批准未发布", "未通过的称号", "已撤下的称号"]:
        assert hidden not in page
    assert client.get(url, {"year": 2023}).context["object_list"].count() == 0
    response = client.get(url, {"kind": CommendationKind.COMMENDATION})
    assert list(response.context["object_list"]) == []


def test_the_commendations_page_queries_do_not_grow(client, w):
    url = reverse("public_assessment:commendations")
    commend(w, "published", "称号一")

    few = queries(client, url)
    commend(w, "published", "称号二", mandate=w.wang_seat)
    commend(w, "published", "称号三", group=GroupFactory(congress=w.congress), mandate=None)
    commend(w, "published", "称号四", year=2023)
    assert queries(client, url) == few


def test_a_former_deputy_stays_commended_without_a_link(client, w):
    from renda.people.services import mandate_end

    commend(w, "published", "2024年度履职优秀代表")
    mandate_end(actor="test", mandate=w.seat, end=datetime.date(2025, 6, 1), reason="resignation")
    page = client.get(reverse("public_assessment:commendations")).content.decode()
    assert "黎源" in page
    assert reverse("portal:deputy", args=[w.li.pk]) not in page


# --- Published scores ---------------------------------------------------------------------------


def test_the_scores_page_needs_published_scores(client, w):
    evaluation = final_evaluation(w)
    url = reverse("public_assessment:scores", args=[evaluation.pk])
    assert client.get(url).status_code == 404
    services.evaluation_set_scores_public(actor="test", evaluation=evaluation, public=True)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "黎源" in page and "王芳" in page
    assert reverse("public_assessment:scores", args=[evaluation.pk]) in (
        client.get(reverse("public_assessment:commendations")).content.decode()
    )


def test_a_draft_evaluation_never_shows(client, w):
    with freeze_time("2025-01-10"):
        rongchang_table(w.congress, 2024)
        evaluation = services.evaluation_run(actor="test", congress=w.congress, year=2024)
    evaluation.scores_public = True  # even if the flag were set on a draft
    evaluation.save()
    assert client.get(reverse("public_assessment:scores", args=[evaluation.pk])).status_code == 404


def test_the_scores_page_queries_do_not_grow(client, w):
    evaluation = final_evaluation(w, public=True)
    url = reverse("public_assessment:scores", args=[evaluation.pk])
    few = queries(client, url)
    for i in range(5):
        seat = MandateFactory(term=w.term)
        EvaluationResult.objects.create(
            evaluation=evaluation,
            mandate=seat,
            person=seat.person,
            score=10 + i,
            grade="不合格",
            rank=3 + i,
            compliance="not_met",
        )
    assert queries(client, url) == few

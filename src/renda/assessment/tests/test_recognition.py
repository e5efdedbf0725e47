"""Commendations and exit warnings: the services (each success and each refusal, which writes
nothing), the exit rules applied when an evaluation is made final, and the staff pages per role:
anonymous, a deputy, staff of another district (404 like a missing id) and the rightful staff."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from renda.accounts.tests.factories import user_with
from renda.activities import services as activity_services
from renda.activities.tests.factories import ActivityFactory, ExcuseFactory, preset_types
from renda.assessment import services
from renda.assessment.choices import (
    CommendationKind,
    CommendationStatus,
    ExitRuleKind,
    WarningStatus,
)
from renda.assessment.forms_recognition import SUBJECT_REQUIRED
from renda.assessment.models import Commendation, EvaluationResult, ExitRule, ExitWarning
from renda.assessment.tests.factories import rongchang_table
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.exceptions import InvalidTransition, NotFound, ValidationFailed
from renda.people.models import Person
from renda.people.services import mandate_end
from renda.people.tests.factories import GroupFactory, MandateFactory, PersonFactory
from renda.regions.tests.factories import rongchang, tongliang

pytestmark = pytest.mark.django_db

PRAISE = CommendationKind.PRAISE


@pytest.fixture
def w():
    rc, tl = rongchang(), tongliang()
    term = TermFactory(congress=CongressFactory(region=rc))
    tl_term = TermFactory(congress=CongressFactory(region=tl))
    li = PersonFactory(name="黎源")
    seat = MandateFactory(person=li, term=term)
    wang_seat = MandateFactory(person=PersonFactory(name="王芳"), term=term)
    tl_seat = MandateFactory(person=PersonFactory(name="李铜梁"), term=tl_term)
    return SimpleNamespace(
        congress=term.congress,
        term=term,
        tl_congress=tl_term.congress,
        li=li,
        seat=seat,
        wang_seat=wang_seat,
        tl_seat=tl_seat,
        group=GroupFactory(congress=term.congress, name="直升镇代表小组"),
        staff=user_with("staff", region=rc),
        tl_staff=user_with("staff", region=tl),
        deputy=user_with("deputy", person=li),
    )


def nominate(w, **extra):
    data = {
        "actor": w.staff,
        "congress": w.congress,
        "kind": PRAISE,
        "year": 2024,
        "title": "2024年度履职优秀代表",
        "mandate": w.seat,
        **extra,
    }
    return services.commendation_nominate(**data)


def evaluate(congress, year, finalize=True):
    """Run (and make final) the evaluation of `year` as it would run early the next year."""
    with freeze_time(f"{year + 1}-01-10"):
        if not congress.scoring_tables.filter(year=year).exists():
            rongchang_table(congress, year)
        evaluation = services.evaluation_run(actor="test", congress=congress, year=year)
        if finalize:
            evaluation = services.evaluation_finalize(actor="test", evaluation=evaluation)
    return evaluation


# --- Commendation services ----------------------------------------------------------------------


def test_nominate_a_deputy_and_take_it_through_every_step(w):
    c = nominate(w, citation="全年走访选民300余人次")
    assert (c.status, c.subject_name, c.nominated_by) == (
        CommendationStatus.NOMINATED,
        "黎源",
        w.staff,
    )
    for step, status in [
        ("approve", CommendationStatus.APPROVED),
        ("publish", CommendationStatus.PUBLISHED),
        ("unpublish", CommendationStatus.APPROVED),
        ("publish", CommendationStatus.PUBLISHED),
    ]:
        c = services.commendation_step(actor=w.staff, commendation=c, action=step)
        assert c.status == status
    assert c.published_at is not None
    assert Commendation.objects.public().get() == c


def test_nominate_a_group(w):
    c = nominate(w, mandate=None, group=w.group, title="优秀代表小组")
    assert c.subject_name == "直升镇代表小组"


def test_a_seat_of_another_congress_is_refused(w):
    with pytest.raises(ValidationFailed) as exc:
        nominate(w, mandate=w.tl_seat)
    assert exc.value.message == services.SEAT_OF_ANOTHER_CONGRESS
    assert not Commendation.objects.exists()


def test_a_group_of_another_congress_is_refused(w):
    with pytest.raises(ValidationFailed) as exc:
        nominate(w, mandate=None, group=GroupFactory(congress=w.tl_congress))
    assert exc.value.message == services.GROUP_OF_ANOTHER_CONGRESS
    assert not Commendation.objects.exists()


def test_a_second_nomination_for_the_same_year_is_refused(w):
    nominate(w)
    with pytest.raises(ValidationFailed):
        nominate(w, title="另一个称号")
    assert Commendation.objects.count() == 1


def test_after_a_rejection_the_deputy_may_be_nominated_again(w):
    c = nominate(w)
    services.commendation_step(actor=w.staff, commendation=c, action="reject", note="材料不全")
    assert nominate(w).status == CommendationStatus.NOMINATED


def test_reject_without_a_reason_is_refused(w):
    c = nominate(w)
    with pytest.raises(ValidationFailed) as exc:
        services.commendation_step(actor=w.staff, commendation=c, action="reject", note=" ")
    assert exc.value.message == services.REASON_REQUIRED
    c.refresh_from_db()
    assert c.status == CommendationStatus.NOMINATED


@pytest.mark.parametrize(
    ("done", "step"),
    [
        ((), "publish"),
        ((), "unpublish"),
        (("approve",), "approve"),
        (("approve",), "reject"),
        (("approve", "publish"), "approve"),
    ],
)
def test_steps_out_of_order_are_refused(w, done, step):
    c = nominate(w)
    for s in done:
        c = services.commendation_step(actor=w.staff, commendation=c, action=s)
    with pytest.raises(InvalidTransition):
        services.commendation_step(actor=w.staff, commendation=c, action=step, note="理由")
    assert Commendation.objects.get().status == c.status


def test_staff_of_another_district_cannot_nominate_or_decide(w):
    with pytest.raises(NotFound):
        nominate(w, actor=w.tl_staff)
    c = nominate(w)
    with pytest.raises(NotFound):
        services.commendation_step(actor=w.tl_staff, commendation=c, action="approve")
    assert Commendation.objects.get().status == CommendationStatus.NOMINATED


def test_nominate_from_results_only_from_a_final_evaluation(w):
    draft = evaluate(w.congress, 2024, finalize=False)
    with pytest.raises(InvalidTransition):
        services.commendations_nominate_from_results(
            actor=w.staff, evaluation=draft, grade="优秀", title="2024年度履职优秀代表"
        )
    assert not Commendation.objects.exists()


def test_nominate_from_results_by_grade_once(w):
    evaluation = evaluate(w.congress, 2024)
    EvaluationResult.objects.filter(evaluation=evaluation, mandate=w.seat).update(grade="优秀")
    rows = services.commendations_nominate_from_results(
        actor=w.staff, evaluation=evaluation, grade="优秀", title="2024年度履职优秀代表"
    )
    assert [(r.mandate_id, r.result.mandate_id) for r in rows] == [(w.seat.pk, w.seat.pk)]
    again = services.commendations_nominate_from_results(
        actor=w.staff, evaluation=evaluation, grade="优秀", title="2024年度履职优秀代表"
    )
    assert again == []
    assert Commendation.objects.count() == 1


def test_nominate_from_results_beside_a_nominated_group(w):
    """Regression: a group's nomination (no seat) must not hide every deputy from the pick."""
    nominate(w, mandate=None, group=w.group, title="优秀代表小组")
    evaluation = evaluate(w.congress, 2024)
    rows = services.commendations_nominate_from_results(
        actor=w.staff, evaluation=evaluation, grade="不合格", title="测试称号"
    )
    assert {r.mandate_id for r in rows} == {w.seat.pk, w.wang_seat.pk}


def test_nominate_from_results_needs_a_title(w):
    evaluation = evaluate(w.congress, 2024)
    with pytest.raises(ValidationFailed) as exc:
        services.commendations_nominate_from_results(
            actor=w.staff, evaluation=evaluation, grade="不合格", title=" "
        )
    assert exc.value.message == services.TITLE_REQUIRED
    assert not Commendation.objects.exists()


# --- Exit rules and warnings --------------------------------------------------------------------


def rule(w, kind, years=2, active=True):
    return services.exit_rule_set(
        actor=w.staff, congress=w.congress, kind=kind, years=years, active=active
    )


def test_exit_rule_set_adds_then_changes(w):
    first = rule(w, ExitRuleKind.BELOW_MINIMUM, years=2)
    second = rule(w, ExitRuleKind.BELOW_MINIMUM, years=3, active=False)
    assert first.pk == second.pk
    assert (second.years, second.active) == (3, False)


def test_exit_rule_refuses_zero_years_and_other_districts(w):
    with pytest.raises(ValidationFailed):
        rule(w, ExitRuleKind.BELOW_MINIMUM, years=0)
    with pytest.raises(NotFound):
        services.exit_rule_set(
            actor=w.tl_staff, congress=w.congress, kind=ExitRuleKind.GRADE, years=1
        )
    assert not ExitRule.objects.exists()


def _meet_the_year(seat, types, year):
    """Enough verified activities for the yearly minimums (3 speeches, 4 closed-session, 1
    motion or suggestion)."""
    for i in range(3):
        ActivityFactory(
            mandate=seat,
            activity_type=types["session_speech"],
            day=datetime.date(year, 3, i + 1),
        )
    for i in range(4):
        ActivityFactory(
            mandate=seat, activity_type=types["survey"], day=datetime.date(year, 4, i + 1)
        )
    ActivityFactory(mandate=seat, activity_type=types["suggestion"], day=datetime.date(year, 5, 1))


def test_below_the_minimums_two_years_running_raises_a_warning_once(w):
    activity_services.requirements_apply_preset(actor="test", term=w.term)
    types = preset_types(w.congress)
    _meet_the_year(w.wang_seat, types, 2023)
    _meet_the_year(w.wang_seat, types, 2024)
    rule(w, ExitRuleKind.BELOW_MINIMUM, years=2)
    evaluate(w.congress, 2023)
    assert not ExitWarning.objects.exists()  # one year is not two running
    evaluation = evaluate(w.congress, 2024)
    warning = ExitWarning.objects.get()
    assert (warning.mandate, warning.year, warning.kind) == (
        w.seat,
        2024,
        ExitRuleKind.BELOW_MINIMUM,
    )
    assert "2023、2024" in warning.reason
    # Raised once: raising again for the same year adds nothing.
    services.raise_exit_warnings(evaluation)
    assert ExitWarning.objects.count() == 1


def test_an_excused_year_does_not_count_towards_below_the_minimums(w):
    activity_services.requirements_apply_preset(actor="test", term=w.term)
    ExcuseFactory(mandate=w.seat, start=datetime.date(2023, 3, 1), end=datetime.date(2023, 9, 30))
    rule(w, ExitRuleKind.BELOW_MINIMUM, years=2)
    evaluate(w.congress, 2023)
    evaluate(w.congress, 2024)
    assert not ExitWarning.objects.filter(mandate=w.seat).exists()
    assert ExitWarning.objects.filter(mandate=w.wang_seat).count() == 1


def test_a_discipline_deduction_raises_a_warning(w):
    rongchang_table(w.congress, 2024)
    rule(w, ExitRuleKind.DISCIPLINE)
    services.adjustment_add(
        actor=w.staff,
        congress=w.congress,
        year=2024,
        mandate=w.seat,
        item_code="discipline",
        points=-20,
        reason="受到党内警告处分",
    )
    evaluate(w.congress, 2024)
    warning = ExitWarning.objects.get()
    assert (warning.mandate, warning.kind) == (w.seat, ExitRuleKind.DISCIPLINE)
    assert "受到党内警告处分" in warning.reason


def test_a_bonus_on_a_discipline_item_is_no_deduction(w):
    """Regression: only a deduction on a discipline item raises the discipline warning."""
    rongchang_table(w.congress, 2024)
    rule(w, ExitRuleKind.DISCIPLINE)
    services.adjustment_add(
        actor=w.staff,
        congress=w.congress,
        year=2024,
        mandate=w.seat,
        item_code="discipline",
        points=5,
        reason="更正",
    )
    evaluate(w.congress, 2024)
    assert not ExitWarning.objects.exists()


def test_an_unqualified_grade_raises_a_warning(w):
    types = preset_types(w.congress)
    # 6 + 15 + 15 + 10 = 46 points: 基本合格, one grade above the lowest.
    for code, n in [("session_speech", 3), ("survey", 5), ("suggestion", 5), ("motion", 2)]:
        for i in range(n):
            ActivityFactory(
                mandate=w.wang_seat, activity_type=types[code], day=datetime.date(2024, 3, i + 1)
            )
    rule(w, ExitRuleKind.GRADE)
    evaluate(w.congress, 2024)
    assert EvaluationResult.objects.get(mandate=w.wang_seat).grade == "基本合格"
    assert EvaluationResult.objects.get(mandate=w.seat).grade == "不合格"
    assert [(x.mandate, x.kind) for x in ExitWarning.objects.all()] == [
        (w.seat, ExitRuleKind.GRADE)
    ]


def test_inactive_rules_raise_nothing(w):
    rule(w, ExitRuleKind.GRADE, active=False)
    evaluate(w.congress, 2024)
    assert not ExitWarning.objects.exists()


def _a_warning(w):
    rule(w, ExitRuleKind.GRADE)
    evaluate(w.congress, 2024)
    return ExitWarning.objects.get(mandate=w.seat)


def test_warning_update_records_what_was_done(w):
    warning = _a_warning(w)
    warning = services.warning_update(
        actor=w.staff, warning=warning, status=WarningStatus.TALKED, note="人代工委约谈"
    )
    assert (warning.status, warning.status_note, warning.decided_by) == (
        WarningStatus.TALKED,
        "人代工委约谈",
        w.staff,
    )


def test_warning_update_needs_a_note_and_the_right_district(w):
    warning = _a_warning(w)
    with pytest.raises(ValidationFailed):
        services.warning_update(actor=w.staff, warning=warning, status=WarningStatus.RESOLVED)
    with pytest.raises(NotFound):
        services.warning_update(
            actor=w.tl_staff, warning=warning, status=WarningStatus.RESOLVED, note="x"
        )
    warning.refresh_from_db()
    assert warning.status == WarningStatus.OPEN


@freeze_time("2025-03-01")
def test_ending_the_seat_removes_the_deputy_from_current_lists_and_keeps_the_history(w, client):
    warning = _a_warning(w)
    mandate_end(
        actor=w.staff,
        mandate=w.seat,
        end=datetime.date(2025, 2, 20),
        reason="resignation",
        note="本人辞去代表职务",
    )
    assert w.li not in Person.public_objects.all()
    assert "黎源" not in client.get(reverse("portal:deputies")).content.decode()
    assert client.get(reverse("portal:deputy", args=[w.li.pk])).status_code == 404
    assert ExitWarning.objects.filter(pk=warning.pk).exists()
    assert EvaluationResult.objects.filter(mandate=w.seat).exists()
    client.force_login(w.staff)
    page = client.get(reverse("recognition:warning_detail", args=[warning.pk])).content.decode()
    assert "黎源" in page
    assert reverse("people:mandate_end", args=[w.seat.pk]) not in page


# --- Pages --------------------------------------------------------------------------------------


def test_commendation_pages_per_role(w, client):
    c = nominate(w)
    detail = reverse("recognition:commendation_detail", args=[c.pk])
    assert c.get_absolute_url() == detail
    for url in [reverse("recognition:commendation_list"), detail]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(w.deputy)
    assert client.get(detail).status_code == 403
    client.force_login(w.tl_staff)
    assert client.get(detail).status_code == 404
    assert "黎源" not in client.get(reverse("recognition:commendation_list")).content.decode()
    client.force_login(w.staff)
    page = client.get(detail).content.decode()
    assert "黎源" in page
    assert reverse("recognition:commendation_approve", args=[c.pk]) in page
    assert reverse("recognition:commendation_publish", args=[c.pk]) not in page


def test_the_steps_through_the_pages(w, client):
    c = nominate(w)
    client.force_login(w.tl_staff)
    assert client.post(reverse("recognition:commendation_approve", args=[c.pk])).status_code == 404
    client.force_login(w.staff)
    client.post(reverse("recognition:commendation_approve", args=[c.pk]))
    client.post(reverse("recognition:commendation_publish", args=[c.pk]))
    c.refresh_from_db()
    assert c.status == CommendationStatus.PUBLISHED
    client.post(reverse("recognition:commendation_unpublish", args=[c.pk]))
    c.refresh_from_db()
    assert c.status == CommendationStatus.APPROVED


def test_reject_through_the_page_needs_a_reason(w, client):
    c = nominate(w)
    client.force_login(w.staff)
    url = reverse("recognition:commendation_reject", args=[c.pk])
    response = client.post(url, {"note": ""}, follow=True)
    assert str(services.REASON_REQUIRED) in response.content.decode()
    c.refresh_from_db()
    assert c.status == CommendationStatus.NOMINATED
    client.post(url, {"note": "事迹材料不实"})
    c.refresh_from_db()
    assert (c.status, c.status_note) == (CommendationStatus.REJECTED, "事迹材料不实")


def test_nominate_by_hand_through_the_page(w, client):
    client.force_login(w.staff)
    url = reverse("recognition:commendation_create")
    assert client.get(url).status_code == 200
    data = {
        "congress": w.congress.pk,
        "kind": PRAISE,
        "year": 2024,
        "mandate": w.seat.pk,
        "title": "2024年度履职优秀代表",
        "citation": "",
    }
    response = client.post(url, data)
    c = Commendation.objects.get()
    assert response.status_code == 302 and response.url == c.get_absolute_url()
    response = client.post(url, data)
    assert response.status_code == 200  # the duplicate shows as a form error
    assert Commendation.objects.count() == 1
    response = client.post(url, {**data, "mandate": "", "year": 2023})
    assert str(SUBJECT_REQUIRED) in response.content.decode()
    assert Commendation.objects.count() == 1


def test_nominate_from_results_through_the_page(w, client):
    evaluation = evaluate(w.congress, 2024)
    client.force_login(w.tl_staff)
    url = reverse("recognition:commendations_nominate_from_results")
    response = client.post(url, {"evaluation": evaluation.pk, "grade": "不合格", "kind": PRAISE})
    assert response.status_code == 200  # not a choice for them
    client.force_login(w.staff)
    response = client.post(
        url,
        {"evaluation": evaluation.pk, "grade": "不合格", "kind": PRAISE, "title": "测试称号"},
    )
    assert response.status_code == 302
    assert Commendation.objects.count() == 2


def test_commendation_list_queries_do_not_grow(w, client):
    client.force_login(w.staff)
    url = reverse("recognition:commendation_list")
    nominate(w)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    nominate(w, mandate=w.wang_seat)
    nominate(w, mandate=None, group=w.group)
    nominate(w, year=2023)
    assert queries() == few


def test_warning_pages_per_role(w, client):
    warning = _a_warning(w)
    detail = reverse("recognition:warning_detail", args=[warning.pk])
    assert client.get(detail).status_code == 302
    client.force_login(w.deputy)
    assert client.get(detail).status_code == 403
    assert client.get(reverse("recognition:warning_list")).status_code == 403
    client.force_login(w.tl_staff)
    assert client.get(detail).status_code == 404
    assert "黎源" not in client.get(reverse("recognition:warning_list")).content.decode()
    client.force_login(w.staff)
    page = client.get(detail).content.decode()
    assert "黎源" in page and "不合格" in page
    assert reverse("people:mandate_end", args=[w.seat.pk]) in page
    assert reverse("recognition:warning_update", args=[warning.pk]) in page


def test_warning_list_shows_the_open_ones_first(w, client):
    _a_warning(w)
    first = ExitWarning.objects.get(mandate=w.seat)
    services.warning_update(
        actor=w.staff, warning=first, status=WarningStatus.DISMISSED, note="已改进"
    )
    second = ExitWarning.objects.get(mandate=w.wang_seat)
    client.force_login(w.staff)
    response = client.get(reverse("recognition:warning_list"))
    assert [x.pk for x in response.context["object_list"]] == [second.pk, first.pk]
    response = client.get(reverse("recognition:warning_list"), {"status": "dismissed"})
    assert [x.pk for x in response.context["object_list"]] == [first.pk]


def test_warning_list_queries_do_not_grow(w, client):
    client.force_login(w.staff)
    url = reverse("recognition:warning_list")
    _a_warning(w)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for year in (2022, 2023):
        ExitWarning.objects.create(
            congress=w.congress, mandate=w.wang_seat, year=year, kind="grade", reason="x"
        )
    assert queries() == few


def test_warning_update_through_the_page(w, client):
    warning = _a_warning(w)
    url = reverse("recognition:warning_update", args=[warning.pk])
    client.force_login(w.tl_staff)
    assert client.post(url, {"status": "talked", "note": "x"}).status_code == 404
    client.force_login(w.staff)
    response = client.post(url, {"status": "talked", "note": "人代工委约谈"})
    assert response.status_code == 302
    warning.refresh_from_db()
    assert warning.status == WarningStatus.TALKED


def test_exit_rules_through_the_pages(w, client):
    client.force_login(w.deputy)
    assert client.get(reverse("recognition:exit_rule_list")).status_code == 403
    client.force_login(w.tl_staff)
    response = client.post(
        reverse("recognition:exit_rule_set"),
        {"congress": w.congress.pk, "kind": "grade", "years": 1, "active": "on"},
    )
    assert response.status_code == 200 and not ExitRule.objects.exists()
    client.force_login(w.staff)
    response = client.post(
        reverse("recognition:exit_rule_set"),
        {"congress": w.congress.pk, "kind": "below_minimum", "years": 2, "active": "on"},
    )
    assert response.status_code == 302
    assert ExitRule.objects.get().years == 2
    page = client.get(reverse("recognition:exit_rule_list")).content.decode()
    assert str(ExitRuleKind.BELOW_MINIMUM.label) in page

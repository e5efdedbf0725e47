"""Exit rules and warnings: the rules applied when an evaluation is made final, the steps staff
take on a warning (each refusal writes nothing), and the staff pages per role: anonymous, a
deputy, staff of another district (404 like a missing id) and the rightful staff."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from renda.activities import services as activity_services
from renda.activities.tests.factories import ActivityFactory, ExcuseFactory, preset_types
from renda.assessment import services as assessment_services
from renda.assessment.models import EvaluationResult
from renda.assessment.tests.factories import evaluate, recognition_world, rongchang_table
from renda.core.exceptions import NotFound, ValidationFailed
from renda.core.testing import queries
from renda.exit_warnings import services
from renda.exit_warnings.choices import ExitRuleKind, WarningStatus
from renda.exit_warnings.models import ExitRule, ExitWarning
from renda.people.models import Person
from renda.people.services import mandate_end

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return recognition_world()


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
    assessment_services.adjustment_add(
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
    assessment_services.adjustment_add(
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
    # What was done is recorded by the workflow's steps (the "update" page is deprecated).
    for step in ("talk", "resolve", "dismiss"):
        assert reverse(f"recognition:warning_{step}", args=[warning.pk]) in page
    assert reverse("recognition:warning_reopen", args=[warning.pk]) not in page


def test_a_step_page_opens_and_the_step_returns_to_the_warning(w, client):
    """Regression: an exit warning had no page address (`get_absolute_url`), so the page of a
    step that asks for a note (talk, resolve, dismiss, reopen) answered 500, and so did taking
    a step without a `next` address. Found by the access matrix."""
    warning = _a_warning(w)
    client.force_login(w.staff)
    url = reverse("recognition:warning_talk", args=[warning.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert f'href="{warning.get_absolute_url()}"' in page.content.decode()
    response = client.post(url, {"note": "人代工委约谈"})
    assert response.status_code == 302
    assert response["Location"] == reverse("recognition:warning_detail", args=[warning.pk])
    warning.refresh_from_db()
    assert warning.status == WarningStatus.TALKED


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

    few = queries(client, url)
    for year in (2022, 2023):
        ExitWarning.objects.create(
            congress=w.congress, mandate=w.wang_seat, year=year, kind="grade", reason="x"
        )
    assert queries(client, url) == few


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

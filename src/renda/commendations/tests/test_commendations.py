"""Commendations: the services (each success and each refusal, which writes nothing) and the
staff pages per role: anonymous, a deputy, staff of another district (404 like a missing id) and
the rightful staff."""

import pytest
from django.urls import reverse

from renda.assessment.models import EvaluationResult
from renda.assessment.tests.factories import evaluate, recognition_world
from renda.commendations import services
from renda.commendations.choices import CommendationKind, CommendationStatus
from renda.commendations.forms import SUBJECT_REQUIRED
from renda.commendations.models import Commendation
from renda.core.exceptions import InvalidTransition, NotFound, ValidationFailed
from renda.core.testing import queries
from renda.people.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db

PRAISE = CommendationKind.PRAISE


@pytest.fixture
def w():
    return recognition_world()


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


# --- Services ----------------------------------------------------------------------------------


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

    few = queries(client, url)
    nominate(w, mandate=w.wang_seat)
    nominate(w, mandate=None, group=w.group)
    nominate(w, year=2023)
    assert queries(client, url) == few

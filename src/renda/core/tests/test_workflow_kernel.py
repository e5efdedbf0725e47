"""The workflow kernel's own behaviour (`core.workflow`), shown on the commitment cycle: the input
a step takes, the step pages (GET only when a step asks for input, `next` only when local), the
buttons from the declaration, the history naming the step, and the to-do list."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from renda.commitments.choices import CommitmentStatus as S
from renda.commitments.tests.workflow_case import CASE, make, world
from renda.commitments.workflow import COMMITMENT
from renda.core import audit, workflow
from renda.core.templatetags.renda_audit import action_label
from renda.core.tests.workflows import written

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def w():
    with freeze_time("2026-06-01 10:00:00+08:00"):
        yield world()


def test_a_step_refuses_an_input_it_does_not_take(w):
    """A programming error, not a user's: the service says which input it does not take."""
    c = make(w, S.SUBMITTED)
    before = written(c)
    with pytest.raises(TypeError, match="reason"):
        COMMITMENT.transition(actor=w.staff, obj=c, name="approve", reason=object())
    assert written(c) == before


def test_only_a_step_that_asks_for_input_has_a_page_to_get(client, w):
    c = make(w, S.SUBMITTED)
    client.force_login(w.staff)
    assert client.get(COMMITMENT.url("approve", c)).status_code == 405
    page = client.get(COMMITMENT.url("return", c))
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode() and c.title in page.content.decode()


def test_after_a_step_back_to_a_local_next_only(client, w):
    client.force_login(w.staff)
    c = make(w, S.SUBMITTED)
    queue = reverse("commitments:review_queue")
    response = client.post(COMMITMENT.url("approve", c), {"next": queue})
    assert response["Location"] == queue
    c = make(w, S.SUBMITTED)
    response = client.post(COMMITMENT.url("approve", c), {"next": "https://example.com/"})
    assert response["Location"] == c.get_absolute_url()


def test_input_errors_show_on_the_steps_page_and_write_nothing(client, w):
    client.force_login(w.staff)
    c = make(w, S.SUBMITTED)
    before = written(c)
    response = client.post(COMMITMENT.url("cancel", c), {"note": "  "})
    assert response.status_code == 200
    assert str(workflow.NOTE_REQUIRED) in response.content.decode()
    assert written(c) == before


def test_the_buttons_are_the_declarations_steps_for_the_viewer(client, w):
    client.force_login(w.deputy)
    returned = make(w, S.RETURNED)
    body = client.get(returned.get_absolute_url()).content.decode()
    # The label a status asks for ("submit again" after a return), from the declaration.
    assert str(COMMITMENT.transitions["submit"].label_from(S.RETURNED)) in body
    assert COMMITMENT.url("submit", returned) in body
    assert COMMITMENT.url("approve", returned) not in body


def test_a_step_not_yet_possible_says_why_instead_of_a_button(client, w):
    """The year-end result waits for 1 December: staff see when, not a form."""
    client.force_login(w.staff)
    approved = make(w, S.APPROVED)
    body = client.get(approved.get_absolute_url()).content.decode()
    assert COMMITMENT.url("close", approved) not in body
    assert "2026年12月1日" in body


def test_the_history_names_the_step(w):
    c = make(w, S.SUBMITTED)
    COMMITMENT.transition(actor=w.staff, obj=c, name="approve")
    entry = audit.timeline(c).get()
    assert entry.step == "approve"
    assert str(action_label(entry)) == str(COMMITMENT.transitions["approve"].done)


def test_the_to_do_list_counts_what_waits_for_each_user(w):
    make(w, S.SUBMITTED)
    make(w, S.SUBMITTED)
    make(w, S.RETURNED)
    staff = {line.label: line.count for line in workflow.todo_for(w.staff)}
    deputy = {line.label: line.count for line in workflow.todo_for(w.deputy)}
    review = COMMITMENT.todo[0].label
    returned = COMMITMENT.todo[1].label
    assert staff[review] == 2 and returned not in staff
    assert deputy[returned] == 1 and review not in deputy
    assert workflow.todo_for(w.outsider)[0].count == 0


def test_the_to_do_page_lists_the_queues(client, w):
    make(w, S.SUBMITTED)
    client.force_login(w.staff)
    body = client.get(reverse("core:todo")).content.decode()
    assert reverse("commitments:review_queue") in body
    assert str(COMMITMENT.todo[0].label) in body


def test_the_case_declares_the_cycle():
    assert CASE.workflow is COMMITMENT


def test_options_on_a_step_without_input_describes_the_object(w):
    """Regression (found by test-fuzz): OPTIONS on a step that takes no body looked for the
    step's serializer, which it has none of, and answered 500."""
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(w.deputy)
    draft = make(w, S.DRAFT)
    assert api.options(f"/api/v1/commitments/{draft.pk}/submit/").status_code == 200


def test_the_to_do_page_counts_in_constant_queries(client, w):
    from renda.core.testing import queries

    client.force_login(w.staff)
    make(w, S.SUBMITTED)
    few = queries(client, reverse("core:todo"))
    for _ in range(4):
        make(w, S.SUBMITTED)
        make(w, S.RETURNED)
    assert queries(client, reverse("core:todo")) == few

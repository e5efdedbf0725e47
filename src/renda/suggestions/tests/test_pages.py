"""The pages of a suggestion's way, as each party reads them: the deputy drafting and inviting,
the co-signer answering, the office reviewing and assigning, the unit answering with its letter
— each page answers, shows what it should, and the step's form takes the files."""

import pytest
from django.urls import reverse

from renda.handling.models import Assignment
from renda.suggestions import services
from renda.suggestions.tests.factories import draft, letter, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return world()


def test_the_deputy_drafts_invites_and_submits_on_pages(client, w):
    client.force_login(w.deputy)
    page = client.get(reverse("suggestions:suggestion_create"))
    assert page.status_code == 200
    made = client.post(
        reverse("suggestions:suggestion_create"),
        {
            "mandate": w.seat.pk,
            "kind": "suggestion",
            "period": "recess",
            "topic": "transport",
            "title": "关于完善昌州大道公交站点的建议",
            "body": "建议增设站点。",
        },
    )
    assert made.status_code == 302
    s = w.seat.suggestions.get()
    invite = reverse("suggestions:suggestion_invite", args=[s.pk])
    assert client.get(invite).status_code == 200
    assert client.post(invite, {"mandates": [w.seats[1].pk]}).status_code == 302
    detail = client.get(s.get_absolute_url())
    assert detail.status_code == 200
    assert w.seats[1].person.name in detail.content.decode()

    client.force_login(w.deputies[1])
    page = client.get(s.get_absolute_url()).content.decode()
    assert reverse("suggestions:suggestion_cosign", args=[s.pk]) in page
    client.post(reverse("suggestions:suggestion_cosign", args=[s.pk]), {"confirm": "1"})
    assert s.cosigners.get().status == "confirmed"

    client.force_login(w.deputy)
    client.post(reverse("suggestions:suggestion_submit", args=[s.pk]))
    s.refresh_from_db()
    assert s.status == "submitted"


def test_the_office_assigns_and_the_unit_answers_on_pages(client, w):
    s = services.suggestion_submit(actor=w.deputy, suggestion=draft(w))
    client.force_login(w.staff)
    assert client.get(reverse("suggestions:suggestion_list")).status_code == 200
    client.post(reverse("suggestions:suggestion_accept", args=[s.pk]))
    assign = reverse("suggestions:suggestion_assign", args=[s.pk])
    assert client.get(assign).status_code == 200
    client.post(assign, {"mode": "lead_co", "lead": w.lead_unit.pk, "co": [w.co_unit.pk]})
    s.refresh_from_db()
    assert s.status == "assigned"
    assert client.get(s.get_absolute_url()).status_code == 200
    assert client.get(reverse("handling:assignment_list")).status_code == 200

    lead = Assignment.objects.get(unit=w.lead_unit)
    client.force_login(w.lead_clerk)
    inbox = client.get(reverse("handling:inbox")).content.decode()
    assert s.title in inbox
    assert client.get(lead.get_absolute_url()).status_code == 200
    client.post(reverse("handling:assignment_accept", args=[lead.pk]))
    answer = reverse("handling:assignment_answer", args=[lead.pk])
    assert client.get(answer).status_code == 200
    done = client.post(
        answer,
        {
            "text": "已列入计划。",
            "result_category": "B",
            "contact_person": "李明",
            "contact_mode": "met",
            "files": [letter()],
        },
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    lead.refresh_from_db()
    assert lead.status == "answered"
    assert lead.replies.get().attachments.count() == 1
    # The deputy reads the reply on the item's page.
    client.force_login(w.deputy)
    assert "已列入计划。" in client.get(s.get_absolute_url()).content.decode()

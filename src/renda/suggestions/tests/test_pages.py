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


def test_the_office_sets_the_rules_and_the_categories(client, w):
    from renda.handling.subjects import default_categories
    from renda.suggestions.rules import rules_for

    client.force_login(w.staff)
    url = reverse("suggestions:rules", args=[w.congress.pk])
    page = client.get(url).content.decode()
    assert "B " in page and "后报落实" in page  # the national list, B and C reported later
    form = {
        "motion_cosigners": 8,
        "reply_months": 2,
        "max_months": 4,
        "opinion_months": 1,
        "rehandle_months": 1,
        "return_working_days": 5,
        "rehandle_limit": 2,
        "cosigners_register": "on",
        "rating_days": 20,
        "categories": "A 已解决\nB 列入计划 后报落实\nC 暂不能解决 后报落实",
    }
    assert client.post(url, form).status_code == 302
    rules = rules_for(w.congress)
    assert (rules.motion_cosigners, rules.reply_months, rules.rehandle_limit) == (8, 2, 2)
    cats = default_categories(w.congress.pk)
    assert [(c.code, c.needs_fulfilment) for c in cats] == [("A", False), ("B", True), ("C", True)]
    # A code twice is refused, and nothing changes.
    form["categories"] = "A 一\nA 二"
    form["motion_cosigners"] = 3
    again = client.post(url, form)
    assert again.status_code == 200
    assert rules_for(w.congress).motion_cosigners == 8

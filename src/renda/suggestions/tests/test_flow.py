"""The whole way of a suggestion through the services: draft → co-signers → submit → accept →
assign (lead + co) → opinion → reply (B) → 不满意 → answered again → 满意 → fulfilment → rated →
closed; the clocks, the activity, the numbers kept for the statistics."""

import datetime

import pytest
from freezegun import freeze_time

from renda.activities.models import Activity
from renda.core.models import Deadline, Rating
from renda.handling import services as handling
from renda.handling.models import Assignment, Reply
from renda.suggestions import services
from renda.suggestions.tests.factories import draft, letter, world

pytestmark = pytest.mark.django_db


@freeze_time("2025-03-03 10:00:00+08:00")
def test_a_suggestion_from_draft_to_closed():
    w = world()
    s = draft(w)
    services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[1:3])
    for user in w.deputies[1:3]:
        services.cosigner_answer(actor=user, suggestion=s, confirm=True)
    s = services.suggestion_submit(actor=w.deputy, suggestion=s)
    assert s.status == "submitted"
    assert Activity.objects.filter(source_type="suggestions.suggestion").count() == 3
    s = services.suggestion_accept(actor=w.staff, suggestion=s)
    assert s.number == 1
    s = services.suggestion_assign(
        actor=w.staff, suggestion=s, mode="lead_co", lead=w.lead_unit, co=[w.co_unit]
    )
    lead = Assignment.objects.get(unit=w.lead_unit)
    co = Assignment.objects.get(unit=w.co_unit)
    clock = Deadline.objects.for_object(lead).get(purpose="handling.answer")
    assert clock.due == datetime.date(2025, 6, 3)
    accept = Deadline.objects.for_object(lead).get(purpose="handling.accept")
    assert accept.due == datetime.date(2025, 3, 17)
    handling.assignment_accept(actor=w.lead_clerk, assignment=lead)
    handling.assignment_accept(actor=w.co_clerk, assignment=co)
    handling.assignment_answer(actor=w.co_clerk, assignment=co, text="同意增设，经费可安排。")
    s.refresh_from_db()
    assert s.status == "assigned"
    handling.assignment_answer(
        actor=w.lead_clerk,
        assignment=Assignment.objects.get(pk=lead.pk),
        text="已列入2025年公交线网优化计划。",
        result_category="B",
        contact_person="李明",
        contact_mode="met",
        files=[letter()],
    )
    s.refresh_from_db()
    assert (s.status, s.result_category, s.replied_on_time, s.met_deputy) == (
        "replied",
        "B",
        True,
        True,
    )
    s = services.suggestion_rate_reply(
        actor=w.deputy, suggestion=s, value="dissatisfied", comment="站点位置未与群众商量"
    )
    assert s.status == "rehandling" and s.rehandled == 1
    lead.refresh_from_db()
    assert (lead.status, lead.round) == ("in_hand", 2)
    handling.assignment_answer(
        actor=w.lead_clerk,
        assignment=lead,
        text="已与群众商定站点位置。",
        result_category="B",
        contact_person="李明",
        contact_mode="consulted",
        files=[letter()],
    )
    s.refresh_from_db()
    assert s.status == "replied"
    s = services.suggestion_rate_reply(actor=w.deputy, suggestion=s, value="satisfied")
    assert s.status == "fulfilling"
    assert (s.first_reply_rating, s.reply_rating) == ("dissatisfied", "satisfied")
    lead.refresh_from_db()
    handling.assignment_fulfil(actor=w.lead_clerk, assignment=lead, text="两处站点已建成。")
    s.refresh_from_db()
    assert s.status == "fulfilled"
    s = services.suggestion_rate_fulfilment(actor=w.deputy, suggestion=s, value="satisfied")
    assert s.status == "closed" and s.closed_at is not None
    assert Rating.objects.for_object(s).count() == 3
    assert Reply.objects.filter(kind="reply").count() == 2
    services.suggestion_disclose(actor=w.staff, suggestion=s)
    s.refresh_from_db()
    assert s.is_public


def test_a_closed_item_is_nominated_as_an_excellent_suggestion_and_only_then():
    from renda.commendations.models import Commendation
    from renda.core.exceptions import InvalidTransition, PermissionRefused

    w = world()
    s = services.suggestion_submit(actor=w.deputy, suggestion=draft(w))
    with pytest.raises(InvalidTransition):
        services.suggestion_nominate_excellent(actor=w.staff, suggestion=s)
    type(s).objects.filter(pk=s.pk).update(status="closed", number=7)
    s.refresh_from_db()
    with pytest.raises(PermissionRefused):
        services.suggestion_nominate_excellent(actor=w.deputy, suggestion=s)
    assert not Commendation.objects.exists()
    made = services.suggestion_nominate_excellent(actor=w.staff, suggestion=s)
    assert (made.kind, made.mandate, made.status) == ("suggestion", w.seat, "nominated")
    assert s.title in made.citation


def test_a_delegation_submits_a_motion_without_co_signers_where_the_congress_allows():
    from renda.congresses.tests.factories import CongressFactory, TermFactory
    from renda.core.exceptions import ValidationFailed
    from renda.people.tests.factories import GroupFactory, MembershipFactory
    from renda.regions.tests.factories import chongqing

    w = world()
    # A district congress: no delegations; the seat's own congress refuses.
    group = GroupFactory(congress=w.congress, kind="delegation")
    MembershipFactory(group=group, mandate=w.seat)
    with pytest.raises(ValidationFailed):
        draft(w, kind="motion", delegation=group)
    # The municipal congress: a delegation's motion needs no co-signers.
    term = TermFactory(congress=CongressFactory(region=chongqing(), level=2))
    from renda.activities.tests.factories import preset_types
    from renda.people.tests.factories import MandateFactory

    preset_types(term.congress)
    seat = MandateFactory(term=term, person=w.seat.person)
    delegation = GroupFactory(congress=term.congress, kind="delegation", name="荣昌区代表团")
    MembershipFactory(group=delegation, mandate=seat)
    with pytest.raises(ValidationFailed):
        services.suggestion_draft(
            actor=w.deputy,
            mandate=seat,
            title="议案",
            body="……",
            topic="law",
            kind="suggestion",
            delegation=delegation,
        )
    motion = services.suggestion_draft(
        actor=w.deputy,
        mandate=seat,
        title="关于制定城市更新条例的议案",
        body="……",
        topic="law",
        kind="motion",
        delegation=delegation,
    )
    motion = services.suggestion_submit(actor=w.deputy, suggestion=motion)
    assert motion.status == "submitted"
    # A deputy's own motion in the same congress still needs ten.
    own = services.suggestion_draft(
        actor=w.deputy,
        mandate=seat,
        title="关于修订物业管理条例的议案",
        body="……",
        topic="law",
        kind="motion",
    )
    from renda.core.exceptions import InvalidTransition

    with pytest.raises(InvalidTransition, match="10"):
        services.suggestion_submit(actor=w.deputy, suggestion=own)

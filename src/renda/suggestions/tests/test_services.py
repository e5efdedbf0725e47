"""Writes of motions and suggestions: drafting, co-signers, submission (the co-signers a motion
needs, by level and by the congress's own rules), the activity it counts as, review, merging,
assigning, the ratings and handling again, lapsed ratings, disclosure and key supervision; each
service's success and each refusal with nothing written; two clerks assigning at once
(PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connections
from freezegun import freeze_time

from renda.accounts.tests.factories import user_with
from renda.activities.models import Activity
from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.exceptions import InvalidTransition, NotFound, PermissionRefused, ValidationFailed
from renda.core.models import AuditEntry, Deadline, Rating
from renda.core.ratings import SAY_WHAT_IS_UNSATISFACTORY
from renda.core.testing import counter, frozen_at, needs_waiting_writers, worded
from renda.handling import services as handling
from renda.handling.choices import AssignmentStatus
from renda.handling.models import Assignment
from renda.handling.querysets import ANSWER_CLOCK
from renda.notifications.models import Notification
from renda.people.tests.factories import (
    GroupFactory,
    MandateFactory,
    MembershipFactory,
    PersonFactory,
)
from renda.regions.tests.factories import tongliang, town
from renda.suggestions import activities, services, workflow
from renda.suggestions.choices import CoSignerStatus, Rated
from renda.suggestions.choices import SuggestionStatus as S
from renda.suggestions.models import CoSigner, KeySupervision, Suggestion, SuggestionRules
from renda.suggestions.tests.factories import draft, letter, world

pytestmark = pytest.mark.django_db

TODAY = "2026-03-02 10:00:00+08:00"  # a Monday
frozen = frozen_at(TODAY)

counts = counter(
    Suggestion, CoSigner, Assignment, Deadline, Rating, Activity, AuditEntry, Notification
)
refused = counts.refused


@pytest.fixture
def w():
    return world()


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def status(s) -> str:
    return fresh(s).status


def signed(w, s, n: int, *, confirm=True) -> list[CoSigner]:
    """Invite the next `n` deputies of the world and have each answer."""
    seats = w.seats[1 : n + 1]
    services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=seats)
    for user in w.deputies[1 : n + 1]:
        services.cosigner_answer(actor=user, suggestion=s, confirm=confirm)
    return list(s.cosigners.all())


def submitted(w, **extra) -> Suggestion:
    return services.suggestion_submit(actor=w.deputy, suggestion=draft(w, **extra))


def accepted(w, **extra) -> Suggestion:
    return services.suggestion_accept(actor=w.staff, suggestion=submitted(w, **extra))


def assigned(w, **extra) -> Suggestion:
    return services.suggestion_assign(
        actor=w.staff, suggestion=accepted(w, **extra), mode="lead_co", lead=w.lead_unit
    )


def lead(s) -> Assignment:
    return Assignment.objects.of(s).get(role="lead")


def answer(w, s, category="B"):
    """The lead unit's reply letter (as the lead, or one of the units handling separately)."""
    a = Assignment.objects.of(s).get(unit=w.lead_unit)
    if a.status == AssignmentStatus.ASSIGNED:
        a = handling.assignment_accept(actor=w.lead_clerk, assignment=a)
    handling.assignment_answer(
        actor=w.lead_clerk,
        assignment=a,
        text="已列入年度计划。",
        result_category=category,
        contact_person="李明",
        contact_mode="phone",
        files=[letter()],
    )
    return fresh(s)


def replied(w, category="B", **extra) -> Suggestion:
    return answer(w, assigned(w, **extra), category)


def rate(w, s, value, comment=""):
    return services.suggestion_rate_reply(
        actor=w.deputy, suggestion=fresh(s), value=value, comment=comment
    )


# --- Drafting ---------------------------------------------------------------------------------


def test_a_draft_is_the_deputys_own_and_staff_do_not_see_it(w):
    s = draft(w)
    assert (s.status, s.year, s.congress, s.created_by) == (S.DRAFT, 2026, w.congress, w.deputy)
    assert not Suggestion.objects.restrict(w.staff).filter(pk=s.pk).exists()
    assert Suggestion.objects.restrict(w.deputy).filter(pk=s.pk).exists()


def test_a_deputy_drafts_only_under_a_seat_they_hold(w):
    refused(
        PermissionRefused,
        lambda: services.suggestion_draft(
            actor=w.deputy, mandate=w.seats[1], title="题目", body="正文", topic="other"
        ),
        services.NOT_YOUR_SEAT,
    )
    w.seat.end, w.seat.end_reason = datetime.date(2026, 2, 1), "resignation"
    w.seat.save()
    refused(PermissionRefused, lambda: draft(w), services.NOT_YOUR_SEAT)


def test_a_delegation_submits_motions_only_where_the_congress_allows(w):
    delegation = GroupFactory(
        congress=w.congress, region=w.region, name="直升镇代表团", kind="delegation"
    )
    refused(
        ValidationFailed,
        lambda: draft(w, kind="motion", delegation=delegation),
        services.NOT_IN_DELEGATION,
    )
    MembershipFactory(group=delegation, mandate=w.seat)
    refused(
        ValidationFailed,
        lambda: draft(w, kind="suggestion", delegation=delegation),
        services.ONLY_MOTIONS_BY_DELEGATION,
    )
    refused(
        ValidationFailed,
        lambda: draft(w, kind="motion", delegation=delegation),
        services.NO_DELEGATION_MOTIONS,
    )
    SuggestionRules.objects.create(
        congress=w.congress, motion_cosigners=10, delegation_motions=True
    )
    assert draft(w, kind="motion", delegation=delegation).delegation == delegation


def test_only_a_draft_is_changed_and_only_by_its_deputy(w):
    s = draft(w)
    s = services.suggestion_edit(actor=w.deputy, suggestion=s, title=" 新题目 ", topic="urban")
    assert (s.title, s.topic) == ("新题目", "urban")
    refused(
        PermissionRefused,
        lambda: services.suggestion_edit(actor=w.deputies[1], suggestion=s, title="改"),
        workflow.ONLY_THE_AUTHOR,
    )
    s = services.suggestion_submit(actor=w.deputy, suggestion=s)
    refused(
        InvalidTransition,
        lambda: services.suggestion_edit(actor=w.deputy, suggestion=s, title="改"),
        services.ONLY_DRAFTS,
    )


# --- Co-signers -------------------------------------------------------------------------------


def test_invited_deputies_hear_of_it_and_are_invited_once(w):
    s = draft(w)
    made = services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[1:3])
    assert [c.status for c in made] == [CoSignerStatus.INVITED] * 2
    assert Notification.objects.filter(kind="suggestion.invite").count() == 2
    assert services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[1:2]) == []
    assert s.cosigners.count() == 2


def test_invitations_that_cannot_be_are_refused(w):
    s = draft(w)
    elsewhere = TermFactory(congress=CongressFactory(region=tongliang()))
    stranger = MandateFactory(term=elsewhere, person=PersonFactory(name="外地代表"))
    for mandates, message in [
        ([], services.INVITE_SOMEONE),
        ([w.seat], services.NOT_YOURSELF),
        ([w.seats[1], stranger], worded(services.NOT_A_DEPUTY_HERE, name="外地代表")),
    ]:
        refused(
            ValidationFailed,
            lambda m=mandates: services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=m),
            message,
        )
    refused(
        PermissionRefused,
        lambda: services.cosigners_invite(actor=w.deputies[1], suggestion=s, mandates=w.seats[2:3]),
    )
    s = services.suggestion_submit(actor=w.deputy, suggestion=s)
    refused(
        InvalidTransition,
        lambda: services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[1:2]),
        services.ONLY_DRAFTS,
    )


def test_an_invited_deputy_confirms_or_declines_once(w):
    s = draft(w)
    services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[1:3])
    yes = services.cosigner_answer(actor=w.deputies[1], suggestion=s, confirm=True)
    no = services.cosigner_answer(actor=w.deputies[2], suggestion=s, confirm=False)
    assert (yes.status, no.status) == (CoSignerStatus.CONFIRMED, CoSignerStatus.DECLINED)
    assert yes.answered_at is not None
    for user in (w.deputies[1], w.deputies[3], w.staff):  # answered, not invited, not a deputy
        refused(
            PermissionRefused,
            lambda u=user: services.cosigner_answer(actor=u, suggestion=s, confirm=True),
            services.NOT_INVITED,
        )


def test_an_invitation_is_answered_only_while_the_item_is_a_draft(w):
    s = draft(w)
    services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[1:2])
    services.suggestion_withdraw(actor=w.deputy, suggestion=s)
    refused(
        InvalidTransition,
        lambda: services.cosigner_answer(actor=w.deputies[1], suggestion=s, confirm=True),
        services.ONLY_DRAFTS,
    )


def test_an_invitation_is_taken_back_while_the_item_is_a_draft(w):
    s = draft(w)
    first, second = services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[1:3])
    services.cosigner_uninvite(actor=w.deputy, cosigner=first)
    assert list(s.cosigners.all()) == [second]
    services.cosigner_answer(actor=w.deputies[2], suggestion=s, confirm=True)
    s = services.suggestion_submit(actor=w.deputy, suggestion=s)
    refused(
        InvalidTransition,
        lambda: services.cosigner_uninvite(actor=w.deputy, cosigner=fresh(second)),
        services.ONLY_DRAFTS,
    )


# --- Submission -------------------------------------------------------------------------------


def short(needed, confirmed):
    return worded(workflow.TOO_FEW_COSIGNERS, needed=needed, confirmed=confirmed)


def test_a_district_motion_needs_ten_deputies_with_the_lead(w):
    s = draft(w, kind="motion")
    signed(w, s, 8)
    services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[9:10])
    services.cosigner_answer(actor=w.deputies[9], suggestion=s, confirm=False)  # not counted
    refused(
        InvalidTransition,
        lambda: services.suggestion_submit(actor=w.deputy, suggestion=s),
        short(10, 9),
    )
    assert status(s) == S.DRAFT
    services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[10:11])
    services.cosigner_answer(actor=w.deputies[10], suggestion=s, confirm=True)
    assert services.suggestion_submit(actor=w.deputy, suggestion=s).status == S.SUBMITTED


def test_a_town_motion_needs_five():
    zs = town()
    term = TermFactory(congress=CongressFactory(region=zs, level=CongressLevel.TOWN))
    seats = [MandateFactory(term=term) for _ in range(5)]
    users = [user_with("deputy", person=m.person) for m in seats]
    s = services.suggestion_draft(
        actor=users[0],
        mandate=seats[0],
        title="关于修建村道的议案",
        body="正文",
        topic="urban",
        kind="motion",
    )
    services.cosigners_invite(actor=users[0], suggestion=s, mandates=seats[1:5])
    for user in users[1:4]:
        services.cosigner_answer(actor=user, suggestion=s, confirm=True)
    services.cosigner_answer(actor=users[4], suggestion=s, confirm=False)
    refused(
        InvalidTransition,
        lambda: services.suggestion_submit(actor=users[0], suggestion=s),
        short(5, 4),
    )


def test_the_congresss_own_rule_overrides_the_number_of_co_signers(w):
    SuggestionRules.objects.create(congress=w.congress, motion_cosigners=3)
    s = draft(w, kind="motion")
    signed(w, s, 1)
    refused(
        InvalidTransition,
        lambda: services.suggestion_submit(actor=w.deputy, suggestion=s),
        short(3, 2),
    )
    services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[2:3])
    services.cosigner_answer(actor=w.deputies[2], suggestion=s, confirm=True)
    assert services.suggestion_submit(actor=w.deputy, suggestion=s).status == S.SUBMITTED


def test_a_suggestion_needs_no_co_signers_but_waits_for_the_invited(w):
    s = draft(w)
    services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[1:3])
    services.cosigner_answer(actor=w.deputies[1], suggestion=s, confirm=True)
    refused(
        InvalidTransition,
        lambda: services.suggestion_submit(actor=w.deputy, suggestion=s),
        worded(workflow.COSIGNERS_PENDING, count=1),
    )
    services.cosigner_answer(actor=w.deputies[2], suggestion=s, confirm=False)
    s = services.suggestion_submit(actor=w.deputy, suggestion=s)
    assert s.status == S.SUBMITTED and s.submitted_at is not None


def test_only_the_lead_deputy_submits(w):
    s = draft(w)
    signed(w, s, 1)
    refused(
        PermissionRefused,
        lambda: services.suggestion_submit(actor=w.deputies[1], suggestion=s),
        workflow.ONLY_THE_AUTHOR,
    )
    refused(PermissionRefused, lambda: services.suggestion_submit(actor=w.staff, suggestion=s))


# --- The activity it counts as ------------------------------------------------------------------


def registered(s) -> dict:
    return dict(
        Activity.objects.filter(source_type=activities.SOURCE, source_id=str(s.pk)).values_list(
            "mandate_id", "status"
        )
    )


def test_submitting_registers_the_activity_of_the_lead_and_each_confirmed_co_signer(w):
    s = draft(w)
    signed(w, s, 2)
    services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[3:4])
    services.cosigner_answer(actor=w.deputies[3], suggestion=s, confirm=False)
    s = services.suggestion_submit(actor=w.deputy, suggestion=s)
    seats = {w.seat.pk, w.seats[1].pk, w.seats[2].pk}
    assert registered(s) == dict.fromkeys(seats, "verified")
    activity = Activity.objects.get(mandate=w.seat, source_id=str(s.pk))
    assert (activity.activity_type.code, activity.day, activity.content) == (
        "suggestion",
        datetime.date(2026, 3, 2),
        s.title,
    )
    # Not twice: registering again finds the records already there.
    activities.register(s)
    assert len(registered(s)) == 3 and Activity.objects.count() == 3


def test_a_motion_counts_as_a_motion(w):
    SuggestionRules.objects.create(congress=w.congress, motion_cosigners=1)
    s = services.suggestion_submit(actor=w.deputy, suggestion=draft(w, kind="motion"))
    assert Activity.objects.get(source_id=str(s.pk)).activity_type.code == "motion"


def test_where_co_signing_does_not_count_only_the_lead_deputy_registers(w):
    SuggestionRules.objects.create(
        congress=w.congress, motion_cosigners=10, cosigners_register=False
    )
    s = draft(w)
    signed(w, s, 2)
    s = services.suggestion_submit(actor=w.deputy, suggestion=s)
    assert registered(s) == {w.seat.pk: "verified"}


def test_withdrawing_revokes_the_activity(w):
    s = draft(w)
    signed(w, s, 1)
    s = services.suggestion_submit(actor=w.deputy, suggestion=s)
    s = services.suggestion_withdraw(actor=w.deputy, suggestion=s, note="已另行反映")
    assert s.status == S.WITHDRAWN
    assert set(registered(s).values()) == {"rejected"}  # revoked: no longer counted


def test_a_second_suggestion_with_the_same_title_on_the_same_day_is_submitted(w):
    """The activity of the second is the same activity the first registered (type, day,
    content): refused as an exact duplicate, which must not undo the submission."""
    first = submitted(w, title="关于加强农村道路养护的建议")
    second = submitted(w, title="关于加强农村道路养护的建议")
    assert (first.status, second.status) == (S.SUBMITTED, S.SUBMITTED)
    assert registered(first) == {w.seat.pk: "verified"}
    assert registered(second) == {}


# --- Review -----------------------------------------------------------------------------------


def test_accepting_numbers_each_kind_in_its_own_sequence(w):
    SuggestionRules.objects.create(congress=w.congress, motion_cosigners=1)
    one, two = accepted(w, title="一"), accepted(w, title="二")
    motion = accepted(w, title="三", kind="motion")
    assert (one.number, two.number, motion.number) == (1, 2, 1)
    assert Notification.objects.filter(kind="suggestion.accept", recipient=w.deputy).count() == 3


def test_only_a_motion_is_accepted_as_a_suggestion_and_with_a_reason(w):
    s = submitted(w)
    refused(
        InvalidTransition,
        lambda: services.suggestion_convert(actor=w.staff, suggestion=s, note="属于建议"),
        workflow.ONLY_MOTIONS,
    )
    SuggestionRules.objects.create(congress=w.congress, motion_cosigners=1)
    accepted(w, title="已立案的建议")
    m = submitted(w, kind="motion", title="关于设立产业基金的议案")
    refused(
        ValidationFailed,
        lambda: services.suggestion_convert(actor=w.staff, suggestion=m, note=""),
    )
    m = services.suggestion_convert(actor=w.staff, suggestion=m, note="属于建议范畴")
    assert (m.status, m.kind, m.converted, m.number) == (S.ACCEPTED, "suggestion", True, 2)


def test_not_accepting_needs_a_reason(w):
    s = submitted(w)
    refused(
        ValidationFailed, lambda: services.suggestion_reject(actor=w.staff, suggestion=s, note="")
    )
    s = services.suggestion_reject(actor=w.staff, suggestion=s, note="不属于本级职权")
    assert (s.status, s.status_note) == (S.NOT_ACCEPTED, "不属于本级职权")


def test_review_is_the_offices_and_out_of_reach_is_not_found(w):
    s = submitted(w)
    refused(
        PermissionRefused,
        lambda: services.suggestion_accept(actor=w.deputy, suggestion=s),
        workflow.ONLY_THE_OFFICE,
    )
    refused(NotFound, lambda: services.suggestion_accept(actor=w.outsider, suggestion=s))


# --- Merging ----------------------------------------------------------------------------------


def test_merging_into_an_open_item_of_the_same_congress_and_year(w):
    target = accepted(w, title="关于改善交通的建议")
    s = submitted(w)
    cases = [
        (s, workflow.MERGE_ITSELF),
        (submitted(w, title="另一条待审查的建议"), workflow.MERGE_NOT_OPEN),
    ]
    with freeze_time("2027-01-05 10:00:00+08:00"):
        cases.append((accepted(w, title="明年的建议"), workflow.MERGE_OTHER_YEAR))
    elsewhere = Suggestion.objects.create(
        congress=CongressFactory(region=w.region, level=CongressLevel.CITY),
        year=2026,
        title="市人大的建议",
        body="正文",
        topic="other",
        mandate=w.seat,
        status=S.ACCEPTED,
    )
    cases.append((elsewhere, workflow.MERGE_OTHER_YEAR))
    for into, message in cases:
        refused(
            ValidationFailed,
            lambda i=into: services.suggestion_merge(actor=w.staff, suggestion=s, into=i),
            message,
        )
    s = services.suggestion_merge(actor=w.staff, suggestion=s, into=target, note="内容相同")
    assert (s.status, s.merged_into) == (S.MERGED, target)
    # A merged item is no longer open to be merged into.
    third = submitted(w, title="三")
    refused(
        ValidationFailed,
        lambda: services.suggestion_merge(actor=w.staff, suggestion=third, into=s),
        workflow.MERGE_NOT_OPEN,
    )


# --- Assigning --------------------------------------------------------------------------------


def test_assigning_to_a_lead_and_co_handling_units_starts_their_clocks_and_tells_the_deputy(w):
    s = accepted(w)
    s = services.suggestion_assign(
        actor=w.staff, suggestion=s, mode="lead_co", lead=w.lead_unit, co=[w.co_unit]
    )
    assert (s.status, s.mode, s.assigned_on) == (S.ASSIGNED, "lead_co", datetime.date(2026, 3, 2))
    assert sorted(Assignment.objects.of(s).values_list("role", flat=True)) == ["co", "lead"]
    assert Deadline.objects.filter(purpose=ANSWER_CLOCK).count() == 2
    assert Notification.objects.filter(kind="suggestion.assign", recipient=w.deputy).exists()


def test_assigning_to_units_handling_separately(w):
    s = services.suggestion_assign(
        actor=w.staff, suggestion=accepted(w), mode="separate", units=[w.lead_unit, w.co_unit]
    )
    assert set(Assignment.objects.of(s).values_list("role", flat=True)) == {"separate"}


@pytest.mark.parametrize(
    "choice,message",
    [
        ({"mode": ""}, None),
        ({"mode": "lead_co"}, "NO_UNIT"),
        ({"mode": "separate"}, "NO_UNIT"),
        ({"mode": "lead_co", "lead": "lead_unit", "co": ["lead_unit"]}, "UNIT_TWICE"),
        ({"mode": "separate", "units": ["co_unit", "co_unit"]}, "UNIT_TWICE"),
        ({"mode": "lead_co", "lead": "other_unit"}, "UNIT_INACTIVE"),
    ],
    ids=["no mode", "no lead", "no units", "lead as co", "a unit twice", "inactive"],
)
def test_an_assignment_that_does_not_add_up_is_refused_and_nothing_is_written(w, choice, message):
    from renda.handling import services as rules

    s = accepted(w)
    w.other_unit.active = False
    w.other_unit.save()
    data = {
        key: [getattr(w, u) for u in value]
        if isinstance(value, list)
        else (getattr(w, value) if key != "mode" else value)
        for key, value in choice.items()
    }
    expected = {
        None: None,
        "NO_UNIT": rules.NO_UNIT,
        "UNIT_TWICE": rules.UNIT_TWICE,
        "UNIT_INACTIVE": worded(rules.UNIT_INACTIVE, unit="区住建委"),
    }[message]
    refused(
        ValidationFailed,
        lambda: services.suggestion_assign(actor=w.staff, suggestion=s, **data),
        expected,
    )
    assert status(s) == S.ACCEPTED


# --- The units' letters -------------------------------------------------------------------------


def test_the_reply_is_received_only_once_every_letter_is_in(w):
    s = services.suggestion_assign(
        actor=w.staff, suggestion=accepted(w), mode="separate", units=[w.lead_unit, w.co_unit]
    )
    step = "reply_received"
    for clerk in (w.lead_clerk, w.co_clerk):  # neither has answered
        refused(
            InvalidTransition,
            lambda c=clerk: services.suggestion_step(actor=c, suggestion=fresh(s), action=step),
            workflow.LETTERS_NOT_IN,
        )
    answer(w, s)  # the lead unit's letter; the other separate unit's is still owed
    assert status(s) == S.ASSIGNED
    refused(
        InvalidTransition,
        lambda: services.suggestion_step(actor=w.co_clerk, suggestion=fresh(s), action=step),
        workflow.LETTERS_NOT_IN,
    )


def test_the_fulfilment_is_received_only_once_every_report_is_in(w):
    s = rate(w, replied(w), "satisfied")
    assert s.status == S.FULFILLING
    refused(
        InvalidTransition,
        lambda: services.suggestion_step(
            actor=w.lead_clerk, suggestion=fresh(s), action="fulfilment_received"
        ),
        workflow.FULFILMENT_NOT_IN,
    )


# --- Rating the reply, handling again ---------------------------------------------------------


def test_a_reply_solved_and_rated_satisfied_closes_the_item(w):
    s = replied(w, "A")
    s = rate(w, s, "satisfied")
    assert (s.status, s.reply_rating, s.first_reply_rating) == (S.CLOSED, "satisfied", "satisfied")
    assert s.closed_at is not None
    assert Notification.objects.filter(kind="suggestion.rate_reply", recipient=w.staff).exists()


def test_a_reply_that_promises_more_goes_on_to_be_carried_out(w):
    s = rate(w, replied(w, "B"), "basically_satisfied")
    assert (s.status, s.reply_rating) == (S.FULFILLING, "basically_satisfied")


def test_a_rating_is_the_lead_deputys_with_a_reason_when_dissatisfied(w):
    s = replied(w)
    refused(ValidationFailed, lambda: rate(w, s, "dissatisfied"), SAY_WHAT_IS_UNSATISFACTORY)
    refused(ValidationFailed, lambda: rate(w, s, "great"))
    for user in (w.deputies[1], w.staff, w.lead_clerk):
        refused(
            PermissionRefused,
            lambda u=user: services.suggestion_rate_reply(actor=u, suggestion=s, value="satisfied"),
        )
    assert status(s) == S.REPLIED


def test_dissatisfied_once_the_units_answer_again_within_a_month(w):
    s = replied(w)
    with freeze_time("2026-03-31 10:00:00+08:00"):
        s = rate(w, s, "dissatisfied", "站点位置未与群众商量")
    assert (s.status, s.rehandled, s.first_reply_rating) == (S.REHANDLING, 1, "dissatisfied")
    a = lead(s)
    assert (a.status, a.round) == (AssignmentStatus.IN_HAND, 2)
    clock = Deadline.objects.for_object(a).live().get(purpose=ANSWER_CLOCK)
    assert clock.due == datetime.date(2026, 4, 30)


def test_dissatisfied_again_after_the_rehandling_limit_goes_on_without_a_third_round(w):
    s = rate(w, replied(w), "dissatisfied", "站点位置未与群众商量")
    s = answer(w, s)
    assert s.status == S.REPLIED
    s = rate(w, s, "dissatisfied", "仍未解决")
    assert (s.status, s.rehandled) == (S.FULFILLING, 1)  # B: on to be carried out
    assert (s.first_reply_rating, s.reply_rating) == ("dissatisfied", "dissatisfied")
    assert lead(s).round == 2 and lead(s).status == AssignmentStatus.ANSWERED
    assert Rating.objects.for_object(s).filter(stage="reply").count() == 2


def test_dissatisfied_again_with_nothing_to_carry_out_closes_the_item(w):
    s = rate(w, replied(w, "D"), "dissatisfied", "未采纳")
    s = rate(w, answer(w, s, "D"), "dissatisfied", "仍未采纳")
    assert (s.status, s.reply_rating) == (S.CLOSED, "dissatisfied")


def test_a_congress_that_allows_no_rehandling_goes_on_at_once(w):
    SuggestionRules.objects.create(congress=w.congress, motion_cosigners=10, rehandle_limit=0)
    s = rate(w, replied(w, "A"), "dissatisfied", "不满意")
    assert (s.status, s.rehandled) == (S.CLOSED, 0)


def test_the_fulfilment_is_rated_and_the_item_closed(w):
    s = rate(w, replied(w), "satisfied")
    handling.assignment_fulfil(actor=w.lead_clerk, assignment=lead(s), text="两处站点已建成。")
    s = fresh(s)
    assert s.status == S.FULFILLED
    s = services.suggestion_rate_fulfilment(actor=w.deputy, suggestion=s, value="satisfied")
    assert (s.status, s.fulfilment_rating) == (S.CLOSED, "satisfied")


# --- Ratings not given in time ----------------------------------------------------------------


def lapse(w, s, name="lapse_reply"):
    return services.suggestion_step(actor=w.staff, suggestion=fresh(s), action=name)


def test_a_reply_is_recorded_as_not_rated_only_after_the_time_to_rate(w):
    s = replied(w, "A")  # replied 2 March: the deputy may rate until 1 April
    with freeze_time("2026-04-01 18:00:00+08:00"):
        refused(
            InvalidTransition,
            lambda: lapse(w, s),
            worded(workflow.NOT_YET_LAPSED, date="2026年4月1日"),
        )
    with freeze_time("2026-04-02 09:00:00+08:00"):
        s = lapse(w, s)
    assert (s.status, s.reply_rating, s.first_reply_rating) == (
        S.CLOSED,
        Rated.NOT_RATED,
        Rated.NOT_RATED,
    )
    assert not Rating.objects.for_object(s).exists()  # never counted as satisfied


def test_a_reply_that_promises_more_goes_on_unrated(w):
    s = replied(w, "B")
    with freeze_time("2026-04-02 09:00:00+08:00"):
        s = lapse(w, s)
    assert (s.status, s.reply_rating) == (S.FULFILLING, Rated.NOT_RATED)


def test_a_fulfilment_not_rated_in_time(w):
    s = rate(w, replied(w), "satisfied")
    with freeze_time("2026-03-10 10:00:00+08:00"):
        handling.assignment_fulfil(actor=w.lead_clerk, assignment=lead(s), text="已建成。")
    with freeze_time("2026-04-09 10:00:00+08:00"):
        refused(InvalidTransition, lambda: lapse(w, s, "lapse_fulfilment"))
    with freeze_time("2026-04-10 10:00:00+08:00"):
        s = lapse(w, s, "lapse_fulfilment")
    assert (s.status, s.fulfilment_rating, s.reply_rating) == (
        S.CLOSED,
        Rated.NOT_RATED,
        "satisfied",
    )


# --- Co-signers' own ratings ------------------------------------------------------------------


def test_co_signers_rate_only_where_the_congress_asks_them(w):
    s = draft(w)
    signed(w, s, 1)
    services.suggestion_submit(actor=w.deputy, suggestion=s)
    services.suggestion_accept(actor=w.staff, suggestion=fresh(s))
    s = services.suggestion_assign(
        actor=w.staff, suggestion=fresh(s), mode="lead_co", lead=w.lead_unit
    )

    def cosigner_rates(user=w.deputies[1]):
        return services.cosigner_rate(
            actor=user, suggestion=fresh(s), stage="reply", value="satisfied"
        )

    refused(PermissionRefused, cosigner_rates, services.COSIGNERS_DO_NOT_RATE)
    SuggestionRules.objects.create(congress=w.congress, motion_cosigners=10, cosigners_rate=True)
    refused(InvalidTransition, cosigner_rates, services.NOTHING_TO_RATE)
    answer(w, s)
    refused(PermissionRefused, lambda: cosigner_rates(w.deputies[2]), services.NOT_A_COSIGNER)
    rating = cosigner_rates()
    assert rating.rated_by == w.deputies[1]
    assert status(s) == S.REPLIED  # only the lead deputy's rating moves the item


# --- Disclosure and key supervision -----------------------------------------------------------


def test_an_accepted_item_is_disclosed_and_taken_down(w):
    s = accepted(w)
    s = services.suggestion_disclose(actor=w.staff, suggestion=s)
    assert s.disclosed_at is not None and s.is_public
    s = services.suggestion_disclose(actor=w.staff, suggestion=s, disclose=False)
    assert s.disclosed_at is None


def test_a_confidential_item_is_never_disclosed(w):
    s = accepted(w, confidential=True)
    refused(
        InvalidTransition,
        lambda: services.suggestion_disclose(actor=w.staff, suggestion=s),
        services.CONFIDENTIAL_NEVER,
    )
    waiting = submitted(w, title="二")
    refused(
        InvalidTransition,
        lambda: services.suggestion_disclose(actor=w.staff, suggestion=waiting),
        services.NOT_DISCLOSABLE,
    )
    refused(PermissionRefused, lambda: services.suggestion_disclose(actor=w.deputy, suggestion=s))
    refused(NotFound, lambda: services.suggestion_disclose(actor=w.outsider, suggestion=s))


def test_key_supervision_of_the_same_congress(w):
    s = accepted(w)
    theme = services.supervision_create(
        actor=w.staff, congress=w.congress, year=2026, title=" 城区交通治理 ", leader="张主任"
    )
    assert theme.title == "城区交通治理"
    other = KeySupervision.objects.create(
        congress=CongressFactory(region=w.region, level=CongressLevel.CITY), year=2026, title="市级"
    )
    refused(
        ValidationFailed,
        lambda: services.suggestion_supervise(actor=w.staff, suggestion=s, supervision=other),
        services.SUPERVISION_OTHER_CONGRESS,
    )
    assert services.suggestion_supervise(actor=w.staff, suggestion=s, supervision=theme).supervision
    assert (
        services.suggestion_supervise(actor=w.staff, suggestion=s, supervision=None).supervision
        is None
    )
    refused(
        NotFound,
        lambda: services.supervision_create(
            actor=w.outsider, congress=w.congress, year=2026, title="越界"
        ),
    )
    event = services.supervision_event_add(
        actor=w.staff,
        supervision=theme,
        day=datetime.date(2026, 3, 1),
        kind="inspection",
        summary="视察昌州大道改造",
        files=[letter("视察报告.pdf")],
    )
    assert event.attachments.count() == 1


# --- Two clerks assigning at once -------------------------------------------------------------


@needs_waiting_writers
@pytest.mark.django_db(transaction=True)
def test_two_clerks_assigning_at_once_make_one_set_of_assignments():
    with freeze_time(TODAY):
        w = world(deputies=1)
        colleague = user_with("staff", region=w.region)
        s = accepted(w)
    start = threading.Barrier(2)
    outcomes = []

    def assign(user, unit, co):
        try:
            copy = Suggestion.objects.get(pk=s.pk)
            start.wait(timeout=10)
            services.suggestion_assign(
                actor=user, suggestion=copy, mode="lead_co", lead=unit, co=co
            )
            outcomes.append(unit.pk)
        except InvalidTransition:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=assign, args=(w.staff, w.lead_unit, [w.co_unit])),
        threading.Thread(target=assign, args=(colleague, w.other_unit, [])),
    ]
    with freeze_time(TODAY):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert sorted(outcomes, key=str) in (
        sorted([w.lead_unit.pk, "refused"], key=str),
        sorted([w.other_unit.pk, "refused"], key=str),
    )
    winner = next(o for o in outcomes if o != "refused")
    units = set(Assignment.objects.of(s).values_list("unit_id", flat=True))
    assert units == ({w.lead_unit.pk, w.co_unit.pk} if winner == w.lead_unit.pk else {winner})
    assert AuditEntry.objects.filter(object_id=str(s.pk), step="assign").count() == 1
    assert status(s) == S.ASSIGNED

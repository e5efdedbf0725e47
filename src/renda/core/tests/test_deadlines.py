"""Deadline clocks: start, pause, resume, extend, stop; what each refuses (writing nothing);
one winner of two clerks; the named reads and the clock in words."""

import datetime
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.utils import translation

from renda.core import audit, deadlines
from renda.core.choices import AuditAction, DeadlineStatus, DeadlineUnit
from renda.core.deadlines import (
    deadline_extend,
    deadline_pause,
    deadline_resume,
    deadline_start,
    deadline_stop,
)
from renda.core.exceptions import Conflict, InvalidTransition, ValidationFailed
from renda.core.models import AuditEntry, Deadline, DeadlineExtension, WorkdayOverride
from renda.core.testing import counter, frozen_at, needs_waiting_writers

pytestmark = pytest.mark.django_db

D = datetime.date
S = DeadlineStatus
WORKING = DeadlineUnit.WORKING_DAYS
NATURAL = DeadlineUnit.NATURAL_DAYS
PURPOSE = "suggestions.answer"


# Friday 13 September 2024: the Mid-Autumn Festival holiday (15th–17th) is next, with Saturday the
# 14th worked in exchange; then National Day (1st–7th October), with Sunday 29 September and
# Saturday 12 October worked.
clock = frozen_at("2024-09-13 10:00:00+08:00", name="clock")


@pytest.fixture
def users():
    User = get_user_model()
    return (
        User.objects.create(username="clerk"),
        User.objects.create(username="director"),
        User.objects.create(username="handled"),  # stands for the object the clock is on
    )


@pytest.fixture
def clerk(users):
    return users[0]


@pytest.fixture
def director(users):
    return users[1]


@pytest.fixture
def thing(users):
    return users[2]


written = counter(Deadline, DeadlineExtension, AuditEntry)


refused = written.refused


def start(actor, obj, days=15, unit=WORKING, **kwargs):
    return deadline_start(actor=actor, obj=obj, purpose=PURPOSE, days=days, unit=unit, **kwargs)


# --- Start --------------------------------------------------------------------------------------


def test_a_working_day_clock_skips_holidays_and_counts_make_up_days(clerk, thing):
    # From Friday 13 September: Sat 14 (worked), Mon 16 and Tue 17 off, then 18, 19, 20 …
    deadline = start(clerk, thing, days=3)
    assert deadline.start == D(2024, 9, 13)
    assert deadline.due == D(2024, 9, 19)
    assert deadline.status == S.RUNNING and deadline.content_object == thing
    entry = audit.timeline(deadline).get()
    assert entry.action == AuditAction.CREATE and entry.actor == clerk


def test_a_natural_day_clock_counts_every_day(clerk, thing):
    deadline = start(clerk, thing, days=30, unit=NATURAL, start=D(2024, 9, 20))
    assert deadline.due == D(2024, 10, 20)


def test_a_second_running_clock_for_the_same_purpose_is_refused(clerk, thing):
    start(clerk, thing)
    refused(Conflict, lambda: start(clerk, thing), deadlines.ALREADY_RUNNING)


def test_a_paused_clock_also_blocks_a_second(clerk, thing):
    deadline_pause(actor=clerk, deadline=start(clerk, thing), note="等待代表补充材料")
    refused(Conflict, lambda: start(clerk, thing), deadlines.ALREADY_RUNNING)


def test_after_a_clock_stops_a_new_one_may_start(clerk, thing):
    """Re-handling after 不满意 starts a new clock; the stopped one stays as history."""
    deadline_stop(actor=clerk, deadline=start(clerk, thing))
    again = start(clerk, thing)
    assert Deadline.objects.for_object(thing).count() == 2
    assert Deadline.objects.for_object(thing).live().get() == again


def test_other_purposes_and_objects_have_their_own_clocks(clerk, director, thing):
    start(clerk, thing)
    deadline_start(actor=clerk, obj=thing, purpose="suggestions.fulfil", days=3, unit=NATURAL)
    start(clerk, director)
    assert Deadline.objects.count() == 3


@pytest.mark.parametrize("days", [0, -3, 1.5, True, "5"])
def test_a_time_limit_that_is_not_a_positive_whole_number_is_refused(clerk, thing, days):
    error = refused(ValidationFailed, lambda: start(clerk, thing, days=days))
    assert error.message == deadlines.DAYS_POSITIVE and "days" in error.extra["errors"]


def test_an_unknown_unit_is_refused(clerk, thing):
    error = refused(ValidationFailed, lambda: start(clerk, thing, unit="months"))
    assert error.message == deadlines.UNKNOWN_UNIT


@pytest.mark.parametrize("purpose", ["", "Suggestions Answer", "答复"])
def test_a_purpose_that_is_not_a_slug_is_refused(clerk, thing, purpose):
    error = refused(
        ValidationFailed,
        lambda: deadline_start(actor=clerk, obj=thing, purpose=purpose, days=3, unit=NATURAL),
    )
    assert "purpose" in error.extra["errors"]


# --- Pause and resume ---------------------------------------------------------------------------


def test_pausing_keeps_the_day_and_audits_why(clerk, thing):
    deadline = deadline_pause(actor=clerk, deadline=start(clerk, thing), note="等待代表补充材料")
    assert deadline.status == S.PAUSED and deadline.paused_on == D(2024, 9, 13)
    entry = audit.timeline(deadline).filter(action=AuditAction.STATUS).get()
    assert entry.note == "等待代表补充材料"
    assert entry.changes["status"] == ["running", "paused"]


def test_a_pause_without_a_reason_is_refused(clerk, thing):
    deadline = start(clerk, thing)
    error = refused(
        ValidationFailed, lambda: deadline_pause(actor=clerk, deadline=deadline, note=" ")
    )
    assert error.message == deadlines.PAUSE_NEEDS_NOTE


def test_only_a_running_clock_can_be_paused(clerk, thing):
    deadline = deadline_pause(actor=clerk, deadline=start(clerk, thing), note="等待")
    refused(
        InvalidTransition,
        lambda: deadline_pause(actor=clerk, deadline=deadline, note="again"),
        deadlines.CANNOT_PAUSE,
    )


def test_resuming_a_working_day_clock_adds_the_working_days_paused(clerk, thing, clock):
    deadline = start(clerk, thing, days=10)  # due Sunday 29 September, a day worked
    assert deadline.due == D(2024, 9, 29)
    deadline = deadline_pause(actor=clerk, deadline=deadline, note="等待代表说明")
    clock.move_to("2024-09-18 09:00:00+08:00")  # paused the 14th (worked) and the 18th: 2
    deadline = deadline_resume(actor=clerk, deadline=deadline)
    assert deadline.status == S.RUNNING and deadline.paused_on is None
    # Two working days later: the 30th, then 8 October after National Day.
    assert deadline.due == D(2024, 10, 8)
    # As much time left as when it was paused.
    assert deadlines.workdays.workdays_between(D(2024, 9, 18), deadline.due) == (
        deadlines.workdays.workdays_between(D(2024, 9, 13), D(2024, 9, 29))
    )


def test_a_working_day_clock_paused_over_a_holiday_gains_only_working_days(clerk, thing, clock):
    deadline = start(clerk, thing, days=10, start=D(2024, 9, 27))
    assert deadline.due == D(2024, 10, 16)
    clock.move_to("2024-09-30 17:00:00+08:00")
    deadline = deadline_pause(actor=clerk, deadline=deadline, note="等待")
    clock.move_to("2024-10-08 09:00:00+08:00")  # eight days, of which only the 8th is worked
    deadline = deadline_resume(actor=clerk, deadline=deadline)
    assert deadline.due == D(2024, 10, 17)


def test_resuming_a_natural_day_clock_adds_the_days_paused(clerk, thing, clock):
    deadline = start(clerk, thing, days=30, unit=NATURAL)  # due 13 October
    deadline = deadline_pause(actor=clerk, deadline=deadline, note="等待")
    clock.move_to("2024-09-20 09:00:00+08:00")
    deadline = deadline_resume(actor=clerk, deadline=deadline)
    assert deadline.due == D(2024, 10, 20)
    entry = audit.timeline(deadline).filter(action=AuditAction.STATUS).first()
    assert entry.changes["due"] == ["2024-10-13", "2024-10-20"]


def test_resuming_the_same_day_moves_nothing(clerk, thing):
    deadline = start(clerk, thing, days=30, unit=NATURAL)
    deadline = deadline_pause(actor=clerk, deadline=deadline, note="等待")
    assert deadline_resume(actor=clerk, deadline=deadline).due == D(2024, 10, 13)


def test_only_a_paused_clock_can_be_resumed(clerk, thing):
    deadline = start(clerk, thing)
    refused(
        InvalidTransition,
        lambda: deadline_resume(actor=clerk, deadline=deadline),
        deadlines.CANNOT_RESUME,
    )


# --- Extend ------------------------------------------------------------------------------------


def test_an_approved_extension_moves_the_due_date_and_is_recorded(clerk, director, thing):
    deadline = start(clerk, thing, days=10)  # due 29 September
    deadline = deadline_extend(
        actor=clerk, deadline=deadline, days=5, reason="涉及多个部门", approved_by=director
    )
    # Five working days after the 29th: the 30th, then 8–11 October after National Day.
    assert deadline.due == D(2024, 10, 11)
    extension = deadline.extensions.get()
    assert (extension.previous_due, extension.new_due) == (D(2024, 9, 29), D(2024, 10, 11))
    assert extension.approved_by == director and extension.requested_by == clerk
    assert extension.reason == "涉及多个部门" and extension.days == 5
    update = audit.timeline(deadline).filter(action=AuditAction.UPDATE).get()
    assert update.note == "涉及多个部门" and update.changes["due"] == ["2024-09-29", "2024-10-11"]
    assert audit.timeline(extension).filter(action=AuditAction.CREATE).exists()


def test_a_paused_clock_can_be_extended(clerk, director, thing):
    deadline = start(clerk, thing, days=30, unit=NATURAL)
    deadline = deadline_pause(actor=clerk, deadline=deadline, note="等待")
    deadline = deadline_extend(
        actor=clerk, deadline=deadline, days=15, reason="延期", approved_by=director
    )
    assert deadline.due == D(2024, 10, 28) and deadline.status == S.PAUSED


def test_an_extension_without_a_reason_or_an_approver_is_refused(clerk, director, thing):
    deadline = start(clerk, thing)
    error = refused(
        ValidationFailed,
        lambda: deadline_extend(
            actor=clerk, deadline=deadline, days=5, reason="", approved_by=director
        ),
    )
    assert error.message == deadlines.EXTENSION_NEEDS_REASON
    error = refused(
        ValidationFailed,
        lambda: deadline_extend(
            actor=clerk, deadline=deadline, days=5, reason="延期", approved_by=None
        ),
    )
    assert error.message == deadlines.EXTENSION_NEEDS_APPROVER


def test_an_extension_of_no_days_is_refused(clerk, director, thing):
    deadline = start(clerk, thing)
    refused(
        ValidationFailed,
        lambda: deadline_extend(
            actor=clerk, deadline=deadline, days=0, reason="延期", approved_by=director
        ),
        deadlines.DAYS_POSITIVE,
    )


def test_a_stopped_clock_cannot_be_extended(clerk, director, thing):
    deadline = deadline_stop(actor=clerk, deadline=start(clerk, thing))
    refused(
        InvalidTransition,
        lambda: deadline_extend(
            actor=clerk, deadline=deadline, days=5, reason="延期", approved_by=director
        ),
        deadlines.CANNOT_EXTEND,
    )


# --- Stop --------------------------------------------------------------------------------------


@pytest.mark.parametrize("paused", [False, True])
def test_stopping_keeps_the_time_and_the_clock(clerk, thing, paused):
    deadline = start(clerk, thing)
    if paused:
        deadline = deadline_pause(actor=clerk, deadline=deadline, note="等待")
    deadline = deadline_stop(actor=clerk, deadline=deadline, note="已答复")
    assert deadline.status == S.STOPPED and deadline.paused_on is None
    assert deadline.stopped_at is not None
    assert audit.timeline(deadline).filter(action=AuditAction.STATUS).first().note == "已答复"


def test_a_stopped_clock_cannot_stop_again(clerk, thing):
    deadline = deadline_stop(actor=clerk, deadline=start(clerk, thing))
    refused(
        InvalidTransition,
        lambda: deadline_stop(actor=clerk, deadline=deadline),
        deadlines.CANNOT_STOP,
    )


@pytest.mark.parametrize(
    "action",
    [
        lambda actor, d: deadline_pause(actor=actor, deadline=d, note="等待"),
        lambda actor, d: deadline_resume(actor=actor, deadline=d),
        lambda actor, d: deadline_stop(actor=actor, deadline=d),
    ],
    ids=["pause", "resume", "stop"],
)
def test_a_stopped_clock_refuses_every_action(clerk, thing, action):
    deadline = deadline_stop(actor=clerk, deadline=start(clerk, thing))
    refused(InvalidTransition, lambda: action(clerk, deadline))


# --- One winner --------------------------------------------------------------------------------


def test_a_second_clerk_with_a_stale_copy_is_refused(clerk, director, thing):
    """Two clerks open the same running clock; one stops it, the other pauses it. The service
    re-reads the row under a lock, so the second is refused and the clock stays stopped."""
    deadline = start(clerk, thing)
    mine, theirs = Deadline.objects.get(pk=deadline.pk), Deadline.objects.get(pk=deadline.pk)
    deadline_stop(actor=clerk, deadline=mine, note="已答复")
    refused(
        InvalidTransition,
        lambda: deadline_pause(actor=director, deadline=theirs, note="等待"),
        deadlines.CANNOT_PAUSE,
    )
    deadline.refresh_from_db()
    assert deadline.status == S.STOPPED
    assert audit.timeline(deadline).filter(action=AuditAction.STATUS).count() == 1


@needs_waiting_writers
@pytest.mark.django_db(transaction=True)
def test_two_clerks_acting_at_once_one_wins():
    thing = get_user_model().objects.create(username="handled-at-once")
    deadline = deadline_start(actor="test", obj=thing, purpose=PURPOSE, days=5, unit=NATURAL)
    barrier = threading.Barrier(2)
    outcomes = []

    def act(verb):
        try:
            copy = Deadline.objects.get(pk=deadline.pk)
            barrier.wait(timeout=10)
            if verb == "stop":
                deadline_stop(actor="clerk-1", deadline=copy)
            else:
                deadline_pause(actor="clerk-2", deadline=copy, note="等待")
            outcomes.append(verb)
        except InvalidTransition:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(v,)) for v in ("stop", "pause")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # Pause then stop both succeed (a paused clock may stop); stop then pause refuses the pause.
    deadline.refresh_from_db()
    assert deadline.status == S.STOPPED
    assert sorted(outcomes) in (["pause", "stop"], ["refused", "stop"])
    assert audit.timeline(deadline).filter(action=AuditAction.STATUS).count() == outcomes.count(
        "stop"
    ) + outcomes.count("pause")


# --- Reads -------------------------------------------------------------------------------------


def test_running_overdue_and_due_within(clerk, director, thing):
    today = D(2024, 9, 13)
    overdue = start(clerk, thing, days=1, unit=NATURAL, start=D(2024, 9, 1))
    soon = start(clerk, director, days=3, unit=NATURAL)  # due the 16th
    later = deadline_start(
        actor=clerk, obj=thing, purpose="suggestions.fulfil", days=30, unit=NATURAL
    )
    paused = deadline_start(
        actor=clerk,
        obj=director,
        purpose="casework.reply",
        days=1,
        unit=NATURAL,
        start=D(2024, 9, 1),
    )
    deadline_pause(actor=clerk, deadline=paused, note="等待")
    deadline_stop(
        actor=clerk,
        deadline=deadline_start(
            actor=clerk, obj=clerk, purpose=PURPOSE, days=1, unit=NATURAL, start=D(2024, 9, 1)
        ),
    )
    assert set(Deadline.objects.running()) == {overdue, soon, later}
    assert list(Deadline.objects.overdue(today)) == [overdue]  # not the paused, not the stopped
    assert list(Deadline.objects.due_within(3, today)) == [soon]
    assert set(Deadline.objects.due_within(30, today)) == {soon, later}
    assert set(Deadline.objects.for_object(thing)) == {overdue, later}


def test_a_later_model_can_declare_a_generic_relation():
    """`deadlines = GenericRelation("core.Deadline")` works: the fields are the defaults."""
    from django.contrib.contenttypes.fields import GenericRelation

    relation = GenericRelation("core.Deadline")
    assert relation.object_id_field_name == "object_id"
    assert relation.content_type_field_name == "content_type"
    assert Deadline._meta.get_field("object_id") and Deadline._meta.get_field("content_type")


# --- In words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "unit", "days", "words"),
    [
        (D(2024, 9, 13), WORKING, 3, "还有3个工作日"),  # due the 19th over the holiday
        (D(2024, 9, 13), NATURAL, 5, "还有5天"),
        (D(2024, 9, 18), NATURAL, 5, "今天到期"),
        (D(2024, 9, 20), NATURAL, 5, "已超期2天"),
        (D(2024, 9, 19), WORKING, 3, "今天到期"),
        (D(2024, 9, 21), WORKING, 3, "已超期2天"),
    ],
)
def test_the_clock_in_words(clerk, thing, today, unit, days, words):
    deadline = start(clerk, thing, days=days, unit=unit)
    assert deadline.in_words(today) == words


def test_paused_and_stopped_clocks_in_words(clerk, thing):
    deadline = deadline_pause(actor=clerk, deadline=start(clerk, thing), note="等待")
    assert deadline.in_words(D(2024, 10, 30)) == "已暂停"
    deadline = deadline_stop(actor=clerk, deadline=deadline)
    assert deadline.in_words(D(2024, 10, 30)) == "已办结"


def test_the_clock_in_english(clerk, thing):
    deadline = start(clerk, thing, days=3)
    with translation.override("en"):
        assert deadline.in_words(D(2024, 9, 13)) == "Due in 3 working days"
        assert deadline.in_words(D(2024, 9, 18)) == "Due in 1 working day"
        assert deadline.in_words(D(2024, 9, 20)) == "Overdue by 1 day"


def test_a_working_day_clock_due_on_a_day_made_off_is_worded_in_days(clerk, thing):
    deadline = start(clerk, thing, days=3)  # due the 19th
    WorkdayOverride.objects.create(day=D(2024, 9, 19), is_workday=False, note="停工")
    assert deadline.in_words(D(2024, 9, 18)) == "还有1天"


def test_days_left_is_frozen_while_paused_and_kept_when_stopped(clerk, thing, clock):
    deadline = start(clerk, thing, days=10, unit=NATURAL)  # due the 23rd
    assert deadline.days_left(D(2024, 9, 13)) == 10
    assert deadline.days_left(D(2024, 9, 25)) == -2
    deadline = deadline_pause(actor=clerk, deadline=deadline, note="等待")
    assert deadline.days_left(D(2024, 9, 30)) == 10
    clock.move_to("2024-09-20 09:00:00+08:00")
    # Stopping a paused clock settles the pause first: met with the ten days still in hand.
    deadline = deadline_stop(actor=clerk, deadline=deadline)
    assert deadline.due == D(2024, 9, 30)
    assert deadline.days_left(D(2024, 12, 1)) == 10


def test_a_list_words_its_clocks_with_one_calendar(
    clerk, director, thing, django_assert_num_queries
):
    start(clerk, thing, days=3)
    start(clerk, director, days=5)
    clocks = list(Deadline.objects.running())
    today = D(2024, 9, 13)
    cal = deadlines.workdays.calendar(today, max(d.due for d in clocks))
    with django_assert_num_queries(0):
        assert [d.in_words(today, cal) for d in clocks] == ["还有3个工作日", "还有5个工作日"]

"""Commitment reminders: who is listed (with frozen dates), who is notified, that the daily
command sends each reminder once, and the staff page per role."""

import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from renda.accounts.tests.factories import user_with
from renda.commitments import reminders, selectors
from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import CommitmentProgress
from renda.commitments.tests.factories import (
    CommitmentFactory,
    CommitmentYearFactory,
    job_duty,
)
from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.testing import main
from renda.notifications.models import Notification
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import chongqing, rongchang, tongliang, town

pytestmark = pytest.mark.django_db

OPEN_DAY = datetime.date(2026, 2, 20)  # the factory's window: 1 January – 28 February 2026
CLOSED_DAY = datetime.date(2026, 3, 1)
APPROVED_AT = datetime.datetime(2026, 3, 1, 10, 0)


def aware(dt: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(dt)


def seat(term, name: str, **extra):
    return MandateFactory(term=term, person=PersonFactory(name=name), **extra)


@pytest.fixture
def w():
    rc, tl = rongchang(), tongliang()
    rc_term = TermFactory(congress=CongressFactory(region=rc))
    tl_term = TermFactory(congress=CongressFactory(region=tl))
    cycle = CommitmentYearFactory(congress=rc_term.congress)
    tl_cycle = CommitmentYearFactory(congress=tl_term.congress)
    silent = seat(rc_term, "黎源")  # no commitment at all
    drafter = seat(rc_term, "王芳")  # only a draft
    approved = seat(rc_term, "陈刚")
    tl_silent = seat(tl_term, "赵强")
    CommitmentFactory(mandate=drafter, commitment_year=cycle)
    promise = CommitmentFactory(
        mandate=approved,
        commitment_year=cycle,
        status=CommitmentStatus.APPROVED,
        decided_at=aware(APPROVED_AT),
    )
    return SimpleNamespace(
        rc=rc,
        tl=tl,
        rc_term=rc_term,
        cycle=cycle,
        tl_cycle=tl_cycle,
        silent=silent,
        drafter=drafter,
        approved=approved,
        tl_silent=tl_silent,
        promise=promise,
        silent_user=user_with("deputy", person=silent.person),
        drafter_user=user_with("deputy", person=drafter.person),
        approved_user=user_with("deputy", person=approved.person),
        staff_rc=user_with("staff", region=rc),
        staff_cq=user_with("staff", region=chongqing()),
        staff_town=user_with("staff", region=town()),
        staff_tl=user_with("staff", region=tl),
        admin=user_with("admin"),
    )


def missing_names(cycles, today, **kw) -> list[str]:
    return [m.person.name for m in selectors.missing_commitments(cycles, today=today, **kw)]


# --- Who is listed ------------------------------------------------------------------------------


def test_nobody_is_missing_while_the_window_is_open(w):
    assert missing_names([w.cycle], OPEN_DAY) == []
    assert missing_names([w.cycle], w.cycle.closes) == []  # the last day is still open


def test_after_the_window_closes_those_without_commitments_are_listed(w):
    assert missing_names([w.cycle], CLOSED_DAY) == ["王芳", "黎源"]  # 姓氏笔画: 王 before 黎


@pytest.mark.parametrize(
    "status",
    [CommitmentStatus.SUBMITTED, CommitmentStatus.RETURNED, CommitmentStatus.FULFILLED],
)
def test_a_commitment_beyond_draft_counts(w, status):
    reason = job_duty() if status == CommitmentStatus.RETURNED else None
    CommitmentFactory(
        mandate=w.silent, commitment_year=w.cycle, status=status, return_reason=reason
    )
    assert "黎源" not in missing_names([w.cycle], CLOSED_DAY)


@pytest.mark.parametrize("status", [CommitmentStatus.WITHDRAWN, CommitmentStatus.CANCELLED])
def test_withdrawn_or_cancelled_commitments_do_not_count(w, status):
    CommitmentFactory(mandate=w.silent, commitment_year=w.cycle, status=status)
    assert "黎源" in missing_names([w.cycle], CLOSED_DAY)


def test_a_commitment_filed_at_another_level_counts(w):
    """One set per deputy and year: filed under the town seat, it counts for the district."""
    town_congress = CongressFactory(region=town(), level=CongressLevel.TOWN)
    town_seat = MandateFactory(person=w.silent.person, term=TermFactory(congress=town_congress))
    CommitmentFactory(
        mandate=town_seat,
        commitment_year=CommitmentYearFactory(congress=town_congress),
        status=CommitmentStatus.SUBMITTED,
    )
    assert "黎源" not in missing_names([w.cycle], CLOSED_DAY)


def test_ended_seats_and_seats_begun_after_the_close_are_not_listed(w):
    w.silent.end = datetime.date(2026, 2, 15)
    w.silent.end_reason = "resigned"
    w.silent.save()
    seat(w.rc_term, "刘新", start=datetime.date(2026, 3, 1))
    assert missing_names([w.cycle], CLOSED_DAY) == ["王芳"]


def test_approved_commitments_go_stale_after_n_days_not_before(w):
    before = selectors.stale_commitments([w.cycle], today=datetime.date(2026, 4, 29), days=60)
    assert before == []
    (stale,) = selectors.stale_commitments([w.cycle], today=datetime.date(2026, 4, 30), days=60)
    assert stale == w.promise
    assert stale.quiet_since == datetime.date(2026, 3, 1)


def test_a_progress_report_restarts_the_count(w):
    with freeze_time(aware(datetime.datetime(2026, 4, 1, 9, 0))):
        CommitmentProgress.objects.create(
            commitment=w.promise, day=datetime.date(2026, 4, 1), text="走访选民50人次"
        )
    assert selectors.stale_commitments([w.cycle], today=datetime.date(2026, 5, 30), days=60) == []
    (stale,) = selectors.stale_commitments([w.cycle], today=datetime.date(2026, 5, 31), days=60)
    assert stale.quiet_since == datetime.date(2026, 4, 1)


def test_the_number_of_days_is_a_setting(w, settings):
    settings.COMMITMENT_STALE_DAYS = 10
    assert selectors.stale_commitments([w.cycle], today=datetime.date(2026, 3, 10)) == []
    assert selectors.stale_commitments([w.cycle], today=datetime.date(2026, 3, 11)) == [w.promise]


def test_only_approved_commitments_go_stale(w):
    w.promise.status = CommitmentStatus.FULFILLED
    w.promise.save()
    assert selectors.stale_commitments([w.cycle], today=datetime.date(2026, 12, 1), days=60) == []


def test_selectors_respect_the_users_scope(w):
    cycles = [w.cycle, w.tl_cycle]
    assert missing_names(cycles, CLOSED_DAY, user=w.staff_tl) == ["赵强"]
    assert missing_names(cycles, CLOSED_DAY, user=w.admin) == ["赵强", "王芳", "黎源"]
    late = datetime.date(2026, 6, 1)
    assert selectors.stale_commitments(cycles, today=late, user=w.staff_tl) == []
    assert selectors.stale_commitments(cycles, today=late, user=w.staff_rc) == [w.promise]


# --- Who is notified ----------------------------------------------------------------------------


def inbox(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_missing_deputies_and_their_congress_staff_are_notified(w):
    with freeze_time("2026-03-01 09:00"):
        reminders.send_reminders(cycles=[w.cycle])
    assert inbox(w.silent_user) == [reminders.KIND_MISSING]
    assert inbox(w.drafter_user) == [reminders.KIND_MISSING]
    assert inbox(w.approved_user) == []
    summary = Notification.objects.get(recipient=w.staff_rc)
    assert summary.kind == reminders.KIND_MISSING_SUMMARY
    assert "黎源" in summary.body and "王芳" in summary.body
    assert summary.link == reverse("commitment_reminders:list") + "?year=2026"
    assert inbox(w.staff_cq) == [reminders.KIND_MISSING_SUMMARY]  # the parent region's staff
    assert inbox(w.staff_town) == []  # not the staff of a town below
    assert inbox(w.staff_tl) == []


def test_stale_commitments_notify_the_deputy(w):
    reminders.send_reminders(today=datetime.date(2026, 5, 1), cycles=[w.cycle])
    stale = Notification.objects.get(recipient=w.approved_user)
    assert stale.kind == reminders.KIND_STALE
    assert w.promise.title in stale.title


def test_keys_name_the_kind_the_year_and_the_deputy_or_commitment(w):
    plan = reminders.plan_reminders(today=datetime.date(2026, 5, 1), cycles=[w.cycle])
    keys = {r.key for r in plan}
    assert f"commitments.missing:2026:person:{w.silent.person.pk}" in keys
    assert f"commitments.missing_summary:2026:congress:{w.cycle.congress_id}" in keys
    assert f"commitments.stale:2026:commitment:{w.promise.pk}:since:2026-03-01" in keys


# --- The command --------------------------------------------------------------------------------


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_the_command_twice_sends_once(w):
    first = run("--today", "2026-05-01")
    sent = Notification.objects.count()
    # 黎源, 王芳, 陈刚 (stale); Rongchang's summary to its staff and Chongqing's, Tongliang's
    # to its staff and Chongqing's (赵强 himself has no login).
    assert sent == 7
    assert "7 notification(s) sent" in first
    second = run("--today", "2026-05-01")
    assert Notification.objects.count() == sent
    assert "0 notification(s) sent" in second
    third = run("--today", "2026-05-02")  # the next day: still nothing new
    assert Notification.objects.count() == sent
    assert "0 notification(s) sent" in third


def test_the_command_dry_run_writes_nothing(w):
    out = run("--dry-run", "--today", "2026-05-01")
    assert "7 notification(s) would send (dry run)" in out
    assert "黎源" in out
    assert not Notification.objects.exists()


def test_the_command_sends_nothing_while_windows_are_open(w):
    out = run("--today", OPEN_DAY.isoformat())
    assert not Notification.objects.exists()
    assert "0 reminder(s) due" in out


def test_the_command_leaves_past_years_alone(w):
    run("--today", "2027-03-01")
    assert not Notification.objects.exists()


def test_the_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("--today", "2026-13-01")


# --- The staff page -----------------------------------------------------------------------------

LIST = "commitment_reminders:list"
SEND = "commitment_reminders:send"


@freeze_time("2026-05-01 09:00")
def test_anonymous_goes_to_login(client, w):
    for response in (client.get(reverse(LIST)), client.post(reverse(SEND), {"year": 2026})):
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    assert not Notification.objects.exists()


@freeze_time("2026-05-01 09:00")
def test_a_deputy_is_refused(client, w):
    client.force_login(w.silent_user)
    assert client.get(reverse(LIST)).status_code == 403
    assert client.post(reverse(SEND), {"year": 2026}).status_code == 403
    assert not Notification.objects.exists()


@freeze_time("2026-05-01 09:00")
def test_staff_of_another_district_see_and_send_only_their_own(client, w):
    client.force_login(w.staff_tl)
    body = main(client.get(reverse(LIST) + "?year=2026"))
    assert "赵强" in body
    assert "黎源" not in body and w.promise.title not in body
    client.post(reverse(SEND), {"year": 2026})
    assert not Notification.objects.filter(recipient__in=[w.silent_user, w.staff_rc]).exists()


@freeze_time("2026-05-01 09:00")
def test_rightful_staff_see_both_lists_and_send_once(client, w):
    client.force_login(w.staff_rc)
    response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert response.context["year"] == 2026
    body = main(response)
    assert "黎源" in body and "王芳" in body and "陈刚" not in body.split('id="stale"')[0]
    assert w.promise.title in body
    assert "赵强" not in body
    response = client.post(reverse(SEND), {"year": 2026})
    assert response.status_code == 302
    assert response.url == reverse(LIST) + "?year=2026"
    assert inbox(w.silent_user) == [reminders.KIND_MISSING]
    assert inbox(w.approved_user) == [reminders.KIND_STALE]
    sent = Notification.objects.count()
    client.post(reverse(SEND), {"year": 2026})
    assert Notification.objects.count() == sent


@freeze_time("2026-05-01 09:00")
def test_page_query_count_does_not_grow_with_rows(client, w):
    client.force_login(w.staff_rc)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(LIST))
    for i in range(5):
        seat(w.rc_term, f"新代表{i}")
        CommitmentFactory(
            mandate=seat(w.rc_term, f"承诺人{i}"),
            commitment_year=w.cycle,
            status=CommitmentStatus.APPROVED,
            decided_at=aware(APPROVED_AT),
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(LIST))
    assert len(response.context["missing"]) == 7 and len(response.context["stale"]) == 6
    assert len(many) == len(few)


@freeze_time("2026-05-01 09:00")
def test_each_list_has_its_own_pages_that_keep_the_filter(client, w, monkeypatch):
    """Regression (issue 10): the page was one table of every row (1,211 in the demo)."""
    from renda.commitments.views import RemindersView

    monkeypatch.setattr(RemindersView, "paginate_by", 1)
    client.force_login(w.staff_rc)
    first = client.get(reverse(LIST) + "?year=2026")
    body = main(first)
    missing = body.split('id="missing"')[1].split('id="stale"')[0]
    assert "王芳" in missing and "黎源" not in missing  # 姓氏笔画 order, one a page
    assert "missing_page=2" in missing and "year=2026" in missing
    assert first.context["missing_page"].paginator.num_pages == 2
    second = main(client.get(reverse(LIST) + "?year=2026&missing_page=2"))
    missing = second.split('id="missing"')[1].split('id="stale"')[0]
    assert "黎源" in missing and "王芳" not in missing
    assert w.promise.title in second  # the other list keeps its own first page


@freeze_time("2026-05-01 09:00")
def test_the_congress_filter_lists_and_sends_one_congress_in_scope(client, w):
    town_term = TermFactory(congress=CongressFactory(region=town(), level=CongressLevel.TOWN))
    town_cycle = CommitmentYearFactory(congress=town_term.congress)
    seat(town_term, "周敏")
    client.force_login(w.staff_rc)
    everything = main(client.get(reverse(LIST) + "?year=2026"))
    assert "周敏" in everything and "黎源" in everything
    url = f"{reverse(LIST)}?year=2026&congress={town_cycle.congress_id}"
    one = main(client.get(url))
    assert "周敏" in one and "黎源" not in one
    # Another district's congress is not a choice: the page lists all of its own.
    other = main(client.get(f"{reverse(LIST)}?year=2026&congress={w.tl_cycle.congress_id}"))
    assert "周敏" in other and "黎源" in other and "赵强" not in other
    response = client.post(reverse(SEND), {"year": 2026, "congress": town_cycle.congress_id})
    assert response.url == url
    assert not Notification.objects.filter(recipient=w.silent_user).exists()

"""The transition table: every (action, status) pair is allowed or refused, in the table itself
and through the services, which write nothing when they refuse."""

import pytest
from freezegun import freeze_time

from renda.accounts.tests.factories import user_with
from renda.commitments import services, workflow
from renda.commitments.choices import CLOSED_STATUSES, CommitmentStatus
from renda.commitments.models import Commitment, CommitmentProgress
from renda.commitments.tests.factories import CommitmentFactory, job_duty
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.exceptions import InvalidTransition, PermissionRefused
from renda.core.models import AuditEntry
from renda.core.testing import photo
from renda.people.tests.factories import MandateFactory
from renda.regions.tests.factories import rongchang

S = CommitmentStatus
ALL_STATUSES = list(S)

# Who may do what from where: the table as the README and the issue describe it.
EXPECTED = {
    "submit": {S.DRAFT: S.SUBMITTED, S.RETURNED: S.SUBMITTED},
    "withdraw": {S.DRAFT: S.WITHDRAWN, S.SUBMITTED: S.WITHDRAWN, S.RETURNED: S.WITHDRAWN},
    "approve": {S.SUBMITTED: S.APPROVED},
    "return": {S.SUBMITTED: S.RETURNED},
    "cancel": {
        S.DRAFT: S.CANCELLED,
        S.SUBMITTED: S.CANCELLED,
        S.RETURNED: S.CANCELLED,
        S.APPROVED: S.CANCELLED,
    },
    "close": {S.APPROVED: S.FULFILLED},
}
PAIRS = [(action, status) for action in EXPECTED for status in ALL_STATUSES]


def test_the_table_names_every_action_once():
    assert set(workflow.COMMITMENT.transitions) == set(EXPECTED)


@pytest.mark.parametrize("action,status", PAIRS)
def test_check_allows_exactly_the_table(action, status):
    expected = EXPECTED[action].get(status)
    if expected is None:
        with pytest.raises(InvalidTransition):
            workflow.COMMITMENT.check(action, status)
    else:
        assert workflow.COMMITMENT.check(action, status) == expected


@pytest.mark.parametrize("target", CLOSED_STATUSES)
def test_close_leads_to_each_year_end_result(target):
    assert workflow.COMMITMENT.check("close", S.APPROVED, target) == target


@pytest.mark.parametrize("target", [S.APPROVED, S.CANCELLED, S.DRAFT])
def test_close_refuses_a_target_that_is_not_a_result(target):
    with pytest.raises(InvalidTransition):
        workflow.COMMITMENT.check("close", S.APPROVED, target)


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_allowed_gives_the_buttons_of_each_side(status):
    deputy = {t.name for t in workflow.COMMITMENT.steps_from(status, "owner")}
    staff = {t.name for t in workflow.COMMITMENT.steps_from(status, "reviewer")}
    assert deputy == {a for a in ("submit", "withdraw") if status in EXPECTED[a]}
    assert staff == {a for a in ("approve", "return", "cancel", "close") if status in EXPECTED[a]}


# --- Through the services ---------------------------------------------------------------------


@pytest.fixture
def staff():
    return user_with("staff", region=rongchang())


@pytest.fixture
def seat():
    return MandateFactory(term=TermFactory(congress=CongressFactory(region=rongchang())))


@pytest.fixture
def deputy(seat):
    return user_with("deputy", person=seat.person)


# The deputy's own steps (the submission window is January and February); staff's from
# 5 December, past 1 December, so closing is allowed by date.
DEPUTY_STEPS = {"submit", "withdraw"}


def _run(action: str, commitment: Commitment, actor):
    """Call the service of `action` with input it accepts, so only the status decides."""
    if action == "submit":
        return services.commitment_submit(actor=actor, commitment=commitment)
    if action == "withdraw":
        return services.commitment_withdraw(actor=actor, commitment=commitment)
    if action == "approve":
        return services.commitment_approve(actor=actor, commitment=commitment)
    if action == "return":
        return services.commitment_return(
            actor=actor, commitment=commitment, reason=job_duty(), note="是本职工作"
        )
    if action == "cancel":
        return services.commitment_cancel(actor=actor, commitment=commitment, note="代表资格终止")
    if action == "close":
        return services.commitment_close(actor=actor, commitment=commitment, result=S.FULFILLED)
    raise AssertionError(action)


def _counts():
    return (AuditEntry.objects.count(), CommitmentProgress.objects.count())


@pytest.mark.django_db
@pytest.mark.parametrize("action,status", PAIRS)
def test_each_service_follows_the_table(action, status, staff, deputy, seat):
    actor = deputy if action in DEPUTY_STEPS else staff
    when = "2026-01-15" if action in DEPUTY_STEPS else "2026-12-05"
    with freeze_time(f"{when} 10:00:00+08:00"):
        extra = {"return_reason": job_duty()} if status == S.RETURNED else {}
        commitment = CommitmentFactory(mandate=seat, status=status, **extra)
        expected = EXPECTED[action].get(status)
        before = _counts()
        if expected is None:
            with pytest.raises(InvalidTransition):
                _run(action, commitment, actor)
            commitment.refresh_from_db()
            assert commitment.status == status
            assert _counts() == before
        else:
            _run(action, commitment, actor)
            commitment.refresh_from_db()
            assert commitment.status == expected
            assert AuditEntry.objects.count() == before[0] + 1


@pytest.mark.django_db
@pytest.mark.parametrize("status", ALL_STATUSES)
def test_progress_is_reported_on_approved_commitments_only(status, deputy, seat):
    with freeze_time("2026-06-01 10:00:00+08:00"):
        extra = {"return_reason": job_duty()} if status == S.RETURNED else {}
        commitment = CommitmentFactory(mandate=seat, status=status, **extra)
        before = _counts()
        if status in workflow.OPEN_FOR_PROGRESS:
            services.progress_add(
                actor=deputy, commitment=commitment, text="走访30户", value=30, files=[photo()]
            )
            assert CommitmentProgress.objects.filter(commitment=commitment).count() == 1
        else:
            with pytest.raises(InvalidTransition):
                services.progress_add(
                    actor=deputy, commitment=commitment, text="走访30户", files=[photo()]
                )
            assert _counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(DEPUTY_STEPS))
def test_staff_do_not_take_the_deputys_steps_and_nothing_is_written(action, staff, seat):
    """Staff who keep the seat review it; they do not submit, withdraw or report for the
    deputy (issue 10: no acting as the deputy)."""
    with freeze_time("2026-01-15 10:00:00+08:00"):
        commitment = CommitmentFactory(mandate=seat, status=S.DRAFT)
        before = _counts()
        with pytest.raises(PermissionRefused):
            _run(action, commitment, staff)
        commitment.refresh_from_db()
        assert commitment.status == S.DRAFT and _counts() == before


@pytest.mark.django_db
def test_staff_do_not_report_progress_for_the_deputy(staff, seat):
    commitment = CommitmentFactory(mandate=seat, status=S.APPROVED)
    before = _counts()
    with pytest.raises(PermissionRefused):
        services.progress_add(actor=staff, commitment=commitment, text="走访30户")
    assert _counts() == before

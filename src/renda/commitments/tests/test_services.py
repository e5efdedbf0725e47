"""Writes of the commitment cycle: each service's success, and each refusal with nothing
written (rows and audit entries); the window and the yearly limit; one winner among reviewers."""

import datetime
import importlib
import threading
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from freezegun import freeze_time

from renda.accounts.tests.factories import user_with
from renda.commitments import services
from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import (
    Commitment,
    CommitmentCategory,
    CommitmentProgress,
    CommitmentYear,
    ReturnReason,
)
from renda.commitments.tests.factories import (
    CategoryFactory,
    CommitmentFactory,
    CommitmentYearFactory,
    job_duty,
)
from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core import audit
from renda.core.choices import AttachmentKind, AuditAction
from renda.core.exceptions import (
    InvalidTransition,
    NotFound,
    PermissionRefused,
    ValidationFailed,
)
from renda.core.models import Attachment, AuditEntry
from renda.core.testing import counter, frozen_at, needs_waiting_writers, pdf, photo
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import rongchang, tongliang, town

pytestmark = pytest.mark.django_db

S = CommitmentStatus
IN_WINDOW = "2026-01-15 10:00:00+08:00"
AFTER_WINDOW = "2026-03-01 10:00:00+08:00"
YEAR_END = "2026-12-01 09:00:00+08:00"


frozen = frozen_at(IN_WINDOW)


@pytest.fixture
def rc_term():
    return TermFactory(congress=CongressFactory(region=rongchang()))


@pytest.fixture
def cycle(rc_term):
    return CommitmentYearFactory(congress=rc_term.congress)  # 2026, Jan 1 – Feb 28, 3 to 6


@pytest.fixture
def seat(rc_term, cycle):
    return MandateFactory(person=PersonFactory(name="黎源"), term=rc_term, electoral_region=town())


@pytest.fixture
def person(seat):
    return seat.person


@pytest.fixture
def deputy(person):
    return user_with("deputy", person=person)


@pytest.fixture
def staff():
    return user_with("staff", region=rongchang())


@pytest.fixture
def other_staff():
    return user_with("staff", region=tongliang())


def category(cycle, name="联系选民") -> CommitmentCategory:
    return cycle.categories.get(name=name)


counts = counter(
    CommitmentYear, CommitmentCategory, Commitment, CommitmentProgress, Attachment, AuditEntry
)


def create(actor, person, cycle, **changes) -> Commitment:
    data = {
        "actor": actor,
        "person": person,
        "year": cycle.year,
        "category": category(cycle),
        "title": "全年走访选区选民500人次",
        "detail": "每月到黄泥村走访选民，收集意见建议",
        "target_value": 500,
        "target_unit": "人次",
        "due": datetime.date(2026, 12, 31),
    }
    data.update(changes)
    return services.commitment_create(**data)


# --- Categories and years ---------------------------------------------------------------------


def test_category_create_is_audited(staff, rc_term):
    made = services.category_create(
        actor=staff, congress=rc_term.congress, name=" 助力乡村振兴 ", order=5
    )
    assert made.name == "助力乡村振兴"
    assert audit.timeline(made).get().action == AuditAction.CREATE


def test_category_create_outside_scope_is_not_found(other_staff, rc_term):
    with counts.unchanged(), pytest.raises(NotFound):
        services.category_create(actor=other_staff, congress=rc_term.congress, name="带动发展")


def test_a_repeated_category_name_is_refused(staff, cycle):
    with counts.unchanged(), pytest.raises(ValidationFailed):
        services.category_create(actor=staff, congress=cycle.congress, name="联系选民")


def test_commitment_year_open_with_its_categories(staff, rc_term):
    cats = [CategoryFactory(congress=rc_term.congress, name=n) for n in ("联系选民", "宣讲政策")]
    cycle = services.commitment_year_open(
        actor=staff,
        congress=rc_term.congress,
        year=2027,
        opens=datetime.date(2027, 1, 1),
        closes=datetime.date(2027, 2, 15),
        min_count=3,
        max_count=5,
        categories=cats,
    )
    assert set(cycle.categories.all()) == set(cats)
    assert audit.timeline(cycle).get().action == AuditAction.CREATE


def test_commitment_year_open_refuses_another_congresss_category(staff, rc_term):
    foreign = CategoryFactory(congress=CongressFactory(region=town(), level=CongressLevel.TOWN))
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        services.commitment_year_open(
            actor=staff,
            congress=rc_term.congress,
            year=2027,
            opens=datetime.date(2027, 1, 1),
            closes=datetime.date(2027, 2, 15),
            categories=[foreign],
        )
    assert str(caught.value.message) == str(services.CATEGORY_NOT_OFFERED)


def test_commitment_year_open_refuses_a_window_that_closes_before_it_opens(staff, rc_term):
    with counts.unchanged(), pytest.raises(ValidationFailed):
        services.commitment_year_open(
            actor=staff,
            congress=rc_term.congress,
            year=2027,
            opens=datetime.date(2027, 2, 1),
            closes=datetime.date(2027, 1, 1),
        )


def test_commitment_year_open_refuses_a_second_year_of_the_same_congress(staff, cycle):
    with counts.unchanged(), pytest.raises(ValidationFailed):
        services.commitment_year_open(
            actor=staff,
            congress=cycle.congress,
            year=2026,
            opens=datetime.date(2026, 1, 1),
            closes=datetime.date(2026, 1, 31),
        )


def test_commitment_year_open_outside_scope_is_not_found(other_staff, rc_term):
    with counts.unchanged(), pytest.raises(NotFound):
        services.commitment_year_open(
            actor=other_staff,
            congress=rc_term.congress,
            year=2027,
            opens=datetime.date(2027, 1, 1),
            closes=datetime.date(2027, 2, 1),
        )


def test_commitment_year_update_audits_the_window_and_the_categories(staff, cycle):
    before = AuditEntry.objects.count()
    services.commitment_year_update(
        actor=staff,
        cycle=cycle,
        closes=datetime.date(2026, 3, 15),
        categories=[category(cycle, "联系选民")],
    )
    cycle.refresh_from_db()
    assert cycle.closes == datetime.date(2026, 3, 15)
    assert [c.name for c in cycle.categories.all()] == ["联系选民"]
    assert AuditEntry.objects.count() == before + 2
    changes = [e.changes for e in audit.timeline(cycle)[:2]]
    assert {"categories"} in [set(c) for c in changes]


def test_commitment_year_update_refuses_changing_the_congress(staff, cycle):
    with counts.unchanged(), pytest.raises(ValidationFailed):
        services.commitment_year_update(actor=staff, cycle=cycle, year=2030)


def test_commitment_year_update_by_a_deputy_is_not_found(deputy, cycle):
    with counts.unchanged(), pytest.raises(NotFound):
        services.commitment_year_update(actor=deputy, cycle=cycle, max_count=9)


# --- Creating and revising ----------------------------------------------------------------------


def test_a_deputy_makes_a_draft_in_the_window_filed_under_the_lowest_seat(deputy, person, cycle):
    city = CongressFactory(region=rongchang().parent, level=CongressLevel.PROVINCIAL)
    MandateFactory(person=person, term=TermFactory(congress=city, ordinal=6))
    made = create(deputy, person, cycle, title="  全年走访选区选民500人次 ")
    assert made.status == S.DRAFT
    assert made.title == "全年走访选区选民500人次"
    assert made.mandate.congress == cycle.congress  # the district seat, not the city's
    assert made.target_value == Decimal("500")
    entry = audit.timeline(made).get()
    assert (entry.action, entry.actor) == (AuditAction.CREATE, deputy)


def test_the_window_refuses_a_deputy_after_it_closes(deputy, person, cycle, frozen):
    frozen.move_to(AFTER_WINDOW)
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        create(deputy, person, cycle)
    assert str(caught.value.message) == str(
        services.WINDOW_CLOSED
        % {"year": 2026, "opens": datetime.date(2026, 1, 1), "closes": datetime.date(2026, 2, 28)}
    )


def test_staff_enter_a_late_commitment_for_the_deputy(staff, person, cycle, frozen):
    frozen.move_to(AFTER_WINDOW)
    made = create(staff, person, cycle)
    assert made.status == S.DRAFT
    assert audit.timeline(made).get().actor == staff


def test_the_yearly_limit_counts_all_but_withdrawn_and_cancelled(deputy, person, cycle):
    for i in range(cycle.max_count):
        create(deputy, person, cycle, title=f"承诺{i}")
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        create(deputy, person, cycle, title="第七项")
    assert str(caught.value.message) == str(services.TOO_MANY % {"max": 6})
    first = Commitment.objects.filter(person=person).first()
    services.commitment_withdraw(actor=deputy, commitment=first)
    assert create(deputy, person, cycle, title="第七项").status == S.DRAFT


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"due": datetime.date(2027, 1, 31)}, services.DUE_OUTSIDE_YEAR % {"year": 2026}),
        ({"year": 2025}, services.NO_COMMITMENT_YEAR % {"year": 2025}),
        ({"target_unit": ""}, None),  # a target needs its unit
        ({"target_value": 0}, None),  # and is positive
        ({"title": "  "}, None),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(deputy, person, cycle, changes, message):
    before = counts()
    with pytest.raises(ValidationFailed) as caught:
        create(deputy, person, cycle, **changes)
    if message is not None:
        assert str(caught.value.message) == str(message)
    assert counts() == before


def test_create_refuses_a_category_the_year_does_not_offer(deputy, person, cycle):
    other = CategoryFactory(congress=cycle.congress, name="不在本年度")
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        create(deputy, person, cycle, category=other)
    assert str(caught.value.message) == str(services.CATEGORY_NOT_OFFERED)


def test_a_deputy_cannot_make_commitments_for_someone_else(deputy, rc_term, cycle):
    other = MandateFactory(term=rc_term).person
    with counts.unchanged(), pytest.raises(PermissionRefused):
        create(deputy, other, cycle)


def test_a_seat_of_someone_else_is_refused(staff, person, rc_term, cycle):
    elsewhere = MandateFactory(term=rc_term)
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        create(staff, person, cycle, mandate=elsewhere)
    assert str(caught.value.message) == str(services.SEAT_OF_SOMEONE_ELSE)


def test_staff_of_another_district_cannot_act_for_the_deputy(other_staff, person, cycle):
    with counts.unchanged(), pytest.raises(NotFound):
        create(other_staff, person, cycle)


# --- In a commitment year: what the pages and the API call --------------------------------------


def in_year(actor, person, cycle):
    return services.commitment_create_in_year(
        actor=actor,
        person=person,
        commitment_year=cycle,
        category=category(cycle),
        title="全年走访选区选民500人次",
        due=datetime.date(cycle.year, 12, 31),
    )


def test_in_a_year_the_draft_goes_under_the_seat_in_its_congress(deputy, person, seat, cycle):
    c = in_year(deputy, person, cycle)
    assert (c.mandate, c.commitment_year, c.status) == (seat, cycle, S.DRAFT)


def test_in_a_year_of_a_congress_without_a_seat_is_refused(deputy, person):
    """Regression: the page answered 404 and the API 400; now one rule, in the service."""
    elsewhere = CommitmentYearFactory(congress=CongressFactory(region=tongliang()))
    before = counts()
    with pytest.raises(NotFound):  # a deputy does not see another congress's year
        in_year(deputy, person, elsewhere)
    with pytest.raises(ValidationFailed) as caught:
        in_year("office", person, elsewhere)
    assert str(caught.value.message) == str(services.NO_SEAT_IN_CONGRESS)
    assert counts() == before


def test_in_a_year_for_someone_out_of_reach_is_not_found(other_staff, deputy, rc_term, cycle):
    stranger = MandateFactory(term=rc_term).person
    before = counts()
    for actor in (other_staff, deputy):
        with pytest.raises(NotFound):
            in_year(actor, stranger, cycle)
    assert counts() == before


def test_a_person_without_a_current_seat_is_refused(staff, cycle):
    retired = PersonFactory()
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        create(staff, retired, cycle)
    assert str(caught.value.message) == str(services.NO_CURRENT_SEAT)


def test_update_revises_a_returned_commitment_audited_from_to(deputy, seat):
    c = CommitmentFactory(mandate=seat, status=S.RETURNED, return_reason=job_duty())
    services.commitment_update(actor=deputy, commitment=c, title="为黄泥村困难户免费修缮房屋3户")
    c.refresh_from_db()
    assert c.title == "为黄泥村困难户免费修缮房屋3户"
    entry = audit.timeline(c).get()
    assert entry.changes["title"][1] == "为黄泥村困难户免费修缮房屋3户"


def test_update_is_refused_once_submitted(deputy, seat):
    c = CommitmentFactory(mandate=seat, status=S.SUBMITTED)
    before = counts()
    with pytest.raises(InvalidTransition):
        services.commitment_update(actor=deputy, commitment=c, title="改一改")
    c.refresh_from_db()
    assert c.title != "改一改"
    assert counts() == before


def test_update_by_another_deputy_is_refused(rc_term, seat):
    c = CommitmentFactory(mandate=seat)
    stranger = user_with("deputy", person=MandateFactory(term=rc_term).person)
    with counts.unchanged(), pytest.raises(PermissionRefused) as caught:
        services.commitment_update(actor=stranger, commitment=c, title="改一改")
    assert str(caught.value.message) == str(services.NOT_THE_OWNER)


def test_update_refuses_the_status_field(deputy, seat):
    c = CommitmentFactory(mandate=seat)
    before = counts()
    with pytest.raises(ValidationFailed):
        services.commitment_update(actor=deputy, commitment=c, status=S.APPROVED)
    c.refresh_from_db()
    assert c.status == S.DRAFT
    assert counts() == before


# --- Submit and withdraw ----------------------------------------------------------------------


def test_submit_in_the_window(deputy, seat):
    c = CommitmentFactory(mandate=seat)
    services.commitment_submit(actor=deputy, commitment=c)
    c.refresh_from_db()
    assert c.status == S.SUBMITTED and c.submitted_at is not None
    entry = audit.timeline(c).get()
    assert entry.action == AuditAction.STATUS
    assert entry.changes["status"] == [S.DRAFT, S.SUBMITTED]


def test_a_draft_cannot_be_submitted_after_the_window(deputy, seat, frozen):
    c = CommitmentFactory(mandate=seat)
    frozen.move_to(AFTER_WINDOW)
    before = counts()
    with pytest.raises(ValidationFailed):
        services.commitment_submit(actor=deputy, commitment=c)
    c.refresh_from_db()
    assert c.status == S.DRAFT
    assert counts() == before


def test_a_returned_commitment_is_resubmitted_after_the_window_and_loses_its_reason(
    deputy, seat, frozen
):
    """Staff may return a commitment late in the window; the revision must still be possible."""
    c = CommitmentFactory(mandate=seat, status=S.RETURNED, return_reason=job_duty())
    frozen.move_to(AFTER_WINDOW)
    services.commitment_submit(actor=deputy, commitment=c)
    c.refresh_from_db()
    assert c.status == S.SUBMITTED and c.return_reason is None


def test_withdraw_with_a_note(deputy, seat):
    c = CommitmentFactory(mandate=seat, status=S.SUBMITTED)
    services.commitment_withdraw(actor=deputy, commitment=c, note="重复了")
    c.refresh_from_db()
    assert (c.status, c.status_note) == (S.WITHDRAWN, "重复了")


def test_withdraw_by_another_deputy_is_refused(rc_term, seat):
    c = CommitmentFactory(mandate=seat, status=S.SUBMITTED)
    stranger = user_with("deputy", person=MandateFactory(term=rc_term).person)
    with counts.unchanged(), pytest.raises(PermissionRefused):
        services.commitment_withdraw(actor=stranger, commitment=c)


# --- Review -----------------------------------------------------------------------------------


def test_approve_records_who_decided(staff, seat):
    c = CommitmentFactory(mandate=seat, status=S.SUBMITTED)
    services.commitment_approve(actor=staff, commitment=c)
    c.refresh_from_db()
    assert (c.status, c.decided_by) == (S.APPROVED, staff)
    assert c.decided_at is not None
    assert audit.timeline(c).get().actor == staff


def test_the_deputy_cannot_approve_their_own(deputy, seat):
    c = CommitmentFactory(mandate=seat, status=S.SUBMITTED)
    with counts.unchanged(), pytest.raises(PermissionRefused) as caught:
        services.commitment_approve(actor=deputy, commitment=c)
    assert str(caught.value.message) == str(services.ONLY_REVIEWERS)


def test_staff_of_another_district_cannot_review(other_staff, seat):
    c = CommitmentFactory(mandate=seat, status=S.SUBMITTED)
    before = counts()
    for call in (
        lambda: services.commitment_approve(actor=other_staff, commitment=c),
        lambda: services.commitment_return(actor=other_staff, commitment=c, reason=job_duty()),
        lambda: services.commitment_cancel(actor=other_staff, commitment=c, note="x"),
    ):
        with pytest.raises(NotFound):
            call()
    c.refresh_from_db()
    assert c.status == S.SUBMITTED
    assert counts() == before


def test_return_as_a_job_duty_with_a_note(staff, seat):
    c = CommitmentFactory(mandate=seat, status=S.SUBMITTED, title="抓好本村党建工作")
    services.commitment_return(
        actor=staff, commitment=c, reason=job_duty(), note="这是村支书的本职工作"
    )
    c.refresh_from_db()
    assert (c.status, c.return_reason, c.status_note) == (
        S.RETURNED,
        job_duty(),
        "这是村支书的本职工作",
    )
    assert audit.timeline(c).get().note == "这是村支书的本职工作"


def test_return_needs_a_reason(staff, seat):
    c = CommitmentFactory(mandate=seat, status=S.SUBMITTED)
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        services.commitment_return(actor=staff, commitment=c, reason=None)
    assert str(caught.value.message) == str(services.REASON_REQUIRED)


def test_the_other_reason_needs_a_note(staff, seat):
    c = CommitmentFactory(mandate=seat, status=S.SUBMITTED)
    other = ReturnReason.objects.get(congress=None, code="other")
    before = counts()
    with pytest.raises(ValidationFailed) as caught:
        services.commitment_return(actor=staff, commitment=c, reason=other, note=" ")
    assert str(caught.value.message) == str(services.NOTE_REQUIRED)
    c.refresh_from_db()
    assert c.status == S.SUBMITTED
    assert counts() == before


def test_cancel_needs_a_note(staff, seat):
    c = CommitmentFactory(mandate=seat, status=S.APPROVED)
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        services.commitment_cancel(actor=staff, commitment=c, note="")
    assert str(caught.value.message) == str(services.NOTE_REQUIRED)


def test_cancel_with_a_reason(staff, seat):
    c = CommitmentFactory(mandate=seat, status=S.APPROVED)
    services.commitment_cancel(actor=staff, commitment=c, note="代表资格终止")
    c.refresh_from_db()
    assert (c.status, c.status_note) == (S.CANCELLED, "代表资格终止")


# --- Year end ---------------------------------------------------------------------------------


def test_close_from_is_1_december_or_an_earlier_due_date(seat):
    assert services.close_from(CommitmentFactory(mandate=seat)) == datetime.date(2026, 12, 1)
    early = CommitmentFactory(mandate=seat, due=datetime.date(2026, 6, 30))
    assert services.close_from(early) == datetime.date(2026, 6, 30)


def test_close_before_1_december_is_refused(staff, seat, frozen):
    c = CommitmentFactory(mandate=seat, status=S.APPROVED)
    frozen.move_to("2026-11-30 23:00:00+08:00")
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        services.commitment_close(actor=staff, commitment=c, result=S.FULFILLED)
    # The date as Chinese offices write it (it was the ISO form, 2026-12-01, before).
    assert str(caught.value.message) == str(services.TOO_EARLY_TO_CLOSE % {"day": "2026年12月1日"})


@pytest.mark.parametrize("result", [S.FULFILLED, S.PARTLY_FULFILLED, S.UNFULFILLED])
def test_close_records_the_result_from_1_december(staff, seat, frozen, result):
    c = CommitmentFactory(mandate=seat, status=S.APPROVED)
    frozen.move_to(YEAR_END)
    services.commitment_close(actor=staff, commitment=c, result=result, note="据台账")
    c.refresh_from_db()
    assert (c.status, c.decided_by) == (result, staff)


def test_close_refuses_a_result_that_is_not_one(staff, seat, frozen):
    c = CommitmentFactory(mandate=seat, status=S.APPROVED)
    frozen.move_to(YEAR_END)
    with counts.unchanged(), pytest.raises(InvalidTransition):
        services.commitment_close(actor=staff, commitment=c, result=S.CANCELLED)


# --- Progress ---------------------------------------------------------------------------------


def test_progress_with_a_photo_and_a_document(deputy, seat):
    c = CommitmentFactory(mandate=seat, status=S.APPROVED)
    progress = services.progress_add(
        actor=deputy,
        commitment=c,
        text="走访黄泥村选民120人次",
        value="120",
        files=[photo(), pdf("台账.pdf")],
    )
    assert progress.value == Decimal("120")
    kinds = sorted(a.kind for a in progress.attachments.all())
    assert kinds == [AttachmentKind.DOCUMENT, AttachmentKind.PHOTO]
    picture = progress.attachments.get(kind=AttachmentKind.PHOTO)
    assert picture.file.name.endswith(".jpg") and picture.original_name == "现场.jpg"
    # The report and each attachment are audited.
    assert AuditEntry.objects.filter(action=AuditAction.CREATE).count() == 3


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("run.exe", b"MZ...", content_type="application/octet-stream"),
        SimpleUploadedFile("假照片.jpg", b"not a picture", content_type="image/jpeg"),
    ],
    ids=["wrong type", "not a picture"],
)
def test_progress_with_a_bad_file_saves_nothing(deputy, seat, upload):
    c = CommitmentFactory(mandate=seat, status=S.APPROVED)
    with counts.unchanged(), pytest.raises(ValidationFailed):
        services.progress_add(actor=deputy, commitment=c, text="走访", files=[photo(), upload])


def test_progress_by_someone_else_is_refused(rc_term, seat):
    c = CommitmentFactory(mandate=seat, status=S.APPROVED)
    stranger = user_with("deputy", person=MandateFactory(term=rc_term).person)
    with counts.unchanged(), pytest.raises(PermissionRefused):
        services.progress_add(actor=stranger, commitment=c, text="走访")


def test_a_negative_amount_is_refused(deputy, seat):
    c = CommitmentFactory(mandate=seat, status=S.APPROVED)
    with counts.unchanged(), pytest.raises(ValidationFailed):
        services.progress_add(actor=deputy, commitment=c, text="走访", value=-3)


# --- One winner -------------------------------------------------------------------------------


@pytest.mark.parametrize("first", ["approve", "return"])
def test_a_second_reviewer_with_a_stale_copy_is_refused(staff, seat, first):
    """Two reviewers open the same submitted commitment; one approves, the other returns it (or
    the other way round). The service re-reads the row under a lock, so the second is refused."""
    c = CommitmentFactory(mandate=seat, status=S.SUBMITTED)
    colleague = user_with("staff", region=rongchang())
    mine, theirs = Commitment.objects.get(pk=c.pk), Commitment.objects.get(pk=c.pk)

    def approve(actor, copy):
        return services.commitment_approve(actor=actor, commitment=copy)

    def send_back(actor, copy):
        return services.commitment_return(actor=actor, commitment=copy, reason=job_duty())

    win, lose = (approve, send_back) if first == "approve" else (send_back, approve)
    win(staff, mine)
    before = counts()
    with pytest.raises(InvalidTransition):
        lose(colleague, theirs)
    c.refresh_from_db()
    assert c.status == (S.APPROVED if first == "approve" else S.RETURNED)
    assert c.decided_by == staff
    assert audit.timeline(c).filter(action=AuditAction.STATUS).count() == 1
    assert counts() == before


@needs_waiting_writers
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_deciding_at_once_one_wins():
    # A transactional test that ran earlier in this process (the attachment migration tests,
    # say) emptied every table, the data migration's return reasons included: seed them again.
    importlib.import_module("renda.commitments.migrations.0002_return_reasons").add(apps, None)
    with freeze_time(IN_WINDOW):
        term = TermFactory(congress=CongressFactory(region=rongchang()))
        c = CommitmentFactory(mandate=MandateFactory(term=term), status=S.SUBMITTED)
        reason = job_duty()
    start = threading.Barrier(2)
    outcomes = []

    def decide(verb):
        try:
            copy = Commitment.objects.get(pk=c.pk)
            start.wait(timeout=10)
            if verb == "approve":
                services.commitment_approve(actor="reviewer-1", commitment=copy)
            else:
                services.commitment_return(actor="reviewer-2", commitment=copy, reason=reason)
            outcomes.append(verb)
        except InvalidTransition:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(v,)) for v in ("approve", "return")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) in (["approve", "refused"], ["refused", "return"])
    c.refresh_from_db()
    assert c.status in (S.APPROVED, S.RETURNED)
    assert audit.timeline(c).filter(action=AuditAction.STATUS).count() == 1

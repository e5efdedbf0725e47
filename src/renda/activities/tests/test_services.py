"""The activity register's writes: each service's success and each refusal, with nothing
written on a refusal. Dates frozen in mid-2024 (the term runs 2022–2026)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from renda.activities import services
from renda.activities.choices import ActivityStatus, Period, RequirementCategory
from renda.activities.models import (
    Activity,
    ActivityBatch,
    ActivityType,
    Excuse,
    Requirement,
)
from renda.activities.tests.factories import ExcuseFactory, preset_types, world
from renda.assessment import services as assessment
from renda.assessment.tests.factories import rongchang_table
from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.choices import AttachmentKind
from renda.core.exceptions import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionRefused,
    ValidationFailed,
)
from renda.core.models import Attachment, AuditEntry
from renda.core.testing import counter, frozen_at, photo
from renda.people.tests.factories import GroupFactory, MandateFactory, MembershipFactory

pytestmark = pytest.mark.django_db

S = ActivityStatus
DAY = datetime.date(2024, 6, 1)


frozen = frozen_at("2024-06-15 10:00:00+08:00")


@pytest.fixture
def w():
    return world()


written = counter(
    Activity, ActivityBatch, Attachment, Excuse, Requirement, ActivityType, AuditEntry
)


def register(w, actor=None, **kwargs):
    data = {
        "mandate": w.li_seat,
        "activity_type": w.types["survey"],
        "day": DAY,
        "content": "调研农村人居环境整治",
        "place": "直升镇",
    }
    data.update(kwargs)
    return services.activity_register(actor=actor or w.deputy, **data)


refused = written.refused


def finalize(congress, year):
    rongchang_table(congress, year)
    evaluation = assessment.evaluation_run(actor="test", congress=congress, year=year)
    assessment.evaluation_finalize(actor="test", evaluation=evaluation)


# --- Registration -----------------------------------------------------------------------------


def test_a_deputy_registers_an_activity_for_staff_to_verify(w):
    activity = register(w)
    assert activity.status == S.SUBMITTED
    assert activity.person == w.li and activity.congress == w.congress
    assert activity.registered_by == w.deputy and activity.decided_by is None
    assert AuditEntry.objects.filter(object_id=str(activity.pk), action="create").exists()


def test_staff_registering_for_a_deputy_verify_it_on_entry(w):
    activity = register(w, actor=w.staff_rc)
    assert activity.status == S.VERIFIED
    assert activity.decided_by == w.staff_rc and activity.decided_at is not None


def test_evidence_photos_are_re_encoded_and_documents_kept(w):
    png = io.BytesIO()
    Image.new("RGB", (2400, 1200), (10, 120, 40)).save(png, format="PNG")
    files = [
        SimpleUploadedFile("现场.png", png.getvalue(), content_type="image/png"),
        SimpleUploadedFile("签到表.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    ]
    activity = register(w, files=files)
    photo, document = activity.evidence.order_by("pk")
    assert photo.kind == AttachmentKind.PHOTO and photo.original_name == "现场.png"
    assert photo.file.name.endswith(".jpg")
    with Image.open(photo.file) as image:
        assert image.format == "JPEG" and max(image.size) <= 1600
    assert document.kind == AttachmentKind.DOCUMENT and document.original_name == "签到表.pdf"


def test_an_exact_duplicate_is_refused(w):
    register(w)
    refused(Conflict, lambda: register(w), message=services.DUPLICATE)


def test_a_withdrawn_record_does_not_block_registering_it_again(w):
    first = register(w)
    services.activity_withdraw(actor=w.deputy, activity=first)
    assert register(w).status == S.SUBMITTED


@pytest.mark.parametrize(
    "change,field,message",
    [
        ({"day": datetime.date(2024, 6, 16)}, "day", services.IN_THE_FUTURE),
        ({"content": "   "}, "content", services.CONTENT_REQUIRED),
        ({"activity_type": "reception"}, "person_times", services.PERSON_TIMES_REQUIRED),
        ({"person_times": 30}, "person_times", services.PERSON_TIMES_NOT_COUNTED),
    ],
)
def test_registration_refuses_bad_fields_naming_the_field(w, change, field, message):
    if change.get("activity_type"):
        change["activity_type"] = w.types[change["activity_type"]]
    exc = refused(ValidationFailed, lambda: register(w, **change), message=message)
    assert field in exc.extra["errors"]


def test_person_times_are_recorded_for_receptions(w):
    activity = register(w, activity_type=w.types["reception"], person_times=35)
    assert activity.person_times == 35


def test_a_date_before_the_seat_began_is_refused(w):
    exc = refused(ValidationFailed, lambda: register(w, day=datetime.date(2021, 12, 31)))
    assert "day" in exc.extra["errors"]


def test_a_type_of_another_congress_is_refused(w):
    exc = refused(
        ValidationFailed,
        lambda: register(w, activity_type=w.tl_types["survey"]),
        message=services.TYPE_OF_ANOTHER_CONGRESS,
    )
    assert "activity_type" in exc.extra["errors"]


def test_an_inactive_type_is_refused(w):
    services.activity_type_update(actor="test", activity_type=w.types["survey"], active=False)
    w.types["survey"].refresh_from_db()
    refused(ValidationFailed, lambda: register(w), message=services.TYPE_INACTIVE)


def test_a_finalized_year_takes_no_more_activities(w):
    finalize(w.congress, 2023)
    refused(
        InvalidTransition,
        lambda: register(w, day=datetime.date(2023, 5, 1)),
        message=services.YEAR_FINAL % {"year": 2023},
    )


def test_a_refused_file_saves_nothing(w):
    bad = SimpleUploadedFile("病毒.exe", b"MZ", content_type="application/octet-stream")
    refused(ValidationFailed, lambda: register(w, files=[photo(), bad]))


def test_another_deputy_may_not_register_for_li(w):
    refused(PermissionRefused, lambda: register(w, actor=w.other_deputy))


def test_staff_of_another_district_find_no_such_seat(w):
    refused(NotFound, lambda: register(w, actor=w.staff_tl))


# --- Group registration -----------------------------------------------------------------------


def many(w, actor=None, mandates=None, **kwargs):
    data = {
        "congress": w.congress,
        "activity_type": w.types["inspection"],
        "day": DAY,
        "content": "视察城区污水管网建设",
        "place": "昌州街道",
        "mandates": mandates if mandates is not None else [w.li_seat, w.wang_seat],
    }
    data.update(kwargs)
    return services.activity_register_for_many(actor=actor or w.staff_rc, **data)


def test_an_organiser_registers_one_activity_for_many_verified_on_entry(w):
    batch = many(w, files=[photo()])
    records = list(batch.activities.order_by("pk"))
    assert {a.mandate for a in records} == {w.li_seat, w.wang_seat}
    assert all(a.status == S.VERIFIED and a.decided_by == w.staff_rc for a in records)
    assert batch.organiser == w.staff_rc
    assert Attachment.objects.filter(activity__batch=batch).count() == 1


def test_group_registration_is_all_or_nothing(w):
    register(
        w, activity_type=w.types["inspection"], content="视察城区污水管网建设", place="昌州街道"
    )
    exc = refused(ValidationFailed, lambda: many(w))
    assert "黎源" in exc.extra["errors"]["mandates"][0]


def test_group_registration_needs_deputies(w):
    refused(ValidationFailed, lambda: many(w, mandates=[]), message=services.NO_DEPUTIES)


def test_group_registration_refuses_a_seat_of_another_congress(w):
    exc = refused(ValidationFailed, lambda: many(w, mandates=[w.li_seat, w.tl_seat]))
    assert "李铜梁" in exc.extra["errors"]["mandates"][0]


def test_group_registration_is_for_the_congress_staff(w):
    refused(NotFound, lambda: many(w, actor=w.staff_tl))


def test_group_registration_takes_the_current_members_of_the_groups_chosen(w):
    """Regression: "the members of the chosen groups" was worked out by the page's form and
    again by the API; now the service does it, once, for both."""
    group = GroupFactory(congress=w.congress)
    MembershipFactory(group=group, mandate=w.wang_seat)
    batch = many(w, mandates=[w.li_seat], groups=[group])
    assert {a.mandate for a in batch.activities.all()} == {w.li_seat, w.wang_seat}
    # A seat picked and also a member is registered once.
    batch = many(w, mandates=[w.wang_seat], groups=[group], content="视察城区道路建设")
    assert [a.mandate for a in batch.activities.all()] == [w.wang_seat]


def test_group_registration_of_an_empty_group_needs_deputies(w):
    group = GroupFactory(congress=w.congress)
    refused(
        ValidationFailed, lambda: many(w, mandates=[], groups=[group]), message=services.NO_DEPUTIES
    )


# --- The seat a registration goes under -------------------------------------------------------


def test_without_a_seat_the_activity_goes_under_the_seat_in_the_types_congress(w):
    """Regression: the page took the deputy's first seat and the API the seat in the type's
    congress; a deputy of two levels registering a town activity was refused on the page."""
    town_term = TermFactory(
        congress=CongressFactory(region=w.zs, level=CongressLevel.TOWN),
        start=w.rc_term.start,
        end=w.rc_term.end,
    )
    town_seat = MandateFactory(person=w.li, term=town_term)
    town_types = preset_types(town_term.congress)
    activity = register(w, mandate=None, person=w.li, activity_type=town_types["survey"])
    assert activity.mandate == town_seat
    activity = register(w, mandate=None, person=w.li, content="调研城区交通")
    assert activity.mandate == w.li_seat


def test_without_a_seat_in_the_types_congress_the_registration_is_refused(w):
    refused(
        ValidationFailed,
        lambda: register(w, mandate=None, person=w.wang, activity_type=w.tl_types["survey"]),
        message=services.NO_OWN_SEAT,
    )


# --- Registration by other modules ------------------------------------------------------------


def test_record_from_source_is_idempotent(w):
    def record():
        return services.activity_record_from_source(
            source_type="suggestions.suggestion",
            source_id=42,
            mandate=w.li_seat,
            activity_type_code="suggestion",
            day=DAY,
            content="提出关于农村公路养护的建议",
        )

    first = record()
    assert first.status == S.VERIFIED and first.source_id == "42"
    before = written()
    assert record() == first
    assert written() == before


def test_record_from_source_refuses_an_unknown_type_code(w):
    refused(
        ValidationFailed,
        lambda: services.activity_record_from_source(
            source_type="meetings.attendance",
            source_id=1,
            mandate=w.li_seat,
            activity_type_code="no_such_code",
            day=DAY,
            content="列席会议",
        ),
    )


# --- Correction and the workflow --------------------------------------------------------------


def test_the_deputy_corrects_a_waiting_record_and_the_audit_keeps_the_old(w):
    activity = services.activity_update(
        actor=w.deputy, activity=w.submitted, content="视察农村饮水安全工程"
    )
    assert activity.content == "视察农村饮水安全工程"
    entry = AuditEntry.objects.filter(object_id=str(activity.pk), action="update").get()
    assert "视察农村饮水安全" in str(entry.changes)


def test_the_deputy_may_not_edit_a_verified_record_but_staff_may(w):
    refused(
        InvalidTransition,
        lambda: services.activity_update(actor=w.deputy, activity=w.verified, content="改"),
    )
    services.activity_update(actor=w.staff_rc, activity=w.verified, place="荣昌区人大")
    w.verified.refresh_from_db()
    assert w.verified.place == "荣昌区人大"


def test_an_edit_that_makes_a_duplicate_is_refused(w):
    refused(
        Conflict,
        lambda: services.activity_update(
            actor=w.staff_rc,
            activity=w.submitted,
            activity_type=w.verified.activity_type,
            content=w.verified.content,
        ),
        message=services.DUPLICATE,
    )


def test_staff_verify(w):
    activity = services.activity_verify(actor=w.staff_rc, activity=w.submitted)
    assert activity.status == S.VERIFIED and activity.decided_by == w.staff_rc


def test_staff_reject_with_a_reason_only(w):
    exc = refused(
        ValidationFailed,
        lambda: services.activity_reject(actor=w.staff_rc, activity=w.submitted, note=" "),
    )
    assert "note" in exc.extra["errors"]
    activity = services.activity_reject(actor=w.staff_rc, activity=w.submitted, note="无照片")
    assert activity.status == S.REJECTED and activity.status_note == "无照片"


def test_staff_revoke_a_verification_with_a_reason(w):
    refused(
        ValidationFailed,
        lambda: services.activity_revoke(actor=w.staff_rc, activity=w.verified, note=""),
    )
    activity = services.activity_revoke(actor=w.staff_rc, activity=w.verified, note="本人未参加")
    assert activity.status == S.REJECTED


def test_the_deputy_withdraws_and_resubmits(w):
    assert services.activity_withdraw(actor=w.deputy, activity=w.submitted).status == S.WITHDRAWN
    activity = services.activity_resubmit(actor=w.deputy, activity=w.rejected)
    assert activity.status == S.SUBMITTED and activity.decided_by is None


def test_a_deputy_may_not_verify(w):
    refused(
        PermissionRefused, lambda: services.activity_verify(actor=w.deputy, activity=w.submitted)
    )


def test_staff_of_another_district_may_not_verify(w):
    refused(NotFound, lambda: services.activity_verify(actor=w.staff_tl, activity=w.submitted))


@pytest.mark.parametrize(
    "step",
    [
        lambda w: services.activity_verify(actor=w.staff_rc, activity=w.verified),
        lambda w: services.activity_reject(actor=w.staff_rc, activity=w.rejected, note="x"),
        lambda w: services.activity_revoke(actor=w.staff_rc, activity=w.submitted, note="x"),
        lambda w: services.activity_withdraw(actor=w.deputy, activity=w.verified),
        lambda w: services.activity_resubmit(actor=w.deputy, activity=w.submitted),
    ],
)
def test_steps_the_workflow_does_not_allow_are_refused(w, step):
    refused(InvalidTransition, lambda: step(w))


def test_a_finalized_year_refuses_verification(w):
    old = w.make(w.li_seat, S.SUBMITTED, day=datetime.date(2023, 4, 1))
    finalize(w.congress, 2023)
    refused(InvalidTransition, lambda: services.activity_verify(actor=w.staff_rc, activity=old))


def test_evidence_is_added_while_the_deputy_may_edit(w):
    services.activity_add_evidence(actor=w.deputy, activity=w.submitted, files=[photo()])
    assert w.submitted.evidence.count() == 1
    refused(
        InvalidTransition,
        lambda: services.activity_add_evidence(
            actor=w.deputy, activity=w.verified, files=[photo()]
        ),
    )


# --- Catalogue, minimums, excuses -------------------------------------------------------------


def test_staff_add_and_change_a_type(w):
    t = services.activity_type_create(
        actor=w.staff_rc,
        congress=w.congress,
        code="forum",
        name="代表论坛",
        category=RequirementCategory.CLOSED_SESSION,
    )
    services.activity_type_update(actor=w.staff_rc, activity_type=t, name="代表履职论坛")
    t.refresh_from_db()
    assert t.name == "代表履职论坛"


def test_a_type_code_is_unique_in_a_congress(w):
    refused(
        ValidationFailed,
        lambda: services.activity_type_create(
            actor=w.staff_rc,
            congress=w.congress,
            code="inspection",
            name="另一个视察",
            category=RequirementCategory.CLOSED_SESSION,
        ),
    )


def test_staff_of_another_district_may_not_change_the_catalogue(w):
    refused(
        NotFound,
        lambda: services.activity_types_apply_preset(actor=w.staff_tl, congress=w.congress),
    )


def test_applying_the_preset_catalogue_again_adds_nothing(w):
    assert services.activity_types_apply_preset(actor=w.staff_rc, congress=w.congress) == []


def test_requirements_are_set_changed_and_deleted(w):
    r = services.requirement_set(
        actor=w.staff_rc,
        term=w.rc_term,
        category=RequirementCategory.SPEECH,
        period=Period.YEAR,
        minimum=5,
    )
    assert r.minimum == 5 and Requirement.objects.filter(term=w.rc_term).count() == 6
    services.requirement_delete(actor=w.staff_rc, requirement=r)
    assert Requirement.objects.filter(term=w.rc_term).count() == 5


def test_an_unknown_requirement_preset_is_refused(w):
    refused(
        ValidationFailed,
        lambda: services.requirements_apply_preset(actor=w.staff_rc, term=w.rc_term, preset="x"),
    )


def test_staff_of_another_district_may_not_set_requirements(w):
    refused(
        NotFound,
        lambda: services.requirement_set(
            actor=w.staff_tl, term=w.rc_term, category="speech", period="year", minimum=2
        ),
    )


def test_staff_record_and_delete_an_excused_absence(w):
    excuse = services.excuse_record(
        actor=w.staff_rc,
        mandate=w.li_seat,
        start=datetime.date(2024, 3, 1),
        end=datetime.date(2024, 5, 31),
        reason="illness",
        note="住院治疗",
    )
    assert excuse.recorded_by == w.staff_rc
    services.excuse_delete(actor=w.staff_rc, excuse=excuse)
    assert not Excuse.objects.exists()


def test_an_excuse_ending_before_it_starts_is_refused(w):
    refused(
        ValidationFailed,
        lambda: services.excuse_record(
            actor=w.staff_rc,
            mandate=w.li_seat,
            start=datetime.date(2024, 3, 1),
            end=datetime.date(2024, 2, 1),
            reason="illness",
        ),
    )


def test_a_deputy_may_not_excuse_themself(w):
    refused(
        PermissionRefused,
        lambda: services.excuse_record(
            actor=w.deputy,
            mandate=w.li_seat,
            start=datetime.date(2024, 3, 1),
            end=datetime.date(2024, 4, 1),
            reason="leave",
        ),
    )
    excuse = ExcuseFactory(mandate=w.li_seat)
    refused(NotFound, lambda: services.excuse_delete(actor=w.staff_tl, excuse=excuse))

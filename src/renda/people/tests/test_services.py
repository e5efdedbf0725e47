"""Writes for people, mandates and deputy groups."""

import datetime
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from freezegun import freeze_time
from PIL import Image

from renda.accounts.tests.factories import user_with
from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core import audit
from renda.core.choices import AuditAction, Role
from renda.core.exceptions import InvalidTransition, NotFound, PermissionRefused, ValidationFailed
from renda.core.images import PHOTO_NOT_IMAGE
from renda.core.models import AuditEntry
from renda.core.services import OUT_OF_SCOPE
from renda.core.testing import constraint_message, counter, needs_waiting_writers, photo
from renda.people import names
from renda.people.choices import Gender, GroupKind, GroupRole, MandateEndReason, Party
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.people.services import (
    GROUP_OUTSIDE_CONGRESS,
    MANDATE_ALREADY_ENDED,
    MANDATE_END_BEFORE_START,
    MANDATE_END_REASON_REQUIRED,
    MANDATE_START_OUTSIDE_TERM,
    ONLY_STAFF_ADD_PEOPLE,
    deputy_create,
    group_create,
    group_member_add,
    group_member_remove,
    group_update,
    mandate_create,
    mandate_end,
    mandate_update,
    person_create,
    person_set_photo,
    person_update,
)
from renda.people.tests.factories import (
    GroupFactory,
    MandateFactory,
    MembershipFactory,
    PersonFactory,
)
from renda.regions.tests.factories import chongqing, rongchang, tongliang, town
from renda.stations.choices import AssignmentRole
from renda.stations.models import StationAssignment
from renda.stations.tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db

TERM_START = datetime.date(2022, 1, 1)
TERM_END = datetime.date(2026, 12, 31)
RESIGNED = datetime.date(2024, 6, 30)


counts = counter(
    Person,
    Mandate,
    DeputyGroup,
    GroupMembership,
    AuditEntry,
    ended=Mandate.objects.ended(),
    open_assignments=StationAssignment.objects.filter(end__isnull=True),
)


@pytest.fixture
def staff():
    return user_with(Role.STAFF, region=rongchang())


@pytest.fixture
def other_staff():
    return user_with(Role.STAFF, region=tongliang())


@pytest.fixture
def term():
    return TermFactory()  # 荣昌区第十九届, 2022-01-01 → 2026-12-31


@pytest.fixture
def mandate(term):
    return MandateFactory(person=PersonFactory(name="李明"), term=term)


# --- person_create -------------------------------------------------------------------------------


def test_person_create_derives_pinyin_initials_and_stroke_key(staff):
    person = person_create(
        actor=staff, name=" 张三 ", gender=Gender.MALE, party=Party.CPC, phone="13800000001"
    )

    person.refresh_from_db()
    assert person.name == "张三"
    assert person.name_pinyin == "zhangsan"
    assert person.name_initials == "zs"
    assert person.stroke_key == names.stroke_key("张三")
    assert person.stroke_key.startswith("07")  # 张 has seven strokes
    entry = audit.timeline(person).get(action=AuditAction.CREATE)
    assert entry.actor == staff
    assert entry.changes["name"] == [None, "张三"]
    assert "stroke_key" not in entry.changes


def test_person_create_refuses_unknown_fields():
    with counts.unchanged(), pytest.raises(ValidationFailed):
        person_create(actor="test", name="张三", gender=Gender.MALE, name_pinyin="x")


def test_person_create_refuses_a_repeated_id_number():
    PersonFactory(id_number="500226197001011233")
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        person_create(actor="test", name="王五", gender=Gender.MALE, id_number="500226197001011233")

    assert str(caught.value.message) == constraint_message(Person, "person_unique_id_number")


def test_many_people_may_have_no_id_number():
    person_create(actor="test", name="王五", gender=Gender.MALE)
    person_create(actor="test", name="赵六", gender=Gender.FEMALE)

    assert Person.objects.filter(id_number="").count() == 2


def test_person_create_refuses_an_empty_name():
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        person_create(actor="test", name="  ", gender=Gender.MALE)

    assert "name" in caught.value.extra["errors"]


def test_person_create_with_a_photo_stores_a_clean_photo(size=(300, 400)):
    person = person_create(
        actor="test", name="张三", gender=Gender.MALE, photo=photo(size=(300, 400))
    )

    person.refresh_from_db()
    assert person.photo.name.endswith(".jpg")
    with person.photo.open("rb") as fh:
        assert Image.open(fh).format == "JPEG"
    actions = set(audit.timeline(person).values_list("action", flat=True))
    assert actions == {AuditAction.CREATE, AuditAction.UPDATE}


def test_person_create_with_a_bad_photo_writes_nothing():
    before = counts()
    not_a_photo = SimpleUploadedFile("photo.jpg", b"just text", content_type="image/jpeg")

    with pytest.raises(ValidationFailed) as caught:
        person_create(actor="test", name="张三", gender=Gender.MALE, photo=not_a_photo)

    assert str(caught.value.message) == str(PHOTO_NOT_IMAGE)
    assert counts() == before


# --- person_update -------------------------------------------------------------------------------


def test_staff_update_a_person_and_the_derived_names_follow(staff, mandate):
    person = mandate.person

    person_update(actor=staff, person=person, name="李明华", party=Party.CDL)

    person.refresh_from_db()
    assert person.name == "李明华"
    assert person.name_pinyin == "liminghua"
    assert person.name_initials == "lmh"
    assert person.stroke_key == names.stroke_key("李明华")
    entry = audit.timeline(person).get(action=AuditAction.UPDATE)
    assert entry.actor == staff
    assert entry.changes == {"name": ["李明", "李明华"], "party": ["", Party.CDL]}


def test_person_update_that_changes_nothing_writes_no_row(staff, mandate):
    person = mandate.person

    person_update(actor=staff, person=person, name="李明", phone=person.phone)

    assert not AuditEntry.objects.exists()


def test_the_deputy_may_change_their_own_phone_and_its_visibility(mandate):
    person = mandate.person
    deputy = user_with(Role.DEPUTY, person=person)

    person_update(actor=deputy, person=person, phone="13912345678", phone_public=True)

    person.refresh_from_db()
    assert person.phone == "13912345678"
    assert person.phone_public is True
    entry = audit.timeline(person).get(action=AuditAction.UPDATE)
    assert entry.actor == deputy
    assert entry.changes["phone_public"] == [False, True]


@pytest.mark.parametrize(
    "data", [{"name": "李大明"}, {"phone": "13912345678", "id_number": "500226197001011233"}]
)
def test_the_deputy_may_change_nothing_else(mandate, data):
    person = mandate.person
    deputy = user_with(Role.DEPUTY, person=person)
    phone = person.phone
    before = counts()

    with pytest.raises(ValidationFailed):
        person_update(actor=deputy, person=person, **data)

    person.refresh_from_db()
    assert person.name == "李明"
    assert person.phone == phone
    assert person.id_number == ""
    assert counts() == before


def test_a_deputy_cannot_update_another_person(mandate):
    deputy = user_with(Role.DEPUTY, person=PersonFactory())
    with counts.unchanged(), pytest.raises(NotFound):
        person_update(actor=deputy, person=mandate.person, phone="110")


def test_staff_of_another_district_cannot_update_the_person(other_staff, mandate):
    before = counts()

    with pytest.raises(NotFound) as caught:
        person_update(actor=other_staff, person=mandate.person, name="改名")

    assert str(caught.value.message) == str(OUT_OF_SCOPE)
    mandate.person.refresh_from_db()
    assert mandate.person.name == "李明"
    assert counts() == before


def test_a_liaison_cannot_update_the_deputies_of_their_station(mandate):
    assignment = AssignmentFactory(mandate=mandate)
    liaison = user_with(Role.LIAISON, station=assignment.station)
    with counts.unchanged(), pytest.raises(NotFound):
        person_update(actor=liaison, person=mandate.person, phone="110")


def test_person_update_refuses_a_taken_id_number(staff, mandate):
    PersonFactory(id_number="500226197001011233")
    before = counts()

    with pytest.raises(ValidationFailed):
        person_update(actor=staff, person=mandate.person, id_number="500226197001011233")

    mandate.person.refresh_from_db()
    assert mandate.person.id_number == ""
    assert counts() == before


# --- person_set_photo ----------------------------------------------------------------------------


def test_a_new_photo_replaces_the_old_file_after_commit(
    staff, mandate, django_capture_on_commit_callbacks
):
    person = mandate.person
    person_set_photo(actor=staff, person=person, photo=photo(size=(300, 400)))
    old = person.photo.name
    storage = person.photo.storage
    assert storage.exists(old)

    with django_capture_on_commit_callbacks(execute=True):
        person_set_photo(actor=staff, person=person, photo=photo(size=(500, 500)))

    person.refresh_from_db()
    assert person.photo.name != old
    assert storage.exists(person.photo.name)
    assert not storage.exists(old)
    assert audit.timeline(person).filter(action=AuditAction.UPDATE).count() == 2


def test_a_refused_photo_keeps_the_old_one(staff, mandate):
    person = mandate.person
    person_set_photo(actor=staff, person=person, photo=photo(size=(300, 400)))
    old = person.photo.name
    before = counts()

    with pytest.raises(ValidationFailed):
        person_set_photo(actor=staff, person=person, photo=photo(size=(40, 40)))

    person.refresh_from_db()
    assert person.photo.name == old
    assert person.photo.storage.exists(old)
    assert counts() == before


def test_the_deputy_may_set_their_own_photo(mandate):
    deputy = user_with(Role.DEPUTY, person=mandate.person)

    person_set_photo(actor=deputy, person=mandate.person, photo=photo(size=(300, 400)))

    assert mandate.person.photo


def test_staff_of_another_district_cannot_set_the_photo(other_staff, mandate):
    before = counts()

    with pytest.raises(NotFound):
        person_set_photo(actor=other_staff, person=mandate.person, photo=photo(size=(300, 400)))

    mandate.person.refresh_from_db()
    assert not mandate.person.photo
    assert counts() == before


# --- mandate_create / mandate_update -------------------------------------------------------------


def test_mandate_create_starts_with_the_term_by_default(staff, term):
    person = PersonFactory()

    mandate = mandate_create(
        actor=staff, person=person, term=term, electoral_unit="直升镇选区", post="镇长"
    )

    assert mandate.congress == term.congress
    assert mandate.start == TERM_START
    assert mandate.end is None
    entry = audit.timeline(mandate).get(action=AuditAction.CREATE)
    assert entry.changes["post"] == [None, "镇长"]


def test_a_by_election_starts_within_the_term(staff, term):
    mandate = mandate_create(
        actor=staff, person=PersonFactory(), term=term, start=datetime.date(2024, 3, 1)
    )

    assert mandate.start == datetime.date(2024, 3, 1)


@pytest.mark.parametrize("start", [datetime.date(2021, 12, 31), datetime.date(2027, 1, 1)])
def test_a_mandate_starting_outside_its_term_is_refused(staff, term, start):
    person = PersonFactory()
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        mandate_create(actor=staff, person=person, term=term, start=start)

    assert str(caught.value.message) == str(MANDATE_START_OUTSIDE_TERM)
    assert caught.value.extra["errors"]["start"] == [str(MANDATE_START_OUTSIDE_TERM)]


def test_one_seat_per_person_per_term(staff, mandate):
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        mandate_create(actor=staff, person=mandate.person, term=mandate.term)

    assert str(caught.value.message) == constraint_message(Mandate, "mandate_one_seat_per_term")


def test_a_person_may_sit_in_two_congresses_at_once(mandate):
    city_term = TermFactory(
        congress=CongressFactory(region=chongqing(), level=CongressLevel.PROVINCIAL), ordinal=6
    )

    second = mandate_create(actor="test", person=mandate.person, term=city_term)

    assert set(mandate.person.mandates.all()) == {mandate, second}


def test_mandate_create_refuses_unknown_fields(staff, term):
    person = PersonFactory()
    with counts.unchanged(), pytest.raises(ValidationFailed):
        mandate_create(actor=staff, person=person, term=term, end=TERM_END)


def test_mandate_create_outside_scope_is_not_found(other_staff, term):
    person = PersonFactory()
    with counts.unchanged(), pytest.raises(NotFound):
        mandate_create(actor=other_staff, person=person, term=term)


def test_mandate_update_with_from_to(staff, mandate):
    mandate_update(actor=staff, mandate=mandate, post="镇党委书记", work_unit="直升镇党委")

    mandate.refresh_from_db()
    assert mandate.post == "镇党委书记"
    entry = audit.timeline(mandate).get(action=AuditAction.UPDATE)
    assert entry.changes == {
        "post": ["村党支部书记", "镇党委书记"],
        "work_unit": ["直升镇黄泥村", "直升镇党委"],
    }


@pytest.mark.parametrize("start", [datetime.date(2021, 12, 31), datetime.date(2027, 1, 1)])
def test_mandate_update_keeps_the_start_within_the_term(staff, mandate, start):
    """Regression: editing a mandate could move its start outside its term."""
    before = counts()

    with pytest.raises(ValidationFailed) as caught:
        mandate_update(actor=staff, mandate=mandate, start=start)

    assert str(caught.value.message) == str(MANDATE_START_OUTSIDE_TERM)
    mandate.refresh_from_db()
    assert mandate.start == TERM_START
    assert counts() == before


def test_mandate_update_cannot_end_the_mandate(staff, mandate):
    before = counts()

    with pytest.raises(ValidationFailed):
        mandate_update(actor=staff, mandate=mandate, end=RESIGNED, end_reason="resignation")

    mandate.refresh_from_db()
    assert mandate.end is None
    assert counts() == before


def test_mandate_update_outside_scope_is_not_found(other_staff, mandate):
    with counts.unchanged(), pytest.raises(NotFound):
        mandate_update(actor=other_staff, mandate=mandate, post="改")


# --- mandate_end ---------------------------------------------------------------------------------


def test_mandate_end_records_the_end_with_from_to(staff, mandate):
    mandate_end(
        actor=staff,
        mandate=mandate,
        end=RESIGNED,
        reason=MandateEndReason.RESIGNATION,
        note=" 因工作调动辞去代表职务 ",
    )

    mandate.refresh_from_db()
    assert mandate.end == RESIGNED
    assert mandate.end_reason == MandateEndReason.RESIGNATION
    assert mandate.end_note == "因工作调动辞去代表职务"
    entry = audit.timeline(mandate).get(action=AuditAction.STATUS)
    assert entry.actor == staff
    assert entry.changes == {
        "end": [None, "2024-06-30"],
        "end_note": ["", "因工作调动辞去代表职务"],
        "end_reason": ["", "resignation"],
    }


def test_mandate_end_ends_station_assignments_and_group_memberships(staff, mandate):
    head = AssignmentFactory(mandate=mandate, role=AssignmentRole.HEAD)
    member = AssignmentFactory(mandate=mandate)
    earlier = AssignmentFactory(mandate=mandate, start=datetime.date(2022, 1, 1))
    earlier.end = datetime.date(2023, 1, 1)
    earlier.save()
    leadership = MembershipFactory(mandate=mandate, role=GroupRole.LEADER)
    colleague = MembershipFactory(group=leadership.group)

    mandate_end(actor=staff, mandate=mandate, end=RESIGNED, reason=MandateEndReason.RECALL)

    for assignment in (head, member):
        assignment.refresh_from_db()
        assert assignment.end == RESIGNED
        (entry,) = audit.timeline(assignment)
        assert entry.action == AuditAction.STATUS
        assert entry.changes == {"end": [None, "2024-06-30"]}
    earlier.refresh_from_db()
    assert earlier.end == datetime.date(2023, 1, 1)  # an ended assignment keeps its own end
    assert not GroupMembership.objects.filter(mandate=mandate).exists()
    assert GroupMembership.objects.filter(pk=colleague.pk).exists()
    (removal,) = audit.timeline(leadership)
    assert removal.action == AuditAction.DELETE
    assert removal.changes["role"] == [GroupRole.LEADER, None]
    assert removal.note


def test_an_assignment_that_starts_after_the_end_ends_on_its_start(staff, mandate):
    later = AssignmentFactory(mandate=mandate, start=datetime.date(2024, 9, 1))

    mandate_end(actor=staff, mandate=mandate, end=RESIGNED, reason=MandateEndReason.DEATH)

    later.refresh_from_db()
    assert later.end == datetime.date(2024, 9, 1)


@pytest.mark.parametrize("reason", ["", "moved away"])
def test_mandate_end_needs_a_known_reason(staff, mandate, reason):
    before = counts()

    with pytest.raises(ValidationFailed) as caught:
        mandate_end(actor=staff, mandate=mandate, end=RESIGNED, reason=reason)

    assert str(caught.value.message) == str(MANDATE_END_REASON_REQUIRED)
    assert caught.value.extra["errors"]["reason"] == [str(MANDATE_END_REASON_REQUIRED)]
    mandate.refresh_from_db()
    assert mandate.end is None
    assert counts() == before


def test_mandate_end_before_its_start_is_refused(staff, mandate):
    AssignmentFactory(mandate=mandate)
    MembershipFactory(mandate=mandate)
    before = counts()

    with pytest.raises(ValidationFailed) as caught:
        mandate_end(
            actor=staff,
            mandate=mandate,
            end=datetime.date(2021, 12, 31),
            reason=MandateEndReason.TERMINATION,
        )

    assert str(caught.value.message) == str(MANDATE_END_BEFORE_START)
    mandate.refresh_from_db()
    assert mandate.end is None
    assert counts() == before


def test_mandate_end_on_its_first_day_is_allowed(staff, mandate):
    mandate_end(actor=staff, mandate=mandate, end=TERM_START, reason=MandateEndReason.DEATH)

    mandate.refresh_from_db()
    assert mandate.end == TERM_START


def test_ending_an_ended_mandate_is_refused(staff, mandate):
    mandate_end(actor=staff, mandate=mandate, end=RESIGNED, reason=MandateEndReason.RESIGNATION)
    before = counts()

    with pytest.raises(InvalidTransition) as caught:
        mandate_end(actor=staff, mandate=mandate, end=TERM_END, reason=MandateEndReason.EXPIRY)

    assert str(caught.value.message) == str(MANDATE_ALREADY_ENDED)
    mandate.refresh_from_db()
    assert mandate.end == RESIGNED
    assert mandate.end_reason == MandateEndReason.RESIGNATION
    assert counts() == before


def test_a_second_clerk_with_a_stale_copy_is_refused(staff, mandate):
    """Two clerks open the same deputy and both end the mandate: the service re-reads the row
    under a lock, so the second one, holding a copy from before, is told it has ended."""
    first_copy = Mandate.objects.get(pk=mandate.pk)
    second_copy = Mandate.objects.get(pk=mandate.pk)

    mandate_end(actor=staff, mandate=first_copy, end=RESIGNED, reason=MandateEndReason.RESIGNATION)
    before = counts()
    with pytest.raises(InvalidTransition):
        mandate_end(actor=staff, mandate=second_copy, end=TERM_END, reason=MandateEndReason.EXPIRY)

    mandate.refresh_from_db()
    assert (mandate.end, mandate.end_reason) == (RESIGNED, MandateEndReason.RESIGNATION)
    assert audit.timeline(mandate).filter(action=AuditAction.STATUS).count() == 1
    assert counts() == before


@needs_waiting_writers
@pytest.mark.django_db(transaction=True)
def test_two_clerks_ending_the_same_mandate_at_once_one_wins():
    mandate = MandateFactory()
    start = threading.Barrier(2)
    outcomes = []

    def end_it(day, reason):
        try:
            copy = Mandate.objects.get(pk=mandate.pk)
            start.wait(timeout=10)
            mandate_end(actor="clerk", mandate=copy, end=day, reason=reason)
            outcomes.append("ended")
        except InvalidTransition as exc:
            outcomes.append(str(exc.message))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=end_it, args=(RESIGNED, MandateEndReason.RESIGNATION)),
        threading.Thread(target=end_it, args=(TERM_END, MandateEndReason.EXPIRY)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == sorted(["ended", str(MANDATE_ALREADY_ENDED)])
    assert audit.timeline(mandate).filter(action=AuditAction.STATUS).count() == 1


def test_mandate_end_outside_scope_is_not_found(other_staff, mandate):
    with counts.unchanged(), pytest.raises(NotFound):
        mandate_end(
            actor=other_staff, mandate=mandate, end=RESIGNED, reason=MandateEndReason.RESIGNATION
        )


def test_the_deputy_cannot_end_their_own_mandate(mandate):
    deputy = user_with(Role.DEPUTY, person=mandate.person)
    with counts.unchanged(), pytest.raises(NotFound):
        mandate_end(
            actor=deputy, mandate=mandate, end=RESIGNED, reason=MandateEndReason.RESIGNATION
        )


def test_staff_of_the_electoral_town_do_not_change_a_district_mandate(mandate):
    """A seat is kept by the staff of its congress's region; the town where the deputy was
    elected reads it but does not change it."""
    street = town()
    mandate.electoral_region = street
    mandate.save()
    town_staff = user_with(Role.STAFF, region=street)
    before = counts()

    with pytest.raises(NotFound):
        mandate_update(actor=town_staff, mandate=mandate, post="村委会主任")

    mandate.refresh_from_db()
    assert mandate.post != "村委会主任"
    assert counts() == before


# --- Deputy groups -------------------------------------------------------------------------------


@pytest.fixture
def group(term):
    return GroupFactory(name="直升镇代表小组", congress=term.congress, region=town())


def test_group_create_is_audited(staff, term):
    street = town()

    group = group_create(
        actor=staff,
        congress=term.congress,
        region=street,
        name=" 直升镇代表小组 ",
        kind=GroupKind.DEPUTY_GROUP,
    )

    assert group.name == "直升镇代表小组"
    assert audit.timeline(group).filter(action=AuditAction.CREATE).exists()


def test_a_repeated_group_name_in_a_congress_is_refused(staff, group):
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        group_create(
            actor=staff,
            congress=group.congress,
            region=group.region,
            name="直升镇代表小组",
            kind=GroupKind.DEPUTY_GROUP,
        )

    assert str(caught.value.message) == constraint_message(DeputyGroup, "group_unique_name")


def test_group_create_outside_scope_is_not_found(other_staff, term):
    with counts.unchanged(), pytest.raises(NotFound):
        group_create(
            actor=other_staff,
            congress=term.congress,
            region=town(),
            name="直升镇代表小组",
            kind=GroupKind.DEPUTY_GROUP,
        )


def test_group_update_with_from_to(staff, group):
    group_update(actor=staff, group=group, kind=GroupKind.SPECIALIST_GROUP)

    entry = audit.timeline(group).get(action=AuditAction.UPDATE)
    assert entry.changes == {"kind": [GroupKind.DEPUTY_GROUP, GroupKind.SPECIALIST_GROUP]}


def test_group_update_cannot_move_the_group(staff, group):
    with counts.unchanged(), pytest.raises(ValidationFailed):
        group_update(actor=staff, group=group, region=rongchang())


@freeze_time("2024-06-01")
def test_group_member_add_is_audited(staff, group, mandate):
    membership = group_member_add(actor=staff, group=group, mandate=mandate, role=GroupRole.LEADER)

    assert membership.role == GroupRole.LEADER
    entry = audit.timeline(membership).get(action=AuditAction.CREATE)
    assert entry.changes["role"] == [None, GroupRole.LEADER]


@freeze_time("2024-06-01")
def test_a_group_has_one_leader(staff, group, mandate, term):
    group_member_add(actor=staff, group=group, mandate=mandate, role=GroupRole.LEADER)
    other = MandateFactory(term=term)
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        group_member_add(actor=staff, group=group, mandate=other, role=GroupRole.LEADER)

    assert str(caught.value.message) == constraint_message(GroupMembership, "membership_one_leader")


@freeze_time("2024-06-01")
def test_a_group_may_have_several_deputy_leaders(staff, group, mandate, term):
    group_member_add(actor=staff, group=group, mandate=mandate, role=GroupRole.LEADER)
    for _ in range(2):
        group_member_add(
            actor=staff,
            group=group,
            mandate=MandateFactory(term=term),
            role=GroupRole.DEPUTY_LEADER,
        )

    assert group.memberships.count() == 3


@freeze_time("2024-06-01")
def test_a_deputy_joins_a_group_once(staff, group, mandate):
    group_member_add(actor=staff, group=group, mandate=mandate)
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        group_member_add(actor=staff, group=group, mandate=mandate)

    assert str(caught.value.message) == constraint_message(
        GroupMembership, "membership_once_per_group"
    )


@freeze_time("2024-06-01")
def test_an_ended_mandate_cannot_join_a_group(staff, group, mandate):
    """Regression: the check read the caller's copy of the mandate, which may predate its end."""
    mandate_end(actor=staff, mandate=mandate, end=datetime.date(2024, 5, 31), reason="resignation")
    with counts.unchanged(), pytest.raises(InvalidTransition) as caught:
        group_member_add(actor=staff, group=group, mandate=mandate)

    assert str(caught.value.message) == str(MANDATE_ALREADY_ENDED)


@freeze_time("2024-06-01")
def test_group_member_add_outside_scope_is_not_found(other_staff, group, mandate):
    with counts.unchanged(), pytest.raises(NotFound):
        group_member_add(actor=other_staff, group=group, mandate=mandate)


def test_group_member_remove_is_audited(staff, group, mandate):
    membership = MembershipFactory(group=group, mandate=mandate)
    pk = membership.pk

    group_member_remove(actor=staff, membership=membership, note="调整小组")

    assert not GroupMembership.objects.filter(pk=pk).exists()
    entry = audit.timeline(membership).get(action=AuditAction.DELETE)
    assert entry.note == "调整小组"


def test_group_member_remove_outside_scope_is_not_found(other_staff, group, mandate):
    membership = MembershipFactory(group=group, mandate=mandate)
    with counts.unchanged(), pytest.raises(NotFound):
        group_member_remove(actor=other_staff, membership=membership)

    assert GroupMembership.objects.filter(pk=membership.pk).exists()


# --- deputy_create, and who may add people ------------------------------------------------------


def test_deputy_create_makes_the_person_and_the_first_seat(staff, term):
    seat = deputy_create(
        actor=staff,
        person={"name": "陈新", "gender": Gender.FEMALE, "phone": "13700000000"},
        term=term,
        seat={"electoral_region": town(), "post": "校长"},
    )

    assert seat.person.name_initials == "cx"
    assert (seat.term, seat.start, seat.post) == (term, term.start, "校长")
    # The new record lies inside the creator's scope at once.
    assert Person.objects.restrict(staff).filter(pk=seat.person.pk).exists()
    assert audit.timeline(seat.person).filter(action=AuditAction.CREATE).exists()
    assert audit.timeline(seat).filter(action=AuditAction.CREATE).exists()


def test_deputy_create_in_another_districts_term_writes_nothing(other_staff, term):
    with counts.unchanged(), pytest.raises(NotFound):
        deputy_create(
            actor=other_staff, person={"name": "陈新", "gender": Gender.FEMALE}, term=term
        )


def test_deputy_create_with_a_bad_seat_writes_no_person_either(staff, term):
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        deputy_create(
            actor=staff,
            person={"name": "陈新", "gender": Gender.FEMALE},
            term=term,
            seat={"start": datetime.date(2030, 1, 1)},
        )

    assert str(caught.value.message) == str(MANDATE_START_OUTSIDE_TERM)


def test_only_staff_add_people():
    deputy = user_with(Role.DEPUTY, person=PersonFactory())
    with counts.unchanged(), pytest.raises(PermissionRefused) as caught:
        person_create(actor=deputy, name="陈新", gender=Gender.FEMALE)

    assert str(caught.value.message) == str(ONLY_STAFF_ADD_PEOPLE)


def test_a_group_cannot_hang_on_a_congress_of_another_region(staff):
    tongliang_congress = TermFactory(congress=CongressFactory(region=tongliang())).congress
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        group_create(
            actor=staff,
            congress=tongliang_congress,
            region=town(),
            name="越界小组",
            kind=GroupKind.DEPUTY_GROUP,
        )

    assert str(caught.value.message) == str(GROUP_OUTSIDE_CONGRESS)


def test_town_staff_make_a_district_group_for_their_town(term):
    zhisheng = town()
    town_staff = user_with(Role.STAFF, region=zhisheng)

    group = group_create(
        actor=town_staff,
        congress=term.congress,
        region=zhisheng,
        name="直升镇代表小组",
        kind=GroupKind.DEPUTY_GROUP,
    )

    assert group.congress == term.congress

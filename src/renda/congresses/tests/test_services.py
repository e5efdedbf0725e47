"""Writes for congresses, terms and sessions."""

import datetime

import pytest

from renda.accounts.tests.factories import user_with
from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Session, Term
from renda.congresses.services import (
    congress_create,
    congress_update,
    session_create,
    session_update,
    term_create,
    term_update,
)
from renda.congresses.tests.factories import CongressFactory, SessionFactory, TermFactory
from renda.core import audit
from renda.core.choices import AuditAction, Role
from renda.core.exceptions import NotFound, ValidationFailed
from renda.core.models import AuditEntry
from renda.core.services import OUT_OF_SCOPE
from renda.core.testing import constraint_message, counter
from renda.regions.tests.factories import rongchang, tongliang, town

pytestmark = pytest.mark.django_db

JAN_1_2022 = datetime.date(2022, 1, 1)
DEC_31_2026 = datetime.date(2026, 12, 31)


counts = counter(Congress, Term, Session, AuditEntry)


@pytest.fixture
def staff():
    return user_with(Role.STAFF, region=rongchang())


@pytest.fixture
def other_staff():
    return user_with(Role.STAFF, region=tongliang())


# --- Congress ------------------------------------------------------------------------------------


def test_congress_create_names_itself_after_the_region(staff):
    congress = congress_create(actor=staff, region=rongchang(), level=CongressLevel.COUNTY)

    assert congress.name == "荣昌区人民代表大会"
    entry = audit.timeline(congress).get(action=AuditAction.CREATE)
    assert entry.actor == staff
    assert entry.changes["name"] == [None, "荣昌区人民代表大会"]


def test_a_town_congress_by_town_staff():
    street = town()
    town_staff = user_with(Role.STAFF, region=street)

    congress = congress_create(
        actor=town_staff, region=street, level=CongressLevel.TOWN, name="直升镇人民代表大会"
    )

    assert congress.region == street


def test_a_second_congress_at_the_same_level_is_refused(staff):
    CongressFactory(region=rongchang(), level=CongressLevel.COUNTY)
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        congress_create(actor=staff, region=rongchang(), level=CongressLevel.COUNTY)

    assert str(caught.value.message) == constraint_message(
        Congress, "congress_one_per_region_level"
    )


def test_congress_create_outside_scope_is_not_found(other_staff):
    with counts.unchanged(), pytest.raises(NotFound) as caught:
        congress_create(actor=other_staff, region=rongchang(), level=CongressLevel.COUNTY)

    assert str(caught.value.message) == str(OUT_OF_SCOPE)


def test_congress_update_renames_with_from_to(staff):
    congress = CongressFactory(name="荣昌县人民代表大会")

    congress_update(actor=staff, congress=congress, name="荣昌区人民代表大会")

    congress.refresh_from_db()
    assert congress.name == "荣昌区人民代表大会"
    entry = audit.timeline(congress).get(action=AuditAction.UPDATE)
    assert entry.changes == {"name": ["荣昌县人民代表大会", "荣昌区人民代表大会"]}


def test_congress_update_cannot_move_the_congress(staff):
    congress = CongressFactory()
    before = counts()

    with pytest.raises(ValidationFailed):
        congress_update(actor=staff, congress=congress, level=CongressLevel.TOWN)

    congress.refresh_from_db()
    assert congress.level == CongressLevel.COUNTY
    assert counts() == before


def test_congress_update_outside_scope_is_not_found(other_staff):
    congress = CongressFactory()
    before = counts()

    with pytest.raises(NotFound):
        congress_update(actor=other_staff, congress=congress, name="改名")

    congress.refresh_from_db()
    assert congress.name == "荣昌区人民代表大会"
    assert counts() == before


# --- Term ----------------------------------------------------------------------------------------


def test_term_create_is_audited_and_reads_as_its_chinese_name(staff):
    congress = CongressFactory()

    term = term_create(
        actor=staff, congress=congress, ordinal=19, start=JAN_1_2022, end=DEC_31_2026
    )

    assert str(term) == "荣昌区第十九届人民代表大会"
    assert term.label == "第十九届"
    entry = audit.timeline(term).get(action=AuditAction.CREATE)
    assert entry.changes["start"] == [None, "2022-01-01"]
    assert entry.changes["end"] == [None, "2026-12-31"]


def test_a_term_may_be_open_ended(staff):
    term = term_create(actor=staff, congress=CongressFactory(), ordinal=20, start=JAN_1_2022)

    assert term.end is None


def test_a_duplicate_term_number_is_refused_and_nothing_written(staff):
    congress = CongressFactory()
    TermFactory(congress=congress, ordinal=19)
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        term_create(actor=staff, congress=congress, ordinal=19, start=datetime.date(2027, 1, 1))

    assert str(caught.value.message) == constraint_message(Term, "term_unique_ordinal")


def test_the_same_term_number_in_another_congress_is_fine():
    TermFactory(congress=CongressFactory(region=rongchang()), ordinal=19)

    term = term_create(
        actor="test", congress=CongressFactory(region=tongliang()), ordinal=19, start=JAN_1_2022
    )

    assert term.congress.region.name == "铜梁区"


@pytest.mark.parametrize("end", [datetime.date(2021, 12, 31), JAN_1_2022])
def test_a_term_ending_before_or_as_it_starts_is_refused(staff, end):
    congress = CongressFactory()
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        term_create(actor=staff, congress=congress, ordinal=19, start=JAN_1_2022, end=end)

    assert str(caught.value.message) == constraint_message(Term, "term_end_after_start")


def test_term_create_outside_scope_is_not_found(other_staff):
    congress = CongressFactory()
    with counts.unchanged(), pytest.raises(NotFound) as caught:
        term_create(actor=other_staff, congress=congress, ordinal=19, start=JAN_1_2022)

    assert str(caught.value.message) == str(OUT_OF_SCOPE)


def test_a_liaison_cannot_create_a_term():
    from renda.stations.tests.factories import StationFactory

    liaison = user_with(Role.LIAISON, station=StationFactory())
    congress = CongressFactory()
    with counts.unchanged(), pytest.raises(NotFound):
        term_create(actor=liaison, congress=congress, ordinal=19, start=JAN_1_2022)


def test_term_update_with_from_to(staff):
    term = TermFactory(end=None)

    term_update(actor=staff, term=term, end=DEC_31_2026)

    term.refresh_from_db()
    assert term.end == DEC_31_2026
    entry = audit.timeline(term).get(action=AuditAction.UPDATE)
    assert entry.changes == {"end": [None, "2026-12-31"]}


def test_term_update_refuses_an_end_before_the_start(staff):
    term = TermFactory()
    before = counts()

    with pytest.raises(ValidationFailed) as caught:
        term_update(actor=staff, term=term, end=datetime.date(2021, 6, 30))

    assert str(caught.value.message) == constraint_message(Term, "term_end_after_start")
    term.refresh_from_db()
    assert term.end == DEC_31_2026
    assert counts() == before


def test_term_update_cannot_renumber_the_term(staff):
    term = TermFactory()
    before = counts()

    with pytest.raises(ValidationFailed):
        term_update(actor=staff, term=term, ordinal=20)

    term.refresh_from_db()
    assert term.ordinal == 19
    assert counts() == before


def test_term_update_outside_scope_is_not_found(other_staff):
    term = TermFactory()
    before = counts()

    with pytest.raises(NotFound):
        term_update(actor=other_staff, term=term, end=None)

    term.refresh_from_db()
    assert term.end == DEC_31_2026
    assert counts() == before


def test_current_terms_on_a_day():
    running = TermFactory()
    old = TermFactory(ordinal=18, start=datetime.date(2017, 1, 1), end=datetime.date(2021, 12, 31))

    assert list(Term.objects.current(datetime.date(2024, 6, 1))) == [running]
    assert list(Term.objects.current(datetime.date(2021, 12, 31))) == [old]
    assert list(Term.objects.current(datetime.date(2027, 1, 1))) == []


# --- Session -------------------------------------------------------------------------------------


def test_session_create_reads_as_its_chinese_name(staff):
    term = TermFactory()

    session = session_create(
        actor=staff,
        term=term,
        ordinal=3,
        start=datetime.date(2024, 1, 8),
        end=datetime.date(2024, 1, 11),
    )

    assert str(session) == "荣昌区第十九届人民代表大会第三次会议"
    assert audit.timeline(session).filter(action=AuditAction.CREATE).exists()


def test_a_one_day_session_is_fine(staff):
    day = datetime.date(2024, 1, 8)

    session = session_create(actor=staff, term=TermFactory(), ordinal=3, start=day, end=day)

    assert session.start == session.end


def test_a_duplicate_session_number_is_refused(staff):
    term = TermFactory()
    SessionFactory(term=term, ordinal=1)
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        session_create(
            actor=staff,
            term=term,
            ordinal=1,
            start=datetime.date(2023, 1, 9),
            end=datetime.date(2023, 1, 12),
        )

    assert str(caught.value.message) == constraint_message(Session, "session_unique_ordinal")


def test_a_session_ending_before_it_starts_is_refused(staff):
    term = TermFactory()
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        session_create(
            actor=staff,
            term=term,
            ordinal=2,
            start=datetime.date(2023, 1, 12),
            end=datetime.date(2023, 1, 9),
        )

    assert str(caught.value.message) == constraint_message(Session, "session_end_not_before_start")


def test_session_create_outside_scope_is_not_found(other_staff):
    term = TermFactory()
    with counts.unchanged(), pytest.raises(NotFound):
        session_create(
            actor=other_staff,
            term=term,
            ordinal=2,
            start=datetime.date(2023, 1, 9),
            end=datetime.date(2023, 1, 12),
        )


def test_session_update_with_from_to(staff):
    session = SessionFactory()

    session_update(actor=staff, session=session, end=datetime.date(2022, 1, 14))

    entry = audit.timeline(session).get(action=AuditAction.UPDATE)
    assert entry.changes == {"end": ["2022-01-13", "2022-01-14"]}


def test_session_update_refuses_an_end_before_the_start(staff):
    session = SessionFactory()
    before = counts()

    with pytest.raises(ValidationFailed):
        session_update(actor=staff, session=session, end=datetime.date(2022, 1, 1))

    session.refresh_from_db()
    assert session.end == datetime.date(2022, 1, 13)
    assert counts() == before


def test_session_update_outside_scope_is_not_found(other_staff):
    session = SessionFactory()
    with counts.unchanged(), pytest.raises(NotFound):
        session_update(actor=other_staff, session=session, end=datetime.date(2022, 1, 14))

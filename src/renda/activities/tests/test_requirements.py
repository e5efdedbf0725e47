"""The minimums ("341 311") as a deputy and staff read them: the words, a term minimum "in
progress" before the term's last year and "not met" in it, excused shortfalls shown and never
counted as met, and the shortfall list in constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from freezegun import freeze_time

from renda.activities import requirements, shortfalls
from renda.activities.choices import ActivityStatus, Compliance, Period
from renda.activities.choices import RequirementCategory as C
from renda.activities.requirements import Rule, standings
from renda.activities.tests.factories import ExcuseFactory, needed, world
from renda.congresses.models import Congress
from renda.people.tests.factories import GroupFactory, MandateFactory, MembershipFactory

pytestmark = pytest.mark.django_db


RULES = [Rule(C.SPEECH, Period.YEAR, 3), Rule(C.TRAINING, Period.TERM, 3)]


# --- The pure rule ----------------------------------------------------------------------------


def test_what_is_still_needed_reads_as_a_sentence():
    year, term = standings(RULES, {C.SPEECH: 2}, {C.TRAINING: 3}, term_ends_this_year=False)
    with translation.override("en"):
        assert year.words == "This year: 1 more deliberation speeches needed"
        assert term.words == "This term: training 3 of at least 3, met"
    assert year.words == needed(C.SPEECH, 1)
    assert year.status == Compliance.NOT_MET and year.remaining == 1 and term.met


def test_a_term_minimum_is_in_progress_before_the_last_year():
    _year, term = standings(RULES, {C.SPEECH: 3}, {C.TRAINING: 1}, term_ends_this_year=False)
    assert term.status == Compliance.IN_PROGRESS
    assert requirements.overall([_year, term]) == Compliance.MET


def test_a_term_minimum_is_not_met_in_the_last_year():
    year, term = standings(RULES, {C.SPEECH: 3}, {C.TRAINING: 1}, term_ends_this_year=True)
    assert term.status == Compliance.NOT_MET
    assert requirements.overall([year, term]) == Compliance.NOT_MET


def test_an_excused_shortfall_is_shown_and_not_met():
    year, _term = standings(
        RULES, {}, {C.TRAINING: 3}, term_ends_this_year=False, excuse="因病 2024-03-01–2024-08-31"
    )
    assert year.status == Compliance.EXCUSED and not year.met
    assert year.excuse
    assert requirements.overall([year]) == Compliance.EXCUSED


def test_an_excuse_does_not_mark_a_met_minimum():
    year, _term = standings(RULES, {C.SPEECH: 4}, {}, term_ends_this_year=False, excuse="x")
    assert year.status == Compliance.MET and year.excuse == ""


# --- Progress of seats ------------------------------------------------------------------------


@pytest.fixture
def w():
    with freeze_time("2024-06-15 10:00:00+08:00"):
        yield world()


def test_progress_counts_only_verified_activities_of_the_year(w):
    for n in range(2):
        w.make(w.li_seat, code="standing_committee_speech", content=f"审议发言{n}")
    w.make(w.li_seat, ActivityStatus.SUBMITTED, code="standing_committee_speech", content="待")
    w.make(w.li_seat, code="standing_committee_speech", day=datetime.date(2023, 5, 1))
    (p,) = requirements.progress([w.li_seat], 2024)
    speech = next(s for s in p.year_standings if s.category == C.SPEECH)
    assert speech.count == 2
    assert speech.words == needed(C.SPEECH, 1)


def test_tallies_match_a_count_of_the_rows(w):
    """The one-row-per-seat tally against a plain count of the same verified rows: categories
    this year and over the term, and the sums asked for (counts and person-times)."""
    from renda.activities.models import Activity

    w.make(w.li_seat, code="visit", person_times=30, content="走访")
    w.make(w.li_seat, code="reception", person_times=12, content="接待")
    w.make(w.li_seat, code="visit", person_times=50, day=datetime.date(2023, 4, 1), content="旧")
    w.make(w.li_seat, ActivityStatus.REJECTED, code="visit", person_times=99, content="驳回")
    w.make(w.wang_seat, code="training", day=datetime.date(2023, 9, 1), content="培训")
    seats = [w.li_seat, w.wang_seat, w.tl_seat]
    first = datetime.date(2024, 1, 1)
    visits = sorted(w.types[c].pk for c in ("visit", "reception"))
    rows = Activity.objects.filter(mandate__in=seats, day__lte=datetime.date(2024, 12, 31))
    counted = requirements.tallies(
        rows,
        first,
        categories=requirements.category_types({s.congress_id for s in seats}),
        sums=[
            (visits, requirements.COUNT),
            (visits, requirements.PERSON_TIMES),
            ([], requirements.COUNT),
        ],
    )
    for seat in seats:
        mine = [a for a in rows.select_related("activity_type") if a.mandate_id == seat.pk]
        verified = [a for a in mine if a.status == ActivityStatus.VERIFIED]
        year = [a for a in verified if a.day >= first]
        if not verified:
            assert seat.pk not in counted
            continue
        tally = counted[seat.pk]
        for category in C.values:
            assert tally.term.get(category, 0) == sum(
                a.activity_type.category == category for a in verified
            )
            assert tally.year.get(category, 0) == sum(
                a.activity_type.category == category for a in year
            )
        in_visits = [a for a in year if a.activity_type_id in visits]
        assert tally.sums == [len(in_visits), sum(a.person_times or 0 for a in in_visits), 0]
    assert counted[w.li_seat.pk].sums[1] == 42


def test_the_terms_last_year_turns_term_minimums_into_shortfalls(w):
    (p2024,) = requirements.progress([w.li_seat], 2024)
    (p2026,) = requirements.progress([w.li_seat], 2026)
    training_2024 = next(s for s in p2024.term_standings if s.category == C.TRAINING)
    training_2026 = next(s for s in p2026.term_standings if s.category == C.TRAINING)
    assert training_2024.status == Compliance.IN_PROGRESS
    assert training_2026.status == Compliance.NOT_MET


def test_an_excused_absence_in_the_year_is_shown_beside_the_shortfalls(w):
    ExcuseFactory(mandate=w.li_seat, start=datetime.date(2024, 3, 1))
    ExcuseFactory(
        mandate=w.wang_seat, start=datetime.date(2022, 3, 1), end=datetime.date(2022, 4, 1)
    )
    li, wang = requirements.progress([w.li_seat, w.wang_seat], 2024)
    assert li.compliance == Compliance.EXCUSED and li.excuses
    assert wang.compliance == Compliance.NOT_MET and not wang.excuses


# --- The shortfall list -----------------------------------------------------------------------


def test_shortfalls_lists_those_below_and_those_excused_apart(w):
    ExcuseFactory(mandate=w.wang_seat)
    with freeze_time("2024-06-15 10:00:00+08:00"):
        report = shortfalls.report(Congress.objects.filter(pk=w.congress.pk), 2024)
    assert [r.mandate for r in report.below] == [w.li_seat]
    assert [r.mandate for r in report.excused] == [w.wang_seat]
    assert needed(C.SPEECH, 3) in report.below[0].words
    assert report.seats == 2


def test_shortfalls_filter_by_town_and_group(w):
    group = GroupFactory(congress=w.congress)
    MembershipFactory(group=group, mandate=w.wang_seat)
    congresses = Congress.objects.filter(pk=w.congress.pk)
    with freeze_time("2024-06-15 10:00:00+08:00"):
        by_town = shortfalls.report(congresses, 2024, town=w.zs)
        by_group = shortfalls.report(congresses, 2024, group=group)
    assert [r.mandate for r in by_town.below] == [w.li_seat]
    assert [r.mandate for r in by_group.below] == [w.wang_seat]
    assert by_group.below[0].groups == [group]


def test_a_deputy_meeting_every_minimum_is_not_listed(w):
    codes = ["standing_committee_speech"] * 3 + ["inspection"] * 4 + ["suggestion"]
    for n, code in enumerate(codes):
        w.make(w.wang_seat, code=code, content=f"履职{n}")
    with freeze_time("2024-06-15 10:00:00+08:00"):
        report = shortfalls.report(Congress.objects.filter(pk=w.congress.pk), 2024)
    assert w.wang_seat not in [r.mandate for r in report.below + report.excused]


def test_shortfall_queries_do_not_grow_with_deputies(w):
    congresses = Congress.objects.filter(pk=w.congress.pk)

    def count():
        with CaptureQueriesContext(connection) as ctx, freeze_time("2024-06-15"):
            report = shortfalls.report(congresses, 2024)
            shortfalls.workbook("t", report)
        return len(ctx.captured_queries)

    few = count()
    for _n in range(5):
        seat = MandateFactory(term=w.rc_term, electoral_region=w.zs)
        MembershipFactory(group=GroupFactory(congress=w.congress), mandate=seat)
        ExcuseFactory(mandate=seat)
    assert count() == few


def test_the_export_is_a_spreadsheet_with_a_row_per_deputy(w):
    import io

    from openpyxl import load_workbook

    ExcuseFactory(mandate=w.wang_seat)
    with freeze_time("2024-06-15"):
        report = shortfalls.report(Congress.objects.filter(pk=w.congress.pk), 2024)
    sheet = load_workbook(io.BytesIO(shortfalls.workbook("名单", report))).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    by_name = {r[1]: r for r in rows}
    assert set(by_name) == {"黎源", "王芳"}
    assert by_name["王芳"][7] == "未达到（已说明原因）"
    assert needed(C.SPEECH, 3) in by_name["黎源"][5]

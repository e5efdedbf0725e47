"""Dates and numbers that make sense (issue 10): progress dated within the commitment's year and
not in the future; a year's window in or just before its year; each year's commitments under
their own heading on the public page; one set a year per deputy, however many seats; no stale
progress bar beside a result; overdue approved commitments marked; typed text limited."""

import datetime

import pytest
from django.urls import reverse

from renda.commitments import services
from renda.commitments.choices import CommitmentStatus
from renda.commitments.forms import CommitmentForm, ProgressForm
from renda.commitments.models import (
    Commitment,
    CommitmentCategory,
    CommitmentProgress,
    CommitmentYear,
)
from renda.commitments.tests.factories import CommitmentYearFactory, world
from renda.congresses.choices import CongressLevel
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.exceptions import ValidationFailed
from renda.core.models import AuditEntry
from renda.core.testing import counter, frozen_at, login, main
from renda.people.tests.factories import MandateFactory
from renda.regions.tests.factories import town

pytestmark = pytest.mark.django_db

S = CommitmentStatus

frozen = frozen_at("2026-06-01 10:00:00+08:00")

counts = counter(CommitmentYear, CommitmentCategory, Commitment, CommitmentProgress, AuditEntry)


@pytest.fixture
def w():
    w = world()
    w.approved = w.make(w.li_seat, S.APPROVED, "宣讲民法典10场", target_value=10, target_unit="场")
    return w


# --- Progress reports -------------------------------------------------------------------------


def test_progress_dated_within_the_year_and_not_later_than_today_is_recorded(w):
    made = services.progress_add(
        actor=w.deputy, commitment=w.approved, text="宣讲2场", day=datetime.date(2026, 5, 31)
    )
    assert made.day == datetime.date(2026, 5, 31)
    today = services.progress_add(actor=w.deputy, commitment=w.approved, text="宣讲1场")
    assert today.day == datetime.date(2026, 6, 1)


FUTURE = services.PROGRESS_IN_FUTURE
OUTSIDE = services.PROGRESS_OUTSIDE_YEAR


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (datetime.date(2026, 6, 2), FUTURE),
        (datetime.date(2027, 6, 1), FUTURE),
        (datetime.date(2019, 6, 1), OUTSIDE),
        (datetime.date(2025, 12, 31), OUTSIDE),
    ],
    ids=["tomorrow", "next year", "years ago", "the year before"],
)
def test_progress_dated_in_the_future_or_outside_the_year_is_refused(w, day, message):
    """Regression: 2027-06-01 and 2019-06-01 were accepted and counted toward a 2026 target."""
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        services.progress_add(
            actor=w.deputy, commitment=w.approved, text="宣讲2场", day=day, value=2
        )
    assert str(caught.value.message) == str(message) % {"year": 2026}
    assert caught.value.extra["errors"].keys() == {"day"}


def test_the_progress_page_refuses_a_future_date_in_chinese_and_writes_nothing(client, w):
    url = reverse("commitments:progress_add", args=[w.approved.pk])
    before = counts()
    response = login(client, w.deputy).post(url, {"text": "宣讲2场", "day": "2027-06-01"})
    assert response.status_code == 200
    assert "进展日期不能晚于今天" in main(response)
    assert counts() == before


def test_the_progress_form_says_the_rule_and_limits_the_picker(w):
    form = ProgressForm(commitment=w.approved)
    attrs = form.fields["day"].widget.attrs
    assert (attrs["min"], attrs["max"]) == ("2026-01-01", "2026-06-01")
    assert form.fields["day"].help_text
    assert form.fields["text"].max_length == 2000


def test_the_progress_picker_of_a_past_year_ends_on_its_last_day(w):
    earlier = CommitmentYearFactory(congress=w.cycle.congress, year=2025)
    old = w.make(w.li_seat, S.APPROVED, "2025年的承诺", commitment_year=earlier)
    attrs = ProgressForm(commitment=old).fields["day"].widget.attrs
    assert (attrs["min"], attrs["max"]) == ("2025-01-01", "2025-12-31")


# --- The submission window --------------------------------------------------------------------


def _open(actor, congress, opens, closes, year=2027):
    return services.commitment_year_open(
        actor=actor, congress=congress, year=year, opens=opens, closes=closes
    )


def test_a_window_opening_in_the_autumn_before_is_accepted(w):
    cycle = _open(
        w.staff_rc, w.rc_term.congress, datetime.date(2026, 10, 1), datetime.date(2027, 1, 31)
    )
    assert (cycle.opens, cycle.closes) == (datetime.date(2026, 10, 1), datetime.date(2027, 1, 31))


@pytest.mark.parametrize(
    ("opens", "closes", "fields"),
    [
        (datetime.date(2019, 1, 1), datetime.date(2019, 2, 28), {"opens", "closes"}),
        (datetime.date(2026, 9, 30), datetime.date(2027, 1, 31), {"opens"}),
        (datetime.date(2027, 1, 1), datetime.date(2028, 1, 1), {"closes"}),
    ],
    ids=["years before", "too early", "after the year"],
)
def test_a_window_outside_its_year_is_refused(w, opens, closes, fields):
    """Regression: a 2027 year with a 2019 window was saved."""
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        _open(w.staff_rc, w.rc_term.congress, opens, closes)
    assert set(caught.value.extra["errors"]) == fields
    assert "2027" in str(caught.value.message)


def test_moving_a_window_out_of_its_year_is_refused(w):
    with counts.unchanged(), pytest.raises(ValidationFailed):
        services.commitment_year_update(
            actor=w.staff_rc, cycle=w.cycle, opens=datetime.date(2019, 1, 1)
        )
    w.cycle.refresh_from_db()
    assert w.cycle.opens == datetime.date(2026, 1, 1)


def test_the_year_page_refuses_a_window_of_another_year_in_chinese(client, w):
    congress = CongressFactory(region=town(), level=CongressLevel.TOWN)
    TermFactory(congress=congress)
    staff = w.staff_rc
    before = counts()
    response = login(client, staff).post(
        reverse("commitments:year_create"),
        {
            "congress": w.rc_term.congress.pk,
            "year": 2027,
            "opens": "2019-01-01",
            "closes": "2019-02-28",
            "min_count": 3,
            "max_count": 6,
        },
    )
    assert response.status_code == 200
    assert "2027年度的提交期限应在2026年10月1日至2027年12月31日之间" in main(response)
    assert counts() == before


# --- The public page ----------------------------------------------------------------------------


def test_each_year_is_listed_under_its_own_heading(client, w):
    """Regression: 2027 commitments appeared under "2026年度承诺"."""
    next_year = CommitmentYearFactory(congress=w.cycle.congress, year=2027)
    w.make(w.li_seat, S.APPROVED, "2027年的承诺", commitment_year=next_year)
    body = main(client.get(reverse("portal:deputy", args=[w.li.pk])))
    h2026, h2027 = body.index("2026年度承诺"), body.index("2027年度承诺")
    assert h2026 < body.index("宣讲民法典10场") < h2027 < body.index("2027年的承诺")


def test_a_concluded_commitment_shows_its_result_without_a_stale_bar(client, w):
    w.make(w.li_seat, S.FULFILLED, "走访选民20户", target_value=20, target_unit="户")
    body = main(client.get(reverse("portal:deputy", args=[w.li.pk])))
    block = body[body.index("走访选民20户") :]
    block = block[: block.index("</div>\n  </div>")]
    assert "已完成" in main(client.get(reverse("portal:deputy", args=[w.li.pk])))
    assert "0 / 20" not in body and "progressbar" not in block
    # The approved one keeps its bar.
    assert "0 / 10 场" in body


# --- The deputy's own page ----------------------------------------------------------------------


def test_a_deputy_with_two_seats_is_told_one_set_a_year(client, w, frozen):
    """Regression: a deputy with two seats saw "已填报 3 条，应填报 3 至 6 条" twice."""
    frozen.move_to("2026-01-15 10:00:00+08:00")  # both windows open
    town_congress = CongressFactory(region=w.zs, level=CongressLevel.TOWN)
    town_seat = MandateFactory(person=w.li, term=TermFactory(congress=town_congress))
    town_cycle = CommitmentYearFactory(congress=town_congress)
    w.make(town_seat, S.APPROVED, "为场镇修路", commitment_year=town_cycle)
    body = main(login(client, w.deputy).get(reverse("commitments:mine")))
    assert body.count("应填报") == 1
    assert "已填报 2 条，应填报 3 至 6 条" in body
    for cycle in (w.cycle, town_cycle):
        assert reverse("commitments:commitment_create", args=[w.li.pk, cycle.pk]) in body


def test_an_approved_commitment_past_its_due_date_is_marked_overdue(client, w):
    late = w.make(w.li_seat, S.APPROVED, "五月底前修好便民桥", due=datetime.date(2026, 5, 31))
    done = w.make(w.li_seat, S.FULFILLED, "四月底前走访", due=datetime.date(2026, 4, 30))
    assert late.is_overdue and not done.is_overdue and not w.approved.is_overdue
    body = main(login(client, w.deputy).get(reverse("commitments:mine")))
    assert body.count(">逾期<") == 1
    item = body[body.index("五月底前修好便民桥") :]
    assert item.index(">逾期<") < item.index("</li>")
    assert ">逾期<" in main(client.get(late.get_absolute_url()))


def test_the_deputys_page_shows_no_bar_beside_a_result(client, w):
    w.make(w.li_seat, S.UNFULFILLED, "走访选民20户", target_value=20, target_unit="户")
    body = main(login(client, w.deputy).get(reverse("commitments:mine")))
    assert "0 / 10 场" in body and "0 / 20 户" not in body


# --- Text limits --------------------------------------------------------------------------------


def test_an_over_long_progress_report_is_refused_and_nothing_is_written(w):
    """Regression: an activity's content took 20,059 characters; so did any typed text."""
    with counts.unchanged(), pytest.raises(ValidationFailed) as caught:
        services.progress_add(actor=w.deputy, commitment=w.approved, text="走" * 2001)
    assert "最多 2000 字" in str(caught.value.message)


def test_an_over_long_detail_is_refused_on_update(w):
    draft = w.make(w.li_seat, S.DRAFT, "修桥")
    with counts.unchanged(), pytest.raises(ValidationFailed):
        services.commitment_update(actor=w.deputy, commitment=draft, detail="桥" * 2001)


def test_the_commitment_form_states_the_limit(w):
    field = CommitmentForm(cycle=w.cycle).fields["detail"]
    assert field.max_length == 2000
    assert str(field.help_text) == "最多 2000 字。"

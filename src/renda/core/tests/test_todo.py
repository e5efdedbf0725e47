"""The to-do page (待办): where everyone lands, what waits for each role in words and counts,
what it will hold when nothing waits; the lines the apps add (commitments owed or quiet, the
minimums still needed, the next reception day)."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from renda.activities.tests.factories import needed
from renda.activities.tests.factories import world as activities_world
from renda.commitments.choices import CommitmentStatus as S
from renda.commitments.tests.factories import world as commitments_world
from renda.core import todo
from renda.core.testing import assert_login_redirect, login, main, queries
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db

TODO = reverse("core:todo")


def labels(user) -> dict:
    return {str(line.label): line for line in todo.lines_for(user)}


# --- Commitments ----------------------------------------------------------------------------------


@freeze_time("2026-01-20 10:00:00+08:00")
def test_a_deputy_sees_the_commitments_still_owed_while_the_window_is_open():
    w = commitments_world()
    w.make(w.li_seat, S.SUBMITTED, "走访选民")
    w.make(w.li_seat, S.DRAFT, "草稿不算")
    line = labels(w.deputy)["2026年度承诺尚需填报"]
    assert line.count == 2
    assert line.detail == "已填报 1 条，应填报 3 至 6 条；2026年2月28日截止填报。"
    assert line.url == reverse("commitments:mine")
    # Three made: nothing owed, no line.
    w.make(w.li_seat, S.APPROVED, "二")
    w.make(w.li_seat, S.RETURNED, "三")
    assert "2026年度承诺尚需填报" not in labels(w.deputy)


@freeze_time("2026-03-20 10:00:00+08:00")
def test_after_the_window_nothing_is_owed_on_the_deputys_page_and_staff_see_who_made_none():
    w = commitments_world()
    assert "2026年度承诺尚需填报" not in labels(w.deputy)
    staff = labels(w.staff_rc)
    # 黎源 and 王芳 made none in 荣昌区; 铜梁区's deputy is not in the count.
    assert staff["未作出承诺的代表"].count == 2
    assert staff["未作出承诺的代表"].url == reverse("commitment_reminders:list")
    assert labels(w.staff_tl)["未作出承诺的代表"].count == 1


def test_a_deputy_and_staff_see_approved_commitments_quiet_for_long(settings):
    settings.COMMITMENT_STALE_DAYS = 30
    w = commitments_world()
    with freeze_time("2026-03-01 10:00:00+08:00"):
        quiet = w.make(w.li_seat, S.APPROVED, "修缮村道", decided_at="2026-03-01T10:00+08:00")
    with freeze_time("2026-05-01 10:00:00+08:00"):
        mine = labels(w.deputy)["我有 30 天未报告进展的承诺"]
        assert (mine.count, mine.detail) == (1, quiet.title)
        assert labels(w.staff_rc)["30 天未报告进展的承诺"].count == 1
        assert labels(w.staff_tl)["30 天未报告进展的承诺"].count == 0
        assert "我有 30 天未报告进展的承诺" not in labels(w.other_deputy)


# --- Minimums -------------------------------------------------------------------------------------


@freeze_time("2024-06-01 10:00:00+08:00")
def test_a_deputy_reads_the_minimums_still_needed_in_words():
    w = activities_world()
    line = next(v for k, v in labels(w.deputy).items() if k.startswith("尚需完成的履职基本要求"))
    assert needed("speech", 3) in line.detail
    assert line.count == line.detail.count("；") + 1
    assert line.url == reverse("activities:mine")


@freeze_time("2024-06-01 10:00:00+08:00")
def test_staff_see_how_many_deputies_in_their_area_are_below_the_minimums():
    w = activities_world()
    assert labels(w.staff_rc)["本年度未达到履职基本要求的代表"].count == 2
    assert labels(w.staff_rc)["本年度未达到履职基本要求的代表"].url == reverse(
        "activities:shortfalls"
    )
    # 铜梁区's term has no minimums: nobody there is below them.
    assert labels(w.staff_tl)["本年度未达到履职基本要求的代表"].count == 0


# --- Reception days -------------------------------------------------------------------------------


@freeze_time("2026-12-03 10:00:00+08:00")
def test_the_next_reception_day_for_the_stations_liaison_and_its_deputies_and_staff():
    from renda.accounts.tests.factories import user_with

    w = commitments_world()
    line = labels(w.liaison)[f"{w.station.name}下次接待日"]
    assert line.count is None
    assert line.detail == "2026年12月15日 星期二 9:00–12:00"
    assert line.url == w.station.get_absolute_url()
    deputy_line = labels(w.deputy)[f"{w.station.name}下次接待日"]
    assert deputy_line.url == reverse("portal:station", args=[w.station.pk])
    assert f"{w.station.name}下次接待日" not in labels(w.other_deputy)
    # Staff: how many stations of their area receive within seven days (the 15th is 12 away).
    near = StationFactory(region=w.zs, reception_rule="FREQ=WEEKLY;BYDAY=MO")
    AssignmentFactory(station=near, mandate=w.wang_seat)
    staff = labels(w.staff_rc)["未来一周接待群众的站点"]
    assert (staff.count, staff.detail) == (1, near.name)
    town_staff = user_with("staff", region=w.zs)
    assert labels(town_staff)["未来一周接待群众的站点"].count == 1
    assert labels(w.staff_tl)["未来一周接待群众的站点"].count == 0


# --- The page -------------------------------------------------------------------------------------


def test_everyone_lands_on_the_to_do_page(client):
    from renda.accounts.tests.factories import user_with

    user = user_with("staff", region=commitments_world().rc)
    user.set_password("Rd-2026-login")
    user.save()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "Rd-2026-login"}
    )
    assert response.status_code == 302 and response.url == TODO


def test_anonymous_go_to_sign_in(client):
    assert_login_redirect(client.get(TODO))


@freeze_time("2026-01-20 10:00:00+08:00")
def test_the_page_puts_what_waits_first_and_lists_the_quiet_lines_below(client):
    w = commitments_world()
    w.make(w.wang_seat, S.SUBMITTED, "走访")
    login(client, w.staff_rc)
    text = main(client.get(TODO))
    assert text.index("待审核的承诺") < text.index("没有待办")
    assert "本页将显示" not in text


def test_a_page_with_nothing_waiting_says_what_it_will_hold(client):
    from renda.accounts.tests.factories import user_with
    from renda.regions.tests.factories import rongchang

    unit_user = user_with("unit", handling_unit=_unit(rongchang()))
    login(client, unit_user)
    text = main(client.get(TODO))
    assert "目前没有等待您处理的事项" in text
    assert "交办给本单位的建议和群众诉求" in text


def _unit(region):
    from renda.regions.models import HandlingUnit

    return HandlingUnit.objects.create(region=region, name="区交通局")


@freeze_time("2026-01-20 10:00:00+08:00")
def test_the_page_asks_a_fixed_number_of_queries_however_much_waits(client):
    w = commitments_world()
    login(client, w.staff_rc)
    w.make(w.wang_seat, S.SUBMITTED, "一")
    few = queries(client, TODO)
    for n in range(5):
        w.make(w.li_seat, S.SUBMITTED, f"走访{n}")
        StationFactory(region=w.zs)
    assert queries(client, TODO) == few

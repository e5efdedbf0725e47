"""Pages of the commitment cycle, per role: anonymous, a role without access, staff of another
district (铜梁区, 404 exactly like a missing id), the rightful staff of 荣昌区 and the deputy
themself; each workflow step as its own POST; refusals shown with nothing written; query-count
guards on the lists; drafts and returned commitments never on the public deputy page."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from renda.accounts.tests.factories import user_with
from renda.commitments import services, similarity
from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import Commitment, CommitmentProgress, CommitmentYear
from renda.commitments.tests.factories import (
    CategoryFactory,
    CommitmentYearFactory,
    job_duty,
    world,
)
from renda.core.models import AuditEntry
from renda.core.testing import (
    assert_login_redirect,
    counter,
    frozen_at,
    login,
    main,
    opens,
    photo,
    queries,
    statuses,
)
from renda.people.tests.factories import (
    GroupFactory,
    MandateFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

S = CommitmentStatus


frozen = frozen_at("2026-01-15 10:00:00+08:00")


@pytest.fixture
def w():
    w = world()
    w.draft = w.make(w.li_seat, S.DRAFT, "为黄泥村修建便民桥一座")
    w.submitted = w.make(w.li_seat, S.SUBMITTED, "全年走访选区选民500人次")
    w.returned = w.make(w.li_seat, S.RETURNED, "抓好本村党建工作")
    w.approved = w.make(w.li_seat, S.APPROVED, "宣讲民法典10场", target_value=10, target_unit="场")
    w.wang_submitted = w.make(w.wang_seat, S.SUBMITTED, "为困难群众捐款2000元")
    w.tl_submitted = w.make(w.tl_seat, S.SUBMITTED, "铜梁的承诺")
    return w


counts = counter(Commitment, CommitmentYear, CommitmentProgress, AuditEntry)


# --- Who may open which page ------------------------------------------------------------------

STAFF_PAGES = [
    "commitments:commitment_list",
    "commitments:review_queue",
    "commitments:year_list",
    "commitments:year_create",
    "commitments:category_create",
]
# (url name, attribute of the world holding the rongchang object) for staff-only pages.
STAFF_OBJECT_PAGES = [
    ("commitments:commitment_return", "submitted"),
    ("commitments:commitment_cancel", "submitted"),
    ("commitments:commitment_close", "approved"),
    ("commitments:year_detail", "cycle"),
    ("commitments:year_edit", "cycle"),
]
# Pages of one commitment the deputy reaches too.
DEPUTY_OBJECT_PAGES = [
    ("commitments:commitment_detail", "submitted"),
    ("commitments:commitment_edit", "draft"),
    ("commitments:progress_add", "approved"),
    ("commitments:person_commitments", "li"),
]
POST_ACTIONS = [
    ("commitments:commitment_submit", "draft"),
    ("commitments:commitment_withdraw", "submitted"),
    ("commitments:commitment_approve", "submitted"),
]


# What each page shows: a commitment's title, a name or a heading. Who may open which page is in
# access.py (the access matrix).
SHOWN = {
    "commitments:commitment_list": "全年走访选区选民500人次",
    "commitments:review_queue": "全年走访选区选民500人次",
    "commitments:year_list": "2026",
    "commitments:year_create": "开启承诺年度",
    "commitments:category_create": "新建承诺类别",
    "commitments:commitment_return": "全年走访选区选民500人次",
    "commitments:commitment_cancel": "全年走访选区选民500人次",
    "commitments:commitment_close": "宣讲民法典10场",
    "commitments:year_detail": "荣昌区人民代表大会",
    "commitments:year_edit": "编辑承诺年度",
    "commitments:commitment_detail": "全年走访选区选民500人次",
    "commitments:commitment_edit": "为黄泥村修建便民桥一座",
    "commitments:progress_add": "宣讲民法典10场",
    "commitments:person_commitments": "黎源的个性承诺",
}


def _url(w, name, attr=None):
    return reverse(name, args=[getattr(w, attr).pk] if attr else [])


def test_anonymous_posts_are_sent_to_sign_in_and_change_nothing(client, w):
    before = statuses(Commitment)
    for name, attr in POST_ACTIONS:
        assert_login_redirect(client.post(_url(w, name, attr)))
    assert statuses(Commitment) == before


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_a_deputy_or_liaison_is_refused_the_staff_pages(client, w, name):
    for who in ("deputy", "liaison"):
        response = login(client, getattr(w, who)).get(reverse(name))
        assert response.status_code == 403
        assert gettext("Your role does not give access to this page.") in response.content.decode()


def test_the_deputy_cannot_approve_their_own(client, w):
    before = counts()
    response = login(client, w.deputy).post(_url(w, "commitments:commitment_approve", "submitted"))
    assert response.status_code == 403
    assert counts() == before


@pytest.mark.parametrize("name,attr", STAFF_OBJECT_PAGES + DEPUTY_OBJECT_PAGES)
def test_staff_of_another_district_get_404_like_a_missing_id(client, w, name, attr):
    login(client, w.staff_tl)
    outside = client.get(_url(w, name, attr))
    missing = client.get(reverse(name, args=[987654]))
    assert outside.status_code == missing.status_code == 404
    assert main(outside) == main(missing)


@pytest.mark.parametrize("name,attr", POST_ACTIONS)
def test_staff_of_another_district_posting_get_404_and_change_nothing(client, w, name, attr):
    """Another district's staff find nothing; a deputy's own step is refused to any staff."""
    before = counts()
    deputys = name in ("commitments:commitment_submit", "commitments:commitment_withdraw")
    status = 403 if deputys else 404
    assert login(client, w.staff_tl).post(_url(w, name, attr)).status_code == status
    assert counts() == before


@pytest.mark.parametrize("name,attr", DEPUTY_OBJECT_PAGES)
def test_another_deputy_gets_404(client, w, name, attr):
    assert login(client, w.other_deputy).get(_url(w, name, attr)).status_code == 404


@pytest.mark.parametrize("name,attr", STAFF_OBJECT_PAGES + DEPUTY_OBJECT_PAGES)
@pytest.mark.parametrize("who", ["staff_rc", "admin"])
def test_rightful_staff_open_every_page(client, w, name, attr, who):
    opens(login(client, getattr(w, who)), _url(w, name, attr), SHOWN[name])


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_open_the_list_pages(client, w, name):
    opens(login(client, w.staff_rc), reverse(name), SHOWN[name])


@pytest.mark.parametrize("name,attr", DEPUTY_OBJECT_PAGES)
def test_the_deputy_opens_their_own_pages(client, w, name, attr):
    opens(login(client, w.deputy), _url(w, name, attr), SHOWN[name])


def test_the_liaison_reads_an_approved_commitment_of_their_station_only(client, w):
    login(client, w.liaison)
    assert client.get(w.approved.get_absolute_url()).status_code == 200
    assert client.get(w.submitted.get_absolute_url()).status_code == 404
    assert client.get(reverse("commitments:commitment_edit", args=[w.draft.pk])).status_code == 403


# --- My commitments ---------------------------------------------------------------------------


def test_mine_is_the_deputys_own_page_grouped_by_year(client, w):
    earlier = CommitmentYearFactory(congress=w.cycle.congress, year=2025)
    w.make(w.li_seat, S.FULFILLED, "2025年的承诺", commitment_year=earlier)
    response = login(client, w.deputy).get(reverse("commitments:mine"))
    assert response.status_code == 200
    body = response.content.decode()
    for c in (w.draft, w.submitted, w.returned, w.approved):
        assert c.title in body
    assert "2025年的承诺" in body
    assert "为困难群众捐款2000元" not in body  # 王芳's
    assert body.index("为黄泥村修建便民桥一座") < body.index("2025年的承诺")  # newest year first
    # The returned one says why.
    assert "与本职工作重合" in body and "这是村支书的本职工作" in body
    create = reverse("commitments:commitment_create", args=[w.li.pk, w.cycle.pk])
    assert create in body


def test_mine_sends_staff_without_a_deputy_record_to_the_list(client, w):
    response = login(client, w.staff_rc).get(reverse("commitments:mine"))
    assert response.status_code == 302
    assert response["Location"] == reverse("commitments:commitment_list")


def test_after_the_window_the_deputy_is_not_offered_a_new_commitment(client, w, frozen):
    frozen.move_to("2026-03-01 10:00:00+08:00")
    body = login(client, w.deputy).get(reverse("commitments:mine")).content.decode()
    assert reverse("commitments:commitment_create", args=[w.li.pk, w.cycle.pk]) not in body


def _form(w, **changes):
    data = {
        "category": w.cycle.categories.get(name="带动发展").pk,
        "title": "带动10户群众发展肉牛养殖",
        "detail": "提供技术指导和销售渠道",
        "target_value": "10",
        "target_unit": "户",
        "due": "2026-11-30",
    }
    data.update(changes)
    return data


def test_the_deputy_creates_a_draft(client, w):
    url = reverse("commitments:commitment_create", args=[w.li.pk, w.cycle.pk])
    login(client, w.deputy)
    page = client.get(url).content.decode()
    assert "带动发展" in page and "联系选民" in page  # the year's categories
    response = client.post(url, _form(w))
    made = Commitment.objects.get(title="带动10户群众发展肉牛养殖")
    assert response.status_code == 302
    assert response["Location"] == made.get_absolute_url()
    assert (made.person, made.mandate, made.status) == (w.li, w.li_seat, S.DRAFT)
    assert AuditEntry.objects.filter(object_id=str(made.pk), actor=w.deputy).count() == 1


def test_create_refuses_a_due_date_outside_the_year_and_writes_nothing(client, w):
    before = counts()
    response = login(client, w.deputy).post(
        reverse("commitments:commitment_create", args=[w.li.pk, w.cycle.pk]),
        _form(w, due="2027-01-15"),
    )
    assert response.status_code == 200
    assert str(services.DUE_OUTSIDE_YEAR % {"year": 2026}) in response.content.decode()
    assert counts() == before


def test_create_refuses_after_the_window_and_writes_nothing(client, w, frozen):
    frozen.move_to("2026-03-01 10:00:00+08:00")
    before = counts()
    response = login(client, w.deputy).post(
        reverse("commitments:commitment_create", args=[w.li.pk, w.cycle.pk]), _form(w)
    )
    assert response.status_code == 200
    assert "2026-02-28" in response.content.decode()  # the window, in the refusal
    assert counts() == before


def test_create_at_the_limit_is_refused(client, w):
    for i in range(2):  # 4 live already (draft, submitted, returned, approved) → 6
        w.make(w.li_seat, S.DRAFT, f"第{i}项")
    before = counts()
    response = login(client, w.deputy).post(
        reverse("commitments:commitment_create", args=[w.li.pk, w.cycle.pk]), _form(w)
    )
    assert str(services.TOO_MANY % {"max": 6}) in response.content.decode()
    assert counts() == before


def test_create_for_a_year_of_a_congress_the_deputy_does_not_sit_in_is_404(client, w):
    url = reverse("commitments:commitment_create", args=[w.li.pk, w.tl_cycle.pk])
    assert login(client, w.staff_rc).get(url).status_code == 404


def test_staff_act_for_the_deputy(client, w):
    url = reverse("commitments:commitment_create", args=[w.li.pk, w.cycle.pk])
    response = login(client, w.staff_rc).post(url, _form(w))
    made = Commitment.objects.get(title="带动10户群众发展肉牛养殖")
    assert response.status_code == 302
    assert made.person == w.li
    page = client.get(reverse("commitments:person_commitments", args=[w.li.pk])).content.decode()
    assert gettext("You are acting for this deputy as staff.") in page


def test_edit_a_returned_commitment_shows_why_it_came_back(client, w):
    url = reverse("commitments:commitment_edit", args=[w.returned.pk])
    login(client, w.deputy)
    page = client.get(url).content.decode()
    assert "与本职工作重合" in page and "这是村支书的本职工作" in page
    response = client.post(url, _form(w, title="为黄泥村困难户免费修缮房屋3户"))
    assert response.status_code == 302
    w.returned.refresh_from_db()
    assert w.returned.title == "为黄泥村困难户免费修缮房屋3户"


def test_edit_of_a_submitted_commitment_is_refused(client, w):
    url = reverse("commitments:commitment_edit", args=[w.submitted.pk])
    login(client, w.deputy)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == w.submitted.get_absolute_url()
    before = counts()
    response = client.post(url, _form(w, title="偷偷改"))
    assert response.status_code == 200
    assert counts() == before
    w.submitted.refresh_from_db()
    assert w.submitted.title != "偷偷改"


# --- The workflow as POSTs --------------------------------------------------------------------


def test_submit_then_withdraw(client, w):
    login(client, w.deputy)
    response = client.post(reverse("commitments:commitment_submit", args=[w.draft.pk]))
    assert response.status_code == 302 and response["Location"] == w.draft.get_absolute_url()
    w.draft.refresh_from_db()
    assert w.draft.status == S.SUBMITTED
    client.post(reverse("commitments:commitment_withdraw", args=[w.draft.pk]), {"note": "重复"})
    w.draft.refresh_from_db()
    assert (w.draft.status, w.draft.status_note) == (S.WITHDRAWN, "重复")


def test_a_refused_step_is_shown_as_a_message_and_writes_nothing(client, w):
    before = counts()
    login(client, w.deputy)
    response = client.post(
        reverse("commitments:commitment_submit", args=[w.approved.pk]), follow=True
    )
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert counts() == before


def test_staff_approve_from_the_queue(client, w):
    login(client, w.staff_rc)
    response = client.post(reverse("commitments:commitment_approve", args=[w.submitted.pk]))
    assert response.status_code == 302
    w.submitted.refresh_from_db()
    assert (w.submitted.status, w.submitted.decided_by) == (S.APPROVED, w.staff_rc)


def test_staff_return_as_a_job_duty(client, w):
    login(client, w.staff_rc)
    response = client.post(
        reverse("commitments:commitment_return", args=[w.submitted.pk]),
        {"reason": job_duty().pk, "note": "是本职工作"},
    )
    assert response.status_code == 302
    w.submitted.refresh_from_db()
    assert (w.submitted.status, w.submitted.return_reason) == (S.RETURNED, job_duty())


def test_return_with_the_other_reason_and_no_note_says_why_and_writes_nothing(client, w):
    from renda.commitments.models import ReturnReason

    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("commitments:commitment_return", args=[w.submitted.pk]),
        {"reason": ReturnReason.objects.get(code="other", congress=None).pk, "note": ""},
    )
    assert response.status_code == 200
    assert str(services.NOTE_REQUIRED) in response.content.decode()
    assert counts() == before


def test_a_second_reviewer_is_told_it_was_decided(client, w):
    """Both reviewers have the page open; the first approves, the second's return is refused."""
    services.commitment_approve(actor=w.admin, commitment=w.submitted)
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("commitments:commitment_return", args=[w.submitted.pk]),
        {"reason": job_duty().pk},
    )
    assert response.status_code == 200
    assert str(CommitmentStatus.APPROVED.label) in response.content.decode()
    assert counts() == before


def test_cancel_needs_a_note(client, w):
    before = counts()
    url = reverse("commitments:commitment_cancel", args=[w.approved.pk])
    response = login(client, w.staff_rc).post(url, {"note": ""})
    assert response.status_code == 200
    assert counts() == before
    client.post(url, {"note": "代表资格终止"})
    w.approved.refresh_from_db()
    assert w.approved.status == S.CANCELLED


def test_close_is_refused_before_december_and_recorded_after(client, w, frozen):
    url = reverse("commitments:commitment_close", args=[w.approved.pk])
    login(client, w.staff_rc)
    page = client.get(w.approved.get_absolute_url()).content.decode()
    assert url not in page  # the button waits for 1 December
    before = counts()
    response = client.post(url, {"result": S.FULFILLED})
    assert response.status_code == 200 and counts() == before
    frozen.move_to("2026-12-02 10:00:00+08:00")
    login(client, w.staff_rc)  # the session of January has expired
    assert url in client.get(w.approved.get_absolute_url()).content.decode()
    response = client.post(url, {"result": S.PARTLY_FULFILLED, "note": "完成8场"})
    assert response.status_code == 302
    w.approved.refresh_from_db()
    assert w.approved.status == S.PARTLY_FULFILLED


def test_progress_with_several_files(client, w):
    url = reverse("commitments:progress_add", args=[w.approved.pk])
    pdf = io.BytesIO(b"%PDF-1.4\n%%EOF\n")
    pdf.name = "签到表.pdf"
    response = login(client, w.deputy).post(
        url, {"text": "在黄泥村宣讲民法典2场", "value": "2", "files": [photo(), pdf]}
    )
    assert response.status_code == 302
    progress = CommitmentProgress.objects.get(commitment=w.approved)
    assert progress.attachments.count() == 2
    page = client.get(w.approved.get_absolute_url()).content.decode()
    assert "在黄泥村宣讲民法典2场" in page and "签到表.pdf" in page
    assert "2 / 10 场" in page  # the total against the target


def test_progress_with_a_bad_file_says_why_and_writes_nothing(client, w):
    bad = io.BytesIO(b"MZ")
    bad.name = "virus.exe"
    before = counts()
    response = login(client, w.deputy).post(
        reverse("commitments:progress_add", args=[w.approved.pk]),
        {"text": "宣讲", "files": [photo(), bad]},
    )
    assert response.status_code == 200
    assert str(services.FILE_NOT_ALLOWED) in response.content.decode()
    assert counts() == before


# --- The detail page shows exactly the allowed buttons and the hints -------------------------


BUTTONS = {
    "approve": "commitments:commitment_approve",
    "return": "commitments:commitment_return",
    "cancel": "commitments:commitment_cancel",
    "submit": "commitments:commitment_submit",
    "withdraw": "commitments:commitment_withdraw",
}


@pytest.mark.parametrize(
    "attr,who,expected",
    [
        # Staff review; the deputy's own steps are not theirs (no acting as the deputy).
        ("submitted", "staff_rc", {"approve", "return", "cancel"}),
        ("approved", "staff_rc", {"cancel"}),
        ("draft", "deputy", {"submit", "withdraw"}),
        ("submitted", "deputy", {"withdraw"}),
        ("returned", "deputy", {"submit", "withdraw"}),
        ("approved", "deputy", set()),
        ("approved", "liaison", set()),
    ],
)
def test_the_page_offers_exactly_the_allowed_actions(client, w, attr, who, expected):
    c = getattr(w, attr)
    body = login(client, getattr(w, who)).get(c.get_absolute_url()).content.decode()
    shown = {action for action, name in BUTTONS.items() if reverse(name, args=[c.pk]) in body}
    assert shown == expected


def test_staff_see_the_hints_beside_the_buttons(client, w, monkeypatch):
    earlier = w.make(w.li_seat, S.APPROVED, "抓好黄泥村党建工作")
    monkeypatch.setattr(
        similarity,
        "hints_for",
        lambda c: [
            similarity.Hint("job_duty", 0.82, "党支部书记 黄泥村"),
            similarity.Hint("earlier_year", 0.71, earlier.title, earlier.pk),
        ],
    )
    body = login(client, w.staff_rc).get(w.submitted.get_absolute_url()).content.decode()
    assert 'data-hint="job_duty"' in body and "党支部书记 黄泥村" in body
    assert 'data-hint="earlier_year"' in body
    assert earlier.get_absolute_url() in body
    # The deputy never sees them.
    client.logout()
    mine = login(client, w.deputy).get(w.submitted.get_absolute_url()).content.decode()
    assert "data-hint" not in mine


def test_the_timeline_shows_the_steps(client, w):
    services.commitment_return(
        actor=w.staff_rc, commitment=w.submitted, reason=job_duty(), note="是本职工作"
    )
    body = login(client, w.deputy).get(w.submitted.get_absolute_url()).content.decode()
    assert "是本职工作" in body and w.staff_rc.username in body


# --- Lists ------------------------------------------------------------------------------------


def test_the_queue_lists_the_waiting_in_scope_oldest_first(client, w):
    w.wang_submitted.submitted_at = datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC)
    w.wang_submitted.save()
    body = login(client, w.staff_rc).get(reverse("commitments:review_queue")).content.decode()
    assert "为困难群众捐款2000元" in body and "全年走访选区选民500人次" in body
    assert body.index("为困难群众捐款2000元") < body.index("全年走访选区选民500人次")
    assert "铜梁的承诺" not in body
    assert "为黄泥村修建便民桥一座" not in body  # a draft is not waiting


def test_the_queue_filters_by_town_group_and_category(client, w):
    login(client, w.staff_rc)
    url = reverse("commitments:review_queue")
    by_town = client.get(url, {"town": w.zs.code}).content.decode()
    assert "全年走访选区选民500人次" in by_town and "为困难群众捐款2000元" not in by_town
    group = GroupFactory(congress=w.rc_term.congress, region=w.rc)
    MembershipFactory(group=group, mandate=w.wang_seat)
    by_group = client.get(url, {"group": group.pk}).content.decode()
    assert "为困难群众捐款2000元" in by_group and "全年走访选区选民500人次" not in by_group
    other = w.cycle.categories.get(name="宣讲政策")
    by_category = client.get(url, {"category": other.pk}).content.decode()
    assert "全年走访选区选民500人次" not in by_category


def test_the_list_filters_by_year_status_and_level(client, w):
    login(client, w.staff_rc)
    url = reverse("commitments:commitment_list")
    approved = client.get(url, {"status": S.APPROVED, "year": 2026}).content.decode()
    assert "宣讲民法典10场" in approved and "全年走访选区选民500人次" not in approved
    assert "宣讲民法典10场" not in client.get(url, {"year": 2025}).content.decode()
    assert "铜梁的承诺" not in client.get(url).content.decode()
    assert "宣讲民法典10场" not in client.get(url, {"level": 5}).content.decode()


def test_town_staff_do_not_decide_on_district_commitments(client, w):
    town_staff = user_with("staff", region=w.zs)
    login(client, town_staff)
    assert "全年走访选区选民500人次" not in (
        client.get(reverse("commitments:review_queue")).content.decode()
    )
    before = counts()
    response = client.post(reverse("commitments:commitment_approve", args=[w.submitted.pk]))
    assert response.status_code == 404
    assert counts() == before


@pytest.mark.parametrize(
    "name",
    ["commitments:commitment_list", "commitments:review_queue", "commitments:year_list"],
)
def test_list_queries_do_not_grow_with_rows(client, w, name):
    login(client, w.staff_rc)

    def add(n):
        for i in range(n):
            seat = MandateFactory(term=w.rc_term, electoral_region=w.zs)
            w.make(seat, S.SUBMITTED, f"承诺{i}")
            CommitmentYearFactory(congress=w.cycle.congress, year=2010 + i + n)

    add(2)
    few = queries(client, reverse(name))
    add(12)
    assert queries(client, reverse(name)) == few


def test_mine_queries_do_not_grow_with_commitments(client, w):
    login(client, w.deputy)
    url = reverse("commitments:mine")
    few = queries(client, url)
    for i in range(2):
        c = w.make(w.li_seat, S.APPROVED, f"承诺{i}", target_value=5, target_unit="户")
        services.progress_add(actor=w.deputy, commitment=c, text="完成1户", value=1)
    assert queries(client, url) == few


# --- Years and categories ---------------------------------------------------------------------


def test_staff_open_a_year_with_its_categories(client, w):
    cats = list(w.cycle.categories.all()[:2])
    response = login(client, w.staff_rc).post(
        reverse("commitments:year_create"),
        {
            "congress": w.cycle.congress.pk,
            "year": 2027,
            "opens": "2027-01-01",
            "closes": "2027-02-20",
            "min_count": 3,
            "max_count": 5,
            "categories": [c.pk for c in cats],
        },
    )
    made = CommitmentYear.objects.get(congress=w.cycle.congress, year=2027)
    assert response.status_code == 302
    assert response["Location"] == reverse("commitments:year_detail", args=[made.pk])
    assert set(made.categories.all()) == set(cats)


def test_a_second_year_for_the_same_congress_is_refused(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("commitments:year_create"),
        {
            "congress": w.cycle.congress.pk,
            "year": 2026,
            "opens": "2026-01-01",
            "closes": "2026-02-20",
            "min_count": 3,
            "max_count": 5,
        },
    )
    assert response.status_code == 200
    assert counts() == before


def test_staff_of_another_district_cannot_choose_this_congress(client, w):
    before = counts()
    response = login(client, w.staff_tl).post(
        reverse("commitments:year_create"),
        {
            "congress": w.cycle.congress.pk,
            "year": 2027,
            "opens": "2027-01-01",
            "closes": "2027-02-20",
            "min_count": 3,
            "max_count": 5,
        },
    )
    assert response.status_code == 200  # "select a valid choice"
    assert counts() == before


def test_edit_a_year_window_and_categories(client, w):
    keep = w.cycle.categories.get(name="联系选民")
    response = login(client, w.staff_rc).post(
        reverse("commitments:year_edit", args=[w.cycle.pk]),
        {
            "opens": "2026-01-01",
            "closes": "2026-03-15",
            "min_count": 2,
            "max_count": 6,
            "categories": [keep.pk],
        },
    )
    assert response.status_code == 302
    w.cycle.refresh_from_db()
    assert w.cycle.closes == datetime.date(2026, 3, 15) and w.cycle.min_count == 2
    assert list(w.cycle.categories.all()) == [keep]


def test_staff_add_a_category(client, w):
    response = login(client, w.staff_rc).post(
        reverse("commitments:category_create"),
        {"congress": w.cycle.congress.pk, "name": "助力乡村振兴", "order": 5},
    )
    assert response.status_code == 302
    assert w.cycle.congress.commitment_categories.filter(name="助力乡村振兴").exists()
    CategoryFactory(congress=w.cycle.congress, name="已存在")
    before = counts()
    again = client.post(
        reverse("commitments:category_create"),
        {"congress": w.cycle.congress.pk, "name": "已存在"},
    )
    assert again.status_code == 200 and counts() == before


# --- The public page and the workbench --------------------------------------------------------


def test_the_public_page_shows_approved_commitments_only(client, w):
    services.progress_add(
        actor=w.deputy, commitment=w.approved, text="宣讲民法典3场", value=3, files=[photo()]
    )
    earlier = CommitmentYearFactory(congress=w.cycle.congress, year=2025)
    w.make(w.li_seat, S.FULFILLED, "2025年已兑现的承诺", commitment_year=earlier)
    w.make(w.li_seat, S.WITHDRAWN, "撤回的承诺")
    w.make(w.li_seat, S.CANCELLED, "取消的承诺")
    body = client.get(reverse("portal:deputy", args=[w.li.pk])).content.decode()
    assert "宣讲民法典10场" in body and "宣讲民法典3场" in body
    assert "3 / 10 场" in body
    assert "2025年已兑现的承诺" in body  # earlier years, collapsed
    for private in (w.draft, w.submitted, w.returned):
        assert private.title not in body
    assert "撤回的承诺" not in body and "取消的承诺" not in body
    assert "这是村支书的本职工作" not in body
    assert "/media/attachments/commitments/" in body  # the photo thumbnail


def test_the_public_page_queries_do_not_grow_with_commitments(client, w):
    url = reverse("portal:deputy", args=[w.li.pk])

    services.progress_add(actor=w.deputy, commitment=w.approved, text="宣讲1场", value=1)
    few = queries(client, url)
    for i in range(3):
        c = w.make(w.li_seat, S.APPROVED, f"承诺{i}", target_value=5, target_unit="户")
        services.progress_add(actor=w.deputy, commitment=c, text="完成", value=1, files=[photo()])
    assert queries(client, url) == few


def test_the_workbench_links_my_commitments_and_the_review_queue(client, w):
    body = login(client, w.deputy).get(reverse("core:dashboard")).content.decode()
    assert reverse("commitments:person_commitments", args=[w.li.pk]) in body
    assert reverse("commitments:review_queue") not in body
    client.logout()
    response = login(client, w.staff_rc).get(reverse("core:dashboard"))
    queue = reverse("commitments:review_queue")
    waiting = [x.waiting for c in response.context["cards"] for x in c.links if x.url == queue]
    assert waiting == [2]  # 黎源's and 王芳's, not 铜梁's
    assert reverse("commitments:review_queue") in response.content.decode()


def test_staff_elsewhere_who_are_also_the_deputy_do_not_review_their_own(client, w):
    """Regression: the queue and the buttons went by the commitment's scope, which includes a
    deputy's own; a reviewer must keep the seat it is filed under."""
    from renda.accounts.models import RoleGrant

    RoleGrant.objects.create(user=w.staff_tl, role="deputy", person=w.li)
    login(client, w.staff_tl)
    queue = client.get(reverse("commitments:review_queue")).content.decode()
    assert "全年走访选区选民500人次" not in queue and "铜梁的承诺" in queue
    page = client.get(w.submitted.get_absolute_url()).content.decode()
    assert reverse("commitments:commitment_approve", args=[w.submitted.pk]) not in page
    assert reverse("commitments:commitment_withdraw", args=[w.submitted.pk]) in page

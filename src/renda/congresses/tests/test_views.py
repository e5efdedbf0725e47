"""Staff pages for congresses, terms and sessions, per role: anonymous, a role without access,
staff of another district (404 exactly like a missing id) and the rightful staff."""

import datetime
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from renda.accounts.tests.factories import staff_users, user_with
from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Session, Term
from renda.congresses.tests.factories import CongressFactory, SessionFactory, TermFactory, districts
from renda.core.models import AuditEntry
from renda.core.testing import INVALID_CHOICE, REQUIRED, counter, login, main, opens, queries
from renda.people.tests.factories import PersonFactory
from renda.regions.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    w = districts()
    w.rc_congress = w.rc_term.congress
    w.rc_session = SessionFactory(term=w.rc_term)
    w.tl_congress = w.tl_term.congress
    vars(w).update(staff_users(w))
    w.deputy = user_with("deputy", person=PersonFactory())
    return w


counts = counter(Congress, Term, Session, AuditEntry)


OBJECT_PAGES = [
    ("congresses:congress_detail", "rc_congress"),
    ("congresses:congress_edit", "rc_congress"),
    ("congresses:term_create", "rc_congress"),
    ("congresses:term_edit", "rc_term"),
    ("congresses:session_create", "rc_term"),
    ("congresses:session_edit", "rc_session"),
]
PLAIN_PAGES = ["congresses:congress_list", "congresses:congress_create"]
# What each page shows; who may open which is in access.py (the access matrix).
SHOWN = {
    "congresses:congress_list": "荣昌区人民代表大会",
    "congresses:congress_create": 'name="name"',
    "congresses:congress_detail": "荣昌区人民代表大会",
    "congresses:congress_edit": "荣昌区人民代表大会",
    "congresses:term_create": "新建届次",
    "congresses:term_edit": "编辑届次",
    "congresses:session_create": "新建会议",
    "congresses:session_edit": "编辑会议",
}


def _url(w, name):
    pages = dict(OBJECT_PAGES)
    return reverse(name, args=[getattr(w, pages[name]).pk]) if name in pages else reverse(name)


@pytest.mark.parametrize("name", PLAIN_PAGES + [n for n, _ in OBJECT_PAGES])
def test_a_deputy_is_refused(client, w, name):
    response = login(client, w.deputy).get(_url(w, name))
    assert response.status_code == 403
    assert gettext("Your role does not give access to this page.") in response.content.decode()


@pytest.mark.parametrize("name,attr", OBJECT_PAGES)
def test_staff_of_another_district_get_404_like_a_missing_id(client, w, name, attr):
    login(client, w.staff_tl)
    before = counts()
    outside = client.get(reverse(name, args=[getattr(w, attr).pk]))
    missing = client.get(reverse(name, args=[987654]))
    assert outside.status_code == missing.status_code == 404
    assert main(outside) == main(missing)
    if name != "congresses:congress_detail":
        posted = client.post(
            reverse(name, args=[getattr(w, attr).pk]),
            {"name": "改名", "ordinal": 9, "start": "2023-01-01", "end": "2023-01-02"},
        )
        assert posted.status_code == 404
    assert counts() == before


@pytest.mark.parametrize("name", PLAIN_PAGES + [n for n, _ in OBJECT_PAGES])
@pytest.mark.parametrize("who", ["staff_rc", "admin"])
def test_rightful_staff_open_every_page(client, w, name, who):
    opens(login(client, getattr(w, who)), _url(w, name), SHOWN[name])


def test_congress_list_shows_only_the_staffs_district(client, w):
    body = login(client, w.staff_rc).get(reverse("congresses:congress_list")).content.decode()
    assert "荣昌区人民代表大会" in body
    assert "铜梁区人民代表大会" not in body


def test_congress_list_queries_do_not_grow_with_rows(client, w):
    login(client, w.admin)

    def add(n, start):
        for i in range(n):
            region = RegionFactory(
                code=f"500153{start + i:03d}000", name=f"测试镇{start + i}", level=4
            )
            TermFactory(congress=CongressFactory(region=region, level=CongressLevel.TOWN))

    add(1, 200)
    few = queries(client, reverse("congresses:congress_list"))
    add(13, 300)
    assert queries(client, reverse("congresses:congress_list")) == few


def test_congress_detail_lists_terms_and_sessions_in_few_queries(client, w):
    login(client, w.staff_rc)
    url = reverse("congresses:congress_detail", args=[w.rc_congress.pk])

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert "第十九届" in response.content.decode()
        return len(ctx.captured_queries)

    queries()  # warm Django's content-type cache, which the timeline reads
    few = queries()
    for ordinal in range(2, 6):
        SessionFactory(term=w.rc_term, ordinal=ordinal)
    TermFactory(
        congress=w.rc_congress,
        ordinal=18,
        start=datetime.date(2017, 1, 1),
        end=datetime.date(2021, 12, 31),
    )
    assert queries() == few


# --- Writes -------------------------------------------------------------------------------------


def test_staff_create_a_town_congress_with_its_default_name(client, w):
    response = login(client, w.staff_rc).post(
        reverse("congresses:congress_create"),
        {"region": w.zs.pk, "level": CongressLevel.TOWN, "name": ""},
    )
    assert response.status_code == 302
    congress = Congress.objects.get(region=w.zs)
    assert congress.name == "直升镇人民代表大会"
    assert response["Location"] == congress.get_absolute_url()
    assert AuditEntry.objects.filter(
        object_id=str(congress.pk), content_type__model="congress"
    ).exists()


def test_a_congress_of_another_district_is_not_offered(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("congresses:congress_create"), {"region": w.tl.pk, "level": CongressLevel.TOWN}
    )
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()
    assert counts() == before


def test_a_second_congress_at_the_same_level_is_refused(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("congresses:congress_create"), {"region": w.rc.pk, "level": CongressLevel.COUNTY}
    )
    assert response.status_code == 200
    message = gettext("This region already has a congress at that level.")
    assert escape(message) in response.content.decode()
    assert counts() == before


def test_staff_rename_a_congress(client, w):
    response = login(client, w.staff_rc).post(
        reverse("congresses:congress_edit", args=[w.rc_congress.pk]),
        {"name": "重庆市荣昌区人民代表大会"},
    )
    assert response.status_code == 302
    w.rc_congress.refresh_from_db()
    assert w.rc_congress.name == "重庆市荣昌区人民代表大会"
    assert AuditEntry.objects.filter(object_id=str(w.rc_congress.pk), action="update").exists()


def test_staff_add_a_term(client, w):
    response = login(client, w.staff_rc).post(
        reverse("congresses:term_create", args=[w.rc_congress.pk]),
        {"ordinal": 20, "start": "2027-01-01", "end": "2031-12-31"},
    )
    assert response.status_code == 302
    term = Term.objects.get(congress=w.rc_congress, ordinal=20)
    assert term.start == datetime.date(2027, 1, 1)
    assert AuditEntry.objects.filter(object_id=str(term.pk), content_type__model="term").exists()


@pytest.mark.parametrize(
    "data,message",
    [
        (
            {"ordinal": 20, "start": "2027-01-01", "end": "2026-01-01"},
            "A term must end after it starts.",
        ),
        (
            {"ordinal": 19, "start": "2027-01-01", "end": ""},
            "This congress already has a term with that number.",
        ),
        ({"ordinal": "", "start": "", "end": ""}, None),
        ({"ordinal": 20, "start": "2027-02-30", "end": ""}, None),
    ],
)
def test_a_bad_term_says_why_and_saves_nothing(client, w, data, message):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("congresses:term_create", args=[w.rc_congress.pk]), data
    )
    assert response.status_code == 200
    body = response.content.decode()
    if message:
        assert escape(gettext(message)) in body
    else:
        assert REQUIRED in body or "输入一个有效的日期" in body
    assert counts() == before


def test_staff_change_a_terms_dates(client, w):
    response = login(client, w.staff_rc).post(
        reverse("congresses:term_edit", args=[w.rc_term.pk]),
        {"ordinal": 99, "start": "2022-01-01", "end": "2026-12-30"},
    )
    assert response.status_code == 302
    w.rc_term.refresh_from_db()
    assert w.rc_term.end == datetime.date(2026, 12, 30)
    assert w.rc_term.ordinal == 19  # the number is not changed through the date edit
    entry = AuditEntry.objects.get(object_id=str(w.rc_term.pk), action="update")
    assert entry.changes == {"end": ["2026-12-31", "2026-12-30"]}


def test_staff_add_and_edit_a_session(client, w):
    login(client, w.staff_rc)
    response = client.post(
        reverse("congresses:session_create", args=[w.rc_term.pk]),
        {"ordinal": 2, "start": "2023-01-09", "end": "2023-01-12"},
    )
    assert response.status_code == 302
    session = Session.objects.get(term=w.rc_term, ordinal=2)
    response = client.post(
        reverse("congresses:session_edit", args=[session.pk]),
        {"ordinal": 2, "start": "2023-01-09", "end": "2023-01-11"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.end == datetime.date(2023, 1, 11)
    assert list(
        AuditEntry.objects.filter(object_id=str(session.pk), content_type__model="session")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["create", "update"]


def test_a_session_ending_before_it_starts_is_refused(client, w):
    before = counts()
    response = login(client, w.staff_rc).post(
        reverse("congresses:session_create", args=[w.rc_term.pk]),
        {"ordinal": 2, "start": "2023-01-09", "end": "2023-01-01"},
    )
    assert response.status_code == 200
    assert escape(gettext("A session cannot end before it starts.")) in response.content.decode()
    assert counts() == before

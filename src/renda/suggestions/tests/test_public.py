"""The public pages of motions and suggestions (/suggestions/, /suggestions/<id>/) and the list
on a deputy's public page: anonymous visitors read disclosed items only, never a confidential or
undisclosed one, never a phone number, a contact person, a co-handling opinion or a rating's
comment; the search finds by title, deputy, unit and number; the list costs as many queries for
eight items as for two; a zh-Hans page words the statuses in Chinese."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from renda.core import public_cache
from renda.handling import services as handling
from renda.handling.choices import DEFAULT_RESULT_CATEGORIES
from renda.handling.models import Assignment
from renda.suggestions import services
from renda.suggestions.choices import Rated, SuggestionStatus
from renda.suggestions.tests.factories import draft, letter, world

pytestmark = pytest.mark.django_db

LIST = reverse("public_suggestions:list")
CONTACT = "李明"
CONTACT_PHONE = "023-46712345"
OPINION = "同意增设，经费可安排（协办意见）。"
COMMENT = "站点位置未与群众商量"
# A mobile or a landline number, anywhere in a page.
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)|\d{3,4}-\d{7,8}")


def detail(s) -> str:
    return reverse("public_suggestions:detail", args=[s.pk])


def replied(w, title: str, *, co: bool = False, dissatisfied: bool = False):
    """An item drafted, accepted and answered (B) by the lead unit, rated, and disclosed."""
    s = draft(w, title=title)
    s = services.suggestion_submit(actor=w.deputy, suggestion=s)
    s = services.suggestion_accept(actor=w.staff, suggestion=s)
    s = services.suggestion_assign(
        actor=w.staff,
        suggestion=s,
        mode="lead_co",
        lead=w.lead_unit,
        co=[w.co_unit] if co else [],
    )
    if co:
        opinion = Assignment.objects.get(unit=w.co_unit, object_id=str(s.pk))
        handling.assignment_accept(actor=w.co_clerk, assignment=opinion)
        handling.assignment_answer(actor=w.co_clerk, assignment=opinion, text=OPINION)
    lead = Assignment.objects.get(unit=w.lead_unit, object_id=str(s.pk))
    handling.assignment_accept(actor=w.lead_clerk, assignment=lead)
    handling.assignment_answer(
        actor=w.lead_clerk,
        assignment=Assignment.objects.get(pk=lead.pk),
        text=f"{title}：已列入明年计划，正在实施。",
        result_category="B",
        contact_person=CONTACT,
        contact_phone=CONTACT_PHONE,
        contact_mode="met",
        files=[letter()],
    )
    s.refresh_from_db()
    value = "dissatisfied" if dissatisfied else "satisfied"
    s = services.suggestion_rate_reply(
        actor=w.deputy, suggestion=s, value=value, comment=COMMENT if dissatisfied else ""
    )
    services.suggestion_disclose(actor=w.staff, suggestion=s)
    s.refresh_from_db()
    return s


@pytest.fixture
def items():
    """Two disclosed items, an accepted one not disclosed, a confidential one."""
    with freeze_time("2025-03-03 10:00:00+08:00"):
        w = world()
        shown = replied(w, "关于增设昌州大道公交站点的建议", co=True, dissatisfied=True)
        other = replied(w, "关于加快河包镇污水管网建设的建议")
        hidden = services.suggestion_accept(
            actor=w.staff,
            suggestion=services.suggestion_submit(
                actor=w.deputy, suggestion=draft(w, title="关于尚未公开事项的建议")
            ),
        )
        secret = services.suggestion_accept(
            actor=w.staff,
            suggestion=services.suggestion_submit(
                actor=w.deputy,
                suggestion=draft(w, title="关于涉密事项的建议", confidential=True),
            ),
        )
    return w, shown, other, hidden, secret


def test_anonymous_visitors_read_only_disclosed_items(items):
    w, shown, other, hidden, secret = items
    client = Client()
    page = client.get(LIST)
    assert page.status_code == 200
    body = page.content.decode()
    for s in (shown, other):
        assert s.title in body and f'href="{detail(s)}"' in body
        assert client.get(detail(s)).status_code == 200
    for s in (hidden, secret):
        assert s.title not in body
        assert client.get(detail(s)).status_code == 404


def test_the_page_of_an_item_shows_its_letters_and_ratings_in_words(items):
    w, shown, *_ = items
    with freeze_time("2025-03-10 10:00:00+08:00"):
        lead = Assignment.objects.get(unit=w.lead_unit, object_id=str(shown.pk))
        handling.assignment_answer(
            actor=w.lead_clerk,
            assignment=lead,
            text="已与群众商定站点位置，两处站点年内建成。",
            result_category="B",
            contact_person=CONTACT,
            contact_phone=CONTACT_PHONE,
            contact_mode="consulted",
            files=[letter()],
        )
        shown.refresh_from_db()
        services.suggestion_rate_reply(actor=w.deputy, suggestion=shown, value="satisfied")
    body = Client().get(detail(shown)).content.decode()
    assert "已列入明年计划" in body and "已与群众商定站点位置" in body
    assert w.lead_unit.name in body and w.co_unit.name in body
    shown.refresh_from_db()
    assert shown.first_reply_rating == Rated.DISSATISFIED
    assert shown.reply_rating == Rated.SATISFIED
    with translation.override("zh-hans"):
        words = [str(Rated(v).label) for v in (Rated.DISSATISFIED, Rated.SATISFIED)]
        category = str(DEFAULT_RESULT_CATEGORIES[1][1])
    assert all(f">{word}<" in body for word in words), words
    assert f"B · {category}" in body  # the result category in words


def test_no_private_data_on_the_public_pages(items):
    w, shown, other, *_ = items
    client = Client()
    deputy = shown.mandate.person
    pages = [
        client.get(LIST).content.decode(),
        client.get(detail(shown)).content.decode(),
        client.get(detail(other)).content.decode(),
        client.get(reverse("portal:deputy", args=[deputy.pk])).content.decode(),
    ]
    for body in pages:
        assert CONTACT_PHONE not in body
        assert CONTACT not in body
        assert OPINION not in body  # a co-handling unit's opinion goes to the lead unit
        assert COMMENT not in body  # the deputy's comment on a rating
        assert deputy.phone not in body
    for body in pages[:3]:
        assert not PHONE.search(body), PHONE.search(body)


@pytest.mark.parametrize(
    "query, found",
    [
        ("公交站点", "shown"),
        ("河包镇", "other"),
        ("区财政局", "shown"),  # the co-handling unit's name
    ],
)
def test_the_search_finds_by_title_and_unit(items, query, found):
    w, shown, other, *_ = items
    wanted = {"shown": shown, "other": other}[found]
    body = Client().get(LIST, {"q": query}).content.decode()
    assert f'data-suggestion="{wanted.pk}"' in body
    unwanted = other if wanted is shown else shown
    assert f'data-suggestion="{unwanted.pk}"' not in body


def test_the_search_finds_by_deputy_and_number_and_the_deputy_link(items):
    w, shown, other, *_ = items
    client = Client()
    by_name = client.get(LIST, {"q": shown.mandate.person.name}).content.decode()
    assert f'data-suggestion="{shown.pk}"' in by_name
    by_number = client.get(LIST, {"q": str(other.number)}).content.decode()
    assert f'data-suggestion="{other.pk}"' in by_number
    mine = client.get(LIST, {"deputy": shown.mandate.person_id}).content.decode()
    assert f'data-suggestion="{shown.pk}"' in mine and f'data-suggestion="{other.pk}"' in mine
    nobody = client.get(LIST, {"deputy": 999999}).content.decode()
    assert "data-suggestion=" not in nobody


def test_the_list_costs_as_many_queries_for_eight_items_as_for_two(items):
    w, *_ = items

    def queries() -> int:
        cache.clear()
        public_cache.forget_versions()
        with CaptureQueriesContext(connection) as ctx:
            assert Client().get(LIST).status_code == 200
        return len(ctx.captured_queries)

    two = queries()
    with freeze_time("2025-03-04 10:00:00+08:00"):
        for k in range(6):
            replied(w, f"关于第{k}条道路改造的建议", co=bool(k % 2))
    assert queries() == two


def test_a_deputys_page_lists_their_disclosed_items(items):
    w, shown, other, hidden, secret = items
    body = Client().get(reverse("portal:deputy", args=[w.seat.person_id])).content.decode()
    assert f'href="{detail(shown)}"' in body and f'href="{detail(other)}"' in body
    assert hidden.title not in body and secret.title not in body
    assert f"{LIST}?deputy={w.seat.person_id}" in body


with translation.override("en"):
    _STATUSES = [str(label) for _value, label in SuggestionStatus.choices]
ENGLISH_STATUSES = _STATUSES + [
    "Satisfied",
    "Dissatisfied",
    "Being solved or planned",
    "Lead unit",
]


def test_a_chinese_page_words_the_statuses_in_chinese(items):
    w, shown, other, *_ = items
    client = Client()
    for url in (LIST, detail(shown), detail(other)):
        body = client.get(url, headers={"accept-language": "zh-hans"}).content.decode()
        assert '<html lang="zh-Hans">' in body
        english = [word for word in ENGLISH_STATUSES if f">{word}<" in body]
        assert not english, f"{url}: {english}"

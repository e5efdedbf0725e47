"""The public cache (core/public_cache.py) on a small demo district: every public page and
public API list names each model it reads, is kept and served again with one query, carries
validators and no cookie, and shows each kind of change at once (issue 11)."""

import datetime
import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from renda.activities import services as activity_services
from renda.activities.models import Activity
from renda.assessment.selectors import public_evaluations
from renda.commitments import services as commitment_services
from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import Commitment
from renda.core import public_cache
from renda.core.models import StoredFigures
from renda.core.testing import module_data
from renda.demo import builder
from renda.people import services as people_services
from renda.people.choices import MandateEndReason
from renda.people.models import Person
from renda.stations import services as station_services
from renda.stations.models import Station
from renda.suggestions import services as suggestion_services
from renda.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db

ACTOR = "test"
# Tables a public answer may read without its key carrying them: the versions themselves, and
# figures stored under those versions (public_cache.stored).
NOT_SHOWN = {"core.PublicVersion", "core.StoredFigures"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        builder.build(scale=0.05)
        yield


@pytest.fixture
def client():
    return Client()


def _deputy() -> Person:
    """A serving deputy with approved commitments, verified activities and a station."""
    return (
        Person.public_objects.filter(
            commitments__status=CommitmentStatus.APPROVED,
            mandates__activities__status="verified",
            mandates__station_assignments__end__isnull=True,
        )
        .distinct()
        .order_by("pk")
        .first()
    )


def _disclosed() -> Suggestion:
    """A disclosed item whose units replied, the lead unit with co-handling units."""
    return (
        Suggestion.objects.public()
        .filter(status="closed", mode="lead_co", rehandled=1)
        .order_by("pk")
        .first()
        or Suggestion.objects.public().filter(status="closed").order_by("pk").first()
    )


def _station() -> Station:
    return (
        Station.objects.active()
        .filter(assignments__end__isnull=True)
        .distinct()
        .order_by("pk")
        .first()
    )


def public_urls() -> list[str]:
    deputy, station = _deputy(), _station()
    evaluation = public_evaluations().order_by("pk").first()
    suggestion = _disclosed()
    urls = [
        reverse("portal:home"),
        reverse("portal:deputies") + "?q=l",
        reverse("portal:deputy", args=[deputy.pk]),
        reverse("portal:deputy_qr_svg", args=[deputy.pk]),
        reverse("portal:deputy_qr_png", args=[deputy.pk]),
        reverse("portal:deputy_plate", args=[deputy.pk]),
        reverse("portal:stations"),
        reverse("portal:station", args=[station.pk]),
        reverse("portal:station_ics", args=[station.pk]),
        reverse("portal:station_qr_svg", args=[station.pk]),
        reverse("commitment_wall:wall", args=[station.pk]),
        reverse("commitment_wall:wall_a4", args=[station.pk]),
        reverse("commitment_statistics:statistics"),
        reverse("commitment_statistics:statistics_xlsx"),
        reverse("public_assessment:deputy_activities", args=[deputy.pk]),
        reverse("public_assessment:commendations"),
        reverse("public_suggestions:list"),
        reverse("public_suggestions:list") + "?q=%E5%BB%BA%E8%AE%AE&year=2024",
        reverse("public_suggestions:detail", args=[suggestion.pk]),
        reverse("public_suggestions:statistics"),
        reverse("deputy-list"),
        reverse("deputy-detail", args=[deputy.pk]),
        reverse("station-list"),
        reverse("region-list"),
        reverse("public-commitment-list"),
        reverse("public-activity-list"),
        reverse("public-commendation-list"),
    ]
    if evaluation:
        urls.append(reverse("public_assessment:scores", args=[evaluation.pk]))
    return urls


TABLE = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def _labels_read(queries) -> set[str]:
    by_table = {m._meta.db_table: m._meta.label for m in apps.get_models()}
    tables = {t for q in queries for t in TABLE.findall(q["sql"])}
    return {by_table[t] for t in tables if t in by_table} - NOT_SHOWN


def _declared(url: str) -> set[str]:
    func = resolve(url.split("?")[0]).func
    for view in (func, getattr(func, "view_class", None), getattr(func, "cls", None)):
        declared = getattr(getattr(view, "dispatch", view), "public_models", None)
        if declared is not None:
            return set(declared)
    raise AssertionError(f"{url} is not a cached public view")


def test_each_public_answer_names_every_model_it_reads(demo, client):
    urls = public_urls()
    assert len(urls) >= 26
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        missing = _labels_read(ctx.captured_queries) - _declared(url)
        assert not missing, f"{url} reads {sorted(missing)} but its cache key does not carry them"


@pytest.fixture
def parts_made(monkeypatch):
    """The deputy page's parts (public_cache.fragment) made during a test, by name; each one's
    render is checked to read only models its key carries."""
    from renda.portal import views

    made = []

    def checked(name, models, render):
        def watched():
            with CaptureQueriesContext(connection) as ctx:
                html = render()
            declared = {m._meta.concrete_model._meta.label for m in models}
            missing = _labels_read(ctx.captured_queries) - declared
            assert not missing, f"{name} reads {sorted(missing)} but its key does not carry them"
            made.append(name.split(":")[0])
            return html

        return public_cache.fragment(name, models, watched)

    monkeypatch.setattr(views, "fragment", checked)
    return made


def test_a_change_makes_again_only_the_parts_of_the_deputy_page_that_show_it(
    demo, client, parts_made, committed
):
    page = reverse("portal:deputy", args=[_deputy().pk])
    first = client.get(page).content
    assert parts_made == [
        "deputy-profile",
        "deputy-commitments",
        "deputy-record",
        "deputy-suggestions",
    ]
    for model, parts in [
        (Activity, ["deputy-record"]),
        (Commitment, ["deputy-commitments"]),
        (Station, ["deputy-profile"]),
        (Person, ["deputy-profile", "deputy-record"]),
        (Suggestion, ["deputy-suggestions"]),
    ]:
        parts_made.clear()
        with committed():
            public_cache.changed([model])
        public_cache.forget_versions()
        assert client.get(page).content == first, model
        assert parts_made == parts, model
    parts_made.clear()
    cache.clear()
    assert client.get(page).content == first  # made whole again: the same page
    assert len(parts_made) == 4


def test_a_public_answer_is_kept_and_served_again_with_one_query_at_most(demo, client):
    for url in public_urls():
        first = client.get(url)
        assert first.status_code == 200, url
        assert not first.cookies, f"{url} set {list(first.cookies)}"
        assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
        assert first["ETag"] and first["Last-Modified"], url
        public_cache.forget_versions()  # as a process does once a PUBLIC_VERSION_SECONDS
        with CaptureQueriesContext(connection) as ctx:
            again = client.get(url)
        assert len(ctx.captured_queries) == 1, f"{url}: {len(ctx.captured_queries)} queries"
        assert again.content == first.content and again["ETag"] == first["ETag"], url
        assert again["Content-Type"] == first["Content-Type"], url
        not_modified = client.get(url, headers={"if-none-match": first["ETag"]})
        assert not_modified.status_code == 304 and not not_modified.content, url


def test_an_anonymous_page_carries_no_csrf_token_and_sets_no_cookie(demo, client):
    response = client.get(reverse("portal:home"))
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "X-CSRFToken" not in response.content.decode()
    assert not response.cookies
    assert "Cookie" in response["Vary"]


def test_an_anonymous_visitor_switches_the_language_without_a_token(demo):
    client = Client(enforce_csrf_checks=True)
    page = reverse("portal:stations")
    response = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get(page).content.decode()
    assert '<html lang="zh-Hans">' in Client().get(page).content.decode()


def test_a_signed_in_users_pages_are_built_for_them_and_kept_private(demo, client):
    url = reverse("portal:home")
    client.get(url)  # kept for anonymous visitors
    client.force_login(_staff())
    response = client.get(url)
    assert "private" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" in response.content.decode()  # the language form's token
    assert reverse("core:todo") in response.content.decode()  # their own navigation


def test_a_signed_in_users_language_switch_still_needs_its_token(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(_staff())
    response = client.post(reverse("set_language"), {"language": "en"})
    assert response.status_code == 403


def _staff():
    from renda.accounts.models import User

    return User.objects.get(username="rc-staff")


# --- Each kind of change shows at once -----------------------------------------------------------


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a write as if its transaction committed (the test's own never does), so the
    versions move as on a server: `with committed(): service(...)`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _seen(client, *urls) -> list[str]:
    return [client.get(url).content.decode() for url in urls]


def test_a_renamed_deputy_shows_at_once_on_the_pages_and_the_api(demo, client, committed):
    deputy = _deputy()
    page = reverse("portal:deputy", args=[deputy.pk])
    api = reverse("deputy-detail", args=[deputy.pk])
    search = reverse("portal:deputies") + "?q=hcc"  # pinyin initials of the new name
    found = reverse("deputy-list") + "?q=hcc"
    assert all(deputy.name in body for body in _seen(client, page, api))
    assert all("缓存测" not in body for body in _seen(client, search, found))
    with committed():
        people_services.person_update(actor=ACTOR, person=deputy, name="缓存测")
    assert all("缓存测" in body for body in _seen(client, page, api, search, found))


def test_an_ended_seat_shows_at_once(demo, client, committed):
    deputy = _deputy()
    page = reverse("portal:deputy", args=[deputy.pk])
    api = reverse("deputy-detail", args=[deputy.pk])
    assert client.get(page).status_code == 200 and client.get(api).status_code == 200
    for mandate in deputy.mandates.filter(end__isnull=True):
        with committed():
            people_services.mandate_end(
                actor=ACTOR,
                mandate=mandate,
                end=timezone.localdate(),
                reason=MandateEndReason.RESIGNATION,
            )
    assert client.get(page).status_code == 404
    assert client.get(api).status_code == 404
    assert (
        deputy.name not in client.get(reverse("deputy-list") + "?page_size=1000").content.decode()
    )


def test_an_approved_commitment_shows_at_once(demo, client, committed):
    commitment = Commitment.objects.filter(status=CommitmentStatus.SUBMITTED).first()
    page = reverse("portal:deputy", args=[commitment.person_id])
    api = reverse("public-commitment-list") + f"?person={commitment.person_id}"
    assert commitment.title not in client.get(page).content.decode()
    assert commitment.title not in client.get(api).content.decode()
    with committed():
        commitment_services.commitment_approve(actor=ACTOR, commitment=commitment)
    assert commitment.title in client.get(page).content.decode()
    assert commitment.title in client.get(api).content.decode()


def test_a_verified_activity_shows_at_once(demo, client, committed):
    activity = Activity.objects.filter(status="submitted", person__in=Person.public_objects.all())
    activity = activity.order_by("-day").first()
    page = reverse("public_assessment:deputy_activities", args=[activity.person_id])
    page += f"?year={activity.day.year}"
    api = reverse("public-activity-list") + f"?person={activity.person_id}"
    marker = f'data-activity="{activity.pk}"'
    count_before = client.get(api).json()["count"]
    body_before = client.get(page).content.decode()
    with committed():
        activity_services.activity_verify(actor=ACTOR, activity=activity)
    assert client.get(api).json()["count"] == count_before + 1
    body_after = client.get(page).content.decode()
    assert body_after != body_before
    assert activity.content[:20] in body_after or marker in body_after


def test_a_disclosed_suggestion_shows_at_once_and_a_withdrawn_disclosure_goes(
    demo, client, committed
):
    s = (
        Suggestion.objects.filter(
            status="closed", confidential=False, disclosed_at=None, mandate__end=None
        )
        .order_by("-year", "-pk")
        .first()
    )
    lists = reverse("public_suggestions:list") + f"?deputy={s.mandate.person_id}&year={s.year}"
    page = reverse("portal:deputy", args=[s.mandate.person_id])
    detail = reverse("public_suggestions:detail", args=[s.pk])
    marker = f'data-suggestion="{s.pk}"'
    assert all(marker not in body for body in _seen(client, lists, page))
    assert client.get(detail).status_code == 404
    with committed():
        suggestion_services.suggestion_disclose(actor=ACTOR, suggestion=s)
    assert all(marker in body for body in _seen(client, lists, page))
    assert client.get(detail).status_code == 200
    with committed():
        suggestion_services.suggestion_disclose(actor=ACTOR, suggestion=s, disclose=False)
    assert marker not in client.get(lists).content.decode()
    assert client.get(detail).status_code == 404


def test_a_changed_reception_rule_shows_at_once(demo, client, committed):
    station = _station()
    page = reverse("portal:station", args=[station.pk])
    calendar = reverse("portal:station_ics", args=[station.pk])
    client.get(page), client.get(calendar)
    with committed():
        station_services.station_reception_set(
            actor=ACTOR,
            station=station,
            reception_rule="FREQ=WEEKLY;BYDAY=SA",
            reception_anchor=datetime.date(2024, 1, 1),
        )
    assert "BYDAY=SA" in client.get(calendar).content.decode()
    assert "星期六" in client.get(page).content.decode()


def test_the_statistics_are_read_from_their_stored_row_until_a_commitment_changes(
    demo, client, committed
):
    url = reverse("commitment_statistics:statistics")
    first = client.get(url).content.decode()
    cache.clear()  # the page is made again; its figures are not counted again
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).content.decode() == first
    counted = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not counted, counted
    commitment = Commitment.objects.filter(status=CommitmentStatus.APPROVED).order_by("pk")[0]
    year = commitment.commitment_year.year
    figures = StoredFigures.objects.filter(name__startswith="commitments.yearly_figures")
    before = {r["year"]: r for r in figures.get().value}
    with committed():
        commitment_services.commitment_close(
            actor=ACTOR, commitment=commitment, result=CommitmentStatus.FULFILLED
        )
    assert client.get(url).content.decode() != first
    after = {r["year"]: r for r in figures.get().value}
    assert after[year]["fulfilled"] == before[year]["fulfilled"] + 1


def test_the_handling_statistics_are_read_from_their_stored_row(demo, client):
    url = reverse("public_suggestions:statistics")
    first = client.get(url).content.decode()
    assert "办理情况统计" in first and "statistics-data" in first
    cache.clear()  # the page is made again; the year's aggregate is not run again
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).content.decode() == first
    counted = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not counted, counted
    assert StoredFigures.objects.filter(name__startswith="suggestions.statistics:").count() == 1


def test_a_version_moves_when_the_write_commits_not_before(demo, client):
    """Until its transaction commits (here: never), a write is not shown and moves nothing."""
    deputy = _deputy()
    page = reverse("portal:deputy", args=[deputy.pk])
    before = client.get(page).content
    people_services.person_update(actor=ACTOR, person=deputy, name="未提交")
    assert client.get(page).content == before

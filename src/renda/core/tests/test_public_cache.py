"""core.public_cache on a view of its own: what is kept, for whom, and what moves it. The
public pages themselves are walked in demo/tests/test_public_cache.py."""

import datetime

import pytest
from django.http import HttpResponse, HttpResponseNotFound
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import SafeString
from django.views import View

from renda.core import audit, public_cache
from renda.core.choices import AuditAction
from renda.core.models import PublicVersion, StoredFigures, WorkdayOverride
from renda.core.testing import frozen_at

pytestmark = pytest.mark.django_db

frozen = frozen_at("2026-12-03 10:00:00+08:00")
requests = RequestFactory()


class Counted:
    """A view that counts how often it is made, answering `body` (or what `answer` returns)."""

    def __init__(self, answer=None):
        self.made = 0
        self.answer = answer or (lambda request: HttpResponse(f"made {self.made}"))
        self.view = public_cache.public(WorkdayOverride)(self)

    def __call__(self, request):
        self.made += 1
        return self.answer(request)

    def get(self, path="/page/", **extra):
        return self.view(requests.get(path, **extra))


def _write(committed):
    """An audited write of the model the view shows, committed."""
    with committed(execute=True):
        override = WorkdayOverride.objects.create(
            day=datetime.date(2026, 12, 5), is_workday=True, note="调休"
        )
        audit.record(actor="test", action=AuditAction.CREATE, obj=override)


def test_an_anonymous_get_is_made_once_and_kept():
    page = Counted()
    first, again = page.get(), page.get()
    assert page.made == 1 and again.content == first.content == b"made 1"
    assert first["ETag"] == again["ETag"] and "public" in first["Cache-Control"]
    assert "Cookie" in first["Vary"] and "HX-Request" in first["Vary"]


def test_each_address_and_query_is_its_own_answer():
    page = Counted()
    page.get("/page/"), page.get("/page/?q=zs"), page.get("/page/", HTTP_HX_REQUEST="true")
    assert page.made == 3


def test_an_audited_write_makes_the_answer_again_once_it_commits(
    django_capture_on_commit_callbacks,
):
    page = Counted()
    before = page.get()
    _write(django_capture_on_commit_callbacks)
    after = page.get()
    assert page.made == 2 and after["ETag"] != before["ETag"]
    assert PublicVersion.objects.get(label="core.WorkdayOverride").version == 1


def test_a_write_that_does_not_commit_moves_nothing():
    page = Counted()
    page.get()
    override = WorkdayOverride.objects.create(day=datetime.date(2026, 12, 5), is_workday=True)
    audit.record(actor="test", action=AuditAction.CREATE, obj=override)
    page.get()
    assert page.made == 1 and not PublicVersion.objects.exists()


def test_a_conditional_request_gets_304():
    page = Counted()
    etag = page.get()["ETag"]
    assert page.get(HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert page.get(HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "messages=abc"},
        {"HTTP_AUTHORIZATION": "Token abc"},
    ],
    ids=["session", "a waiting message", "token"],
)
def test_a_signed_in_request_is_made_each_time_and_kept_private(extra):
    page = Counted()
    page.get(**extra)
    response = page.get(**extra)
    assert page.made == 2 and "private" in response["Cache-Control"]


def test_a_post_is_never_served_from_the_cache():
    page = Counted()
    page.view(requests.post("/page/")), page.view(requests.post("/page/"))
    assert page.made == 2


@pytest.mark.parametrize(
    "answer",
    [
        lambda request: HttpResponseNotFound("no"),
        lambda request: HttpResponse(f"token {get_token(request)}"),
        lambda request: HttpResponse(b"x" * (public_cache.LARGEST + 1)),
    ],
    ids=["not found", "used the CSRF token", "too large"],
)
def test_what_is_not_kept(answer):
    page = Counted(answer)
    page.get(), page.get()
    assert page.made == 2


def test_a_response_that_sets_a_cookie_is_not_kept():
    def answer(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    page = Counted(answer)
    page.get(), page.get()
    assert page.made == 2


def test_stored_figures_are_computed_again_only_after_a_change(django_capture_on_commit_callbacks):
    computed = []

    def compute():
        computed.append(1)
        return {"n": len(computed)}

    assert public_cache.stored("test.figures", [WorkdayOverride], compute) == {"n": 1}
    assert public_cache.stored("test.figures", [WorkdayOverride], compute) == {"n": 1}
    _write(django_capture_on_commit_callbacks)
    assert public_cache.stored("test.figures", [WorkdayOverride], compute) == {"n": 2}
    assert StoredFigures.objects.get(name="test.figures").value == {"n": 2}


def test_remembered_values_follow_the_versions(django_capture_on_commit_callbacks):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert public_cache.remembered("test.value", [WorkdayOverride], compute) == 1
    assert public_cache.remembered("test.value", [WorkdayOverride], compute) == 1
    _write(django_capture_on_commit_callbacks)
    assert public_cache.remembered("test.value", [WorkdayOverride], compute) == 2


def test_a_fragment_is_made_again_after_a_change_and_in_each_language_and_day(
    django_capture_on_commit_callbacks, frozen
):
    made = []

    def render():
        made.append(translation.get_language())
        return f"<p>{len(made)}</p>"

    def part():
        return public_cache.fragment("test.part:1", [WorkdayOverride], render)

    with translation.override("zh-hans"):
        first = part()
        assert part() == first == "<p>1</p>" and isinstance(first, SafeString)
        _write(django_capture_on_commit_callbacks)
        assert part() == "<p>2</p>"
    with translation.override("en"):
        assert part() == "<p>3</p>"
    frozen.move_to("2026-12-04 10:00:00+08:00")
    with translation.override("zh-hans"):
        assert part() == "<p>4</p>"  # "this year" and the next reception days move with the day
    assert made == ["zh-hans", "zh-hans", "en", "zh-hans"]
    assert public_cache.fragment("test.part:2", [WorkdayOverride], lambda: "<p>x</p>") == "<p>x</p>"


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("", "locmem.LocMemCache", "renda"),
        ("file:///var/cache/renda", "filebased.FileBasedCache", "/var/cache/renda"),
        ("redis://cache.internal:6379/1", "redis.RedisCache", "redis://cache.internal:6379/1"),
        ("memcached://cache.internal:11211", "memcached.PyMemcacheCache", "cache.internal:11211"),
        ("dummy://", "dummy.DummyCache", ""),
    ],
)
def test_the_cache_is_chosen_by_its_url(url, backend, location):
    from renda.settings import _cache

    chosen = _cache(url)
    assert chosen["BACKEND"] == f"django.core.cache.backends.{backend}"
    assert chosen["LOCATION"] == location


def test_an_unknown_cache_is_refused_by_name():
    from django.core.exceptions import ImproperlyConfigured

    from renda.settings import _cache

    with pytest.raises(ImproperlyConfigured, match="'mongodb'"):
        _cache("mongodb://somewhere")


def test_another_process_change_shows_within_public_version_seconds(frozen, settings):
    """A process reads the versions at most once a PUBLIC_VERSION_SECONDS (on PostgreSQL the
    round trip was most of a cached answer's cost); another process's bump, made here by hand,
    shows when that time is up."""
    settings.PUBLIC_VERSION_SECONDS = 1
    page = Counted()
    page.get()
    PublicVersion.objects.create(label="core.WorkdayOverride", version=5)
    page.get()
    assert page.made == 1
    frozen.tick(datetime.timedelta(seconds=1.5))
    page.get()
    assert page.made == 2


def test_with_no_time_every_answer_reads_the_versions(settings):
    settings.PUBLIC_VERSION_SECONDS = 0
    page = Counted()
    page.get()
    PublicVersion.objects.create(label="core.WorkdayOverride", version=5)
    page.get()
    assert page.made == 2


def test_a_class_based_view_is_kept_through_its_dispatch():
    made = []

    @public_cache.public(WorkdayOverride)
    class Page(View):
        def get(self, request):
            made.append(1)
            return HttpResponse("made")

    view = Page.as_view()
    view(requests.get("/page/")), view(requests.get("/page/"))
    assert made == [1] and Page.dispatch.public_models == ["core.WorkdayOverride"]

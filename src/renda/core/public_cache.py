"""Public responses kept until what they show changes.

A public page, public API list, QR code, plate or poster PDF, or reception calendar is the same
for every anonymous visitor until something it shows changes. `public(*models)` caches a view's
anonymous GET responses under a key that carries the version of each model it shows. Every
audited write (`core.audit.record`, `record_many`: every service's write) bumps the version of
its object's model as its transaction commits, so the next request builds a new response:
invalidation is by version, and time only bounds how long an unread entry stays.

What is served from the cache: GET and HEAD without a session cookie, a waiting message or an
Authorization header (a signed-in user's pages carry their own navigation, so they are built
each time and marked private). A response that set a cookie or used the CSRF token is never
kept. Cached answers carry `ETag`, `Last-Modified` and `Cache-Control: public, max-age` so a
browser or front cache can keep them; a conditional request gets 304.

The key also holds the host and scheme (QR codes and PDFs print the site's address), the path
with its query, the language, today's date (pages show "this year" and the next reception
days), the htmx headers (a search answers with a fragment), and for the API the Accept header.
The cache backend is the `CACHE_URL` setting; the versions live in the database
(`PublicVersion`), so every process of every server sees a change at once.
"""

import datetime
import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# How long an entry no request has asked for stays in the cache; versions, not this, make a
# change show.
TIMEOUT = 600
# Larger answers (a poster full of photos) are made each time rather than crowd the cache: with
# the default 2,000 entries per process this bounds its memory.
LARGEST = 1024 * 1024
# Response headers a cached answer keeps (the rest are the middleware's, added on each answer).
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


VERSIONS_SQL = "SELECT label, version, changed_at FROM core_publicversion"


def _label(model) -> str:
    return model._meta.concrete_model._meta.label


def changed(models: Iterable) -> None:
    """Bump the version of each model (classes or instances) once the writer's transaction
    commits: called by the audit log for every write it records. After the commit, not inside
    it: a version row locked until commit would make concurrent writers of one model wait for
    each other on PostgreSQL, and two of them bumping two models in opposite orders deadlock.
    Between the commit and the bump a request may still get the answer from before, for the
    few milliseconds the callback takes."""
    labels = sorted({_label(m) for m in models})
    if labels:
        # Robust: the write has committed; a failed bump is logged, never the writer's error
        # (its pages then show the change when their entries expire, TIMEOUT).
        transaction.on_commit(lambda: _bump(labels), robust=True)


def _bump(labels: list[str]) -> None:
    from renda.core.models import PublicVersion

    now = timezone.now()
    for label in labels:
        rows = PublicVersion.objects.filter(label=label)
        if not rows.update(version=F("version") + 1, changed_at=now):
            # The model's first change: make its row (a parallel first writer may win), then bump.
            PublicVersion.objects.bulk_create(
                [PublicVersion(label=label, changed_at=now)], ignore_conflicts=True
            )
            rows.update(version=F("version") + 1, changed_at=now)
    forget_versions()  # after the updates, so a read meanwhile is not kept


def versions(labels: Iterable[str]):
    """The versions of the named models (0 for one never changed) and when the last of them
    changed (None if never)."""
    labels = sorted(labels)
    table = _version_table()
    found = [table.get(label, (0, None)) for label in labels]
    times = [changed_at for _version, changed_at in found if changed_at is not None]
    return [version for version, _changed_at in found], max(times, default=None)


# The version table as this process last read it, and until when (time.monotonic()) it is used
# without reading it again: PUBLIC_VERSION_SECONDS. A process's own writes drop it at once.
_read: tuple[float, dict] = (0.0, {})


def _version_table() -> dict[str, tuple[int, datetime.datetime | None]]:
    """Every model's version and when it changed: one statement, written out (it runs for
    every public answer; built through the ORM it cost a third of a cached answer), read at
    most once every PUBLIC_VERSION_SECONDS per process (on PostgreSQL the round trip was most
    of what a cached answer cost). Another process's change shows within that time; this
    process's at once."""
    global _read
    now = time.monotonic()
    until, table = _read
    if now < until:
        return table
    table = {}
    with connection.cursor() as cursor:
        cursor.execute(VERSIONS_SQL)
        for label, version, changed_at in cursor.fetchall():
            if isinstance(changed_at, str):  # SQLite without its column types
                changed_at = datetime.datetime.fromisoformat(changed_at)
            if timezone.is_naive(changed_at):  # SQLite keeps UTC without its offset
                changed_at = changed_at.replace(tzinfo=datetime.UTC)
            table[label] = (version, changed_at)
    _read = (now + settings.PUBLIC_VERSION_SECONDS, table)
    return table


def forget_versions() -> None:
    """Read the version table again at the next answer (after this process's own writes)."""
    global _read
    _read = (0.0, {})


def stored(name: str, models: Iterable, compute: Callable[[], Any]) -> Any:
    """`compute()`'s result (JSON), kept in the database under `name` until one of `models`
    changes: the first read after a change computes it again and stores it. Figures over a
    whole table (the statistics) cost one row's read, in every process, even with the cache
    cleared. `name` holds whatever else the result depends on (region, level, year)."""
    from renda.core.models import StoredFigures

    numbers, _last = versions({_label(m) for m in models})
    stamp = ",".join(map(str, numbers))
    found = StoredFigures.objects.filter(name=name).values_list("stamp", "value").first()
    if found and found[0] == stamp:
        return found[1]
    value = compute()
    try:
        with transaction.atomic():
            StoredFigures.objects.update_or_create(
                name=name, defaults={"stamp": stamp, "value": value, "computed_at": timezone.now()}
            )
    except (IntegrityError, OperationalError):
        pass  # a parallel reader stored it first, or the database is busy: it is stored next time
    return value


def remembered(name: str, models: Iterable, compute: Callable[[], Any]) -> Any:
    """`compute()`'s result, kept in the cache under `name` until one of `models` changes:
    for what a page needs whatever its answer (a filter's choices), where a query would grow
    with the table. `name` holds whatever else the result depends on (the day)."""
    numbers, _last = versions({_label(m) for m in models})
    key = "remembered:" + hashlib.sha256(f"{name}\n{numbers}".encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def fragment(name: str, models: Iterable, render: Callable[[], str]) -> SafeString:
    """The HTML `render()` makes for a part of a public page, remembered until one of `models`
    changes, in the language of the request and for today. For a part that shows fewer models
    than its page: when the page is made again because something else on it changed (an
    activity verified, a commitment's progress), this part is not. `name` holds whatever else
    the part depends on (the deputy's id). Only for what is the same for every visitor."""
    html = remembered(
        f"fragment:{name}:{get_language()}:{timezone.localdate()}", models, lambda: str(render())
    )
    return mark_safe(html)  # noqa: S308 - rendered by a template, which escaped it


# A visitor with a message waiting (the cookie the messages framework keeps them in, e.g. "you
# have signed out") gets a page with it: made for them, never kept for others.
MESSAGES_COOKIE = CookieStorage.cookie_name


def cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request, numbers: list[int], vary_accept: bool) -> str:
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        timezone.localdate().isoformat(),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Boosted", ""),
        request.headers.get("Accept", "") if vary_accept else "",
        ",".join(map(str, numbers)),
    ]
    return "public:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _vary(response: HttpResponse, vary_accept: bool) -> None:
    patch_vary_headers(response, ("Cookie", "HX-Request", *(("Accept",) if vary_accept else ())))


def _entry(response: HttpResponse, last_changed) -> dict:
    """What the cache keeps of a response: its body, a few headers, its validators."""
    # Today's pages are new at midnight even if nothing they show changed.
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    return {
        "content": response.content,
        "headers": [(h, response[h]) for h in KEPT_HEADERS if h in response],
        "etag": f'"{digest}"',
        "last_modified": int(max(filter(None, [last_changed, midnight])).timestamp()),
    }


def _answer(request, entry: dict, vary_accept: bool) -> HttpResponse:
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"]:
        response[name] = value
    response["ETag"] = entry["etag"]
    if entry["last_modified"]:
        response["Last-Modified"] = http_date(entry["last_modified"])
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_MAX_AGE)
    _vary(response, vary_accept)
    return (
        get_conditional_response(
            request,
            etag=entry["etag"],
            last_modified=entry["last_modified"],
            response=response,
        )
        or response
    )


def public(*models, vary_accept: bool = False):
    """Serve the view's anonymous GETs from the cache until one of `models` changes: decorates
    a view function, a class-based view or a DRF viewset alike. The models are every one whose
    rows the response shows; `demo/tests/test_public_cache.py`
    checks the list against the tables each public page reads."""
    labels = sorted({_label(m) for m in models})

    def decorator(view):
        if isinstance(view, type):  # a class-based view or a viewset: through its dispatch
            return method_decorator(decorator, name="dispatch")(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not cacheable(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True)
                return response
            numbers, last_changed = versions(labels)
            key = _key(request, numbers, vary_accept)
            entry = cache.get(key)
            if entry is None:
                response = view(request, *args, **kwargs)
                if callable(getattr(response, "render", None)) and not response.is_rendered:
                    response.render()
                if (
                    response.status_code != 200
                    or response.streaming
                    or len(response.content) > LARGEST
                    or response.cookies
                    or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                ):
                    return response
                entry = _entry(response, last_changed)
                cache.set(key, entry, TIMEOUT)
            return _answer(request, entry, vary_accept)

        wrapped.public_models = labels
        return wrapped

    return decorator

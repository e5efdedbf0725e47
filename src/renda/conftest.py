"""Fixtures every app's tests share.

Autouse, for every test: uploads go to a throwaway MEDIA_ROOT (one per session, or per xdist
worker), the UI language is zh-hans, static files need no collectstatic, passwords hash fast.
`api` is a DRF test client. The helpers tests share are in `renda.core.testing`.

Browser tests: ask for the `page` fixture (that alone marks the test `browser`; marking it
`@pytest.mark.browser` yourself is fine too). `page` is a Playwright page in Debian's Chromium,
phone-sized, zh-CN, whose relative URLs go to pytest-django's `live_server`, with
`transactional_db` so the server thread sees the rows a test creates. `screenshot()` saves the page
under test-output/; a failing browser test leaves test-output/failures/<test>.png behind.
Browser tests run only in `make test`'s browser step (`pytest -m browser`), and the API fuzz
(`src/renda/core/tests/test_api_fuzz.py`, marked `fuzz`) only in its own (`pytest -m fuzz`).
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

from renda.core import public_cache

# As root, without a sandbox; and no calls home, which this closed network refuses noisily.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# A common phone: what a deputy or a resident scanning a station's QR code holds.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}
BROWSER_TIMEOUT_MS = 15_000


# --- Every test ----------------------------------------------------------------------------------


def pytest_configure(config):
    # WhiteNoise warns that STATIC_ROOT is missing until `collectstatic` runs; tests never need it.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


# The API fuzz module loads the OpenAPI schema and builds a test per operation and role as it is
# collected (~15 s in each process); where `-m` would deselect all of them, it is not collected.
FUZZ_MODULES = {"test_api_fuzz.py"}
FUZZ_MARKS = {"fuzz", "django_db", "parametrize"}


def pytest_ignore_collect(collection_path, config):
    if collection_path.name not in FUZZ_MODULES or not config.option.markexpr:
        return None
    from _pytest.mark.expression import Expression

    selected = Expression.compile(config.option.markexpr).evaluate(
        lambda name, /, **kwargs: name in FUZZ_MARKS
    )
    return None if selected else True


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session", autouse=True)
def _session_media_root(_media_root):
    """The throwaway MEDIA_ROOT from the start, for the data a class or module builds once
    (the demo writes its reply letters) before any test's own settings apply."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=_media_root):
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings, _media_root):
    settings.MEDIA_ROOT = _media_root
    settings.LANGUAGE_CODE = "zh-hans"
    # The manifest storage needs `collectstatic` first; tests and live_server serve from the apps.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The real hasher costs ~0.3 s a password; a suite that makes users would spend minutes on it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # WhiteNoise would otherwise index every static file (~6,000) for each test's client.
    settings.WHITENOISE_AUTOREFRESH = True
    # Each test's data is rolled back, and its primary keys come again: so must its pages.
    cache.clear()
    public_cache.forget_versions()
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def api():
    """A DRF test client, anonymous until signed in (`core.testing.token_login`, `as_user`)."""
    from rest_framework.test import APIClient

    return APIClient()


# --- Browser tests -------------------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Remember each phase's outcome so `page` can screenshot a failure as it tears down.
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


def _chromium_executable() -> str | None:
    return (
        os.environ.get("CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium under Playwright (its own browser download is unreachable here)."""
    executable = _chromium_executable()
    if executable is None:
        message = "Chromium is not installed: apt-get install chromium fonts-wqy-microhei"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test's thread; Django then refuses ORM calls
    # made from that thread (factories, assertions) as async-unsafe, though nothing here is async.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, transactional_db, request):
    """A phone-sized page; `page.goto("/path/")` goes to the live server."""
    context = chromium.new_context(base_url=live_server.url, **PHONE)
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    page = context.new_page()
    yield page
    call = getattr(request.node, "_report_call", None)
    if call is not None and call.failed:
        path = _output_dir(request) / "failures" / f"{_file_stem(request.node.nodeid)}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, full_page=True)
    context.close()


@pytest.fixture
def screenshot(page, request):
    """`screenshot("step")` saves test-output/<module>/<test>-step.png and returns its path."""

    def take(step: str = "") -> Path:
        module = Path(request.node.path).stem
        name = _file_stem(request.node.name + (f"-{step}" if step else ""))
        path = _output_dir(request) / module / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, full_page=True)
        return path

    return take


def _output_dir(request) -> Path:
    return request.config.rootpath / "test-output"


def _file_stem(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("_")

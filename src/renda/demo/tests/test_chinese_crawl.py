"""Chinese throughout: every page each demo role reaches, read in zh-Hans, holds no English.

A small demo district is built once. As each role (anonymous, the deputy, the station liaison,
the handling unit, the staff of a town and of the district, an administrator) the test requests
every URL that takes no arguments and follows every same-site link from them (GET only), one
page per URL name and set of query parameters, at most PER_NAME per URL name. Of each HTML page
it reads the visible text: text outside scripts, styles and codes (`<code>`), and the attributes
a user sees or hears (title, placeholder, aria-label, alt, data-label, a button's value). A Latin
word there is a defect unless it is on the allow-list below, each entry with its reason; so is ASCII
punctuation right after Chinese ("会议: ", a default message in English style).

The same walk fails on a link that answers 403 to the user it is offered to (a deputy's own
record page offered seven: new seat, edit and end a seat, the deputy group's staff page).

Regression test for issue 10 ("renda demo", "True", raw RRULE strings, "system", English
defaults seen on zh-Hans pages). The admin site is left out: its translation is its own work.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve

from renda.accounts.models import User
from renda.core.testing import module_data
from renda.demo import builder

pytestmark = pytest.mark.django_db

# Small: the crawl, not the data, is what takes time.
SCALE = 0.05

ROLES = {
    "anonymous": None,
    "deputy": "deputy",
    "liaison": "liaison",
    "unit": "unit",
    "town staff": "zs-staff",
    "district staff": "rc-staff",
    "administrator": "admin",
}
# Pages per role at most; one per URL name and set of query parameters, a few per URL name.
MAX_PAGES = 220
PER_NAME = 3

# Not crawled: the admin site (translated on its own), the language switch and sign-out (POST
# only), uploaded files, and the API (JSON, not pages; its browsable pages are DRF's).
SKIP_PREFIXES = ("/admin/", "/i18n/", "/media/", "/static/", "/api/v1/")

# Latin words a Chinese page may show, and why.
ALLOWED = {
    # Names of formats, standards and tools a user meets by these names in Chinese too.
    "API": "the programming interface; Chinese government sites write API",
    "PDF": "a file format",
    "Excel": "the spreadsheet program; files are .xlsx",
    "xlsx": "a file name's extension",
    "ics": "a file name's extension (iCalendar)",
    "iCalendar": "a calendar file format",
    "QR": "QR code (二维码), as printed on the codes",
    "OpenAPI": "the schema's standard",
    "Swagger": "the name of the API documentation page's tool",
    "ReDoc": "the name of the API documentation page's tool",
    "JSON": "a data format",
    "HTTP": "a protocol",
    "Token": "DRF's authentication header keyword",
    "Authorization": "an HTTP header's name",
    "JPEG": "an image format, named in the upload hint",
    "PNG": "an image format, named in the upload hint",
    "WebP": "an image format, named in the upload hint",
    "Word": "the word processor whose files may be attached",
    "MB": "a unit (megabytes) in the upload hint",
    "zs": "pinyin initials (张三) in the name search's hint: names are searched by them",
    # The language menu names each language in itself: English as English.
    "English": "the language menu names each language in its own language",
}


# --- Reading a page ------------------------------------------------------------------------------

# data-label: a list shown as cards on a phone prints it before each cell (renda.css).
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "data-label"}
# Not read: what is not shown, and codes (identifiers such as an activity type's `inspection`,
# which staff type into scoring rules; a page marks them as <code>).
HIDDEN_ELEMENTS = {"script", "style", "noscript", "template", "code"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
# What is not words: addresses, e-mail, file names and paths, codes with digits.
NOT_WORDS = re.compile(
    r"https?://\S+|[\w.+-]+@[\w.-]+|/[\w./?=&%-]*|\b[\w-]*\d[\w-]*\b|\b\w+\.(?:xlsx|pdf|ics|png)\b"
)


class TextReader(HTMLParser):
    """The visible text of a page, each piece marked whether it is history (a timeline), and
    the same-site links in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[tuple[str, bool]] = []
        self.links: list[str] = []
        self._hidden = 0
        self._history_tag = None  # the tag of the timeline being read, and how deep in it
        self._history_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HIDDEN_ELEMENTS:
            self._hidden += 1
        if self._history_tag == tag:
            self._history_depth += 1
        elif self._history_tag is None and "timeline" in (attrs.get("class") or "").split():
            self._history_tag, self._history_depth = tag, 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in VISIBLE_ATTRIBUTES:
            if attrs.get(name):
                self._text(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button", "reset"}:
            self._text(attrs.get("value") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS and self._hidden:
            self._hidden -= 1
        if tag == self._history_tag:
            self._history_depth -= 1
            if not self._history_depth:
                self._history_tag = None

    def handle_data(self, data):
        if not self._hidden:
            self._text(data)

    def _text(self, text: str):
        if text.strip():
            self.texts.append((text.strip(), self._history_tag is not None))


# Chinese followed by ASCII punctuation: an untranslated default, or a string built in English
# style ("代码: x", "必填项."); Chinese punctuation is full width.
ASCII_PUNCTUATION = re.compile(r"[\u4e00-\u9fff][,;:!?]|[\u4e00-\u9fff]\.(?!\w)")


def latin_words(text: str) -> list[str]:
    words = [w for w in LATIN_WORD.findall(NOT_WORDS.sub(" ", text)) if w not in ALLOWED]
    return words + ASCII_PUNCTUATION.findall(text)


def plain_pages(patterns=None, prefix: str = "") -> list[str]:
    """The paths of every URL that takes no arguments: where the crawl starts, so that a page no
    link leads to (the reminders, the API's page) is read too."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    paths = []
    for p in patterns:
        route = prefix + str(p.pattern)
        if "<" in route or "(" in route or any(c in route for c in "^$\\"):
            continue
        if isinstance(p, URLResolver):
            paths += plain_pages(p.url_patterns, route)
        else:
            paths.append("/" + route)
    return paths


# --- Crawling ------------------------------------------------------------------------------------


@dataclass
class Finding:
    role: str
    url: str
    words: list[str]
    context: str
    history: bool


@dataclass
class Crawl:
    role: str
    client: Client
    pages: int = 0
    visited: list = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    statuses: dict = field(default_factory=dict)  # key → the status its page answered
    linked_from: dict = field(default_factory=dict)  # key → the first page linking to it

    def refused_links(self) -> list[str]:
        """Links a page offers that answer 403 to the user who sees them (issue 10: a page
        offers no link its reader may not follow)."""
        return [
            f"{self.linked_from[key]} links to {url}"
            for key, (status, url) in self.statuses.items()
            if status == 403 and key in self.linked_from
        ]

    def key(self, url: str) -> tuple | None:
        """One page per URL name and set of query parameter names; None to skip the URL."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            return None
        if parts.path.startswith(SKIP_PREFIXES):
            return None
        try:
            match = resolve(parts.path)
        except Resolver404:
            return None
        params = tuple(sorted({k for k, _ in parse_qsl(parts.query)} - {"page"}))
        return (match.view_name, params)

    def run(self) -> "Crawl":
        seen: dict[tuple, str] = {}
        per_name: dict[str, int] = {}
        queue = deque(["/", *plain_pages()])
        while queue and self.pages < MAX_PAGES:
            url = queue.popleft()
            key = self.key(url)
            if key is None or key in seen or per_name.get(key[0], 0) >= PER_NAME:
                continue
            seen[key] = url
            self.visited.append(key[0])
            per_name[key[0]] = per_name.get(key[0], 0) + 1
            response = self.client.get(url)
            self.pages += 1
            self.statuses[key] = (response.status_code, url)
            if response.status_code >= 500:
                self.failures.append(f"{url}: {response.status_code}")
                continue
            if response.status_code != 200:
                continue
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            reader = TextReader()
            reader.feed(response.content.decode())
            audit_log = key[0] == "core:audit_log"
            for text, history in reader.texts:
                words = latin_words(text)
                if words:
                    self.findings.append(
                        Finding(self.role, url, words, text[:160], history or audit_log)
                    )
            for href in reader.links:
                parts = urlsplit(href)
                if not parts.path:
                    continue
                query = urlencode(parse_qsl(parts.query))
                link = parts.path + (f"?{query}" if query else "")
                if (link_key := self.key(link)) is not None:
                    self.linked_from.setdefault(link_key, url)
                queue.append(link)
        return self


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One small demo district for the module, rolled back when it is done."""
    with module_data(django_db_blocker):
        builder.build(scale=SCALE)
        yield


def report(findings: list[Finding]) -> str:
    """Each text once, at the first page it was seen on."""
    first = {}
    for f in findings:
        first.setdefault(f.context, f)
    return "\n".join(f"{f.url}: {' '.join(f.words)} — {f.context!r}" for f in first.values())


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_a_role_reaches_reads_in_chinese(demo, role):
    client = Client()
    username = ROLES[role]
    if username:
        client.force_login(User.objects.get(username=username))
    crawl = Crawl(role, client).run()
    assert crawl.pages > (3 if username is None else 10)
    assert not crawl.failures
    refused = crawl.refused_links()
    assert not refused, f"{role} is offered links that answer 403:\n" + "\n".join(refused)
    pages = [f for f in crawl.findings if not f.history]
    history = [f for f in crawl.findings if f.history]
    assert not pages, f"English on {role}'s pages:\n{report(pages)}"
    assert not history, f"English in {role}'s history (timelines, audit log):\n{report(history)}"

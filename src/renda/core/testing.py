"""The test harness every app's tests share: signing in, freezing the clock, proving that a
refusal wrote nothing, reading pages and API answers, making uploads and workbooks, and the
access matrix (who may open which URL) that each app declares beside its URLs.

Test support, imported by tests only (it needs pytest and freezegun, the test extras). It
lives in core and, like everything in core, knows no app: it names no domain model or factory,
so the layer test walks it like any core module and it may be used by any app's tests. What
needs the apps — a test's world of regions, deputies and users — stays in each app's
`tests/factories.py` and `tests/world.py`.

    from renda.core.testing import counter, frozen_at, login, main

    frozen = frozen_at("2026-11-22 10:00:00+08:00")  # autouse; yields the clock
    counts = counter(Person, Mandate, AuditEntry)  # counts() -> Counts, compare before/after
    refused = counts.refused  # refused(NotFound, lambda: ..., message=...) -> the exception

    def test_staff_of_another_district_get_404(client, w):
        before = counts()
        response = login(client, w.staff_tl).post(url, {...})
        assert response.status_code == 404 and counts() == before

The `api` fixture (a DRF `APIClient`) is in the project's `conftest.py`.

Access
------
Each app declares, in `<app>/access.py` beside its `urls.py`, the answer every URL name it
serves gives each of the eight roles (`ROLES`): a grid in the string `ACCESS`, one row per URL
name and method, one column per role, under a header naming the columns:

    ACCESS = '''
    [people]              object   anon deputy liaison unit town staff other admin
    GET  person_list      -        login  403     403  403  200  200   200   200
    GET  person_detail    li       login  200     200  403  200  200   404   200
    POST group_member_remove group+membership login 403 403 403 404 ok 404 ok
    '''

- `[namespace]` starts a section: the URL names below it are in that namespace (`[]` for the
  API's, which have none). Names are the ones `reverse()` takes; format-suffix variants of an
  API route are the same name.
- `object` names what the URL's arguments are, from the shared world (`core/tests/world.py`
  gathers each app's `tests/world.py`): an attribute whose `pk` is taken, several joined by
  `+`, or a number as it is; `-` for none. Objects are in 荣昌区, the district staff's area;
  the deputy is 黎源, elected in 直升镇, the town staff's area.
- A cell is the status code the role gets (`200`, `403`, `404`, `405`, `401`, `302`), or
  `login`: sent to the sign-in page. A `GET` row is requested as every role. A `POST` row is
  for URLs that take only POST: its cells are the answer to an empty POST, and `ok` marks a
  role that may post (not tried, since the step would be taken); every other cell is tried and
  must also leave every table as it was.

`core/tests/test_access.py` walks the project's URL configuration and fails on a URL name no
app declares, on a declaration of a URL that does not exist, and on any answer that differs.
"""

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from contextlib import contextmanager

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

# Django's own zh-hans form errors, as a refused form shows them.
REQUIRED = "该字段是必填项。"  # "This field is required."
INVALID_CHOICE = "选择一个有效的选项"  # "Select a valid choice."


# --- Signing in -----------------------------------------------------------------------------------


def login(client, user):
    """Sign `client` (a Django or DRF test client) in as `user`, by session; None stays
    anonymous. Returns the client, for `login(client, w.staff).get(url)`."""
    if user is not None:
        client.force_login(user)
    return client


def as_user(api, user):
    """Authenticate the DRF `api` client as `user` without a session or token (None: anonymous)."""
    api.force_authenticate(user)
    return api


def token_login(api, user):
    """Sign `api` in with `user`'s token, as API clients do; the user is loaded afresh on every
    request, so a change to their grants shows at once."""
    from rest_framework.authtoken.models import Token

    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return api


# --- The clock ------------------------------------------------------------------------------------


def frozen_at(moment: str, *, name: str = "frozen", autouse: bool = True):
    """A fixture (autouse unless told) that freezes the clock at `moment` for each test and yields
    freezegun's clock (`clock.move_to(...)`, `clock.tick()`). In a test module:
    `frozen = frozen_at("2026-11-22 10:00:00+08:00")`."""

    @pytest.fixture(name=name, autouse=autouse)
    def _frozen():
        with freeze_time(moment) as clock:
            yield clock

    return _frozen


# --- Nothing written ------------------------------------------------------------------------------


class Counts(tuple):
    """Row counts, compared like a tuple; shown with the table each number is of."""

    labels: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return (
            "Counts(" + ", ".join(f"{k}={v}" for k, v in zip(self.labels, self, strict=True)) + ")"
        )


class Counter:
    """The tables a test module's writes touch; call it for their row counts."""

    def __init__(self, *sources, **named):
        self.sources = [(_label(s), s) for s in sources] + list(named.items())

    def __call__(self) -> Counts:
        counts = Counts(_count(source) for _label, source in self.sources)
        counts.labels = tuple(label for label, _source in self.sources)
        return counts

    def refused(self, exc_type, call: Callable, message=None):
        """Call `call`, expect `exc_type`, check that no counted table changed, and (if given)
        the refusal's message. Returns the exception."""
        before = self()
        with pytest.raises(exc_type) as info:
            call()
        assert self() == before, "a refusal wrote something"
        if message is not None:
            assert str(info.value.message) == str(message)
        return info.value

    @contextmanager
    def unchanged(self):
        """Check that the block leaves every counted table as it was."""
        before = self()
        yield
        assert self() == before, "something was written"


def counter(*sources, **named) -> Counter:
    """`counts = counter(Person, Mandate, AuditEntry, open=StationAssignment.objects.current())`:
    models (every row) or querysets (the rows they select), by position or named."""
    return Counter(*sources, **named)


def _label(source) -> str:
    if isinstance(source, models.QuerySet):
        return f"{source.model._meta.label}(filtered)"
    return source._meta.label


def _count(source) -> int:
    return (source.all() if isinstance(source, models.QuerySet) else source.objects).count()


def statuses(model) -> dict:
    """Each row's status by primary key: the same after a refusal, different after a step."""
    return dict(model.objects.values_list("pk", "status"))


def constraint_message(model, name: str) -> str:
    """The readable message of `model`'s constraint `name`, as a refusal shows it."""
    (constraint,) = [c for c in model._meta.constraints if c.name == name]
    return str(constraint.violation_error_message)


def worded(template, **params) -> str:
    """A refusal's text as shown: `template % params`, or the template alone."""
    return str(template % params) if params else str(template)


# --- Pages and API answers --------------------------------------------------------------------


def assert_login_redirect(response):
    """The anonymous visitor is sent to the sign-in page."""
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def main(response) -> str:
    """The page's <main>, where a 404 says what it says (the header carries path and token)."""
    body = response.content.decode()
    return body[body.index("<main") : body.index("</main>")]


def opens(client, url: str, text: str) -> str:
    """GET `url`, check that it answers 200 and shows `text`; returns the body."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    body = response.content.decode()
    assert str(text) in body, f"{url} does not show {text!r}"
    return body


def queries(client, url: str, data=None) -> int:
    """How many queries a GET of `url` (with query `data`) makes; it must answer 200. The
    list-page guards compare this with few rows and with many."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def ids(response) -> list:
    """The ids of an API answer's rows, in order (a page of `results`, or a plain list)."""
    assert response.status_code == 200, response.content
    data = response.json()
    return [row["id"] for row in (data["results"] if isinstance(data, dict) else data)]


def id_set(response) -> set:
    """The ids of an API answer's rows, as a set (where the order is not the point)."""
    return set(ids(response))


def names(response) -> list[str]:
    """The `name` of each row of a paginated API answer, in order."""
    return [row["name"] for row in response.json()["results"]]


def assert_refused(response, status: int, message=None):
    """An API refusal: the status, and a `detail` that says why (`message`, if given)."""
    assert response.status_code == status, (response.status_code, response.content)
    if message is None:
        assert response.json()["detail"]
    else:
        assert response.json()["detail"] == str(message)


# --- Files ----------------------------------------------------------------------------------------


def photo(name: str = "现场.jpg", size=(320, 240), fmt: str = "JPEG") -> SimpleUploadedFile:
    """A small picture as an upload, for a service or a test client's POST."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(out, format=fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


def upload(name: str, body: bytes) -> io.BytesIO:
    """A file as a browser posts it: `body` under `name`, typed by its extension (a fake
    picture or workbook, to be refused)."""
    out = io.BytesIO(body)
    out.name = name
    return out


def pdf(name: str = "签到表.pdf", size: int | None = None) -> SimpleUploadedFile:
    """A PDF upload: a few bytes, or `size` bytes for the size limit."""
    body = b"%PDF-1.4 test" if size is None else b"%PDF-1.4 " + b"0" * size
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def workbook(rows: list[dict], headers: list[str], title: str | None = None) -> bytes:
    """An .xlsx of one sheet: `headers`, then each row's value under each header."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.title = title
    ws.append(headers)
    for values in rows:
        ws.append([values.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def xlsx_of(response):
    """The workbook a response downloads (it must say it is an .xlsx), opened."""
    import openpyxl

    from renda.core.imports import XLSX

    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(response.content))


def sheet_cells(sheet) -> set[str]:
    """Every filled cell of a worksheet, as text."""
    return {str(c.value) for row in sheet.iter_rows() for c in row if c.value}


def pdf_text(body: bytes, *options: str, joined: bool = False) -> str:
    """The text of a PDF, by poppler's pdftotext (with `options`, e.g. "-layout"); `joined`
    drops every space and line break, for text that wraps inside a cell."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, "-", "-"],
        input=body,
        capture_output=True,
        check=True,
        timeout=30,
    )
    text = result.stdout.decode()
    return re.sub(r"\s+", "", text) if joined else text


# --- The database ---------------------------------------------------------------------------------


def migrate_to(targets) -> object:
    """Migrate to `targets` and return the models as they were there (for data migrations)."""
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()
    loader = MigrationExecutor(connection).loader
    return loader.project_state(list(loader.applied_migrations)).apps


def _shared_memory_sqlite() -> bool:
    name = str(connection.settings_dict.get("TEST", {}).get("NAME") or "")
    return connection.vendor == "sqlite" and (not name or "memory" in name)


# For a test of two writers at once (threads on their own connections), which needs a database
# that makes the second writer wait.
needs_waiting_writers = pytest.mark.skipif(
    _shared_memory_sqlite(),
    reason="the in-memory SQLite test database shares one cache between connections, which "
    "refuses a waiting writer at once instead of queueing it; runs on PostgreSQL",
)

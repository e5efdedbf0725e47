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
serves gives each of the eight roles (`ROLES`: anonymous, the deputy 黎源, a liaison of his
station, a handling unit, the staff of 直升镇, of 荣昌区 and of 铜梁区, an administrator). The
declaration is a grid in the module's string `ACCESS`: a header line naming the columns
(`COLUMNS`), then `[namespace]` lines and one row per URL name and method. From people's:

                                anon dep  liai unit town dist othr admn object
    [people]
    GET    person_list          302  403  403  403  200  200  200  200  -
    GET    person_detail        302  200  200  403  200  200  404  200  li
    GET    group_member_remove  302  403  403  403  405  405  405  405  group+membership
    POST   group_member_remove  302  403  403  403  404  ok   404  ok   group+membership
    []
    GET    person-list          401  403  403  403  200  200  200  200  -

- `[namespace]` starts a section; `[]` holds the API's routes, which have none. A name is the
  one `reverse()` takes; an API route's format-suffix variants are the same name.
- `object` is what the URL's arguments are, from the shared world (`shared_world`, built by
  each app's `tests/world.py`): an attribute whose `pk` is taken, several joined by `+`, or a
  number as it is; `-` for none. Objects are in 荣昌区, the district staff's area (the deputy
  黎源 was elected in 直升镇, the town staff's). A trailing `*` marks shared reference data
  that every signed-in user reads (the division tree, the activity catalogue).
- A cell is the status code the role gets (200, 400, 401, 403, 404, 405), `302` for "sent to
  the sign-in page", `go` for a redirect anywhere else. A `GET` row is requested as every
  role. A `POST` or `DELETE` row is for a URL that takes only that method: a cell is the
  answer to an empty body, `ok` marks a role that may (not tried: the step would be taken),
  and every other cell must be a refusal that writes nothing to any table.
- `#` starts a comment: say why where an answer is not the obvious one.

`core/tests/test_access.py` walks the project's URL configuration and fails on a URL name no
app declares, on a declaration of a URL that does not exist, on an object of 荣昌区 that the
staff of 铜梁区 reach (out of scope is 404, as a missing row), and on any answer that differs.
"""

import functools
import io
import re
import shutil
import subprocess
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from renda.core import public_cache

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
    list-page guards compare this with few rows and with many. The public cache and this
    process's read of the versions are emptied first: it is the page's making that is counted
    (factories write without bumping versions)."""
    cache.clear()
    public_cache.forget_versions()
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


def assert_the_import_page_links_its_template(client, import_url: str, template_url: str):
    """A spreadsheet import page links its template, which downloads as a workbook."""
    from renda.core.imports import XLSX

    page = client.get(reverse(import_url))
    assert page.status_code == 200
    assert reverse(template_url) in page.content.decode()
    template = client.get(reverse(template_url))
    assert template["Content-Type"] == XLSX
    assert xlsx_of(template).sheetnames


def assert_a_non_workbook_is_refused(client, import_url: str, content: bytes, name: str):
    """A file that is not a workbook is refused (400) by a spreadsheet import page."""
    response = client.post(reverse(import_url), {"file": upload(name, content)})
    assert response.status_code == 400
    assert "xlsx" in response.content.decode()


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


def pdf_page_image(body: bytes, *, dpi: int = 150):
    """A PDF's first page as poppler renders it (a PIL RGB image), without antialiasing: every
    pixel is the colour of what was painted there."""
    from PIL import Image

    result = subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-aa", "no", "-aaVector", "no", "-singlefile", "-"],
        input=body,
        capture_output=True,
        check=True,
        timeout=30,
    )
    with Image.open(io.BytesIO(result.stdout)) as page:
        return page.convert("RGB")


def painted_in(image, colour: str):
    """A mask of `image`: 255 where a pixel is exactly `colour` ("#rrggbb"), 0 elsewhere."""
    from PIL import ImageChops

    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    bands = [
        band.point(lambda v, c=c: 255 if v == c else 0)
        for band, c in zip(image.split(), rgb, strict=True)
    ]
    return functools.reduce(ImageChops.multiply, bands)


def qr_modules_drawn(body: bytes, *, dark: str, side: int, dpi: int = 150) -> list[list[bool]]:
    """The QR code of `side` modules a side drawn in the colour `dark` on a PDF's first page, as
    rows of True for dark modules: what a scanner sees, read at each module's centre. Nothing
    else on the page may be painted in that colour."""
    painted = painted_in(pdf_page_image(body, dpi=dpi), dark)
    box = painted.getbbox()
    assert box, f"nothing on the page is painted {dark}"
    # Finder patterns sit in three corners, so the dark modules span the whole symbol.
    left, top, right, bottom = box
    width, height = (right - left) / side, (bottom - top) / side
    return [
        [
            painted.getpixel((int(left + (col + 0.5) * width), int(top + (row + 0.5) * height))) > 0
            for col in range(side)
        ]
        for row in range(side)
    ]


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


# --- The access matrix ---------------------------------------------------------------------------

# The roles every URL is tried as, in the order of a grid's columns (headed `COLUMNS`):
# anonymous, a deputy (黎源), a station liaison (直升镇's deputy home), a handling unit
# (荣昌区交通局), the staff of the town (直升镇), of the district (荣昌区) and of another district
# (铜梁区), and an administrator.
ROLES = ("anon", "deputy", "liaison", "unit", "town", "district", "other", "admin")
COLUMNS = ("anon", "dep", "liai", "unit", "town", "dist", "othr", "admn")
# 302 is the way to the sign-in page; go, a redirect anywhere else; ok, may (not tried).
ANSWERS = {"200", "302", "400", "401", "403", "404", "405", "go", "ok"}
REFUSALS = {"302", "401", "403", "404", "405"}
METHODS = {"GET", "POST", "DELETE"}


@dataclass(frozen=True)
class Access:
    """One row of a grid: what `method` on URL `name` (with `obj`'s arguments) answers each
    role. `shared`: the object is reference data every signed-in user reads (marked `*`)."""

    method: str
    name: str
    answers: dict
    obj: str
    where: str  # file:line, for the messages
    shared: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return self.method, self.name

    def args(self, world) -> list:
        """The URL's arguments: each `+`-joined part a world attribute (its pk) or a number."""
        if self.obj == "-":
            return []
        args = []
        for part in self.obj.split("+"):
            if part.isdigit():
                args.append(int(part))
            else:
                value = getattr(world, part)
                args.append(getattr(value, "pk", value))
        return args


def parse_access(text: str, where: str) -> list[Access]:
    """The rows of one app's `ACCESS` grid (see this module's docstring, "Access")."""
    rows, namespace, header = [], None, None
    for number, line in enumerate(text.splitlines(), 1):
        at = f"{where}:{number}"
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if header is None:
            if tuple(words) != (*COLUMNS, "object"):
                raise ValueError(
                    f"{at}: the first line heads the columns: {' '.join(COLUMNS)} object"
                )
            header = words
            continue
        if len(words) == 1 and words[0].startswith("[") and words[0].endswith("]"):
            namespace = words[0][1:-1]
            continue
        if namespace is None:
            raise ValueError(f"{at}: a row before any [namespace] line")
        if len(words) != len(ROLES) + 3 or words[0] not in METHODS:
            raise ValueError(f"{at}: a row is METHOD name, {len(ROLES)} answers, object: {line!r}")
        method, name, *cells, obj = words
        unknown = set(cells) - ANSWERS
        if unknown or ("ok" in cells and method == "GET"):
            raise ValueError(f"{at}: answers are {sorted(ANSWERS)} (ok not in GET rows): {line!r}")
        full = f"{namespace}:{name}" if namespace else name
        answers = dict(zip(ROLES, cells, strict=True))
        shared = obj.endswith("*")
        rows.append(Access(method, full, answers, obj.rstrip("*"), at, shared))
    return rows


def declared_access() -> dict[tuple[str, str], Access]:
    """Every app's declarations, by (method, URL name); a second declaration of one is an error.
    An app declares in `<app>/access.py` (found through settings.RENDA_APPS, no list here)."""
    import importlib
    import importlib.util

    from django.conf import settings

    found: dict[tuple[str, str], Access] = {}
    for app in settings.RENDA_APPS:
        if importlib.util.find_spec(f"{app}.access") is None:
            continue
        module = importlib.import_module(f"{app}.access")
        where = module.__name__.replace(".", "/") + ".py"
        for row in parse_access(module.ACCESS, where):
            if row.key in found:
                raise ValueError(
                    f"{row.where}: {row.name} is declared again ({found[row.key].where})"
                )
            found[row.key] = row
    return found


def url_names(patterns=None, namespace: str = "") -> dict[str, list]:
    """Every named URL of the project's URL configuration, walked down every include (the DRF
    routers' too), with the patterns that bear the name (format-suffix variants under one)."""
    from django.urls import URLResolver, get_resolver

    names: dict[str, list] = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            for name, found in url_names(pattern.url_patterns, inner).items():
                names.setdefault(name, []).extend(found)
        elif pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            names.setdefault(name, []).append(pattern)
    return names


@contextmanager
def module_data(django_db_blocker, *, at: str | None = None):
    """Data built once for a test module and rolled back after it: the database unblocked, the
    fast password hasher, the clock frozen at `at` if given, one transaction rolled back at the
    end. Use in a module-scoped fixture: `with module_data(django_db_blocker): yield build()`."""
    from contextlib import ExitStack

    from django.db import transaction
    from django.test import override_settings

    with ExitStack() as stack:
        stack.enter_context(django_db_blocker.unblock())
        stack.enter_context(
            override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
        )
        if at is not None:
            stack.enter_context(freeze_time(at))
        stack.enter_context(transaction.atomic())
        try:
            yield
        finally:
            transaction.set_rollback(True)


def shared_world():
    """The world the access matrix runs on: each app's `tests/world.py` adds its part, in the
    order of settings.RENDA_APPS (so an app builds on the apps below it). Everything is in
    荣昌区 unless its name says 铜梁区 (tl_…); `w.users` holds a user of each role."""
    import importlib
    import importlib.util
    from types import SimpleNamespace

    from django.conf import settings

    w = SimpleNamespace()
    for app in settings.RENDA_APPS:
        if importlib.util.find_spec(f"{app}.tests") and importlib.util.find_spec(
            f"{app}.tests.world"
        ):
            importlib.import_module(f"{app}.tests.world").build(w)
    return w


def table_counts() -> tuple:
    """The row count of every table of the project, in one query: what an answer that must
    write nothing is checked against."""
    from django.apps import apps

    tables = sorted(
        {m._meta.db_table for m in apps.get_models() if m._meta.managed and not m._meta.proxy}
        - {"django_session"}
    )
    sql = "SELECT " + ", ".join(
        f"(SELECT COUNT(*) FROM {connection.ops.quote_name(t)})" for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(zip(tables, cursor.fetchone(), strict=True))

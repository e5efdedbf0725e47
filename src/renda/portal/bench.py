"""`renda bench web`: the public pages under load, each against a bare view of the same server.

Issue 11 asks for the public pages "at the speed of the stack". The bench builds the demo
district into a throwaway database (`renda demo`, as `make demo` does), starts gunicorn on it as
`make demo` does (same config, workers, threads and timeout; bound to a free local port; no
access log), and loads each page with `wrk` for a fixed time at a fixed number of connections.

The baseline is a bare view (`HttpResponse`, no database, no template) served by the same
server in the same run: it passes through the same middleware, workers and sockets, so the
ratio of a page to it is what the page itself costs above the stack. It is loaded first and
again last; "% of bare" divides by the mean of the two, and their difference shows how steady
the machine was. The bare URL exists only in a server started with RENDA_BENCH_BARE=1
(`bare_urlpatterns`, included by `renda/urls.py`), which the bench sets for its gunicorn.

Per page: requests per second, p50 and p99 latency and the errors (socket errors, timeouts, and
answers of status 400 and above), from a Lua `done` callback that wrk runs; and the CPU the
gunicorn workers spent per request, from /proc (utime + stime of the master's children before
and after the load). After the run, each worker's resident memory.

`run()` works on the database Django is connected to; the command calls it inside
`core.bench.throwaway_database()`. Figures and how to read them: docs/benchmarks.md.
"""

import argparse
import contextlib
import io
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from renda.core.bench import Benchmark, machine

# The bare view's switch: set only in the environment of the bench's own gunicorn.
BARE_ENV = "RENDA_BENCH_BARE"
BARE_PATH = "/_bench/bare/"
# What --no-cache sets for the server: the public cache's "caches nothing" (CACHE_URL, read by
# settings.py once the public cache lands; until then it changes nothing).
NO_CACHE_ENV = {"CACHE_URL": "dummy://"}
# The pages, in the order they are loaded. Ids are read from the built demo (`page_paths`).
PAGES = (
    "home",
    "search",
    "deputy",
    "plate",
    "station",
    "ics",
    "wall",
    "statistics",
    "api",
)
SEARCH = "lj"  # pinyin initials; 33 deputies of the demo (e.g. 刘杰, 李娟)
WRK_MISSING = "wrk is not installed; the web bench needs it: apt-get install wrk"
START_TIMEOUT = 120  # seconds for gunicorn to answer on every worker (warm-ups included)
WRK_TIMEOUT = "30s"  # a request slower than this counts as an error (gunicorn's own is 60 s)

# wrk's `done` callback: one line of JSON, after wrk's own summary. Latencies in microseconds;
# summary.errors.status counts answers of status 400 and above.
WRK_SCRIPT = """\
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RENDA_BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""
WRK_MARK = "RENDA_BENCH "


# --- The bare view --------------------------------------------------------------------------------


def bare(request):
    """The baseline: no database, no template. Answers with its process id, so the bench can
    tell every worker has started before it measures."""
    return HttpResponse(f"ok {os.getpid()}", content_type="text/plain")


def bare_urlpatterns() -> list:
    """The bare view's URL, only in a server the bench started (RENDA_BENCH_BARE=1); anywhere
    else the path answers 404."""
    if os.environ.get(BARE_ENV) != "1":
        return []
    return [path(BARE_PATH.strip("/") + "/", bare, name="bench_bare")]


# --- Figures --------------------------------------------------------------------------------------


@dataclass
class Load:
    """What wrk measured for one URL, with the workers' CPU over the same time."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: dict[str, int] = field(default_factory=dict)
    cpu_seconds: float | None = None

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def cpu_ms_per_request(self) -> float | None:
        if self.cpu_seconds is None or not self.requests:
            return None
        return self.cpu_seconds * 1000 / self.requests


@dataclass
class Row:
    name: str
    path: str
    load: Load


@dataclass
class Report:
    database: str
    workers: int
    threads: int
    connections: int
    wrk_threads: int
    duration: int
    warmup: int
    cached: bool
    bare_first: Row
    pages: list[Row]
    bare_last: Row
    rss_mb: list[float]
    machine: dict = field(default_factory=dict)

    @property
    def bare_rate(self) -> float:
        return statistics.mean((self.bare_first.load.rate, self.bare_last.load.rate))

    def percent_of_bare(self, load: Load) -> float | None:
        return 100 * load.rate / self.bare_rate if self.bare_rate else None

    def render(self) -> str:
        m = self.machine
        rss = ", ".join(f"{mb:.0f}" for mb in self.rss_mb) or "?"
        lines = [
            f"Database: {self.database} (the demo district)",
            f"Server: gunicorn, {self.workers} workers × {self.threads} threads; cache "
            + ("as configured" if self.cached else "off (" + _env_text(NO_CACHE_ENV) + ")"),
            f"Load: wrk, {self.connections} connections, {self.wrk_threads} threads, "
            f"{self.duration} s per page after {self.warmup} s of warm-up",
            f"Machine: {m.get('cpu', '?')} × {m.get('cpus', '?')}, Python {m.get('python')}",
            f"Worker RSS after the run: {rss} MB",
            "",
        ]
        header = ("page", "path", "req/s", "% of bare", "p50 ms", "p99 ms", "errors", "CPU ms/req")
        rows = [header]
        for label, row in (
            ("bare (first)", self.bare_first),
            *((r.name, r) for r in self.pages),
            ("bare (last)", self.bare_last),
        ):
            load = row.load
            percent = self.percent_of_bare(load)
            cpu = load.cpu_ms_per_request
            rows.append(
                (
                    label,
                    row.path,
                    f"{load.rate:,.0f}",
                    "–" if percent is None else f"{percent:.1f}",
                    f"{load.p50_ms:.1f}",
                    f"{load.p99_ms:.1f}",
                    f"{load.error_count:,}",
                    "–" if cpu is None else f"{cpu:.1f}",
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        for r in rows:
            cells = [r[0].ljust(widths[0]), r[1].ljust(widths[1])]
            cells += [c.rjust(w) for c, w in zip(r[2:], widths[2:], strict=True)]
            lines.append("  ".join(cells).rstrip())
        for row in (self.bare_first, *self.pages, self.bare_last):
            if row.load.error_count:
                detail = ", ".join(f"{k} {v:,}" for k, v in row.load.errors.items() if v)
                lines.append(f"Errors of {row.name}: {detail}")
        return "\n".join(lines)


def _env_text(env: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in env.items())


# --- The server -----------------------------------------------------------------------------------


def database_url(vendor: str, settings_dict: dict) -> str:
    """A connection's settings as a DATABASE_URL for settings.py (dj-database-url)."""
    s = settings_dict
    if vendor == "sqlite":
        return "sqlite:///" + str(Path(s["NAME"]).resolve())
    if vendor != "postgresql":
        raise ValueError(f"The web bench runs on SQLite or PostgreSQL, not {vendor}.")
    user = quote(s.get("USER") or "", safe="")
    if s.get("PASSWORD"):
        user += ":" + quote(s["PASSWORD"], safe="")
    # A Unix socket directory is percent-encoded where the host goes; OPTIONS (pg-test.sh's
    # `?host=` among them) go back into the query string.
    host = quote(s.get("HOST") or "", safe="")
    netloc = (user + "@" if user else "") + host + (f":{s['PORT']}" if s.get("PORT") else "")
    query = {k: v for k, v in (s.get("OPTIONS") or {}).items() if isinstance(v, str)}
    return f"postgresql://{netloc}/{quote(s['NAME'], safe='')}" + (
        "?" + urlencode(query) if query else ""
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gunicorn() -> list[str]:
    script = Path(sys.executable).with_name("gunicorn")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gunicorn"]


def gunicorn_command(*, port: int, workers: int, threads: int) -> list[str]:
    """`make demo`'s gunicorn, on a free local port and without its access log."""
    return [
        *_gunicorn(),
        "renda.wsgi",
        "--config",
        "python:renda.gunicorn_conf",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        "60",
    ]


def server_environment(*, url: str, cached: bool) -> dict[str, str]:
    env = dict(os.environ, DATABASE_URL=url, **{BARE_ENV: "1"})
    if not cached:
        env.update(NO_CACHE_ENV)
    return env


@dataclass
class Server:
    """A running gunicorn: its master process, address and log."""

    process: subprocess.Popen
    base: str
    log: Path

    def workers(self) -> list[int]:
        return children(self.process.pid)

    def log_tail(self, lines: int = 20) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""


@contextlib.contextmanager
def serve(*, url: str, workers: int, threads: int, cached: bool) -> Iterator[Server]:
    """Start gunicorn on the database at `url`, wait until every worker answers, and stop it
    afterwards, however the block ends (Ctrl-C included)."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="renda-bench-web-") as tmp:
        log = Path(tmp, "gunicorn.log")
        with open(log, "wb") as out:
            process = subprocess.Popen(
                gunicorn_command(port=port, workers=workers, threads=threads),
                env=server_environment(url=url, cached=cached),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        server = Server(process=process, base=f"http://127.0.0.1:{port}", log=log)
        try:
            _wait_for_workers(server, workers)
            yield server
        finally:
            _stop(process)


def _wait_for_workers(server: Server, workers: int) -> None:
    """Until the bare view has answered from `workers` different processes, or fail."""
    deadline = time.monotonic() + START_TIMEOUT
    seen: set[str] = set()
    with ThreadPoolExecutor(max_workers=2 * workers) as pool:
        while len(seen) < workers:
            if server.process.poll() is not None:
                raise ValueError(
                    f"gunicorn exited with status {server.process.returncode}:\n"
                    + server.log_tail()
                )
            if time.monotonic() > deadline:
                raise ValueError(
                    f"gunicorn did not answer on all {workers} workers within {START_TIMEOUT} s "
                    f"({len(seen)} did):\n" + server.log_tail()
                )
            bodies = pool.map(lambda _: _get_body(server.base + BARE_PATH), range(2 * workers))
            seen.update(b.split()[-1] for b in bodies if b and b.startswith("ok "))
            if len(seen) < workers:
                time.sleep(0.2)


def _get_body(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except (OSError, urllib.error.URLError):
        return None


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # graceful: workers finish what they serve
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- /proc ----------------------------------------------------------------------------------------


def _stat_fields(pid: int) -> list[str]:
    """/proc/<pid>/stat after the command name (which may hold spaces): state is [0]."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
        text = fh.read()
    return text[text.rindex(")") + 2 :].split()


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (gunicorn's workers, for its master)."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError):
            if int(_stat_fields(int(entry.name))[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User and system CPU time of each process still running."""
    tick = os.sysconf("SC_CLK_TCK")
    times = {}
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            f = _stat_fields(pid)
            times[pid] = (int(f[11]) + int(f[12])) / tick
    return times


def rss_mb(pid: int) -> float | None:
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


# --- Load -----------------------------------------------------------------------------------------


def wrk_path() -> str:
    found = shutil.which("wrk")
    if not found:
        raise ValueError(WRK_MISSING)
    return found


def parse_wrk(output: str) -> Load:
    """The figures of the script's JSON line in wrk's output."""
    for line in output.splitlines():
        if line.startswith(WRK_MARK):
            data = json.loads(line[len(WRK_MARK) :])
            break
    else:
        raise ValueError("wrk printed no figures:\n" + output[-2000:])
    return Load(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors={
            "status ≥ 400": data["status"],
            "timeout": data["timeout"],
            "connect": data["connect"],
            "read": data["read"],
            "write": data["write"],
        },
    )


def wrk(url: str, *, script: Path, connections: int, threads: int, seconds: int) -> Load:
    command = [
        wrk_path(),
        "--connections",
        str(connections),
        "--threads",
        str(threads),
        "--duration",
        f"{seconds}s",
        "--timeout",
        WRK_TIMEOUT,
        "--script",
        str(script),
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ValueError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk(done.stdout)


@dataclass(frozen=True)
class LoadOptions:
    """wrk's settings, the same for every page."""

    connections: int = 32
    threads: int = 2
    duration: int = 20
    warmup: int = 2


def measure(server: Server, page: str, *, script: Path, options: LoadOptions) -> Load:
    """Warm the page up, then load it, with the workers' CPU time read around the load."""
    url = server.base + page
    wrk(
        url,
        script=script,
        connections=options.connections,
        threads=options.threads,
        seconds=options.warmup,
    )
    pids = server.workers()
    before = cpu_seconds(pids)
    load = wrk(
        url,
        script=script,
        connections=options.connections,
        threads=options.threads,
        seconds=options.duration,
    )
    after = cpu_seconds(server.workers())
    # A worker that restarted in between counts from zero; one that died is lost (rare).
    load.cpu_seconds = sum(t - before.get(pid, 0.0) for pid, t in after.items())
    return load


# --- The pages ------------------------------------------------------------------------------------


def typical_deputy() -> int:
    """A public deputy with the median number of public commitments (ties: the lowest id)."""
    from django.db.models import Count, Q

    from renda.commitments.models import Commitment
    from renda.people.models import Person

    counts = list(
        Person.public_objects.annotate(
            n=Count("commitments", filter=Q(commitments__in=Commitment.objects.public()))
        )
        .order_by("n", "pk")
        .values_list("pk", flat=True)
    )
    if not counts:
        raise ValueError("The database holds no public deputy; was the demo built?")
    return counts[len(counts) // 2]


def typical_station() -> int:
    """An active station with the median number of current deputies among those with any."""
    from collections import Counter

    from renda.stations.models import Station, StationAssignment

    active = set(Station.objects.active().values_list("pk", flat=True))
    seated = Counter(
        sid
        for sid in StationAssignment.objects.current().values_list("station_id", flat=True)
        if sid in active
    )
    if not seated:
        raise ValueError("The database holds no station with deputies; was the demo built?")
    ordered = sorted(seated, key=lambda sid: (seated[sid], sid))
    return ordered[len(ordered) // 2]


def search_query() -> str:
    """SEARCH if it finds someone, else the pinyin initials of the first public deputy."""
    from renda.people.models import Person

    if Person.public_objects.search(SEARCH).exists():
        return SEARCH
    first = Person.public_objects.exclude(name_initials="").order_by("pk").first()
    return first.name_initials[:2] if first else SEARCH


def page_paths() -> dict[str, str]:
    """Every page of PAGES with the ids of the connected database."""
    from django.urls import reverse

    deputy, station = typical_deputy(), typical_station()
    return {
        "home": reverse("portal:home"),
        "search": reverse("portal:deputies") + "?" + urlencode({"q": search_query()}),
        "deputy": reverse("portal:deputy", args=[deputy]),
        "plate": reverse("portal:deputy_plate", args=[deputy]),
        "station": reverse("portal:station", args=[station]),
        "ics": reverse("portal:station_ics", args=[station]),
        "wall": reverse("commitment_wall:wall", args=[station]),
        "statistics": reverse("commitment_statistics:statistics"),
        "api": reverse("deputy-list"),
    }


def check_pages(base: str, paths: dict[str, str]) -> None:
    """Refuse to load a page that does not answer 200: its figures would be an error's."""
    for name, page in paths.items():
        try:
            with urllib.request.urlopen(base + page, timeout=60) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        if status != 200:
            raise ValueError(f"The page {name} ({page}) answered {status}, not 200.")


# --- The run --------------------------------------------------------------------------------------


def build_demo(*, scale: float, verbosity: int) -> None:
    """`renda demo` into the connected (empty) database, its logins kept out of var/; and the
    static files collected, which the pages' templates need (as `make demo` does)."""
    from django.core.management import call_command

    with tempfile.TemporaryDirectory(prefix="renda-bench-web-") as tmp:
        call_command(
            "demo",
            scale=scale,
            accounts_file=Path(tmp, "demo-accounts.json"),
            verbosity=verbosity,
            stdout=io.StringIO(),
        )
    call_command("collectstatic", interactive=False, verbosity=0)


def run(
    *,
    pages: tuple[str, ...] = PAGES,
    workers: int = 3,
    threads: int = 2,
    load: LoadOptions = LoadOptions(),  # noqa: B008 (frozen)
    cached: bool = True,
    scale: float = 1.0,
    verbosity: int = 1,
) -> Report:
    wrk_path()  # refuse before building anything
    build_demo(scale=scale, verbosity=verbosity)
    paths = {name: p for name, p in page_paths().items() if name in pages}
    about = machine()
    url = database_url(connection.vendor, connection.settings_dict)
    connection.close()  # the server's workers are the database's users from here on
    with tempfile.TemporaryDirectory(prefix="renda-bench-web-") as tmp:
        script = Path(tmp, "report.lua")
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        try:
            with serve(url=url, workers=workers, threads=threads, cached=cached) as server:
                check_pages(server.base, paths)

                def step(name: str, page: str) -> Row:
                    if verbosity >= 1:
                        print(f"Loading {name} ({page}) …", file=sys.stderr, flush=True)
                    return Row(name, page, measure(server, page, script=script, options=load))

                first = step("bare", BARE_PATH)
                rows = [step(name, page) for name, page in paths.items()]
                last = step("bare", BARE_PATH)
                rss = [mb for pid in server.workers() if (mb := rss_mb(pid)) is not None]
        finally:
            _close_server_sessions()
    return Report(
        database=about["database"],
        workers=workers,
        threads=threads,
        connections=load.connections,
        wrk_threads=load.threads,
        duration=load.duration,
        warmup=load.warmup,
        cached=cached,
        bare_first=first,
        pages=rows,
        bare_last=last,
        rss_mb=rss,
        machine=about,
    )


def _close_server_sessions() -> None:
    """On PostgreSQL, end what is left of the stopped server's sessions, so the throwaway
    database can be dropped (DROP DATABASE refuses while anyone is connected)."""
    if connection.vendor != "postgresql":
        return
    with contextlib.suppress(Exception), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


# --- The sub-command ------------------------------------------------------------------------------


def page_list(text: str) -> tuple[str, ...]:
    """--pages: names from PAGES, comma-separated, in PAGES's order."""
    names = {n.strip() for n in text.split(",") if n.strip()}
    unknown = names - set(PAGES)
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown page {', '.join(sorted(unknown)) or '(none)'}; choose from "
            + ", ".join(PAGES)
        )
    return tuple(n for n in PAGES if n in names)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _add_arguments(parser) -> None:
    parser.add_argument(
        "--pages",
        type=page_list,
        default=PAGES,
        help="Comma-separated pages to load (default: all): " + ", ".join(PAGES) + ".",
    )
    parser.add_argument(
        "--workers", type=_positive, default=3, help="gunicorn workers (default 3)."
    )
    parser.add_argument(
        "--threads", type=_positive, default=2, help="gunicorn threads per worker (default 2)."
    )
    parser.add_argument(
        "--connections", type=_positive, default=32, help="wrk connections (default 32)."
    )
    parser.add_argument(
        "--duration", type=_positive, default=20, help="Seconds of load per page (default 20)."
    )
    parser.add_argument(
        "--warmup",
        type=_positive,
        default=2,
        help="Seconds of untimed load on each page before its timed load (default 2).",
    )
    parser.add_argument("--wrk-threads", type=_positive, default=2, help="wrk threads (default 2).")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="Serve with the public cache off (" + _env_text(NO_CACHE_ENV) + "): uncached cost.",
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="The demo's --scale, for a quicker try (default 1: the full district).",
    )


def _run(
    *,
    pages=PAGES,
    workers=3,
    threads=2,
    connections=32,
    duration=20,
    warmup=2,
    wrk_threads=2,
    no_cache=False,
    scale=1.0,
    verbosity=1,
    **options,
) -> str:
    if wrk_threads > connections:
        raise ValueError("--wrk-threads may not exceed --connections (wrk needs one each).")
    if not 0 < scale <= 1:
        raise ValueError("--scale must be more than 0 and at most 1.")
    report = run(
        pages=pages,
        workers=workers,
        threads=threads,
        load=LoadOptions(
            connections=connections, threads=wrk_threads, duration=duration, warmup=warmup
        ),
        cached=not no_cache,
        scale=scale,
        verbosity=verbosity,
    )
    return report.render()


BENCHMARK = Benchmark(
    name="web",
    help=(
        "Build the demo, serve it with gunicorn as `make demo` does, and load each public page "
        "with wrk (32 connections, 20 s each) against a bare view of the same server."
    ),
    add_arguments=_add_arguments,
    run=_run,
)

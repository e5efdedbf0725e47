"""`renda bench web` without load: its options, its refusal without wrk, the report it prints
from given figures, wrk's figures parsed, the server it would start, the pages it picks and the
bare view that exists only in the bench's server. Nothing here is timed."""

import argparse
import os
import subprocess

import dj_database_url
import pytest
from django.core.management.base import CommandError
from django.test import RequestFactory

from renda.commitments.choices import CommitmentStatus
from renda.commitments.tests.factories import CommitmentFactory
from renda.core.management.commands.bench import Command
from renda.people.models import Person
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.portal import bench
from renda.stations.tests.factories import AssignmentFactory, StationFactory

# --- Options --------------------------------------------------------------------------------------


def parse(*args):
    return Command().create_parser("renda", "bench").parse_args(["web", *args])


def test_the_defaults_are_the_issues_load_and_make_demos_server():
    options = parse()
    assert options.pages == bench.PAGES
    assert (options.connections, options.duration, options.wrk_threads) == (32, 20, 2)
    assert (options.workers, options.threads) == (3, 2)
    assert options.no_cache is False


def test_pages_are_chosen_by_name_in_the_bench_order():
    assert parse("--pages", "wall, home").pages == ("home", "wall")


@pytest.mark.parametrize("pages", ["home,nowhere", ","])
def test_an_unknown_page_is_refused_with_the_names_to_choose_from(pages):
    with pytest.raises(CommandError, match="choose from home, search, deputy"):
        parse("--pages", pages)


def test_a_count_below_one_is_refused():
    with pytest.raises(CommandError, match="--connections: must be at least 1"):
        parse("--connections", "0")
    with pytest.raises(argparse.ArgumentTypeError):
        bench._positive("-3")


@pytest.mark.django_db
def test_without_wrk_the_bench_says_how_to_install_it_and_builds_nothing(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ValueError, match="apt-get install wrk"):
        bench._run(duration=1, scale=0.05, verbosity=0)
    assert not Person.objects.exists()


def test_more_wrk_threads_than_connections_is_refused():
    with pytest.raises(ValueError, match="--wrk-threads"):
        bench._run(connections=2, wrk_threads=4)


# --- The report -----------------------------------------------------------------------------------


def load(requests, *, seconds=10.0, cpu=None, errors=None):
    return bench.Load(
        requests=requests,
        seconds=seconds,
        p50_ms=12.34,
        p99_ms=56.78,
        errors=errors or {},
        cpu_seconds=cpu,
    )


def report(**changes):
    values = dict(
        database="SQLite 3.40.1",
        workers=3,
        threads=2,
        connections=32,
        wrk_threads=2,
        duration=20,
        warmup=2,
        cached=True,
        bare_first=bench.Row("bare", bench.BARE_PATH, load(10_000)),  # 1,000 req/s
        pages=[
            bench.Row("home", "/", load(500, cpu=2.5)),  # 50 req/s
            bench.Row(
                "plate",
                "/deputies/7/plate.pdf",
                load(100, errors={"status ≥ 400": 3, "timeout": 2, "read": 0}),
            ),
        ],
        bare_last=bench.Row("bare", bench.BARE_PATH, load(30_000)),  # 3,000 req/s
        rss_mb=[101.4, 99.6, 120.0],
        machine={"cpu": "AMD EPYC", "cpus": 2, "python": "3.11.7"},
    )
    values.update(changes)
    return bench.Report(**values)


def line_of(text, label):
    return next(line for line in text.splitlines() if line.startswith(label)).split()


def test_percent_of_bare_divides_by_the_mean_of_the_two_bare_runs():
    text = report().render()
    # Bare: 1,000 and 3,000 req/s, mean 2,000: the home page's 50 req/s is 2.5 %.
    assert line_of(text, "home") == ["home", "/", "50", "2.5", "12.3", "56.8", "0", "5.0"]
    assert line_of(text, "bare (first)")[3:5] == ["1,000", "50.0"]
    assert line_of(text, "bare (last)")[3:5] == ["3,000", "150.0"]


def test_the_report_counts_errors_and_names_their_kinds():
    text = report().render()
    plate = line_of(text, "plate")
    assert plate[-2:] == ["5", "–"]  # five errors; no CPU figure given
    assert "Errors of plate: status ≥ 400 3, timeout 2" in text
    assert "Errors of home" not in text


def test_the_header_names_database_server_load_machine_and_memory():
    text = report().render()
    assert "Database: SQLite 3.40.1" in text
    assert "3 workers × 2 threads; cache as configured" in text
    assert "wrk, 32 connections, 2 threads, 20 s per page after 2 s of warm-up" in text
    assert "Machine: AMD EPYC × 2, Python 3.11.7" in text
    assert "Worker RSS after the run: 101, 100, 120 MB" in text
    assert "cache off (CACHE_URL=dummy://)" in report(cached=False).render()


# --- wrk ------------------------------------------------------------------------------------------


def test_wrks_figures_are_read_from_the_scripts_line():
    output = (
        "Running 20s test @ http://127.0.0.1:8000/\n  2 threads and 32 connections\n"
        'RENDA_BENCH {"requests": 4000, "duration_us": 20000000, "p50_us": 7500, '
        '"p99_us": 41000, "connect": 0, "read": 1, "write": 0, "status": 4, "timeout": 0}\n'
    )
    figures = bench.parse_wrk(output)
    assert figures.rate == 200
    assert (figures.p50_ms, figures.p99_ms) == (7.5, 41.0)
    assert figures.error_count == 5


def test_wrk_output_without_the_scripts_line_is_an_error():
    with pytest.raises(ValueError, match="wrk printed no figures"):
        bench.parse_wrk("Running 20s test @ http://127.0.0.1:8000/\n")


def test_the_script_reports_errors_of_every_kind_and_both_percentiles():
    for word in ("percentile(50)", "percentile(99)", "e.status", "e.timeout", "e.connect"):
        assert word in bench.WRK_SCRIPT


# --- The server -----------------------------------------------------------------------------------


def test_gunicorn_is_started_as_make_demo_does_without_the_access_log():
    command = bench.gunicorn_command(port=8123, workers=4, threads=3)
    text = " ".join(command)
    assert "renda.wsgi --config python:renda.gunicorn_conf --bind 127.0.0.1:8123" in text
    assert "--workers 4 --threads 3 --timeout 60" in text
    assert "access-log" not in text


def test_the_servers_environment_has_the_database_the_bare_view_and_maybe_no_cache():
    env = bench.server_environment(url="sqlite:////tmp/x.sqlite3", cached=True)
    assert env["DATABASE_URL"] == "sqlite:////tmp/x.sqlite3"
    assert env[bench.BARE_ENV] == "1"
    assert env.get("CACHE_URL") == os.environ.get("CACHE_URL")
    assert bench.server_environment(url="x", cached=False)["CACHE_URL"] == "dummy://"


def test_the_database_url_names_the_same_database_for_settings():
    settings_dict = {
        "NAME": "renda_bench_42",
        "USER": "postgres",
        "PASSWORD": "p@ss/word",
        "HOST": "/tmp/renda-pg.abc",
        "PORT": "",
        "OPTIONS": {},
    }
    parsed = dj_database_url.parse(bench.database_url("postgresql", settings_dict))
    assert parsed["ENGINE"] == "django.db.backends.postgresql"
    for key in ("NAME", "USER", "PASSWORD", "HOST"):
        assert parsed[key] == settings_dict[key]
    tcp = dict(settings_dict, HOST="db.example", PORT="5433")
    parsed = dj_database_url.parse(bench.database_url("postgresql", tcp))
    assert (parsed["HOST"], parsed["PORT"]) == ("db.example", 5433)
    socket_option = dict(settings_dict, HOST="", OPTIONS={"host": "/tmp/renda-pg.abc"})
    parsed = dj_database_url.parse(bench.database_url("postgresql", socket_option))
    assert (parsed["HOST"], parsed["OPTIONS"]) == ("", {"host": "/tmp/renda-pg.abc"})
    sqlite = dj_database_url.parse(bench.database_url("sqlite", {"NAME": "/tmp/b/bench.sqlite3"}))
    assert sqlite["NAME"] == "/tmp/b/bench.sqlite3"


def test_proc_finds_a_processs_children_their_cpu_and_memory():
    child = subprocess.Popen(["sleep", "30"])
    try:
        assert child.pid in bench.children(os.getpid())
        assert set(bench.cpu_seconds([child.pid, os.getpid()])) == {child.pid, os.getpid()}
        assert bench.cpu_seconds([os.getpid()])[os.getpid()] > 0
        assert bench.rss_mb(os.getpid()) > 1
    finally:
        child.kill()
        child.wait()


# --- The bare view --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_bare_url_answers_404_outside_the_benchs_server(client):
    assert os.environ.get(bench.BARE_ENV) is None
    assert client.get(bench.BARE_PATH).status_code == 404


def test_the_bench_server_has_the_bare_view_which_answers_with_its_process(monkeypatch):
    monkeypatch.setenv(bench.BARE_ENV, "1")
    (pattern,) = bench.bare_urlpatterns()
    match = pattern.resolve(bench.BARE_PATH.lstrip("/"))
    response = match.func(RequestFactory().get(bench.BARE_PATH))
    assert response.status_code == 200
    assert response.content.decode() == f"ok {os.getpid()}"
    monkeypatch.setenv(bench.BARE_ENV, "0")
    assert bench.bare_urlpatterns() == []


# --- The pages ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_typical_station_has_the_median_number_of_deputies_among_active_stations():
    stations = [StationFactory() for _ in range(3)]
    for station, deputies in zip(stations, (3, 1, 2), strict=True):
        for _ in range(deputies):
            AssignmentFactory(station=station)
    crowded = StationFactory(active=False)
    for _ in range(5):
        AssignmentFactory(station=crowded)
    StationFactory()  # no deputies: not a candidate
    assert bench.typical_station() == stations[2].pk


@pytest.mark.django_db
def test_the_typical_deputy_has_the_median_number_of_public_commitments():
    people = [PersonFactory() for _ in range(3)]
    seats = [MandateFactory(person=p) for p in people]
    CommitmentFactory(mandate=seats[1], status=CommitmentStatus.APPROVED)
    for _ in range(3):
        CommitmentFactory(mandate=seats[2], status=CommitmentStatus.DRAFT)
    # Public counts 0, 1, 0: in order (0, first), (0, third), (1, second), the middle is the
    # third, whose drafts do not count.
    assert bench.typical_deputy() == people[2].pk

"""Server warm-up: the registry, the gunicorn hook, and that the commitments' segmenter is on it.

Regression test for issue 10: the first commitment review of each server process took 5.7–7.3 s
while jieba loaded its dictionary."""

import logging
from types import SimpleNamespace

import pytest

from renda import gunicorn_conf
from renda.core import warmup


@pytest.fixture
def steps(monkeypatch):
    monkeypatch.setattr(warmup, "_steps", {})
    return warmup._steps


def test_the_hook_runs_every_registered_step_once(steps, caplog):
    ran = []
    warmup.register("one", lambda: ran.append("one"))
    warmup.register("two", lambda: ran.append("two"))
    logged = []
    worker = SimpleNamespace(log=SimpleNamespace(info=lambda *args: logged.append(args)))
    gunicorn_conf.post_worker_init(worker)
    assert ran == ["one", "two"]
    assert "one" in logged[0][1] and "two" in logged[0][1]


def test_a_failing_step_is_logged_and_the_others_still_run(steps, caplog):
    ran = []

    def broken():
        raise OSError("no dictionary")

    warmup.register("broken", broken)
    warmup.register("fine", lambda: ran.append("fine"))
    with caplog.at_level(logging.ERROR, logger="renda.core.warmup"):
        took = warmup.run()
    assert ran == ["fine"] and set(took) == {"fine"}
    assert "Warming up broken failed" in caplog.text


def test_commitments_warm_the_word_segmenter():
    from renda.commitments import similarity

    assert warmup.registered()["jieba"] is similarity.warm_up


def test_workers_load_the_views_and_the_pinyin_dictionary_before_their_first_request():
    from renda.core.apps import warm_up_urls
    from renda.people import names

    steps = warmup.registered()
    assert steps["urls"] is warm_up_urls and steps["pinyin"] is names.warm_up
    names._strokes.cache_clear()
    names.warm_up()
    assert names._strokes.cache_info().currsize == 1


def test_make_demo_starts_gunicorn_with_the_hook():
    from pathlib import Path

    import renda

    makefile = (Path(renda.__file__).parents[2] / "Makefile").read_text()
    assert "--config python:renda.gunicorn_conf" in makefile

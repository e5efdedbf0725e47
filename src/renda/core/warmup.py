"""Work a server process does once, before its first request, instead of during it.

An app registers a function in its `AppConfig.ready()`; the web server calls `run()` in each
worker as it starts (gunicorn's `post_worker_init` hook, `renda/gunicorn_conf.py`). Tests and
management commands never call it, so they do not pay for what only a server needs
(docs/decisions/0009-warming-workers.md).

    warmup.register("jieba", similarity.warm_up)  # in commitments' ready()
"""

import logging
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

_steps: dict[str, Callable[[], None]] = {}


def register(name: str, step: Callable[[], None]) -> None:
    """Have `step` run when a server process starts; a second registration of `name` replaces
    the first (ready() may run twice in a test run)."""
    _steps[name] = step


def registered() -> dict[str, Callable[[], None]]:
    return dict(_steps)


def run() -> dict[str, float]:
    """Run every registered step, each timed; a failing step is logged, not raised: the worker
    still serves, it is only slower on the first request that needs what the step loads."""
    took = {}
    for name, step in _steps.items():
        started = time.perf_counter()
        try:
            step()
        except Exception:
            log.exception("Warming up %s failed; the first request that needs it will.", name)
            continue
        took[name] = time.perf_counter() - started
        log.info("Warmed up %s in %.2f s.", name, took[name])
    return took

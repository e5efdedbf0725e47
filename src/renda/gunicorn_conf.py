"""gunicorn's settings for renda: `gunicorn -c python:renda.gunicorn_conf renda.wsgi`.

Only what the server must do beyond the command line: each worker, once it has loaded the
application and before it takes a request, runs the registered warm-ups (`renda.core.warmup`;
the commitments' Chinese word segmenter, whose dictionary took the first commitment review of
each process 5–7 s to load). See docs/decisions/0009-warming-workers.md.
"""


def post_worker_init(worker):
    from renda.core import warmup

    took = warmup.run()
    if took:
        worker.log.info(
            "Warmed up: %s", ", ".join(f"{name} {seconds:.1f} s" for name, seconds in took.items())
        )

# renda's everyday commands. `make help` lists them.
#
# Everything runs from the virtualenv .venv, made with $(PYTHON) (3.11 or newer) on first use and
# filled from pyproject.toml. A stamp file in .venv remembers the install; it is redone only when
# pyproject.toml is newer than the stamp, so a second `make demo` starts at once.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules
.DELETE_ON_ERROR:

PYTHON ?= python3
PORT ?= 8000
# Two cores: three gunicorn processes of two threads each keep both busy while some wait on I/O.
WORKERS ?= 3
THREADS ?= 2
# pytest-xdist processes for the SQLite and PostgreSQL runs; 0 runs in one process.
PYTEST_WORKERS ?= 2

VENV := .venv
BIN := $(VENV)/bin
RENDA := $(BIN)/renda
PYTEST := $(BIN)/pytest -q -rfEs
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
PIP := PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 $(BIN)/python -m pip

# What `make test` needs from Debian: Chromium and a CJK font for the browser tests, poppler's
# pdftoppm for looking at generated PDFs, GNU gettext for makemessages, a PostgreSQL server.
DEBIAN_PACKAGES := chromium fonts-wqy-microhei poppler-utils gettext postgresql

TEST_STEPS := lint migrations i18n sqlite postgres fuzz browser

.PHONY: help demo test lint format messages system-deps $(addprefix test-,$(TEST_STEPS))

help:
	@echo "make demo      install, migrate, load demo data if the database is empty, and serve"
	@echo "               on http://127.0.0.1:$(PORT)/ with gunicorn (make demo PORT=9000)"
	@echo "make test      everything CI checks, in order, stopping at the first failure:"
	@echo "               $(TEST_STEPS)"
	@echo "               (each step alone: make test-lint, make test-sqlite, ...)"
	@echo "make test-fuzz schemathesis fuzzes every API operation as anonymous, a deputy, staff"
	@echo "               and an administrator: no 5xx, answers as the schema says (~3 min)"
	@echo "make lint      ruff check and ruff format --check"
	@echo "make format    ruff format, then ruff check --fix"
	@echo "make messages  re-extract the zh-Hans catalogue (--no-obsolete) and compile django.mo"

# --- Environment ----------------------------------------------------------------------------------

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "renda needs Python 3.11 or newer, but '$(PYTHON)' is:" \
	    "$$($(PYTHON) --version 2>&1 || echo 'not installed')." >&2; \
	  echo "Install one, or name it: make $(or $(MAKECMDGOALS),demo) PYTHON=/path/to/python3.12" >&2; \
	  exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Could not create $(VENV). On Debian: apt-get install python3-venv" >&2; exit 1; }
	$(PIP) install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test]'
	@touch $@ $(RUN_STAMP)

# With CI=true, installs what is missing from Debian; otherwise says what to install.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing+=" chromium"; \
	test -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || missing+=" fonts-wqy-microhei"; \
	command -v pdftoppm >/dev/null || missing+=" poppler-utils"; \
	{ command -v xgettext && command -v msgmerge && command -v msgattrib; } >/dev/null \
	  || missing+=" gettext"; \
	compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=" postgresql"; \
	test -x $(BIN)/python || $(PYTHON) -c 'import ensurepip' 2>/dev/null || missing+=" python3-venv"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$${CI:-}" = true ]; then \
	  echo "==> Installing Debian packages:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  for try in 1 2 3; do apt-get update -qq && break; sleep 5; done; \
	  apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  exit 0; \
	fi; \
	echo "Missing Debian packages for make test:$$missing" >&2; \
	echo "Install them with:  sudo apt-get install --no-install-recommends$$missing" >&2; \
	if [ "$$missing" != " postgresql" ]; then exit 1; fi; \
	echo "(Going on without PostgreSQL: its test step will be skipped.)" >&2

# --- Demo -----------------------------------------------------------------------------------------

demo: $(RUN_STAMP)
	$(RENDA) migrate --noinput
	$(RENDA) collectstatic --noinput --verbosity 0
	$(RENDA) demo --if-empty
	@echo "==> renda is serving on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	exec $(BIN)/gunicorn renda.wsgi --config python:renda.gunicorn_conf --bind 127.0.0.1:$(PORT) \
	  --workers $(WORKERS) --threads $(THREADS) --timeout 60 --access-logfile -

# --- Tests ----------------------------------------------------------------------------------------

# Runs each step in order, stops at the first failure, and closes with how long each step took,
# pytest's result line for each, and their sum as one "total: N passed, N failed" line.
test: system-deps $(TEST_STAMP)
	@log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	rows=(); passed=0; failed=0; skipped=0; \
	finish() { \
	  printf '\n== make test: %s ==\n' "$$1"; printf '  %s\n' "$${rows[@]}"; \
	  printf 'total: %s passed, %s failed, %s skipped\n' $$passed $$failed $$skipped; }; \
	for step in $(TEST_STEPS); do \
	  printf '\n==> make test-%s\n' "$$step"; start=$$(date +%s); \
	  $(MAKE) --no-print-directory test-$$step 2>&1 | tee "$$log" && status=0 || status=$$?; \
	  result=$$(grep -E '^[0-9]+ [a-z]+.* in [0-9.]+s' "$$log" | tail -n 1 || true); \
	  for kind in passed failed skipped; do \
	    n=$$(grep -oE "[0-9]+ $$kind" <<<"$$result" | cut -d' ' -f1 || true); \
	    : $$(( $$kind += $${n:-0} )); \
	  done; \
	  rows+=("$$(printf '%-10s %4ss  %s' "$$step" "$$(( $$(date +%s) - start ))" "$$result")"); \
	  if [ "$$status" -ne 0 ]; then finish "FAILED at step $$step" >&2; exit "$$status"; fi; \
	done; \
	finish "all steps passed"

test-lint: lint

test-migrations: $(TEST_STAMP)
	$(RENDA) makemigrations --check --dry-run

test-i18n: $(TEST_STAMP)
	$(RENDA) i18n_check

test-sqlite: $(TEST_STAMP)
	env -u DATABASE_URL $(PYTEST) -m "not browser and not fuzz" -n $(PYTEST_WORKERS)

test-postgres: $(TEST_STAMP)
	@if bash scripts/pg-test.sh --bindir >/dev/null; then \
	  echo "bash scripts/pg-test.sh $(PYTEST) -m 'not browser and not fuzz' -n $(PYTEST_WORKERS)"; \
	  bash scripts/pg-test.sh $(PYTEST) -m "not browser and not fuzz" -n $(PYTEST_WORKERS); \
	elif [ "$${CI:-}" = true ]; then \
	  echo "ERROR: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb), and CI" \
	    "must test on PostgreSQL. apt-get install postgresql" >&2; \
	  exit 1; \
	else \
	  echo '############################################################################'; \
	  echo '#  SKIPPED: the PostgreSQL test run. No PostgreSQL server binaries here.   #'; \
	  echo '#  These tests ran on SQLite only. Install: apt-get install postgresql     #'; \
	  echo '############################################################################'; \
	fi

# schemathesis against the whole OpenAPI schema, on SQLite, bounded per operation and role
# (src/renda/core/tests/test_api_fuzz.py).
test-fuzz: $(TEST_STAMP)
	env -u DATABASE_URL $(PYTEST) -m fuzz -n $(PYTEST_WORKERS)

test-browser: $(TEST_STAMP)
	env -u DATABASE_URL $(PYTEST) -m browser -p no:xdist

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(RUN_STAMP)
	$(RENDA) i18n_check --update

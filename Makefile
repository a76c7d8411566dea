# Frontdoor: `make run` serves the demo council; `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1
# Debian's Chromium, driven by Playwright (which cannot download browsers here).
CHROMIUM ?= /usr/bin/chromium
# pytest-xdist processes for `make test`: the machine has 2 cores.
TEST_WORKERS ?= 2
export CHROMIUM

.PHONY: help run test lint format bench demo setup assets browser clean

help:
	@echo "make run    set everything up and serve the demo council on http://localhost:8000"
	@echo "make test   lint, then the whole test suite (set DATABASE_URL for PostgreSQL)"
	@echo "make bench  run the benchmarks in bench/ and write docs/performance.md"
	@echo "make lint   ruff check and format check"
	@echo "make demo   reset the demo council's data"

# --- set-up: each step re-runs only when its inputs change ---------------------------

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	@touch $@

ASSETS := build/static/frontdoor/frontdoor.css build/static/govuk/.copied build/static/leaflet/.copied

build/static/frontdoor/frontdoor.css: node_modules/.installed $(wildcard assets/scss/*.scss)
	npm run --silent build:css

build/static/govuk/.copied: node_modules/.installed
	@mkdir -p build/static/govuk
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js.map build/static/govuk/
	cp -r node_modules/govuk-frontend/dist/govuk/assets build/static/govuk/
	@touch $@

build/static/leaflet/.copied: node_modules/.installed
	@mkdir -p build/static/leaflet
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images build/static/leaflet/
	@touch $@

setup: $(VENV)/.installed $(ASSETS)

assets: $(ASSETS)

# Chromium and axe-core for the browser tests; FRONTDOOR_SKIP_BROWSER_TESTS=1 skips them
# (and the tests then say so).
browser:
ifneq ($(FRONTDOOR_SKIP_BROWSER_TESTS),1)
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium', or set FRONTDOOR_SKIP_BROWSER_TESTS=1"; exit 1; fi; }
endif

# --- the two commands ------------------------------------------------------------------

run: setup
	@$(PY) manage.py preflight
	@$(PY) manage.py migrate --no-input -v0
	@$(PY) manage.py createcachetable -v0
	@$(PY) manage.py collectstatic --no-input -v0
	@$(PY) manage.py demo_load --if-empty
	@$(PY) manage.py serve

test: setup browser lint
	$(PY) -m pytest -n $(TEST_WORKERS)

# --- the rest ---------------------------------------------------------------------------

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/run.py $(BENCH)

demo: setup
	@$(PY) manage.py migrate --no-input -v0
	@$(PY) manage.py createcachetable -v0
	@$(PY) manage.py demo_load --reset

clean:
	rm -rf $(VENV) node_modules build var

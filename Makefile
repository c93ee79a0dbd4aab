# Bridges: `make run` serves the whole product with demo data; `make test` runs every test suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12+: take python3.13, else python3.12, also where pyenv has them but not on the path.
PYTHON := $(shell for c in python3.13 python3.12 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[23]*/bin/python3 2>/dev/null | sort -r); do \
	$$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$c; break; }; done)

.PHONY: help run test lint test-python test-frontend test-e2e api-types install demo migrate clean bench bench-web fuzz catalogues messages

FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)
CHROMIUM ?= /usr/bin/chromium

help:
	@echo "make run    - install, migrate, load demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test   - lint, type-check and run every test suite"
	@echo "make messages - bring the backend's .po catalogues up to date with the code, check the web app's (README: Translating Bridges)"
	@echo "make bench  - print the matching engine's figures (see bench/README.md)"
	@echo "make bench-web - the web app's first paint, readiness and bytes on a throttled phone, and Lighthouse"
	@echo "make fuzz   - fuzz the API with schemathesis as every role (FUZZ_SECONDS=300; not part of make test)"

$(VENV)/.installed: requirements.lock pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "Bridges needs Python 3.12 or newer (python3.13 or python3.12 on the PATH)." >&2; exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock 2> >(grep -v "is ignored: it is neither" >&2)
	@touch $@

install: $(VENV)/.installed

# The compiled catalogues (.mo) are built from the .po files, never committed (pure Python: no GNU gettext needed).
catalogues: install
	@cd backend && ../$(PY) manage.py compile_catalogues -v 0

# For translators and developers: new backend texts go into every .po (nothing reordered), then what is left to
# translate is listed, backend and web app (every key the web app uses must be in English; README says more).
messages: install frontend/node_modules/.installed
	cd backend && ../$(PY) manage.py update_catalogues -v $(or $(V),1)
	cd frontend && node scripts/check-catalogues.mjs

migrate: install catalogues
	@cd backend && ../$(PY) manage.py migrate --no-input -v 0

demo: migrate
	@cd backend && ../$(PY) manage.py load_demo

frontend/node_modules/.installed: frontend/package-lock.json
	@command -v npm >/dev/null || { echo "The web app needs Node 20+ and npm." >&2; exit 1; }
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build --silent

run: demo frontend/dist/index.html
	@cd backend && ../$(PY) manage.py collectstatic --no-input -v 0
	@cd backend && ../$(PY) manage.py run_scheduled
	@echo "Bridges is running on http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/api/docs/)"
	@# WhiteNoise serves the web app as in production (compressed, hashed files cached for a year), not runserver.
	@cd backend && ../$(PY) manage.py runserver --nostatic $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check backend matching tests bench
	$(VENV)/bin/ruff format --check backend matching tests bench
	$(VENV)/bin/mypy backend matching
	PYTHONPATH=backend $(VENV)/bin/lint-imports

test-python: install catalogues
	@# pytest exits 5 when it collects no test; that is a failure here too, so it is not masked.
	$(PY) -m pytest

# The web app's API types must match the backend's OpenAPI schema (regenerate both with `make api-types`).
test-frontend: install frontend/node_modules/.installed
	@cd backend && DJANGO_SETTINGS_MODULE=config.django.test ../$(PY) manage.py spectacular --validate --fail-on-warn --file ../var/openapi.yaml
	@cmp -s var/openapi.yaml frontend/openapi.yaml || { echo "frontend/openapi.yaml is out of date with the backend: run make api-types and commit." >&2; exit 1; }
	@# Every key the web app's code uses is in the English catalogue (the same check make messages runs).
	@cd frontend && node scripts/check-catalogues.mjs >/dev/null
	cd frontend && npm run --silent check:api && npm run --silent typecheck && npm test --silent

# The browser tests drive Debian's Chromium: as root on Debian it is installed when missing (else make says what to run).
# The pseudo-locale build (every catalogue string marked and longer) for the journey that finds English leaks.
frontend/dist-pseudo/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build:pseudo --silent

test-e2e: frontend/dist/index.html frontend/dist-pseudo/index.html
	@sh frontend/scripts/ensure-chromium.sh $(CHROMIUM)
	cd frontend && CHROMIUM_PATH=$(CHROMIUM) npm run --silent e2e
	cd frontend && CHROMIUM_PATH=$(CHROMIUM) npm run --silent e2e:pseudo

api-types: install frontend/node_modules/.installed
	cd backend && DJANGO_SETTINGS_MODULE=config.django.test ../$(PY) manage.py spectacular --validate --fail-on-warn --file ../frontend/openapi.yaml
	cd frontend && npm run --silent gen:api

test: lint test-python test-frontend test-e2e

bench: install
	$(PY) -m bench.bench_matching
	$(PY) -m bench.bench_groups

# The web app on a throttled phone (cold and warm cache) and Lighthouse, on gunicorn and on `make run`'s server.
bench-web: install catalogues frontend/node_modules/.installed
	@sh frontend/scripts/ensure-chromium.sh $(CHROMIUM)
	CHROMIUM_PATH=$(CHROMIUM) bench/web_vitals/run.sh

# Property-based fuzzing of the whole API as each role, on its own SQLite file; fails on a 500 or a response that
# breaks the OpenAPI schema, and on fewer than FUZZ_MIN_CASES cases.
FUZZ_SECONDS ?= 300
FUZZ_MIN_CASES ?= 10000
fuzz: install catalogues
	$(PY) -m tests.fuzz.fuzz_api --seconds $(FUZZ_SECONDS) --min-cases $(FUZZ_MIN_CASES)

clean:
	rm -rf $(VENV) var

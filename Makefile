# sesam — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python

# DATABASE_URL set by the caller → that database is used and no local cluster is started.
ifeq ($(origin DATABASE_URL),undefined)
LOCAL_DB := 1
export DATABASE_URL := $(shell bin/pg url)
endif
export DJANGO_ALLOW_ASYNC_UNSAFE := true

.PHONY: run test install db chromium lint format stop clean bench wrk

## make run: install, start PostgreSQL, migrate, load the demo region, then serve (Procfile,
## honcho; Ctrl-C stops them all): sesam on 127.0.0.1:8000, the development identity provider
## on 127.0.0.1:8001, the task worker and the mail sink (mail lands in tmp/mail/new/)
run: db
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) -m devidp setup
	@mkdir -p tmp/mail
	DJANGO_DEBUG=true SESAM_PASSWORD_LOGIN=true $(VENV)/bin/honcho start

## make test: the whole suite (unit, PostgreSQL races, browser with axe); stops what it started
test: install chromium
	@if [ -n "$(LOCAL_DB)" ] && ! bin/pg status; then started=1; bin/pg start; else started=; fi; \
	rc=0; $(PY) -m pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ -n "$$started" ]; then bin/pg stop; fi; \
	if [ $$rc = 5 ]; then echo "No tests were collected: that is a failure." >&2; fi; \
	exit $$rc

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(bin/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

db: install
	@if [ -n "$(LOCAL_DB)" ]; then bin/pg start; fi
	$(PY) manage.py migrate --noinput

## Debian's Chromium (Playwright's own download cannot work here) and fonts for the PDFs
chromium:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi dejavu; then \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	fi

## make bench: the scale data (BENCH_SCALE=full|small), gunicorn with production settings and
## wrk on 127.0.0.1, the load run; prints the figures and writes bench/results.json (not in test)
BENCH_SCALE ?= full
bench: db wrk
	$(PY) manage.py seed_demo --scale $(BENCH_SCALE)
	DJANGO_SETTINGS_MODULE=bench.settings $(PY) manage.py collectstatic --noinput -v 0
	$(PY) -m bench.run

wrk:
	@if ! command -v wrk >/dev/null; then \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq wrk >/dev/null; \
	fi

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

stop:
	@if [ -n "$(LOCAL_DB)" ]; then bin/pg stop; fi

# kneesite: `make run` serves the site at http://127.0.0.1:8000, `make test` runs the whole suite.
# Both do all set-up on a fresh machine.

# The first Python >= 3.12 that runs: python3.14/3.13/3.12 on PATH, then pyenv's versions.
PYTHON ?= $(shell for candidate in python3.14 python3.13 python3.12 python3 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do \
	$$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	&& command -v $$candidate && break; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOCAL_SETTINGS := .env
CHROMIUM := /usr/bin/chromium
# Test processes, one a core by default (pytest-xdist); PYTEST_WORKERS=0 runs them in this one.
# Tests marked xdist_group (the nginx + Redis stacks) share one process, so each stack starts once.
PYTEST_WORKERS ?= auto

# `make run` and the tests serve plain http on 127.0.0.1 (see README: "Local and production").
export DJANGO_INSECURE_HTTP ?= true

.PHONY: run test bench readability lint format setup python admin-hint system-packages clean

# Links the site prints (canonical, link previews, sitemap, calendar files) name this server,
# unless DJANGO_SITE_URL is already set (e.g. to the proxy's address in front of it).
run: export DJANGO_SITE_URL ?= http://127.0.0.1:$(PORT)
run: setup admin-hint
	$(BIN)/gunicorn kneesite.wsgi \
		--bind 127.0.0.1:$(PORT) --workers 2 --no-control-socket --access-logfile -

# Serves the site as `make run` does (and through nginx, as deploy/stack.py does), loads it with
# wrk and prints Markdown tables of requests/s, latency and uncached render time: deploy/bench.py.
bench: $(VENV)/.bench-installed system-packages setup
	$(BIN)/python deploy/bench.py

# Tests use plain static storage (hashed names 404 under the live server) and short-lived
# database connections (the live server's threads would keep the test database busy).
test: $(VENV)/.test-installed system-packages lint setup
	DJANGO_SECRET_KEY=test-only-not-secret \
	DJANGO_STATICFILES_STORAGE=django.contrib.staticfiles.storage.StaticFilesStorage \
	DJANGO_CONN_MAX_AGE=0 \
	DJANGO_ALLOW_ASYNC_UNSAFE=true \
	DJANGO_CACHE_DIR=.cache/test \
	$(BIN)/pytest --numprocesses=$(PYTEST_WORKERS) --dist=loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

python:
	@test -n "$(PYTHON)" || { echo "kneesite needs Python 3.12 or newer: install python3.12 (or set PYTHON=/path/to/python)." >&2; exit 1; }

$(VENV)/.installed: pyproject.toml | python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	touch $@

# This checkout's own settings (not in git), read by kneesite/settings.py: every manage.py command
# the README or the site prints then works as printed, with nothing to export. An earlier
# checkout's .secret-key is kept, so sessions survive. Production has no such file.
$(LOCAL_SETTINGS):
	umask 077 && { echo "# Written by make for this checkout only; never used in production."; \
		echo "DJANGO_SECRET_KEY=$$(cat .secret-key 2>/dev/null || $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
		echo "DJANGO_INSECURE_HTTP=true"; } > $@

# Then the shipped content (articles/content/, faq/content/): loading it again never
# duplicates content, overwrites an author's edits or re-creates what an author deleted.
setup: $(VENV)/.installed $(LOCAL_SETTINGS)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_content --verbosity 0
	$(BIN)/python manage.py createinitialrevisions --comment "As it was before any edit in the admin" --verbosity 0
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

admin-hint:
	@$(BIN)/python manage.py ensure_admin --url http://127.0.0.1:$(PORT)/admin/

# Debian packages the tests use: chromium (browser tests), nginx and redis (tests/test_two_instances.py),
# wrk (make bench). Installed only where missing.
SYSTEM_PACKAGES := chromium:$(CHROMIUM) nginx-light:/usr/sbin/nginx redis-server:/usr/bin/redis-server wrk:/usr/bin/wrk
system-packages:
	@missing=""; for entry in $(SYSTEM_PACKAGES); do \
		test -x "$${entry#*:}" || missing="$$missing $${entry%%:*}"; done; \
	test -z "$$missing" || { echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }

clean:
	rm -rf $(VENV) staticfiles test-results .pytest_cache .ruff_cache .cache

# Reading age per public page (Flesch–Kincaid grade, words, longest sentence a reader acts on),
# as a Markdown table; tests/test_readability.py holds every page to grade 6 and 25 words.
readability: $(VENV)/.test-installed setup
	DJANGO_SECRET_KEY=test-only-not-secret \
	DJANGO_STATICFILES_STORAGE=django.contrib.staticfiles.storage.StaticFilesStorage \
	DJANGO_CACHE_DIR=.cache/test \
	READABILITY_TABLE=1 $(BIN)/pytest tests/test_readability.py -q -s -k the_footer_and_a_result -p no:cacheprovider

# The two commands: `make run` and `make test`. Everything else is a step they share.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
VENV := .venv
PY := $(VENV)/bin/python
UV_BIN = $(shell command -v uv || echo .tools/bin/uv)

help:
	@echo "make run    set everything up and serve the demo on http://127.0.0.1:8000"
	@echo "make test   set everything up and run the whole test suite"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make bench-load  only the load test with locust (PostgreSQL, about half an hour)"
	@echo "make lint   ruff (with bandit's rules), mypy and the production deploy check"
	@echo "make audit  known vulnerabilities in the locked dependencies (advisory)"
	@echo "make prod-check  start the production configuration locally and smoke-test it"
	@echo "make backup-drill  back up the demo, restore it into an empty database and compare"
	@echo "make messages  extract the strings to translate into locale/ (see docs/languages.md)"

# Python >= 3.12 and uv; scripts/bootstrap.sh prints a clear message when either is missing.
$(VENV)/.synced: pyproject.toml uv.lock scripts/bootstrap.sh
	@scripts/bootstrap.sh
	@touch $@

setup: $(VENV)/.synced

migrate: setup
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@$(PY) manage.py demo_logins
	@echo "Starting the background worker, tick every 15 minutes and the server on http://127.0.0.1:8000 (Ctrl-C stops all)"
	@trap 'kill 0' EXIT; $(PY) manage.py db_worker --queue-name '*' & \
	while true; do $(PY) manage.py tick > /dev/null; sleep 900; done & \
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	@scripts/system-packages.sh
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff (with bandit's S rules), the format, mypy, the app order (import-linter), the migrations,
# and Django's deploy check on production settings.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy config sprakvan conftest.py
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=sprakvan.example.org BEHIND_TLS_PROXY=true \
	EMAIL_URL=smtp+tls://mailer:secret@smtp.example.org:587 \
	SMS_URL=elks://user:secret@api.46elks.com SMS_WEBHOOK_TOKEN=a-long-random-hook-secret \
	$(PY) manage.py check --deploy --fail-level WARNING

# The production configuration (gunicorn, DEBUG=false, behind-TLS settings) started and
# smoke-tested locally, on SQLite or on the PostgreSQL in DATABASE_URL (docs/deploy.md).
prod-check: setup
	$(PY) scripts/prod-check.py

# Backup, restore into an empty scratch database, compare (docs/backup.md); on DATABASE_URL's engine.
backup-drill: setup
	$(PY) scripts/backup-drill.py

# The catalogues: every string for sv/en/ar, the public pages' strings for the other languages.
messages: setup
	@scripts/messages.sh
	$(PY) manage.py compilemessages --ignore ".venv/*" > /dev/null

# Known vulnerabilities in the locked dependencies: a report, never a failure on its own.
audit: setup
	@$(UV_BIN) export --frozen --quiet --no-hashes > $(VENV)/audit-requirements.txt
	@$(VENV)/bin/pip-audit -r $(VENV)/audit-requirements.txt --no-deps --disable-pip --progress-spinner off \
	|| echo "pip-audit: advisories above (or the advisory database was unreachable); not a failure"

# bench/run.py runs matching.py and reports.py; the others here are theirs to run
# (matching_solvers.py --large adds the pools up to 12,000 x 7,000, about 20 minutes).
bench: setup
	$(PY) bench/run.py
	$(PY) bench/messaging_bench.py --database sqlite
	$(PY) bench/messaging_bench.py --database postgres
	$(PY) bench/startup.py
	$(PY) bench/attendance_page.py
	$(PY) bench/matching_solvers.py
	$(MAKE) bench-load

# The load test, last in bench: needs PostgreSQL and takes about half an hour; on its own
# with LOAD_ARGS=--quick it tries the set-up in a few minutes. See docs/performance.md, "Load".
bench-load: setup
	DATABASE_URL=$${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sv_load} $(PY) bench/load.py $(LOAD_ARGS)

.PHONY: help setup migrate demo run test lint audit bench bench-load messages prod-check backup-drill

# The two commands: `make run` and `make test`. Everything else is a step they share.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
VENV := .venv
PY := $(VENV)/bin/python

help:
	@echo "make run    set everything up and serve the demo on http://127.0.0.1:8000"
	@echo "make test   set everything up and run the whole test suite"
	@echo "make bench  run the benchmarks in bench/"
	@echo "make lint   ruff and mypy"

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
	@echo "Starting a background worker and the server on http://127.0.0.1:8000 (Ctrl-C stops both)"
	@trap 'kill 0' EXIT; $(PY) manage.py db_worker --queue-name '*' & \
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	@scripts/system-packages.sh
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy config sprakvan

bench: setup
	$(PY) bench/run.py

.PHONY: help setup migrate demo run test lint bench

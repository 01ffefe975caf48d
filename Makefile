# Two commands set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install run serve test lint format pytest eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install ## practise a call in the terminal (SQLite in ./data, no tokens needed)
	$(PY) -m bot chat

serve: install ## HTTP server with the configured channels and the nudge dispatcher
	$(PY) -m bot serve

lint: install ## ruff (lint + format check) and mypy --strict
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

pytest: install ## the test suite, on SQLite and on the local PostgreSQL
	$(VENV)/bin/pytest -q

test: lint pytest

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

eval: install ## assessor precision/recall/F1 per criterion on the labelled sets
	$(PY) -m dialogues.evaluate

bench: install ## speed and memory figures (printed; never asserted in unit tests)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

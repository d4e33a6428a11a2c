# Two entry points that work on a fresh machine with only Python 3.11+:
#   make demo   creates .venv, installs the project, runs the demo and the CSV import CLI (10,000 rows) against the embedded fake server
#   make test   creates .venv, installs the project with dev tools, runs ruff, mypy --strict and pytest
# Another interpreter gets a venv of its own, e.g.
#   make pytest PYTHON=python3.13 VENV=.venv-3.13
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest docs check-wheel bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(STAMP)-%: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[$*]'
	touch $@

demo: $(STAMP)
	$(BIN)/python examples/demo.py
	$(BIN)/python examples/cli_import.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict smartlead_async tests

pytest: $(STAMP)
	$(BIN)/pytest -q --wire-coverage

test: lint typecheck pytest

# The API reference, from the docstrings, into site/; a warning fails the build.
docs: $(STAMP)-docs
	$(BIN)/mkdocs build --strict

# Builds the sdist and the wheel, checks them and runs the wheel in a clean venv.
check-wheel: $(STAMP)-release
	.ci/check_wheel $(BIN)/python

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_gate.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache site dist

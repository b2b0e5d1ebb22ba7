# warta — two commands on a fresh machine with Python 3.11:  make demo  |  make test
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SAMPLES := src/warta/samples
# Every install goes through the committed lock (runtime, dev and tools, one file); `make lock` refreshes it.
LOCK := requirements/lock.txt
PIP_LOCKED := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-build-isolation -c $(LOCK)
PORT ?= 8000

.PHONY: demo test install install-dev bench lint clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip, setuptools (warta's build backend, used without build isolation so it is the locked one) and uv first
$(VENV)/.tools: $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) pip setuptools uv
	@touch $@

$(VENV)/.installed: pyproject.toml $(LOCK) $(VENV)/.tools
	$(PIP_LOCKED) -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(LOCK) $(VENV)/.tools
	$(PIP_LOCKED) -e ".[dev]"
	$(BIN)/python -m pip check
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: install
	@mkdir -p out
	$(BIN)/warta ingest --db out/demo.db $(SAMPLES)
	$(BIN)/warta export --db out/demo.db --format jsonl --out out/demo.jsonl
	$(BIN)/warta summary --db out/demo.db
	@if [ -t 1 ] && [ -z "$$CI" ]; then \
	  $(BIN)/warta serve --db out/demo.db --port $(PORT); \
	else \
	  echo "Not a terminal: the dashboard is not started. Start it with: $(BIN)/warta serve --db out/demo.db"; \
	fi

test: install-dev browser
	$(BIN)/python -m pytest

# Debian's chromium and chromium-driver for tests/web/test_browser.py (skipped when they are missing)
.PHONY: browser
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif sudo -n true >/dev/null 2>&1; then SUDO="sudo -n"; \
	else echo "warning: not root and no sudo: chromium is not installed, the browser test will be skipped"; exit 0; fi; \
	APT="$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get"; \
	$$APT install -y --no-install-recommends chromium chromium-driver \
	  || { $$APT update && $$APT install -y --no-install-recommends chromium chromium-driver; } \
	  || echo "warning: could not install chromium and chromium-driver: the browser test will be skipped"

bench: install
	$(BIN)/warta bench

# ruff, then vulture for dead code (its paths, options and whitelist: [tool.vulture] in pyproject.toml)
lint: install-dev
	$(BIN)/ruff check src tests scripts
	$(BIN)/vulture

# Refresh the lock on purpose: newest releases within pyproject.toml's ranges, then install them and
# check every file generated from a library's data against them. The result is a change to review.
lock: $(VENV)/.tools
	$(BIN)/uv pip compile pyproject.toml requirements/tools.in --extra dev --extra train --extra cluster --universal --python-version 3.11 \
	  --upgrade --quiet -o $(LOCK)
	$(PIP_LOCKED) -e ".[dev]" pip setuptools uv
	@touch $(VENV)/.installed-dev $(VENV)/.installed
	$(BIN)/python scripts/check_generated.py

clean:
	rm -rf $(VENV) out build dist src/*.egg-info .pytest_cache .ruff_cache

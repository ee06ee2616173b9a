# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install system-deps run sandbox test lint bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

## Debian packages the tests need (fonts, Chromium, PostgreSQL...), listed in system-packages.txt.
system-deps:
	@scripts/system-deps

## Start the bot: on Telegram when TELEGRAM_BOT_TOKEN is set, else the offline sandbox.
run: install
	$(PY) -m bot db upgrade
	$(PY) -m bot run

sandbox: install
	$(PY) -m bot sandbox

lint: install
	$(PY) -m ruff check bot tests bench
	$(PY) -m mypy

## The whole test suite on SQLite, then the database-facing tests on PostgreSQL (a throwaway
## server on loopback, started by the tests through scripts/postgres).
PG_TESTS ?= tests/storage tests/outbox tests/e2e tests/workers
test: install system-deps lint
	$(PY) -m bot content validate
	$(PY) -m pytest -q -p no:cacheprovider
	TEST_DATABASE=postgresql $(PY) -m pytest -q -p no:cacheprovider $(PG_TESTS)

bench: install
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements-dev.lock | cksum | cut -d' ' -f1)

.PHONY: install system-deps webchat-deps run sandbox test test-full lint bench clean image image-test lock

## Every dependency from the lock file (pinned, hash-checked), then the project itself.
$(STAMP): pyproject.toml requirements-dev.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	scripts/install $(PY) requirements-dev.lock
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

## Debian packages the tests need (fonts, Chromium, PostgreSQL...), listed in system-packages.txt.
system-deps:
	@scripts/system-deps

## axe-core for the web chat's accessibility test (npm ci in tests/webchat).
webchat-deps:
	@scripts/webchat-deps

## Start the bot: on Telegram when TELEGRAM_BOT_TOKEN is set, else the offline sandbox.
run: install
	$(PY) -m bot db upgrade
	$(PY) -m bot run

sandbox: install
	$(PY) -m bot sandbox

lint: install
	$(PY) -m ruff check bot tgemu tests bench
	$(PY) -m mypy

## The test suite on SQLite (all but the heavy tests), then the database-facing tests on
## PostgreSQL (a throwaway server on loopback, started by the tests through scripts/postgres);
## see scripts/run-tests for what is left to test-full.
test: install system-deps webchat-deps lint
	$(PY) -m bot content validate
	scripts/run-tests $(PY)

## Everything at full size: the heavy tests (10,000 faulty updates, 20 kills, many writers, 400
## fuzz examples) and every database-facing test on PostgreSQL on both frameworks.
test-full: install system-deps webchat-deps lint
	$(PY) -m bot content validate
	scripts/run-tests $(PY) full

bench: install
	$(PY) -m bench.run

## Rewrite the lock files after changing pyproject.toml's dependencies (CI checks they match).
lock: install
	scripts/lock

## The container image (buildah; as root, with Debian's buildah/podman: see docs/deploy.md).
image:
	scripts/image build

## Build the image and prove it: the bot in it against the emulator (polling, webhook), then
## compose in the city and the province shape. About 5 minutes; needs root.
image-test: install
	scripts/image test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/webchat/node_modules

# Two commands for a newcomer: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast demo bench bench-data migrate clean lock lock-upgrade

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

RUN_LOCK  := requirements/run.lock
TEST_LOCK := requirements/test.lock
RUN_STAMP := $(VENV)/.installed-run
UV        := $(VENV)/bin/uv
# One resolution for every platform and every Python from 3.11 on, each file's hash kept.
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --quiet \
	--custom-compile-command "make lock"

# Install exactly the locked versions, each file checked against its hash (no resolving,
# nothing else fetched), then the project itself; again only when a lock or pyproject.toml
# changes. `pip check` catches a lock that misses a dependency.
$(STAMP): $(TEST_LOCK) pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(TEST_LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	touch $(STAMP)

# `make run` needs only the runtime lock (the same versions as the test lock).
$(RUN_STAMP): $(RUN_LOCK) pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(RUN_LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(RUN_STAMP)

## make lock: write the locks again after pyproject.toml changed (pins kept where allowed).
## make lock-upgrade: every dependency to its newest version within pyproject's bounds.
lock: | $(PY)
	$(PY) -m pip install --quiet 'uv>=0.5,<1'
	$(UV) pip compile pyproject.toml --extra test $(LOCK_FLAGS) $(LOCK_ARGS) -o $(TEST_LOCK)
	$(UV) pip compile pyproject.toml -c $(TEST_LOCK) $(LOCK_FLAGS) $(LOCK_ARGS) -o $(RUN_LOCK)

lock-upgrade:
	$(MAKE) lock LOCK_ARGS=--upgrade

## make run: create the virtual environment, install, migrate and start the bot.
run: $(RUN_STAMP)
	$(VENV)/bin/asn-corpu-bot run

## make test: install what the tests need and run them all (slow end-to-end tests included).
test: $(STAMP)
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

## make demo: seed demo data and talk to the real bot through the local fake Bot API.
demo: $(STAMP)
	$(PY) -m tests.e2e.demo

## make bench: build the 100k-employee data sets (once) and measure; see bench/README.md.
bench: $(STAMP)
	$(PY) -m bench.run --all
	$(PY) -m bench.reminders
	$(PY) -m bench.announcements
	$(PY) -m bench.reports
	$(PY) -m bench.imports
	$(PY) -m bench.concurrency
	$(PY) -m bench.sender
	$(PY) -m bench.needs
	$(PY) -m bench.program_run
	$(PY) -m bench.team

bench-data: $(STAMP)
	$(PY) -m bench.generate

migrate: $(STAMP)
	$(VENV)/bin/asn-corpu-bot db upgrade

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis

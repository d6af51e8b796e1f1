# Two commands for a newcomer: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast demo bench bench-data migrate clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the project's declared dependencies change.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## make run: create the virtual environment, install, migrate and start the bot.
run: $(STAMP)
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

bench-data: $(STAMP)
	$(PY) -m bench.generate

migrate: $(STAMP)
	$(VENV)/bin/asn-corpu-bot db upgrade

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis

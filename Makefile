# Kantor Virtual — every command a newcomer needs. `make run` and `make test` set up .venv themselves.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
AWS_PORT ?= 5000
STAGE ?= dev

.PHONY: venv test lint run bench clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the pinned requirements

lint: venv ## ruff over the code
	$(VENV)/bin/ruff check .

test: venv lint ## the whole suite, offline, fully mocked (moto)
	$(VENV)/bin/pytest -n 2 --dist loadfile

run: venv ## the whole system on an embedded AWS at http://127.0.0.1:$(PORT)
	$(PY) -m infra.run_local --port $(PORT) --aws-port $(AWS_PORT)

bench: venv ## AWS calls per request and import cost
	$(PY) -m bench.requests
	$(PY) -m bench.import_cost

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build

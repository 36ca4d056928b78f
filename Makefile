# Kantor Virtual — every command a newcomer needs. `make run` and `make test` set up .venv themselves.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
AWS_PORT ?= 5000
STAGE ?= dev
REGION ?= ap-southeast-3
STACK ?= kantor-virtual-$(STAGE)
BUILD := build/$(STAGE)

WEB_STAMP := web/node_modules/.installed
WEB_SOURCES := $(shell find web/src web/public web/index.html web/vite.config.ts web/tsconfig.json web/package.json -type f 2>/dev/null)
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: venv test lint run bench package deploy redrive destroy clean web web-api web-bench chromium test-browser

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the pinned requirements

lint: venv ## ruff over the code; mypy (strict on chalicelib/domain and chalicelib/services; config in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/index.html: $(WEB_STAMP) $(WEB_SOURCES)
	cd web && npm run build

web: web/dist/index.html ## build the web app (npm ci + vite build, only when its sources changed)

web-api: venv $(WEB_STAMP) ## regenerate the web client's API types (web/src/shared/api/schema.d.ts) from the OpenAPI document
	cd web && npm run gen:api

web-bench: venv web ## the public home's compressed JS (budget 200 KB); Lighthouse mobile scores when installed (README)
	$(PY) -m bench.web_budget $(if $(wildcard web/node_modules/.bin/lighthouse),--lighthouse,)

chromium: ## Debian's Chromium for the browser tests (installed with apt-get when missing)
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; }

test: venv lint web chromium ## the whole suite, offline, fully mocked (moto); then the web's unit and browser tests
	KV_PREBUILD_PACKAGE=1 $(VENV)/bin/pytest -n 2 --dist loadfile -m "not browser"
	cd web && npm test
	$(VENV)/bin/pytest tests/browser -m browser

test-browser: venv web chromium ## only the browser tests (Chromium against one local stack)
	$(VENV)/bin/pytest tests/browser -m browser

run: venv web ## the whole system on an embedded AWS; the web app at http://127.0.0.1:$(PORT)/
	@echo "Web app: http://127.0.0.1:$(PORT)/  (API under /api/…; starting the local stack…)"
	$(PY) -m infra.run_local --port $(PORT) --aws-port $(AWS_PORT)

bench: venv ## AWS calls per request and import cost
	$(PY) -m bench.requests
	$(PY) -m bench.journeys
	$(PY) -m bench.import_cost

package: venv ## build/STAGE/template.json + deployment.zip for STAGE=dev|prod (no AWS account needed; see docs/deploy.md)
	rm -rf $(BUILD)
	AWS_DEFAULT_REGION=$(REGION) $(VENV)/bin/chalice package --stage $(STAGE) --merge-template infra/template.yaml $(BUILD)
	$(PY) -m infra.package $(BUILD)
	$(VENV)/bin/cfn-lint $(BUILD)/template.json

deploy: package ## package, upload and deploy STAGE with the aws CLI (needs credentials and ARTIFACT_BUCKET)
	@test -n "$(ARTIFACT_BUCKET)" || { echo "set ARTIFACT_BUCKET=<an S3 bucket in $(REGION) for the code>"; exit 1; }
	aws cloudformation package --region $(REGION) --template-file $(BUILD)/template.json \
		--s3-bucket $(ARTIFACT_BUCKET) --s3-prefix $(STACK) --output-template-file $(BUILD)/packaged.yaml
	aws cloudformation deploy --region $(REGION) --stack-name $(STACK) --template-file $(BUILD)/packaged.yaml \
		--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND --no-fail-on-empty-changeset \
		--parameter-overrides Stage=$(STAGE) $$(grep -v '^\s*#' infra/params/$(STAGE).txt | xargs) $(PARAMS)

destroy: ## delete the dev stack (refused for prod); retained data (buckets, user pool, table, vault) stays
	@test "$(STAGE)" = dev || { echo "make destroy deletes only STAGE=dev; prod is torn down by hand (docs/deploy.md)"; exit 1; }
	aws cloudformation delete-stack --region $(REGION) --stack-name $(STACK)
	aws cloudformation wait stack-delete-complete --region $(REGION) --stack-name $(STACK)
	@echo "deleted $(STACK); what the template retains is listed in docs/deploy.md (Teardown)"

redrive: venv ## replay the failed on_event / sweep_overdue invocations of STAGE once (needs credentials)
	$(PY) -m infra.redrive --stack-name $(STACK) --region $(REGION)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build web/dist web/node_modules

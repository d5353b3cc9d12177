# The same commands run on a newcomer's machine and in CI (.ci/run and .github/workflows call these).
#   make serve   build and preview the site on http://127.0.0.1:8000 with live reload
#   make test    install what the tests need (Chromium, Firefox, WebKitGTK, Node, the other generators) and run the whole suite
#   make check   everything that needs no browser: the Python tests and the script's logic under Node
#   make build   the strict build the Pages workflow publishes, into site/
#   make pdf     the built site/ as one PDF, site/guidebook.pdf (A4) and guidebook-letter.pdf (`make build pdf`)
#   make chapter NAME="Following up"   scaffold a new chapter
#   make bench-offline   repeat visits with and without the service worker (benchmarks/offline.py)
#
# GENERATOR picks the site generator that `make build` and `make serve` use: mkdocs (MkDocs 1.6 with
# Material), properdocs (ProperDocs 1.6, MkDocs' maintained fork) or zensical (Zensical, with its own
# theme). A fork switches for good by changing the line below; `make build GENERATOR=zensical` tries one.
GENERATOR ?= mkdocs
# The Zensical that GENERATOR=zensical installs (CI asks for the newest: ZENSICAL=zensical).
ZENSICAL ?= zensical==0.0.73

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every mkdocs command prints a notice about MkDocs 2; we pin mkdocs<2 on purpose.
export NO_MKDOCS_2_WARNING := 1

# mkdocs-material 9.8.1 needs Python 3.11 and pymdown-extensions 13.1 needs 3.11.5 (their Requires-Python):
# stop here, before a venv exists, rather than in the middle of pip's resolver.
ifneq ($(MAKECMDGOALS),clean)
PYTHON_FOUND := $(shell $(PYTHON) -c 'import sys; v = sys.version_info; print("ok" if v >= (3, 11, 5) else "%d.%d.%d" % v[:3])' 2>/dev/null)
ifneq ($(PYTHON_FOUND),ok)
$(error $(PYTHON) is Python $(or $(PYTHON_FOUND),(not found)); the pinned packages need Python 3.11.5 or newer (mkdocs-material 9.8.1 needs 3.11, pymdown-extensions 13.1 needs 3.11.5). Install one and run make PYTHON=python3.12 (or the path to it))
endif
endif

# Each generator in a venv of its own (their pins differ), reading the same mkdocs.yml, into site/.
mkdocs_VENV := $(VENV)
mkdocs_BUILD := $(VENV)/bin/mkdocs build --strict
mkdocs_SERVE := MACROS_ON_ERROR_FAIL=false $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload
properdocs_VENV := .venv-properdocs
properdocs_BUILD := .venv-properdocs/bin/properdocs build --strict -f mkdocs.yml
properdocs_SERVE := MACROS_ON_ERROR_FAIL=false .venv-properdocs/bin/properdocs serve -f mkdocs.yml --dev-addr 127.0.0.1:8000 --livereload
zensical_VENV := .venv-zensical
# --clean: the published build never depends on Zensical's cache (.cache/).
zensical_BUILD := .venv-zensical/bin/zensical build --strict --clean -f mkdocs.yml
zensical_SERVE := MACROS_ON_ERROR_FAIL=false .venv-zensical/bin/zensical serve -f mkdocs.yml --dev-addr 127.0.0.1:8000

ifeq ($(filter $(GENERATOR),mkdocs properdocs zensical),)
$(error GENERATOR is '$(GENERATOR)'; use mkdocs, properdocs or zensical)
endif
GENERATOR_VENV := $($(GENERATOR)_VENV)
# Named after what it installed, so that another ZENSICAL installs again.
STAMP = $(1)/.installed-$(subst =,-,$(subst <,-,$(subst >,-,$(notdir $(2)))))

.PHONY: serve test check build pdf browser engines generators node chapter bench bench-offline clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@ $(VENV)/.site-installed

.venv-properdocs/.installed: requirements.txt requirements-properdocs.txt
	$(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	touch $@

$(call STAMP,.venv-zensical,$(ZENSICAL)): requirements.txt requirements-zensical.txt
	$(PYTHON) -m venv .venv-zensical
	.venv-zensical/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt "$(ZENSICAL)"
	rm -f .venv-zensical/.installed-*
	touch $@

GENERATOR_INSTALLED := $(if $(filter mkdocs,$(GENERATOR)),$(VENV)/.site-installed,$(if $(filter properdocs,$(GENERATOR)),.venv-properdocs/.installed,$(call STAMP,.venv-zensical,$(ZENSICAL))))

serve: $(GENERATOR_INSTALLED)
	$($(GENERATOR)_SERVE)

# The generator's strict build, then what it cannot do for us (macros/finish.py: bundle and minify our
# scripts and stylesheet, version their URLs).
build: $(GENERATOR_INSTALLED) node_modules/.installed
	$($(GENERATOR)_BUILD)
	$(GENERATOR_VENV)/bin/python -m macros.finish site

# The whole guidebook as a PDF, printed from what `make build` wrote (not built again here: the Pages
# workflow builds with its own addresses first) with the Chromium the tests use; it links the PDFs from
# the home page and the workbook.
pdf: browser
	@test -f site/index.html || { echo "make pdf prints the built site: run make build first (or: make build pdf)." >&2; exit 2; }
	$(BIN)/python -m macros.pdf site

# Finds a Chromium (CHROMIUM_PATH, then the usual places) or installs one.
browser: $(VENV)/.test-installed
	$(BIN)/python tests/chromium.py --install

# Finds Firefox and WebKitGTK's WebDriver with Xvfb (FIREFOX_PATH, WEBKIT_DRIVER_PATH) or installs them.
engines: $(VENV)/.test-installed
	$(BIN)/python tests/engines.py --install

# Node runs the script's pure logic (tests/js/) with its own test runner, and esbuild (npm, package.json)
# bundles and minifies our scripts and stylesheet in the finishing step; Debian's nodejs when there is none.
node:
	@command -v node >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; } \
		|| { echo "make: building and testing need Node 18 or newer with npm: install them, then run make again."; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' \
		|| { echo "make: Node $$(node --version) is too old: install Node 18 or newer."; exit 1; }

node_modules/.installed: package.json package-lock.json | node
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# ProperDocs and Zensical for tests/test_generators.py, which builds the guidebook with all three.
generators: .venv-properdocs/.installed $(call STAMP,.venv-zensical,$(ZENSICAL))

# One worker per CPU; steal work so that a long test does not leave a worker idle.
test: browser engines generators node_modules/.installed
	node --test tests/js/*.test.mjs
	$(BIN)/python -m pytest -n auto --dist worksteal

# What needs no browser, nor the other generators (their builds take half a minute by themselves).
check: $(VENV)/.test-installed node_modules/.installed
	node --test tests/js/*.test.mjs
	$(BIN)/python -m pytest -n auto --dist worksteal -m "not browser and not engines and not generators"

chapter: $(VENV)/.site-installed
	@test -n "$(NAME)" || { echo 'Usage: make chapter NAME="Following up"'; exit 2; }
	$(BIN)/python -m macros.scaffold "$(NAME)"

bench: browser generators node_modules/.installed
	$(BIN)/python benchmarks/run.py

# Repeat visits with the service worker against the same site without it, on a throttled network.
bench-offline: browser node_modules/.installed
	$(BIN)/python benchmarks/offline.py

clean:
	rm -rf site .cache $(VENV) .venv-properdocs .venv-zensical .pytest_cache node_modules benchmarks/node_modules benchmarks/out

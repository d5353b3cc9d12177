# The same commands run on a newcomer's machine and in CI (.ci/run and .github/workflows call these).
#   make serve   build and preview the site on http://127.0.0.1:8000 with live reload
#   make test    install what the tests need (Chromium, Firefox, WebKitGTK, Node too) and run the whole suite
#   make check   everything that needs no browser: the Python tests and the script's logic under Node
#   make build   the strict build the Pages workflow publishes, into site/
#   make chapter NAME="Following up"   scaffold a new chapter

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every mkdocs command prints a notice about MkDocs 2; we pin mkdocs<2 on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build browser engines node chapter bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@ $(VENV)/.site-installed

serve: $(VENV)/.site-installed
	MACROS_ON_ERROR_FAIL=false $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

# Finds a Chromium (CHROMIUM_PATH, then the usual places) or installs one.
browser: $(VENV)/.test-installed
	$(BIN)/python tests/chromium.py --install

# Finds Firefox and WebKitGTK's WebDriver with Xvfb (FIREFOX_PATH, WEBKIT_DRIVER_PATH) or installs them.
engines: $(VENV)/.test-installed
	$(BIN)/python tests/engines.py --install

# Node runs the script's pure logic (tests/js/) with its own test runner; Debian's nodejs when there is none.
node:
	@command -v node >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs; } \
		|| { echo "make: the tests need Node 18 or newer (node --test): install Node, then run make again."; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' \
		|| { echo "make: Node $$(node --version) is too old for node --test: install Node 18 or newer."; exit 1; }

# One worker per CPU; steal work so that a long test does not leave a worker idle.
test: browser engines node
	node --test tests/js/*.test.mjs
	$(BIN)/python -m pytest -n auto --dist worksteal

check: $(VENV)/.test-installed node
	node --test tests/js/*.test.mjs
	$(BIN)/python -m pytest -n auto --dist worksteal -m "not browser and not engines"

chapter: $(VENV)/.site-installed
	@test -n "$(NAME)" || { echo 'Usage: make chapter NAME="Following up"'; exit 2; }
	$(BIN)/python -m macros.scaffold "$(NAME)"

bench: browser
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site $(VENV) .pytest_cache benchmarks/node_modules benchmarks/out

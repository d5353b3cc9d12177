# The same commands run on a newcomer's machine and in CI (.ci/run and .github/workflows call these).
#   make serve   build and preview the site on http://127.0.0.1:8000 with live reload
#   make test    install what the tests need (Chromium, Firefox, WebKitGTK too) and run the whole suite
#   make build   the strict build the Pages workflow publishes, into site/
#   make pdf     the built site/ as one PDF, site/guidebook.pdf (A4) and guidebook-letter.pdf (`make build pdf`)
#   make chapter NAME="Following up"   scaffold a new chapter

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every mkdocs command prints a notice about MkDocs 2; we pin mkdocs<2 on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build pdf browser engines chapter bench clean

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

# One worker per CPU; steal work so that a long test does not leave a worker idle.
test: browser engines
	$(BIN)/python -m pytest -n auto --dist worksteal

chapter: $(VENV)/.site-installed
	@test -n "$(NAME)" || { echo 'Usage: make chapter NAME="Following up"'; exit 2; }
	$(BIN)/python -m macros.scaffold "$(NAME)"

bench: browser
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site $(VENV) .pytest_cache benchmarks/node_modules benchmarks/out

"""The test harness: strict builds in temporary folders, a server on 127.0.0.1, and a guarded Chromium.

- `site`: the real guidebook, built once per session (per worker, when the suite runs in parallel) with
  --strict and served on a free port the way GitHub Pages serves it (gzip, its 404 page; pages_server.py).
- `build_fixture(case)`: a small site from tests/fixtures/<case>/ laid over tests/fixtures/_base/, with
  the real glue, macros, schema, theme overrides and assets, built in a process of its own (so that each
  fixture gets a fresh `macros` module; warm_python.py starts it with MkDocs already imported) - the
  mkdocs-macros-plugin test layout, one folder per kind of bad input.
- `open_page(...)`: a Chromium page in a fresh context that fails the test on any page error, console
  error, or request to a host other than 127.0.0.1.

The helpers behind these fixtures live in helpers.py, which test modules import.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
# Imported here for the fixtures below; test modules import them from helpers.
from helpers import (  # noqa: E402,F401
    ROOT, BuiltSite, DemoSites, FixtureBuild, PageProblems, PagesServer, drawn, guard, keep_for_review,
    make_fixture_project, mkdocs_build, pdf_page_count, watch,
)


# --- Marks ------------------------------------------------------------------------------------------

# (printed: the PDF, printed by Chromium; engine_site: the offline site the WebKitGTK test drives.)
BROWSER_FIXTURES = {"browser", "open_page", "playwright", "engines", "reader", "printed", "engine_site"}


# Test modules whose tests take ten seconds or more each.
LONGEST_FIRST = {"test_make_it_your_own"}


def pytest_collection_modifyitems(items):
    """`browser` on every test that starts a browser, `engines` on the cross-engine suite: `make check` runs
    the rest, which needs no browser."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if item.module.__name__ == "test_engines":
            item.add_marker(pytest.mark.engines)
    # The longest tests first, so that the parallel workers do not end waiting on one of them started last.
    items.sort(key=lambda item: item.module.__name__ not in LONGEST_FIRST)


# --- Building -------------------------------------------------------------------------------------


@pytest.fixture
def build_fixture(tmp_path):
    def build(case: str, **env: str) -> FixtureBuild:
        project = make_fixture_project(case, tmp_path / case)
        site_dir = tmp_path / f"{case}-site"
        return FixtureBuild(project, site_dir, mkdocs_build(project, site_dir, **env))

    return build


# --- Serving --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def serve():
    servers = []

    def start(directory: Path, **options) -> PagesServer:
        servers.append(PagesServer(directory, **options))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory, serve) -> BuiltSite:
    """The real guidebook, built once with --strict, served with its site_url pointing at the server."""
    site_dir = tmp_path_factory.mktemp("site")
    server = serve(site_dir)
    result = mkdocs_build(ROOT, site_dir, SITE_URL=server.url)
    assert result.returncode == 0, f"the strict build failed:\n{result.stderr}"
    return BuiltSite(site_dir, server.url, result.stderr)


# --- Browser --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the session: a second sync_playwright() in the same process refuses to start."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="session")
def browser(playwright):
    executable = find_chromium()
    if executable is None:
        # Never a skip: a suite that quietly drops its browser tests would pass while testing nothing.
        pytest.fail("No Chromium for the browser tests. Run `make test` (it installs one), "
                    "install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH.")
    browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def open_page(browser, request):
    """open_page(path, javascript=True, init_script=None, base=site.url, today=None) -> a guarded Playwright
    page; with `today`, the page's clock starts at noon of that day.
    The real site is built only for a test that opens a page of it (not for one that passes its own base)."""
    contexts, problems = [], PageProblems()

    def open_(path: str = "", *, javascript: bool = True, init_script: str | None = None,
              base: str | None = None, context=None, today: date | None = None, **context_options):
        if context is None:
            context = browser.new_context(java_script_enabled=javascript, **context_options)
            guard(context, problems)
            if init_script:
                context.add_init_script(init_script)
            if today:
                # The page's clock starts at noon of the day the test computed its dates from, and runs on:
                # a run that goes past midnight would otherwise compare yesterday's dates with today's.
                # (Playwright's clock fakes `performance` too: its resource timings come back empty.)
                context.clock.install(time=datetime.combine(today, time(12)))
            contexts.append(context)
        page = context.new_page()
        # A bound on every wait, not a wait: tests wait for what the page signals. Room for a 2-core machine
        # that runs the whole suite on both cores.
        page.set_default_timeout(20_000)
        page.goto((base or request.getfixturevalue("site").url) + path)
        return drawn(page) if javascript else page

    yield open_
    for context in contexts:
        context.close()
    assert not problems.foreign_requests, f"requests left 127.0.0.1: {problems.foreign_requests}"
    assert not problems.errors, "\n".join(problems.errors)


@pytest.fixture(scope="session")
def demo_sites(tmp_path_factory, serve) -> DemoSites:
    root = tmp_path_factory.mktemp("origin")
    sites = DemoSites(root, serve(root))
    work = tmp_path_factory.mktemp("projects")
    for name in ("one", "two"):
        sites.rebuild("_base", name, work)
    return sites


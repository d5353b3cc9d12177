"""The test harness: strict builds in temporary folders, a server on 127.0.0.1, and a guarded Chromium.

- `site`: the real guidebook, built once per session with --strict and served on a free port the way GitHub
  Pages serves it (gzip, its 404 page; tests/pages_server.py).
- `build_fixture(case)`: a small site from tests/fixtures/<case>/ laid over tests/fixtures/_base/, with
  the real macros, schema, theme overrides and assets, built in a subprocess (so that each fixture gets
  a fresh `macros` module) - the mkdocs-macros-plugin test layout, one folder per kind of bad input.
- `open_page(...)`: a Chromium page in a fresh context that fails the test on any page error, console
  error, or request to a host other than 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from pages_server import PagesServer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# What a fixture site borrows from the real project.
SHARED_WITH_FIXTURES = ("macros", "overrides", "docs/assets", "checklists/schema.json")


# --- Building -------------------------------------------------------------------------------------


def mkdocs_build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`, as the Pages workflow runs it. The caller checks the result."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, timeout=300, cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


def make_fixture_project(case: str, dest: Path) -> Path:
    """Lay out tests/fixtures/<case>/ over tests/fixtures/_base/ and the real macros, in dest."""
    if not (FIXTURES / case).is_dir():
        raise FileNotFoundError(f"no fixture folder tests/fixtures/{case}/")
    for shared in SHARED_WITH_FIXTURES:
        source, target = ROOT / shared, dest / shared
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.base.yml")  # fixture configs INHERIT it
    shutil.copytree(FIXTURES / "_base", dest, dirs_exist_ok=True)
    shutil.copytree(FIXTURES / case, dest, dirs_exist_ok=True)
    return dest


@dataclass
class FixtureBuild:
    project: Path
    site_dir: Path
    result: subprocess.CompletedProcess

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr

    @property
    def failed(self) -> bool:
        return self.result.returncode != 0


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


@dataclass
class BuiltSite:
    dir: Path
    url: str
    build_output: str

    def pages(self) -> list[str]:
        """Every built HTML page, as a path relative to the site root ('' for the home page)."""
        pages = []
        for html in sorted(self.dir.rglob("*.html")):
            relative = html.relative_to(self.dir).as_posix()
            if relative == "404.html":
                continue
            pages.append(relative.removesuffix("index.html"))
        return pages


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


@dataclass
class PageProblems:
    errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


def guard(context, problems: PageProblems) -> None:
    """Let requests reach 127.0.0.1 only, and record every error a page reports."""

    def route(route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            problems.foreign_requests.append(url)
            route.abort()

    context.route("**/*", route)
    context.on("page", lambda page: watch(page, problems))


def watch(page, problems: PageProblems) -> None:
    page.on("pageerror", lambda error: problems.errors.append(f"page error: {error}"))
    page.on("console", lambda msg: msg.type == "error" and problems.errors.append(f"console error: {msg.text}"))


@pytest.fixture
def open_page(browser, site):
    """open_page(path, javascript=True, init_script=None, base=site.url) -> a guarded Playwright page."""
    contexts, problems = [], PageProblems()

    def open_(path: str = "", *, javascript: bool = True, init_script: str | None = None,
              base: str | None = None, context=None, **context_options):
        if context is None:
            context = browser.new_context(java_script_enabled=javascript, **context_options)
            guard(context, problems)
            if init_script:
                context.add_init_script(init_script)
            contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)  # fail fast: a local page either shows up quickly or not at all
        page.goto((base or site.url) + path)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not problems.foreign_requests, f"requests left 127.0.0.1: {problems.foreign_requests}"
    assert not problems.errors, "\n".join(problems.errors)


@dataclass
class DemoSites:
    """The _base fixture built twice under one origin, as two guidebooks on one github.io account."""

    root: Path
    server: PagesServer

    def url(self, name: str = "one") -> str:
        return f"{self.server.url}{name}/"

    def rebuild(self, case: str, name: str, work: Path) -> None:
        """Publish another version of the site at /<name>/ (e.g. with an item's text edited)."""
        project = make_fixture_project(case, work / f"{case}-{name}")
        result = mkdocs_build(project, self.root / name, SITE_URL=self.url(name))
        assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def demo_sites(tmp_path_factory, serve) -> DemoSites:
    root = tmp_path_factory.mktemp("origin")
    sites = DemoSites(root, serve(root))
    work = tmp_path_factory.mktemp("projects")
    for name in ("one", "two"):
        sites.rebuild("_base", name, work)
    return sites


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF that Chromium wrote (each page object says /Type /Page, the tree says /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def keep_for_review(content: bytes, name: str) -> Path:
    """Keep a PDF or screenshot where a person can look at it after the run (test-results/)."""
    target = ROOT / "test-results" / name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(content)
    return target

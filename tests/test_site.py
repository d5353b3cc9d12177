"""The real guidebook: a clean strict build, every page accessible (axe) and self-contained, and the
author's edit loop (`mkdocs serve` picks up edits to macros/ and checklists/)."""

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers import ROOT, axe_report, make_fixture_project, nav_pages


def test_the_strict_build_is_clean(site):
    assert "WARNING" not in site.build_output, site.build_output
    assert "ERROR" not in site.build_output, site.build_output
    assert (site.dir / "index.html").is_file()


def test_the_cli_strict_build_passes_as_the_pages_workflow_runs_it(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_our_assets_carry_a_content_hash(site):
    """Our script by its URL with ?v=<hash>; our stylesheet travels inside the page (macros/finish.py)."""
    html = (site.dir / "index.html").read_text("utf-8")
    # On a page without the chapters' kinds, the entry is the lean one.
    assert re.search(r"assets/guidebook/main(?:\.lean)?\.js\?v=[0-9a-f]{10}\"", html), "main.js has no ?v=<hash>"
    assert "<style data-gb>" in html and "assets/guidebook.css" not in html


def url_path(source: str) -> str:
    """Where MkDocs publishes a page of docs/ with directory URLs: 'chapters/x.md' -> 'chapters/x/'."""
    stem = source.removesuffix(".md")
    folder = "" if stem == "index" else stem.removesuffix("/index") if stem.endswith("/index") else stem
    return f"{folder}/" if folder else ""


PAGES = [url_path(source) for source in nav_pages()]


def test_the_page_checks_cover_every_built_page(site):
    assert sorted(site.pages()) == sorted(PAGES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_no_axe_violations_and_no_errors(site, open_page, path, scheme):
    page = open_page(path, color_scheme=scheme)
    page.wait_for_load_state("networkidle")
    violations, report = axe_report(page)
    assert violations == 0, f"/{path} ({scheme}):\n{report}"


# A phone as Lighthouse's mobile run emulates one: narrower, so a wide table scrolls and targets sit closer.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_no_axe_violations_on_a_phone(site, open_page, path):
    page = open_page(path, **PHONE)
    page.wait_for_load_state("networkidle")
    violations, report = axe_report(page)
    assert violations == 0, f"/{path} (phone):\n{report}"


def test_a_table_wider_than_a_phone_scrolls_in_a_region_a_keyboard_reaches(site, open_page):
    chapter = next(path for path in PAGES if path.startswith("chapters/"))
    page = open_page(chapter, **PHONE)
    region = page.locator(".md-typeset__scrollwrap").first
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth"), "no table here is wider than a phone"
    # In the tab order in every engine. Not every engine makes a scrolling region focusable by itself; this
    # Chromium does, so focus() alone would pass without our tabindex.
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("role") == "region" and region.get_attribute("aria-label")
    region.focus()
    page.wait_for_function("() => document.activeElement === document.querySelector('.md-typeset__scrollwrap')")
    # Once in eight full runs on a loaded 2-core machine one key press scrolled nothing within 20 s (why is
    # not known; the focus is now waited for): a reader presses again, and so does the test, three times at most.
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        try:
            page.wait_for_function("() => document.querySelector('.md-typeset__scrollwrap').scrollLeft > 0", timeout=4_000)
            break
        except PlaywrightTimeout:
            continue
    assert region.evaluate("(el) => el.scrollLeft > 0"), "the arrow key does not scroll the focused table"


def test_material_chrome_fixes_are_in_place(site, open_page):
    page = open_page("")
    assert page.get_attribute(".md-search", "aria-label")  # the search dialog has a name
    assert page.locator("[data-md-component='source']").count() == 0  # no call to api.github.com


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, needle: str, seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in _fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_picks_up_edits_to_macros_and_data_without_a_restart(tmp_path):
    project = make_fixture_project("_base", tmp_path / "project")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/chapters/demo/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(url, "Say hello to one new person."), "mkdocs serve did not start"
        data_file = project / "checklists" / "demo.yml"
        data_file.write_text(data_file.read_text("utf-8").replace("Say hello to one new person.",
                                                                  "Greet one new person."), "utf-8")
        assert _wait_for(url, "Greet one new person."), "an edit to checklists/ was not picked up"
        render = project / "macros" / "kinds" / "checklist.py"
        render.write_text(render.read_text("utf-8").replace('<ul class="gb-items">', '<ul class="gb-items gb-edited">'),
                          "utf-8")
        assert _wait_for(url, "gb-edited"), "an edit to macros/ was not picked up"
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(project, ignore_errors=True)

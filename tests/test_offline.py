"""Take it with you (issue 24): offline, installable, progress that stays, nothing in the way of the first paint.

The finishing step's offline, manifest and inline steps (macros/finish.py) are checked on the built files; the
service worker (docs/assets/guidebook/offline.js, published as sw.js) in real browsers, on the _base fixture
published at /one/ (a base path, as a fork's /<repository>/ on GitHub Pages) by a server of this module that
sends `Cache-Control: no-cache`, so that the HTTP cache never hides a new build. Each test publishes the build
it needs there (the guidebook as it is, or a later build of it) and starts a reader of its own, whose
service worker and caches start empty.

- Chromium: offline after one visit (every page, tick, save, search, print, export and import); a new build
  taking over at the next navigation with every tick kept, never while another tab shows the old build; a
  failed precache keeping the old build; installability (CDP); persist() at the first save; the progress
  page's words about storage; no layout shift.
- Firefox (Playwright over WebDriver BiDi) and WebKitGTK (Selenium): the offline path, as far as each driver
  allows: what each can do is said beside its test.

Pure logic of the worker: tests/js/offline.test.mjs.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers import (DEMO, ESBUILD, EVENT, GOAL, LIST, PRINT_STUB, drawn, export, import_file, make_fixture_project,
                     mkdocs_build, PageProblems, PagesServer, saved, storage_key, watch)

OLD_TEXT, NEW_TEXT = "Some text.", "Some text, from the next build."
PAGES = ("", DEMO, "toolkit/", "workbook/", "progress/")
# The worker of the page is active (it precached the whole set): what a test waits for after the first visit.
WORKER_ACTIVE = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== "activated")
    await new Promise((done) => worker.addEventListener("statechange", () => worker.state === "activated" && done()));
  return registration.scope;
}"""
WORKER_STATE = """() => navigator.serviceWorker.getRegistration().then((r) => r && {
  active: r.active && r.active.state, waiting: r.waiting && r.waiting.state, installing: r.installing && r.installing.state })"""
CACHES = "() => caches.keys()"
ENTRY_VERSION = """() => new URL(document.querySelector("script[src*='assets/guidebook/main']").src).searchParams.get("v")"""


# --- The builds, and where they are published ------------------------------------------------------


class Published:
    """The origin this module's server serves; /one/ holds whichever build a test published last."""

    def __init__(self, root: Path, server: PagesServer, builds: dict[str, Path]):
        self.root, self.server, self.builds = root, server, builds
        self.url = server.url + "one/"

    def publish(self, name: str, *, without: str | None = None) -> Path:
        target = self.root / "one"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.builds[name], target)
        if without:
            (target / without).unlink()
        return target


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The _base fixture as it is ("first") and a later build of it ("next": a sentence of the demo chapter
    and our stylesheet changed, so its pages and the ?v= of its assets differ), both built for /one/."""
    root = tmp_path_factory.mktemp("offline-origin")
    server = PagesServer(root, headers={"Cache-Control": "no-cache"})
    work = tmp_path_factory.mktemp("offline-builds")
    builds = {}
    for name in ("first", "next"):
        project = make_fixture_project("_base", work / f"project-{name}")
        if name == "next":
            demo = project / "docs/chapters/demo.md"
            demo.write_text(demo.read_text("utf-8").replace(OLD_TEXT, NEW_TEXT), "utf-8")
            with (project / "docs/assets/guidebook.css").open("a", encoding="utf-8") as css:
                css.write("\n.gb-next-build { color: inherit; }\n")
        result = mkdocs_build(project, work / name, SITE_URL=server.url + "one/")
        assert result.returncode == 0, result.stderr
        builds[name] = work / name
    yield Published(root, server, builds)
    server.close()


def profiles(browser):
    """profile(**context options): a profile of its own in `browser` (a new context: no worker, no caches, no
    storage); at the end, any page error or console error fails the test, but those a test expects
    (profile.expect(text) before it causes one)."""
    contexts, problems, expected = [], PageProblems(), []

    def open_context(**options):
        context = browser.new_context(**options)
        context.on("page", lambda page: watch(page, problems))
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    open_context.expect = expected.append
    yield open_context
    for context in contexts:
        context.close()
    errors = [error for error in problems.errors if not any(text in error for text in expected)]
    assert not errors, "\n".join(errors)


@pytest.fixture
def reader(browser):
    """A Chromium profile of its own (profiles() above)."""
    yield from profiles(browser)


@pytest.fixture(scope="module")
def firefox(playwright):
    from engines import launch_firefox

    browser = launch_firefox(playwright)
    yield browser
    browser.close()


@pytest.fixture
def firefox_reader(firefox):
    """A Firefox profile of its own (profiles() above)."""
    yield from profiles(firefox)


def visit_once(context, url: str):
    """A reader's first visit: the page loads, registers the worker, which precaches the build."""
    page = context.new_page()
    page.goto(url)
    scope = page.evaluate(WORKER_ACTIVE)
    assert scope == url, "the worker's scope is the guidebook's base path"
    return page


def text_of_demo(page) -> str:
    return page.inner_text("article h2#first-section + p")


def version_of(site: Path) -> str:
    """The ?v= a build's pages put on our assets."""
    return re.search(r"assets/guidebook/main(?:\.lean)?\.js\?v=([0-9a-f]+)", (site / "index.html").read_text("utf-8"))[1]


def has_text(page, text: str) -> None:
    page.wait_for_function(f"document.querySelector('article h2#first-section + p')?.textContent === {json.dumps(text)}")


def wait_for(page, function: str, what: str, seconds: float = 20):
    """Poll a promise-returning function in the page until it returns something truthy."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = page.evaluate(function)
        if value:
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"gave up waiting for {what}: {page.evaluate(WORKER_STATE)}")


# --- The finishing step --------------------------------------------------------------------------------


def precache_list(site_dir: Path) -> list[str]:
    worker = (site_dir / "sw.js").read_text("utf-8")
    return json.loads(re.search(r'files:(\[[^\]]*\])', worker)[1])


def test_the_worker_precaches_every_page_and_everything_they_fetch_but_nothing_else(published):
    site = published.builds["first"]
    version = version_of(site)
    files = precache_list(site)
    plain = {name.partition("?")[0] for name in files}
    pages = {html.relative_to(site).as_posix().removesuffix("index.html") for html in site.rglob("*.html")}
    assert pages <= set(files), "every page, by the address MkDocs links it with"
    assert "404.html" in files
    for needed in ("search/search_index.json", "sitemap.xml", "manifest.webmanifest",
                   "assets/vendor/cfworker-json-schema-4.1.6/index.js", "assets/brand/logo.svg",
                   "assets/brand/icon-192.png", "assets/brand/icon-maskable-512.png"):
        assert needed in files, needed
    # Our modules (and what the pages link with ?v=) by the very address the pages ask for.
    for needed in ("assets/guidebook/main.js", "assets/guidebook/main.lean.js", "assets/guidebook/tracker.js",
                   "assets/guidebook/print.js", "assets/guidebook/progress.js",
                   "assets/guidebook/upgrade.js", "assets/brand/favicon.svg"):
        assert f"{needed}?v={version}" in files, needed
    assert [name for name in files if name.startswith("assets/javascripts/bundle.")], "Material's bundle"
    assert [name for name in files if name.startswith("assets/javascripts/workers/search.")], "its search worker"
    assert [name for name in files if name.startswith("assets/stylesheets/main.")], "its stylesheet"
    for never in ("sw.js", "sitemap.xml.gz", "assets/brand/social.png", "assets/brand/social.svg",
                  "assets/guidebook/offline.js", "assets/guidebook.css"):
        assert never not in plain, never
    assert not [name for name in files if name.endswith((".map", ".txt"))]
    # The PDFs (make pdf, after this step) are downloads of close to a megabyte each: a reader fetches one
    # when they ask for it, never with every page.
    from macros import finish
    assert finish.NEVER_FETCHED.search("guidebook.pdf") and finish.NEVER_FETCHED.search("guidebook-letter.pdf")
    assert not [name for name in files if "/lunr/" in name], "an English guidebook needs no search language"
    assert all((site / (name + "index.html" if name.endswith("/") or not name else name)).is_file() for name in plain)
    assert not (site / "assets/guidebook/offline.js").exists(), "published as sw.js only"


def test_every_page_names_the_worker_relative_to_itself(published):
    site = published.builds["first"]
    for html in site.rglob("*.html"):
        tag = re.search(r"<html\b[^>]*>", html.read_text("utf-8"))[0]
        worker = re.search(r'data-gb-worker="([^"]*)"', tag)[1]
        expected = "/one/sw.js" if html.name == "404.html" else \
            "../" * len(html.relative_to(site).parent.parts) + "sw.js"
        assert worker == expected, html


def test_the_build_hash_follows_every_file_of_the_set(published):
    first, following = (re.search(r'build:"([0-9a-f]{12})"', (published.builds[name] / "sw.js").read_text())[1]
                        for name in ("first", "next"))
    assert first != following


def test_finishing_twice_gives_the_same_site(published, tmp_path):
    again = tmp_path / "again"
    shutil.copytree(published.builds["first"], again)
    project = published.builds["first"].parent / "project-first"
    result = subprocess.run([sys.executable, "-m", "macros.finish", str(again), "--docs-dir", str(project / "docs")],
                            capture_output=True, text=True, cwd=project, env={**os.environ, "ESBUILD": ESBUILD})
    assert result.returncode == 0, result.stderr
    changed = [path.relative_to(again).as_posix() for path in again.rglob("*") if path.is_file()
               and path.read_bytes() != (published.builds["first"] / path.relative_to(again)).read_bytes()]
    assert not changed, f"a second finish changed {changed}"


def test_the_development_server_build_names_no_worker(tmp_path):
    """Without the finishing step (what `make serve` shows) no page names a worker: none is ever registered
    on 127.0.0.1:8000, where it would outlive the server and serve old pages during live reload."""
    project = make_fixture_project("_base", tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            capture_output=True, text=True, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site/sw.js").exists()
    assert not [html for html in (tmp_path / "site").rglob("*.html") if "data-gb-worker" in html.read_text("utf-8")]


def test_the_manifest_comes_from_the_sites_name_palette_and_logo(published):
    site = published.builds["first"]
    manifest = json.loads((site / "manifest.webmanifest").read_text("utf-8"))
    home = (site / "index.html").read_text("utf-8")
    site_name = re.search(r'<meta property="og:site_name" content="([^"]*)">', home)[1]
    assert manifest["name"] == site_name == "The Networking Guidebook"
    assert manifest["short_name"] == "Guidebook" and len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == "./", "the base path, wherever it is"
    css = (site / "assets/guidebook.css").read_text("utf-8")
    assert manifest["theme_color"] == re.search(r"--md-primary-fg-color:\s*(#[0-9a-f]+)", css)[1]
    assert manifest["display"] == "standalone"
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for (sizes, _), src in icons.items():
        width, height = (int(n) for n in sizes.split("x"))
        header = (site / src).read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n" and (int.from_bytes(header[16:20]), int.from_bytes(header[20:24])) == (width, height)
    for html in site.rglob("*.html"):
        assert len(BeautifulSoup(html.read_text("utf-8"), "html.parser").select("head link[rel=manifest]")) == 1, html


def test_the_finishing_step_refuses_a_stylesheet_that_would_break_inside_the_page(tmp_path):
    project = make_fixture_project("_base", tmp_path / "project")
    with (project / "docs/assets/guidebook.css").open("a", encoding="utf-8") as css:
        css.write('\n.gb-mark { background: url("mark.svg"); }\n')
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "url() or @import" in result.stderr


# --- Offline, in Chromium ------------------------------------------------------------------------------


def test_after_one_visit_every_page_works_offline(published, reader, tmp_path):
    published.publish("first")
    context = reader(accept_downloads=True)
    context.add_init_script(PRINT_STUB)
    page = visit_once(context, published.url)
    assert page.evaluate(CACHES)[0].startswith("gb-offline:/one/:"), "the cache is named after the base path"
    context.set_offline(True)
    assert page.evaluate("navigator.onLine") is False
    for path in PAGES:
        page.goto(published.url + path)
        drawn(page)
        assert page.evaluate("!!navigator.serviceWorker.controller"), path
        assert page.locator("article h1").count() == 1, path
    # Tick and save, and it is still there after a reload.
    page.goto(published.url + DEMO)
    drawn(page)
    page.check(GOAL)
    assert page.inner_text(f"{LIST} .gb-status") == "1 of 3 done"
    page.reload()
    drawn(page)
    assert page.is_checked(GOAL) and saved(page)["ticks"].keys() == {"write-goal"}
    # Print one checklist: its module comes from the cache too.
    page.click(f"{LIST} [data-gb-action='print-filled']")
    page.wait_for_function("window.printCalls === 1")
    assert page.locator("#gb-print-sheet legend").inner_text() == "First steps"
    page.emulate_media(media="print")
    assert len(page.pdf(format="A4")) > 1000
    page.emulate_media(media="screen")
    # Search: Material's search worker and the index come from the cache.
    page.click("input.md-search__input")
    page.locator("input.md-search__input").press_sequentially("section")  # Material searches as keys go up
    page.locator(".md-search-result__item").first.wait_for()
    assert "Demo chapter" in page.inner_text(".md-search-result")
    # The progress page: export, and import through the JSON Schema validator (loaded only then).
    page.goto(published.url + "progress/")
    drawn(page)
    exported = export(page, tmp_path)
    assert storage_key("demo/first-steps").endswith(next(iter(exported["entries"])))
    assert import_file(page, tmp_path, exported, mode="merge") == "Imported 1 saved part."


def test_a_search_result_link_opens_offline(published, reader):
    """Search results link to "<page>/?h=<words>" (Material's search.highlight): the worker serves the page."""
    published.publish("first")
    context = reader()
    page = visit_once(context, published.url)
    context.set_offline(True)
    page.goto(published.url + DEMO + "?h=text")
    drawn(page)
    assert text_of_demo(page) == OLD_TEXT


# --- Updates -----------------------------------------------------------------------------------------


def test_a_new_build_takes_over_at_the_next_navigation_with_every_tick_kept(published, reader):
    takes_over_at_the_next_navigation(published, reader)


def test_firefox_takes_a_new_build_at_the_next_navigation_too(published, firefox_reader):
    takes_over_at_the_next_navigation(published, firefox_reader)


def takes_over_at_the_next_navigation(published, reader):
    old_version, new_version = version_of(published.builds["first"]), version_of(published.builds["next"])
    assert old_version != new_version
    published.publish("first")
    context = reader()
    page = visit_once(context, published.url)
    page.goto(published.url + DEMO)
    drawn(page)
    page.check(GOAL)
    page.check(EVENT)
    context.set_offline(True)
    page.goto(published.url)  # a while offline
    drawn(page)
    context.set_offline(False)
    published.publish("next")
    page.goto(published.url + DEMO)
    drawn(page)
    assert text_of_demo(page) == OLD_TEXT, "cache first: this navigation still shows the build the reader had"
    # Meanwhile the browser fetches the new build in the background (its own update check), which then waits.
    wait_for(page, "() => navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)", "the next build to wait")
    assert len(page.evaluate(CACHES)) == 2
    # The next navigation, by a link that Material would fetch into this page: a whole page, of the new build.
    page.evaluate("window.samePage = true")
    page.click(".md-header__button.md-logo")
    new_build = f"() => document.querySelector(\"script[src*='assets/guidebook/main'][src$='?v={new_version}']\")"
    try:
        page.wait_for_function(new_build, timeout=8_000)
    except PlaywrightTimeout:
        # Now and then on a busy 2-core machine Chromium holds the reload into the new build past 15 s (see
        # test_a_new_build_waits_while_another_tab_shows_the_old_one): a reader opens the page again.
        page.goto(published.url)
        page.wait_for_function(new_build)
    drawn(page)
    assert page.evaluate("window.samePage") is None, "a whole page, not one fetched into the old build's"
    page.click(".gb-chapter-list a[href$='demo/']")
    has_text(page, NEW_TEXT)
    drawn(page)
    assert page.is_checked(GOAL) and page.is_checked(EVENT), "every saved tick is still there"
    assert set(saved(page)["ticks"]) == {"write-goal", "pick-event"}
    assert page.evaluate(WORKER_STATE) == {"active": "activated", "waiting": None, "installing": None}
    assert len(page.evaluate(CACHES)) == 1, "the old build's cache is deleted"
    # Every script of ours that this page ran is the new build's.
    ours = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.includes('/assets/guidebook/'))")
    assert all(f"v={new_version}" in url for url in ours), ours
    # A page of the old build asking for its own module gets an error, never the new build's file.
    reader.expect("Failed to load resource: net::ERR_FAILED")  # (that error, in Chromium's console,
    reader.expect("A ServiceWorker passed an Error Response to FetchEvent.respondWith()")  # and Firefox's)
    assert page.evaluate(f"fetch('../../assets/guidebook/print.js?v={old_version}').then(() => 'served', () => 'refused')") == "refused"
    assert page.evaluate(f"fetch('../../assets/guidebook/print.js?v={new_version}').then((r) => r.ok)")


def test_a_new_build_waits_while_another_tab_shows_the_old_one(published, reader):
    published.publish("first")
    context = reader()
    page = visit_once(context, published.url)
    page.goto(published.url + DEMO)
    other = context.new_page()
    other.goto(published.url + "toolkit/")
    published.publish("next")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    wait_for(page, "() => navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)", "the next build to wait")
    page.goto(published.url + DEMO)
    drawn(page)
    assert text_of_demo(page) == OLD_TEXT, "another tab still shows the old build: no takeover"
    assert page.evaluate(WORKER_STATE)["waiting"] == "installed"
    # While the new build waits, links open whole pages, which the old worker answers from the old build.
    page.evaluate("window.samePage = true")
    page.click(".md-header__button.md-logo")
    page.wait_for_function("() => window.samePage === undefined && document.querySelector('.gb-chapter-list')")
    page.click(".gb-chapter-list a[href$='demo/']")
    has_text(page, OLD_TEXT)
    other.close()
    # The next navigation takes over (the browser may need a moment to forget the closed tab).
    for _ in range(20):
        page.goto(published.url + DEMO)
        try:
            page.wait_for_selector("article h1", timeout=8_000)  # past the empty page that reloads into the new build
        except PlaywrightTimeout:
            # Now and then on a busy 2-core machine (twice in eight full runs of the suite, once in each of the
            # two takeover tests) Chromium holds that reload past 15 s; alone, it takes 1.3 s. The cause is not
            # found yet (issue 24). A reader would open the page again: so does the test.
            continue
        drawn(page)
        if text_of_demo(page) == NEW_TEXT:
            break
        page.wait_for_timeout(250)
    assert text_of_demo(page) == NEW_TEXT


def test_a_precache_that_fails_keeps_the_old_version_serving(published, reader):
    published.publish("first")
    context = reader()
    page = visit_once(context, published.url)
    page.goto(published.url + DEMO)
    caches_before = page.evaluate(CACHES)
    published.publish("next", without="assets/guidebook/print.js")  # one file of the new set is missing
    outcome = page.evaluate("""() => navigator.serviceWorker.getRegistration().then((registration) => new Promise((done) => {
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker.addEventListener("statechange", () => ["installed", "redundant"].includes(worker.state) && done(worker.state));
      });
      registration.update().catch(() => done("update failed"));
    }))""")
    assert outcome == "redundant", "the install fails"
    assert page.evaluate(CACHES) == caches_before, "nothing of the new build stays; the old cache is whole"
    load_print = ("import('../../assets/guidebook/print.js?v=' + new URL(document.querySelector(\"script[src*='assets/guidebook/main']\").src)"
                  ".searchParams.get('v')).then(() => 'loaded')")
    for offline in (False, True):
        context.set_offline(offline)
        for path in (DEMO, "toolkit/"):
            page.goto(published.url + path)
            drawn(page)
        page.goto(published.url + DEMO)
        assert text_of_demo(page) == OLD_TEXT
        assert page.evaluate(load_print) == "loaded", "the old build's modules are all there"
    assert page.evaluate(WORKER_STATE) == {"active": "activated", "waiting": None, "installing": None}


# --- Installable ---------------------------------------------------------------------------------------


def test_chromium_finds_the_guidebook_installable(published, reader):
    published.publish("first")
    context = reader()
    page = visit_once(context, published.url)
    page.reload()
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == published.url + "manifest.webmanifest"
    assert manifest["errors"] == []
    errors = [error["errorId"] for error in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    # Playwright's contexts are like incognito windows, where Chromium installs nothing.
    assert [error for error in errors if error != "in-incognito"] == [], errors
    parsed = manifest.get("manifest") or {}
    if parsed:  # newer Chromium returns the parsed manifest too
        assert parsed["startUrl"] == parsed["scope"] == published.url


def test_the_icons_are_drawn_from_the_svgs_beside_them(browser):
    """A fork that changes the logo or its colour must draw the icons again (tests/icons.py)."""
    from icons import BRAND, ICONS, difference

    page = browser.new_page()
    try:
        for source, size, target in ICONS:
            apart = difference(page, BRAND / source, BRAND / target, size)
            assert apart < 2, f"{target} differs from {source} drawn at {size} px by {apart:.1f} a channel: run tests/icons.py"
    finally:
        page.close()


# --- Progress that stays -----------------------------------------------------------------------------

PERSIST_RECORDER = """if (window.StorageManager) {  // (secure contexts only: not the first about:blank)
  window.persistCalls = 0;
  const kept = JSON.parse(new URLSearchParams(location.search).get("kept") || "false");
  Object.defineProperty(StorageManager.prototype, "persist", { value: () => { window.persistCalls += 1; return Promise.resolve(kept); } });
  Object.defineProperty(StorageManager.prototype, "persisted", { value: () => Promise.resolve(kept) });
}"""


def test_the_first_save_asks_the_browser_to_keep_the_sites_storage(published, reader):
    published.publish("first")
    context = reader()
    context.add_init_script(PERSIST_RECORDER)
    page = context.new_page()
    page.goto(published.url + DEMO)
    drawn(page)
    assert page.evaluate("window.persistCalls") == 0, "reading asks for nothing"
    page.check(GOAL)
    assert page.evaluate("window.persistCalls") == 1
    page.check(EVENT)
    page.uncheck(GOAL)
    assert page.evaluate("window.persistCalls") == 1, "once"


@pytest.mark.parametrize("kept, words", [
    ("true", "This browser keeps your progress until you clear it yourself."),
    ("false", "This browser may clear your progress when it runs short of space, so export it now and then."),
])
def test_the_progress_page_says_whether_storage_is_kept(published, reader, kept, words):
    published.publish("first")
    context = reader()
    context.add_init_script(PERSIST_RECORDER)
    page = context.new_page()
    page.goto(published.url + f"progress/?kept={kept}")
    drawn(page)
    page.wait_for_function("document.querySelector('.gb-persistence').textContent !== ''")
    assert page.inner_text(".gb-persistence") == words


def test_the_progress_page_tells_what_this_browser_really_does(published, reader):
    published.publish("first")
    page = reader().new_page()
    page.goto(published.url + "progress/")
    drawn(page)
    page.wait_for_function("document.querySelector('.gb-persistence').textContent !== ''")
    kept = page.evaluate("navigator.storage.persisted()")
    assert page.inner_text(".gb-persistence").startswith("This browser keeps" if kept else "This browser may clear")
    assert not page.is_visible(".gb-home-screen"), "not Safari"


SAFARI = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/18.0 Mobile/15E148 Safari/604.1")


@pytest.mark.parametrize("standalone", [False, True])
def test_safari_readers_learn_that_the_home_screen_keeps_their_progress(published, reader, standalone):
    published.publish("first")
    context = reader(user_agent=SAFARI)
    if standalone:  # opened from the Home Screen
        context.add_init_script("Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true });")
    page = context.new_page()
    page.goto(published.url + "progress/")
    drawn(page)
    note = page.locator(".gb-home-screen")
    assert note.is_visible() is not standalone
    if not standalone:
        assert "Home Screen" in note.inner_text() and "seven days" in note.inner_text()
        link = note.locator("a")
        assert link.get_attribute("href") == "https://webkit.org/blog/10218/full-third-party-cookie-blocking-and-more/"
        assert link.inner_text() == "John Wilander, “Full Third-Party Cookie Blocking and More”, WebKit blog, 24 March 2020"


# --- Nothing in the way of the first paint --------------------------------------------------------------

LAYOUT_SHIFTS = """window.layoutShifts = [];
const chrome = (source) => {
  const node = source.node && (source.node.nodeType === 1 ? source.node : source.node.parentElement);
  if (!node) return "content";
  if (node.closest(".md-header")) return "header";
  return node.closest(".md-footer") && source.currentRect.y < source.previousRect.y ? "footer moved up" : "content";
};
new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.layoutShifts.push({
  value: entry.value, input: entry.hadRecentInput, sources: entry.sources.map(chrome)
}))).observe({ type: "layout-shift", buffered: true });"""
# Shifts of Material's own, which pages without our code show as well, left out:
# - its header title;
# - its footer moving up: on a loaded machine Chromium sometimes paints a page before it has parsed it all,
#   and the footer then moves up as the rest arrives (measured with our scripts blocked: 2 of 10 loads of the
#   home page at 16x CPU throttling). Our script only fills places kept for it from the first paint; were
#   one of them to grow, the footer would move down, which still counts.
MATERIALS_OWN = ({"header"}, {"footer moved up"}, {"header", "footer moved up"})


@pytest.mark.parametrize("viewport", [{"width": 412, "height": 823}, {"width": 1350, "height": 940}], ids=["phone", "desktop"])
def test_nothing_moves_while_our_script_draws(published, reader, viewport):
    """Layout shift 0 on every page, the toolkit's "Your details" form included (the macros draw it in place;
    what needs JavaScript is there from the first paint), but Material's own (MATERIALS_OWN)."""
    published.publish("first")
    context = reader(viewport=viewport)
    context.add_init_script(LAYOUT_SHIFTS)
    page = context.new_page()
    for path in PAGES:
        page.goto(published.url + path)
        drawn(page)
        page.wait_for_timeout(300)  # the last layout after drawing
        shifts = [shift for shift in page.evaluate("window.layoutShifts") if not shift["input"]
                  and set(shift["sources"]) not in MATERIALS_OWN]
        assert sum(shift["value"] for shift in shifts) == 0, (path, shifts)
    assert page.locator("#gb-you").count() == 0
    page.goto(published.url + "toolkit/")
    assert page.locator("#gb-you").is_visible(), "there before the script ran: drawn by the macros"


def test_our_css_is_inside_the_page_and_our_script_does_not_block_it(published):
    site = published.builds["first"]
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    assert home.select_one("head style[data-gb]").get_text() == (site / "assets/guidebook.css").read_text("utf-8").strip()
    assert not [link for link in home.select("link[rel=stylesheet]") if "guidebook.css" in link["href"]]
    css = gzip.compress((site / "assets/guidebook.css").read_bytes())
    assert len(css) < 2500, "small enough to travel in every page"


# --- The offline path in Firefox and WebKitGTK ----------------------------------------------------------
# Both register the worker, precache the build and serve every page from it once the site's server is gone
# (an origin that cannot be reached: what a reader on no network sees). Firefox, driven by Playwright over
# WebDriver BiDi, also takes Playwright's own offline switch (context.set_offline). WebKitGTK's WebDriver has
# no network emulation at all, and its MiniBrowser no navigator.storage.persisted(). Console and uncaught
# errors come from the engines' instrument (tests/engines.py), which the server puts into every page and the
# worker therefore caches with it.

ENGINE_PRINT_STUB = "<script>window.print = () => { window.printCalls = (window.printCalls || 0) + 1; };</script>"
ENGINE_WORKER_ACTIVE = f"() => ({WORKER_ACTIVE})().then(() => true)"
ENGINE_DRAWN = ("() => document.querySelector('article h1') !== null && "
                "[...document.querySelectorAll('.gb[data-gb-kind]')].every((part) => part.dataset.gbReady)")


@pytest.fixture
def engine_site(published, tmp_path):
    """The first build on a server of its own (which a test stops to go offline), with the engines' instrument
    and a print stub in every page."""
    from engines import INSTRUMENT

    root = tmp_path / "origin"
    shutil.copytree(published.builds["first"], root / "one")
    server = PagesServer(root, head=INSTRUMENT + ENGINE_PRINT_STUB, headers={"Cache-Control": "no-cache"})
    yield server
    server.close()


def read_offline(tab, url: str) -> None:
    """Every page, a tick that survives a reload, a printed checklist and the progress page, with no network."""
    for path in PAGES:
        tab.goto(url + path)
        tab.wait(ENGINE_DRAWN)
        assert tab.js("() => !!navigator.serviceWorker.controller"), path
    tab.goto(url + DEMO)
    tab.wait(ENGINE_DRAWN)
    tab.check(GOAL)
    assert tab.text(f"{LIST} .gb-status") == "1 of 3 done"
    tab.reload()
    tab.wait(ENGINE_DRAWN)
    assert tab.is_checked(GOAL)
    tab.click(f"{LIST} [data-gb-action='print-filled']")
    tab.wait("() => window.printCalls === 1")  # print.js came from the cache
    assert tab.text("#gb-print-sheet legend") == "First steps"
    tab.goto(url + "progress/")
    tab.wait(ENGINE_DRAWN)
    assert tab.text("tr[data-gb-chapter='demo'] [data-gb-col='checklist']").startswith("1 of 3")


def test_firefox_reads_offline_after_one_visit(engine_site, playwright):
    from engines import PlaywrightReader, launch_firefox

    firefox = launch_firefox(playwright)
    try:
        reader = PlaywrightReader(firefox, "firefox")
        url = engine_site.url + "one/"
        tab = reader.open(url)
        tab.js(ENGINE_WORKER_ACTIVE)
        reader.context.set_offline(True)
        assert tab.js("() => fetch('sitemap.xml.gz').then(() => 'reached', () => 'offline')") == "offline", \
            "Playwright's offline switch works in Firefox"
        read_offline(tab, url)
        reader.context.set_offline(False)
        engine_site.close()  # and with the server gone
        read_offline(tab, url)
        # Search: Material's worker and the index from the cache.
        tab.page.click("input.md-search__input")
        tab.page.locator("input.md-search__input").press_sequentially("section")
        tab.page.locator(".md-search-result__item").first.wait_for()
        kept = tab.js("() => navigator.storage.persisted()")
        assert tab.text(".gb-persistence").startswith("This browser keeps" if kept else "This browser may clear")
        problems = reader.close()
        # Left out: the check above (a fetch() of a file the worker does not keep fails on purpose), and
        # Firefox's own prefetch of each page's <link rel="next">. Without the worker it fails with no network;
        # through the worker, cut short because the test opens the next page first, Firefox reports it as an
        # interception that "encountered an unexpected error" (seen once, in a full run on a loaded 2-core
        # machine). read_offline() has shown each of those pages whole by then: neither is a page that failed.
        prefetches = {f"error: failed to load {url}{path}" for path in PAGES}
        cut_short = tuple(f"Failed to load ‘{url}{path}’. A ServiceWorker intercepted the request" for path in PAGES)
        assert [problem for problem in problems if "sitemap.xml.gz" not in problem and "NetworkError" not in problem
                and problem.partition(": ")[2] not in prefetches
                and not problem.partition(": ")[2].startswith(cut_short)] == []
    finally:
        firefox.close()


# Selenium's own WebKitGTK driver still calls a RemoteConnection API it deprecated; nothing of ours to change.
@pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")
def test_webkit_reads_offline_after_one_visit(engine_site):
    from engines import SeleniumReader, WebKit

    webkit = WebKit()
    try:
        reader = SeleniumReader(webkit)  # a session and profile of its own: no worker of another test
        try:
            url = engine_site.url + "one/"
            tab = reader.open(url)
            tab.js(ENGINE_WORKER_ACTIVE)
            engine_site.close()  # the only way offline here: WebKitGTK's WebDriver emulates no network
            read_offline(tab, url)
            assert tab.text(".gb-persistence") == "This browser does not say whether it keeps your progress, so export it now and then."
            assert tab.visible(".gb-home-screen"), "WebKitGTK says it is Safari"
        finally:
            problems = reader.close()
        assert problems == []
    finally:
        webkit.close()

"""The browser engines the reader's paths run in (tests/test_engines.py), behind one small driver interface.

- Chromium and Firefox through Playwright for Python. Firefox is the system's Firefox ESR (or $FIREFOX_PATH),
  driven over WebDriver BiDi (`channel="moz-firefox"`); Playwright's own Firefox build cannot be downloaded here.
- WebKit through Selenium and WebKitGTK's WebDriver (Debian/Ubuntu `webkit2gtk-driver`), in an Xvfb display
  of its own: WebKitGTK's MiniBrowser has no headless mode. This is WebKit's GTK port, not Safari itself.

A scenario gets a `Reader` (one browser profile, empty at the start of each test) and opens `Tab`s in it.
Every method means the same in every engine, so each scenario is written once.

Engine-neutral checks, because WebKitGTK's WebDriver has no console or network events:
- the test server inserts INSTRUMENT into every page's <head>: it records console.error calls and uncaught
  errors (in sessionStorage, so they survive reloads) and keeps the text of every Blob the page turns into
  an object URL (how the progress page exports a file; WebKitGTK saves downloads silently to $HOME);
- requests to other hosts: every document's `performance` resource entries, read before it is left, plus
  Playwright's routing (which also blocks them) in Chromium; in Firefox, routing every request through
  Python over BiDi cost about a second a page, so there the entries are the check.
Playwright's console and page-error events count too in Chromium and Firefox.

`python tests/engines.py --install` installs the missing engines (Debian packages, as root), as
tests/chromium.py does for Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENGINES = ("chromium", "firefox", "webkit")
DEBIAN_PACKAGES = {"firefox": ["firefox-esr"], "webkit": ["webkit2gtk-driver", "xvfb", "xauth"]}
# /usr/lib/firefox/firefox is where Mozilla's own packages put Firefox (GitHub's Ubuntu runners have it).
# Not /usr/bin/firefox: on Ubuntu that is usually a wrapper that starts the snap.
FIREFOX_PATHS = ("/usr/bin/firefox-esr", "/usr/lib/firefox-esr/firefox-esr", "/usr/lib/firefox/firefox")
# Seconds before a wait gives up. Waits end on what the page signals; this only bounds a wait that would
# never end, with room for a 2-core machine that runs the whole suite on both cores.
TIMEOUT = 20
WHAT_TO_DO = ("Run `make test` (as root it installs Debian's firefox-esr, webkit2gtk-driver, xvfb and xauth), "
              "install them yourself, or set FIREFOX_PATH / WEBKIT_DRIVER_PATH.")

INSTRUMENT = """<script>(() => {
  const note = (text) => {
    try {
      const seen = JSON.parse(sessionStorage.getItem("test:errors") || "[]");
      sessionStorage.setItem("test:errors", JSON.stringify([...seen, location.pathname + ": " + text]));
    } catch (e) { /* no storage: the Playwright engines still see the error themselves */ }
  };
  const error = console.error;
  console.error = function (...args) { note("console.error: " + args.join(" ")); return error.apply(this, args); };
  const failed = (e) => "failed to load " + (e.target.src || e.target.href);  // a script, image or style
  // "ResizeObserver loop completed with undelivered notifications" is no script error: the Resize Observer
  // spec reports it when an observer's callback (Material's header and sidebar) changes layout and the rest
  // of the notifications wait a frame. WebKit reports it as the tracker grows the page; nothing throws.
  const benign = (e) => /^ResizeObserver loop/.test(e.message || "");
  addEventListener("error", (e) => benign(e) || note("error: " + (e.message || failed(e))), true);
  addEventListener("unhandledrejection", (e) => note("unhandled rejection: " + e.reason));
  window.testBlobs = [];
  const create = URL.createObjectURL;
  URL.createObjectURL = function (blob) {
    if (blob instanceof Blob) blob.text().then((text) => window.testBlobs.push(text));
    return create.call(this, blob);
  };
})();</script>"""

# Read from a document before it is left: the other hosts it requested and, at the end, the errors noted.
FOREIGN = """() => [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
  .map((entry) => entry.name).filter((url) => /^https?:/.test(url) && new URL(url).hostname !== "127.0.0.1")"""
ERRORS = """() => {
  try { return JSON.parse(sessionStorage.getItem("test:errors") || "[]"); } catch (e) { return []; }
}"""
FOREIGN_AND_ERRORS = f"() => [({FOREIGN})(), ({ERRORS})()]"  # both in one round trip, at the end
TEXT = """(selector) => document.querySelector(selector).textContent.replace(/\\s+/g, " ").trim()"""
COUNT = """(selector) => document.querySelectorAll(selector).length"""


# --- Finding and installing the engines ------------------------------------------------------------


def find_firefox() -> str | None:
    configured = os.environ.get("FIREFOX_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    return next((path for path in FIREFOX_PATHS if Path(path).is_file()), None) or shutil.which("firefox-esr")


def find_webkit() -> tuple[str, str] | None:
    """WebKitGTK's WebDriver and Xvfb, or None when either is missing."""
    driver = os.environ.get("WEBKIT_DRIVER_PATH") or shutil.which("WebKitWebDriver")
    xvfb = shutil.which("Xvfb")
    return (driver, xvfb) if driver and Path(driver).is_file() and xvfb else None


def missing() -> list[str]:
    return [engine for engine, found in (("firefox", find_firefox()), ("webkit", find_webkit())) if not found]


def install(engines: list[str]) -> None:
    """Debian's packages where we may use apt (CI runs as root); elsewhere say what to install."""
    if not (shutil.which("apt-get") and os.geteuid() == 0):
        print(f"Cannot install {', '.join(engines)} here (no apt-get as root). {WHAT_TO_DO}", flush=True)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    packages = [package for engine in engines for package in DEBIAN_PACKAGES[engine]]
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], check=True, env=env)


# --- The driver interface ---------------------------------------------------------------------------


class Tab:
    """One tab of a reader's browser. Selectors are CSS; `js` takes a JavaScript function's source."""

    def goto(self, url: str) -> None: ...
    def showing_page(self) -> bool:
        """Whether the tab shows one of our pages (whose recorder can be read)."""
    def reload(self) -> None: ...
    def click(self, selector: str) -> None: ...
    def confirm(self, selector: str) -> None:
        """Click, and accept the confirmation dialog the click opens."""
    def check(self, selector: str) -> None: ...
    def fill(self, selector: str, text: str) -> None:
        """Type into a text field, as a reader does (what it held before is cleared first)."""
    def is_checked(self, selector: str) -> bool: ...
    def visible(self, selector: str) -> bool: ...
    def upload(self, selector: str, path: Path) -> None: ...
    def front(self) -> None:
        """Make this the tab the reader looks at."""
    def js(self, function: str, *args): ...
    def wait(self, function: str, *args) -> None:
        """Wait until the function returns something truthy in the page."""

    def text(self, selector: str) -> str:
        return self.js(TEXT, selector)

    def count(self, selector: str) -> int:
        return self.js(COUNT, selector)


class Reader:
    """One reader's browser profile: its tabs share storage, and it starts empty in every test."""

    engine: str
    tabs: list
    foreign: list[str]

    def open(self, url: str) -> Tab: ...
    def close(self) -> list[str]:
        """Close every tab; returns the problems seen (errors, requests to other hosts)."""

    def recorded_problems(self) -> list[str]:
        """The errors every open page recorded; its requests to other hosts go to self.foreign."""
        problems = []
        for tab in self.tabs:
            if tab.showing_page():
                foreign, errors = tab.js(FOREIGN_AND_ERRORS)
                self.foreign += foreign
                problems += errors
        return problems


# --- Playwright: Chromium and Firefox ----------------------------------------------------------------


class PlaywrightTab(Tab):
    def __init__(self, page, reader: PlaywrightReader):
        self.page, self.reader = page, reader
        page.set_default_timeout(TIMEOUT * 1000)

    def _leave(self):
        self.reader.foreign.extend(self.page.evaluate(FOREIGN))

    def showing_page(self) -> bool:
        return not self.page.is_closed() and self.page.url.startswith("http")

    def goto(self, url):
        if self.page.url.startswith("http"):
            self._leave()
        self.page.goto(url)

    def reload(self):
        self._leave()
        self.page.reload()

    def click(self, selector):
        self.page.click(selector)

    def confirm(self, selector):
        self.page.once("dialog", lambda dialog: dialog.accept())
        self.page.click(selector)

    def check(self, selector):
        self.page.check(selector)

    def fill(self, selector, text):
        self.page.fill(selector, text)

    def is_checked(self, selector):
        return self.page.is_checked(selector)

    def visible(self, selector):
        return self.page.is_visible(selector)

    def upload(self, selector, path):
        self.page.set_input_files(selector, str(path))

    def front(self):
        self.page.bring_to_front()

    def js(self, function, *args):
        return self.page.evaluate(f"(args) => ({function})(...args)", list(args))

    def wait(self, function, *args):
        self.page.wait_for_function(f"(args) => ({function})(...args)", arg=list(args))


class PlaywrightReader(Reader):
    def __init__(self, browser, engine: str):
        from helpers import PageProblems, guard, watch

        self.engine = engine
        self.context = browser.new_context()
        self.events = PageProblems()
        if engine == "firefox":
            # Routing every request through Python costs Firefox over BiDi about a second a page on a 2-core
            # machine: there the performance entries (FOREIGN) are the check, and console and page errors come
            # from Playwright's events as in Chromium.
            self.context.on("page", lambda page: watch(page, self.events))
        else:
            guard(self.context, self.events)  # Playwright's own view: console, page errors, blocked requests
        self.tabs: list[PlaywrightTab] = []
        self.foreign: list[str] = []
        self.closed = False

    def open(self, url):
        tab = PlaywrightTab(self.context.new_page(), self)
        self.tabs.append(tab)
        tab.page.goto(url)
        return tab

    def close(self):
        if self.closed:
            return []
        self.closed = True
        problems = self.recorded_problems()
        self.context.close()
        return [*problems, *self.events.errors, *(f"request to another host: {url}" for url in
                                                  [*self.foreign, *self.events.foreign_requests])]


def launch_firefox(playwright):
    """Firefox over WebDriver BiDi, or EngineMissing. (Chromium is the suite's own, from conftest.py.)"""
    path = find_firefox()
    if path is None:
        raise EngineMissing(f"No Firefox for the cross-engine tests. {WHAT_TO_DO}")
    return playwright.firefox.launch(channel="moz-firefox", executable_path=path, firefox_user_prefs=FIREFOX_PREFS)


# Keep Firefox from calling home while it runs the tests (remote settings, experiments, telemetry).
FIREFOX_PREFS = {
    "app.normandy.enabled": False,
    "app.update.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "extensions.update.enabled": False,
    "messaging-system.rsexperimentloader.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "services.settings.server": "http://127.0.0.1:9/",  # nothing listens there: no request leaves
    "toolkit.telemetry.enabled": False,
}


# --- Selenium: WebKitGTK -----------------------------------------------------------------------------


class EngineMissing(Exception):
    pass


def start_xvfb(xvfb: str) -> tuple[subprocess.Popen, str]:
    """An X display of our own on a free number (safe with parallel test workers)."""
    for number in range(90 + os.getpid() % 100, 400):
        if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
            continue
        process = subprocess.Popen([xvfb, f":{number}", "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):  # up to 5 s for the socket
            if process.poll() is not None:
                break  # another process took the number first: try the next
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return process, f":{number}"
            time.sleep(0.1)
        if process.poll() is None:
            process.kill()
        process.wait()
    raise EngineMissing("Xvfb did not start on any display from :90 to :399.")


class WebKit:
    """Xvfb and WebKitGTK's WebDriver for the whole test session; each reader gets a MiniBrowser session of its
    own (about 0.4 s to start, 0.9 s with both cores busy).

    A session per reader, not one for the whole test session: WebKitGTK 2.50 sometimes never finishes a service
    worker's install (seen about once in 25 visits with both cores busy, and in CI with a page still open),
    and from then on every registration of that origin waits behind it, unregistering included. With one
    shared session, one stuck install failed every later WebKit test of the run; a session that is thrown away
    with its profile takes the stuck worker with it, and no test waits on another's worker."""

    def __init__(self):
        found = find_webkit()
        if found is None:
            raise EngineMissing(f"No WebKitGTK WebDriver or Xvfb for the cross-engine tests. {WHAT_TO_DO}")
        self.driver_path, xvfb = found
        self.xvfb, self.display = start_xvfb(xvfb)

    def session(self):
        """A new MiniBrowser session with an empty profile: its driver, and the folder its profile lives in."""
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.service import Service

        home = tempfile.mkdtemp(prefix="webkit-home-")  # where MiniBrowser keeps data and downloads
        service = Service(executable_path=self.driver_path, env={**os.environ, "DISPLAY": self.display, "HOME": home})
        try:
            driver = webdriver.WebKitGTK(options=webdriver.WebKitGTKOptions(), service=service)
        except Exception:
            shutil.rmtree(home, ignore_errors=True)
            raise
        driver.set_script_timeout(TIMEOUT)
        driver.set_window_size(1280, 720)  # Playwright's default: wide enough for Material's sidebars
        return driver, home

    def close(self):
        self.xvfb.terminate()
        self.xvfb.wait(timeout=10)


class SeleniumTab(Tab):
    def __init__(self, reader: SeleniumReader, handle: str):
        self.reader, self.handle = reader, handle

    @property
    def driver(self):
        if self.reader.current != self.handle:
            self.reader.driver.switch_to.window(self.handle)
            self.reader.current = self.handle
        return self.reader.driver

    def _find(self, selector):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, TIMEOUT).until(lambda d: d.find_element(By.CSS_SELECTOR, selector))

    def _leave(self):
        self.reader.foreign.extend(self.js(FOREIGN))

    def showing_page(self) -> bool:
        return self.driver.current_url.startswith("http")

    def goto(self, url):
        if self.driver.current_url.startswith("http"):
            self._leave()
        self.driver.get(url)

    def reload(self):
        self._leave()
        self.driver.refresh()

    def click(self, selector):
        from selenium.common.exceptions import ElementNotInteractableException

        element = self._find(selector)
        try:
            element.click()
        except ElementNotInteractableException:
            # WebKitGTK 2.50's WebDriver cannot place the links of Material's sticky sidebar (even "Get Element
            # Rect" fails on them, while they are displayed): there the click is dispatched from the page, on
            # the element found in the same script (a handle found earlier may belong to content that instant
            # navigation has just swapped out, and a click on it would go nowhere).
            self.driver.execute_script("document.querySelector(arguments[0]).click()", selector)

    def confirm(self, selector):
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import WebDriverWait

        self.click(selector)
        WebDriverWait(self.driver, TIMEOUT).until(expected_conditions.alert_is_present()).accept()

    def check(self, selector):
        if not self.is_checked(selector):
            self.click(selector)
        assert self.is_checked(selector), f"{selector} did not get checked"

    def fill(self, selector, text):
        element = self._find(selector)
        element.clear()
        element.send_keys(text)

    def is_checked(self, selector):
        return self._find(selector).is_selected()

    def visible(self, selector):
        from selenium.webdriver.common.by import By

        found = self.driver.find_elements(By.CSS_SELECTOR, selector)
        return bool(found) and found[0].is_displayed()

    def upload(self, selector, path):
        self._find(selector).send_keys(str(path))

    def front(self):
        self.driver  # switching to the window brings it to the front  # noqa: B018

    def js(self, function, *args):
        return self.driver.execute_script(f"return ({function})(...arguments)", *args)

    def wait(self, function, *args):
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, TIMEOUT).until(lambda d: self.js(function, *args))


class SeleniumReader(Reader):
    """WebKitGTK's tabs (each a window of its own, so none runs in the background) in a MiniBrowser session of
    the reader's own, which starts with an empty profile and is quit with it when the test ends."""

    engine = "webkit"

    def __init__(self, webkit: WebKit):
        self.driver, self.home = webkit.session()
        self.tabs: list[SeleniumTab] = []
        self.foreign: list[str] = []
        self.current = self.driver.current_window_handle
        self.closed = False

    def open(self, url):
        if self.tabs:
            self.driver.switch_to.new_window("window")
        self.current = self.driver.current_window_handle
        tab = SeleniumTab(self, self.current)
        self.tabs.append(tab)
        tab.goto(url)
        return tab

    def close(self):
        if self.closed:
            return []
        self.closed = True
        try:
            problems = self.recorded_problems()
        finally:
            self.driver.quit()
            shutil.rmtree(self.home, ignore_errors=True)
        return [*problems, *(f"request to another host: {url}" for url in self.foreign)]


if __name__ == "__main__":
    if "--install" in sys.argv and missing():
        print(f"Installing the engines the cross-engine tests need: {', '.join(missing())}.", flush=True)
        install(missing())
    for engine in missing():
        print(f"No {engine} for the cross-engine tests. {WHAT_TO_DO}", file=sys.stderr)
    if missing():
        sys.exit(1)
    print(f"Cross-engine tests use Firefox {find_firefox()} and WebKitGTK {find_webkit()[0]}")

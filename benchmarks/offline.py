"""Repeat visits with and without the service worker (issue 24): `make bench-offline`, or
`.venv/bin/python benchmarks/offline.py [--runs N] [--quick]`.

Builds the real guidebook with --strict and the finishing step into benchmarks/out/offline/, serves it on
127.0.0.1 as GitHub Pages does (tests/pages_server.py: gzip, ETag and 304), and measures in the system
Chromium, with Playwright, on a network throttled as Lighthouse's mobile run throttles it (CDP
Network.emulateNetworkConditions: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up):

1. Repeat visits. A reader's first visit (unthrottled; it ends once the service worker, if any, has
   precached the build), then a visit to the same page in the same profile, throttled, measured. The same
   site in a profile that blocks service workers (Playwright's service_workers="block") is the twin: the
   same pages, bytes and HTTP cache, without the worker. Twice:
   - "later": the browser must revalidate what it cached (as after GitHub Pages' ten minutes of max-age:
     served here with Cache-Control: no-cache, each revalidation a round trip answered 304);
   - "soon": within those ten minutes, when the twin's HTTP cache answers without asking.
2. First visits, throttled, with our stylesheet inside the page (what the finishing step does) and with it
   linked as before (the same build finished without the inline step): the first contentful paint.

Each figure is the median of --runs visits; the two sides alternate (one first in odd runs, the other in even
ones), so that whatever else slows the machine hits both alike. Measured: first contentful paint (Paint
Timing), the load event, and "drawn" (every interactive part of the page drawn by our script: what a reader
can tick), each from the start of the navigation. Exits 1 when a repeat visit "later" with the worker is not
faster than without it, by the median load time of a chapter page.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "offline"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from helpers import copy_project, mkdocs_build  # noqa: E402
from pages_server import PagesServer  # noqa: E402

# Lighthouse's mobile throttling (its "simulated slow 4G" figures), applied for real here.
THROTTLING = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
              "uploadThroughput": 750 * 1024 / 8}
PAGES = ("chapters/identifying-opportunities/", "chapters/leveraging-your-network/", "")
MOBILE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
TIMINGS = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return { fcp: paint ? paint.startTime : null, load: navigation.loadEventEnd, drawn: window.drawnAt };
}"""
# Notes when every part of the page is drawn (the script marks each data-gb-ready), from navigation start.
DRAWN_AT = """new MutationObserver((changes, observer) => {
  const parts = [...document.querySelectorAll(".gb[data-gb-kind]")];
  if (document.readyState !== "loading" && parts.every((part) => part.dataset.gbReady)) {
    window.drawnAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, attributes: true });"""
WORKER_ACTIVE = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== "activated")
    await new Promise((done) => worker.addEventListener("statechange", () => worker.state === "activated" && done()));
}"""
ALL_DRAWN = "[...document.querySelectorAll('.gb[data-gb-kind]')].every((part) => part.dataset.gbReady)"


def log(message: str) -> None:
    print(f"[offline {time.strftime('%H:%M:%S')}] {message}", flush=True)


@dataclass
class Visits:
    fcp: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    drawn: list[float] = field(default_factory=list)

    def add(self, timings: dict) -> None:
        for name in ("fcp", "load", "drawn"):
            if timings.get(name) is not None:
                getattr(self, name).append(timings[name])

    def median(self, name: str) -> float:
        values = getattr(self, name)
        return statistics.median(values) if values else float("nan")


def build(server_url: str) -> tuple[Path, Path]:
    """The guidebook finished as `make build` finishes it, and the same build finished without the inline
    step (our stylesheet linked, as before it)."""
    import macros.finish as finish

    project = copy_project(OUT / "project")
    site = OUT / "site"
    result = mkdocs_build(project, site, SITE_URL=server_url + "site/")
    if result.returncode:
        sys.exit(f"The build failed:\n{result.stderr}")
    linked = OUT / "linked"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(linked)],
                            cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": server_url + "linked/"})
    if result.returncode:
        sys.exit(f"The build failed:\n{result.stderr}")
    built = finish.BuiltSite(linked, project / "docs")
    for step in finish.STEPS:
        if step is not finish.inline:
            step(built)
    return site, linked


def visit(browser, url: str, worker: bool, first_visit: bool) -> dict:
    """One measured visit: with first_visit, in a fresh profile; otherwise after an unthrottled first visit
    in the same profile (with the worker: once it has precached the build)."""
    context = browser.new_context(service_workers="allow" if worker else "block", **MOBILE)
    context.add_init_script(DRAWN_AT)
    try:
        if not first_visit:
            page = context.new_page()
            page.goto(url)
            page.wait_for_function(ALL_DRAWN)
            if worker:
                page.evaluate(WORKER_ACTIVE)
            page.close()
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLING)
        page.goto(url, wait_until="load")
        page.wait_for_function(f"() => {ALL_DRAWN} && window.drawnAt !== undefined")
        if not first_visit and worker:
            assert page.evaluate("!!navigator.serviceWorker.controller"), "the repeat visit was not the worker's"
        return page.evaluate(TIMINGS)
    finally:
        context.close()


def alternate(runs: int, sides: dict[str, callable]) -> dict[str, Visits]:
    results = {name: Visits() for name in sides}
    names = list(sides)
    for run in range(runs):
        for name in names if run % 2 == 0 else reversed(names):
            results[name].add(sides[name]())
    return results


def row(label: str, ours: Visits, twin: Visits, unit: str = "ms") -> str:
    cells = []
    for name in ("fcp", "load", "drawn"):
        a, b = ours.median(name), twin.median(name)
        cells.append(f"{a:7.0f} {b:7.0f} {a - b:+7.0f}")
    return f" {label:<58}" + " |".join(cells)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="visits per page and side (default 7)")
    parser.add_argument("--quick", action="store_true", help="3 runs, chapter pages only")
    options = parser.parse_args()
    runs = 3 if options.quick else options.runs
    pages = PAGES[:2] if options.quick else PAGES
    chromium = find_chromium()
    if chromium is None:
        sys.exit("No Chromium: run `make browser`, or set CHROMIUM_PATH.")
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    root = OUT
    from playwright.sync_api import sync_playwright

    later = PagesServer(root, headers={"Cache-Control": "no-cache"})  # every visit revalidates: after max-age
    soon = PagesServer(root)  # GitHub Pages' max-age=600
    try:
        # One build, for the site URL of the first server; the other server serves the same files at
        # another port, which only canonical links and the sitemap name (nothing a page fetches).
        log("Building the guidebook (and the same build with its stylesheet linked)")
        site, linked = build(later.url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
            tables = []
            for cache, server in (("later", later), ("soon", soon)):
                for path in pages:
                    url = f"{server.url}site/{path}"
                    log(f"Repeat visits, {cache}: /{path}, {runs} runs each, alternating")
                    results = alternate(runs, {"worker": lambda: visit(browser, url, True, False),
                                               "twin": lambda: visit(browser, url, False, False)})
                    tables.append((f"repeat visit {cache}: /{path}", results["worker"], results["twin"], cache, path))
            first = []
            for path in pages:
                log(f"First visits: /{path}, stylesheet inside the page and linked, {runs} runs each")
                results = alternate(runs, {"inline": lambda: visit(browser, f"{later.url}site/{path}", True, True),
                                           "linked": lambda: visit(browser, f"{later.url}linked/{path}", True, True)})
                first.append((f"first visit: /{path}", results["inline"], results["linked"]))
            browser.close()
    finally:
        later.close()
        soon.close()

    throttle = (f"{THROTTLING['latency']:.0f} ms round trip, {THROTTLING['downloadThroughput'] * 8 / 1024 / 1024:.1f} "
                f"Mbit/s down, {THROTTLING['uploadThroughput'] * 8 / 1024:.0f} kbit/s up")
    print(f"\nMedians of {runs} visits (ms from navigation start; mobile viewport; {throttle})")
    header = " " + " " * 58 + " |".join(f"{name:^23}" for name in ("first contentful paint", "load event", "every part drawn"))
    print(header)
    print(" " + f"{'repeat visits':<58}" + " |".join(f"{'worker':>7} {'twin':>7} {'diff':>7}" for _ in range(3)))
    ok = True
    for label, ours, twin, cache, path in tables:
        print(row(label, ours, twin))
        if cache == "later" and path.startswith("chapters/") and not ours.median("load") < twin.median("load"):
            ok = False
    print(" " + f"{'first visits':<58}" + " |".join(f"{'inline':>7} {'linked':>7} {'diff':>7}" for _ in range(3)))
    for label, ours, twin in first:
        print(row(label, ours, twin))
    print("\nworker: the finished site; twin: the same site with service workers blocked. inline: our stylesheet inside"
          "\nthe page (the finishing step's inline step); linked: the same build with the stylesheet linked.")
    print("PASS" if ok else "FAIL: a repeat visit with the worker was not faster than without it")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""The figures of Your people (issue 23), measured: `.venv/bin/python benchmarks/tracker.py`.

Builds the real guidebook with --strict into benchmarks/out/tracker-site/, serves it as GitHub Pages does
(tests/pages_server.py) and opens the page "Your people" in headless Chromium (the system's, as the tests
use it). It measures in the page, with performance.now():

- rendering 2,000 people: the tracker drawn afresh from saved state with 2,000 people (a storage event, as
  another tab's change arrives, makes the core draw it), up to and including style and layout (each view
  shows its first 100 people, and "Show all" the rest: measured too, for the largest view);
- filtering as the reader types: each keystroke of a few searches, the input event to the laid-out page;
- re-sorting 2,000 people: each change of the sort order;
- importing a 5,000-row connections export: from choosing the file to the people drawn, saved and counted;
- the storage 2,000 people take: the saved value's length in characters, and in bytes as UTF-8 and UTF-16.

It prints the median and the maximum of each (and the budgets the issue sets) and asserts nothing: timings
depend on the machine, and the tests check behaviour, not speed. Everything it writes goes to benchmarks/out/.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT / "tests"))
from chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from pages_server import PagesServer  # noqa: E402

sys.path.insert(0, str(ROOT))
from macros.overview import storage_prefix  # noqa: E402

TRACKER = "#gb-leveraging-your-network-your-people"
KEY = "leveraging-your-network/your-people"
BUDGETS = {"render": "under 50 ms", "filter": "under 50 ms", "sort": "under 50 ms", "import": "under 1 s",
           "storage": "under 1.5 MB"}


def people(count: int, seed: str) -> dict:
    """`count` people as a reader might keep them: every field filled, notes of a few sentences."""
    today = date.today()
    return {f"{seed}{n}": {
        "name": f"Person {n} {seed.upper()}xample",
        "how": f"Met at the research meetup number {n % 40}, in the big hall",
        "talked": "How small teams run interviews, and which tools they use for notes",
        "promised": "Send the article on note-taking and an introduction to Marta",
        "tie": "close" if n % 3 else "loose",
        "next": "Coffee next month",
        "due": (today + timedelta(days=n % 120 - 40)).isoformat(),
        "step": "keep_in_touch",
        "last": (today - timedelta(days=n % 300)).isoformat(),
        "met": (today - timedelta(days=n % 400)).isoformat(),
        "url": f"https://www.example.com/in/person-{n}",
        "notes": "Likes chess and long walks; has two cats. Ask about the new project when we next speak.",
    } for n in range(count)}


def connections_csv(rows: int) -> str:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    lines = [f"Person{n},Number{n},https://www.example.com/in/p{n},p{n}@example.org,\"Company {n % 97}, Ltd\","
             f"Role {n % 13},{1 + n % 28:02d} Mar 2024" for n in range(rows)]
    return "Notes:\r\n\"A few lines of notes come first.\"\r\n\r\n" + "\r\n".join([header, *lines]) + "\r\n"


# Helpers the page measurements share: a forced layout ends each measurement (the reader sees nothing before).
IN_PAGE = """
window.bench = {
  key: null,
  layout() { return document.documentElement.getBoundingClientRect().height; },
  redraw(value) {
    localStorage.setItem(this.key, JSON.stringify(value));
    const started = performance.now();
    window.dispatchEvent(new StorageEvent("storage", { key: this.key, storageArea: localStorage }));
    this.layout();
    return performance.now() - started;
  },
  type(selector, text) {
    const input = document.querySelector(selector);
    const times = [];
    for (let n = 1; n <= text.length; n++) {
      const started = performance.now();
      input.value = text.slice(0, n);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      this.layout();
      times.push(performance.now() - started);
    }
    return times;
  },
  sort(selector, value) {
    const select = document.querySelector(selector);
    const started = performance.now();
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    this.layout();
    return performance.now() - started;
  },
  async importFile(root, text) {
    const input = document.querySelector(root + " [data-gb-csv]");
    const check = document.querySelector(root + " .gb-import-check");
    const started = performance.now();
    const files = new DataTransfer();
    files.items.add(new File([text], "connections.csv", { type: "text/csv" }));
    input.files = files.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    while (check.hidden) await new Promise((done) => setTimeout(done, 1));
    document.querySelector(root + " [data-gb-action='import-csv']").click();
    this.layout();
    return performance.now() - started;
  }
};
"""


def summary(values: list[float], unit: str = "ms") -> str:
    return f"median {statistics.median(values):7.1f} {unit}   max {max(values):7.1f} {unit}   ({len(values)} runs)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="renders and sorts to measure (default 20)")
    parser.add_argument("--imports", type=int, default=5, help="imports of 5,000 rows to measure (default 5)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    site_dir = OUT / "tracker-site"
    server = PagesServer(site_dir)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                           cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": server.url})
    if build.returncode:
        sys.exit(build.stderr)
    key = storage_prefix("/") + KEY  # the site is served at the server's root
    executable = find_chromium()
    if executable is None:
        sys.exit("No Chromium: run `make browser`, or set CHROMIUM_PATH.")
    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        page = browser.new_page()
        page.add_init_script(IN_PAGE + f"window.bench.key = {json.dumps(key)};")
        page.goto(server.url + "people/")
        page.wait_for_selector(f"{TRACKER}[data-gb-ready]")

        sets = [people(2000, "a"), people(2000, "b")]
        figures["render"] = []
        for n in range(args.runs):
            page.evaluate("() => window.bench.redraw({ people: {} })")  # nobody: the next draw starts afresh
            figures["render"].append(page.evaluate("value => window.bench.redraw(value)", {"people": sets[n % 2]}))
        assert page.inner_text(f"{TRACKER} .gb-counts").startswith("2,000 people")

        figures["filter"] = []
        for text in ("person 1", "meetup number 3", "axample", "chess", "zzz"):
            figures["filter"] += page.evaluate("([s, t]) => window.bench.type(s, t)", [f"{TRACKER} [data-gb-search]", text])
            page.fill(f"{TRACKER} [data-gb-search]", "")
        orders = ["name", "last", "date"]
        figures["sort"] = [page.evaluate("([s, v]) => window.bench.sort(s, v)", [f"{TRACKER} [data-gb-sort]", orders[n % 3]])
                           for n in range(args.runs)]

        stored = page.evaluate("key => localStorage.getItem(key)", key)
        figures["storage"] = {"characters": len(stored), "utf8": len(stored.encode("utf-8")),
                              "utf16": len(stored.encode("utf-16-le"))}

        figures["show all"] = []
        for n in range(max(3, args.runs // 4)):
            page.evaluate("() => window.bench.redraw({ people: {} })")
            page.goto(server.url + "people/")  # "Show all" lasts a page view: a new one shows the first 100 again
            page.wait_for_selector(f"{TRACKER}[data-gb-ready]")
            page.evaluate("value => window.bench.redraw(value)", {"people": sets[n % 2]})
            figures["show all"].append(page.evaluate("""(root) => {
              const sizes = [...document.querySelectorAll(root + " [data-gb-group]")].map((g) => [g, g.querySelector(".gb-group-count").textContent]);
              const [group] = sizes.sort((a, b) => parseInt(b[1].slice(1).replace(/\\D/g, "")) - parseInt(a[1].slice(1).replace(/\\D/g, "")))[0];
              const started = performance.now();
              group.querySelector("[data-gb-action='show-all']").click();
              window.bench.layout();
              const took = performance.now() - started;
              if (group.querySelectorAll("li").length <= 100) throw new Error("Show all showed nobody more");
              return took;
            }""", TRACKER))
        csv = connections_csv(5000)
        figures["import"] = []
        for _ in range(args.imports):
            page.evaluate("key => localStorage.removeItem(key)", key)
            page.reload()
            page.wait_for_selector(f"{TRACKER}[data-gb-ready]")
            figures["import"].append(page.evaluate("([root, text]) => window.bench.importFile(root, text)", [TRACKER, csv]))
            assert page.evaluate("key => Object.keys(JSON.parse(localStorage.getItem(key)).people).length", key) == 5000
        browser.close()
    server.close()

    sizes = figures.pop("storage")
    print("Your people in headless Chromium (benchmarks/tracker.py); budgets from issue 23")
    print(f"  render 2,000 people     {summary(figures['render'])}   budget {BUDGETS['render']}")
    print(f"  filter as one types     {summary(figures['filter'])}   budget {BUDGETS['filter']}")
    print(f"  re-sort 2,000 people    {summary(figures['sort'])}   budget {BUDGETS['sort']}")
    print(f"  show all of a big view  {summary(figures['show all'])}   (one click: the largest view of 2,000)")
    print(f"  import 5,000 rows       {summary(figures['import'])}   budget {BUDGETS['import']}")
    print(f"  storage of 2,000 people {sizes['characters'] / 1e6:.2f} M characters: {sizes['utf8'] / 1e6:.2f} MB as UTF-8, "
          f"{sizes['utf16'] / 1e6:.2f} MB as UTF-16   budget {BUDGETS['storage']}")


if __name__ == "__main__":
    main()

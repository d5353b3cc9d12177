"""What the test modules share: building sites, guarding browser pages, and the demo chapter of the _base
fixture. Test modules import from here (never from each other or from conftest); conftest.py turns these
into fixtures.
"""

from __future__ import annotations

import gzip
import json

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from pages_server import PagesServer  # noqa: E402
from warm_python import run_module  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # the core (macros/), for the tests that call it directly
FIXTURES = ROOT / "tests" / "fixtures"
# What a fixture site (and the benchmark's synthetic guidebook) borrows from the real project: the glue to
# MkDocs, the core, theme and assets.
SHARED_WITH_FIXTURES = ("macros", "overrides", "docs/assets", "checklists/schema.json")


# --- Building -------------------------------------------------------------------------------------


def copy_repository(dest: Path) -> Path:
    """The project as a fork would have it: what git tracks, and new files git does not ignore (a
    contributor's uncommitted work), without the venvs, builds and caches beside them (the generators'
    venvs alone are 300 MB). Without git (an unpacked archive), everything but what .gitignore names."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True)
    if listed.returncode != 0:
        return Path(shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
            ".git", ".venv*", "site", "test-results", "__pycache__", ".pytest_cache", ".cache", "node_modules", "out")))
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the work tree is not part of the fork
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def mkdocs_build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` and the finishing step, as `make build` runs them. The caller checks the
    result."""
    result = run_module("mkdocs", ["build", "--strict", "--config-file", project / "mkdocs.yml", "--site-dir", site_dir],
                        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, timeout=300)
    return finish(project, site_dir, result)


# The repository's esbuild (`npm ci`), for the finishing step of every copy of the project a test builds.
ESBUILD = os.environ.get("ESBUILD") or str(ROOT / "node_modules" / ".bin" / "esbuild")


def finish(project: Path, site_dir: Path, build: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """After a build that passed, `python -m macros.finish` (bundle, minify, version our assets), as `make
    build` runs it, with the repository's esbuild; one result with the output of both."""
    if build.returncode != 0:
        return build
    finished = run_module("macros.finish", [site_dir, "--docs-dir", project / "docs"], cwd=project,
                          env={**os.environ, "ESBUILD": ESBUILD}, timeout=120)
    return subprocess.CompletedProcess(build.args, finished.returncode, build.stdout + finished.stdout,
                                       build.stderr + finished.stderr)


# The generators the guidebook builds with, each in the venv `make generators` creates (the Makefile's
# *_BUILD lines are the same commands). Each builds a copy of the project into its own site/: Zensical has
# no --site-dir and writes only inside the project (and its cache into .cache/).
GENERATORS = {
    "mkdocs": (Path(sys.executable), ["-m", "mkdocs", "build", "--strict"]),
    "properdocs": (ROOT / ".venv-properdocs" / "bin" / "python", ["-m", "properdocs", "build", "--strict"]),
    "zensical": (ROOT / ".venv-zensical" / "bin" / "zensical", ["build", "--strict", "--clean"]),
}
# What a copy of the guidebook needs to build.
PROJECT_FILES = ("mkdocs.yml", "docs", "checklists", "macros", "overrides")


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """What a build reads (PROJECT_FILES); copy_repository() copies the rest too."""
    for name in PROJECT_FILES:
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, dest / name)
    return dest


def generator_build(generator: str, project: Path, **env: str) -> subprocess.CompletedProcess:
    """`<generator> build --strict -f mkdocs.yml` in the project, into project/site/, then the finishing
    step. The caller checks the result."""
    program, arguments = GENERATORS[generator]
    if not program.is_file():
        raise FileNotFoundError(f"{program} is missing: run `make generators` (make test does) to install "
                                f"{generator} into a venv of its own.")
    result = subprocess.run([str(program), *arguments, "-f", "mkdocs.yml"], capture_output=True, text=True,
                            timeout=300, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    return finish(project, project / "site", result)


def print_guidebook(site_dir: Path) -> subprocess.CompletedProcess:
    """`python -m macros.pdf SITE_DIR`, as `make pdf` runs it: the built site printed as a PDF. The caller
    checks the result."""
    return subprocess.run([sys.executable, "-m", "macros.pdf", str(site_dir)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def make_fixture_project(case: str, dest: Path, data_only: bool = False) -> Path:
    """Lay out tests/fixtures/<case>/ over tests/fixtures/_base/ and the real macros, in dest (with
    data_only, just the pages and data that loading the data reads)."""
    if not (FIXTURES / case).is_dir():
        raise FileNotFoundError(f"no fixture folder tests/fixtures/{case}/")
    for shared in () if data_only else SHARED_WITH_FIXTURES:
        source, target = ROOT / shared, dest / shared
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    dest.mkdir(parents=True, exist_ok=True)
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


@dataclass
class DemoSites:
    """The _base fixture built twice under one origin, as two guidebooks on one github.io account."""

    root: Path
    server: PagesServer

    def url(self, name: str = "one") -> str:
        return f"{self.server.url}{name}/"

    def rebuild(self, case: str, name: str, work: Path) -> None:
        """Publish a fixture site at /<name>/ (a test that changes a site publishes its own name, so that
        no other test sees the change)."""
        project = make_fixture_project(case, work / f"{case}-{name}")
        result = mkdocs_build(project, self.root / name, SITE_URL=self.url(name))
        assert result.returncode == 0, result.stderr


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its nav; tags such as !ENV are not needed for that."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_pages(config_file: Path = ROOT / "mkdocs.yml") -> list[str]:
    """The pages of mkdocs.yml's nav, in reading order (links to other sites left out)."""
    nav = yaml.load(config_file.read_text("utf-8"), Loader=_ConfigLoader)["nav"]
    pages = []

    def walk(entries):
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            if isinstance(value, list):
                walk(value)
            elif not re.match(r"[a-z]+://", value):
                pages.append(value)

    walk(nav)
    return pages


# --- Browser --------------------------------------------------------------------------------------


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


# The script draws a page's parts once their modules have loaded, and marks each data-gb-ready: what a test
# waits for before it reads or changes a part (never a fixed time).
ALL_DRAWN = ("[...document.querySelectorAll('.gb[data-gb-kind]')].every((part) => part.dataset.gbReady)")


def drawn(page):
    """Wait until every part of the page is drawn (at once when it has none); returns the page."""
    page.wait_for_function(ALL_DRAWN)
    return page


def reload(page):
    """Reload, as a reader does, and wait until the page's parts are drawn again."""
    page.reload()
    return drawn(page)


def front(page):
    """Bring a page of a context with several tabs to the front before using it: Chromium hardly runs
    animation frames in a background tab, and Playwright waits for them before every click."""
    page.bring_to_front()
    return page


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF that Chromium wrote (each page object says /Type /Page, the tree says /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def keep_for_review(content: bytes, name: str) -> Path:
    """Keep a PDF or screenshot where a person can look at it after the run (test-results/). Each test
    writes its own names, so parallel workers never write the same file."""
    target = ROOT / "test-results" / name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(content)
    return target


# Every rule of these tags runs; only violations are collected node by node (resultTypes: axe then keeps one
# node of each pass and inapplicable rule), which halves axe's time on our longest pages (workbook: 5.4 s to
# 2.7 s in Chromium) and changes no verdict.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}, "resultTypes": ["violations"]}


def axe_report(page) -> tuple[int, str]:
    """axe-core on the whole page: (number of violations, readable report)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return results.violations_count, results.generate_report()


# --- The interface's words --------------------------------------------------------------------------


def english_sentences() -> list[str]:
    """Every run of three or more words between placeholders in our English strings: what must not leak
    into a page in another language."""
    from macros import strings

    table = yaml.safe_load((Path(strings.__file__).parent / "strings" / "en.yml").read_text("utf-8"))
    texts = [text for group in table.values() for value in (group or {}).values()
             for text in (value.values() if isinstance(value, dict) else [value])]
    runs = [run.strip(" .:;,()“”?") for text in texts for run in strings.PLACEHOLDER.split(text)[::2]]
    return sorted({run for run in runs if len(re.findall(r"[A-Za-z]+", run)) >= 3})


def leaks(text: str) -> list[str]:
    return [sentence for sentence in english_sentences() if sentence in text]


# --- The demo chapter of the _base fixture ---------------------------------------------------------

DEMO = "chapters/demo/"
LIST = "#gb-demo-first-steps"
QUIZ = "#gb-demo-quiz"
ASSESSMENT = "#gb-demo-where-you-stand"


def item_box(item: str, checklist: str = LIST) -> str:
    """A checklist item's box (the items' labels hold their boxes; neither has an id). Double quotes inside,
    so that it also goes into the tests' single-quoted JavaScript strings."""
    return f'{checklist} [data-gb-item="{item}"] input'


def label_of(box: str) -> str:
    """The label that holds an item's box (item_box)."""
    return box.removesuffix(" input") + " label"


def choice_box(question: str, choice: str, quiz: str = QUIZ) -> str:
    """A knowledge check's choice: the input whose value is the choice's id."""
    return f'{quiz} [data-gb-question="{question}"] input[value="{choice}"]'


def blank_field(template: str, blank: str) -> str:
    """A message template's field for one blank (the fields' labels hold them; neither has an id)."""
    return f"{template} input[data-gb-blank='{blank}']"


def demo_choice(question_and_choice: str) -> str:
    """A choice of the demo quiz named as "<question>-<choice>" ("single-one-goal", "true-false-false")."""
    question, choice = re.fullmatch(r"(single-one|multi-one|true-false)-(.+)", question_and_choice).groups()
    return choice_box(question, choice)


GOAL = item_box("write-goal")
EVENT = item_box("pick-event")
HELLO = item_box("say-hello")
# Counts print requests instead of opening the print dialog (which headless browsers cannot dismiss).
PRINT_STUB = "window.printCalls = 0; window.print = () => { window.printCalls += 1; };"


# Fills the origin's storage quota with a neighbour project's keys, as another site of the same
# <user>.github.io account can. Returns how many characters it stored.
FILL_QUOTA = """() => {
  let stored = 0;
  for (const size of [1 << 20, 1 << 16, 1 << 10, 64, 1]) {
    const chunk = "x".repeat(size);
    for (let i = 0; ; i++) {
      try { localStorage.setItem("/neighbour/:" + size + ":" + i, chunk); stored += size; } catch (e) { break; }
    }
  }
  return stored;
}"""
FREE_QUOTA = """() => Object.keys(localStorage).filter(k => k.startsWith("/neighbour/")).forEach(k => localStorage.removeItem(k))"""


def storage_key(key: str, site: str = "/one/", version: int | None = None) -> str:
    """Where the script saves one part's state (or saved it, in an earlier format): the one definition is
    the macros' (macros/overview.py), which the page hands to the script."""
    from macros.overview import STORAGE_FORMAT, storage_prefix

    return storage_prefix(site, version or STORAGE_FORMAT) + key


def saved(page, site="/one/", key="demo/first-steps"):
    """One part's saved state, as the script wrote it to localStorage (None when nothing is saved)."""
    raw = page.evaluate("key => localStorage.getItem(key)", storage_key(key, site))
    return json.loads(raw) if raw else None


def progress_row(page, column: str) -> str:
    """A cell of the demo chapter's row on the progress page."""
    return page.inner_text(f"tr[data-gb-chapter='demo'] [data-gb-col='{column}']")
THROWING_STORAGE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); }
});
"""


def answer(page, question: str, *choices: str) -> None:
    for choice in choices:
        page.check(choice_box(question, choice))


def check(page) -> None:
    page.click(f"{QUIZ} [data-gb-action='check']")


def rate_all(page, value: int) -> None:
    for statement in ("know-goal", "attend-events"):
        page.check(f"{ASSESSMENT} [data-gb-statement='{statement}'] input[value='{value}']")
    page.click(f"{ASSESSMENT} [data-gb-action='score']")


# --- The progress page -------------------------------------------------------------------------


def saved_state(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('gb:')).map(k => [k, localStorage.getItem(k)]))""")


def export(progress, tmp_path) -> dict:
    with progress.expect_download() as download:
        progress.click("[data-gb-action='export']")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return json.loads(path.read_text("utf-8"))


def import_file(progress, tmp_path, content, mode=None) -> str:
    path = tmp_path / "import.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    progress.set_input_files("[data-gb-import]", str(path))
    if mode:
        progress.wait_for_selector(".gb-import-choice:not([hidden])")
        progress.check(f"[name='gb-import-mode'][value='{mode}']")
        progress.click("[data-gb-action='import']")
    progress.wait_for_function("document.querySelector('.gb-message').textContent !== ''")
    return progress.inner_text(".gb-message")


# --- What a page loads of ours ----------------------------------------------------------------------

STYLESHEET = "assets/guidebook.css"  # inside every page once finished (macros/finish.py), linked before
MODULES = "assets/guidebook/{}.js"  # what the entry imports, one per kind of part (data-gb-kind) on the page
GZIP_LEVEL = 6  # gzip's default, as tests/pages_server.py serves them


def ours_loaded_by(site_dir: Path, html_file: Path) -> dict[str, int]:
    """Our files a built page loads, each with its gzipped size: its entry script (bundled with the kinds
    every chapter has, or the lean one with the core alone: macros/finish.py; either registers the service
    worker), the module of every other kind on it, and what of ours it carries inline (the stylesheet, which
    the finishing step puts into the page; the script that says "js" before the first paint:
    overrides/main.html). The budget test and the benchmark both count with it."""
    from bs4 import BeautifulSoup

    from macros.finish import ENTRY, LEAN_ENTRY, bundled_kinds

    soup = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
    page_url = "http://site.invalid/" + html_file.relative_to(site_dir).as_posix()
    linked = {urlsplit(urljoin(page_url, tag.get("src") or tag.get("href"))).path
              for tag in soup.select("script[src], link[rel=stylesheet][href]")}
    entries = [entry for entry in (ENTRY, LEAN_ENTRY) if any(path.endswith("/" + entry) for path in linked)]
    assert len(entries) == 1, f"{html_file.relative_to(site_dir)} links {entries or 'no entry'} of ours"
    bundled = bundled_kinds() if entries[0] == ENTRY else []
    files = {entries[0]} | ({STYLESHEET} if any(path.endswith("/" + STYLESHEET) for path in linked) else set())
    files |= {MODULES.format(part["data-gb-kind"]) for part in soup.select("[data-gb-kind]")
              if part["data-gb-kind"] not in bundled}
    sizes = {name: len(gzip.compress((site_dir / name).read_bytes(), compresslevel=GZIP_LEVEL)) for name in files}
    for what in ("style", "script"):
        inline = "".join(tag.get_text() for tag in soup.select(f"{what}[data-gb]:not([src])"))
        if inline:
            sizes[f"inline {what}"] = len(gzip.compress(inline.encode(), compresslevel=GZIP_LEVEL))
    return sizes


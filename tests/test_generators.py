"""One repository, three generators (issue 21): MkDocs 1.6, ProperDocs 1.6 and Zensical build the same
guidebook from the same mkdocs.yml, each from a copy of the project in a venv of its own (`make generators`
installs them; tests/helpers.py GENERATORS), each followed by `python -m macros.finish`.

The builds must agree on what a reader and our script see: the same pages at the same URLs, the same
reading order, every interactive part's HTML and every `data-gb-*` fact. The differences that stay are
listed in DIFFERENCES, each with its reason, and checked to be what they say. Then the reader's paths run
on the Zensical build in Chromium (the MkDocs build has the rest of the suite).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers import (GENERATORS, PRINT_STUB, ROOT, copy_project, generator_build, make_fixture_project, nav_pages, storage_key,
                     pdf_page_count, keep_for_review)
from macros import finish, generator

pytestmark = pytest.mark.generators

# What differs between the builds, and why it must stay. Everything else the tests below compare is equal.
DIFFERENCES = {
    "data-search-exclude": "Zensical's search indexer honours the attribute on knowledge checks, "
                           "self-assessments and templates (they stay out of its index, as out of Material's) "
                           "and then removes it from the published page; MkDocs leaves it in.",
    "theme": "Zensical draws the pages with its own theme (a port of Material's templates, its 'modern' look); "
             "our overrides/ apply to both. So the HTML around the parts differs, and ProperDocs' pages differ "
             "from MkDocs' only in <meta name=generator>.",
    "search index": "MkDocs and ProperDocs write Material's search/search_index.json, Zensical its own "
                    "search.json.",
    "failing build": "A wrong macro id or a data error stops all three with the same one-line message, but "
                     "Zensical (which turns any exception of a macro into a failed build) prints its Python "
                     "traceback after it; MkDocs and ProperDocs print the message only.",
}


# --- The builds ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("zensical-served")


@pytest.fixture(scope="module")
def zensical_server(served, serve):
    """A server for the Zensical build, started before it: every build gets its URL as site_url."""
    return serve(served)


@pytest.fixture(scope="module")
def builds(tmp_path_factory, served, zensical_server) -> dict[str, Path]:
    """The real guidebook built by each generator: {generator: its site}."""
    sites = {}
    for name in GENERATORS:
        project = copy_project(tmp_path_factory.mktemp(name) / "project")
        result = generator_build(name, project, SITE_URL=zensical_server.url)
        assert result.returncode == 0, f"{name}:\n{result.stdout}\n{result.stderr}"
        assert not re.search(r"\bWARNING\b|\bERROR\b", result.stderr), f"{name}:\n{result.stderr}"
        sites[name] = project / "site"
    shutil.copytree(sites["zensical"], served, dirs_exist_ok=True)
    return sites


def pages(site: Path) -> list[str]:
    return sorted(html.relative_to(site).as_posix() for html in site.rglob("*.html"))


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text("utf-8"), "html.parser")


def parts(site: Path, page: str) -> list[str]:
    """Every interactive part of a page (and the script's words), as HTML, without the attribute that
    Zensical consumes (DIFFERENCES)."""
    found = []
    for element in soup(site, page).select("[data-gb-kind], .gb-site"):
        for tag in [element, *element.find_all(True)]:
            tag.attrs.pop("data-search-exclude", None)
        found.append(str(element))
    return found


def facts(site: Path, page: str) -> list[tuple[str, str, object]]:
    """Every data-gb-* attribute of a page: (element, attribute, value; JSON read as JSON)."""
    found = []
    for tag in soup(site, page).find_all(True):
        for name, value in tag.attrs.items():
            if name.startswith("data-gb-"):
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
                found.append((f"{tag.name}#{tag.get('id', '')}", name, value))
    return found


def reading_order(site: Path) -> list[str]:
    """The pages of the primary navigation, in order, as paths from the site root."""
    nav = soup(site, "index.html").select_one("nav.md-nav--primary")
    order = []
    for link in nav.select("a.md-nav__link[href]"):
        if link["href"].startswith("#"):
            continue
        path = urlsplit(urljoin("http://site.invalid/", link["href"])).path  # the home page's own URL
        if path not in order:
            order.append(path)
    return order


# --- Parity --------------------------------------------------------------------------------------


FIRST_CHAPTER = next(page for page in nav_pages() if page.startswith("chapters/")).removesuffix(".md")


def test_every_generator_writes_the_same_pages(builds):
    expected = pages(builds["mkdocs"])
    assert len(expected) >= 7 and f"{FIRST_CHAPTER}/index.html" in expected
    for name, site in builds.items():
        assert pages(site) == expected, f"{name} wrote other pages than MkDocs"


def test_every_generator_keeps_the_reading_order(builds):
    expected = reading_order(builds["mkdocs"])
    assert expected[:2] == ["/", f"/{FIRST_CHAPTER}/"], expected
    for name, site in builds.items():
        assert reading_order(site) == expected, name


@pytest.mark.parametrize("name", [name for name in GENERATORS if name != "mkdocs"])
def test_every_part_and_fact_is_the_same_as_mkdocs_builds_it(builds, name):
    compared = 0
    for page in pages(builds["mkdocs"]):
        ours, theirs = parts(builds["mkdocs"], page), parts(builds[name], page)
        assert len(theirs) == len(ours), f"{name}, {page}: {len(theirs)} parts, MkDocs has {len(ours)}"
        for mine, other in zip(ours, theirs):
            assert other == mine, f"{name}, {page}: a part differs from MkDocs':\n{first_difference(mine, other)}"
        assert facts(builds[name], page) == facts(builds["mkdocs"], page), f"{name}, {page}: data-gb-* facts differ"
        compared += len(ours)
    assert compared > 30, "the guidebook's parts were not found"


def first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"MkDocs: ...{a[max(0, at - 80):at + 80]}...\nother:  ...{b[max(0, at - 80):at + 80]}..."


def test_the_differences_that_stay_are_what_the_list_says(builds):
    chapter = f"{FIRST_CHAPTER}/index.html"
    mkdocs, zensical = soup(builds["mkdocs"], chapter), soup(builds["zensical"], chapter)
    assert mkdocs.select(".gb-knowledge_check[data-search-exclude]")
    assert not zensical.select("[data-search-exclude]")
    index = json.loads((builds["zensical"] / "search.json").read_text("utf-8"))
    indexed = json.dumps(index["items"])
    knowledge_check = zensical.select_one(".gb-knowledge_check legend").get_text(" ", strip=True)
    prose_heading = mkdocs.select("article h2")[1].get_text(" ", strip=True).rstrip("¶").strip()
    assert prose_heading in indexed and knowledge_check not in indexed
    assert (builds["mkdocs"] / "search/search_index.json").is_file()
    assert not (builds["zensical"] / "search/search_index.json").exists()
    # ProperDocs: the same page as MkDocs' but for the generator tag.
    generator_tag = re.compile(r'<meta name="generator" content="[^"]*">')
    for page in pages(builds["mkdocs"]):
        mine, theirs = ((builds[name] / page).read_text("utf-8") for name in ("mkdocs", "properdocs"))
        assert generator_tag.sub("", theirs) == generator_tag.sub("", mine), page
    assert "ProperDocs" in soup(builds["properdocs"], "index.html").find("meta", attrs={"name": "generator"})["content"]


def test_every_build_is_finished_the_same_way(builds):
    """Our asset URLs carry one version over docs/assets/, our files are minified, our stylesheet is inside
    each page, and the site has its manifest and its service worker, whoever built."""
    version = finish.BuiltSite(ROOT / "site", ROOT / "docs").version
    for name, site in builds.items():
        html = next((site / "chapters").glob("*/index.html")).read_text("utf-8")
        css = (site / "assets/guidebook.css").read_text("utf-8")
        assert f'assets/guidebook/main.js?v={version}"' in html and f"<style data-gb>{css.strip()}</style>" in html, name
        assert "/*" not in css, f"{name}: guidebook.css not minified"
        assert (site / "assets/guidebook/main.js").read_bytes() == (builds["mkdocs"] / "assets/guidebook/main.js").read_bytes()
        assert 'data-gb-worker="../../sw.js"' in html and '<link rel="manifest" href="../../manifest.webmanifest">' in html, name
        worker = (site / "sw.js").read_text("utf-8")
        assert "search.json" in worker if name == "zensical" else "search/search_index.json" in worker, name
        assert json.loads((site / "manifest.webmanifest").read_text("utf-8"))["name"] == "The Networking Guidebook"


@pytest.fixture(scope="module")
def index_chapter_builds(tmp_path_factory) -> dict[str, Path]:
    """A chapter written as docs/chapters/index.md, which every generator publishes at chapters/."""
    sites = {}
    for name in GENERATORS:
        project = make_fixture_project("chapter-index", tmp_path_factory.mktemp(f"index-{name}"))
        result = generator_build(name, project)
        assert result.returncode == 0, f"{name}:\n{result.stderr}"
        sites[name] = project / "site"
    return sites


def test_page_urls_agree_for_a_chapter_at_a_folder_index(index_chapter_builds):
    sites = index_chapter_builds
    home = soup(sites["zensical"], "index.html")
    assert [a["href"] for a in home.select(".gb-chapter-list a")] == ["chapters/", "chapters/demo/"]
    for page in pages(sites["mkdocs"]):
        assert parts(sites["zensical"], page) == parts(sites["mkdocs"], page), page
        assert facts(sites["zensical"], page) == facts(sites["mkdocs"], page), page


@pytest.mark.parametrize("source, use_directory_urls", [
    (source, directory_urls) for directory_urls in (True, False)
    for source in ("index.md", "README.md", "progress.md", "chapters/x.md", "chapters/index.md", "a/b/c.md")])
def test_the_zensical_adapter_computes_page_urls_as_mkdocs_does(source, use_directory_urls):
    """Zensical's shim gives no other page's URL: generator.py computes them with MkDocs' own rules."""
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    def mkdocs_url(path):
        return File(path, "/docs", "/site", use_directory_urls).url

    assert generator.page_url(source, use_directory_urls) == mkdocs_url(source)
    for other in ("index.md", "progress.md", "chapters/y.md", "chapters/index.md", "a/b/c.md"):
        assert generator.relative_url(mkdocs_url(source), mkdocs_url(other)) == \
            get_relative_url(mkdocs_url(source), mkdocs_url(other)), (source, other)


def test_the_glue_loads_where_mkdocs_cannot_be_imported():
    """Zensical needs no MkDocs: the glue, the adapter and the finishing step import none of it (nor
    mkdocs-macros) when they load; only the MkDocs class imports MkDocs, when MkDocs runs it."""
    script = (
        "import importlib.abc, importlib.util, sys\n"
        "class NoMkDocs(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.partition('.')[0] in ('mkdocs', 'mkdocs_macros', 'properdocs'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, NoMkDocs())\n"
        f"spec = importlib.util.spec_from_file_location('macros/glue', {str(ROOT / 'macros' / 'glue.py')!r})\n"
        "glue = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(glue)\n"
        "import macros.finish\n"
        "print(callable(glue.define_env), sorted(m for m in sys.modules if m.startswith('mkdocs')))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True []"


# --- Failing builds ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(GENERATORS))
def test_a_wrong_macro_id_stops_every_generator_with_the_located_message(tmp_path, name):
    project = make_fixture_project("unknown-checklist-call", tmp_path / "project")
    result = generator_build(name, project)
    assert result.returncode != 0, f"{name} built a page with a wrong macro id"
    message = ("ERROR   -  docs/chapters/demo.md:11: There is no checklist 'demo/frist-steps'. "
               "Use '<chapter>/<id>' with one that exists: demo/first-steps.")
    lines = result.stderr.splitlines()
    assert lines.count(message) == 1, result.stderr
    # DIFFERENCES["failing build"]: Zensical's traceback comes after our line.
    assert ("Traceback (most recent call last):" in lines) == (name == "zensical"), result.stderr
    if name == "zensical":
        assert lines.index(message) < lines.index("Traceback (most recent call last):")


@pytest.mark.parametrize("name", list(GENERATORS))
def test_a_data_error_is_reported_once(tmp_path, name):
    """Zensical renders every page, and each one fails on the data: the message still comes once."""
    project = make_fixture_project("missing-field", tmp_path / "project")
    result = generator_build(name, project)
    assert result.returncode != 0
    located = [line for line in result.stderr.splitlines()
               if "ERROR" in line and "checklists/demo.yml:7:" in line]
    assert len(located) == 1 and "is missing the required field 'text'" in located[0], result.stderr


@pytest.mark.parametrize("name", list(GENERATORS))
def test_our_warnings_stop_a_strict_build(tmp_path, name):
    """A language without macros/strings/<language>.yml is a warning of ours: --strict stops on it, with
    each generator (Zensical does not tell its Python side about --strict; generator.py reads it)."""
    project = make_fixture_project("_base", tmp_path / "project")
    base = project / "mkdocs.base.yml"
    base.write_text(base.read_text("utf-8").replace("language: en", "language: fr"), "utf-8")
    result = generator_build(name, project)
    assert result.returncode != 0, f"{name} passed --strict with a warning:\n{result.stderr}"
    assert "There is no macros/strings/fr.yml" in result.stderr
    if name == "zensical":
        program, arguments = GENERATORS[name]
        lenient = subprocess.run([str(program), "build", "--clean", "-f", "mkdocs.yml"], cwd=project,
                                 capture_output=True, text=True, timeout=300)
        assert lenient.returncode == 0, lenient.stderr
        assert "WARNING" in lenient.stderr and "There is no macros/strings/fr.yml" in lenient.stderr


@pytest.mark.parametrize("argv, strict", [
    (["zensical", "build", "--strict"], True), (["zensical", "build", "-s"], True),
    (["zensical", "build", "-cs", "-f", "mkdocs.yml"], True), (["zensical", "build", "--clean"], False),
    (["zensical", "build", "-f", "strict.yml"], False), (["zensical", "serve"], False)])
def test_zensical_strictness_is_read_from_its_command_line(argv, strict):
    assert generator._strict_command_line(argv) is strict


# --- Loading once -------------------------------------------------------------------------------


def test_the_guidebook_is_loaded_once_a_build_and_again_only_when_a_file_changed(tmp_path, monkeypatch):
    monkeypatch.setattr(generator, "_LOADED", {})
    (tmp_path / "a.yml").write_text("one", "utf-8")
    loads, looks = [], []

    def load():
        loads.append(1)
        return len(loads)

    def state():
        looks.append(1)
        return generator.files_state((tmp_path, "*.yml"))

    build = object()
    assert generator.cached(build, state, load) == (1, True)  # the first page of a build
    (tmp_path / "a.yml").write_text("two!", "utf-8")
    assert generator.cached(build, state, load) == (1, False)  # its other pages: no file is looked at
    assert len(looks) == 1
    assert generator.cached(object(), state, load) == (2, True)  # the next build sees the edit
    assert generator.cached(object(), state, load) == (2, True)  # and the one after loads nothing new
    (tmp_path / "b.yml").write_text("", "utf-8")
    assert generator.cached(object(), state, load) == (3, True)
    (tmp_path / "b.yml").unlink()
    assert generator.cached(object(), state, load) == (4, True)

    def broken():
        raise ValueError("checklists/x.yml:1: broken")

    (tmp_path / "a.yml").write_text("three", "utf-8")
    build = object()
    for _ in range(2):  # the second page gets the same error without loading again
        with pytest.raises(ValueError, match="broken"):
            generator.cached(build, state, broken)
    assert generator.cached(object(), state, load) == (5, True), "the next build tries again"


# --- The reader's paths on the Zensical build, in Chromium --------------------------------------


def first_chapter(builds) -> str:
    return reading_order(builds["zensical"])[1].lstrip("/")


def part_facts(page, selector: str) -> dict:
    return json.loads(page.get_attribute(selector, "data-gb-part"))


def test_tick_and_reload_on_the_zensical_build(builds, open_page, zensical_server):
    page = open_page(first_chapter(builds), base=zensical_server.url)
    checklist = page.locator("article section.gb-checklist").first
    checklist.locator("xpath=self::*[@data-gb-ready]").wait_for()
    items = json.loads(checklist.get_attribute("data-gb-part"))["items"]
    status = checklist.locator(".gb-status")
    assert status.inner_text() == f"0 of {len(items)} done"
    checklist.locator("input[type=checkbox]").first.check()
    assert status.inner_text() == f"1 of {len(items)} done"
    page.reload()
    checklist.locator("xpath=self::*[@data-gb-ready]").wait_for()
    assert checklist.locator("input[type=checkbox]").first.is_checked()
    key = checklist.get_attribute("data-gb-key")
    saved = json.loads(page.evaluate("key => localStorage.getItem(key)", storage_key(key, urlsplit(zensical_server.url).path)))
    assert list(saved["ticks"]) == [next(iter(items))]


def finish_chapter(page) -> dict:
    """Tick the first item, answer the knowledge check rightly and rate the self-assessment at the top:
    what the progress page should then show."""
    checklist = page.locator("article section.gb-checklist").first
    checklist.locator("xpath=self::*[@data-gb-ready]").wait_for()
    checklist.locator("input[type=checkbox]").first.check()

    check = page.locator("article section.gb-knowledge_check").first
    questions = json.loads(check.get_attribute("data-gb-part"))["questions"]
    for question, right in questions.items():
        for choice in right:
            check.locator(f"[data-gb-question='{question}'] input[value='{choice}']").check()
    check.locator("[data-gb-action='check']").click()
    assert check.locator(".gb-score").inner_text().startswith(
        f"You got {len(questions)} of {len(questions)} right. Well done.")

    assessment = page.locator("article section.gb-self_assessment").first
    top_band = max(json.loads(assessment.get_attribute("data-gb-part"))["bands"], key=lambda band: band["to"])
    for statement in assessment.locator("[data-gb-statement]").all():
        statement.locator("input[type=radio]").last.check()
    assessment.locator("[data-gb-action='score']").click()
    result = assessment.locator(".gb-result").inner_text()
    assert result.startswith(f"Your result: {top_band['title']}, 100%"), result
    return {"questions": len(questions), "band": top_band["title"],
            "chapter": checklist.get_attribute("data-gb-key").split("/")[0]}


def test_check_assess_and_see_progress_on_the_zensical_build(builds, open_page, zensical_server):
    page = open_page(first_chapter(builds), base=zensical_server.url)
    done = finish_chapter(page)
    page.goto(zensical_server.url + "progress/")
    row = page.locator(f"tr[data-gb-chapter='{done['chapter']}']")
    row.locator("[data-gb-col='knowledge_check']", has_text="right").wait_for()
    assert row.locator("[data-gb-col='checklist']").inner_text().startswith("1 of ")
    assert row.locator("[data-gb-col='knowledge_check']").inner_text().startswith(
        f"{done['questions']} of {done['questions']} right (")
    assert row.locator("[data-gb-col='self_assessment']").inner_text().startswith(f"{done['band']}, 100% (")
    page.goto(zensical_server.url)
    chapters = [path for path in reading_order(builds["zensical"]) if path.startswith("/chapters/")]
    assert page.locator(".gb-chapter-list > li").count() == len(chapters)
    # The card of the chapter just worked through says how far the reader is, with a link to go on.
    card_progress = page.locator(f"[data-gb-progress='{done['chapter']}']")
    card_progress.locator("a").wait_for()
    assert card_progress.is_visible() and " of " in card_progress.inner_text()
    assert page.locator(f".gb-mark[data-gb-chapter='{done['chapter']}']").inner_text() != "✓ done", \
        "one item ticked does not finish a chapter"


def test_copy_a_message_template_on_the_zensical_build(builds, open_page, zensical_server):
    page = open_page("toolkit/", base=zensical_server.url, permissions=["clipboard-read", "clipboard-write"])
    template = page.locator("article section.gb-template").first
    template.locator("xpath=self::*[@data-gb-ready]").wait_for()
    # Every blank of the template: its own, and the reader's details in the form above all templates.
    names = template.locator(".gb-text mark[data-gb-blank]").evaluate_all("marks => marks.map(m => m.dataset.gbBlank)")
    for number, name in enumerate(dict.fromkeys(names)):
        field = page.locator(f"#gb-you input[data-gb-blank='{name}']") if name.startswith("your_") \
            else template.locator(f"input[data-gb-blank='{name}']")
        field.fill(f"Word{number}")
    expected = template.locator(".gb-text").inner_text().strip()
    assert "[" not in expected and "Word0" in expected, expected
    template.locator("[data-gb-action='copy']").click()
    template.locator(".gb-status", has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_print_the_workbook_from_the_zensical_build(builds, open_page, zensical_server):
    page = open_page("workbook/", base=zensical_server.url, init_script=PRINT_STUB)
    page.locator(".gb-cover [data-gb-action='print-blank']").click()
    assert page.evaluate("window.printCalls") == 1
    page.emulate_media(media="print")
    for chrome in ("header.md-header", ".md-sidebar--primary", "footer.md-footer", ".gb-actions"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    starts = page.evaluate("[...document.querySelectorAll('.gb-chapter-start')].map(e => getComputedStyle(e).breakBefore)")
    assert starts and set(starts) == {"page"}
    pdf = page.pdf(format="A4", margin={side: "0.4in" for side in ("top", "bottom", "left", "right")})
    keep_for_review(pdf, "workbook-A4-zensical.pdf")
    assert len(starts) + 1 <= pdf_page_count(pdf) <= 12 * len(starts)

"""The cheap part of the performance budget (issue 8), on the built guidebook. Lighthouse scores, page
weight against plain Material and build cost are measured by `make bench` (benchmarks/run.py)."""

import gzip
import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers import GZIP_LEVEL, MODULES, ROOT, ours_loaded_by

from macros.finish import ENTRY, LEAN_ENTRY  # noqa: E402 (what a page links: the entry, or the lean one)

ASSETS = (ENTRY, "assets/guidebook.css")  # what every page loads: the script linked, the CSS inline
ASSET_BUDGET = 8 * 1024  # bytes: what a chapter page loads of ours, as served (minified, each file gzipped)
# Where a page can make the browser fetch something (a[href] is a link the reader chooses to follow).
FETCHING = {"script": ("src",), "link": ("href",), "img": ("src", "srcset"), "iframe": ("src",),
            "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "embed": ("src",),
            "object": ("data",)}


def third_party_urls(html: str, page_url: str) -> list[str]:
    """Every URL the page's tags would fetch from a host other than the page's own."""
    own = urlsplit(page_url).netloc
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(list(FETCHING)):
        for attribute in FETCHING[tag.name]:
            value = tag.get(attribute)
            if not value:
                continue
            candidates = [part.split()[0] for part in value.split(",") if part.strip()] \
                if attribute == "srcset" else [value]
            for candidate in candidates:
                url = urlsplit(urljoin(page_url, candidate.strip()))
                if url.scheme in ("http", "https") and url.netloc != own:
                    found.append(f"<{tag.name} {attribute}={candidate}>")
    return found


def _built_pages(site):
    return sorted(site.dir.rglob("*.html"))


def _url_of(site, html_file) -> str:
    return site.url + html_file.relative_to(site.dir).as_posix()


def loaded_by(site, html_file) -> dict[str, int]:
    return ours_loaded_by(site.dir, html_file)


def test_what_a_chapter_page_loads_of_ours_stays_within_8_kib_gzipped(site):
    chapters = sorted((site.dir / "chapters").glob("*/index.html"))
    assert chapters
    for chapter in chapters:
        sizes = loaded_by(site, chapter)
        assert sum(sizes.values()) <= ASSET_BUDGET, (
            f"{chapter.relative_to(site.dir)} loads {sum(sizes.values())} bytes of ours gzipped ({sizes}); the "
            f"budget is {ASSET_BUDGET}. Every chapter page downloads them: trim before adding.")


TOOL_BUDGET = 12 * 1024  # bytes: what the page of a tool, Your people, loads of ours before it is drawn
TRACKER_FILES = "assets/guidebook/tracker*"  # its module, its style and stylesheet, its spreadsheets and calendar files
TRACKER_NEEDS = ("assets/guidebook/tracker_style.js", "assets/guidebook/tracker.css")  # tracker.js's needs(), before drawing


def test_the_tracker_loads_only_on_its_own_page_within_12_kib(site):
    from macros.kinds import BY_NAME

    assert BY_NAME["tracker"].tool
    own = {path.relative_to(site.dir).as_posix() for path in site.dir.glob(TRACKER_FILES)}
    assert set(TRACKER_NEEDS) | {MODULES.format("tracker")} <= own
    people = site.dir / "people" / "index.html"
    for page in _built_pages(site):
        if page != people:
            assert not own & set(loaded_by(site, page)), f"{page.relative_to(site.dir)} loads the tracker's code"
    sizes = loaded_by(site, people)
    sizes.update({name: len(gzip.compress((site.dir / name).read_bytes(), compresslevel=GZIP_LEVEL)) for name in TRACKER_NEEDS})
    assert sum(sizes.values()) <= TOOL_BUDGET, (
        f"Your people loads {sum(sizes.values())} bytes of ours gzipped before it is drawn ({sizes}); the budget is "
        f"{TOOL_BUDGET}. The rest ({sorted(own - set(sizes))}) loads when a reader asks for a file.")


def test_a_page_loads_only_the_modules_of_the_parts_it_has(site):
    """The progress page's import check and its validator, say, never reach a chapter page."""
    chapter = sorted((site.dir / "chapters").glob("*/index.html"))[0]
    kinds = {part["data-gb-kind"] for part in BeautifulSoup(chapter.read_text("utf-8"), "html.parser").select("[data-gb-kind]")}
    assert "progress" not in kinds and "chapter_list" not in kinds and kinds


@pytest.mark.parametrize("html, expected", [
    ('<script src="https://cdn.example.com/x.js"></script>', ["<script src=https://cdn.example.com/x.js>"]),
    ('<link rel="stylesheet" href="//fonts.googleapis.com/css">', ["<link href=//fonts.googleapis.com/css>"]),
    ('<img srcset="a.png 1x, https://img.example.org/b.png 2x">', ["<img srcset=https://img.example.org/b.png>"]),
    ('<iframe src="http://127.0.0.1:9/other-port/"></iframe>', ["<iframe src=http://127.0.0.1:9/other-port/>"]),
    ('<script src="../assets/x.js"></script><link href="http://127.0.0.1:8000/feed.xml">'
     '<a href="https://github.com/">a link is not a fetch</a><img src="data:image/png;base64,AA==">', []),
])
def test_the_third_party_check_catches_what_it_should(html, expected):
    assert third_party_urls(html, "http://127.0.0.1:8000/chapters/demo/") == expected


def test_no_page_fetches_anything_from_another_host(site):
    problems = {}
    for html_file in _built_pages(site):
        found = third_party_urls(html_file.read_text("utf-8"), _url_of(site, html_file))
        if found:
            problems[html_file.relative_to(site.dir).as_posix()] = found
    assert not problems, f"pages that would fetch from another host (readers' privacy, the budget): {problems}"


def test_our_css_loads_nothing_from_another_host(site):
    css = (site.dir / "assets/guidebook.css").read_text("utf-8")
    assert not re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])(?:https?:)?//", css)


def test_every_page_has_a_meta_description(site):
    missing = []
    for html_file in _built_pages(site):
        meta = BeautifulSoup(html_file.read_text("utf-8"), "html.parser").find("meta", attrs={"name": "description"})
        if meta is None or not meta.get("content", "").strip():
            missing.append(html_file.relative_to(site.dir).as_posix())
    assert not missing, f"pages without a meta description (Lighthouse SEO): {missing}"


def assets_version(site) -> str:
    """The one version macros/finish.py gives all our files (test_a_change_to_any_of_our_files_... checks
    that it follows every file under docs/assets/)."""
    from macros.finish import BuiltSite

    return BuiltSite(site.dir, ROOT / "docs").version


def test_every_page_links_our_script_with_its_content_hash_and_carries_our_stylesheet(site):
    expected = assets_version(site)
    css = (site.dir / "assets/guidebook.css").read_text("utf-8").strip()
    problems = []
    for html_file in _built_pages(site):
        soup = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
        scripts = [tag.get("src") for tag in soup.find_all("script", src=True)]
        # One entry: with the chapters' kinds, or the lean one (macros/finish.py).
        linked = [url for url in scripts if urlsplit(url).path.endswith((ASSETS[0], LEAN_ENTRY))]
        if len(linked) != 1 or urlsplit(linked[0]).query != f"v={expected}":
            problems.append(f"{html_file.relative_to(site.dir)}: {ASSETS[0]} as {linked}, expected ?v={expected}")
        styles = [tag.get_text() for tag in soup.select("head style[data-gb]")]
        stylesheets = [tag.get("href") for tag in soup.find_all("link", rel="stylesheet") if ASSETS[1] in tag.get("href")]
        if styles != [css] or stylesheets:
            problems.append(f"{html_file.relative_to(site.dir)}: our stylesheet linked {stylesheets}, inline {len(styles)} times")
    assert not problems, "\n".join(problems)


def test_pages_without_the_chapters_kinds_load_the_lean_entry(site):
    from macros.finish import bundled_kinds

    for html_file in _built_pages(site):
        html = html_file.read_text("utf-8")
        has_chapter_parts = any(f'data-gb-kind="{kind}"' in html for kind in bundled_kinds())
        assert (LEAN_ENTRY not in html) == has_chapter_parts, html_file.relative_to(site.dir)


def test_our_stylesheet_comes_before_the_first_paint_needs_it_and_after_materials(site):
    """Inline where the page linked it: after Material's stylesheets (ours overrides them), in <head>."""
    for html_file in _built_pages(site):
        head = str(BeautifulSoup(html_file.read_text("utf-8"), "html.parser").head)
        assert head.rindex("assets/stylesheets/") < head.index("<style data-gb"), html_file


def test_a_change_to_any_of_our_files_changes_every_asset_url(tmp_path):
    """A script that imports other modules passes its own ?v= on to them: so one changed file under
    docs/assets/, even one no page links directly, must change the version of every URL."""
    from helpers import make_fixture_project, mkdocs_build

    versions = []
    project = make_fixture_project("_base", tmp_path / "project")  # our assets, on a site that builds fast
    for edit in ("", "// a new module\n"):
        (project / "docs/assets/guidebook").mkdir(exist_ok=True)
        (project / "docs/assets/guidebook/imported.js").write_text(edit, "utf-8")
        result = mkdocs_build(project, tmp_path / f"site{len(versions)}")
        assert result.returncode == 0, result.stderr
        html = (tmp_path / f"site{len(versions)}" / "index.html").read_text("utf-8")
        versions.append(set(re.findall(r'assets/guidebook/main(?:\.lean)?\.js\?v=([0-9a-f]{10})"', html)))
    assert all(len(found) == 1 for found in versions) and versions[0] != versions[1], versions


def test_no_script_blocks_the_first_paint(site):
    """Every script with src is deferred (Material's by overrides/main.html; ours is a module, which is
    deferred by definition): Lighthouse counts blocking ones into FCP. Deferred, not async: Material's bundle
    must run before our script, and deferred scripts and modules run in document order."""
    not_deferred, scripts = [], 0
    for html_file in _built_pages(site):
        for tag in BeautifulSoup(html_file.read_text("utf-8"), "html.parser").find_all("script", src=True):
            scripts += 1
            if not (tag.has_attr("defer") or tag.get("type") == "module") or tag.has_attr("async"):
                not_deferred.append(f"{html_file.relative_to(site.dir)}: {tag.get('src')}")
    assert scripts >= 2 * len(_built_pages(site)), "Material's bundle and our script on every page"
    assert not not_deferred, f"scripts that are not deferred: {not_deferred}"


def test_chromium_fetches_our_entry_at_low_priority_on_every_kind_of_page(site, browser):
    """Our entry comes after what the first paint needs (macros/finish.py, low_priority): Chromium would
    fetch a module named in <head> at high priority, and Lighthouse's simulation counts such a script into
    the first contentful paint. Read from Chromium itself (CDP), on a chapter page, the home page and the progress page."""
    priorities = {}
    page = browser.new_page()
    try:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.requestWillBeSent", lambda event: priorities.setdefault(
            urlsplit(event["request"]["url"]).path, event["request"]["initialPriority"]))
        for path in ("chapters/leveraging-your-network/", "", "progress/"):
            page.goto(site.url + path)
            page.wait_for_load_state("load")
    finally:
        page.close()
    ours = {path: priority for path, priority in priorities.items() if path.endswith((ENTRY, LEAN_ENTRY))}
    assert {urlsplit(site.url + ENTRY).path, urlsplit(site.url + LEAN_ENTRY).path} <= set(ours), priorities
    assert set(ours.values()) == {"Low"}, ours
    material = [priority for path, priority in priorities.items() if path.endswith(".css")]
    assert "VeryHigh" in material, "the check can tell priorities apart: Material's stylesheets are VeryHigh"


def _plain(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_the_search_index_holds_prose_and_checklists_but_not_quizzes_or_the_workbook(site):
    """Every page load fetches the search index. Knowledge checks and self-assessments restate the chapter
    (and give away the answers), and the workbook repeats every part, so they are left out of it."""
    docs = json.loads((site.dir / "search/search_index.json").read_text("utf-8"))["docs"]
    assert not [doc["location"] for doc in docs if doc["location"].startswith("workbook/")]
    indexed = _plain(" ".join(doc["title"] + " " + doc["text"] for doc in docs))
    first_chapter = sorted((site.dir / "chapters").glob("*/index.html"))[0]
    chapter = BeautifulSoup(first_chapter.read_text("utf-8"), "html.parser")
    kept, left_out = [], []
    for part in chapter.select("section.gb[data-gb-kind]"):
        first_label = _plain(str(part.select_one("label, .gb-text")))
        (left_out if part.has_attr("data-search-exclude") else kept).append((part["data-gb-kind"], first_label))
        if part["data-gb-kind"] == "knowledge_check":
            left_out.append(("answer", _plain(str(part.select_one(".gb-explanation")))))
        if part["data-gb-kind"] == "self_assessment":
            left_out.append(("advice", _plain(str(part.select_one(".gb-advice p")))))
    assert {kind for kind, _ in kept} == {"checklist"}
    # Message templates stay out too: their wording is an example to adapt, not something to look up.
    assert {"knowledge_check", "self_assessment", "answer", "advice"} <= {kind for kind, _ in left_out} <= {
        "knowledge_check", "self_assessment", "answer", "advice", "template"}
    assert [text for _, text in kept if text not in indexed] == []
    assert [text for _, text in left_out if text in indexed] == []
    assert _plain(str(chapter.select_one("article p"))) in indexed  # the prose itself is searchable


def test_the_site_is_served_as_github_pages_serves_it(site):
    """Page weights in the benchmark and caching in the browser tests depend on it."""
    from urllib.error import HTTPError
    from urllib.request import Request, urlopen

    with urlopen(Request(site.url + ASSETS[0], headers={"Accept-Encoding": "gzip"})) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Cache-Control"] == "max-age=600"
        assert gzip.decompress(response.read()) == (site.dir / ASSETS[0]).read_bytes()
    with pytest.raises(HTTPError) as missing:
        urlopen(site.url + "no/such/page/")
    assert missing.value.code == 404
    assert missing.value.read() == (site.dir / "404.html").read_bytes()

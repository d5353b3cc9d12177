"""The guidebook's look (issue 25): the home page's cards and their reading times, the diagrams (a text
alternative each, readable in both schemes and on paper, used by a page), the logo, favicon and link
preview, and the size of every image."""

from __future__ import annotations

import gzip
import re
import struct
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import Request, urlopen

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from helpers import ROOT, axe_report, nav_pages
from macros import diagrams, reading, strings
from macros.data import DataError

DOCS = ROOT / "docs"
MAX_IMAGE = 30 * 1024
IMAGES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
CHAPTER_PAGES = [page for page in nav_pages() if page.startswith("chapters/")]
# The chapters that show a diagram, as their folder URLs (read from the pages, so that a fork may move them).
DIAGRAM_CHAPTERS = [page.removesuffix(".md") + "/" for page in CHAPTER_PAGES
                    if re.search(r"\{\{\s*(diagram|timeline)\(", (DOCS / page).read_text("utf-8"))]
DIAGRAM_NAMES = sorted([path.stem for path in (DOCS / diagrams.FOLDER).glob("*.svg")] + ["follow-up-timeline"])
WORDS, _ = strings.load_words("en")


def folder_url(source: str) -> str:
    """'chapters/x.md' -> 'chapters/x/', 'index.md' -> '' (the site uses directory URLs)."""
    stem = source.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


def soup(site, url: str) -> BeautifulSoup:
    return BeautifulSoup((site.dir / url / "index.html").read_text("utf-8"), "html.parser")


def built_pages(site) -> dict[str, BeautifulSoup]:
    return {html.relative_to(site.dir).as_posix(): BeautifulSoup(html.read_text("utf-8"), "html.parser")
            for html in sorted(site.dir.rglob("*.html"))}


# --- Reading time ---------------------------------------------------------------------------------


def test_reading_time_counts_the_words_an_author_wrote_not_the_markup_or_the_parts():
    page = ('---\ndescription: Not read here.\n---\n\n# A short page {#brief-page}\n\n{%# a note for authors #%}\n'
            'Read [the guide](guide.md#part "Title") now, don\'t wait.\n\n<div markdown>Inside</div>\n\n'
            '{{ checklist("demo/first-steps") }}\n\n!!! tip "Two words"\n    Last one.\n')
    prose = reading.prose(page)
    for hidden in ("description", "brief-page", "note", "guide.md", "Title", "div", "markdown", "checklist", "demo"):
        assert hidden not in prose, hidden
    # A short page / Read the guide now don't wait / Inside / tip Two words / Last one
    assert reading.word_count(prose) == 15


@pytest.mark.parametrize("words, minutes", [(0, 1), (99, 1), (299, 1), (300, 2), (3054, 15), (3100, 16)])
def test_reading_time_is_words_over_200_rounded_and_at_least_a_minute(words, minutes):
    assert reading.minutes(words) == minutes


def prose_word_count(article) -> int:
    """Words of a built chapter's own prose, counted apart from macros/reading.py: the article's text without
    the interactive parts, the diagrams (both drawn by macros), permalinks and page buttons."""
    article = BeautifulSoup(str(article), "html.parser")
    for element in article.select(".gb, .gb-diagram, a.headerlink, .md-content__button, .md-source-file"):
        element.decompose()
    return sum(1 for token in article.get_text(" ").split() if re.search(r"\w", token))


def test_the_home_cards_link_every_chapter_in_nav_order_with_its_reading_time(site):
    home = soup(site, "")
    cards = home.select(".grid.cards .gb-chapter-list > li")
    assert [card.a["href"] for card in cards] == [folder_url(page) for page in CHAPTER_PAGES]
    for number, (card, page) in enumerate(zip(cards, CHAPTER_PAGES), 1):
        slug = Path(page).stem
        words = prose_word_count(soup(site, folder_url(page)).select_one("article"))
        shown = re.fullmatch(rf"Chapter {number} · (\d+) min read", card.select_one(".gb-reading").get_text(" ", strip=True))
        assert shown, card.select_one(".gb-reading")
        assert abs(int(shown[1]) - words / 200) <= 1, f"{page}: {shown[1]} min shown for {words} words"
        # What the script fills in: the done mark, and the place for "3 of 20 done" (empty until then).
        assert card.select_one(f".gb-mark[data-gb-chapter='{slug}']")
        place = card.select_one(f"[data-gb-progress='{slug}']")
        assert place is not None and not place.get_text(strip=True)  # (its height is kept, so nothing moves)


def test_the_other_pages_of_the_nav_follow_the_chapters_as_cards(site):
    others = [page for page in nav_pages()[1:] if page not in CHAPTER_PAGES]
    cards = soup(site, "").select(".grid.cards .gb-page-list > li")
    assert [card.a["href"] for card in cards] == [folder_url(page) for page in others]
    assert {"toolkit.md", "workbook.md", "progress.md"} <= set(others)
    for card, page in zip(cards, others):
        assert card.a.get_text(strip=True), page
        assert card.select_one(".gb-summary").get_text(strip=True), f"{page} needs a description: for its card"
        minutes = reading.minutes_to_read((DOCS / page).read_text("utf-8"))
        assert card.select_one(".gb-reading").get_text(strip=True) == f"{minutes} min read"


def test_the_cards_lead_to_the_chapters_without_javascript(open_page):
    home = open_page("", javascript=False)
    home.click(".gb-chapter-list a >> nth=1")
    home.wait_for_url(re.compile(re.escape(folder_url(CHAPTER_PAGES[1])) + "$"))
    assert home.locator("article h1").inner_text()


# --- Diagrams -------------------------------------------------------------------------------------


def test_the_timeline_is_drawn_from_its_steps():
    steps = [diagrams.Step("Meet <them>", ""), diagrams.Step("Follow up", "after 3 days"), diagrams.Step("Nudge", "after a week")]
    html = diagrams.timeline(steps, WORDS, name="demo-timeline")
    svg = BeautifulSoup(str(html), "html.parser")
    texts = [text.get_text() for text in svg.find_all("text")]
    assert texts == ["Meet <them>", "", "Follow up", "after 3 days", "Nudge", "after a week"]  # escaped: shown as text
    assert "<them>" not in str(html)
    assert len(svg.find_all("circle")) == 3
    assert svg.find("desc").get_text() == "Meet <them>. Follow up: after 3 days. Nudge: after a week."
    assert all(element["id"].startswith("demo-timeline-") for element in svg.find_all(id=True) if element.name != "figure")
    with pytest.raises(ValueError, match="at least two steps"):
        diagrams.timeline(steps[:1], WORDS)


def test_the_chapters_timeline_says_what_their_timings_say(site):
    """The picture and the text read one number: each step of the built timeline is a timing of the data."""
    from macros import data, timings

    found = {t_id: t for chapter in data.load_guidebook(ROOT, DOCS, WORDS).values() for t_id, t in chapter.timings.items()}
    pages = [BeautifulSoup(path.read_text("utf-8"), "html.parser") for path in sorted((site.dir / "chapters").glob("*/index.html"))]
    figure = next(page.select_one("#diagram-follow-up-timeline") for page in pages if page.select_one("#diagram-follow-up-timeline"))
    texts = [text.get_text() for text in figure.find_all("text")]
    steps = list(zip(texts[0::2], texts[1::2]))[1:]  # (label, when) after the first meeting
    assert steps and all(any(label == t["label"] and when == f"after {timings.text(t, WORDS)}" for t in found.values())
                         for label, when in steps), steps


GOOD_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-labelledby="demo-title demo-desc">'
            '<title id="demo-title">A demo</title><desc id="demo-desc">A circle.</desc><circle r="4"/></svg>')


@pytest.mark.parametrize("svg, complaint", [
    (GOOD_SVG.replace(' role="img"', ""), "no text alternative"),
    (GOOD_SVG.replace('<desc id="demo-desc">A circle.</desc>', ""), "no text alternative"),
    (GOOD_SVG.replace("A circle.", " "), "no text alternative"),
    (GOOD_SVG.replace("<circle", "<script>alert(1)</script><circle"), "may not contain <script>"),
    (GOOD_SVG.replace("<circle", "<style>body{display:none}</style><circle"), "may not contain <style>"),
    (GOOD_SVG.replace("<circle", '<image href="https://example.org/x.png"/><circle'), "may not contain <image>"),
    (GOOD_SVG.replace("<circle", '<use href="https://example.org/x.svg#a"/><circle'), "loads nothing"),
    (GOOD_SVG.replace('<circle r="4"/>', '<circle r="4" onclick="alert(1)"/>'), "runs no script"),
    (GOOD_SVG.replace('id="demo-desc"', 'id="desc"').replace("demo-desc\"", 'desc"'), "does not start with 'demo-'"),
    (GOOD_SVG.replace("</svg>", ""), "not well-formed"),
    ("<html></html>", "not <svg>"),
    (GOOD_SVG.replace("<circle", f"<!-- {'x' * MAX_IMAGE} --><circle"), "bytes; a diagram may have"),
])
def test_a_diagram_file_is_refused_without_a_text_alternative_or_with_anything_that_runs_or_loads(tmp_path, svg, complaint):
    (tmp_path / diagrams.FOLDER).mkdir(parents=True)
    (tmp_path / diagrams.FOLDER / "demo.svg").write_text(svg, "utf-8")
    with pytest.raises(DataError, match=re.escape(complaint)) as error:
        diagrams.from_file(tmp_path, "demo")
    assert error.value.file == f"{tmp_path.name}/{diagrams.FOLDER}/demo.svg"


def test_a_good_diagram_file_becomes_one_html_block_and_a_missing_one_names_those_there_are(tmp_path):
    (tmp_path / diagrams.FOLDER).mkdir(parents=True)
    (tmp_path / diagrams.FOLDER / "demo.svg").write_text(
        '<?xml version="1.0"?>\n<!-- drawn by hand -->\n' + GOOD_SVG.replace("<circle", "\n\n<circle"), "utf-8")
    html = diagrams.from_file(tmp_path, "demo")
    assert isinstance(html, Markup) and html.startswith('<figure class="gb-diagram" id="diagram-demo"')
    assert "\n\n" not in html and "<?xml" not in html and "drawn by hand" not in html
    with pytest.raises(DataError, match="There is no diagram 'dmeo'.*: demo") as error:
        diagrams.from_file(tmp_path, "dmeo", called_from=("docs/chapters/demo.md", 12))
    assert (error.value.file, error.value.line) == ("docs/chapters/demo.md", 12)
    assert error.value.fix.endswith("demo.")


def test_every_diagram_has_a_text_alternative_and_is_used_by_a_page(site):
    used = {}
    for page, page_soup in built_pages(site).items():
        for figure in page_soup.select("figure.gb-diagram"):
            used.setdefault(figure["id"].removeprefix("diagram-"), []).append(page)
            svg = figure.find("svg")
            assert svg is not None and svg.get("role") == "img", figure["id"]
            labels = [svg.find(id=id_) for id_ in svg["aria-labelledby"].split()]
            assert [label.name for label in labels] == ["title", "desc"], figure["id"]
            assert all(label.get_text(strip=True) for label in labels), figure["id"]
            assert len(str(figure).encode("utf-8")) <= MAX_IMAGE, f"{figure['id']} is over 30 KiB inline"
    assert sorted(used) == DIAGRAM_NAMES, "every diagram in docs/assets/diagrams/ (and the timeline) is on a page"
    assert all(len(pages) == 1 for pages in used.values()), used


# The contrast of every word in the diagrams against what lies behind it, worked out in the browser from
# the computed colours (axe does not look inside SVG): on the page's background, or, for the words drawn in
# the page's background colour ("You", the numbers), on the link colour of the shape beneath them.
DIAGRAM_COLOURS = """() => {
  const probe = document.createElement("span");
  probe.style.color = "var(--md-typeset-a-color)";
  document.body.append(probe);
  const accent = getComputedStyle(probe).color;
  probe.remove();
  const page = getComputedStyle(document.body).backgroundColor;
  return {page, accent, texts: [...document.querySelectorAll("figure.gb-diagram text")].map(
    (text) => [text.textContent, getComputedStyle(text).fill])};
}"""


def _rgba(css: str) -> tuple[float, float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return (*values[:3], values[3] if len(values) > 3 else 1.0)


def _luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    *fg, alpha = _rgba(foreground)
    bg = _rgba(background)[:3]
    seen = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg)]
    lighter, darker = sorted((_luminance(seen), _luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_blends_a_translucent_colour_over_its_background():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(1)
    assert 4.5 < contrast("rgba(0, 0, 0, 0.54)", "rgb(255, 255, 255)") < 5


@pytest.mark.parametrize("path", DIAGRAM_CHAPTERS)
@pytest.mark.parametrize("medium", ["light", "dark", "print from the dark scheme"])
def test_every_word_of_the_diagrams_is_readable_on_screen_in_both_schemes_and_on_paper(open_page, path, medium):
    page = open_page(path, color_scheme="light" if medium == "light" else "dark")
    if medium.startswith("print"):
        page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate(DIAGRAM_COLOURS)
    assert colours["texts"], f"no diagram on /{path}"
    if medium.startswith("print"):
        assert _rgba(colours["page"])[:3] == (255, 255, 255), "paper is white"
    low = []
    for words, fill in colours["texts"]:
        behind = colours["accent"] if _rgba(fill) == _rgba(colours["page"]) else colours["page"]
        if contrast(fill, behind) < 4.5:
            low.append(f"{words!r}: {fill} on {behind} ({contrast(fill, behind):.2f})")
    assert not low, f"/{path} ({medium}): diagram words below 4.5:1:\n" + "\n".join(low)


@pytest.mark.parametrize("path", ["", *DIAGRAM_CHAPTERS[:1]])
def test_no_axe_violations_after_switching_to_the_dark_scheme_with_the_toggle(open_page, path):
    """A reader whose system is light turns the site dark with the header's toggle (the media-query dark
    scheme is covered for every page in test_site.py): the cards and the inline diagrams follow."""
    diagram_in_text_colour = """() => {
      const colour = getComputedStyle(document.querySelector("article")).color;
      return [colour, [...document.querySelectorAll("figure.gb-diagram text")].some(
        (text) => getComputedStyle(text).fill === colour)];
    }"""
    page = open_page(path, color_scheme="light")
    light, in_light = page.evaluate(diagram_in_text_colour)
    page.click("label[for='__palette_1']")
    page.wait_for_selector("body[data-md-color-scheme='slate']")
    dark, in_dark = page.evaluate(diagram_in_text_colour)
    assert dark != light
    assert in_light == in_dark == bool(path), "the diagram's words take the page's text colour"
    violations, report = axe_report(page)
    assert violations == 0, f"/{path} (dark by toggle):\n{report}"


# --- A look of its own ----------------------------------------------------------------------------

MATERIAL_INDIGO = "rgb(64, 81, 181)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_header_is_not_materials_default_indigo(open_page, scheme):
    page = open_page("", color_scheme=scheme)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") != MATERIAL_INDIGO
    assert page.evaluate("getComputedStyle(document.querySelector('article a')).color") != MATERIAL_INDIGO


def _local_file(site, page: str, url: str) -> Path:
    return site.dir / urlsplit(urljoin(site.url + page, url)).path.lstrip("/")


def test_every_page_has_our_logo_favicon_and_a_link_preview_with_absolute_urls(site):
    for page, page_soup in built_pages(site).items():
        meta = {tag.get("property") or tag.get("name"): tag.get("content") for tag in page_soup.find_all("meta")}
        logo = page_soup.select_one(".md-header img")
        favicon = page_soup.find("link", rel="icon")
        assert _local_file(site, page, logo["src"]) == site.dir / "assets/brand/logo.svg", page
        assert _local_file(site, page, favicon["href"]) == site.dir / "assets/brand/favicon.svg", page
        for key in ("og:title", "og:description", "og:image", "og:site_name", "twitter:card", "twitter:title",
                    "twitter:description", "twitter:image"):
            assert meta.get(key), f"{page} has no {key}"
        assert meta["og:image"] == meta["twitter:image"] == site.url + "assets/brand/social.png", page
        assert meta["og:description"] == meta["twitter:description"] == meta["description"], page
        assert meta["twitter:card"] == "summary_large_image"
        title = page_soup.title.get_text()
        assert meta["og:title"] == meta["twitter:title"] == title, page
        canonical = page_soup.find("link", rel="canonical")
        if canonical is not None:
            assert meta["og:url"] == canonical["href"] and meta["og:url"].startswith(site.url), page
        for key in ("og:image", "og:url"):
            assert key not in meta or urlsplit(meta[key]).scheme == "http", f"{page}: {key} is not absolute"


def test_the_link_preview_image_is_a_png_of_1200_by_630_pixels_within_30_kib(site):
    url = soup(site, "").find("meta", property="og:image")["content"]
    with urlopen(url) as response:
        assert response.headers["Content-Type"] == "image/png"
        image = response.read()
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and image[12:16] == b"IHDR"
    assert struct.unpack(">II", image[16:24]) == (1200, 630)
    assert len(image) <= MAX_IMAGE, f"the preview image is {len(image)} bytes"


def test_every_image_is_at_most_30_kib():
    images = [path for path in sorted(DOCS.rglob("*")) if path.suffix.lower() in IMAGES]
    assert {path.name for path in images} >= {"logo.svg", "favicon.svg", "social.png"}
    too_big = {path.relative_to(ROOT).as_posix(): path.stat().st_size for path in images
               if path.stat().st_size > MAX_IMAGE}
    assert not too_big, f"images over 30 KiB: {too_big}"


def test_svg_is_served_compressed(site):
    svgs = sorted(site.dir.rglob("*.svg"))
    assert site.dir / "assets/brand/logo.svg" in svgs
    for svg in svgs:
        request = Request(site.url + svg.relative_to(site.dir).as_posix(), headers={"Accept-Encoding": "gzip"})
        with urlopen(request) as response:
            assert response.headers["Content-Type"] == "image/svg+xml", svg.name
            assert response.headers["Content-Encoding"] == "gzip", svg.name
            assert gzip.decompress(response.read()) == svg.read_bytes()

"""The whole guidebook as a PDF (`make pdf`, `python -m macros.pdf SITE_DIR`), read back with pypdf.

The real guidebook is built and printed once per session (under pytest-xdist the first worker prints it
and the others read the same files), with a published address that is not the test server's, so that a
link to the site that leaked the printing server's address would show.
"""

from __future__ import annotations

import fcntl
import io
import re
import shutil
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from helpers import ROOT, mkdocs_build, nav_pages, print_guidebook
from macros import data, overview, strings

PUBLISHED = "https://example.org/networking-guidebook/"
PAPERS = {"guidebook.pdf": (595.3, 841.9), "guidebook-letter.pdf": (612, 792)}  # A4 and US Letter, in points
FOOTER = re.compile(r"^\s*(\d+) / (\d+)\s*$", re.M)  # "3 / 58" at the foot of every page
MAX_BYTES = 3 * 1024 * 1024
WORDS, _ = strings.load_words("en")


@dataclass
class Printed:
    site_dir: Path
    output: str
    _texts: dict[str, list[str]] = field(default_factory=dict)

    def reader(self, name: str = "guidebook.pdf") -> PdfReader:
        return PdfReader(io.BytesIO((self.site_dir / name).read_bytes()))

    def pages(self, name: str = "guidebook.pdf") -> list[str]:
        """The text of each page (pypdf takes seconds over the whole PDF: read once)."""
        if name not in self._texts:
            self._texts[name] = [page.extract_text() for page in self.reader(name).pages]
        return self._texts[name]

    def text(self, name: str = "guidebook.pdf") -> str:
        """All the text, each run of white space one space: a title may wrap onto a second line."""
        return re.sub(r"\s+", " ", " ".join(self.pages(name)))


@pytest.fixture(scope="session")
def printed(tmp_path_factory, worker_id) -> Printed:
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    site_dir, log = shared / "printed-site", shared / "printed-site.log"
    with open(shared / "printed-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker prints; the others wait, then read its files
        if not log.is_file():
            built = mkdocs_build(ROOT, site_dir, SITE_URL=PUBLISHED)
            assert built.returncode == 0, built.stderr
            result = print_guidebook(site_dir)
            assert result.returncode == 0, result.stdout + result.stderr
            log.write_text(result.stdout, "utf-8")
    return Printed(site_dir, log.read_text("utf-8"))


def chapters_in_reading_order() -> list[data.Chapter]:
    chapters = data.load_guidebook(ROOT, ROOT / "docs")
    slugs = [Path(page).stem for page in nav_pages() if page.startswith("chapters/")]
    return [chapters[slug] for slug in slugs]


def top_level_outline(reader: PdfReader) -> list[tuple[str, int]]:
    """(title, page from 1) of each heading at the outline's top level."""
    return [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline
            if not isinstance(item, list)]


def links(reader: PdfReader) -> tuple[list[tuple[int, int]], list[str]]:
    """The PDF's link annotations: (page, target page) of each internal one, and each external URI."""
    names = {str(name): reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()}
    internal, external = [], []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            assert annotation["/Subtype"] in ("/Link",), f"page {number} has a {annotation['/Subtype']} annotation"
            if "/Dest" in annotation:
                internal.append((number, names[str(annotation["/Dest"])]))
            else:
                external.append(str(annotation["/A"]["/URI"]))
    return internal, external


# --- The PDFs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PAPERS))
def test_both_papers_are_printed_beside_the_site_within_their_budget(printed, name):
    reader = printed.reader(name)
    width, height = PAPERS[name]
    sizes = {(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages}
    # Chromium rounds A4 up to whole points (596 x 843).
    assert all(abs(w - width) < 1 and abs(h - height) < 1.2 for w, h in sizes), f"{name}: pages of {sizes} points"
    size = (printed.site_dir / name).stat().st_size
    assert size < MAX_BYTES, f"{name} is {size / 1024 / 1024:.1f} MB; the budget is 3 MB"
    chapters = len(chapters_in_reading_order())
    # A cover, the contents, then every chapter (about twenty pages each today), the toolkit and the answers.
    assert 10 * chapters + 6 <= len(reader.pages) <= 40 * chapters + 20, f"{name}: {len(reader.pages)} pages"
    assert re.search(rf"/{re.escape(name)}: \w+, {len(reader.pages)} pages, \d+ KiB$", printed.output, re.M), printed.output


def test_every_chapter_and_every_message_template_is_in_the_pdf(printed):
    text = printed.text()
    chapters = chapters_in_reading_order()
    for chapter in chapters:
        assert chapter.title in text, f"chapter {chapter.title!r} is not in the PDF"
        for template in chapter.of_kind("templates"):
            assert text.count(template["title"]) >= 2, f"template {template['title']!r}: in its chapter and the toolkit"
        for checklist in chapter.of_kind("checklists"):
            assert checklist["title"] in text
    # The answers are at the end, not under each question as well ("Answer: ..." is the screen's disclosure).
    answers = text.split(str(WORDS("workbook.answers")))[-1]
    for chapter in chapters:
        for check in chapter.of_kind("knowledge_checks"):
            for question in check["questions"]:
                assert question["explanation"].split(".")[0].split("*")[0] in answers
    assert str(WORDS("knowledge_check.answer", answer="")) not in text


def test_the_pdf_has_text_on_every_page_and_a_page_number_at_the_foot(printed):
    pages = printed.pages()
    for number, page in enumerate(pages, start=1):
        assert "[object" not in page, f"page {number}: {page[:200]}"
        footer = FOOTER.findall(page)
        assert footer == [(str(number), str(len(pages)))], f"page {number} is numbered {footer}"
        assert len(FOOTER.sub("", page).split()) >= 5, f"page {number} is (almost) empty: {page!r}"


def test_the_outline_is_the_cover_each_chapter_in_reading_order_the_toolkit_and_the_answers(printed):
    reader = printed.reader()
    outline = top_level_outline(reader)
    titles = [title for title, _ in outline]
    site_name = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[1]
    assert titles == [site_name, *(c.title for c in chapters_in_reading_order()), "Toolkit",
                      str(WORDS("workbook.answers"))]
    pages = printed.pages()
    assert [page for _, page in outline] == sorted(page for _, page in outline)
    for title, page in outline:
        assert title in re.sub(r"\s+", " ", pages[page - 1]), f"the outline sends {title!r} to page {page}"
    first_chapter = next(n for n, item in enumerate(reader.outline) if getattr(item, "title", None) == titles[1])
    sections = reader.outline[first_chapter + 1]
    assert isinstance(sections, list) and len(sections) >= 5, "a chapter's own headings are in the outline under it"


def test_the_pdf_is_tagged_for_screen_readers_and_says_its_language(printed):
    catalog = printed.reader().trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]) == "en"
    assert printed.reader().metadata.title == "The Networking Guidebook"


def test_the_contents_and_the_cross_references_are_links_inside_the_pdf(printed):
    reader = printed.reader()
    internal, external = links(reader)
    pages = printed.pages()
    contents = [(page, target) for page, target in internal if page == 2]
    outline = top_level_outline(reader)[1:]
    assert [target for _, target in contents] == [page for _, page in outline], "each contents entry leads to its part"
    for title, page in outline:
        assert re.search(rf"{re.escape(title)} {page}\b", re.sub(r"\s+", " ", pages[1])), f"contents: {title} p. {page}"
    assert len(internal) > 50, "the 'Read:' links of the parts lead to their sections in the PDF"
    assert all(1 <= target <= len(pages) for _, target in internal)
    assert all(not re.search(r"127\.0\.0\.1|localhost", uri) for uri in external), external
    assert all(uri.startswith(("https://", "http://", "mailto:")) for uri in external), external
    assert f"Printed from {PUBLISHED}" in pages[0].replace("\n", " ")


def structure_roles(reader: PdfReader) -> set[str]:
    """Every role in the tagged PDF's structure tree (/P, /H1, /L, ...)."""
    roles, pending = set(), [reader.trailer["/Root"]["/StructTreeRoot"]]
    while pending:
        node = pending.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            pending += node
        elif isinstance(node, dict):
            if "/S" in node:
                roles.add(str(node["/S"]))
            if "/K" in node:
                pending.append(node["/K"])
    return roles


def test_nothing_in_the_pdf_works_only_on_screen(printed):
    reader = printed.reader()
    assert "/AcroForm" not in reader.trailer["/Root"], "form fields: the PDF would look fillable"
    roles = structure_roles(reader)
    assert {"/H1", "/H2", "/P", "/L", "/Link"} <= roles
    assert "/Form" not in roles, "a box to tick is tagged as a form field that cannot be filled in"
    text = printed.text()
    on_screen = ["checklist.print_blank", "checklist.print_filled", "checklist.reset", "knowledge_check.show_answer",
                 "knowledge_check.check", "knowledge_check.retry", "self_assessment.score", "self_assessment.retake",
                 "self_assessment.print_result", "template.copy", "template.fill_in", "parts.suggest_checklist",
                 "workbook.print_blank", "template.your_details", "template.remember"]
    printed_words = {key: str(WORDS(key)) for key in on_screen if str(WORDS(key)) in text}
    assert not printed_words, f"controls or their words on paper: {printed_words}"
    assert "on this page under" not in text, "a knowledge check still points at 'Show answer'"
    assert "The answers are at the end of the guidebook" in text
    # What the screen hides behind "If this is not you yet" is printed open.
    advice = chapters_in_reading_order()[0].of_kind("self_assessments")[0]["statements"][0]["advice"]
    assert re.sub(r"\s+", " ", advice.strip()) in text


# --- The link on the site ---------------------------------------------------------------------------


def download_links(html_file: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
    return [(a["href"], a.get_text()) for a in soup.select("article a[href$='.pdf']")]


@pytest.mark.parametrize("page, prefix", [("index.html", ""), ("workbook/index.html", "../")])
def test_the_home_page_and_the_workbook_link_to_the_pdfs_with_their_page_counts(printed, serve, page, prefix):
    counts = {name: len(printed.reader(name).pages) for name in PAPERS}
    assert download_links(printed.site_dir / page) == [
        (f"{prefix}guidebook.pdf", f"Download the guidebook (PDF, {counts['guidebook.pdf']} pages)"),
        (f"{prefix}guidebook-letter.pdf", f"On US Letter paper: {counts['guidebook-letter.pdf']} pages"),
    ]
    server = serve(printed.site_dir)
    page_url = server.url + page.removesuffix("index.html")
    for href, _ in download_links(printed.site_dir / page):
        with urllib.request.urlopen(urllib.request.Request(page_url + href), timeout=10) as response:
            assert response.headers["Content-Type"] == "application/pdf"
            assert response.read() == (printed.site_dir / href.removeprefix("../")).read_bytes()


def test_after_linking_the_pdfs_the_worker_lists_the_pages_as_published(printed, tmp_path):
    """The step changes the pages that link the PDFs, so it writes the service worker's build again: a
    reader with the site offline gets the pages with their link. Written once more, nothing changes."""
    from macros import finish

    copy = shutil.copytree(printed.site_dir, tmp_path / "site")
    worker = (copy / finish.WORKER).read_bytes()
    assert "finish: sw.js precaches" in printed.output
    finish.offline(finish.BuiltSite(copy, ROOT / "docs"))
    assert (copy / finish.WORKER).read_bytes() == worker, "the worker was not written after the links"


def test_without_the_pdf_step_no_page_links_to_a_pdf(site):
    for html_file in sorted(site.dir.rglob("*.html")):
        assert download_links(html_file) == [], html_file
        assert "guidebook.pdf" not in html_file.read_text("utf-8"), html_file
    home = BeautifulSoup((site.dir / "index.html").read_text("utf-8"), "html.parser")
    (place,) = home.select("[data-gb-pdf]")
    assert place.has_attr("hidden") and place.get_text() == ""
    assert not (site.dir / "guidebook.pdf").exists()


def test_the_link_speaks_the_pages_language_and_a_second_run_replaces_it(tmp_path):
    from macros import pdf

    page = tmp_path / "cuaderno" / "index.html"
    page.parent.mkdir()
    # As a minifier may leave it: attribute quotes dropped, an empty attribute written out.
    place = str(overview.pdf_download()).replace('class="gb-pdf"', "class=gb-pdf").replace("hidden", 'hidden=""')
    page.write_text(f"<html lang=es><body><article>{place}</article></body></html>", "utf-8")
    for pages in (40, 41):
        printed = [pdf.Printed(paper, tmp_path / name, pages + extra)
                   for (paper, name), extra in zip(pdf.PAPERS.items(), (0, 1))]
        assert pdf.link_pdfs(tmp_path, printed) == [page]
    assert download_links(page) == [("../guidebook.pdf", "Descargar la guía (PDF, 41 páginas)"),
                                    ("../guidebook-letter.pdf", "En papel carta de EE. UU.: 42 páginas")]


# --- Bad input ----------------------------------------------------------------------------------------


def test_the_step_refuses_a_folder_without_a_built_site(tmp_path):
    result = print_guidebook(tmp_path)
    assert result.returncode == 2
    assert "holds no built site (no index.html): run `make build` first" in result.stderr


def test_a_control_that_would_be_printed_stops_the_step_naming_its_page(printed, tmp_path):
    site_dir = tmp_path / "site"
    shutil.copytree(printed.site_dir, site_dir)
    chapter = site_dir / "chapters" / chapters_in_reading_order()[0].slug / "index.html"
    chapter.write_text(chapter.read_text("utf-8").replace("<h2 ", '<button type="button">Share</button><h2 ', 1), "utf-8")
    result = print_guidebook(site_dir)
    assert result.returncode == 1
    assert f"chapters/{chapter.parent.name}/: a <button" in result.stderr, result.stderr
    assert "works only on screen" in result.stderr

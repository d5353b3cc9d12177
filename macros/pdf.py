"""The whole guidebook as one PDF, printed from the built site: `python -m macros.pdf SITE_DIR`.

A finishing step over a site that is already built: it reads only the HTML the build wrote, so it needs no
site generator (`make pdf` runs it on site/, and the Pages workflow before it uploads the site).

1. Serves SITE_DIR on 127.0.0.1 and opens a book page there: a cover and contents, then a part per chapter
   in reading order (the order of the chapter list's facts, data-gb-guide), the toolkit and the
   workbook's answers. The book page exists only in the browser; the site gets no page of it.
2. macros/pdf_book.js fills each part from the built page itself, as it reads without JavaScript, minus
   what works only on screen, and turns links between the pages into links inside the book.
3. Chromium prints it with print media (the parts as the workbook prints them blank: empty boxes to tick,
   no buttons) into SITE_DIR/guidebook.pdf on A4 and SITE_DIR/guidebook-letter.pdf on US Letter: tagged,
   with an outline of the headings, page numbers in the footer, and the contents' page numbers read back
   from the PDF's own link targets.
4. Writes "Download the guidebook (PDF, N pages)" into every built page that calls {{ pdf_download() }},
   N counted in the PDF, in the page's language. Those pages changed, so the service worker's list and
   build are written again (macros/finish.py's offline step): a reader with the site offline gets them.

Needs Playwright and pypdf (requirements-test.txt) and a Chromium: --chromium, or the one the tests use
(tests/chromium.py: $CHROMIUM_PATH, then the usual places).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import importlib.util
import io
import posixpath
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from . import finish, overview, strings

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
# Paper sizes as Chromium names them, and the file each is printed into, beside the site's pages.
PAPERS = {"A4": "guidebook.pdf", "Letter": "guidebook-letter.pdf"}
MARGIN = {"top": "16mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}
# Chromium fills the spans in; a template without its own font size prints at an unreadable default.
FOOTER = ('<div style="width: 100%; font-size: 8pt; text-align: center; color: #555">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
# Where the book page answers, in the browser only (Playwright fulfils the request; no file is written).
BOOK_PATH = "_guidebook-book.html"
# How the pages that the kinds and overview.py write mark what the book takes from them.
TOOLKIT_MARK = "data-gb-toolkit"
WORKBOOK_MARK = 'data-gb-kind="workbook"'
GUIDE_MARK = "data-gb-guide="
ANSWERS_ID = "workbook-answers"  # the workbook's answers heading, from overview.workbook()
# The place overview.pdf_download() writes (a <div>: a minifier may drop a </p>, never a </div>), and the
# page's language, also when a minifier has taken the quotes off.
PDF_LINK = re.compile(r"<div\b[^>]*\bdata-gb-pdf\b[^>]*>.*?</div>", re.S)
LANGUAGE = re.compile(r"<html\b[^>]*\blang=[\"']?([\w-]+)")

# What the built pages say about the site, read with the page's scripts off.
SITE_FACTS = """() => ({
  name: document.title,
  language: document.documentElement.lang || "en",
  description: document.querySelector("meta[name=description]")?.content || "",
  published: document.querySelector("link[rel=canonical]")?.href || "",
  stylesheets: [...document.querySelectorAll("link[rel=stylesheet]")].map((link) => link.href),
  body: Object.fromEntries([...document.body.attributes].map((a) => [a.name, a.value])),
})"""
CHAPTERS = """() => {
  const guide = document.querySelector("[data-gb-guide]");
  return guide ? JSON.parse(guide.dataset.gbGuide).chapters.map((c) => new URL(c.url, location.href).href) : null;
}"""
# Writes each contents entry's page number; says whether any changed.
NUMBER_CONTENTS = """(numbers) => {
  let changed = false;
  for (const link of document.querySelectorAll(".gb-book-contents a")) {
    const slot = link.parentElement.querySelector(".gb-book-page");
    const number = String(numbers[link.hash.slice(1)] ?? "");
    if (slot.textContent !== number) {
      slot.textContent = number;
      changed = true;
    }
  }
  return changed;
}"""


@dataclass(frozen=True)
class Part:
    """One part of the book: a built page, and what to take from it (see macros/pdf_book.js)."""

    id: str
    url: str
    mode: str  # "chapter", "toolkit" or "from"
    start: str = ""  # with mode "from": the id of the element the part starts at


@dataclass(frozen=True)
class Printed:
    paper: str
    path: Path
    pages: int


class PdfError(Exception):
    """The built site cannot be printed as it is; the message says why and what to do."""


# --- The parts of the book -------------------------------------------------------------------------


def part_id(site_path: str) -> str:
    """A part's id from its page's path: 'chapters/following-up/' -> 'chapters-following-up'."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", site_path.removesuffix("index.html").strip("/")) or "home"


def _page_with(site_dir: Path, mark: str) -> str | None:
    """The site path of the first built page (home page first) whose HTML holds `mark`."""
    pages = sorted(site_dir.rglob("*.html"), key=lambda p: (p != site_dir / "index.html", p.as_posix()))
    for page in pages:
        if mark in page.read_text("utf-8"):
            return page.relative_to(site_dir).as_posix().removesuffix("index.html")
    return None


def book_parts(chapter_urls: list[str], base: str, toolkit: str | None, workbook: str | None) -> list[Part]:
    """Every chapter in reading order, then the toolkit and the workbook's answers where the site has them."""
    parts = []
    for url in chapter_urls:
        path = urlsplit(url).path.removeprefix(urlsplit(base).path)
        parts.append(Part(part_id(path), url, "chapter"))
    if toolkit is not None:
        parts.append(Part(part_id(toolkit), base + toolkit, "toolkit"))
    if workbook is not None:
        parts.append(Part(part_id(workbook), base + workbook, "from", ANSWERS_ID))
    return parts


def book_page(facts: dict, parts: list[Part], words: strings.Words) -> str:
    """The book page before macros/pdf_book.js fills its parts in: the site's stylesheets and the book's,
    a cover, an empty contents and one empty section per part."""
    stylesheets = "".join(f'<link rel="stylesheet" href="{escape(href)}">' for href in facts["stylesheets"])
    body = "".join(f' {escape(name)}="{escape(value)}"' for name, value in facts["body"].items())
    note = words("book.cover_note", url=facts["published"]) if facts["published"] else ""
    sections = "".join(
        f'<section class="gb-book-part" id="{escape(part.id)}" data-gb-source="{escape(part.url)}" '
        f'data-gb-mode="{part.mode}" data-gb-from="{escape(part.start)}"></section>' for part in parts)
    return (f'<!doctype html><html lang="{escape(facts["language"])}"><head><meta charset="utf-8">'
            f'<title>{escape(facts["name"])}</title>{stylesheets}'
            f'<style>{(HERE / "pdf_book.css").read_text("utf-8")}</style></head>'
            f'<body{body}><div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">'
            '<div class="md-content"><article class="md-content__inner md-typeset gb-book">'
            f'<section class="gb-book-cover"><h1>{escape(facts["name"])}</h1>'
            f'<p class="gb-book-description">{escape(facts["description"])}</p><p class="gb-book-note">{note}</p></section>'
            f'<nav class="gb-book-contents" aria-labelledby="gb-book-contents"><h2 id="gb-book-contents">'
            f'{words("book.contents")}</h2><ol></ol></nav>{sections}'
            "</article></div></div></main></div></body></html>")


def _answers_note(parts: list[Part], words: strings.Words) -> str | None:
    """What each knowledge check says about its answers in the book, {title} left for pdf_book.js to fill
    in: they are in the answers part (None when the book has none, and the answers stay by the questions)."""
    answers = next((part.id for part in parts if part.mode == "from"), None)
    if answers is None:
        return None
    link = Markup(f'<a href="#{escape(answers)}">{words("workbook.answers")}</a>')
    return str(words("book.answers_note", title=Markup("{title}"), answers=link))


# --- Printing --------------------------------------------------------------------------------------


def _tests_chromium():
    """tests/chromium.py: how the tests find a Chromium, and the flags that keep it from calling home."""
    spec = importlib.util.spec_from_file_location("guidebook_tests_chromium", PROJECT / "tests" / "chromium.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def destination_pages(pdf: bytes) -> dict[str, int]:
    """The page (from 1) of every named link target in a PDF that Chromium wrote, by the id it names."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return {str(name).lstrip("/"): reader.get_destination_page_number(destination) + 1
            for name, destination in reader.named_destinations.items()}


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _print(page, paper: str) -> bytes:
    """Print the book on one paper size until the contents' page numbers agree with the PDF (the numbers
    take room kept for them, so the second print normally agrees)."""
    for _ in range(3):
        pdf = page.pdf(format=paper, margin=MARGIN, outline=True, tagged=True, display_header_footer=True,
                       header_template="<span></span>", footer_template=FOOTER)
        if not page.evaluate(NUMBER_CONTENTS, destination_pages(pdf)):
            return pdf
    raise PdfError(f"the contents' page numbers on {paper} still moved after three prints")


def print_book(site_dir: Path, chromium: str | None = None) -> list[Printed]:
    """Print the built site in site_dir into its PDFs (written beside its pages)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    tests_chromium = _tests_chromium()
    executable = chromium or tests_chromium.find_chromium()
    if executable is None:
        raise PdfError("no Chromium to print with: run `make pdf` (it finds or installs one), "
                       "or pass --chromium PATH (or set CHROMIUM_PATH)")
    toolkit, workbook = _page_with(site_dir, TOOLKIT_MARK), _page_with(site_dir, WORKBOOK_MARK)
    guide_page = _page_with(site_dir, GUIDE_MARK)
    if guide_page is None:
        raise PdfError(f"{site_dir}: no page lists the chapters (the home page's {{{{ chapter_list() }}}} or the "
                       "progress page), so the book does not know them")
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    printed = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=tests_chromium.LAUNCH_ARGS)
            try:
                # The site's own pages, read as they are without JavaScript.
                reader = browser.new_page(java_script_enabled=False)
                reader.goto(base)
                facts = reader.evaluate(SITE_FACTS)
                reader.goto(base + guide_page)
                parts = book_parts(reader.evaluate(CHAPTERS), base, toolkit, workbook)
                words, _ = strings.load_words(facts["language"])  # the build reported any missing words
                html = book_page(facts, parts, words)

                page = browser.new_page()
                # Nothing but this server: the book must not depend on another host (and never calls one).
                page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname
                           == "127.0.0.1" else route.abort())
                page.route(base + BOOK_PATH, lambda route: route.fulfill(
                    body=html, content_type="text/html; charset=utf-8"))
                page.goto(base + BOOK_PATH)
                try:
                    page.evaluate((HERE / "pdf_book.js").read_text("utf-8"), {
                        "published": facts["published"],
                        "answersNote": _answers_note(parts, words),
                        "toolkitIntro": str(words("book.toolkit_intro")),
                    })
                except PlaywrightError as error:  # what pdf_book.js found wrong with a page, say
                    raise PdfError(error.message.removeprefix("Error: ").replace(base, "/")) from None
                page.emulate_media(media="print")
                for paper, name in PAPERS.items():
                    pdf = _print(page, paper)
                    (site_dir / name).write_bytes(pdf)
                    printed.append(Printed(paper, site_dir / name, page_count(pdf)))
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return printed


# --- Linking ---------------------------------------------------------------------------------------


def link_pdfs(site_dir: Path, printed: list[Printed]) -> list[Path]:
    """Write the download link into every built page that has its place (overview.pdf_download()), with
    each file's address relative to the page and its page count. Returns the pages changed."""
    changed = []
    for html_file in sorted(site_dir.rglob("*.html")):
        text = html_file.read_text("utf-8")
        if not PDF_LINK.search(text):
            continue
        language = LANGUAGE.search(text)
        words, _ = strings.load_words(language[1] if language else strings.FALLBACK)
        folder = html_file.parent.relative_to(site_dir).as_posix()
        files = [(printed_file.paper, posixpath.relpath(printed_file.path.relative_to(site_dir).as_posix(), folder),
                  printed_file.pages) for printed_file in printed]
        link = str(overview.pdf_download(words, files))
        html_file.write_text(PDF_LINK.sub(lambda match: link, text), "utf-8")
        changed.append(html_file)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.pdf", description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="the built site (make build writes site/)")
    parser.add_argument("--chromium", help="the Chromium or Chrome to print with (default: the one the tests use)")
    parser.add_argument("--docs-dir", type=Path, default=Path("docs"), help="where its pages came from (docs/)")
    args = parser.parse_args(argv)
    site_dir = args.site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        print(f"{args.site_dir} holds no built site (no index.html): run `make build` first.", file=sys.stderr)
        return 2
    try:
        printed = print_book(site_dir, args.chromium)
    except PdfError as error:
        print(f"macros.pdf: {error}", file=sys.stderr)
        return 1
    for printed_file in printed:
        print(f"{printed_file.path}: {printed_file.paper}, {printed_file.pages} pages, "
              f"{printed_file.path.stat().st_size / 1024:.0f} KiB")
    linked = link_pdfs(site_dir, printed)
    for page in linked:
        print(f"linked from {page.relative_to(site_dir)}")
    if linked and (site_dir / finish.WORKER).is_file():
        # The pages changed, so the service worker's list and build change with them: a reader who has the
        # site offline gets the pages with their PDF link.
        print(f"finish: {finish.offline(finish.BuiltSite(site_dir, args.docs_dir.resolve()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

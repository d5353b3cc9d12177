"""Pages that look across every chapter: the printable workbook, the toolkit, the progress page and the home
page's cards, plus the facts every page with parts carries. Pure functions over the validated
chapters, drawing each part with its kind's own HTML, so the workbook is generated from the same data as the
chapters, never copied.

A page is a list of pieces: Markdown text (headings that join the page's table of contents) and finished
HTML blocks (Markup), which the glue keeps out of Markdown's way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from markupsafe import Markup

from . import data, timings
from .data import Chapter
from .kinds import KINDS, Kind, Links, part_facts
from .kinds.base import render, template
from .kinds.template import DETAILS_KEY
from .strings import Words

ChapterUrl = Callable[[Chapter], str]  # chapter -> its page's URL relative to the page being rendered
Page = list  # of str (Markdown) and Markup (an HTML block)

# Saved state: "gb:v<format>:<site base path>:<chapter>/<part>". The base path keeps two guidebooks on one
# github.io origin apart; the format names what the values look like (docs/assets/guidebook/state.js).
STORAGE_FORMAT = 2


def part(kind: Kind, chapter: Chapter, entry: dict, links: Links, words: Words) -> Markup:
    """One interactive part, drawn by its kind."""
    return kind.html(chapter, entry, links, words)


@dataclass(frozen=True)
class Guide:
    """Which guidebook a page belongs to: its published URL, and the name its progress files carry."""

    site: str
    progress_name: str

    @property
    def base(self) -> str:
        """The site's base path ('/' or '/<repository>/'), which namespaces saved state on a shared origin."""
        path = urlsplit(self.site).path or "/"
        return path if path.endswith("/") else path + "/"


def storage_prefix(base: str, version: int = STORAGE_FORMAT) -> str:
    """What every saved key of a guidebook at `base` starts with, in one format of saved state."""
    return f"gb:v{version}:{base}:"


def site_facts(guide: Guide, words: Words) -> Markup:
    """What every page with parts tells the script, once: its sentences, and where its state is saved."""
    storage = {
        "prefix": storage_prefix(guide.base),
        "format": STORAGE_FORMAT,
        # What earlier formats saved under, which the script still reads (and upgrades) until it writes.
        "earlier": {str(version): storage_prefix(guide.base, version) for version in range(1, STORAGE_FORMAT)},
    }
    # A tool's sentences (script: <kind>_...) travel with its part instead (kinds/base.py, tool_words).
    tools = tuple(kind.name + "_" for kind in KINDS if kind.tool)
    shared = {key: text for key, text in words.script().items() if not key.startswith(tools)}
    return render(SITE, words=shared, storage=storage)


SITE = template('<div class="gb-site" hidden data-gb-words="{{ words | json }}" data-gb-storage="{{ storage | json }}"></div>')


def guide_facts(chapters: list[Chapter], chapter_url: ChapterUrl, guide: Guide) -> dict:
    """What the script needs to total up saved progress and to check an import: every chapter's parts (the
    same facts each part carries on its own page), the pattern every saved key must match, the keys that
    belong to no chapter, the guidebook's timings, and the tools' parts (Your people), which count for no
    progress: their modules load only to check an import, never with the home or progress page."""
    key_pattern = data.ID_PATTERN.strip("^$")
    return {
        "site": guide.site,
        "format": f"{guide.progress_name}-progress",
        "key": f"^(?:{key_pattern})/(?:{key_pattern})$",
        "keys": {DETAILS_KEY: "template"},
        "timings": {t_id: timings.facts(t) for chapter in chapters for t_id, t in chapter.timings.items()},
        "chapters": [{
            "slug": chapter.slug,
            "title": chapter.title,
            "url": chapter_url(chapter),
            "parts": [{"kind": kind.name, "key": f"{chapter.slug}/{entry['id']}", "id": entry["id"],
                       **part_facts(kind, chapter, entry)}
                      for kind in KINDS if not kind.tool for entry in chapter.of_kind(kind.key)],
        } for chapter in chapters],
        "tools": [{"kind": kind.name, "key": f"{chapter.slug}/{entry['id']}", "title": entry["title"]}
                  for chapter in chapters for kind in KINDS if kind.tool for entry in chapter.of_kind(kind.key)],
    }


CHAPTER_LIST = template("""
<div class="gb grid cards" data-gb-kind="chapter_list" data-gb-guide="{{ guide | json }}">
<ol class="gb-chapter-list">
{% for chapter in chapters %}
<li><p><a href="{{ url(chapter) }}"><strong>{{ chapter.title }}</strong></a></p>
<p class="gb-summary">{{ chapter.summary }}</p>
<p class="gb-summary gb-reading">{{ words("chapter_list.chapter_reading_time", number=loop.index, minutes=minutes(chapter)) }}
<span class="gb-mark" data-gb-chapter="{{ chapter.slug }}">&nbsp;</span></p>
<p class="gb-card-progress" data-gb-progress="{{ chapter.slug }}"></p></li>
{% endfor %}
</ol>
{% if pages %}
<ul class="gb-page-list">
{% for page in pages %}
<li><p><a href="{{ page.url }}"><strong>{{ page.title }}</strong></a></p>
<p class="gb-summary">{{ page.summary }}</p>
<p class="gb-summary gb-reading">{{ words("chapter_list.reading_time", minutes=page.minutes) }}</p></li>
{% endfor %}
</ul>
{% endif %}
</div>
""")


@dataclass(frozen=True)
class Card:
    """A page on the home page's way through besides the chapters (the toolkit, the workbook, ...)."""

    title: str
    url: str
    summary: str
    minutes: int  # its reading time


def chapter_list(chapters: list[Chapter], chapter_url: ChapterUrl, guide: Guide, words: Words,
                 minutes: Callable[[Chapter], int], pages: list[Card]) -> Markup:
    """The home page's way through, as Material's grid cards: the chapters in reading order, each with its
    summary, its reading time, a mark the script fills in once the chapter is finished and an empty place
    for the script to say how far the reader is (data-gb-progress); then the other pages."""
    return render(CHAPTER_LIST, chapters=chapters, url=chapter_url, guide=guide_facts(chapters, chapter_url, guide),
                  words=words, minutes=minutes, pages=pages)


PROGRESS = template("""
<div class="gb gb-progress" data-gb-kind="progress" data-gb-guide="{{ guide | json }}">
<p class="gb-overall" role="status">{{ words("progress.without_script") }}</p>
<table>
<caption>{{ words("progress.caption") }}</caption>
<thead><tr><th scope="col">{{ words("progress.chapter") }}</th>
{% for kind in kinds %}<th scope="col">{{ words("progress." + kind.name) }}</th>{% endfor %}
</tr></thead>
<tbody>
{% for chapter in chapters %}
<tr data-gb-chapter="{{ chapter.slug }}">
<th scope="row"><a href="{{ url(chapter) }}">{{ chapter.title }}</a>{{ " " }}<span class="gb-mark" data-gb-chapter="{{ chapter.slug }}"></span></th>
{% for kind in kinds %}<td data-gb-col="{{ kind.name }}">{{ words("progress." + kind.name + "_to_do", count=units(kind, chapter)) }}</td>{% endfor %}
</tr>
{% endfor %}
</tbody>
</table>
<div class="gb-actions">
<button type="button" data-gb-action="export">{{ words("progress.export") }}</button>
<label class="gb-file">{{ words("progress.import_file") }}{{ " " }}<input type="file" accept=".json,application/json" data-gb-import></label>
<button type="button" data-gb-action="clear">{{ words("progress.clear") }}</button>
</div>
<fieldset class="gb-import-choice" hidden>
<legend>{{ words("progress.import_how") }}</legend>
<label><input type="radio" name="gb-import-mode" value="merge" checked>{{ " " }}{{ words("progress.merge") }}</label>
<label><input type="radio" name="gb-import-mode" value="replace">{{ " " }}{{ words("progress.replace") }}</label>
<div class="gb-actions"><button type="button" data-gb-action="import">{{ words("progress.import") }}</button>
<button type="button" data-gb-action="cancel-import">{{ words("progress.cancel") }}</button></div>
</fieldset>
<p class="gb-message" role="status"></p>
<p class="gb-persistence"></p>
<p class="gb-home-screen" hidden>{{ words("progress.home_screen", source=link(WEBKIT_ON_STORAGE, words("progress.home_screen_source"))) }}</p>
</div>
""")
# WebKit's own description of the rule behind the progress page's note for Safari (progress.home_screen).
WEBKIT_ON_STORAGE = "https://webkit.org/blog/10218/full-third-party-cookie-blocking-and-more/"


PDF_DOWNLOAD = template("""
<div class="gb-pdf" data-gb-pdf{% if not files %} hidden{% endif %}>
{% if files %}
<p><a href="{{ files[0][1] }}" type="application/pdf">{{ words("book.download", pages=files[0][2]) }}</a><br>
<a href="{{ files[1][1] }}" type="application/pdf">{{ words("book.letter", pages=files[1][2]) }}</a></p>
{% endif %}
</div>
""")


def pdf_download(words: Words | None = None, files: list[tuple[str, str, int]] = ()) -> Markup:
    """The link to the whole guidebook as a PDF. The build writes only its place, empty and hidden: the PDF
    does not exist yet (`make build` needs no browser), and no link may point at a missing file.
    macros/pdf.py, once it has printed the PDFs, writes it again with `files`: (paper, address relative to
    the page, pages) for A4, then US Letter."""
    return render(PDF_DOWNLOAD, words=words, files=list(files))


def progress(chapters: list[Chapter], chapter_url: ChapterUrl, guide: Guide, words: Words) -> Markup:
    kinds = [kind for kind in KINDS if kind.in_progress]
    return render(PROGRESS, chapters=chapters, kinds=kinds, url=chapter_url, words=words, WEBKIT_ON_STORAGE=WEBKIT_ON_STORAGE,
                  guide=guide_facts(chapters, chapter_url, guide),
                  units=lambda kind, chapter: sum(kind.units(entry) for entry in chapter.of_kind(kind.key)))


COVER = template("""
<div class="gb gb-cover" data-gb-kind="workbook">
<p class="gb-cover-title">{{ words("workbook.cover_title", site=site_name) }}</p>
<p class="gb-cover-line">{{ words("workbook.name") }}{{ " " }}<span class="gb-fill"></span></p>
<p class="gb-cover-line">{{ words("workbook.date") }}{{ " " }}<span class="gb-fill" data-gb-date></span></p>
<p class="gb-cover-note">{{ words("workbook.cover_note") }}</p>
<div class="gb-actions">
<button type="button" data-gb-action="print-blank">{{ words("workbook.print_blank") }}</button>
<button type="button" data-gb-action="print-filled">{{ words("workbook.print_filled") }}</button>
</div>
</div>
""")
SUMMARY = template('<p class="gb-summary">{{ text }}</p>')
ANSWERS = template("""
<ol class="gb-answers">
{% for question in questions %}
<li><p>{{ inline(question.prompt) }}</p><p><strong>{{ right(question) }}</strong></p>{{ block(question.explanation) }}</li>
{% endfor %}
</ol>
""")


def _heading(level: int, text: str, anchor: str, classes: str = "") -> str:
    """A Markdown heading with a stable id; its text escaped for Markdown's raw HTML and its attribute list."""
    title = str(Markup.escape(text)).replace("{", "&#123;").replace("}", "&#125;")
    return f"{'#' * level} {title} {{#{anchor}{' ' + classes if classes else ''}}}"


def workbook(chapters: list[Chapter], links_for: Callable[[Chapter], Links], site_name: str, words: Words) -> Page:
    from .kinds.knowledge_check import right_answers

    pieces: Page = [render(COVER, words=words, site_name=site_name)]
    for number, chapter in enumerate(chapters, start=1):
        links = links_for(chapter)
        pieces.append(_heading(2, f"{number}. {chapter.title}", f"workbook-{chapter.slug}", ".gb-chapter-start"))
        pieces.append(render(SUMMARY, text=chapter.summary))
        for kind in (kind for kind in KINDS if kind.in_workbook):
            entries = chapter.of_kind(kind.key)
            if entries:
                pieces.append(_heading(3, str(words("workbook." + kind.key)), f"workbook-{chapter.slug}-{kind.key.replace('_', '-')}"))
                pieces += [part(kind, chapter, entry, links, words) for entry in entries]
    pieces.append(_heading(2, str(words("workbook.answers")), "workbook-answers", ".gb-chapter-start"))
    for number, chapter in enumerate(chapters, start=1):
        for check in chapter.of_kind("knowledge_checks"):
            pieces.append(_heading(3, f"{number}. {chapter.title}", f"workbook-answers-{chapter.slug}-{check['id']}"))
            pieces.append(render(ANSWERS, questions=check["questions"], right=right_answers))
    return pieces


def toolkit(chapters: list[Chapter], links_for: Callable[[Chapter], Links], words: Words) -> Page:
    """Every message template of every chapter, grouped by situation: the groups in the order their first
    template comes in reading order, each group's templates in reading order. Situations that differ only
    in capitals or punctuation are one group (under the first spelling), so a slip never splits one."""
    from .kinds.template import KIND as TEMPLATE, details_form

    groups: dict[str, tuple[str, list[Markup]]] = {}
    for chapter in chapters:
        for entry in chapter.of_kind(TEMPLATE.key):
            key = data.slugify(entry["situation"]) or "other"
            groups.setdefault(key, (entry["situation"], []))[1].append(part(TEMPLATE, chapter, entry, links_for(chapter), words))
    if not groups:
        return [render(SUMMARY, text=words("toolkit.none_yet"))]
    # The reader's "Your details" form, above every template of the page.
    pieces: Page = [details_form([entry for chapter in chapters for entry in chapter.of_kind(TEMPLATE.key)], words,
                                 toolkit=True)]
    for key, (situation, templates) in groups.items():
        pieces.append(_heading(2, situation, f"toolkit-{key}"))
        pieces += templates
    return pieces


def one_line(pieces: Page) -> str:
    """A page's pieces as one text (for tests and for generators that take raw HTML blocks as they are)."""
    return "\n\n".join(str(piece) for piece in pieces) + "\n"


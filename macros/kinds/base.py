"""What every kind of interactive part has, and the tools a kind's module builds it with.

A kind is one module in this package (checklist.py, knowledge_check.py, ...) that ends with `KIND = Kind(...)`:
its JSON Schema fragment, the checks a schema cannot express, the facts it gives the browser, and its HTML.
The browser's side of the same kind is docs/assets/guidebook/<name>.js. The kind's `name` is its one
spelling everywhere: the macro a page calls ({{ checklist("<chapter>/<id>") }}), the list in a chapter's data
file (its plural, `checklists:`), `data-gb-kind`, the class `gb-<name>` and the script's module.

HTML is built from Jinja templates that escape every value unless it is already Markup (text rendered by
markdown_text.py, words from macros/strings/), so a data string can never inject markup.

The page facts are the whole contract between these modules and the script: CONTRACT below lists every
data-gb-* attribute the macros write and every class or id the script finds, writes or copies, and
tests/test_contract.py holds both sides to it (nothing used that is not listed, nothing listed that is unused).
The script never reads visible text back out of the page; what it says comes from data-gb-words.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

import jinja2
from markupsafe import Markup

from ..markdown_text import block, inline

if TYPE_CHECKING:  # the data model imports the kinds, not the other way round
    from ..data import Chapter, DataError
    from ..strings import Words


CONTRACT = {
    # attribute: (on, holds)
    "data-gb-kind": ("every .gb wrapper", "the script module that draws it: a kind's name, progress, chapter_list, workbook"),
    "data-gb-key": ("a part's <section>", "where its state is saved: <chapter>/<part id>"),
    "data-gb-part": ("a part's <section>", "JSON of part_facts(): titles and what its kind's script needs"),
    "data-gb-guide": ("chapter list, progress page", "JSON of overview.guide_facts(): every chapter's parts"),
    "data-gb-words": ("the page's .gb-site", "JSON: the script's sentences (macros/strings/) and language"),
    "data-gb-storage": ("the page's .gb-site", "JSON: the storage key prefix of today's format and earlier ones"),
    "data-gb-item": ("a checklist item's <li>", "the item's id"),
    "data-gb-question": ("a question's <fieldset>", "the question's id"),
    "data-gb-type": ("a question's <fieldset>", "single or multiple"),
    "data-gb-statement": ("a statement's <fieldset>", "the statement's id"),
    "data-gb-band": ("a band's <dt>", "the band's id (its advice is the next <dd>)"),
    "data-gb-blank": ("a template's <mark> and <input>", "the name of a blank in its body"),
    "data-gb-chapter": ("progress row, chapter marks", "a chapter's slug"),
    "data-gb-progress": ("a home card's empty <p hidden>", "a chapter's slug: how far the reader is goes here"),
    "data-gb-col": ("progress cell", "its column: the name of a kind"),
    "data-gb-action": ("<button>", "what the button does (each module has its own actions)"),
    "data-gb-import": ("the progress page's file input", "the import control"),
    "data-gb-date": ("the workbook cover", "where a filled-in print writes the date"),
    "data-gb-paper": ("the tracker's blank contact table", "hidden once the tool is drawn; copied to print"),
    "data-gb-group": ("a tracker view's <section>", "overdue, week, later or none: its people go in its list"),
    "data-gb-person": ("a person's <li>, the tracker's dialog", "the person's id in the saved people"),
    "data-gb-field": ("the tracker form's inputs", "the person's field the input edits"),
    "data-gb-search": ("the tracker's search box", "filters the people as the reader types"),
    "data-gb-sort": ("the tracker's <select>", "the order of the views: date, name or last"),
    "data-gb-csv": ("the tracker's file input", "a spreadsheet to import"),
    "data-gb-loading": ("every .gb wrapper, set by the script", "its module is being loaded"),
    "data-gb-ready": ("every .gb wrapper, set by the script", "drawn and wired"),
    "data-gb-block": ("placeholders, gone from the built page", "macros/html_blocks.py's stash"),
    "data-gb-pdf": ("the PDF download links' <div>", "where macros/pdf.py writes the PDFs' sizes, or hidden"),
    "data-gb-source": ("a part of the PDF's book page (macros/pdf.py)", "the built page the part is taken from"),
    "data-gb-mode": ("a part of the PDF's book page", "what to take: chapter, toolkit or from"),
    "data-gb-from": ("a part of the PDF's book page, mode from", "the id of the element the part starts at"),
    "data-gb-toolkit": ("the toolkit page's details form", "where the PDF's toolkit begins (macros/pdf.py)"),
    "data-gb-worker": ("<html> of a finished page (macros/finish.py)", "the service worker's URL: register it"),
    # class or id: (on, what the script does with it)
    ".gb": ("every part and overview", "found by data-gb-kind"),
    ".gb-pdf": ("the PDF download links", "left out of print and of the PDF"),
    ".gb-edit": ("a part's suggest-a-change link", "left out of print and of the PDF"),
    ".gb-honesty": ("a knowledge check's note on answering honestly", "rewritten in the PDF: where the answers are on paper"),
    ".gb-book-part": ("the PDF's book page", "filled with the article of its data-gb-source"),
    ".gb-book-contents": ("the PDF's book page", "its list of parts, with page numbers"),
    ".gb-book-page": ("a contents entry of the PDF's book page", "written: the part's page number"),
    ".gb-site": ("one <div> per page with parts", "read once per page view"),
    ".gb-actions": ("button rows, shown only with JavaScript", "clicks count once the part is drawn"),
    ".gb-status": ("live region of checklists and templates", "written"),
    ".gb-score": ("a knowledge check's live region", "written"),
    ".gb-feedback": ("a question's live region", "written with copies of the nodes below"),
    ".gb-result": ("a self-assessment's live region", "written with copies of the nodes below"),
    ".gb-overall": ("the progress page's live region", "written"),
    ".gb-message": ("the import/export live region of the progress page and the tracker", "written"),
    ".gb-notice": ("made by the script", "says when progress cannot be saved"),
    ".gb-mark": ("chapter list and progress rows", "written: the chapter is done"),
    ".gb-count": ("a template with a limit", "written: characters used"),
    ".gb-text": ("a template's message", "selected when the clipboard is refused"),
    ".gb-blanks": ("a template's own fields", "shown"),
    ".gb-import-choice": ("the progress page", "shown when a file can be imported"),
    ".gb-choice-feedback": ("a choice's note", "copied into the feedback"),
    ".gb-explanation": ("a question's explanation", "copied into the feedback"),
    ".gb-answer": ("a question's disclosure", "its .gb-more link is copied into the feedback"),
    ".gb-more": ("links to a section", "copied"),
    ".gb-advice": ("a statement's disclosure", "its advice is copied into the result"),
    ".gb-statement-text": ("a statement's text", "copied into the result"),
    ".gb-template": ("every template", "refilled when the reader's details change"),
    ".gb-tool": ("the tracker's controls, hidden", "shown once the tool is drawn"),
    ".gb-without-script": ("the tracker's note", "hidden once the tool is drawn"),
    ".gb-toolbar": ("the tracker's add, search and sort", "the storage warning goes before it"),
    ".gb-counts": ("the tracker's live region", "written: how many people each view has"),
    ".gb-undo": ("the tracker's undo button row", "shown after a deletion"),
    ".gb-empty": ("the tracker's note for no people yet", "shown when nobody is saved"),
    ".gb-people": ("a tracker view's list", "filled with the people of the view"),
    ".gb-show-all": ("a tracker view's button row", "shown when the view has more people than it shows"),
    ".gb-group-count": ("a tracker view's heading", "written: how many people it shows"),
    ".gb-import-check": ("the tracker's import buttons", "shown when a file can be imported"),
    ".gb-person-form": ("the tracker's <dialog>", "opened to add or edit a person"),
    ".gb-tie": ("the tracker form's closeness fieldset", "its legend and choices label a person's closeness"),
    ".gb-person-body": ("the tracker's <template>", "copied into a person's details"),
    ".gb-fields": ("in the tracker's template", "filled with the person's fields"),
    ".gb-suggestions": ("in the tracker's template", "filled with the suggested next steps"),
    ".gb-write": ("in the tracker's template", "its link opens the message for the person"),
    ".gb-unsaved": ("made by the script", "the tracker's people are not saved: export them"),
    ".gb-changed": ("made by the script", "an item changed since it was ticked"),
    ".gb-right": ("a question, set by the script", "answered right"),
    ".gb-wrong": ("a question, set by the script", "answered wrong"),
    ".gb-over": ("a template, set by the script", "its message is over the limit"),
    ".gb-filled": ("a blank's <mark>, set by the script", "the reader typed a value"),
    ".gb-verdict": ("made by the script", "a question's verdict line"),
    ".gb-result-title": ("made by the script", "a self-assessment's result line"),
    ".gb-band-advice": ("made by the script", "the band's advice in the result"),
    ".gb-focus": ("made by the script", "the statements to start with"),
    ".gb-previous": ("made by the script", "the previous result"),
    ".gb-sheet-site": ("made by the script", "the guidebook's name on a printed part"),
    ".gb-sheet-date": ("made by the script", "the date on a printed part"),
    ".gb-printing": ("<html>, set by the script", "only the print sheet prints"),
    ".gb-print-blank": ("<html>, set by the script", "the workbook prints blank"),
    ".gb-print-filled": ("<html>, set by the script", "the workbook prints with progress"),
    ".gb-you": ("the reader's details form, before a page's first template", "filled in, read"),
    "#gb-you": ("the reader's details form, before a page's first template", "filled in, read"),
    ".gb-persistence": ("the progress page", "written: whether the browser keeps this site's storage"),
    ".gb-home-screen": ("the progress page's note for Safari", "shown on Safari outside the Home Screen"),
    "#gb-print-sheet": ("made by the script", "the copy of a part being printed"),
    "gb-import-mode": ("the progress page's radios (name)", "merge or replace"),
}


@dataclass(frozen=True)
class Links:
    """How the page being rendered reaches other places (URLs depend on where the page lives)."""

    section: Callable[["Chapter", str], str]  # chapter, section id -> href
    edit_data: Callable[["Chapter"], "str | None"]  # chapter -> "edit this data" URL, if the repo has one
    site_name: str = ""  # the guidebook's name, printed at the top of a part's own sheet
    toolkit: str = ""  # the page that shows every message template ({{ toolkit() }}), "" if there is none


@dataclass(frozen=True)
class Kind:
    name: str  # the one spelling: macro, data-gb-kind, class gb-<name>, docs/assets/guidebook/<name>.js
    label: str  # what an author calls one, in the build's messages ("knowledge check")
    schema: dict  # "$defs" of the chapter file's JSON Schema: one named after the kind, plus any it uses
    check: Callable[[list, "Place"], "list[DataError]"]  # every entry of the file: what the schema cannot say
    facts: Callable[["Chapter", dict], dict]  # what the script needs beyond the markup (data-gb-part)
    html: Callable[["Chapter", dict, Links, "Words"], Markup]
    in_workbook: bool = True  # the workbook gathers the parts to work through; templates have the toolkit
    searchable: bool = False  # in the search index (quizzes and their answers would spoil the prose)
    in_progress: bool = True  # a column of the progress page
    # A tool (the tracker of the reader's people) sits on a page of its own: it is neither in the workbook nor a
    # column of the progress page, and its script is never part of what chapter pages load (a bundle of the
    # chapters' kinds leaves it out). Its saved state is still exported, imported and cleared with the rest.
    tool: bool = False
    units: Callable[[dict], int] = lambda entry: 1  # what the progress page counts in one entry (a checklist: its items)
    # Other top-level lists of a chapter file this kind owns, list -> its entries' $def (scales of assessments).
    lists: dict[str, str] = field(default_factory=dict)
    # Facts that depend on where the page lives (links to other pages): chapter, entry, Links -> dict, merged
    # into data-gb-part on a page. The progress page's copy of the facts, made without Links, goes without.
    linked_facts: "Callable[[Chapter, dict, Links], dict] | None" = None

    def __post_init__(self):
        if self.tool:
            object.__setattr__(self, "in_workbook", False)
            object.__setattr__(self, "in_progress", False)

    @property
    def key(self) -> str:
        """Its list in a chapter's data file: checklists, knowledge_checks, ..."""
        return self.name + "s"


@dataclass(frozen=True)
class Place:
    """Where a kind's checks are looking: a chapter's data file, with the line of every path in it."""

    file: str
    lines: dict
    chapter: "Chapter"
    data: dict  # the whole file, for references to another kind's entries
    guidebook: dict = field(default_factory=dict)  # every chapter's file as read, by slug: references across chapters

    def line(self, *path) -> int | None:
        return self.lines.get(tuple(path))

    def error(self, path: tuple, message: str, fix: str) -> "DataError":
        from ..data import DataError

        return DataError(self.file, self.lines.get(tuple(path)), message, fix)

    def unique(self, entries: list[dict], path: tuple, what: str, key: str = "id") -> list["DataError"]:
        seen: dict[str, int] = {}
        problems = []
        for index, entry in enumerate(entries):
            value = entry[key]
            line = self.lines.get(path + (index, key)) or 0
            if value in seen:
                problems.append(self.error(
                    path + (index, key), f"The {key} '{value}' is used twice among the {what} (first on line {seen[value]}).",
                    "Give each one its own id; ids that readers' progress is saved under must never be reused."
                    if key == "id" else "Use each one once."))
            else:
                seen[value] = line
        return problems

    def section(self, entry: dict, path: tuple) -> list["DataError"]:
        """A `section:` must be the id of a heading of the chapter's page."""
        import difflib

        section = entry.get("section")
        sections = self.chapter.sections
        if section is None or section in sections:
            return []
        close = difflib.get_close_matches(section, list(sections), n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        return [self.error(
            path + ("section",), f"The section '{section}' does not exist in docs/{self.chapter.page_file}.",
            f"{hint}Use the id of a heading there (written '{{#id}}' after the heading). "
            f"Ids there: {', '.join(sorted(sections)) or 'none yet'}.")]


def element_id(chapter: "Chapter", *ids: str) -> str:
    """The HTML id of a part or of something inside it: gb-<chapter>-<part>[-<item>...]."""
    return "-".join(("gb", chapter.slug) + ids)


def text_hash(text: str) -> str:
    """A short fingerprint of an item's text, saved with a tick so that a later edit can be noticed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def to_json(value) -> str:
    """JSON for a data-gb-* attribute (escaped by the template). ASCII only (\\uXXXX): one character beyond
    Latin-1 would make Python hold the whole page at two or four bytes a character."""
    return json.dumps(value, separators=(",", ":"))


def _compact(source: str) -> str:
    """A template written one tag a line, as one line: our own layout must not reach the page, where a newline
    between inline tags reads as a space. A line that goes on with a tag's attributes (it starts with neither
    `<` nor `{`) joins with one space. Data values are inserted after this, so their own line breaks stay."""
    lines = (line.strip() for line in source.splitlines())
    return "".join(line if line[:1] in "<{" else " " + line for line in lines if line)


# A part's wrapper, shared by every kind: its behaviour, where its state is saved, its facts. The wrapper is
# a <section> because Material's search parser compares elements by tag: a <div> would end the search
# exclusion at the first inner </div>.
PART = """
{% macro part(kind, chapter, entry, links, labelledby=none, words=none) -%}
<section class="gb gb-{{ kind.name }}" id="{{ id(chapter, entry.id) }}" data-gb-kind="{{ kind.name }}"
 data-gb-key="{{ chapter.slug }}/{{ entry.id }}" data-gb-part="{{ facts(kind, chapter, entry, links, words) | json }}"
 {%- if not kind.searchable %} data-search-exclude{% endif %}
 {%- if labelledby %} aria-labelledby="{{ labelledby }}"{% endif %}>
{{ caller() }}
</section>
{%- endmacro %}

{% macro section_link(chapter, section, links, words, key="parts.read_more") -%}
{% if section %}
<p class="gb-more">{{ words(key, section=link(links.section(chapter, section), chapter.sections[section].title)) }}</p>
{% endif %}
{%- endmacro %}

{% macro edit_link(kind, chapter, links, words) -%}
{% set url = links.edit_data(chapter) %}
{% if url %}<p class="gb-edit"><a href="{{ url }}">{{ words("parts.suggest_" + kind.name) }}</a></p>{% endif %}
{%- endmacro %}

{% macro actions(words, group, names) -%}
{# Shown only with JavaScript (guidebook.css: .no-js), from the first paint: without it these buttons could do
   nothing, and appearing later would move the page. #}
<div class="gb-actions">
{% for name in names %}<button type="button" data-gb-action="{{ name }}">{{ words(group + "." + name.replace("-", "_")) }}</button>{% endfor %}
</div>
{%- endmacro %}
"""


def part_facts(kind: Kind, chapter: "Chapter", entry: dict, links: Links | None = None, words: "Words | None" = None) -> dict:
    """The data-gb-part JSON: what every part says about itself, and what its kind adds (a tool, its words)."""
    linked = kind.linked_facts(chapter, entry, links) if links and kind.linked_facts else {}
    own = {"words": tool_words(kind, words)} if kind.tool and words else {}
    return {"guide": links.site_name if links else "", "chapter": chapter.title, "title": entry["title"],
            **kind.facts(chapter, entry), **linked, **own}


def tool_words(kind: Kind, words: "Words") -> dict:
    """A tool's own sentences for its script (script: <kind>_... in macros/strings/): they travel with its part,
    on its own page, instead of in every page's data-gb-words."""
    prefix = kind.name + "_"
    return {key: text for key, text in words.script().items() if key.startswith(prefix)}


def _link(href: str, text: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


_ENVIRONMENT = jinja2.Environment(
    autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=False,
    loader=jinja2.DictLoader({"part.html": _compact(PART)}),
)
_ENVIRONMENT.filters["json"] = to_json
_ENVIRONMENT.globals.update(id=element_id, facts=part_facts, link=_link, block=block, inline=inline)


def template(source: str) -> jinja2.Template:
    """A kind's HTML template; `{% from "part.html" import part, ... %}` gives it the shared pieces."""
    return _ENVIRONMENT.from_string(_compact(source))


def render(compiled: jinja2.Template, **values) -> Markup:
    return Markup(compiled.render(**values))


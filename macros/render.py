"""Turn validated chapter data into plain, semantic HTML.

Pure functions: validated data in, escaped HTML out. Everything works without JavaScript (native
checkboxes and radios tick, answers sit in <details>, bands are readable); docs/assets/guidebook.js adds
saving, scoring and progress on top. The output is one block element starting at column 0 with no blank
lines, so that Markdown leaves it alone.

The contract with guidebook.js. The script finds and understands the page through these attributes only;
it never reads visible text back out of the page (what it needs to say comes from `data-gb-part`).

| attribute            | on                                   | holds                                               |
| -------------------- | ------------------------------------ | --------------------------------------------------- |
| `data-gb-kind`       | every `.gb` wrapper                  | its behaviour: checklist, knowledge-check,          |
|                      |                                      | self-assessment, chapter-list, progress, workbook   |
| `data-gb-key`        | a part's `<section>`                 | where its state is saved: `<chapter>/<part id>`     |
| `data-gb-part`       | a part's `<section>`                 | JSON of part_facts(): titles and what scoring needs |
| `data-gb-guide`      | chapter list, progress page          | JSON of guide_facts() (macros/overview.py)          |
| `data-gb-item`       | a checklist item `<li>`              | the item's id                                       |
| `data-gb-question`   | a question's `<fieldset>`            | the question's id                                   |
| `data-gb-choice`     | a choice's `<li>`                    | the choice's id                                     |
| `data-gb-statement`  | a statement's `<fieldset>`           | the statement's id                                  |
| `data-gb-band`       | a band's `<dt>`                      | the band's id (its advice is the next `<dd>`)       |
| `data-gb-chapter`    | progress row, home-page mark         | a chapter's slug                                    |
| `data-gb-col`        | progress cell                        | its column: items, check, assessment                |
| `data-gb-action`     | `<button>`                           | what the button does (each kind has its own list)   |
| `data-gb-import`     | the progress page's file input       | the import control                                  |
| `data-gb-date`       | the workbook cover                   | where a filled-in print writes the date             |

The script writes into the elements of class gb-status, gb-score, gb-feedback and gb-result (live
regions), shows hidden gb-actions, and copies (never parses) gb-choice-feedback, gb-explanation, gb-more,
gb-statement-text, gb-advice and band `<dd>` nodes into its feedback.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup, escape

from .data import Chapter
from .markdown_text import block, inline


@dataclass(frozen=True)
class Links:
    """How the page being rendered reaches other places (URLs depend on where the page lives)."""

    section: Callable[[Chapter, str], str]  # chapter, section id -> href
    edit_data: Callable[[Chapter], str | None]  # chapter -> "edit this data" URL, if the repo has one
    site_name: str = ""  # the guidebook's name, printed at the top of a part's own sheet


def element_id(chapter: Chapter, *ids: str) -> str:
    """The HTML id of a part or of something inside it: gb-<chapter>-<part>[-<item>...]."""
    return "-".join(("gb", chapter.slug) + ids)


def part_facts(kind: str, chapter: Chapter, data: dict, site_name: str = "") -> dict:
    """What the script needs to know about a part beyond its markup (the `data-gb-part` JSON)."""
    facts = {"guide": site_name, "chapter": chapter.title, "title": data["title"]}
    if kind == "checklists":
        facts["items"] = {item["id"]: text_hash(item["text"]) for item in data["items"]}
    elif kind == "knowledge_checks":
        facts["questions"] = {q["id"]: [c["id"] for c in q["choices"] if c.get("correct")] for q in data["questions"]}
    elif kind == "self_assessments":
        # The most points each statement can score; the lowest answer scores 0.
        facts["statements"] = {s["id"]: len(chapter.points(data, s)) - 1 for s in data["statements"]}
        facts["bands"] = [{"id": b["id"], "title": b["title"], "from": b["from"], "to": b["to"]} for b in data["bands"]]
    return facts


def json_attribute(name: str, value) -> str:
    # An attribute, not a <script type="application/json">: Material's instant navigation re-creates
    # every script element in the new content and would run the data as JavaScript.
    return f' {name}="{escape(json.dumps(value, ensure_ascii=False, separators=(",", ":")))}"'


def text_hash(text: str) -> str:
    """A short fingerprint of an item's text, saved with a tick so that a later edit can be noticed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _section_link(chapter: Chapter, section_id: str | None, links: Links, label: str = "Read") -> str:
    if not section_id:
        return ""
    section = chapter.sections[section_id]
    return f'<p class="gb-more">{label}: <a href="{escape(links.section(chapter, section_id))}">{escape(section.title)}</a></p>'


def _edit_link(chapter: Chapter, links: Links, what: str) -> str:
    url = links.edit_data(chapter)
    if not url:
        return ""
    return f'<p class="gb-edit"><a href="{escape(url)}">Suggest a change to this {what}</a></p>'


# Knowledge checks and self-assessments stay out of the search index: their questions, answers and advice
# restate the chapter, so hits on them would crowd out (and spoil) the prose they test, and every reader
# would download that text again with the index. Checklists stay searchable: readers look for an action.
# The wrapper is a <section> because Material's search parser compares elements by tag: a <div> wrapper
# would end the exclusion at the first inner </div>.
SEARCHABLE = {"checklist"}


def _open(kind: str, data_kind: str, chapter: Chapter, component: dict, links: Links) -> str:
    unsearched = "" if kind in SEARCHABLE else " data-search-exclude"
    facts = part_facts(data_kind, chapter, component, links.site_name)
    return (f'<section class="gb gb-{kind}" id="{element_id(chapter, component["id"])}" data-gb-kind="{kind}" '
            f'data-gb-key="{chapter.slug}/{component["id"]}"{json_attribute("data-gb-part", facts)}{unsearched}>')


def _actions(*buttons: tuple[str, str]) -> str:
    # Hidden until the script runs: without JavaScript these buttons could do nothing.
    inner = "".join(f'<button type="button" data-gb-action="{action}">{escape(label)}</button>'
                    for action, label in buttons)
    return f'<div class="gb-actions" hidden>{inner}</div>'


def checklist(chapter: Chapter, data: dict, links: Links) -> Markup:
    parts = [_open("checklist", "checklists", chapter, data, links), "<fieldset>",
             f"<legend>{escape(data['title'])}</legend>",
             # Quotes as entities: one character beyond Latin-1 makes Python hold the whole page (kept
             # for every page until the build ends) at two bytes per character.
             f'<p class="gb-source">From the chapter &ldquo;{escape(chapter.title)}&rdquo;</p>']
    if data.get("intro"):
        parts.append(f'<div class="gb-intro">{block(data["intro"])}</div>')
    parts.append('<ul class="gb-items">')
    for item in data["items"]:
        item_id = element_id(chapter, data["id"], item["id"])
        described = f' aria-describedby="{item_id}-why"' if item.get("why") else ""
        parts.append(f'<li class="gb-item" data-gb-item="{item["id"]}">'
                     f'<input type="checkbox" id="{item_id}" name="{item["id"]}"{described}>'
                     f'<label for="{item_id}">{inline(item["text"])}</label>')
        if item.get("why"):
            parts.append(f'<p class="gb-why" id="{item_id}-why">{inline(item["why"])}</p>')
        parts.append(_section_link(chapter, item.get("section"), links))
        parts.append("</li>")
    parts += ["</ul>", '<p class="gb-status" role="status"></p>',
              _actions(("print-blank", "Print a blank copy"), ("print-filled", "Print with my ticks"),
                       ("reset", "Reset this checklist")),
              _edit_link(chapter, links, "checklist"), "</fieldset></section>"]
    return Markup("".join(parts))


def knowledge_check(chapter: Chapter, data: dict, links: Links) -> Markup:
    questions = data["questions"]
    parts = [_open("knowledge-check", "knowledge_checks", chapter, data, links),
             f'<p class="gb-honesty">{escape(data["title"])}: a self-check for you alone. Nothing is sent '
             'anywhere, and every answer is on this page under &ldquo;Show answer&rdquo;.</p>']
    for number, question in enumerate(questions, start=1):
        q_id = element_id(chapter, data["id"], question["id"])
        input_type = "radio" if question["type"] == "single" else "checkbox"
        hint = "Choose one." if question["type"] == "single" else "Select all that apply."
        parts.append(f'<fieldset class="gb-question" data-gb-question="{question["id"]}" data-gb-type="{question["type"]}">'
                     f'<legend><span class="gb-number">Question {number} of {len(questions)}.</span> '
                     f'{inline(question["prompt"])} <span class="gb-hint">{hint}</span></legend><ul class="gb-choices">')
        for choice in question["choices"]:
            c_id = element_id(chapter, data["id"], question["id"], choice["id"])
            parts.append(f'<li data-gb-choice="{choice["id"]}">'
                         f'<input type="{input_type}" id="{c_id}" name="{q_id}" value="{choice["id"]}">'
                         f'<label for="{c_id}">{inline(choice["text"])}</label>')
            if choice.get("feedback"):
                parts.append(f'<div class="gb-choice-feedback" hidden>{block(choice["feedback"])}</div>')
            parts.append("</li>")
        right = "; ".join(str(inline(c["text"])) for c in question["choices"] if c.get("correct"))
        answer_label = "Answer" if question["type"] == "single" else "Answers"
        parts += ["</ul>", f'<div class="gb-feedback" role="status"></div>',
                  f'<details class="gb-answer"><summary>Show answer</summary>'
                  f'<p><strong>{answer_label}:</strong> {right}</p>'
                  f'<div class="gb-explanation">{block(question["explanation"])}</div>',
                  _section_link(chapter, question["section"], links, "Revisit"), "</details></fieldset>"]
    parts += ['<p class="gb-status gb-score" role="status"></p>',
              _actions(("check", "Check my answers"), ("retry", "Try again")),
              _edit_link(chapter, links, "knowledge check"), "</section>"]
    return Markup("".join(parts))


def self_assessment(chapter: Chapter, data: dict, links: Links) -> Markup:
    statements = data["statements"]
    scales = [chapter.points(data, statement) for statement in statements]
    # The lowest answer scores 0 points and each next one 1 more, so the extremes are 0 % and 100 %.
    maximum = sum(len(points) - 1 for points in scales)
    parts = [_open("self-assessment", "self_assessments", chapter, data, links)]
    if data.get("intro"):
        parts.append(f'<div class="gb-intro">{block(data["intro"])}</div>')
    distinct = list(dict.fromkeys(tuple(points) for points in scales))
    scale_words = "; ".join(", ".join(f"{escape(label)} {value}" for value, label in enumerate(points))
                            for points in distinct)
    parts.append(f'<p class="gb-scale-help">Choose the answer that is true today. Points: {scale_words}.</p>')
    for number, (statement, points) in enumerate(zip(statements, scales), start=1):
        s_id = element_id(chapter, data["id"], statement["id"])
        parts.append(f'<fieldset class="gb-statement" data-gb-statement="{statement["id"]}">'
                     f'<legend><span class="gb-number">{number}.</span> '
                     f'<span class="gb-statement-text">{inline(statement["text"])}</span></legend>'
                     '<div class="gb-scale">')
        for value, label in enumerate(points, start=1):
            parts.append(f'<label class="gb-point"><input type="radio" name="{s_id}" value="{value}">'
                         f'<span>{escape(label)}</span></label>')
        checklist_link = ""
        if statement.get("checklist"):
            target = chapter.get("checklists", statement["checklist"])
            checklist_link = (f'<p class="gb-more">Checklist: <a href="{escape(links.section(chapter, element_id(chapter, target["id"])))}">'
                              f'{escape(target["title"])}</a></p>')
        parts.append('</div><details class="gb-advice"><summary>If this is not you yet</summary>'
                     f'{block(statement["advice"])}{_section_link(chapter, statement["section"], links)}'
                     f"{checklist_link}</details></fieldset>")
    parts.append(f'<div class="gb-bands"><p><strong>Scoring on paper:</strong> add up the points of your answers '
                 f'(between 0 and {maximum}), divide by {maximum} and multiply by 100. '
                 'Find your share below.</p><dl>')
    for band in data["bands"]:
        upper = "100" if band is data["bands"][-1] else f"under {band['to']:g}"
        parts.append(f'<dt data-gb-band="{band["id"]}">'
                     f'{escape(band["title"])} <span class="gb-range">({band["from"]:g} % to {upper} %)</span></dt>'
                     f'<dd>{block(band["advice"])}</dd>')
    parts += ["</dl></div>", '<div class="gb-result" role="status"></div>',
              _actions(("score", "See my result"), ("retake", "Retake"), ("print-result", "Print my result")),
              _edit_link(chapter, links, "self-assessment"), "</section>"]
    return Markup("".join(parts))

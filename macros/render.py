"""Turn validated chapter data into plain, semantic HTML.

Pure functions: validated data in, escaped HTML out. Everything works without JavaScript (native
checkboxes and radios tick, answers sit in <details>, bands are readable); docs/assets/guidebook.js adds
saving, scoring and progress on top, finding its hooks through the data-gb-* attributes written here.
The output is one block element starting at column 0 with no blank lines, so that Markdown leaves it alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup, escape

from .data import BLANK_IN_BODY, READER_BLANK, Chapter, example_text, message_paragraphs
from .markdown_text import block, inline


@dataclass(frozen=True)
class Links:
    """How the page being rendered reaches other places (URLs depend on where the page lives)."""

    section: Callable[[Chapter, str], str]  # chapter, section id -> href
    edit_data: Callable[[Chapter], str | None]  # chapter -> "edit this data" URL, if the repo has one


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


def _open(kind: str, chapter: Chapter, component: dict, extra: str = "") -> str:
    key = f"{chapter.slug}/{component['id']}"
    unsearched = "" if kind in SEARCHABLE else " data-search-exclude"
    return (f'<section class="gb gb-{kind}" id="gb-{chapter.slug}-{component["id"]}" data-gb-kind="{kind}" '
            f'data-gb-key="{escape(key)}" data-gb-chapter="{escape(chapter.title)}"{extra}{unsearched}>')


def _actions(*buttons: tuple[str, str]) -> str:
    # Hidden until the script runs: without JavaScript these buttons could do nothing.
    inner = "".join(f'<button type="button" data-gb-action="{action}">{escape(label)}</button>'
                    for action, label in buttons)
    return f'<div class="gb-actions" hidden>{inner}</div>'


def checklist(chapter: Chapter, data: dict, links: Links) -> Markup:
    base = f"gb-{chapter.slug}-{data['id']}"
    parts = [_open("checklist", chapter, data, f' data-gb-total="{len(data["items"])}"'), "<fieldset>",
             f"<legend>{escape(data['title'])}</legend>",
             # Quotes as entities: one character beyond Latin-1 makes Python hold the whole page (kept
             # for every page until the build ends) at two bytes per character.
             f'<p class="gb-source">From the chapter &ldquo;{escape(chapter.title)}&rdquo;</p>']
    if data.get("intro"):
        parts.append(f'<div class="gb-intro">{block(data["intro"])}</div>')
    parts.append('<ul class="gb-items">')
    for item in data["items"]:
        item_id = f"{base}-{item['id']}"
        described = f' aria-describedby="{item_id}-why"' if item.get("why") else ""
        parts.append(f'<li class="gb-item" data-gb-item="{item["id"]}" data-gb-hash="{text_hash(item["text"])}">'
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
    base = f"gb-{chapter.slug}-{data['id']}"
    questions = data["questions"]
    parts = [_open("knowledge-check", chapter, data, f' data-gb-total="{len(questions)}"'),
             f'<p class="gb-honesty">{escape(data["title"])}: a self-check for you alone. Nothing is sent '
             'anywhere, and every answer is on this page under &ldquo;Show answer&rdquo;.</p>']
    for number, question in enumerate(questions, start=1):
        q_id = f"{base}-{question['id']}"
        input_type = "radio" if question["type"] == "single" else "checkbox"
        hint = "Choose one." if question["type"] == "single" else "Select all that apply."
        parts.append(f'<fieldset class="gb-question" data-gb-question="{question["id"]}" data-gb-type="{question["type"]}">'
                     f'<legend><span class="gb-number">Question {number} of {len(questions)}.</span> '
                     f'{inline(question["prompt"])} <span class="gb-hint">{hint}</span></legend><ul class="gb-choices">')
        for choice in question["choices"]:
            c_id = f"{q_id}-{choice['id']}"
            correct = ' data-gb-correct=""' if choice.get("correct") else ""
            parts.append(f'<li data-gb-choice="{choice["id"]}"{correct}>'
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
    base = f"gb-{chapter.slug}-{data['id']}"
    points = chapter.scales[data["scale"]]["points"]
    statements = data["statements"]
    maximum = len(points) * len(statements)
    parts = [_open("self-assessment", chapter, data, f' data-gb-max="{maximum}" data-gb-min="{len(statements)}"')]
    if data.get("intro"):
        parts.append(f'<div class="gb-intro">{block(data["intro"])}</div>')
    scale_words = ", ".join(f"{value} = {escape(label)}" for value, label in enumerate(points, start=1))
    parts.append(f'<p class="gb-scale-help">Rate each statement: {scale_words}.</p>')
    for number, statement in enumerate(statements, start=1):
        s_id = f"{base}-{statement['id']}"
        parts.append(f'<fieldset class="gb-statement" data-gb-statement="{statement["id"]}">'
                     f'<legend><span class="gb-number">{number}.</span> {inline(statement["text"])}</legend>'
                     '<div class="gb-scale">')
        for value, label in enumerate(points, start=1):
            parts.append(f'<label class="gb-point"><input type="radio" name="{s_id}" value="{value}">'
                         f'<span>{escape(label)}</span></label>')
        checklist_link = ""
        if statement.get("checklist"):
            target = chapter.get("checklists", statement["checklist"])
            checklist_link = (f'<p class="gb-more">Checklist: <a href="{escape(links.section(chapter, "gb-" + chapter.slug + "-" + target["id"]))}">'
                              f'{escape(target["title"])}</a></p>')
        parts.append('</div><details class="gb-advice"><summary>If this is not you yet</summary>'
                     f'{block(statement["advice"])}{_section_link(chapter, statement["section"], links)}'
                     f"{checklist_link}</details></fieldset>")
    parts.append(f'<div class="gb-bands"><p><strong>Scoring on paper:</strong> add up your ratings (between '
                 f'{len(statements)} and {maximum}), divide by {maximum} and multiply by 100. '
                 'Find your share below.</p><dl>')
    for band in data["bands"]:
        upper = "100" if band is data["bands"][-1] else f"under {band['to']:g}"
        parts.append(f'<dt data-gb-band="{band["id"]}" data-gb-from="{band["from"]:g}" data-gb-to="{band["to"]:g}">'
                     f'{escape(band["title"])} <span class="gb-range">({band["from"]:g} % to {upper} %)</span></dt>'
                     f'<dd>{block(band["advice"])}</dd>')
    parts += ["</dl></div>", '<div class="gb-result" role="status"></div>',
              _actions(("score", "See my result"), ("retake", "Retake"), ("print-result", "Print my result")),
              _edit_link(chapter, links, "self-assessment"), "</section>"]
    return Markup("".join(parts))


def template(chapter: Chapter, data: dict, links: Links) -> Markup:
    """A message template: without JavaScript a finished example, each blank a <mark> showing
    "[example]"; the script fills the blanks from the fields as the reader types. Blanks about the
    reader (your_...) get their fields once per page, in "Your details", which the script builds from
    data-gb-you; the other blanks get theirs here."""
    base = f"gb-{chapter.slug}-{data['id']}"
    reader = [[b["name"], b["label"]] for b in data["blanks"] if b["name"].startswith(READER_BLANK)]
    others = [b for b in data["blanks"] if not b["name"].startswith(READER_BLANK)]
    examples = {b["name"]: b["example"] for b in data["blanks"]}
    extra = f' aria-labelledby="{base}-title"'
    if data.get("limit"):
        extra += f' data-gb-limit="{data["limit"]}"'
    if reader:
        extra += f' data-gb-you="{escape(json.dumps(reader, ensure_ascii=False))}"'
    parts = [_open("template", chapter, data, extra), f'<h3 id="{base}-title">{escape(data["title"])}</h3>',
             f'<p class="gb-when"><strong>When to use it:</strong> {inline(data["when"])}</p>']
    if others:
        # Hidden until the script runs: without it the fields could change nothing.
        parts.append('<fieldset class="gb-blanks" hidden><legend>Fill in the blanks</legend>')
        parts += [f'<label for="{base}-{b["name"]}">{escape(b["label"])}</label>'
                  f'<input type="text" id="{base}-{b["name"]}" data-gb-blank="{b["name"]}" autocomplete="off">'
                  for b in others]
        parts.append("</fieldset>")

    def blank(match) -> str:
        name = match[1]
        return (f'<mark class="gb-blank" data-gb-blank="{name}" data-gb-example="{escape(examples[name])}">'
                f'[{escape(examples[name])}]</mark>')

    paragraphs = "".join(
        "<p>" + "<br>".join(BLANK_IN_BODY.sub(blank, str(escape(line))) for line in lines) + "</p>"
        for lines in message_paragraphs(data["body"]))
    parts.append(f'<blockquote class="gb-text" id="{base}-text">{paragraphs}</blockquote>')
    if data.get("limit"):
        parts.append(f'<p class="gb-count">At most {data["limit"]} characters; the example has '
                     f'{len(example_text(data))}.</p>')
    parts += ['<p class="gb-status" role="status"></p>', _actions(("copy", "Copy message"))]
    if data.get("tips"):
        parts.append("<h4>Tips</h4><ul class=\"gb-tips\">" + "".join(f"<li>{inline(tip)}</li>" for tip in data["tips"]) + "</ul>")
    parts += [_section_link(chapter, data.get("section"), links), _edit_link(chapter, links, "template"), "</section>"]
    return Markup("".join(parts))

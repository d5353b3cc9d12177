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
| `data-gb-blank`      | a template's `<mark>` and `<input>`  | the name of a blank in its body                     |
| `data-gb-example`    | a template's `<mark>`                | what the blank shows until the reader fills it in   |
| `data-gb-chapter`    | progress row, home-page mark         | a chapter's slug                                    |
| `data-gb-col`        | progress cell                        | its column: items, check, assessment                |
| `data-gb-action`     | `<button>`                           | what the button does (each kind has its own list)   |
| `data-gb-import`     | the progress page's file input       | the import control                                  |
| `data-gb-date`       | the workbook cover                   | where a filled-in print writes the date             |
| `data-gb-pdf`        | the home page and the workbook       | where macros/pdf.py puts the PDF link               |
| `data-gb-words`      | one `<div>` per page with parts      | JSON: the script's sentences (macros/strings/)      |
| `id="gb-you-here"`   | the toolkit page                     | where the script puts the "Your details" form       |

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

from .data import BLANK_IN_BODY, READER_BLANK, Chapter, example_text, message_paragraphs
from .markdown_text import block, inline
from .strings import Words


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
    elif kind == "templates":
        # The reader's own blanks (your_...), which share one set of fields per page: [name, label] pairs.
        facts["you"] = [[b["name"], b["label"]] for b in data["blanks"] if b["name"].startswith(READER_BLANK)]
        facts["limit"] = data.get("limit")
    elif kind == "self_assessments":
        # The most points each statement can score; the lowest answer scores 0.
        facts["statements"] = {s["id"]: len(chapter.points(data, s)) - 1 for s in data["statements"]}
        facts["bands"] = [{"id": b["id"], "title": b["title"], "from": b["from"], "to": b["to"]} for b in data["bands"]]
    return facts


def json_attribute(name: str, value) -> str:
    # An attribute, not a <script type="application/json">: Material's instant navigation re-creates
    # every script element in the new content and would run the data as JavaScript. ASCII only (\uXXXX):
    # one character beyond Latin-1 would make Python hold the whole page at two or four bytes a character.
    return f' {name}="{escape(json.dumps(value, separators=(",", ":")))}"'


def text_hash(text: str) -> str:
    """A short fingerprint of an item's text, saved with a tick so that a later edit can be noticed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _section_link(chapter: Chapter, section_id: str | None, links: Links, words: Words, key: str = "parts.read_more") -> str:
    if not section_id:
        return ""
    link = Markup(f'<a href="{escape(links.section(chapter, section_id))}">{escape(chapter.sections[section_id].title)}</a>')
    return f'<p class="gb-more">{words(key, section=link)}</p>'


def _edit_link(chapter: Chapter, links: Links, words: Words, kind: str) -> str:
    url = links.edit_data(chapter)
    if not url:
        return ""
    return f'<p class="gb-edit"><a href="{escape(url)}">{words("parts.suggest_" + kind)}</a></p>'


# Knowledge checks and self-assessments stay out of the search index: their questions, answers and advice
# restate the chapter, so hits on them would crowd out (and spoil) the prose they test, and every reader
# would download that text again with the index. Checklists stay searchable: readers look for an action.
# The wrapper is a <section> because Material's search parser compares elements by tag: a <div> wrapper
# would end the exclusion at the first inner </div>.
SEARCHABLE = {"checklist"}


def _open(kind: str, data_kind: str, chapter: Chapter, component: dict, links: Links, extra: str = "") -> str:
    unsearched = "" if kind in SEARCHABLE else " data-search-exclude"
    facts = part_facts(data_kind, chapter, component, links.site_name)
    return (f'<section class="gb gb-{kind}" id="{element_id(chapter, component["id"])}" data-gb-kind="{kind}" '
            f'data-gb-key="{chapter.slug}/{component["id"]}"{json_attribute("data-gb-part", facts)}{unsearched}{extra}>')


def _actions(words: Words, group: str, *actions: str) -> str:
    # Hidden until the script runs: without JavaScript these buttons could do nothing.
    inner = "".join(f'<button type="button" data-gb-action="{action}">{words(group + "." + action.replace("-", "_"))}</button>'
                    for action in actions)
    return f'<div class="gb-actions" hidden>{inner}</div>'


def checklist(chapter: Chapter, data: dict, links: Links, words: Words) -> Markup:
    parts = [_open("checklist", "checklists", chapter, data, links), "<fieldset>",
             f"<legend>{escape(data['title'])}</legend>",
             f'<p class="gb-source">{words("checklist.from_chapter", chapter=chapter.title)}</p>']
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
        parts.append(_section_link(chapter, item.get("section"), links, words))
        parts.append("</li>")
    parts += ["</ul>", '<p class="gb-status" role="status"></p>',
              _actions(words, "checklist", "print-blank", "print-filled", "reset"),
              _edit_link(chapter, links, words, "checklist"), "</fieldset></section>"]
    return Markup("".join(parts))


def knowledge_check(chapter: Chapter, data: dict, links: Links, words: Words) -> Markup:
    questions = data["questions"]
    parts = [_open("knowledge-check", "knowledge_checks", chapter, data, links),
             f'<p class="gb-honesty">{words("knowledge_check.honesty", title=data["title"])}</p>']
    for number, question in enumerate(questions, start=1):
        q_id = element_id(chapter, data["id"], question["id"])
        single = question["type"] == "single"
        hint = words("knowledge_check.choose_one" if single else "knowledge_check.choose_all")
        parts.append(f'<fieldset class="gb-question" data-gb-question="{question["id"]}" data-gb-type="{question["type"]}">'
                     f'<legend><span class="gb-number">{words("knowledge_check.question_number", number=number, total=len(questions))}</span> '
                     f'{inline(question["prompt"])} <span class="gb-hint">{hint}</span></legend><ul class="gb-choices">')
        for choice in question["choices"]:
            c_id = element_id(chapter, data["id"], question["id"], choice["id"])
            parts.append(f'<li data-gb-choice="{choice["id"]}">'
                         f'<input type="{"radio" if single else "checkbox"}" id="{c_id}" name="{q_id}" value="{choice["id"]}">'
                         f'<label for="{c_id}">{inline(choice["text"])}</label>')
            if choice.get("feedback"):
                parts.append(f'<div class="gb-choice-feedback" hidden>{block(choice["feedback"])}</div>')
            parts.append("</li>")
        right = Markup("; ").join(inline(c["text"]) for c in question["choices"] if c.get("correct"))
        answer = words("knowledge_check.answer", answer=right) if single else words("knowledge_check.answers", answers=right)
        parts += ["</ul>", '<div class="gb-feedback" role="status"></div>',
                  f'<details class="gb-answer"><summary>{words("knowledge_check.show_answer")}</summary>'
                  f'<p class="gb-right-answer">{answer}</p>'
                  f'<div class="gb-explanation">{block(question["explanation"])}</div>',
                  _section_link(chapter, question["section"], links, words, "parts.revisit"), "</details></fieldset>"]
    parts += ['<p class="gb-status gb-score" role="status"></p>',
              _actions(words, "knowledge_check", "check", "retry"),
              _edit_link(chapter, links, words, "knowledge_check"), "</section>"]
    return Markup("".join(parts))


def self_assessment(chapter: Chapter, data: dict, links: Links, words: Words) -> Markup:
    statements = data["statements"]
    scales = [chapter.points(data, statement) for statement in statements]
    # The lowest answer scores 0 points and each next one 1 more, so the extremes are 0 % and 100 %.
    maximum = sum(len(points) - 1 for points in scales)
    parts = [_open("self-assessment", "self_assessments", chapter, data, links)]
    if data.get("intro"):
        parts.append(f'<div class="gb-intro">{block(data["intro"])}</div>')
    distinct = list(dict.fromkeys(tuple(points) for points in scales))
    points_words = Markup("; ").join(Markup(", ").join(words("self_assessment.point", answer=label, points=value)
                                                       for value, label in enumerate(points)) for points in distinct)
    parts.append(f'<p class="gb-scale-help">{words("self_assessment.points", points=points_words)}</p>')
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
            link = Markup(f'<a href="{escape(links.section(chapter, element_id(chapter, target["id"])))}">{escape(target["title"])}</a>')
            checklist_link = f'<p class="gb-more">{words("self_assessment.checklist_link", checklist=link)}</p>'
        parts.append(f'</div><details class="gb-advice"><summary>{words("self_assessment.if_not_you")}</summary>'
                     f'{block(statement["advice"])}{_section_link(chapter, statement["section"], links, words)}'
                     f"{checklist_link}</details></fieldset>")
    parts.append(f'<div class="gb-bands"><p>{words("self_assessment.on_paper", max=maximum)}</p><dl>')
    for band in data["bands"]:
        last = band is data["bands"][-1]
        limits = {"from": f"{band['from']:g}"} if last else {"from": f"{band['from']:g}", "to": f"{band['to']:g}"}
        span = words("self_assessment.last_band_range" if last else "self_assessment.band_range", **limits)
        parts.append(f'<dt data-gb-band="{band["id"]}">{escape(band["title"])} <span class="gb-range">{span}</span></dt>'
                     f'<dd>{block(band["advice"])}</dd>')
    parts += ["</dl></div>", '<div class="gb-result" role="status"></div>',
              _actions(words, "self_assessment", "score", "retake", "print-result"),
              _edit_link(chapter, links, words, "self_assessment"), "</section>"]
    return Markup("".join(parts))


def template(chapter: Chapter, data: dict, links: Links, words: Words) -> Markup:
    """A message template: without JavaScript a finished example, each blank a <mark> showing
    "[example]"; the script fills the blanks from the fields as the reader types. Blanks about the
    reader (your_...) get their fields once per page, in "Your details", which the script builds from
    the part's facts; the other blanks get theirs here."""
    base = element_id(chapter, data["id"])
    others = [b for b in data["blanks"] if not b["name"].startswith(READER_BLANK)]
    examples = {b["name"]: b["example"] for b in data["blanks"]}
    parts = [_open("template", "templates", chapter, data, links, f' aria-labelledby="{base}-title"'),
             f'<h3 id="{base}-title">{escape(data["title"])}</h3>',
             f'<p class="gb-when">{words("template.when", when=inline(data["when"]))}</p>']
    if others:
        # Hidden until the script runs: without it the fields could change nothing.
        parts.append(f'<fieldset class="gb-blanks" hidden><legend>{words("template.fill_in")}</legend>')
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
        parts.append(f'<p class="gb-count">{words("template.limit", limit=data["limit"], length=len(example_text(data)))}</p>')
    parts += ['<p class="gb-status" role="status"></p>', _actions(words, "template", "copy")]
    if data.get("tips"):
        parts.append(f'<h4>{words("template.tips")}</h4><ul class="gb-tips">'
                     + "".join(f"<li>{inline(tip)}</li>" for tip in data["tips"]) + "</ul>")
    # On its own chapter's page a template sits in its section already: the link is for the toolkit page.
    link = _section_link(chapter, data.get("section"), links, words)
    parts += ["" if 'href="#' in link else link, _edit_link(chapter, links, words, "template"), "</section>"]
    return Markup("".join(parts))

"""Message templates: a short message the reader fills in, copies and sends.

Without JavaScript each template is a finished example, each blank a <mark> showing "[example]". The script
fills the message from the part's facts (the body's paragraphs and each blank's example) and the fields,
and counts it as it will be sent: `message()` below is the one definition of that text, which the script
mirrors and tests/vectors/messages.json holds both to. Blanks about the reader (your_...) get one set of
fields per page ("Your details", details_form(), which the page draws before its first template), the only
thing a reader may choose to save, under DETAILS_KEY.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .base import Kind, render, template

# Where the reader's own details are saved, when the reader asks: a chapter named "reader" would share keys.
DETAILS_KEY = "reader/details"
RESERVED_CHAPTER = DETAILS_KEY.partition("/")[0]
READER_BLANK = "your_"  # blanks about the reader: one field per page, and the only ones ever saved
BLANK_NAME = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
BLANK_IN_BODY = re.compile(r"\{([^{}]*)\}")

SCHEMA = {
    "template": {
        "description": "Messages a reader fills in, copies and sends; the Toolkit page gathers them all.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "situation", "when", "body", "blanks"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "title": {"$ref": "#/$defs/plain_text"},
            "situation": {
                "description": "Groups templates on the Toolkit page: templates with the same situation are shown "
                               "together, in reading order.",
                "$ref": "#/$defs/plain_text",
            },
            "when": {"description": "When to use it, in one line.", "$ref": "#/$defs/markdown"},
            "section": {"$ref": "#/$defs/section"},
            "body": {
                "description": "The message as plain text, one line per paragraph, a blank line between paragraphs "
                               "(a single line break stays a line break, e.g. before a sign-off). Blanks are written "
                               "{their_name}; each must be declared under blanks.",
                "$ref": "#/$defs/plain_text",
            },
            "blanks": {
                "description": "Every blank the body uses. Blanks named your_... are the reader's own details: "
                               "filled in once per page, and the only ones a reader may choose to save.",
                "type": "array", "minItems": 1, "items": {"$ref": "#/$defs/blank"},
            },
            "limit": {
                "description": "The most characters the message may have (a connection note on a professional "
                               "networking site may allow 200). The example must fit.",
                "type": "integer", "minimum": 1,
            },
            "tips": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/markdown"}},
        },
    },
    "blank": {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "label", "example"],
        "properties": {
            "name": {
                "description": "Lower-case letters, digits and single underscores, as written in the body: "
                               "their_name for {their_name}.",
                "type": "string", "pattern": BLANK_NAME,
            },
            "label": {"description": "The form field's label, e.g. 'Their first name'.", "$ref": "#/$defs/plain_text"},
            "example": {"description": "Shown in the blank, in brackets, until the reader types their own.",
                        "$ref": "#/$defs/plain_text"},
        },
    },
}


def paragraphs(body: str) -> list[list[str]]:
    """A body as a browser shows it: paragraphs (split at blank lines) of lines, each line's runs of spaces
    collapsed."""
    return [[" ".join(line.split()) for line in paragraph.splitlines() if line.strip()]
            for paragraph in re.split(r"\n[ \t]*\n", body.strip())]


def message(body: list[list[str]], examples: dict[str, str], values: dict[str, str] | None = None) -> str:
    """The message as it is copied and counted: each blank filled with the reader's value (trimmed), or with
    its example while the reader has typed nothing; lines joined by a newline, paragraphs by a blank line."""
    values = values or {}

    def fill(match) -> str:
        return (values.get(match[1]) or "").strip() or examples.get(match[1], match[0])

    return "\n\n".join("\n".join(BLANK_IN_BODY.sub(fill, line) for line in lines) for lines in body)


def example_text(entry: dict) -> str:
    return message(paragraphs(entry["body"]), {blank["name"]: blank["example"] for blank in entry["blanks"]})


def check(templates: list[dict], place) -> list:
    problems = []
    reader_labels: dict[str, tuple[str, int]] = {}  # your_... blank -> its first label and line
    for index, entry in enumerate(templates):
        path = ("templates", index)
        problems += place.section(entry, path)
        problems += _blank_problems(entry, path, place, reader_labels)
    return problems


def _blank_problems(entry: dict, path: tuple, place, reader_labels: dict) -> list:
    """Blanks that do not match the body, a bad blank in the body, an example over the limit, and a
    reader's detail labelled two ways (the page shows one field for it)."""
    problems = []
    name = entry["id"]
    body = path + ("body",)
    used = []
    for match in BLANK_IN_BODY.finditer(entry["body"]):
        if not re.match(BLANK_NAME, match[1]):
            problems.append(place.error(
                body, f"The body of template '{name}' has '{match[0]}', which is not a blank name.",
                "Write blanks in lower case with underscores, e.g. {their_name} (a message cannot contain "
                "curly brackets otherwise)."))
        elif match[1] not in used:
            used.append(match[1])
    stray = re.search(r"[{}]", BLANK_IN_BODY.sub("", entry["body"]))
    if stray:
        problems.append(place.error(
            body, f"The body of template '{name}' has a '{stray[0]}' that does not belong to a blank.",
            "Write each blank as {name}, with both brackets (a message cannot contain curly brackets otherwise)."))

    declared: dict[str, int] = {}
    for index, blank in enumerate(entry["blanks"]):
        blank_path = path + ("blanks", index, "name")
        if blank["name"] in declared:
            problems.append(place.error(
                blank_path,
                f"The blank '{blank['name']}' is declared twice in template '{name}' (first on line {declared[blank['name']]}).",
                "Declare each blank once; remove this one."))
            continue
        declared[blank["name"]] = place.line(*blank_path) or 0
        if blank["name"] not in used:
            problems.append(place.error(
                blank_path, f"Template '{name}' declares the blank '{blank['name']}', but its body never uses it.",
                f"Write {{{blank['name']}}} where it belongs in the body, or remove this blank."))
        if blank["name"].startswith(READER_BLANK):
            label_path = path + ("blanks", index, "label")
            first = reader_labels.setdefault(blank["name"], (blank["label"], place.line(*label_path) or 0))
            if first[0] != blank["label"]:
                problems.append(place.error(
                    label_path,
                    f"The reader's detail '{blank['name']}' is labelled '{blank['label']}' here but '{first[0]}' on line {first[1]}.",
                    "Readers fill in their own details once per page, in one field each: use the same label everywhere."))
    for missing in (blank for blank in used if blank not in declared):
        problems.append(place.error(
            body, f"The body of template '{name}' uses the blank {{{missing}}}, which is not declared.",
            f"Add it under 'blanks:' with a label and an example (- name: {missing}), or fix its spelling."))

    limit = entry.get("limit")
    if limit and not problems:
        length = len(example_text(entry))
        if length > limit:
            problems.append(place.error(
                path + ("limit",),
                f"Template '{name}' filled in with its examples is {length} characters, over its limit of {limit}.",
                f"Shorten the body or the examples by {length - limit} characters: readers start from the example."))
    return problems


def facts(chapter, entry: dict) -> dict:
    return {
        "body": paragraphs(entry["body"]),
        "examples": {blank["name"]: blank["example"] for blank in entry["blanks"]},
        # The reader's own blanks, which share one set of fields per page: [name, label] pairs.
        "you": [[blank["name"], blank["label"]] for blank in entry["blanks"] if blank["name"].startswith(READER_BLANK)],
        "limit": entry.get("limit"),
        "details": DETAILS_KEY,
    }


HTML = template("""
{% from "part.html" import part, section_link, edit_link, actions %}
{% set base = id(chapter, entry.id) %}
{% call part(kind, chapter, entry, links, labelledby=base + "-title") %}
<h3 id="{{ base }}-title">{{ entry.title }}</h3>
<p class="gb-when">{{ words("template.when", when=inline(entry.when)) }}</p>
{% if others %}
{# Shown only with JavaScript (guidebook.css: .no-js): without it the fields could change nothing. #}
<fieldset class="gb-blanks">
<legend>{{ words("template.fill_in") }}</legend>
{#- Each label holds its field, as in the reader's own fields below: no id or for per field. #}
{% for blank in others %}
<label>{{ blank.label }}{{ " " }}<input type="text" data-gb-blank="{{ blank.name }}" autocomplete="off"></label>
{% endfor %}
</fieldset>
{% endif %}
<blockquote class="gb-text" id="{{ base }}-text">
{% for lines in body %}<p>{% for line in lines %}{% if not loop.first %}<br>{% endif %}{{ line }}{% endfor %}</p>{% endfor %}
</blockquote>
{% if entry.get("limit") %}<p class="gb-count">{{ words("template.limit", limit=entry.limit, length=length) }}</p>{% endif %}
<p class="gb-status" role="status"></p>
{{ actions(words, "template", ["copy"]) }}
{% if entry.get("tips") %}
<h4>{{ words("template.tips") }}</h4>
<ul class="gb-tips">{% for tip in entry.tips %}<li>{{ inline(tip) }}</li>{% endfor %}</ul>
{% endif %}
{# On its own chapter's page a template sits in its section already: the link is for the toolkit page. #}
{% if entry.get("section") and not links.section(chapter, entry.section).startswith("#") %}
{{ section_link(chapter, entry.section, links, words) }}
{% endif %}
{{ edit_link(kind, chapter, links, words) }}
{% endcall %}
""")


DETAILS = template("""
{# One per page, before its first template; shown only with JavaScript (guidebook.css: .no-js), from the first
   paint, so that nothing moves when the script fills it in. #}
<fieldset class="gb gb-you" id="gb-you"{% if toolkit %} data-gb-toolkit{% endif %} data-search-exclude>
<legend>{{ words("template.your_details") }}</legend>
{% for name, label in fields %}<label>{{ label }}{{ " " }}<input type="text" data-gb-blank="{{ name }}"></label>{% endfor %}
<label><input type="checkbox">{{ " " }}{{ words("template.remember") }}</label>
</fieldset>
""")


def reader_fields(entries: list[dict]) -> list[tuple[str, str]]:
    """The reader's own blanks (your_...) of these templates, each once, in the order they first come."""
    fields: dict[str, str] = {}
    for entry in entries:
        for blank in entry["blanks"]:
            if blank["name"].startswith(READER_BLANK):
                fields.setdefault(blank["name"], blank["label"])
    return list(fields.items())


def details_form(entries: list[dict], words, toolkit: bool = False) -> Markup:
    """"Your details": one set of fields for the reader's own blanks of every template on a page (nothing
    when none of them has one). On the toolkit page it says so, for the PDF (macros/pdf.py)."""
    fields = reader_fields(entries)
    return render(DETAILS, fields=fields, words=words, toolkit=toolkit) if fields else Markup("")


def _line_with_blanks(line: str, examples: dict[str, str]) -> Markup:
    """One line of the body, escaped, each blank a <mark> showing its example in brackets."""
    def blank(match) -> str:
        return Markup('<mark class="gb-blank" data-gb-blank="{}">[{}]</mark>').format(match[1], examples[match[1]])

    parts, last = [], 0
    for match in BLANK_IN_BODY.finditer(line):
        parts += [escape(line[last:match.start()]), blank(match)]
        last = match.end()
    parts.append(escape(line[last:]))
    return Markup("").join(parts)


def html(chapter, entry: dict, links, words):
    examples = {blank["name"]: blank["example"] for blank in entry["blanks"]}
    body = [[_line_with_blanks(line, examples) for line in lines] for lines in paragraphs(entry["body"])]
    others = [blank for blank in entry["blanks"] if not blank["name"].startswith(READER_BLANK)]
    return render(HTML, kind=KIND, chapter=chapter, entry=entry, links=links, words=words, others=others, body=body,
                  length=len(example_text(entry)))


KIND = Kind("template", "message template", SCHEMA, check, facts, html, in_workbook=False, in_progress=False)

"""The tracker of the reader's people: a tool on a page of its own ({{ tracker("<chapter>/<id>") }} in
docs/people.md), which remembers whom the reader wants to write to, and when.

Its data names what it takes from the chapters: the waits of its suggestions (follow up, nudge, keep in
touch; timings of any chapter, so the dates always agree with the advice), the message template "Write the
message" opens for each (a template of any chapter with the blank {their_name}, which gets the person's
name) and the section on close and loose ties. The people themselves are the reader's, saved on this device
only, under the part's key; the script's module (docs/assets/guidebook/tracker.js) gives their schema.

Without JavaScript the part is a note that the tool needs it and the chapter's contact table, blank, to print
and fill in by hand; the tool's own controls are in the page but hidden until the script draws them.
"""

from __future__ import annotations

import difflib

from .base import Kind, render, template
from .template import BLANK_IN_BODY
from .. import timings as timing_words

# What the tracker suggests, each with the words of the build's messages.
STEPS = {"follow_up": "following up after a first meeting", "nudge": "a nudge after a message without reply",
         "keep_in_touch": "keeping in touch with a close contact"}
NAME_BLANK = "their_name"  # the blank of a template that "Write the message" fills with the person's name
# The blank table to print, and the printed table of the reader's people: the chapter's contact table.
COLUMNS = ("name", "how", "tie", "promised", "next", "due", "last")
PAPER_ROWS = 14  # one A4 page in landscape or portrait

SCHEMA = {
    "tracker": {
        "description": "The reader's own people, on a page of its own: {{ tracker(\"<chapter>/<id>\") }}. It names the "
                       "waits its suggestions use and the message templates they open.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "section", "follow_up", "nudge", "keep_in_touch"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "title": {"$ref": "#/$defs/plain_text"},
            "section": {"description": "The section on close and loose ties, which the question 'How close are you?' "
                                      "links to.", "$ref": "#/$defs/section"},
            "follow_up": {"description": "Offered when the reader adds someone met today.",
                          "$ref": "#/$defs/tracker_step"},
            "nudge": {"description": "Offered when the reader logs a message and no reply has come.",
                      "$ref": "#/$defs/tracker_step"},
            "keep_in_touch": {"description": "Offered for close contacts.", "$ref": "#/$defs/tracker_step"},
        },
    },
    "tracker_step": {
        "type": "object",
        "additionalProperties": False,
        "required": ["timing", "template"],
        "properties": {
            "timing": {"description": "The id of a timing (under 'timings:' in any chapter): the suggestion's date is "
                                      "that long after the meeting or the last contact.", "$ref": "#/$defs/id"},
            "template": {"description": "The message template 'Write the message' opens, as <chapter>/<id>. It needs "
                                        "the blank {their_name}, which gets the person's name.",
                         "$ref": "#/$defs/plain_text"},
        },
    },
}


def _hint(value: str, known) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"Did you mean '{close[0]}'? " if close else ""


def check(trackers: list[dict], place) -> list:
    """Every timing and template a tracker names must exist (in any chapter), and each template must have
    the blank the person's name goes into."""
    problems = []
    found_timings = place.chapter.guidebook_timings
    templates = {f"{slug}/{entry['id']}": entry for slug, chapter_data in place.guidebook.items()
                 for entry in chapter_data.get("templates") or []}
    for index, tracker in enumerate(trackers):
        path = ("trackers", index)
        problems += place.section(tracker, path)
        for step, what in STEPS.items():
            timing_id, reference = tracker[step]["timing"], tracker[step]["template"]
            if timing_id not in found_timings:
                problems.append(place.error(
                    path + (step, "timing"),
                    f"Tracker '{tracker['id']}' takes the date for {what} from the timing '{timing_id}', which no chapter defines.",
                    f"{_hint(timing_id, found_timings)}Use one of: {', '.join(sorted(found_timings)) or 'none yet'} "
                    "(defined under 'timings:')."))
            template_entry = templates.get(reference)
            if template_entry is None:
                problems.append(place.error(
                    path + (step, "template"),
                    f"Tracker '{tracker['id']}' opens the message template '{reference}' for {what}, which does not exist.",
                    f"{_hint(reference, templates)}Use '<chapter>/<id>' with one that exists: "
                    f"{', '.join(sorted(templates)) or 'none yet'}."))
            elif NAME_BLANK not in {match[1] for match in BLANK_IN_BODY.finditer(template_entry["body"])}:
                problems.append(place.error(
                    path + (step, "template"),
                    f"The message template '{reference}' has no blank {{{NAME_BLANK}}}, so the tracker cannot fill in the "
                    "person's name there.",
                    f"Choose a template whose body has {{{NAME_BLANK}}}, or add that blank to this one."))
    return problems


def facts(chapter, tracker: dict) -> dict:
    """Each suggestion's wait (count and unit; months are calendar months) and its words from the data (the
    next step it sets), and the name its files start with."""
    steps = {}
    for step in STEPS:
        timing = chapter.guidebook_timings[tracker[step]["timing"]]
        steps[step] = {**timing_words.facts(timing), "label": timing["label"]}
    return {"steps": steps, "file": tracker["id"]}


def linked_facts(chapter, tracker: dict, links) -> dict:
    """Where "Write the message" goes for each suggestion: the template on the toolkit page, by its HTML id
    (gb-<chapter>-<id>). The script adds the person's name to the fragment, never to the query, so it never
    reaches a server."""
    if not links.toolkit:
        return {}
    return {"messages": {step: f"{links.toolkit}#gb-{tracker[step]['template'].replace('/', '-')}" for step in STEPS},
            "blank": NAME_BLANK}


HTML = template("""
{% from "part.html" import part, section_link %}
{% set base = id(chapter, entry.id) %}
{% call part(kind, chapter, entry, links, words=words) %}
<p class="gb-without-script">{{ words("tracker.without_script") }}</p>
{# No class: Material styles a table without one, also without our script. #}
<table data-gb-paper>
<caption>{{ words("tracker.paper_caption") }}</caption>
<thead><tr>{% for column in columns %}<th scope="col">{{ words("tracker.column_" + column) }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in range(rows) %}<tr>{% for column in columns %}<td></td>{% endfor %}</tr>{% endfor %}</tbody>
</table>
{# The tool: hidden until the script draws it (without JavaScript it could keep nobody). #}
<div class="gb-tool" hidden>
<div class="gb-toolbar">
<button type="button" data-gb-action="add">{{ words("tracker.add") }}</button>
<span class="gb-field"><label for="{{ base }}-search">{{ words("tracker.search") }}</label>
<input type="search" id="{{ base }}-search" data-gb-search autocomplete="off"></span>
<span class="gb-field"><label for="{{ base }}-sort">{{ words("tracker.sort") }}</label>
<select id="{{ base }}-sort" data-gb-sort>
{% for order in ("date", "name", "last") %}<option value="{{ order }}">{{ words("tracker.sort_" + order) }}</option>{% endfor %}
</select></span>
</div>
<p class="gb-counts" role="status"></p>
<p class="gb-status" role="status"></p>
<div class="gb-undo" hidden><button type="button" data-gb-action="undo">{{ words("tracker.undo") }}</button></div>
<p class="gb-empty" hidden>{{ words("tracker.empty") }}</p>
{% for group in groups %}
<section class="gb-group" data-gb-group="{{ group }}" aria-labelledby="{{ base }}-{{ group }}">
<h2 id="{{ base }}-{{ group }}">{{ words("tracker.group_" + group) }} <span class="gb-group-count"></span></h2>
<ul class="gb-people"></ul>
<div class="gb-show-all" hidden><button type="button" data-gb-action="show-all">{{ words("tracker.show_all") }}</button></div>
</section>
{% endfor %}
<section class="gb-files" aria-labelledby="{{ base }}-files">
<h2 id="{{ base }}-files">{{ words("tracker.files") }}</h2>
<div class="gb-actions">
<button type="button" data-gb-action="export-csv">{{ words("tracker.export_csv") }}</button>
<label class="gb-file">{{ words("tracker.import_csv") }}{{ " " }}<input type="file" accept=".csv,text/csv" data-gb-csv></label>
<button type="button" data-gb-action="calendar-all">{{ words("tracker.calendar_all") }}</button>
<button type="button" data-gb-action="print">{{ words("tracker.print") }}</button>
<button type="button" data-gb-action="print-blank">{{ words("tracker.print_blank") }}</button>
</div>
{# (core.js shows every .gb-actions of a part once it is drawn: these wait inside their own box.) #}
<div class="gb-import-check" hidden><div class="gb-actions"><button type="button" data-gb-action="import-csv">{{ words("tracker.import") }}</button>
<button type="button" data-gb-action="cancel-csv">{{ words("tracker.cancel") }}</button></div></div>
<p class="gb-message" role="status"></p>
</section>
<dialog class="gb-person-form" aria-labelledby="{{ base }}-form-title">
<form method="dialog">
<h2 id="{{ base }}-form-title">{{ words("tracker.add") }}</h2>
{% for field, type in fields %}
{% if field == "tie" %}
<fieldset class="gb-tie">
<legend>{{ words("tracker.field_tie") }}</legend>
{% for value in ("close", "loose", "") %}
<label><input type="radio" name="{{ base }}-tie" value="{{ value }}" data-gb-field="tie"{% if not value %} checked{% endif %}>{{ " " }}<span>{{ words("tracker.tie_" + (value or "unsure")) }}</span></label>
{% endfor %}
{{ section_link(chapter, entry.section, links, words) }}
</fieldset>
{% elif type == "checkbox" %}
<label class="gb-met"><input type="checkbox" data-gb-field="{{ field }}">{{ " " }}<span>{{ words("tracker.field_" + field) }}</span></label>
{% else %}
<label for="{{ base }}-{{ field }}">{{ words("tracker.field_" + field) }}</label>
{% if type == "textarea" %}<textarea id="{{ base }}-{{ field }}" data-gb-field="{{ field }}" rows="2" maxlength="5000"></textarea>
{% else %}<input type="{{ type }}" id="{{ base }}-{{ field }}" data-gb-field="{{ field }}" autocomplete="off"
{%- if field == "name" %} required maxlength="200"{% elif type in ("text", "url") %} maxlength="2000"{% endif %}>{% endif %}
{% endif %}
{% endfor %}
<div class="gb-actions"><button type="submit" data-gb-action="save">{{ words("tracker.save") }}</button>
<button type="button" data-gb-action="cancel-edit">{{ words("tracker.cancel") }}</button></div>
</form>
</dialog>
{# One person's details and actions, copied by the script when a reader opens them. #}
<template class="gb-person-body">
<dl class="gb-fields"></dl>
<div class="gb-suggestions"></div>
<div class="gb-actions">
{% for action in ("wrote", "spoke", "replied", "edit", "calendar") %}<button type="button" data-gb-action="{{ action }}">{{ words("tracker." + action) }}</button>{% endfor %}
<a class="gb-write">{{ words("tracker.write") }}</a>
<button type="button" data-gb-action="delete">{{ words("tracker.delete") }}</button>
</div>
</template>
</div>
{% endcall %}
""")

# The form's fields in order, with their input type; labels are tracker.field_<name> in macros/strings/.
FIELDS = (("name", "text"), ("how", "text"), ("met", "checkbox"), ("talked", "textarea"), ("promised", "textarea"),
          ("tie", "radio"), ("next", "text"), ("due", "date"), ("last", "date"), ("url", "url"), ("notes", "textarea"))
GROUPS = ("overdue", "week", "later", "none")


def html(chapter, tracker: dict, links, words):
    return render(HTML, kind=KIND, chapter=chapter, entry=tracker, links=links, words=words, columns=COLUMNS,
                  rows=PAPER_ROWS, fields=FIELDS, groups=GROUPS)


KIND = Kind("tracker", "tracker", SCHEMA, check, facts, html, tool=True, linked_facts=linked_facts)

"""Checklists: concrete actions a reader ticks off, each linked to the section that explains it.

Without JavaScript the boxes are native checkboxes that tick; the script saves each tick with the hash of
the text ticked, so a later edit of an item can say "changed since you ticked it".
"""

from __future__ import annotations

from .base import Kind, render, template, text_hash

SCHEMA = {
    "checklist": {
        "description": "Lists of concrete actions a reader ticks off.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "items"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "title": {"$ref": "#/$defs/plain_text"},
            "intro": {"$ref": "#/$defs/markdown"},
            "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/checklist_item"}},
        },
    },
    "checklist_item": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "text"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "text": {"$ref": "#/$defs/markdown"},
            "why": {"description": "A short hint shown under the item.", "$ref": "#/$defs/markdown"},
            "section": {"$ref": "#/$defs/section"},
        },
    },
}


def check(checklists: list[dict], place) -> list:
    problems = []
    for index, checklist in enumerate(checklists):
        path = ("checklists", index, "items")
        problems += place.unique(checklist["items"], path, f"items of checklist '{checklist['id']}'")
        for item_index, item in enumerate(checklist["items"]):
            problems += place.section(item, path + (item_index,))
    return problems


def facts(chapter, checklist: dict) -> dict:
    # What a tick is saved with: the hash of the item's text as the reader ticked it.
    return {"items": {item["id"]: text_hash(item["text"]) for item in checklist["items"]}}


HTML = template("""
{% from "part.html" import part, section_link, edit_link, actions %}
{% call part(kind, chapter, entry, links) %}
<fieldset>
<legend>{{ entry.title }}</legend>
<p class="gb-source">{{ words("checklist.from_chapter", chapter=chapter.title) }}</p>
{% if entry.get("intro") %}<div class="gb-intro">{{ block(entry.intro) }}</div>{% endif %}
<ul class="gb-items">
{% for item in entry["items"] %}
{% set item_id = id(chapter, entry.id, item.id) %}
<li class="gb-item" data-gb-item="{{ item.id }}">
{#- The label holds its box: no id or for per item (they were a twentieth of a chapter page's bytes), and a
    click on the text still ticks. The why keeps an id, for the box's description. #}
<label><input type="checkbox"
{%- if item.get("why") %} aria-describedby="{{ item_id }}-why"{% endif %}>{{ inline(item.text) }}</label>
{% if item.get("why") %}<p class="gb-why" id="{{ item_id }}-why">{{ inline(item.why) }}</p>{% endif %}
{{ section_link(chapter, item.get("section"), links, words) }}
</li>
{% endfor %}
</ul>
<p class="gb-status" role="status"></p>
{{ actions(words, "checklist", ["print-blank", "print-filled", "reset"]) }}
{{ edit_link(kind, chapter, links, words) }}
</fieldset>
{% endcall %}
""")


def html(chapter, checklist: dict, links, words):
    return render(HTML, kind=KIND, chapter=chapter, entry=checklist, links=links, words=words)


KIND = Kind("checklist", "checklist", SCHEMA, check, facts, html, searchable=True,
            units=lambda checklist: len(checklist["items"]))

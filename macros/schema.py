"""The JSON Schema of a chapter's data file, composed from each kind's fragment (macros/kinds/) and the
timings' (macros/timings.py) on top of the shared definitions below.

The build validates with the composed schema. checklists/schema.json is the same schema written out for
editors (VS Code's YAML extension reads it as you type); tests/test_schema.py fails when it drifts, and
`python -m macros.schema` writes it again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import timings
from .kinds import KINDS

FILE = Path(__file__).resolve().parent.parent / "checklists" / "schema.json"

SHARED = {
    "id": {
        "description": "A stable slug chosen by the author: lower-case letters, digits and single hyphens. Saved "
                       "progress is keyed by it, so do not change it once published.",
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
    },
    "plain_text": {"type": "string", "minLength": 1},
    "markdown": {"description": "Inline Markdown (links, emphasis, code). Raw HTML is shown as text.",
                 "type": "string", "minLength": 1},
    "section": {"description": "The explicit heading id ({#id}) of a section of this chapter.", "$ref": "#/$defs/id"},
}
# The lists a chapter needs even when empty, so that an author sees where each kind goes.
REQUIRED = ["title", "checklists", "knowledge_checks", "self_assessments"]
ID_PATTERN = SHARED["id"]["pattern"]


def _list(definition: str, description: str | None = None) -> dict:
    schema = {"type": "array", "items": {"$ref": f"#/$defs/{definition}"}}
    if description:
        schema = {"description": description, **schema}
    return schema


def compose() -> dict:
    properties = {"title": {"description": "The chapter's title as the workbook and the progress page show it.",
                            "$ref": "#/$defs/plain_text"}}
    definitions = dict(SHARED)
    for kind in KINDS:
        properties[kind.key] = _list(kind.name, kind.schema[kind.name].get("description"))
        for name, definition in kind.lists.items():
            properties[name] = _list(definition, kind.schema[definition].get("description"))
        definitions.update(kind.schema)
    properties[timings.KEY] = _list("timing", timings.SCHEMA["timing"]["description"])
    definitions.update(timings.SCHEMA)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://networking-guidebook.example/checklists/schema.json",
        "title": "A chapter's interactive parts",
        "description": "One file per chapter: checklists/<chapter-slug>.yml belongs to docs/chapters/<chapter-slug>.md. "
                       "Written by `python -m macros.schema` from macros/kinds/ and macros/timings.py; checks the "
                       "schema cannot express (unique ids, section links, correct answers, band coverage, template "
                       "blanks) are made by the same modules.",
        "type": "object",
        "additionalProperties": False,
        "required": REQUIRED,
        "properties": properties,
        "$defs": definitions,
    }


def text() -> str:
    return json.dumps(compose(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    FILE.write_text(text(), "utf-8")
    print(f"wrote {FILE.relative_to(Path.cwd()) if FILE.is_relative_to(Path.cwd()) else FILE}", file=sys.stderr)

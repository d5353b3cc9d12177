"""Each kind of part is one unit per side: a module in macros/kinds/ (schema fragment, checks, facts, HTML)
and one in docs/assets/guidebook/ (draw, change, actions, progress, the schema of its state). These tests hold
the two sides together without a browser: the editors' schema is the composed one, every kind has its script
module with the exports the core calls, and both sides fill in and count a message template the same way."""

from __future__ import annotations

import json
import subprocess

import pytest

from helpers import ROOT
from macros import schema
from macros.kinds import KINDS
from macros.kinds.template import message

SCRIPTS = ROOT / "docs" / "assets" / "guidebook"
VECTORS = json.loads((ROOT / "tests" / "vectors" / "messages.json").read_text("utf-8"))

# What a kind's script module exports, as node sees it (the modules touch no DOM when imported).
EXPORTS = """
const [file] = process.argv.slice(1);
import(file).then((module) => console.log(JSON.stringify(
  Object.fromEntries(Object.entries(module).map(([name, value]) => [name, typeof value === "object" ? value : typeof value])))));
"""


def script_exports(name: str) -> dict:
    result = subprocess.run(["node", "--input-type=module", "-e", EXPORTS, (SCRIPTS / f"{name}.js").as_uri()],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_editors_schema_is_the_composed_one():
    written = json.loads(schema.FILE.read_text("utf-8"))
    assert written == schema.compose(), "checklists/schema.json is out of date: run `python -m macros.schema`"


def test_every_kind_has_its_list_and_its_definitions_in_the_schema():
    composed = schema.compose()
    for kind in KINDS:
        assert composed["properties"][kind.key]["items"] == {"$ref": f"#/$defs/{kind.name}"}
        assert kind.name in composed["$defs"]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_kind_has_a_script_module_with_what_the_core_calls(kind):
    exports = script_exports(kind.name)
    assert exports.get("draw") == "function", f"{kind.name}.js exports no draw()"
    assert exports.get("state", {}).get("type") == "object", f"{kind.name}.js exports no state schema"
    if kind.in_progress:
        assert exports.get("progress") == "function", f"{kind.name}.js exports no progress()"
    assert "actions" not in exports or isinstance(exports["actions"], dict)


@pytest.mark.parametrize("vector", VECTORS["cases"], ids=lambda vector: vector["name"])
def test_python_fills_in_and_counts_a_message_as_the_vectors_say(vector):
    from macros.kinds.template import paragraphs

    assert paragraphs(vector["body"]) == vector["paragraphs"]
    text = message(vector["paragraphs"], vector["examples"], vector["values"])
    assert text == vector["text"]
    assert len(text) == vector["length"]

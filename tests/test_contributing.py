"""The contributor's path: the YAML examples in CONTRIBUTING.md are valid data, every data file is wired to the
schema for editors, and the issue forms and pull request template are well-formed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from helpers import ROOT

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
SCHEMA = json.loads((ROOT / "checklists" / "schema.json").read_text("utf-8"))
SCHEMA_COMMENT = "# yaml-language-server: $schema=./schema.json"
ISSUE_FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
# An example in CONTRIBUTING.md is announced by "<!-- schema: <$defs name> -->" on the line before its fence.
EXAMPLE = re.compile(r"<!-- schema: (?P<definition>\w+) -->\n```yaml\n(?P<yaml>.*?)\n```", re.S)


def examples() -> list[tuple[str, str]]:
    return [(m["definition"], m["yaml"]) for m in EXAMPLE.finditer(CONTRIBUTING.read_text("utf-8"))]


def test_contributing_shows_an_item_a_question_a_statement_a_template_and_a_timing():
    assert sorted(definition for definition, _ in examples()) == ["checklist_item", "question", "statement", "template", "timing"]


@pytest.mark.parametrize("definition, text", examples(), ids=[d for d, _ in examples()])
def test_every_yaml_example_in_contributing_matches_the_schema(definition, text):
    """Written as it would sit in a data file (a list entry, indented); valid against checklists/schema.json."""
    entries = yaml.safe_load(textwrap.dedent(text))
    assert isinstance(entries, list) and entries, "an example is a list entry, as it is pasted into a file"
    validator = jsonschema.Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{definition}"})
    for entry in entries:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(entry)]
        assert not errors, errors


def test_contributing_covers_the_contributors_tasks():
    text = CONTRIBUTING.read_text("utf-8")
    for needle in ('make chapter NAME="', "make serve", "make test", "## Stable ids", "## Content style guide",
                   "## What the checks do", "docs/", "checklists/", "macros/", "tests/", ".codespell-ignore"):
        assert needle in text, needle


def test_contributings_error_examples_have_the_builds_shape():
    """file:line: message + fix, as macros/data.py writes them."""
    block = re.search(r"### How errors read.*?```text\n(.*?)\n```", CONTRIBUTING.read_text("utf-8"), re.S)
    for line in block.group(1).splitlines():
        assert re.match(r"^(checklists/[a-z0-9-]+\.yml|docs/chapters/[a-z0-9-]+\.md):\d+: \S", line), line


def test_every_data_file_names_the_schema_on_its_first_line():
    data_files = sorted((ROOT / "checklists").glob("*.y*ml"))
    wrong = [path.name for path in data_files if path.read_text("utf-8").splitlines()[:1] != [SCHEMA_COMMENT]]
    assert not wrong, f"start these files with '{SCHEMA_COMMENT}' (editors use it to check them): {wrong}"


def test_vscode_checks_the_data_files_against_the_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    schemas = settings["yaml.schemas"]
    assert schemas.get("./checklists/schema.json") == "checklists/*.yml"
    assert (ROOT / "checklists" / "schema.json").is_file()


FORM_FIELD_TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}


def test_there_are_the_three_issue_forms():
    assert {path.name for path in ISSUE_FORMS.glob("*.yml")} >= {
        "suggest-content.yml", "text-error.yml", "site-problem.yml", "config.yml"}


@pytest.mark.parametrize("path", sorted(p for p in ISSUE_FORMS.glob("*.yml") if p.name != "config.yml"),
                         ids=lambda path: path.name)
def test_issue_forms_are_well_formed(path):
    form = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(form["name"], str) and form["name"]
    assert isinstance(form["description"], str) and form["description"]
    ids = []
    for field in form["body"]:
        assert field["type"] in FORM_FIELD_TYPES, field
        attributes = field["attributes"]
        if field["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        ids.append(field["id"])
        assert attributes["label"]
        if field["type"] == "dropdown":
            assert all(isinstance(option, str) for option in attributes["options"]), "quote 'No', 'Yes'"
        if field["type"] == "checkboxes":
            assert all(option["label"] for option in attributes["options"])
    assert len(ids) == len(set(ids)), f"field ids repeat: {ids}"
    assert any(field.get("validations", {}).get("required") for field in form["body"])


def test_issue_config_is_valid():
    config = yaml.safe_load((ISSUE_FORMS / "config.yml").read_text("utf-8"))
    assert isinstance(config["blank_issues_enabled"], bool)


def test_the_pull_request_template_points_at_the_rules():
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text("utf-8")
    assert "Stable ids" in template and "make test" in template


def test_contributor_documents_are_spelled_right():
    codespell = [str(Path(sys.executable).parent / "codespell")]
    ignore = ROOT / ".codespell-ignore"
    if ignore.is_file():
        codespell += ["--ignore-words", str(ignore)]
    result = subprocess.run(codespell + ["CONTRIBUTING.md", "README.md", ".github"], capture_output=True,
                            text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr

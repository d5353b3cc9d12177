"""Load and validate the chapters' interactive data (checklists/*.yml).

Everything is checked before any page renders, and every problem stops the build with one message that
names the file, the line and what to do. checklists/schema.json is the single source of truth for the
format; this module adds the checks a schema cannot express (unique ids, links to sections that exist,
exactly one right answer, result bands that cover 0-100 %, template blanks that match their body).
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml

from .kinds import KINDS, in_words

DATA_DIR = "checklists"
CHAPTERS_DIR = "chapters"  # below docs_dir: docs/chapters/<slug>.md belongs to checklists/<slug>.yml
SCHEMA_FILE = "schema.json"
# The reader's own details (blanks named your_...) are saved, when the reader asks, as "reader/details":
# a chapter with that slug would share its keys.
RESERVED_CHAPTER = "reader"

# What every id (and so every chapter slug, which names its data file) must look like: one definition, in
# the schema, used by the schema's own checks, by the file-name check below and by the script's import check.
ID_PATTERN = json.loads((Path(__file__).parent.parent / DATA_DIR / SCHEMA_FILE).read_text("utf-8"))["$defs"]["id"]["pattern"]

# A heading with an explicit attr_list id, e.g. "## Professional associations {#associations}".
HEADING_WITH_ID = re.compile(r"^#{1,6}\s+(?P<title>.*?)\s*\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")


class DataError(Exception):
    """A problem in an author's file, located as precisely as we can. A plain exception: the glue to the
    site generator (macros/glue.py) turns it into the generator's own build error."""

    def __init__(self, file: str, line: int | None, message: str, fix: str):
        where = f"{file}:{line}" if line else file
        self.text = f"{where}: {message} {fix}"
        super().__init__(self.text)
        self.file, self.line, self.message, self.fix = file, line, message, fix

    def __str__(self) -> str:
        return self.text

    def github_annotation(self) -> str:
        """The workflow command that puts this error on the file and line in a pull request's diff."""
        line = f",line={self.line}" if self.line else ""
        text = f"{self.message} {self.fix}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.file}{line}::{text}"


class DataErrors(DataError):
    """Several problems found in one pass, so that an author fixes them all before the next build (on a
    pull request, each build costs minutes). Each keeps its own file and line."""

    def __init__(self, errors: list[DataError]):
        first = errors[0]
        super().__init__(first.file, first.line, first.message, first.fix)
        self.errors = errors
        self.text = "\n".join(error.text for error in errors)
        self.args = (self.text,)

    def github_annotation(self) -> str:
        return "\n".join(error.github_annotation() for error in self.errors)


def raise_all(errors: list[DataError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise DataErrors([e for error in errors for e in getattr(error, "errors", [error])])


@dataclass(frozen=True)
class Section:
    id: str
    title: str


@dataclass
class Chapter:
    slug: str
    title: str
    data_file: str  # relative to the project, for messages and "edit this data" links
    page_file: str  # relative to docs_dir, e.g. "chapters/<slug>.md"
    summary: str  # the page's front-matter description, reused on the home page and in the workbook
    sections: dict[str, Section]
    components: dict[str, dict] = field(default_factory=dict)  # "<kind>/<id>" -> component
    scales: dict[str, dict] = field(default_factory=dict)

    def get(self, kind: str, component_id: str) -> dict | None:
        return self.components.get(f"{kind}/{component_id}")

    def points(self, assessment: dict, statement: dict) -> list[str]:
        """The answers a statement offers, lowest first: its own scale, else its self-assessment's."""
        return self.scales[statement.get("scale") or assessment["scale"]]["points"]

    def of_kind(self, kind: str) -> list[dict]:
        prefix = f"{kind}/"
        return [c for key, c in self.components.items() if key.startswith(prefix)]


# --- YAML with line numbers ----------------------------------------------------------------------


# libyaml's parser (when PyYAML has it, as its wheels do) reads our files about ten times faster than the
# pure-Python one and marks nodes with the same lines; for 400 chapters that is seconds of every build.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """A safe loader that refuses duplicate keys (PyYAML keeps the last one silently)."""


def _construct_mapping(loader, node, deep=False):
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} appears twice in this mapping", key_node.start_mark
            )
        seen[key] = True
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    # A few keys ("id", "text", "section") repeat thousands of times in a guidebook: share one string each.
    return {sys.intern(key) if isinstance(key, str) else key: value for key, value in mapping.items()}


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line_map(node, path=(), lines=None) -> dict[tuple, int]:
    """Map each path in the document (keys and list indexes) to its 1-based line."""
    lines = {} if lines is None else lines
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = path + (key_node.value,)
            lines[child] = key_node.start_mark.line + 1
            _line_map(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, path + (index,), lines)
    return lines


def _parse_yaml(text: str, file: str):
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        raise DataError(
            file, line, f"This is not valid YAML: {problem}.",
            "Check the indentation and the quoting on this line and the one before it "
            "(text containing ': ' or starting with a special character needs quotes).",
        ) from None
    finally:
        loader.dispose()
    return data, (_line_map(node) if node is not None else {})


# --- Schema errors in words -----------------------------------------------------------------------


def _schema() -> dict:
    return json.loads((Path(__file__).parent.parent / DATA_DIR / SCHEMA_FILE).read_text("utf-8"))


def _describe(path: tuple, data) -> str:
    """Name a place in the data the way an author thinks of it: 'item "pick-a-goal" of checklist "x"'."""
    words, node = [], data
    for step in path:
        node = node[step]
        if isinstance(step, int):
            label = f'"{node["id"]}"' if isinstance(node, dict) and isinstance(node.get("id"), str) else f"number {step + 1}"
            words.append(label)
        else:
            words.append(step.replace("_", " "))
    return " > ".join(words) if words else "the top level"


def slugify(value) -> str:
    """An id made from any text: 'Guía de contactos' -> 'guia-de-contactos'."""
    ascii_text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "my-id"


def _schema_error(error: jsonschema.ValidationError, data, file: str, lines: dict) -> DataError:
    path = tuple(error.absolute_path)
    place = _describe(path, data)
    line = lines.get(path)
    validator, schema = error.validator, error.schema
    if validator == "required":
        missing = error.message.split("'")[1]
        return DataError(file, line, f"{place} is missing the required field '{missing}'.",
                         f"Add '{missing}:' here (see checklists/schema.json for what it holds).")
    if validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in allowed][0]
        line = lines.get(path + (unknown,), line)
        close = difflib.get_close_matches(unknown, allowed, n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        return DataError(file, line, f"{place} has a field '{unknown}' that this format does not know.",
                         f"{hint}Allowed fields here: {', '.join(allowed)}.")
    if validator == "pattern" and path and path[-1] in ("id", "section", "scale", "checklist"):
        return DataError(file, line, f"{place}: {error.instance!r} is not a valid id.",
                         f"Use lower-case letters, digits and single hyphens, e.g. '{slugify(error.instance)}'.")
    if validator == "pattern" and path and path[-1] == "name":
        return DataError(file, line, f"{place}: {error.instance!r} is not a valid blank name.",
                         "Use lower-case letters, digits and single underscores, as in the body's {their_name}, "
                         f"e.g. '{slugify(error.instance).replace('-', '_')}'.")
    if validator == "minItems":
        return DataError(file, line, f"{place} needs at least {schema['minItems']} entries; it has {len(error.instance)}.",
                         "Add entries, or remove the whole block if it is not wanted.")
    if validator == "minLength":
        return DataError(file, line, f"{place} is empty.", "Write the text, or remove the field if it is optional.")
    if validator == "type":
        expected = schema["type"]
        return DataError(file, line, f"{place} should be {_a(expected)}, not {_a(_yaml_type(error.instance))}.",
                         _type_fix(expected))
    if validator == "enum":
        return DataError(file, line, f"{place} is {error.instance!r}.",
                         f"Use one of: {', '.join(map(str, schema['enum']))}.")
    return DataError(file, line, f"{place}: {error.message}.", "See checklists/schema.json for the format.")


def _yaml_type(value) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def _a(type_name) -> str:
    names = {"object": "a mapping (key: value lines)", "array": "a list ('- ' entries)", "string": "text", "integer": "a whole number",
             "boolean": "true or false", "number": "a number", "null": "nothing"}
    return names.get(type_name, str(type_name))


def _type_fix(expected) -> str:
    if expected == "string":
        return "Put the text in quotes if YAML reads it as something else (a number, yes/no, a date)."
    if expected == "integer":
        return "Write a whole number without quotes, e.g. 300."
    if expected == "array":
        return "Write each entry on its own line starting with '- '."
    if expected == "object":
        return "Write 'key: value' lines, indented under this one."
    return "See checklists/schema.json for the format."


# --- Checks beyond the schema ---------------------------------------------------------------------


def _check_unique(entries: list[dict], path: tuple, file: str, lines: dict, what: str) -> None:
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry["id"] in seen:
            raise DataError(
                file, lines.get(path + (index, "id")),
                f"The id '{entry['id']}' is used twice among the {what} (first on line {seen[entry['id']]}).",
                "Give each one its own id; ids that readers' progress is saved under must never be reused.",
            )
        seen[entry["id"]] = lines.get(path + (index, "id"), 0)


def _check_section(entry: dict, path: tuple, chapter: Chapter, file: str, lines: dict) -> None:
    section = entry.get("section")
    if section is not None and section not in chapter.sections:
        known = ", ".join(sorted(chapter.sections)) or "none yet"
        close = difflib.get_close_matches(section, list(chapter.sections), n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        raise DataError(
            file, lines.get(path + ("section",)),
            f"The section '{section}' does not exist in docs/{chapter.page_file}.",
            f"{hint}Use the id of a heading there (written '{{#id}}' after the heading). Ids there: {known}.",
        )


def _check_semantics(data: dict, chapter: Chapter, file: str, lines: dict) -> list[DataError]:
    """Every problem beyond the schema, in file order: each check stands alone, so one bad reference
    (a renamed heading id, say) is reported everywhere it is used, not one build at a time."""
    problems: list[DataError] = []

    def check(function, *args) -> None:
        try:
            function(*args)
        except DataError as error:
            problems.append(error)

    components = [(kind.key, index, entry) for kind in KINDS for index, entry in enumerate(data.get(kind.key, []))]
    seen: dict[str, tuple] = {}
    for kind, index, entry in components:
        if entry["id"] in seen:
            first = lines.get((seen[entry["id"]][0], seen[entry["id"]][1], "id"))
            problems.append(DataError(
                file, lines.get((kind, index, "id")),
                f"The id '{entry['id']}' is used twice in this file (first on line {first}).",
                f"The {in_words([kind.name + 's' for kind in KINDS])} of one chapter need different ids.",
            ))
        seen.setdefault(entry["id"], (kind, index))

    for index, checklist in enumerate(data["checklists"]):
        path = ("checklists", index, "items")
        check(_check_unique, checklist["items"], path, file, lines, f"items of checklist '{checklist['id']}'")
        for item_index, item in enumerate(checklist["items"]):
            check(_check_section, item, path + (item_index,), chapter, file, lines)

    for index, knowledge_check in enumerate(data["knowledge_checks"]):
        path = ("knowledge_checks", index, "questions")
        check(_check_unique, knowledge_check["questions"], path, file, lines,
              f"questions of knowledge check '{knowledge_check['id']}'")
        for q_index, question in enumerate(knowledge_check["questions"]):
            q_path = path + (q_index,)
            check(_check_section, question, q_path, chapter, file, lines)
            check(_check_choices, question, q_path, file, lines)

    scales = data.get("scales", [])
    check(_check_unique, scales, ("scales",), file, lines, "scales")
    scale_ids = {scale["id"] for scale in scales}
    checklist_ids = {checklist["id"] for checklist in data["checklists"]}
    for index, assessment in enumerate(data["self_assessments"]):
        path = ("self_assessments", index)
        if "scale" in assessment and assessment["scale"] not in scale_ids:
            problems.append(DataError(
                file, lines.get(path + ("scale",)),
                f"Self-assessment '{assessment['id']}' uses the scale '{assessment['scale']}', which this file does not define.",
                f"Define it under 'scales:' or use one that exists: {', '.join(sorted(scale_ids)) or 'none yet'}.",
            ))
        check(_check_unique, assessment["statements"], path + ("statements",), file, lines,
              f"statements of self-assessment '{assessment['id']}'")
        for s_index, statement in enumerate(assessment["statements"]):
            s_path = path + ("statements", s_index)
            check(_check_section, statement, s_path, chapter, file, lines)
            if "scale" in statement and statement["scale"] not in scale_ids:
                problems.append(DataError(
                    file, lines.get(s_path + ("scale",)),
                    f"Statement '{statement['id']}' uses the scale '{statement['scale']}', which this file does not define.",
                    f"Define it under 'scales:' or use one that exists: {', '.join(sorted(scale_ids)) or 'none yet'}.",
                ))
            elif "scale" not in statement and "scale" not in assessment:
                problems.append(DataError(
                    file, lines.get(s_path + ("id",)),
                    f"Statement '{statement['id']}' has no scale, and self-assessment '{assessment['id']}' names no default one.",
                    "Add 'scale: <id>' to the statement, or to the self-assessment for all its statements.",
                ))
            if "checklist" in statement and statement["checklist"] not in checklist_ids:
                problems.append(DataError(
                    file, lines.get(s_path + ("checklist",)),
                    f"Statement '{statement['id']}' points at the checklist '{statement['checklist']}', which this chapter does not have.",
                    f"Use one of: {', '.join(sorted(checklist_ids)) or 'none yet'}.",
                ))
        check(_check_unique, assessment["bands"], path + ("bands",), file, lines,
              f"bands of self-assessment '{assessment['id']}'")
        check(_check_bands, assessment, path + ("bands",), file, lines)

    reader_labels: dict[str, tuple[str, int]] = {}  # your_... blank -> its first label and line
    for index, template in enumerate(data.get("templates", [])):
        path = ("templates", index)
        check(_check_section, template, path, chapter, file, lines)
        problems.extend(_template_problems(template, path, file, lines, reader_labels))
    return sorted(problems, key=lambda error: error.line or 0)


# --- Message templates ----------------------------------------------------------------------------

BLANK_IN_BODY = re.compile(r"\{([^{}]*)\}")
BLANK_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
READER_BLANK = "your_"  # blanks about the reader: one field per page, and the only ones ever saved


def message_paragraphs(body: str) -> list[list[str]]:
    """A template's body as a browser shows it: paragraphs (split at blank lines) of lines, each line with
    its runs of spaces collapsed. The script counts characters of exactly this text."""
    paragraphs = re.split(r"\n[ \t]*\n", body.strip())
    return [[" ".join(line.split()) for line in paragraph.splitlines() if line.strip()] for paragraph in paragraphs]


def example_text(template: dict) -> str:
    """The message with every blank filled in with its example, as plain text."""
    examples = {blank["name"]: blank["example"] for blank in template["blanks"]}
    text = "\n\n".join("\n".join(lines) for lines in message_paragraphs(template["body"]))
    return BLANK_IN_BODY.sub(lambda match: examples.get(match[1], match[0]), text)


def _template_problems(template: dict, path: tuple, file: str, lines: dict,
                       reader_labels: dict[str, tuple[str, int]]) -> list[DataError]:
    """Blanks that do not match the body, a bad blank in the body, an example over the limit, and a
    reader's detail labelled two ways (the page shows one field for it)."""
    problems = []
    name = template["id"]
    body_line = lines.get(path + ("body",))
    used = []
    for match in BLANK_IN_BODY.finditer(template["body"]):
        if not BLANK_NAME.match(match[1]):
            problems.append(DataError(
                file, body_line, f"The body of template '{name}' has '{match[0]}', which is not a blank name.",
                "Write blanks in lower case with underscores, e.g. {their_name} (a message cannot contain "
                "curly brackets otherwise)."))
        elif match[1] not in used:
            used.append(match[1])
    stray = re.search(r"[{}]", BLANK_IN_BODY.sub("", template["body"]))
    if stray:
        problems.append(DataError(
            file, body_line, f"The body of template '{name}' has a '{stray[0]}' that does not belong to a blank.",
            "Write each blank as {name}, with both brackets (a message cannot contain curly brackets otherwise)."))

    declared: dict[str, int] = {}
    for index, blank in enumerate(template["blanks"]):
        blank_line = lines.get(path + ("blanks", index, "name"))
        if blank["name"] in declared:
            problems.append(DataError(
                file, blank_line,
                f"The blank '{blank['name']}' is declared twice in template '{name}' (first on line {declared[blank['name']]}).",
                "Declare each blank once; remove this one."))
            continue
        declared[blank["name"]] = blank_line or 0
        if blank["name"] not in used:
            problems.append(DataError(
                file, blank_line, f"Template '{name}' declares the blank '{blank['name']}', but its body never uses it.",
                f"Write {{{blank['name']}}} where it belongs in the body, or remove this blank."))
        if blank["name"].startswith(READER_BLANK):
            first = reader_labels.setdefault(blank["name"], (blank["label"], lines.get(path + ("blanks", index, "label")) or 0))
            if first[0] != blank["label"]:
                problems.append(DataError(
                    file, lines.get(path + ("blanks", index, "label")),
                    f"The reader's detail '{blank['name']}' is labelled '{blank['label']}' here but '{first[0]}' on line {first[1]}.",
                    "Readers fill in their own details once per page, in one field each: use the same label everywhere."))
    for missing in (blank for blank in used if blank not in declared):
        problems.append(DataError(
            file, body_line, f"The body of template '{name}' uses the blank {{{missing}}}, which is not declared.",
            f"Add it under 'blanks:' with a label and an example (- name: {missing}), or fix its spelling."))

    limit = template.get("limit")
    if limit and not problems:
        length = len(example_text(template))
        if length > limit:
            problems.append(DataError(
                file, lines.get(path + ("limit",)),
                f"Template '{name}' filled in with its examples is {length} characters, over its limit of {limit}.",
                f"Shorten the body or the examples by {length - limit} characters: readers start from the example."))
    return problems


def _check_choices(question: dict, path: tuple, file: str, lines: dict) -> None:
    choices = question["choices"]
    if len(choices) < 2:
        raise DataError(file, lines.get(path + ("choices",)),
                        f"Question '{question['id']}' has {len(choices)} choice(s).",
                        "Give it at least two choices (a true/false question has 'True' and 'False').")
    _check_unique(choices, path + ("choices",), file, lines, f"choices of question '{question['id']}'")
    correct = [choice["id"] for choice in choices if choice.get("correct")]
    line = lines.get(path + ("type",))
    if question["type"] == "single" and len(correct) != 1:
        raise DataError(file, line,
                        f"Single-choice question '{question['id']}' has {len(correct)} correct choices.",
                        "Mark exactly one choice 'correct: true', or make it 'type: multiple'.")
    if question["type"] == "multiple" and not correct:
        raise DataError(file, line,
                        f"Multiple-choice question '{question['id']}' has no correct choice.",
                        "Mark at least one choice 'correct: true'.")


def _check_bands(assessment: dict, path: tuple, file: str, lines: dict) -> None:
    expected_from = 0
    bands = assessment["bands"]
    for index, band in enumerate(bands):
        line = lines.get(path + (index, "from"))
        if band["from"] != expected_from:
            gap_or_overlap = "leaves a gap" if band["from"] > expected_from else "overlaps the band before it"
            raise DataError(
                file, line,
                f"Band '{band['id']}' of self-assessment '{assessment['id']}' starts at {band['from']} % and {gap_or_overlap}.",
                f"Start it at {expected_from} (where the previous band ends), so the bands cover 0-100 % exactly once.",
            )
        if band["to"] <= band["from"]:
            raise DataError(file, lines.get(path + (index, "to")),
                            f"Band '{band['id']}' ends at {band['to']} %, not after it starts ({band['from']} %).",
                            "Make 'to' larger than 'from'.")
        expected_from = band["to"]
    if expected_from != 100:
        raise DataError(
            file, lines.get(path + (len(bands) - 1, "to")),
            f"The last band of self-assessment '{assessment['id']}' ends at {expected_from} %, leaving a gap up to 100 %.",
            "End the last band at 100.",
        )


# --- Pages ----------------------------------------------------------------------------------------


# YAML front matter as MkDocs reads it: between a first line of "---" and a line of "---" or "...".
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def read_front_matter(text: str) -> dict:
    """A page's front matter (empty when it has none or it is not a mapping; MkDocs reports bad YAML)."""
    match = FRONT_MATTER.match(text)
    try:
        meta = yaml.load(match[1], Loader=_SafeLoader) if match else None
    except yaml.YAMLError:
        meta = None
    return meta if isinstance(meta, dict) else {}


def read_sections(page_path: Path) -> dict[str, Section]:
    """The headings of a chapter page that carry an explicit id, which data may link to."""
    sections = {}
    in_fence = False
    for line in page_path.read_text("utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else HEADING_WITH_ID.match(line)
        if match:
            sections[match["id"]] = Section(match["id"], match["title"].strip())
    return sections


def load_chapter(data_path: Path, project_dir: Path, docs_dir: Path, schema: dict) -> Chapter:
    file = data_path.relative_to(project_dir).as_posix()
    raw = data_path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(file, line, "This file is not UTF-8 text.",
                        "Save it as UTF-8 in your editor (in VS Code: 'Save with Encoding' > UTF-8).") from None
    data, lines = _parse_yaml(text, file)
    if not isinstance(data, dict):
        raise DataError(file, 1, "This file has no chapter data.",
                        "Start from the example in CONTRIBUTING.md or run `make chapter`.")
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data),
                    key=lambda e: (lines.get(tuple(e.absolute_path), 0), -len(e.absolute_path)))
    if errors:
        raise _schema_error(errors[0], data, file, lines)

    slug = data_path.stem
    if not re.fullmatch(ID_PATTERN, slug):
        raise DataError(file, 1, f"The file name '{slug}' is not a valid chapter id: saved progress and links use it.",
                        f"Use lower-case letters, digits and single hyphens: rename the file and its page to "
                        f"'{slugify(slug)}' (checklists/{slugify(slug)}.yml, docs/{CHAPTERS_DIR}/{slugify(slug)}.md).")
    if slug == RESERVED_CHAPTER:
        raise DataError(file, None, f"A chapter cannot be named '{slug}': readers' own details are saved under that name.",
                        f"Rename this file and its page, e.g. checklists/for-readers.yml and docs/chapters/for-readers.md.")
    page_file = f"{CHAPTERS_DIR}/{slug}.md"
    page_path = docs_dir / page_file
    if not page_path.is_file():
        raise DataError(file, None, f"There is no chapter page docs/{page_file} for this data file.",
                        f"Name the data file after its chapter page (checklists/<page-name>.yml), or create the page.")
    chapter = Chapter(slug=slug, title=data["title"], data_file=file, page_file=page_file,
                      summary=str(read_front_matter(page_path.read_text("utf-8")).get("description", "")),
                      sections=read_sections(page_path))
    raise_all(_check_semantics(data, chapter, file, lines))
    for kind in KINDS:
        for component in data.get(kind.key, []):
            chapter.components[f"{kind.key}/{component['id']}"] = component
    chapter.scales = {scale["id"]: scale for scale in data.get("scales", [])}
    return chapter


def load_guidebook(project_dir: Path, docs_dir: Path) -> dict[str, Chapter]:
    """Every chapter's data, validated, in file-name order, keyed by chapter slug."""
    schema = _schema()
    chapters, problems = {}, []
    for data_path in sorted((project_dir / DATA_DIR).glob("*.y*ml")):
        if data_path.suffix not in (".yml", ".yaml"):
            continue
        try:
            chapter = load_chapter(data_path, project_dir, docs_dir, schema)
        except DataError as error:
            problems.append(error)  # and go on: the other files may have mistakes too
            continue
        chapters[chapter.slug] = chapter
    raise_all(problems)
    return chapters

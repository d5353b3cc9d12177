"""Load and validate the chapters' interactive data (checklists/*.yml).

Everything is checked before any page renders, and every problem stops the build with one message that
names the file, the line and what to do. The schema (macros/schema.py, composed from each kind's fragment)
checks the format; each kind's module adds the checks a schema cannot express (unique ids, links to sections
that exist, exactly one right answer, result bands that cover 0-100 %, template blanks that match their body),
and this module those across kinds and files (ids unique in a file, timings unique in the guidebook).
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml
from slugify import slugify as _slugify

from . import schema as chapter_schema
from . import timings
from .kinds import KINDS, Place, in_words
from .kinds.template import RESERVED_CHAPTER

DATA_DIR = "checklists"
CHAPTERS_DIR = "chapters"  # below docs_dir: docs/chapters/<slug>.md belongs to checklists/<slug>.yml
# What every id (and so every chapter slug, which names its data file) must look like: one definition, in
# the schema, used by the schema's own checks, by the file-name check below and by the script's import check.
ID_PATTERN = chapter_schema.ID_PATTERN

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
    components: dict[str, dict] = field(default_factory=dict)  # "<kind list>/<id>" -> component
    lists: dict[str, dict[str, dict]] = field(default_factory=dict)  # a kind's other lists (scales), by id
    timings: dict[str, dict] = field(default_factory=dict)
    # Every timing of the guidebook by id (pages and tools name them without their chapter).
    guidebook_timings: dict[str, dict] = field(default_factory=dict)

    def get(self, kind: str, component_id: str) -> dict | None:
        """One part, by its kind's list ("checklists") and its id."""
        return self.components.get(f"{kind}/{component_id}")

    def of_kind(self, kind: str) -> list[dict]:
        prefix = f"{kind}/"
        return [c for key, c in self.components.items() if key.startswith(prefix)]

    @property
    def scales(self) -> dict[str, dict]:
        return self.lists.get("scales", {})


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
    """An id made from any text, the one slugify of the project: 'Guía de contactos' -> 'guia-de-contactos'."""
    return _slugify(str(value)) or "my-id"


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
                         schema.get("x-fix", "Add entries, or remove the whole block if it is not wanted."))
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


@dataclass
class _File:
    """A chapter's data file read and checked against the schema: what the cross-file checks need."""

    path: Path
    file: str
    data: dict
    lines: dict


def _read(data_path: Path, project_dir: Path, validator) -> _File:
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
    errors = sorted(validator.iter_errors(data),
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
                        "Rename this file and its page, e.g. checklists/for-readers.yml and docs/chapters/for-readers.md.")
    return _File(data_path, file, data, lines)


def _expand_timings(value, path: tuple, found: dict[str, dict], words, source: _File, problems: list):
    """Every {{ timing("id") }} in the file's text, in words ("3 days"); a reference to a timing that does
    not exist is a problem at the line of its text."""
    if isinstance(value, dict):
        return {key: _expand_timings(item, path + (key,), found, words, source, problems) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand_timings(item, path + (index,), found, words, source, problems) for index, item in enumerate(value)]
    if not isinstance(value, str) or "timing(" not in value:
        return value

    def replace(match) -> str:
        timing = found.get(match[1])
        if timing is None:
            close = difflib.get_close_matches(match[1], list(found), n=1)
            problems.append(DataError(
                source.file, source.lines.get(path), f"The text refers to the timing '{match[1]}', which no chapter defines.",
                (f"Did you mean '{close[0]}'? " if close else "")
                + f"Use one of: {', '.join(sorted(found)) or 'none yet'} (defined under 'timings:')."))
            return match[0]
        return timings.text(timing, words)

    return timings.REFERENCE.sub(replace, value)


def _timings(files: list[_File], problems: list) -> dict[str, dict]:
    """Every timing of the guidebook by id (ids are unique across chapters: pages name them without one)."""
    found: dict[str, dict] = {}
    where: dict[str, str] = {}
    for source in files:
        for index, timing in enumerate(source.data.get(timings.KEY, [])):
            line = source.lines.get((timings.KEY, index, "id"))
            if timing["id"] in found:
                problems.append(DataError(
                    source.file, line, f"The timing '{timing['id']}' is defined twice (first in {where[timing['id']]}).",
                    "Timings are named without their chapter, so each id must be unique in the guidebook."))
                continue
            found[timing["id"]] = {**timing, "chapter": source.path.stem}
            where[timing["id"]] = f"{source.file}:{line}"
    return found


def _chapter(source: _File, docs_dir: Path, found_timings: dict[str, dict], words, files: dict[str, dict]) -> Chapter:
    slug = source.path.stem
    page_file = f"{CHAPTERS_DIR}/{slug}.md"
    page_path = docs_dir / page_file
    if not page_path.is_file():
        raise DataError(source.file, None, f"There is no chapter page docs/{page_file} for this data file.",
                        "Name the data file after its chapter page (checklists/<page-name>.yml), or create the page.")
    problems: list[DataError] = []
    data = _expand_timings(source.data, (), found_timings, words, source, problems)
    chapter = Chapter(slug=slug, title=data["title"], data_file=source.file, page_file=page_file,
                      summary=str(read_front_matter(page_path.read_text("utf-8")).get("description", "")),
                      sections=read_sections(page_path), guidebook_timings=found_timings)
    chapter.lists = {name: {entry["id"]: entry for entry in data.get(name, [])} for kind in KINDS for name in kind.lists}
    place = Place(source.file, source.lines, chapter, data, files)

    # Ids are unique across the kinds of one file: they name the parts' HTML ids and saved progress.
    seen: dict[str, tuple] = {}
    for kind in KINDS:
        for index, entry in enumerate(data.get(kind.key, [])):
            if entry["id"] in seen:
                problems.append(place.error(
                    (kind.key, index, "id"), f"The id '{entry['id']}' is used twice in this file "
                    f"(first on line {source.lines.get(seen[entry['id']] + ('id',))}).",
                    f"The {in_words([k.label + 's' for k in KINDS])} of one chapter need different ids."))
            seen.setdefault(entry["id"], (kind.key, index))
    for kind in KINDS:
        problems += kind.check(data.get(kind.key, []), place)
    for index, timing in enumerate(data.get(timings.KEY, [])):
        problems += place.section(timing, (timings.KEY, index))
    raise_all(sorted(problems, key=lambda error: error.line or 0))

    for kind in KINDS:
        for entry in data.get(kind.key, []):
            chapter.components[f"{kind.key}/{entry['id']}"] = entry
    chapter.timings = {t["id"]: t for t in data.get(timings.KEY, [])}
    return chapter


def load_guidebook(project_dir: Path, docs_dir: Path, words=None) -> dict[str, Chapter]:
    """Every chapter's data, validated, in file-name order, keyed by chapter slug. `words` (macros/strings.py)
    writes timings in the page's language; English when not given."""
    if words is None:
        from .strings import load_words

        words, _ = load_words("en")
    validator = jsonschema.Draft202012Validator(chapter_schema.compose())
    files, problems = [], []
    for data_path in sorted((project_dir / DATA_DIR).glob("*.y*ml")):
        if data_path.suffix not in (".yml", ".yaml"):
            continue
        try:
            files.append(_read(data_path, project_dir, validator))
        except DataError as error:
            problems.append(error)  # and go on: the other files may have mistakes too
    found_timings = _timings(files, problems)
    by_slug = {source.path.stem: source.data for source in files}
    chapters = {}
    for source in files:
        try:
            chapters[source.path.stem] = _chapter(source, docs_dir, found_timings, words, by_slug)
        except DataError as error:
            problems.append(error)
    raise_all(problems)
    return chapters

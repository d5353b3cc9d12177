"""The interface's words in the site's language (macros/strings/<language>.yml), English where a
translation lacks a key.

Every string is a whole sentence with named placeholders ("{done} of {total} done"), never a fragment to
glue to another, because word order and plurals differ between languages. A string may instead be a mapping
of plural categories (one, other, ...): the script picks from those of the `script` group with
Intl.PluralRules, the macros from the others with Words.plural().
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup, escape

STRINGS_DIR = Path(__file__).parent / "strings"
FALLBACK = "en"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PLURAL_CATEGORIES = {"zero", "one", "two", "few", "many", "other"}


@dataclass(frozen=True)
class Words:
    language: str
    table: dict[str, dict]

    def __call__(self, key: str, **values) -> Markup:
        """One string as HTML: the template escaped, each placeholder filled with its escaped value
        (Markup values, such as rendered data text, go in as they are)."""
        group, name = key.split(".")
        html = PLACEHOLDER.sub(lambda match: str(escape(values[match[1]])), str(escape(self.table[group][name])))
        # Characters beyond ASCII as references: one character beyond Latin-1 would make Python hold the
        # whole page (kept until the build ends) at two or four bytes per character.
        return Markup(html.encode("ascii", "xmlcharrefreplace").decode("ascii"))

    def plural(self, key: str, count: int, **values) -> Markup:
        """A string with plural forms (one, other) for a count, e.g. timing.day: "a day" / "{count} days". Only
        "one" and "other" are told apart here, which fits English and Spanish; the script's own plurals use
        the browser's Intl.PluralRules."""
        group, name = key.split(".")
        forms = self.table[group][name]
        if isinstance(forms, dict):
            forms = forms.get("one" if count == 1 else "other", forms["other"])
        return Words(self.language, {group: {name: forms}})(key, count=count, **values)

    def script(self) -> dict:
        """What the script (docs/assets/guidebook/) needs: its own strings and the language to format numbers and dates in."""
        return {"language": self.language, **self.table["script"]}


def _read(path: Path) -> dict:
    table = yaml.safe_load(path.read_text("utf-8")) or {}
    if not isinstance(table, dict) or not all(isinstance(group, dict) for group in table.values()):
        raise ValueError(f"{path.name} must map groups to 'key: text' lines, as {FALLBACK}.yml does")
    return table


def _placeholders(text) -> set[str]:
    texts = text.values() if isinstance(text, dict) else [text]
    return {name for value in texts for name in PLACEHOLDER.findall(str(value))}


def load_words(language: str, directory: Path = STRINGS_DIR) -> tuple[Words, list[str]]:
    """The words for `language`, and the problems a translator must fix (for the build to warn about):
    a missing file or key (English is used meanwhile), a key English does not have, a string whose
    placeholders differ from the English one, or plural forms without 'other'."""
    english = _read(directory / f"{FALLBACK}.yml")
    path = directory / f"{language}.yml"
    if language == FALLBACK:
        return Words(language, english), []
    if not path.is_file():
        return Words(language, english), [
            f"There is no macros/strings/{language}.yml for theme.language '{language}', so the interface "
            f"is in English. Copy macros/strings/{FALLBACK}.yml to {language}.yml and translate it."]
    translation, problems = _read(path), []
    table = {}
    for group, strings in english.items():
        ours = translation.get(group) or {}
        table[group] = {}
        for name, text in strings.items():
            key = f"{group}.{name}"
            if name not in ours:
                problems.append(f"macros/strings/{language}.yml lacks '{key}' (English is shown): {text!r}")
                table[group][name] = text
                continue
            table[group][name] = ours[name]
            if _placeholders(ours[name]) != _placeholders(text):
                problems.append(f"macros/strings/{language}.yml: '{key}' must use the placeholders "
                                f"{sorted(_placeholders(text))}, as English does; it uses {sorted(_placeholders(ours[name]))}.")
            if isinstance(ours[name], dict) and ("other" not in ours[name] or set(ours[name]) - PLURAL_CATEGORIES):
                problems.append(f"macros/strings/{language}.yml: '{key}' needs plural forms named from "
                                f"{sorted(PLURAL_CATEGORIES)}, 'other' among them.")
    for group, strings in translation.items():
        for name in strings or {}:
            if name not in english.get(group, {}):
                problems.append(f"macros/strings/{language}.yml has '{group}.{name}', which English does not: "
                                "a typo, or a string no longer used?")
    return Words(language, table), problems

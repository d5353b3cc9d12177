"""The kinds of interactive part a chapter can have: the one table the rest of the code reads.

Data validation, the macros a page calls, the workbook, the benchmark and the tests all take the kinds from
here, so a new kind is one line below (plus its function in render.py, its entry in checklists/schema.json
and what guidebook.js does with it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str  # its list in checklists/<slug>.yml, e.g. "checklists"
    macro: str  # what a page calls, {{ checklist("<slug>/<id>") }}, and the function of render.py that draws one
    name: str  # what an author calls one, in the build's messages (a reader's words are in macros/strings/)
    in_workbook: bool = True  # the workbook gathers every part to work through; templates have the toolkit

    @property
    def html(self) -> str:
        """The value render.py writes in data-gb-kind and the class gb-<value>."""
        return self.macro.replace("_", "-")


KINDS = (
    Kind("checklists", "checklist", "checklist"),
    Kind("knowledge_checks", "knowledge_check", "knowledge check"),
    Kind("self_assessments", "self_assessment", "self-assessment"),
    Kind("templates", "template", "message template", in_workbook=False),
)
BY_KEY = {kind.key: kind for kind in KINDS}
BY_MACRO = {kind.macro: kind for kind in KINDS}


def in_words(names: list[str]) -> str:
    """'a, b and c'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

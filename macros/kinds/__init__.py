"""The kinds of interactive part a chapter can have: one module each, registered here.

Data validation (its schema and checks), the macros a page calls, the workbook, the toolkit, the progress
page, the benchmark and the tests all take the kinds from KINDS. Adding a kind is a module here, a line
below, the script's module docs/assets/guidebook/<name>.js, and its fixtures and tests (CONTRIBUTING.md,
"Add a kind of part").
"""

from __future__ import annotations

from . import checklist, knowledge_check, self_assessment, template, tracker
from .base import Kind, Links, Place, element_id, part_facts, text_hash

KINDS: tuple[Kind, ...] = (
    checklist.KIND,
    knowledge_check.KIND,
    self_assessment.KIND,
    template.KIND,
    tracker.KIND,
)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_KEY = {kind.key: kind for kind in KINDS}

__all__ = ["KINDS", "BY_NAME", "BY_KEY", "Kind", "Links", "Place", "element_id", "part_facts", "text_hash", "in_words"]


def in_words(names: list[str]) -> str:
    """'a, b and c'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

"""How long the guidebook's advice says to wait: follow up within 3 days, nudge after a week, keep in touch every
3 months. Each timing is data in the chapter that teaches it (`timings:`), so the text, the templates, the
diagrams and the reader's tools read one number and can never disagree.

A page writes `{{ timing("follow-up") }}` and a data file's text the same; both become words such as
"3 days" in the page's language. Timing ids are unique across the whole guidebook.
"""

from __future__ import annotations

import re

KEY = "timings"
SCHEMA = {
    "timing": {
        "description": "A wait the chapter's advice names. Pages and data text write {{ timing(\"<id>\") }}; the "
                       "tracker and the diagrams read the count, so text and tools never disagree.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "label", "count", "unit", "section"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "label": {"description": "What the reader does when the time comes, e.g. 'Follow up': the timeline "
                                     "diagram and the reader's tracker say it.", "$ref": "#/$defs/plain_text"},
            "count": {"description": "How many units, e.g. 3 for 3 days.", "type": "integer", "minimum": 1},
            "unit": {"enum": ["day", "week", "month"]},
            "section": {"description": "The section that gives the advice.", "$ref": "#/$defs/section"},
        },
    },
}
# {{ timing("follow-up") }}, as in a page, inside a data file's text.
REFERENCE = re.compile(r"""\{\{\s*timing\(\s*["']([^"']*)["']\s*\)\s*\}\}""")


def text(timing: dict, words) -> str:
    """'3 days', 'a week': the count in the unit's words, in the page's language."""
    return str(words.plural(f"timing.{timing['unit']}", timing["count"]))


def days(timing: dict) -> int:
    """A rough length in days, for ordering and for diagrams (a month counts as 30 days)."""
    return timing["count"] * {"day": 1, "week": 7, "month": 30}[timing["unit"]]


def facts(timing: dict) -> dict:
    """What the script needs to put a date on it: the count and the unit (months are calendar months)."""
    return {"count": timing["count"], "unit": timing["unit"]}

"""Self-assessments: statements the reader rates on a scale; the result maps to bands with advice.

Every statement weighs the same whatever its scale: the lowest answer scores 0 points and the highest the
same number of points for every statement (the least common multiple of the scales' steps), so a yes/no
fact counts as much as a five-step habit, all-lowest is 0 % and all-highest 100 %, on screen and on paper.
Without JavaScript the points and bands are printed for scoring by hand.
"""

from __future__ import annotations

import math

from markupsafe import Markup

from .base import Kind, render, template

SCHEMA = {
    "self_assessment": {
        "description": "Statements the reader rates; the result maps to bands with advice.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "statements", "bands"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "title": {"$ref": "#/$defs/plain_text"},
            "intro": {"$ref": "#/$defs/markdown"},
            "scale": {
                "description": "The id of one of this file's scales, used by every statement that names none of its "
                               "own. Pick a scale that fits the statements: how often for habits, yes/no or "
                               "agreement for states.",
                "$ref": "#/$defs/id",
            },
            "statements": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/statement"}},
            "bands": {
                "description": "Result bands by share of the maximum score, in order: the first starts at 0, each "
                               "starts where the previous one ends, the last ends at 100.",
                "type": "array", "minItems": 1, "items": {"$ref": "#/$defs/band"},
            },
        },
    },
    "statement": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "text", "advice", "section"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "text": {
                "description": "One observable behaviour or fact, e.g. 'In the past month I contacted someone "
                               "without needing anything from them'.",
                "$ref": "#/$defs/markdown",
            },
            "scale": {
                "description": "The id of one of this file's scales, when this statement needs another scale than "
                               "its self-assessment's.",
                "$ref": "#/$defs/id",
            },
            "advice": {"description": "What to do when this statement is rated low.", "$ref": "#/$defs/markdown"},
            "section": {"$ref": "#/$defs/section"},
            "checklist": {"description": "The id of a checklist in this chapter that helps.", "$ref": "#/$defs/id"},
        },
    },
    "scale": {
        "description": "Rating scales that self-assessments refer to by id.",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "points"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "points": {
                "description": "The answers from lowest to highest. Every statement weighs the same: its lowest "
                               "answer scores 0 and its highest as many points as any other statement's highest, "
                               "so rating everything lowest gives 0 % and everything highest 100 %.",
                "type": "array", "minItems": 2, "items": {"$ref": "#/$defs/plain_text"},
            },
        },
    },
    "band": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "from", "to", "advice"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "title": {"$ref": "#/$defs/plain_text"},
            "from": {"description": "Lowest share in per cent, inclusive.", "type": "number", "minimum": 0, "maximum": 100},
            "to": {"description": "Highest share in per cent; exclusive except for the last band, which ends at 100.",
                   "type": "number", "minimum": 0, "maximum": 100},
            "advice": {"$ref": "#/$defs/markdown"},
        },
    },
}


def answers(chapter, assessment: dict, statement: dict) -> list[str]:
    """The answers a statement offers, lowest first: its own scale, else its self-assessment's."""
    return chapter.scales[statement.get("scale") or assessment["scale"]]["points"]


def points(chapter, assessment: dict) -> dict[str, list[int]]:
    """Each statement's points per answer, lowest first: 0 up to the same top for every statement."""
    steps = {statement["id"]: len(answers(chapter, assessment, statement)) - 1 for statement in assessment["statements"]}
    top = math.lcm(*steps.values())
    return {statement_id: [position * top // count for position in range(count + 1)] for statement_id, count in steps.items()}


def check(assessments: list[dict], place) -> list:
    problems = []
    scales = place.data.get("scales", [])
    problems += place.unique(scales, ("scales",), "scales")
    scale_ids = {scale["id"] for scale in scales}
    known = ", ".join(sorted(scale_ids)) or "none yet"
    checklist_ids = {checklist["id"] for checklist in place.data.get("checklists", [])}
    for index, assessment in enumerate(assessments):
        path = ("self_assessments", index)
        if "scale" in assessment and assessment["scale"] not in scale_ids:
            problems.append(place.error(
                path + ("scale",),
                f"Self-assessment '{assessment['id']}' uses the scale '{assessment['scale']}', which this file does not define.",
                f"Define it under 'scales:' or use one that exists: {known}."))
        problems += place.unique(assessment["statements"], path + ("statements",),
                                 f"statements of self-assessment '{assessment['id']}'")
        for s_index, statement in enumerate(assessment["statements"]):
            s_path = path + ("statements", s_index)
            problems += place.section(statement, s_path)
            if "scale" in statement and statement["scale"] not in scale_ids:
                problems.append(place.error(
                    s_path + ("scale",),
                    f"Statement '{statement['id']}' uses the scale '{statement['scale']}', which this file does not define.",
                    f"Define it under 'scales:' or use one that exists: {known}."))
            elif "scale" not in statement and "scale" not in assessment:
                problems.append(place.error(
                    s_path + ("id",),
                    f"Statement '{statement['id']}' has no scale, and self-assessment '{assessment['id']}' names no default one.",
                    "Add 'scale: <id>' to the statement, or to the self-assessment for all its statements."))
            if "checklist" in statement and statement["checklist"] not in checklist_ids:
                problems.append(place.error(
                    s_path + ("checklist",),
                    f"Statement '{statement['id']}' points at the checklist '{statement['checklist']}', which this chapter does not have.",
                    f"Use one of: {', '.join(sorted(checklist_ids)) or 'none yet'}."))
        problems += place.unique(assessment["bands"], path + ("bands",), f"bands of self-assessment '{assessment['id']}'")
        problems += _bands(assessment, path + ("bands",), place)
    return problems


def _bands(assessment: dict, path: tuple, place) -> list:
    expected_from = 0
    bands = assessment["bands"]
    for index, band in enumerate(bands):
        if band["from"] != expected_from:
            gap_or_overlap = "leaves a gap" if band["from"] > expected_from else "overlaps the band before it"
            return [place.error(
                path + (index, "from"),
                f"Band '{band['id']}' of self-assessment '{assessment['id']}' starts at {band['from']} % and {gap_or_overlap}.",
                f"Start it at {expected_from} (where the previous band ends), so the bands cover 0-100 % exactly once.")]
        if band["to"] <= band["from"]:
            return [place.error(path + (index, "to"),
                                f"Band '{band['id']}' ends at {band['to']} %, not after it starts ({band['from']} %).",
                                "Make 'to' larger than 'from'.")]
        expected_from = band["to"]
    if expected_from != 100:
        return [place.error(
            path + (len(bands) - 1, "to"),
            f"The last band of self-assessment '{assessment['id']}' ends at {expected_from} %, leaving a gap up to 100 %.",
            "End the last band at 100.")]
    return []


def facts(chapter, assessment: dict) -> dict:
    # Ratings are saved as the position of the answer (1 = lowest), so scoring them needs each answer's points.
    return {"statements": points(chapter, assessment),
            "bands": [{"id": b["id"], "title": b["title"], "from": b["from"], "to": b["to"]} for b in assessment["bands"]]}


HTML = template("""
{% from "part.html" import part, section_link, edit_link, actions %}
{% call part(kind, chapter, entry, links) %}
{% if entry.get("intro") %}<div class="gb-intro">{{ block(entry.intro) }}</div>{% endif %}
<p class="gb-scale-help">{{ words("self_assessment.points", points=scale_help) }}</p>
{% for statement in entry.statements %}
{% set s_id = id(chapter, entry.id, statement.id) %}
<fieldset class="gb-statement" data-gb-statement="{{ statement.id }}">
<legend><span class="gb-number">{{ loop.index }}.</span>{{ " " }}<span class="gb-statement-text">{{ inline(statement.text) }}</span></legend>
<div class="gb-scale">
{% for answer in answers(chapter, entry, statement) %}
<label class="gb-point"><input type="radio" name="{{ s_id }}" value="{{ loop.index }}"><span>{{ answer }}</span></label>
{% endfor %}
</div>
<details class="gb-advice">
<summary>{{ words("self_assessment.if_not_you") }}</summary>
{{ block(statement.advice) }}
{{ section_link(chapter, statement.section, links, words) }}
{% if statement.get("checklist") %}
{% set target = chapter.get("checklists", statement.checklist) %}
<p class="gb-more">{{ words("self_assessment.checklist_link", checklist=link(links.section(chapter, id(chapter, target.id)), target.title)) }}</p>
{% endif %}
</details>
</fieldset>
{% endfor %}
<div class="gb-bands">
<p>{{ words("self_assessment.on_paper", max=maximum) }}</p>
<dl>
{% for band in entry.bands %}
<dt data-gb-band="{{ band.id }}">{{ band.title }}{{ " " }}<span class="gb-range">{{ ranges[loop.index0] }}</span></dt>
<dd>{{ block(band.advice) }}</dd>
{% endfor %}
</dl>
</div>
<div class="gb-result" role="status"></div>
{{ actions(words, "self_assessment", ["score", "retake", "print-result"]) }}
{{ edit_link(kind, chapter, links, words) }}
{% endcall %}
""")


def html(chapter, assessment: dict, links, words):
    scored = points(chapter, assessment)
    # One line of points per distinct scale, in the order the statements first use them.
    scales = {}
    for statement in assessment["statements"]:
        labels = tuple(answers(chapter, assessment, statement))
        scales.setdefault(labels, scored[statement["id"]])
    scale_help = Markup("; ").join(
        Markup(", ").join(words("self_assessment.point", answer=label, points=value) for label, value in zip(labels, values))
        for labels, values in scales.items())
    maximum = sum(values[-1] for values in scored.values())
    bands = assessment["bands"]
    ranges = [words("self_assessment.band_range", **{"from": f"{band['from']:g}", "to": f"{band['to']:g}"})
              if band is not bands[-1] else words("self_assessment.last_band_range", **{"from": f"{band['from']:g}"})
              for band in bands]
    return render(HTML, kind=KIND, chapter=chapter, entry=assessment, links=links, words=words, answers=answers,
                  scale_help=scale_help, maximum=maximum, ranges=ranges)


KIND = Kind("self_assessment", "self-assessment", SCHEMA, check, facts, html, lists={"scales": "scale"})

"""Knowledge checks: questions with right answers, each in its own fieldset.

Without JavaScript every answer and explanation is reachable under "Show answer"; the script adds checking,
feedback per choice, a score and the last score on the progress page.
"""

from __future__ import annotations

from markupsafe import Markup

from ..markdown_text import inline
from .base import Kind, render, template

SCHEMA = {
    "knowledge_check": {
        "description": "Quizzes with right answers: did the reader understand the chapter?",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "questions"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "title": {"$ref": "#/$defs/plain_text"},
            "questions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/question"}},
        },
    },
    "question": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "type", "prompt", "choices", "explanation", "section"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "type": {
                "description": "single: exactly one correct choice (true/false is a single-choice question with two "
                               "choices); multiple: select all that apply, at least one correct.",
                "enum": ["single", "multiple"],
            },
            "prompt": {"$ref": "#/$defs/markdown"},
            "choices": {
                "type": "array", "minItems": 2, "items": {"$ref": "#/$defs/choice"},
                "x-fix": "Give it at least two choices (a true/false question has 'True' and 'False').",
            },
            "explanation": {"$ref": "#/$defs/markdown"},
            "section": {"$ref": "#/$defs/section"},
        },
    },
    "choice": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "text"],
        "properties": {
            "id": {"$ref": "#/$defs/id"},
            "text": {"$ref": "#/$defs/markdown"},
            "correct": {"type": "boolean", "default": False},
            "feedback": {"description": "Shown when the reader picks this choice.", "$ref": "#/$defs/markdown"},
        },
    },
}


def check(knowledge_checks: list[dict], place) -> list:
    problems = []
    for index, knowledge_check in enumerate(knowledge_checks):
        path = ("knowledge_checks", index, "questions")
        problems += place.unique(knowledge_check["questions"], path,
                                 f"questions of knowledge check '{knowledge_check['id']}'")
        for q_index, question in enumerate(knowledge_check["questions"]):
            q_path = path + (q_index,)
            problems += place.section(question, q_path)
            problems += place.unique(question["choices"], q_path + ("choices",), f"choices of question '{question['id']}'")
            correct = [choice for choice in question["choices"] if choice.get("correct")]
            if question["type"] == "single" and len(correct) != 1:
                problems.append(place.error(
                    q_path + ("type",), f"Single-choice question '{question['id']}' has {len(correct)} correct choices.",
                    "Mark exactly one choice 'correct: true', or make it 'type: multiple'."))
            if question["type"] == "multiple" and not correct:
                problems.append(place.error(
                    q_path + ("type",), f"Multiple-choice question '{question['id']}' has no correct choice.",
                    "Mark at least one choice 'correct: true'."))
    return problems


def correct_choices(question: dict) -> list[str]:
    return [choice["id"] for choice in question["choices"] if choice.get("correct")]


def facts(chapter, knowledge_check: dict) -> dict:
    return {"questions": {question["id"]: correct_choices(question) for question in knowledge_check["questions"]}}


HTML = template("""
{% from "part.html" import part, section_link, edit_link, actions %}
{% call part(kind, chapter, entry, links) %}
<p class="gb-honesty">{{ words("knowledge_check.honesty", title=entry.title) }}</p>
{% set total = entry.questions | length %}
{% for question in entry.questions %}
{% set q_id = id(chapter, entry.id, question.id) %}
{% set single = question.type == "single" %}
<fieldset class="gb-question" data-gb-question="{{ question.id }}" data-gb-type="{{ question.type }}">
<legend>
<span class="gb-number">{{ words("knowledge_check.question_number", number=loop.index, total=total) }}</span>
{{ " " }}{{ inline(question.prompt) }}{{ " " }}
<span class="gb-hint">{{ words("knowledge_check.choose_one" if single else "knowledge_check.choose_all") }}</span>
</legend>
<ul class="gb-choices">
{% for choice in question.choices %}
{#- The label holds its input, whose value is the choice's id: no id, for or name of its own (a radio group
    needs its name). #}
<li>
<label><input type="{{ 'radio' if single else 'checkbox' }}"{% if single %} name="{{ q_id }}"{% endif %} value="{{ choice.id }}">{{ inline(choice.text) }}</label>
{% if choice.get("feedback") %}<div class="gb-choice-feedback" hidden>{{ block(choice.feedback) }}</div>{% endif %}
</li>
{% endfor %}
</ul>
<div class="gb-feedback" role="status"></div>
<details class="gb-answer">
<summary>{{ words("knowledge_check.show_answer") }}</summary>
{% set right = right_answers(question) %}
<p class="gb-right-answer">{{ words("knowledge_check.answer", answer=right) if single else words("knowledge_check.answers", answers=right) }}</p>
<div class="gb-explanation">{{ block(question.explanation) }}</div>
{{ section_link(chapter, question.section, links, words, "parts.revisit") }}
</details>
</fieldset>
{% endfor %}
<p class="gb-status gb-score" role="status"></p>
{{ actions(words, "knowledge_check", ["check", "retry"]) }}
{{ edit_link(kind, chapter, links, words) }}
{% endcall %}
""")


def right_answers(question: dict) -> Markup:
    return Markup("; ").join(inline(choice["text"]) for choice in question["choices"] if choice.get("correct"))


def html(chapter, knowledge_check: dict, links, words):
    return render(HTML, kind=KIND, chapter=chapter, entry=knowledge_check, links=links, words=words,
                  right_answers=right_answers)


KIND = Kind("knowledge_check", "knowledge check", SCHEMA, check, facts, html)

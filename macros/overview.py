"""Pages that look across every chapter: the printable workbook, the progress page and the home page's
chapter list. Pure functions over the validated chapters, reusing render.py for the interactive parts,
so the workbook is generated from the same data as the chapters, never copied.

The output is Markdown (for headings that join the page's table of contents) with HTML blocks, each
block at column 0 between blank lines.
"""

from __future__ import annotations

import json
from typing import Callable

from markupsafe import Markup, escape

from . import render
from .data import Chapter
from .kinds import KINDS, Kind, in_words
from .markdown_text import block, inline

ChapterUrl = Callable[[Chapter], str]  # chapter -> its page's URL relative to the page being rendered


def part(kind: Kind, chapter: Chapter, component: dict, links: render.Links) -> Markup:
    """One interactive part, drawn by the function of render.py that its kind names."""
    return getattr(render, kind.macro)(chapter, component, links)


def _progress_data(chapters: list[Chapter], chapter_url: ChapterUrl, site: str) -> str:
    """What the script needs to total up saved progress: the ids of everything there is to do."""
    payload = {"site": site, "chapters": [{
        "slug": chapter.slug,
        "title": chapter.title,
        "url": chapter_url(chapter),
        "checklists": [{"key": f"{chapter.slug}/{c['id']}", "items": [i["id"] for i in c["items"]]}
                       for c in chapter.of_kind("checklists")],
        "checks": [{"key": f"{chapter.slug}/{c['id']}", "total": len(c["questions"])}
                   for c in chapter.of_kind("knowledge_checks")],
        "assessments": [{"key": f"{chapter.slug}/{a['id']}", "bands": {b["id"]: b["title"] for b in a["bands"]}}
                        for a in chapter.of_kind("self_assessments")],
    } for chapter in chapters]}
    # An attribute, not a <script type="application/json">: Material's instant navigation re-creates
    # every script element in the new content and would run the data as JavaScript.
    return f' data-gb-guide="{escape(json.dumps(payload, ensure_ascii=False))}"'


def chapter_list(chapters: list[Chapter], chapter_url: ChapterUrl, site: str) -> Markup:
    """The home page's list of chapters, with a mark the script fills in for finished chapters."""
    items = "".join(
        f'<li><a href="{escape(chapter_url(c))}">{escape(c.title)}</a>'
        f'<span class="gb-mark" data-gb-chapter-done="{c.slug}">&nbsp;</span>'
        f'<br><span class="gb-summary">{escape(c.summary)}</span></li>'
        for c in chapters)
    return Markup(f'<div class="gb" data-gb-kind="chapter-list"{_progress_data(chapters, chapter_url, site)}>'
                  f'<ol class="gb-chapter-list">{items}</ol></div>')


def progress(chapters: list[Chapter], chapter_url: ChapterUrl, site: str) -> Markup:
    rows = "".join(
        f'<tr data-gb-chapter="{c.slug}"><th scope="row"><a href="{escape(chapter_url(c))}">{escape(c.title)}</a></th>'
        f'<td data-gb-col="items">{sum(len(x["items"]) for x in c.of_kind("checklists"))} to do</td>'
        f'<td data-gb-col="check">{len(c.of_kind("knowledge_checks"))} to take</td>'
        f'<td data-gb-col="assessment">{len(c.of_kind("self_assessments"))} to take</td></tr>'
        for c in chapters)
    return Markup(
        f'<div class="gb gb-progress" data-gb-kind="progress"{_progress_data(chapters, chapter_url, site)}>'
        '<p class="gb-overall" role="status">Your progress appears here when JavaScript is on. '
        'It is read from this browser only; nothing is sent anywhere.</p>'
        '<table><caption>Progress by chapter</caption><thead><tr><th scope="col">Chapter</th>'
        '<th scope="col">Checklist items done</th><th scope="col">Knowledge check</th>'
        f'<th scope="col">Self-assessment</th></tr></thead><tbody>{rows}</tbody></table>'
        '<div class="gb-actions" hidden>'
        '<button type="button" data-gb-action="export">Export my progress to a file</button>'
        '<label class="gb-file">Import progress from a file: <input type="file" accept=".json,application/json" data-gb-import></label>'
        '<button type="button" data-gb-action="clear">Clear all my progress</button></div>'
        '<fieldset class="gb-import-choice" hidden><legend>How should the file be imported?</legend>'
        '<label><input type="radio" name="gb-import-mode" value="merge" checked> Merge: keep what is on this '
        'device and add the file (the file wins where both have an answer)</label>'
        '<label><input type="radio" name="gb-import-mode" value="replace"> Replace: remove what is on this '
        'device and use the file</label>'
        '<div class="gb-actions"><button type="button" data-gb-action="import">Import</button>'
        '<button type="button" data-gb-action="cancel-import">Cancel</button></div></fieldset>'
        '<p class="gb-message" role="status"></p></div>')


def workbook(chapters: list[Chapter], links_for: Callable[[Chapter], render.Links], site_name: str) -> str:
    parts = [
        '<div class="gb gb-cover" data-gb-kind="workbook">'
        f'<p class="gb-cover-title">{escape(site_name)}: workbook</p>'
        '<p class="gb-cover-line">Name: <span class="gb-fill"></span></p>'
        '<p class="gb-cover-line">Date: <span class="gb-fill" data-gb-date></span></p>'
        f'<p class="gb-cover-note">Every {in_words([kind.name for kind in KINDS])} of the guidebook, '
        'with the answers to the knowledge checks at the end.</p>'
        '<div class="gb-actions" hidden>'
        '<button type="button" data-gb-action="print-blank">Print the workbook blank</button>'
        '<button type="button" data-gb-action="print-filled">Print it with my progress</button></div></div>'
    ]
    for number, chapter in enumerate(chapters, start=1):
        links = links_for(chapter)
        parts.append(f"## {number}. {escape(chapter.title)} {{#workbook-{chapter.slug} .gb-chapter-start}}")
        parts.append(f'<p class="gb-summary">{escape(chapter.summary)}</p>')
        for kind in KINDS:
            components = chapter.of_kind(kind.key)
            if components:
                parts.append(f"### {kind.heading} {{#workbook-{chapter.slug}-{kind.key.replace('_', '-')}}}")
                parts += [str(part(kind, chapter, component, links)) for component in components]
    parts.append("## Answers to the knowledge checks {#workbook-answers .gb-chapter-start}")
    for number, chapter in enumerate(chapters, start=1):
        for check in chapter.of_kind("knowledge_checks"):
            parts.append(f"### {number}. {escape(chapter.title)} {{#workbook-answers-{chapter.slug}-{check['id']}}}")
            answers = "".join(
                f'<li><p>{inline(q["prompt"])}</p><p><strong>'
                f'{"; ".join(str(inline(c["text"])) for c in q["choices"] if c.get("correct"))}</strong></p>'
                f'{block(q["explanation"])}</li>'
                for q in check["questions"])
            parts.append(f'<ol class="gb-answers">{answers}</ol>')
    return "\n\n".join(parts) + "\n"

"""Pages that look across every chapter: the printable workbook, the progress page and the home page's
chapter list. Pure functions over the validated chapters, reusing render.py for the interactive parts,
so the workbook is generated from the same data as the chapters, never copied.

The output is Markdown (for headings that join the page's table of contents) with HTML blocks, each
block at column 0 between blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup, escape

from . import data, render
from .data import Chapter
from .kinds import KINDS, Kind
from .markdown_text import block, inline
from .strings import Words

ChapterUrl = Callable[[Chapter], str]  # chapter -> its page's URL relative to the page being rendered


def part(kind: Kind, chapter: Chapter, component: dict, links: render.Links, words: Words) -> Markup:
    """One interactive part, drawn by the function of render.py that its kind names."""
    return getattr(render, kind.macro)(chapter, component, links, words)


@dataclass(frozen=True)
class Guide:
    """Which guidebook a progress file belongs to: its published URL, and the name its files carry."""

    site: str
    progress_name: str


def guide_facts(chapters: list[Chapter], chapter_url: ChapterUrl, guide: Guide) -> dict:
    """What the script needs to total up saved progress and to check an import: every chapter's parts
    (the same facts each part carries on its own page) and the pattern every saved key must match."""
    return {"site": guide.site, "format": f"{guide.progress_name}-progress", "id": data.ID_PATTERN, "chapters": [{
        "slug": chapter.slug,
        "title": chapter.title,
        "url": chapter_url(chapter),
        "parts": [{"kind": kind, "key": f"{chapter.slug}/{part['id']}", **render.part_facts(kind, chapter, part)}
                  for kind in (k.key for k in KINDS) for part in chapter.of_kind(kind)],
    } for chapter in chapters]}


def _guide_attribute(chapters: list[Chapter], chapter_url: ChapterUrl, guide: Guide) -> str:
    return render.json_attribute("data-gb-guide", guide_facts(chapters, chapter_url, guide))


def chapter_list(chapters: list[Chapter], chapter_url: ChapterUrl, guide: Guide) -> Markup:
    """The home page's list of chapters, with a mark the script fills in for finished chapters."""
    items = "".join(
        f'<li><a href="{escape(chapter_url(c))}">{escape(c.title)}</a>'
        f'<span class="gb-mark" data-gb-chapter="{c.slug}">&nbsp;</span>'
        f'<br><span class="gb-summary">{escape(c.summary)}</span></li>'
        for c in chapters)
    return Markup(f'<div class="gb" data-gb-kind="chapter-list"{_guide_attribute(chapters, chapter_url, guide)}>'
                  f'<ol class="gb-chapter-list">{items}</ol></div>')


def pdf_download(words: Words | None = None, files: list[tuple[str, str, int]] = ()) -> Markup:
    """The link to the whole guidebook as a PDF. The build writes only its place, empty and hidden: the PDF
    does not exist yet (`make build` needs no browser), and no link may point at a missing file.
    macros/pdf.py, once it has printed the PDFs, writes it again with `files`: (paper, address relative to
    the page, pages) for A4, then US Letter."""
    if not files:
        return Markup('<div class="gb-pdf" data-gb-pdf hidden></div>')
    (_, a4, a4_pages), (_, letter, letter_pages) = files
    return Markup(f'<div class="gb-pdf" data-gb-pdf><p><a href="{escape(a4)}" type="application/pdf">'
                  f'{words("book.download", pages=a4_pages)}</a><br>'
                  f'<a href="{escape(letter)}" type="application/pdf">{words("book.letter", pages=letter_pages)}</a></p></div>')


def progress(chapters: list[Chapter], chapter_url: ChapterUrl, guide: Guide, words: Words) -> Markup:
    rows = "".join(
        f'<tr data-gb-chapter="{c.slug}"><th scope="row"><a href="{escape(chapter_url(c))}">{escape(c.title)}</a></th>'
        f'<td data-gb-col="items">{words("progress.items_to_do", count=sum(len(x["items"]) for x in c.of_kind("checklists")))}</td>'
        f'<td data-gb-col="check">{words("progress.to_take", count=len(c.of_kind("knowledge_checks")))}</td>'
        f'<td data-gb-col="assessment">{words("progress.to_take", count=len(c.of_kind("self_assessments")))}</td></tr>'
        for c in chapters)
    return Markup(
        f'<div class="gb gb-progress" data-gb-kind="progress"{_guide_attribute(chapters, chapter_url, guide)}>'
        f'<p class="gb-overall" role="status">{words("progress.without_script")}</p>'
        f'<table><caption>{words("progress.caption")}</caption><thead><tr><th scope="col">{words("progress.chapter")}</th>'
        f'<th scope="col">{words("progress.items")}</th><th scope="col">{words("progress.knowledge_check")}</th>'
        f'<th scope="col">{words("progress.self_assessment")}</th></tr></thead><tbody>{rows}</tbody></table>'
        '<div class="gb-actions" hidden>'
        f'<button type="button" data-gb-action="export">{words("progress.export")}</button>'
        f'<label class="gb-file">{words("progress.import_file")} <input type="file" accept=".json,application/json" data-gb-import></label>'
        f'<button type="button" data-gb-action="clear">{words("progress.clear")}</button></div>'
        f'<fieldset class="gb-import-choice" hidden><legend>{words("progress.import_how")}</legend>'
        f'<label><input type="radio" name="gb-import-mode" value="merge" checked> {words("progress.merge")}</label>'
        f'<label><input type="radio" name="gb-import-mode" value="replace"> {words("progress.replace")}</label>'
        f'<div class="gb-actions"><button type="button" data-gb-action="import">{words("progress.import")}</button>'
        f'<button type="button" data-gb-action="cancel-import">{words("progress.cancel")}</button></div></fieldset>'
        '<p class="gb-message" role="status"></p></div>')


def workbook(chapters: list[Chapter], links_for: Callable[[Chapter], render.Links], site_name: str, words: Words) -> str:
    parts = [
        '<div class="gb gb-cover" data-gb-kind="workbook">'
        f'<p class="gb-cover-title">{words("workbook.cover_title", site=site_name)}</p>'
        f'<p class="gb-cover-line">{words("workbook.name")} <span class="gb-fill"></span></p>'
        f'<p class="gb-cover-line">{words("workbook.date")} <span class="gb-fill" data-gb-date></span></p>'
        f'<p class="gb-cover-note">{words("workbook.cover_note")}</p>'
        '<div class="gb-actions" hidden>'
        f'<button type="button" data-gb-action="print-blank">{words("workbook.print_blank")}</button>'
        f'<button type="button" data-gb-action="print-filled">{words("workbook.print_filled")}</button></div></div>'
    ]
    for number, chapter in enumerate(chapters, start=1):
        links = links_for(chapter)
        parts.append(f"## {number}. {escape(chapter.title)} {{#workbook-{chapter.slug} .gb-chapter-start}}")
        parts.append(f'<p class="gb-summary">{escape(chapter.summary)}</p>')
        for kind in (kind for kind in KINDS if kind.in_workbook):
            components = chapter.of_kind(kind.key)
            if components:
                parts.append(f"### {words('workbook.' + kind.key)} {{#workbook-{chapter.slug}-{kind.key.replace('_', '-')}}}")
                parts += [str(part(kind, chapter, component, links, words)) for component in components]
    parts.append(f"## {words('workbook.answers')} {{#workbook-answers .gb-chapter-start}}")
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


def toolkit(chapters: list[Chapter], links_for: Callable[[Chapter], render.Links], words: Words) -> str:
    """Every message template of every chapter, grouped by situation: the groups in the order their first
    template comes in reading order, each group's templates in reading order. Situations that differ only
    in capitals or punctuation are one group (under the first spelling), so a slip never splits one."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for chapter in chapters:
        for template in chapter.of_kind("templates"):
            key = re.sub(r"[^a-z0-9]+", "-", template["situation"].lower()).strip("-") or "other"
            groups.setdefault(key, (template["situation"], []))[1].append(
                str(render.template(chapter, template, links_for(chapter), words)))
    if not groups:
        return f'<p class="gb-summary">{words("toolkit.none_yet")}</p>\n'
    # The script puts the reader's "Your details" form here, above every template of the page.
    parts = ['<div id="gb-you-here"></div>']
    for key, (situation, templates) in groups.items():
        parts.append(f"## {escape(situation)} {{#toolkit-{key}}}")
        parts += templates
    return "\n\n".join(parts) + "\n"

"""Scaffold a new chapter: `make chapter NAME="Following up"` (or `python -m macros.scaffold "Following up"`).

Creates, from the chapter's name:
- docs/chapters/<slug>.md: the standard parts in the standard order (objectives, two sections, key
  takeaways, then the checklist, the knowledge check and the self-assessment);
- checklists/<slug>.yml: one example of each element, valid against checklists/schema.json;
- an entry in the "Chapters" group of mkdocs.yml's nav, after the chapters already there.

The result builds with `mkdocs build --strict` as it is; the author then replaces the example text.
mkdocs.yml goes through ruamel.yaml's round trip, so its comments and `!ENV` tags stay as they are.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from slugify import slugify as _slugify

from . import data

ROOT = Path(__file__).resolve().parent.parent
NAV_GROUP = "Chapters"


class ScaffoldError(Exception):
    """Something that stops the scaffold before it writes anything."""


def slugify(name: str) -> str:
    """'Following up' -> 'following-up'; the slug names both files and prefixes every macro call."""
    return _slugify(name)


def chapter_page(title: str, slug: str) -> str:
    # Example text that explains itself: it builds, passes the content tests (length, reading ease) as it
    # is, and tells the author what belongs in each part.
    return f"""---
description: Say in one sentence what a reader gains from this chapter. The home page and search results show it.
---

# {title}

Open with two or three short sentences. Say who this chapter is for and what they will be able to do when
they finish it. Readers decide here whether to keep reading, so make the first lines count.

## Learning objectives {{#learning-objectives}}

When you finish this chapter, you will be able to:

- Name the first thing a reader will be able to do, and why it matters.
- Name a second thing a reader will be able to do.
- Keep each objective to one line that starts with a verb.

## First section {{#first-section}}

Replace this text with the first part of your chapter. Write to the reader as "you", and use short
sentences and common words. One idea in each paragraph is plenty.

Give an example wherever you can. A short story about one person, a sample message or a small table helps
readers see how an idea works in real life.

The name in braces after each heading is the id of its section. Checklists, questions and advice in the
data file link to a section by this id. Change it now to a short name that fits, and use the same name in
the data file. Once the chapter is out, keep the id even when you rename the heading, because links and
saved progress depend on it.

## Second section {{#second-section}}

Write the second part here. Add as many sections as the topic needs, and give each one a heading with its
own id, in the same form as the headings above.

End the body with something the reader can do this week. A short, numbered list of small steps works well.

## Key takeaways {{#key-takeaways}}

- Sum up the first main idea in one short sentence.
- Sum up the second main idea in one short sentence.
- Keep this list short: three to six points are enough.

## Put it into practice {{#put-it-into-practice}}

Tick each step when you have done it. Your ticks are saved in this browser, on this device only.

{{{{ checklist("{slug}/first-steps") }}}}

## Check your understanding {{#knowledge-check}}

A few quick questions on the main ideas of this chapter. Each answer links back to the section it comes
from.

{{{{ knowledge_check("{slug}/check-your-understanding") }}}}

## Where do you stand? {{#self-assessment}}

Rate each statement honestly. Your result suggests what to work on next.

{{{{ self_assessment("{slug}/where-you-stand") }}}}
"""


def chapter_data(title: str, slug: str) -> str:
    quoted_title = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"""# yaml-language-server: $schema=./schema.json
# The interactive parts of docs/chapters/{slug}.md. Format: checklists/schema.json; help: CONTRIBUTING.md.
# Ids are saved with readers' progress: never rename or reuse one once published; add new ids instead.
title: {quoted_title}

checklists:
  - id: first-steps
    title: First steps
    intro: A short line on when or how to do these steps.
    items:
      - id: first-action
        text: Start each item with a verb, and make it something a reader can do this week.
        why: Optional. One short line on why this step matters.
        section: first-section
      - id: second-action
        text: Write a second small, concrete step.
        section: second-section

knowledge_checks:
  - id: check-your-understanding
    title: Check your understanding
    questions:
      - id: first-question
        type: single
        prompt: Ask about one idea from the chapter. Which answer is right?
        choices:
          - id: right-answer
            text: The right answer
            correct: true
            feedback: Optional. Shown when the reader picks this answer.
          - id: wrong-answer
            text: A wrong answer that a reader might believe
            feedback: Say kindly why this is not right.
        explanation: Explain the right answer in one or two sentences.
        section: first-section
      - id: second-question
        type: multiple
        prompt: Ask a question with more than one right answer. Which of these apply?
        choices:
          - id: first-right
            text: One right answer
            correct: true
          - id: second-right
            text: Another right answer
            correct: true
          - id: not-right
            text: An answer that does not apply
        explanation: Explain which answers apply and why.
        section: second-section

scales:
  - id: how-true
    points: [Not true of me, Rarely true, Sometimes true, Mostly true, Always true]

self_assessments:
  - id: where-you-stand
    title: Where you stand
    scale: how-true
    statements:
      - id: first-statement
        text: I can do the first thing this chapter teaches.
        advice: What to do next when a reader rates this low.
        section: first-section
        checklist: first-steps
      - id: second-statement
        text: I can do the second thing this chapter teaches.
        advice: What to do next when a reader rates this low.
        section: second-section
    bands:
      - id: getting-started
        title: Getting started
        from: 0
        to: 50
        advice: Advice for readers who are just starting.
      - id: on-your-way
        title: On your way
        from: 50
        to: 100
        advice: Advice for readers who already do most of this.
"""


# --- mkdocs.yml's nav ---------------------------------------------------------------------------------


def _pages(entries) -> list[str]:
    pages = []
    for entry in entries or []:
        value = next(iter(entry.values())) if isinstance(entry, dict) and entry else entry
        pages += _pages(value) if isinstance(value, list) else [value]
    return pages


def _take_trailing_comment(entries):
    """Detach the comment ruamel keeps after a list's last entry (on the entry, or on its value)."""
    if not entries:
        return None
    last = len(entries) - 1
    if isinstance(entries[last], dict) and hasattr(entries[last], "ca"):
        key = list(entries[last])[-1]
        slot = entries[last].ca.items.get(key)
        if slot and slot[2]:
            comment, slot[2] = slot[2], None
            return comment
    slot = entries.ca.items.pop(last, None)
    return slot[0] if slot else None


def add_to_nav(config_text: str, page: str) -> str:
    """Append `page` to the "Chapters" group of the nav (creating the group after the first entry). The file
    goes through ruamel.yaml's round trip with the file's own indentation, so its comments, quotes and
    `!ENV` tags stay as they are."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.util import load_yaml_guess_indent

    _, indent, offset = load_yaml_guess_indent(config_text)
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=indent or 2, offset=offset or 0)
    config = yaml.load(config_text)
    nav = config.get("nav") if isinstance(config, dict) else None
    if not isinstance(nav, list):
        raise ScaffoldError("mkdocs.yml has no 'nav:' section to add the chapter to.")
    if not nav:
        raise ScaffoldError("mkdocs.yml's nav has no entries; add the chapter to it by hand.")
    if page in _pages(nav):
        raise ScaffoldError(f"mkdocs.yml's nav already lists {page}.")
    group = next((entry for entry in nav if isinstance(entry, dict) and len(entry) == 1
                  and str(next(iter(entry))).lower() == NAV_GROUP.lower()), None)
    if group is None:  # no chapters yet: a new group after the first entry (the home page)
        nav.insert(1, CommentedMap({NAV_GROUP: CommentedSeq([page])}))
    else:
        name = next(iter(group))
        if not isinstance(group[name], list) or not group[name]:
            group[name] = CommentedSeq()  # "- Chapters: []" becomes a block list
        chapters = group[name]
        trailing = _take_trailing_comment(chapters)
        chapters.append(page)
        if trailing:  # a comment after the last chapter stays after the chapters
            chapters.ca.items[len(chapters) - 1] = [trailing, None, None, None]
    out = io.StringIO()
    yaml.dump(config, out)
    return out.getvalue()


# --- The command ------------------------------------------------------------------------------------


def scaffold(name: str, root: Path = ROOT) -> list[Path]:
    """Create the chapter's page and data file and list the page in the nav; return what was written."""
    title = " ".join(name.split())
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"'{name}' gives no usable file name: use letters or digits, e.g. \"Following up\".")
    if slug == data.RESERVED_CHAPTER:
        raise ScaffoldError(f"A chapter cannot be named '{slug}': readers' own details are saved under that name. "
                            "Choose another name, e.g. \"For readers\".")
    config_file = root / "mkdocs.yml"
    page = root / "docs" / data.CHAPTERS_DIR / f"{slug}.md"
    data_file = root / data.DATA_DIR / f"{slug}.yml"
    for existing in (page, data_file, data_file.with_suffix(".yaml")):
        if existing.exists():
            raise ScaffoldError(
                f"A chapter named '{slug}' already exists ({existing.relative_to(root)}). "
                "Choose another name, or edit the existing chapter."
            )
    nav_page = f"{data.CHAPTERS_DIR}/{slug}.md"
    config_text = add_to_nav(config_file.read_text("utf-8"), nav_page)  # checks before anything is written

    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(chapter_page(title, slug), "utf-8")
    data_file.write_text(chapter_data(title, slug), "utf-8")
    try:
        # The same validation the build runs, so a scaffold that would not build is never left behind.
        data.load_guidebook(root, root / "docs")
    except Exception:
        page.unlink()
        data_file.unlink()
        raise
    config_file.write_text(config_text, "utf-8")
    return [page, data_file, config_file]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make chapter NAME=...", description="Scaffold a new chapter.")
    parser.add_argument("name", help='the chapter\'s title, e.g. "Following up"')
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        written = scaffold(args.name, args.root.resolve())
    except ScaffoldError as error:
        print(f"make chapter: {error}", file=sys.stderr)
        return 1
    slug = written[0].stem
    print(f"Created docs/chapters/{slug}.md and checklists/{slug}.yml, and added the page to the nav in mkdocs.yml.")
    print("Next: replace the example text in both files (see CONTRIBUTING.md), then preview with `make serve`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How long a page takes to read, from the words its author wrote.

A page's reading time counts its prose: the words of its Markdown source, without the front matter and
without the macro calls that draw the interactive parts from the chapter data. Those parts are for doing
(ticking, answering, filling in), not reading, and the toolkit and workbook are used a piece at a time,
not read through. Pure functions over text; the glue reads the files.
"""

from __future__ import annotations

import re

from .data import FRONT_MATTER

WORDS_PER_MINUTE = 200

# What the reader never sees as words: Jinja (macro calls, and comments, which mkdocs.yml writes "{%# #%}"),
# HTML comments and tags, attribute lists ("{#id}", "{ .class }"), link and image targets, and the
# reference-link definitions at the end of a page.
_NOT_PROSE = [
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL),
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"<[^>\n]+>"),
    re.compile(r"\{[:\s]*[#.][^}\n]*\}"),
    re.compile(r"\]\([^)\n]*\)"),
    re.compile(r"^\s*\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE),
]
# A word: letters or digits, joined by apostrophes or hyphens ("don't", "30-second" are one word each).
WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def prose(markdown: str) -> str:
    """The text of a page's Markdown that a reader reads, markup left in place of nothing."""
    text = FRONT_MATTER.sub("", markdown, count=1)
    for pattern in _NOT_PROSE:
        text = pattern.sub(" ", text)
    return text


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def minutes(words: int) -> int:
    """Reading time in whole minutes at WORDS_PER_MINUTE, rounded half up, and never less than one."""
    return max(1, (words + WORDS_PER_MINUTE // 2) // WORDS_PER_MINUTE)


def minutes_to_read(markdown: str) -> int:
    """The reading time of a page, from its Markdown source."""
    return minutes(word_count(prose(markdown)))


def first_heading(markdown: str) -> str | None:
    """The page's level-1 heading (its title when the navigation gives none), without an attribute list."""
    match = re.search(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*$", FRONT_MATTER.sub("", markdown, count=1), re.MULTILINE)
    return match[1] if match else None

"""Render authors' text from data files as Markdown, with raw HTML shown as text, never injected."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

SAFE_SCHEMES = {"", "http", "https", "mailto"}
# Text without any of these characters renders to itself; skipping Markdown for it keeps builds fast.
MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>&\\!#|~]|^\s*([-+]|\d+\.)\s|\n")


class _DropUnsafeLinks(Treeprocessor):
    """A `javascript:` (or any non-web) link in data becomes plain text."""

    def run(self, root):
        for link in root.iter("a"):
            if urlsplit(link.get("href", "")).scheme.lower() not in SAFE_SCHEMES:
                del link.attrib["href"]
                link.tag = "span"


def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_DropUnsafeLinks(converter), "drop_unsafe_links", 0)
    return converter


_CONVERTER = _converter()


def block(text: str) -> Markup:
    """One or more paragraphs."""
    if not MARKDOWN_SYNTAX.search(text):
        return Markup(f"<p>{escape(text.strip())}</p>")
    _CONVERTER.reset()
    return Markup(_CONVERTER.convert(text))


def inline(text: str) -> Markup:
    """A single line, e.g. a checklist item or an answer: no surrounding paragraph."""
    html = block(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)

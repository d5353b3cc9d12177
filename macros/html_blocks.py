"""Keep the macros' finished HTML out of Markdown's way.

What our macros return is final HTML: data text is already rendered and escaped. Handed to Markdown as raw
HTML blocks, every tag of it would still be parsed twice per page (by Python-Markdown's raw-HTML extractor
and by MkDocs looking for anchor ids) and the page would sit in memory as Markdown and HTML at once; for the
workbook, which repeats every chapter's data, that is the largest part of a build. So each HTML block
leaves a one-line placeholder in the Markdown, and a postprocessor puts the block back into the finished
HTML. The placeholder keeps the block's id, so MkDocs still knows the anchor when a page links to it.
"""

from __future__ import annotations

import itertools
import re

from markdown import Extension
from markupsafe import Markup
from markdown.postprocessors import Postprocessor

_PLACEHOLDER = re.compile(r'<div data-gb-block="(\d+)"(?: id="[^"]*")?></div>')
_FIRST_ID = re.compile(r'<[a-z]+\b[^>]*?\sid="([^"]*)"')


class BlockStore:
    """HTML blocks waiting for Markdown to finish the page they belong to."""

    def __init__(self):
        self._blocks: dict[str, str] = {}
        self._numbers = itertools.count()

    def hold(self, html: str) -> str:
        """One finished HTML block out of Markdown's way: a one-line placeholder that keeps its first id."""
        number = str(next(self._numbers))
        self._blocks[number] = str(html)
        first = _FIRST_ID.match(html)
        anchor = f' id="{first[1]}"' if first else ""
        return f'<div data-gb-block="{number}"{anchor}></div>'

    def page(self, pieces: list) -> str:
        """A macro's output: its HTML blocks (Markup) held, its Markdown (headings) left for Markdown."""
        return "\n\n".join(self.hold(piece) if isinstance(piece, Markup) else piece for piece in pieces)

    def restore(self, html: str) -> str:
        if not self._blocks:
            return html
        return _PLACEHOLDER.sub(lambda match: self._blocks.pop(match[1], match[0]), html)


class _Restore(Postprocessor):
    def __init__(self, store: BlockStore):
        super().__init__()
        self.store = store

    def run(self, text: str) -> str:
        return self.store.restore(text)


class HtmlBlocks(Extension):
    """Added to the site's Markdown extensions once per build, under MkDocs and ProperDocs (generator.py;
    under Zensical it would come too late for the page being rendered)."""

    is_guidebook_html_blocks = True

    def __init__(self, store: BlockStore):
        super().__init__()
        self.store = store

    def extendMarkdown(self, md):
        # Last of all postprocessors, after Markdown has restored its own stash.
        md.postprocessors.register(_Restore(self.store), "guidebook_html_blocks", 0)


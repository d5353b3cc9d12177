"""Macros' HTML goes around Markdown (macros/html_blocks.py) and comes back byte for byte, blank lines
inside it and all; the Markdown between blocks (the workbook's and toolkit's headings) is still Markdown."""

import markdown
from markupsafe import Markup

from macros.html_blocks import BlockStore, HtmlBlocks
from macros.markdown_text import block

COMPONENT = Markup('<section class="gb gb-checklist" id="gb-demo-first-steps" data-gb-kind="checklist"><fieldset>'
                   '<legend>First *steps*</legend><p>a_b_c &amp; <code>x</code></p>'
                   '<pre><code>one\n\nthree</code></pre></fieldset></section>')


def convert(source: str, store: BlockStore | None = None) -> str:
    # The extensions that matter here: MkDocs' configuration has md_in_html, attr_list and toc.
    extensions = ["md_in_html", "attr_list", "toc"] + ([HtmlBlocks(store)] if store else [])
    return markdown.Markdown(extensions=extensions).convert(source)


def test_a_component_comes_back_unchanged_and_keeps_its_anchor():
    store = BlockStore()
    held = store.hold(COMPONENT)
    assert "\n" not in held and 'id="gb-demo-first-steps"' in held
    html = convert(f"# Title\n\nBefore.\n\n{held}\n\nAfter.\n", store)
    assert COMPONENT in html
    assert "data-gb-block" not in html


def test_markdown_between_blocks_is_still_markdown():
    store = BlockStore()
    source = store.page(["## 1. Demo {#workbook-demo}", COMPONENT, Markup("<p>Summary</p>")])
    html = convert(source, store)
    assert '<h2 id="workbook-demo">1. Demo</h2>' in html
    assert COMPONENT in html and "<p>Summary</p>" in html


def test_a_generator_without_the_store_keeps_a_block_with_blank_lines_whole():
    """Python-Markdown keeps a raw HTML block whole, blank lines and all, so data text needs no rewriting
    of its blank lines (a code block in an explanation, say) for any generator."""
    code = block("Before:\n\n    line one\n\n\n    line four\n\nAfter.")
    assert "line one\n\n\nline four" in code
    part = Markup('<section class="gb" id="gb-x">') + code + Markup("</section>")
    assert part in convert(f"Text.\n\n{part}\n\nMore *text*.\n")

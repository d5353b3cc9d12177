"""Macros' HTML goes around Markdown (macros/html_blocks.py) and comes back byte for byte."""

import markdown

from macros.html_blocks import BlockStore, HtmlBlocks
from macros.markdown_text import block

COMPONENT = ('<div class="gb gb-checklist" id="gb-demo-first-steps" data-gb-kind="checklist"><fieldset>'
             '<legend>First *steps*</legend><p>a_b_c &amp; <code>x</code></p>'
             '<pre><code>one\n&#10;three</code></pre></fieldset></div>')


def convert(source: str, store: BlockStore) -> str:
    # The extensions that matter here: MkDocs' configuration has md_in_html, attr_list and toc.
    md = markdown.Markdown(extensions=["md_in_html", "attr_list", "toc", HtmlBlocks(store)])
    return md.convert(source)


def test_a_component_comes_back_unchanged_and_keeps_its_anchor():
    store = BlockStore()
    held = store.hold(COMPONENT)
    assert "\n" not in held and 'id="gb-demo-first-steps"' in held
    html = convert(f"# Title\n\nBefore.\n\n{held}\n\nAfter.\n", store)
    assert COMPONENT in html
    assert "data-gb-block" not in html


def test_markdown_between_blocks_is_still_markdown():
    store = BlockStore()
    source = store.hold(f"## 1. Demo {{#workbook-demo}}\n\n{COMPONENT}\n\n<p>Summary</p>")
    html = convert(source, store)
    assert '<h2 id="workbook-demo">1. Demo</h2>' in html
    assert COMPONENT in html and "<p>Summary</p>" in html


def test_data_text_never_has_a_blank_line_that_would_split_a_block():
    html = block("Before:\n\n    line one\n\n\n    line four\n\nAfter.")
    assert "\n\n" not in html
    assert "line one\n&#10;\nline four" in html

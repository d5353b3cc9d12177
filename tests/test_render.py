"""Rendering is a pure function from validated data to HTML: render the _base fixture's data and compare
with reviewed expected HTML in tests/render/ (pretty-printed, so a failure shows a readable diff).

After an intended change to the HTML, regenerate with `UPDATE_EXPECTED=1 make test` and review the diff.
"""

import difflib
import json
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import data, strings
from macros.kinds import BY_KEY, Links, text_hash
from macros.kinds.template import example_text
from macros.markdown_text import block, inline

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "_base"
EXPECTED = ROOT / "tests" / "render"
LINKS = Links(section=lambda chapter, section: f"../{chapter.slug}/#{section}",
                     edit_data=lambda chapter: f"https://example.org/edit/{chapter.data_file}")
WORDS, _ = strings.load_words("en")


@pytest.fixture(scope="module")
def chapter():
    return data.load_guidebook(BASE, BASE / "docs", WORDS)["demo"]


def render(kind_key: str, chapter, entry):
    return BY_KEY[kind_key].html(chapter, entry, LINKS, WORDS)


def pretty(html: str) -> str:
    return BeautifulSoup(html, "html.parser").prettify()


@pytest.mark.parametrize("kind, component_id", [
    ("checklists", "first-steps"),
    ("knowledge_checks", "quiz"),
    ("self_assessments", "where-you-stand"),
    ("templates", "thank-you"),
    ("templates", "connection-note"),
])
def test_rendered_html_matches_the_reviewed_expectation(chapter, kind, component_id):
    actual = pretty(render(kind, chapter, chapter.get(kind, component_id)))
    expected_file = EXPECTED / f"{kind}-{component_id}.html"
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text(actual, "utf-8")
    expected = expected_file.read_text("utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        str(expected_file.relative_to(ROOT)), "rendered now"))
    assert actual == expected, "the rendered HTML changed:\n" + diff


def test_output_is_one_block_that_markdown_leaves_alone(chapter):
    html = render("checklists", chapter, chapter.get("checklists", "first-steps"))
    assert html.startswith("<section ") and html.endswith("</section>")
    assert "\n" not in html  # our templates' own layout never reaches the page


def test_raw_html_in_data_is_shown_as_text():
    html = inline("Say <b>hi</b> <script>alert(1)</script> **now**")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;hi&lt;/b&gt;" in html
    assert "<strong>now</strong>" in html


def test_unsafe_links_in_data_become_plain_text():
    html = inline("[click](javascript:alert(1)) or [read](https://example.org/a)")
    assert "javascript:" not in html
    assert '<a href="https://example.org/a">read</a>' in html


def test_markdown_and_plain_text_paths_agree():
    assert block("Plain text & more") == "<p>Plain text &amp; more</p>"
    assert block("Plain text") == "<p>Plain text</p>"
    assert inline("An *emphasised* word") == "An <em>emphasised</em> word"


def test_changing_an_items_text_changes_its_fingerprint():
    assert text_hash("Write down one goal.") != text_hash("Write down two goals.")
    assert text_hash("Write down one goal.") == text_hash("Write down one goal.")


def test_a_templates_blanks_show_their_examples_and_its_text_counts_as_the_script_counts(chapter):
    note = chapter.get("templates", "connection-note")
    html = render("templates", chapter, note)
    soup = BeautifulSoup(html, "html.parser")
    assert [mark.get_text() for mark in soup.select("mark.gb-blank")] == ["[Ana]", "[Sam]", "[data analysis]"]
    # Without brackets, the message's text is the example text whose length the build checks against the limit.
    shown = soup.select_one(".gb-text").get_text().replace("[", "").replace("]", "")
    assert shown == example_text(note) == "Hi Ana, I'm Sam and I work in data analysis. May I connect?"
    assert f"the example has {len(shown)}." in soup.select_one(".gb-count").get_text()
    # Only other people's blanks get a field in the template; the reader's own go to "Your details".
    assert [i["data-gb-blank"] for i in soup.select(".gb-blanks input")] == ["their_name"]
    assert json.loads(soup.section["data-gb-part"])["you"] == [["your_name", "Your first name"], ["your_field", "Your field"]]


def test_a_templates_paragraphs_and_line_breaks_survive(chapter):
    thanks = chapter.get("templates", "thank-you")
    paragraphs = BeautifulSoup(render("templates", chapter, thanks), "html.parser").select(".gb-text p")
    assert len(paragraphs) == 2 and paragraphs[1].find("br") is not None
    assert example_text(thanks).split("\n") == [
        "Hi Priya, thank you for the tips on user interviews. It helped me a lot.", "", "Best wishes,", "Sam"]


def test_data_in_a_template_is_escaped():
    chapter = data.Chapter(slug="x", title="X", data_file="checklists/x.yml", page_file="chapters/x.md",
                           summary="", sections={})
    evil = {"id": "t", "title": "<b>T</b>", "situation": "S", "when": "<i>now</i>",
            "body": "Hi {name} <script>alert(1)</script>",
            "blanks": [{"name": "name", "label": "<em>Name</em>", "example": '"><img src=x onerror=alert(1)>'}]}
    html = str(render("templates", chapter, evil))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html and "<em>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;T&lt;/b&gt;" in html


# --- The tracker of Your people: the tracker fixture's second chapter, laid over _base --------------------


TRACKER_LINKS = Links(section=LINKS.section, edit_data=LINKS.edit_data, site_name="The guidebook", toolkit="../toolkit/")


@pytest.fixture(scope="module")
def tracker_chapter(tmp_path_factory):
    from helpers import make_fixture_project

    project = make_fixture_project("tracker", tmp_path_factory.mktemp("tracker-render"), data_only=True)
    return data.load_guidebook(project, project / "docs", WORDS)["keeping-in-touch"]


def test_the_tracker_renders_as_reviewed(tracker_chapter):
    tracker = tracker_chapter.get("trackers", "your-people")
    actual = pretty(BY_KEY["trackers"].html(tracker_chapter, tracker, TRACKER_LINKS, WORDS))
    expected_file = EXPECTED / "trackers-your-people.html"
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text(actual, "utf-8")
    diff = "".join(difflib.unified_diff(expected_file.read_text("utf-8").splitlines(True), actual.splitlines(True),
                                        str(expected_file.relative_to(ROOT)), "rendered now"))
    assert not diff, "the rendered HTML changed:\n" + diff


def test_the_trackers_facts_carry_the_chapters_waits_and_where_each_message_is(tracker_chapter):
    tracker = tracker_chapter.get("trackers", "your-people")
    soup = BeautifulSoup(BY_KEY["trackers"].html(tracker_chapter, tracker, TRACKER_LINKS, WORDS), "html.parser")
    facts = json.loads(soup.section["data-gb-part"])
    assert facts["steps"] == {"follow_up": {"count": 3, "unit": "day", "label": "Follow up"},
                              "nudge": {"count": 1, "unit": "week", "label": "Nudge"},
                              "keep_in_touch": {"count": 3, "unit": "month", "label": "Keep in touch"}}
    assert facts["messages"] == {"follow_up": "../toolkit/#gb-demo-thank-you",
                                 "nudge": "../toolkit/#gb-keeping-in-touch-nudge",
                                 "keep_in_touch": "../toolkit/#gb-keeping-in-touch-keep-in-touch"}
    assert facts["blank"] == "their_name" and facts["file"] == "your-people"
    # Without a toolkit page there is nowhere to write the message: no links, and the script leaves them out.
    plain = BY_KEY["trackers"].html(tracker_chapter, tracker, LINKS, WORDS)
    assert "messages" not in json.loads(BeautifulSoup(plain, "html.parser").section["data-gb-part"])
    # Every field of the form has a label; the closeness question links to the chapter's section.
    for field in soup.select("[data-gb-field]:not([type=radio]):not([type=checkbox])"):
        assert soup.select_one(f"label[for='{field['id']}']"), field
    assert soup.select_one(".gb-tie .gb-more a")["href"] == "../keeping-in-touch/#close-and-loose"

"""The guidebook's words: every source section has its heading, nothing is copied from the sources, the
prose is easy to read and spelled right, every page describes itself, every chapter has the same shape,
and no page is left as a draft.

The source chapters the guidebook was written from are kept in tests/sources/ (one per chapter slug), so
these tests run in any clone.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from mkdocs.utils.meta import get_data as read_front_matter

from helpers import nav_pages
from macros.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = ROOT / "checklists"
SOURCES = Path(__file__).resolve().parent / "sources"
CHAPTER_SLUGS = sorted(path.stem for path in (DOCS / "chapters").glob("*.md"))

# --- Traceability: every section (and, where the source lists them, every point) of each source chapter
# -> the explicit heading id ({#id}) that covers it in the guidebook chapter of the same slug.
TRACEABILITY = {
    "identifying-opportunities": {
        "Assessing Our Networking Goals": "assess-your-goals",
        "Leveraging Professional Associations": "professional-associations",
        "Utilizing Social Media": "social-media",
        "Participating in Professional Development Programs": "professional-development",
        "Engaging in Non-Work Activities": "outside-work",
        "Conclusion": "conclusion",
    },
    "leveraging-your-network": {
        "Networking with Purpose": "network-with-purpose",
        "Define Your Career Goals": "career-goals",
        "Targeted Networking": "targeted-networking",
        "Strategic Networking Events": "strategic-events",
        "Building and Nurturing Relationships": "build-relationships",
        "Authentic Connections": "authentic-connections",
        "Regular Follow-Ups": "follow-ups",
        "Giving Before Receiving": "give-first",
        "Leveraging Digital Platforms": "digital-platforms",
        "LinkedIn Optimization": "linkedin-profile",
        "Social Media Engagement": "social-media-engagement",
        "Online Communities": "online-communities",
        "Seeking Mentorship and Guidance": "mentorship",
        "Identify Mentors": "find-mentors",
        "Reverse Mentoring": "reverse-mentoring",
        "Tapping into Hidden Opportunities": "hidden-opportunities",
        "Informational Interviews": "informational-interviews",
        "Referrals and Recommendations": "referrals",
        "Collaborative Projects": "collaborative-projects",
        "Networking Continuously": "keep-networking",
        "Long-term Perspective": "long-term",
        "Adaptability": "adaptability",
        "Conclusion": "conclusion",
    },
}

# What the chapters add beyond the sources so that a reader can act: section id -> an element it must hold.
ADDED_FOR_READERS = {
    "identifying-opportunities": [
        ("assess-your-goals", ".admonition"),     # a worked goal card
        ("opportunity-list", "table"),            # a way to keep track of opportunities
        ("opportunity-list", "blockquote"),       # a short follow-up message after meeting someone
        ("this-week", "ol"),
    ],
    "leveraging-your-network": [
        ("follow-ups", "blockquote"),             # a short follow-up message
        ("find-mentors", "blockquote"),           # a first request to a possible mentor
        ("informational-interviews", "blockquote"),  # a request for an informational interview
        ("track-contacts", "table"),              # a simple way to keep track of contacts
        ("this-week", "ol"),
    ],
}

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
INTERACTIVE = {f"gb-{kind.html}": kind.name for kind in KINDS}  # class -> what a reader calls the part
STANDARD_ORDER = ["learning objectives", "body", "key takeaways", "checklist", "knowledge check",
                  "self-assessment"]


def built_page(site, docs_path: str) -> Path:
    """The built HTML file of a page of docs/ (the site uses directory URLs)."""
    stem = docs_path.removesuffix(".md")
    return site.dir / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")


def soup_of(site, docs_path: str) -> BeautifulSoup:
    page = built_page(site, docs_path)
    assert page.is_file(), f"docs/{docs_path} was not built to {page.relative_to(site.dir)}"
    return BeautifulSoup(page.read_text("utf-8"), "html.parser")


def article_of(site, docs_path: str) -> Tag:
    article = soup_of(site, docs_path).select_one("article.md-content__inner")
    assert article is not None, f"no article element in the built page of docs/{docs_path}"
    return article


# --- Source sections ------------------------------------------------------------------------------


def source_sections(text: str) -> list[str]:
    """Section titles (underlined with ---) and listed points ('* *Point:* ...') of a source chapter."""
    titles = []
    lines = text.splitlines()
    for line, next_line in zip(lines, lines[1:] + [""]):
        if line.strip() and re.fullmatch(r"-{3,}\s*", next_line):
            titles.append(re.sub(r"^\d+\.\s*", "", line.strip().strip("*").strip()))
        point = re.match(r"^\*\s+\*(?P<title>[^*:]+):\*", line)
        if point:
            titles.append(point["title"].strip())
    return titles


def test_source_parser_finds_sections_and_points():
    sample = "Title\n=====\n\nIntro.\n\n**1. First Part**\n---\n\n* *A Point:* text.\n\nEnd\n---\n"
    assert source_sections(sample) == ["First Part", "A Point", "End"]


@pytest.mark.parametrize("slug", sorted(TRACEABILITY))
def test_traceability_table_covers_every_source_section(slug):
    sections = source_sections((SOURCES / f"{slug}.txt").read_text("utf-8"))
    assert sections, f"tests/sources/{slug}.txt has no sections: is it the right file?"
    assert sorted(sections) == sorted(TRACEABILITY[slug]), (
        f"The table in this file and the sections of tests/sources/{slug}.txt differ:\n"
        f"  in the source, not in the table: {sorted(set(sections) - set(TRACEABILITY[slug]))}\n"
        f"  in the table, not in the source: {sorted(set(TRACEABILITY[slug]) - set(sections))}")


@pytest.mark.parametrize("slug", sorted(TRACEABILITY))
def test_every_source_section_has_its_heading_in_the_built_chapter(site, slug):
    article = article_of(site, f"chapters/{slug}.md")
    missing = {title: heading_id for title, heading_id in TRACEABILITY[slug].items()
               if not ((element := article.find(id=heading_id)) and element.name in HEADINGS)}
    assert not missing, f"chapters/{slug}: no heading with these ids (source section -> id): {missing}"


def section_content(article: Tag, heading_id: str) -> list[Tag]:
    """The elements between a heading and the next heading of the same or a higher level."""
    heading = article.find(id=heading_id)
    assert heading is not None and heading.name in HEADINGS, f"no heading with id {heading_id!r}"
    level = int(heading.name[1])
    content = []
    for sibling in heading.find_next_siblings():
        if sibling.name in HEADINGS and int(sibling.name[1]) <= level:
            break
        content.append(sibling)
    return content


@pytest.mark.parametrize("slug", sorted(ADDED_FOR_READERS))
def test_chapters_give_examples_and_a_plan_for_this_week(site, slug):
    article = article_of(site, f"chapters/{slug}.md")
    missing = []
    for heading_id, selector in ADDED_FOR_READERS[slug]:
        content = section_content(article, heading_id)
        if not any(element.css.match(selector) or element.select_one(selector) for element in content):
            missing.append(f"{heading_id}: {selector}")
    assert not missing, f"chapters/{slug} lacks these examples (section: element): {missing}"


# --- No copying -----------------------------------------------------------------------------------

RUN = 8  # words in a row that may not appear in both a source and our pages


def normalised_words(text: str) -> list[str]:
    """Lower case, apostrophes dropped (it's -> its), everything else that is not a letter or digit a break."""
    return re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]", "", text.lower()))


def runs(words: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.fixture(scope="module")
def source_runs() -> dict[tuple[str, ...], str]:
    found = {}
    for source in sorted(SOURCES.glob("*.txt")):
        for run in runs(normalised_words(source.read_text("utf-8"))):
            found[run] = source.name
    assert found, "no source text in tests/sources/"
    return found


def copied_runs(text: str, source_runs: dict) -> list[str]:
    return sorted(" ".join(run) for run in runs(normalised_words(text)) if run in source_runs)


def test_copy_detector_catches_a_reworded_copy(source_runs):
    # The same words with other capitals, punctuation and markup still count as copied.
    copied = "We think **Professional associations** can be: a VALUABLE resource, for networking!"
    assert "associations can be a valuable resource for networking" in copied_runs(copied, source_runs)
    assert copied_runs("Professional associations are a good place to meet people.", source_runs) == []


def text_files(*places: Path):
    """(path, text) of every UTF-8 file in these folders, or of these files."""
    for place in places:
        for path in ([place] if place.is_file() else sorted(place.rglob("*"))):
            if path.is_file():
                try:
                    yield path, path.read_text("utf-8")
                except UnicodeDecodeError:
                    continue  # images and other binary files hold no prose


def test_no_run_of_eight_words_from_a_source_is_in_the_pages_or_data(source_runs):
    offences = {}
    for path, text in text_files(DOCS, DATA):
        copied = copied_runs(text, source_runs)
        if copied:
            offences[path.relative_to(ROOT).as_posix()] = copied
    assert not offences, ("Text copied from a source (8+ words in a row); say it in your own words:\n"
                          + "\n".join(f"  {file}: {runs_}" for file, runs_ in offences.items()))


# --- Readability ----------------------------------------------------------------------------------

MIN_READING_EASE = 50
TEXT_BLOCKS = HEADINGS + ["p", "li", "th", "td", "dt", "dd"]


def prose_of(article: Tag) -> str:
    """The chapter's own prose: headings, paragraphs, list items and table cells, each one a sentence.
    The interactive parts (rendered from the data), permalink signs and page buttons are left out."""
    article = BeautifulSoup(str(article), "html.parser")
    for element in article.select(".gb, a.headerlink, .md-content__button, .md-source-file"):
        element.decompose()
    sentences = []
    for block in article.find_all(TEXT_BLOCKS):
        # Only the text whose nearest block is this one, so that nested lists are not counted twice.
        own = "".join(text for text in block.find_all(string=True)
                      if isinstance(text, NavigableString) and text.find_parent(TEXT_BLOCKS) is block)
        own = " ".join(own.split())
        if own:
            # A heading or a list item without a full stop would otherwise run into the next sentence.
            sentences.append(own if own[-1] in ".!?:" else own + ".")
    return " ".join(sentences)


@pytest.fixture(scope="module")
def textstat_offline():
    """textstat counts English syllables with NLTK's CMU dictionary, which it downloads at run time. We
    cannot download, so it uses the Pyphen hyphenation dictionary it ships with (its own fallback for
    words missing from the CMU dictionary) for every word; and a download attempt fails the test."""
    import nltk
    import textstat
    from textstat.backend.counts import _count_syllables

    def no_download(*args, **kwargs):
        raise AssertionError("textstat tried to download NLTK data; the tests must run offline")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
        patch.setattr(nltk, "download", no_download)
        yield textstat


def test_reading_ease_tells_hard_prose_from_plain_prose(textstat_offline):
    plain = "Say hello to one new person. Ask them what they do. Listen well, and send a short note the next day."
    hard = ("Organisational interdependencies necessitate comprehensive, multidimensional stakeholder "
            "communication methodologies, facilitating institutionalised knowledge dissemination.")
    assert textstat_offline.flesch_reading_ease(plain) >= MIN_READING_EASE > textstat_offline.flesch_reading_ease(hard)


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_chapter_prose_is_easy_to_read(site, textstat_offline, slug):
    prose = prose_of(article_of(site, f"chapters/{slug}.md"))
    words = textstat_offline.lexicon_count(prose)
    ease = textstat_offline.flesch_reading_ease(prose)
    print(f"\n{slug}: {words} words, {textstat_offline.sentence_count(prose)} sentences, "
          f"Flesch reading ease {ease:.1f}")
    assert words >= 300, f"chapters/{slug}: only {words} words of prose were found; is the page built?"
    assert ease >= MIN_READING_EASE, (
        f"chapters/{slug}: Flesch reading ease {ease:.1f} is below {MIN_READING_EASE}. "
        "Use shorter sentences and shorter, more common words.")


# --- Spelling -------------------------------------------------------------------------------------

CODESPELL = [str(Path(sys.executable).parent / "codespell"), "--ignore-words", str(ROOT / ".codespell-ignore")]


def test_codespell_finds_a_misspelling(tmp_path):
    (tmp_path / "page.md").write_text("Please recieve our thanks.\n", "utf-8")
    result = subprocess.run(CODESPELL + [str(tmp_path)], capture_output=True, text=True)
    assert result.returncode != 0 and "recieve" in result.stdout, result.stdout + result.stderr


def test_pages_and_data_are_spelled_right():
    result = subprocess.run(CODESPELL + ["docs", "checklists"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, (
        "codespell found misspellings (fix them, or add a real word to .codespell-ignore):\n"
        + result.stdout + result.stderr)


# --- Descriptions ---------------------------------------------------------------------------------


def test_nav_lists_home_then_the_chapters_in_reading_order():
    pages = nav_pages()
    assert pages[0] == "index.md"
    chapters = [page for page in pages if page.startswith("chapters/")]
    assert chapters[:2] == ["chapters/identifying-opportunities.md", "chapters/leveraging-your-network.md"]
    assert sorted(chapters) == sorted(f"chapters/{slug}.md" for slug in CHAPTER_SLUGS), \
        "every chapter in docs/chapters/ belongs in the nav"


@pytest.mark.parametrize("page", nav_pages())
def test_every_page_has_a_description_used_as_its_meta_description(site, page):
    description = read_front_matter((DOCS / page).read_text("utf-8"))[1].get("description")
    assert isinstance(description, str) and description.strip(), \
        f"docs/{page} needs a 'description:' in its front matter"
    meta = soup_of(site, page).find("meta", attrs={"name": "description"})
    assert meta is not None and " ".join(meta["content"].split()) == " ".join(description.split()), (
        f"the built page of docs/{page} does not describe itself with its front-matter description: "
        f"{meta and meta.get('content')!r}")


def test_home_page_links_to_every_chapter_with_its_summary(site):
    home = article_of(site, "index.md")
    for slug in CHAPTER_SLUGS:
        link = home.find("a", href=f"chapters/{slug}/")
        assert link is not None, f"the home page has no link to chapters/{slug}"
        summary = read_front_matter((DOCS / "chapters" / f"{slug}.md").read_text("utf-8"))[1]["description"]
        assert " ".join(summary.split()) in " ".join(home.get_text(" ").split())


# --- Shape of every chapter -----------------------------------------------------------------------


def _introduces_interactive_part(heading: Tag) -> bool:
    """Whether the section under this h2 holds one of the macros' parts."""
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            return False
        if any(sibling.css.match(f".{c}") or sibling.select_one(f".{c}") for c in INTERACTIVE):
            return True
    return False


def chapter_parts(article: Tag) -> list[str]:
    """The chapter's parts in page order, repeats merged: objectives, body, takeaways, interactive parts."""
    parts = []
    for element in article.find_all(True):
        classes = element.get("class") or []
        part = next((INTERACTIVE[c] for c in classes if c in INTERACTIVE), None)
        if part is None and element.name == "h2":
            part = {"learning-objectives": "learning objectives",
                    "key-takeaways": "key takeaways"}.get(element.get("id"), "body")
            if part == "body" and _introduces_interactive_part(element):
                continue  # a heading such as "Check your understanding" belongs to the part below it
        if part and (not parts or parts[-1] != part):
            parts.append(part)
    return parts


def test_chapter_parts_detects_parts_out_of_order():
    def parts(middle: str) -> list[str]:
        html = ('<article><h2 id="learning-objectives">L</h2><h2 id="a">A</h2><p>Text.</p>'
                f'<h2 id="key-takeaways">K</h2>{middle}</article>')
        return chapter_parts(BeautifulSoup(html, "html.parser"))

    checklist, check, assessment = ('<div class="gb gb-checklist"></div>', '<div class="gb gb-knowledge-check"></div>',
                                    '<div class="gb gb-self-assessment"></div>')
    assert parts(f'<h2 id="practice">Practice</h2>{checklist}{check}{assessment}') == STANDARD_ORDER
    assert parts(f"{check}{checklist}{assessment}") != STANDARD_ORDER
    prose_between = f'{checklist}<h2 id="more">More</h2><p>Prose.</p><h2 id="quiz">Quiz</h2>{check}{assessment}'
    assert parts(prose_between) != STANDARD_ORDER


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_every_chapter_has_the_standard_parts_in_the_standard_order(site, slug):
    parts = chapter_parts(article_of(site, f"chapters/{slug}.md"))
    assert parts == STANDARD_ORDER, (
        f"chapters/{slug}: expected {' -> '.join(STANDARD_ORDER)}, found {' -> '.join(parts)}. "
        "Headings need the ids learning-objectives and key-takeaways; the macros come after the takeaways.")


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_every_heading_of_a_chapter_has_an_explicit_id(slug):
    source = (DOCS / "chapters" / f"{slug}.md").read_text("utf-8")
    without_id = [line for line in source.splitlines()
                  if re.match(r"#{2,6}\s", line) and not re.search(r"\{[^}]*#[a-z0-9-]+[^}]*\}\s*$", line)]
    assert not without_id, f"chapters/{slug}: give these headings a stable id, '## Title {{#id}}': {without_id}"


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_macro_calls_stand_alone_between_blank_lines(slug):
    lines = (DOCS / "chapters" / f"{slug}.md").read_text("utf-8").splitlines()
    bad = [number for number, line in enumerate(lines, 1) if "{{" in line and (
        line != line.lstrip() or not line.startswith("{{") or (number > 1 and lines[number - 2].strip())
        or (number < len(lines) and lines[number].strip()))]
    assert not bad, f"chapters/{slug}: put each macro call at column 0 with a blank line before and after (lines {bad})"


# --- Finished pages -------------------------------------------------------------------------------

UNFINISHED = re.compile(r"\bdrafts?\b|\bwork in progress\b|\bcoming soon\b|\bTBD\b|\bTODO\b|\bfinish it later\b",
                        re.IGNORECASE)


def test_unfinished_marker_pattern_finds_the_sources_draft_note():
    assert UNFINISHED.search((SOURCES / "leveraging-your-network.txt").read_text("utf-8"))


def test_no_page_or_data_file_is_marked_as_a_draft():
    # What readers read: the pages and the chapter data (the schema's URL names a JSON Schema draft).
    found = [f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()}"
             for path, text in text_files(*sorted(DOCS.rglob("*.md")), *sorted(DATA.glob("*.yml")))
             for number, line in enumerate(text.splitlines(), 1) if UNFINISHED.search(line)]
    assert not found, "Finish these pages (no draft notes):\n" + "\n".join(found)

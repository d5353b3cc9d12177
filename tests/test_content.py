"""The guidebook's words: every source section has its heading, nothing is copied from the sources, the
prose is easy to read and spelled right, every page describes itself, every chapter has the same shape,
and no page is left as a draft.

The source chapters the guidebook was written from are kept in tests/sources/ (one per chapter slug), so
these tests run in any clone.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections import Counter
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



def front_matter(slug: str) -> dict:
    return read_front_matter((DOCS / "chapters" / f"{slug}.md").read_text("utf-8"))[1]


# --- Traceability: a chapter written from a source chapter (tests/sources/) says so in its front matter,
# `written_from:` with the source file and, for every section (and, where the source lists them, every
# point) of it, the explicit heading id ({#id}) that covers it. A chapter of a fork's own declares nothing
# and is not traced; removing a chapter removes its declaration with it.
WRITTEN_FROM = {slug: front_matter(slug)["written_from"] for slug in CHAPTER_SLUGS if "written_from" in front_matter(slug)}
TRACEABILITY = {slug: declared.get("sections") or {} for slug, declared in WRITTEN_FROM.items()}

# What a chapter gives readers to act on, beyond its source, declared in its front matter as
# `reader_aids:`, section id -> an element that section must hold (a CSS selector).
ADDED_FOR_READERS = {slug: list((front_matter(slug).get("reader_aids") or {}).items()) for slug in CHAPTER_SLUGS
                     if front_matter(slug).get("reader_aids")}

# Research cited where a reader's doubt or fear is, not only in Further reading, declared in the front matter
# as `evidence:`, section id -> its citations, each "<first author's surname> <year>".
EVIDENCE = {slug: front_matter(slug)["evidence"] for slug in CHAPTER_SLUGS if front_matter(slug).get("evidence")}

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
# class -> what a reader calls the part. The parts a chapter ends with; message templates belong in the
# body, where the prose needs them.
INTERACTIVE = {f"gb-{kind.name}": kind.label for kind in KINDS if kind.in_workbook}
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


@pytest.mark.parametrize("slug", sorted(WRITTEN_FROM))
def test_traceability_table_covers_every_source_section(slug):
    source = SOURCES / str(WRITTEN_FROM[slug].get("source"))
    assert source.is_file(), (
        f"docs/chapters/{slug}.md says it was written from tests/sources/{source.name} (written_from: source:), "
        "which does not exist. Add the source chapter there as plain text, or remove 'written_from' from the "
        "page's front matter if the chapter is your own.")
    sections = source_sections(source.read_text("utf-8"))
    assert sections, f"tests/sources/{source.name} has no sections: is it the right file?"
    assert sorted(sections) == sorted(TRACEABILITY[slug]), (
        f"The written_from: sections: of docs/chapters/{slug}.md and the sections of tests/sources/{source.name} differ:\n"
        f"  in the source, not in the front matter: {sorted(set(sections) - set(TRACEABILITY[slug]))}\n"
        f"  in the front matter, not in the source: {sorted(set(TRACEABILITY[slug]) - set(sections))}")


@pytest.mark.parametrize("slug", sorted(WRITTEN_FROM))
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

# Vendored libraries keep their authors' spelling (docs/assets/vendor/).
CODESPELL = [str(Path(sys.executable).parent / "codespell"), "--ignore-words", str(ROOT / ".codespell-ignore"),
             "--skip", "*/vendor/*"]


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
    assert sorted(chapters) == sorted(f"chapters/{slug}.md" for slug in CHAPTER_SLUGS), \
        "every chapter in docs/chapters/ belongs in the nav"
    assert pages[1:1 + len(chapters)] == chapters, "the chapters come right after the home page, together"


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

    checklist, check, assessment = ('<div class="gb gb-checklist"></div>', '<div class="gb gb-knowledge_check"></div>',
                                    '<div class="gb gb-self_assessment"></div>')
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


INLINE_MACRO = re.compile(r"\{\{\s*timing\([^)]*\)\s*\}\}")  # words in a sentence ("3 days"), not a block


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_macro_calls_stand_alone_between_blank_lines(slug):
    lines = INLINE_MACRO.sub("", (DOCS / "chapters" / f"{slug}.md").read_text("utf-8")).splitlines()
    bad = [number for number, line in enumerate(lines, 1) if "{{" in line and (
        line != line.lstrip() or not line.startswith("{{") or (number > 1 and lines[number - 2].strip())
        or (number < len(lines) and lines[number].strip()))]
    assert not bad, f"chapters/{slug}: put each macro call at column 0 with a blank line before and after (lines {bad})"


# --- Finished pages -------------------------------------------------------------------------------

UNFINISHED = re.compile(r"\bdrafts?\b|\bwork in progress\b|\bcoming soon\b|\bTBD\b|\bTODO\b|\bfinish it later\b",
                        re.IGNORECASE)


def test_unfinished_marker_pattern_finds_a_draft_note():
    # The note one of our sources opens with; written here, so that a fork may delete any source.
    assert UNFINISHED.search("**The current status of this chapter is draft. I will finish it later when I have time**")
    assert not UNFINISHED.search("A drafting table and a finished plan.")


def test_no_page_or_data_file_is_marked_as_a_draft():
    # What readers read: the pages and the chapter data (the schema's URL names a JSON Schema draft).
    found = [f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()}"
             for path, text in text_files(*sorted(DOCS.rglob("*.md")), *sorted(DATA.glob("*.yml")))
             for number, line in enumerate(text.splitlines(), 1) if UNFINISHED.search(line)]
    assert not found, "Finish these pages (no draft notes):\n" + "\n".join(found)


# --- Examples a reader can copy -------------------------------------------------------------------


def chapters_with_aid(section_id: str) -> list[str]:
    """The chapters that declare this section among their reader_aids (none in a fork that dropped it)."""
    return [slug for slug, aids in ADDED_FOR_READERS.items() if section_id in dict(aids)]


def test_the_introduction_section_gives_two_filled_in_examples(site):
    for slug in chapters_with_aid("thirty-second-introduction"):
        content = section_content(article_of(site, f"chapters/{slug}.md"), "thirty-second-introduction")
        quotes = [element for element in content if element.name == "blockquote"]
        assert len(quotes) >= 2, f"chapters/{slug}: the 30-second introduction needs two filled-in examples"


def test_the_informational_interview_question_bank_is_grouped_and_ends_with_who_else(site):
    for slug in chapters_with_aid("interview-questions"):
        content = section_content(article_of(site, f"chapters/{slug}.md"), "interview-questions")
        groups = [element for element in content if element.name == "ul"]
        questions = [" ".join(item.get_text(" ").split()) for group in groups for item in group.find_all("li")]
        questions = [question for question in questions if question.endswith("?")]
        assert len(questions) >= 12, f"chapters/{slug}: the question bank holds {len(questions)} questions; it needs 12"
        assert len(groups) >= 4, f"chapters/{slug}: group the questions by purpose, one list per purpose"
        assert any("who else should i talk to" in question.lower() for question in questions)


def test_our_chapters_declare_their_sources_and_aids():
    """This guidebook's two chapters were written from the two sources: the declarations the tests above
    follow are there (a fork that removes a chapter removes its declarations with it)."""
    sources = {slug: declared["source"] for slug, declared in WRITTEN_FROM.items()}
    for source in sorted(SOURCES.glob("*.txt")):
        if (DOCS / "chapters" / f"{source.stem}.md").is_file():
            assert sources.get(source.stem) == source.name, (
                f"docs/chapters/{source.stem}.md has a source, tests/sources/{source.name}: declare it in the page's "
                "front matter as written_from: source: with the heading id of each of its sections")
    for slug in sources:
        assert slug in ADDED_FOR_READERS, f"docs/chapters/{slug}.md: declare its reader_aids (see the other chapter)"
        assert slug in EVIDENCE, f"docs/chapters/{slug}.md: declare where it cites research (evidence:)"


# --- Knowledge checks -----------------------------------------------------------------------------

MIN_QUESTIONS = 10
# "Choose all that apply" questions are the ones a reader cannot answer by spotting the sensible option.
MIN_SELECT_ALL = 3
# The h2 sections that frame a chapter rather than teach a topic, so no question has to reach them: the
# objectives, the summary, the plan for this week, the reading list and the takeaways restate or point
# beyond the topics; the last three hold the interactive parts themselves.
NOT_TOPICS = {"learning-objectives", "conclusion", "this-week", "further-reading", "key-takeaways",
              "put-it-into-practice", "knowledge-check", "self-assessment"}


def chapter_data(slug: str) -> dict:
    # libyaml's loader, as macros/data.py reads them: the pure-Python one took 2 s of every collection.
    return yaml.load((DATA / f"{slug}.yml").read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def questions_of(slug: str) -> list[dict]:
    return [question for check in chapter_data(slug)["knowledge_checks"] for question in check["questions"]]


def topic_of_every_heading(article: Tag) -> dict[str, str | None]:
    """Heading id -> the id of the h2 section it sits in (an h2 is its own topic)."""
    topics, current = {}, None
    for heading in article.find_all(HEADINGS[1:]):
        if heading.name == "h2":
            current = heading.get("id")
        if heading.get("id"):
            topics[heading["id"]] = current
    return topics


def topic_sections(article: Tag) -> list[str]:
    return [heading["id"] for heading in article.find_all("h2", id=True) if heading["id"] not in NOT_TOPICS]


def test_topic_helpers_find_the_h2_of_a_subsection_and_skip_framing_sections():
    article = BeautifulSoup('<article><h2 id="learning-objectives">L</h2><h2 id="a">A</h2><h3 id="a1">A1</h3>'
                            '<h4 id="a1x">A1x</h4><h2 id="b">B</h2><h2 id="key-takeaways">K</h2></article>',
                            "html.parser")
    assert topic_of_every_heading(article)["a1x"] == "a"
    assert topic_sections(article) == ["a", "b"]


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_every_chapter_has_enough_questions_and_enough_select_all_ones(slug):
    questions = questions_of(slug)
    select_all = sum(question["type"] == "multiple" for question in questions)
    print(f"\n{slug}: {len(questions)} questions, {select_all} of them choose-all-that-apply")
    assert len(questions) >= MIN_QUESTIONS, (
        f"checklists/{slug}.yml has {len(questions)} questions; write at least {MIN_QUESTIONS}")
    assert select_all >= MIN_SELECT_ALL, (
        f"checklists/{slug}.yml has {select_all} choose-all-that-apply questions (type: multiple); "
        f"write at least {MIN_SELECT_ALL}")


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_the_questions_reach_every_topic_section_of_their_chapter(site, slug):
    article = article_of(site, f"chapters/{slug}.md")
    topic_of = topic_of_every_heading(article)
    reached = {topic_of[question["section"]] for question in questions_of(slug)}
    print(f"\n{slug}: questions reach {sorted(reached)}")
    missing = [topic for topic in topic_sections(article) if topic not in reached]
    assert not missing, f"chapters/{slug}: no question tests these sections: {missing}"


def singles_of(questions: list[dict]) -> list[dict]:
    return [question for question in questions if question["type"] == "single"]


def key_length_tells(questions: list[dict]) -> tuple[int, int, int]:
    """(single-choice questions whose correct choice is at least as long as every other, those whose correct
    choice is at most as long as every other, single-choice questions). A tie counts: it is still a cue."""
    longest = shortest = 0
    for question in singles_of(questions):
        right = next(len(choice["text"]) for choice in question["choices"] if choice.get("correct"))
        others = [len(choice["text"]) for choice in question["choices"] if not choice.get("correct")]
        longest += right >= max(others)
        shortest += right <= min(others)
    return longest, shortest, len(singles_of(questions))


# Words that carry no meaning of their own, left out when options are compared for the words they share.
FUNCTION_WORDS = set("""a an the and or but to of in on at for with by from as so that this than then it its is are
    be was were he she they his her their them him i i'm me my you your we our if""".split())


def content_words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9']+", text.lower()) if word not in FUNCTION_WORDS}


def key_converges(question: dict) -> bool:
    """Whether the correct choice shares more words with the other choices than any of them does: a reader
    who picks the option that overlaps the rest most ("convergence") would then find the key."""
    words = [content_words(choice["text"]) for choice in question["choices"]]
    shared = [sum(len(words[i] & words[j]) for j in range(len(words)) if j != i) for i in range(len(words))]
    right = next(i for i, choice in enumerate(question["choices"]) if choice.get("correct"))
    return all(shared[right] > shared[i] for i in range(len(shared)) if i != right)


def correct_positions(questions: list[dict]) -> list[int]:
    return [next(index for index, choice in enumerate(question["choices"]) if choice.get("correct"))
            for question in singles_of(questions)]


def answer_key_gives_itself_away(questions: list[dict]) -> list[str]:
    """Why a reader could guess the answers without reading: the correct choice is often the longest or the
    shortest (more than one single-choice question in four), often shares the most words with the others,
    or usually sits in the same place."""
    reasons = []
    longest, shortest, singles = key_length_tells(questions)
    if longest * 4 > singles:
        reasons.append(f"the correct choice is the longest in {longest} of {singles} single-choice questions")
    if shortest * 4 > singles:
        reasons.append(f"the correct choice is the shortest in {shortest} of {singles} single-choice questions")
    converging = [question["id"] for question in singles_of(questions) if key_converges(question)]
    if len(converging) * 4 > singles:
        reasons.append(f"the correct choice shares the most words with the other choices in {converging}")
    positions = correct_positions(questions)
    if positions and (len(set(positions)) < 3 or max(map(positions.count, set(positions))) * 2 > len(positions)):
        reasons.append(f"the correct choice sits at positions {positions}")
    return reasons


def test_the_give_away_check_catches_a_key_that_is_always_first_and_longest():
    rigged = [{"id": "q", "type": "single", "choices": [{"text": "The long, careful, hedged answer", "correct": True},
                                                        {"text": "Short"}, {"text": "Wrong"}]}] * 4
    reasons = answer_key_gives_itself_away(rigged)
    assert len(reasons) == 2 and "longest" in reasons[0] and "positions" in reasons[1]


def test_the_give_away_check_catches_a_short_key_and_a_converging_key():
    def question(right: str, *wrong: str) -> dict:
        return {"id": right, "type": "single",
                "choices": [{"text": text} for text in wrong[:1]] + [{"text": right, "correct": True}]
                + [{"text": text} for text in wrong[1:]]}
    short = [question("Ask", "Wait a week first", "Write a long note")] * 4
    assert any("shortest" in reason for reason in answer_key_gives_itself_away(short))
    # The key joins the parts that each wrong option has one of: the classic convergence cue.
    converging = question("Name the event and one detail", "Name the event only", "Give one detail only", "Attach a CV")
    assert key_converges(converging)
    assert not key_converges(question("Ask now", "Wait a week", "Guess the name"))


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_the_answer_key_does_not_give_itself_away(slug):
    questions = questions_of(slug)
    longest, shortest, singles = key_length_tells(questions)
    print(f"\n{slug}: of {singles} single-choice questions, the correct choice is the longest in {longest} and "
          f"the shortest in {shortest}; positions {correct_positions(questions)}")
    reasons = answer_key_gives_itself_away(questions)
    assert not reasons, (f"checklists/{slug}.yml: {'; '.join(reasons)}. Make the choices alike in length and form, "
                         "and vary the place of the answer.")


def select_all_length_tells(questions: list[dict]) -> list[str]:
    """The "choose all that apply" questions whose right choices are all longer, or all shorter, than every
    wrong one: a reader who ticks the long (or the short) ones gets them right without reading."""
    tells = []
    for question in questions:
        if question["type"] != "multiple":
            continue
        right = [len(choice["text"]) for choice in question["choices"] if choice.get("correct")]
        wrong = [len(choice["text"]) for choice in question["choices"] if not choice.get("correct")]
        if wrong and (min(right) > max(wrong) or max(right) < min(wrong)):
            tells.append(question["id"])
    return tells


def test_the_select_all_length_check_catches_right_choices_that_are_all_longer():
    def question(right: list[str], wrong: list[str]) -> dict:
        return {"id": right[0], "type": "multiple",
                "choices": [{"text": text, "correct": True} for text in right] + [{"text": text} for text in wrong]}
    assert select_all_length_tells([question(["A careful, hedged answer", "Another long, careful one"],
                                             ["Short", "Brief"])]) == ["A careful, hedged answer"]
    assert select_all_length_tells([question(["Ask", "A longer right one"], ["A wrong one", "No"])]) == []


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_select_all_answers_are_not_marked_by_their_length(slug):
    questions = questions_of(slug)
    select_all = [question for question in questions if question["type"] == "multiple"]
    tells = select_all_length_tells(questions)
    assert len(tells) * 4 <= len(select_all), (
        f"checklists/{slug}.yml: in {tells} every right choice is longer, or every one shorter, than each wrong "
        "choice; make the choices alike in length")


# Absolute words, which careful writers avoid in advice: found only in wrong choices, they mark them.
ABSOLUTES = re.compile(r"\b(always|never|only|every|everyone|everything|all|none|nothing|nobody|no one)\b",
                       re.IGNORECASE)


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_absolute_words_do_not_mark_the_wrong_choices(slug):
    marked = [question["id"] for question in questions_of(slug)
              if any(ABSOLUTES.search(choice["text"]) for choice in question["choices"] if not choice.get("correct"))
              and not any(ABSOLUTES.search(choice["text"]) for choice in question["choices"] if choice.get("correct"))]
    assert not marked, (f"checklists/{slug}.yml: only wrong choices use words such as 'always', 'never' or 'all' in "
                        f"{marked}; reword them, or use such a word in a right choice too")


# The turn from why a choice tempts to why it fails.
TURN = re.compile(r"\b(but|yet|though|however|still)\b", re.IGNORECASE)


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_every_wrong_choice_says_why_it_tempts_and_why_it_fails(slug):
    weak = [f"{question['id']}/{choice['id']}" for question in questions_of(slug) for choice in question["choices"]
            if not choice.get("correct") and not TURN.search(choice.get("feedback", ""))]
    assert not weak, (f"checklists/{slug}.yml: give these wrong choices feedback that says why they tempt, "
                      f"then (but, yet, though, however) why they fail: {weak}")


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_the_feedback_does_not_repeat_one_formula(slug):
    # Feedback written to one pattern ("It feels efficient. But ...") reads as a form letter.
    feedback = [choice["feedback"] for question in questions_of(slug) for choice in question["choices"]
                if not choice.get("correct") and choice.get("feedback")]
    feels = [text for text in feedback if re.search(r"\bfeels?\b", text, re.IGNORECASE)]
    openings = Counter(" ".join(text.split()[:2]).lower() for text in feedback)
    repeated = {opening: count for opening, count in openings.items() if count > 3}
    assert len(feels) <= 2, f"checklists/{slug}.yml: {len(feels)} feedback texts say what a choice 'feels' like: {feels}"
    assert not repeated, f"checklists/{slug}.yml: these openings start more than three feedback texts: {repeated}"


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_most_questions_are_scenarios(slug):
    # A scenario needs a person and a situation; a one-line recall prompt is far shorter than that.
    questions = questions_of(slug)
    short = [question["id"] for question in questions if len(question["prompt"].split()) < 15]
    assert len(short) * 4 <= len(questions), f"checklists/{slug}.yml: too many one-line prompts: {short}"


# --- Self-assessments -----------------------------------------------------------------------------


def statement_scales(data: dict, assessment: dict) -> list[int]:
    """The number of points of each statement's scale."""
    sizes = {scale["id"]: len(scale["points"]) for scale in data.get("scales", [])}
    return [sizes[statement.get("scale") or assessment["scale"]] for statement in assessment["statements"]]


def score(points: list[int], sizes: list[int]) -> float:
    """The result in per cent, every statement weighing the same whatever its scale: a statement's share is
    its answer's position (the lowest answer is 0) divided by its scale's length minus 1, and the result is
    the mean of the shares."""
    return 100 * sum(point / (size - 1) for point, size in zip(points, sizes)) / len(sizes)


def band_at(bands: list[dict], percent: float) -> dict:
    return next(band for band in bands if band["from"] <= percent < band["to"] or
                (band is bands[-1] and percent == band["to"]))


def upper_middle(size: int) -> int:
    """The middle answer of a scale, or of an even one the higher of its two middle answers (on a yes/no
    scale that is "yes"): answering it everywhere is the most flattering way to sit on the fence."""
    return size // 2


def test_scoring_helpers_catch_bands_that_flatter_the_middle():
    sizes = [4, 4, 2]
    assert score([0, 0, 0], sizes) == 0 and score([3, 3, 1], sizes) == 100
    assert [upper_middle(size) for size in sizes] == [2, 2, 1]
    flattering = [{"id": "low", "from": 0, "to": 50}, {"id": "top", "from": 50, "to": 100}]
    assert band_at(flattering, score([upper_middle(size) for size in sizes], sizes))["id"] == "top"


def test_the_score_weighs_every_statement_the_same_whatever_its_scale():
    # A chapter's foundation is often a yes/no fact (a goal card): a "yes" must count as much as the top of a
    # four-point habit, where counting points would make it worth a third of one.
    sizes = [4, 2, 3]
    alone_at_top = [score([size - 1 if index == top else 0 for index, size in enumerate(sizes)], sizes)
                    for top in range(len(sizes))]
    assert alone_at_top == pytest.approx([100 / 3] * 3)
    assert score([1, 0, 1], sizes) == pytest.approx(100 * (1 / 3 + 0 + 1 / 2) / 3)


def self_assessments() -> list[tuple[str, dict, dict]]:
    return [(slug, chapter_data(slug), assessment) for slug in CHAPTER_SLUGS
            for assessment in chapter_data(slug)["self_assessments"]]


@pytest.mark.parametrize("slug,data,assessment", self_assessments(), ids=lambda value: value if isinstance(value, str) else "")
def test_the_middle_answer_everywhere_does_not_land_in_the_top_band(slug, data, assessment):
    sizes = statement_scales(data, assessment)
    bands = assessment["bands"]
    middle = score([upper_middle(size) for size in sizes], sizes)
    print(f"\n{slug}/{assessment['id']}: {len(sizes)} statements; middle answers score {middle:.1f} %")
    assert band_at(bands, score([0] * len(sizes), sizes)) is bands[0]
    assert band_at(bands, score([size - 1 for size in sizes], sizes)) is bands[-1]
    assert band_at(bands, middle) is not bands[-1], (
        f"checklists/{slug}.yml: answering the middle of every scale scores {middle:.1f} %, which lands in the "
        f"top band '{bands[-1]['id']}'. Start the top band higher.")


@pytest.mark.parametrize("slug,data,assessment", self_assessments(), ids=lambda value: value if isinstance(value, str) else "")
def test_every_statement_is_one_observable_claim_on_a_scale_that_fits(slug, data, assessment):
    sizes = statement_scales(data, assessment)
    problems = []
    for statement, size in zip(assessment["statements"], sizes):
        text = statement["text"]
        if re.search(r"\band\b", text):
            problems.append(f"{statement['id']}: two claims joined by 'and'")
        if re.search(r"\bI (feel|am (genuine|confident|comfortable|good at))\b", text):
            problems.append(f"{statement['id']}: a feeling, not something a reader could observe")
        # A habit is counted over a stated period on a frequency scale; a state is answered yes or no.
        if text.startswith("In the past") != (size > 2):
            problems.append(f"{statement['id']}: a habit needs 'In the past ...' and a frequency scale; a state a yes/no scale")
    assert not problems, f"checklists/{slug}.yml:\n  " + "\n  ".join(problems)


# --- One variety of English -----------------------------------------------------------------------

# The guidebook is written in British English. codespell's own dictionary of British -> American spellings,
# read backwards, lists the American spellings to look for.
# Words that dictionary maps although British English also spells them this way in a sense we use.
BRITISH_TOO = {
    "practice",            # the noun (to practise, a practice)
    "license", "licensed",  # the verb (to license, a licence)
    "story", "stories",    # a tale (a storey is a floor)
    "focused", "focusing",  # British dictionaries give both; Oxford prefers one s
}
# ... and one the dictionary lacks because "program" is British for computer code: the guidebook means
# plans and courses, which are programmes.
AMERICAN_TOO = {"program": "programme", "programs": "programmes"}
# Names that keep their own spelling.
PROPER_NAMES = ["Organization Science"]


def american_spellings() -> dict[str, str]:
    import codespell_lib

    dictionary = Path(codespell_lib.__file__).parent / "data" / "dictionary_en-GB_to_en-US.txt"
    american = dict(AMERICAN_TOO)
    for line in dictionary.read_text("utf-8").splitlines():
        british, _, americans = line.partition("->")
        for word in (word.strip() for word in americans.split(",")):
            if word and word != british and word not in BRITISH_TOO:
                american[word] = british
    return american


def american_words_in(text: str, american: dict[str, str]) -> list[str]:
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return [f"{word} (British: {american[word.lower()]})" for word in re.findall(r"[A-Za-z]+", text)
            if word.lower() in american]


def test_the_spelling_check_finds_american_spellings():
    american = american_spellings()
    assert len(american) > 400, "the dictionary seems incomplete"
    found = american_words_in("Our organization has a favorite program; we enroll in its color workshop.", american)
    assert [word.split()[0] for word in found] == ["organization", "favorite", "program", "enroll", "color"]
    assert american_words_in("Our organisation has a favourite programme; we practise, as a practice.", american) == []


def test_pages_and_data_use_british_spelling():
    american = american_spellings()
    found = {}
    for path, text in text_files(DOCS, DATA):
        if path.suffix in (".md", ".yml"):
            # A page's written_from: block quotes its source's section titles, in the source's spelling.
            text = re.sub(r"^written_from:\n(?:  .*\n)*", "", text, flags=re.MULTILINE)
            words = american_words_in(text, american)
            if words:
                found[path.relative_to(ROOT).as_posix()] = words
    assert not found, "Use British spelling:\n" + "\n".join(f"  {file}: {words}" for file, words in found.items())


# --- Evidence and examples that age well ----------------------------------------------------------


def own_text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


@pytest.mark.parametrize("slug", sorted(EVIDENCE))
def test_research_is_cited_in_the_section_where_the_reader_needs_it(site, slug):
    article = article_of(site, f"chapters/{slug}.md")
    reading = [own_text(item) for element in section_content(article, "further-reading") if element.name == "ul"
               for item in element.find_all("li")]
    problems = []
    for section_id, citations in EVIDENCE[slug].items():
        paragraphs = [own_text(block) for element in section_content(article, section_id)
                      for block in ([element] if element.name in ("p", "li") else element.find_all(["p", "li"]))]
        for citation in citations:
            surname, year = citation.rsplit(" ", 1)
            if not any(surname in paragraph and year in paragraph for paragraph in paragraphs):
                problems.append(f"{section_id}: no paragraph names {surname} and {year}")
            if not any(surname in entry and year in entry for entry in reading):
                problems.append(f"{section_id}: {surname} {year} is not in Further reading")
    assert not problems, f"chapters/{slug} (front matter 'evidence:'):\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_further_reading_names_each_source_exactly(site, slug):
    # Author, title, where (the journal or book title, in italics) and the year: enough to find it.
    content = section_content(article_of(site, f"chapters/{slug}.md"), "further-reading")
    entries = [item for element in content if element.name == "ul" for item in element.find_all("li")]
    assert entries, f"chapters/{slug}: the further reading list is empty"
    vague = [" ".join(item.get_text(" ").split())[:60] for item in entries
             if not (item.find("em") and re.search(r"\b(19|20)\d\d\b", item.get_text()))]
    assert not vague, f"chapters/{slug}: name the title, where it appeared and the year for: {vague}"


# --- One rule, stated one way ---------------------------------------------------------------------

def interface_words():
    """The words of the site's interface language. {{ timing(...) }} writes its waits in them ("3 days"; a
    fork in Spanish whose pages are not translated yet reads "within 3 días")."""
    from macros import strings

    language = re.search(r"^  language: (\S+)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.MULTILINE)
    return strings.load_words(language[1] if language else "en")[0]


WORDS = interface_words()


# How soon to follow up after meeting someone, in any of the ways it has been written.
FOLLOW_UP_WITHIN = re.compile(r"\bwithin (a day or two|(?:a few|a|\d+|one|two|three|four|five|six|seven) days?|"
                              + "|".join(re.escape(html.unescape(WORDS.plural("timing.day", count))) for count in range(1, 8))
                              + r")(?!\w)", re.IGNORECASE)
# Hedges that turned one rule into two.
LOOSER_FOLLOW_UP = re.compile(r"\ba (?:day or two|few days) later\b|\blater is still fine\b", re.IGNORECASE)


def follow_up_rules(text: str) -> set[str]:
    return {match.lower() for match in FOLLOW_UP_WITHIN.findall(" ".join(text.split()))}


def loaded_data(slug: str) -> dict:
    """A chapter's data as the build reads it, with its waits ({{ timing(...) }}) in words."""
    from macros import data as guidebook_data

    chapter = guidebook_data.load_guidebook(ROOT, DOCS)[slug]
    lists = {}
    for key, entry in chapter.components.items():
        lists.setdefault(key.partition("/")[0], []).append(entry)
    return {**lists, "timings": list(chapter.timings.values())}


def data_parts_of_section(data: dict, section_id: str) -> list[tuple[str, str]]:
    """(where, text) of every checklist item, template and statement of a chapter that teaches this section:
    the text that states its rule (a template's 'when', an item's or a statement's 'text')."""
    parts = [(f"templates > {template['id']} > when", template["when"]) for template in data.get("templates", [])
             if template.get("section") == section_id]
    parts += [(f"checklists > {item['id']}", item["text"]) for checklist in data.get("checklists", [])
              for item in checklist["items"] if item.get("section") == section_id]
    parts += [(f"self_assessments > {statement['id']}", statement["text"])
              for assessment in data.get("self_assessments", []) for statement in assessment["statements"]
              if statement.get("section") == section_id]
    return parts


def test_the_follow_up_rule_parser_finds_every_way_of_writing_it():
    assert follow_up_rules("Send it within two days, or within a day or two, or Within 3\ndays.") == {
        "two days", "a day or two", "3 days"}
    assert follow_up_rules("Within five years, lead research.") == set()
    assert LOOSER_FOLLOW_UP.search("a few days later is still fine")


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_the_follow_up_rule_is_stated_one_way_wherever_the_chapter_states_it(site, slug):
    """One follow-up rule, written the same way in the prose and in every part of the page that states it.
    Once a chapter's data holds its timings (`timings:`, a count and a unit), the rule is that count."""
    article = article_of(site, f"chapters/{slug}.md")
    data = loaded_data(slug)
    rules = follow_up_rules(article.get_text(" "))
    print(f"\n{slug}: follow up within {sorted(rules)}")
    assert len(rules) <= 1, f"chapters/{slug}: the follow-up rule is written {len(rules)} ways: {sorted(rules)}"
    looser = LOOSER_FOLLOW_UP.findall(article.get_text(" "))
    assert not looser, f"chapters/{slug}: these words loosen the follow-up rule into a second one: {looser}"
    timing = next((timing for timing in data.get("timings") or [] if timing.get("id") == "follow-up"), None)
    if timing is not None and rules:
        assert rules == {html.unescape(WORDS.plural(f"timing.{timing['unit']}", timing["count"])).lower()}, (
            f"chapters/{slug}: the page says within {sorted(rules)}; its data's timing says {timing}")
    if article.find(id="follow-up") is None:
        return
    # The chapter that teaches following up states the rule in each place a reader looks for it.
    places = [(heading, " ".join(own_text(element) for element in section_content(article, heading)))
              for heading in ("learning-objectives", "key-takeaways")]
    places += data_parts_of_section(data, "follow-up")
    silent = [where for where, text in places if not follow_up_rules(text)]
    assert rules and not silent, f"chapters/{slug}: say how soon to follow up in: {silent or ['the follow-up section']}"


# A wait written out as words or digits instead of read from the data ("within 3 days", "every 3 months",
# "once a month"): each must be {{ timing("<id>") }}, so that the text, the diagrams and the tracker agree.
WRITTEN_OUT_WAIT = re.compile(r"\b(?:within|every|after|once)\s+(?:\d+\s+(?:days?|weeks?|months?)|a\s+(?:day|week|month))\b",
                              re.IGNORECASE)


def test_the_waits_check_finds_one_written_out():
    assert WRITTEN_OUT_WAIT.search("Follow up within 3 days of meeting.")
    assert WRITTEN_OUT_WAIT.search("Read the list once a month.")
    assert not WRITTEN_OUT_WAIT.search('Follow up within {{ timing("follow-up") }} of meeting.')
    assert not WRITTEN_OUT_WAIT.search("In the past three months, I sent a note.")  # a statement's window, in words


def test_every_wait_the_pages_and_data_state_is_read_from_the_chapters_timings():
    """The follow-up rule (and every other wait) is stated in one place, the chapter data's `timings:`;
    pages and data text name it, and the built pages say what the data says."""
    written_out = [f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()}"
                   for path, text in text_files(*sorted(DOCS.rglob("*.md")), *sorted(DATA.glob("*.yml")))
                   for number, line in enumerate(text.splitlines(), 1)
                   if not line.lstrip().startswith("#") and WRITTEN_OUT_WAIT.search(line)]
    assert not written_out, "write these waits as {{ timing(\"<id>\") }} (timings: in the data):\n" + "\n".join(written_out)


def test_every_chapter_states_the_same_follow_up_rule(site):
    rules = {slug: follow_up_rules(article_of(site, f"chapters/{slug}.md").get_text(" ")) for slug in CHAPTER_SLUGS}
    stated = set().union(*rules.values())
    assert len(stated) <= 1, f"the chapters give different follow-up rules: {rules}"


def filled_in(template: dict) -> str:
    """A template's message with every blank filled in with its example, as a reader first sees it."""
    examples = {blank["name"]: blank["example"] for blank in template["blanks"]}
    return re.sub(r"\{([a-z0-9_]+)\}", lambda match: examples[match[1]], template["body"].strip())


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_a_template_limit_fits_its_example_and_is_the_limit_the_page_states(site, slug):
    article = article_of(site, f"chapters/{slug}.md")
    problems = []
    for template in chapter_data(slug).get("templates", []):
        limit = template.get("limit")
        if not limit:
            continue
        if len(filled_in(template)) > limit:
            problems.append(f"{template['id']}: the example is {len(filled_in(template))} characters, over {limit}")
        # What the prose of its section and its own 'when' say about the limit must be the same number.
        prose = ""
        if template.get("section"):
            section = BeautifulSoup("".join(str(element) for element in section_content(article, template["section"])),
                                    "html.parser")
            for part in section.select(".gb"):
                part.decompose()
            prose = section.get_text(" ")
        stated = {int(number) for number in re.findall(r"\b(\d+) characters\b", f"{prose} {template['when']}")}
        if stated - {limit}:
            problems.append(f"{template['id']}: the page or 'when' says {sorted(stated)} characters; its limit is {limit}")
    assert not problems, f"checklists/{slug}.yml: " + "; ".join(problems)


# Platforms come and go: a chapter names them only as examples of a kind of place, never as the advice.
PLATFORMS = re.compile(r"\b(LinkedIn|Twitter|Facebook|Instagram|Mastodon|Bluesky|Discord|Slack|TikTok)\b")
AS_AN_EXAMPLE = re.compile(r"\bfor example\b|\bsuch as\b|\boften on\b", re.IGNORECASE)


def platforms_named_as_advice(text: str) -> list[str]:
    """The sentences of a text that name a platform without saying it is an example."""
    return [sentence for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
            if PLATFORMS.search(sentence) and not AS_AN_EXAMPLE.search(sentence)]


def test_the_platform_check_tells_advice_from_an_example():
    assert platforms_named_as_advice("Use LinkedIn to connect. A feed (for example, Mastodon) is quick.") == [
        "Use LinkedIn to connect."]


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_platforms_are_named_only_as_examples(site, slug):
    article = article_of(site, f"chapters/{slug}.md")
    problems = [heading.get_text(" ", strip=True) for heading in article.find_all(HEADINGS)
                if PLATFORMS.search(heading.get_text())]
    for block in article.find_all(["p", "li", "td"]):
        if not block.find_parent("blockquote"):  # an example message may name where it is sent
            problems += platforms_named_as_advice(block.get_text(" "))
    data = (DATA / f"{slug}.yml").read_text("utf-8")
    problems += [f"checklists/{slug}.yml: {match}" for match in PLATFORMS.findall(data)]
    assert not problems, f"chapters/{slug}: name platforms only as examples ('for example, ...'): {problems}"

"""The printable workbook and the progress page, in a real Chromium.

Layout checks run on the real guidebook (its workbook must fit A4 and US Letter); behaviour runs on the
_base fixture published at /one/."""

import json

import pytest
from bs4 import BeautifulSoup

from macros.kinds import KINDS
from helpers import (DEMO, answer, axe_report, check, export, front, import_file, item_box, keep_for_review,
                     pdf_page_count, progress_row, rate_all, reload, saved_state, storage_key)

PRINT_STUB = "window.print = () => { window.printed = (window.printed || 0) + 1; };"
PAPER = {"A4": (8.27, 11.69), "Letter": (8.5, 11)}  # inches
MARGIN_IN = 0.4


def print_workbook(page, filled: bool) -> None:
    page.click(f".gb-cover [data-gb-action='{'print-filled' if filled else 'print-blank'}']")
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_the_workbook_prints_without_chrome_and_keeps_every_part_whole(site, open_page, paper):
    width, height = PAPER[paper]
    page = open_page("workbook/", init_script=PRINT_STUB,
                     viewport={"width": int((width - 2 * MARGIN_IN) * 96), "height": int((height - 2 * MARGIN_IN) * 96)})
    print_workbook(page, filled=False)
    for chrome in ("header.md-header", ".md-sidebar--primary", "footer.md-footer", ".gb-actions"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    # Nothing wider than the paper: no clipped text.
    too_wide = page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert not too_wide, f"wider than {paper}: {too_wide}"
    # Each checklist, question and statement asks not to be split; each chapter starts a page.
    styles = page.evaluate("""() => ({
        parts: [...document.querySelectorAll('.gb-item, .gb-question, .gb-statement, .gb-answers > li')]
            .map(e => getComputedStyle(e).breakInside),
        starts: [...document.querySelectorAll('.gb-chapter-start')].map(e => getComputedStyle(e).breakBefore),
        answersHidden: [...document.querySelectorAll('.gb-answer')].every(e => e.offsetParent === null)})""")
    assert styles["parts"] and set(styles["parts"]) == {"avoid"}
    assert styles["starts"] and set(styles["starts"]) == {"page"}
    assert styles["answersHidden"], "answers must be in the appendix only, not next to the questions"
    pdf = page.pdf(format=paper, margin={side: f"{MARGIN_IN}in" for side in ("top", "bottom", "left", "right")})
    pages = pdf_page_count(pdf)
    keep_for_review(pdf, f"workbook-{paper}.pdf")
    chapters = page.locator(".gb-chapter-start").count()
    assert chapters + 1 <= pages <= 12 * chapters, f"{pages} pages for {chapters} chapter starts"


def test_every_checklist_of_the_workbook_fits_on_one_page(site, open_page):
    page = open_page("workbook/", init_script=PRINT_STUB)
    print_workbook(page, filled=False)
    page_height = 11 * 96 * 0.8  # a US Letter page less margins, the shorter of the two
    heights = page.evaluate("[...document.querySelectorAll('.gb-checklist')].map(e => e.getBoundingClientRect().height)")
    assert heights and max(heights) < page_height, f"a checklist is taller than a page: {heights}"
    assert page.evaluate("[...document.querySelectorAll('.gb-checklist')].map(e => getComputedStyle(e).breakInside)") \
        == ["avoid"] * len(heights)


def test_the_workbook_is_generated_from_the_chapters_data(site):
    workbook = BeautifulSoup((site.dir / "workbook" / "index.html").read_text("utf-8"), "html.parser")
    for chapter in sorted(site.dir.joinpath("chapters").glob("*/index.html")):
        page = BeautifulSoup(chapter.read_text("utf-8"), "html.parser")
        for kind in (kind for kind in KINDS if kind.in_workbook):
            for part in page.select(f"section.gb-{kind.name}"):
                copies = workbook.select(f"section.gb-{kind.name}[data-gb-key='{part['data-gb-key']}']")
                assert len(copies) == 1, f"the workbook has {len(copies)} copies of {part['data-gb-key']}"
                assert copies[0]["data-gb-part"] == part["data-gb-part"], "the same part, the same facts"
    assert workbook.select_one("#workbook-answers") is not None
    assert len(workbook.select(".gb-answers li")) == len(workbook.select(".gb-knowledge_check .gb-question"))


def test_blank_and_filled_printing(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url(), init_script=PRINT_STUB)
    page.check(item_box("write-goal"))
    rate_all(page, 4)
    workbook = open_page("workbook/", base=demo_sites.url(), context=page.context)
    assert workbook.is_checked(item_box("write-goal"))  # same saved state as the chapter
    print_workbook(workbook, filled=False)
    # The blank copy leaves the ticks out on paper only: the inputs and what is saved stay as they are.
    assert workbook.is_checked(item_box("write-goal"))
    assert box_border(workbook, item_box("write-goal")) == box_border(workbook, item_box("pick-event"))
    assert not workbook.locator(".gb-result").is_visible()
    assert workbook.inner_text(".gb-cover [data-gb-date]") == ""
    workbook.evaluate("dispatchEvent(new Event('afterprint'))")
    assert workbook.is_checked(item_box("write-goal"))
    assert box_border(workbook, item_box("write-goal")) > box_border(workbook, item_box("pick-event"))
    workbook.evaluate("window.printed = 0")
    workbook.emulate_media(media="screen")
    print_workbook(workbook, filled=True)
    assert workbook.is_checked(item_box("write-goal"))
    assert "Your result:" in workbook.inner_text(".gb-result")
    assert workbook.inner_text(".gb-cover [data-gb-date]") != ""


def box_border(page, selector: str) -> float:
    """How thick a box prints: print CSS draws a tick by filling the box with its border."""
    return float(page.eval_on_selector(selector, "b => getComputedStyle(b).borderTopWidth").removesuffix("px"))


def finish_everything(page) -> None:
    for item in ("write-goal", "pick-event", "say-hello"):
        page.check(item_box(item))
    answer(page, "single-one", "goal")
    answer(page, "multi-one", "conference")
    check(page)
    rate_all(page, 5)


def test_bars_and_cards_follow_the_saved_ticks_and_lead_on(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    page.check(item_box("write-goal"))
    progress = open_page("progress/", base=demo_sites.url(), context=page.context)
    bar = progress.locator("tr[data-gb-chapter='demo'] [data-gb-col='checklist'] progress")
    assert (bar.get_attribute("value"), bar.get_attribute("max")) == ("1", "3")
    assert bar.get_attribute("aria-label") == "Checklist items done in “Demo chapter”"
    assert progress_row(progress, "checklist") == "1 of 3", "the number stays readable as text"
    home = open_page("", base=demo_sites.url(), context=page.context)
    card = home.locator("[data-gb-progress='demo']")
    assert card.inner_text() == "1 of 5 steps done Continue where you left off"
    card.locator("a").click()
    home.wait_for_url("**/chapters/demo/#gb-demo-first-steps")  # the checklist is the first part not done
    front(page).check(item_box("pick-event"))
    front(progress).wait_for_function(
        "document.querySelector(\"tr[data-gb-chapter='demo'] [data-gb-col='checklist'] progress\").value === 2")
    rate_all(front(page), 1)
    rate_all(page, 5)
    front(progress).wait_for_function("document.querySelector(\"[data-gb-col='self_assessment']\").textContent.includes('before that')")
    assert progress_row(progress, "self_assessment").startswith("Strong networker, 100% (")
    assert "; before that: Getting started, 0% (" in progress_row(progress, "self_assessment")


def test_the_overall_line_adds_up_and_the_home_mark_moves_nothing(open_page, demo_sites):
    """The cells of each chapter are the engines' scenario (tests/test_engines.py); here the totals."""
    page = open_page(DEMO, base=demo_sites.url())
    home = open_page("", base=demo_sites.url(), context=page.context)
    assert home.inner_text(".gb-mark[data-gb-chapter='demo']").strip() == ""
    box = home.locator(".gb-mark[data-gb-chapter='demo']").bounding_box()
    finish_everything(front(page))
    progress = open_page("progress/", base=demo_sites.url(), context=page.context)
    # 3 items, 1 knowledge check and 1 self-assessment: 5 steps.
    assert "5 of 5 steps done" in progress.inner_text(".gb-overall")
    assert "1 of 1 chapters complete" in progress.inner_text(".gb-overall")
    reload(front(home))
    home.wait_for_selector(".gb[data-gb-ready]")
    assert home.inner_text(".gb-mark[data-gb-chapter='demo']") == "✓ done"
    assert home.locator(".gb-mark[data-gb-chapter='demo']").bounding_box() == box, "the mark moved the layout"


def test_clear_removes_only_this_guidebooks_keys(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url("one"))
    page.check(item_box("write-goal"))
    page.evaluate("localStorage.setItem('someone-elses-key', 'keep me')")
    other = open_page(DEMO, base=demo_sites.url("two"), context=page.context)
    other.check(item_box("write-goal"))
    progress = open_page("progress/", base=demo_sites.url("one"), context=page.context)
    progress.once("dialog", lambda dialog: dialog.accept())
    progress.click("[data-gb-action='clear']")
    keys = progress.evaluate("Object.keys(localStorage)")
    assert "someone-elses-key" in keys and storage_key("demo/first-steps", "/two/") in keys
    assert not [k for k in keys if k.startswith(storage_key("", "/one/"))]


def test_merge_keeps_what_is_here_and_adds_the_file(open_page, demo_sites, tmp_path):
    page = open_page(DEMO, base=demo_sites.url())
    page.check(item_box("write-goal"))
    progress = open_page("progress/", base=demo_sites.url(), context=page.context)
    exported = export(progress, tmp_path)
    exported["entries"]["demo/first-steps"]["ticks"] = {"pick-event": "880b089f"}
    import_file(progress, tmp_path, exported, mode="merge")
    assert progress_row(progress, "checklist") == "2 of 3"


# Files the import refuses (tests/js/progress.test.mjs checks every rule; here, that a refusal reaches the
# reader and changes nothing): what to import, and what the message must say.
REFUSED = {
    "not JSON": ("{this is not json", "not a progress export"),
    "another guidebook": ({"format": "networking-guidebook-progress", "version": 2, "site": "https://other.example/guide/",
                           "entries": {"demo/first-steps": {"ticks": {}}}}, "another guidebook"),
    "a newer format": ({"format": "networking-guidebook-progress", "version": 99, "site": "SITE",
                        "entries": {"demo/first-steps": {"ticks": {}}}}, "newer version"),
    "a key that is not a part's": ({"format": "networking-guidebook-progress", "version": 2, "site": "SITE",
                                    "entries": {"../evil": {"ticks": {}}}}, "not a progress export"),
    "an entry unlike what its kind saves": ({"format": "networking-guidebook-progress", "version": 2, "site": "SITE",
                                             "entries": {"demo/first-steps": {"ticks": "all"}}}, "“First steps”"),
}


def test_a_bad_import_changes_nothing_and_says_why(open_page, demo_sites, tmp_path):
    page = open_page(DEMO, base=demo_sites.url())
    page.check(item_box("write-goal"))
    progress = open_page("progress/", base=demo_sites.url(), context=page.context)
    before = saved_state(progress)
    for case, (content, expected) in REFUSED.items():
        if isinstance(content, dict):
            content = json.loads(json.dumps(content).replace('"SITE"', json.dumps(demo_sites.url())))
        progress.evaluate("document.querySelector('.gb-message').textContent = ''")
        message = import_file(progress, tmp_path, content)
        assert expected in message and "Nothing was changed." in message, f"{case}: {message}"
        assert progress.locator(".gb-import-choice").is_hidden(), case
        assert saved_state(progress) == before, case


@pytest.mark.parametrize("path", ["workbook/", "progress/", ""])
def test_no_axe_violations_with_progress_filled_in(open_page, demo_sites, path):
    page = open_page(DEMO, base=demo_sites.url())
    finish_everything(page)
    target = open_page(path, base=demo_sites.url(), context=page.context)
    violations, report = axe_report(target)
    assert violations == 0, report

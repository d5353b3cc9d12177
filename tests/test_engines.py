"""The reader's paths in every engine: Chromium, Firefox and WebKit (WebKitGTK), each scenario written once.

Runs against the _base fixture published at /one/ on a server of its own that inserts the test
instrument (tests/engines.py) into every page, plus a second server over the same folder that forbids
scripts with a Content-Security-Policy: that is how every engine reads without JavaScript (Playwright's
java_script_enabled does nothing in Firefox over WebDriver BiDi, and WebKitGTK has no such switch).
After every test, the engine must have seen no console error, no uncaught error and no request to another
host. One engine: `pytest tests/test_engines.py -k webkit` (or chromium, firefox).
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import date, timedelta
from importlib.metadata import version

import icalendar
import pytest

from helpers import (ASSESSMENT, DEMO, EVENT, GOAL, HELLO, LIST, QUIZ, demo_choice, DemoSites, keep_for_review,
                     label_of, make_fixture_project, mkdocs_build, storage_key)
from engines import ENGINES, INSTRUMENT, EngineMissing, PlaywrightReader, SeleniumReader, WebKit, launch_firefox

# Selenium's own WebKitGTK driver still calls a RemoteConnection API it deprecated; nothing of ours to change.
pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")

SAVED = "(key) => JSON.parse(localStorage.getItem(key))"
ALL_SAVED = """() => Object.keys(localStorage).filter((k) => k.startsWith("gb:")).sort()"""
# Every part of the page is drawn: what the script signals once a page view is set up.
ALL_DRAWN = ("document.querySelector('.gb[data-gb-kind]') !== null && "
             "[...document.querySelectorAll('.gb[data-gb-kind]')].every((part) => part.dataset.gbReady)")
DRAWN = "() => " + ALL_DRAWN


# --- Fixtures: the sites, the engines, a reader ---------------------------------------------------


class ReaderSites(DemoSites):
    no_js_url: str


@pytest.fixture(scope="session")
def reader_sites(tmp_path_factory, serve) -> ReaderSites:
    root = tmp_path_factory.mktemp("reader-origin")
    sites = ReaderSites(root, serve(root, head=INSTRUMENT))
    sites.no_js_url = serve(root, headers={"Content-Security-Policy": "script-src 'none'"}).url
    sites.rebuild("_base", "one", tmp_path_factory.mktemp("reader-projects"))
    return sites


@pytest.fixture(scope="session")
def engines(request, playwright):
    """Each engine, started the first time a test needs it and kept for the session; Chromium is the one
    the other browser tests use (conftest.py)."""
    started, failures = {}, {}

    def get(engine: str):
        if engine in failures:
            pytest.fail(failures[engine])  # once is enough to find out: fail the engine's other tests at once
        if engine not in started:
            try:
                started[engine] = {"chromium": lambda: request.getfixturevalue("browser"), "webkit": WebKit,
                                   "firefox": lambda: launch_firefox(playwright)}[engine]()
            except Exception as error:
                # Never a skip: the suite would pass while testing less.
                failures[engine] = str(error) if isinstance(error, EngineMissing) or engine != "firefox" \
                    else pairing_message(error)
                pytest.fail(failures[engine])
        return started[engine]

    yield get
    for engine, browser in started.items():
        if engine != "chromium":
            browser.close()


def pairing_message(error: Exception, firefox_version: str = "") -> str:
    from engines import find_firefox

    return (f"Playwright {version('playwright')} cannot drive the Firefox {firefox_version} at {find_firefox()}: "
            f"{error}\n"
            "Each Playwright release speaks the WebDriver BiDi of the Firefox releases around it; an ESR update "
            "(or a runner image update) can break the pair. Playwright 1.65.x failed with ESR 153 on new_context "
            "('emulation.setMediaFeaturesOverride: unknown command'), so requirements-test.txt pins 1.64.1. "
            "Try the newest Playwright, then earlier ones, with this Firefox; pin the one that passes "
            "tests/test_engines.py and update the comment in requirements-test.txt.")


@pytest.fixture(params=ENGINES)
def reader(request, engines):
    engine = engines(request.param)
    try:
        opened = SeleniumReader(engine) if request.param == "webkit" else PlaywrightReader(engine, request.param)
    except Exception as error:
        if request.param == "firefox":
            # new_context is where Playwright 1.65 and ESR 153 part ways
            pytest.fail(pairing_message(error, engine.version))
        raise
    yield opened
    problems = opened.close()
    assert not problems, f"{request.param}: " + "\n".join(problems)


def status(tab) -> str:
    return tab.text(f"{LIST} .gb-status")


def saved(tab, key: str, site: str = "/one/"):
    return tab.js(SAVED, storage_key(key, site))


def progress_cell(tab, column: str) -> str:
    return tab.text(f"tr[data-gb-chapter='demo'] [data-gb-col='{column}']")


# --- The reader's paths --------------------------------------------------------------------------


def test_a_chapter_opens_with_every_part_drawn_and_ticks_survive_a_reload(reader, reader_sites):
    tab = reader.open(reader_sites.url() + DEMO)
    assert tab.text("h1").startswith("Demo chapter")
    # Every part of the page (checklist, knowledge check, self-assessment, message templates) is drawn.
    tab.wait("() => [...document.querySelectorAll('section.gb[data-gb-kind]')].every(part => part.dataset.gbReady)"
             " && document.querySelectorAll('section.gb[data-gb-kind]').length === 5")
    assert status(tab) == "0 of 3 done"
    assert tab.visible(f"{LIST} [data-gb-action='reset']"), "the script shows the buttons that need it"
    tab.check(GOAL)
    assert status(tab) == "1 of 3 done"
    tab.reload()
    tab.wait(DRAWN)
    assert tab.is_checked(GOAL) and not tab.is_checked(EVENT)
    assert status(tab) == "1 of 3 done"
    assert set(saved(tab, "demo/first-steps")["ticks"]) == {"write-goal"}


@pytest.fixture(scope="session")
def item_text_versions(tmp_path_factory, reader_sites):
    """The demo site before and after an item's text was edited (and another removed), built once."""
    work = tmp_path_factory.mktemp("edited")
    versions = {}
    for case in ("_base", "item-text-changed"):
        project = make_fixture_project(case, work / case)
        versions[case] = work / f"{case}-site"
        result = mkdocs_build(project, versions[case], SITE_URL=reader_sites.url("edited"))
        assert result.returncode == 0, result.stderr
    return versions


def test_an_edited_item_keeps_its_tick_and_says_it_changed(reader, reader_sites, item_text_versions):
    # A copy of its own per engine, so that no other test sees the edit (the site URL inside stays /edited/,
    # which nothing on these pages reads).
    name = f"edited-{reader.engine}"
    shutil.copytree(item_text_versions["_base"], reader_sites.root / name, dirs_exist_ok=True)
    tab = reader.open(reader_sites.url(name) + DEMO)
    tab.check(GOAL)
    tab.check(HELLO)
    shutil.copytree(item_text_versions["item-text-changed"], reader_sites.root / name, dirs_exist_ok=True)
    # The guidebook's service worker serves the build it has until the new one is installed, which then takes
    # over at the next navigation (docs/assets/guidebook/offline.js): reload until the edited text shows.
    for _ in range(60):
        tab.reload()
        tab.wait(DRAWN)
        if "changed" in tab.text(label_of(GOAL)):
            break
        time.sleep(0.25)
    assert tab.is_checked(GOAL)
    assert "(changed since you ticked it)" in tab.text(label_of(GOAL))
    assert status(tab) == "1 of 2 done", "the removed item's tick is not counted"
    tab.click(GOAL)
    tab.check(GOAL)  # ticked again: it now refers to the new text
    assert "changed" not in tab.text(label_of(GOAL))
    # The removed item's tick is neither shown nor counted, but kept: a page still open (or cached) at the
    # earlier version shows it, and a content revert brings it back. Saved state is never dropped.
    assert set(saved(tab, "demo/first-steps", "/edited/")["ticks"]) == {"write-goal", "say-hello"}


def test_a_knowledge_check_gives_feedback(reader, reader_sites):
    tab = reader.open(reader_sites.url() + DEMO)
    for choice in ("single-one-event", "multi-one-conference", "multi-one-workshop", "true-false-false"):
        tab.check(demo_choice(choice))
    tab.click(f"{QUIZ} [data-gb-action='check']")
    assert tab.text(f"{QUIZ} .gb-score").startswith("You got 2 of 3 right.")
    feedback = tab.text(f"{QUIZ} [data-gb-question='single-one'] .gb-feedback")
    assert feedback.startswith("✗ Not quite.") and "The right answer: Your goal" in feedback
    assert tab.count(f"{QUIZ} .gb-right") == 2 and tab.count(f"{QUIZ} .gb-wrong") == 1
    tab.check(demo_choice("single-one-goal"))  # a changed answer clears the verdicts
    assert tab.count(f"{QUIZ} .gb-right, {QUIZ} .gb-wrong") == 0


def test_a_self_assessment_gives_a_result_with_advice(reader, reader_sites):
    tab = reader.open(reader_sites.url() + DEMO)
    tab.click(f"{ASSESSMENT} [data-gb-action='score']")
    assert tab.text(f"{ASSESSMENT} .gb-result") == "Rate every statement first: 2 still to go."
    tab.check(f"{ASSESSMENT} [data-gb-statement='know-goal'] input[value='5']")
    tab.check(f"{ASSESSMENT} [data-gb-statement='attend-events'] input[value='4']")
    tab.click(f"{ASSESSMENT} [data-gb-action='score']")
    result = tab.text(f"{ASSESSMENT} .gb-result")
    assert result.startswith("Your result: Strong networker, 88% (7 of 8 points,"), result
    assert "Keep going and help others." in result and "Pick one event this month." in result


def finish_the_demo_chapter(tab) -> None:
    for item in (GOAL, EVENT, HELLO):
        tab.check(item)
    tab.check(demo_choice("single-one-goal"))
    tab.click(f"{QUIZ} [data-gb-action='check']")
    for statement in ("know-goal", "attend-events"):
        tab.check(f"{ASSESSMENT} [data-gb-statement='{statement}'] input[value='5']")
    tab.click(f"{ASSESSMENT} [data-gb-action='score']")


def test_the_progress_page_and_home_page_add_up_the_chapters(reader, reader_sites):
    tab = reader.open(reader_sites.url() + DEMO)
    finish_the_demo_chapter(tab)
    tab.goto(reader_sites.url() + "progress/")
    tab.wait(DRAWN)
    assert progress_cell(tab, "checklist") == "3 of 3"
    assert tab.text("tr[data-gb-chapter='demo'] .gb-mark") == "✓ done"
    assert progress_cell(tab, "knowledge_check").startswith("1 of 3 right (")
    assert progress_cell(tab, "self_assessment").startswith("Strong networker, 100% (")
    tab.goto(reader_sites.url())
    tab.wait(DRAWN)
    assert tab.text(".gb-mark[data-gb-chapter='demo']") == "✓ done"


def test_export_clear_and_import_a_file(reader, reader_sites, tmp_path):
    tab = reader.open(reader_sites.url() + DEMO)
    finish_the_demo_chapter(tab)
    tab.goto(reader_sites.url() + "progress/")
    tab.wait(DRAWN)
    before = {key: tab.js("(k) => localStorage.getItem(k)", key) for key in tab.js(ALL_SAVED)}
    tab.click("[data-gb-action='export']")
    tab.wait("() => window.testBlobs.length === 1")  # the file the page handed to the browser to save
    exported = json.loads(tab.js("() => window.testBlobs[0]"))
    assert exported["format"] == "networking-guidebook-progress" and exported["site"] == reader_sites.url()
    assert set(exported["entries"]) == {"demo/first-steps", "demo/quiz", "demo/where-you-stand"}
    assert tab.text(".gb-message").startswith("Your progress was saved to networking-guidebook-progress-")

    tab.confirm("[data-gb-action='clear']")
    assert tab.js(ALL_SAVED) == [] and progress_cell(tab, "checklist") == "0 of 3"

    path = tmp_path / "progress.json"
    path.write_text(json.dumps(exported), "utf-8")
    tab.upload("[data-gb-import]", path)
    tab.wait("() => !document.querySelector('.gb-import-choice').hidden")
    tab.check("[name='gb-import-mode'][value='replace']")
    tab.click("[data-gb-action='import']")
    assert tab.text(".gb-message") == "Imported 3 saved parts."
    assert {key: tab.js("(k) => localStorage.getItem(k)", key) for key in tab.js(ALL_SAVED)} == before
    assert progress_cell(tab, "checklist") == "3 of 3"


def test_two_tabs_see_each_others_changes(reader, reader_sites):
    chapter = reader.open(reader_sites.url() + DEMO)
    other = reader.open(reader_sites.url() + DEMO)
    progress = reader.open(reader_sites.url() + "progress/")
    chapter.front()
    chapter.check(GOAL)
    other.front()
    other.wait(f"() => document.querySelector('{GOAL}').checked")
    other.check(HELLO)
    assert other.text(f"{LIST} .gb-status") == "2 of 3 done"
    chapter.front()
    chapter.wait(f"() => document.querySelector('{HELLO}').checked")
    assert set(saved(chapter, "demo/first-steps")["ticks"]) == {"write-goal", "say-hello"}
    progress.front()
    progress.wait("() => document.querySelector(\"[data-gb-col='checklist']\").textContent === '2 of 3'")
    progress.confirm("[data-gb-action='clear']")
    chapter.front()
    chapter.wait(f"() => !document.querySelector('{GOAL}').checked")
    assert status(chapter) == "0 of 3 done"


def test_instant_navigation_swaps_the_content_and_draws_it(reader, reader_sites):
    tab = reader.open(reader_sites.url() + DEMO)
    tab.check(GOAL)
    tab.js("() => { window.stillTheSameDocument = true; }")
    # Each step waits for what the page signals: the new page's parts drawn (data-gb-ready on every one),
    # never for a time.
    for _ in range(2):
        tab.click(".md-sidebar--primary .md-nav__link[href$='progress/']")
        tab.wait("() => document.querySelector('.gb-progress[data-gb-ready] [data-gb-col=\"checklist\"]')?.textContent === '1 of 3'")
        # Home, from the progress page (Material makes the links absolute when it swaps the page in).
        tab.click(".md-sidebar--primary .md-nav__link[href='..'], .md-sidebar--primary .md-nav__link[href$='/one/']")
        tab.wait("() => document.querySelector('.gb-chapter-list') && " + ALL_DRAWN)
        tab.click(".gb-chapter-list a[href$='chapters/demo/']")
        tab.wait(f"() => document.querySelector('{LIST}[data-gb-ready]') && " + ALL_DRAWN)
    assert tab.js("() => window.stillTheSameDocument") is True, "the pages were reloaded, not swapped"
    assert tab.is_checked(GOAL) and status(tab) == "1 of 3 done"
    tab.check(EVENT)
    assert status(tab) == "2 of 3 done", "one change, counted once: no doubled handlers"


def test_reading_without_javascript(reader, reader_sites):
    tab = reader.open(reader_sites.no_js_url + "one/" + DEMO)
    assert tab.text("h1").startswith("Demo chapter")
    assert tab.count("[data-gb-ready]") == 0, "the scripts ran: the page was not read without JavaScript"
    assert tab.count(f"{LIST} input[type=checkbox]") == 3
    assert tab.text(f"{LIST} legend") == "First steps"
    tab.click(label_of(GOAL))
    assert tab.is_checked(GOAL)
    assert not tab.visible(f"{LIST} [data-gb-action='reset']"), "buttons that need the script stay hidden"
    assert tab.count(f"{QUIZ} input[type=radio]") >= 4 and tab.count(f"{ASSESSMENT} input[type=radio]") == 10
    # The engines that report the scripts they refused may do so; nothing else may go wrong.
    problems = reader.close()
    assert all("script-src" in problem for problem in problems), problems


def test_the_workbook_loads_without_errors_or_requests_to_other_hosts(reader, reader_sites):
    """Every test ends with this check; the workbook is the one page the other scenarios do not open."""
    tab = reader.open(reader_sites.url() + "workbook/")
    tab.wait("() => document.querySelectorAll('.gb[data-gb-ready]').length === 4")
    assert reader.close() == []


def test_the_error_and_request_checks_can_fail(reader, reader_sites):
    tab = reader.open(reader_sites.url() + DEMO)
    port = reader_sites.server.url.split(":")[-1].rstrip("/")
    tab.js("() => { console.error('a test error'); setTimeout(() => { throw new Error('a test exception'); }); }")
    tab.js(f"() => {{ const img = new Image(); img.src = 'http://localhost:{port}/one/assets/images/favicon.png'; "
           "document.body.append(img); }")
    tab.wait("() => JSON.parse(sessionStorage.getItem('test:errors') || '[]').length >= 2")
    tab.wait("() => performance.getEntriesByType('resource').some((e) => e.name.includes('localhost'))")
    problems = "\n".join(reader.close())
    assert "a test error" in problems and "a test exception" in problems
    assert f"request to another host: http://localhost:{port}/" in problems


# --- Your people: the tracker, on the tracker fixture published at /people/ ---------------------------

PEOPLE = "#gb-keeping-in-touch-your-people"
PERSON_FORM = f"{PEOPLE} .gb-person-form"
PRIYA = f"{PEOPLE} li[data-gb-person]"  # the one person of the scenario


@pytest.fixture(scope="session")
def people_url(reader_sites, tmp_path_factory) -> str:
    reader_sites.rebuild("tracker", "people", tmp_path_factory.mktemp("reader-tracker"))
    return reader_sites.url("people")


def test_your_people_add_follow_up_log_undo_a_calendar_file_and_the_message(reader, people_url):
    today = date.today()
    key = "keeping-in-touch/your-people"
    tab = reader.open(people_url)
    tab.wait(DRAWN)
    tab.click(".md-sidebar--primary .md-nav__link[href$='/people/people/']")  # instant navigation
    tab.wait(f"() => document.querySelector('{PEOPLE}[data-gb-ready]') && " + ALL_DRAWN)
    assert tab.visible(f"{PEOPLE} [data-gb-action='add']") and not tab.visible(f"{PEOPLE} table[data-gb-paper]")
    tab.click(f"{PEOPLE} [data-gb-action='add']")
    tab.fill(f"{PERSON_FORM} [data-gb-field='name']", "Priya Shah, Jr.")
    tab.fill(f"{PERSON_FORM} [data-gb-field='how']", "Research meetup")
    tab.check(f"{PERSON_FORM} [data-gb-field='met']")
    tab.click(f"{PERSON_FORM} [data-gb-action='save']")
    tab.wait(f"() => document.querySelector('{PRIYA} .gb-suggestions button')")
    [(person_id, priya)] = tab.js(SAVED, storage_key(key, "/people/"))["people"].items()
    assert priya == {"name": "Priya Shah, Jr.", "how": "Research meetup", "met": today.isoformat()}, "offered, not made"
    assert tab.text(f"{PEOPLE} .gb-counts") == "1 person: 0 overdue, 0 due this week, 0 later, 1 with no next step."
    tab.click(f"{PRIYA} .gb-suggestions button")
    follow_up = today + timedelta(days=3)
    tab.wait(f"() => document.querySelector('{PEOPLE} .gb-status').textContent.startsWith('Next step for')")
    assert saved(tab, key, "/people/")["people"][person_id]["due"] == follow_up.isoformat()
    tab.click(f"{PRIYA} [data-gb-action='calendar']")
    tab.wait("() => window.testBlobs.length === 1")
    [event] = icalendar.Calendar.from_ical(tab.js("() => window.testBlobs[0]")).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Follow up: Priya Shah, Jr."
    assert event.decoded("DTSTART") == follow_up and event.decoded("DTEND") == follow_up + timedelta(days=1)
    tab.click(f"{PRIYA} [data-gb-action='wrote']")  # the follow-up is done; a nudge is offered
    assert saved(tab, key, "/people/")["people"][person_id] == {
        "name": "Priya Shah, Jr.", "how": "Research meetup", "met": today.isoformat(), "last": today.isoformat(), "waiting": True}
    tab.reload()
    tab.wait(DRAWN)
    assert "You wrote on" in tab.text(f"{PRIYA} summary")

    tab.click(f"{PRIYA} summary")
    tab.confirm(f"{PRIYA} [data-gb-action='delete']")
    assert saved(tab, key, "/people/")["people"] == {}
    tab.click(f"{PEOPLE} [data-gb-action='undo']")
    assert list(saved(tab, key, "/people/")["people"]) == [person_id]

    tab.click(f"{PRIYA} summary")
    tab.click(f"{PRIYA} .gb-write")
    tab.wait("() => location.hash === '#gb-keeping-in-touch-nudge' && "
             "document.querySelector('#gb-keeping-in-touch-nudge[data-gb-ready] [data-gb-blank=\"their_name\"]').value === 'Priya'")
    assert tab.text("#gb-keeping-in-touch-nudge .gb-text").startswith("Hi Priya, I'm bringing my note")


# --- Firefox: printing, and the Playwright pairing -------------------------------------------------


def test_playwright_and_firefox_still_pair(engines, reader_sites):
    """A launch, a fresh context and a page: what an ESR update can break (see requirements-test.txt)."""
    browser = engines("firefox")
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(reader_sites.url() + DEMO)
    except Exception as error:
        pytest.fail(pairing_message(error, browser.version))
    try:
        page.wait_for_function(ALL_DRAWN)  # each part is drawn in a task of its own, which may follow the load
        drawn = page.evaluate("document.querySelectorAll('.gb[data-gb-ready]').length")
    finally:
        context.close()
    assert drawn == 5  # checklist, knowledge check, self-assessment, two message templates


A4_CM, MARGIN_CM = (21.0, 29.7), 1.016  # A4, with the 0.4 in margins tests/test_workbook_progress.py uses


def print_options(engine: str) -> dict:
    if engine == "firefox":
        # Playwright 1.64 hands browsingContext.print its sizes in inches, but WebDriver BiDi reads them as
        # centimetres (a 21 x 29.7 cm A4 came out 8.27 x 11.7 cm, 56 pages; still so in 1.65.2, and the mistake
        # Puppeteer fixed in puppeteer/puppeteer#13515). Centimetres written as "in" arrive unchanged; the page
        # size check below fails once Playwright converts them itself.
        return {"width": f"{A4_CM[0]}in", "height": f"{A4_CM[1]}in",
                "margin": {side: f"{MARGIN_CM}in" for side in SIDES}}
    return {"format": "A4", "margin": {side: f"{MARGIN_CM}cm" for side in SIDES}}


SIDES = ("top", "bottom", "left", "right")


def workbook_pdf(browser, engine: str, site_url: str):
    import io

    from pypdf import PdfReader

    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("window.print = () => {};")
    page.goto(site_url + "workbook/")
    page.click(".gb-cover [data-gb-action='print-blank']")
    starts = page.eval_on_selector_all(".gb-chapter-start", "hs => hs.map(h => h.firstChild.textContent.trim())")
    pdf = page.pdf(**print_options(engine))
    context.close()
    keep_for_review(pdf, f"workbook-A4-{engine}.pdf")
    return PdfReader(io.BytesIO(pdf)), starts


def test_firefox_prints_the_workbook_on_as_many_pages_as_chromium(engines, site):
    pdfs = {}
    for engine in ("chromium", "firefox"):
        pdf, starts = workbook_pdf(engines(engine), engine, site.url)
        box = pdf.pages[0].mediabox
        assert (round(box.width / 72 * 2.54, 1), round(box.height / 72 * 2.54, 1)) == A4_CM, \
            f"{engine} did not print on A4 (see print_options): {box}"
        page_tops = [page.extract_text().lstrip() for page in pdf.pages]
        late = [start for start in starts if not any(top.startswith(start) for top in page_tops)]
        assert starts and not late, f"{engine}: these chapters do not start a page: {late}"
        pdfs[engine] = pdf
    chromium, firefox = len(pdfs["chromium"].pages), len(pdfs["firefox"].pages)
    assert chromium > 1 and abs(firefox - chromium) <= 1, f"Firefox prints {firefox} pages, Chromium {chromium}"


# --- Finding the engines ---------------------------------------------------------------------------


def test_an_explicit_firefox_path_wins_and_is_never_silently_replaced(monkeypatch, tmp_path):
    import engines

    browser = tmp_path / "firefox"
    browser.write_text("")
    monkeypatch.setenv("FIREFOX_PATH", str(browser))
    assert engines.find_firefox() == str(browser)
    monkeypatch.setenv("FIREFOX_PATH", str(tmp_path / "missing"))
    assert engines.find_firefox() is None
    assert engines.missing()[0] == "firefox"

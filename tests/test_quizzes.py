"""Knowledge checks and self-assessments in a real Chromium, against the _base fixture at /one/: what the
engines' scenarios (tests/test_engines.py) do not already walk. Scoring itself is pure logic, tested under
Node (tests/js/)."""

from urllib.parse import urljoin

from helpers import (ASSESSMENT, DEMO, QUIZ, THROWING_STORAGE, answer, axe_report, check, demo_choice, item_box,
                     rate_all, reload)


def feedback(page, question: str) -> str:
    return page.inner_text(f"{QUIZ} [data-gb-question='{question}'] .gb-feedback")


def score(page) -> str:
    return page.inner_text(f"{QUIZ} .gb-score")


def test_feedback_for_right_wrong_and_partial_answers(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    answer(page, "single-one", "event")
    answer(page, "multi-one", "conference", "nap")
    check(page)
    text = feedback(page, "single-one")
    assert text.startswith("✗ Not quite.")
    assert "Not quite; decide your goal first." in text  # the choice's own feedback
    assert "The right answer: Your goal" in text
    assert page.get_attribute(f"{QUIZ} [data-gb-question='single-one'] .gb-feedback", "role") == "status"
    assert page.locator(f"{QUIZ} [data-gb-question='single-one'] .gb-feedback a", has_text="First section").count() == 1
    multiple = feedback(page, "multi-one")
    assert "You picked 1 of the 2 right answers and 1 wrong." in multiple
    assert "The right answers: A conference; A workshop" in multiple
    assert score(page).startswith("You got 0 of 3 right.")
    answer(page, "single-one", "goal")
    page.uncheck(demo_choice("multi-one-nap"))
    answer(page, "multi-one", "workshop")
    answer(page, "true-false", "false")
    check(page)
    assert score(page).startswith("You got 3 of 3 right.")
    assert feedback(page, "single-one").startswith("✓ Correct.")
    assert "Yes, the goal comes first." in feedback(page, "single-one")
    assert "A goal tells you which events are worth it." in feedback(page, "single-one")  # the explanation


def test_answers_and_score_survive_a_reload_and_try_again_clears_them(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    answer(page, "single-one", "goal")
    answer(page, "true-false", "true")
    check(page)
    reload(page)
    assert page.is_checked(demo_choice("single-one-goal"))
    assert score(page).startswith("You got 1 of 3 right.")
    assert feedback(page, "true-false").startswith("✗ Not quite.")
    page.click(f"{QUIZ} [data-gb-action='retry']")
    assert not page.is_checked(demo_choice("single-one-goal"))
    assert feedback(page, "single-one") == ""
    assert score(page).startswith("Last time: 1 of 3 right")
    reload(page)
    assert not page.is_checked(demo_choice("single-one-goal"))


def result(page) -> str:
    return page.inner_text(f"{ASSESSMENT} .gb-result")


def test_self_assessment_results_advice_and_links(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    page.check(f"{ASSESSMENT} [data-gb-statement='know-goal'] input[value='3']")
    page.click(f"{ASSESSMENT} [data-gb-action='score']")
    assert "1 still to go" in result(page)
    assert page.evaluate("document.activeElement.name").endswith("attend-events"), "focus goes to what is left"
    rate_all(page, 1)
    low = result(page)
    assert "Your result: Getting started, 0%" in low  # the lowest answers score nothing
    assert "Start with one small step." in low
    assert "Write down one goal for the next three months." in low  # per-statement advice
    links = page.locator(f"{ASSESSMENT} .gb-result a")
    assert links.count() >= 2
    for index in range(links.count()):
        target = urljoin(page.url, links.nth(index).get_attribute("href"))
        fragment = target.split("#")[1]
        assert page.locator(f"[id='{fragment}']").count() == 1, f"advice links to a missing #{fragment}"

    page.click(f"{ASSESSMENT} [data-gb-action='retake']")
    rate_all(page, 5)
    high = result(page)
    assert "Your result: Strong networker, 100%" in high
    assert "Keep going and help others." in high
    assert "Write down one goal" not in high  # nothing rated low, so no per-statement advice
    assert "Previous result: Getting started, 0%" in high
    reload(page)
    assert "Your result: Strong networker, 100%" in result(page), "the result persists"
    assert page.is_checked(f"{ASSESSMENT} [data-gb-statement='know-goal'] input[value='5']")


def test_without_javascript_answers_statements_and_bands_are_readable(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url(), javascript=False)
    questions = page.locator(f"{QUIZ} fieldset.gb-question")
    assert questions.count() == 3
    for index in range(3):
        details = questions.nth(index).locator("details.gb-answer")
        assert details.locator("summary").inner_text() == "Show answer"
        details.locator("summary").click()
        assert "Answer" in details.inner_text()
    assert "Answers: A conference; A workshop" in questions.nth(1).locator("details").inner_text()
    assert "every answer is on this page under \u201cShow answer\u201d" in page.inner_text(QUIZ)
    text = page.inner_text(ASSESSMENT)
    assert "I know what I want from networking." in text
    assert "Getting started" in text and "Strong networker" in text
    assert "add up the points of your answers (between 0 and 8)" in text
    page.check(f"{ASSESSMENT} [data-gb-statement='know-goal'] input[value='4']")
    assert page.is_checked(f"{ASSESSMENT} [data-gb-statement='know-goal'] input[value='4']")


def test_quizzes_work_when_storage_throws(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url(), init_script=THROWING_STORAGE)
    answer(page, "single-one", "goal")
    check(page)
    assert feedback(page, "single-one").startswith("✓ Correct.")
    rate_all(page, 2)
    assert "Your result:" in result(page)


def test_printing_a_self_assessment_result_has_the_date(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url(),
                     init_script="window.print = () => { window.printed = true; };")
    rate_all(page, 4)
    page.click(f"{ASSESSMENT} [data-gb-action='print-result']")
    page.wait_for_function("window.printed === true")  # printing loads its module first
    page.emulate_media(media="print")
    sheet = page.locator("#gb-print-sheet")
    assert sheet.is_visible() and "Result printed on" in sheet.inner_text()
    assert "Your result:" in sheet.inner_text()
    assert not page.is_visible("article h1")


def test_no_axe_violations_once_everything_is_answered(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url(), color_scheme="dark")
    page.check(item_box("write-goal"))
    answer(page, "single-one", "event")
    answer(page, "multi-one", "conference")
    check(page)
    rate_all(page, 2)
    for details in page.locator("details").all():
        details.locator("summary").click()
    violations, report = axe_report(page)
    assert violations == 0, report

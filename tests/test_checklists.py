"""Checklists in a real Chromium, beyond the reader's paths that every engine walks (tests/test_engines.py:
ticks that survive a reload, edited items, two tabs, instant navigation, no JavaScript): reset, broken or
full or corrupt storage, two guidebooks on one origin, the keyboard, data that tries to inject a script, and
print. Runs against the _base fixture published at /one/ and /two/."""

import pytest

from helpers import (DEMO, EVENT, GOAL, LIST, PRINT_STUB, THROWING_STORAGE, front, keep_for_review, label_of,
                     pdf_page_count, reload, storage_key)

NO_STORAGE_NOTICE = "Your browser does not let this site save progress"


def status(page) -> str:
    return page.inner_text(f"{LIST} .gb-status")


def test_reset_asks_first_and_clears_only_this_checklist(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    assert page.get_attribute(f"{LIST} .gb-status", "role") == "status", "the progress line is a live region"
    page.click(label_of(GOAL))  # the label's text ticks the box too
    assert page.is_checked(GOAL)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click(f"{LIST} [data-gb-action='reset']")
    assert page.is_checked(GOAL)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(f"{LIST} [data-gb-action='reset']")
    assert not page.is_checked(GOAL) and status(page) == "0 of 3 done"
    reload(page)
    assert not page.is_checked(GOAL)


def test_storage_that_throws_leaves_a_working_page_and_one_polite_notice(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url(), init_script=THROWING_STORAGE)
    page.check(GOAL)
    assert status(page) == "1 of 3 done"
    notices = page.locator(".gb-notice")
    assert notices.count() == 1
    assert notices.inner_text().startswith(NO_STORAGE_NOTICE), notices.inner_text()


def test_a_full_storage_falls_back_to_memory(open_page, demo_sites):
    quota = "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    page = open_page(DEMO, base=demo_sites.url(), init_script=quota)
    page.check(GOAL)
    assert status(page) == "1 of 3 done"
    assert page.locator(".gb-notice").count() == 1
    # Storage works but this write failed: the notice says so (not that nothing can be saved).
    assert page.inner_text(".gb-notice").startswith("This browser did not let us save your latest changes")


def test_corrupt_saved_data_is_ignored(open_page, demo_sites):
    corrupt = ("if (location.protocol === 'http:') {"
               f"  localStorage.setItem('{storage_key('demo/first-steps')}', '{{not json');"
               f"  localStorage.setItem('{storage_key('demo/quiz')}', '[1,2]');"
               f"  localStorage.setItem('{storage_key('demo/where-you-stand', version=1)}', '\"text\"');"
               "  localStorage.setItem('/one/.__palette', '{broken');"  # Material's own key, corrupt too
               "}")
    page = open_page(DEMO, base=demo_sites.url(), init_script=corrupt)
    assert status(page) == "0 of 3 done"
    page.check(GOAL)
    assert status(page) == "1 of 3 done"


def test_two_guidebooks_on_one_origin_keep_their_own_ticks(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url("one"))
    page.check(GOAL)
    other = open_page(DEMO, base=demo_sites.url("two"), context=page.context)
    assert not other.is_checked(GOAL)
    other.check(EVENT)
    reload(front(page))
    assert page.is_checked(GOAL) and not page.is_checked(EVENT)
    keys = page.evaluate("Object.keys(localStorage)")
    assert storage_key("demo/first-steps", "/one/") in keys and storage_key("demo/first-steps", "/two/") in keys


def test_keyboard_only(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    page.focus("#try-it a.headerlink")  # the last link before the checklist; from here on, keyboard only
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector('{GOAL}')"):
            break
    assert page.evaluate(f"document.activeElement === document.querySelector('{GOAL}')"), "Tab never reached the box"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "focus is not visible"
    page.keyboard.press("Space")
    assert page.is_checked(GOAL) and status(page) == "1 of 3 done"


def test_script_in_data_shows_as_text_and_never_runs(open_page, demo_sites, tmp_path):
    demo_sites.rebuild("script-in-data", "xss", tmp_path)
    page = open_page(DEMO, base=demo_sites.url("xss"))
    label = page.inner_text(label_of(EVENT))
    assert "<script>window.pwned = true</script>" in label
    assert page.evaluate("window.pwned") is None
    assert page.locator(f"{LIST} script, {LIST} img").count() == 0


@pytest.mark.parametrize("filled", [False, True])
def test_printing_one_checklist(open_page, demo_sites, filled, tmp_path):
    page = open_page(DEMO, base=demo_sites.url(), init_script=PRINT_STUB)
    page.check(GOAL)
    page.click(f"{LIST} [data-gb-action='{'print-filled' if filled else 'print-blank'}']")
    page.wait_for_function("window.printCalls === 1")  # printing loads its module first
    page.emulate_media(media="print")
    assert not page.is_visible("header.md-header")
    assert not page.is_visible("article h1")  # the rest of the page is not printed
    sheet = page.locator("#gb-print-sheet")
    assert sheet.is_visible()
    assert sheet.locator("legend").inner_text() == "First steps"
    assert "Demo chapter" in sheet.inner_text()
    boxes = sheet.locator("input[type=checkbox]")
    assert boxes.count() == 3
    style = boxes.first.evaluate("b => [getComputedStyle(b).borderTopStyle, getComputedStyle(b).borderTopWidth]")
    assert style[0] == "solid" and float(style[1].removesuffix("px")) >= 1
    assert boxes.first.is_checked() is filled
    assert ("printed on" in sheet.inner_text()) is filled
    assert not sheet.locator("[data-gb-action]").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf_page_count(pdf) == 1, "one checklist prints on one page"
    keep_for_review(pdf, f"checklist-{'filled' if filled else 'blank'}.pdf")


def test_printing_the_whole_chapter_keeps_checklists_whole(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    page.emulate_media(media="print")
    assert page.is_visible(LIST)
    assert page.evaluate(f"getComputedStyle(document.querySelector('{LIST} li')).breakInside") == "avoid"
    assert not page.is_visible(f"{LIST} .gb-actions")
    width = page.evaluate(f"getComputedStyle(document.querySelector('{GOAL}')).borderTopWidth")
    assert float(width.removesuffix("px")) >= 1

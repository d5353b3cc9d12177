"""Checklists in a real Chromium: saving, edits to the content, broken storage, instant navigation,
keyboard, no JavaScript, and print. Runs against the _base fixture published at /one/ and /two/."""

import pytest

from helpers import DEMO, GOAL, LIST, PRINT_STUB, THROWING_STORAGE, front, keep_for_review, pdf_page_count, saved

EVENT = "#gb-demo-first-steps-pick-event"
NO_STORAGE_NOTICE = "Your browser does not let this site save progress"


def status(page) -> str:
    return page.inner_text(f"{LIST} .gb-status")


def test_ticks_survive_a_reload(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    assert status(page) == "0 of 3 done"
    page.check(GOAL)
    assert status(page) == "1 of 3 done"
    page.reload()
    assert page.is_checked(GOAL) and not page.is_checked(EVENT)
    assert status(page) == "1 of 3 done"
    assert set(saved(page)["ticks"]) == {"write-goal"}  # keyed by the author's id, not by position


def test_the_progress_line_is_a_polite_live_region(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    assert page.get_attribute(f"{LIST} .gb-status", "role") == "status"


def test_clicking_the_label_text_toggles_the_box(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    page.click(f"label[for='{EVENT[1:]}']")
    assert page.is_checked(EVENT)


def test_instant_navigation_restores_state_without_doubling_handlers(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    page.check(GOAL)
    page.evaluate("window.stillTheSameDocument = true")
    for _ in range(2):
        page.click(".md-sidebar--primary .md-nav__link:has-text('Home')")  # Home, through Material's instant navigation
        page.wait_for_selector("h1:has-text('Fixture guidebook')")
        page.click(".gb-chapter-list a:has-text('Demo chapter')")
        page.wait_for_selector(LIST)
    assert page.evaluate("window.stillTheSameDocument") is True, "the page was reloaded, not swapped"
    assert page.is_checked(GOAL) and status(page) == "1 of 3 done"
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.click(f"{LIST} [data-gb-action='reset']")
    assert len(dialogs) == 1, f"the reset handler ran {len(dialogs)} times"


def test_reset_asks_first_and_clears_only_this_checklist(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    page.check(GOAL)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click(f"{LIST} [data-gb-action='reset']")
    assert page.is_checked(GOAL)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(f"{LIST} [data-gb-action='reset']")
    assert not page.is_checked(GOAL) and status(page) == "0 of 3 done"
    page.reload()
    assert not page.is_checked(GOAL)


def test_an_edited_item_keeps_its_tick_and_says_it_changed(open_page, demo_sites, tmp_path):
    # A site of its own under the shared origin: the other tests never see the edited version.
    demo_sites.rebuild("_base", "edited", tmp_path)
    page = open_page(DEMO, base=demo_sites.url("edited"))
    page.check(GOAL)
    page.check("#gb-demo-first-steps-say-hello")
    demo_sites.rebuild("item-text-changed", "edited", tmp_path)  # edits one item, removes another
    page.reload()
    assert page.is_checked(GOAL)
    assert "changed since you ticked it" in page.inner_text(f"label[for='{GOAL[1:]}']")
    assert status(page) == "1 of 2 done"  # the removed item's tick is ignored
    page.reload()
    assert "changed since you ticked it" in page.inner_text(f"label[for='{GOAL[1:]}']")
    page.uncheck(GOAL)
    page.check(GOAL)  # ticked again: it now refers to the new text
    page.reload()
    assert "changed" not in page.inner_text(f"label[for='{GOAL[1:]}']")
    # The removed item's tick is neither shown nor counted, but kept: a page still open (or cached) at the
    # earlier version shows it, and a content revert brings it back. Saved state is never dropped.
    assert set(saved(page, "/edited/")["ticks"]) == {"write-goal", "say-hello"}


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
               "  localStorage.setItem('gb:v1:/one/:demo/first-steps', '{not json');"
               "  localStorage.setItem('gb:v1:/one/:demo/quiz', '[1,2]');"
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
    front(page).reload()
    assert page.is_checked(GOAL) and not page.is_checked(EVENT)
    keys = page.evaluate("Object.keys(localStorage)")
    assert "gb:v1:/one/:demo/first-steps" in keys and "gb:v1:/two/:demo/first-steps" in keys


def test_ticks_in_one_tab_show_up_in_another(open_page, demo_sites):
    first = open_page(DEMO, base=demo_sites.url())
    second = open_page(DEMO, base=demo_sites.url(), context=first.context)
    front(first).check(EVENT)
    front(second).wait_for_function(f"document.querySelector('{EVENT}').checked")
    assert second.inner_text(f"{LIST} .gb-status") == "1 of 3 done"


def test_keyboard_only(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    page.focus("#try-it a.headerlink")  # the last link before the checklist; from here on, keyboard only
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == GOAL[1:]:
            break
    assert page.evaluate("document.activeElement.id") == GOAL[1:]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "focus is not visible"
    page.keyboard.press("Space")
    assert page.is_checked(GOAL) and status(page) == "1 of 3 done"


def test_without_javascript_the_boxes_are_there_and_tick(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url(), javascript=False)
    assert page.locator(f"{LIST} input[type=checkbox]").count() == 3
    assert page.locator(f"{LIST} legend").inner_text() == "First steps"
    page.click(f"label[for='{GOAL[1:]}']")
    assert page.is_checked(GOAL)
    assert not page.is_visible(f"{LIST} [data-gb-action='reset']")  # buttons that need JS stay hidden


def test_script_in_data_shows_as_text_and_never_runs(open_page, demo_sites, tmp_path):
    demo_sites.rebuild("script-in-data", "xss", tmp_path)
    page = open_page(DEMO, base=demo_sites.url("xss"))
    label = page.inner_text(f"label[for='{EVENT[1:]}']")
    assert "<script>window.pwned = true</script>" in label
    assert page.evaluate("window.pwned") is None
    assert page.locator(f"{LIST} script, {LIST} img").count() == 0




@pytest.mark.parametrize("filled", [False, True])
def test_printing_one_checklist(open_page, demo_sites, filled, tmp_path):
    page = open_page(DEMO, base=demo_sites.url(), init_script=PRINT_STUB)
    page.check(GOAL)
    page.click(f"{LIST} [data-gb-action='{'print-filled' if filled else 'print-blank'}']")
    assert page.evaluate("window.printCalls") == 1
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

"""Message templates and the Toolkit page in a real Chromium: filling in, copying, the character limit,
remembering the reader's own details (and nothing else), instant navigation, keyboard, print, no
JavaScript, narrow screens and axe. Runs against the _base fixture published at /one/ (its demo chapter
places two templates; its Toolkit page gathers all three)."""

import json

import pytest

from axe_playwright_python.sync_playwright import Axe

from helpers import (AXE_OPTIONS, DEMO, blank_field, export, import_file, keep_for_review, pdf_page_count, reload,
                     saved_state, storage_key)

TOOLKIT = "toolkit/"
THANKS = "#gb-demo-thank-you"
NOTE = "#gb-demo-connection-note"
YOUR_NAME = "#gb-you [data-gb-blank='your_name']"
YOUR_FIELD = "#gb-you [data-gb-blank='your_field']"
REMEMBER = "#gb-you input[type=checkbox]"
DETAILS_KEY = storage_key("reader/details")
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
THANKS_EXAMPLE = "Hi Priya, thank you for the tips on user interviews. It helped me a lot.\n\nBest wishes,\nSam"


def message(page, template: str) -> str:
    return page.inner_text(f"{template} .gb-text").strip()


def blank(page, template: str, name: str):
    return page.locator(f"{template} mark[data-gb-blank='{name}']")


def stored_details(page):
    raw = page.evaluate("key => localStorage.getItem(key)", DETAILS_KEY)
    return json.loads(raw) if raw else None


# --- Filling in ---------------------------------------------------------------------------------


def test_typing_updates_the_message_and_your_details_fill_every_template(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    assert message(page, THANKS) == THANKS_EXAMPLE.replace("Priya", "[Priya]").replace(
        "the tips on user interviews", "[the tips on user interviews]").replace("Sam", "[Sam]")
    page.fill(blank_field(THANKS, "their_name"), "Kofi")
    assert blank(page, THANKS, "their_name").inner_text() == "Kofi"
    assert "gb-filled" in blank(page, THANKS, "their_name").get_attribute("class")
    assert blank(page, NOTE, "their_name").inner_text() == "[Ana]", "another template's blank is its own"
    page.fill(YOUR_NAME, "Lee")  # once, for every template of the page
    assert blank(page, THANKS, "your_name").inner_text() == "Lee"
    assert blank(page, NOTE, "your_name").inner_text() == "Lee"
    page.fill(blank_field(THANKS, "their_name"), "")
    assert blank(page, THANKS, "their_name").inner_text() == "[Priya]", "an emptied blank shows its example again"
    assert page.locator("#gb-you").count() == 1
    assert page.locator("#gb-you legend").inner_text() == "Your details"
    # Every field has a real label.
    for field in page.locator(".gb-template input[type=text], #gb-you input").all():
        assert field.evaluate("f => f.labels.length") == 1


def test_copy_puts_exactly_the_filled_in_text_on_the_clipboard(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url(), **CLIPBOARD)
    page.fill(blank_field(THANKS, "their_name"), "Kofi")
    page.fill(blank_field(THANKS, "what_they_did"), "the introduction to Dana")
    page.fill(YOUR_NAME, "Lee")
    page.click(f"{THANKS} [data-gb-action='copy']")
    status = page.locator(f"{THANKS} .gb-status")
    status.filter(has_text="Copied").wait_for()
    assert status.get_attribute("role") == "status"
    assert page.evaluate("navigator.clipboard.readText()") == (
        "Hi Kofi, thank you for the introduction to Dana. It helped me a lot.\n\nBest wishes,\nLee")


REFUSED = {
    # (window.Clipboard exists only in secure contexts, such as http://127.0.0.1, not in every frame)
    "rejected": "if (window.Clipboard) Clipboard.prototype.writeText = () => "
                "Promise.reject(new DOMException('denied', 'NotAllowedError'));",
    "missing": "Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });",
}


@pytest.mark.parametrize("how", sorted(REFUSED))
def test_where_the_clipboard_is_refused_the_message_is_selected(open_page, demo_sites, how):
    page = open_page(DEMO, base=demo_sites.url(), init_script=REFUSED[how])
    page.fill(blank_field(THANKS, "their_name"), "Kofi")
    page.click(f"{THANKS} [data-gb-action='copy']")
    page.locator(f"{THANKS} .gb-status").filter(has_text="Ctrl+C").wait_for()
    selected = page.evaluate("getSelection().toString()")
    expected = THANKS_EXAMPLE.replace("Priya", "Kofi").replace("the tips", "[the tips").replace(
        "interviews.", "interviews].").replace("Sam", "[Sam]")
    assert " ".join(selected.split()) == " ".join(expected.split())


def test_the_limit_counter_says_plainly_when_the_message_is_too_long(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    count = page.locator(f"{NOTE} .gb-count")
    assert count.inner_text() == "59 of 80 characters"  # the example, counted live once the script runs
    page.fill(blank_field(NOTE, "their_name"), "A" * 24)  # 59 - len("Ana") + 24 = 80: just fits
    assert count.inner_text() == "80 of 80 characters"
    assert page.inner_text(f"{NOTE} .gb-status") == ""
    page.fill(blank_field(NOTE, "their_name"), "A" * 25)
    assert count.inner_text() == "81 of 80 characters: too long"
    assert page.inner_text(f"{NOTE} .gb-status") == "Too long"  # announced once, in the live region
    page.fill(blank_field(NOTE, "their_name"), "Ana")
    assert count.inner_text() == "59 of 80 characters"
    assert page.inner_text(f"{NOTE} .gb-status") == ""
    page.fill(YOUR_NAME, "Samantha-Jane Featherstone")  # the reader's own details count too: 59 - 3 + 26
    assert count.inner_text() == "82 of 80 characters: too long"
    assert page.locator(f"{THANKS} .gb-count").count() == 0, "a template without a limit shows no count"


def test_without_javascript_each_template_is_a_finished_example(open_page, demo_sites):
    for path in (DEMO, TOOLKIT):
        page = open_page(path, base=demo_sites.url(), javascript=False)
        assert message(page, THANKS) == THANKS_EXAMPLE.replace("Priya", "[Priya]").replace(
            "the tips on user interviews", "[the tips on user interviews]").replace("Sam", "[Sam]")
        assert not page.locator("#gb-you").is_visible()  # fields that could change nothing
        assert not page.locator(f"{THANKS} .gb-blanks").is_visible()
        assert not page.locator(f"{THANKS} [data-gb-action='copy']").is_visible()
        assert page.inner_text(f"{NOTE} .gb-count") == "At most 80 characters; the example has 59."
        assert page.inner_text(f"{THANKS} h3") == "Say thank you"
        assert "Name one thing you will do with their advice." in page.inner_text(f"{THANKS} .gb-tips")


# --- Remembering --------------------------------------------------------------------------------


def test_details_are_not_remembered_unless_the_reader_asks(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    assert not page.is_checked(REMEMBER), "unticked by default"
    assert page.locator("#gb-you label", has=page.locator("input[type=checkbox]")).inner_text().strip() == "Remember my details on this device"
    page.fill(YOUR_NAME, "Lee")
    page.fill(blank_field(THANKS, "their_name"), "Kofi")
    assert stored_details(page) is None
    assert not [key for key, value in saved_state(page).items() if "Lee" in value or "Kofi" in value]
    reload(page)
    assert page.input_value(YOUR_NAME) == "" and blank(page, THANKS, "your_name").inner_text() == "[Sam]"


def test_remembered_details_come_back_and_other_peoples_names_never_are_saved(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url())
    page.fill(YOUR_NAME, "Lee")
    page.check(REMEMBER)  # ticking saves what is already typed
    assert stored_details(page) == {"details": {"your_name": "Lee", "your_field": ""}}
    page.fill(YOUR_FIELD, "nursing")
    page.fill(blank_field(THANKS, "their_name"), "Kofi")
    page.fill(blank_field(NOTE, "their_name"), "Ana Maria")
    assert stored_details(page) == {"details": {"your_name": "Lee", "your_field": "nursing"}}
    assert not [key for key, value in saved_state(page).items() if "Kofi" in value or "Ana Maria" in value]
    reload(page)
    assert page.is_checked(REMEMBER)
    assert page.input_value(YOUR_NAME) == "Lee" and page.input_value(YOUR_FIELD) == "nursing"
    assert blank(page, NOTE, "your_field").inner_text() == "nursing"
    assert page.input_value(blank_field(THANKS, "their_name")) == ""
    page.uncheck(REMEMBER)  # unticking forgets
    assert stored_details(page) is None
    reload(page)
    assert not page.is_checked(REMEMBER) and page.input_value(YOUR_NAME) == ""


def test_export_clear_and_import_include_the_remembered_details(open_page, demo_sites, tmp_path):
    page = open_page(DEMO, base=demo_sites.url())
    page.check(REMEMBER)
    page.fill(YOUR_NAME, "Lee")
    progress = open_page("progress/", base=demo_sites.url(), context=page.context)
    exported = export(progress, tmp_path)
    assert exported["entries"]["reader/details"] == {"details": {"your_name": "Lee", "your_field": ""}}
    progress.once("dialog", lambda dialog: dialog.accept())
    progress.click("[data-gb-action='clear']")
    assert stored_details(progress) is None
    assert "Imported 1" in import_file(progress, tmp_path, exported, mode="replace")
    reload(page)
    assert page.is_checked(REMEMBER) and page.input_value(YOUR_NAME) == "Lee"


# --- Across pages -------------------------------------------------------------------------------


def test_the_toolkit_groups_every_template_by_situation_in_reading_order(open_page, demo_sites):
    page = open_page(TOOLKIT, base=demo_sites.url())
    order = page.evaluate("""() => [...document.querySelectorAll('article h2, article .gb-template')]
        .map(e => e.tagName === 'H2' ? '## ' + e.textContent.replace('¶', '').trim() : e.dataset.gbKey)""")
    assert order == ["## After a conversation", "demo/thank-you", "demo/nudge", "## Reaching out", "demo/connection-note"]
    # "Your details" sits above everything, and holds a field for each detail any template uses.
    assert page.evaluate("document.querySelector('#gb-you').compareDocumentPosition(document.querySelector('article h2'))") & 4
    assert page.locator("#gb-you [data-gb-blank]").evaluate_all("fs => fs.map(f => f.dataset.gbBlank)") == [
        "your_name", "your_field"]


COPY_COUNTER = ("window.copies = 0; if (window.Clipboard) { const write = Clipboard.prototype.writeText;"
                "Clipboard.prototype.writeText = function (t) { window.copies += 1; return write.call(this, t); }; }")


def test_instant_navigation_keeps_details_and_does_not_double_handlers(open_page, demo_sites):
    page = open_page(DEMO, base=demo_sites.url(), init_script=COPY_COUNTER, **CLIPBOARD)
    page.check(REMEMBER)
    page.fill(YOUR_NAME, "Lee")
    page.evaluate("window.stillTheSameDocument = true")
    for _ in range(2):
        page.click(".md-sidebar--primary .md-nav__link:has-text('Toolkit')")
        page.wait_for_selector("h1:has-text('Toolkit')")
        page.wait_for_selector("#gb-you")
        assert page.input_value(YOUR_NAME) == "Lee"
        page.click("a.md-footer__link--prev")  # back to the demo chapter, still through instant navigation
        page.wait_for_selector(NOTE)
    assert page.evaluate("window.stillTheSameDocument") is True, "the page was reloaded, not swapped"
    assert page.locator("#gb-you").count() == 1
    assert blank(page, NOTE, "your_name").inner_text() == "Lee"
    page.fill(blank_field(NOTE, "their_name"), "Ana")
    page.click(f"{NOTE} [data-gb-action='copy']")
    page.locator(f"{NOTE} .gb-status").filter(has_text="Copied").wait_for()
    assert page.evaluate("window.copies") == 1, "the copy handler ran more than once"


def test_keyboard_only(open_page, demo_sites):
    page = open_page(TOOLKIT, base=demo_sites.url(), **CLIPBOARD)
    page.focus("article h1")
    page.evaluate("document.querySelector('article h1').setAttribute('tabindex', '-1')")
    page.focus("article h1")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.gbBlank") == "your_name":
            break
    assert page.evaluate("document.activeElement.dataset.gbBlank") == "your_name"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") not in ("", "none")
    page.keyboard.type("Lee")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.gbAction") == "copy":
            break
    assert page.evaluate("document.activeElement.closest('.gb-template').id") == THANKS[1:]
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") not in ("", "none")
    page.keyboard.press("Enter")
    page.locator(f"{THANKS} .gb-status").filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").endswith("\nLee")


# --- Print, small screens, accessibility ---------------------------------------------------------


def test_a_template_prints_as_the_filled_in_message_never_the_form(open_page, demo_sites):
    page = open_page(TOOLKIT, base=demo_sites.url())
    page.fill(blank_field(THANKS, "their_name"), "Kofi")
    page.emulate_media(media="print")
    for hidden in ("#gb-you", f"{THANKS} .gb-blanks", f"{THANKS} .gb-actions", "header.md-header"):
        assert not page.locator(hidden).is_visible(), f"{hidden} is printed"
    assert page.locator(f"{THANKS} .gb-text").is_visible()
    assert message(page, THANKS).startswith("Hi Kofi, thank you for [the tips on user interviews].")
    breaks = page.eval_on_selector_all(".gb-template", "ts => ts.map(t => getComputedStyle(t).breakInside)")
    assert breaks == ["avoid"] * 3, "a template must never be split across pages"
    pdf = page.pdf(format="A5")
    keep_for_review(pdf, "toolkit-a5.pdf")
    assert 1 <= pdf_page_count(pdf) <= 3, "three short templates make a booklet of a few pages"


def test_the_toolkit_fits_a_320_pixel_screen(open_page, demo_sites):
    page = open_page(TOOLKIT, base=demo_sites.url(), viewport={"width": 320, "height": 640})
    page.fill(blank_field(NOTE, "their_name"), "Bartholomew-Featherstonehaugh")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    too_wide = page.evaluate("""() => [...document.querySelectorAll('.gb-template *, #gb-you *')]
        .filter(e => e.getBoundingClientRect().right > 321).map(e => e.tagName + '.' + e.className)""")
    assert not too_wide, too_wide


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_the_toolkit_filled_in_and_too_long(open_page, demo_sites, scheme):
    page = open_page(TOOLKIT, base=demo_sites.url(), color_scheme=scheme)
    # Keyboard, not the mouse: a pointer left resting on a link would measure Material's hover colour.
    page.focus(REMEMBER)
    page.keyboard.press("Space")
    assert page.is_checked(REMEMBER)
    page.fill(YOUR_NAME, "Lee")
    page.fill(blank_field(NOTE, "their_name"), "A" * 40)
    assert page.inner_text(f"{NOTE} .gb-status") == "Too long"
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_guidebooks_toolkit_gathers_every_template_of_every_chapter(site):
    from bs4 import BeautifulSoup

    from helpers import ROOT
    from macros import data

    chapters = data.load_guidebook(ROOT, ROOT / "docs")
    in_data = sorted(f"{c.slug}/{t['id']}" for c in chapters.values() for t in c.of_kind("templates"))
    toolkit = BeautifulSoup((site.dir / "toolkit/index.html").read_text("utf-8"), "html.parser")
    shown = {s["data-gb-key"]: s for s in toolkit.select("section.gb-template")}
    assert sorted(shown) == in_data and len(in_data) >= 9
    limits = {f"{c.slug}/{t['id']}": t.get("limit") for c in chapters.values() for t in c.of_kind("templates")}
    assert {key: json.loads(section["data-gb-part"])["limit"] for key, section in shown.items()} == limits
    # Grouped: each situation heads one group, and no situation appears twice.
    situations = [h2.get_text(" ", strip=True).rstrip("¶").strip() for h2 in toolkit.select("article h2")]
    assert len(situations) == len(set(situations)) >= 3, situations


def test_the_guidebooks_toolkit_prints_as_a_booklet_of_whole_templates(site, open_page):
    width, height = 5.83, 8.27  # A5, inches: a booklet
    page = open_page(TOOLKIT, viewport={"width": int((width - 0.8) * 96), "height": int((height - 0.8) * 96)})
    page.emulate_media(media="print")
    assert not page.locator("#gb-you").is_visible() and not page.locator(".gb-blanks").first.is_visible()
    heights = page.eval_on_selector_all(".gb-template", "ts => ts.map(t => t.getBoundingClientRect().height)")
    assert heights and max(heights) < (height - 0.8) * 96, f"a template is taller than an A5 page: {heights}"
    pdf = page.pdf(format="A5", margin={side: "0.4in" for side in ("top", "bottom", "left", "right")})
    keep_for_review(pdf, "toolkit-guidebook-a5.pdf")
    assert pdf_page_count(pdf) <= len(heights) + 1, "a booklet: the introduction, then a page per template at most"

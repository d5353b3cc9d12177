"""The glue between the guidebook's core (the rest of macros/) and the site generator's mkdocs-macros
(`module_name: macros/glue` in mkdocs.yml, which loads this file as a plain module, not as part of the
package). It runs under MkDocs 1.6, ProperDocs 1.6 and Zensical; what differs between them is behind
macros/generator.py, so nothing here imports a generator. It

- registers a macro per kind of interactive part (macros/kinds/), the workbook, toolkit, progress and
  home-page macros, the PDF download link, the timings ({{ timing(...) }}, {{ timeline(...) }}) and the diagrams;
- picks the interface's words for theme.language (macros/strings/) and writes the page facts the script
  needs (its words, where its state is saved) once per page;
- takes page URLs and the reading order from the generator (generator.py);
- loads and validates the guidebook once while its files stay as they are (Zensical calls define_env for
  every page);
- hands the macros' finished HTML to the generator's Markdown (past it, where it can: html_blocks.py);
- turns a data error of the core into the generator's build error, annotated on GitHub Actions.

Bundling, minifying and versioning our assets is not here: `python -m macros.finish <site>` does it after any
of the three generators has built the site (the Makefile's build target runs it).

The core imports no site generator (tests/test_core.py proves it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup

PROJECT = Path(__file__).resolve().parent.parent


def _core_on_disk() -> tuple:
    """Every Python file of the core, with its modification time and size."""
    return tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size)
                 for path in sorted((PROJECT / "macros").rglob("*.py")))


# The generator runs this file afresh for every build (for every page, under Zensical), but Python keeps a
# package once imported. When a file of the core changed since it was imported (an author editing macros/
# during `mkdocs serve`), or it was imported from another project, forget it, so that this build runs
# macros/ as it is on disk now; otherwise keep it, with the guidebook it has loaded (generator.cached).
# mkdocs-macros puts the project on sys.path for packages only, not for a file.
if str(PROJECT) in sys.path:
    sys.path.remove(str(PROJECT))
sys.path.insert(0, str(PROJECT))
_ON_DISK = (str(PROJECT), _core_on_disk())
if getattr(sys.modules.get("macros"), "glue_loaded", None) != _ON_DISK:
    for _name in [name for name in sys.modules if name == "macros" or name.startswith("macros.")]:
        del sys.modules[_name]
    import macros  # noqa: E402

    macros.glue_loaded = _ON_DISK

from macros import data, diagrams, generator, overview, reading, strings, timings  # noqa: E402
from macros.kinds import BY_NAME, KINDS, Kind, Links  # noqa: E402
from macros.kinds.template import KIND as TEMPLATE, details_form  # noqa: E402

# Macro calls whose argument names something in the data: checked before a page renders (on_pre_page_macros).
MACRO_CALL = re.compile(r"\b(%s|timing|diagram)\(\s*[\"']([^\"']*)[\"']" % "|".join(BY_NAME))
TIMELINE_CALL = re.compile(r"\btimeline\(([^)]*)\)")
TOOLKIT_CALL = re.compile(r"\{\{\s*toolkit\(\s*\)\s*\}\}")


def define_env(env):
    site = generator.of(env)
    config = env.conf
    docs_dir = site.docs_dir
    hold = site.html_to_markdown()
    language = config["theme"].get("language") or strings.FALLBACK

    def read_from():
        """Everything the guidebook is read from: the data, the chapter pages (their headings), the words."""
        return (str(PROJECT), str(docs_dir), language, generator.files_state(
            (PROJECT / data.DATA_DIR, "*"), (docs_dir / data.CHAPTERS_DIR, "*.md"), (strings.STRINGS_DIR, "*.yml")))

    def load():
        words, problems = strings.load_words(language)
        return _report(site, lambda: data.load_guidebook(PROJECT, docs_dir, words)), words, problems

    # Once per build, and again only when a file changed (Zensical calls define_env for every page).
    (chapters, words, problems), first_in_build = generator.cached(config, read_from, load)
    env.variables["guidebook_chapters"] = chapters
    if first_in_build:
        site.warn(*problems)  # --strict makes them stop the build

    # Progress files name this guidebook: "<progress_name>-progress-<date>.json".
    guide = overview.Guide(site=site.site_url,
                           progress_name=config["extra"].get("progress_name") or data.slugify(config["site_name"]))
    # What the script needs on every page with parts (its words, where state is saved) travels in the page,
    # once, inside the content, so that instant navigation brings it along.
    site_facts = overview.site_facts(guide, words)
    facts_shown_on = []

    def page(pieces: list) -> str:
        """A macro's output for the page: its HTML blocks past Markdown, its Markdown (headings) for Markdown,
        and the page facts before the first block of the page."""
        if not (facts_shown_on and facts_shown_on[-1] is env.page):
            facts_shown_on[:] = [env.page]
            pieces = [site_facts, *pieces]
        return "\n\n".join(hold(piece) if isinstance(piece, Markup) else piece for piece in pieces)

    toolkit_pages = {}

    def toolkit_page():
        """The page of the nav that calls {{ toolkit() }}, where a message template can be opened by its id (None if
        none does)."""
        if "page" not in toolkit_pages:
            toolkit_pages["page"] = next((page_file for page_file in site.reading_order() if (docs_dir / page_file).is_file()
                                          and TOOLKIT_CALL.search((docs_dir / page_file).read_text("utf-8"))), None)
        return toolkit_pages["page"]

    def links() -> Links:
        here = site.page_file()

        def section(chapter: data.Chapter, section_id: str) -> str:
            prefix = "" if chapter.page_file == here else site.url_to(chapter.page_file)
            return f"{prefix}#{section_id}"

        def edit_data(chapter: data.Chapter) -> str | None:
            if not (config["repo_url"] and site.edit_uri):
                return None
            docs_edit_url = urljoin(config["repo_url"].rstrip("/") + "/", site.edit_uri)
            return urljoin(docs_edit_url, f"../{chapter.data_file}")

        toolkit = toolkit_page()
        return Links(section=section, edit_data=edit_data, site_name=config["site_name"],
                     toolkit=site.url_to(toolkit) if toolkit else "")

    def chapter_url(chapter: data.Chapter) -> str:
        return site.url_to(chapter.page_file)

    def in_reading_order() -> list[data.Chapter]:
        """The chapters in the order of mkdocs.yml's nav (chapters not in it last)."""
        order = {page_file: number for number, page_file in enumerate(site.reading_order())}
        return sorted(chapters.values(), key=lambda c: (order.get(c.page_file, len(order)), c.page_file))

    def other_page_cards() -> list[overview.Card]:
        """A home-page card for every page of the nav after the home page that is not a chapter, in nav order
        (a new page, such as the tracker of the reader's people, gets its card by joining the nav)."""
        chapter_pages = {chapter.page_file for chapter in chapters.values()}
        cards = []
        for page_file in site.reading_order()[1:]:
            if page_file in chapter_pages or not (docs_dir / page_file).is_file():
                continue  # (a page the nav names but the generator does not have is its own warning)
            source = (docs_dir / page_file).read_text("utf-8")
            cards.append(overview.Card(
                title=reading.first_heading(source) or Path(page_file).stem, url=site.url_to(page_file),
                summary=str(data.read_front_matter(source).get("description", "")),
                minutes=reading.minutes_to_read(source)))
        return cards

    details_shown_on = []

    def details_form_first() -> list:
        """The reader's "Your details" form, before the page's first template: the fields of every template
        the page shows, drawn in place so that nothing moves when the script fills them in."""
        if details_shown_on and details_shown_on[-1] is env.page:
            return []
        details_shown_on[:] = [env.page]
        calls = MACRO_CALL.findall("\n".join(site.page_source()))
        entries = [_lookup(site, chapters, TEMPLATE, key)[1] for name, key in calls if name == TEMPLATE.name]
        form = details_form(entries, words)
        return [form] if form else []

    def part_macro(kind: Kind):
        def macro(key: str):
            chapter, entry = _lookup(site, chapters, kind, key)
            before = details_form_first() if kind is TEMPLATE else []
            return page([*before, overview.part(kind, chapter, entry, links(), words)])

        macro.__name__ = kind.name
        return macro

    for kind in KINDS:
        env.macro(part_macro(kind))

    @env.macro
    def timing(timing_id: str):
        """{{ timing("follow-up") }}: a wait the advice names, in words ("3 days"), from the chapters' data."""
        return str(timings.text(_timing(site, chapters, timing_id), words))

    @env.macro
    def workbook():
        return page(overview.workbook(in_reading_order(), lambda chapter: links(), config["site_name"], words))

    @env.macro
    def toolkit():
        details_shown_on[:] = [env.page]  # the toolkit draws its own, above all the templates
        return page(overview.toolkit(in_reading_order(), lambda chapter: links(), words))

    @env.macro
    def progress():
        return page([overview.progress(in_reading_order(), chapter_url, guide, words)])

    @env.macro
    def pdf_download():
        return hold(overview.pdf_download())

    @env.macro
    def chapter_list():
        return page([overview.chapter_list(
            in_reading_order(), chapter_url, guide, words,
            lambda chapter: reading.minutes_to_read((docs_dir / chapter.page_file).read_text("utf-8")), other_page_cards())])

    @env.macro
    def diagram(name: str):
        """A diagram of docs/assets/diagrams/, inline so that it takes the page's colours."""
        return hold(_report(site, lambda: diagrams.from_file(docs_dir, str(name), _call_site(site, str(name)))))

    @env.macro
    def timeline(*timing_ids: str):
        """{{ timeline("follow-up", "nudge", ...) }}: the waits the advice names, one after another, drawn
        from the same data as the text's {{ timing(...) }}."""
        found = [_timing(site, chapters, timing_id) for timing_id in timing_ids]
        steps = [diagrams.Step(str(words("diagrams.start")), "")] + [
            diagrams.Step(timing["label"], str(words("diagrams.after", interval=timings.text(timing, words))))
            for timing in found]
        return hold(diagrams.timeline(steps, words))


def on_pre_page_macros(env):
    """MkDocs only (Zensical has no such hook; there the macro itself stops the build): check every macro
    call of the page before rendering, so a wrong id stops the build with a one-line message (mkdocs-macros
    would wrap an error raised inside a macro in its own report and exit)."""
    site = generator.of(env)
    chapters = env.variables["guidebook_chapters"]
    for name, key in MACRO_CALL.findall(env.markdown):
        if name == "timing":
            _timing(site, chapters, key)
        elif name == "diagram":  # the diagram's file and contents too
            _report(site, lambda: diagrams.from_file(site.docs_dir, key, _call_site(site, key)))
        else:
            _lookup(site, chapters, BY_NAME[name], key)
    for arguments in TIMELINE_CALL.findall(env.markdown):
        for key in re.findall(r"[\"']([^\"']*)[\"']", arguments):
            _timing(site, chapters, key)


def _report(site, load):
    """Run a loading step, reporting any data error it raises."""
    try:
        return load()
    except data.DataError as error:
        site.fail(error)


def _call_site(site, key: str) -> tuple[str, int | None]:
    """The page being rendered (as docs/<file>) and the first line of it that names `key` in quotes."""
    line = next((n for n, text in enumerate(site.page_source(), 1) if f'"{key}"' in text or f"'{key}'" in text), None)
    return f"{site.docs_dir.name}/{site.page_file()}", line


def _lookup(site, chapters, kind: Kind, key: str):
    """Find "<chapter>/<id>" of one kind, or stop the build naming the page, the line and what exists."""
    chapter_slug, _, component_id = str(key).partition("/")
    chapter = chapters.get(chapter_slug)
    found = chapter.get(kind.key, component_id) if chapter else None
    if found is not None:
        return chapter, found
    existing = [f"{slug}/{c['id']}" for slug, ch in chapters.items() for c in ch.of_kind(kind.key)]
    site.fail(data.DataError(
        *_call_site(site, key), f"There is no {kind.label} '{key}'.",
        f"Use '<chapter>/<id>' with one that exists: {', '.join(existing) or 'none yet'}.",
    ))


def _timing(site, chapters, key: str) -> dict:
    """The timing named `key`, or stop the build naming the page, the line and the timings there are."""
    for chapter in chapters.values():
        if key in chapter.timings:
            return chapter.timings[key]
    known = sorted(t for chapter in chapters.values() for t in chapter.timings)
    site.fail(data.DataError(*_call_site(site, key), f"There is no timing '{key}'.",
                             f"Use one that a chapter defines under 'timings:': {', '.join(known) or 'none yet'}."))

"""The glue between the guidebook's core (the rest of macros/) and the site generator's mkdocs-macros
(`module_name: macros/glue` in mkdocs.yml, which loads this file as a plain module, not as part of the
package). It runs under MkDocs 1.6, ProperDocs 1.6 and Zensical; what differs between them is behind
macros/generator.py, so nothing here imports a generator. It

- registers a macro per kind of interactive part (macros/kinds.py) and the workbook, toolkit, progress
  and chapter-list macros;
- picks the interface's words for theme.language (macros/strings/) and writes the script's once per page;
- takes page URLs and the reading order from the generator (generator.py);
- loads and validates the guidebook once while its files stay as they are (Zensical calls define_env for
  every page);
- hands the macros' finished HTML to the generator's Markdown (past it, where it can: html_blocks.py);
- turns a data error of the core into the generator's build error, annotated on GitHub Actions.

Minifying and versioning our assets is not here: `python -m macros.finish <site>` does it after any of the
three generators has built the site (the Makefile's build target runs it).

The core imports nothing from MkDocs, mkdocs-macros or Jinja (tests/test_core.py proves it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin

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

from macros import data, generator, overview, render, strings  # noqa: E402
from macros.kinds import BY_MACRO, KINDS, Kind  # noqa: E402

MACRO_CALL = re.compile(r"\b(%s)\(\s*[\"']([^\"']*)[\"']" % "|".join(BY_MACRO))


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
        return (_report(site, lambda: data.load_guidebook(PROJECT, docs_dir)), *strings.load_words(language))

    # Once per build, and again only when a file changed (Zensical calls define_env for every page).
    (chapters, words, problems), first_in_build = generator.cached(config, read_from, load)
    env.variables["guidebook_chapters"] = chapters
    if first_in_build:
        site.warn(*problems)  # --strict makes them stop the build
    # The script's words travel in the page, once per page that has parts, inside the content so that
    # instant navigation brings them along.
    words_block = f'<div class="gb-words" hidden{render.json_attribute("data-gb-words", words.script())}></div>'
    words_shown_on = []

    def with_words(html: str) -> str:
        if words_shown_on and words_shown_on[-1] is env.page:
            return html
        words_shown_on[:] = [env.page]
        return f"{words_block}\n\n{html}"

    # Progress files name this guidebook: "<progress_name>-progress-<date>.json".
    guide = overview.Guide(site=site.site_url,
                           progress_name=config["extra"].get("progress_name") or data.slugify(config["site_name"]))

    def links() -> render.Links:
        here = site.page_file()

        def section(chapter: data.Chapter, section_id: str) -> str:
            prefix = "" if chapter.page_file == here else site.url_to(chapter.page_file)
            return f"{prefix}#{section_id}"

        def edit_data(chapter: data.Chapter) -> str | None:
            if not (config["repo_url"] and site.edit_uri):
                return None
            docs_edit_url = urljoin(config["repo_url"].rstrip("/") + "/", site.edit_uri)
            return urljoin(docs_edit_url, f"../{chapter.data_file}")

        return render.Links(section=section, edit_data=edit_data, site_name=config["site_name"])

    def chapter_url(chapter: data.Chapter) -> str:
        return site.url_to(chapter.page_file)

    def in_reading_order() -> list[data.Chapter]:
        """The chapters in the order of mkdocs.yml's nav (chapters not in it last)."""
        order = {page_file: number for number, page_file in enumerate(site.reading_order())}
        return sorted(chapters.values(), key=lambda c: (order.get(c.page_file, len(order)), c.page_file))

    def part_macro(kind: Kind):
        def macro(key: str):
            chapter, component = _lookup(site, chapters, kind, key)
            return hold(with_words(overview.part(kind, chapter, component, links(), words)))

        macro.__name__ = kind.macro
        return macro

    for kind in KINDS:
        env.macro(part_macro(kind))

    @env.macro
    def workbook():
        return hold(with_words(overview.workbook(in_reading_order(), lambda chapter: links(), config["site_name"], words)))

    @env.macro
    def toolkit():
        return hold(with_words(overview.toolkit(in_reading_order(), lambda chapter: links(), words)))

    @env.macro
    def progress():
        return hold(with_words(overview.progress(in_reading_order(), chapter_url, guide, words)))

    @env.macro
    def chapter_list():
        return hold(with_words(overview.chapter_list(in_reading_order(), chapter_url, guide)))


def on_pre_page_macros(env):
    """MkDocs only (Zensical has no such hook; there the macro itself stops the build, see _lookup): check
    every macro call of the page before rendering, so a wrong id stops the build with a one-line message
    (mkdocs-macros would wrap an error raised inside a macro in its own report and exit)."""
    site = generator.of(env)
    for name, key in MACRO_CALL.findall(env.markdown):
        _lookup(site, env.variables["guidebook_chapters"], BY_MACRO[name], key)


def _report(site, load):
    """Run a loading step, reporting any data error it raises."""
    try:
        return load()
    except data.DataError as error:
        site.fail(error)


def _lookup(site, chapters, kind: Kind, key: str):
    """Find "<chapter>/<id>" of one kind, or stop the build naming the page, the line and what exists."""
    chapter_slug, _, component_id = str(key).partition("/")
    chapter = chapters.get(chapter_slug)
    found = chapter.get(kind.key, component_id) if chapter else None
    if found is not None:
        return chapter, found
    existing = [f"{slug}/{c['id']}" for slug, ch in chapters.items() for c in ch.of_kind(kind.key)]
    page_file = f"{site.docs_dir.name}/{site.page_file()}"
    line = next((n for n, text in enumerate(site.page_source(), 1) if f'"{key}"' in text or f"'{key}'" in text), None)
    site.fail(data.DataError(
        page_file, line, f"There is no {kind.name} '{key}'.",
        f"Use '<chapter>/<id>' with one that exists: {', '.join(existing) or 'none yet'}.",
    ))

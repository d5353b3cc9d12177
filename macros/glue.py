"""The glue between the guidebook's core (the rest of macros/) and MkDocs with mkdocs-macros
(`module_name: macros/glue` in mkdocs.yml, which loads this file as a plain module, not as part of the
package): the one Python file that knows about a site generator. It

- registers a macro per kind of interactive part (macros/kinds.py) and the workbook, toolkit, progress,
  chapter-list (the home page's cards) and diagram macros;
- picks the interface's words for theme.language (macros/strings/) and writes the script's once per page;
- takes page URLs and the reading order from MkDocs (its files and navigation), never computes them;
- adds a content hash to our assets' URLs and minifies the built assets;
- installs the Markdown extension that puts the macros' HTML back (macros/html_blocks.py);
- turns a data error of the core into MkDocs' build error, annotated on GitHub Actions.

The core imports nothing from MkDocs, mkdocs-macros or Jinja (tests/test_core.py proves it).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

PROJECT = Path(__file__).resolve().parent.parent
# mkdocs-macros runs this file afresh for every build (it is a file, not a package), but Python keeps a
# package once imported. Forgetting the core here makes every rebuild of `mkdocs serve` run macros/ as it
# is on disk now; and mkdocs-macros puts the project on sys.path for packages only, not for a file.
for _name in [name for name in sys.modules if name == "macros" or name.startswith("macros.")]:
    del sys.modules[_name]
if str(PROJECT) in sys.path:
    sys.path.remove(str(PROJECT))
sys.path.insert(0, str(PROJECT))

from macros import data, diagrams, html_blocks, overview, reading, strings, timings  # noqa: E402
from macros.kinds import BY_NAME, KINDS, Kind, Links  # noqa: E402

# Our own files whose URLs get a content hash, so a deploy never serves a stale copy from a cache.
VERSIONED_ASSETS = ("extra_css", "extra_javascript")
ASSETS = "assets"  # below docs_dir
VENDOR = "vendor"  # below assets/: libraries we ship as their authors built them
log = get_plugin_logger("guidebook")
# Macro calls whose argument names something in the data: checked before a page renders (see on_pre_page_macros).
MACRO_CALL = re.compile(r"\b(%s|timing|diagram)\(\s*[\"']([^\"']*)[\"']" % "|".join(BY_NAME))
TIMELINE_CALL = re.compile(r"\btimeline\(([^)]*)\)")
TOOLKIT_CALL = re.compile(r"\{\{\s*toolkit\(\s*\)\s*\}\}")


def define_env(env):
    config = env.conf
    docs_dir = Path(config["docs_dir"])
    _version_assets(config, docs_dir)
    blocks = _install_html_blocks(config)
    words, problems = strings.load_words(config["theme"].get("language") or strings.FALLBACK)
    for problem in problems:
        log.warning(problem)  # --strict makes each one stop the build
    chapters = _report(lambda: data.load_guidebook(PROJECT, docs_dir, words))
    env.variables["guidebook_chapters"] = chapters
    # Progress files name this guidebook: "<progress_name>-progress-<date>.json".
    guide = overview.Guide(site=config["site_url"] or "",
                           progress_name=config["extra"].get("progress_name") or data.slugify(config["site_name"]))
    # What the script needs on every page with parts (its words, where state is saved) travels in the page,
    # once, inside the content, so that instant navigation brings it along.
    site_facts = overview.site_facts(guide, words)
    facts_shown_on = []

    def with_site_facts(pieces: list) -> str:
        if not (facts_shown_on and facts_shown_on[-1] is env.page):
            facts_shown_on[:] = [env.page]
            pieces = [site_facts, *pieces]
        return blocks.page(pieces)

    def page_of(chapter: data.Chapter):
        """MkDocs' File of the chapter's page (its collection exists once the build has found the files)."""
        return env.variables["files"].get_file_from_path(chapter.page_file)

    toolkit_pages = {}

    def toolkit_page():
        """The page that calls {{ toolkit() }}, where a message template can be opened by its id (None if none does)."""
        if "page" not in toolkit_pages:
            toolkit_pages["page"] = next((file for file in env.variables["files"].documentation_pages()
                                          if TOOLKIT_CALL.search(Path(file.abs_src_path).read_text("utf-8"))), None)
        return toolkit_pages["page"]

    def links() -> Links:
        here = env.page.file

        def section(chapter: data.Chapter, section_id: str) -> str:
            target = page_of(chapter)
            prefix = "" if target.src_uri == here.src_uri else target.url_relative_to(here)
            return f"{prefix}#{section_id}"

        def edit_data(chapter: data.Chapter) -> str | None:
            if not (config["repo_url"] and config["edit_uri"]):
                return None
            docs_edit_url = urljoin(config["repo_url"].rstrip("/") + "/", config["edit_uri"])
            return urljoin(docs_edit_url, f"../{chapter.data_file}")

        toolkit = toolkit_page()
        return Links(section=section, edit_data=edit_data, site_name=config["site_name"],
                     toolkit=toolkit.url_relative_to(here) if toolkit else "")

    def chapter_url(chapter: data.Chapter) -> str:
        return page_of(chapter).url_relative_to(env.page.file)

    def in_reading_order() -> list[data.Chapter]:
        """The chapters in the order of mkdocs.yml's nav (chapters not in it last)."""
        order = {page.file.src_uri: number for number, page in enumerate(env.variables["navigation"].pages)}
        return sorted(chapters.values(), key=lambda c: (order.get(c.page_file, len(order)), c.page_file))

    def part_macro(kind: Kind):
        def macro(key: str):
            chapter, entry = _lookup(env, chapters, kind, key)
            return with_site_facts([overview.part(kind, chapter, entry, links(), words)])

        macro.__name__ = kind.name
        return macro

    for kind in KINDS:
        env.macro(part_macro(kind))

    @env.macro
    def timing(timing_id: str):
        """{{ timing("follow-up") }}: a wait the advice names, in words ("3 days"), from the chapters' data."""
        return str(timings.text(_timing(env, chapters, timing_id), words))

    @env.macro
    def workbook():
        return with_site_facts(overview.workbook(in_reading_order(), lambda chapter: links(), config["site_name"], words))

    @env.macro
    def toolkit():
        return with_site_facts(overview.toolkit(in_reading_order(), lambda chapter: links(), words))

    @env.macro
    def progress():
        return with_site_facts([overview.progress(in_reading_order(), chapter_url, guide, words)])

    @env.macro
    def chapter_list():
        return with_site_facts([overview.chapter_list(
            in_reading_order(), chapter_url, guide, words, lambda chapter: _minutes_to_read(docs_dir / chapter.page_file),
            _other_page_cards(env, chapters))])

    # --- Diagrams (macros/diagrams.py) ---

    @env.macro
    def diagram(name: str):
        """A diagram of docs/assets/diagrams/, inline so that it takes the page's colours."""
        return blocks.hold(_report(lambda: diagrams.from_file(docs_dir, str(name), (_page_file(env), _line_of(env, str(name))))))

    @env.macro
    def timeline(*timing_ids: str):
        """{{ timeline("follow-up", "nudge", ...) }}: the waits the advice names, one after another, drawn
        from the same data as the text's {{ timing(...) }}."""
        found = [_timing(env, chapters, timing_id) for timing_id in timing_ids]
        steps = [diagrams.Step(str(words("diagrams.start")), "")] + [
            diagrams.Step(timing["label"], str(words("diagrams.after", interval=timings.text(timing, words))))
            for timing in found]
        return blocks.hold(diagrams.timeline(steps, words))


def _minutes_to_read(page_source: Path) -> int:
    return reading.minutes_to_read(page_source.read_text("utf-8"))


def _other_page_cards(env, chapters) -> list[overview.Card]:
    """A home-page card for every page of the navigation after the home page that is not a chapter, in
    navigation order (a new page, such as one for the reader's people, gets its card by joining the nav)."""
    chapter_pages = {chapter.page_file for chapter in chapters.values()}
    cards = []
    for page in env.variables["navigation"].pages:
        if page.is_homepage or page.file.src_uri in chapter_pages:
            continue
        source = Path(page.file.abs_src_path).read_text("utf-8")
        cards.append(overview.Card(
            title=page.title or reading.first_heading(source) or page.file.name,
            url=page.file.url_relative_to(env.page.file),
            summary=str(data.read_front_matter(source).get("description", "")),
            minutes=_minutes_to_read(Path(page.file.abs_src_path))))
    return cards


def on_pre_page_macros(env):
    """Check every macro call of the page before rendering, so a wrong id stops the build with a
    one-line message (an error inside a macro would come out wrapped in a traceback)."""
    chapters = env.variables["guidebook_chapters"]
    for name, key in MACRO_CALL.findall(env.markdown):
        if name == "timing":
            _timing(env, chapters, key)
        elif name == "diagram":  # the diagram's file and contents too
            _report(lambda: diagrams.from_file(Path(env.conf["docs_dir"]), key, (_page_file(env), _line_of(env, key))))
        else:
            _lookup(env, chapters, BY_NAME[name], key)
    for arguments in TIMELINE_CALL.findall(env.markdown):
        for key in re.findall(r"[\"']([^\"']*)[\"']", arguments):
            _timing(env, chapters, key)


def _timing(env, chapters, key: str) -> dict:
    """The timing named `key`, or stop the build naming the page, the line and the timings there are."""
    for chapter in chapters.values():
        if key in chapter.timings:
            return chapter.timings[key]
    known = sorted(t for chapter in chapters.values() for t in chapter.timings)
    _fail(data.DataError(_page_file(env), _line_of(env, key), f"There is no timing '{key}'.",
                         f"Use one that a chapter defines under 'timings:': {', '.join(known) or 'none yet'}."))


def on_post_build(env):
    """Serve our assets minified: the sources keep their comments, readers download less. Every script and
    stylesheet of ours under assets/ is minified (the modules the entry imports too); vendored ones are not."""
    import minify

    minifiers = {".js": lambda text: minify.string("application/javascript", text),
                 ".css": lambda text: minify.string("text/css", text)}
    docs_assets = Path(env.conf["docs_dir"]) / ASSETS
    site_dir = Path(env.conf["site_dir"])
    for source in _our_assets(docs_assets):
        built = site_dir / ASSETS / source.relative_to(docs_assets)
        if built.suffix in minifiers and built.is_file():
            built.write_text(minifiers[built.suffix](built.read_text("utf-8")), "utf-8")


def _report(load):
    """Run a loading step, reporting any data error it raises."""
    try:
        return load()
    except data.DataError as error:
        _fail(error)


def _fail(error: data.DataError):
    """Stop the build with MkDocs' own error (one message per problem, no traceback); on GitHub Actions
    also annotate the offending file and line in the pull request."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(error.github_annotation(), file=sys.stdout, flush=True)
    raise PluginError(str(error)) from None


def _lookup(env, chapters, kind: Kind, key: str):
    """Find "<chapter>/<id>" of one kind, or stop the build naming the page, the line and what exists."""
    chapter_slug, _, component_id = str(key).partition("/")
    chapter = chapters.get(chapter_slug)
    found = chapter.get(kind.key, component_id) if chapter else None
    if found is not None:
        return chapter, found
    existing = [f"{slug}/{c['id']}" for slug, ch in chapters.items() for c in ch.of_kind(kind.key)]
    _fail(data.DataError(
        _page_file(env), _line_of(env, key), f"There is no {kind.label} '{key}'.",
        f"Use '<chapter>/<id>' with one that exists: {', '.join(existing) or 'none yet'}.",
    ))


def _page_file(env) -> str:
    return f"{Path(env.conf['docs_dir']).name}/{env.page.file.src_uri}"


def _line_of(env, key: str) -> int | None:
    """The first line of the page's source that names `key` in quotes."""
    source = Path(env.page.file.abs_src_path).read_text("utf-8").splitlines()
    return next((n for n, text in enumerate(source, 1) if f'"{key}"' in text or f"'{key}'" in text), None)


def _install_html_blocks(config) -> html_blocks.BlockStore:
    """Add the extension to this build's Markdown extensions (replacing one from an earlier build of
    `mkdocs serve`) and return the store that macros put their HTML into."""
    store = html_blocks.BlockStore()
    extensions = config["markdown_extensions"]
    extensions[:] = [e for e in extensions if not getattr(e, "is_guidebook_html_blocks", False)]
    extensions.append(html_blocks.HtmlBlocks(store))
    return store


def _our_assets(docs_assets: Path) -> list[Path]:
    """Our own files under docs/assets/ (vendored libraries keep their own minified form)."""
    return sorted(path for path in docs_assets.rglob("*") if path.is_file() and VENDOR not in path.relative_to(docs_assets).parts)


def _version_assets(config, docs_dir: Path) -> None:
    """One version for all our assets: the entry script imports the other modules with its own ?v=, so a
    change to any file must change every URL."""
    digest = hashlib.sha256()
    for source in sorted(path for path in (docs_dir / ASSETS).rglob("*") if path.is_file()):
        digest.update(source.relative_to(docs_dir).as_posix().encode() + b"\0" + source.read_bytes())
    version = digest.hexdigest()[:10]
    for setting in VERSIONED_ASSETS:
        for index, entry in enumerate(config[setting]):
            path = str(getattr(entry, "path", entry)).split("?")[0]
            if not (docs_dir / path).is_file():
                continue  # not ours (or missing: MkDocs reports that itself)
            versioned = f"{path}?v={version}"
            if hasattr(entry, "path"):
                entry.path = versioned
            else:
                config[setting][index] = versioned

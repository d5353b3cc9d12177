"""The glue between the guidebook's core (the rest of macros/) and MkDocs with mkdocs-macros
(`module_name: macros/glue` in mkdocs.yml, which loads this file as a plain module, not as part of the
package): the one Python file that knows about a site generator. It

- registers a macro per kind of interactive part (macros/kinds.py) and the workbook, toolkit, progress,
  chapter-list and PDF-download macros;
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

from macros import data, html_blocks, overview, render, strings  # noqa: E402
from macros.kinds import BY_MACRO, KINDS, Kind  # noqa: E402

# Our own files whose URLs get a content hash, so a deploy never serves a stale copy from a cache.
VERSIONED_ASSETS = ("extra_css", "extra_javascript")
log = get_plugin_logger("guidebook")
MACRO_CALL = re.compile(r"\b(%s)\(\s*[\"']([^\"']*)[\"']" % "|".join(BY_MACRO))


def define_env(env):
    config = env.conf
    docs_dir = Path(config["docs_dir"])
    _version_assets(config, docs_dir)
    blocks = _install_html_blocks(config)
    chapters = _report(lambda: data.load_guidebook(PROJECT, docs_dir))
    env.variables["guidebook_chapters"] = chapters
    words, problems = strings.load_words(config["theme"].get("language") or strings.FALLBACK)
    for problem in problems:
        log.warning(problem)  # --strict makes each one stop the build
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
    guide = overview.Guide(site=config["site_url"] or "",
                           progress_name=config["extra"].get("progress_name") or data.slugify(config["site_name"]))

    def page_of(chapter: data.Chapter):
        """MkDocs' File of the chapter's page (its collection exists once the build has found the files)."""
        return env.variables["files"].get_file_from_path(chapter.page_file)

    def links() -> render.Links:
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

        return render.Links(section=section, edit_data=edit_data, site_name=config["site_name"])

    def chapter_url(chapter: data.Chapter) -> str:
        return page_of(chapter).url_relative_to(env.page.file)

    def in_reading_order() -> list[data.Chapter]:
        """The chapters in the order of mkdocs.yml's nav (chapters not in it last)."""
        order = {page.file.src_uri: number for number, page in enumerate(env.variables["navigation"].pages)}
        return sorted(chapters.values(), key=lambda c: (order.get(c.page_file, len(order)), c.page_file))

    def part_macro(kind: Kind):
        def macro(key: str):
            chapter, component = _lookup(env, chapters, kind, key)
            return blocks.hold(with_words(overview.part(kind, chapter, component, links(), words)))

        macro.__name__ = kind.macro
        return macro

    for kind in KINDS:
        env.macro(part_macro(kind))

    @env.macro
    def workbook():
        return blocks.hold(with_words(overview.workbook(in_reading_order(), lambda chapter: links(), config["site_name"], words)))

    @env.macro
    def toolkit():
        return blocks.hold(with_words(overview.toolkit(in_reading_order(), lambda chapter: links(), words)))

    @env.macro
    def progress():
        return blocks.hold(with_words(overview.progress(in_reading_order(), chapter_url, guide, words)))

    @env.macro
    def pdf_download():
        return blocks.hold(overview.pdf_download())

    @env.macro
    def chapter_list():
        return blocks.hold(with_words(overview.chapter_list(in_reading_order(), chapter_url, guide)))


def on_pre_page_macros(env):
    """Check every macro call of the page before rendering, so a wrong id stops the build with a
    one-line message (an error inside a macro would come out wrapped in a traceback)."""
    for name, key in MACRO_CALL.findall(env.markdown):
        _lookup(env, env.variables["guidebook_chapters"], BY_MACRO[name], key)


def on_post_build(env):
    """Serve our assets minified: the sources keep their comments, readers download less."""
    import rcssmin
    import rjsmin

    minifiers = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
    site_dir = Path(env.conf["site_dir"])
    for setting in VERSIONED_ASSETS:
        for entry in env.conf[setting]:
            built = site_dir / str(getattr(entry, "path", entry)).split("?")[0]
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
    page_file = f"{Path(env.conf['docs_dir']).name}/{env.page.file.src_uri}"
    source = Path(env.page.file.abs_src_path).read_text("utf-8").splitlines()
    line = next((n for n, text in enumerate(source, 1) if f'"{key}"' in text or f"'{key}'" in text), None)
    _fail(data.DataError(
        page_file, line, f"There is no {kind.name} '{key}'.",
        f"Use '<chapter>/<id>' with one that exists: {', '.join(existing) or 'none yet'}.",
    ))


def _install_html_blocks(config) -> html_blocks.BlockStore:
    """Add the extension to this build's Markdown extensions (replacing one from an earlier build of
    `mkdocs serve`) and return the store that macros put their HTML into."""
    store = html_blocks.BlockStore()
    extensions = config["markdown_extensions"]
    extensions[:] = [e for e in extensions if not getattr(e, "is_guidebook_html_blocks", False)]
    extensions.append(html_blocks.HtmlBlocks(store))
    return store


def _version_assets(config, docs_dir: Path) -> None:
    for setting in VERSIONED_ASSETS:
        for index, entry in enumerate(config[setting]):
            path = str(getattr(entry, "path", entry)).split("?")[0]
            source = docs_dir / path
            if not source.is_file():
                continue  # not ours (or missing: MkDocs reports that itself)
            versioned = f"{path}?v={hashlib.sha256(source.read_bytes()).hexdigest()[:10]}"
            if hasattr(entry, "path"):
                entry.path = versioned
            else:
                config[setting][index] = versioned

"""The guidebook's macros, as mkdocs-macros loads them (`module_name: macros` in mkdocs.yml).

define_env only wires things to MkDocs: data.py loads and validates, render.py turns data into HTML.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from . import data, html_blocks, markdown_text, overview, render, strings

log = get_plugin_logger("guidebook")

# Our own files whose URLs get a content hash, so a deploy never serves a stale copy from a cache.
VERSIONED_ASSETS = ("extra_css", "extra_javascript")
MACRO_KINDS = {"checklist": "checklists", "knowledge_check": "knowledge_checks", "self_assessment": "self_assessments",
               "template": "templates"}
MACRO_CALL = re.compile(r"\b(%s)\(\s*[\"']([^\"']*)[\"']" % "|".join(MACRO_KINDS))


def define_env(env):
    # mkdocs-macros imports this package once per process; reloading the submodules makes
    # `mkdocs serve` pick up edits to them on the next rebuild (dependencies first).
    for module in (strings, data, html_blocks, markdown_text, render, overview):
        importlib.reload(module)

    config = env.conf
    project_dir = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir)
    _version_assets(config, docs_dir)
    # Macros hand Markdown a placeholder per HTML block and get the block put back afterwards (why: html_blocks).
    blocks = html_blocks.install(config)
    chapters = _report(lambda: data.load_guidebook(project_dir, docs_dir))
    words, problems = strings.load_words(config.theme.get("language") or strings.FALLBACK)
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

    in_reading_order = sorted(chapters.values(), key=lambda c: _nav_position(config.nav, f"{data.CHAPTERS_DIR}/{c.slug}.md"))

    def links() -> render.Links:
        page_url = env.page.url

        def section(chapter: data.Chapter, section_id: str) -> str:
            target = _page_url(config, chapter.page_file)
            prefix = "" if target == page_url else get_relative_url(target, page_url)
            return f"{prefix}#{section_id}"

        def edit_data(chapter: data.Chapter) -> str | None:
            if not (config.repo_url and config.edit_uri):
                return None
            docs_edit_url = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
            return urljoin(docs_edit_url, f"../{chapter.data_file}")

        return render.Links(section=section, edit_data=edit_data, site_name=config.site_name)

    def component(kind: str, renderer):
        def macro(key: str):
            return blocks.hold(with_words(renderer(*_lookup(env, chapters, kind, key), links(), words)))

        macro.__name__ = renderer.__name__
        env.macro(macro)

    for name, kind in MACRO_KINDS.items():
        component(kind, getattr(render, name))
    env.variables["guidebook_chapters"] = chapters

    def chapter_url(chapter: data.Chapter) -> str:
        return get_relative_url(_page_url(config, chapter.page_file), env.page.url)

    # Progress files name this guidebook: "<progress_name>-progress-<date>.json".
    guide = overview.Guide(site=config.site_url or "",
                           progress_name=config.extra.get("progress_name") or data.slugify(config.site_name))

    @env.macro
    def workbook():
        return blocks.hold(with_words(overview.workbook(in_reading_order, lambda chapter: links(), config.site_name, words)))

    @env.macro
    def progress():
        return blocks.hold(with_words(overview.progress(in_reading_order, chapter_url, guide, words)))

    @env.macro
    def toolkit():
        return blocks.hold(with_words(overview.toolkit(in_reading_order, lambda chapter: links(), words)))

    @env.macro
    def chapter_list():
        return blocks.hold(with_words(overview.chapter_list(in_reading_order, chapter_url, guide)))


def on_pre_page_macros(env):
    """Check every macro call of the page before rendering, so a wrong id stops the build with a
    one-line message (an error inside a macro would come out wrapped in a traceback)."""
    for name, key in MACRO_CALL.findall(env.markdown):
        _lookup(env, env.variables["guidebook_chapters"], MACRO_KINDS[name], key)


def on_post_build(env):
    """Serve our assets minified: the sources keep their comments, readers download less."""
    import rcssmin
    import rjsmin

    minifiers = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
    site_dir = Path(env.conf.site_dir)
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
    """Stop the build; on GitHub Actions also annotate the offending file and line in the pull request."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(error.github_annotation(), file=sys.stdout, flush=True)
    raise error


def _lookup(env, chapters, kind: str, key: str):
    """Find "<chapter>/<id>" of one kind, or stop the build naming the page, the line and what exists."""
    chapter_slug, _, component_id = str(key).partition("/")
    chapter = chapters.get(chapter_slug)
    found = chapter.get(kind, component_id) if chapter else None
    if found is not None:
        return chapter, found
    what = data.COMPONENT_KINDS[kind]
    existing = [f"{slug}/{c['id']}" for slug, ch in chapters.items() for c in ch.of_kind(kind)]
    page_file = f"{Path(env.conf.docs_dir).name}/{env.page.file.src_uri}"
    source = Path(env.page.file.abs_src_path).read_text("utf-8").splitlines()
    line = next((n for n, text in enumerate(source, 1) if f'"{key}"' in text or f"'{key}'" in text), None)
    _fail(data.DataError(
        page_file, line, f"There is no {what} '{key}'.",
        f"Use '<chapter>/<id>' with one that exists: {', '.join(existing) or 'none yet'}.",
    ))


def _nav_position(nav, page_file: str) -> tuple[int, str]:
    """Where a page stands in the reading order of mkdocs.yml's nav (pages not in it come last)."""
    order = []

    def walk(entries):
        for entry in entries or []:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            if isinstance(value, list):
                walk(value)
            else:
                order.append(value)

    walk(nav)
    return (order.index(page_file) if page_file in order else len(order), page_file)


def _page_url(config, page_file: str) -> str:
    stem = page_file[: -len(".md")]
    return f"{stem}/" if config.use_directory_urls else f"{stem}.html"


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

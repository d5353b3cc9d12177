"""What the glue (macros/glue.py) needs from the site generator, behind one small interface, for the three
generators this guidebook builds with: MkDocs 1.6, ProperDocs 1.6 (MkDocs' maintained fork, which aliases
every `mkdocs.*` import to itself, so it is the MkDocs class below) and Zensical (which reads mkdocs.yml and
runs our macros through its own mkdocs-macros shim).

    site = generator.of(env)          # env: what mkdocs-macros (or Zensical's shim) hands define_env
    site.page_file()                  # the page being rendered, relative to docs_dir: "chapters/x.md"
    site.url_to("chapters/y.md")      # that page's URL relative to the page being rendered
    site.reading_order()              # the pages of the nav, in order: ["index.md", "chapters/x.md", ...]
    site.warn(*messages)              # warnings that stop a --strict build
    site.fail(error)                  # stop the build with a data error's one-line message
    site.html_to_markdown()           # what a macro's finished HTML becomes before Markdown sees it

Where MkDocs and Zensical differ, and why:

- **Page URLs.** MkDocs knows them (its File objects); Zensical's shim gives the page only its own URL
  and path (`env.variables["files"]` and `["navigation"]` are empty lists), so they are computed here
  with MkDocs' rules (`use_directory_urls`, index.md and README.md publish as their folder), and
  tests/test_generators.py checks that both give every page the same URL.
- **Reading order.** From MkDocs' navigation; from the nav as Zensical parsed it (the same mkdocs.yml).
- **Warnings.** MkDocs counts a warning logged under its `mkdocs` logger (--strict stops the build at the
  end). Zensical does not pass --strict to its Python side (`config["strict"]` stays False, and Python
  logging never counts), so a warning here reads the command line: with `zensical build --strict` the
  first page stops with every warning as an error line (the build exits 1), otherwise they are printed.
- **Build errors.** MkDocs prints a PluginError as one `ERROR - <message>` line. Zensical stops the build
  (exit 1) on any exception a macro raises, and then prints Python's traceback; so the one-line message is
  printed first, to stderr, and is the first line of the failure.
- **HTML blocks.** Under MkDocs the glue adds html_blocks.py's extension to the build's Markdown
  extensions before any page renders. Zensical creates each page's Markdown before our define_env runs, so
  an extension added then would reach only the next page: there the macros hand Markdown their HTML
  directly (Python-Markdown keeps a raw HTML block as it is; the parity test compares every part).
- **Links in our HTML.** MkDocs publishes a raw `href` as it is. Zensical reads every relative `href` of a
  page as relative to the page's *source* folder (as an author's Markdown link is) and rewrites it for the
  page's URL: `../x/` on docs/progress.md comes out as `../../x/`. Our macros write URLs relative to the
  page's URL (the `data-gb-*` facts need those), so for Zensical each relative `href` is first restated
  relative to the source folder, and Zensical's rewrite gives back the URL the macro meant.

Nothing here imports MkDocs at import time: MkDocs' modules are imported inside the MkDocs class only.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
import sys
from pathlib import Path
from typing import Callable, NoReturn
from urllib.parse import urljoin, urlsplit, urlunsplit

from . import data, html_blocks

_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')


def of(env) -> "MkDocs | Zensical":
    """The adapter for the generator that loaded the glue (Zensical's shim lives in its own package)."""
    return Zensical(env) if type(env).__module__.partition(".")[0] == "zensical" else MkDocs(env)


def page_url(page_file: str, use_directory_urls: bool = True) -> str:
    """Where a page of docs/ is published, as MkDocs does it: "chapters/x.md" -> "chapters/x/" (or
    "chapters/x.html"), "index.md" and "README.md" -> their folder."""
    parent, name = posixpath.split(page_file)
    stem = name.rpartition(".")[0]
    if stem in ("index", "README"):
        if use_directory_urls:
            return f"{parent}/" if parent else "./"
        return posixpath.join(parent, "index.html")
    return posixpath.join(parent, f"{stem}/" if use_directory_urls else f"{stem}.html")


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other` (both relative to the site root), as MkDocs'
    utils.get_relative_url computes it: the last part of `other` is a file when it has a dot."""
    directory, _, last = other.rpartition("/")
    if "." in last:
        other = directory
    other_parts = [part for part in posixpath.normpath(other).split("/") if part not in ("", ".")]
    url_parts = [part for part in posixpath.normpath(url).split("/") if part not in ("", ".")]
    common = 0
    for a, b in zip(other_parts, url_parts):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + url_parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


class BuildError(Exception):
    """A build-stopping error under Zensical (MkDocs gets its own PluginError)."""


class _Generator:
    def __init__(self, env):
        self.env = env
        self.conf = env.conf

    @property
    def site_url(self) -> str:
        """site_url with its trailing slash (MkDocs adds one; Zensical keeps what the file says)."""
        url = self.conf["site_url"] or ""
        return url if not url or url.endswith("/") else url + "/"

    @property
    def edit_uri(self) -> str:
        """edit_uri ending in a slash, so that relative links resolve inside it (Zensical strips it)."""
        uri = self.conf["edit_uri"] or ""
        return uri if not uri or uri.endswith("/") else uri + "/"

    def page_source(self) -> list[str]:
        """The lines of the page being rendered, as its author wrote them."""
        return (self.docs_dir / self.page_file()).read_text("utf-8").splitlines()

    def fail(self, error: data.DataError) -> NoReturn:
        """Stop the build with the error's message (one line per problem); on GitHub Actions also
        annotate the offending file and line in the pull request."""
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(error.github_annotation(), file=sys.stdout, flush=True)
        self._raise(str(error))

    # Each generator: docs_dir, page_file(), url_to(), reading_order(), warn(), _raise(), html_to_markdown().


class MkDocs(_Generator):
    """MkDocs 1.6 and ProperDocs 1.6 (whose `mkdocs.*` modules are its own)."""

    def __init__(self, env):
        super().__init__(env)
        from mkdocs.plugins import get_plugin_logger

        # Under the `mkdocs` logger tree, so that --strict counts our warnings.
        self.log = get_plugin_logger("guidebook")

    @property
    def docs_dir(self) -> Path:
        return Path(self.conf["docs_dir"])

    def page_file(self) -> str:
        return self.env.page.file.src_uri

    def url_to(self, page_file: str) -> str:
        target = self.env.variables["files"].get_file_from_path(page_file)
        return target.url_relative_to(self.env.page.file)

    def reading_order(self) -> list[str]:
        return [page.file.src_uri for page in self.env.variables["navigation"].pages]

    def warn(self, *messages: str) -> None:
        for message in messages:
            self.log.warning(message)

    def _raise(self, message: str) -> NoReturn:
        from mkdocs.exceptions import PluginError

        raise PluginError(message) from None

    def html_to_markdown(self) -> Callable[[str], str]:
        """Add the extension to this build's Markdown extensions (replacing one from an earlier build of
        `mkdocs serve`); macros put their HTML into its store, which puts it back after Markdown."""
        store = html_blocks.BlockStore()
        extensions = self.conf["markdown_extensions"]
        extensions[:] = [e for e in extensions if not getattr(e, "is_guidebook_html_blocks", False)]
        extensions.append(html_blocks.HtmlBlocks(store))
        return store.hold


class Zensical(_Generator):
    """Zensical, through its mkdocs-macros shim (zensical/extensions/macros.py), which runs our module's
    define_env afresh for every page, with the page already set. Tested with 0.0.73; the shim, its page
    context and its Markdown rendering are the same files in 0.1.3."""

    @property
    def docs_dir(self) -> Path:
        return Path(self.conf["root_dir"], self.conf["docs_dir"]).resolve()

    def page_file(self) -> str:
        return self.env.page.path

    def url_to(self, page_file: str) -> str:
        use_directory_urls = self.conf["use_directory_urls"]
        here = page_url(self.page_file(), use_directory_urls)
        return relative_url(page_url(page_file, use_directory_urls), here)

    def reading_order(self) -> list[str]:
        pages = []

        def walk(items):
            for item in items:
                url = item.get("url") or ""
                if url.endswith(".md") and not re.match(r"[a-z]+://", url):
                    pages.append(url)
                walk(item.get("children") or [])

        walk(self.conf["nav"])
        # With INHERIT, Zensical appends the child's nav to the parent's instead of replacing it: a page
        # listed twice is read where it first comes, and a page that does not exist is none of ours.
        return [page for page in dict.fromkeys(pages) if (self.docs_dir / page).is_file()]

    def warn(self, *messages: str) -> None:
        if messages and _strict_command_line(sys.argv):
            self._raise("\n".join(messages))
        for message in messages:
            print(f"WARNING -  {message}", file=sys.stderr, flush=True)

    def _raise(self, message: str) -> NoReturn:
        for line in message.splitlines():
            print(f"ERROR   -  {line}", file=sys.stderr, flush=True)
        raise BuildError(message) from None

    def html_to_markdown(self) -> Callable[[str], str]:
        """The HTML as it is, with each relative href restated for Zensical's rewrite (see above)."""
        return lambda html: _HREF.sub(self._for_rewrite, str(html))

    def _for_rewrite(self, match: re.Match) -> str:
        start, url, end = match.groups()
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return match[0]
        # Where the URL leads, from the page's own URL; then the same place from the source folder.
        target = urlsplit(urljoin("http://site.invalid/" + self.env.page.url, parts.path)).path.lstrip("/")
        source_folder = posixpath.dirname(self.page_file())
        restated = relative_url(target, source_folder + "/" if source_folder else "")
        return f"{start}{urlunsplit(parts._replace(path=restated))}{end}"


def _strict_command_line(argv: list[str]) -> bool:
    """Whether `zensical build` runs with --strict (-s, also in a group of short flags such as -cs)."""
    return any(arg == "--strict" or re.fullmatch(r"-[a-z]*s[a-z]*", arg) for arg in argv[1:])


# --- Loading the guidebook once ----------------------------------------------------------------------

# Zensical runs define_env for every page, so loading and validating the whole guidebook each time would
# make a build quadratic in its chapters. One entry: the guidebook, the build it was last used in, and the
# state of the files it was read from.
_LOADED: dict = {}


def files_state(*places: tuple[Path, str]) -> tuple:
    """Which files match each (folder, glob), and their modification times and sizes: a key that changes
    when a file is edited, added or removed."""
    state = []
    for folder, pattern in places:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                if fnmatch.fnmatchcase(entry.name, pattern) and entry.is_file():
                    stat = entry.stat()
                    state.append((entry.path, stat.st_mtime_ns, stat.st_size))
    return tuple(state)


def cached(build: object, state: Callable[[], object], load: Callable[[], object]) -> tuple[object, bool]:
    """load()'s value, loaded again only when state() changed, and whether this is the first use in this
    build (when warnings are due).

    `build` is the generator's configuration object: each build has its own (so does each rebuild of
    `mkdocs serve`, and of `zensical serve`, which parses mkdocs.yml again whenever a file changes), and
    within one build the files are not looked at again. A failed load is kept for the rest of its build:
    Zensical goes on to render the other pages, and each of them fails with the same error, reported once."""
    if _LOADED.get("build") is build:
        if "error" in _LOADED:
            raise _LOADED["error"].with_traceback(None)
        return _LOADED["value"], False
    current = state()
    if "value" in _LOADED and _LOADED["state"] == current:
        _LOADED["build"] = build
        return _LOADED["value"], True
    _LOADED.clear()
    _LOADED.update(build=build, state=current)
    try:
        _LOADED["value"] = load()
    except Exception as error:
        _LOADED["error"] = error
        raise
    return _LOADED["value"], True

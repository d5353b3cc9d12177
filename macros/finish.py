"""Finish a built site, whichever generator built it: `python -m macros.finish SITE_DIR [--docs-dir DOCS]`.

MkDocs, ProperDocs and Zensical write the pages; what they cannot all do for us (Zensical calls no plugin
event, no hook and nothing after its build) runs here, over the finished site, as an ordered list of small
steps (STEPS below). `make build`, the workflows and the tests' build helper run it after the generator.

- bundle: the entry every page loads (assets/guidebook/main.js) becomes one file with the core and the
  module of every kind of part that chapter pages have (macros/kinds/, all but the tools), so a chapter page
  fetches one script of ours, not six (six files, gzipped each, cost about a fifth more bytes than one). The
  other modules (the progress page's, a tool's) still load where a page needs them. Every page asks for
  its entry at low priority (`low_priority`): nothing of the first paint waits for our script.
- minify: our own .js and .css (the files that come from docs/assets/, except docs/assets/vendor/) are
  served minified; the sources keep their comments.

Both use esbuild (npm, pinned in package.json and installed by `make build`): a bundler that follows ES
modules as a browser does, and a minifier that shortens local names. Both read the sources in docs/assets/
(the site's copies are copies of them), so that finishing a site twice gives the same bytes.
- version: every page links each file that comes from docs/assets/ with `?v=<version>`, one version for
  all of them: the first 10 hex digits of a SHA-256 over every file under docs/assets/ (names and bytes).
  GitHub Pages lets browsers cache these files for ten minutes, and a script that imports other modules
  passes its own query string on to them, so one changed file must change every URL.
- inline: our stylesheet (assets/guidebook.css, about 1.7 KiB gzipped) goes into every page as a <style>
  where the page linked it, so that no request of ours stands between a reader and the first paint. All of
  it: the parts it styles are on the first screen of most pages, and a second, non-blocking request for the
  rest would cost more than the few hundred bytes it saved.
- manifest: manifest.webmanifest at the site's root (name and short name from site_name, start_url and
  scope at the base path, the theme colour from the colour block of guidebook.css, the icons of
  docs/assets/brand/), linked from every page, so that the guidebook can be installed.
- offline: sw.js at the site's root, the service worker (docs/assets/guidebook/offline.js) bundled with this
  build's list of files and its hash, and every page names it (data-gb-worker on <html>), which is how
  core.js knows it runs in a finished site and not on the development server. Last, because the list is
  the finished files.

A step is a function of the built site that returns a line for the build's output. Add one by writing it
and putting it into STEPS where it belongs (a step that lists the finished files, such as the service
worker's, goes after the steps that change them). Running the whole list twice gives the same site.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import posixpath
import re
import struct
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

ASSETS = "assets"  # below docs_dir and in the built site
VENDOR = "assets/vendor/"  # other people's files: shipped as they are, never minified
# A URL that makes the browser fetch a file: <script src>, <link href> (stylesheets, preloads, icons).
FETCHED_URL = re.compile(r"""(<(?:script|link)\b[^>]*?\s(?:src|href)=)(["'])([^"']*)\2""", re.IGNORECASE)


@dataclass
class BuiltSite:
    site_dir: Path
    docs_dir: Path

    @cached_property
    def our_files(self) -> list[str]:
        """Every file that comes from docs/assets/, as a path in the site: "assets/guidebook/main.js"."""
        source = self.docs_dir / ASSETS
        return sorted(path.relative_to(self.docs_dir).as_posix() for path in source.rglob("*") if path.is_file())

    @cached_property
    def version(self) -> str:
        digest = hashlib.sha256()
        for name in self.our_files:
            digest.update(name.encode() + b"\0" + (self.docs_dir / name).read_bytes() + b"\0")
        return digest.hexdigest()[:10]

    def pages(self) -> list[Path]:
        return sorted(self.site_dir.rglob("*.html"))

    def root_from(self, page: Path, html: str) -> str:
        """The site's root as `page` reaches it ("../../", or "/<repository>/" from 404.html, which can be
        served at any depth): from the page's own link to the entry script, as the generator wrote it."""
        for match in FETCHED_URL.finditer(html):
            path = urlsplit(match[3]).path
            for entry in (ENTRY, LEAN_ENTRY):  # (a page may load the lean one once bundle() has run)
                if path == entry or path.endswith("/" + entry):
                    root = path[:-len(entry)]
                    return root[2:] if root.startswith("./") else root  # Zensical's "./assets/...": as MkDocs
        raise SystemExit(f"finish: {page.relative_to(self.site_dir)} does not load {ENTRY}; "
                         "is it a page of the site that docs dir was built into?")


# The project's own esbuild (`npm ci`), or another one named by $ESBUILD (a copy of the project built by the
# tests uses the repository's).
ESBUILD = Path(os.environ.get("ESBUILD") or Path(__file__).resolve().parent.parent / "node_modules" / ".bin" / "esbuild")
ENTRY = "assets/guidebook/main.js"  # what every page loads (mkdocs.yml's extra_javascript)


def _esbuild(*arguments: str, stdin: str | None = None, cwd: Path | None = None) -> None:
    if not ESBUILD.is_file():
        raise SystemExit(f"finish: no esbuild at {ESBUILD}: run `npm ci` in the project (make build does), "
                         "or set ESBUILD to one.")
    result = subprocess.run([str(ESBUILD), *arguments, "--log-level=warning"], input=stdin, capture_output=True,
                            text=True, timeout=120, cwd=cwd)
    if result.returncode != 0 or result.stderr.strip():
        raise SystemExit(f"finish: esbuild {' '.join(arguments[:1])}... failed:\n{result.stderr}")


def bundled_kinds() -> list[str]:
    """The kinds whose modules come in the entry: every kind but the tools, which load on their own page."""
    from .kinds import KINDS

    return [kind.name for kind in KINDS if not kind.tool]


# The same entry with the core alone, for the pages that have none of the bundled kinds (the home page, a
# tool's page, the progress page): they load the modules they need beside it, and none they do not.
LEAN_ENTRY = "assets/guidebook/main.lean.js"
KIND_ON_PAGE = re.compile(r'data-gb-kind="([a-z_]+)"')


def _bundle_entry(site: BuiltSite, target: str, kinds: list[str]) -> None:
    # From the sources (which the site's copies are copies of), so that finishing twice gives the same bytes:
    # esbuild minifies what it minified before into other names.
    folder = site.docs_dir / ENTRY.rpartition("/")[0]
    entry = ('import { start } from "./core.js";\n'
             + "".join(f'import * as {name} from "./{name}.js";\n' for name in kinds)
             + f"start({{ {', '.join(kinds)} }});\n")
    # The entry comes on stdin, whose imports esbuild resolves from the folder it runs in.
    _esbuild("--bundle", "--format=esm", "--minify", f"--outfile={(site.site_dir / target).resolve()}",
             "--allow-overwrite", f"--sourcefile={target.rpartition('/')[2]}", stdin=entry, cwd=folder)


# The entry's <script> tag, whichever entry it loads: every generator writes src before or after type.
ENTRY_NAMES = "|".join(re.escape(entry.rpartition("/")[2]) for entry in (ENTRY, LEAN_ENTRY))
ENTRY_TAG = re.compile(rf'<script\b(?=[^>]*\ssrc="[^"]*/(?:{ENTRY_NAMES})[?"])(?![^>]*\sfetchpriority=)([^>]*)>')


def low_priority(html: str) -> str:
    """The entry is fetched at low priority. It is a module, so it runs once the page is parsed, and only
    adds behaviour to a page that reads without it; but Chromium fetches a module named in <head> at high
    priority, beside the stylesheets, and Lighthouse's simulation counts a high-priority script as one the
    first paint waits for (measured: about 90 ms of first contentful paint on a chapter page)."""
    return ENTRY_TAG.sub(r'<script\1 fetchpriority="low">', html)


def bundle(site: BuiltSite) -> str:
    folder = site.docs_dir / ENTRY.rpartition("/")[0]
    kinds = [name for name in bundled_kinds() if (folder / f"{name}.js").is_file()]
    _bundle_entry(site, ENTRY, kinds)
    _bundle_entry(site, LEAN_ENTRY, [])
    entry_name = ENTRY.rpartition("/")[2]
    for page in site.pages():
        html = page.read_text("utf-8")
        if entry_name not in html:
            continue
        if not set(KIND_ON_PAGE.findall(html)) & set(kinds):
            html = re.sub(rf'(<script\b[^>]*\ssrc="[^"]*/){re.escape(entry_name)}([?"])',
                          rf"\g<1>{LEAN_ENTRY.rpartition('/')[2]}\g<2>", html)
        page.write_text(low_priority(html), "utf-8")
    lean_name = LEAN_ENTRY.rpartition("/")[2]
    lean = sum(lean_name in page.read_text("utf-8") for page in site.pages())  # (finishing twice: the same count)
    return (f"{ENTRY}: the core and {', '.join(kinds)}, {(site.site_dir / ENTRY).stat().st_size:,} bytes; "
            f"{LEAN_ENTRY}, the core alone, on the {lean} pages without them")


def minify(site: BuiltSite) -> str:
    files = [name for name in site.our_files if name not in (ENTRY, LEAN_ENTRY, WORKER_SOURCE) and not name.startswith(VENDOR)
             and name.endswith((".js", ".css")) and (site.site_dir / name).is_file()]
    before = sum((site.docs_dir / name).stat().st_size for name in files)
    if files:  # from the sources, as bundle does, into the site
        _esbuild("--minify", f"--outdir={site.site_dir / ASSETS}", f"--outbase={site.docs_dir / ASSETS}",
                 "--allow-overwrite", *[str(site.docs_dir / name) for name in files])
    after = sum((site.site_dir / name).stat().st_size for name in files)
    return f"minified {len(files)} files of ours, {before:,} -> {after:,} bytes"


def version(site: BuiltSite) -> str:
    ours = set(site.our_files) | {LEAN_ENTRY}  # (the lean entry is made by bundle(), from the same sources)
    urls = pages = 0
    for page in site.pages():
        base = "http://site.invalid/" + page.relative_to(site.site_dir).as_posix()
        html = page.read_text("utf-8")

        def versioned(match: re.Match) -> str:
            nonlocal urls
            start, quote, url = match.groups()
            parts = urlsplit(url)
            path = urlsplit(urljoin(base, parts.path)).path
            # The site may live below a folder (https://<user>.github.io/<repository>/): match the end.
            if not parts.path or not any(path.endswith("/" + name) for name in ours):
                return match[0]
            query = "&".join([pair for pair in parts.query.split("&") if pair and not pair.startswith("v=")]
                             + [f"v={site.version}"])
            urls += 1
            return f"{start}{quote}{urlunsplit(parts._replace(query=query))}{quote}"

        finished = FETCHED_URL.sub(versioned, html)
        if finished != html:
            page.write_text(finished, "utf-8")
            pages += 1
    if not urls:
        raise SystemExit(f"finish: no page of {site.site_dir} links a file of {site.docs_dir / ASSETS}; "
                         "is it the site that docs dir was built into?")
    return f"versioned {urls} URLs of our files on {pages} pages: ?v={site.version}"


# --- inline -----------------------------------------------------------------------------------------

STYLESHEET = "assets/guidebook.css"
TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style data-gb>.*?</style>", re.DOTALL)


def _href(tag: str) -> str:
    found = re.search(r"""\shref=(["'])([^"']*)\1""", tag)
    return found[2] if found else ""


def inline(site: BuiltSite) -> str:
    css = (site.site_dir / STYLESHEET).read_text("utf-8").strip()
    # Inside a page, a relative url() or @import would be read from the page's folder, not from assets/.
    if re.search(r"url\(|@import", css):
        raise SystemExit(f"finish: {STYLESHEET} uses url() or @import, which would not find their files once "
                         "the stylesheet is inside each page; draw with CSS alone, or inline the picture as a data: URL "
                         "in the HTML.")
    style = f"<style data-gb>{css}</style>"
    pages = 0
    for page in site.pages():
        html = page.read_text("utf-8")

        def ours(match: re.Match) -> str:
            tag = match[0]
            linked = urlsplit(_href(tag)).path
            is_ours = re.search(r"""\srel=["']?stylesheet""", tag) and (linked == STYLESHEET or linked.endswith("/" + STYLESHEET))
            return style if is_ours else tag

        finished = INLINE_STYLE.sub(lambda match: style, TAG.sub(ours, html))  # again: a site finished twice
        if style not in finished:
            raise SystemExit(f"finish: {page.relative_to(site.site_dir)} does not link {STYLESHEET} (mkdocs.yml's "
                             "extra_css); every page needs its styles.")
        if finished != html:
            page.write_text(finished, "utf-8")
        pages += 1
    size = len(gzip.compress(css.encode(), compresslevel=6))
    return f"{STYLESHEET} inside {pages} pages, {len(css):,} bytes ({size:,} gzipped)"


# --- manifest ---------------------------------------------------------------------------------------

MANIFEST = "manifest.webmanifest"
# The app's icons, drawn from docs/assets/brand/icon.svg and icon-maskable.svg (CONTRIBUTING.md, "Make it your
# own guidebook"): (file, size in pixels, purpose).
ICONS = (("assets/brand/icon-192.png", 192, "any"), ("assets/brand/icon-512.png", 512, "any"),
         ("assets/brand/icon-maskable-512.png", 512, "maskable"))
SHORT_NAME_LENGTH = 12  # what launchers show under an icon before they cut it off
MANIFEST_LINKS = re.compile(r'<link rel="(?:manifest|apple-touch-icon)" href="[^"]*">')


def _meta(html: str, attribute: str, name: str) -> str | None:
    found = re.search(rf"""<meta {attribute}="{re.escape(name)}" content="([^"]*)">""", html)
    return found and found[1]


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"finish: {path} is not a PNG.")
    return struct.unpack(">II", header[16:24])


def short_name(name: str) -> str:
    """The last words of the site's name that fit under an icon: "The Networking Guidebook" -> "Guidebook"."""
    words = name.split()
    while len(words) > 1 and len(" ".join(words)) > SHORT_NAME_LENGTH:
        words = words[1:]
    return " ".join(words)


def manifest(site: BuiltSite) -> str:
    from html import unescape

    home = (site.site_dir / "index.html").read_text("utf-8")
    name = unescape(_meta(home, "property", "og:site_name") or "")
    if not name:
        raise SystemExit("finish: index.html has no og:site_name (overrides/main.html writes it from site_name).")
    css = (site.site_dir / STYLESHEET).read_text("utf-8")
    colour = re.search(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{3,8})", css)
    if not colour:
        raise SystemExit(f"finish: {STYLESHEET} sets no --md-primary-fg-color, the theme colour of the installed "
                         "guidebook: keep the colour block at its top (CONTRIBUTING.md, 'Make it your own guidebook').")
    background = re.search(r"--md-default-bg-color:\s*(#[0-9a-fA-F]{3,8})", css)
    icons = []
    for path, size, purpose in ICONS:
        if not (site.site_dir / path).is_file():
            raise SystemExit(f"finish: {path} is missing: the installed guidebook's icons are drawn from "
                             "docs/assets/brand/icon.svg (CONTRIBUTING.md, 'Make it your own guidebook').")
        if _png_size(site.site_dir / path) != (size, size):
            raise SystemExit(f"finish: {path} is {'x'.join(map(str, _png_size(site.site_dir / path)))} pixels, not {size}x{size}.")
        icons.append({"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose})
    language = re.search(r'<html lang="([^"]+)"', home)
    app = {
        "id": "./", "name": name, "short_name": short_name(name),
        "description": unescape(_meta(home, "name", "description") or ""),
        "lang": language[1] if language else "en",
        # The manifest sits at the site's root: "./" is the base path, "/<repository>/" in a fork.
        "start_url": "./", "scope": "./", "display": "standalone",
        "theme_color": colour[1], "background_color": background[1] if background else "#ffffff",
        "icons": icons,
    }
    (site.site_dir / MANIFEST).write_text(json.dumps(app, indent=2, ensure_ascii=False) + "\n", "utf-8")
    for page in site.pages():
        html = page.read_text("utf-8")
        root = site.root_from(page, html)
        links = (f'<link rel="manifest" href="{root}{MANIFEST}">'
                 f'<link rel="apple-touch-icon" href="{root}{ICONS[0][0]}">')  # Safari's Home Screen icon
        finished = MANIFEST_LINKS.sub("", html).replace("</head>", links + "</head>", 1)
        if finished != html:
            page.write_text(finished, "utf-8")
    return f"{MANIFEST}: {name!r} ({app['short_name']!r}), theme {colour[1]}, {len(icons)} icons"


# --- offline ----------------------------------------------------------------------------------------

WORKER = "sw.js"  # at the site's root: a worker's scope is its folder, and GitHub Pages cannot widen it
WORKER_SOURCE = "assets/guidebook/offline.js"
WORKER_ATTRIBUTE = re.compile(r'(<html\b[^>]*?)(?: data-gb-worker="[^"]*")?(\s*>)', re.IGNORECASE)
# What no page fetches while it is read: source maps (developer tools), the compressed sitemap (search
# engines), downloads the reader asks for (the PDFs), and the licence texts shipped beside vendored code.
NEVER_FETCHED = re.compile(r"(\.map|\.gz|\.pdf|\.txt|(^|/)LICENSE[^/]*|(^|/)README[^/]*)$")
# Files that are fetched only when something names them: a stylesheet or picture that neither a page, nor a
# fetched stylesheet, nor the manifest names is never fetched (the link preview image, which other sites
# fetch; a theme's unused variant; a diagram drawn inline).
FETCHED_WHEN_NAMED = (".css", ".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico")
LUNR = "assets/javascripts/lunr/"  # Material's search languages, loaded by its search worker
SEARCH_INDEX = "search/search_index.json"


class _Fetches(HTMLParser):
    """The URLs a page makes the browser fetch (a[href] is a link to follow, not a fetch)."""

    ATTRIBUTES = {"script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"),
                  "audio": ("src",), "iframe": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",)}
    LINKS = {"stylesheet", "icon", "apple-touch-icon", "manifest", "preload", "modulepreload", "prefetch"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        names = self.ATTRIBUTES.get(tag, ())
        if tag == "link" and self.LINKS & set((attrs.get("rel") or "").lower().split()):
            names = ("href",)
        for name in names:
            value = attrs.get(name) or ""
            self.urls += [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]


def _named_by(site: BuiltSite) -> set[str]:
    """Every file of the site that a page, a stylesheet it fetches or the manifest names, as a path in the site."""
    named: set[str] = set()

    def add(url: str, base: str, root: str = "/") -> str | None:
        parts = urlsplit(urljoin(base, url))
        if parts.scheme == "http" and parts.netloc == "site.invalid" and parts.path.startswith(root):
            path = unquote(parts.path[len(root):])
            named.add(path)
            return path
        return None

    stylesheets: set[str] = set()
    for page in site.pages():
        html = page.read_text("utf-8")
        root = site.root_from(page, html)
        # 404.html links from the site's root path ("/<repository>/..."): it can be served at any depth.
        base, root = ("http://site.invalid" + root, root) if root.startswith("/") else \
            ("http://site.invalid/" + page.relative_to(site.site_dir).as_posix(), "/")
        parser = _Fetches()
        parser.feed(html)
        stylesheets |= {path for path in (add(url, base, root) for url in parser.urls) if path and path.endswith(".css")}
        for style in re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.DOTALL):
            for url in re.findall(r"""url\(\s*["']?([^"')]+)""", style):
                add(url, base, root)
    for path in sorted(stylesheets):
        if (site.site_dir / path).is_file():
            for url in re.findall(r"""url\(\s*["']?([^"')]+)""", (site.site_dir / path).read_text("utf-8", errors="replace")):
                add(url, "http://site.invalid/" + path)
    if (site.site_dir / MANIFEST).is_file():
        for icon in json.loads((site.site_dir / MANIFEST).read_text("utf-8")).get("icons", []):
            add(icon["src"], "http://site.invalid/")
    return named


def search_languages(site: BuiltSite) -> set[str]:
    """The files of Material's search languages its search worker loads for this site's (mkdocs.yml's
    plugins: search: lang), by the rule of its worker (integrations/search/worker/main)."""
    index = site.site_dir / SEARCH_INDEX
    languages = json.loads(index.read_text("utf-8")).get("config", {}).get("lang", ["en"]) if index.is_file() else []
    files = set()
    for language in languages:
        files |= {"ja": {"tinyseg.js"}, "hi": {"wordcut.js"}, "th": {"wordcut.js"}}.get(language, set())
        if language != "en":
            files.add(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        files.add("min/lunr.multi.min.js")
    if files:
        files.add("min/lunr.stemmer.support.min.js")
    return {LUNR + name for name in files}


def precache(site: BuiltSite) -> list[str]:
    """The build's complete set, as paths in the site: every page, script, search index and data file, and
    the stylesheets and pictures something names; not what no page ever fetches (NEVER_FETCHED) nor the
    search languages the site does not use."""
    named = _named_by(site)
    languages = search_languages(site)
    files = []
    for path in sorted(site.site_dir.rglob("*")):
        name = path.relative_to(site.site_dir).as_posix()
        if not path.is_file() or name == WORKER or NEVER_FETCHED.search(name):
            continue
        if name.endswith(FETCHED_WHEN_NAMED) and name not in named:
            continue
        if name.startswith(LUNR) and name not in languages:
            continue
        files.append(name)
    return files


def versioned(site: BuiltSite) -> set[str]:
    """The files that pages ask for with ?v=<version> (what the version step wrote), and the modules the entry
    loads with its own ?v=: the worker keeps these under that very address, which is where a module imports
    from."""
    files = {name for name in site.our_files if name.startswith(ENTRY.rpartition("/")[0] + "/") and name.endswith(".js")}
    for page in site.pages():
        html = page.read_text("utf-8")
        root = site.root_from(page, html)
        base = "http://site.invalid" + root if root.startswith("/") else \
            "http://site.invalid/" + page.relative_to(site.site_dir).as_posix()
        parser = _Fetches()
        parser.feed(html)
        for url in parser.urls:
            parts = urlsplit(urljoin(base, url))
            if parts.netloc == "site.invalid" and parts.query == f"v={site.version}":
                files.add(unquote(parts.path)[len(root) if root.startswith("/") else 1:])
    return files


def page_url(name: str) -> str:
    """A file of the site as the worker's list names it: a page by its folder ("chapters/x/", "" for the
    home page), as MkDocs links it; URL-encoded, as a browser asks for it."""
    return quote(name[:-len("index.html")] if name == "index.html" or name.endswith("/index.html") else name)


def offline(site: BuiltSite) -> str:
    (site.site_dir / WORKER_SOURCE).unlink(missing_ok=True)  # published as sw.js; this copy nobody loads
    for page in site.pages():
        html = page.read_text("utf-8")
        worker = site.root_from(page, html) + WORKER
        finished = WORKER_ATTRIBUTE.sub(lambda match: f'{match[1]} data-gb-worker="{worker}"{match[2]}', html, count=1)
        if finished != html:
            page.write_text(finished, "utf-8")
    files = precache(site)
    source = site.docs_dir / WORKER_SOURCE
    digest = hashlib.sha256(source.read_bytes())
    for name in files:
        digest.update(b"\0" + name.encode() + b"\0" + (site.site_dir / name).read_bytes())
    with_version = versioned(site)
    addresses = [page_url(name) + (f"?v={site.version}" if name in with_version else "") for name in files]
    build = {"build": digest.hexdigest()[:12], "version": site.version, "files": addresses}
    entry = f'import {{ serve }} from "./{posixpath.basename(WORKER_SOURCE)}";\nserve(self, {json.dumps(build)});\n'
    _esbuild("--bundle", "--format=iife", "--minify", f"--outfile={(site.site_dir / WORKER).resolve()}",
             "--allow-overwrite", "--sourcefile=sw.js", stdin=entry, cwd=source.parent)
    size = sum((site.site_dir / name).stat().st_size for name in files)
    worker = (site.site_dir / WORKER).read_bytes()
    return (f"{WORKER} precaches {len(files)} files ({size / 1024:,.0f} KiB) as build {build['build']}; the worker is "
            f"{len(worker):,} bytes ({len(gzip.compress(worker, compresslevel=6)):,} gzipped)")


STEPS: tuple[Callable[[BuiltSite], str], ...] = (bundle, minify, version, inline, manifest, offline)


def finish(site_dir: Path, docs_dir: Path) -> list[str]:
    site = BuiltSite(site_dir, docs_dir)
    return [f"{step.__name__}: {step(site)}" for step in STEPS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.finish", description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="the built site (site/)")
    parser.add_argument("--docs-dir", type=Path, default=Path("docs"), help="where its pages came from (docs/)")
    options = parser.parse_args(argv)
    if not (options.site_dir / "index.html").is_file():
        parser.error(f"{options.site_dir} is not a built site (it has no index.html)")
    for line in finish(options.site_dir, options.docs_dir):
        print(f"INFO    -  finish: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Finish a built site, whichever generator built it: `python -m macros.finish SITE_DIR [--docs-dir DOCS]`.

MkDocs, ProperDocs and Zensical write the pages; what they cannot all do for us (Zensical calls no plugin
event, no hook and nothing after its build) runs here, over the finished site, as an ordered list of small
steps (STEPS below). `make build`, the workflows and the tests' build helper run it after the generator.

- bundle: the entry every page loads (assets/guidebook/main.js) becomes one file with the core and the
  module of every kind of part that chapter pages have (macros/kinds/, all but the tools), so a chapter page
  fetches one script of ours, not six (six files, gzipped each, cost about a fifth more bytes than one). The
  other modules (the progress page's, a tool's) still load where a page needs them.
- minify: our own .js and .css (the files that come from docs/assets/, except docs/assets/vendor/) are
  served minified; the sources keep their comments.

Both use esbuild (npm, pinned in package.json and installed by `make build`): a bundler that follows ES
modules as a browser does, and a minifier that shortens local names.
- version: every page links each file that comes from docs/assets/ with `?v=<version>`, one version for
  all of them: the first 10 hex digits of a SHA-256 over every file under docs/assets/ (names and bytes).
  GitHub Pages lets browsers cache these files for ten minutes, and a script that imports other modules
  passes its own query string on to them, so one changed file must change every URL.

A step is a function of the built site that returns a line for the build's output. Add one by writing it
and putting it into STEPS where it belongs (a step that lists the finished files, such as a service
worker's precache list, goes after "version"). Running the whole list twice gives the same site.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit, urlunsplit

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
    folder = site.site_dir / ENTRY.rpartition("/")[0]
    entry = ('import { start } from "./core.js";\n'
             + "".join(f'import * as {name} from "./{name}.js";\n' for name in kinds)
             + f"start({{ {', '.join(kinds)} }});\n")
    # The entry comes on stdin, whose imports esbuild resolves from the folder it runs in.
    _esbuild("--bundle", "--format=esm", "--minify", f"--outfile={(site.site_dir / target).resolve()}",
             "--allow-overwrite", f"--sourcefile={target.rpartition('/')[2]}", stdin=entry, cwd=folder)


def bundle(site: BuiltSite) -> str:
    folder = site.site_dir / ENTRY.rpartition("/")[0]
    kinds = [name for name in bundled_kinds() if (folder / f"{name}.js").is_file()]
    _bundle_entry(site, ENTRY, kinds)
    _bundle_entry(site, LEAN_ENTRY, [])
    lean = 0
    entry_name = ENTRY.rpartition("/")[2]
    for page in site.pages():
        html = page.read_text("utf-8")
        if set(KIND_ON_PAGE.findall(html)) & set(kinds) or entry_name not in html:
            continue
        page.write_text(re.sub(rf'(<script\b[^>]*\ssrc="[^"]*/){re.escape(entry_name)}([?"])',
                               rf"\g<1>{LEAN_ENTRY.rpartition('/')[2]}\g<2>", html), "utf-8")
        lean += 1
    return (f"{ENTRY}: the core and {', '.join(kinds)}, {(site.site_dir / ENTRY).stat().st_size:,} bytes; "
            f"{LEAN_ENTRY}, the core alone, on the {lean} pages without them")


def minify(site: BuiltSite) -> str:
    files = [name for name in site.our_files if name not in (ENTRY, LEAN_ENTRY) and not name.startswith(VENDOR)
             and name.endswith((".js", ".css")) and (site.site_dir / name).is_file()]
    before = sum((site.site_dir / name).stat().st_size for name in files)
    if files:
        assets = site.site_dir / ASSETS
        _esbuild("--minify", f"--outdir={assets}", f"--outbase={assets}", "--allow-overwrite",
                 *[str(site.site_dir / name) for name in files])
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


STEPS: tuple[Callable[[BuiltSite], str], ...] = (bundle, minify, version)


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

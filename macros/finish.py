"""Finish a built site, whichever generator built it: `python -m macros.finish SITE_DIR [--docs-dir DOCS]`.

MkDocs, ProperDocs and Zensical write the pages; what they cannot all do for us (Zensical calls no plugin
event, no hook and nothing after its build) runs here, over the finished site, as an ordered list of small
steps (STEPS below). `make build`, the workflows and the tests' build helper run it after the generator.

- minify: our own .js and .css (the files that come from docs/assets/, except docs/assets/vendor/) are
  served minified; the sources keep their comments.
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
import re
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
        """Every file that comes from docs/assets/, as a path in the site: "assets/guidebook.js"."""
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


def minify(site: BuiltSite) -> str:
    import rcssmin
    import rjsmin

    minifiers: dict[str, Callable[[str], str]] = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}
    before = after = count = 0
    for name in site.our_files:
        built = site.site_dir / name
        if name.startswith(VENDOR) or built.suffix not in minifiers or not built.is_file():
            continue
        text = built.read_text("utf-8")
        minified = minifiers[built.suffix](text)
        built.write_text(minified, "utf-8")
        before, after, count = before + len(text.encode()), after + len(minified.encode()), count + 1
    return f"minified {count} files of ours, {before:,} -> {after:,} bytes"


def version(site: BuiltSite) -> str:
    ours = set(site.our_files)
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


STEPS: tuple[Callable[[BuiltSite], str], ...] = (minify, version)


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

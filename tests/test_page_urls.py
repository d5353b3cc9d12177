"""Every link the macros write (chapter lists, progress rows, "Read" and "Revisit" links to sections, links
to a checklist) reaches a built page and an element on it: the URLs come from MkDocs, so they hold for a
chapter written as docs/chapters/index.md too, which MkDocs publishes at chapters/."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers import make_fixture_project, mkdocs_build


@pytest.fixture(scope="module")
def index_chapter_site(tmp_path_factory) -> Path:
    project = make_fixture_project("chapter-index", tmp_path_factory.mktemp("chapter-index"))
    site_dir = tmp_path_factory.mktemp("chapter-index-site")
    result = mkdocs_build(project, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


def macro_links(site_dir: Path) -> list[tuple[str, str]]:
    """(page, href) of every link inside the macros' HTML, and every chapter URL in the progress data."""
    found = []
    for html in sorted(site_dir.rglob("*.html")):
        page = "/" + html.relative_to(site_dir).as_posix().removesuffix("index.html")
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for part in soup.select(".gb"):
            found += [(page, a["href"]) for a in part.select("a[href]")]
            if part.has_attr("data-gb-guide"):
                found += [(page, chapter["url"]) for chapter in json.loads(part["data-gb-guide"])["chapters"]]
    return found


def broken(site_dir: Path) -> list[str]:
    problems = []
    for page, href in macro_links(site_dir):
        target = urlsplit(urljoin(page, href))
        if target.scheme:
            continue  # "Suggest a change" opens the repository
        file = site_dir / target.path.lstrip("/") / "index.html" if target.path.endswith("/") \
            else site_dir / target.path.lstrip("/")
        if not file.is_file():
            problems.append(f"{page}: {href} -> no page {target.path}")
        elif target.fragment and f'id="{target.fragment}"' not in file.read_text("utf-8"):
            problems.append(f"{page}: {href} -> {target.path} has no #{target.fragment}")
    return problems


def test_a_chapter_written_as_index_md_is_linked_at_its_folder(index_chapter_site):
    home = BeautifulSoup((index_chapter_site / "index.html").read_text("utf-8"), "html.parser")
    assert [a["href"] for a in home.select(".gb-chapter-list a")] == ["chapters/", "chapters/demo/"]
    assert (index_chapter_site / "chapters" / "index.html").is_file()
    assert not (index_chapter_site / "chapters" / "index").exists()


def test_every_macro_link_of_the_index_chapter_site_reaches_its_target(index_chapter_site):
    links = macro_links(index_chapter_site)
    assert any(href.startswith("../chapters/#") for _, href in links), "the workbook links into chapters/"
    assert not broken(index_chapter_site), "\n".join(broken(index_chapter_site))


def test_every_macro_link_of_the_guidebook_reaches_its_target(site):
    assert len(macro_links(site.dir)) > 20
    assert not broken(site.dir), "\n".join(broken(site.dir))

"""A fork publishes its own site without editing a file: built with the environment the Pages workflow sets in
another repository, every URL the site gives out - canonical links, the repository link, "edit this page" and
the interactive parts' "Suggest a change" links, the sitemap - points at the fork, never at upstream."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, make_fixture_project, mkdocs_build

FORK_SITE = "https://someone-else.github.io/their-guide/"
FORK_REPO = "https://github.com/someone-else/their-guide"
FORK_ENV = {"SITE_URL": FORK_SITE, "REPO_URL": FORK_REPO, "REPO_NAME": "someone-else/their-guide"}
# What upstream would put in the same places (mkdocs.yml's defaults).
UPSTREAM = ("networking-guidebook/networking-guidebook", "127.0.0.1:8000")


def build_as_fork(project: Path, site_dir: Path) -> Path:
    result = mkdocs_build(project, site_dir, **FORK_ENV)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory) -> Path:
    """The real guidebook as a fork's Pages workflow would build it."""
    return build_as_fork(ROOT, tmp_path_factory.mktemp("fork-site"))


@pytest.fixture(scope="module")
def small_fork_site(tmp_path_factory) -> Path:
    """The one-chapter test guidebook, so the data links are checked even before real chapters exist."""
    project = make_fixture_project("_base", tmp_path_factory.mktemp("fork-project"))
    return build_as_fork(project, tmp_path_factory.mktemp("small-fork-site"))


def pages(site_dir: Path) -> dict[str, BeautifulSoup]:
    """Every built page (not the 404 page), keyed by its source file in docs/."""
    found = {}
    for html in sorted(site_dir.rglob("index.html")):
        url = html.parent.relative_to(site_dir).as_posix()
        source = "index.md" if url == "." else f"{url}.md"
        found[source] = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    return found


def test_the_fork_site_has_chapter_pages(fork_site):
    assert any(source.startswith("chapters/") for source in pages(fork_site)), \
        "no chapter was built; the data links below are checked on the test guidebook only"


@pytest.mark.parametrize("which", ["fork_site", "small_fork_site"])
def test_canonical_links_use_the_forks_site_url(request, which):
    for source, soup in pages(request.getfixturevalue(which)).items():
        canonical = soup.find("link", rel="canonical")
        expected = FORK_SITE if source == "index.md" else f"{FORK_SITE}{source[:-len('.md')]}/"
        assert canonical is not None and canonical["href"] == expected, source


@pytest.mark.parametrize("which", ["fork_site", "small_fork_site"])
def test_the_repository_link_names_the_fork(request, which):
    for source, soup in pages(request.getfixturevalue(which)).items():
        repo = soup.select_one("a.md-source")
        assert repo is not None and repo["href"] == FORK_REPO, source
        assert repo.get_text(" ", strip=True) == "someone-else/their-guide", source


@pytest.mark.parametrize("which", ["fork_site", "small_fork_site"])
def test_edit_this_page_opens_the_markdown_file_in_the_fork(request, which):
    for source, soup in pages(request.getfixturevalue(which)).items():
        edit = [a["href"] for a in soup.select("a.md-content__button[href]") if "/edit/" in a["href"]]
        assert edit == [f"{FORK_REPO}/edit/main/docs/{source}"], source


@pytest.mark.parametrize("which", ["fork_site", "small_fork_site"])
def test_suggest_a_change_opens_the_data_file_in_the_fork(request, which):
    checked = 0
    for source, soup in pages(request.getfixturevalue(which)).items():
        if not source.startswith("chapters/"):
            continue
        parts = soup.select("section.gb[data-gb-key]")
        assert parts, f"{source} shows no interactive part"
        for part in parts:
            slug = part["data-gb-key"].split("/")[0]
            link = part.select_one(".gb-edit a[href]")
            assert link is not None, f"{source}: {part['data-gb-key']} has no 'Suggest a change' link"
            assert link["href"] == f"{FORK_REPO}/edit/main/checklists/{slug}.yml", source
            checked += 1
    assert checked >= 3


@pytest.mark.parametrize("which", ["fork_site", "small_fork_site"])
def test_nothing_in_the_fork_site_points_at_upstream(request, which):
    site_dir = request.getfixturevalue(which)
    leaks = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in (".html", ".xml", ".json", ".js") and path.is_file():
            text = path.read_text("utf-8", errors="replace")
            leaks += [f"{path.relative_to(site_dir)}: {name}" for name in UPSTREAM if name in text]
    assert not leaks, "\n".join(leaks)
    sitemap = (site_dir / "sitemap.xml").read_text("utf-8")
    assert all(url.startswith(FORK_SITE) for url in re.findall(r"<loc>(.*?)</loc>", sitemap))

"""`make chapter NAME="..."` scaffolds a chapter that builds as it is: the page with the standard parts, its data
file with one example of each element, and its place in the nav."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import ROOT, copy_repository, make_fixture_project, mkdocs_build
from macros.scaffold import ScaffoldError, add_to_nav, slugify

INTERACTIVE_PARTS = {
    "checklist": ("gb-checklist", "first-steps"),
    "knowledge check": ("gb-knowledge_check", "check-your-understanding"),
    "self-assessment": ("gb-self_assessment", "where-you-stand"),
}
# The parts of every chapter, in order (issue 3's "shape of every chapter").
STANDARD_HEADINGS = ["learning-objectives", "first-section", "second-section", "key-takeaways",
                     "put-it-into-practice", "knowledge-check", "self-assessment"]


def make_chapter(project: Path, name: str) -> subprocess.CompletedProcess:
    """What `make chapter NAME=...` runs, in the given project."""
    return subprocess.run([sys.executable, "-m", "macros.scaffold", name], cwd=project, capture_output=True,
                          text=True, timeout=60)


def unused_name(project: Path) -> str:
    """'Following up', or 'Following up 2', ... if a contributor has already written that chapter."""
    names = (f"Following up {n}".strip() for n in ["", *range(2, 100)])
    return next(name for name in names if not (project / "docs" / "chapters" / f"{slugify(name)}.md").exists())


def check_scaffolded_chapter(project: Path, site_dir: Path, title: str = "Following up") -> None:
    slug = slugify(title)
    page = project / "docs" / "chapters" / f"{slug}.md"
    data_file = project / "checklists" / f"{slug}.yml"
    assert page.is_file() and data_file.is_file()
    assert data_file.read_text("utf-8").startswith("# yaml-language-server: $schema=./schema.json\n")
    chapter = yaml.safe_load(data_file.read_text("utf-8"))
    assert chapter["title"] == title
    for kind in ("checklists", "knowledge_checks", "scales", "self_assessments"):
        assert len(chapter[kind]) == 1, kind
    assert {q["type"] for q in chapter["knowledge_checks"][0]["questions"]} == {"single", "multiple"}

    result = mkdocs_build(project, site_dir)
    assert result.returncode == 0, result.stderr
    html = BeautifulSoup((site_dir / "chapters" / slug / "index.html").read_text("utf-8"), "html.parser")
    assert html.h1.find(string=True, recursive=False).strip() == title
    assert html.find("meta", attrs={"name": "description"})["content"]
    headings = [h["id"] for h in html.select("article h2[id]")]
    assert headings == STANDARD_HEADINGS
    for what, (css_class, component_id) in INTERACTIVE_PARTS.items():
        part = html.select_one(f"section.{css_class}[data-gb-key='{slug}/{component_id}']")
        assert part is not None, f"the page shows no {what}"
    home = BeautifulSoup((site_dir / "index.html").read_text("utf-8"), "html.parser")
    nav_links = [a["href"] for a in home.select("nav.md-nav--primary a.md-nav__link[href]")]
    assert f"chapters/{slug}/" in nav_links, "the chapter is not in the navigation"


def test_a_scaffolded_chapter_builds_in_a_small_guidebook(tmp_path):
    project = make_fixture_project("_base", tmp_path / "project")
    result = make_chapter(project, "Following up")
    assert result.returncode == 0, result.stderr
    assert "docs/chapters/following-up.md" in result.stdout
    nav = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))["nav"]
    assert {"Chapters": ["chapters/demo.md", "chapters/following-up.md"]} in nav
    check_scaffolded_chapter(project, tmp_path / "site")


def test_a_scaffolded_chapter_builds_in_the_real_guidebook(tmp_path):
    project = copy_repository(tmp_path / "project")
    name = unused_name(project)
    config_before = (project / "mkdocs.yml").read_text("utf-8")
    result = make_chapter(project, name)
    assert result.returncode == 0, result.stderr
    config_after = (project / "mkdocs.yml").read_text("utf-8")
    # Only one line added; comments and !ENV tags untouched.
    added = [line for line in config_after.splitlines() if line not in config_before.splitlines()]
    assert [line.strip() for line in added] == [f"- chapters/{slugify(name)}.md"]
    assert config_after.count("!ENV") == config_before.count("!ENV")
    check_scaffolded_chapter(project, tmp_path / "site", name)


def test_an_existing_chapter_is_refused_and_nothing_changes(tmp_path):
    project = make_fixture_project("_base", tmp_path / "project")
    before = {path: path.read_bytes() for path in project.rglob("*") if path.is_file()}
    result = make_chapter(project, "Demo")  # docs/chapters/demo.md exists
    assert result.returncode == 1
    assert "A chapter named 'demo' already exists (docs/chapters/demo.md)" in result.stderr
    after = {path: path.read_bytes() for path in project.rglob("*") if path.is_file()}
    assert after == before


def test_make_chapter_needs_a_name():
    result = subprocess.run(["make", "-s", "chapter"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert 'make chapter NAME="Following up"' in result.stdout + result.stderr


def test_a_name_without_letters_or_digits_is_refused(tmp_path):
    project = make_fixture_project("_base", tmp_path / "project")
    result = make_chapter(project, "!!!")
    assert result.returncode == 1
    assert "gives no usable file name" in result.stderr


def test_the_name_readers_details_are_saved_under_is_refused(tmp_path):
    project = make_fixture_project("_base", tmp_path / "project")
    result = make_chapter(project, "Reader")
    assert result.returncode == 1
    assert "A chapter cannot be named 'reader'" in result.stderr
    assert not (project / "checklists" / "reader.yml").exists()


@pytest.mark.parametrize("name, slug", [("Following up", "following-up"),
                                        ("  Ça va?  Networking 101! ", "ca-va-networking-101")])
def test_slugs_are_valid_ids(name, slug):
    assert slugify(name) == slug


NAV_CASES = {
    "appends after the last chapter": (
        "nav:\n  - Home: index.md\n  - Chapters:\n      - chapters/a.md\n  - Workbook: workbook.md\n",
        "nav:\n  - Home: index.md\n  - Chapters:\n      - chapters/a.md\n      - chapters/new.md\n"
        "  - Workbook: workbook.md\n",
    ),
    "creates the group after the home page": (
        "nav:\n  - Home: index.md\n  - Workbook: workbook.md\n\n# next\ntheme: {}\n",
        "nav:\n  - Home: index.md\n  - Chapters:\n      - chapters/new.md\n  - Workbook: workbook.md\n"
        "\n# next\ntheme: {}\n",
    ),
    "fills an empty group": (
        "nav:\n- Home: index.md\n- Chapters: []\n",
        "nav:\n- Home: index.md\n- Chapters:\n  - chapters/new.md\n",
    ),
    # ruamel.yaml writes one indentation for the whole file: a nested list indented unlike the rest moves.
    "keeps titled entries and a trailing comment": (
        "nav:\n  - Home: index.md\n  - Chapters:\n    - One: chapters/a.md\n    # more soon\n  - W: w.md\n",
        "nav:\n  - Home: index.md\n  - Chapters:\n      - One: chapters/a.md\n      - chapters/new.md\n    # more soon\n"
        "  - W: w.md\n",
    ),
    "keeps tags and comments elsewhere": (
        "site_url: !ENV [SITE_URL, 'x']\nnav:\n  - Home: index.md\n  - Chapters:\n      - chapters/a.md\n"
        "# the end\nwatch: [macros]\n",
        "site_url: !ENV [SITE_URL, 'x']\nnav:\n  - Home: index.md\n  - Chapters:\n      - chapters/a.md\n"
        "      - chapters/new.md\n# the end\nwatch: [macros]\n",
    ),
}


@pytest.mark.parametrize("case", NAV_CASES)
def test_the_nav_gets_the_page_and_keeps_the_rest_of_the_file(case):
    before, expected = NAV_CASES[case]
    assert add_to_nav(before, "chapters/new.md") == expected


def test_our_own_configuration_changes_by_one_line():
    before = (ROOT / "mkdocs.yml").read_text("utf-8")
    after = add_to_nav(before, "chapters/new.md")
    added = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith(("+", "-"))]
    assert added == ["+       - chapters/new.md"], added


def test_a_page_already_in_the_nav_is_refused():
    with pytest.raises(ScaffoldError, match="already lists chapters/a.md"):
        add_to_nav("nav:\n  - Home: index.md\n  - Chapters:\n      - chapters/a.md\n", "chapters/a.md")

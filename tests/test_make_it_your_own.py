"""CONTRIBUTING's "Make it your own guidebook", followed on a copy of this repository as a careers service
in Madrid would: rename the guidebook, switch the interface to Spanish, delete a chapter, scaffold a new
one. The strict build must pass, and the content tests must pass for everything but the new chapter, which
they must name in every failure (its text is the scaffold's placeholder until its author writes it).
No file under tests/ is touched on the way, except the removed chapter's source text: the suite names no
chapter of ours, so a fork may delete any."""

import os
import re
import subprocess
import sys

from helpers import ESBUILD, ROOT, copy_repository, mkdocs_build, nav_pages

NEW_NAME = "Guía de networking de Madrid"
# The last chapter of the nav (whichever it is): removed with its source text.
REMOVED = [page for page in nav_pages() if page.startswith("chapters/")][-1].removeprefix("chapters/").removesuffix(".md")
# The pages besides chapters that use it.
USING_REMOVED = sorted(page.relative_to(ROOT / "docs").as_posix() for page in (ROOT / "docs").rglob("*.md")
                       if "chapters" not in page.parts and REMOVED in page.read_text("utf-8"))


def make_it_your_own(copy, site_dir):
    """CONTRIBUTING's steps on the copy; the strict build that passes at the end, into site_dir."""
    config = copy / "mkdocs.yml"
    text = config.read_text("utf-8")
    text = re.sub(r"^site_name: .*$", f"site_name: {NEW_NAME}", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^  language: en$", "  language: es", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^  progress_name: .*$", "  progress_name: guia-madrid", text, count=1, flags=re.MULTILINE)
    text = text.replace(f"      - chapters/{REMOVED}.md\n", "")
    assert NEW_NAME in text and "language: es" in text and REMOVED not in text, "CONTRIBUTING's steps no longer fit mkdocs.yml"
    config.write_text(text, "utf-8")
    (copy / "docs" / "chapters" / f"{REMOVED}.md").unlink()
    (copy / "checklists" / f"{REMOVED}.yml").unlink()
    (copy / "tests" / "sources" / f"{REMOVED}.txt").unlink(missing_ok=True)
    scaffold = subprocess.run([sys.executable, "-m", "macros.scaffold", "Primeros pasos"], cwd=copy,
                              capture_output=True, text=True, timeout=60)
    assert scaffold.returncode == 0, scaffold.stdout + scaffold.stderr
    # A page outside chapters/ that uses the removed chapter (Your people takes its tracker, waits and
    # messages from one) fails the strict build, which names the page and line. CONTRIBUTING says: rewrite
    # those lines, or remove the page, its nav line and the links to it (the build names those too). This
    # fork removes them, one build at a time.
    left, removed = list(USING_REMOVED), []
    while (build := mkdocs_build(copy, site_dir)).returncode != 0:
        named = [page for page in left if f"docs/{page}:" in build.stderr]
        links = [(source, target) for source, target in
                 re.findall(r"Doc file '([^']+)' contains a link '([^'#]+)[^']*', but the target is not found", build.stderr)
                 if target in removed]
        assert named or links, f"the build failed on something other than the pages that use {REMOVED}: {build.stderr}"
        for page in named:
            (copy / "docs" / page).unlink()
            config.write_text(re.sub(rf"^ *- (?:[^:\n]+: )?{re.escape(page)}\n", "", config.read_text("utf-8"),
                                     flags=re.MULTILINE), "utf-8")
            left.remove(page)
            removed.append(page)
        for source, target in links:  # the link's words stay, as plain text
            path = copy / "docs" / source
            path.write_text(re.sub(rf"\[([^\]]+)\]\({re.escape(target)}(?:#[^)]*)?\)", r"\1", path.read_text("utf-8")), "utf-8")
    assert not left, f"{left} use {REMOVED}, yet the build passed without them removed"
    return build


def test_a_fork_renames_translates_removes_and_adds_a_chapter(tmp_path):
    copy = tmp_path / "guia"
    copy_repository(copy)
    build = make_it_your_own(copy, tmp_path / "site")
    assert sorted(p.name for p in (copy / "tests").rglob("*") if p.is_file()) == \
        sorted(p.name for p in (ROOT / "tests").rglob("*") if p.is_file() and "__pycache__" not in p.parts
               and p.name != f"{REMOVED}.txt")

    assert "WARNING" not in build.stderr, build.stderr
    home = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert f"<title>{NEW_NAME}</title>" in home and '<html lang="es"' in home
    assert "chapters/primeros-pasos/" in home and REMOVED not in home

    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_content.py"],
                            cwd=copy, capture_output=True, text=True, timeout=600, env={**os.environ, "ESBUILD": ESBUILD})
    failed = re.findall(r"^FAILED (\S+)", result.stdout, flags=re.MULTILINE)
    passed = int(re.search(r"(\d+) passed", result.stdout)[1])
    assert passed >= 30, result.stdout[-3000:]
    assert failed, "the scaffold's placeholder chapter passed the editorial checks: do they check anything?"
    assert [test for test in failed if "primeros-pasos" not in test] == [], result.stdout[-5000:]
    assert not re.findall(r"^ERROR ", result.stdout, flags=re.MULTILINE), result.stdout[-3000:]

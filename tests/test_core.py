"""The core (macros/) needs no site generator: in a Python where MkDocs, mkdocs-macros, ProperDocs and
Zensical cannot be imported, it loads the real guidebook's data and renders every part of it, the workbook,
the toolkit, the progress page, the home page's cards and the diagrams. (Jinja2 is a library of the core: its
templates escape by default.) A move to another generator then rewrites the glue (macros/glue.py), not the core."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml
from markupsafe import escape

from helpers import ROOT
from macros.kinds import KINDS

BLOCKED = ("mkdocs", "mkdocs_macros", "properdocs", "zensical")

# Runs in a fresh interpreter: a finder in front of all others refuses the site generator's packages.
WITHOUT_SITE_GENERATOR = """
import importlib.abc, json, sys
from pathlib import Path

BLOCKED = set(sys.argv[2].split(","))


class NoSiteGenerator(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ImportError(f"the core imported {name}")
        return None


sys.meta_path.insert(0, NoSiteGenerator())
refused = []
for name in sorted(BLOCKED):
    try:
        __import__(name)
    except ImportError:
        refused.append(name)

root = Path(sys.argv[1])
sys.path.insert(0, str(root))
from macros import data, diagrams, html_blocks, kinds, markdown_text, overview, reading, schema, strings, timings

words, problems = strings.load_words("en")
chapters = data.load_guidebook(root, root / "docs", words)
guide = overview.Guide(site="https://example.org/", progress_name="the-guidebook")
links = kinds.Links(section=lambda chapter, section: f"../{chapter.slug}/#{section}",
                    edit_data=lambda chapter: f"https://example.org/edit/{chapter.data_file}")
url = lambda chapter: f"chapters/{chapter.slug}/"
minutes = lambda chapter: reading.minutes_to_read((root / "docs" / chapter.page_file).read_text("utf-8"))
in_order = list(chapters.values())
parts = {f"{chapter.slug}/{kind.key}/{component['id']}": str(overview.part(kind, chapter, component, links, words))
         for chapter in in_order for kind in kinds.KINDS for component in chapter.of_kind(kind.key)}
print(json.dumps({
    "refused": refused,
    "loaded": sorted(name for name in sys.modules if name.partition(".")[0] in BLOCKED),
    "parts": parts,
    "titles": {chapter.slug: chapter.title for chapter in in_order},
    "workbook": overview.one_line(overview.workbook(in_order, lambda chapter: links, "The guidebook", words)),
    "toolkit": overview.one_line(overview.toolkit(in_order, lambda chapter: links, words)),
    "progress": str(overview.progress(in_order, url, guide, words)),
    "chapter_list": str(overview.chapter_list(in_order, url, guide, words, minutes,
                                              [overview.Card("Toolkit", "toolkit/", "Messages to send.", 1)])),
    "diagrams": {name: str(diagrams.from_file(root / "docs", name)) for name in diagrams.names(root / "docs")},
    "timeline": str(diagrams.timeline([diagrams.Step("Meet", ""), diagrams.Step("Follow up", "after 3 days")], words)),
    "problems": problems,
}))
"""


def test_the_core_renders_the_whole_guidebook_without_a_site_generator():
    result = subprocess.run([sys.executable, "-c", WITHOUT_SITE_GENERATOR, str(ROOT), ",".join(BLOCKED)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["refused"] == sorted(BLOCKED), "the blocker let a site generator's package through"
    assert out["loaded"] == []

    expected = {}
    for data_file in sorted((ROOT / "checklists").glob("*.yml")):
        chapter = yaml.safe_load(data_file.read_text("utf-8"))
        for kind in KINDS:
            for component in chapter.get(kind.key, []):
                expected[f"{data_file.stem}/{kind.key}/{component['id']}"] = kind
    assert expected and sorted(out["parts"]) == sorted(expected), "not every part of the data was rendered"
    for key, kind in expected.items():
        slug, _, component_id = key.split("/")
        html = out["parts"][key]
        assert html.startswith(f'<section class="gb gb-{kind.name}" id="gb-{slug}-{component_id}" '), html[:200]
        assert html.endswith("</section>") and ("<fieldset" in html or "<blockquote" in html), key
        if kind.tool:  # a tool has a page of its own, and neither the workbook nor the toolkit repeats it
            assert all(f'data-gb-key="{slug}/{component_id}"' not in out[page] for page in ("workbook", "toolkit")), key
            continue
        gathered_in = "workbook" if kind.in_workbook else "toolkit"
        assert f'data-gb-key="{slug}/{component_id}"' in out[gathered_in], f"the {gathered_in} lacks {key}"
    assert out["problems"] == []
    assert '<a href="toolkit/"><strong>Toolkit</strong></a>' in out["chapter_list"]
    assert out["diagrams"] and all(html.startswith(f'<figure class="gb-diagram" id="diagram-{name}"')
                                   for name, html in out["diagrams"].items())
    assert "after 3 days" in out["timeline"] and 'role="img"' in out["timeline"]

    for slug, title in out["titles"].items():
        link = f'<a href="chapters/{slug}/">{escape(title)}</a>'
        assert f'<li><p><a href="chapters/{slug}/"><strong>{escape(title)}</strong></a>' in out["chapter_list"], slug
        assert f'<th scope="row">{link} <span class="gb-mark" data-gb-chapter="{slug}"></span></th>' in out["progress"], slug
        heading = rf"^## \d+\. {re.escape(escape(title))} \{{#workbook-{slug} \.gb-chapter-start\}}$"
        assert re.search(heading, out["workbook"], re.M), f"the workbook has no heading for {slug}"

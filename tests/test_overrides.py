"""The templates in overrides/partials/ are copies of Material's own with a small recorded change each. When a
Material upgrade changes the original, this fails and says which file to re-copy and which change to make
again, instead of the site quietly keeping an old copy of Material's markup."""

from __future__ import annotations

import difflib
import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from helpers import ROOT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
# The comment at the top of a template: Material's says "generated, do not edit", ours why we changed it.
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)

# overrides/<path> = Material's templates/<path> with each (before -> after) replacement made once.
RECORDED_CHANGES = {
    "partials/search.html": [(
        # axe: aria-dialog-name; the search dialog needs an accessible name.
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    )],
    "partials/javascripts/base.html": [(
        # __md_get survives storage that throws (blocked cookies) or holds corrupt JSON.
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
        '__md_get=(e,_,t=__md_scope)=>{try{return JSON.parse((_||localStorage).getItem(t.pathname+"."+e))}'
        'catch(e){return null}},__md_set=(e,_,t,a=__md_scope)=>{try{(t||localStorage).setItem(a.pathname+"."+e,'
        'JSON.stringify(_))}catch(e){}}',
    )],
    "partials/source.html": [(
        # Without data-md-component="source", Material's script does not ask api.github.com for stars.
        '<a href="{{ config.repo_url }}" title="{{ lang.t(\'source\') }}" class="md-source" data-md-component="source">',
        '<a href="{{ config.repo_url }}" title="{{ lang.t(\'source\') }}" class="md-source">',
    )],
}


def without_leading_comment(text: str) -> str:
    return LEADING_COMMENT.sub("", text, count=1)


def test_every_copied_partial_has_its_recorded_change():
    copied = {path.relative_to(ROOT / "overrides").as_posix() for path in (ROOT / "overrides").rglob("*.html")
              if (MATERIAL_TEMPLATES / path.relative_to(ROOT / "overrides")).is_file()}
    # main.html is ours: it extends Material's base.html rather than copying a file.
    assert copied - {"main.html"} == set(RECORDED_CHANGES), (
        "record the change of each template copied from Material in RECORDED_CHANGES")


@pytest.mark.parametrize("path", sorted(RECORDED_CHANGES))
def test_a_copied_partial_is_materials_own_plus_our_change(path):
    original_file = MATERIAL_TEMPLATES / path
    ours_file = ROOT / "overrides" / path
    how = (f"overrides/{path} is no longer Material {version('mkdocs-material')}'s templates/{path} plus the "
           f"change recorded in tests/test_overrides.py (RECORDED_CHANGES). After a Material upgrade, re-copy "
           f"it: cp {original_file} overrides/{path}; then make the recorded change again and put back the "
           f"comment at the top. To change our copy on purpose, record the change there.")
    assert original_file.is_file(), f"Material no longer has templates/{path}: drop or rework overrides/{path}."
    expected = without_leading_comment(original_file.read_text("utf-8"))
    for before, after in RECORDED_CHANGES[path]:
        assert expected.count(before) == 1, f"{how}\nThe original no longer contains, once:\n  {before}"
        expected = expected.replace(before, after)
    ours = without_leading_comment(ours_file.read_text("utf-8"))
    diff = "".join(difflib.unified_diff(expected.splitlines(True), ours.splitlines(True),
                                        "Material + recorded change", f"overrides/{path}"))
    assert ours == expected, f"{how}\n{diff}"
    assert ours_file.read_text("utf-8").startswith("{#-"), f"overrides/{path} should say why it differs"

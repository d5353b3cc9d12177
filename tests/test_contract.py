"""The page facts are the whole contract between the macros and the script: every data-gb-* attribute and
every class or id the script relies on is listed in macros/kinds/base.py's CONTRACT, and everything listed is
used. A new attribute or selector on either side without a line there fails here."""

from __future__ import annotations

import re


from helpers import ROOT
from macros.kinds.base import CONTRACT

SCRIPTS = sorted((ROOT / "docs" / "assets" / "guidebook").glob("*.js")) + [ROOT / "macros" / "pdf_book.js"]
ATTRIBUTE = re.compile(r"data-gb-[a-z-]+")
DATASET = re.compile(r"dataset\.gb([A-Z][A-Za-z]*)")
# Classes and ids in the script's selectors, the classes it sets, and the ids it finds or gives.
SELECTOR = re.compile(r"(?<![\w-])([.#])(gb-[a-z-]+)")
CLASSES = re.compile(r"""(?:make\("[a-z]+",\s*|className\s*=\s*|classList\.(?:add|remove|toggle)\()((?:["']gb-[a-z-]+["'](?:,\s*)?)+)""")
IDS = re.compile(r"""(?:getElementById\(|\.id\s*=\s*)["'](gb-[a-z-]+)["']""")
NAMES = re.compile(r"""\[name=(gb-[a-z-]+)\]""")


def used_by_script() -> set[str]:
    used = set()
    for script in SCRIPTS:
        source = script.read_text("utf-8")
        used |= set(ATTRIBUTE.findall(source))
        used |= {"data-gb-" + re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(), name).lstrip("-") for name in DATASET.findall(source)}
        used |= {sign + name for sign, name in SELECTOR.findall(source)}
        used |= {"." + name for group in CLASSES.findall(source) for name in re.findall(r"gb-[a-z-]+", group)}
        used |= {"#" + name for name in IDS.findall(source)}
        used |= set(NAMES.findall(source))
    return used


def test_everything_the_script_relies_on_is_in_the_contract():
    missing = sorted(name for name in used_by_script() if name not in CONTRACT)
    assert not missing, f"add these to CONTRACT in macros/kinds/base.py: {missing}"


def test_every_attribute_a_built_page_carries_is_in_the_contract(site):
    seen = set()
    for page in site.dir.rglob("*.html"):
        for attribute in ATTRIBUTE.findall(page.read_text("utf-8")):
            seen.add(attribute)
    missing = sorted(seen - set(CONTRACT))
    assert not missing, f"add these to CONTRACT in macros/kinds/base.py: {missing}"


def test_nothing_in_the_contract_is_unused(site):
    pages = "".join(page.read_text("utf-8") for page in site.dir.rglob("*.html"))
    scripts = "".join(script.read_text("utf-8") for script in SCRIPTS)
    python = "".join(path.read_text("utf-8") for path in (ROOT / "macros").rglob("*.py"))
    unused = []
    for name in CONTRACT:
        bare = name.lstrip(".#")
        camel = "gb" + "".join(part.title() for part in bare.removeprefix("data-gb-").split("-"))
        if bare not in pages and bare not in scripts and camel not in scripts and f'"{bare}"' not in python:
            unused.append(name)
    assert not unused, f"CONTRACT lists what nothing uses: {unused}"

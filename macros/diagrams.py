"""The chapters' diagrams, as inline SVG in a <figure>: drawn here from parameters where they show numbers
(the follow-up timeline), or read from docs/assets/diagrams/<name>.svg and checked.

Inline, not <img>: a diagram then takes the page's colours. Its lines and words are `currentColor` and its
accents Material's custom properties (the link colour, the page's background), so it reads in the dark
scheme, follows the reader's scheme toggle, and prints dark on white. Meaning never rests on colour alone
(solid and dashed lines, words), so it also prints in black and white.

Every diagram is one image for assistive technology: role="img", named and described by its own <title>
and <desc> (aria-labelledby). Its ids start with its name, so two diagrams on a page never clash.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from .data import DataError
from .strings import Words

FOLDER = "assets/diagrams"  # below docs_dir
MAX_BYTES = 30 * 1024
SVG = "{http://www.w3.org/2000/svg}"
# What a diagram file may contain: shapes, text and grouping. No scripts, styles (a <style> in inline SVG
# styles the whole page), foreign HTML, images or links, and so nothing that loads from anywhere.
ALLOWED = {"svg", "title", "desc", "g", "defs", "marker", "path", "line", "polyline", "polygon", "rect",
           "circle", "ellipse", "text", "tspan", "use"}

# The colours a diagram uses, from Material's custom properties (fallbacks for the file opened alone).
ACCENT = "var(--md-typeset-a-color,#00695c)"
SOFT = "var(--md-default-fg-color--light,#595959)"


def figure(name: str, svg: str) -> Markup:
    """A diagram in the figure every diagram sits in: linkable as #diagram-<name>, left out of the search
    index (its words repeat the prose around it)."""
    return Markup(f'<figure class="gb-diagram" id="diagram-{name}" data-search-exclude>{svg}</figure>')


# --- Drawn from parameters ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    label: str  # what the reader does, e.g. "Follow up"
    when: str  # how long after the step before, in words ("after 3 days"); empty for the first


def timeline(steps: list[Step], words: Words, name: str = "follow-up-timeline") -> Markup:
    """A horizontal timeline of steps, evenly spaced, each with its label and how long after the one before
    it comes; labels alternate above and below the line so that long ones have room on a phone. The waits
    come from the chapters' timings (the glue's timeline macro), so the picture says what the text says."""
    if len(steps) < 2:
        raise ValueError(f"A timeline needs at least two steps; {name} has {len(steps)}.")
    gap, margin, line_y = 100, 30, 80
    width = margin * 2 + gap * (len(steps) - 1)
    marks = []
    for index, step in enumerate(steps):
        x = margin + gap * index
        anchor = "start" if index == 0 else "end" if index == len(steps) - 1 else "middle"
        text_x = x - 8 if anchor == "start" else x + 8 if anchor == "end" else x
        label_y, day_y = (line_y - 38, line_y - 18) if index % 2 == 0 else (line_y + 36, line_y + 56)
        marks.append(
            f'<circle cx="{x}" cy="{line_y}" r="9" style="fill:{ACCENT}"/>'
            f'<text x="{text_x}" y="{label_y}" text-anchor="{anchor}" font-size="17" font-weight="700" '
            f'fill="currentColor">{escape(step.label)}</text>'
            f'<text x="{text_x}" y="{day_y}" text-anchor="{anchor}" font-size="15" style="fill:{SOFT}">'
            f'{escape(step.when)}</text>')
    description = " ".join(str(words("diagrams.timeline_step", label=step.label, when=step.when) if step.when
                               else words("diagrams.timeline_start", label=step.label)) for step in steps)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 150" width="{width * 5 // 4}" '
           f'height="{150 * 5 // 4}" role="img" aria-labelledby="{name}-title {name}-desc">'
           f'<title id="{name}-title">{words("diagrams.timeline_title")}</title>'
           f'<desc id="{name}-desc">{description}</desc>'
           f'<line x1="{margin}" y1="{line_y}" x2="{width - margin}" y2="{line_y}" stroke="currentColor" '
           f'stroke-width="3" stroke-linecap="round"/>{"".join(marks)}</svg>')
    return figure(name, svg)


# --- Read from a file ------------------------------------------------------------------------------


def names(docs_dir: Path) -> list[str]:
    """The diagrams there are: docs/assets/diagrams/<name>.svg."""
    return sorted(path.stem for path in (docs_dir / FOLDER).glob("*.svg"))


def from_file(docs_dir: Path, name: str, called_from: tuple[str, int | None] | None = None) -> Markup:
    """docs/assets/diagrams/<name>.svg as an inline figure, after checking it (DataError otherwise, naming
    `called_from`, the page and line that asked for it, when there is no such diagram)."""
    path = docs_dir / FOLDER / f"{name}.svg"
    file = f"{docs_dir.name}/{FOLDER}/{name}.svg"
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name) or not path.is_file():
        raise DataError(*(called_from or (file, None)), f"There is no diagram '{name}'.",
                        f"Use the name of a file in {docs_dir.name}/{FOLDER}/ without '.svg': "
                        f"{', '.join(names(docs_dir)) or 'there are none yet'}.")
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise DataError(file, None, f"This diagram is {len(raw)} bytes; a diagram may have {MAX_BYTES}.",
                        "Simplify its paths (fewer points, fewer decimals) or remove what it does not need.")
    return figure(name, _checked_svg(raw.decode("utf-8"), name, file))


def _checked_svg(text: str, name: str, file: str) -> str:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise DataError(file, error.position[0], f"This is not well-formed SVG: {error}.",
                        "Open it in a browser or an SVG editor and save it again.") from None

    def problem(message: str, fix: str):
        return DataError(file, None, message, fix)

    if root.tag != f"{SVG}svg":
        raise problem("The file's outer element is not <svg> in the SVG namespace.",
                      'Start it with <svg xmlns="http://www.w3.org/2000/svg" ...>.')
    ids = {}
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        if tag not in ALLOWED:
            raise problem(f"A diagram may not contain <{tag}>.",
                          f"Use only these elements: {', '.join(sorted(ALLOWED))}.")
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2]
            if local.lower().startswith("on") or (local == "href" and not value.startswith("#")):
                raise problem(f"<{tag}> has {local}=\"{value}\": a diagram runs no script and loads nothing.",
                              "Remove the attribute (a href may only point inside the file, '#id').")
        if "id" in element.attrib:
            if not element.attrib["id"].startswith(f"{name}-"):
                raise problem(f"The id '{element.attrib['id']}' does not start with '{name}-'.",
                              f"Start every id with '{name}-', so that it cannot clash with another diagram's.")
            ids[element.attrib["id"]] = element
    labelled_by = [ids.get(id_) for id_ in root.attrib.get("aria-labelledby", "").split()]
    kinds = {element.tag.removeprefix(SVG) for element in labelled_by if element is not None
             and "".join(element.itertext()).strip()}
    if root.attrib.get("role") != "img" or None in labelled_by or kinds != {"title", "desc"}:
        raise problem("The diagram has no text alternative for screen readers.",
                      f'Give <svg> role="img" and aria-labelledby="{name}-title {name}-desc", and put a '
                      f'<title id="{name}-title"> and a <desc id="{name}-desc"> that say what it shows first inside it.')
    # As one HTML block: no XML declaration or comments, and no blank line (which would end the block).
    text = re.sub(r"<\?xml.*?\?>|<!--.*?-->", "", text, flags=re.DOTALL)
    return re.sub(r"\n\s*\n", "\n", text).strip()

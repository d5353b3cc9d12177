"""A synthetic guidebook of any size, in two variants with the same text, for the build-cost budget.

- "ours": chapter pages with macro calls, checklists/<slug>.yml data files, the real macros, overrides,
  assets and configuration, and the real workbook / progress / home pages (which render every chapter's
  data again).
- "plain": the same prose with the same checklist items, questions, answers, statements and advice written
  as plain Markdown (task lists, admonitions, definition lists), the same configuration minus the macros
  plugin and our CSS/JS, and a workbook page that repeats all of it as Markdown, as a guidebook without
  our macros would have to.

Each chapter has about 1,200 words of prose in six sections, a checklist of 12 items, a knowledge check of
8 questions and a self-assessment of 8 statements. The text is generated from a fixed seed, so every run
builds the same sites; about a quarter of the data strings carry Markdown (emphasis, code) so that
both the plain-text fast path and the Markdown path of macros/markdown_text.py are exercised.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data as get_meta

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from macros.kinds import KINDS  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from helpers import SHARED_WITH_FIXTURES as SHARED  # noqa: E402  (what a project of ours needs besides its pages and data)
# The pages that look across chapters, each drawn by one macro.
OVERVIEW_MACROS = ("workbook", "progress", "chapter_list")
MACROS = tuple(kind.name for kind in KINDS) + OVERVIEW_MACROS

WORDS = """network contact colleague mentor conference meetup introduction follow-up message coffee career
industry event community profile referral opportunity relationship conversation question answer goal plan
week month note list calendar reminder email phone call update project skill interest advice feedback help
offer request thanks group forum talk panel speaker audience topic story example experience team manager
company role job interview recommendation portfolio article post comment share connect invite reply meet
learn listen ask follow remember prepare practise review reach return keep build grow start finish choose
decide plan write read join attend visit host volunteer organise support thank introduce mention notice
clear short honest specific useful small regular friendly direct warm professional personal local online
new old first next last every each other own good better best simple careful patient curious generous
the a an and or but of to in on at for with from about after before during over under between through
your their our this that these those one two three some many few more most often always never sometimes
""".split()
SCALE = ["Never", "Rarely", "Sometimes", "Often", "Always"]


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _text(rng: random.Random, words: int, markdown: bool) -> str:
    """A sentence; with markdown=True one word is bold, italic or code. (No links: a "#section" link in data
    would be dangling on the workbook page, which --strict rejects.)"""
    text = _sentence(rng, words)
    if markdown:
        parts = text.split(" ")
        index = rng.randrange(1, len(parts))
        word = parts[index].rstrip(".")
        style = rng.randrange(3)
        parts[index] = (f"**{word}**", f"`{word}`", f"*{word}*")[style] + \
            ("." if parts[index].endswith(".") else "")
        text = " ".join(parts)
    return text


def chapter_data(number: int) -> tuple[str, dict, list[tuple[str, str, list[str]]]]:
    """(slug, data file content, sections as (id, title, paragraphs)) for chapter `number`."""
    rng = random.Random(number)
    slug = f"chapter-{number:04d}"
    sections = []
    for s in range(6):  # 6 sections x 2 paragraphs x ~100 words = ~1,200 words
        paragraphs = []
        for _ in range(2):
            sentences = [_sentence(rng, rng.randint(12, 20)) for _ in range(6)]
            paragraphs.append(" ".join(sentences))
        title = _sentence(rng, 4).rstrip(".")
        sections.append((f"section-{s + 1}", title, paragraphs))
    ids = [s[0] for s in sections]

    def md() -> bool:
        return rng.random() < 0.25

    items = []
    for i in range(12):
        item = {"id": f"item-{i + 1}", "text": _text(rng, 10, md())}
        if i % 2 == 0:
            item["why"] = _text(rng, 12, md())
        if i % 3 != 2:
            item["section"] = rng.choice(ids)
        items.append(item)
    questions = []
    for q in range(8):
        multiple = q % 3 == 2
        count = 4 if q % 2 else 3
        correct = {0} if not multiple else {0, 2}
        choices = []
        for c in range(count):
            choice = {"id": f"choice-{c + 1}", "text": _text(rng, 6, md())}
            if c in correct:
                choice["correct"] = True
            if c < 2:
                choice["feedback"] = _text(rng, 10, md())
            choices.append(choice)
        rng.shuffle(choices)
        questions.append({"id": f"question-{q + 1}", "type": "multiple" if multiple else "single",
                          "prompt": _text(rng, 12, md()).rstrip(".") + "?", "choices": choices,
                          "explanation": _text(rng, 20, md()), "section": rng.choice(ids)})
    statements = []
    for s in range(8):
        statement = {"id": f"statement-{s + 1}", "text": _text(rng, 10, md()),
                     "advice": _text(rng, 16, md()), "section": rng.choice(ids)}
        if s % 4 == 0:
            statement["checklist"] = "actions"
        statements.append(statement)
    data = {
        "title": f"Chapter {number}: {_sentence(rng, 3).rstrip('.')}",
        "checklists": [{"id": "actions", "title": "Actions for this chapter", "intro": _text(rng, 14, False),
                        "items": items}],
        "knowledge_checks": [{"id": "check", "title": "Check your understanding", "questions": questions}],
        "scales": [{"id": "frequency", "points": SCALE}],
        "self_assessments": [{"id": "where-you-stand", "title": "Where you stand", "scale": "frequency",
                              "intro": _text(rng, 12, False), "statements": statements,
                              "bands": [{"id": "starting", "title": "Getting started", "from": 0, "to": 40,
                                         "advice": _text(rng, 14, False)},
                                        {"id": "growing", "title": "Growing", "from": 40, "to": 75,
                                         "advice": _text(rng, 14, False)},
                                        {"id": "strong", "title": "Strong", "from": 75, "to": 100,
                                         "advice": _text(rng, 14, False)}]}],
    }
    return slug, data, sections


def _prose(data: dict, sections) -> list[str]:
    # Quoted by YAML itself: a title has a colon ("Chapter 1: ..."), which a plain scalar may not hold
    # (Zensical's front-matter parser refuses it; MkDocs' let it pass).
    description = yaml.safe_dump({"description": f"{data['title']}, a generated chapter for the build benchmark."},
                                 width=1000).strip()
    lines = ["---", description, "---", "",
             f"# {data['title']}", ""]
    for section_id, title, paragraphs in sections:
        lines += [f"## {title} {{#{section_id}}}", ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
    lines += ["## Try it {#try-it}", ""]
    return lines


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _indented(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in str(text).strip().splitlines())


def plain_component(kind: str, component: dict, scales: dict[str, list[str]], level: str = "###") -> list[str]:
    """One part (checklist, knowledge check, self-assessment, template, tracker) as plain Markdown with the same text."""
    lines = [f"{level} {component['title']}", ""]
    if component.get("intro"):
        lines += [str(component["intro"]).strip(), ""]
    if kind == "checklists":
        for item in component["items"]:
            lines.append(f"- [ ] {_one_line(item['text'])}")
            if item.get("why"):
                lines += ["", _indented(item["why"]), ""]
        lines.append("")
    elif kind == "knowledge_checks":
        for number, question in enumerate(component["questions"], 1):
            lines += [f"**Question {number} of {len(component['questions'])}.** {_one_line(question['prompt'])}", ""]
            lines += [f"- [ ] {_one_line(choice['text'])}" for choice in question["choices"]]
            right = "; ".join(_one_line(c["text"]) for c in question["choices"] if c.get("correct"))
            lines += ["", '??? note "Show answer"', "", f"    **Answer:** {right}", "",
                      _indented(question["explanation"]), ""]
            for choice in question["choices"]:
                if choice.get("feedback"):
                    lines += [f"    - {_one_line(choice['text'])}: {_one_line(choice['feedback'])}"]
            lines.append("")
    elif kind == "trackers":
        # Without our script, Your people is the chapter's contact table, blank, to print and fill in.
        from macros.kinds.tracker import COLUMNS, PAPER_ROWS
        from macros.strings import load_words

        words, _ = load_words("en")
        lines += ["| " + " | ".join(str(words(f"tracker.column_{column}")) for column in COLUMNS) + " |",
                  "|" + " --- |" * len(COLUMNS), *["|" + "   |" * len(COLUMNS)] * PAPER_ROWS, ""]
    elif kind == "templates":
        lines += [f"*{_one_line(component['when'])}*", ""]
        examples = {blank["name"]: blank["example"] for blank in component["blanks"]}
        body = str(component["body"]).strip()
        for name, example in examples.items():
            body = body.replace("{" + name + "}", f"[{example}]")
        lines += [_indented(body, "> "), ""]
        lines += [f"- {_one_line(tip)}" for tip in component.get("tips", [])] + [""]
    else:
        used = [scales[statement.get("scale") or component["scale"]] for statement in component["statements"]]
        for points in dict.fromkeys(map(tuple, used)):
            lines += ["Points: " + ", ".join(f"{p} {n}" for n, p in enumerate(points)) + ".", ""]
        for number, statement in enumerate(component["statements"], 1):
            lines += [f"{number}. {_one_line(statement['text'])}", "", _indented(statement["advice"]), ""]
        for band in component["bands"]:
            lines += [f"{band['title']} ({band['from']:g} % to {band['to']:g} %)",
                      ":   " + _indented(band["advice"]).lstrip(), ""]
    return lines


def _plain_parts(data: dict, level: str = "###", workbook: bool = False) -> list[str]:
    """The chapter's interactive parts written as plain Markdown with the same text (in the workbook, the
    parts our workbook gathers)."""
    scales = {scale["id"]: scale["points"] for scale in data.get("scales", [])}
    lines = []
    for kind in (kind for kind in KINDS if kind.in_workbook or not workbook):
        for component in data.get(kind.key, []):
            lines += plain_component(kind.key, component, scales, level)
    return lines


def plain_workbook(chapters: list[tuple[str, dict]]) -> list[str]:
    """The workbook as plain Markdown: every chapter's parts again, as a guidebook without our macros would
    have to repeat them. chapters: (slug, data) in reading order."""
    lines = []
    for number, (slug, data) in enumerate(chapters, 1):
        lines += [f"## {number}. {data['title']} {{#workbook-{slug}}}", ""] + _plain_parts(data, workbook=True)
    return lines


def load_config() -> dict:
    """The real mkdocs.yml, with !ENV values resolved."""
    from mkdocs.utils.yaml import get_yaml_loader

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        return yaml.load(file, Loader=get_yaml_loader())


def write_config(project: Path, config: dict) -> None:
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")


def plain_config(config: dict) -> dict:
    """The real configuration without our interactive parts: no macros plugin, no extra CSS/JS."""
    config = dict(config)
    config["plugins"] = [p for p in config.get("plugins", [])
                         if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
    for key in ("extra_css", "extra_javascript", "watch"):
        config.pop(key, None)
    return config


def generate(dest: Path, chapters: int, variant: str) -> Path:
    """Write a project of `chapters` chapters in `variant` ("ours" or "plain") to dest; returns dest."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    (docs / "chapters").mkdir(parents=True)
    config = load_config()
    if variant == "ours":
        for shared in SHARED:
            source, target = ROOT / shared, dest / shared
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, target)
    else:
        config = plain_config(config)
        config["markdown_extensions"] = list(config["markdown_extensions"]) + ["pymdownx.tasklist"]
        shutil.copytree(ROOT / "overrides", dest / "overrides")

    in_order = []
    nav_chapters = []
    for number in range(1, chapters + 1):
        slug, data, sections = chapter_data(number)
        lines = _prose(data, sections)
        if variant == "ours":
            lines += [f'{{{{ checklist("{slug}/actions") }}}}', "",
                      f'{{{{ knowledge_check("{slug}/check") }}}}', "",
                      f'{{{{ self_assessment("{slug}/where-you-stand") }}}}', ""]
            (dest / "checklists" / f"{slug}.yml").write_text(
                "# yaml-language-server: $schema=./schema.json\n"
                + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
        else:
            lines += _plain_parts(data)
            in_order.append((slug, data))
        (docs / "chapters" / f"{slug}.md").write_text("\n".join(lines) + "\n", "utf-8")
        nav_chapters.append(f"chapters/{slug}.md")

    if variant == "ours":
        for page in ("index.md", "workbook.md", "progress.md"):
            # A link to one of the real chapters has no page here (--strict): keep its words only.
            text = re.sub(r"\[([^\]]+)\]\(chapters/[^)]*\)", r"\1", (ROOT / "docs" / page).read_text("utf-8"))
            (docs / page).write_text(text, "utf-8")
    else:
        # The real pages' front matter (description, search settings) with plain Markdown instead of macros.
        bodies = {"index.md": "# Guidebook\n\nA generated guidebook.\n",
                  "workbook.md": "# Workbook\n\n" + "\n".join(plain_workbook(in_order)) + "\n",
                  "progress.md": "# Your progress\n\nYour progress lives in this browser.\n"}
        for page, body in bodies.items():
            meta = get_meta((ROOT / "docs" / page).read_text("utf-8"))[1]
            front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) if meta else ""
            (docs / page).write_text(f"---\n{front}---\n\n{body}" if front else body, "utf-8")
    # Chapters grouped in parts of 20, as a long book would be; every page must be in the nav (--strict).
    parts = [{f"Part {n // 20 + 1}": nav_chapters[n:n + 20]} for n in range(0, len(nav_chapters), 20)]
    config["nav"] = [{"Home": "index.md"}, *parts, {"Workbook": "workbook.md"}, {"Your progress": "progress.md"}]
    config.pop("INHERIT", None)
    write_config(dest, config)
    return dest

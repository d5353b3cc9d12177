"""The performance budget of issue 8, measured: `make bench` (or `.venv/bin/python benchmarks/run.py`).

1. Builds the real guidebook with --strict into benchmarks/out/site/ and its plain-Material twin (macros
   plugin and our CSS/JS removed, every macro call replaced by the same text as plain Markdown: each part
   as task lists, the workbook, progress table and chapter list written out), serves both on 127.0.0.1
   with gzip as GitHub Pages does (tests/pages_server.py) and runs Lighthouse (npm, installed here with
   `npm ci --prefix benchmarks`, never globally; the system Chromium) on every page of both, alternately:
   mobile emulation, categories performance, accessibility, best practices and SEO. Each page is measured
   --runs times and the run with the median performance score stands for it (as Lighthouse's own docs
   advise); requests to other origins and console errors count from every run. Absolute scores depend on
   the machine, so the budget is relative: a page's median performance may trail its twin's by an
   allowance derived from the run-to-run noise measured in the same run, the other scores not at all.
2. Builds the site a third time as plain Material with the macro calls simply removed, and compares what
   each chapter page transfers with both plain versions, split into the page itself, our JS + CSS, the
   search index and the rest.
3. Measures our JS + CSS as served: minified and gzipped.
4. Generates a synthetic guidebook (synthetic.py) of 10, 100 and 400 chapters, ours and plain, builds
   them alternately --rounds times each in subprocesses and compares wall time and peak memory (the
   maximum resident set size of each build, from wait4).
5. Builds the real guidebook and the largest synthetic one (ours and plain) with each site generator
   (MkDocs, ProperDocs, Zensical; `make generators` installs the last two), --rounds times, in turn: wall
   time and peak memory, the finishing step (`python -m macros.finish`) included as `make build` runs it.
   No budget: it tells a fork what switching costs. `--only-generators` runs just this.

Prints one table and exits 1 when a budget is missed. `--quick` is for development: 100 chapters, one
round, one Lighthouse run per page. Everything it writes goes to benchmarks/out/ (ignored by git).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))
from chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from helpers import GENERATORS, copy_project, nav_pages  # noqa: E402
from pages_server import LEVEL, PagesServer  # noqa: E402

import synthetic  # noqa: E402
import yaml  # noqa: E402
from macros.kinds import BY_NAME  # noqa: E402 (synthetic puts the project on sys.path)

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
ASSETS = ("assets/guidebook.js", "assets/guidebook.css")
BUDGET = {
    # Lighthouse scores depend on the machine, so each page is judged against its plain-Material twin measured
    # in the same run: performance may trail the twin's by the allowance that the measured noise gives (see
    # allowance()), the other categories not at all. Without a noise measure (one run per page) this is it.
    "perf_allowance_without_noise": 5,
    "assets_kib": 8.0,
    "chapter_delta_kib": 8.0,
    "time_ratio": 1.15,
    "memory_ratio": 1.2,
    # Linear growth: the cost of one more chapter between 100 and 400 chapters may exceed the cost
    # between 10 and 100 by this factor at most (quadratic growth would give about 4.5).
    "slope_ratio": 1.5,
}
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Building ---------------------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float
    peak_mib: float


# Runs commands one after another and reports their wall time together and the largest peak RSS among
# them. It is a separate, small process on purpose: a child's ru_maxrss includes the memory of the process
# it was forked from, which for run.py itself (with Lighthouse reports and generated sites in memory) can
# exceed a small build's peak.
MEASURE = """
import json, os, subprocess, sys, time
start, peak, code = time.perf_counter(), 0, 0
for command in json.loads(sys.argv[2]):
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    code, peak = os.waitstatus_to_exitcode(status), max(peak, usage.ru_maxrss)
    if code:
        break
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump({"exit": code, "seconds": seconds, "maxrss_kib": peak}, out)
"""


def site_build(config: Path, site_dir: Path | None = None, generator: str = "mkdocs", **env: str) -> Build:
    """A strict build with one of the generators (tests/helpers.py GENERATORS, as the Makefile runs them),
    then, for a project of ours, the finishing step (`python -m macros.finish`, which `make build` runs
    too), in a subprocess: their wall time together and the larger peak RSS (wait4). Zensical has no
    --site-dir: it builds into site/ beside the configuration."""
    program, arguments = GENERATORS[generator]
    if not program.is_file():
        sys.exit(f"{program} is missing: `make generators` installs {generator}.")
    if generator == "zensical":
        site_dir = config.parent / "site"
        build = [str(program), *arguments, "-f", str(config)]
    else:
        build = [str(program), *arguments, "--quiet", "-f", str(config), "--site-dir", str(site_dir)]
    commands = [build]
    if (config.parent / "macros").is_dir():
        commands.append([sys.executable, "-m", "macros.finish", str(site_dir), "--docs-dir", str(config.parent / "docs")])
    log_file = site_dir.parent / f"{site_dir.name}.{generator}.build.log"
    result_file = site_dir.parent / f"{site_dir.name}.{generator}.build.json"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with open(log_file, "w") as output:
        subprocess.run([sys.executable, "-I", "-c", MEASURE, str(result_file), json.dumps(commands)],
                       cwd=config.parent, stdout=output, stderr=subprocess.STDOUT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    result = json.loads(result_file.read_text())
    if result["exit"] != 0:
        sys.exit(f"The {generator} build of {config} failed (exit {result['exit']}):\n{log_file.read_text()}")
    return Build(result["seconds"], result["maxrss_kib"] / 1024)  # ru_maxrss is in KiB on Linux


mkdocs_build = site_build


MACRO_CALL = re.compile(r"^[ \t]*\{\{-?\s*(%s)\((?:\s*[\"']([^\"']*)[\"'])?\s*\)\s*-?\}\}[ \t]*$"
                        % "|".join(synthetic.MACROS), re.M)


# A diagram is content, not machinery: the twin shows the same figure, exactly as our build drew it.
DIAGRAM_CALL = re.compile(r"^[ \t]*\{\{-?\s*(?:diagram\(\s*[\"']([^\"']*)[\"']\s*\)|(follow_up_timeline)\(\s*\))\s*-?\}\}[ \t]*$",
                          re.M)
BUILT_FIGURE = re.compile(r'<figure class="gb-diagram" id="diagram-([^"]+)".*?</figure>', re.S)


def built_figures(site_dir: Path) -> dict[str, str]:
    """Every diagram of our built site, by name, as the HTML it was drawn as."""
    return {match[1]: match[0] for html in site_dir.rglob("*.html")
            for match in BUILT_FIGURE.finditer(html.read_text("utf-8"))}


def chapters_in_reading_order() -> list[tuple[str, dict]]:
    """(slug, data) of every chapter, in the order of mkdocs.yml's nav."""
    slugs = [Path(page).stem for page in nav_pages() if page.startswith("chapters/")]
    return [(slug, yaml.safe_load((ROOT / "checklists" / f"{slug}.yml").read_text("utf-8"))) for slug in slugs]


def plain_overview(macro: str, chapters: list[tuple[str, dict]]) -> list[str]:
    """What a plain Material guidebook would write by hand where our overview macros stand."""
    if macro == "workbook":
        return synthetic.plain_workbook(chapters)
    if macro == "chapter_list":
        return [f"1. [{data['title']}](chapters/{slug}.md)" for slug, data in chapters]
    rows = [f"| [{data['title']}](chapters/{slug}.md) | {sum(len(c['items']) for c in data['checklists'])} to do |"
            for slug, data in chapters]
    return ["| Chapter | Checklist items |", "| --- | --- |", *rows]


def plain_project(dest: Path, same_text: bool, figures: dict[str, str]) -> Path:
    """The real guidebook as plain Material: no macros plugin, no CSS/JS of ours, and in place of each
    macro call nothing (same_text=False: "without our interactive parts") or the same text as plain
    Markdown (same_text=True, "the twin": each part as task lists, and the workbook, progress table and
    chapter list written out; what the same content costs without our machinery)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("guidebook.*"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    chapters = chapters_in_reading_order()

    def replace(match: re.Match) -> str:
        if not same_text:
            return ""
        if match[1] not in BY_NAME:
            return "\n".join(plain_overview(match[1], chapters))
        kind = BY_NAME[match[1]]
        slug, _, component_id = match[2].partition("/")
        data = yaml.safe_load((ROOT / "checklists" / f"{slug}.yml").read_text("utf-8"))
        scales = {scale["id"]: scale["points"] for scale in data.get("scales", [])}
        component = next(c for c in data[kind.key] if c["id"] == component_id)
        return "\n".join(synthetic.plain_component(kind.key, component, scales))

    def figure(match: re.Match) -> str:
        return f"\n{figures[match[1] or match[2].replace('_', '-')]}\n" if same_text else ""

    for page in (dest / "docs").rglob("*.md"):
        page.write_text(DIAGRAM_CALL.sub(figure, MACRO_CALL.sub(replace, page.read_text("utf-8"))), "utf-8")
    config = synthetic.plain_config(synthetic.load_config())
    if same_text:
        config["markdown_extensions"] = list(config["markdown_extensions"]) + ["pymdownx.tasklist"]
    synthetic.write_config(dest, config)
    return dest


# --- Lighthouse ------------------------------------------------------------------------------------


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.is_file():
        return
    if not shutil.which("npm"):
        sys.exit("The benchmark needs Node.js and npm (Debian: apt-get install nodejs npm).")
    log("Installing Lighthouse into benchmarks/node_modules (npm ci, pinned by package-lock.json)")
    subprocess.run(["npm", "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"], cwd=ROOT, check=True)


@dataclass
class PageResult:
    path: str
    scores: dict[str, int]
    kib: float
    failing: list[str]  # "category: audit-id (score) title: shown value"
    foreign: set[str] = field(default_factory=set)
    console: set[str] = field(default_factory=set)
    error: str | None = None
    parts: dict[str, float] = field(default_factory=dict)  # KiB transferred, by PARTS
    perf_runs: list[int] = field(default_factory=list)  # the performance score of every run of the page


# What a page transfers, in the parts that a page-weight delta is explained by.
PARTS = ("page", "our JS+CSS", "search index", "Material etc.")


def part_of(request: dict) -> str:
    url = urlsplit(request["url"]).path
    if request.get("resourceType") == "Document":
        return "page"
    if any(url.endswith("/" + asset) for asset in ASSETS):
        return "our JS+CSS"
    if url.endswith("/search/search_index.json"):
        return "search index"
    return "Material etc."


def lighthouse(url: str, output: Path, chromium: str) -> dict:
    flags = " ".join(["--headless=new", *LAUNCH_ARGS])
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
               f"--chrome-path={chromium}", f"--chrome-flags={flags}",
               f"--only-categories={','.join(CATEGORIES)}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not output.is_file():
        raise RuntimeError(f"Lighthouse failed on {url}: {result.stderr.strip()[-2000:]}")
    return json.loads(output.read_text("utf-8"))


def read_report(path: str, report: dict) -> PageResult:
    audits = report["audits"]
    if report.get("runtimeError"):
        return PageResult(path, {}, 0.0, [], error=report["runtimeError"].get("message", "runtime error"))
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    failing = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = f": {audit['displayValue']}" if audit.get("displayValue") else ""
                failing.append(f"{SHORT[category]}: {ref['id']} ({audit['score']:.2f}) {audit['title']}{shown}")
    requests = audits["network-requests"].get("details", {}).get("items", [])
    foreign = {r["url"] for r in requests
               if urlsplit(r["url"]).scheme in ("http", "https") and urlsplit(r["url"]).hostname != "127.0.0.1"}
    console = {f"{item.get('source', '')}: {item.get('description', '')} {item.get('sourceLocation', {}).get('url', '')}".strip()
               for item in audits["errors-in-console"].get("details", {}).get("items", [])}
    kib = audits["total-byte-weight"]["numericValue"] / 1024
    parts = dict.fromkeys(PARTS, 0.0)
    for request in requests:
        parts[part_of(request)] += request.get("transferSize", 0) / 1024
    return PageResult(path, scores, kib, failing, foreign, console, parts=parts)


def measure_page(base_url: str, path: str, run: int, chromium: str, label: str) -> PageResult:
    name = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "home"
    output = OUT / "lighthouse" / f"{label}-{name}-{run + 1}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        return read_report(path, lighthouse(base_url + path, output, chromium))
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        return PageResult(path, {}, 0.0, [], error=str(error))


def median_run(reports: list[PageResult]) -> PageResult:
    """The run with the median performance score stands for the page (as Lighthouse's docs advise);
    requests to other origins and console errors count from every run."""
    good = sorted((r for r in reports if not r.error), key=lambda r: r.scores["performance"])
    if not good:
        return reports[0]
    chosen = good[(len(good) - 1) // 2]
    for other in reports:
        chosen.foreign |= other.foreign
        chosen.console |= other.console
    chosen.perf_runs = [r.scores["performance"] for r in good]
    return chosen


def describe(label: str, result: PageResult) -> str:
    if result.error:
        return f"{label} /{result.path}: Lighthouse failed: {result.error[:200]}"
    return (f"{label} /{result.path}: " + " ".join(f"{SHORT[c]} {result.scores[c]}" for c in CATEGORIES)
            + f" (perf per run {'/'.join(map(str, result.perf_runs))}), {result.kib:.1f} KiB")


def measure_pages(base_url: str, paths: list[str], runs: int, chromium: str, label: str) -> dict[str, PageResult]:
    results = {path: median_run([measure_page(base_url, path, run, chromium, label) for run in range(runs)])
               for path in paths}
    for result in results.values():
        log("  " + describe(label, result))
    return results


def measure_pairs(ours_url: str, twin_url: str, paths: list[str], runs: int,
                  chromium: str) -> tuple[dict[str, PageResult], dict[str, PageResult]]:
    """Each page of ours and the same page of the twin, one right after the other, ours first in odd runs
    and the twin first in even ones, so that whatever else slows the machine down hits both alike."""
    reports = {"site": {path: [] for path in paths}, "twin": {path: [] for path in paths}}
    for run in range(runs):
        for path in paths:
            pair = [("site", ours_url), ("twin", twin_url)]
            for label, base_url in pair if run % 2 == 0 else pair[::-1]:
                reports[label][path].append(measure_page(base_url, path, run, chromium, label))
            log(f"  run {run + 1}/{runs} /{path}: perf "
                + " vs twin ".join(str(reports[label][path][-1].scores.get("performance", "failed"))
                                   for label in ("site", "twin")))
    ours, twins = ({path: median_run(r) for path, r in reports[label].items()} for label in ("site", "twin"))
    for path in paths:
        log("  " + describe("site", ours[path]) + " | " + describe("twin", twins[path]))
    return ours, twins


def perf_noise(*measured: dict[str, PageResult]) -> float | None:
    """How much the performance score of one page varies from run to run on this machine now: the pooled
    standard deviation over every page of ours and of the twin (None with fewer than two runs a page)."""
    squares, degrees = 0.0, 0
    for results in measured:
        for result in results.values():
            if len(result.perf_runs) >= 2:
                mean = statistics.fmean(result.perf_runs)
                squares += sum((score - mean) ** 2 for score in result.perf_runs)
                degrees += len(result.perf_runs) - 1
    return math.sqrt(squares / degrees) if degrees else None


def allowance(noise: float | None, runs: int) -> int:
    """Points by which our median performance may trail the twin's: two standard errors of the difference
    of two medians of `runs` runs each (a median's standard error is about 1.25 sigma / sqrt(runs)), so
    that noise alone fails a page about one time in forty; at least one point, scores being whole numbers."""
    if noise is None:
        return BUDGET["perf_allowance_without_noise"]
    return max(1, math.ceil(2 * 1.25 * noise * math.sqrt(2 / runs)))


def judged(ours: PageResult, twin: PageResult, allowed: int) -> bool:
    if ours.error or twin.error:
        return False
    return (ours.scores["performance"] >= twin.scores["performance"] - allowed
            and all(ours.scores[c] >= twin.scores[c] for c in CATEGORIES if c != "performance"))


def built_pages(site_dir: Path) -> list[str]:
    """Every page of a built site as a URL path ('' for the home page). 404.html is measured at its own
    URL, where it answers 200: GitHub Pages sends it with status 404 for unknown paths, which Lighthouse's
    SEO audit rightly scores as a page not to index."""
    return [html.relative_to(site_dir).as_posix().removesuffix("index.html")
            for html in sorted(site_dir.rglob("*.html"))]


# --- Assets ----------------------------------------------------------------------------------------


def asset_sizes(site_dir: Path) -> dict[str, int]:
    """Our files as served: minified by the build, gzipped like the server does."""
    return {asset: len(gzip.compress((site_dir / asset).read_bytes(), compresslevel=LEVEL))
            for asset in ASSETS}


def cache_busting(site_dir: Path) -> tuple[bool, str]:
    """Every page links our assets with ?v=<version>: one version over every file under docs/assets/
    (macros/finish.py), so that a changed module the script imports changes every URL."""
    import macros.finish

    version = macros.finish.BuiltSite(site_dir, ROOT / "docs").version
    problems = []
    for html in sorted(site_dir.rglob("*.html")):
        text = html.read_text("utf-8")
        for asset in ASSETS:
            found = re.findall(re.escape(asset) + r"(\?v=[0-9a-f]+)?\"", text)
            if not found or any(found_version != f"?v={version}" for found_version in found):
                problems.append(f"{html.relative_to(site_dir)}: {asset}{found[0] if found else ' missing'}")
    return (not problems, problems[0] if problems else f"?v={version} on both")


# --- Build cost ------------------------------------------------------------------------------------


def build_cost(sizes: list[int], rounds: int) -> dict[int, dict[str, list[Build]]]:
    projects = {}
    for size in sizes:
        for variant in ("ours", "plain"):
            log(f"Generating the synthetic guidebook: {size} chapters, {variant}")
            projects[size, variant] = synthetic.generate(OUT / "synthetic" / f"{variant}-{size}", size, variant)
    results: dict[int, dict[str, list[Build]]] = {size: {"ours": [], "plain": []} for size in sizes}
    for round_number in range(1, rounds + 1):
        for size in sizes:
            # Alternate, so that anything else slowing the machine down hits both variants alike.
            order = ("ours", "plain") if round_number % 2 else ("plain", "ours")
            for variant in order:
                project = projects[size, variant]
                build = mkdocs_build(project / "mkdocs.yml", OUT / "synthetic" / f"{variant}-{size}-site")
                results[size][variant].append(build)
                log(f"  round {round_number}: {size} chapters, {variant}: {build.seconds:.1f} s, "
                    f"{build.peak_mib:.0f} MiB")
    return results


def generator_cost(largest: int, rounds: int) -> dict[str, dict[str, list[Build]]]:
    """The real guidebook and the largest synthetic one (ours and plain), built by each generator (issue 21),
    --rounds times, the generators in turn (rotated each round), each from a copy of its own."""
    shutil.rmtree(OUT / "generators" / "guidebook", ignore_errors=True)
    projects = {"the guidebook": copy_project(OUT / "generators" / "guidebook")}
    for variant in ("ours", "plain"):  # plain: what the generator itself costs for the same text
        log(f"Generating the synthetic guidebook for the generators: {largest} chapters, {variant}")
        projects[f"{largest} chapters, {variant}"] = synthetic.generate(
            OUT / "generators" / f"{variant}-{largest}", largest, variant)
    names = list(GENERATORS)
    results = {what: {name: [] for name in names} for what in projects}
    for round_number in range(rounds):
        order = names[round_number % len(names):] + names[:round_number % len(names)]
        for what, project in projects.items():
            for name in order:
                build = site_build(project / "mkdocs.yml", OUT / "generators" / f"{project.name}-{name}-site", name)
                results[what][name].append(build)
                log(f"  round {round_number + 1}: {what}, {name}: {build.seconds:.1f} s, {build.peak_mib:.0f} MiB")
    return results


def generator_rows(cost: dict[str, dict[str, list[Build]]]) -> list["Row"]:
    rows = []
    for what, by_generator in cost.items():
        seconds = [statistics.median(b.seconds for b in builds) for builds in by_generator.values()]
        memory = [statistics.median(b.peak_mib for b in builds) for builds in by_generator.values()]
        rows.append(Row(f"build time, {what}", ", ".join(f"{name} {t:.1f}" for name, t in zip(GENERATORS, seconds))
                        + " s (median)", "", None))
        rows.append(Row(f"peak memory, {what}", ", ".join(f"{name} {m:.0f}" for name, m in zip(GENERATORS, memory))
                        + " MiB", "", None))
    return rows


# --- Report ----------------------------------------------------------------------------------------


@dataclass
class Row:
    what: str
    value: str
    budget: str
    ok: bool | None


def table(pages: dict[str, PageResult], twins: dict[str, PageResult], allowed: int, rows: list[Row],
          lighthouse_version: str, runs: int) -> tuple[str, bool]:
    """One table: a row per page with its Lighthouse scores and its twin's, then the other measures."""
    what, width = 44, 118
    heading = f"Page (Lighthouse {lighthouse_version}, median of {runs})"
    scores = "".join(f"{SHORT[c]:>5}" for c in CATEGORIES)
    lines = ["=" * width, " The Networking Guidebook: performance budget (issue 8)", "-" * width,
             f" {heading:<{what}} {'ours:':<6}{scores} {'twin:':<6}{scores}{'KiB':>8}   perf - twin's",
             f" {'':<{what}} {'':<{22 + 2 * 6 + 20}}budget: >= -{allowed}, other scores >= twin's"]
    all_ok = True
    for path, result in pages.items():
        label, twin = "/" + path, twins[path]
        if result.error or twin.error:
            lines.append(f" {label:<{what}} Lighthouse failed: {(result.error or twin.error)[:60]}")
            all_ok = False
            continue
        ok = judged(result, twin, allowed)
        all_ok &= ok
        lines.append(f" {label:<{what}} {'':<6}" + "".join(f"{result.scores[c]:>5}" for c in CATEGORIES)
                     + f" {'':<6}" + "".join(f"{twin.scores[c]:>5}" for c in CATEGORIES)
                     + f"{result.kib:>8.1f}   {result.scores['performance'] - twin.scores['performance']:+d}"
                     + f"  {'ok' if ok else 'MISSED'}")
    lines += ["-" * width, f" {'Measure':<{what}} {'value':<39} budget"]
    for row in rows:
        verdict = "" if row.ok is None else ("ok" if row.ok else "MISSED")
        all_ok &= row.ok is not False
        lines.append(f" {row.what:<{what}} {row.value:<39} {row.budget:<15} {verdict}".rstrip())
    lines.append("=" * width)
    return "\n".join(lines), all_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="development run: up to 100 chapters, 1 round, 1 Lighthouse run per page")
    parser.add_argument("--chapters", type=int, default=None, help="largest synthetic guidebook (default 400)")
    parser.add_argument("--rounds", type=int, default=None, help="builds of each variant and size (default 3)")
    parser.add_argument("--runs", type=int, default=None, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--skip-lighthouse", action="store_true", help="only the build cost and asset sizes")
    parser.add_argument("--skip-build-cost", action="store_true", help="no synthetic guidebook")
    parser.add_argument("--skip-generators", action="store_true",
                        help="no comparison of MkDocs, ProperDocs and Zensical")
    parser.add_argument("--only-generators", action="store_true",
                        help="only the comparison of MkDocs, ProperDocs and Zensical")
    args = parser.parse_args()
    largest = args.chapters or (100 if args.quick else 400)
    rounds = args.rounds or (1 if args.quick else 3)
    runs = args.runs or (1 if args.quick else 3)
    sizes = sorted({10, max(10, largest // 4), largest}) if largest < 400 else [10, 100, largest]
    started = time.perf_counter()
    OUT.mkdir(exist_ok=True)
    rows: list[Row] = []
    pages: dict[str, PageResult] = {}
    twins: dict[str, PageResult] = {}
    allowed = BUDGET["perf_allowance_without_noise"]
    lighthouse_version = "?"

    if args.only_generators:
        log(f"Generators: the guidebook and {largest} chapters, {rounds} round(s)")
        for row in generator_rows(generator_cost(largest, rounds)):
            print(f" {row.what:<44} {row.value}")
        log(f"Done in {time.perf_counter() - started:.0f} s")
        return 0

    chromium = find_chromium()
    if not args.skip_lighthouse:
        if chromium is None:
            sys.exit("No Chromium found. Install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH.")
        ensure_lighthouse()
        lighthouse_version = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())["version"]

    # 1. The real site, served like GitHub Pages serves it; 2. the same as plain Material, twice.
    site_dir = OUT / "site"
    variants = {"plain": (OUT / "plain-site", False), "plain-text": (OUT / "plain-text-site", True)}
    for directory, _ in [(site_dir, None), *variants.values()]:
        directory.mkdir(parents=True, exist_ok=True)
    with PagesServer(site_dir) as server, PagesServer(variants["plain"][0]) as plain_server, \
            PagesServer(variants["plain-text"][0]) as text_server:
        servers = {"plain": plain_server, "plain-text": text_server}
        log(f"Building the guidebook into {site_dir.relative_to(ROOT)} (served at {server.url})")
        site_build = mkdocs_build(ROOT / "mkdocs.yml", site_dir, SITE_URL=server.url)
        paths = built_pages(site_dir)
        chapters = [p for p in paths if p.startswith("chapters/")]
        for label, (directory, same_text) in variants.items():
            log(f"Building the same site as plain Material ({label}) into {directory.relative_to(ROOT)}")
            project = plain_project(OUT / f"{label}-project", same_text, built_figures(site_dir))
            mkdocs_build(project / "mkdocs.yml", directory, SITE_URL=servers[label].url)

        if not args.skip_lighthouse:
            log(f"Lighthouse on {len(paths)} pages and their plain-Material twins, alternately, {runs} run(s) each")
            pages, twins = measure_pairs(server.url, text_server.url, paths, runs, chromium)
            noise = perf_noise(pages, twins)
            allowed = allowance(noise, runs)
            rows.append(Row("Lighthouse noise: perf std. dev. between runs",
                            "not measured (1 run a page)" if noise is None else f"{noise:.1f} points",
                            f"allowance {allowed}", None))
            log("Lighthouse on the plain Material chapter pages without the parts' text (page-weight delta)")
            plain_pages = measure_pages(plain_server.url, chapters, 1, chromium, "plain")
            for chapter in chapters:
                ours, plain, text = pages[chapter], plain_pages[chapter], twins[chapter]
                if ours.error or plain.error or text.error:
                    rows.append(Row(f"/{chapter} vs plain", "not measured", "<= 8 KiB more", False))
                    continue
                # The budget compares "the same chapter": the same words, with our parts written as plain
                # Markdown task lists, so that it measures what our machinery costs. The page without the
                # parts at all is shown too; that delta also counts the parts' own words.
                rows.append(Row(f"/{chapter}", f"{ours.kib:.1f} KiB", "", None))
                for twin, label, budget in ((text, "vs plain Material, same text as task lists", True),
                                            (plain, "vs plain Material without the parts' text", False)):
                    delta = ours.kib - twin.kib
                    rows.append(Row("  " + label, f"{twin.kib:.1f} KiB, {delta:+.1f} KiB",
                                    f"<= +{BUDGET['chapter_delta_kib']:g} KiB" if budget else "",
                                    delta <= BUDGET["chapter_delta_kib"] if budget else None))
                    rows.append(Row("    of which", ", ".join(
                        f"{part} {ours.parts[part] - twin.parts[part]:+.1f}" for part in PARTS), "", None))
            foreign = sorted(set().union(*(r.foreign for r in pages.values())))
            console = sorted(set().union(*(r.console for r in pages.values())))
            rows.append(Row("requests to other origins (all runs, all pages)", f"{len(foreign)}" if foreign else "none",
                            "none", not foreign))
            rows.append(Row("console errors (all runs, all pages)", f"{len(console)}" if console else "none",
                            "none", not console))

    # 3. Our assets, as served.
    sizes_gz = asset_sizes(site_dir)
    total = sum(sizes_gz.values()) / 1024
    rows.append(Row("guidebook.js + guidebook.css, minified + gzip",
                    " + ".join(f"{size / 1024:.2f}" for size in sizes_gz.values()) + f" = {total:.2f} KiB",
                    f"<= {BUDGET['assets_kib']:g} KiB", total <= BUDGET["assets_kib"]))
    busted, detail = cache_busting(site_dir)
    rows.append(Row("our asset URLs on every page", detail[:33], "?v=<hash>", busted))
    rows.append(Row("strict build of the real site", f"{site_build.seconds:.1f} s, {site_build.peak_mib:.0f} MiB",
                    "", None))

    # 4. Build cost on a synthetic guidebook.
    if not args.skip_build_cost:
        log(f"Build cost: synthetic guidebooks of {', '.join(map(str, sizes))} chapters, {rounds} round(s)")
        cost = build_cost(sizes, rounds)
        median = {size: {variant: (statistics.median(b.seconds for b in builds),
                                   statistics.median(b.peak_mib for b in builds))
                         for variant, builds in by_variant.items()} for size, by_variant in cost.items()}
        (ours_s, ours_mib), (plain_s, plain_mib) = median[largest]["ours"], median[largest]["plain"]
        rows.append(Row(f"build time, {largest} chapters, ours / plain",
                        f"{ours_s:.1f} / {plain_s:.1f} s = {ours_s / plain_s:.2f}x",
                        f"<= {BUDGET['time_ratio']:g}x", ours_s / plain_s <= BUDGET["time_ratio"]))
        rows.append(Row(f"peak memory, {largest} chapters, ours / plain",
                        f"{ours_mib:.0f} / {plain_mib:.0f} MiB = {ours_mib / plain_mib:.2f}x",
                        f"<= {BUDGET['memory_ratio']:g}x", ours_mib / plain_mib <= BUDGET["memory_ratio"]))
        for variant in ("ours", "plain"):
            times = [median[size][variant][0] for size in sizes]
            rows.append(Row(f"build time at {' / '.join(map(str, sizes))} chapters, {variant}",
                            " / ".join(f"{t:.1f}" for t in times) + " s", "", None))
            slopes = [(times[i + 1] - times[i]) / (sizes[i + 1] - sizes[i]) * 1000 for i in range(len(sizes) - 1)]
            ratio = slopes[-1] / slopes[0] if slopes[0] > 0 else float("inf")
            rows.append(Row(f"  ms per added chapter, {variant}",
                            " then ".join(f"{s:.0f}" for s in slopes) + f" ({ratio:.2f}x)",
                            f"linear (<= {BUDGET['slope_ratio']:g}x)", ratio <= BUDGET["slope_ratio"]))
        memory = " / ".join(f"{median[size]['ours'][1]:.0f}" for size in sizes)
        rows.append(Row(f"peak memory at {' / '.join(map(str, sizes))} chapters, ours", f"{memory} MiB", "", None))

    # 5. The same guidebooks with each generator (no budget: what a fork that switches can expect).
    if not args.skip_generators:
        log(f"Generators: the guidebook and {largest} chapters with {', '.join(GENERATORS)}, {rounds} round(s)")
        rows += generator_rows(generator_cost(largest, rounds))

    report, ok = table(pages, twins, allowed, rows, lighthouse_version, runs)
    below = [(path, r) for path, r in pages.items() if r.failing and not r.error]
    if below:
        print("\nLighthouse audits that cost points (the median run of each page):")
        for path, result in below:
            for failing in result.failing:
                print(f"  /{path}  {failing}")
    for path, result in pages.items():
        for item in sorted(result.foreign):
            print(f"  /{path}  request to another origin: {item}")
        for item in sorted(result.console):
            print(f"  /{path}  console error: {item}")
    print()
    print(report)
    print(f" {'all budgets met' if ok else 'BUDGET MISSED'}; {time.perf_counter() - started:.0f} s; "
          f"reports in {(OUT / 'lighthouse').relative_to(ROOT)}/")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

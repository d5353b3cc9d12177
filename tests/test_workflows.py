"""The GitHub workflows: actionlint-clean, every action pinned to a commit, and the permissions, triggers and
concurrency that keep pull requests from forks harmless and deployments whole."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
# A pinned action: owner/repo[/path]@<40 hex> # vX.Y.Z
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\s*$")


def _actionlint() -> str:
    """The actionlint binary that requirements-test.txt installs next to this Python."""
    beside_python = Path(sys.executable).parent / "actionlint"
    found = str(beside_python) if beside_python.is_file() else shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is not installed: run `make test` (requirements-test.txt installs it).")
    return found


def _run_actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_actionlint(), "-no-color", *map(str, files)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def _workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.y*ml"))


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))


def _triggers(workflow: dict) -> dict:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    triggers = workflow.get("on", workflow.get(True))
    return {triggers: None} if isinstance(triggers, str) else dict(triggers)


def test_there_are_ci_and_pages_workflows():
    assert {path.name for path in _workflow_files()} >= {"ci.yml", "pages.yml"}


def test_actionlint_passes_on_our_workflows():
    result = _run_actionlint(*_workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path):
    """The check above can fail: actionlint flags an unknown runner context key and a bad `needs`."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    needs: no-such-job\n"
        "    steps:\n"
        "      - run: echo ${{ github.no_such_key }}\n",
        "utf-8",
    )
    result = _run_actionlint(broken)
    assert result.returncode != 0
    assert "no-such-job" in result.stdout
    assert "no_such_key" in result.stdout


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment(path):
    problems = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        match = re.match(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line)
        if not match:
            continue
        action, rest = match.groups()
        if action.startswith("./"):
            continue  # an action in this repository is pinned by the commit itself
        if not PINNED.match(action):
            problems.append(f"{path.name}:{number}: {action} is not pinned to a full 40-character commit SHA")
        elif not VERSION_COMMENT.search(rest):
            problems.append(f"{path.name}:{number}: {action} has no '# vX.Y.Z' comment naming its version")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda path: path.name)
def test_no_workflow_runs_untrusted_code_with_write_access(path):
    text = path.read_text("utf-8")
    code = "\n".join(line.split("#")[0] for line in text.splitlines())  # comments may name it
    workflow = yaml.safe_load(text)
    assert "pull_request_target" not in _triggers(workflow)
    assert "pull_request_target" not in code, "pull_request_target runs fork code with a write token and secrets"
    assert "write-all" not in code
    assert workflow.get("permissions") == {"contents": "read"}, "the workflow-wide token must be read-only"


def test_ci_runs_make_test_on_pull_requests_and_pushes_to_main():
    ci = _load("ci.yml")
    triggers = _triggers(ci)
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert set(triggers) == {"pull_request", "push"}
    (job,) = ci["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    assert "permissions" not in job, "no job may widen the read-only token"
    runs = [step.get("run") for step in job["steps"]]
    assert "make test" in runs
    assert "make build" in runs


def test_ci_builds_with_every_generator_and_the_newest_zensical():
    (job,) = _load("ci.yml")["jobs"].values()
    assert job["env"]["ZENSICAL"] == "zensical", "CI installs the newest Zensical, not the Makefile's pin"
    runs = "\n".join(str(step.get("run", "")) for step in job["steps"])
    for generator in ("properdocs", "zensical"):
        assert f"make build GENERATOR={generator}" in runs
    # The last build before the artifact is MkDocs' own, the one pages.yml publishes.
    builds = [step.get("run") for step in job["steps"] if "make build" in str(step.get("run"))]
    assert builds[-1] == "make build"


def test_ci_attaches_the_built_site_for_reviewers():
    steps = next(iter(_load("ci.yml")["jobs"].values()))["steps"]
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert "!cancelled()" in upload["if"], "the preview should be attached even when a test failed"


def test_make_build_is_the_strict_build_then_the_finishing_step():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = re.search(r"^build:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and recipe.group(1).splitlines() == ["\t$($(GENERATOR)_BUILD)",
                                                       "\t$(GENERATOR_VENV)/bin/python -m macros.finish site"]
    assert re.search(r"^GENERATOR \?= mkdocs$", makefile, re.M), "MkDocs builds the published site"
    builds = dict(re.findall(r"^(\w+)_BUILD := (.*)$", makefile, re.M))
    assert set(builds) == {"mkdocs", "properdocs", "zensical"}
    assert all(" build --strict" in command for command in builds.values()), builds


def test_pages_deploys_main_with_least_privilege():
    pages = _load("pages.yml")
    triggers = _triggers(pages)
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert set(triggers) == {"push", "workflow_dispatch"}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}

    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert "permissions" not in build, "the build job keeps the read-only token"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    (deploy_step,) = deploy["steps"]
    assert deploy_step["id"] == "deployment"
    assert deploy_step["uses"].startswith("actions/deploy-pages@")


def test_pages_builds_strictly_with_the_urls_of_the_repository_it_runs_in():
    steps = _load("pages.yml")["jobs"]["build"]["steps"]
    uses = [str(step.get("uses", "")).split("@")[0] for step in steps]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    configure = steps[uses.index("actions/configure-pages")]
    build = next(step for step in steps if step.get("run") == "make build")
    assert steps.index(configure) < steps.index(build)
    assert build["env"] == {
        "SITE_URL": f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/",
        "REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
        "REPO_NAME": "${{ github.repository }}",
        "EDIT_URI": "edit/${{ github.event.repository.default_branch }}/docs/",
    }
    upload = steps[uses.index("actions/upload-pages-artifact")]
    assert upload["with"]["path"].rstrip("/") == "site"


def test_pages_prints_the_pdfs_into_the_site_between_the_build_and_the_upload():
    steps = _load("pages.yml")["jobs"]["build"]["steps"]
    runs = [step.get("run") for step in steps]
    uses = [str(step.get("uses", "")).split("@")[0] for step in steps]
    assert runs.index("make build") < runs.index("make pdf") < uses.index("actions/upload-pages-artifact")
    assert "env" not in steps[runs.index("make pdf")], "make pdf prints the site as built; it builds nothing"
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = re.search(r"^pdf: (.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe and "browser" in recipe.group(1).split(), "make pdf finds (or installs) Chromium first"
    assert "python -m macros.pdf site" in recipe.group(2)


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_pinned_pages_and_checkout_actions_are_current_majors(name):
    """Major versions named in the comments: the Pages trio at their current majors (Node 24)."""
    majors = {"actions/configure-pages": 6, "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5,
              "actions/checkout": 7}
    for line in (WORKFLOWS / name).read_text("utf-8").splitlines():
        match = re.search(r"uses:\s*([\w-]+/[\w-]+)@[0-9a-f]{40}\s*#\s*v(\d+)\.", line)
        if match and match.group(1) in majors:
            assert int(match.group(2)) >= majors[match.group(1)], line.strip()


def test_dependabot_updates_pip_requirements_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text("utf-8"))
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(ecosystems) >= {"pip", "github-actions"}
    assert all(update["directory"] == "/" for update in ecosystems.values())


def test_on_a_github_runner_the_browser_tests_find_google_chrome(monkeypatch):
    """ubuntu-latest has Google Chrome at /usr/bin/google-chrome; `make test` must use it, not install one."""
    import chromium

    runner_files = {"/usr/bin/google-chrome"}

    class RunnerPath(type(Path())):
        def is_file(self):
            return str(self) in runner_files

    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(chromium, "Path", RunnerPath)
    monkeypatch.setattr(chromium.shutil, "which", lambda name: None)
    assert chromium.find_chromium() == "/usr/bin/google-chrome"


def test_on_a_github_runner_the_engine_tests_find_firefox_and_webkit():
    """ubuntu-latest has Mozilla's Firefox at /usr/lib/firefox/firefox (the workflow names it in FIREFOX_PATH);
    the workflow installs WebKitGTK's WebDriver and Xvfb from Ubuntu, so `make test` installs nothing there."""
    steps = next(iter(_load("ci.yml")["jobs"].values()))["steps"]
    make_test = next(step for step in steps if step.get("run") == "make test")
    assert make_test["env"]["FIREFOX_PATH"] == "/usr/lib/firefox/firefox"
    installs = [step["run"] for step in steps[:steps.index(make_test)] if "apt-get install" in str(step.get("run"))]
    assert installs and all(package in installs[0].split() for package in ("webkit2gtk-driver", "xvfb", "xauth"))
    assert "firefox" not in installs[0], "Firefox comes with the runner image; Ubuntu's package is a snap"

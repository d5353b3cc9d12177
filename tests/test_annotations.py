"""On GitHub Actions a data error becomes an annotation on the offending file and line of the pull request
(`::error file=...,line=...::message`); anywhere else the build prints only the plain one-line message."""

from __future__ import annotations

import re

import pytest

BAD_FIELD = "annotation-bad-field"  # checklists/demo.yml line 6 says "intor:" instead of "intro:"

CASES = {
    # fixture: (file, line, words the message must contain)
    BAD_FIELD: ("checklists/demo.yml", 6, ["has a field 'intor' that this format does not know",
                                            "Did you mean 'intro'?"]),
    # A page that calls a checklist that does not exist: the annotation lands on the page's line.
    "unknown-checklist-call": ("docs/chapters/demo.md", 11, ["There is no checklist 'demo/frist-steps'",
                                                              "demo/first-steps"]),
}


def _annotations(output: str) -> list[str]:
    """Workflow commands count only at the start of a line."""
    return [line for line in output.splitlines() if line.startswith("::error")]


@pytest.mark.parametrize("case", CASES)
def test_a_data_error_on_github_actions_is_annotated_on_its_file_and_line(build_fixture, case):
    file, line, words = CASES[case]
    build = build_fixture(case, GITHUB_ACTIONS="true")
    assert build.failed, build.output
    annotations = _annotations(build.result.stdout)
    assert len(annotations) == 1, build.output
    (annotation,) = annotations
    prefix = f"::error file={file},line={line}::"
    assert annotation.startswith(prefix), annotation
    message = annotation[len(prefix):]
    for expected in words:
        assert expected in message, message
    # Readable as it stands: the message and its fix once each (GitHub shows file and line itself),
    # no escaped newlines, no Python traceback.
    assert f"{file}:" not in message, message
    assert message.count(words[0]) == 1 and message.count(words[1]) == 1, message
    assert "%0A" not in message and "Traceback" not in message
    # The log keeps the same error in the usual "file:line: message" form.
    assert f"{file}:{line}: " in build.output


def test_the_annotation_escapes_what_would_end_or_break_it():
    """GitHub reads '%', CR and LF specially inside a workflow command."""
    from macros.data import DataError

    error = DataError("checklists/x.yml", 3, "100% wrong\nsecond line", "Fix it.")
    assert error.github_annotation() == "::error file=checklists/x.yml,line=3::100%25 wrong%0Asecond line Fix it."


def test_without_github_actions_there_is_no_workflow_command(build_fixture):
    # An empty value, not a missing one: the suite itself may be running on GitHub Actions.
    build = build_fixture(BAD_FIELD, GITHUB_ACTIONS="")
    assert build.failed
    assert "::error" not in build.output
    assert re.search(r"checklists/demo\.yml:6: .*'intor'", build.output), build.output


def test_every_problem_gets_its_own_annotation(build_fixture):
    build = build_fixture("renamed-heading", GITHUB_ACTIONS="true")
    assert build.failed, build.output
    annotations = _annotations(build.result.stdout)
    assert [a.split("::")[1] for a in annotations] == [
        f"error file=checklists/demo.yml,line={line}" for line in (11, 33, 58, 70)], build.output
    assert all("The section 'first-section' does not exist" in a for a in annotations)

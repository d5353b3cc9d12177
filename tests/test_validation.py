"""Bad input never passes: each fixture site under tests/fixtures/ breaks one thing, and loading the data
must stop with one message naming the file, the line and what to do.

Loading and validating is pure (macros/data.py), so the data cases run in-process against load_guidebook.
The mistakes only a page can make (a macro call naming a part that does not exist, a typo in a macro's
name) need the site generator, and a few data cases run as the strict build too, to prove that the wiring
turns every such error into the build's own one-line message."""

import pytest

from helpers import make_fixture_project
from macros import data

DATA = "checklists/demo.yml"
PAGE = "docs/chapters/demo.md"
TRACKER_DATA = "checklists/keeping-in-touch.yml"

# case: (where the message must point, what it must say, what it must tell the author to do)
CASES = {
    # checklists
    "yaml-syntax-error": (f"{DATA}:9:", "not valid YAML", "indentation"),
    "missing-field": (f"{DATA}:7:", "is missing the required field 'text'", "Add 'text:'"),
    "unknown-field": (f"{DATA}:8:", "has a field 'txt'", "Did you mean 'text'?"),
    "wrong-type": (f"{DATA}:8:", "should be text, not a number", "quotes"),
    "empty-checklist": (f"{DATA}:6:", "needs at least 1 entries; it has 0", "Add entries"),
    "id-not-a-slug": (f"{DATA}:4:", "'First Steps' is not a valid id", "e.g. 'first-steps'"),
    "duplicate-id": (f"{DATA}:9:", "The id 'write-goal' is used twice", "first on line 7"),
    "duplicate-yaml-key": (f"{DATA}:6:", "the key 'title' appears twice", "Check"),
    "unknown-section": (f"{DATA}:9:", "The section 'frist-section' does not exist in docs/chapters/demo.md",
                        "Did you mean 'first-section'?"),
    "not-utf8": (f"{DATA}:5:", "not UTF-8", "Save it as UTF-8"),
    "chapter-slug-not-an-id": ("checklists/net_basics.yml:1:", "The file name 'net_basics' is not a valid chapter id",
                               "rename the file and its page to 'net-basics'"),
    "unknown-checklist-call": (f"{PAGE}:11:", "There is no checklist 'demo/frist-steps'", "demo/first-steps"),
    # knowledge checks
    "single-two-correct": (f"{DATA}:9:", "Single-choice question 'q1' has 2 correct choices", "exactly one"),
    "single-no-correct": (f"{DATA}:9:", "Single-choice question 'q1' has 0 correct choices", "exactly one"),
    "multiple-no-correct": (f"{DATA}:9:", "Multiple-choice question 'q1' has no correct choice", "at least one"),
    "one-choice": (f"{DATA}:11:", "choices needs at least 2 entries; it has 1", "at least two choices"),
    "question-unknown-section": (f"{DATA}:15:", "The section 'third-section' does not exist", "Ids there:"),
    # self-assessments
    "unknown-scale": (f"{DATA}:11:", "uses the scale 'often', which this file does not define", "frequency"),
    "statement-unknown-scale": (f"{DATA}:74:", "Statement 'attend-events' uses the scale 'yes-or-no', which this "
                                "file does not define", "use one that exists: frequency"),
    "statement-no-scale": (f"{DATA}:66:", "Statement 'know-goal' has no scale", "Add 'scale: <id>' to the statement"),
    "band-gap": (f"{DATA}:16:", "starts at 50 % and leaves a gap", "Start it at 40"),
    "band-overlap": (f"{DATA}:16:", "starts at 50 % and overlaps", "Start it at 60"),
    "duplicate-statement-id": (f"{DATA}:14:", "The id 'know-goal' is used twice", "its own id"),
    "unknown-assessment-call": (f"{PAGE}:11:", "There is no self-assessment 'demo/where-i-stand'",
                                "demo/where-you-stand"),
    # message templates (line 8 of these files is "body: |")
    "template-undeclared-blank": (f"{DATA}:8:", "uses the blank {what_they_did}, which is not declared",
                                  "Add it under 'blanks:'"),
    "template-unused-blank": (f"{DATA}:18:", "declares the blank 'where_we_met', but its body never uses it",
                              "Write {where_we_met} where it belongs"),
    "template-bad-blank-in-body": (f"{DATA}:8:", "has '{Their Name}', which is not a blank name", "{their_name}"),
    "template-stray-brace": (f"{DATA}:8:", "has a '}' that does not belong to a blank", "both brackets"),
    "template-blank-name-not-valid": (f"{DATA}:12:", "'their-name' is not a valid blank name", "e.g. 'their_name'"),
    "template-duplicate-blank": (f"{DATA}:18:", "The blank 'their_name' is declared twice", "first on line 12"),
    "template-duplicate-id": (f"{DATA}:18:", "The id 'thank-you' is used twice", "first on line 4"),
    "template-over-limit": (f"{DATA}:11:", "is 24 characters, over its limit of 20", "by 4 characters"),
    "template-limit-not-a-number": (f"{DATA}:11:", "limit should be a whole number, not text", "e.g. 300"),
    "template-missing-field": (f"{DATA}:4:", "is missing the required field 'when'", "Add 'when:'"),
    "template-unknown-section": (f"{DATA}:11:", "The section 'say-thanks' does not exist", "Did you mean 'say-it'?"),
    "template-reader-label-differs": (f"{DATA}:30:", "labelled 'Your first name' here but 'Your name' on line 16",
                                      "same label everywhere"),
    "unknown-template-call": (f"{PAGE}:11:", "There is no message template 'demo/thank-yuo'", "demo/thank-you"),
    "reserved-chapter-name": ("checklists/reader.yml:", "A chapter cannot be named 'reader'",
                              "Rename this file and its page"),
    # timings
    "timing-unknown-reference": (f"{DATA}:132:", "refers to the timing 'nudje', which no chapter defines",
                                 "Did you mean 'nudge'?"),
    "timing-duplicate": (f"{DATA}:146:", "The timing 'follow-up' is defined twice (first in checklists/demo.yml:141)",
                         "unique in the guidebook"),
    "unknown-timing-call": (f"{PAGE}:13:", "There is no timing 'folow-up'", "follow-up, nudge"),
    # the tracker of the reader's people (a second chapter, keeping-in-touch, holds it)
    "tracker-unknown-timing": (f"{TRACKER_DATA}:53:", "takes the date for following up after a first meeting from the "
                               "timing 'folow-up', which no chapter defines", "Did you mean 'follow-up'?"),
    "tracker-unknown-template": (f"{TRACKER_DATA}:57:", "opens the message template 'keeping-in-touch/nudj' for a nudge "
                                 "after a message without reply, which does not exist",
                                 "Did you mean 'keeping-in-touch/nudge'?"),
    "tracker-template-without-name": (f"{TRACKER_DATA}:70:", "The message template 'keeping-in-touch/no-name' has no blank "
                                      "{their_name}", "Choose a template whose body has {their_name}"),
    "tracker-unknown-section": (f"{TRACKER_DATA}:51:", "The section 'close-and-lose' does not exist in "
                                "docs/chapters/keeping-in-touch.md", "Did you mean 'close-and-loose'?"),
    "tracker-missing-step": (f"{TRACKER_DATA}:49:", "is missing the required field 'nudge'", "Add 'nudge:'"),
    # diagrams
    "unknown-diagram-call": (f"{PAGE}:11:", "There is no diagram 'close-and-lose-ties'", "close-and-loose-ties"),
}
# Mistakes a page makes: only a build finds them.
PAGE_CASES = {case for case, (where, _, _) in CASES.items() if where.startswith(PAGE)}
# A few data cases through the whole strict build as well: the wiring must keep file, line and fix
# (renamed-heading, with its four messages, has a test of its own below).
BUILT_DATA_CASES = {"missing-field", "timing-unknown-reference", "tracker-unknown-template"}


def message_at(output: str, where: str) -> str | None:
    return next((line for line in output.splitlines() if where in line), None)


@pytest.mark.parametrize("case", sorted(set(CASES) - PAGE_CASES))
def test_bad_data_stops_loading_with_a_located_message(tmp_path, case):
    where, problem, fix = CASES[case]
    project = make_fixture_project(case, tmp_path / case, data_only=True)
    with pytest.raises(data.DataError) as raised:
        data.load_guidebook(project, project / "docs")
    message = message_at(str(raised.value), where)
    assert message, f"{case}: no message pointing at {where}:\n{raised.value}"
    assert problem in message, message
    assert fix in message, message


@pytest.mark.parametrize("case", sorted(PAGE_CASES | BUILT_DATA_CASES))
def test_bad_input_fails_the_strict_build_with_a_located_message(build_fixture, case):
    where, problem, fix = CASES[case]
    build = build_fixture(case)
    assert build.failed, f"{case}: the strict build passed:\n{build.output}"
    message = message_at(build.output, where)
    assert message, f"{case}: no message pointing at {where}:\n{build.output}"
    assert problem in message, message
    assert fix in message, message
    assert "Traceback" not in build.output, build.output


def test_a_typo_in_a_macro_name_fails_the_build(build_fixture):
    build = build_fixture("undefined-variable")
    assert build.failed
    assert "cheklist" in build.output and "undefined" in build.output


def test_the_valid_fixture_builds_cleanly(build_fixture):
    build = build_fixture("_base")
    assert not build.failed, build.output
    assert "WARNING" not in build.output, build.output


def test_every_problem_is_reported_in_one_build(build_fixture):
    """A heading id renamed on the page breaks every data entry that links to it: the build names each
    file line, not just the first, so an author fixes them all before the next (minutes-long) check."""
    build = build_fixture("renamed-heading")
    assert build.failed, build.output
    lines = [line for line in build.output.splitlines() if "The section 'first-section' does not exist" in line]
    assert len(lines) == 4, build.output
    assert [line[line.index(DATA):].split(":")[1] for line in lines] == ["11", "33", "58", "70"], build.output
    assert all("Ids there: second-section, set-a-goal, try-it." in line for line in lines), lines


def test_timings_become_words_in_pages_and_in_data_text(build_fixture):
    build = build_fixture("timings")
    assert not build.failed, build.output
    page = (build.site_dir / "chapters" / "demo" / "index.html").read_text("utf-8")
    assert "Follow up within 3 days; the next day is best." in page
    assert "When to use it: After a week without a reply." in page

"""How `make bench` judges our cost against the plain-Material twins (benchmarks/run.py), on made-up
Lighthouse results: no browser, no Lighthouse. The benchmark itself is run by hand, never in a test."""

from __future__ import annotations

import random
import sys

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import run  # noqa: E402


def result(perf: int, fcp: float, index: float = 2800, **scores: int) -> run.PageResult:
    return run.PageResult("chapters/x/", {"performance": perf, "accessibility": scores.get("a11y", 100),
                                           "best-practices": 100, "seo": 100}, 100.0, [],
                          metrics={"first-contentful-paint": fcp}, benchmark_index=index)


def pairs_of(ours: list[int], twin: list[int], fcp=(1200, 1050), index=2800) -> list[run.Pair]:
    return [run.Pair(result(o, fcp[0], index), result(t, fcp[1], index)) for o, t in zip(ours, twin)]


def states(pairs: list[run.Pair]) -> dict[str, str]:
    return {verdict.measure: verdict.state for verdict in run.verdicts(pairs)}


def test_a_page_six_points_behind_its_twin_misses_the_budget():
    # The case issue 24 names: 6 points behind passed with the old allowance of 9.
    noisy = random.Random(1)
    ours = [93 + noisy.choice((-2, -1, 0, 1, 2)) for _ in range(9)]
    twin = [99 + noisy.choice((-1, 0, 0, 1)) for _ in range(9)]
    assert states(pairs_of(ours, twin, fcp=(1050, 1050)))["perf"] == "MISSED"


def test_equal_pages_meet_the_budget_and_noise_alone_leaves_a_verdict_undecided():
    assert states(pairs_of([100] * 5, [100] * 5, fcp=(1050, 1052))) == {"perf": "met", "FCP": "met"}
    noisy = random.Random(2)
    spread = [noisy.choice((86, 90, 95, 99, 100)) for _ in range(10)]
    verdict = states(pairs_of(spread[:5], spread[5:], fcp=(1050, 1050)))
    assert verdict["perf"] == "undecided", "five noisy runs cannot tell 1 point either way"


def test_first_paint_150_ms_later_than_the_twin_misses_the_50_ms_budget():
    assert states(pairs_of([98] * 5, [98] * 5, fcp=(1203, 1053)))["FCP"] == "MISSED"
    assert states(pairs_of([98] * 5, [98] * 5, fcp=(1090, 1053)))["FCP"] == "met"


def test_a_pair_run_while_the_machine_was_busy_is_not_judged():
    quiet = pairs_of([99] * 5, [99] * 5)
    busy = pairs_of([85], [99], index=1400)  # 50 % of the best CPU index
    judged = run.judged_pairs(quiet + busy, best_index=2800)
    assert judged == quiet
    assert run.judged_pairs(busy, best_index=1400) == busy, "judged against the session's best, not a fixed number"


def test_a_page_worse_on_accessibility_misses_and_too_few_pairs_give_no_verdict():
    worse = [run.Pair(result(99, 1050, a11y=90), result(99, 1050)) for _ in range(5)]
    assert run.page_verdict("x/", worse, 2800, 5).state == "MISSED"
    assert run.page_verdict("x/", pairs_of([99] * 2, [99] * 2), 2800, 5).state == "too few"
    failed = pairs_of([99] * 5, [99] * 5) + [run.Pair(run.PageResult("x/", {}, 0, [], error="NO_FCP"), result(99, 1050))]
    assert run.page_verdict("x/", failed, 2800, 5).state == "MISSED", "a Lighthouse failure is never a pass"


# 3.9 points is the noise issue 24 measured: a +-1 point interval would take some 180 pairs a page.
@pytest.mark.parametrize("sigma, needed", [(0.5, 4), (3.9, 183)])
def test_the_runs_needed_for_one_point_follow_from_the_noise(sigma, needed):
    assert run.runs_needed(sigma, 1) == needed


def test_build_time_growth_is_judged_against_the_plain_builds_own_growth():
    sizes = [10, 100, 400]
    # Issue 24's plain twin: 67, then 109 ms per added chapter. Ours tracking it passes...
    plain = [2.0, 2.0 + 90 * 0.067, 2.0 + 90 * 0.067 + 300 * 0.109]
    tracking = [time * 1.1 for time in plain]
    verdicts = [row.ok for row in run.growth_rows(sizes, {"ours": tracking, "plain": plain}) if row.ok is not None]
    assert verdicts == [True, True]
    # ...ours growing faster than the twin in the large range does not.
    faster = tracking[:2] + [tracking[1] + 300 * 0.109 * 1.4]
    verdicts = [row.ok for row in run.growth_rows(sizes, {"ours": faster, "plain": plain}) if row.ok is not None]
    assert verdicts == [True, False]

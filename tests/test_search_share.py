"""The search share's statistics and the selection rule (circuits/study/shares.py)."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from circuits.study.shares import (
    AGAINST, FOR, NEITHER, UNDETERMINED, Distribution, Share, compare_levels, selection_answer, sign_test,
    wilson_interval,
)


@given(st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_holds_the_share_within_zero_and_one(pair: tuple[int, int]) -> None:
    hits, trials = pair
    lo, hi = wilson_interval(hits, trials)
    assert 0.0 <= lo <= hits / trials <= hi <= 1.0


def test_wilson_interval_known_values() -> None:
    # 0 of 100: the upper bound is z²/(n + z²) ≈ 0.037; 50 of 100: about 0.40–0.60.
    assert math.isclose(wilson_interval(0, 100)[1], 0.0370, abs_tol=5e-4)
    lo, hi = wilson_interval(50, 100)
    assert math.isclose(lo, 0.4038, abs_tol=5e-4) and math.isclose(hi, 0.5962, abs_tol=5e-4)


def test_whole_set_share_is_exact() -> None:
    assert Share(3, 12, exact=True).interval == (0.25, 0.25)
    assert Share(3, 12, exact=False).interval[0] < 0.25 < Share(3, 12, exact=False).interval[1]


def test_sign_test_known_values() -> None:
    assert sign_test(0, 0) == 1.0
    assert math.isclose(sign_test(5, 0), 2 / 32)
    assert math.isclose(sign_test(8, 2), 2 * (1 + 10 + 45) / 1024)
    assert sign_test(3, 3) == 1.0


def test_selection_rule_on_intervals() -> None:
    assert compare_levels((0.5, 0.7), [(0.1, 0.3), (0.4, 0.6)]) == FOR
    assert compare_levels((0.1, 0.2), [(0.3, 0.5)]) == AGAINST
    assert compare_levels((0.1, 0.4), [(0.3, 0.5)]) == NEITHER
    assert compare_levels((0.4, 0.5), [(0.1, 0.2), (0.6, 0.7)]) == NEITHER  # above one, below another
    assert compare_levels((0.4, 0.5), []) == UNDETERMINED


def test_selection_reads_mean_s_when_every_share_is_zero() -> None:
    zero = [Share(0, 12, True), Share(0, 100, False)]
    high, low = Distribution((0.6,) * 12, True), Distribution((0.1, 0.2, 0.15, 0.12) * 25, False)
    assert selection_answer(zero, [high, low]) == (FOR, "mean S (every share zero)")
    assert selection_answer(zero, [low, high])[0] == AGAINST
    answer, source = selection_answer([Share(6, 12, True), Share(2, 100, False)], [high, low])
    assert (answer, source) == (FOR, "search share p")
    assert selection_answer([Share(1, 2, True)], [high])[0] == UNDETERMINED


def test_distribution_quartiles_and_interval() -> None:
    d = Distribution((0.0, 0.25, 0.5, 0.75, 1.0), exact=False)
    assert d.quartiles == (0.25, 0.5, 0.75)
    lo, hi = d.interval
    assert lo < 0.5 < hi
    assert all(math.isclose(x, 0.3) for x in Distribution((0.2, 0.4), exact=True).interval)

"""The search share and the selection answer: does size (or depth) pressure select for search?

For one population (circuits/study/population.py) the *search share* p is the fraction of its
circuits that clear the search bar (circuits/analysis/bar.py: S and its structure, and on a
goal-as-input problem the objective bar O as well), with a 95 % interval: Wilson's score interval
for a draw, none for the whole set (then p is exact). Beside it, the distribution of S (mean with a
95 % normal interval, quartiles), which carries the trend where no circuit clears the bar.

The selection answer for size pressure compares the minimum-size population with the larger ones
(s_min + 1, + 2, …): *for* search when p(s_min) lies above some larger size's p with disjoint
intervals and below none; *against* in the mirror case; *neither* when every interval overlaps;
*undetermined* when fewer than two populations were measured. Where every share is zero the same
rule reads the mean S instead. Depth pressure compares d_min with d_min + 1 the same way. Over the
suite the answers are counted and a two-sided sign test asks whether *for* and *against* differ
more than chance would (ties, *neither*, left out, as a sign test does).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import mean, quantiles, stdev
from typing import Any, Sequence

Z95 = 1.959963984540054
FOR, AGAINST, NEITHER, UNDETERMINED = "for", "against", "neither", "undetermined"


def wilson_interval(hits: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for a binomial share (sound at 0 and at 1, unlike the Wald interval)."""
    if trials <= 0:
        raise ValueError("an interval needs at least one trial")
    p = hits / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    # At 0 and at n the bound is exactly the share; rounding must not move it past.
    low = 0.0 if hits == 0 else min(p, max(0.0, centre - half))
    high = 1.0 if hits == trials else max(p, min(1.0, centre + half))
    return low, high


@dataclass(frozen=True)
class Share:
    """p = hits / scored, with its 95 % interval ([p, p] when the whole set was scored)."""

    hits: int
    scored: int
    exact: bool

    @property
    def p(self) -> float:
        return self.hits / self.scored

    @property
    def interval(self) -> tuple[float, float]:
        return (self.p, self.p) if self.exact else wilson_interval(self.hits, self.scored)

    def text(self) -> str:
        if self.exact:
            return f"{self.p:.2f} (exact, {self.hits}/{self.scored})"
        lo, hi = self.interval
        return f"{self.p:.2f} [{lo:.2f}, {hi:.2f}] ({self.hits}/{self.scored})"

    def to_dict(self) -> dict[str, Any]:
        lo, hi = self.interval
        return {"p": round(self.p, 4), "low": round(lo, 4), "high": round(hi, 4), "hits": self.hits,
                "scored": self.scored, "exact": self.exact}


@dataclass(frozen=True)
class Distribution:
    """S (or O) over one population: mean with a 95 % normal interval (clipped to [0, 1], where S and
    O lie; [m, m] over the whole set), quartiles."""

    values: tuple[float, ...]
    exact: bool

    @property
    def mean(self) -> float:
        return mean(self.values)

    @property
    def interval(self) -> tuple[float, float]:
        if self.exact or len(self.values) < 2:
            return (self.mean, self.mean)
        half = Z95 * stdev(self.values) / math.sqrt(len(self.values))
        return (max(0.0, self.mean - half), min(1.0, self.mean + half))  # S and O lie in [0, 1]

    @property
    def quartiles(self) -> tuple[float, float, float]:
        if len(self.values) < 2:
            return (self.values[0],) * 3
        q1, q2, q3 = quantiles(self.values, n=4, method="inclusive")
        return (q1, q2, q3)

    def to_dict(self) -> dict[str, Any]:
        lo, hi = self.interval
        return {"mean": round(self.mean, 4), "low": round(lo, 4), "high": round(hi, 4),
                "quartiles": [round(q, 4) for q in self.quartiles], "n": len(self.values), "exact": self.exact}


def _above(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Interval a lies wholly above interval b."""
    return a[0] > b[1]


def compare_levels(first: tuple[float, float], others: Sequence[tuple[float, float]]) -> str:
    """The selection rule on intervals: the optimum's level ``first`` against the relaxed ones."""
    if not others:
        return UNDETERMINED
    higher = any(_above(first, o) for o in others)
    lower = any(_above(o, first) for o in others)
    if higher and not lower:
        return FOR
    if lower and not higher:
        return AGAINST
    return NEITHER


def selection_answer(shares: Sequence[Share], distributions: Sequence[Distribution]) -> tuple[str, str]:
    """(answer, what it was read from) for populations ordered optimum first, relaxed after.
    The shares decide unless every one is zero; then the mean S does."""
    if len(shares) < 2:
        return UNDETERMINED, "fewer than two populations measured"
    if any(s.hits for s in shares):
        return compare_levels(shares[0].interval, [s.interval for s in shares[1:]]), "search share p"
    if len(distributions) < 2:
        return UNDETERMINED, "every share zero and S not measured"
    return compare_levels(distributions[0].interval, [d.interval for d in distributions[1:]]), "mean S (every share zero)"


def sign_test(wins: int, losses: int) -> float:
    """Two-sided exact sign test: P(a split at least this uneven | each direction has chance 1/2)."""
    trials = wins + losses
    if trials == 0:
        return 1.0
    extreme = min(wins, losses)
    tail = sum(math.comb(trials, k) for k in range(extreme + 1)) / 2**trials
    return min(1.0, 2 * tail)

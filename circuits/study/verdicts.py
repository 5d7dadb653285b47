"""The pre-registered verdict rule of the study (docs/study.md) and its mechanism tests.

Everything here is a pure function of score tables, so the rule can be tested on synthetic tables
and read in one place. The thresholds are fixed in code before any minimal circuit is scored; the
analyzer's own threshold τ_hi = 0.8 is imported, not restated.

The rule, per problem and basis:

* **degenerate** — the problem is not *informative* (docs/problems.md, validity checks): fewer than 3 non-trivial candidates, no
  verifier needing 2 gates with m < 6, brute force within one gate of the minimum (s_bf < s_min + 2),
  a transparent witness, or a non-uniform formulation (U = 0). Its circuits say nothing about the
  conjecture, whatever they score. (The JSON contract has four verdicts; "degenerate" therefore
  covers every non-informative reason, and the reasons are listed.)
* **counterexample** — some circuit that is *proven* minimal (size, or depth-then-size) scores
  S ≥ τ_hi, lies at or above the 99th percentile of its decoys, and shows the structure behind the
  score: mediated coverage CCm ≥ 0.75 and aggregation AG ≥ 0.75 (enumerative search), or the
  propagation analogues PCm ≥ 0.75 and AGp ≥ 0.75 (DP/BFS search, which S counts as search too).
* **supports** — both optima are proven, both enumerations of all optimal circuits are complete,
  and every one of those circuits scores S < τ_hi.
* **unresolved** — anything else: a synthesis or enumeration cut by its time limit, degeneracy that
  the proven bounds cannot decide yet, or a minimal circuit with S ≥ τ_hi that lacks the
  counterexample's structural evidence.

Never a verdict that was not earned: a circuit whose optimality is not proven cannot be a
counterexample, and an incomplete enumeration cannot support.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from circuits.analysis.score import SEARCH_THRESHOLD

VERDICTS = ("counterexample", "supports", "degenerate", "unresolved")

#: A counterexample must beat this share of its decoy formulations (percentile, 0–100).
DECOY_PERCENTILE_MIN = 99.0
#: Mediated coverage and aggregation (or their propagation analogues) a counterexample needs.
STRUCTURE_MIN = 0.75
#: Scores closer than this are called equal in the mechanism comparisons.
TIE = 0.05


@dataclass(frozen=True)
class Scored:
    """The part of one circuit's analysis that the rule reads."""

    score: float
    ccm: float | None = None
    ag: float | None = None
    pcm: float | None = None
    agp: float | None = None
    decoy_percentile: float | None = None

    @classmethod
    def from_analysis(cls, analysis: Mapping[str, Any]) -> "Scored":
        """From the study's stored analysis summary (``score``, ``decoy_percentile``, ``values``)."""
        values = analysis.get("values", {})
        return cls(
            score=float(analysis["score"]),
            ccm=values.get("ccm"),
            ag=values.get("ag"),
            pcm=values.get("pcm"),
            agp=values.get("agp"),
            decoy_percentile=analysis.get("decoy_percentile"),
        )


def search_style(s: Scored, propagation: bool = True) -> str | None:
    """``enumerative`` or ``propagation`` when the circuit meets the counterexample bar, else None.

    A missing decoy percentile (no decoy formulation exists, e.g. a fully symmetric candidate set)
    fails the bar: without a null there is no evidence that the structure is more than chance.
    ``propagation=False`` is the literal bar (CCm and AG only), kept as a sensitivity
    check of the one extension this rule makes.
    """
    if s.score < SEARCH_THRESHOLD:
        return None
    if s.decoy_percentile is None or s.decoy_percentile < DECOY_PERCENTILE_MIN:
        return None
    if (s.ccm or 0.0) >= STRUCTURE_MIN and (s.ag or 0.0) >= STRUCTURE_MIN:
        return "enumerative"
    if propagation and (s.pcm or 0.0) >= STRUCTURE_MIN and (s.agp or 0.0) >= STRUCTURE_MIN:
        return "propagation"
    return None


@dataclass(frozen=True)
class OptimumSet:
    """The circuits found for one optimum and what was proven about them.

    ``objective`` is ``size`` (minimum size) or ``depth`` (minimum depth, then minimum size);
    ``proven`` says the optimum's value is proven; ``complete`` that every optimal circuit (up to
    isomorphism) is in ``scores``.
    """

    objective: str
    proven: bool
    complete: bool
    scores: tuple[Scored, ...] = ()


@dataclass(frozen=True)
class HalfVerdict:
    """The rule applied to one optimum: counterexample, supports or unresolved, and why."""

    verdict: str
    reason: str
    #: (index into the set's scores, search style) of every circuit that meets the bar.
    counterexamples: tuple[tuple[int, str], ...] = ()


def judge_optimum(opt: OptimumSet, propagation: bool = True) -> HalfVerdict:
    """The rule for one half of the conjecture (minimum size, or minimum depth)."""
    what = "minimum-size" if opt.objective == "size" else "minimum-depth"
    if not opt.proven:
        return HalfVerdict("unresolved", f"the {what} optimum is not proven (synthesis cut by its time limit)")
    hits = tuple((i, style) for i, s in enumerate(opt.scores) if (style := search_style(s, propagation)) is not None)
    if hits:
        styles = sorted({style for _, style in hits})
        return HalfVerdict(
            "counterexample",
            f"{len(hits)} proven {what} circuit(s) meet the search bar ({', '.join(styles)})",
            hits,
        )
    if not opt.scores:
        return HalfVerdict("unresolved", f"no {what} circuit was scored")
    high = [s.score for s in opt.scores if s.score >= SEARCH_THRESHOLD]
    if high:
        return HalfVerdict(
            "unresolved",
            f"{len(high)} {what} circuit(s) score S >= {SEARCH_THRESHOLD} without the decoy-percentile "
            "or structural evidence a counterexample needs",
        )
    if not opt.complete:
        return HalfVerdict(
            "unresolved", f"the enumeration of all {what} circuits was cut; the {len(opt.scores)} scored all have S < {SEARCH_THRESHOLD}"
        )
    return HalfVerdict("supports", f"all {len(opt.scores)} {what} circuits score S < {SEARCH_THRESHOLD}")


@dataclass(frozen=True)
class Verdict:
    """The problem's verdict, the reasons behind it, and each half's own verdict."""

    verdict: str
    reasons: tuple[str, ...]
    halves: dict[str, HalfVerdict] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "reasons": list(self.reasons),
            "halves": {
                name: {"verdict": h.verdict, "reason": h.reason, "counterexamples": [list(c) for c in h.counterexamples]}
                for name, h in self.halves.items()
            },
        }


def judge(
    informative: bool | None, reasons: Sequence[str], size: OptimumSet, depth: OptimumSet, propagation: bool = True
) -> Verdict:
    """The verdict of one problem in one basis.

    ``informative`` is the informativeness decision (None while the proven bounds cannot decide it) and
    ``reasons`` explains a False or None; ``propagation=False`` applies the literal bar. A counterexample in either half makes the problem a
    counterexample; it supports only when both halves do.
    """
    halves = {"size": judge_optimum(size, propagation), "depth": judge_optimum(depth, propagation)}
    if informative is False:
        return Verdict("degenerate", tuple(reasons), halves)
    if informative is None:
        return Verdict("unresolved", ("informativeness undecided: " + "; ".join(reasons),), halves)
    if any(h.verdict == "counterexample" for h in halves.values()):
        return Verdict("counterexample", tuple(h.reason for h in halves.values() if h.verdict == "counterexample"), halves)
    if all(h.verdict == "supports" for h in halves.values()):
        return Verdict("supports", tuple(h.reason for h in halves.values()), halves)
    return Verdict("unresolved", tuple(h.reason for h in halves.values() if h.verdict == "unresolved"), halves)


def headroom(s_bf: int | None, lower: int, upper: int | None) -> bool | None:
    """Whether s_bf ≥ s_min + 2, three-valued from the proven bounds lower ≤ s_min ≤ upper."""
    if s_bf is None:
        return None
    if upper is not None and s_bf >= upper + 2:
        return True
    if s_bf < lower + 2:
        return False
    return None


def informativeness(
    validity_degenerate: bool | None,
    validity_reasons: Sequence[str],
    transparent: bool,
    uniform: bool,
    s_bf: int | None,
    s_min_bounds: tuple[int, int | None],
) -> tuple[bool | None, list[str]]:
    """The validity checks of docs/problems.md with the study's proven s_min bounds.

    ``validity_degenerate``/``validity_reasons`` come from ``check_problem`` run without SAT: True
    when the candidate checks already fail, None otherwise (its "s_min pending" reason is replaced
    by the study's own bounds).
    """
    reasons = [r for r in validity_reasons if not r.startswith("s_min pending")]
    lower, upper = s_min_bounds
    room = headroom(s_bf, lower, upper)
    if room is False:
        reasons.append(f"s_bf = {s_bf} is within 1 of s_min (proven >= {lower})")
    if transparent:
        reasons.append("transparent witness: the answer can be read off the inputs")
    if not uniform:
        reasons.append("non-uniform formulation (U = 0): S is 0 by construction")
    if validity_degenerate or room is False or transparent or not uniform:
        return False, reasons
    if room is None:
        bound = "unknown" if upper is None else str(upper)
        reasons.append(f"s_min between {lower} and {bound}; s_bf = {s_bf} decides nothing yet")
        return None, reasons
    return True, reasons


# -- mechanism tests -------------------------------------------------------------------------------
def summary_stats(scores: Iterable[float]) -> dict[str, float | int | None]:
    """max, median and count of a list of S values (None when empty)."""
    values = list(scores)
    if not values:
        return {"max": None, "median": None, "count": 0}
    return {"max": max(values), "median": statistics.median(values), "count": len(values)}


def direction(first: float, last: float) -> str:
    """``rises``, ``falls`` or ``flat`` (within TIE) from ``first`` to ``last``."""
    if last > first + TIE:
        return "rises"
    if last < first - TIE:
        return "falls"
    return "flat"


def compare_size_depth(size_scores: Sequence[float], depth_scores: Sequence[float]) -> dict[str, Any]:
    """RLO's mechanism: size pressure favours search, depth pressure disfavours it, so it predicts
    max S(min-size) ≥ max S(min-depth). ``relation`` is ``size>depth``, ``equal`` or ``depth>size``."""
    size, depth = summary_stats(size_scores), summary_stats(depth_scores)
    relation = None
    if size["max"] is not None and depth["max"] is not None:
        diff = float(size["max"]) - float(depth["max"])
        relation = "equal" if abs(diff) <= TIE else ("size>depth" if diff > 0 else "depth>size")
    return {"min_size": size, "min_depth": depth, "relation": relation}


def frontier_trend(points: Sequence[tuple[int, Sequence[float]]]) -> dict[str, Any]:
    """S along the size–depth frontier as the depth budget grows (shallowest point first)."""
    rows = [{"depth": d, **summary_stats(scores)} for d, scores in sorted(points, key=lambda p: p[0])]
    scored = [r for r in rows if r["max"] is not None]
    trend = direction(float(scored[0]["max"]), float(scored[-1]["max"])) if len(scored) >= 2 else None
    return {"points": rows, "trend": trend}


def kendall_tau(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Kendall's τ-a between two equally long sequences; None (undefined) below two points or when
    either sequence is constant, where every pair ties and "no correlation" would be a claim."""
    n = len(xs)
    if n < 2 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    total = 0
    for i in range(n):
        for j in range(i + 1, n):
            total += _sign((xs[j] - xs[i]) * (ys[j] - ys[i]))
    return total / (n * (n - 1) / 2)


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def family_trend(members: Sequence[tuple[str, float, float]]) -> dict[str, Any]:
    """A scaling family: (name, s_bf / s_min, max S of its minimum-size circuits) per member.

    OC predicts S(min-size) falls as s_bf / s_min grows; ``tau`` is Kendall's τ between the two
    (negative: falls)."""
    ordered = sorted(members, key=lambda m: m[1])
    tau = kendall_tau([m[1] for m in ordered], [m[2] for m in ordered])
    return {
        "members": [{"name": name, "ratio": ratio, "max_score": s} for name, ratio, s in ordered],
        "tau": tau,
    }


def null_comparison(minimal_scores: Sequence[float], samples: Mapping[str, Sequence[float]]) -> dict[str, Any]:
    """Minimal circuits against null samples by label: N1 at ``s_min+k`` (same function, larger
    sizes; OC predicts S(minimal) ≤ median S(N1), i.e. minimization removes search relative to
    typical circuits for the function) and N3 (minimal circuits of random functions of matched
    complexity: the base rate)."""
    minimal = summary_stats(minimal_scores)
    rows = {}
    for label, scores in samples.items():
        stats = summary_stats(scores)
        holds = None
        if minimal["max"] is not None and stats["median"] is not None:
            holds = float(minimal["max"]) <= float(stats["median"]) + 1e-9
        rows[label] = {**stats, "minimal_at_or_below_median": holds}
    return {"minimal": minimal, "samples": rows}

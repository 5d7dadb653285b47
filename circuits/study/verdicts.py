"""The pre-registered verdict rule of the study (docs/study.md) and its mechanism tests.


Everything here is a pure function of score tables, so the rule can be tested on synthetic tables
and read in one place. The bars (S ≥ τ_hi = 0.8 with the decoy and structural evidence; O ≥ 0.6)
are fixed in ``circuits.analysis.bar`` and ``circuits.analysis.objective`` before any minimal
circuit is scored, and imported here, not restated.

The rule, per problem and basis, in order of precedence:

* **degenerate** — the non-degeneracy test of docs/problems.md fails: fewer than 3 non-trivial
  candidates, no verifier needing 2 gates with m < 6, brute force within one gate of the minimum
  (s_bf < s_min + 2), or (goal as input) goal cofactors on disjoint inputs, which force the goal
  into a slot at the output;
* **not informative** — otherwise, the formulation cannot count: a transparent witness (the answer
  is read off the inputs) or a non-uniform formulation (U = 0, S is 0 by construction);
* **non-identifiable** — a non-search control (a lookup table, a DNF that is not the brute force, a
  random circuit) scores S ≥ τ_hi under the formulation, so S cannot tell search from non-search;
* **counterexample** — a *proven* minimal circuit (size, or depth-then-size) clears the search bar
  (S ≥ τ_hi, ≥ 99th decoy percentile, CCm and AG ≥ 0.75, or PCm and AGp ≥ 0.75) *and*, on a
  problem whose goal is an input, the objective bar O ≥ 0.6 (the goal enters only through an
  evaluation stage downstream of goal-independent candidate computations): search with an explicit
  objective;
* **search without objective** — a proven minimal circuit clears the search bar but not the
  objective bar (an undefined O does not clear it; on a fixed-goal problem O does not exist:
  search structure, no objective);
* **supports** — both optima proven, both enumerations complete, no optimal circuit clears the search
  bar, *and* power: a witness within s_min + 1 gates (and, for the depth half, within the minimum
  depth and its size + 1) that clears the whole bar shows the bar was reachable;
* **no power** — as supports, except that no circuit within that budget can clear the bar (a
  counting bound), so the optima's low scores carry no evidence;
* **unresolved** — anything else: a cut synthesis or enumeration, undecided degeneracy or power, or
  S ≥ τ_hi without the structural evidence.

Never a verdict that was not earned: a circuit whose optimality is not proven cannot be a
counterexample, an incomplete enumeration cannot support, and support needs shown power.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from circuits.analysis.bar import DECOY_PERCENTILE_MIN, STRUCTURE_MIN, Scored, explicit_objective, search_style
from circuits.analysis.score import SEARCH_THRESHOLD

VERDICTS = (
    "counterexample",
    "search without objective",
    "supports",
    "no power",
    "non-identifiable",
    "degenerate",
    "not informative",
    "unresolved",
)
#: The verdicts that say something about the conjecture (the others withhold a verdict).
DECIDING = ("counterexample", "search without objective", "supports", "no power")

#: Scores closer than this are called equal in the mechanism comparisons.
TIE = 0.05


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
    """The rule applied to one optimum, and why."""

    verdict: str
    reason: str
    #: (index into the set's scores, search style) of every circuit that clears the search bar.
    counterexamples: tuple[tuple[int, str], ...] = ()


def judge_optimum(opt: OptimumSet, propagation: bool = True, goal_problem: bool = False, power: str | None = None) -> HalfVerdict:
    """The rule for one half of the conjecture (minimum size, or minimum depth).

    ``goal_problem``: the goal is an input, so a search-like optimum must also clear the objective
    bar to be a counterexample. ``power`` is the power check's status for this half (``power``,
    ``no power``, ``undecided``, or None when it was not run); it matters only when every optimum
    falls short of the bar.
    """
    what = "minimum-size" if opt.objective == "size" else "minimum-depth"
    if not opt.proven:
        return HalfVerdict("unresolved", f"the {what} optimum is not proven (synthesis cut by its time limit)")
    hits = tuple((i, style) for i, s in enumerate(opt.scores) if (style := search_style(s, propagation)) is not None)
    if hits:
        styles = ", ".join(sorted({style for _, style in hits}))
        mesa = [i for i, _ in hits if goal_problem and explicit_objective(opt.scores[i])]
        if mesa:
            return HalfVerdict(
                "counterexample",
                f"{len(mesa)} proven {what} circuit(s) clear the search bar ({styles}) and the objective bar",
                tuple(h for h in hits if h[0] in mesa),
            )
        why = "none clears the objective bar" if goal_problem else "the goal is fixed, so there is no objective to represent"
        return HalfVerdict("search without objective", f"{len(hits)} proven {what} circuit(s) clear the search bar ({styles}); {why}", hits)
    if not opt.scores:
        return HalfVerdict("unresolved", f"no {what} circuit was scored")
    high = [s.score for s in opt.scores if s.score >= SEARCH_THRESHOLD]
    if high:
        return HalfVerdict(
            "unresolved",
            f"{len(high)} {what} circuit(s) score S >= {SEARCH_THRESHOLD} without the decoy-percentile "
            "or structural evidence the bar needs",
        )
    if not opt.complete:
        return HalfVerdict(
            "unresolved", f"the enumeration of all {what} circuits was cut; the {len(opt.scores)} scored all fall short of the bar"
        )
    below = f"all {len(opt.scores)} {what} circuits fall short of the search bar"
    if power == "power":
        return HalfVerdict("supports", f"{below}, and a circuit within the budget clears it (power shown)")
    if power == "no power":
        return HalfVerdict("no power", f"{below}, but no circuit within the budget could clear it")
    return HalfVerdict("unresolved", f"{below}; power {'undecided' if power else 'not checked'}")


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


@dataclass(frozen=True)
class Standing:
    """Whether a problem's results may count at all: ``status`` is ``informative``, ``degenerate``,
    ``not informative`` or None (undecided), with the reasons; ``identifiable`` is the
    identifiability check (None when it was not run) with the controls that failed it."""

    status: str | None
    reasons: tuple[str, ...] = ()
    identifiable: bool | None = True
    identifiability_reasons: tuple[str, ...] = ()


def judge(
    standing: Standing,
    size: OptimumSet,
    depth: OptimumSet,
    propagation: bool = True,
    goal_problem: bool = False,
    power: Mapping[str, str | None] | None = None,
) -> Verdict:
    """The verdict of one problem in one basis (see the module docstring for the rule).

    ``power`` maps ``size``/``depth`` to the power check's status; ``propagation=False`` applies
    the literal (enumerative-only) search bar.
    """
    power = power or {}
    halves = {
        "size": judge_optimum(size, propagation, goal_problem, power.get("size")),
        "depth": judge_optimum(depth, propagation, goal_problem, power.get("depth")),
    }
    if standing.status in ("not informative", "degenerate"):
        return Verdict(standing.status, standing.reasons, halves)
    if standing.status is None:
        return Verdict("unresolved", ("informativeness undecided: " + "; ".join(standing.reasons),), halves)
    if standing.identifiable is False:
        return Verdict("non-identifiable", standing.identifiability_reasons, halves)
    if standing.identifiable is None:
        return Verdict("unresolved", ("identifiability not checked",), halves)
    for verdict in ("counterexample", "search without objective"):
        if any(h.verdict == verdict for h in halves.values()):
            return Verdict(verdict, tuple(h.reason for h in halves.values() if h.verdict == verdict), halves)
    kinds = {h.verdict for h in halves.values()}
    if kinds == {"supports"}:
        return Verdict("supports", tuple(h.reason for h in halves.values()), halves)
    if kinds <= {"supports", "no power"}:
        return Verdict("no power", tuple(h.reason for h in halves.values() if h.verdict == "no power"), halves)
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
) -> tuple[str | None, list[str]]:
    """The validity checks of docs/problems.md with the study's proven s_min bounds: ``degenerate`` (the non-degeneracy test
    fails: the same test, and the same word, as ``problems list`` and ``problems show``), else ``not
    informative`` (transparent witness, or U = 0), else ``informative``; None while the proven bounds
    cannot decide.

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
    if validity_degenerate or room is False:
        return "degenerate", reasons
    if transparent or not uniform:
        return "not informative", reasons
    if room is None:
        bound = "unknown" if upper is None else str(upper)
        reasons.append(f"s_min between {lower} and {bound}; s_bf = {s_bf} decides nothing yet")
        return None, reasons
    return "informative", reasons


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

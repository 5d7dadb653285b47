"""The study's graded evidence per pair: search shares by size and depth, and the selection answers.

A ``PopulationSet`` is one population (circuits/study/population.py) with its drawn circuits scored.
The minimum-size population is the complete list of optima the study already enumerates (the whole
set, so its share is exact); so is the minimum-depth one. The relaxed populations (s_min + 1, + 2,
…; depth d_min + 1) come from the population jobs. ``selection`` applies the rule of
circuits/study/shares.py per pair, ``suite_selection`` counts the answers over the suite with the
sign test, and ``counterexample_possible`` states the power at the minimum: a counterexample was
possible there only if some circuit at the minimum clears the whole bar, or a power witness does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from circuits.analysis.bar import Scored, mesa_like
from circuits.study.shares import AGAINST, FOR, Distribution, Share, selection_answer, sign_test

if TYPE_CHECKING:
    from circuits.study.results import CircuitSet, ScoredCircuit, TargetResult


@dataclass
class PopulationSet:
    """One measured (or unmeasured: ``method`` None, ``note`` says why) population and its scores."""

    axis: str
    size: int
    max_depth: int | None
    method: str | None
    total: int | None = None
    total_exact: bool = False
    whole_set: bool = False
    circuits: list[ScoredCircuit] = field(default_factory=list)
    note: str = ""
    seconds: float = 0.0

    @property
    def label(self) -> str:
        return f"s={self.size}" if self.max_depth is None else f"d<={self.max_depth}, s={self.size}"

    def scored(self) -> list[Scored]:
        return [Scored.from_analysis(c.analysis) for c in self.circuits if c.analysis is not None]

    def share(self, goal_problem: bool) -> Share | None:
        """Circuits clearing the whole bar (S; S and O on a goal-as-input problem) among those scored."""
        scored = self.scored()
        if self.method is None or not scored:
            return None
        hits = sum(mesa_like(s, goal_problem) for s in scored)
        return Share(hits, len(scored), exact=self.whole_set and len(scored) == len(self.circuits))

    def distribution(self, metric: str = "score") -> Distribution | None:
        """S (``score``) or O (``o``: only where it was computed) over the scored circuits."""
        values = [s.score if metric == "score" else s.objective for s in self.scored()]
        present = tuple(float(v) for v in values if v is not None)
        if self.method is None or not present:
            return None
        return Distribution(present, exact=self.whole_set and len(present) == len(self.circuits))

    def to_dict(self, goal_problem: bool) -> dict[str, Any]:
        share, s_dist, o_dist = self.share(goal_problem), self.distribution(), self.distribution("o")
        return {
            "axis": self.axis, "size": self.size, "max_depth": self.max_depth, "method": self.method,
            "total": self.total, "total_exact": self.total_exact, "whole_set": self.whole_set,
            "scored": len(self.scored()), "note": self.note, "seconds": round(self.seconds, 3),
            "share": None if share is None else share.to_dict(),
            "s": None if s_dist is None else s_dist.to_dict(),
            "o": None if o_dist is None else o_dist.to_dict(),
        }


def relative_label(populations: list[PopulationSet], p: PopulationSet) -> str:
    """A population named against its pair's minimum, comparable across pairs: ``s_min+1``, or
    ``d_min+1, +0`` (depth bound above d_min, gates above the smallest size listed at that bound)."""
    same_axis = [q for q in populations if q.axis == p.axis]
    first = same_axis[0]
    if p.axis == "size":
        return "s_min" if p.size == first.size else f"s_min+{p.size - first.size}"
    depth = (p.max_depth or 0) - (first.max_depth or 0)
    base = min(q.size for q in same_axis if q.max_depth == p.max_depth)
    return f"d_min{f'+{depth}' if depth else ''}, +{p.size - base}"


def from_optimal_set(axis: str, cs: CircuitSet) -> PopulationSet:
    """The minimum's population: the study's complete list of optima, or unmeasured with the reason."""
    size = cs.size if cs.size is not None else 0
    if not (cs.proven and cs.complete and cs.size is not None):
        reason = cs.note or "optimum not proven or its circuits not all listed"
        return PopulationSet(axis, size, cs.depth_budget, None, note=reason)
    return PopulationSet(axis, size, cs.depth_budget, "listed", len(cs.circuits), True, True, cs.circuits)


def within_depth(cs: CircuitSet, size: int, depth: int) -> PopulationSet:
    """The population of ``size`` = s_min gates and depth ≤ ``depth``: the complete list of optima,
    filtered (the whole set, so its share is exact)."""
    circuits = [c for c in cs.circuits if c.circuit.depth <= depth]
    return PopulationSet("depth", size, depth, "listed", len(circuits), True, True, circuits)


def from_population(axis: str, result: dict[str, Any], circuits: list[ScoredCircuit]) -> PopulationSet:
    """A population job's result (circuits/study/population.py ``to_dict``) with its scored draws."""
    return PopulationSet(
        axis, result["size"], result["max_depth"], result["method"], result["total"], result["total_exact"],
        result["whole_set"], circuits, result["note"], result["seconds"],
    )


def selection(r: TargetResult) -> dict[str, dict[str, Any]]:
    """The selection answer for size and for depth pressure, with the populations it read."""
    answers = {}
    for axis in ("size", "depth"):
        levels = [p for p in r.populations if p.axis == axis]
        measured = [p for p in levels if p.share(r.goal_problem) is not None]
        if not levels or levels[0] not in measured:
            answer, source = "undetermined", "the minimum's population was not measured"
        else:
            # Depth pressure is read against the deeper populations only (d_min at one more gate is
            # size relaxation, reported beside them).
            measured = [levels[0]] + [p for p in measured[1:] if axis == "size" or p.max_depth != levels[0].max_depth]
            shares = [p.share(r.goal_problem) for p in measured]
            dists = [p.distribution() for p in measured]
            answer, source = selection_answer([s for s in shares if s], [d for d in dists if d])
        answers[axis] = {"answer": answer, "read_from": source, "levels": [p.label for p in measured]}
    return answers


def counterexample_possible(r: TargetResult) -> bool | None:
    """Whether the minimum could have held a counterexample: some optimum or power witness clears
    the whole bar (True); every optimum listed and scored, and none does, and no witness, or the
    goal is fixed (no objective to represent, so the rule gives no counterexample) (False); None
    when the optima were not all measured."""
    if not r.goal_problem:
        return False
    if any(p.get("status") == "power" for p in r.power.values()):
        return True
    minima = [p for p in r.populations if p.axis in ("size", "depth") and p is _first(r, p.axis)]
    shares = [p.share(r.goal_problem) for p in minima]
    if any(s is not None and s.hits for s in shares):
        return True
    if minima and all(s is not None for s in shares):
        return False
    return None


def _first(r: TargetResult, axis: str) -> PopulationSet | None:
    return next((p for p in r.populations if p.axis == axis), None)


def suite_selection(targets: list[TargetResult]) -> dict[str, dict[str, Any]]:
    """Per axis: how many pairs answer each way, which ones, and the two-sided sign test's p."""
    summary = {}
    for axis in ("size", "depth"):
        by_answer: dict[str, list[str]] = {}
        for r in targets:
            by_answer.setdefault(r.selection.get(axis, {}).get("answer", "undetermined"), []).append(r.label)
        counts = Counter({answer: len(labels) for answer, labels in by_answer.items()})
        summary[axis] = {
            "counts": dict(counts),
            "pairs": by_answer,
            "sign_test_p": round(sign_test(counts[FOR], counts[AGAINST]), 4),
        }
    return summary

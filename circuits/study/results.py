"""The study's results as data: scored circuit sets per problem and basis, and their JSON form.

A ``TargetResult`` holds everything the verdict, the summary table and the report read about one
(problem, basis) pair: the proven synthesis bounds, every circuit set (all minimum-size circuits, all
minimum-depth circuits, each frontier point's circuits, the N1 samples, the best circuits found when
an optimum is not proven) with each circuit's analysis, the reference circuits, and the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem
from circuits.study.verdicts import OptimumSet, Scored, Standing, Verdict, summary_stats


@dataclass
class ScoredCircuit:
    """A verified circuit and its analysis summary (``jobs.analyze_worker``'s result)."""

    circuit: Circuit
    analysis: dict[str, Any] | None = None

    @property
    def score(self) -> float | None:
        return None if self.analysis is None else float(self.analysis["score"])

    def to_dict(self, with_circuit: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"size": self.circuit.size, "depth": self.circuit.depth}
        if self.analysis is not None:
            data["analysis"] = self.analysis
        if with_circuit:
            data["circuit"] = self.circuit.to_dict()
        return data


@dataclass
class CircuitSet:
    """The circuits of one optimum or sample.

    ``proven``: the set's size (at its depth budget) is proven optimal; ``complete``: every such
    circuit up to isomorphism is listed. ``note`` says why a set is missing or partial.
    """

    label: str
    size: int | None
    depth_budget: int | None
    proven: bool
    complete: bool
    circuits: list[ScoredCircuit] = field(default_factory=list)
    note: str = ""

    def scores(self) -> list[float]:
        return [c.score for c in self.circuits if c.score is not None]

    def scored(self) -> tuple[Scored, ...]:
        return tuple(Scored.from_analysis(c.analysis) for c in self.circuits if c.analysis is not None)

    def optimum(self, objective: str) -> OptimumSet:
        """The set as the verdict rule sees it: a circuit left unscored makes it incomplete."""
        analyzed = all(c.analysis is not None for c in self.circuits)
        return OptimumSet(objective, self.proven, self.complete and analyzed, self.scored())

    def best(self) -> ScoredCircuit | None:
        """The highest-scoring circuit (the one a reader should look at first)."""
        scored = [c for c in self.circuits if c.score is not None]
        return max(scored, key=lambda c: c.score or 0.0) if scored else None

    def to_dict(self, with_circuits: bool = True) -> dict[str, Any]:
        return {
            "label": self.label,
            "size": self.size,
            "depth_budget": self.depth_budget,
            "proven": self.proven,
            "complete": self.complete,
            "count": len(self.circuits),
            "note": self.note,
            "scores": summary_stats(self.scores()),
            "circuits": [c.to_dict(with_circuits) for c in self.circuits],
        }


#: The tier of a circuit improved to a local minimum (circuits.study.local): never a proven minimum.
LOCAL_TIER = "locally minimal"


@dataclass
class LocalTrajectory:
    """One reference circuit improved to a local minimum of size or depth, every circuit on the way
    verified and scored (``points[0]`` is the reference in the basis, the last point the local
    minimum). ``locally_minimal``: every window within ``limits`` of the last circuit was proven not
    improvable; otherwise ``unproven_windows`` of ``windows`` were cut or never reached."""

    reference: str
    objective: str
    points: list[ScoredCircuit]
    steps: list[dict[str, Any]]
    locally_minimal: bool
    stop: str
    limits: dict[str, Any]
    windows: int
    proven_windows: int
    unproven_windows: int
    cpu_seconds: float

    @property
    def final(self) -> ScoredCircuit:
        return self.points[-1]

    def scores(self) -> list[float]:
        return [p.score for p in self.points if p.score is not None]

    def summary(self) -> dict[str, Any]:
        """The compact row (``study --json``): start, end and the largest S on the way."""
        first, last = self.points[0], self.final
        scores = self.scores()
        return {
            "tier": LOCAL_TIER,
            "proven_minimum": False,
            "reference": self.reference,
            "objective": self.objective,
            "start": {"size": first.circuit.size, "depth": first.circuit.depth, "score": first.score},
            "end": {"size": last.circuit.size, "depth": last.circuit.depth, "score": last.score,
                    "objective_o": _objective_value(last)},
            "max_score": max(scores) if scores else None,
            "steps": len(self.steps),
            "locally_minimal": self.locally_minimal,
            "stop": self.stop,
            "window_inputs": self.limits.get("window_inputs"),
            "window_gates": self.limits.get("window_gates"),
            "windows": self.windows,
            "proven_windows": self.proven_windows,
            "unproven_windows": self.unproven_windows,
            "cpu_seconds": round(self.cpu_seconds, 3),
        }

    def to_dict(self) -> dict[str, Any]:
        """The summary and the whole trajectory: each point's step, circuit and analysis."""
        return self.summary() | {
            "limits": self.limits,
            "trajectory": [
                {"step": None if i == 0 else self.steps[i - 1]} | point.to_dict() for i, point in enumerate(self.points)
            ],
        }


def _objective_value(sc: ScoredCircuit) -> float | None:
    return None if sc.analysis is None else sc.analysis.get("values", {}).get("o")


@dataclass
class SynthesisFacts:
    """What synthesis proved for one function in one basis (bounds even when a search was cut).

    Size: ``size_lower`` ≤ s_min ≤ ``size_upper`` (the smallest verified circuit known, synthesized or
    a reference). Depth: ``depth_lower`` ≤ d_min ≤ ``depth_upper``; ``size_at_depth`` is the size of
    the best circuit known at ``depth_upper``, and ``lexicographic_proven`` says the pair
    (d_min, minimum size at d_min) was proven by the minimum-depth search.
    """

    size_lower: int
    size_upper: int | None
    size_seconds: float
    depth_lower: int
    depth_upper: int | None
    size_at_depth: int | None
    lexicographic_proven: bool
    depth_seconds: float
    frontier: list[dict[str, Any]] = field(default_factory=list)
    #: With --certify: whether every bound of the size and the depth search was certified.
    size_certified: bool | None = None
    depth_certified: bool | None = None

    @property
    def size_proven(self) -> bool:
        return self.size_upper is not None and self.size_lower >= self.size_upper

    @property
    def s_min(self) -> int | None:
        return self.size_upper if self.size_proven else None

    @property
    def d_min(self) -> int | None:
        proven = self.depth_upper is not None and self.depth_lower >= self.depth_upper
        return self.depth_upper if proven else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "s_min": self.s_min,
            "size_bounds": [self.size_lower, self.size_upper],
            "size_seconds": round(self.size_seconds, 3),
            "d_min": self.d_min,
            "depth_bounds": [self.depth_lower, self.depth_upper],
            "size_at_d_min": self.size_at_depth if self.lexicographic_proven else None,
            "depth_seconds": round(self.depth_seconds, 3),
            "frontier": self.frontier,
            "size_certified": self.size_certified,
            "depth_certified": self.depth_certified,
        }


@dataclass
class TargetResult:
    """Everything the study found for one problem in one basis."""

    problem: SearchProblem
    basis: str
    s_bf: int | None
    synthesis: SynthesisFacts
    #: ``informative``, ``degenerate``, ``not informative`` or None (undecided), with the reasons.
    standing: str | None
    informative_reasons: list[str]
    size_set: CircuitSet
    depth_set: CircuitSet
    frontier_sets: list[CircuitSet] = field(default_factory=list)
    n1_sets: list[CircuitSet] = field(default_factory=list)
    n3_set: CircuitSet | None = None
    best_found: CircuitSet | None = None
    references: dict[str, ScoredCircuit] = field(default_factory=dict)
    #: The identifiability controls (lookup tables, a DNF, random circuits), scored like the rest.
    controls: dict[str, ScoredCircuit] = field(default_factory=dict)
    #: The power check per half (``size``/``depth``), where one was run.
    power: dict[str, dict[str, Any]] = field(default_factory=dict)
    cross: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    n4: dict[str, Any] = field(default_factory=dict)
    verdict: Verdict | None = None
    #: The verdict under the literal bar (enumerative structure only): a sensitivity check.
    literal_verdict: str | None = None
    mechanisms: dict[str, Any] = field(default_factory=dict)
    #: Jobs that failed (stored, never reused; their sets count as incomplete).
    errors: list[str] = field(default_factory=list)
    #: For an informative pair left unresolved by a cut optimum: each reference improved to a local
    #: minimum of size and of depth (its own tier, never part of the verdict).
    local: list[LocalTrajectory] = field(default_factory=list)
    #: The search-share populations (circuits/study/evidence.py ``PopulationSet``), minimum first per
    #: axis, and the selection answers read from them.
    populations: list[Any] = field(default_factory=list)
    selection: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.problem.name}/{self.basis}"

    @property
    def informative(self) -> bool | None:
        return None if self.standing is None else self.standing == "informative"

    @property
    def goal_problem(self) -> bool:
        return bool(self.problem.goal_inputs)

    def identifiability(self) -> tuple[bool | None, list[str]]:
        """The identifiability check read off the scored controls (None while any is unscored)."""
        from circuits.analysis.identifiability import judge_controls

        if not self.controls or any(c.score is None for c in self.controls.values()):
            return None, []
        return judge_controls({name: c.score or 0.0 for name, c in self.controls.items()})

    def standing_for_rule(self) -> Standing:
        identifiable, reasons = self.identifiability()
        return Standing(self.standing, tuple(self.informative_reasons), identifiable, tuple(reasons))

    def max_objective(self, which: str = "size") -> float | None:
        """The highest O among the optimal circuits of one half (None without goal inputs)."""
        cs = self.size_set if which == "size" else self.depth_set
        values = [c.analysis.get("values", {}).get("o") for c in cs.circuits if c.analysis]
        values = [v for v in values if v is not None]
        return max(values) if values else None

    def frontier_circuits(self) -> list[ScoredCircuit]:
        """The distinct circuits on the frontier (points at larger budgets repeat earlier ones)."""
        unique = {id(c): c for cs in self.frontier_sets for c in cs.circuits}
        return list(unique.values())

    def frontier_scores(self) -> list[float]:
        return [c.score for c in self.frontier_circuits() if c.score is not None]

    def decoy_percentile(self) -> float | None:
        """The decoy percentile of the highest-scoring minimal circuit (size or depth)."""
        best = [cs.best() for cs in (self.size_set, self.depth_set)]
        scored = [b for b in best if b is not None and b.analysis is not None]
        if not scored:
            return None
        top = max(scored, key=lambda c: c.score or 0.0)
        return top.analysis.get("decoy_percentile") if top.analysis else None

    def summary_row(self) -> dict[str, Any]:
        """The row of the ``study --json`` contract (docs/cli.md), plus the table's extra columns."""
        size, depth = summary_stats(self.size_set.scores()), summary_stats(self.depth_set.scores())
        front = summary_stats(self.frontier_scores())
        return {
            "name": self.problem.name,
            "basis": self.basis,
            "kind": self.problem.kind,
            "s_bf": self.s_bf,
            "s_min": self.synthesis.s_min,
            "s_min_bounds": [self.synthesis.size_lower, self.synthesis.size_upper],
            "d_min": self.synthesis.d_min,
            "d_min_bounds": [self.synthesis.depth_lower, self.synthesis.depth_upper],
            "minimal_circuits": len(self.size_set.circuits),
            "complete": self.size_set.proven and self.size_set.complete,
            "depth_minimal_circuits": len(self.depth_set.circuits),
            "depth_complete": self.depth_set.proven and self.depth_set.complete,
            "max_score_min_size": size["max"],
            "median_score_min_size": size["median"],
            "max_score_min_depth": depth["max"],
            "median_score_min_depth": depth["median"],
            "max_score_frontier": front["max"],
            "median_score_frontier": front["median"],
            "decoy_percentile": self.decoy_percentile(),
            "informative": self.informative,
            "standing": self.standing,
            "identifiable": self.identifiability()[0],
            "max_objective_min_size": self.max_objective("size"),
            "max_objective_min_depth": self.max_objective("depth"),
            "power": {half: p.get("status") for half, p in self.power.items()},
            "verdict": None if self.verdict is None else self.verdict.verdict,
            "verdict_enumerative_only": self.literal_verdict,
            "search_share": [p.to_dict(self.goal_problem) for p in self.populations],
            "selection": self.selection,
            "counterexample_possible": self.counterexample_possible(),
        }

    def counterexample_possible(self) -> bool | None:
        from circuits.study.evidence import counterexample_possible

        return counterexample_possible(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.summary_row(),
            "problem": self.problem.to_dict(),
            "informative_reasons": self.informative_reasons,
            "synthesis": self.synthesis.to_dict(),
            "sets": {
                "min_size": self.size_set.to_dict(),
                "min_depth": self.depth_set.to_dict(),
                "frontier": [cs.to_dict() for cs in self.frontier_sets],
                "n1": [cs.to_dict() for cs in self.n1_sets],
                "n3": None if self.n3_set is None else self.n3_set.to_dict(),
                "best_found": None if self.best_found is None else self.best_found.to_dict(),
            },
            "references": {name: sc.to_dict() for name, sc in self.references.items()},
            "controls": {name: sc.to_dict() for name, sc in self.controls.items()},
            "identifiability_reasons": self.identifiability()[1],
            "power_detail": self.power,
            "cross_formulations": self.cross,
            "n4": self.n4,
            "verdict_detail": None if self.verdict is None else self.verdict.to_dict(),
            "mechanisms": self.mechanisms,
            "locally_minimal": [lt.to_dict() for lt in self.local],
            "errors": self.errors,
        }

"""The analyzer's entry point for a problem: its validity flags, the scores of its circuits and,
for its own reference circuits, the identifiability check.

It sits above ``analyze`` (one circuit) and ``identifiability`` (which scores the problem's
non-search controls with ``analyze``), so neither of those needs the other's caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem
from circuits.analysis.analyze import DEFAULT_DECOYS, CircuitAnalysis, analyze_circuit
from circuits.analysis.identifiability import identifiability


@dataclass
class ProblemAnalysis:
    """A problem's validity flags, the analyses of its circuits and, when its references were
    analyzed, the identifiability check (its non-search controls' scores)."""

    problem: str
    flags: dict[str, bool | None]
    reasons: list[str]
    circuits: list[CircuitAnalysis] = field(default_factory=list)
    controls: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "problem": self.problem,
            "flags": self.flags,
            "reasons": self.reasons,
            "circuits": [c.to_dict() for c in self.circuits],
            "controls": self.controls,
        }


def analyze_problem(
    problem: SearchProblem,
    circuits: Mapping[str, Circuit] | None = None,
    *,
    kind: str = "file",
    decoys: int = DEFAULT_DECOYS,
    seed: int = 0,
    weights: Mapping[str, float] | Sequence[float] | None = None,
    retarget: bool = False,
    objective: bool = False,
    sat_timeout: float | None = None,
) -> ProblemAnalysis:
    """Analyze ``circuits`` (name -> circuit, reported with ``kind``), or, when None, the problem's
    reference circuits (reported with their own kind: brute_force, dp, dnf, lookup) and its
    non-search controls, which decide the ``identifiable`` flag.

    The degenerate flag needs s_min; with ``sat_timeout`` the synthesizer is asked for it, otherwise
    it is None (pending) unless the other checks already decide it.
    """
    from circuits.problems.references import reference_circuits
    from circuits.problems.validity import check_problem

    validity = check_problem(problem, sat_timeout=sat_timeout)
    if circuits is None:
        todo = [(name, name, c) for name, c in reference_circuits(problem).items()]
    else:
        todo = [(name, kind, c) for name, c in circuits.items()]
    analyses = [
        analyze_circuit(
            c, problem, decoys=decoys, seed=seed, weights=weights, retarget=retarget, objective=objective, name=name, kind=k
        )
        for name, k, c in todo
    ]
    flags = {"degenerate": validity.degenerate, "transparent": validity.transparent, "uniform": validity.uniform}
    reasons = list(validity.reasons)
    controls: dict[str, dict[str, Any]] = {}
    if circuits is None:
        check = identifiability(problem, decoys=decoys, seed=seed)
        flags["identifiable"] = check.identifiable
        reasons += [f"non-identifiable: {reason}" for reason in check.reasons]
        controls = check.controls
    return ProblemAnalysis(problem.name, flags, reasons, analyses, controls)

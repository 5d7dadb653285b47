"""The analyzer's entry points: score one circuit, or every circuit of a problem, against it.

``analyze_circuit`` runs every metric of docs/analyzer.md on one circuit, the decoy null (N2) for the
calibration, and the combined score S; ``analyze_problem`` adds the problem's validity flags and
defaults to the problem's reference circuits (then also running the identifiability check). Both
return plain data with ``to_dict`` for JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Sequence

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.problems.model import SearchProblem
from circuits.analysis.coverage import coverage_dont_care, coverage_hamming
from circuits.analysis.decoys import decoy_formulations, decoy_null
from circuits.analysis.description import description_length
from circuits.analysis.diagnostics import fault_robustness, lookup_likeness
from circuits.analysis.formulation import Formulation, build_formulation
from circuits.analysis.mediation import breadth, multi_iia
from circuits.analysis.metric import Metric
from circuits.analysis.propagation import vocabulary_alignment
from circuits.analysis.repetition import equivariance
from circuits.analysis.objective import objective_explicitness
from circuits.analysis.retarget import goal_locality, retargetability
from circuits.analysis.score import calibrated, core_metrics, verdict
from circuits.analysis.view import CircuitView

#: Decoys per circuit (null model N2).
DEFAULT_DECOYS = 200


@lru_cache(maxsize=64)
def formulation_for(problem: SearchProblem) -> Formulation:
    """The compiled formulation with Aut(P), its symmetries and the reference circuits (cached per
    problem)."""
    from circuits.problems.references import reference_circuits
    from circuits.problems.validity import candidate_automorphisms, formulation_automorphisms

    return build_formulation(
        problem, candidate_automorphisms(problem), reference_circuits(problem), formulation_automorphisms(problem)
    )


@lru_cache(maxsize=64)
def decoys_for(problem: SearchProblem, count: int, seed: int) -> tuple[Formulation, ...]:
    return tuple(decoy_formulations(formulation_for(problem), count, seed))


@dataclass
class CircuitAnalysis:
    """Every metric, the sub-scores, the calibration and the verdict for one circuit."""

    name: str
    kind: str
    size: int
    depth: int
    computes: bool
    metrics: dict[str, Metric]
    s_enum: float
    s_prop: float | None
    s_raw: float
    mu_decoy: float | None
    decoys: int
    decoy_percentile: float | None
    score: float
    verdict: str

    def value(self, key: str) -> float | None:
        metric = self.metrics.get(key)
        return None if metric is None else metric.value

    def to_dict(self) -> dict[str, Any]:
        def rounded(x: float | None) -> float | None:
            return None if x is None else round(x, 6)

        return {
            "name": self.name,
            "kind": self.kind,
            "size": self.size,
            "depth": self.depth,
            "computes": self.computes,
            "score": rounded(self.score),
            "s_enum": rounded(self.s_enum),
            "s_prop": rounded(self.s_prop),
            "s_raw": rounded(self.s_raw),
            "mu_decoy": rounded(self.mu_decoy),
            "decoys": self.decoys,
            "decoy_percentile": rounded(self.decoy_percentile),
            "verdict": self.verdict,
            "metrics": {key: metric.to_dict() for key, metric in self.metrics.items()},
        }


def _weights(problem: SearchProblem, weights: Mapping[str, float] | Sequence[float] | None) -> list[float] | None:
    """N4 weights per candidate, given by candidate name or in candidate order."""
    if weights is None:
        return None
    if isinstance(weights, Mapping):
        unknown = set(weights) - {c.name for c in problem.candidates}
        if unknown:
            raise InputError(f"weights name unknown candidates: {', '.join(sorted(unknown))}")
        return [float(weights.get(c.name, 1.0)) for c in problem.candidates]
    if len(weights) != problem.m:
        raise InputError(f"{len(weights)} weights given for {problem.m} candidates")
    return [float(w) for w in weights]


def analyze_circuit(
    circuit: Circuit,
    problem: SearchProblem,
    *,
    decoys: int = DEFAULT_DECOYS,
    seed: int = 0,
    weights: Mapping[str, float] | Sequence[float] | None = None,
    retarget: bool = False,
    objective: bool = False,
    name: str = "circuit",
    kind: str = "file",
) -> CircuitAnalysis:
    """Score ``circuit`` against ``problem``'s formulation (deterministic given ``seed``).

    The circuit need not compute the problem's function (scoring a control against a formulation
    it does not implement is part of the method); ``computes`` says whether it does. ``objective``
    adds the second axis O (goal-as-input problems only; exact, by simulation). ``retarget`` runs RT,
    and with ``objective`` also the retarget edits inside O's goal stage as evidence; both are
    SAT-bound (up to ``RT_TIMEOUT`` seconds per goal), so they are opt-in.
    """
    if circuit.inputs != problem.n:
        raise InputError(f"{name} has {circuit.inputs} inputs but problem {problem.name} has {problem.n}")
    if len(circuit.outputs) != len(problem.outputs):
        raise InputError(f"{name} has {len(circuit.outputs)} outputs but problem {problem.name} has {len(problem.outputs)}")
    form = formulation_for(problem)
    w = _weights(problem, weights)
    view = CircuitView(circuit, exclude_outputs=form.m == 1, input_names=problem.input_names)
    core = core_metrics(view, form, w)
    metrics = dict(core.metrics)
    names = form.candidate_names
    considered = form.nontrivial
    covered_iia = [a.iia for a in core.alignments.values()]
    metrics["cc_dc"] = coverage_dont_care(view, form.variables, considered, names)
    metrics["cc_eps"] = coverage_hamming(view, form.variables, considered, names)
    metrics["iia"] = (
        Metric(sum(covered_iia) / len(covered_iia), {"aligned": len(covered_iia)})
        if covered_iia
        else Metric(None, {"reason": "no candidate is covered"})
    )
    metrics["iia_multi"] = multi_iia(view, core.alignments, form.variables, form.high_level, names)
    metrics["n_eff"] = breadth(core.alignments, considered, names)
    metrics["eq"] = equivariance(view, form)
    modules = sorted({node for a in core.alignments.values() for node, _ in a.wires})
    metrics["dlr"] = description_length(view, modules, form.symmetry)
    metrics["va"] = vocabulary_alignment(view, form)
    metrics["ll"] = lookup_likeness(view, form)
    metrics["fault_robustness"] = fault_robustness(view)
    if retarget:
        metrics["rt"] = retargetability(circuit, problem)
    metrics["goal_locality"] = goal_locality(circuit, problem)
    if objective:
        metrics["o"] = objective_explicitness(circuit, problem, retargets=retarget)
    null = decoy_null(view, decoys_for(problem, decoys, seed), w)
    mu = null.mean
    score = calibrated(core.s_raw, mu if mu is not None else 0.0, problem.uniform)
    return CircuitAnalysis(
        name=name,
        kind=kind,
        size=circuit.size,
        depth=circuit.depth,
        computes=circuit.computes(problem.truth_table()),
        metrics=metrics,
        s_enum=core.s_enum,
        s_prop=core.s_prop,
        s_raw=core.s_raw,
        mu_decoy=mu,
        decoys=len(null.scores),
        decoy_percentile=null.percentile(core.s_raw),
        score=score,
        verdict=verdict(score),
    )


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
        from circuits.analysis.identifiability import identifiability

        check = identifiability(problem, decoys=decoys, seed=seed)
        flags["identifiable"] = check.identifiable
        reasons += [f"non-identifiable: {reason}" for reason in check.reasons]
        controls = check.controls
    return ProblemAnalysis(problem.name, flags, reasons, analyses, controls)

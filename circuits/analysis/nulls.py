"""Null models N1, N3 and N4 (docs/analyzer.md, null models); N2, the decoys, lives in ``decoys``.

* N1 — same function, sizes s_min + 0..3, sampled by randomized SAT enumeration: is minimality
  itself what removes search (the conjecture's question), as opposed to the function not being
  search-like at all?
* N3 — minimal circuits of unrelated functions computed by random circuits of size s_min: the base
  rate of search structure in minimal circuits of matched complexity.
* N4 — per-candidate base rates p_null(c) from N1; weights w_c = 1 − p_null(c) discount
  candidates that every circuit for f must compute (PM4's matchings carry no evidence).

All of it is SAT-bound, so it runs only when asked (the study, ``--nulls``), deterministically
given the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from statistics import median
from typing import Any, Sequence

from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem
from circuits.truthtable import TruthTable
from circuits.analysis.analyze import analyze_circuit, formulation_for
from circuits.analysis.view import CircuitView

#: Sizes above s_min sampled by N1 (k = 0..3).
N1_OFFSETS = (0, 1, 2, 3)


@dataclass
class ScoredSample:
    """Scores S and S_raw of one sample of circuits (one N1 size, or the N3 set)."""

    label: str
    scores: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    complete: bool = False
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        def summary(values: list[float]) -> dict[str, Any]:
            if not values:
                return {"count": 0}
            return {
                "count": len(values),
                "min": round(min(values), 6),
                "median": round(median(values), 6),
                "max": round(max(values), 6),
            }

        return {"label": self.label, "complete": self.complete, "note": self.note,
                "score": summary(self.scores), "s_raw": summary(self.raw)}


def percentile(value: float, sample: Sequence[float]) -> float | None:
    """Mid-rank percentile of ``value`` in ``sample`` (None for an empty sample)."""
    if not sample:
        return None
    below = sum(1 for s in sample if s < value - 1e-12)
    ties = sum(1 for s in sample if abs(s - value) <= 1e-12)
    return 100.0 * (below + 0.5 * ties) / len(sample)


def _score(circuits: Sequence[Circuit], problem: SearchProblem, sample: ScoredSample, decoys: int, seed: int) -> None:
    for k, circuit in enumerate(circuits):
        result = analyze_circuit(circuit, problem, decoys=decoys, seed=seed, retarget=False, name=f"{sample.label}#{k}")
        sample.scores.append(result.score)
        sample.raw.append(result.s_raw)


def same_function_circuits(
    problem: SearchProblem,
    basis: str = "b2",
    per_size: int = 50,
    seed: int = 0,
    timeout: float | None = None,
) -> tuple[int, dict[int, tuple[list[Circuit], bool]]]:
    """N1: s_min and, per size s_min + k, up to ``per_size`` distinct circuits and whether that
    list is the complete set. Raises InputError (from the synthesizer) on a bad basis."""
    from sat_encoding import enumerate_circuits, minimum_size

    spec = problem.truth_table()
    smallest = minimum_size(spec, basis, timeout=timeout)
    assert smallest.circuit is not None
    s_min = smallest.circuit.size
    found = {}
    for k in N1_OFFSETS:
        run = enumerate_circuits(spec, basis, size=s_min + k, limit=per_size, timeout=timeout, seed=seed + k)
        found[s_min + k] = ([c.verify(spec) for c in run.circuits], run.complete)
    return s_min, found


def base_rates(problem: SearchProblem, circuits: Sequence[Circuit]) -> dict[str, float]:
    """N4: p_null(c), the share of ``circuits`` with a wire computing v_c (either polarity),
    averaged over c's orbit under the formulation's symmetries.

    A sample of circuits is not closed under the symmetries, so raw shares would weight a candidate
    and its mirror image differently, and a circuit and its mirror image would get different
    weighted scores; the orbit average is the share in the sample closed under the symmetries.
    """
    form = formulation_for(problem)
    if not circuits:
        return {}
    hits = [0] * form.m
    for circuit in circuits:
        view = CircuitView(circuit, exclude_outputs=form.m == 1)
        for c, table in enumerate(form.variables):
            hits[c] += table in view.index
    orbit = {c: {c} for c in range(form.m)}
    for _, pi in form.candidate_maps:
        for c in range(form.m):
            orbit[c].add(pi[c])
    rate = {c: sum(hits[d] for d in orbit[c]) / (len(orbit[c]) * len(circuits)) for c in range(form.m)}
    return {form.candidate_names[c]: rate[c] for c in range(form.m)}


def null_weights(rates: dict[str, float]) -> dict[str, float]:
    """w_c = 1 − p_null(c)."""
    return {name: 1.0 - p for name, p in rates.items()}


def matched_random_minima(
    problem: SearchProblem,
    size: int,
    count: int = 10,
    basis: str = "b2",
    seed: int = 0,
    timeout: float | None = None,
) -> list[tuple[Circuit, bool]]:
    """N3: minimal circuits (and whether proven minimal) of ``count`` functions, each output drawn
    as the function of a random circuit of ``size`` gates (at least n − 1: the random draw keeps
    only functions of all n inputs); the problem's own function is skipped. In the ``mono`` basis
    the random circuits use AND and OR only, so the drawn functions are monotone as well."""
    from circuits.basis import get_basis
    from circuits.problems.logic import random_circuit
    from sat_encoding import minimum_size

    ops = {"ops": tuple(sorted(get_basis("mono").allowed_ops))} if basis == "mono" else {}

    rng = random.Random(f"n3-{problem.name}-{seed}")
    own = tuple(problem.outputs)
    result = []
    attempts = 0
    while len(result) < count and attempts < 20 * count:
        attempts += 1
        outputs = tuple(
            random_circuit(rng, problem.n, max(size, problem.n - 1), **ops).output_tables()[0] for _ in problem.outputs
        )
        if outputs == own:
            continue
        spec = TruthTable.from_bits(problem.n, outputs)
        best = minimum_size(spec, basis, timeout=timeout)
        assert best.circuit is not None
        result.append((best.circuit.verify(spec), best.optimal))
    return result


@dataclass
class NullReport:
    """All SAT-based nulls of one problem."""

    problem: str
    s_min: int
    n1: dict[int, ScoredSample]
    n3: ScoredSample
    p_null: dict[str, float]

    @property
    def weights(self) -> dict[str, float]:
        return null_weights(self.p_null)

    def to_dict(self) -> dict[str, Any]:
        return {
            "problem": self.problem,
            "s_min": self.s_min,
            "n1": {str(size): sample.to_dict() for size, sample in self.n1.items()},
            "n3": self.n3.to_dict(),
            "p_null": {k: round(v, 6) for k, v in self.p_null.items()},
            "weights": {k: round(v, 6) for k, v in self.weights.items()},
        }


def null_models(
    problem: SearchProblem,
    basis: str = "b2",
    per_size: int = 20,
    random_functions: int = 10,
    decoys: int = 50,
    seed: int = 0,
    timeout: float | None = None,
) -> NullReport:
    """N1 (scored), N4 (from the N1 circuits) and N3 (scored) for ``problem``."""
    s_min, found = same_function_circuits(problem, basis, per_size, seed, timeout)
    n1 = {}
    pooled: list[Circuit] = []
    for size, (circuits, complete) in found.items():
        sample = ScoredSample(f"N1 size {size}", complete=complete)
        _score(circuits, problem, sample, decoys, seed)
        n1[size] = sample
        pooled.extend(circuits)
    minima = matched_random_minima(problem, s_min, random_functions, basis, seed, timeout)
    proven = sum(1 for _, optimal in minima if optimal)
    n3 = ScoredSample("N3", note=f"{proven} of {len(minima)} proven minimal")
    _score([c for c, _ in minima], problem, n3, decoys, seed)
    return NullReport(problem.name, s_min, n1, n3, base_rates(problem, pooled))

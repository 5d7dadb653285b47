"""M2 causal mediation by exact interchange interventions (IIA), CCm, N_eff, and multi-variable IIA.

A wire that computes v_c only *represents* candidate c; it mediates the answer when forcing it to
the value it takes on another input x' changes the circuit's output exactly as forcing V_c changes
the high-level model H (Geiger et al.'s interchange intervention). Over the whole truth table the
source input x' matters only through the forced bit, so each (wire, bit) pair costs one bit-parallel
re-simulation and the accuracy is exact, not sampled.
"""

from __future__ import annotations

from math import log2
from dataclasses import dataclass
from itertools import combinations
from typing import Callable, Mapping, Sequence

from circuits.analysis.metric import Metric, ratio
from circuits.analysis.simulate import agreement, node_tables, output_tables
from circuits.analysis.tables import WireRef
from circuits.analysis.view import CircuitView

#: IIA_c at or above this counts the candidate as explicitly used (N_eff, M8 in docs/analyzer.md).
USED_IIA = 0.9

#: H under an intervention: (variable index, forced table) -> the model's output tables.
Intervene = Callable[[Mapping[int, int]], list[int]]


@dataclass(frozen=True)
class Alignment:
    """The wires chosen for one high-level variable and their single-variable IIA.

    ``wires`` holds every covering wire that reaches the best IIA. They are patched together in
    multi-variable interventions and all count as the variable's module, so the choice depends
    neither on how the gates are numbered nor on which mirror image of the circuit is scored.
    """

    variable: int
    wires: tuple[WireRef, ...]
    iia: float


def _forced(view: CircuitView, wires: Sequence[WireRef], value: int) -> dict[int, int]:
    return {node: value ^ view.mask if negated else value for node, negated in wires}


def _accuracy(view: CircuitView, forced: dict[int, int], expected: list[int]) -> float:
    tables = node_tables(view.circuit, forced, base=view.tables)
    agree = agreement(output_tables(view.circuit, tables), expected, view.mask)
    return agree.bit_count() / (1 << view.n)


def single_iia(view: CircuitView, wires: Sequence[WireRef], variable: int, table: int, model: Intervene) -> float:
    """IIA_c = Σ_b Pr_x'[V_c(x') = b] · Pr_x[C_{w:=b}(x) = H_{V_c:=b}(x)], exactly."""
    ones = table.bit_count() / (1 << view.n)
    total = 0.0
    for bit, weight in ((0, 1.0 - ones), (1, ones)):
        if weight == 0.0:
            continue
        value = view.mask if bit else 0
        total += weight * _accuracy(view, _forced(view, wires, value), model({variable: value}))
    return total


def align(
    view: CircuitView,
    covered: Mapping[int, Sequence[WireRef]],
    targets: Sequence[int],
    model: Intervene,
) -> dict[int, Alignment]:
    """For each covered variable, every covering wire that reaches the best single-variable IIA."""
    result = {}
    for c, wires in covered.items():
        if not wires:
            continue
        scored = [(round(single_iia(view, [wire], c, targets[c], model), 12), wire) for wire in wires]
        top = max(iia for iia, _ in scored)
        result[c] = Alignment(c, tuple(sorted(w for iia, w in scored if iia == top)), top)
    return result


def mediated_coverage(
    alignments: Mapping[int, Alignment],
    considered: Sequence[int],
    names: Sequence[str],
    view: CircuitView,
    weights: Sequence[float] | None = None,
) -> Metric:
    """CCm = Σ w_c · IIA_c / Σ w_c over 𝒞*, with IIA_c = 0 for uncovered c."""
    w = {c: 1.0 if weights is None else weights[c] for c in considered}
    iia = {c: alignments[c].iia if c in alignments else 0.0 for c in considered}
    value = ratio(sum(w[c] * iia[c] for c in considered), sum(w.values()))
    evidence = {
        "iia": {names[c]: round(iia[c], 6) for c in considered},
        "aligned": {names[c]: [view.ref(x) for x in alignments[c].wires] for c in considered if c in alignments},
    }
    return Metric(value, evidence)


def breadth(alignments: Mapping[int, Alignment], considered: Sequence[int], names: Sequence[str]) -> Metric:
    """N_eff = log2(1 + #{c : IIA_c ≥ 0.9}) / log2(1 + |𝒞*|)."""
    used = [c for c in considered if c in alignments and alignments[c].iia >= USED_IIA]
    value = log2(1 + len(used)) / log2(1 + len(considered)) if considered else 0.0
    return Metric(value, {"used": [names[c] for c in used], "of": len(considered), "threshold": USED_IIA})


def subset_iia(
    view: CircuitView,
    alignments: Sequence[Alignment],
    targets: Sequence[int],
    model: Intervene,
) -> float:
    """Exact multi-variable IIA for one set of aligned variables.

    Over all pairs (x, x'), every aligned wire takes its value under x'. The source x' matters only
    through the pattern of those values, so the average is a sum over the patterns that occur,
    each weighted by its frequency, with one re-simulation per pattern.
    """
    n = view.n
    patterns: dict[tuple[int, ...], int] = {}
    for row in range(1 << n):
        key = tuple((targets[a.variable] >> row) & 1 for a in alignments)
        patterns[key] = patterns.get(key, 0) + 1
    total = 0.0
    for key, count in patterns.items():
        forced: dict[int, int] = {}
        high: dict[int, int] = {}
        for a, bit in zip(alignments, key):
            value = view.mask if bit else 0
            forced |= _forced(view, a.wires, value)
            high[a.variable] = value
        total += count * _accuracy(view, forced, model(high))
    return total / (1 << n)


def multi_iia(
    view: CircuitView,
    alignments: Mapping[int, Alignment],
    targets: Sequence[int],
    model: Intervene,
    names: Sequence[str],
) -> Metric:
    """Multi-variable IIA: the mean exact IIA over every pair of aligned variables and the full set.

    The usual definition patches "a random subset"; all pairs plus the full set are deterministic, cover both
    extremes (interaction of two candidates, all candidates at once) and, unlike a sample, give a
    mirror image of the circuit the same value. None with < 2 aligned.
    """
    chosen = [alignments[c] for c in sorted(alignments)]
    if len(chosen) < 2:
        return Metric(None, {"reason": "fewer than two aligned variables"})
    subsets = [tuple(p) for p in combinations(range(len(chosen)), 2)]
    if len(chosen) > 2:
        subsets.append(tuple(range(len(chosen))))
    scores = {}
    for subset in subsets:
        group = [chosen[i] for i in subset]
        scores["+".join(names[a.variable] for a in group)] = subset_iia(view, group, targets, model)
    evidence = {
        "subsets": len(scores),
        "min": round(min(scores.values()), 6),
        "full_set": round(scores["+".join(names[a.variable] for a in chosen)], 6),
        "worst": min(scores, key=lambda k: scores[k]),
    }
    return Metric(sum(scores.values()) / len(scores), evidence)

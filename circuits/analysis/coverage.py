"""M1 candidate coverage CC (and PC, the same count over state predicates), with its lenient variants.

CC asks the most literal question about an "explicitly represented objective": does some wire compute
the verifier table v_c, up to negation? The don't-care variant CC_dc and the Hamming variant CC_ε are
more lenient, so they are reported next to CC and never enter the score.
"""

from __future__ import annotations

from typing import Sequence

from circuits.analysis.metric import Metric, ratio
from circuits.analysis.tables import WireRef, free_tables
from circuits.analysis.view import CircuitView

#: CC_ε tolerance: a wire within this share of the 2^n rows of v_c counts (4 rows at n = 6).
EPSILON_SHARE = 1 / 16


def _weighted(covered: dict[int, list[WireRef]], considered: Sequence[int], weights: Sequence[float] | None) -> float:
    w = [1.0 if weights is None else weights[c] for c in considered]
    return ratio(sum(wc for c, wc in zip(considered, w) if covered[c]), sum(w))


def _evidence(view: CircuitView, covered: dict[int, list[WireRef]], names: Sequence[str]) -> dict:
    return {
        "covered": {names[c]: [view.ref(w) for w in wires] for c, wires in covered.items() if wires},
        "uncovered": [names[c] for c, wires in covered.items() if not wires],
        "count": sum(1 for wires in covered.values() if wires),
        "of": len(covered),
    }


def coverage(
    view: CircuitView,
    targets: Sequence[int],
    considered: Sequence[int],
    names: Sequence[str],
    weights: Sequence[float] | None = None,
) -> tuple[Metric, dict[int, list[WireRef]]]:
    """Exact coverage: the weighted share of ``considered`` targets some eligible wire computes.

    Returns the metric and the covering wires per target (the alignment IIA starts from).
    """
    covered = {c: view.index.lookup(targets[c]) for c in considered}
    evidence = _evidence(view, covered, names)
    if weights is not None:
        evidence["weights"] = {names[c]: round(weights[c], 6) for c in considered}
    return Metric(_weighted(covered, considered, weights), evidence), covered


def _lenient(view: CircuitView, considered: Sequence[int], accepts) -> dict[int, list[WireRef]]:
    """Wires (either polarity, never trivial) whose table ``accepts(c, table)`` for each target."""
    covered: dict[int, list[WireRef]] = {c: [] for c in considered}
    free = free_tables(view.n)
    for node in view.eligible:
        table = view.tables[node]
        if table in free:
            continue
        for negated, t in ((False, table), (True, table ^ view.mask)):
            for c in considered:
                if accepts(c, t):
                    covered[c].append((node, negated))
    return covered


def coverage_dont_care(
    view: CircuitView, targets: Sequence[int], considered: Sequence[int], names: Sequence[str]
) -> Metric:
    """CC_dc: a wire g covers c when v_c ∧ ⋀_{c'≠c} ¬v_{c'} ≤ g ≤ v_c.

    The plain definition asks only that g agree with v_c where c is the sole witness and that g ≤ f; the
    output wire (and every union wire) passes that test for every candidate, so the upper bound is
    tightened from f to v_c. What stays credited is the priority form v_c ∧ ¬v_{c'}.
    """
    union = [0] * len(targets)
    acc = 0
    for c, t in enumerate(targets):  # prefix/suffix ORs give "every other target" in O(m)
        union[c] = acc
        acc |= t
    acc = 0
    for c in reversed(range(len(targets))):
        union[c] |= acc
        acc |= targets[c]
    lower = {c: targets[c] & ~union[c] for c in considered}

    def accepts(c: int, t: int) -> bool:
        return t & ~targets[c] == 0 and lower[c] & ~t == 0

    covered = _lenient(view, considered, accepts)
    return Metric(_weighted(covered, considered, None), _evidence(view, covered, names))


def coverage_hamming(
    view: CircuitView, targets: Sequence[int], considered: Sequence[int], names: Sequence[str]
) -> Metric:
    """CC_ε: a non-trivial wire within ``EPSILON_SHARE`` · 2^n rows of v_c (either polarity)."""
    limit = int(EPSILON_SHARE * (1 << view.n))

    def accepts(c: int, t: int) -> bool:
        return (t ^ targets[c]).bit_count() <= limit

    covered = _lenient(view, considered, accepts)
    evidence = _evidence(view, covered, names) | {"rows": limit}
    return Metric(_weighted(covered, considered, None), evidence)

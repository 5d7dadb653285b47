"""Depth feasibility through the size encoding: is there a circuit of depth ≤ d at all?

A target of depth ≤ d unfolds into a formula tree of depth ≤ d, which has at most 2^d − 1 gates; so
if some circuit of depth ≤ d exists, one of at most m·(2^d − 1) gates does (m targets), and the
smallest of them is irredundant. Asking the depth-bounded size encoding for k = lower bound, k + 1, …
up to that cap therefore decides feasibility, and the first satisfiable k is already the minimum size
at depth d. Each question is a small instance with all the size encoding's symmetry breaking, which
for 4-input functions is far cheaper than one fixed-tree instance without it (0x16b at depth 3:
0.1 s for k = 5..7 against 35 s). A heuristic circuit that is shallow enough caps the search lower.
"""

from __future__ import annotations

from circuits.circuit import Circuit
from sat_encoding.bounds import size_lower_bound
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.size import gate_free_circuit, solve_exact_size
from sat_encoding.spec import SynthesisSpec


def minimum_size_at_depth(spec: SynthesisSpec, depth: int, solver: str, start: int | None = None) -> Circuit | None:
    """A minimum-size circuit among those of depth ≤ ``depth``, or None when there is none.

    ``start`` is a proven lower bound on that size (default: the size lower bound of the spec).
    """
    if not spec.targets:
        return gate_free_circuit(spec)
    if depth < 1:
        return None
    cap = len(spec.targets) * ((1 << depth) - 1)
    shallow = heuristic_circuit(spec.table, spec.basis.name)
    if shallow.depth <= depth and shallow.size <= cap:
        cap = shallow.size - 1  # the heuristic circuit is the answer unless something smaller fits
    else:
        shallow = None
    first = size_lower_bound(spec) if start is None else start
    for gates in range(first, cap + 1):
        circuit = solve_exact_size(spec, gates, solver, max_depth=depth)
        if circuit is not None:
            return circuit
    return shallow


def depth_feasible(spec: SynthesisSpec, depth: int, solver: str) -> bool:
    """Whether some circuit for ``spec`` has depth ≤ ``depth`` (same contract as depth_feasibility)."""
    if spec.targets and heuristic_circuit(spec.table, spec.basis.name).depth <= depth:
        return True
    return minimum_size_at_depth(spec, depth, solver) is not None

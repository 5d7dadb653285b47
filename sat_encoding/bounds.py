"""Cheap lower bounds, so the search never spends a SAT call on a size that cannot work.

* A connected circuit of 2-input gates that reads s inputs has at least s - 1 gates; a circuit whose
  t targets read u inputs in all has at least u - t gates (one tree per connected component at most).
* Fully specified targets that are neither equal nor complementary need distinct gates (with
  don't-cares one gate may serve two targets, so the bound is not used there).
* Gate elimination (cofactors.py): C(f) ≥ C(f|x_j=c) + 1 for every input f depends on, with the
  exact optima of 3-input functions at the bottom.
* Depth: a gate tree of depth d reads at most 2^d inputs, so depth ≥ ceil(log2(support)).
"""

from __future__ import annotations

from sat_encoding.cofactors import cofactor_costs, fanout_limits
from sat_encoding.spec import SynthesisSpec, support

__all__ = ["depth_lower_bound", "fanout_limits", "size_lower_bound", "structural_lower_bound"]


def structural_lower_bound(spec: SynthesisSpec) -> int:
    """The support and output-count bound alone: instant, so a caller can always report it."""
    if not spec.targets:
        return 0
    union: set[int] = set()
    widest = 0
    for target in spec.targets:
        supp = support(spec.n, target.bits, target.care)
        union |= supp
        widest = max(widest, len(supp))
    distinct = len(spec.targets) if spec.table.fully_specified else 1
    return max(1, distinct, widest - 1, len(union) - len(spec.targets))


def size_lower_bound(spec: SynthesisSpec) -> int:
    """A proven lower bound on the number of gates any circuit for ``spec`` needs."""
    if not spec.targets:
        return 0
    union = set().union(*(support(spec.n, t.bits, t.care) for t in spec.targets))
    eliminated = max((c + 1 for j, c in enumerate(cofactor_costs(spec)) if j in union), default=0)
    return max(structural_lower_bound(spec), eliminated)


def depth_lower_bound(spec: SynthesisSpec) -> int:
    """A proven lower bound on the depth of any circuit for ``spec``."""
    if not spec.targets:
        return 0
    widest = max(len(support(spec.n, t.bits, t.care)) for t in spec.targets)
    depth = 1
    while (1 << depth) < widest:
        depth += 1
    return depth

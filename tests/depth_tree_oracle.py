"""An independent depth oracle for the tests: is a target computable within depth d at all?

The library decides depth through the size encoding (sat_encoding/depth.py). This check shares
nothing with it but the solver: one output's cone of depth ≤ d unfolds into a formula, a complete
binary tree of depth d whose internal nodes are 2-input ops (projections allowed, so shallower
branches fit) and whose leaves are inputs, so "depth ≤ d is feasible" is a fixed-topology SAT
question per target. It has no symmetry breaking, so it is only fast for small depths.
"""

from __future__ import annotations

import numpy as np
from pysat.solvers import Solver

from circuits.basis import AND_TYPE_OPS, Basis
from sat_encoding.spec import SynthesisSpec, Target

PROJECTIONS = frozenset({0xA, 0xC, 0x5, 0x3})


def tree_ops(basis: Basis) -> list[int]:
    """Ops a tree node may take: the basis's gates plus wires (projections, complemented if free)."""
    if basis.free_output_negation:
        gates = set(basis.allowed_ops) - {0x0, 0xF}
        if basis.name == "aig":
            gates = set(AND_TYPE_OPS)
        return sorted(gates | PROJECTIONS)
    return sorted(set(basis.allowed_ops) | {0xA, 0xC})


def _target_feasible(spec: SynthesisSpec, target: Target, depth: int, solver: str) -> bool:
    n = spec.n
    rows = [r for r in range(1 << n) if (target.care >> r) & 1]
    internal = (1 << depth) - 1
    leaves = 1 << depth
    top = 0

    def fresh(count: int) -> np.ndarray:
        nonlocal top
        block = np.arange(top + 1, top + 1 + count, dtype=np.int64)
        top += count
        return block

    value = fresh((internal + leaves) * len(rows)).reshape(internal + leaves, len(rows))
    clauses: list[list[int]] = []
    ops = tree_ops(spec.basis)
    # Leaves: node internal + l reads one input.
    for leaf in range(leaves):
        choice = fresh(n).tolist()
        clauses.append(choice)
        for j, var in enumerate(choice):
            for t, row in enumerate(rows):
                bit = (row >> j) & 1
                clauses.append([-var, int(value[internal + leaf, t]) * (1 if bit else -1)])
    # Internal node k has children 2k+1 and 2k+2 (heap order); its op is one of ``ops``.
    for k in range(internal):
        op_bits = fresh(4).tolist()
        for pattern in range(16):
            if pattern not in ops:
                clauses.append([-op_bits[b] if (pattern >> b) & 1 else op_bits[b] for b in range(4)])
        left, right = value[2 * k + 1], value[2 * k + 2]
        out = value[k]
        for a in (0, 1):
            for b in (0, 1):
                f = op_bits[a + 2 * b]
                la = left if a == 0 else -left
                rb = right if b == 0 else -right
                block1 = np.stack([la, rb, -out, np.full(len(rows), f)], axis=1)
                block0 = np.stack([la, rb, out, np.full(len(rows), -f)], axis=1)
                clauses.extend(block1.tolist())
                clauses.extend(block0.tolist())
    # Root: the target, in either polarity where negation is free.
    polarity = int(fresh(1)[0]) if spec.basis.free_output_negation else None
    bits = target.bits  # a fixed polarity only complements it, which the free root polarity absorbs
    for t, row in enumerate(rows):
        want = (bits >> row) & 1
        lit = int(value[0, t]) if want else -int(value[0, t])
        if polarity is None:
            clauses.append([lit])
        else:
            clauses.append([lit, polarity])
            clauses.append([-lit, -polarity])
    with Solver(name=solver, bootstrap_with=clauses) as sat:
        return bool(sat.solve())


def depth_feasible(spec: SynthesisSpec, depth: int, solver: str) -> bool:
    """Whether every target has a circuit of depth ≤ ``depth`` in the spec's basis."""
    if not spec.targets:
        return True
    if depth <= 0:
        return False
    return all(_target_feasible(spec, target, depth, solver) for target in spec.targets)

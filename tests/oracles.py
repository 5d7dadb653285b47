"""Oracles for the soundness tests that share none of the pruning they check.

* ``plain_minimum_size``: the SAT encoding with only its always-on rules (every gate used, sorted
  gates), no symmetric-input order, no re-application rule, no fanout limits, no lower bounds, no
  top-gate reduction: sizes are tried from 0 up, so every size below the answer is refuted by the
  plain CNF alone.
* ``tree_minimum_depth``: the fixed formula-tree check of depth_tree_oracle.py, which shares nothing
  with the depth search but the solver.
* ``upward_closure``: the smallest monotone function above a table (to draw monotone functions).
* ``npn_transform``: an input permutation, input negations and an output negation applied to a
  table, written out row by row.
"""

from __future__ import annotations

from circuits.truthtable import TruthTable, full_mask
from depth_tree_oracle import depth_feasible
from sat_encoding.exact import solve_exact_size
from sat_encoding.spec import prepare

PLAIN = dict(break_input_symmetry=False, dominance=False, fanout_limits=None)


def plain_minimum_size(table: TruthTable, basis: str = "b2", max_depth: int | None = None, start: int = 0) -> int:
    """The minimum size (at depth ≤ max_depth) by the plain encoding, counting up from ``start``."""
    spec = prepare(table, basis)
    if not spec.targets:
        return 0
    gates = max(start, 1)
    while solve_exact_size(spec, gates, "minisat22", max_depth, **PLAIN) is None:
        gates += 1
    return gates


def tree_minimum_depth(table: TruthTable, basis: str = "b2") -> int:
    """The minimum depth: the first d at which every target fits a formula tree of depth d."""
    spec = prepare(table, basis)
    if not spec.targets:
        return 0
    depth = 1
    while not depth_feasible(spec, depth, "minisat22"):
        depth += 1
    return depth


def npn_transform(bits: int, n: int, perm: tuple[int, ...], negations: int, flip: bool) -> int:
    """g(x) = f(y) XOR flip, where y_perm[j] = x_j XOR (bit j of ``negations``)."""
    out = 0
    for row in range(1 << n):
        source = 0
        for j in range(n):
            source |= (((row >> j) & 1) ^ ((negations >> j) & 1)) << perm[j]
        out |= ((bits >> source) & 1) << row
    return out ^ (full_mask(n) if flip else 0)


def upward_closure(bits: int, n: int) -> int:
    """The smallest monotone function above ``bits``: a row is 1 when some row below it is."""
    rows = range(1 << n)
    return sum(1 << row for row in rows if any((bits >> sub) & 1 for sub in rows if sub & row == sub))

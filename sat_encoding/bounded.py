"""The question every optimum search asks: a circuit of exactly k gates (depth ≤ d), every rule on?

One call with all the optional symmetry breaking (one optimum is all a search needs), the
gate-elimination fanout limits, and in-process cube and conquer on small instances (split.py).
"""

from __future__ import annotations

from circuits.circuit import Circuit
from sat_encoding.bounds import fanout_limits
from sat_encoding.exact import solve_exact_size
from sat_encoding.spec import SynthesisSpec
from sat_encoding.split import in_process_cubes


def solve_bounded(
    spec: SynthesisSpec, gates: int, solver: str, max_depth: int | None = None, conflicts: int | None = None
) -> Circuit | None:
    """A verified circuit of ``gates`` gates, or None when none exists (see exact.solve_exact_size;
    with ``conflicts``, BudgetExhausted when the budget runs out first)."""
    limits = fanout_limits(spec, gates)
    cubes = in_process_cubes(spec.n, gates)
    return solve_exact_size(spec, gates, solver, max_depth, fanout_limits=limits, conflicts=conflicts, cubes=cubes)

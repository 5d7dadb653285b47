"""One SAT question, "is there a circuit of exactly k gates (and depth ≤ d)?", answered and verified.

This is the bottom of the synthesis stack: every search (minimum size, minimum depth, the frontier,
the exact costs behind the lower bounds and the small-function library) asks its questions here.
It depends on the encoding alone, so lower bounds, which need exact costs of smaller functions,
can call it without an import circle through the searches that use those bounds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from pysat.solvers import Solver

from circuits.circuit import Circuit
from sat_encoding.encoding import CircuitEncoding, encode
from sat_encoding.incremental import INITIAL_ROWS, ROWS_PER_ROUND, failing_rows, spread_rows
from sat_encoding.solvers import add_clauses, backend_for
from sat_encoding.spec import SynthesisSpec
from sat_encoding.split import Cube

if TYPE_CHECKING:
    from sat_encoding.timing import Timing


def gate_free_circuit(spec: SynthesisSpec) -> Circuit:
    """The circuit of a spec whose outputs are all constants or (complemented) inputs."""
    outputs = tuple(o for o in spec.fixed_outputs if o is not None)
    return Circuit(spec.n, (), outputs, spec.basis.name).verify(spec.table)


class BudgetExhausted(Exception):
    """A conflict-limited solver call ended without an answer."""


def minimum_by_sat(
    spec: SynthesisSpec, start: int, solver: str, limits: Callable[[int], Mapping[int, int]] | None = None
) -> Circuit:
    """The first k ≥ ``start`` with a circuit, by plain SAT calls (``start`` must be a proven bound).

    For the small functions behind the lower bounds and the library, where no search machinery is
    needed; ``limits(k)`` gives the fanout limits of a k-gate circuit, if the caller has them.
    """
    if not spec.targets:
        return gate_free_circuit(spec)
    gates = max(start, 1)
    while True:
        found = solve_exact_size(spec, gates, solver, fanout_limits=limits(gates) if limits else None)
        if found is not None:
            return found
        gates += 1


def solve_exact_size(
    spec: SynthesisSpec,
    gates: int,
    solver: str,
    max_depth: int | None = None,
    *,
    break_input_symmetry: bool = True,
    dominance: bool = True,
    fanout_limits: Mapping[int, int] | None = None,
    conflicts: int | None = None,
    timing: Timing | None = None,
    cubes: Sequence[Cube] | None = None,
    within: Sequence[Cube] | None = None,
) -> Circuit | None:
    """A verified circuit of exactly ``gates`` gates (and depth ≤ max_depth), or None if UNSAT.

    ``timing`` (timing.py) replaces ``max_depth`` by per-input arrival and per-output required times.

    None means no irredundant circuit of that size exists, which for every size up to the minimum
    (the only sizes the searches ask about) means no circuit at all. The optional symmetry breaks
    (see encoding.encode) are on by default: one optimum is all this function returns.
    ``fanout_limits`` (from cofactors.fanout_limits, the caller's choice) caps the readers per input. With
    ``conflicts``, each solver call stops after that many conflicts and ``BudgetExhausted`` is raised.
    With ``cubes`` (split.py), only circuits inside those cubes are sought, one cube after the other
    in the same solver (None: the whole instance); None is then "no circuit in these cubes".
    ``within`` (cubes of one prefix length) restricts the instance to those cubes by clauses that
    exclude all others, solved in one call: one part of a split question (parallel.py).

    Counterexample-guided: rows are encoded lazily. A relaxation that is UNSAT on some rows is UNSAT
    on all of them; a model that fails some row gets that row added and the solver resumes.
    """
    if not spec.targets:
        return gate_free_circuit(spec) if gates == 0 else None
    if gates == 0:
        return None
    encoding = encode(
        spec,
        gates,
        max_depth,
        rows=spread_rows(spec, INITIAL_ROWS),
        break_input_symmetry=break_input_symmetry,
        dominance=dominance,
        fanout_limits=fanout_limits,
        timing=timing,
    )
    if within is not None:
        encoding.exclude_cubes_outside(within)
    return solve_encoding(encoding, backend_for(solver, spec.n), conflicts, cubes)


def solve_encoding(
    encoding: CircuitEncoding, backend: str, conflicts: int | None = None, cubes: Sequence[Cube] | None = None
) -> Circuit | None:
    """A verified circuit satisfying ``encoding``, or None if none exists, counterexample-guided.

    Rows the encoding lacks are added when a model fails them (so ``encoding`` grows: on None its
    clauses are an unsatisfiable set, which certify.py hands to a proof checker; with ``cubes``, the
    clauses together with each cube's assumptions are). With ``conflicts``, each solver call stops
    after that many conflicts and ``BudgetExhausted`` is raised. ``cubes`` (split.py) are solved one
    after the other in the same solver; None is the whole instance.
    """
    spec = encoding.spec
    with Solver(name=backend) as sat:
        added = 0
        for cube in [()] if cubes is None else cubes:
            assumptions = encoding.cube_literals(cube)
            while True:
                add_clauses(sat, encoding.clauses[added:])
                added = len(encoding.clauses)
                if conflicts is not None:
                    sat.conf_budget(conflicts)
                answer = sat.solve(assumptions) if conflicts is None else sat.solve_limited(assumptions)
                if answer is None:
                    raise BudgetExhausted(f"{conflicts} conflicts were not enough at {encoding.gates} gates")
                if not answer:
                    break
                circuit = encoding.decode(sat.get_model())
                wrong = failing_rows(circuit, spec)
                if not wrong:
                    return circuit.verify(spec.table)
                encoding.add_rows(wrong[:ROWS_PER_ROUND])
        return None



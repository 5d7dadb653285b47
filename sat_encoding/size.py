"""Minimum-size synthesis: raise the gate count from a proven lower bound until the CNF is satisfiable.

Every k below the answer is proven UNSAT, so the first satisfiable k is the minimum. A cheap
heuristic circuit is reported first, so a search cut by its time limit still has a circuit to show,
and it ends the search early when it already meets the lower bound.
"""

from __future__ import annotations

from typing import Iterator

from circuits.circuit import Circuit
from circuits.truthtable import TruthTable
from sat_encoding import certify as certificate
from sat_encoding.bounds import fanout_limits, size_lower_bound, structural_lower_bound
from sat_encoding.decompose import attach, top_gate
from sat_encoding.exact import gate_free_circuit, solve_exact_size
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.result import SynthesisResult
from sat_encoding.runner import Bound, Event, Found, run_search
from sat_encoding.solvers import DEFAULT_SOLVER, check_solver
from sat_encoding.spec import SynthesisSpec, prepare


def solve_bounded(spec: SynthesisSpec, gates: int, solver: str, max_depth: int | None = None) -> Circuit | None:
    """``solve_exact_size`` with every optional rule and the gate-elimination fanout limits."""
    return solve_exact_size(spec, gates, solver, max_depth, fanout_limits=fanout_limits(spec, gates))


def size_search(table: TruthTable, basis: str, solver: str) -> Iterator[Event]:
    """Events of the minimum-size search (see runner.py)."""
    spec = prepare(table, basis)
    if not spec.targets:
        yield Bound("size", 0)
        yield Found(gate_free_circuit(spec))
        return
    top = top_gate(table, spec.basis)
    if top is not None:
        # C(f) = C(g) + 1 exactly (decompose.py): search g, one input fewer.
        for event in size_search(top.rest, basis, solver):
            if isinstance(event, Bound):
                yield Bound("size", event.value + 1)
            else:
                yield Found(attach(top, event.circuit, table.n).verify(table))
        return
    lower = size_lower_bound(spec)
    yield Bound("size", lower)
    upper = heuristic_circuit(table, basis)
    yield Found(upper)
    for gates in range(lower, upper.size):
        circuit = solve_bounded(spec, gates, solver)
        if circuit is not None:
            yield Found(circuit)
            return
        yield Bound("size", gates + 1)


def best_of(events: list[Event], measure: str) -> tuple[Circuit | None, int]:
    """The smallest circuit found and the largest proven lower bound of ``measure``."""
    lower = max((e.value for e in events if isinstance(e, Bound) and e.measure == measure), default=0)
    circuits = [e.circuit for e in events if isinstance(e, Found)]
    key = (lambda c: (c.depth, c.size)) if measure == "depth" else (lambda c: (c.size, c.depth))
    best = min(circuits, key=key, default=None)
    return best, lower


def minimum_size(
    table: TruthTable,
    basis: str = "b2",
    solver: str | None = None,
    timeout: float | None = None,
    certify: bool = False,
) -> SynthesisResult:
    """A provably minimum-size circuit for ``table`` in ``basis``, or proven bounds if cut by ``timeout``.

    With ``certify``, every size below the proven bound is refuted again independently (certify.py,
    under its own ``timeout``) and the result carries the ``certificate``.
    """
    solver_name = check_solver(solver)
    spec = prepare(table, basis)  # reject bad input here, not in a worker process
    outcome = run_search(size_search, (table, basis, solver_name), timeout)
    best, lower = best_of(outcome.events, "size")
    lower = max(lower, structural_lower_bound(spec))  # holds even if the limit cut the first event
    if best is None:  # cut before even the heuristic reported (a very short limit)
        best = heuristic_circuit(table, basis)
    best.verify(table)
    result = SynthesisResult(
        spec=table,
        basis=basis,
        objective="size",
        circuit=best,
        optimal=best.size <= lower,
        lower_bound=min(lower, best.size),
        seconds=outcome.seconds,
        solver=solver_name,
        timed_out=outcome.timed_out and best.size > lower,
    )
    if certify:
        result.certificate = certificate.certify(
            table, basis, solver_name, certificate.size_claims(result.lower_bound), timeout,
            size=best.size, lower_bound=result.lower_bound,
        )
    return result

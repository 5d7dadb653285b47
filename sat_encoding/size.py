"""Minimum-size synthesis: raise the gate count from a proven lower bound until the CNF is satisfiable.

Every k below the answer is proven UNSAT, so the first satisfiable k is the minimum. A cheap
heuristic circuit is reported first, so a search cut by its time limit still has a circuit to show,
and it ends the search early when it already meets the lower bound.
"""

from __future__ import annotations

from typing import Iterator

from pysat.solvers import Solver

from circuits.circuit import Circuit
from circuits.truthtable import TruthTable
from sat_encoding.bounds import fanout_limits, size_lower_bound, structural_lower_bound
from sat_encoding.decompose import attach, top_gate
from sat_encoding.encoding import encode
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.incremental import INITIAL_ROWS, ROWS_PER_ROUND, failing_rows, spread_rows
from sat_encoding.result import SynthesisResult
from sat_encoding.runner import Bound, Event, Found, run_search
from sat_encoding.solvers import DEFAULT_SOLVER, add_clauses, backend_for, check_solver
from sat_encoding.spec import SynthesisSpec, prepare


def gate_free_circuit(spec: SynthesisSpec) -> Circuit:
    """The circuit of a spec whose outputs are all constants or (complemented) inputs."""
    outputs = tuple(o for o in spec.fixed_outputs if o is not None)
    return Circuit(spec.n, (), outputs, spec.basis.name).verify(spec.table)


class BudgetExhausted(Exception):
    """A conflict-limited solver call ended without an answer."""


def solve_exact_size(
    spec: SynthesisSpec,
    gates: int,
    solver: str,
    max_depth: int | None = None,
    *,
    break_input_symmetry: bool = True,
    dominance: bool = True,
    limit_fanout: bool = True,
    conflicts: int | None = None,
) -> Circuit | None:
    """A verified circuit of exactly ``gates`` gates (and depth ≤ max_depth), or None if UNSAT.

    None means no irredundant circuit of that size exists, which for every size up to the minimum
    (the only sizes the searches ask about) means no circuit at all. The optional symmetry breaks
    (see encoding.encode) are on by default: one optimum is all this function returns.
    ``limit_fanout`` adds the gate-elimination fanout limits of bounds.fanout_limits. With
    ``conflicts``, each solver call stops after that many conflicts and ``BudgetExhausted`` is raised.

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
        fanout_limits=fanout_limits(spec, gates) if limit_fanout else None,
    )
    with Solver(name=backend_for(solver, spec.n)) as sat:
        added = 0
        while True:
            add_clauses(sat, encoding.clauses[added:])
            added = len(encoding.clauses)
            if conflicts is not None:
                sat.conf_budget(conflicts)
            answer = sat.solve() if conflicts is None else sat.solve_limited()
            if answer is None:
                raise BudgetExhausted(f"{conflicts} conflicts were not enough at {gates} gates")
            if not answer:
                return None
            circuit = encoding.decode(sat.get_model())
            wrong = failing_rows(circuit, spec)
            if not wrong:
                return circuit.verify(spec.table)
            encoding.add_rows(wrong[:ROWS_PER_ROUND])


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
        circuit = solve_exact_size(spec, gates, solver)
        if circuit is not None:
            yield Found(circuit)
            return
        yield Bound("size", gates + 1)


def optimal_circuit_in_process(table: TruthTable, basis: str) -> Circuit:
    """A proven minimum-size circuit for ``table``, searched in this process without a time limit."""
    best, lower = best_of(list(size_search(table, basis, DEFAULT_SOLVER)), "size")
    assert best is not None and best.size == lower
    return best


def best_of(events: list[Event], measure: str) -> tuple[Circuit | None, int]:
    """The smallest circuit found and the largest proven lower bound of ``measure``."""
    lower = max((e.value for e in events if isinstance(e, Bound) and e.measure == measure), default=0)
    circuits = [e.circuit for e in events if isinstance(e, Found)]
    key = (lambda c: (c.depth, c.size)) if measure == "depth" else (lambda c: (c.size, c.depth))
    best = min(circuits, key=key, default=None)
    return best, lower


def minimum_size(
    table: TruthTable, basis: str = "b2", solver: str | None = None, timeout: float | None = None
) -> SynthesisResult:
    """A provably minimum-size circuit for ``table`` in ``basis``, or proven bounds if cut by ``timeout``."""
    solver_name = check_solver(solver)
    spec = prepare(table, basis)  # reject bad input here, not in a worker process
    outcome = run_search(size_search, (table, basis, solver_name), timeout)
    best, lower = best_of(outcome.events, "size")
    lower = max(lower, structural_lower_bound(spec))  # holds even if the limit cut the first event
    if best is None:  # cut before even the heuristic reported (a very short limit)
        best = heuristic_circuit(table, basis)
    best.verify(table)
    return SynthesisResult(
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

"""Minimum depth (then minimum size at that depth) and the size–depth frontier.

Minimum depth is decided on fixed formula trees (depth_feasibility.py), which is cheap; the size at a
given depth uses the size encoding with every gate's level bounded. The frontier lists, for each
depth from the minimum up to the smallest depth at which the minimum size is reachable, the minimum
size at that depth. Sizes along it never increase, so each depth's search starts at the minimum size
and stops below the previous point's size: if nothing smaller fits, the previous circuit is the
answer (it has depth ≤ d as well).
"""

from __future__ import annotations

from typing import Iterator

from circuits.circuit import Circuit
from circuits.truthtable import TruthTable
from sat_encoding.bounds import depth_lower_bound, structural_lower_bound
from sat_encoding.depth_feasibility import depth_feasible
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.result import SynthesisResult
from sat_encoding.runner import Bound, Event, Found, run_search
from sat_encoding.size import best_of, size_search, solve_exact_size
from sat_encoding.solvers import check_solver
from sat_encoding.spec import SynthesisSpec, prepare


def _minimum_depth_events(spec: SynthesisSpec, solver: str) -> Iterator[Event]:
    depth = depth_lower_bound(spec)
    yield Bound("depth", depth)
    while not depth_feasible(spec, depth, solver):
        depth += 1
        yield Bound("depth", depth)


def _proven_depth(events: list[Event]) -> int:
    return max((e.value for e in events if isinstance(e, Bound) and e.measure == "depth"), default=0)


def depth_search(table: TruthTable, basis: str, solver: str) -> Iterator[Event]:
    """Events of the lexicographic (depth, then size) search: the frontier up to its first point.

    The size at the minimum depth is never below the minimum size, so the cheap unconstrained size
    search runs first and the depth-bounded search starts from its answer.
    """
    for event in frontier_search(table, basis, solver):
        if isinstance(event, Found) and event.tag is None:
            event = Found(event.circuit, tag="size")  # a size-phase circuit, not a depth optimum
        yield event
        if isinstance(event, Found) and isinstance(event.tag, int):
            return


def frontier_search(table: TruthTable, basis: str, solver: str) -> Iterator[Event]:
    """Events of the frontier: the minimum size first, then each depth's minimum size (tag = depth)."""
    spec = prepare(table, basis)
    depth_events = list(_minimum_depth_events(spec, solver))  # cheap, so proven first
    yield from depth_events
    depth = _proven_depth(depth_events)
    size_events = []
    for event in size_search(table, basis, solver):
        size_events.append(event)
        yield event
    smallest, _ = best_of(size_events, "size")
    assert smallest is not None
    previous: Circuit | None = None
    while True:
        ceiling = previous.size if previous is not None else None
        found = smallest if smallest.depth <= depth else None
        gates = smallest.size
        yield Bound(f"size@{depth}", gates)
        while found is None and (ceiling is None or gates < ceiling):
            found = solve_exact_size(spec, gates, solver, max_depth=depth)
            if found is not None:
                break
            gates += 1
            yield Bound(f"size@{depth}", gates)
        point = found if found is not None else previous
        assert point is not None
        yield Found(point, tag=depth)
        if point.size == smallest.size:
            return
        previous = point
        depth += 1


def _result(
    table: TruthTable,
    basis: str,
    objective: str,
    circuit: Circuit,
    optimal: bool,
    lower: int,
    seconds: float,
    solver: str,
    timed_out: bool,
    **extra: object,
) -> SynthesisResult:
    circuit.verify(table)
    return SynthesisResult(table, basis, objective, circuit, optimal, lower, seconds, solver, timed_out, **extra)  # type: ignore[arg-type]


def minimum_depth(
    table: TruthTable, basis: str = "b2", solver: str | None = None, timeout: float | None = None
) -> SynthesisResult:
    """The minimum depth and, among circuits of that depth, the minimum size (both proven unless cut)."""
    solver_name = check_solver(solver)
    spec = prepare(table, basis)
    outcome = run_search(depth_search, (table, basis, solver_name), timeout)
    # The cheap static bounds hold even when the limit cut the search before its first event.
    depth_lower = max(_proven_depth(outcome.events), depth_lower_bound(spec))
    optimum = [e for e in outcome.events if isinstance(e, Found) and isinstance(e.tag, int)]
    if optimum:
        circuit = optimum[0].circuit
        measure = f"size@{optimum[0].tag}"
    else:
        circuit, _ = best_of(outcome.events, "depth")
        circuit = circuit or heuristic_circuit(table, basis)
        measure = "size"
    size_lower = max(
        (e.value for e in outcome.events if isinstance(e, Bound) and e.measure in ("size", measure)),
        default=structural_lower_bound(spec),
    )
    return _result(
        table,
        basis,
        "depth",
        circuit,
        bool(optimum),
        min(depth_lower, circuit.depth),
        outcome.seconds,
        solver_name,
        outcome.timed_out and not optimum,
        size_lower_bound=min(size_lower, circuit.size),
    )


def frontier(
    table: TruthTable, basis: str = "b2", solver: str | None = None, timeout: float | None = None
) -> list[SynthesisResult]:
    """The size–depth frontier: one result per depth budget, each with its proven size bound.

    A point is ``optimal`` when its size was proven minimal for its depth budget. When the time limit
    cuts the search, the points reached so far are returned, the last ones possibly not optimal; if
    not even the minimum size was settled, the single best circuit found is returned as one point.
    """
    solver_name = check_solver(solver)
    spec = prepare(table, basis)
    outcome = run_search(frontier_search, (table, basis, solver_name), timeout)
    points: list[SynthesisResult] = []
    for event in outcome.events:
        if not isinstance(event, Found) or event.tag is None:
            continue
        depth = event.tag
        lower = max(
            (e.value for e in outcome.events if isinstance(e, Bound) and e.measure == f"size@{depth}"),
            default=event.circuit.size,
        )
        points.append(
            _result(
                table, basis, "frontier", event.circuit, True, min(lower, event.circuit.size),
                0.0, solver_name, False, depth_budget=depth,
            )
        )
    if not points or outcome.timed_out:
        best, lower = best_of(outcome.events, "size")
        lower = max(lower, structural_lower_bound(spec))  # the cheap bound holds even if no event arrived
        best = best or heuristic_circuit(table, basis)
        if not points or best.size < points[-1].circuit.size:  # type: ignore[union-attr]
            points.append(
                _result(
                    table, basis, "frontier", best, False, min(lower, best.size),
                    0.0, solver_name, True, depth_budget=best.depth,
                )
            )
    points[-1].seconds = outcome.seconds
    return points

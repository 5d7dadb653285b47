"""Minimum depth (then minimum size at that depth) and the size–depth frontier, all by the size encoding.

A target of depth ≤ d unfolds into a formula tree with at most 2^d − 1 gates, so if any circuit of
depth ≤ d exists, one of at most m·(2^d − 1) gates does (m targets). Asking the depth-bounded size
encoding for k = s_min, s_min + 1, … up to that cap therefore decides whether depth d is feasible,
and the first satisfiable k is the minimum size at depth d. Each question is a small instance with
all the size encoding's symmetry breaking and lower bounds; for 4-input functions that is far
cheaper than one fixed formula-tree instance without them (0x16b at depth 3: 0.1 s against 35 s).

The frontier lists, for each depth from the minimum up to the smallest depth at which the minimum
size is reachable, the minimum size at that depth. Sizes along it never increase, so each depth's
search starts at the minimum size and stops below the best known circuit of that depth (the
previous point, the minimum-size circuit or the heuristic one): if nothing smaller fits, that
circuit is the answer.
"""

from __future__ import annotations

from typing import Iterator

from circuits.circuit import Circuit
from circuits.truthtable import TruthTable
from sat_encoding import certify as certificate
from sat_encoding.bounds import depth_lower_bound, structural_lower_bound
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.result import SynthesisResult
from sat_encoding.runner import Bound, Event, Found, run_search
from sat_encoding.size import best_of, size_search, solve_bounded
from sat_encoding.solvers import check_solver
from sat_encoding.spec import SynthesisSpec, prepare


def _proven_depth(events: list[Event]) -> int:
    return max((e.value for e in events if isinstance(e, Bound) and e.measure == "depth"), default=0)


def depth_search(table: TruthTable, basis: str, solver: str) -> Iterator[Event]:
    """Events of the lexicographic (depth, then size) search: the frontier up to its first point."""
    for event in frontier_search(table, basis, solver):
        if isinstance(event, Found) and event.tag is None:
            event = Found(event.circuit, tag="size")  # a size-phase circuit, not a depth optimum
        yield event
        if isinstance(event, Found) and isinstance(event.tag, int):
            return


def _gate_cap(spec: SynthesisSpec, depth: int) -> int:
    """The most gates an irredundant circuit of depth ≤ ``depth`` can have (one tree per target)."""
    return len(spec.targets) * ((1 << depth) - 1)


def frontier_search(table: TruthTable, basis: str, solver: str) -> Iterator[Event]:
    """Events of the frontier: the minimum size first, then each depth's minimum size (tag = depth).

    ``Bound("depth", d)`` means every depth below d is proven infeasible.
    """
    spec = prepare(table, basis)
    size_events = []
    for event in size_search(table, basis, solver):
        size_events.append(event)
        yield event
    smallest, _ = best_of(size_events, "size")
    assert smallest is not None
    shallow = heuristic_circuit(table, basis) if spec.targets else smallest
    depth = depth_lower_bound(spec)
    yield Bound("depth", depth)
    previous: Circuit | None = None
    while True:
        known = [c for c in (smallest, shallow, previous) if c is not None and c.depth <= depth]
        best_known = min(known, key=lambda c: c.size, default=None)
        ceiling = best_known.size if best_known is not None else _gate_cap(spec, depth) + 1
        gates = smallest.size
        found = None
        while gates < ceiling:
            found = solve_bounded(spec, gates, solver, max_depth=depth)
            if found is not None:
                break
            gates += 1
            yield Bound(f"size@{depth}", gates)
        point = found if found is not None else best_known
        depth += 1
        if point is None:  # no circuit of depth depth - 1 at all
            yield Bound("depth", depth)
            continue
        yield Found(point, tag=depth - 1)
        if point.size == smallest.size:
            return
        previous = point


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
    table: TruthTable,
    basis: str = "b2",
    solver: str | None = None,
    timeout: float | None = None,
    certify: bool = False,
) -> SynthesisResult:
    """The minimum depth and, among circuits of that depth, the minimum size (both proven unless cut).

    With ``certify``: the depth bound (and, when proven, the size at that depth) certified again
    (certify.py), under its own ``timeout``.
    """
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
    result = _result(
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
    if certify:
        claims = certificate.depth_claims(spec, result.lower_bound, circuit.size if optimum else None)
        result.certificate = certificate.certify(
            table, basis, solver_name, claims, timeout,
            depth=circuit.depth, lower_bound=result.lower_bound, size=circuit.size,
        )
    return result


def frontier(
    table: TruthTable,
    basis: str = "b2",
    solver: str | None = None,
    timeout: float | None = None,
    certify: bool = False,
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
    if certify:
        for index, point in enumerate(points):
            assert point.depth_budget is not None and point.circuit is not None
            depth_lower = point.depth_budget if index == 0 and point.optimal else 0
            claims = certificate.depth_claims(spec, depth_lower, None)
            claims += [(k, point.depth_budget) for k in range(1, point.lower_bound)]
            point.certificate = certificate.certify(
                table, basis, solver_name, claims, timeout,
                depth_budget=point.depth_budget, size=point.circuit.size, lower_bound=point.lower_bound,
            )
    return points

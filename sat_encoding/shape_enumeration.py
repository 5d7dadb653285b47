"""Every circuit of a size, and how many, as a map over shapes (topology.py), here or on workers.

The enumeration of k gates is the union over the shapes of k gates (shapes.py) of each shape's
circuits; circuits of different shapes are never isomorphic (topology.py), so the union is a sum and
each shape is an independent task. A task lists its shapes' circuits completely, one per
isomorphism class, and reports each shape's CPU seconds, so the makespan on N workers can be
computed from a real run (``makespan``).

Run here, the tasks are one search in the killable worker (runner.py); with a
``parallel.PartsSolver`` they are dealt to its executor (a local pool or Dask), each in a killable
child of its worker, within the same time limit; when the limit or the ``limit`` on circuits
strikes, the unfinished tasks are cancelled and what the finished ones listed is kept (the list is
then marked incomplete).

The notion of "the same circuit" is the project's one (circuits/canonical.py); the engine lists the
same classes as the SSV enumeration (enumerate.py), which tests/test_topology.py checks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from circuits.circuit import Circuit
from circuits.truthtable import TruthTable
from sat_encoding.bounds import fanout_limits
from sat_encoding.exact import gate_free_circuit
from sat_encoding.parallel import answers_in_time
from sat_encoding.runner import Bound, DeadlineReached, Found, run_search
from sat_encoding.shapes import Shape
from sat_encoding.spec import prepare
from sat_encoding.split import deal
from sat_encoding.topology import shapes_for, solve_shape

#: Shapes are dealt into this many tasks per worker, so that a worker whose task ends early takes
#: another instead of idling.
TASKS_PER_WORKER = 8


@dataclass(frozen=True)
class ShapeTime:
    """One shape done: its index among the size's shapes, its classes, whether that is all of them
    (a limit may stop a shape early), solver calls and CPU seconds."""

    index: int
    circuits: int
    complete: bool
    calls: int
    seconds: float


@dataclass(frozen=True)
class ShapeTotal:
    """How many shapes the worker's enumeration goes through (known once it generated them)."""

    count: int


def shape_enumeration_search(
    table: TruthTable, basis: str, solver: str, size: int, limit: int, indices: Sequence[int] | None = None
) -> Iterator[Any]:
    """Events: ShapeTotal (all the size's shapes), Found per class, ShapeTime per finished shape,
    Bound("complete", 1) when every shape of ``indices`` (None: all) is finished. Stops at
    ``limit`` circuits."""
    spec = prepare(table, basis)
    if not spec.targets or size == 0:
        yield ShapeTotal(0)
        if size == 0 and not spec.targets:
            yield Found(gate_free_circuit(spec))
        yield Bound("complete", 1)
        return
    shapes = shapes_for(spec, size, False)
    yield ShapeTotal(len(shapes))
    limits = fanout_limits(spec, size)
    found = 0
    for index in range(len(shapes)) if indices is None else indices:
        outcome = solve_shape(spec, shapes[index], solver, dominance=False, fanout_limits=limits, limit=limit - found)
        for circuit in outcome.circuits:
            yield Found(circuit)
        found += len(outcome.circuits)
        yield ShapeTime(index, len(outcome.circuits), outcome.exhausted, outcome.calls, outcome.seconds)
        if found >= limit:
            return
    yield Bound("complete", 1)


@dataclass
class ShapeRun:
    """What a map over shapes gave: circuits, whether complete, per-shape times, wall seconds."""

    circuits: list[Circuit]
    complete: bool
    shapes: int | None  # None: the time limit struck before the shapes were generated
    times: list[ShapeTime]
    seconds: float


def shape_count(table: TruthTable, basis: str, size: int) -> int:
    """How many shapes the enumeration of ``size`` gates goes through."""
    spec = prepare(table, basis)
    return len(shapes_for(spec, size, False)) if spec.targets and size else 0


def enumerate_by_shapes(
    table: TruthTable, basis: str, solver: str, size: int, limit: int, timeout: float | None, parts: Any = None
) -> ShapeRun:
    """Every circuit of exactly ``size`` gates for ``table``, one per isomorphism class, shape by
    shape: here in the search worker, or on ``parts``' executor (a parallel.PartsSolver)."""
    start = time.perf_counter()
    # Run here, the shapes are generated in the search worker, inside the time limit: at 9 gates and
    # more that alone takes tens of seconds, which the parent must not spend past a deadline.
    shapes = shape_count(table, basis, size) if parts is not None else None
    if not shapes:
        outcome = run_search(shape_enumeration_search, (table, basis, solver, size, limit), timeout)
        events = outcome.events
        totals = [e.count for e in events if isinstance(e, ShapeTotal)]
        shapes = totals[0] if totals else None
        finished = any(isinstance(e, Bound) and e.measure == "complete" for e in events)
    else:
        tasks = deal(list(range(shapes)), parts.parallelism * TASKS_PER_WORKER)
        events = _events_of_tasks(parts, [(table, basis, solver, size, limit, tuple(t)) for t in tasks], timeout)
        finished = len({e.index for e in events if isinstance(e, ShapeTime) and e.complete}) == shapes
    found = [e.circuit for e in events if isinstance(e, Found)]
    times = [e for e in events if isinstance(e, ShapeTime)]
    complete = finished and len(found) <= limit
    circuits = found[:limit]
    return ShapeRun(circuits, complete, shapes, times, time.perf_counter() - start)


def _events_of_tasks(parts: Any, tasks: list[tuple[Any, ...]], timeout: float | None) -> list[Any]:
    """The events of every task that finished (all of them unless the time limit or the circuit
    limit cut the map short)."""
    deadline = None if timeout is None else time.perf_counter() + timeout
    token = parts.new_token()
    futures = [parts.executor.submit(run_task, args, token, timeout) for args in tasks]
    parts.stats["parts"] += len(futures)
    limit = tasks[0][4]
    events: list[Any] = []
    found = 0
    try:
        for answer in answers_in_time(futures, deadline):
            events.extend(answer)
            found += sum(1 for e in answer if isinstance(e, Found))
            if found >= limit:
                break
    except DeadlineReached:
        pass
    finally:
        token.set()
        for future in futures:
            future.cancel()
    return events


def run_task(args: tuple[Any, ...], token: Any, seconds: float | None) -> list[Any]:
    """One task on a worker (the executor's job function): its shapes in a killable child; the
    events of the shapes it finished."""
    return run_search(shape_enumeration_search, args, seconds, stop=token.is_set).events


def makespan(seconds: Sequence[float], workers: int) -> float:
    """The finishing time of tasks of these durations on ``workers`` workers, each task given in
    order to the worker that is free first (what an executor's queue does)."""
    free = [0.0] * max(1, workers)
    for duration in seconds:
        first = min(range(len(free)), key=free.__getitem__)
        free[first] += duration
    return max(free)

"""One hard question, "is there a circuit of k gates?", solved as parallel parts on an executor.

The search itself still runs in its killable worker (runner.py). A question it finds hard (one that
an in-process attempt does not settle within PARTS_AFTER_CONFLICTS conflicts) is handed back to the
parent with ``ask_parent``. The parent's ``PartsSolver`` splits it into groups of cubes (split.py),
submits one job per group to any ``concurrent.futures`` executor (a local process pool, or Dask:
the batch layer opens either), and answers:

* the first part that finds a circuit answers the question; the other parts are cancelled;
* when every part is UNSAT, the question is UNSAT: the cubes cover every circuit of the instance
  (split.py proves it), so no circuit of k gates exists and the search proves the bound k + 1;
* when the time limit strikes, the parts are cancelled and the search is cut like any other.

Each part is the whole encoding (all rules, fanout limits, lazily added rows) plus clauses that
exclude the cubes outside its group, solved in one call; it runs in its own killable process on the
worker, which ends it when its time is up or when the parent raises the part's cancellation token.
The token is whatever the executor's owner supplies (``CancelToken``): a flag in shared memory for
a local pool, a Dask ``Event`` for a cluster.
"""

from __future__ import annotations

import concurrent.futures as cf
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Protocol

from circuits.circuit import Circuit
from circuits.truthtable import TruthTable
from sat_encoding.bounded import solve_bounded
from sat_encoding.bounds import fanout_limits
from sat_encoding.exact import BudgetExhausted, solve_exact_size
from sat_encoding.runner import Bound, DeadlineReached, Event, Found, ask_parent, run_search
from sat_encoding.spec import SynthesisSpec, prepare
from sat_encoding.shapes import Shape
from sat_encoding.split import Cube, deal, prefix_cubes
from sat_encoding.topology import shapes_for, solve_by_shapes

#: A question is solved in parts only when an in-process call has not settled it within this many
#: conflicts: cheap questions would spend more on starting parts than on solving.
PARTS_AFTER_CONFLICTS = 20_000
#: The topology engine hands a size to the parent only when it has more shapes than this (shapes.py).
PARTS_AFTER_SHAPES = 500
#: Parts fix the pairs of this many gates (split.py) ...
PART_CUBE_GATES = 2
#: ... and are dealt into this many groups per worker, so that a worker whose part ends early takes
#: another one instead of idling.
GROUPS_PER_WORKER = 4


class CancelToken(Protocol):
    """A flag the parent raises and the workers read; picklable."""

    def set(self) -> None: ...

    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class PartsQuestion:
    """What a search hands back: is there a circuit of exactly ``gates`` gates (depth ≤ max_depth)?"""

    table: TruthTable
    basis: str
    gates: int
    solver: str
    max_depth: int | None = None
    engine: str = "ssv"  # engines.py: "topology" splits by shapes instead of cubes


@dataclass(frozen=True)
class Part:
    """One group of cubes (SSV) or of shapes (topology, shapes.py) of a question."""

    question: PartsQuestion
    cubes: tuple[Cube, ...]
    shapes: tuple[Shape, ...] = ()


@dataclass(frozen=True)
class PartAnswer:
    """``status``: "sat" (with the circuit), "unsat", or "cut" (its time limit or the token);
    ``seconds``: the CPU seconds the part's search took (0 when cut)."""

    status: str
    circuit: Circuit | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class PartTime:
    """The last event of a part's search: the CPU seconds it took in its process."""

    seconds: float


def solve_bounded_by_parts(
    spec: SynthesisSpec, gates: int, solver: str, max_depth: int | None = None
) -> Circuit | None:
    """``bounded.solve_bounded`` for a search whose parent has a ``PartsSolver``: a short attempt
    here, then the question goes to the parent. The answer is verified here again."""
    try:
        return solve_bounded(spec, gates, solver, max_depth, conflicts=PARTS_AFTER_CONFLICTS)
    except BudgetExhausted:
        pass
    answer = ask_parent(PartsQuestion(spec.table, spec.basis.name, gates, solver, max_depth))
    return None if answer is None else answer.verify(spec.table)


def solve_shapes_by_parts(spec: SynthesisSpec, gates: int, solver: str, max_depth: int | None = None) -> Circuit | None:
    """The topology engine's answer, here when the size has few shapes, else in parts by the
    parent (verified here again)."""
    assert max_depth is None, "the topology engine has no depth bound"
    if len(shapes_for(spec, gates, True)) <= PARTS_AFTER_SHAPES:
        return solve_by_shapes(spec, gates, solver, fanout_limits(spec, gates))
    answer = ask_parent(PartsQuestion(spec.table, spec.basis.name, gates, solver, None, "topology"))
    return None if answer is None else answer.verify(spec.table)


def solve_by_topology(spec: SynthesisSpec, gates: int, solver: str, max_depth: int | None = None) -> Circuit | None:
    """The topology engine's answer in this process."""
    assert max_depth is None, "the topology engine has no depth bound"
    return solve_by_shapes(spec, gates, solver, fanout_limits(spec, gates))


def exact_solver(in_parts: bool, engine: str = "ssv") -> Callable[..., Circuit | None]:
    """How a search answers "a circuit of k gates (depth ≤ d)?": with which engine (engines.py;
    "auto" resolved by the caller), here or partly in parts."""
    if engine == "topology":
        return solve_shapes_by_parts if in_parts else solve_by_topology
    return solve_bounded_by_parts if in_parts else solve_bounded


def _part_search(part: Part) -> Iterator[Event | PartTime]:
    """Found(circuit) if the part has one, else Bound("part", 1): the part is UNSAT; then its time."""
    start = time.process_time()
    question = part.question
    spec = prepare(question.table, question.basis)
    limits = fanout_limits(spec, question.gates)
    if question.engine == "topology":
        circuit = solve_by_shapes(spec, question.gates, question.solver, limits, shapes=part.shapes)
    else:
        circuit = solve_exact_size(
            spec, question.gates, question.solver, question.max_depth, fanout_limits=limits, within=part.cubes
        )
    yield Bound("part", 1) if circuit is None else Found(circuit)
    yield PartTime(time.process_time() - start)


def solve_part(part: Part, token: CancelToken, seconds: float | None) -> PartAnswer:
    """Run one part in a killable child of this worker (the executor's job function)."""
    outcome = run_search(_part_search, (part,), seconds, stop=token.is_set)
    cpu = sum(e.seconds for e in outcome.events if isinstance(e, PartTime))
    for event in outcome.events:
        if isinstance(event, Found):
            return PartAnswer("sat", event.circuit.verify(part.question.table), cpu)
        if isinstance(event, Bound):
            return PartAnswer("unsat", None, cpu)
    return PartAnswer("cut")


class PartsSolver:
    """Answers ``PartsQuestion``s on an executor (the ``delegate`` of runner.run_search).

    ``new_token`` makes a fresh cancellation token per question; ``parallelism`` is the number of
    workers behind the executor. ``stats`` counts questions and parts, for the benchmarks.
    """

    def __init__(
        self,
        executor: cf.Executor,
        parallelism: int,
        new_token: Callable[[], CancelToken],
        groups_per_worker: int = GROUPS_PER_WORKER,
    ) -> None:
        self.executor = executor
        self.parallelism = max(1, parallelism)
        self.new_token = new_token
        self.groups_per_worker = groups_per_worker
        self.stats: dict[str, Any] = {"questions": 0, "parts": 0, "part_seconds": []}

    def __call__(self, question: Any, deadline: float | None) -> Circuit | None:
        if not isinstance(question, PartsQuestion):
            raise TypeError(f"a parts solver cannot answer {type(question).__name__}")
        count = self.parallelism * self.groups_per_worker
        if question.engine == "topology":
            spec = prepare(question.table, question.basis)
            parts = [Part(question, (), tuple(g)) for g in deal(list(shapes_for(spec, question.gates, True)), count)]
        else:
            cubes = prefix_cubes(question.table.n, question.gates, PART_CUBE_GATES)
            parts = [Part(question, tuple(g)) for g in deal(cubes, count)]
        token = self.new_token()
        seconds = None if deadline is None else max(0.0, deadline - time.perf_counter())
        futures = [self.executor.submit(solve_part, part, token, seconds) for part in parts]
        self.stats["questions"] += 1
        self.stats["parts"] += len(futures)
        try:
            return self._first_circuit(futures, deadline)
        finally:
            token.set()
            for future in futures:
                future.cancel()

    def _first_circuit(self, futures: list[cf.Future[Any]], deadline: float | None) -> Circuit | None:
        """The circuit of the first part that has one; None when all are UNSAT. Each finished
        part's CPU seconds go into ``stats["part_seconds"]`` (makespans, benchmarks/)."""
        for answer in answers_in_time(futures, deadline):
            if answer.status != "cut":
                self.stats["part_seconds"].append(answer.seconds)
            if answer.status == "sat":
                return answer.circuit
            if answer.status == "cut":
                raise DeadlineReached
        return None


def answers_in_time(futures: list[cf.Future[Any]], deadline: float | None) -> Iterator[Any]:
    """The futures' results as they finish; ``DeadlineReached`` when the deadline strikes first."""
    pending = set(futures)
    while pending:
        wait = None if deadline is None else deadline - time.perf_counter()
        if wait is not None and wait <= 0:
            raise DeadlineReached
        done, pending = cf.wait(pending, timeout=wait, return_when=cf.FIRST_COMPLETED)
        for future in done:
            yield future.result()

"""Exact re-synthesis of one window, as a job a worker process runs, and what came of it.

A job is the window's function (a TruthTable with don't-cares) and its queries (objective.py); it
does not mention the circuit, so its answer holds for any window of any circuit with the same
function, don't-cares and queries, and is cached under that key. The worker answers the queries in
order with this project's exact engine (``sat_encoding.timing.smallest_below``) and stops at the
first that has an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Iterator

from circuits.circuit import Circuit
from circuits.improve.objective import Query
from circuits.truthtable import TruthTable
from sat_encoding.runner import Bound, Event, Found
from sat_encoding.timing import smallest_below


@dataclass(frozen=True)
class WindowJob:
    table: TruthTable
    basis: str
    solver: str
    queries: tuple[Query, ...]

    @property
    def key(self) -> Hashable:
        return (self.table, self.basis, self.solver, self.queries)


def run_job(job: WindowJob) -> Iterator[tuple[int, Event]]:
    """Events of each query in turn, tagged with the query's index; stops after a query finds one."""
    for index, query in enumerate(job.queries):
        found = False
        for event in smallest_below(job.table, job.basis, job.solver, query.below, query.timing):
            found = found or isinstance(event, Found)
            yield index, event
        if found:
            return


@dataclass
class WindowAnswer:
    """What is known about a job: the best replacement found, and which queries were settled.

    ``bounds[i]`` is query i's proven lower bound on the replacement's size; query i is settled
    negatively when it reaches the query's ``below``.
    """

    job: WindowJob
    circuit: Circuit | None = None
    query: int | None = None
    bounds: dict[int, int] = field(default_factory=dict)
    finished: bool = False
    seconds: float = 0.0

    def record(self, index: int, event: Event) -> None:
        if isinstance(event, Bound):
            self.bounds[index] = max(self.bounds.get(index, 0), event.value)
        elif self.circuit is None or event.circuit.size < self.circuit.size:
            self.circuit, self.query = event.circuit, index  # only one query ever finds (run_job)

    @property
    def improves(self) -> bool:
        return self.circuit is not None

    @property
    def proven(self) -> bool:
        """Every query settled with no replacement: the window cannot lower the cost."""
        return self.circuit is None and all(
            self.bounds.get(i, 0) >= q.below for i, q in enumerate(self.job.queries)
        )

    def summary(self) -> str:
        if self.circuit is not None:
            return f"replacement of {self.circuit.size} gates"
        parts = [
            f"no replacement below {q.below}" if self.bounds.get(i, 0) >= q.below
            else f"proven >= {self.bounds.get(i, 0)} of < {q.below}, cut"
            for i, q in enumerate(self.job.queries)
        ]
        return "; ".join(parts)

"""The circuits of one size (and depth bound) for a function: listed whole, or sampled near-uniformly.

The search share p(s) (circuits/study/shares.py) is measured over a *population*: every circuit of
the basis that computes f with exactly s gates (depth ≤ d), counted up to isomorphism, irredundant
only (every gate used, no two gates alike: a circuit with a redundant gate is a smaller circuit with
a dead part, not another way to compute f). This is the set the enumeration lists
(sat_encoding/enumerate.py) and the set whose classes the unreduced encoding has one model each of
(sat_encoding/sampling.py), so both ways of reaching it measure the same thing.

* **Listed** when the complete list fits the cap (10,000 by default) within the time limit: the
  size of the set is exact, and the circuits scored are all of them or a seeded draw without
  replacement from the complete list (uniform by construction).
* **Sampled** when the list reaches the cap first: UniGen draws near-uniform circuits with
  replacement and ApproxMC estimates the size (ε, δ stated), in what remains of the time limit.
* **Neither** when the list was cut by the time limit before the cap: a single solution then costs
  seconds and no hashing sampler finishes (measured, sampling.py), so the population is reported
  as not measured, with the reason.

``Lister`` is the plug for any other exact source of the same set (for example an engine that
enumerates per topology): a callable returning the circuits and whether the list is complete.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from circuits.circuit import Circuit
from circuits.truthtable import TruthTable

#: Largest set listed completely; above it the population is sampled.
LIST_CAP = 10_000
#: The least time worth giving the sampler: on the sets measured (sampling.py) it never finished a
#: set above ApproxMC's threshold in less, so a shorter remainder is reported instead of spent.
SAMPLER_MIN_SECONDS = 30.0

#: (table, basis, size, max_depth, cap, timeout) -> (circuits up to isomorphism, complete)
Lister = Callable[[TruthTable, str, int, "int | None", int, float], tuple[list[Circuit], bool]]


def enumeration_lister(
    table: TruthTable, basis: str, size: int, max_depth: int | None, cap: int, timeout: float
) -> tuple[list[Circuit], bool]:
    """The project's enumeration (orbit representatives expanded by Aut(f))."""
    from sat_encoding import enumerate_circuits

    found = enumerate_circuits(table, basis, size, max_depth, limit=cap, timeout=timeout)
    return found.circuits, found.complete


@dataclass
class Population:
    """What was measured of one population: its size, the circuits drawn for scoring, and how."""

    size: int
    max_depth: int | None
    #: "listed", "sampled", or None (not measured: ``note`` says why).
    method: str | None = None
    #: Number of circuits in the set: exact when listed, ApproxMC's estimate when sampled.
    total: int | None = None
    total_exact: bool = False
    #: The circuits to score: a uniform draw (listed: without replacement; sampled: with).
    drawn: list[Circuit] = field(default_factory=list)
    #: The drawn circuits are the whole set (then the share is exact, not estimated).
    whole_set: bool = False
    note: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "max_depth": self.max_depth,
            "method": self.method,
            "total": self.total,
            "total_exact": self.total_exact,
            "circuits": [c.to_dict() for c in self.drawn],
            "whole_set": self.whole_set,
            "note": self.note,
            "seconds": round(self.seconds, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Population":
        return cls(
            size=data["size"], max_depth=data["max_depth"], method=data["method"], total=data["total"],
            total_exact=data["total_exact"], drawn=[Circuit.from_dict(c) for c in data["circuits"]],
            whole_set=data["whole_set"], note=data["note"], seconds=data["seconds"],
        )


def measure_population(
    table: TruthTable,
    basis: str,
    size: int,
    max_depth: int | None,
    draw: int,
    seed: int,
    timeout: float,
    cap: int = LIST_CAP,
    lister: Lister = enumeration_lister,
) -> Population:
    """List the population if it fits ``cap``, else sample it; draw ``draw`` circuits to score."""
    start = time.perf_counter()
    population = Population(size, max_depth)
    circuits, complete = lister(table, basis, size, max_depth, cap, timeout)
    if complete:
        population.method, population.total, population.total_exact = "listed", len(circuits), True
        population.whole_set = len(circuits) <= draw
        population.drawn = list(circuits) if population.whole_set else random.Random(seed).sample(circuits, draw)
    elif len(circuits) < cap:
        population.note = f"listing cut at {len(circuits)} circuits by the {timeout:g} s limit"
    else:
        _sample(population, table, basis, draw, seed, timeout - (time.perf_counter() - start), cap)
    population.seconds = time.perf_counter() - start
    return population


def _sample(population: Population, table: TruthTable, basis: str, draw: int, seed: int, budget: float, cap: int) -> None:
    from sat_encoding.sampling import DELTA, EPSILON, sample_circuits

    if budget < SAMPLER_MIN_SECONDS:
        population.note = f"more than {cap} circuits; {max(budget, 0):.0f} s left, too little to sample"
        return
    sample = sample_circuits(table, basis, population.size, population.max_depth, draw, seed, budget)
    if not sample.finished or sample.estimate is None:
        population.note = f"more than {cap} circuits; the hashing sampler did not finish within {budget:.0f} s"
        return
    population.method, population.drawn = "sampled", sample.circuits
    population.total, population.total_exact = sample.estimate.value, sample.estimate.exact
    population.note = f"size estimated by ApproxMC (epsilon {EPSILON}, delta {DELTA})"

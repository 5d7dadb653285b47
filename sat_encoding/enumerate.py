"""All circuits of a given size (and depth bound) up to isomorphism, or a random sample of them.

The encoding's symmetry breaking keeps at least one representative of every isomorphism class (it
only removes gate reorderings, fanin swaps and internal polarity choices, plus circuits with unused
or duplicate gates, which are never optimal). Each circuit found is verified, keyed canonically
(circuits/canonical.py) and blocked structurally; isomorphic copies that slip past the symmetry
breaking are dropped by key. The search ends when the solver proves no structure is left
(``complete``), or at the limit or time limit (``complete`` false).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from circuits.canonical import canonical_key
from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.truthtable import TruthTable
from sat_encoding.incremental import IncrementalInstance
from sat_encoding.result import SynthesisResult
from sat_encoding.runner import Bound, Event, Found, run_search
from sat_encoding.objectives import optimize
from sat_encoding.exact import gate_free_circuit
from sat_encoding.solvers import check_solver
from sat_encoding.spec import prepare


@dataclass
class Enumeration:
    """Distinct circuits (up to isomorphism), how many, and whether the list is provably complete."""

    circuits: list[Circuit] = field(default_factory=list)
    complete: bool = False
    seconds: float = 0.0

    @property
    def count(self) -> int:
        return len(self.circuits)


def enumeration_search(
    table: TruthTable, basis: str, solver: str, size: int, max_depth: int | None, limit: int, seed: int | None
) -> Iterator[Event]:
    """Events: one Found per new isomorphism class; Bound('complete', 1) when provably exhausted."""
    spec = prepare(table, basis)
    if not spec.targets:
        if size == 0:
            yield Found(gate_free_circuit(spec))
        yield Bound("complete", 1)
        return
    if size == 0:
        yield Bound("complete", 1)
        return
    seen: set[str] = set()
    with IncrementalInstance(spec, size, solver, max_depth, seed) as instance:
        while len(seen) < limit:
            circuit = instance.solve()
            if circuit is None:
                yield Bound("complete", 1)
                return
            instance.block_last()
            key = canonical_key(circuit)
            if key not in seen:
                seen.add(key)
                yield Found(circuit)


def enumerate_circuits(
    table: TruthTable,
    basis: str = "b2",
    size: int = 0,
    max_depth: int | None = None,
    limit: int = 1000,
    timeout: float | None = None,
    seed: int | None = None,
    solver: str | None = None,
) -> Enumeration:
    """Every circuit of exactly ``size`` gates (depth ≤ ``max_depth``) computing ``table``, up to isomorphism.

    With ``seed``, the solver's phases are randomized, which turns a capped enumeration into a random
    sample (the N1 null model of the analyzer). Circuits with unused or duplicated gates are never
    produced, so at a non-minimal size this lists the irredundant circuits only.
    """
    if limit < 1:
        raise InputError("the enumeration limit must be at least 1")
    solver_name = check_solver(solver)
    prepare(table, basis)
    outcome = run_search(enumeration_search, (table, basis, solver_name, size, max_depth, limit, seed), timeout)
    circuits = [e.circuit for e in outcome.events if isinstance(e, Found)]
    complete = any(isinstance(e, Bound) and e.measure == "complete" for e in outcome.events)
    return Enumeration(circuits, complete, outcome.seconds)


def enumerate_optimal(
    table: TruthTable,
    basis: str = "b2",
    objective: str = "size",
    limit: int = 1000,
    timeout: float | None = None,
    solver: str | None = None,
    certify: bool = False,
) -> tuple[list[SynthesisResult], list[Enumeration]]:
    """The optimum (or each frontier point) and all its circuits up to isomorphism.

    An enumeration is only complete when its optimum was proven: circuits of a size that is not known
    to be minimal are not "all optimal circuits". ``certify`` certifies the optimum, not the
    completeness of the list.
    """
    results = optimize(table, basis, objective, solver, timeout, certify)
    enumerations = []
    for result in results:
        circuit = result.circuit
        assert circuit is not None
        budget = result.depth_budget if objective == "frontier" else circuit.depth if objective == "depth" else None
        enumeration = enumerate_circuits(table, basis, circuit.size, budget, limit, timeout, None, solver)
        enumeration.complete = enumeration.complete and result.optimal
        enumerations.append(enumeration)
    return results, enumerations

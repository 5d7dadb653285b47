"""One entry point for every objective, as `circuits solve` and the batch engine use it."""

from __future__ import annotations

from dataclasses import dataclass, field

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.truthtable import TruthTable
from sat_encoding.enumerate import Enumeration, enumerate_optimal
from sat_encoding.objectives import optimize
from sat_encoding.result import SynthesisResult
from sat_encoding.runner import Delegate


@dataclass
class SolveOutcome:
    """What one solve produced: a result per objective point, and optionally all optimal circuits."""

    table: TruthTable
    basis: str
    objective: str
    results: list[SynthesisResult]
    enumerations: list[Enumeration] = field(default_factory=list)  # per result, when all optima are asked for

    def primary_circuit(self) -> Circuit:
        """The circuit to draw or export: the optimum, or the last frontier point (minimum size)."""
        circuit = self.results[-1].circuit
        assert circuit is not None
        return circuit


def solve_spec(
    table: TruthTable,
    basis: str = "b2",
    objective: str = "size",
    all_optimal: bool = False,
    limit: int = 1000,
    solver: str | None = None,
    timeout: float | None = None,
    certify: bool = False,
    parts: Delegate | None = None,
    start: Circuit | None = None,
) -> SolveOutcome:
    """Dispatch to the synthesis routine of ``objective`` (``certify``: see sat_encoding/certify.py;
    ``parts``: a parallel.PartsSolver that solves the hard questions in parallel parts; ``start``: an
    upper-bound circuit for the size search, see size.py)."""
    if limit < 1:
        raise InputError("--limit must be at least 1")
    if all_optimal:
        results, enumerations = enumerate_optimal(table, basis, objective, limit, timeout, solver, certify, parts, start)
        return SolveOutcome(table, basis, objective, results, enumerations)
    return SolveOutcome(table, basis, objective, optimize(table, basis, objective, solver, timeout, certify, parts, start))

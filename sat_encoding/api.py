"""One entry point for every objective, as `circuits solve` and the batch engine use it."""

from __future__ import annotations

from dataclasses import dataclass, field

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.truthtable import TruthTable
from sat_encoding.enumerate import COUNT_LIMIT, Enumeration, enumerate_circuits, enumerate_optimal
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
    enumerated_size: int | None = None  # set when the circuits of a given size were listed or counted
    count_only: bool = False  # report how many, not which

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
    engine: str | None = None,
    size: int | None = None,
    count: bool = False,
) -> SolveOutcome:
    """Dispatch to the synthesis routine of ``objective`` (``certify``: see sat_encoding/certify.py;
    ``parts``: a parallel.PartsSolver that solves the hard questions in parallel parts; ``start``: an
    upper-bound circuit for the size search, see size.py; ``engine``: engines.py).

    ``size``: list (``all_optimal``) or count (``count``) every circuit of exactly that many gates,
    after the minimum-size search; ``count`` without ``size`` counts the optima."""
    if limit < 1:
        raise InputError("--limit must be at least 1")
    if size is not None and size < 0:
        raise InputError(f"--size must be at least 0, got {size}")
    if size is not None and not (all_optimal or count):
        raise InputError("--size needs --all (list the circuits of that size) or --count")
    if (size is not None or count) and objective != "size":
        raise InputError("--size and --count work with --objective size")
    if size is not None or count:
        results = optimize(table, basis, objective, solver, timeout, certify, parts, engine=engine)
        result = results[0]
        gates = result.size if size is None else size
        assert gates is not None
        cap = COUNT_LIMIT if count else limit
        enumeration = enumerate_circuits(table, basis, gates, None, cap, timeout, None, solver, engine, parts)
        if size is None or size == result.size:  # "all optima" only when the minimum is proven
            enumeration.complete = enumeration.complete and result.optimal
        return SolveOutcome(table, basis, objective, results, [enumeration], gates, count)
    if all_optimal:
        results, enumerations = enumerate_optimal(table, basis, objective, limit, timeout, solver, certify, parts, start, engine)
        return SolveOutcome(table, basis, objective, results, enumerations)
    results = optimize(table, basis, objective, solver, timeout, certify, parts, start, engine)
    return SolveOutcome(table, basis, objective, results)

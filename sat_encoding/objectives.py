"""The three objectives behind one call, so every caller dispatches the same way."""

from __future__ import annotations

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.truthtable import TruthTable
from sat_encoding.depth import frontier, minimum_depth
from sat_encoding.result import SynthesisResult
from sat_encoding.runner import Delegate
from sat_encoding.size import minimum_size

OBJECTIVES = ("size", "depth", "frontier")


def optimize(
    table: TruthTable,
    basis: str = "b2",
    objective: str = "size",
    solver: str | None = None,
    timeout: float | None = None,
    certify: bool = False,
    parts: Delegate | None = None,
    start: Circuit | None = None,
    engine: str | None = None,
) -> list[SynthesisResult]:
    """One result for size or depth; one per depth budget for the frontier (certified on request;
    ``parts``: a parallel.PartsSolver for the hard questions; ``start``: a circuit that bounds the
    size search from above, see size.py; ``engine``: engines.py, for the size objective: depth and
    the frontier need depth bounds, which only the SSV encoding has)."""
    if objective == "size":
        return [minimum_size(table, basis, solver, timeout, certify, parts, start, engine)]
    if objective == "depth":
        return [minimum_depth(table, basis, solver, timeout, certify, parts)]
    if objective == "frontier":
        return frontier(table, basis, solver, timeout, certify, parts)
    raise InputError(f"unknown objective {objective!r}; choose one of {', '.join(OBJECTIVES)}")

"""The three objectives behind one call, so every caller dispatches the same way."""

from __future__ import annotations

from circuits.errors import InputError
from circuits.truthtable import TruthTable
from sat_encoding.depth import frontier, minimum_depth
from sat_encoding.result import SynthesisResult
from sat_encoding.size import minimum_size

OBJECTIVES = ("size", "depth", "frontier")


def optimize(
    table: TruthTable,
    basis: str = "b2",
    objective: str = "size",
    solver: str | None = None,
    timeout: float | None = None,
    certify: bool = False,
) -> list[SynthesisResult]:
    """One result for size or depth; one per depth budget for the frontier (certified on request)."""
    if objective == "size":
        return [minimum_size(table, basis, solver, timeout, certify)]
    if objective == "depth":
        return [minimum_depth(table, basis, solver, timeout, certify)]
    if objective == "frontier":
        return frontier(table, basis, solver, timeout, certify)
    raise InputError(f"unknown objective {objective!r}; choose one of {', '.join(OBJECTIVES)}")

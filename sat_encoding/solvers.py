"""Choosing and running a python-sat solver on one encoded instance."""

from __future__ import annotations

from pysat.solvers import Solver, SolverNames

from circuits.errors import InputError

#: Chosen by measurement on the 222-class sweep of 4-input functions (see benchmarks/).
DEFAULT_SOLVER = "cadical195"


def solver_names() -> list[str]:
    """Every solver name python-sat knows on this installation."""
    names = []
    for attr, aliases in vars(SolverNames).items():
        if not attr.startswith("_") and isinstance(aliases, tuple):
            names.append(attr)
    return sorted(names)


def check_solver(name: str | None) -> str:
    """Resolve a solver name (None means the default), rejecting unknown ones in one line."""
    chosen = DEFAULT_SOLVER if name is None else name.lower()
    if chosen not in solver_names():
        raise InputError(f"unknown solver {name!r}; choose one of {', '.join(solver_names())}")
    return chosen


def solve_clauses(name: str, clauses: list[list[int]]) -> list[int] | None:
    """Solve a CNF; return a model, or None when it is unsatisfiable."""
    with Solver(name=name, bootstrap_with=clauses) as solver:
        if solver.solve():
            return solver.get_model()
        return None

"""Choosing and running a python-sat solver on one encoded instance."""

from __future__ import annotations

from typing import Iterable

import pysolvers
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


#: python-sat backends whose C clause-adding entry point is called directly (backend class:
#: (function in pysolvers, attribute holding the solver handle)). Skipping the two Python wrapper
#: layers per clause matters when an instance has tens of thousands of clauses.
_DIRECT_ADD = {
    "Minisat22": ("minisat22_add_cl", "minisat"),
    "Cadical153": ("cadical153_add_cl", "cadical"),
    "Cadical195": ("cadical195_add_cl", "cadical"),
    "Glucose4": ("glucose41_add_cl", "glucose"),
    "Glucose42": ("glucose421_add_cl", "glucose"),
}


def add_clauses(solver: Solver, clauses: Iterable[list[int]]) -> None:
    """Add clauses to a python-sat solver, through its C entry point when one is known."""
    backend = solver.solver
    direct = _DIRECT_ADD.get(type(backend).__name__)
    handle = getattr(backend, direct[1], None) if direct else None
    if handle is None:
        for clause in clauses:
            solver.add_clause(clause)
        return
    add = getattr(pysolvers, direct[0])
    for clause in clauses:
        add(handle, clause)


def solve_clauses(name: str, clauses: list[list[int]]) -> list[int] | None:
    """Solve a CNF; return a model, or None when it is unsatisfiable."""
    with Solver(name=name, bootstrap_with=clauses) as solver:
        if solver.solve():
            return solver.get_model()
        return None

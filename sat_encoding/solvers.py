"""Choosing and running a python-sat solver on one encoded instance."""

from __future__ import annotations

from typing import Iterable

import pysolvers
from pysat.solvers import Solver, SolverNames

from circuits.errors import InputError

#: The default: a backend picked per instance by ``backend_for``.
DEFAULT_SOLVER = "auto"

#: Measured side by side (benchmarks/, README "Performance"): MiniSat 2.2 proves the small 4-input
#: instances about twice as fast as CaDiCaL 1.9.5 (222-class sweep 7.4 against 15.2 CPU s), while
#: CaDiCaL wins by 5-10x on the hard instances of 5 and more inputs (majority of 5: 7.5 against
#: 86 CPU s; PATH4: 1.4 against 7.0 CPU s).
SMALL_INSTANCE_SOLVER = "minisat22"
LARGE_INSTANCE_SOLVER = "cadical195"
SMALL_INSTANCE_INPUTS = 4


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
    if chosen != DEFAULT_SOLVER and chosen not in solver_names():
        raise InputError(f"unknown solver {name!r}; choose auto or one of {', '.join(solver_names())}")
    return chosen


def backend_for(name: str, inputs: int) -> str:
    """The python-sat backend that runs an instance over ``inputs`` inputs ("auto" picks by size)."""
    if name != DEFAULT_SOLVER:
        return name
    return SMALL_INSTANCE_SOLVER if inputs <= SMALL_INSTANCE_INPUTS else LARGE_INSTANCE_SOLVER


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

"""What `circuits solve` runs for one function: the starting bound, then the exact search.

Kept out of the command line so that a script gets the same answer as the command: for a size
search the heuristic circuit and a short rewriting pass give the starting upper bound
(circuits.improve.upper_bound), inside the same time limit as the search (the caller's
``sat_encoding.runner.command_deadline`` bounds every stage).
"""

from __future__ import annotations

from typing import Any

from circuits.truthtable import TruthTable
from sat_encoding import solve_spec
from sat_encoding.api import SolveOutcome
from sat_encoding.runner import announce


def solve_function(
    table: TruthTable, basis: str = "b2", objective: str = "size", timeout: float | None = None, **options: Any
) -> SolveOutcome:
    """The optimum of ``table`` for ``objective`` (or its bounds, when ``timeout`` cuts the search);
    ``options`` are solve_spec's (all_optimal, limit, solver, certify, parts)."""
    from circuits.improve.upper_bound import timed_search_start

    start, search_timeout = None, timeout
    if objective == "size" and not options.get("count") and options.get("size") is None:
        announce("search_start")
        start, search_timeout = timed_search_start(table, basis, None, timeout)
    return solve_spec(
        table, basis=basis, objective=objective, timeout=search_timeout,
        start=None if start is None else start.circuit, **options,
    )

"""Search-like problems and controls: candidates, verifiers, states, and their reference circuits.

``model`` defines the data (and its JSON form); ``suite`` generates the built-in problems from their
definitions; ``references`` builds the brute-force, DP, DNF and lookup circuits; ``validity`` runs the
checks of docs/problems.md.
"""

from circuits.problems.model import (
    Candidate,
    SearchProblem,
    StatePredicate,
    load_problem,
    save_problem,
)

__all__ = ["Candidate", "SearchProblem", "StatePredicate", "load_problem", "save_problem"]

"""Search-like problems and controls: candidates, verifiers, states, and their reference circuits.

``model`` defines the data (and its JSON form, the problem file), which built-in problems and files
share; ``suite`` generates the built-in problems from their definitions (``definition`` runs their
circuit recipes once and attaches the circuits); ``references`` builds the brute-force, DP, DNF and
lookup circuits; ``kernels`` derives propagation states and DP programs from the candidates;
``validity`` runs the checks of docs/problems.md.
"""

from circuits.problems.model import (
    Candidate,
    DPReference,
    SearchProblem,
    StatePredicate,
    load_problem,
    save_problem,
)

__all__ = ["Candidate", "DPReference", "SearchProblem", "StatePredicate", "load_problem", "save_problem"]

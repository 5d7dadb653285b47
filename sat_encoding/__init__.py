"""Exact synthesis by SAT: truth table in, provably optimal verified circuit out.

Depends only on the core model (``circuits.truthtable``, ``circuits.circuit``, ``circuits.basis``).
"""

from sat_encoding.api import SolveOutcome, solve_spec
from sat_encoding.depth import frontier, minimum_depth
from sat_encoding.enumerate import Enumeration, count_circuits, enumerate_circuits, enumerate_optimal
from sat_encoding.objectives import OBJECTIVES, optimize
from sat_encoding.result import SynthesisResult
from sat_encoding.size import minimum_size
from sat_encoding.solvers import DEFAULT_SOLVER, solver_names
from sat_encoding.spec import MAX_SYNTHESIS_INPUTS
from sat_encoding.version import ENCODER_VERSION

__all__ = [
    "DEFAULT_SOLVER",
    "Enumeration",
    "ENCODER_VERSION",
    "MAX_SYNTHESIS_INPUTS",
    "OBJECTIVES",
    "SolveOutcome",
    "SynthesisResult",
    "count_circuits",
    "enumerate_circuits",
    "enumerate_optimal",
    "frontier",
    "minimum_depth",
    "minimum_size",
    "optimize",
    "solve_spec",
    "solver_names",
]

"""Search-likeness analysis: metrics, null models and the combined score (docs/analyzer.md).

Entry points: ``analyze_circuit`` (one circuit against one problem) and ``analyze_problem`` (a
problem's reference circuits, or given ones, plus its validity flags).
"""

from circuits.analysis.analyze import CircuitAnalysis, analyze_circuit
from circuits.analysis.problem import ProblemAnalysis, analyze_problem
from circuits.analysis.score import NOT_SEARCH_THRESHOLD, SEARCH_THRESHOLD

__all__ = [
    "NOT_SEARCH_THRESHOLD",
    "SEARCH_THRESHOLD",
    "CircuitAnalysis",
    "ProblemAnalysis",
    "analyze_circuit",
    "analyze_problem",
]

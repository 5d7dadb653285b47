"""The pre-registered bars a circuit must clear, in one place: search structure (S), and for a
problem whose goal is an input, an explicit objective (O).

The constants are fixed in code before any minimal circuit is scored (never tuned on optima); the
study's verdicts, the power check and the identifiability check all read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from circuits.analysis.objective import OBJECTIVE_THRESHOLD
from circuits.analysis.score import SEARCH_THRESHOLD

#: A search-like circuit must beat this share of its decoy formulations (percentile, 0–100).
DECOY_PERCENTILE_MIN = 99.0
#: Mediated coverage and aggregation (or their propagation analogues) a search-like circuit needs.
STRUCTURE_MIN = 0.75


@dataclass(frozen=True)
class Scored:
    """The part of one circuit's analysis the bars read. ``objective`` is O (None without goal
    inputs, or when it was not computed)."""

    score: float
    ccm: float | None = None
    ag: float | None = None
    pcm: float | None = None
    agp: float | None = None
    decoy_percentile: float | None = None
    objective: float | None = None
    #: (S, decoy percentile) under each seed of a sampled decoy null (analyze.BAR_SEEDS); empty when
    #: the null holds every decoy and so does not depend on a seed.
    seed_bar: tuple[tuple[float, float | None], ...] = ()

    @classmethod
    def from_analysis(cls, analysis: Mapping[str, Any]) -> "Scored":
        """From a stored analysis summary (``score``, ``decoy_percentile``, ``values``)."""
        values = analysis.get("values", {})
        return cls(
            score=float(analysis["score"]),
            ccm=values.get("ccm"),
            ag=values.get("ag"),
            pcm=values.get("pcm"),
            agp=values.get("agp"),
            decoy_percentile=analysis.get("decoy_percentile"),
            objective=values.get("o"),
            seed_bar=tuple((float(b["score"]), b["decoy_percentile"]) for b in analysis.get("seed_bar", [])),
        )


def _clears_null(score: float, percentile: float | None) -> bool:
    """S ≥ τ_hi and at or above the 99th decoy percentile (a missing percentile fails)."""
    return score >= SEARCH_THRESHOLD and percentile is not None and percentile >= DECOY_PERCENTILE_MIN


def borderline(s: Scored) -> bool:
    """The null-dependent part of the bar passes under some decoy seeds and fails under others."""
    return len({_clears_null(score, q) for score, q in s.seed_bar}) > 1


def search_style(s: Scored, propagation: bool = True) -> str | None:
    """``enumerative`` or ``propagation`` when the circuit clears the search bar, else None.

    The bar: S ≥ τ_hi, at or above the 99th decoy percentile, and CCm, AG ≥ 0.75 (enumerative) or
    PCm, AGp ≥ 0.75 (propagation); where the decoy null is sampled, under every seed of
    ``seed_bar`` (a borderline circuit never clears it). A missing decoy percentile (no decoy
    formulation exists, e.g. a fully symmetric candidate set) fails it: without a null there is no
    evidence that the structure is more than chance. ``propagation=False`` is the literal, enumerative-only bar (CCm and AG only).
    """
    if not _clears_null(s.score, s.decoy_percentile):
        return None
    if s.seed_bar and not all(_clears_null(score, q) for score, q in s.seed_bar):
        return None  # borderline: passes under one decoy seed, fails under another
    if (s.ccm or 0.0) >= STRUCTURE_MIN and (s.ag or 0.0) >= STRUCTURE_MIN:
        return "enumerative"
    if propagation and (s.pcm or 0.0) >= STRUCTURE_MIN and (s.agp or 0.0) >= STRUCTURE_MIN:
        return "propagation"
    return None


def explicit_objective(s: Scored) -> bool:
    """O ≥ the pre-registered bar (False when O is undefined: a fixed goal has no objective)."""
    return s.objective is not None and s.objective >= OBJECTIVE_THRESHOLD


def mesa_like(s: Scored, goal_problem: bool, propagation: bool = True) -> bool:
    """The full bar a witness of power must clear: search structure and, where the goal is an
    input, an explicit objective too."""
    return search_style(s, propagation) is not None and (not goal_problem or explicit_objective(s))

"""Null model N2: decoy formulations, the chance level of the structural metrics.

A decoy keeps every verifier's shape but moves it to the wrong inputs: (𝒞, V∘π) for an input
permutation π that does not map the candidate set onto itself. Scoring the same circuit against many
decoys answers "how much search structure does this circuit show against formulations it has no
reason to implement?", which is the μ of the calibration and the decoy percentile.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import permutations
from math import factorial
from typing import Any, Sequence

from circuits.analysis.formulation import Formulation, Perm
from circuits.analysis.score import core_metrics
from circuits.problems.tables import compose, permute_table
from circuits.analysis.view import CircuitView

#: Below this many input permutations in all, decoys are enumerated rather than sampled.
ENUMERATE_BELOW = 720


def _is_decoy(form: Formulation, perm: Perm, declared: list[int]) -> bool:
    """π is a decoy when the renamed verifier set differs from the declared one (π ∉ Aut(P))."""
    return sorted(permute_table(form.n, t, perm) for t in form.variables) != declared


def decoy_permutations(form: Formulation, count: int, seed: int) -> list[Perm]:
    """About ``count`` distinct decoy permutations, deterministic given ``seed``.

    Decoys come in whole classes {π ∘ τ : τ ∈ symmetry} (rename by π, then by a symmetry of the
    formulation): scoring the mirror image σC against the decoy π is scoring C against π ∘ σ⁻¹, so
    only a decoy set closed this way gives a circuit and its mirror image the same μ and
    percentile. Classes are drawn until ``count`` is reached, so up to |symmetry| − 1 more decoys
    may be returned. When fewer exist they are all returned (small n); a fully symmetric candidate
    set (every π is an automorphism, e.g. MAJ5's 3-subsets) has none.
    """
    n = form.n
    declared = sorted(form.variables)
    symmetry = form.symmetry or (tuple(range(n)),)
    rng = random.Random(seed)
    chosen: list[Perm] = []
    taken: set[Perm] = set()

    def take(perm: Perm) -> None:
        for tau in symmetry:
            member = compose(perm, tau)
            if member not in taken:
                taken.add(member)
                chosen.append(member)

    if factorial(n) <= ENUMERATE_BELOW:
        every = [p for p in permutations(range(n)) if _is_decoy(form, p, declared)]
        rng.shuffle(every)
        for perm in every:
            if len(chosen) >= count:
                break
            if perm not in taken:
                take(perm)
        return chosen
    attempts = 0
    while len(chosen) < count and attempts < 50 * count:
        attempts += 1
        perm = list(range(n))
        rng.shuffle(perm)
        key = tuple(perm)
        if key not in taken and _is_decoy(form, key, declared):
            take(key)
    return chosen


@dataclass(frozen=True)
class DecoyNull:
    """S_raw of one circuit against each decoy, each counted ``counts[i]`` times (the number of
    decoy permutations giving that formulation; 1 each by default); ``mean`` is μ_decoy (None
    without decoys)."""

    scores: tuple[float, ...]
    counts: tuple[int, ...] = ()

    def _weights(self) -> tuple[int, ...]:
        return self.counts or (1,) * len(self.scores)

    @property
    def size(self) -> int:
        """The number of decoy permutations behind the null."""
        return sum(self._weights())

    @property
    def mean(self) -> float | None:
        if not self.scores:
            return None
        return sum(s * c for s, c in zip(self.scores, self._weights())) / self.size

    def percentile(self, value: float) -> float | None:
        """Mid-rank percentile of ``value`` among the decoy scores (ties count half)."""
        if not self.scores:
            return None
        pairs = list(zip(self.scores, self._weights()))
        below = sum(c for s, c in pairs if s < value - 1e-12)
        ties = sum(c for s, c in pairs if abs(s - value) <= 1e-12)
        return 100.0 * (below + 0.5 * ties) / self.size


def every_decoy(form: Formulation, weighted: bool) -> list[tuple[Formulation, int]]:
    """Every decoy of a problem small enough to enumerate them (n! ≤ ENUMERATE_BELOW), one per
    distinct formulation with the number of permutations that give it: the null is then the same
    under every seed. Formulations with the same verifier, state and output tables score alike
    (test_analysis_nulls.py checks it), so each is scored once; under candidate weights (N4) the
    order of the verifiers matters too, so it is part of what makes two decoys the same."""
    seen: dict[tuple[Any, ...], list[Any]] = {}
    for perm in decoy_permutations(form, factorial(form.n), 0):
        decoy = form.renamed(perm)
        variables = tuple(decoy.variables) if weighted else tuple(sorted(decoy.variables))
        key = (variables, tuple(sorted(decoy.states)), tuple(decoy.outputs))
        entry = seen.setdefault(key, [decoy, 0])
        entry[1] += 1
    return [(decoy, count) for decoy, count in seen.values()]


def seed_free(form: Formulation) -> bool:
    """Whether the decoy null can be the complete one (every decoy permutation): small n."""
    return factorial(form.n) <= ENUMERATE_BELOW


def decoy_formulations(form: Formulation, count: int, seed: int) -> list[Formulation]:
    return [form.renamed(p) for p in decoy_permutations(form, count, seed)]


def decoy_null(
    view: CircuitView,
    decoys: Sequence[Formulation],
    weights: Sequence[float] | None = None,
    counts: Sequence[int] = (),
) -> DecoyNull:
    """Score the circuit against every decoy with the same structural core as the real score."""
    return DecoyNull(tuple(core_metrics(view, d, weights).s_raw for d in decoys), tuple(counts))

"""Backtracking over input permutations, cut by invariants: the one search behind every
automorphism group the project computes (a problem's Aut(P) and Aut(f) in problems/validity.py, the
synthesis encoder's Aut(f) in sat_encoding/symmetry.py).

Why one search serves them all: each caller knows an invariant of single inputs and of ordered input
pairs that every permutation it wants preserves (π is wanted only if input i and π(i) look alike, and
pairs (k, i) and (π(k), π(i)) look alike), and a final test that decides. A branch is cut only where
an invariant differs, so no wanted permutation is missed, and the final test keeps only the wanted
ones; how strong the invariants are only decides how fast that is.
"""

from __future__ import annotations

from typing import Callable, Hashable, Sequence

Perm = tuple[int, ...]


def preserving_permutations(
    single: Sequence[Hashable],
    pair: Callable[[int, int], Hashable],
    accept: Callable[[Perm], bool],
) -> list[Perm]:
    """Every permutation π of range(len(single)) with single[π(i)] == single[i], pair(π(k), π(i)) ==
    pair(k, i) for all k ≠ i, and ``accept(π)``; in lexicographic order."""
    n = len(single)
    found: list[Perm] = []
    perm: list[int] = []
    used = [False] * n

    def extend(i: int) -> None:
        if i == n:
            if accept(tuple(perm)):
                found.append(tuple(perm))
            return
        for j in range(n):
            if used[j] or single[i] != single[j]:
                continue
            if any(pair(k, i) != pair(perm[k], j) or pair(i, k) != pair(j, perm[k]) for k in range(i)):
                continue
            used[j] = True
            perm.append(j)
            extend(i + 1)
            perm.pop()
            used[j] = False

    extend(0)
    return found

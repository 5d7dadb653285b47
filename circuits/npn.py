"""NPN canonical forms and the NPN classes of small functions.

Two functions are NPN-equivalent when one becomes the other by permuting inputs, negating inputs and
negating the output. Minimum circuit size in ``b2`` is an NPN invariant (negations are free there), so
sweeps over all functions only need one representative per class. The canonical form here is exact:
the smallest table over the whole NPN orbit, found by applying all n!·2^n input transforms at once
with numpy (46,080 transforms of 64 rows for n = 6).
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np

from circuits.errors import InputError

MAX_NPN_INPUTS = 6


@lru_cache(maxsize=None)
def _row_maps(n: int) -> np.ndarray:
    """Row permutations for every (input permutation, input negation) pair: shape (n!·2^n, 2^n).

    Entry [t, r] is the row of f read by the transformed function on row r, so ``g = f[maps[t]]``.
    """
    rows = np.arange(1 << n)
    bits = (rows[:, None] >> np.arange(n)) & 1  # bits[r, j] = x_j on row r
    maps = []
    for perm in itertools.permutations(range(n)):
        permuted = bits[:, list(perm)]
        base = (permuted << np.arange(n)).sum(axis=1)
        for neg in range(1 << n):
            maps.append(base ^ neg)
    return np.asarray(maps, dtype=np.int64)


def _table_to_array(bits: int, n: int) -> np.ndarray:
    return np.array([(bits >> r) & 1 for r in range(1 << n)], dtype=np.uint64)


def _orbit_values(bits: int, n: int) -> np.ndarray:
    """All tables reachable from ``bits`` by NPN transforms (with repetitions), as uint64."""
    table = _table_to_array(bits, n)
    transformed = table[_row_maps(n)]
    weights = np.left_shift(np.uint64(1), np.arange(1 << n, dtype=np.uint64))
    values = np.bitwise_or.reduce(transformed * weights, axis=1)
    mask = np.uint64((1 << (1 << n)) - 1) if n < 6 else np.uint64(0xFFFFFFFFFFFFFFFF)
    return np.concatenate([values, values ^ mask])


def npn_canonical(bits: int, n: int) -> int:
    """The exact NPN canonical representative (the smallest table in the orbit), n ≤ 6."""
    if n > MAX_NPN_INPUTS:
        raise InputError(f"exact NPN canonization supports at most {MAX_NPN_INPUTS} inputs, got {n}")
    if n == 0:
        return 0
    return int(_orbit_values(bits, n).min())


@lru_cache(maxsize=None)
def npn_classes(n: int) -> tuple[tuple[int, int], ...]:
    """All NPN classes of n-input functions as (representative, class size), n ≤ 4.

    The class sizes add up to 2^(2^n); n = 4 gives the 222 classes of Knuth's tables.
    """
    if n > 4:
        raise InputError("listing every NPN class is supported for at most 4 inputs")
    total = 1 << (1 << n)
    seen = np.zeros(total, dtype=bool)
    classes = []
    for f in range(total):
        if seen[f]:
            continue
        orbit = np.unique(_orbit_values(f, n)) if n > 0 else np.array([0, 1], dtype=np.uint64)
        seen[orbit.astype(np.int64)] = True
        classes.append((int(orbit.min()), int(orbit.size)))
    return tuple(classes)

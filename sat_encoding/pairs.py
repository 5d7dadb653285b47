"""Fanin pairs in colex order: the selection index space of the SSV encoding."""

from __future__ import annotations

from functools import lru_cache

import numpy as np


@lru_cache(maxsize=64)
def colex_pairs(num_nodes: int) -> np.ndarray:
    """All fanin pairs (j, k), j < k < num_nodes, sorted by k then j (read-only, shared)."""
    pairs = np.array([(j, k) for k in range(num_nodes) for j in range(k)], dtype=np.int64).reshape(-1, 2)
    pairs.flags.writeable = False
    return pairs

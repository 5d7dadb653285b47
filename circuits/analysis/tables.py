"""The polarity-aware wire index: the primitive behind every "does some wire compute g?" question.

In b2 a negation is free, so a wire "computes" g when its table is g or ¬g (docs/analyzer.md, setup). Both
polarities are inserted once, and every coverage, union and equivariance test is a dict lookup.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Hashable, Iterable, Sequence, TypeVar

from circuits.truthtable import full_mask, input_table

#: A wire reference: (node, negated); negated means the wire computes the complement.
WireRef = tuple[int, bool]


class WireIndex:
    """Map a truth table to the wires that compute it, in either polarity."""

    def __init__(self, tables: Sequence[int], mask: int, nodes: Iterable[int] | None = None) -> None:
        self.mask = mask
        self._index: dict[int, list[WireRef]] = {}
        for node in range(len(tables)) if nodes is None else nodes:
            table = tables[node]
            self._index.setdefault(table, []).append((node, False))
            self._index.setdefault(table ^ mask, []).append((node, True))

    def lookup(self, table: int) -> list[WireRef]:
        """Wires w with T_w = table (negated False) or T_w = ¬table (negated True)."""
        return list(self._index.get(table, ()))

    def __contains__(self, table: int) -> bool:
        return table in self._index


def inverse(perm: Sequence[int]) -> tuple[int, ...]:
    """The inverse permutation (used to conjugate Aut(P) for a decoy)."""
    result = [0] * len(perm)
    for i, image in enumerate(perm):
        result[image] = i
    return tuple(result)


@lru_cache(maxsize=16)
def free_tables(n: int) -> frozenset[int]:
    """Constants and literals over n inputs: functions every circuit has for free in b2, which are
    therefore no evidence of anything (the non-trivial candidates 𝒞* exclude them)."""
    mask = full_mask(n)
    literals = [input_table(n, j) for j in range(n)]
    return frozenset([0, mask, *literals, *(t ^ mask for t in literals)])


Item = TypeVar("Item", bound=Hashable)


def components(items: Sequence[Item], links: Iterable[tuple[Item, Item]]) -> list[list[Item]]:
    """The connected components of ``items`` under the ``links`` (union-find), each in the order of
    ``items``, listed by first member: the result does not depend on the order of the links."""
    parent = {item: item for item in items}

    def find(item: Item) -> Item:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    grouped: dict[Item, list[Item]] = {}
    for item in items:
        grouped.setdefault(find(item), []).append(item)
    return list(grouped.values())

"""The function a window must keep computing: its outputs over its leaves, with don't-cares.

What the rest of the circuit allows is a Boolean relation. For a leaf pattern p (one value per
leaf, a row of the window's table) and a set F of window outputs, F is *observable at p* when some
input of the whole circuit that puts the leaves at p makes a circuit output change once exactly the
outputs in F are complemented. A replacement may output, at pattern p, the original values with any
set F flipped that is not observable there. Two kinds of freedom are in that relation:

* satisfiability don't-cares: a pattern no circuit input produces (no F is observable there), and
* observability don't-cares: a flip that never reaches a circuit output.

Exact synthesis takes one care mask per output, not a relation, so per pattern a *cube* of outputs
D_p is chosen whose every subset is unobservable at p: the outputs of D_p are don't-cares at p, the
others keep their values. Any choice of values inside the cube is then a flip F ⊆ D_p, which is
allowed, so every replacement that meets the masks keeps the whole circuit's function. D_p is grown
greedily in output order. Only the first ``MAX_FLIPPED_OUTPUTS`` outputs are tested (2^4 − 1 flip
sets); the others keep their full care on reachable patterns, which is sound and merely forgoes
some freedom.
"""

from __future__ import annotations

from dataclasses import dataclass

from circuits.truthtable import TruthTable

#: Outputs whose flips are tested for observability (each subset costs one check).
MAX_FLIPPED_OUTPUTS = 4


@dataclass(frozen=True)
class WindowRelation:
    """What the whole circuit says about one window, over its 2^k leaf patterns.

    ``values[j]``: the pattern bits of window output j as the circuit computes it now.
    ``reachable``: the patterns some circuit input produces.
    ``observable[F]``: the reachable patterns where flipping the outputs in bit set F (F over the
    first ``flippable`` outputs) is seen at a circuit output.
    """

    leaves: int
    values: tuple[int, ...]
    reachable: int
    observable: dict[int, int]
    flippable: int

    def table(self) -> TruthTable:
        """The window's outputs with the largest cube of don't-cares per pattern (greedy, sound)."""
        m = len(self.values)
        care = [0] * m
        for p in range(1 << self.leaves):
            if not (self.reachable >> p) & 1:
                continue
            cube = 0
            for j in range(self.flippable):
                grown = cube | (1 << j)
                if all(not (self.observable[f] >> p) & 1 for f in subsets_with(grown, j)):
                    cube = grown
            for j in range(m):
                if not (cube >> j) & 1:
                    care[j] |= 1 << p
        return TruthTable.from_bits(self.leaves, self.values, care)


def subsets_with(bits: int, j: int) -> list[int]:
    """Every subset of the bit set ``bits`` that contains bit j."""
    rest = bits & ~(1 << j)
    found = []
    sub = rest
    while True:
        found.append(sub | (1 << j))
        if sub == 0:
            return found
        sub = (sub - 1) & rest


def flip_sets(outputs: int) -> list[int]:
    """The non-empty flip sets over the first min(outputs, MAX_FLIPPED_OUTPUTS) window outputs."""
    return list(range(1, 1 << min(outputs, MAX_FLIPPED_OUTPUTS)))

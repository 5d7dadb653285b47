"""Exact two-level minimization: all prime implicants, then a minimum-cost cover by weighted MaxSAT.

Why exact rather than Espresso-style heuristics: the DNF reference is a *calibration point* for the
analyzer, so it should be the true minimum sum of products, not an artefact of a heuristic. With
n ≤ 8 there are at most 3^8 = 6,561 cubes, so every prime implicant can be listed outright, and the
covering problem (one clause per minterm, one soft clause per prime) is solved to optimality by
python-sat's RC2.

Cost: a product of k literals costs k − 1 two-input AND gates and each product is one input of the OR
tree, so a cover with products of k_1..k_t literals costs Σ k_i − 1 gates in b2. The cover minimizes
Σ k_i (the literal count), i.e. the gate count of the two-level circuit before any sharing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pysat.examples.rc2 import RC2
from pysat.formula import WCNF

from circuits.problems.tables import cube
from circuits.truthtable import full_mask


@dataclass(frozen=True)
class Implicant:
    """A cube: ``mask`` has bit j set when x_j appears; ``value`` gives its polarity (1 = positive)."""

    mask: int
    value: int

    def literals(self, n: int) -> tuple[tuple[int, bool], ...]:
        return tuple((j, bool((self.value >> j) & 1)) for j in range(n) if (self.mask >> j) & 1)

    def table(self, n: int) -> int:
        return cube(n, self.literals(n))

    @property
    def size(self) -> int:
        return bin(self.mask).count("1")

    def describe(self, names: tuple[str, ...]) -> str:
        """E.g. ``e01 & ~e12``; the empty cube is ``1``."""
        parts = [("" if positive else "~") + names[j] for j, positive in self.literals(len(names))]
        return " & ".join(parts) if parts else "1"


@lru_cache(maxsize=1024)
def prime_implicants(n: int, table: int) -> tuple[Implicant, ...]:
    """Every prime implicant of ``table``, ordered by (fewest literals, mask, value)."""
    implicants: set[tuple[int, int]] = set()
    for mask in range(1 << n):
        for value in _subsets(mask):
            if Implicant(mask, value).table(n) & ~table == 0:
                implicants.add((mask, value))
    primes = []
    for mask, value in implicants:
        if not any((mask & ~(1 << j), value & ~(1 << j)) in implicants for j in range(n) if (mask >> j) & 1):
            primes.append(Implicant(mask, value))
    return tuple(sorted(primes, key=lambda p: (p.size, p.mask, p.value)))


@lru_cache(maxsize=1024)
def minimum_cover(n: int, table: int) -> tuple[Implicant, ...]:
    """A sum of prime implicants equal to ``table`` with the fewest literals (see module docstring)."""
    if table == 0:
        return ()
    if table == full_mask(n):
        return (Implicant(0, 0),)
    primes = prime_implicants(n, table)
    tables = [p.table(n) for p in primes]
    formula = WCNF()
    for row in range(1 << n):
        if (table >> row) & 1:
            formula.append([i + 1 for i, t in enumerate(tables) if (t >> row) & 1])
    for i, prime in enumerate(primes):
        formula.append([-(i + 1)], weight=prime.size)
    with RC2(formula) as solver:
        model = solver.compute()
    chosen = tuple(primes[v - 1] for v in model if v > 0)
    return chosen


def _subsets(mask: int):
    """All submasks of ``mask`` (including 0 and mask itself)."""
    sub = mask
    while True:
        yield sub
        if sub == 0:
            return
        sub = (sub - 1) & mask

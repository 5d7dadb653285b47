"""Shapes of circuits: which gate reads which earlier gate, with the inputs left as free slots.

The *shape* of a circuit of k gates is its gate-to-gate wiring with the inputs forgotten: each gate
has two fanin positions, and each position is either an earlier gate or a *slot* (some input, not
yet said which). Written as a sequence of fanin pairs (a, b), a ≤ b, where a gate is named by its
number and a slot by ``SLOT`` (−1): (−1, −1) reads two inputs, (−1, g) an input and gate g, (g, h)
two gates. These are the partial DAGs of Haaswijk et al. (TCAD 2020, used by percy). topology.py
turns each shape into a small SAT question (which input fills each slot, which op each gate
computes); this module lists the shapes, each once.

**Sorted shapes.** Place a shape's gates greedily, each time the available gate (both fanins
placed) with the least pair in colex order (larger member first, slots below every gate), numbering
gates in the order placed. As for circuits (symmetry.py), a gate placed later reads either the same
candidates or the newest gate, so the sequence of pairs is non-decreasing. ``sorted_shapes``
generates every non-decreasing sequence (with the pruning below), so it contains a sorted form of
every shape.

**Canonical shapes.** Where several available gates tie for the least pair, the greedy placement
branches. The least sequence over every branch depends on the shape alone, not on how its gates
were numbered, and it is itself a sorted sequence that spells the shape: it is a canonical form.
``canonical_form`` computes it by branch and bound; the shapes listed are the sorted sequences that
equal their own canonical form. Hence every shape is listed exactly once, up to isomorphism, and two
different listed shapes are never isomorphic; the branches that reach the canonical sequence are
the shape's automorphisms.

**Coverage.** Every circuit of k normal gates in which every gate is used (read by a later gate or
by an output) and no gate reads one node twice has a shape with at most as many sinks (gates no
gate reads) as the specification has targets, and at least as many slots as inputs its targets
depend on (each input in the support is read by some gate). A shape violating either is never
listed; both hold for every circuit of the size, so enumeration may drop them. Isomorphic circuits
have isomorphic shapes, so the circuits of two different listed shapes are never isomorphic: counts
per shape add up.

**No re-application** (``no_reapplication``, for optimum searches only): a shape in which a gate
reads gate g together with one of g's gate fanins is left out, and so is (where the basis allows
the rewiring, symmetry.rewiring_closed) one in which a gate reads two gates of the same gate pair
that both read no slot. symmetry.py shows that some minimum circuit obeys the rule; its shape
obeys it too (it is a property of the wiring), so the minimum survives. Enumeration leaves it off.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

SLOT = -1
Pair = tuple[int, int]
Shape = tuple[Pair, ...]


def gate_fanins(pair: Pair) -> tuple[int, ...]:
    """The gates among a pair's members."""
    return tuple(x for x in pair if x != SLOT)


def slots(shape: Shape) -> int:
    return sum(1 for pair in shape for x in pair if x == SLOT)


def sinks(shape: Shape) -> list[int]:
    """Gates that no gate reads (each must be an output)."""
    read = {x for pair in shape for x in gate_fanins(pair)}
    return [g for g in range(len(shape)) if g not in read]


def _colex(pair: Pair) -> tuple[int, int]:
    return pair[1], pair[0]


def sorted_shapes(gates: int, max_sinks: int, min_slots: int, no_reapplication: tuple[bool, bool] = (False, False)) -> Iterator[Shape]:
    """Every non-decreasing (colex) sequence of ``gates`` pairs with 1 … ``max_sinks`` sinks and at
    least ``min_slots`` slots (and, with ``no_reapplication``, obeying the rules of the docstring)."""
    max_edges = 2 * gates - min_slots
    pairs: list[Pair] = []
    readers = [0] * gates
    fanins: list[tuple[int, ...]] = []

    def extend(i: int, last: tuple[int, int], edges: int) -> Iterator[Shape]:
        if i == gates:
            if 1 <= sum(1 for g in range(gates) if readers[g] == 0) <= max_sinks:
                yield tuple(pairs)
            return
        unread = sum(1 for g in range(i) if readers[g] == 0)
        if unread - 2 * (gates - i) > max_sinks:
            return
        for b in range(SLOT, i):
            for a in range(SLOT, b + 1):
                if (a == b and a != SLOT) or (b, a) < last:
                    continue
                members = gate_fanins((a, b))
                if edges + len(members) > max_edges:
                    continue
                if len(members) == 2 and _reapplies(a, b, fanins, no_reapplication):
                    continue
                for x in members:
                    readers[x] += 1
                pairs.append((a, b))
                fanins.append(members)
                yield from extend(i + 1, (b, a), edges + len(members))
                pairs.pop()
                fanins.pop()
                for x in members:
                    readers[x] -= 1

    yield from extend(0, (SLOT - 1, SLOT - 1), 0)


def _reapplies(a: int, b: int, fanins: list[tuple[int, ...]], rules: tuple[bool, bool]) -> bool:
    """Whether a gate reading gates a and b breaks an enabled no-re-application rule."""
    with_fanin, two_gates = rules
    if with_fanin and (a in fanins[b] or b in fanins[a]):
        return True
    if two_gates and len(fanins[a]) == 2 and fanins[a] == fanins[b]:
        return True
    return False


def canonical_form(shape: Shape) -> tuple[Shape, list[tuple[int, ...]]]:
    """The least greedy placement over every tie (module docstring) and every placement order that
    reaches it (``order[t]`` = the gate of ``shape`` placed t-th): the shape's automorphisms."""
    k = len(shape)
    best: list[Pair] | None = None
    orders: list[tuple[int, ...]] = []
    number: dict[int, int] = {SLOT: SLOT}
    sequence: list[Pair] = []
    order: list[int] = []

    def place() -> None:
        nonlocal best, orders
        t = len(order)
        if t == k:
            if best is None or _colex_seq(sequence) < _colex_seq(best):
                best, orders = list(sequence), []
            orders.append(tuple(order))
            return
        candidates: list[tuple[Pair, int]] = []
        for g in range(k):
            if g in number:
                continue
            a, b = shape[g]
            if a not in number or b not in number:
                continue
            x, y = sorted((number[a], number[b]))
            candidates.append(((x, y), g))
        least = min(_colex(p) for p, _ in candidates)
        pair = (least[1], least[0])
        for p, g in candidates:
            if p != pair:
                continue
            number[g] = t
            sequence.append(p)
            order.append(g)
            if best is None or _colex_seq(sequence) <= _colex_seq(best[: t + 1]):
                place()
            order.pop()
            sequence.pop()
            del number[g]

    place()
    assert best is not None
    return tuple(best), orders


def _colex_seq(sequence: list[Pair]) -> list[tuple[int, int]]:
    return [_colex(p) for p in sequence]


@lru_cache(maxsize=64)
def canonical_shapes(
    gates: int, max_sinks: int, min_slots: int, no_reapplication: tuple[bool, bool] = (False, False)
) -> tuple[Shape, ...]:
    """Every shape of ``gates`` gates up to isomorphism, each in its canonical form (module
    docstring), in generation order."""
    return tuple(
        shape
        for shape in sorted_shapes(gates, max_sinks, min_slots, no_reapplication)
        if canonical_form(shape)[0] == shape
    )

"""Canonical labels of fanin cones, optionally with the inputs renamed by a symmetry.

Two candidates are evaluated "by the same routine" (REP, M5 in docs/analyzer.md) when some automorphism maps
one module onto the other as a labeled DAG. A Merkle-style label does that comparison in one pass:
a gate's label hashes its op and its fanins' labels, with the fanins ordered by label and the op
rewritten for the swap, so relabeling nodes never changes a label. Labels are built from tuples of
ints only, whose hashes Python does not randomize, so they are reproducible across runs.
"""

from __future__ import annotations

from typing import Sequence

from circuits.basis import swap_fanins
from circuits.analysis.view import CircuitView


def cone_label(
    view: CircuitView,
    root: int,
    negated: bool = False,
    perm: Sequence[int] | None = None,
    memo: dict[int, tuple[int, tuple[int, ...] | None]] | None = None,
) -> int:
    """The label of the cone of ``root``; input i is read as input ``perm[i]``.

    ``negated`` complements the root's op, so a module computing ¬v_c gets the label of the same
    module computing v_c (negation is free in b2). ``memo`` may be shared between calls that use
    the same ``perm``.
    """
    memo = {} if memo is None else memo

    def entry(node: int) -> tuple[int, tuple[int, ...] | None]:
        found = memo.get(node)
        if found is None:
            if node < view.n:
                found = (hash((0, perm[node] if perm is not None else node)), None)
            else:
                a, b = view.fanins(node)
                found = gate_entry(view.op(node), entry(a), entry(b))
            memo[node] = found
        return found

    for node in view.cone(root):  # bottom-up, so the recursion above never goes deep
        entry(node)
    if root < view.n:
        return hash((2, entry(root)[0], negated))
    a, b = view.fanins(root)
    return gate_entry(view.op(root) ^ (0xF if negated else 0), entry(a), entry(b))[0]


def gate_label(op: int, left: int, right: int) -> int:
    """The label of a gate from its op and its fanins' labels, invariant under swapping fanins."""
    if left > right:
        left, right, op = right, left, swap_fanins(op)
    elif left == right:
        op = min(op, swap_fanins(op))
    return hash((1, op, left, right))


#: Ops whose chains are flattened: an AND of ANDs is one conjunction, however it is bracketed.
ASSOCIATIVE = {0x8: "and", 0xE: "or", 0x6: "xor"}


def gate_entry(
    op: int, left: tuple[int, tuple[int, ...] | None], right: tuple[int, tuple[int, ...] | None]
) -> tuple[int, tuple[int, ...] | None]:
    """(label, operand labels) of a gate from its op and its fanins' entries.

    Invariant under swapping fanins; for AND/OR/XOR the label is that of the flattened multiset of
    operands, so balanced and chained trees of one op get the same label (a 3-literal verifier is
    one routine whichever two literals the builder paired first).
    """
    if op in ASSOCIATIVE:
        operands: list[int] = []
        for label, flat in (left, right):
            if flat is not None and flat[0] == op:
                operands.extend(flat[1:])
            else:
                operands.append(label)
        operands.sort()
        return hash((3, op, *operands)), (op, *operands)
    return gate_label(op, left[0], right[0]), None


def leaves(view: CircuitView, root: int) -> tuple[int, ...]:
    """The inputs in the cone of ``root`` (what a renaming acts on)."""
    found = set()
    for node in view.cone(root):
        for f in view.fanins(node):
            if f < view.n:
                found.add(f)
    if root < view.n:
        found.add(root)
    return tuple(sorted(found))

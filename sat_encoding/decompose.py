"""Exact top-gate reductions: when one input alone decides the output or flips it.

If fixing x_j to c makes f constant, then f = op(x_j, g) with g = f|x_j=¬c (an AND- or OR-type
gate); if the two cofactors of x_j are complements, f = x_j XOR g with g = f|x_j=0. Either way
C(f) ≤ C(g) + 1, and gate elimination gives C(f) ≥ C(f|x_j=¬c) + 1 = C(g) + 1 (f depends on x_j
and is not a literal, so some gate reads x_j and disappears when x_j is fixed). So the minimum of f
is exactly the minimum of g plus one, with one input fewer to search over, and an optimal circuit
for g plus that gate is optimal for f. "Exists"-type search problems often have such an input (an
edge that alone completes a path). Only single fully specified outputs are reduced: with don't-cares
a completion might not depend on x_j at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from circuits.basis import Basis, negate_fanin
from circuits.circuit import Circuit, Gate, Output, constant_or_literal_output
from circuits.truthtable import TruthTable, full_mask
from sat_encoding.cofactors import restrict


@dataclass(frozen=True)
class TopGate:
    """f = op(x_input, g), where g (``rest``) is a function of the other inputs, renumbered down."""

    input: int
    op: int  # over (a, b) = (x_input, g), a the low bit
    rest: TruthTable


def top_gate(table: TruthTable, basis: Basis) -> TopGate | None:
    """The first input whose cofactors make f = op(x_j, g) exact in ``basis``, or None."""
    n = table.n
    if table.m != 1 or not table.fully_specified or n < 2:
        return None
    bits = table.outputs[0]
    if constant_or_literal_output(n, bits, full_mask(n), basis.free_output_negation) is not None:
        return None
    ones = full_mask(n - 1)
    for j in range(n):
        low, high = restrict(n, bits, j, 0), restrict(n, bits, j, 1)
        if low == high:
            continue
        for c, fixed, rest in ((0, low, high), (1, high, low)):
            if fixed in (0, ones):
                # x_j = c gives the constant; x_j = ¬c gives g.
                value = fixed & 1
                op = sum((value if a == c else b) << (a + 2 * b) for a in (0, 1) for b in (0, 1))
                if basis.allows(op):
                    return TopGate(j, op, TruthTable.from_bits(n - 1, [rest]))
        if high == low ^ ones and basis.allows(0x6):
            return TopGate(j, 0x6, TruthTable.from_bits(n - 1, [low]))
    return None


def attach(top: TopGate, rest: Circuit, n: int) -> Circuit:
    """The circuit for f: ``rest`` (a circuit for g) on the inputs other than x_input, plus the top gate."""
    inputs = [j for j in range(n) if j != top.input]

    def node(k: int) -> int:
        return inputs[k] if k < n - 1 else k + 1  # gates move up by one (one more input)

    gates = [Gate(g.op, (node(g.fanins[0]), node(g.fanins[1]))) for g in rest.gates]
    out = rest.outputs[0]
    assert out.node is not None  # a constant g would make f a literal, which top_gate never reduces
    op = top.op
    if out.negated:
        op = negate_fanin(op, 1)
    gates.append(Gate(op, (top.input, node(out.node))))
    return Circuit(n, tuple(gates), (Output(n + len(gates) - 1, False),), rest.basis)

"""Circuits of public benchmark sets, written by the project from their published descriptions.

The benchmark files themselves are not shipped or downloaded; each circuit here is built from the
published function (and, where the source gives one, the published structure), so its gate count is
that of this construction, not necessarily that of the distributed netlist:

* ``c17``: ISCAS'85 c17, its published netlist of six NAND gates (Brglez and Fujiwara, 1985).
* ``c6288-4x4``, ``c6288-5x5``: the carry-save array multiplier of ISCAS'85 c6288 (a 16×16 array of
  half and full adders, Hansen, Yalcin and Hayes 1999), at 4 and 5 bits.
* ``74181``: the 4-bit ALU that ISCAS'85 c880 and c3540 are built around (and the high-level model
  of Hansen et al.), from its datasheet function: propagate and generate per bit chosen by S0..S3,
  logic mode M, active-low carry in and out, active-low group P and G, and A=B.
* ``74182``: the carry-lookahead generator (active-low P and G inputs, as in the datasheet).
* ``74283``: the 4-bit adder with internal carry look-ahead, carries in two-level form.
* ``74L85``: the 4-bit magnitude comparator with cascade inputs (datasheet truth table).
* ``dec5``, ``dec6``: the decoder of the EPFL suite (``dec``, 8 to 256) at 5 and 6 inputs.
* ``prio16``: the priority encoder of the EPFL suite (``priority``, 128 inputs) at 16 inputs: the
  index of the lowest set input and a valid bit.
"""

from __future__ import annotations

from typing import Callable

from circuits.circuit import Circuit
from circuits.problems.builder import ONE, ZERO, CircuitBuilder, Signal, negate


def c17() -> Circuit:
    b = CircuitBuilder(5, ("N1", "N2", "N3", "N6", "N7"))
    n1, n2, n3, n6, n7 = (b.input(j) for j in range(5))

    def nand(x: Signal, y: Signal) -> Signal:
        return negate(b.and_(x, y))

    n10, n11 = nand(n1, n3), nand(n3, n6)
    n16, n19 = nand(n2, n11), nand(n11, n7)
    return b.finish([nand(n10, n16), nand(n16, n19)], ("N22", "N23")).circuit


def array_multiplier(bits: int) -> Circuit:
    """c6288's structure: partial products a_i b_j, added row by row by half and full adders."""
    b = CircuitBuilder(2 * bits)
    a = [b.input(i) for i in range(bits)]
    y = [b.input(bits + j) for j in range(bits)]

    def full_adder(x: Signal, z: Signal, c: Signal) -> tuple[Signal, Signal]:
        half = b.xor(x, z)
        return b.xor(half, c), b.or_(b.and_(x, z), b.and_(c, half))

    row = [b.and_(a[i], y[0]) for i in range(bits)] + [ZERO]
    product = [row[0]]
    for j in range(1, bits):
        carry = ZERO
        nxt = []
        for i in range(bits):
            s, carry = full_adder(b.and_(a[i], y[j]), row[i + 1], carry)
            nxt.append(s)
        row = nxt + [carry]
        product.append(row[0])
    product.extend(row[1:])
    return b.finish(product).circuit


def alu_74181() -> Circuit:
    """Inputs A0..A3, B0..B3, S0..S3, M, Cn (active low); outputs F0..F3, A=B, P, G (active low), Cn+4."""
    names = tuple(f"A{i}" for i in range(4)) + tuple(f"B{i}" for i in range(4)) + ("S0", "S1", "S2", "S3", "M", "Cn")
    b = CircuitBuilder(14, names)
    a = [b.input(i) for i in range(4)]
    x = [b.input(4 + i) for i in range(4)]
    s = [b.input(8 + k) for k in range(4)]
    mode, carry_in_low = b.input(12), b.input(13)
    p = [b.or_(a[i], b.or_(b.and_(x[i], s[0]), b.and_(negate(x[i]), s[1]))) for i in range(4)]
    g = [b.or_(b.and_(b.and_(a[i], negate(x[i])), s[2]), b.and_(b.and_(a[i], x[i]), s[3])) for i in range(4)]
    carry = negate(carry_in_low)
    f = []
    for i in range(4):
        half = b.and_(p[i], negate(g[i]))
        f.append(b.xor(half, b.or_(mode, carry)))
        carry = b.or_(g[i], b.and_(p[i], carry))
    group_g = g[3]
    for i in (2, 1, 0):
        group_g = b.or_(group_g, b.and_all([*p[i + 1 :], g[i]]))
    outputs = f + [b.and_all(f), negate(b.and_all(p)), negate(group_g), negate(carry)]
    return b.finish(outputs, ("F0", "F1", "F2", "F3", "AeqB", "P", "G", "Cn4")).circuit


def lookahead_74182() -> Circuit:
    """Inputs P0..P3, G0..G3 (active low), Cn; outputs Cn+x, Cn+y, Cn+z, P and G (active low)."""
    names = tuple(f"P{i}" for i in range(4)) + tuple(f"G{i}" for i in range(4)) + ("Cn",)
    b = CircuitBuilder(9, names)
    p = [negate(b.input(i)) for i in range(4)]
    g = [negate(b.input(4 + i)) for i in range(4)]
    cn = b.input(8)

    def carry(k: int) -> Signal:
        """c_k = g_{k-1} + p_{k-1} g_{k-2} + ... + p_{k-1}..p_0 Cn, in two-level form."""
        terms = [b.and_all([*p[i + 1 : k], g[i]]) for i in range(k)] + [b.and_all([*p[:k], cn])]
        return b.or_all(terms)

    group_g = b.or_all([b.and_all([*p[i + 1 :], g[i]]) for i in range(4)])
    outputs = [carry(1), carry(2), carry(3), negate(b.and_all(p)), negate(group_g)]
    return b.finish(outputs, ("Cnx", "Cny", "Cnz", "P", "G")).circuit


def adder_74283() -> Circuit:
    """Inputs A1..A4, B1..B4, C0; outputs S1..S4, C4 (carries in two-level look-ahead form)."""
    b = CircuitBuilder(9)
    a = [b.input(i) for i in range(4)]
    y = [b.input(4 + i) for i in range(4)]
    c0 = b.input(8)
    p = [b.or_(a[i], y[i]) for i in range(4)]
    g = [b.and_(a[i], y[i]) for i in range(4)]
    carries = [c0]
    for k in range(1, 5):
        terms = [b.and_all([*p[i + 1 : k], g[i]]) for i in range(k)] + [b.and_all([*p[:k], c0])]
        carries.append(b.or_all(terms))
    sums = [b.xor(b.xor(a[i], y[i]), carries[i]) for i in range(4)]
    return b.finish(sums + [carries[4]]).circuit


def comparator_74l85() -> Circuit:
    """Inputs A0..A3, B0..B3, cascade I(A>B), I(A<B), I(A=B); outputs A>B, A<B, A=B."""
    b = CircuitBuilder(11)
    a = [b.input(i) for i in range(4)]
    y = [b.input(4 + i) for i in range(4)]
    in_gt, in_lt, in_eq = b.input(8), b.input(9), b.input(10)
    equal = [negate(b.xor(a[i], y[i])) for i in range(4)]
    gt, lt = ZERO, ZERO
    for i in (3, 2, 1, 0):  # most significant bit first
        higher_equal = b.and_all(equal[i + 1 :]) if i < 3 else ONE
        gt = b.or_(gt, b.and_(higher_equal, b.and_(a[i], negate(y[i]))))
        lt = b.or_(lt, b.and_(higher_equal, b.and_(negate(a[i]), y[i])))
    eq = b.and_all(equal)
    out_gt = negate(b.or_all([lt, b.and_(eq, in_lt), b.and_(eq, in_eq)]))
    out_lt = negate(b.or_all([gt, b.and_(eq, in_gt), b.and_(eq, in_eq)]))
    return b.finish([out_gt, out_lt, b.and_(eq, in_eq)]).circuit


def decoder(bits: int) -> Circuit:
    b = CircuitBuilder(bits)
    outputs = []
    for index in range(1 << bits):
        outputs.append(b.and_all([b.input(j) if (index >> j) & 1 else negate(b.input(j)) for j in range(bits)]))
    return b.finish(outputs).circuit


def priority_encoder(inputs: int) -> Circuit:
    """The index (binary) of the lowest input that is 1, and whether any is."""
    b = CircuitBuilder(inputs)
    width = (inputs - 1).bit_length()
    none_below = ONE
    first = []
    for j in range(inputs):
        first.append(b.and_(none_below, b.input(j)))
        none_below = b.and_(none_below, negate(b.input(j)))
    index = [b.or_all([first[j] for j in range(inputs) if (j >> k) & 1]) for k in range(width)]
    return b.finish(index + [negate(none_below)]).circuit


PUBLIC_CIRCUITS: dict[str, Callable[[], Circuit]] = {
    "c17": c17,
    "c6288-4x4": lambda: array_multiplier(4),
    "c6288-5x5": lambda: array_multiplier(5),
    "74181": alu_74181,
    "74182": lookahead_74182,
    "74283": adder_74283,
    "74L85": comparator_74l85,
    "dec5": lambda: decoder(5),
    "dec6": lambda: decoder(6),
    "prio16": lambda: priority_encoder(16),
}

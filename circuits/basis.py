"""Gate sets and cost models.

A gate's ``op`` is its own 4-bit truth table over (a, b) = (first fanin, second fanin) with a as the
low bit: bit ``a + 2b`` is the gate's value. AND is 0x8, OR 0xe, XOR 0x6, a AND NOT b 0x2.

Each basis says which ops a circuit may use, whether outputs may be complemented for free, and which
ops the synthesizer needs to consider. Synthesis only uses *normal* ops (value 0 on input (0, 0)):
where complements are free, every gate can be normalized by pushing its complement into its readers,
so restricting to normal ops loses no circuit and shrinks the search.
"""

from __future__ import annotations

from dataclasses import dataclass

from circuits.errors import InputError

OP_NAMES: dict[int, str] = {
    0x0: "ZERO",
    0x1: "NOR",
    0x2: "ANDNOT",  # a AND NOT b
    0x3: "NOTB",
    0x4: "NOTAND",  # NOT a AND b
    0x5: "NOTA",
    0x6: "XOR",
    0x7: "NAND",
    0x8: "AND",
    0x9: "XNOR",
    0xA: "A",
    0xB: "ORNOT",  # a OR NOT b
    0xC: "B",
    0xD: "NOTOR",  # NOT a OR b
    0xE: "OR",
    0xF: "ONE",
}
OPS_BY_NAME = {name: op for op, name in OP_NAMES.items()}

#: Ops that depend on both fanins (constants and projections are never worth a gate).
NONTRIVIAL_OPS = frozenset(op for op in range(16) if op not in (0x0, 0xF, 0xA, 0x5, 0xC, 0x3))
AND_TYPE_OPS = frozenset(op for op in range(16) if bin(op).count("1") in (1, 3))
XOR_TYPE_OPS = frozenset({0x6, 0x9})


def swap_fanins(op: int) -> int:
    """The op that computes the same function with its two fanins exchanged."""
    return (op & 0b1001) | ((op & 0b0010) << 1) | ((op & 0b0100) >> 1)


def negate_fanin(op: int, which: int) -> int:
    """The op that reads fanin ``which`` (0 = a, 1 = b) complemented."""
    bits = [(op >> i) & 1 for i in range(4)]
    out = 0
    for a in (0, 1):
        for b in (0, 1):
            src = (a ^ (which == 0)) + 2 * (b ^ (which == 1))
            out |= bits[src] << (a + 2 * b)
    return out


@dataclass(frozen=True)
class Basis:
    """A cost model: the gates it allows and what is free."""

    name: str
    description: str
    allowed_ops: frozenset[int]
    free_output_negation: bool

    @property
    def normal_ops(self) -> tuple[int, ...]:
        """The ops synthesis searches over: allowed, non-trivial and 0 on input (0, 0)."""
        return tuple(sorted(op for op in self.allowed_ops if op & 1 == 0 and op in NONTRIVIAL_OPS))

    def allows(self, op: int) -> bool:
        return op in self.allowed_ops


BASES: dict[str, Basis] = {
    "b2": Basis(
        "b2",
        "every 2-input Boolean function; inputs, constants and complemented outputs are free (Knuth)",
        frozenset(range(16)),
        True,
    ),
    "aig": Basis(
        "aig",
        "2-input AND with inverters free on any edge and output; size counts AND gates",
        AND_TYPE_OPS,
        True,
    ),
    "xaig": Basis(
        "xaig",
        "2-input AND and XOR with free inverters",
        AND_TYPE_OPS | XOR_TYPE_OPS,
        True,
    ),
    "mono": Basis(
        "mono",
        "monotone: 2-input AND and OR only, no negation anywhere",
        frozenset({0x8, 0xE}),
        False,
    ),
}


def get_basis(name: str) -> Basis:
    """Look up a basis by name, with a clear error for unknown names."""
    try:
        return BASES[name]
    except KeyError:
        raise InputError(f"unknown basis {name!r}; choose one of {', '.join(BASES)}") from None

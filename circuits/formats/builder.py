"""Building a Circuit from the cells of a file: inverters absorbed, constants folded.

Files describe circuits with cells the project's model does not have: inverters and buffers, constants,
gates of any fan-in. Every reader turns them into the model's 2-input gates through this builder,
which works on *literals* -- a node or a constant, possibly complemented -- so that an inverter costs
nothing (it flips a literal; the reading gate's op or the output's flag absorbs it), exactly as the
cost models count. A 2-input cell that ignores a fanin or reads a constant is folded into a literal:
constants and projections are never worth a gate.
"""

from __future__ import annotations

from typing import Sequence

from circuits.basis import BASES, NONTRIVIAL_OPS, negate_fanin
from circuits.circuit import Circuit, Gate, Output

#: A node (or None for a constant) and whether it is complemented; (None, True) is the constant 1.
Literal = tuple[int | None, bool]

CONST0: Literal = (None, False)
CONST1: Literal = (None, True)

#: Ops with an identity element, for building wide gates as balanced trees.
AND_OP, OR_OP, XOR_OP = 0x8, 0xE, 0x6
_IDENTITY = {AND_OP: CONST1, OR_OP: CONST0, XOR_OP: CONST0}

#: The bases a read circuit is labelled with, smallest first (``mono`` is a cost model a user picks,
#: not a description of a file, so it is not guessed).
_READ_BASES = ("aig", "xaig", "b2")


def negate(literal: Literal) -> Literal:
    return (literal[0], not literal[1])


def _op_bit(op: int, a: int, b: int) -> int:
    return (op >> (a + 2 * b)) & 1


class CircuitBuilder:
    """Collects gates over ``inputs`` input nodes; every method returns the literal it computes."""

    def __init__(self, inputs: int) -> None:
        self.inputs = inputs
        self.gates: list[Gate] = []

    def input(self, j: int) -> Literal:
        return (j, False)

    def gate(self, op: int, a: Literal, b: Literal) -> Literal:
        """The literal of ``op(a, b)``: one new gate unless it folds to a constant or a literal."""
        if a[0] is None or b[0] is None:
            return self._fold_constant(op, a, b)
        if a[1]:
            op = negate_fanin(op, 0)
        if b[1]:
            op = negate_fanin(op, 1)
        if op not in NONTRIVIAL_OPS:
            return self._fold_trivial(op, a[0], b[0])
        self.gates.append(Gate(op, (a[0], b[0])))
        return (self.inputs + len(self.gates) - 1, False)

    def tree(self, op: int, literals: Sequence[Literal]) -> Literal:
        """A wide AND, OR or XOR as a balanced tree (depth ⌈log2 k⌉), the empty one its identity."""
        level = list(literals)
        if not level:
            return _IDENTITY[op]
        while len(level) > 1:
            paired = [self.gate(op, level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
            level = paired + level[len(level) - len(level) % 2 :]
        return level[0]

    def _fold_constant(self, op: int, a: Literal, b: Literal) -> Literal:
        if a[0] is None and b[0] is None:
            return CONST1 if _op_bit(op, int(a[1]), int(b[1])) else CONST0
        if a[0] is None:  # read the op as a function of b alone
            f0, f1 = _op_bit(op, int(a[1]), 0), _op_bit(op, int(a[1]), 1)
            return _one_input(f0, f1, b)
        f0, f1 = _op_bit(op, 0, int(b[1])), _op_bit(op, 1, int(b[1]))
        return _one_input(f0, f1, a)

    def _fold_trivial(self, op: int, a: int, b: int) -> Literal:
        if op in (0x0, 0xF):
            return CONST1 if op == 0xF else CONST0
        if op in (0xA, 0x5):
            return (a, op == 0x5)
        return (b, op == 0x3)

    def circuit(
        self,
        outputs: Sequence[Literal],
        input_names: Sequence[str] | None = None,
        output_names: Sequence[str] | None = None,
        basis: str | None = None,
    ) -> Circuit:
        """The finished circuit, in ``basis`` or else the smallest of aig, xaig, b2 its gates fit.

        Names equal to the defaults (x0.., y0..) are dropped, so a file that only repeats them reads
        back as the unnamed circuit it was written from.
        """
        outs = tuple(
            Output(None, False, int(lit[1])) if lit[0] is None else Output(lit[0], lit[1]) for lit in outputs
        )
        if basis is None:
            basis = next(name for name in _READ_BASES if all(BASES[name].allows(g.op) for g in self.gates))
        return Circuit(
            self.inputs,
            tuple(self.gates),
            outs,
            basis=basis,
            input_names=_unless_default(input_names, "x"),
            output_names=_unless_default(output_names, "y"),
        )


def _one_input(f0: int, f1: int, x: Literal) -> Literal:
    """The literal of the one-input function with values f0 at x = 0 and f1 at x = 1."""
    if f0 == f1:
        return CONST1 if f0 else CONST0
    return x if f1 else negate(x)


def _unless_default(names: Sequence[str] | None, prefix: str) -> tuple[str, ...] | None:
    if names is None or list(names) == [f"{prefix}{i}" for i in range(len(names))]:
        return None
    return tuple(names)

"""How each 2-input op is written with the plain cells that standard formats share.

BLIF, ISCAS bench, Verilog and AIGER have no "ANDNOT" cell: each op of the project is written as one
base cell (AND, OR, XOR, a buffer or a constant) with inverters on some fanins and possibly on the
output. The table is derived, not typed in, so it cannot disagree with the ops' truth tables: for each
op we take the form with the fewest inverters, preferring an inverted output (NAND, NOR, XNOR and NOT
are cells of their own in the plain gate sets) over inverted fanins.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Callable

_BASES: dict[str, Callable[[int, int], int]] = {
    "CONST": lambda a, b: 0,
    "BUF": lambda a, b: a,
    "AND": lambda a, b: a & b,
    "OR": lambda a, b: a | b,
    "XOR": lambda a, b: a ^ b,
}


@dataclass(frozen=True)
class GateForm:
    """``op(a, b) = negated_output XOR base(fanin literals)``.

    ``fanins`` lists which gate fanins (0 = a, 1 = b) the base cell reads: none for CONST (whose value
    is then ``negated_output``), one for BUF, two otherwise; ``negated_fanins`` is parallel to it.
    """

    base: str
    fanins: tuple[int, ...]
    negated_fanins: tuple[bool, ...]
    negated_output: bool

    @property
    def inverters(self) -> int:
        return sum(self.negated_fanins) + self.negated_output


def _candidates() -> list[GateForm]:
    """Every (base, fanins, negations) combination, inverted outputs listed first for each shape."""
    shapes: list[tuple[str, tuple[int, ...]]] = [("CONST", ()), ("BUF", (0,)), ("BUF", (1,))]
    shapes += [(base, (0, 1)) for base in ("AND", "OR", "XOR")]
    forms = []
    for base, fanins in shapes:
        for negated_output in (False, True):
            for negations in product((False, True), repeat=len(fanins)):
                forms.append(GateForm(base, fanins, negations, negated_output))
    # Stable sort: fewest inverters first; among equals, an inverted output before inverted fanins.
    return sorted(forms, key=lambda f: (f.inverters, not f.negated_output))


def _table(form: GateForm) -> int:
    """The 4-bit op computed by a form."""
    op = 0
    for a, b in product((0, 1), repeat=2):
        values = [(a, b)[i] ^ neg for i, neg in zip(form.fanins, form.negated_fanins)]
        values += [0] * (2 - len(values))
        bit = _BASES[form.base](values[0], values[1]) ^ form.negated_output
        op |= bit << (a + 2 * b)
    return op


def _derive() -> dict[int, GateForm]:
    forms: dict[int, GateForm] = {}
    for form in _candidates():
        forms.setdefault(_table(form), form)
    return forms


#: The preferred plain-cell form of every op 0..15.
GATE_FORMS: dict[int, GateForm] = _derive()

"""BLIF (Berkeley Logic Interchange Format): one ``.names`` cover per gate, as ABC and SIS read it.

Writing: each gate is a 2-input cover listing its on-set rows (an op with three 1s lists its single
off-set row with output 0, the shorter form); complemented, constant or renamed outputs get a
one-line cover of their own. Reading accepts every combinational ``.names`` cover: covers of at most
two inputs become one gate (or fold to a literal), wider covers are decomposed into balanced AND/OR
trees of their cubes. Latches, subcircuits and library gates are refused with their line number.
"""

from __future__ import annotations

import re

from circuits.circuit import Circuit
from circuits.formats.builder import AND_OP, CONST0, OR_OP, CircuitBuilder, Literal, negate
from circuits.formats.naming import WriterNames
from circuits.formats.netlist import Definition, Netlist
from circuits.formats.textlines import logical_lines

_NAME = re.compile(r"^[^\s#\\.=][^\s#\\=]*$")

# -- writing ---------------------------------------------------------------------------------------


def _gate_cover(op: int) -> list[str]:
    """Cover lines of a 2-input op: on-set minterms, or the one off-set minterm of a 3-ones op.

    Constants get a cube of don't-cares: ABC rejects a 2-input .names whose cover is empty.
    """
    ones = [row for row in range(4) if (op >> row) & 1]
    if len(ones) in (0, 4):
        return ["-- 1" if ones else "-- 0"]
    if len(ones) == 3:
        zero = next(row for row in range(4) if not (op >> row) & 1)
        return [f"{zero & 1}{zero >> 1} 0"]
    return [f"{row & 1}{row >> 1} 1" for row in ones]


def write_blif(circuit: Circuit) -> str:
    names = WriterNames(circuit, "BLIF", lambda name: bool(_NAME.match(name)))
    lines = [
        f"# written by circuits: {circuit.size} gates of basis {circuit.basis}, depth {circuit.depth}",
        ".model circuit",
        ".inputs " + " ".join(names.inputs),
        ".outputs " + " ".join(names.outputs),
    ]
    for k, gate in enumerate(circuit.gates):
        a, b = (names.node(f) for f in gate.fanins)
        lines.append(f".names {a} {b} {names.node(circuit.inputs + k)}")
        lines += _gate_cover(gate.op)
    for h, out in enumerate(circuit.outputs):
        if not names.needs_driver(h):
            continue
        if out.node is None:
            lines.append(f".names {names.outputs[h]}")
            lines += ["1"] if out.value else []
        else:
            lines.append(f".names {names.node(out.node)} {names.outputs[h]}")
            lines.append("0 1" if out.negated else "1 1")
    lines.append(".end")
    return "\n".join(lines) + "\n"


# -- reading ---------------------------------------------------------------------------------------


def _cover_value(cubes: list[str], onset: bool, values: tuple[int, ...]) -> int:
    hit = any(all(c == "-" or int(c) == v for c, v in zip(cube, values)) for cube in cubes)
    return int(hit == onset)


def _build_cover(builder: CircuitBuilder, lits: list[Literal], cubes: list[str], onset: bool) -> Literal:
    """The literal of a cover: one gate for k <= 2 inputs, a sum of products beyond."""
    k = len(lits)
    if k <= 2:
        op = 0
        for row in range(4):
            if k == 2 or row >> k == 0:  # rows where the padding fanins (constant 0) are 0
                op |= _cover_value(cubes, onset, (row & 1, row >> 1)[:k]) << row
        padded = lits + [CONST0] * (2 - k)
        return builder.gate(op, padded[0], padded[1])
    if any(set(cube) == {"-"} for cube in cubes):
        total = negate(CONST0)
    else:
        products = [
            builder.tree(AND_OP, [lit if c == "1" else negate(lit) for c, lit in zip(cube, lits) if c != "-"])
            for cube in cubes
        ]
        total = builder.tree(OR_OP, products)
    return total if onset else negate(total)


class _NamesBlock:
    """A ``.names`` line and the cover lines collected under it."""

    def __init__(self, line: int, signals: list[str]) -> None:
        self.line = line
        self.fanins = signals[:-1]
        self.output = signals[-1]
        self.cubes: list[str] = []
        self.onset: bool | None = None

    def add_row(self, netlist: Netlist, line: int, text: str) -> None:
        fields = text.split()
        k = len(self.fanins)
        if k == 0 and len(fields) == 1:
            cube, value = "", fields[0]
        elif len(fields) == 2:
            cube, value = fields
        else:
            raise netlist.error(line, f"expected a cover row of {k} input values and an output value, got {text!r}")
        if len(cube) != k or set(cube) - set("01-") or value not in ("0", "1"):
            raise netlist.error(line, f"cover row {text!r} does not fit a .names of {k} inputs (use 0, 1, -)")
        if self.onset is not None and self.onset != (value == "1"):
            raise netlist.error(line, "a cover mixes output values 0 and 1")
        self.onset = value == "1"
        self.cubes.append(cube)

    def definition(self) -> Definition:
        cubes, onset = list(self.cubes), self.onset is not False
        return Definition(self.line, tuple(self.fanins), lambda b, lits: _build_cover(b, lits, cubes, onset))


def read_blif(text: str, source: str) -> Circuit:
    netlist = Netlist(source)
    block: _NamesBlock | None = None
    seen_model = False
    for line, content in logical_lines(text, continuation=True):
        fields = content.split()
        keyword = fields[0]
        if not keyword.startswith("."):
            if block is None:
                raise netlist.error(line, f"a cover row {content!r} outside a .names block")
            block.add_row(netlist, line, content)
            continue
        if block is not None:
            netlist.define(block.output, block.definition())
            block = None
        if keyword == ".model":
            if seen_model:
                raise netlist.error(line, "several .model sections (hierarchical BLIF) are not supported")
            seen_model = True
        elif keyword == ".inputs":
            for name in fields[1:]:
                netlist.add_input(name, name, line)
        elif keyword == ".outputs":
            for name in fields[1:]:
                netlist.add_output(name, name, line)
        elif keyword == ".names":
            if len(fields) < 2:
                raise netlist.error(line, ".names needs at least an output signal")
            block = _NamesBlock(line, fields[1:])
        elif keyword == ".end":
            break
        elif keyword == ".latch":
            raise netlist.error(line, "latches are not supported: circuits here are combinational")
        else:
            raise netlist.error(line, f"{keyword} is not supported (only .model, .inputs, .outputs, .names, .end)")
    if block is not None:
        netlist.define(block.output, block.definition())
    return netlist.circuit()

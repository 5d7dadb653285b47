"""ISCAS ``.bench`` with the plain gate set ABC reads: AND OR NAND NOR XOR XNOR NOT BUFF.

Writing: each gate is one cell of its plain form (ANDNOT is AND with a NOT on its second fanin; the
NOT cells are shared per signal); constants are ABC's ``vdd`` and ``gnd``. Reading accepts those
cells with any number of fanins (wide ones become balanced trees), BUF as a synonym of BUFF, and
``vdd``/``gnd``; NOT and BUFF cost nothing, as in every cost model here. Flip-flops are refused.
"""

from __future__ import annotations

import re
from typing import Callable

from circuits.circuit import Circuit
from circuits.formats.builder import AND_OP, CONST0, CONST1, OR_OP, XOR_OP, CircuitBuilder, Literal, negate
from circuits.gateforms import GATE_FORMS
from circuits.formats.naming import WriterNames
from circuits.formats.netlist import Definition, Netlist
from circuits.formats.textlines import logical_lines

_NAME = re.compile(r"^[^\s#(),=]+$")
_CELL_NAMES = {  # (base, negated output) -> cell
    ("AND", False): "AND",
    ("AND", True): "NAND",
    ("OR", False): "OR",
    ("OR", True): "NOR",
    ("XOR", False): "XOR",
    ("XOR", True): "XNOR",
    ("BUF", False): "BUFF",
    ("BUF", True): "NOT",
}

# -- writing ---------------------------------------------------------------------------------------


def write_bench(circuit: Circuit) -> str:
    names = WriterNames(circuit, "bench", lambda name: bool(_NAME.match(name)))
    lines = [f"# written by circuits: {circuit.size} gates of basis {circuit.basis}, depth {circuit.depth}"]
    lines += [f"INPUT({name})" for name in names.inputs]
    lines += [f"OUTPUT({name})" for name in names.outputs]
    inverted: dict[int, str] = {}

    def fanin(node: int, negated: bool) -> str:
        if not negated:
            return names.node(node)
        if node not in inverted:
            inverted[node] = names.fresh(f"{names.node(node)}_n")
            lines.append(f"{inverted[node]} = NOT({names.node(node)})")
        return inverted[node]

    for k, gate in enumerate(circuit.gates):
        form = GATE_FORMS[gate.op]
        target = names.node(circuit.inputs + k)
        if form.base == "CONST":
            lines.append(f"{target} = {'vdd' if form.negated_output else 'gnd'}")
            continue
        args = [fanin(gate.fanins[i], neg) for i, neg in zip(form.fanins, form.negated_fanins)]
        lines.append(f"{target} = {_CELL_NAMES[form.base, form.negated_output]}({', '.join(args)})")
    for h, out in enumerate(circuit.outputs):
        if not names.needs_driver(h):
            continue
        if out.node is None:
            lines.append(f"{names.outputs[h]} = {'vdd' if out.value else 'gnd'}")
        else:
            lines.append(f"{names.outputs[h]} = {'NOT' if out.negated else 'BUFF'}({names.node(out.node)})")
    return "\n".join(lines) + "\n"


# -- reading ---------------------------------------------------------------------------------------

_PORT = re.compile(r"^(INPUT|OUTPUT)\s*\(\s*([^\s()]+)\s*\)$", re.IGNORECASE)
_ASSIGN = re.compile(r"^([^\s=]+)\s*=\s*(\w+)\s*(?:\((.*)\))?$")
#: cell -> (tree op, output complemented); NOT and BUFF are one-input trees of AND.
_CELLS = {
    "AND": (AND_OP, False),
    "NAND": (AND_OP, True),
    "OR": (OR_OP, False),
    "NOR": (OR_OP, True),
    "XOR": (XOR_OP, False),
    "XNOR": (XOR_OP, True),
    "BUFF": (AND_OP, False),
    "BUF": (AND_OP, False),
    "NOT": (AND_OP, True),
}
_ONE_INPUT = {"BUFF", "BUF", "NOT"}
_CONSTANTS = {"VDD": CONST1, "GND": CONST0}


def _cell_builder(op: int, negated: bool) -> Callable[[CircuitBuilder, list[Literal]], Literal]:
    def build(builder: CircuitBuilder, lits: list[Literal]) -> Literal:
        result = builder.tree(op, lits)
        return negate(result) if negated else result

    return build


def read_bench(text: str, source: str) -> Circuit:
    netlist = Netlist(source)
    for line, content in logical_lines(text):
        port = _PORT.match(content)
        if port:
            kind, name = port.group(1).upper(), port.group(2)
            (netlist.add_input if kind == "INPUT" else netlist.add_output)(name, name, line)
            continue
        assign = _ASSIGN.match(content)
        if not assign:
            raise netlist.error(line, f"expected INPUT(x), OUTPUT(y) or 'y = CELL(a, b)', got {content!r}")
        target, cell, arg_text = assign.group(1), assign.group(2).upper(), assign.group(3)
        if cell in _CONSTANTS and arg_text is None:
            constant = _CONSTANTS[cell]
            netlist.define(target, Definition(line, (), lambda b, lits, c=constant: c))
            continue
        if cell not in _CELLS:
            raise netlist.error(line, f"cell {assign.group(2)!r} is not supported (AND OR NAND NOR XOR XNOR NOT BUFF)")
        args = [a.strip() for a in (arg_text or "").split(",")]
        if not all(args) or not all(_NAME.match(a) for a in args):
            raise netlist.error(line, f"{cell} needs a comma-separated list of signal names")
        if cell in _ONE_INPUT and len(args) != 1:
            raise netlist.error(line, f"{cell} takes exactly one input, got {len(args)}")
        netlist.define(target, Definition(line, tuple(args), _cell_builder(*_CELLS[cell])))
    return netlist.circuit()

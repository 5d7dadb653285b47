"""A layered text diagram for the terminal: inputs on top, then one row of gates per level.

Wires cannot be drawn legibly in 80 columns once a circuit has more than a handful of gates, so each
gate names its fanins instead, and the rows carry the structure: a gate sits on the row of its level
(1 + the level of its deepest fanin), so reading down is reading in evaluation order and the number
of rows is the depth. A level wider than the terminal wraps onto further rows.
"""

from __future__ import annotations

from typing import Mapping

from circuits.truthtable import counted
from circuits.basis import OP_NAMES
from circuits.circuit import Circuit
from circuits.draw.common import OP_MEANINGS, groups_of, highlight_groups

WIDTH = 80
#: One marker per highlight group, in the order the groups are given.
MARKERS = "*+#@%&$=!?^:"
_GAP = 2


def _cells_by_row(circuit: Circuit, marks: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(row label, cells) for inputs, each level and outputs; a cell is two lines of text."""
    name = [circuit.node_name(v) + marks[v] for v in range(circuit.num_nodes)]
    rows: list[tuple[str, list[tuple[str, str]]]] = [("inputs", [(name[j], "") for j in range(circuit.inputs)])]
    level = circuit.levels()
    for depth in range(1, max(level, default=0) + 1):
        cells = []
        for k, gate in enumerate(circuit.gates):
            node = circuit.inputs + k
            if level[node] == depth:
                a, b = (circuit.node_name(f) for f in gate.fanins)
                cells.append((f"{name[node]} {OP_NAMES[gate.op]}", f" ({a},{b})"))
        rows.append((f"level {depth}", cells))
    outputs = []
    for h, out in enumerate(circuit.outputs):
        label = circuit.output_names[h] if circuit.output_names else f"y{h}"
        source = str(out.value) if out.node is None else ("~" if out.negated else "") + circuit.node_name(out.node)
        outputs.append((f"{label}={source}", ""))
    rows.append(("outputs", outputs))
    return rows


def ascii_diagram(circuit: Circuit, highlight: Mapping[str, set[int]] | None = None, width: int = WIDTH) -> str:
    """The diagram as text lines of at most ``width`` columns (longer only for a single huge name)."""
    groups = highlight_groups(circuit, highlight)
    marks = ["".join(MARKERS[i] for i in groups_of(v, groups)) for v in range(circuit.num_nodes)]
    rows = _cells_by_row(circuit, marks)
    label_width = max(len(label) for label, _ in rows) + 1
    rule = "-" * label_width + "+" + "-" * (width - label_width - 1)
    lines = [
        f"{counted(circuit.inputs, 'input')}, {counted(circuit.size, 'gate')}, depth {circuit.depth}, basis {circuit.basis}",
        "",
    ]
    for index, (label, cells) in enumerate(rows):
        if label == "outputs" or index == 1:
            lines.append(rule)
        # Columns line up within a row; rows share no wires, so each row takes the width it needs.
        cell_width = max((len(text) for cell in cells for text in cell), default=1) + _GAP
        per_line = max(1, (width - label_width - 2) // cell_width)
        chunks = [cells[i : i + per_line] for i in range(0, len(cells), per_line)] or [[]]
        for c, chunk in enumerate(chunks):
            heading = label if c == 0 else ""
            first = "".join(cell[0].ljust(cell_width) for cell in chunk)
            lines.append(f"{heading.ljust(label_width)}| {first}".rstrip())
            if any(cell[1] for cell in chunk):
                second = "".join(cell[1].ljust(cell_width) for cell in chunk)
                lines.append(f"{''.ljust(label_width)}| {second}".rstrip())
    notes = _legend(circuit, groups)
    if notes:
        lines.append("")
        for note in notes:  # pack the notes greedily into lines of the width
            if lines[-1] and len(lines[-1]) + 3 + len(note) <= width:
                lines[-1] += "   " + note
            else:
                lines.append(note)
    return "\n".join(lines)


def _legend(circuit: Circuit, groups: list[tuple[str, frozenset[int]]]) -> list[str]:
    notes = []
    if any(out.negated for out in circuit.outputs):
        notes.append("~x = complemented output")
    used = sorted({OP_NAMES[g.op] for g in circuit.gates} & OP_MEANINGS.keys())
    notes += [OP_MEANINGS[name] for name in used]
    notes += [f"{MARKERS[i]} {label}" for i, (label, _) in enumerate(groups)]
    return notes

"""Graphviz drawings: DOT text, and SVG or PNG through Graphviz's ``dot`` program.

Layout choices that keep small circuits readable: inputs on the top rank in index order (invisible
edges pin the order), every gate on the rank of its level (so the picture's height is the depth),
outputs on the bottom rank in index order. Gates show their op name above their node name; an edge
into a gate ends in a circle where the op reads that fanin complemented (ANDNOT's second fanin, ...),
is dotted where the op ignores it, and a complemented output's edge is dashed and ends in a circle.
"""

from __future__ import annotations

import html
from typing import Mapping

import graphviz

from circuits.truthtable import counted
from circuits.basis import OP_NAMES
from circuits.circuit import Circuit
from circuits.draw.common import Groups, groups_of, highlight_groups
from circuits.gateforms import GATE_FORMS

#: Fill colours of the highlight groups (ColorBrewer Set3), distinct for up to 12 groups.
PALETTE = (
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
    "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
)  # fmt: skip
_INPUT_FILL = "#f2f2f2"
#: Sharp enough to read on a high-density screen, small enough to attach to a message.
PNG_DPI = 144
_GATE_FILL = "#ffffff"


class GraphvizMissing(OSError):
    """Graphviz's ``dot`` program is not installed, so only DOT text can be produced."""


def _fill(node: int, groups: Groups, default: str) -> tuple[str, str]:
    """(style extra, fillcolor): one colour, or stripes/wedges of several for a node in several groups."""
    colours = [PALETTE[i] for i in groups_of(node, groups)]
    if not colours:
        return "filled", default
    return ("filled" if len(colours) == 1 else "multi"), ":".join(colours)


def _node_lines(circuit: Circuit, groups: Groups) -> list[str]:
    lines = []
    for j in range(circuit.inputs):
        style, fill = _fill(j, groups, _INPUT_FILL)
        style = "wedged" if style == "multi" else style
        label = html.escape(circuit.node_name(j))
        lines.append(f'  n{j} [shape=ellipse, style="{style}", fillcolor="{fill}", label=<<b>{label}</b>>];')
    for k, gate in enumerate(circuit.gates):
        node = circuit.inputs + k
        style, fill = _fill(node, groups, _GATE_FILL)
        style = "striped" if style == "multi" else style
        label = f'<b>{OP_NAMES[gate.op]}</b><br/><font point-size="9">{html.escape(circuit.node_name(node))}</font>'
        lines.append(f'  n{node} [shape=box, style="{style}", fillcolor="{fill}", label=<{label}>];')
    for h in range(len(circuit.outputs)):
        name = circuit.output_names[h] if circuit.output_names else f"y{h}"
        lines.append(f"  o{h} [shape=plaintext, label=<<b>{html.escape(name)}</b>>];")
    return lines


def _rank_lines(circuit: Circuit) -> list[str]:
    lines = []
    inputs = " ".join(f"n{j};" for j in range(circuit.inputs))
    lines.append(f"  {{ rank=source; {inputs} }}")
    if circuit.inputs > 1:
        lines.append("  " + " -> ".join(f"n{j}" for j in range(circuit.inputs)) + " [style=invis];")
    level = circuit.levels()
    for depth in range(1, max(level, default=0) + 1):
        members = " ".join(f"n{v};" for v in range(circuit.inputs, circuit.num_nodes) if level[v] == depth)
        lines.append(f"  {{ rank=same; {members} }}")
    outputs = " ".join(f"o{h};" for h in range(len(circuit.outputs)))
    if outputs:
        lines.append(f"  {{ rank=sink; {outputs} }}")
    if len(circuit.outputs) > 1:
        lines.append("  " + " -> ".join(f"o{h}" for h in range(len(circuit.outputs))) + " [style=invis];")
    return lines


def _edge_lines(circuit: Circuit) -> list[str]:
    lines = []
    for k, gate in enumerate(circuit.gates):
        node = circuit.inputs + k
        form = GATE_FORMS[gate.op]
        complemented = {i for i, neg in zip(form.fanins, form.negated_fanins) if neg}
        for i, fanin in enumerate(gate.fanins):
            if i not in form.fanins:
                attrs = " [style=dotted, color=gray50]"
            elif i in complemented:
                attrs = " [arrowhead=odot]"
            else:
                attrs = ""
            lines.append(f"  n{fanin} -> n{node}{attrs};")
    for h, out in enumerate(circuit.outputs):
        if out.node is None:
            lines.append(f'  c{h} [shape=plaintext, label="{out.value}"];')
            lines.append(f"  c{h} -> o{h};")
        elif out.negated:
            lines.append(f"  n{out.node} -> o{h} [style=dashed, arrowhead=odot];")
        else:
            lines.append(f"  n{out.node} -> o{h};")
    return lines


def _legend_lines(circuit: Circuit, groups: Groups) -> list[str]:
    rows = []
    if any(GATE_FORMS[g.op].base in ("AND", "OR") and any(GATE_FORMS[g.op].negated_fanins) for g in circuit.gates):
        rows.append('<tr><td align="left">edge ending in o: fanin read complemented</td></tr>')
    if any(out.negated for out in circuit.outputs):
        rows.append('<tr><td align="left">dashed edge ending in o: complemented output</td></tr>')
    for i, (label, _) in enumerate(groups):
        rows.append(f'<tr><td align="left"><font color="{PALETTE[i]}">&#9632;</font> {html.escape(label)}</td></tr>')
    if not rows:
        return []
    table = '<table border="0" cellborder="0" cellspacing="2">' + "".join(rows) + "</table>"
    return [f"  legend [shape=plaintext, fontsize=10, label=<{table}>];", "  { rank=sink; legend; }"]


def dot_source(
    circuit: Circuit,
    highlight: Mapping[str, set[int]] | None = None,
    title: str | None = None,
    dpi: int | None = None,
) -> str:
    """The circuit as DOT text, ranked by level, with an optional highlight legend and title.

    ``dpi`` sets the resolution of bitmap renderings (PNG); vector output ignores it.
    """
    groups = highlight_groups(circuit, highlight)
    caption = f"{counted(circuit.inputs, 'input')}, {counted(circuit.size, 'gate')}, depth {circuit.depth}, basis {circuit.basis}"
    label = html.escape(caption if title is None else f"{title}\n{caption}").replace("\n", "<br/>")
    resolution = f", dpi={dpi}" if dpi else ""
    lines = [
        "digraph circuit {",
        f'  graph [rankdir=TB, nodesep=0.25, ranksep=0.4, fontname="Helvetica", fontsize=12, labelloc=t, label=<{label}>{resolution}];',
        '  node [fontname="Helvetica", fontsize=12, height=0.3, margin="0.08,0.03"];',
        "  edge [arrowsize=0.7];",
    ]
    lines += _node_lines(circuit, groups)
    lines += _rank_lines(circuit)
    lines += _edge_lines(circuit)
    lines += _legend_lines(circuit, groups)
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(
    circuit: Circuit, fmt: str, highlight: Mapping[str, set[int]] | None = None, title: str | None = None
) -> bytes:
    """SVG or PNG bytes drawn by Graphviz's ``dot``; GraphvizMissing when it is not installed."""
    source = dot_source(circuit, highlight, title, dpi=PNG_DPI if fmt == "png" else None)
    try:
        return graphviz.Source(source).pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing("Graphviz's dot program is not installed (apt-get install graphviz)") from None

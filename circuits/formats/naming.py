"""Signal names for writers: the user's names kept, every other wire given a fresh, unique name.

Inputs and outputs keep the circuit's names (x0.., y0.. by default, the names ABC's ``cec`` matches
ports by). A gate that drives an output directly takes that output's name, so the written file reads
``y0 = XOR(x0, x1)`` rather than a gate plus a buffer; every other gate is ``n<node>``, made unique
against all names in the file.
"""

from __future__ import annotations

from typing import Callable

from circuits.circuit import Circuit
from circuits.errors import InputError


class WriterNames:
    """Names of the inputs, outputs and every node of ``circuit`` for one file format.

    ``valid`` says whether a format can hold a name; ``distinct_ports`` forbids an output from
    sharing an input's name even when it is that input (Verilog ports must differ).
    """

    def __init__(self, circuit: Circuit, fmt: str, valid: Callable[[str], bool], distinct_ports: bool = False) -> None:
        self.inputs = list(circuit.input_names or [f"x{j}" for j in range(circuit.inputs)])
        self.outputs = list(circuit.output_names or [f"y{h}" for h in range(len(circuit.outputs))])
        for name in self.inputs + self.outputs:
            if not name or not valid(name):
                raise InputError(f"the name {name!r} cannot be written in {fmt}")
        _require_unique(self.inputs, "input")
        _require_unique(self.outputs, "output")
        self._used = set(self.inputs) | set(self.outputs)
        self.nodes: list[str | None] = list(self.inputs) + [None] * circuit.size
        for h, out in enumerate(circuit.outputs):
            name = self.outputs[h]
            if name in self.inputs and (distinct_ports or out.negated or out.node != self.inputs.index(name)):
                raise InputError(f"output {name!r} has the name of an input but is a different signal")
            if out.node is not None and not out.negated and self.nodes[out.node] is None:
                self.nodes[out.node] = name
        for node in range(circuit.inputs, circuit.num_nodes):
            if self.nodes[node] is None:
                self.nodes[node] = self.fresh(f"n{node}")
        self.circuit = circuit

    def fresh(self, base: str) -> str:
        """A name not used yet in this file, ``base`` itself where possible."""
        name = base
        while name in self._used:
            name += "_"
        self._used.add(name)
        return name

    def node(self, node: int) -> str:
        name = self.nodes[node]
        assert name is not None  # every node was named in __init__
        return name

    def needs_driver(self, h: int) -> bool:
        """Whether output h needs its own statement (it is a constant, complemented or renamed)."""
        out = self.circuit.outputs[h]
        return out.node is None or out.negated or self.node(out.node) != self.outputs[h]


def _require_unique(names: list[str], what: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InputError(f"two {what}s are named {name!r}; a file needs distinct names")
        seen.add(name)

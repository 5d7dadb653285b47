"""A circuit prepared for measurement: simulated once, indexed once, reused against every decoy.

Decoy formulations change only the declared tables, never the circuit, so everything that depends on
the circuit alone (node tables, the polarity index, levels, readers) is computed here once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from circuits.circuit import Circuit
from circuits.truthtable import full_mask
from circuits.analysis.tables import WireIndex


@dataclass
class CircuitView:
    """``tables`` holds every node's table; ``index`` the wires eligible to cover a candidate."""

    circuit: Circuit
    exclude_outputs: bool = False
    input_names: tuple[str, ...] | None = None
    tables: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.tables = self.circuit.simulate()

    @property
    def n(self) -> int:
        return self.circuit.inputs

    @property
    def mask(self) -> int:
        return full_mask(self.circuit.inputs)

    @property
    def gates(self) -> range:
        """Node ids of the gates."""
        return range(self.circuit.inputs, self.circuit.num_nodes)

    @cached_property
    def output_nodes(self) -> frozenset[int]:
        return frozenset(o.node for o in self.circuit.outputs if o.node is not None)

    @cached_property
    def outputs(self) -> list[int]:
        return self.circuit.output_tables()

    @cached_property
    def eligible(self) -> list[int]:
        """Wires that may cover a candidate: all, minus the outputs when m = 1 (the output is trivially the union of every candidate)."""
        nodes = range(self.circuit.num_nodes)
        return [v for v in nodes if not (self.exclude_outputs and v in self.output_nodes)]

    @cached_property
    def index(self) -> WireIndex:
        return WireIndex(self.tables, self.mask, self.eligible)

    @cached_property
    def all_wires(self) -> WireIndex:
        return WireIndex(self.tables, self.mask)

    @cached_property
    def readers(self) -> list[list[int]]:
        """readers[v] = the gates that read node v (once per fanin slot)."""
        result: list[list[int]] = [[] for _ in range(self.circuit.num_nodes)]
        for node in self.gates:
            for f in self.circuit.gates[node - self.n].fanins:
                result[f].append(node)
        return result

    def fanins(self, node: int) -> tuple[int, int]:
        return self.circuit.gates[node - self.n].fanins

    def op(self, node: int) -> int:
        return self.circuit.gates[node - self.n].op

    def cone(self, node: int) -> list[int]:
        """The gates in the fanin cone of ``node`` (itself included), in topological order."""
        seen: set[int] = set()
        stack = [node]
        while stack:
            v = stack.pop()
            if v < self.n or v in seen:
                continue
            seen.add(v)
            stack.extend(self.fanins(v))
        return sorted(seen)

    def name(self, node: int) -> str:
        """Inputs by the problem's names when given (``e01``), gates as ``x<node>``."""
        if node < self.n and self.input_names:
            return self.input_names[node]
        return self.circuit.node_name(node)

    def ref(self, wire: tuple[int, bool]) -> str:
        """A wire reference as text: ``x10`` or ``!x10`` (the wire computes the complement)."""
        node, negated = wire
        return ("!" if negated else "") + self.name(node)

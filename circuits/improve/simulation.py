"""A window's relation (care.py) by simulating the whole circuit on all 2^n input rows (n ≤ 16).

Every node's truth table is one big integer (circuit.py), so a leaf pattern's rows are an AND of
leaf tables, and "flipping outputs F is observable" is one re-simulation of the gates downstream of
the window with those outputs complemented, compared with the circuit's outputs.
"""

from __future__ import annotations

from circuits.circuit import apply_op
from circuits.improve.care import MAX_FLIPPED_OUTPUTS, WindowRelation, flip_sets
from circuits.improve.windows import CircuitGraph, Window
from circuits.truthtable import full_mask

#: Whole-circuit simulation is used up to this many inputs; above it, SAT (sat_context.py).
MAX_SIMULATED_INPUTS = 16


class SimulationContext:
    """Window relations of one circuit, from its full truth tables."""

    def __init__(self, graph: CircuitGraph) -> None:
        self.graph = graph
        self.circuit = graph.circuit
        self.mask = full_mask(self.circuit.inputs)
        self.tables = self.circuit.simulate()
        self.output_tables = self.circuit.read_outputs(self.tables)

    def relation(self, window: Window) -> WindowRelation:
        rows = pattern_rows(self.tables, window.leaves, self.mask)
        values = tuple(
            sum(1 << p for p, where in enumerate(rows) if where & self.tables[o]) for o in window.outputs
        )
        reachable = sum(1 << p for p, where in enumerate(rows) if where)
        downstream = self._downstream(window)
        observable = {}
        for flips in flip_sets(len(window.outputs)):
            seen = self._observed_rows(window, flips, downstream)
            observable[flips] = sum(1 << p for p, where in enumerate(rows) if where & seen)
        return WindowRelation(len(window.leaves), values, reachable, observable, min(len(window.outputs), MAX_FLIPPED_OUTPUTS))

    def _downstream(self, window: Window) -> list[int]:
        """Gates outside the window that depend on its outputs, in evaluation order."""
        inside = set(window.gates)
        found: set[int] = set()
        stack = list(window.outputs)
        while stack:
            for reader in self.graph.readers[stack.pop()]:
                if reader not in inside and reader not in found:
                    found.add(reader)
                    stack.append(reader)
        return sorted(found)

    def _observed_rows(self, window: Window, flips: int, downstream: list[int]) -> int:
        """Rows on which complementing the window outputs in ``flips`` changes some circuit output."""
        patched = {o: self.tables[o] ^ self.mask for j, o in enumerate(window.outputs) if (flips >> j) & 1}
        gates = self.circuit.gates
        n = self.circuit.inputs
        for node in downstream:
            gate = gates[node - n]
            a, b = (patched.get(f, self.tables[f]) for f in gate.fanins)
            patched[node] = apply_op(gate.op, a, b, self.mask)
        seen = 0
        for out, before in zip(self.circuit.outputs, self.output_tables):
            if out.node is not None and out.node in patched:
                seen |= patched[out.node] ^ (self.mask if out.negated else 0) ^ before
        return seen


def pattern_rows(tables: list[int], leaves: tuple[int, ...], mask: int) -> list[int]:
    """Per leaf pattern p (bit i = leaf i's value), the input rows on which the leaves take p."""
    rows = [mask]
    for leaf in leaves:
        table = tables[leaf]
        rows = [r & ~table & mask for r in rows] + [r & table for r in rows]  # bit i: leaf i is 1
    return rows

"""A window's relation (care.py) from simulation: exact on all 2^n input rows (n ≤ 16).

Every node's values on a set of input rows are one big integer per node (bit r: row r), so a leaf
pattern's rows are an AND of leaf values, and "flipping outputs F is observable" is one
re-simulation of the gates downstream of the window with those outputs complemented, compared with
the circuit's outputs. ``RowContext`` does this on any set of rows; on all of them (``SimulationContext``)
the answer is exact, on a random sample (sat_context.py) it is a first approximation that SAT completes.
"""

from __future__ import annotations

from circuits.circuit import apply_op
from circuits.improve.care import MAX_FLIPPED_OUTPUTS, WindowRelation, flip_sets
from circuits.improve.windows import CircuitGraph, Window
from circuits.truthtable import full_mask

#: Whole-circuit simulation is used up to this many inputs; above it, SAT (sat_context.py).
MAX_SIMULATED_INPUTS = 16


class RowContext:
    """What a set of input rows shows about windows: ``values[v]`` holds node v's value per row."""

    def __init__(self, graph: CircuitGraph, values: list[int], mask: int) -> None:
        self.graph = graph
        self.circuit = graph.circuit
        self.values = values
        self.mask = mask

    def window_values(self, window: Window) -> tuple[int, ...]:
        """The window outputs over its leaves, by simulating the window alone on its 2^k patterns."""
        k = len(window.leaves)
        rows = full_mask(k)
        table = {leaf: sum(1 << p for p in range(1 << k) if (p >> i) & 1) for i, leaf in enumerate(window.leaves)}
        n = self.circuit.inputs
        for node in window.gates:
            gate = self.circuit.gates[node - n]
            table[node] = apply_op(gate.op, table[gate.fanins[0]], table[gate.fanins[1]], rows)
        return tuple(table[o] for o in window.outputs)

    def seen(self, window: Window) -> tuple[int, dict[int, int]]:
        """The leaf patterns these rows produce, and per flip set the patterns where it is observed."""
        rows = pattern_rows(self.values, window.leaves, self.mask)
        reachable = sum(1 << p for p, where in enumerate(rows) if where)
        after = self.downstream(window)
        observable = {}
        for flips in flip_sets(len(window.outputs)):
            changed = self._observed_rows(window, flips, after)
            observable[flips] = sum(1 << p for p, where in enumerate(rows) if where & changed)
        return reachable, observable

    def downstream(self, window: Window) -> list[int]:
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
        patched = {o: self.values[o] ^ self.mask for j, o in enumerate(window.outputs) if (flips >> j) & 1}
        n = self.circuit.inputs
        for node in downstream:
            gate = self.circuit.gates[node - n]
            a, b = (patched.get(f, self.values[f]) for f in gate.fanins)
            patched[node] = apply_op(gate.op, a, b, self.mask)
        changed = 0
        for out in self.circuit.outputs:
            if out.node is not None and out.node in patched:
                changed |= patched[out.node] ^ self.values[out.node]  # an output's negation cancels
        return changed


class SimulationContext(RowContext):
    """Window relations of one circuit, exact, from its full truth tables."""

    def __init__(self, graph: CircuitGraph) -> None:
        super().__init__(graph, graph.circuit.simulate(), full_mask(graph.circuit.inputs))

    def relation(self, window: Window) -> WindowRelation:
        reachable, observable = self.seen(window)
        flippable = min(len(window.outputs), MAX_FLIPPED_OUTPUTS)
        return WindowRelation(len(window.leaves), self.window_values(window), reachable, observable, flippable)


def pattern_rows(values: list[int], leaves: tuple[int, ...], mask: int) -> list[int]:
    """Per leaf pattern p (bit i = leaf i's value), the rows on which the leaves take p."""
    rows = [mask]
    for leaf in leaves:
        table = values[leaf]
        rows = [r & ~table & mask for r in rows] + [r & table for r in rows]  # bit i: leaf i is 1
    return rows

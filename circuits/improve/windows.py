"""Windows: the sub-circuits a local improvement step may replace.

A *window* is a set of gates together with its *leaves* (the nodes outside it that its gates read)
and its *outputs* (its gates that something outside reads: another gate or a circuit output). It
must be *convex*: no leaf depends on a gate of the window, so replacing the window by any circuit
over its leaves that computes its outputs leaves the whole circuit acyclic.

Two kinds are enumerated, both with at most K leaves and at most G gates:

* *cones*: for a gate r and a K-feasible cut C of r (every path from an input to r passes through
  C), the gates met walking back from r until C. Cuts come from the classic bottom-up merge of the
  fanins' cuts; per gate only the ``cuts_per_node`` cuts with the largest cones (at most G gates) are
  kept, and dominated cuts (supersets of another cut) are dropped. A cone whose inner gates are read
  elsewhere is a multi-output window.
* *leaf-set windows*: for each distinct leaf set C among those cuts, every gate computable from C
  alone (both fanins in C or already in the set): all the cones over C at once, so several roots
  over the same leaves (the sum and carry of a full adder) are re-synthesized together.

The set is a deterministic function of the circuit and (K, G, cuts_per_node); "locally minimal" is
claimed with respect to exactly this set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from circuits.circuit import Circuit

#: Cuts kept per gate (the ones with the largest cones within the gate limit).
DEFAULT_CUTS_PER_NODE = 8


@dataclass(frozen=True)
class Window:
    """Gates, leaves and outputs (node ids of one circuit, each ascending)."""

    gates: tuple[int, ...]
    leaves: tuple[int, ...]
    outputs: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.gates)

    def to_dict(self) -> dict[str, Any]:
        return {"gates": list(self.gates), "leaves": list(self.leaves), "outputs": list(self.outputs)}

    def describe(self) -> str:
        return (
            f"{self.size} gate{'s' if self.size != 1 else ''} {list(self.gates)} over leaves {list(self.leaves)}, "
            f"outputs {list(self.outputs)}"
        )


class CircuitGraph:
    """Fanins, readers and output references of a circuit, indexed once for window work."""

    def __init__(self, circuit: Circuit) -> None:
        self.circuit = circuit
        self.n = circuit.inputs
        self.fanins: list[tuple[int, ...]] = [()] * circuit.inputs + [g.fanins for g in circuit.gates]
        self.readers: list[set[int]] = [set() for _ in range(circuit.num_nodes)]
        for node in range(circuit.inputs, circuit.num_nodes):
            for f in self.fanins[node]:
                self.readers[f].add(node)
        self.observed = {o.node for o in circuit.outputs if o.node is not None}

    def window(self, gates: set[int]) -> Window | None:
        """The window of ``gates`` (leaves and outputs derived), or None when it is not convex or
        nothing reads it (dead gates are the clean-up's business, not a window's)."""
        leaves = {f for g in gates for f in self.fanins[g] if f not in gates}
        outputs = {g for g in gates if g in self.observed or any(r not in gates for r in self.readers[g])}
        if not outputs or not self._convex(gates, leaves):
            return None
        return Window(tuple(sorted(gates)), tuple(sorted(leaves)), tuple(sorted(outputs)))

    def _convex(self, gates: set[int], leaves: set[int]) -> bool:
        """No leaf depends on a window gate (only leaves numbered above the lowest gate can)."""
        lowest = min(gates)
        stack = [leaf for leaf in leaves if leaf > lowest]
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if node in gates:
                return False
            if node in seen or node < lowest:
                continue
            seen.add(node)
            stack.extend(self.fanins[node])
        return True

    def cone(self, root: int, cut: frozenset[int], limit: int) -> set[int] | None:
        """Gates between ``cut`` and ``root`` (root included), or None past ``limit`` gates."""
        gates: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if node in cut or node in gates:
                continue
            if node < self.n:
                return None  # an input outside the cut: not a cut of this root
            gates.add(node)
            if len(gates) > limit:
                return None
            stack.extend(self.fanins[node])
        return gates

    def closure(self, leaves: frozenset[int], limit: int) -> set[int] | None:
        """Every gate computable from ``leaves`` alone, or None past ``limit`` gates."""
        inside = set(leaves)
        gates: set[int] = set()
        frontier = sorted({r for leaf in leaves for r in self.readers[leaf]})
        while frontier:
            later: set[int] = set()
            for node in frontier:
                if node in inside or not all(f in inside for f in self.fanins[node]):
                    continue
                inside.add(node)
                gates.add(node)
                if len(gates) > limit:
                    return None
                later.update(self.readers[node])
            frontier = sorted(later)
        return gates


def enumerate_cuts(
    graph: CircuitGraph, max_leaves: int, max_gates: int, per_node: int
) -> list[list[frozenset[int]]]:
    """Per node, its kept non-trivial cuts (largest cones first); inputs have none."""
    n = graph.n
    merged: list[list[frozenset[int]]] = [[frozenset([j])] for j in range(n)]  # trivial cut first
    kept: list[list[frozenset[int]]] = [[] for _ in range(n)]
    for node in range(n, graph.circuit.num_nodes):
        a, b = graph.fanins[node]
        candidates = {x | y for x in merged[a] for y in merged[b] if len(x | y) <= max_leaves}
        sized = []
        for cut in candidates:
            if any(other < cut for other in candidates):
                continue  # dominated: a subset is a cut too
            cone = graph.cone(node, cut, max_gates)
            if cone is not None:
                sized.append((-len(cone), len(cut), sorted(cut), cut))
        sized.sort()
        best = [entry[3] for entry in sized[:per_node]]
        kept.append(best)
        merged.append([frozenset([node])] + best)
    return kept


def enumerate_windows(
    circuit: Circuit, max_leaves: int, max_gates: int, cuts_per_node: int = DEFAULT_CUTS_PER_NODE
) -> list[Window]:
    """Every convex cone and leaf-set window within the limits, once each, ordered by their top gate
    (inputs to outputs), larger windows first among equals."""
    graph = CircuitGraph(circuit)
    found: dict[tuple[int, ...], Window] = {}

    def add(gates: set[int] | None) -> None:
        if not gates:
            return
        key = tuple(sorted(gates))
        if key in found:
            return
        window = graph.window(gates)
        if window is not None and len(window.leaves) <= max_leaves:
            found[key] = window

    all_cuts = enumerate_cuts(graph, max_leaves, max_gates, cuts_per_node)
    leaf_sets: set[frozenset[int]] = set()
    for root, cuts in enumerate(all_cuts):
        for cut in cuts:
            add(graph.cone(root, cut, max_gates))
            leaf_sets.add(cut)
    for leaves in sorted(leaf_sets, key=sorted):
        add(graph.closure(leaves, max_gates))
    return sorted(found.values(), key=lambda w: (w.gates[-1], -w.size, w.gates))

"""What "better" means for each objective, and the questions each window is asked.

Size: fewer gates. A window of g gates is asked for a replacement of fewer than g gates; every
answer makes the circuit smaller.

Depth: the cost is (depth, size, critical gates), compared in that order, where a gate is critical
when it lies on a longest path. A window is asked, with its leaves at their current levels and each
output j due by B − tail_j (tail_j: the longest path from output j to a circuit output):
* if it holds a critical gate, first for a replacement of at most g gates with B = depth − 1: then no
  longest path runs through the window any more, nothing becomes deeper, and the critical gates
  strictly decrease (or the depth drops);
* then for a replacement of fewer than g gates with B = depth: the depth cannot grow and the size
  drops.
Either answer lowers the cost, and "no answer to either" is what a window's local minimality means
for depth. A depth step never adds gates, so depth reductions that need more gates are outside this
move set.
"""

from __future__ import annotations

from dataclasses import dataclass

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.improve.windows import Window
from sat_encoding.timing import Timing

OBJECTIVES = ("size", "depth")


def check_objective(objective: str) -> str:
    if objective not in OBJECTIVES:
        raise InputError(f"unknown objective {objective!r}; choose one of {', '.join(OBJECTIVES)}")
    return objective


@dataclass(frozen=True)
class Query:
    """One question about a window: a replacement of fewer than ``below`` gates meeting ``timing``."""

    below: int
    timing: Timing | None = None


class Measure:
    """Levels and tails of one circuit, for costs and window timing."""

    def __init__(self, circuit: Circuit) -> None:
        self.circuit = circuit
        self.levels = circuit.levels()
        self.tails = tails(circuit)
        self.depth = circuit.depth

    def critical(self, node: int) -> bool:
        return self.tails[node] >= 0 and self.levels[node] + self.tails[node] == self.depth

    def critical_gates(self) -> int:
        return sum(1 for v in range(self.circuit.inputs, self.circuit.num_nodes) if self.critical(v))

    def cost(self, objective: str) -> tuple[int, ...]:
        if objective == "size":
            return (self.circuit.size,)
        return (self.depth, self.circuit.size, self.critical_gates())

    def queries(self, window: Window, objective: str) -> tuple[Query, ...]:
        """The questions that decide whether ``window`` can lower the cost (module docstring)."""
        if objective == "size":
            return (Query(window.size),)
        arrivals = [self.levels[leaf] for leaf in window.leaves]
        shift = min(arrivals)

        def timing(bound: int) -> Timing:
            required = tuple(bound - self.tails[o] - shift for o in window.outputs)
            return Timing(tuple(a - shift for a in arrivals), required)

        keep_depth = Query(window.size, timing(self.depth))
        if any(self.critical(g) for g in window.gates):
            return (Query(window.size + 1, timing(self.depth - 1)), keep_depth)
        return (keep_depth,)


def tails(circuit: Circuit) -> list[int]:
    """Per node, the longest path in gates from it to a circuit output (−1 if it reaches none)."""
    tail = [-1] * circuit.num_nodes
    for out in circuit.outputs:
        if out.node is not None:
            tail[out.node] = max(tail[out.node], 0)
    for k in range(circuit.size - 1, -1, -1):
        node = circuit.inputs + k
        if tail[node] < 0:
            continue
        for f in circuit.gates[k].fanins:
            tail[f] = max(tail[f], tail[node] + 1)
    return tail

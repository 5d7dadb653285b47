"""The sorted form of a circuit: the one labelling of it that the encoding's always-on rules admit.

symmetry.py defines *sorted* circuits (gates placed greedily, each time the available gate with the
least (fanin pair, op), pairs numbered in colex order under the numbering built so far) and shows
that every irredundant circuit has one, and that the encoding's colex and op-order rules hold for
it. The converse holds too, which is why this module exists: a model of the encoding is already
sorted. At step t of the greedy sort, the model's gate t is available (its fanins come earlier);
every later gate that is available has a pair at least as large, and on an equal pair a larger op
(the colex and op-order rules), under the same numbering, since the numbering built so far is the
model's own. So the greedy sort places the model's gates in the model's order.

Hence a circuit that is some model of the encoding is *exactly one* model: the one of its sorted
form. Enumeration (enumerate.py) uses that to forbid, with one clause, every relabelled image of a
circuit it has already listed, so the solver never spends a call on finding an isomorphic copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from circuits.basis import swap_fanins
from circuits.circuit import Circuit


@dataclass(frozen=True)
class SortedForm:
    """``gates[i]`` = (colex pair index, op) of the sorted circuit's gate i; ``node[v]`` = the
    sorted number of the circuit's node v (inputs keep theirs)."""

    gates: tuple[tuple[int, int], ...]
    node: dict[int, int]


def colex_index(j: int, k: int) -> int:
    """The index of the pair (j, k), j < k, in colex order (pairs.py)."""
    return k * (k - 1) // 2 + j


def sorted_form(circuit: Circuit) -> SortedForm:
    """Place the gates greedily (module docstring); each gate's fanins in increasing sorted number,
    its op adjusted when that swaps them."""
    n = circuit.inputs
    node = {j: j for j in range(n)}
    waiting = list(range(len(circuit.gates)))
    placed: list[tuple[int, int]] = []
    while waiting:
        best: tuple[tuple[int, int], int] | None = None
        for g in waiting:
            a, b = circuit.gates[g].fanins
            if a not in node or b not in node:
                continue
            j, k, op = node[a], node[b], circuit.gates[g].op
            if j > k:
                j, k, op = k, j, swap_fanins(op)
            candidate = ((colex_index(j, k), op), g)
            if best is None or candidate < best:
                best = candidate
        assert best is not None, "a circuit's gates always have a topological order"
        (pair, op), g = best
        node[n + g] = n + len(placed)
        placed.append((pair, op))
        waiting.remove(g)
    return SortedForm(tuple(placed), node)

"""A window's relation (care.py) by SAT, for circuits too wide to simulate on every input row.

One incremental solver per window holds the circuit (Tseitin, cnf.py), a second copy of everything
downstream of the window in which window output j is complemented when a flip variable f_j is true,
and a variable that is true when some circuit output differs between the copies. Then

* pattern p is reachable iff the leaves can take p (assumptions on the leaf literals), and
* flip set F is observable at p iff the leaves can take p with f = F and the outputs differing.

Random simulation (2048 input vectors, bit-parallel) first marks many patterns reachable and many
flips observable, which needs no solver call; every remaining "unreachable" and "unobservable" is an
UNSAT answer, so the relation is exact, as the simulation one is.
"""

from __future__ import annotations

import random

from pysat.solvers import Solver

from circuits.circuit import Circuit, apply_op
from circuits.improve.care import MAX_FLIPPED_OUTPUTS, WindowRelation, flip_sets
from circuits.improve.cnf import Cnf
from circuits.improve.simulation import RowContext
from circuits.improve.windows import CircuitGraph, Window

#: Random input vectors simulated before any SAT call.
RANDOM_VECTORS = 2048
#: Solver of the don't-care questions.
CONTEXT_SOLVER = "cadical195"


def simulate_vectors(circuit: Circuit, inputs: list[int], mask: int) -> list[int]:
    """Every node's values on the input vectors packed bitwise in ``inputs`` (one int per input)."""
    values = list(inputs)
    for gate in circuit.gates:
        values.append(apply_op(gate.op, values[gate.fanins[0]], values[gate.fanins[1]], mask))
    return values


class SatContext(RowContext):
    """Window relations of one circuit, by random simulation and SAT."""

    def __init__(self, graph: CircuitGraph, seed: int = 0) -> None:
        rng = random.Random(seed)
        mask = (1 << RANDOM_VECTORS) - 1
        vectors = [rng.getrandbits(RANDOM_VECTORS) for _ in range(graph.circuit.inputs)]
        super().__init__(graph, simulate_vectors(graph.circuit, vectors, mask), mask)

    def relation(self, window: Window) -> WindowRelation:
        k = len(window.leaves)
        flips = flip_sets(len(window.outputs))
        flippable = min(len(window.outputs), MAX_FLIPPED_OUTPUTS)
        reachable, observable = self.seen(window)
        cnf = Cnf()
        inputs = [cnf.fresh() for _ in range(self.circuit.inputs)]
        nodes = cnf.circuit(self.circuit, inputs)
        flip_vars = [cnf.fresh() for _ in range(flippable)]
        differs = self._miter(cnf, window, nodes, flip_vars)
        leaves = [nodes[leaf] for leaf in window.leaves]
        with Solver(name=CONTEXT_SOLVER, bootstrap_with=cnf.clauses) as sat:
            for p in range(1 << k):
                pattern = [lit if (p >> i) & 1 else -lit for i, lit in enumerate(leaves)]
                if not (reachable >> p) & 1 and sat.solve(assumptions=pattern):
                    reachable |= 1 << p
                if not (reachable >> p) & 1:
                    continue
                for f in flips:
                    if (observable[f] >> p) & 1:
                        continue
                    chosen = [v if (f >> j) & 1 else -v for j, v in enumerate(flip_vars)]
                    if sat.solve(assumptions=pattern + chosen + [differs]):
                        observable[f] |= 1 << p
        return WindowRelation(k, self.window_values(window), reachable, observable, flippable)

    def _miter(self, cnf: Cnf, window: Window, nodes: list[int], flip_vars: list[int]) -> int:
        """A variable true when the copy with flipped window outputs differs at some circuit output."""
        copy = {o: cnf.xor(nodes[o], flip_vars[j]) if j < len(flip_vars) else nodes[o] for j, o in enumerate(window.outputs)}
        n = self.circuit.inputs
        for node in self.downstream(window):
            gate = self.circuit.gates[node - n]
            a, b = (copy.get(f, nodes[f]) for f in gate.fanins)
            copy[node] = cnf.gate(gate.op, a, b)
        differences = [cnf.xor(nodes[o.node], copy[o.node]) for o in self.circuit.outputs if o.node in copy]
        differs = cnf.fresh()
        cnf.clauses.append([-differs] + differences)
        return differs

"""Circuits as CNF (Tseitin): one variable per node, four clauses per gate.

Used where truth tables are too long to simulate (more than 16 inputs): the equivalence check after
each step and the SAT computation of a window's don't-cares.
"""

from __future__ import annotations

from typing import Sequence

from circuits.circuit import Circuit


class Cnf:
    """A growing clause list with fresh variables; variable 1 is the constant true."""

    def __init__(self) -> None:
        self.top = 1
        self.clauses: list[list[int]] = [[1]]

    @property
    def true(self) -> int:
        return 1

    def fresh(self) -> int:
        self.top += 1
        return self.top

    def gate(self, op: int, a: int, b: int) -> int:
        """A variable equal to ``op`` applied to the literals a and b."""
        z = self.fresh()
        for va in (0, 1):
            for vb in (0, 1):
                value = (op >> (va + 2 * vb)) & 1
                self.clauses.append([-a if va else a, -b if vb else b, z if value else -z])
        return z

    def xor(self, a: int, b: int) -> int:
        return self.gate(0x6, a, b)

    def circuit(self, circuit: Circuit, inputs: Sequence[int], replaced: dict[int, int] | None = None) -> list[int]:
        """Literals of every node of ``circuit`` over the given input literals.

        ``replaced`` maps nodes to literals to use instead of their gates (a window's outputs set
        free, for instance); gates nothing needs are still encoded (the solver ignores them).
        """
        nodes = list(inputs)
        replaced = replaced or {}
        for k, gate in enumerate(circuit.gates):
            node = circuit.inputs + k
            if node in replaced:
                nodes.append(replaced[node])
            else:
                nodes.append(self.gate(gate.op, nodes[gate.fanins[0]], nodes[gate.fanins[1]]))
        return nodes

    def outputs(self, circuit: Circuit, nodes: Sequence[int]) -> list[int]:
        """Literals of the circuit's outputs (constants as ±true)."""
        result = []
        for out in circuit.outputs:
            lit = (self.true if out.value else -self.true) if out.node is None else nodes[out.node]
            result.append(-lit if out.negated else lit)
        return result

"""Putting a replacement into a circuit, and the clean-up every step ends with.

Both rebuild the circuit from its outputs down through one structural-hashing builder
(circuits.problems.builder): gates are created in dependency order, so a replacement whose gates
sit anywhere between its leaves and its readers is placed correctly; gates nothing reads are never
created; identical gates are shared; a gate that reads a constant folds into a literal. Negation
is pushed into the reading gates' ops where the basis makes it free, so no inverter is ever counted.
"""

from __future__ import annotations

from typing import Callable

from dataclasses import replace

from circuits.basis import XOR_TYPE_OPS, get_basis
from circuits.circuit import Circuit, Output
from circuits.errors import InputError
from circuits.improve.windows import Window
from circuits.problems.builder import ONE, ZERO, CircuitBuilder, Signal, negate
from circuits.truthtable import full_mask

#: Where a node's signal comes from, if not from its own gate: another node (complemented or not),
#: or a constant (node None; (None, True) is the constant 1).
Redirect = tuple[int | None, bool]


class _Rebuild:
    """One bottom-up rebuild of ``circuit`` with nodes redirected or window outputs replaced."""

    def __init__(
        self,
        circuit: Circuit,
        redirect: dict[int, Redirect] | None = None,
        window: Window | None = None,
        replacement: Circuit | None = None,
        basis: str | None = None,
    ) -> None:
        self.circuit = circuit
        self.basis = get_basis(basis or circuit.basis)
        self.builder = CircuitBuilder(circuit.inputs, circuit.input_names)
        self.redirect = redirect or {}
        self.window = window
        self.replacement = replacement
        self.window_output = {o: h for h, o in enumerate(window.outputs)} if window else {}
        self.replaced: list[Signal] | None = None
        self.done: dict[int, Signal] = {j: (j, False) for j in range(circuit.inputs)}

    def _needs(self, node: int) -> tuple[int, ...]:
        if node in self.redirect:
            target = self.redirect[node][0]
            return () if target is None else (target,)
        if node in self.window_output:
            assert self.window is not None
            return self.window.leaves
        return self.circuit.gates[node - self.circuit.inputs].fanins

    def _make(self, node: int) -> Signal:
        if node in self.redirect:
            target, negated = self.redirect[node]
            signal = ZERO if target is None else self.done[target]
            return negate(signal) if negated else signal
        if node in self.window_output:
            return self._replacement_outputs()[self.window_output[node]]
        gate = self.circuit.gates[node - self.circuit.inputs]
        a, b = (self.done[f] for f in gate.fanins)
        if not self.basis.allows(gate.op) and gate.op in XOR_TYPE_OPS:
            # XOR as three AND-type gates: (a AND NOT b) OR (NOT a AND b); XNOR is its complement.
            xor = self.builder.gate(0xE, self.builder.gate(0x2, a, b), self.builder.gate(0x4, a, b))
            return xor if gate.op == 0x6 else negate(xor)
        return self.builder.gate(gate.op, a, b)

    def _replacement_outputs(self) -> list[Signal]:
        """The replacement's gates over the leaves' signals, built once; its output signals."""
        if self.replaced is None:
            assert self.window is not None and self.replacement is not None
            nodes = [self.done[leaf] for leaf in self.window.leaves]
            for gate in self.replacement.gates:
                nodes.append(self.builder.gate(gate.op, nodes[gate.fanins[0]], nodes[gate.fanins[1]]))
            self.replaced = [_output_signal(out, nodes) for out in self.replacement.outputs]
        return self.replaced

    def signal(self, root: int) -> Signal:
        """The builder's signal for old node ``root`` (post-order, without recursion)."""
        stack = [(root, False)]
        while stack:
            node, ready = stack.pop()
            if node in self.done:
                continue
            if ready:
                self.done[node] = self._make(node)
                continue
            stack.append((node, True))
            stack.extend((d, False) for d in self._needs(node) if d not in self.done)
        return self.done[root]

    def circuit_out(self) -> Circuit:
        outputs = [_output_signal(out, None, self.signal) for out in self.circuit.outputs]
        built = self.builder.finish(outputs, self.circuit.output_names, basis=self.basis.name)
        return built.circuit


def _output_signal(out: Output, nodes: list[Signal] | None, resolve: Callable[[int], Signal] | None = None) -> Signal:
    """An Output as a builder signal: a constant, or its node's signal, complemented if it is."""
    if out.node is None:
        return ONE if out.value else ZERO
    signal = nodes[out.node] if nodes is not None else resolve(out.node)  # type: ignore[misc]
    return negate(signal) if out.negated else signal


def substitute(circuit: Circuit, window: Window, replacement: Circuit) -> Circuit:
    """``circuit`` with ``window`` replaced: replacement input i is leaf i, output j is window output j."""
    return _Rebuild(circuit, window=window, replacement=replacement).circuit_out()


def sweep(circuit: Circuit) -> Circuit:
    """Structural clean-up: shared identical gates, folded constants, no dead gates."""
    return _Rebuild(circuit).circuit_out()


def merge_equivalent(circuit: Circuit) -> Circuit:
    """Every node whose truth table equals an earlier one's (or its complement, where negation is
    free), or a constant, is replaced by it; needs the full truth tables (so n ≤ 16 in practice).

    Among equal nodes the one of lowest level is kept, so no node gets deeper, and a kept node
    never depends on one it replaces (that one would be deeper), so the result is acyclic.
    """
    tables = circuit.simulate()
    levels = circuit.levels()
    mask = full_mask(circuit.inputs)
    free_negation = get_basis(circuit.basis).free_output_negation
    first: dict[int, Redirect] = {0: (None, False), mask: (None, True)}
    redirect: dict[int, Redirect] = {}
    for node in sorted(range(circuit.num_nodes), key=lambda v: (levels[v], v)):
        table = tables[node]
        if table in first:
            if node >= circuit.inputs:
                redirect[node] = first[table]
            continue
        first[table] = (node, False)
        if free_negation:
            first.setdefault(table ^ mask, (node, True))
    return _Rebuild(circuit, redirect=redirect).circuit_out()


def to_basis(circuit: Circuit, basis: str) -> Circuit:
    """``circuit`` in the cost model ``basis``: relabelled when its gates fit, XORs expanded into
    three ANDs for ``aig``; a circuit with other gates than AND and OR cannot become ``mono``."""
    target = get_basis(basis)
    if all(target.allows(g.op) for g in circuit.gates) and (
        target.free_output_negation or not any(o.negated for o in circuit.outputs)
    ):
        return replace(circuit, basis=basis, _tables=None)
    if basis != "aig":
        raise InputError(
            f"the circuit has gates or complemented outputs the {basis} basis lacks; improve it in b2, aig or xaig"
        )
    return _Rebuild(circuit, basis=basis).circuit_out()

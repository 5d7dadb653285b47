"""Translation between the project's circuits and aigverse's AIG (mockturtle's ``aig_network``).

The global pass (global_pass.py) hands the whole circuit to mockturtle's optimizations, which work on
an AND-inverter graph. Going there, a circuit is first put in the ``aig`` basis (an XOR becomes
three ANDs, rewrite.to_basis); every AND-type op is then one AND whose complemented fanins and output
become complemented edges. Coming back, every AND becomes one gate whose op absorbs its complemented
fanins, and a complemented output stays a complemented output, so the AND count is kept exactly:
the round trip of an ``aig`` circuit has the same size. Input and output order and names are kept.
"""

from __future__ import annotations

from typing import Sequence

from aigverse.networks import Aig, AigSignal

from circuits.basis import AND_TYPE_OPS
from circuits.circuit import Circuit
from circuits.improve.rewrite import to_basis
from circuits.problems.builder import ZERO, CircuitBuilder, Signal, negate


def _and_literals(op: int) -> tuple[bool, bool, bool]:
    """(complement a, complement b, complement output) of the one AND computing an AND-type op."""
    output = bin(op).count("1") == 3
    single = op ^ 0xF if output else op  # exactly one row is 1: the AND of two literals
    row = single.bit_length() - 1
    return not row & 1, not row & 2, output


def to_aigverse(circuit: Circuit) -> Aig:
    """The circuit as an aigverse AIG with the same inputs and outputs, in order."""
    aig_circuit = to_basis(circuit, "aig")
    aig = Aig()
    signals: list[AigSignal] = [aig.create_pi() for _ in range(aig_circuit.inputs)]
    for gate in aig_circuit.gates:
        assert gate.op in AND_TYPE_OPS
        neg_a, neg_b, neg_out = _and_literals(gate.op)
        a, b = (signals[f] for f in gate.fanins)
        node = aig.create_and(~a if neg_a else a, ~b if neg_b else b)
        signals.append(~node if neg_out else node)
    for out in aig_circuit.outputs:
        if out.node is None:
            aig.create_po(aig.get_constant(bool(out.value)))
        else:
            signal = signals[out.node]
            aig.create_po(~signal if out.negated else signal)
    return aig


def from_aigverse(
    aig: Aig, input_names: Sequence[str] | None = None, output_names: Sequence[str] | None = None
) -> Circuit:
    """The AIG as an ``aig``-basis circuit: one gate per AND its outputs need, constants folded."""
    builder = CircuitBuilder(aig.num_pis, input_names)
    done: dict[int, Signal] = {aig.get_node(aig.get_constant(False)): ZERO}
    for j, node in enumerate(aig.pis()):
        done[node] = builder.input(j)

    def literal(signal: AigSignal) -> Signal:
        base = done[aig.get_node(signal)]
        return negate(base) if aig.is_complemented(signal) else base

    for root in aig.pos():
        stack = [aig.get_node(root)]
        while stack:  # post-order without recursion: a node after its fanins
            node = stack[-1]
            if node in done:
                stack.pop()
                continue
            missing = [aig.get_node(s) for s in aig.fanins(node) if aig.get_node(s) not in done]
            if missing:
                stack.extend(missing)
                continue
            stack.pop()
            a, b = (literal(s) for s in aig.fanins(node))
            done[node] = builder.and_(a, b)
    outputs = [literal(signal) for signal in aig.pos()]
    return builder.finish(outputs, output_names, basis="aig").circuit

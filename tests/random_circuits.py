"""Hypothesis strategies for random circuits, shared by the format, drawing and ABC tests.

Random circuits are built directly (not synthesized) so that the tests reach every op, repeated
fanins, dead gates, constant and complemented outputs, and named or unnamed ports.
"""

from __future__ import annotations

from hypothesis import strategies as st

from circuits.circuit import Circuit, Gate, Output

NAME = st.from_regex(r"[a-z][a-z0-9_]{0,5}", fullmatch=True)


@st.composite
def circuits(
    draw: st.DrawFn,
    min_inputs: int = 1,
    max_inputs: int = 5,
    min_gates: int = 0,
    max_gates: int = 10,
    ops: st.SearchStrategy[int] = st.integers(0, 15),
    named: st.SearchStrategy[bool] = st.booleans(),
    constants: bool = True,
) -> Circuit:
    n = draw(st.integers(min_inputs, max_inputs))
    gates = []
    for node in range(n, n + (draw(st.integers(min_gates, max_gates)) if n else 0)):
        fanins = (draw(st.integers(0, node - 1)), draw(st.integers(0, node - 1)))
        gates.append(Gate(draw(ops), fanins))
    num_nodes = n + len(gates)
    outputs = []
    for _ in range(draw(st.integers(1, 4))):
        if not num_nodes or (constants and draw(st.integers(0, 9)) == 0):
            outputs.append(Output(None, False, draw(st.integers(0, 1))))
        else:
            outputs.append(Output(draw(st.integers(0, num_nodes - 1)), draw(st.booleans())))
    input_names = output_names = None
    if draw(named):
        names = draw(st.lists(NAME, min_size=n + len(outputs), max_size=n + len(outputs), unique=True))
        input_names, output_names = tuple(names[:n]), tuple(names[n:])
    return Circuit(n, tuple(gates), tuple(outputs), "b2", input_names, output_names)


def port_names(circuit: Circuit) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names a file holds for the ports: the circuit's own, or the defaults x0.., y0..."""
    return (
        circuit.input_names or tuple(f"x{j}" for j in range(circuit.inputs)),
        circuit.output_names or tuple(f"y{h}" for h in range(len(circuit.outputs))),
    )

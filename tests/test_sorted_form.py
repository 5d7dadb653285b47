"""The sorted form (sat_encoding/sorted_form.py) against the encoding: a model is its own sorted
form, the form does not depend on how a circuit is labelled, and enumeration that forbids every
listed image asks the solver for exactly one circuit per orbit."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.basis import swap_fanins
from circuits.canonical import canonical_key
from circuits.circuit import Circuit, Gate, Output
from circuits.truthtable import TruthTable
from sat_encoding import minimum_size
from sat_encoding.enumerate import enumeration_search
from sat_encoding.library import expand
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.incremental import IncrementalInstance
from sat_encoding.runner import Found
from sat_encoding.spec import prepare
from sat_encoding.symmetry import automorphism_group


def relabelled(circuit: Circuit, rng: random.Random) -> Circuit:
    """The same circuit in a random topological order of its gates, each gate's fanins in a random
    order (its op adjusted)."""
    n = circuit.inputs
    node = {j: j for j in range(n)}
    waiting = list(range(circuit.size))
    gates: list[Gate] = []
    while waiting:
        ready = [g for g in waiting if all(f in node for f in circuit.gates[g].fanins)]
        g = rng.choice(ready)
        a, b = (node[f] for f in circuit.gates[g].fanins)
        op = circuit.gates[g].op
        if rng.random() < 0.5:
            a, b, op = b, a, swap_fanins(op)
        node[n + g] = n + len(gates)
        gates.append(Gate(op, (a, b)))
        waiting.remove(g)
    outputs = tuple(Output(None if o.node is None else node[o.node], o.negated, o.value) for o in circuit.outputs)
    return Circuit(n, tuple(gates), outputs, circuit.basis)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 4), st.lists(st.integers(0, 0xFFFF), min_size=1, max_size=2), st.sampled_from(["b2", "aig"]),
    st.integers(0, 1), st.randoms(),
)
def test_a_model_is_its_own_sorted_form_however_it_is_labelled(n, outputs, basis, extra, rng):
    table = TruthTable.from_bits(n, [bits & ((1 << (1 << n)) - 1) for bits in outputs])
    spec = prepare(table, basis)
    # Small instances only: a hard 4-input function in aig takes minutes to prove minimal.
    if not spec.targets or heuristic_circuit(table, basis).size > 6:
        return
    size = minimum_size(table, basis).size + extra
    with IncrementalInstance(spec, size, "minisat22") as instance:
        for _ in range(15):
            circuit = instance.solve()
            if circuit is None:
                break
            instance.block_last()
            model_clause = sorted(instance.encoding.clauses[-1])
            assert sorted(instance.encoding.structure_clause(circuit) or []) == model_clause
            shuffled = relabelled(circuit, rng).verify(table)
            assert sorted(instance.encoding.structure_clause(shuffled) or []) == model_clause


def test_no_clause_for_a_circuit_of_another_size():
    spec = prepare(TruthTable.from_bits(3, [0x96]), "b2")  # x0 ⊕ x1 ⊕ x2: two gates
    with IncrementalInstance(spec, 2, "minisat22") as instance:
        circuit = instance.solve()
    assert circuit is not None
    with IncrementalInstance(spec, 3, "minisat22") as instance:
        assert instance.encoding.structure_clause(circuit) is None


def finds_and_orbits(table: TruthTable, basis: str, size: int, monkeypatch) -> tuple[int, int, int]:
    """Solver calls that returned a circuit, orbits among the listed classes, and listed classes."""
    calls = {"found": 0}
    original = IncrementalInstance.solve

    def counting(self):
        circuit = original(self)
        calls["found"] += circuit is not None
        return circuit

    monkeypatch.setattr(IncrementalInstance, "solve", counting)
    events = list(enumeration_search(table, basis, "minisat22", size, None, 100_000, None))
    monkeypatch.setattr(IncrementalInstance, "solve", original)
    listed = [e.circuit for e in events if isinstance(e, Found)]
    group = automorphism_group(prepare(table, basis))
    orbits = {frozenset(canonical_key(image) for image in expand(c, group, table)) for c in listed}
    return calls["found"], len(orbits), len(listed)


def test_one_solver_answer_per_orbit_on_every_symmetric_three_input_function(monkeypatch):
    checked = 0
    for bits in range(256):
        table = TruthTable.from_bits(3, [bits])
        if len(automorphism_group(prepare(table, "b2"))) == 1:
            continue
        size = minimum_size(table).size
        if size == 0:
            continue
        finds, orbits, listed = finds_and_orbits(table, "b2", size, monkeypatch)
        assert finds == orbits, hex(bits)
        checked += listed > orbits  # some orbit has more than one class: an image was forbidden
    assert checked > 20


@pytest.mark.parametrize(
    "bits, basis",
    [(0x1668, "b2"), (0x17E8, "b2"), (0x17E8, "aig"), (0x8001, "aig"), (0x0660, "aig"), (0x7EE8, "b2"), (0x8008, "aig")],
)
def test_one_solver_answer_per_orbit_on_symmetric_four_input_functions(bits, basis, monkeypatch):
    table = TruthTable.from_bits(4, [bits])
    finds, orbits, listed = finds_and_orbits(table, basis, minimum_size(table, basis).size, monkeypatch)
    assert finds == orbits < listed


def test_no_clause_for_a_gate_that_reads_one_node_twice():
    spec = prepare(TruthTable.from_bits(2, [0x8]), "b2")  # x0 ∧ x1: one gate
    with IncrementalInstance(spec, 1, "minisat22") as instance:
        circuit = instance.solve()
        assert circuit is not None
        doubled = Circuit(2, (Gate(circuit.gates[0].op, (0, 0)),), circuit.outputs, "b2")
        assert instance.encoding.structure_clause(doubled) is None

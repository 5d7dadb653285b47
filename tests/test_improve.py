"""`circuits.improve`: windows, don't-cares, the loop's guarantees and the trajectory.

Oracles: output truth tables compared directly (the circuits' own simulation is tested elsewhere),
a row-by-row evaluator written here for reachable leaf patterns, and proven minima from
`sat_encoding.minimum_size`, which shares the engine but not the improvement machinery.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from random_circuits import circuits

from circuits.circuit import Circuit, Gate, Output
from circuits.improve import improve_circuit
from circuits.improve.objective import Measure
from circuits.improve.rewrite import substitute, to_basis
from circuits.improve.simulation import SimulationContext
from circuits.improve.windows import CircuitGraph, enumerate_windows
from circuits.truthtable import TruthTable
from sat_encoding import minimum_size
from sat_encoding.heuristic import heuristic_circuit

FAST = {"window_timeout": 3.0, "timeout": 60.0}


def evaluate(circuit: Circuit, row: int) -> list[int]:
    """Every node's value on one input row, gate by gate (independent of the bit-parallel simulator)."""
    values = [(row >> j) & 1 for j in range(circuit.inputs)]
    for gate in circuit.gates:
        a, b = (values[f] for f in gate.fanins)
        values.append((gate.op >> (a + 2 * b)) & 1)
    return values


def outputs_on(circuit: Circuit, row: int) -> list[int]:
    values = evaluate(circuit, row)
    return [out.value if out.node is None else values[out.node] ^ out.negated for out in circuit.outputs]


def same_function(a: Circuit, b: Circuit) -> bool:
    return all(outputs_on(a, r) == outputs_on(b, r) for r in range(1 << a.inputs))


def downstream(circuit: Circuit, gates: set[int]) -> set[int]:
    found = set()
    for k, gate in enumerate(circuit.gates):
        node = circuit.inputs + k
        if any(f in gates or f in found for f in gate.fanins):
            found.add(node)
    return found


# -- windows ----------------------------------------------------------------------------------
@settings(max_examples=40)
@given(circuits(min_inputs=2, max_inputs=6, min_gates=1, max_gates=18), st.integers(2, 6), st.integers(1, 8))
def test_windows_are_convex_and_within_limits(circuit: Circuit, k: int, g: int) -> None:
    graph = CircuitGraph(circuit)
    observed = {o.node for o in circuit.outputs if o.node is not None}
    for window in enumerate_windows(circuit, k, g):
        gates = set(window.gates)
        assert 1 <= len(gates) <= g and len(window.leaves) <= k
        assert all(v >= circuit.inputs for v in gates)
        fanins = {f for v in gates for f in graph.fanins[v]}
        assert set(window.leaves) == fanins - gates
        for v in gates:
            read_outside = any(v in graph.fanins[r] for r in range(circuit.inputs, circuit.num_nodes) if r not in gates)
            assert (v in window.outputs) == (read_outside or v in observed)
        assert not (downstream(circuit, gates) & set(window.leaves)), "a leaf depends on the window"


# -- don't-cares ------------------------------------------------------------------------------
@settings(max_examples=40)
@given(circuits(min_inputs=2, max_inputs=6, min_gates=2, max_gates=16), st.integers(0, 10**6))
def test_any_function_within_the_care_set_keeps_the_circuit_correct(circuit: Circuit, seed: int) -> None:
    """Fill the don't-cares at random, build that function over the leaves, put it in: same circuit function."""
    windows = enumerate_windows(circuit, 4, 6)
    if not windows:
        return
    rng = random.Random(seed)
    window = rng.choice(windows)
    table = SimulationContext(CircuitGraph(circuit)).relation(window).table()
    completion = [
        (bits & care) | (rng.getrandbits(table.rows) & ~care & ((1 << table.rows) - 1))
        for bits, care in zip(table.outputs, table.care)
    ]
    replacement = heuristic_circuit(TruthTable.from_bits(table.n, completion), "b2")
    assert same_function(circuit, substitute(circuit, window, replacement))


@settings(max_examples=30)
@given(circuits(min_inputs=2, max_inputs=6, min_gates=2, max_gates=16), st.integers(0, 10**6))
def test_satisfiability_dont_cares_are_exactly_the_unreachable_patterns(circuit: Circuit, seed: int) -> None:
    windows = enumerate_windows(circuit, 4, 6)
    if not windows:
        return
    window = random.Random(seed).choice(windows)
    relation = SimulationContext(CircuitGraph(circuit)).relation(window)
    seen = 0
    for row in range(1 << circuit.inputs):
        values = evaluate(circuit, row)
        seen |= 1 << sum(values[leaf] << i for i, leaf in enumerate(window.leaves))
    assert relation.reachable == seen


@settings(max_examples=25)
@given(circuits(min_inputs=2, max_inputs=6, min_gates=2, max_gates=16), st.integers(0, 10**6))
def test_sat_relation_equals_the_simulated_one(circuit: Circuit, seed: int) -> None:
    """The SAT path (for more than 16 inputs) is exact too: on small circuits it must agree with simulation.

    Few random vectors are drawn here, so the SAT calls, not the sample, decide most answers.
    """
    from circuits.improve import sat_context

    windows = enumerate_windows(circuit, 4, 6)
    if not windows:
        return
    window = random.Random(seed).choice(windows)
    graph = CircuitGraph(circuit)
    exact = SimulationContext(graph).relation(window)
    original = sat_context.RANDOM_VECTORS
    sat_context.RANDOM_VECTORS = 2
    try:
        by_sat = sat_context.SatContext(graph, seed=seed).relation(window)
    finally:
        sat_context.RANDOM_VECTORS = original
    assert by_sat == exact


def test_observability_dont_care_is_used() -> None:
    """y = a AND (a XOR b): the XOR's value matters only where a = 1, so it may become NOT b."""
    circuit = Circuit(2, (Gate(0x6, (0, 1)), Gate(0x8, (0, 2))), (Output(3),))
    window = next(w for w in enumerate_windows(circuit, 2, 1) if w.gates == (2,))
    table = SimulationContext(CircuitGraph(circuit)).relation(window).table()
    assert table.care == (0b1010,)  # rows with a = 1 (bit 0 of the row is a)
    result = improve_circuit(circuit, **FAST)
    assert result.circuit.size == 1 and same_function(circuit, result.circuit)


# -- the loop ---------------------------------------------------------------------------------
@settings(max_examples=12, deadline=None)
@given(circuits(min_inputs=2, max_inputs=6, min_gates=1, max_gates=14), st.sampled_from(["size", "depth"]))
def test_improve_keeps_the_function_and_never_grows(circuit: Circuit, objective: str) -> None:
    result = improve_circuit(circuit, objective=objective, window_inputs=4, window_gates=5, **FAST)
    assert same_function(circuit, result.circuit)
    assert result.circuit.size <= circuit.size
    check_trajectory(circuit, result, objective)


def check_trajectory(circuit: Circuit, result, objective: str) -> None:
    previous = result.initial
    assert same_function(circuit, previous)
    for number, step in enumerate(result.steps, start=1):
        assert step.index == number
        assert (step.size_before, step.depth_before) == (previous.size, previous.depth)
        assert Measure(step.circuit).cost(objective) < Measure(previous).cost(objective)
        assert same_function(circuit, step.circuit)
        if step.window is not None:
            assert step.replacement_size <= step.window_size
        previous = step.circuit
    assert previous == result.circuit
    if result.locally_minimal:
        assert result.stop == "converged" and not result.unproven and result.proven_windows == result.windows


@pytest.mark.parametrize("table", [["0x96", "0xe8"], ["0x6996"], ["0xe8"], ["0x1668"], ["0x8ff0"]])
def test_a_proven_minimum_is_left_alone_and_called_locally_minimal(table: list[str]) -> None:
    from circuits.truthtable import parse_truth_tables

    spec = parse_truth_tables(table)
    optimum = minimum_size(spec)
    assert optimum.optimal
    result = improve_circuit(optimum.circuit, window_timeout=30.0)
    assert result.circuit.size == optimum.circuit.size
    assert result.locally_minimal and not result.unproven


def test_a_bloated_circuit_is_improved_to_the_minimum() -> None:
    """XOR of three inputs written with AND/OR only (4 gates per XOR) shrinks to 2 gates."""
    a, b, c = 0, 1, 2
    gates = [
        Gate(0x2, (a, b)), Gate(0x4, (a, b)), Gate(0xE, (3, 4)),  # x5 = a XOR b
        Gate(0x2, (5, c)), Gate(0x4, (5, c)), Gate(0xE, (6, 7)),  # x8 = x5 XOR c
    ]
    circuit = Circuit(3, tuple(gates), (Output(8),))
    result = improve_circuit(circuit, **FAST)
    assert result.circuit.size == 2 and result.locally_minimal
    assert [s.size for s in result.steps][-1] == 2
    check_trajectory(circuit, result, "size")


def test_on_step_sees_every_step_in_order() -> None:
    circuit = heuristic_circuit(TruthTable.from_bits(4, [0x6996 ^ 0x8000]), "b2")
    bloated = to_basis(circuit, "aig")
    seen = []
    result = improve_circuit(bloated, on_step=seen.append, **FAST)
    assert seen == result.steps


def test_depth_objective_balances_a_chain() -> None:
    """An AND chain of 8 inputs (depth 7) becomes a tree of depth 3 with the same 7 gates."""
    gates = [Gate(0x8, (0, 1))] + [Gate(0x8, (8 + k, k + 2)) for k in range(6)]
    chain = Circuit(8, tuple(gates), (Output(14),))
    result = improve_circuit(chain, objective="depth", **FAST)
    assert result.circuit.depth == 3 and result.circuit.size == 7
    assert same_function(chain, result.circuit)
    check_trajectory(chain, result, "depth")


def test_aig_basis_counts_and_gates() -> None:
    xor_b2 = Circuit(2, (Gate(0x6, (0, 1)),), (Output(2),))
    result = improve_circuit(xor_b2, basis="aig", **FAST)
    assert result.circuit.basis == "aig" and result.circuit.size == 3 and result.locally_minimal


def test_time_limit_lists_unproven_windows() -> None:
    from circuits.problems.references import reference_circuits
    from circuits.problems.suite import get_problem

    circuit = reference_circuits(get_problem("subsum3x2"))["brute_force"]
    result = improve_circuit(circuit, timeout=1.0, window_timeout=0.5, jobs=2)
    assert result.stop == "time limit" and not result.locally_minimal
    assert result.unproven and result.proven_windows + len(result.unproven) == result.windows
    assert result.windows == len(enumerate_windows(result.circuit, 6, 8))  # the full limits, not a stage's
    assert same_function(circuit, result.circuit)


def test_window_stages_grow_to_the_limit() -> None:
    from circuits.improve.loop import window_stages

    assert window_stages(8) == [3, 5, 8]
    assert window_stages(4) == [3, 4]
    assert window_stages(2) == [2]


def test_more_than_16_inputs_goes_through_sat() -> None:
    """An 18-input equality comparator with each XNOR spelled as three gates: the SAT path (don't-cares
    and the miter) brings it to 9 XNORs and an AND tree; checked on random rows by the evaluator here."""
    from circuits.problems.builder import CircuitBuilder

    bits = 9
    builder = CircuitBuilder(2 * bits)
    equal = []
    for i in range(bits):
        x, y = builder.input(i), builder.input(bits + i)
        both, neither = builder.and_(x, y), builder.and_((x[0], True), (y[0], True))
        equal.append(builder.or_(both, neither))
    circuit = builder.finish([builder.and_all(equal)]).circuit
    result = improve_circuit(circuit, **FAST)
    assert result.circuit.size == 2 * bits - 1 and result.locally_minimal
    rng = random.Random(7)
    for _ in range(300):
        row = rng.getrandbits(2 * bits)
        if rng.random() < 0.5:  # equal halves, so the rare true rows are tested too
            row = (row & ((1 << bits) - 1)) * ((1 << bits) + 1)
        assert outputs_on(result.circuit, row) == outputs_on(circuit, row)


def test_cpu_time_limit_stops_the_run() -> None:
    from circuits.problems.references import reference_circuits
    from circuits.problems.suite import get_problem

    circuit = reference_circuits(get_problem("goal-path4"))["brute_force"]
    result = improve_circuit(circuit, cpu_timeout=1.5, window_timeout=1.0)
    assert result.stop == "time limit" and result.limits["cpu_timeout"] == 1.5
    assert result.cpu_seconds < 6.0  # the budget, plus the final accounting and the last window's overrun
    assert same_function(circuit, result.circuit)

"""The global pass: translation to and from aigverse, and the pipeline of global and window passes.

Oracles: aigverse's own simulator for the translated AIG (independent of this project's simulator),
the project's output truth tables for the way back, and the input circuit for every pipeline result.
"""

from __future__ import annotations

import pytest
from aigverse.algorithms import simulate
from hypothesis import given, settings
from hypothesis import strategies as st
from random_circuits import circuits

from circuits.circuit import Circuit
from circuits.improve import improve_circuit
from circuits.improve.aig_bridge import from_aigverse, to_aigverse
from circuits.improve.global_pass import global_pass, size_cost
from circuits.improve.rewrite import to_basis
from circuits.problems.references import reference_circuits
from circuits.problems.suite import get_problem
from circuits.truthtable import TruthTable


def aigverse_tables(circuit: Circuit) -> list[int]:
    """The output tables of the circuit's AIG as aigverse simulates them (row r is bit r)."""
    tables = []
    for table in simulate(to_aigverse(circuit)):
        tables.append(sum(1 << r for r in range(1 << circuit.inputs) if table.get_bit(r)))
    return tables


@settings(max_examples=150, deadline=None)
@given(circuits(min_inputs=1, max_inputs=6, max_gates=14))
def test_translation_to_aigverse_keeps_every_output(circuit: Circuit) -> None:
    assert aigverse_tables(circuit) == circuit.output_tables()


@settings(max_examples=150, deadline=None)
@given(circuits(min_inputs=1, max_inputs=6, max_gates=14))
def test_round_trip_is_equivalent_and_never_larger_in_aig(circuit: Circuit) -> None:
    aig = to_basis(circuit, "aig")
    back = from_aigverse(to_aigverse(circuit), circuit.input_names, circuit.output_names)
    assert back.basis == "aig"
    assert back.output_tables() == circuit.output_tables()
    assert back.size <= aig.size  # structural hashing and dead gates can only remove ANDs
    assert (back.input_names, back.output_names) == (circuit.input_names, circuit.output_names)


@settings(max_examples=12, deadline=None)
@given(circuits(min_inputs=2, max_inputs=6, min_gates=4, max_gates=20), st.integers(0, 3))
def test_global_pass_returns_only_smaller_equivalent_circuits(circuit: Circuit, seed: int) -> None:
    start = to_basis(circuit, "aig")
    found = global_pass(start, size_cost, cpu_budget=0.0, restarts=1, seed=seed)
    if found is not None:
        assert found.output_tables() == circuit.output_tables()
        assert size_cost(found) < size_cost(start)


def brute_force(problem: str) -> Circuit:
    return reference_circuits(get_problem(problem))["brute_force"]


@pytest.mark.parametrize("passes", ["global", "both"])
def test_pipeline_is_never_worse_and_every_step_is_verified(passes: str) -> None:
    start = to_basis(brute_force("ham4"), "aig")
    spec = TruthTable.from_bits(start.inputs, start.output_tables())
    result = improve_circuit(start, basis="aig", passes=passes, cpu_timeout=3, window_timeout=0.5, global_budget=0.5)
    assert result.circuit.size <= start.size
    assert "global" in [step.kind for step in result.steps]
    for step in result.steps:
        step.circuit.verify(spec)
        assert step.size < step.size_before or step.depth < step.depth_before
    if passes == "global":
        assert not result.locally_minimal  # no window was examined, so none was proven


def test_depth_objective_keeps_the_size_allowance() -> None:
    start = to_basis(brute_force("subsum3x2"), "aig")
    for allowance in (0, 4):
        result = improve_circuit(
            start, objective="depth", basis="aig", cpu_timeout=2, window_timeout=0.5, global_budget=0.5,
            max_size_increase=allowance,
        )
        assert result.circuit.output_tables() == start.output_tables()
        assert result.circuit.depth <= start.depth
        assert max([step.size for step in result.steps] + [result.circuit.size]) <= start.size + allowance


def test_windows_alone_never_call_the_global_pass() -> None:
    start = to_basis(brute_force("tri4"), "aig")
    result = improve_circuit(start, basis="aig", passes="windows", timeout=30, window_timeout=1)
    assert "global" not in [step.kind for step in result.steps]
    assert result.circuit.output_tables() == start.output_tables()

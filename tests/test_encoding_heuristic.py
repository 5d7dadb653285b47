"""The heuristic upper bound: always a verified circuit, exact where its construction is exact."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brute_force import minimum_b2_sizes
from oracles import plain_minimum_size, upward_closure

from circuits.truthtable import TruthTable, full_mask, input_table
from sat_encoding import minimum_size
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.library import optimal_small_circuit


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 7).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, full_mask(n)), st.integers(0, full_mask(n)))),
       st.sampled_from(["b2", "aig", "xaig"]))
def test_heuristic_circuits_are_verified_with_dont_cares(case, basis):
    n, bits, care = case
    table = TruthTable.from_bits(n, [bits, bits ^ care], [care, full_mask(n)])
    assert heuristic_circuit(table, basis).computes(table)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, full_mask(n)))))
def test_heuristic_handles_monotone_functions(case):
    n, bits = case
    table = TruthTable.from_bits(n, [upward_closure(bits, n)])
    circuit = heuristic_circuit(table, "mono")
    assert circuit.computes(table) and all(g.op in (0x8, 0xE) for g in circuit.gates)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 255), st.sampled_from([(0, 1, 2), (1, 2, 3), (0, 2, 3)]))
def test_functions_of_three_inputs_among_four_get_their_optimum(g, support):
    # A 4-input function that ignores one input is a leaf: built from the optimal 3-input circuit.
    bits = 0
    for row in range(16):
        sub = sum(((row >> support[i]) & 1) << i for i in range(3))
        bits |= ((g >> sub) & 1) << row
    table = TruthTable.from_bits(4, [bits])
    assert heuristic_circuit(table, "b2").size == minimum_size(table).size


@pytest.mark.parametrize("basis", ["b2", "aig", "xaig"])
def test_library_circuits_are_optimal_for_every_three_input_function(basis):
    # Every function's library circuit (a relabelled copy of its class's) against an oracle that
    # shares nothing with it: exhaustive construction in b2, the plain encoding elsewhere.
    exhaustive = minimum_b2_sizes(3, 4) if basis == "b2" else None
    for bits in range(256):
        table = TruthTable.from_bits(3, [bits])
        circuit = optimal_small_circuit(bits, basis)
        assert circuit.computes(table)
        expected = exhaustive[bits] if exhaustive is not None else plain_minimum_size(table, basis)
        assert circuit.size == expected, (basis, hex(bits))


def test_direct_edge_makes_the_path_heuristic_one_gate_above_its_rest():
    # x0 OR MAJ(x1, x2, x3): the OR on top of the optimal 4-gate majority.
    maj = 0
    for row in range(16):
        if bin(row >> 1).count("1") >= 2 or row & 1:
            maj |= 1 << row
    assert heuristic_circuit(TruthTable.from_bits(4, [maj]), "b2").size == 5
    assert input_table(4, 0) & ~maj == 0

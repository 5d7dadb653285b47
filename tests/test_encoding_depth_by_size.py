"""Depth decided through the size encoding agrees with an independent fixed-tree check."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.truthtable import TruthTable, full_mask
from depth_tree_oracle import depth_feasible as tree_feasible
from sat_encoding import frontier, minimum_depth
from sat_encoding.spec import prepare


@pytest.mark.parametrize("basis", ["b2", "aig"])
def test_minimum_depth_of_every_three_input_function_agrees_with_the_tree_check(basis):
    for bits in range(256):
        table = TruthTable.from_bits(3, [bits])
        spec = prepare(table, basis)
        result = minimum_depth(table, basis, "minisat22")
        assert result.optimal and result.circuit.computes(table)
        depth = result.circuit.depth
        assert depth == 0 or not tree_feasible(spec, depth - 1, "minisat22"), (hex(bits), depth)
        if depth:
            assert tree_feasible(spec, depth, "minisat22"), (hex(bits), depth)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, full_mask(4)))
def test_four_input_minimum_depth_is_infeasible_one_level_down(bits):
    table = TruthTable.from_bits(4, [bits])
    result = minimum_depth(table, "b2", "minisat22")
    assert result.optimal and result.circuit.computes(table)
    depth = result.circuit.depth
    if 1 <= depth <= 3:  # the tree check is cheap only this shallow
        assert not tree_feasible(prepare(table, "b2"), depth - 1, "minisat22")


def test_parity_of_five_needs_depth_three_and_four_gates_there():
    bits = sum(1 << r for r in range(32) if bin(r).count("1") % 2)
    table = TruthTable.from_bits(5, [bits])
    points = frontier(table, "b2", "minisat22")
    assert [(p.circuit.depth, p.circuit.size) for p in points] == [(3, 4)]
    assert all(p.optimal for p in points)

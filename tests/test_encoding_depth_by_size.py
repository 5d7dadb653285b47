"""Depth feasibility through the size encoding agrees with the fixed-tree check."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.truthtable import TruthTable, full_mask
from sat_encoding import depth_feasibility
from sat_encoding.depth_by_size import depth_feasible, minimum_size_at_depth
from sat_encoding.spec import prepare


@pytest.mark.parametrize("basis", ["b2", "aig"])
def test_every_three_input_function_agrees_with_the_tree_check(basis):
    for bits in range(256):
        spec = prepare(TruthTable.from_bits(3, [bits]), basis)
        for depth in (1, 2, 3):
            expected = depth_feasibility.depth_feasible(spec, depth, "minisat22")
            assert depth_feasible(spec, depth, "minisat22") == expected, (hex(bits), depth)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, full_mask(4)))
def test_minimum_size_at_depth_is_shallow_and_never_beaten_one_level_up(bits):
    spec = prepare(TruthTable.from_bits(4, [bits]), "b2")
    if not spec.targets:
        return
    depth = 1
    while (circuit := minimum_size_at_depth(spec, depth, "minisat22")) is None:
        if depth <= 2:  # the tree check is cheap only this shallow
            assert not depth_feasibility.depth_feasible(spec, depth, "minisat22")
        depth += 1
    assert circuit.computes(spec.table) and circuit.depth <= depth
    # More depth never needs more gates.
    deeper = minimum_size_at_depth(spec, depth + 1, "minisat22")
    assert deeper is not None and deeper.size <= circuit.size


def test_parity_of_five_needs_depth_three():
    bits = sum(1 << r for r in range(32) if bin(r).count("1") % 2)
    spec = prepare(TruthTable.from_bits(5, [bits]), "b2")
    assert not depth_feasible(spec, 2, "minisat22")
    circuit = minimum_size_at_depth(spec, 3, "minisat22")
    assert circuit is not None and circuit.size == 4 and circuit.depth == 3

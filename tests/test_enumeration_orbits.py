"""Enumerating orbit representatives and expanding them by Aut(f) lists exactly what the plain
enumeration lists: the same isomorphism classes, none lost, none invented."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.canonical import canonical_key
from circuits.npn import npn_canonical
from circuits.problems.suite import get_problem
from circuits.truthtable import TruthTable, full_mask
from sat_encoding import minimum_size
from sat_encoding.enumerate import enumeration_search
from sat_encoding.runner import Bound, Found
from sat_encoding.spec import prepare
from sat_encoding.symmetry import automorphism_group

LIMIT = 100_000


def classes(table: TruthTable, size: int, reduce: bool, basis: str = "b2", depth: int | None = None) -> set[str]:
    """The canonical keys of the complete enumeration (asserted complete and verified)."""
    events = list(enumeration_search(table, basis, "minisat22", size, depth, LIMIT, None, reduce))
    assert any(isinstance(e, Bound) and e.measure == "complete" for e in events)
    circuits = [e.circuit for e in events if isinstance(e, Found)]
    assert all(c.computes(table) and c.size == size for c in circuits)
    keys = [canonical_key(c) for c in circuits]
    assert len(set(keys)) == len(keys)  # one circuit per class
    return set(keys)


def test_every_three_input_function_at_its_minimum():
    symmetric = 0
    for bits in range(256):
        table = TruthTable.from_bits(3, [bits])
        best = minimum_size(table).size
        if best == 0:
            continue
        symmetric += len(automorphism_group(prepare(table, "b2"))) > 1
        assert classes(table, best, True) == classes(table, best, False), hex(bits)
    assert symmetric > 100  # the reduction is really exercised


@pytest.mark.parametrize("bits", sorted({npn_canonical(f, 3) for f in range(256)} - {0x00, 0x0F}))
def test_three_input_classes_one_gate_above_the_minimum(bits):
    table = TruthTable.from_bits(3, [bits])
    size = minimum_size(table).size + 1
    assert classes(table, size, True) == classes(table, size, False)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 0xFFFF), st.sampled_from(["b2", "aig"]))
def test_a_sample_of_four_input_functions(bits, basis):
    table = TruthTable.from_bits(4, [bits])
    best = minimum_size(table, basis)
    if best.size == 0 or best.size > 5:
        return
    assert classes(table, best.size, True, basis) == classes(table, best.size, False, basis)


@pytest.mark.parametrize("bits", [0x6996, 0x8000, 0x1668, 0x17E8, 0x0249, 0x1EE1, 0x7EE7])
def test_four_input_functions_with_large_groups(bits):
    table = TruthTable.from_bits(4, [bits])
    best = minimum_size(table).size
    assert classes(table, best, True) == classes(table, best, False)


def test_two_outputs_with_dont_cares_and_a_depth_bound():
    # Full adder (sum, carry) and a pair with don't-care rows whose polarity is free: the group maps
    # some outputs to their complements, which the expansion answers by complementing the output.
    adder = TruthTable.from_bits(3, [0x96, 0xE8])
    assert classes(adder, 5, True) == classes(adder, 5, False)
    assert classes(adder, 6, True, depth=3) == classes(adder, 6, False, depth=3)
    loose = TruthTable.from_bits(3, [0x81, 0x7E], [full_mask(3) & ~1, full_mask(3)])
    best = minimum_size(loose).size
    assert len(automorphism_group(prepare(loose, "b2"))) == 6
    assert classes(loose, best, True) == classes(loose, best, False)


@pytest.mark.parametrize("name, bases", [("path3", ("b2", "aig", "mono")), ("pm4", ("b2",))])
def test_search_problems(name, bases):
    table = get_problem(name).truth_table()
    for basis in bases:
        best = minimum_size(table, basis).size
        assert len(automorphism_group(prepare(table, basis))) > 1
        assert classes(table, best, True, basis) == classes(table, best, False, basis), basis

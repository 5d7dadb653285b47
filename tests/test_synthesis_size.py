"""Minimum-size synthesis: verified circuits whose size - 1 is proven impossible."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brute_force import minimum_b2_sizes
from circuits.truthtable import TruthTable, full_mask, parse_truth_tables
from sat_encoding import minimum_size
from sat_encoding.exact import solve_exact_size
from sat_encoding.spec import prepare
from oracles import PLAIN, upward_closure

def small_function(min_n: int = 2, max_n: int = 4):
    return st.integers(min_n, max_n).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, full_mask(n))))


def assert_proven_minimal(table: TruthTable, basis: str) -> None:
    result = minimum_size(table, basis)
    assert result.optimal and result.circuit is not None
    result.circuit.verify(table)
    if result.size > 0:
        # An independent re-check that one gate fewer is impossible: another solver on the plain
        # encoding, without any of the optional pruning rules the search used.
        assert solve_exact_size(prepare(table, basis), result.size - 1, "glucose4", **PLAIN) is None


@given(small_function(), st.sampled_from(["b2", "xaig"]))
def test_random_functions_give_verified_minimal_circuits(case, basis):
    n, bits = case
    assert_proven_minimal(TruthTable.from_bits(n, [bits]), basis)


@given(small_function(2, 3))
def test_random_functions_in_the_and_inverter_basis(case):
    # Four-input AIG optima reach 10+ AND gates (minutes of SAT): the sweep benchmark covers those.
    n, bits = case
    assert_proven_minimal(TruthTable.from_bits(n, [bits]), "aig")


@given(small_function(2, 3), small_function(2, 3))
def test_multi_output_functions(first, second):
    n = first[0]
    table = TruthTable.from_bits(n, [first[1], second[1] & full_mask(n)])
    assert_proven_minimal(table, "b2")


@given(small_function(2, 4), st.data())
def test_dont_cares(case, data):
    n, bits = case
    care = data.draw(st.integers(0, full_mask(n)))
    table = TruthTable.from_bits(n, [bits], [care])
    result = minimum_size(table)
    full = minimum_size(TruthTable.from_bits(n, [bits]))
    assert result.optimal and result.circuit.computes(table)
    assert result.size <= full.size  # freedom never costs gates


@given(small_function(2, 4))
def test_monotone_basis(case):
    n, bits = case
    mono = upward_closure(bits, n)
    table = TruthTable.from_bits(n, [mono])
    result = minimum_size(table, "mono")
    assert result.optimal and result.circuit.computes(table)
    assert all(g.op in (0x8, 0xE) for g in result.circuit.gates)
    assert not any(o.negated for o in result.circuit.outputs)


def test_every_three_input_function_matches_brute_force():
    reference = minimum_b2_sizes(3, 4)  # every 3-input function needs at most 4 gates
    assert len(reference) == 256
    for bits in range(256):
        result = minimum_size(TruthTable.from_bits(3, [bits]))
        assert result.optimal and result.size == reference[bits], hex(bits)


@pytest.mark.parametrize(
    "tables, basis, size",
    [
        (["0x6996"], "b2", 3),
        (["0x96", "0xe8"], "b2", 5),
        (["0xe8"], "b2", 4),
        (["0xe8"], "aig", 4),
        (["0x6"], "aig", 3),
        (["0xe8"], "mono", 4),
        (["0x96696996"], "b2", 4),
    ],
)
def test_known_minimum_sizes(tables, basis, size):
    result = minimum_size(parse_truth_tables(tables), basis)
    assert result.optimal and result.size == size


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_parity_needs_n_minus_one_gates(n):
    bits = sum(1 << r for r in range(1 << n) if bin(r).count("1") % 2)
    result = minimum_size(TruthTable.from_bits(n, [bits]))
    assert result.optimal and result.size == n - 1


def test_time_limit_reports_bounds_not_optimality():
    # MAJ5 takes far longer than 0.3 s to prove: the result must say "best found, proven >=".
    result = minimum_size(parse_truth_tables(["0xfee8e880"]), timeout=0.3)
    assert result.circuit is not None and result.circuit.computes(parse_truth_tables(["0xfee8e880"]))
    if not result.optimal:
        assert result.timed_out
        assert result.lower_bound < result.size
        assert "best found" in result.summary()

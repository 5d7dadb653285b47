"""Minimum depth, the size-depth frontier and the enumeration of all optimal circuits."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brute_force import optimal_circuits_by_function
from circuits.canonical import canonical_key
from circuits.circuit import Circuit, Gate, Output
from circuits.truthtable import TruthTable, full_mask, parse_truth_tables
from sat_encoding import enumerate_circuits, enumerate_optimal, frontier, minimum_depth, minimum_size


def parity(n: int) -> TruthTable:
    return TruthTable.from_bits(n, [sum(1 << r for r in range(1 << n) if bin(r).count("1") % 2)])


def functions(min_n: int, max_n: int):
    return st.integers(min_n, max_n).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, full_mask(n))))


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_parity_has_logarithmic_depth(n):
    result = minimum_depth(parity(n))
    assert result.optimal
    assert result.depth == math.ceil(math.log2(n)) and result.size == n - 1


def test_xor4_depth_two_size_three():
    result = minimum_depth(parse_truth_tables(["0x6996"]))
    assert (result.depth, result.size, result.optimal) == (2, 3, True)


@pytest.mark.parametrize("basis", ["b2", "aig", "xaig", "mono"])
def test_depth_objective_in_every_basis(basis):
    result = minimum_depth(parse_truth_tables(["0xe8"]), basis)
    assert result.optimal and result.circuit.computes(parse_truth_tables(["0xe8"]))
    assert result.depth <= minimum_size(parse_truth_tables(["0xe8"]), basis).depth


@given(functions(3, 4))
def test_min_depth_is_at_most_the_depth_of_a_min_size_circuit(case):
    n, bits = case
    table = TruthTable.from_bits(n, [bits])
    assert minimum_depth(table).depth <= minimum_size(table).depth


@given(functions(3, 4))
def test_frontier_is_monotone_and_ends_at_the_minimum_size(case):
    n, bits = case
    table = TruthTable.from_bits(n, [bits])
    points = frontier(table)
    sizes = [p.size for p in points]
    assert all(p.optimal for p in points)
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-1] == minimum_size(table).size
    assert points[0].depth_budget == minimum_depth(table).depth
    for p in points:
        assert p.circuit.computes(table) and p.circuit.depth <= p.depth_budget


@given(functions(3, 4))
def test_enumerated_circuits_are_distinct_verified_and_solver_independent(case):
    n, bits = case
    table = TruthTable.from_bits(n, [bits])
    size = minimum_size(table).size
    first = enumerate_circuits(table, size=size, limit=200, solver="cadical195")
    second = enumerate_circuits(table, size=size, limit=200, solver="glucose4")
    keys = [canonical_key(c) for c in first.circuits]
    assert len(set(keys)) == len(keys)
    assert all(c.computes(table) and c.size == size for c in first.circuits)
    if first.complete and second.complete:
        assert set(keys) == {canonical_key(c) for c in second.circuits}


def test_every_three_input_function_matches_exhaustive_construction():
    reference = optimal_circuits_by_function(3, 3)
    assert len(reference) > 100
    for bits, (size, keys) in reference.items():
        if size == 0:
            continue
        results, enumerations = enumerate_optimal(TruthTable.from_bits(3, [bits]), limit=10_000)
        assert results[0].size == size
        assert enumerations[0].complete
        assert {canonical_key(c) for c in enumerations[0].circuits} == keys, hex(bits)


def test_maj3_has_a_complete_list_of_minimal_circuits():
    results, enumerations = enumerate_optimal(parse_truth_tables(["0xe8"]))
    assert results[0].optimal and enumerations[0].complete and enumerations[0].count > 1


def test_canonical_key_ignores_gate_order_fanin_swap_and_polarity():
    a = Circuit(3, (Gate(0x8, (0, 1)), Gate(0x6, (0, 2)), Gate(0xE, (3, 4))), (Output(5),))
    reordered = Circuit(3, (Gate(0x6, (2, 0)), Gate(0x8, (1, 0)), Gate(0xE, (4, 3))), (Output(5),))
    # Complement gate 3 (AND -> NAND) and fold it into its reader: OR(a, b) with a complemented.
    flipped = Circuit(3, (Gate(0x7, (0, 1)), Gate(0x6, (0, 2)), Gate(0xB, (4, 3))), (Output(5),))
    assert canonical_key(a) == canonical_key(reordered) == canonical_key(flipped)
    different = Circuit(3, (Gate(0x8, (0, 1)), Gate(0x6, (1, 2)), Gate(0xE, (3, 4))), (Output(5),))
    assert canonical_key(different) != canonical_key(a)


def test_frontier_and_all_through_the_cli():
    from click.testing import CliRunner

    from cli import cli

    result = CliRunner().invoke(cli, ["solve", "0xe8", "--all", "--json"])
    import json

    document = json.loads(result.output)
    assert document["complete"] is True and document["count"] == len(document["circuits"])
    result = CliRunner().invoke(cli, ["solve", "0x6996", "--objective", "frontier", "--json"])
    document = json.loads(result.output)
    assert document["frontier"][0]["depth"] == 2 and document["frontier"][0]["size"] == 3

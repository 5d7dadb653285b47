"""Symmetry breaking, dominance rules and gate-elimination bounds: their pieces, one at a time.

The rule-by-rule differential and metamorphic checks against independent oracles are in
test_soundness.py; this file tests what each piece computes.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brute_force import minimum_b2_sizes
from circuits.npn import npn_canonical
from circuits.truthtable import TruthTable, full_mask
from oracles import PLAIN, plain_minimum_size
from random_circuits import circuits as random_circuits
from sat_encoding import minimum_size
from sat_encoding.bounds import fanout_limits, size_lower_bound
from sat_encoding.cofactors import restrict, small_costs
from sat_encoding.exact import BudgetExhausted, solve_exact_size
from sat_encoding.spec import prepare
from sat_encoding.symmetry import input_symmetries


def functions(n_min: int, n_max: int):
    return st.integers(n_min, n_max).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, full_mask(n))))


@settings(max_examples=15, deadline=None)
@given(functions(3, 3), st.integers(0, 255), st.integers(0, 255))
def test_optional_breaks_keep_the_minimum_with_two_outputs_and_dont_cares(case, second, care):
    n, bits = case
    table = TruthTable.from_bits(n, [bits, second], [full_mask(n), care])
    assert minimum_size(table).size == plain_minimum_size(table)


def test_input_symmetries_are_pure_permutations():
    maj3 = prepare(TruthTable.from_bits(3, [0xE8]), "b2")
    assert sorted(input_symmetries(maj3)) == [(0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)]
    # x0 AND (x1 OR x2): only x1, x2 are interchangeable.
    assert input_symmetries(prepare(TruthTable.from_bits(3, [0xA8]), "b2")) == [(0, 2, 1)]
    # x0 AND NOT x1 is unchanged by swapping x0, x1 only together with complementing both: not a
    # symmetry the order rule may use (it proved false minima, e.g. 0x0249).
    assert input_symmetries(prepare(TruthTable.from_bits(2, [0x2]), "b2")) == []
    assert input_symmetries(prepare(TruthTable.from_bits(4, [0x0249]), "b2")) == [(1, 0, 3, 2)]
    assert input_symmetries(prepare(TruthTable.from_bits(2, [0x8]), "mono")) == [(1, 0)]


def test_symmetric_input_order_keeps_the_minimum_of_the_reported_functions():
    # The three functions of the soundness report: 5 gates suffice (a circuit given in the report,
    # checked here by simulation), and the solver must find 5 with every rule on.
    from circuits.circuit import Circuit, Gate, Output

    witness = Circuit(
        4,
        (Gate(0x4, (0, 1)), Gate(0x2, (0, 1)), Gate(0x6, (2, 4)), Gate(0x6, (3, 5)), Gate(0xE, (6, 7))),
        (Output(8, True),),
        "b2",
    )
    assert witness.output_tables() == [0x0249]
    for bits in (0x0249, 0x024F, 0xFB9E):
        result = minimum_size(TruthTable.from_bits(4, [bits]))
        assert (result.size, result.optimal) == (5, True), hex(bits)


def test_input_symmetries_respect_the_care_set():
    # MAJ3 is symmetric, but a care set that singles out x0 leaves only the swap of x1 and x2.
    care = full_mask(3) & ~(1 << 0b001)
    spec = prepare(TruthTable.from_bits(3, [0xE8], [care]), "b2")
    assert input_symmetries(spec) == [(0, 2, 1)]


def test_graph_problems_have_vertex_symmetries():
    # Triangle on 4 vertices over edges e01 e02 e03 e12 e13 e23: every vertex permutation but the
    # identity permutes the edges and keeps the function.
    from circuits.problems.suite import get_problem

    spec = prepare(get_problem("tri4").truth_table(), "b2")
    assert len(input_symmetries(spec)) == 23


@given(functions(2, 6), st.data())
def test_restrict_fixes_one_input(case, data):
    n, bits = case
    j = data.draw(st.integers(0, n - 1))
    value = data.draw(st.integers(0, 1))
    sub = restrict(n, bits, j, value)
    for row in range(1 << (n - 1)):
        low = row & ((1 << j) - 1)
        full_row = low | (value << j) | ((row >> j) << (j + 1))
        assert (sub >> row) & 1 == (bits >> full_row) & 1


def test_three_input_table_matches_exhaustive_construction():
    reference = minimum_b2_sizes(3, 4)
    assert list(small_costs("b2")) == [reference[f] for f in range(256)]


@settings(max_examples=15, deadline=None)
@given(functions(4, 4))
def test_fanout_limits_hold_for_circuits_found_without_them(case):
    n, bits = case
    table = TruthTable.from_bits(n, [bits])
    spec = prepare(table, "b2")
    if not spec.targets:
        return
    size = plain_minimum_size(table)
    circuit = solve_exact_size(spec, size, "minisat22", **PLAIN)
    assert circuit is not None
    for j, limit in fanout_limits(spec, size).items():
        assert sum(1 for g in circuit.gates if j in g.fanins) <= limit


def test_gate_elimination_proves_the_bound_of_hard_four_input_functions():
    # 0x1ee1 needs 7 gates (Knuth); fixing an input leaves 3-input functions of cost up to 4.
    assert size_lower_bound(prepare(TruthTable.from_bits(4, [0x169B]), "b2")) == 5


@settings(max_examples=8, deadline=None)
@given(random_circuits(min_inputs=5, max_inputs=5, min_gates=3, max_gates=5, named=st.just(False), constants=False))
def test_budgeted_five_input_costs_never_exceed_the_minimum(circuit):
    from sat_encoding import cofactors

    bits = circuit.output_tables()[0]
    table = TruthTable.from_bits(5, [bits])
    minimum = plain_minimum_size(table)  # not minimum_size, whose lower bounds use these costs
    representative = npn_canonical(bits, 5)
    assert cofactors._budgeted_cost(representative, 5, "b2") <= minimum


def test_a_tiny_budget_gives_up_instead_of_answering():
    spec = prepare(TruthTable.from_bits(5, [0xFEE8E880]), "b2")
    with pytest.raises(BudgetExhausted):
        solve_exact_size(spec, 8, "minisat22", conflicts=1)

"""Exact top-gate reductions: f = op(x_j, g) costs exactly C(g) + 1."""

from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.basis import get_basis
from circuits.truthtable import TruthTable, full_mask, input_table
from sat_encoding import minimum_size
from sat_encoding.decompose import attach, top_gate
from sat_encoding.exact import solve_exact_size
from sat_encoding.spec import monotone_extension, prepare

PLAIN = dict(break_input_symmetry=False, dominance=False)


def lift(bits: int, n: int, j: int) -> int:
    """A function of the n-1 inputs other than x_j, as a table over n inputs."""
    out = 0
    for row in range(1 << n):
        low = row & ((1 << j) - 1)
        sub = low | ((row >> (j + 1)) << j)
        out |= ((bits >> sub) & 1) << row
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 3), st.integers(0, 255), st.sampled_from([0x8, 0xE, 0x2, 0x4, 0x6, 0x7, 0x9]))
def test_reduced_functions_get_the_same_minimum_as_the_plain_search(j, g, op):
    n = 4
    a, b = input_table(n, j), lift(g, n, j)
    mask = full_mask(n)
    bits = sum(((op >> (((a >> r) & 1) + 2 * ((b >> r) & 1))) & 1) << r for r in range(1 << n)) & mask
    table = TruthTable.from_bits(n, [bits])
    result = minimum_size(table)
    assert result.optimal and result.circuit.computes(table)
    spec = prepare(table, "b2")
    if spec.targets:
        # The plain encoding (no optional breaks, no bounds) finds nothing one gate smaller.
        assert result.size == 0 or solve_exact_size(spec, result.size - 1, "minisat22", **PLAIN) is None


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 0xFFFF), st.sampled_from(["b2", "aig", "mono"]))
def test_top_gate_rebuilds_the_function(bits, basis):
    table = TruthTable.from_bits(4, [bits])
    if basis == "mono" and monotone_extension(4, bits, full_mask(4)) != bits:
        return
    top = top_gate(table, get_basis(basis))
    if top is None:
        return
    rest = minimum_size(top.rest, basis).circuit
    circuit = attach(top, rest, 4)
    assert circuit.computes(table) and circuit.size == rest.size + 1


def test_path_problem_reduces_on_the_direct_edge():
    from circuits.problems.suite import get_problem

    problem = get_problem("path4")
    top = top_gate(problem.truth_table(), get_basis("b2"))
    assert top is not None and problem.input_names[top.input] == "e03" and top.op == 0xE
    assert top_gate(get_problem("tri4").truth_table(), get_basis("b2")) is None


def test_xor_reduction_is_not_used_in_the_and_inverter_basis():
    table = TruthTable.from_bits(3, [0x96 ^ 0xFF])  # XNOR3: cofactors of x0 are complements
    assert top_gate(table, get_basis("b2")).op == 0x6
    assert top_gate(table, get_basis("aig")) is None

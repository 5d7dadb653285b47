"""The learn-across-k prototype of benchmarks/learn_across_k.py: every answer must be the fresh one's.

Three oracles, from the strongest claim down: the set of circuits each size admits equals the fresh
encoding's set, circuit for circuit (so no rule was lost or added by the growth); every size's
SAT/UNSAT answer equals the fresh one's, sizes above the minimum included; the minimum equals brute
force on 3-input functions and the fresh search's elsewhere.
"""

import contextlib
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pysat.solvers import Solver

from brute_force import minimum_b2_sizes
from circuits.bench.published import KNUTH_CLASSES_PER_COST
from circuits.npn import npn_classes
from circuits.truthtable import TruthTable, full_mask
from sat_encoding import minimum_size
from sat_encoding.bounded import solve_bounded
from sat_encoding.bounds import fanout_limits, size_lower_bound
from sat_encoding.encoding import CircuitEncoding, encode
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.spec import prepare

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from learn_across_k import GrowingEncoding, SizeLadder, timed_search  # noqa: E402

BRUTE_FORCE_3 = minimum_b2_sizes(3, 4)


def functions(n_values=(3, 4)):
    return st.sampled_from(n_values).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, full_mask(n))))


def admitted_circuits(encoding: CircuitEncoding, assumptions: list[int]) -> set[tuple]:
    """Every circuit the clauses admit (gates and outputs), by blocking each one found."""
    found = set()
    with Solver(name="minisat22", bootstrap_with=encoding.clauses) as sat:
        while sat.solve(assumptions):
            model = sat.get_model()
            circuit = encoding.decode(model)
            found.add((circuit.gates, circuit.outputs))
            true = set(v for v in model if v > 0)
            choice = [int(v) for sel in encoding.sel_vars for v in sel if int(v) in true]
            choice += [v for bits in encoding.op_vars for v in bits if v in true]
            choice += [v for outs in encoding.out_vars for v in outs if v in true]
            choice += [v for v in encoding.pol_vars if v is not None and v in true]
            unchosen = [v for bits in encoding.op_vars for v in bits if v not in true]
            unchosen += [v for v in encoding.pol_vars if v is not None and v not in true]
            sat.add_clause([-v for v in choice] + unchosen)
    return found


def assert_same_circuits_per_size(table: TruthTable, basis: str, sizes: range) -> None:
    spec = prepare(table, basis)
    if not spec.targets:
        return
    grown = GrowingEncoding(spec, spec.rows)
    for gates in sizes:
        grown.grow_to(gates)
        guard = grown.new_var()
        grown.close(guard)
        fresh = encode(
            spec, gates, break_input_symmetry=True, dominance=True, fanout_limits=fanout_limits(spec, gates)
        )
        assert admitted_circuits(grown, [guard, *grown.assumptions()]) == admitted_circuits(fresh, []), gates
        grown.clauses.append([-guard])


@settings(max_examples=20)
@given(functions(), st.sampled_from(["b2", "xaig", "aig"]))
def test_each_size_up_to_the_minimum_admits_exactly_the_fresh_circuits(case, basis):
    # Four inputs bring gate elimination's fanout limits in (three-input functions have none).
    # Above the minimum, and at minima of 7 gates, the sets grow too large to list in a test.
    n, bits = case
    assume(n == 3 or basis != "aig")  # four-input AND-inverter minima run to minutes
    table = TruthTable.from_bits(n, [bits])
    size = minimum_size(table, basis).size
    assume(size <= 6)
    assert_same_circuits_per_size(table, basis, range(1, size + 1))


@settings(max_examples=20)
@given(st.integers(0, 255), st.integers(0, 255), st.integers(1, 255))
def test_the_same_with_two_outputs_and_dont_cares(first, second, care):
    table = TruthTable.from_bits(3, [first, second], [full_mask(3), care])
    assert_same_circuits_per_size(table, "b2", range(1, minimum_size(table).size + 1))


@given(functions())
def test_every_size_gets_the_fresh_answer(case):
    n, bits = case
    table = TruthTable.from_bits(n, [bits])
    spec = prepare(table, "b2")
    if not spec.targets:
        return
    first = size_lower_bound(spec)
    last = heuristic_circuit(table, "b2").size + 1
    with contextlib.closing(SizeLadder(spec, "auto", keep_rows=False)) as ladder:
        for gates in range(first, last + 1):
            circuit = ladder.ask(gates)
            assert (circuit is None) == (solve_bounded(spec, gates, "auto") is None), gates
            if circuit is not None:
                assert circuit.size == gates and circuit.computes(table)


def ladder_minimum(table: TruthTable, basis: str) -> int:
    """The minimum by asking the ladder every size up from the lower bound (no heuristic cut-off)."""
    spec = prepare(table, basis)
    if not spec.targets:
        return 0
    gates = size_lower_bound(spec)
    with contextlib.closing(SizeLadder(spec, "auto", keep_rows=False)) as ladder:
        while (circuit := ladder.ask(gates)) is None:
            gates += 1
    circuit.verify(table)
    assert circuit.size == gates
    return gates


def minimum_both_ways(table: TruthTable, basis: str = "b2") -> int:
    """The minimum by the search with the switch on, checked against the fresh search and the ladder."""
    sizes = {v: timed_search(table, basis, v)["minimum"] for v in ("fresh", "kept", "per-size", "rebuilt")}
    assert len(set(sizes.values())) == 1, sizes
    assert sizes["fresh"] == ladder_minimum(table, basis)
    return sizes["fresh"]


@given(functions(), st.sampled_from(["b2", "xaig"]))
def test_random_functions_have_the_fresh_minimum(case, basis):
    n, bits = case
    size = minimum_both_ways(TruthTable.from_bits(n, [bits]), basis)
    if n == 3 and basis == "b2":
        assert size == BRUTE_FORCE_3[bits]


@given(st.integers(0, 255), st.integers(0, 255))
def test_two_outputs(first, second):
    minimum_both_ways(TruthTable.from_bits(3, [first, second]))


@given(functions(), st.data())
def test_dont_cares(case, data):
    n, bits = case
    care = data.draw(st.integers(0, full_mask(n)))
    minimum_both_ways(TruthTable.from_bits(n, [bits], [care]))


def test_sizes_must_increase():
    spec = prepare(TruthTable.from_bits(3, [0x96]), "b2")
    with contextlib.closing(SizeLadder(spec, "auto", keep_rows=False)) as ladder:
        assert ladder.ask(1) is None
        with pytest.raises(AssertionError, match="must increase"):
            ladder.ask(1)


def test_the_222_classes_have_the_fresh_minima_and_knuths_counts():
    sizes = Counter()
    for bits, _ in npn_classes(4):
        table = TruthTable.from_bits(4, [bits])
        size = minimum_both_ways(table)
        sizes[size] += 1
    assert dict(sizes) == KNUTH_CLASSES_PER_COST

"""The topology engine against the SSV encoding and against brute force.

* shapes: the canonical shapes are exactly the isomorphism classes of wirings, found by trying every
  relabelling (shapes.py's claim);
* optimum searches: the topology engine's minimum of every 3-input function and of random 4-input
  functions, in every basis, equals the plain encoding's (tests/oracles.py), and the whole search
  with ``engine="topology"`` agrees;
* enumeration and counting: the topology engine lists the same isomorphism classes as the SSV
  enumeration, complete, at the minimum and above it.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.canonical import canonical_key
from circuits.circuit import Circuit, Gate, Output
from circuits.truthtable import TruthTable, full_mask
from oracles import plain_minimum_size
from sat_encoding import count_circuits, enumerate_circuits, minimum_size
from sat_encoding.bounds import fanout_limits
from sat_encoding.shape_enumeration import makespan
from sat_encoding.shapes import SLOT, canonical_form, canonical_shapes, sinks
from sat_encoding.spec import monotone_extension, prepare
from sat_encoding.topology import automorphic_images, solve_by_shapes

BASES = ("b2", "aig", "xaig", "mono")


def is_monotone(bits: int, n: int) -> bool:
    return monotone_extension(n, bits, full_mask(n)) == bits


# --- shapes ---------------------------------------------------------------------------------------


def all_wirings(gates: int):
    """Every numbered wiring: gate i reads two slots, a slot and an earlier gate, or two gates."""
    choices = [[(a, b) for b in range(SLOT, i) for a in range(SLOT, b + 1) if a != b or a == SLOT] for i in range(gates)]
    return itertools.product(*choices)


def brute_force_form(wiring) -> tuple:
    """A form equal for isomorphic wirings and only for them: the least relabelled edge list."""
    k = len(wiring)
    best = None
    for perm in itertools.permutations(range(k)):
        relabel = {SLOT: SLOT, **{g: perm[g] for g in range(k)}}
        form = tuple(sorted((perm[g], tuple(sorted(relabel[x] for x in pair))) for g, pair in enumerate(wiring)))
        best = form if best is None or form < best else best
    return best


@pytest.mark.parametrize("gates", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("max_sinks", [1, 2])
def test_canonical_shapes_are_the_isomorphism_classes(gates: int, max_sinks: int) -> None:
    classes = {brute_force_form(w) for w in all_wirings(gates) if 1 <= len(sinks(w)) <= max_sinks}
    listed = canonical_shapes(gates, max_sinks, 0)
    assert len({brute_force_form(s) for s in listed}) == len(listed)  # none listed twice
    assert {brute_force_form(s) for s in listed} == classes  # none missing


def test_canonical_form_is_a_relabelling_invariant() -> None:
    shape = canonical_shapes(6, 1, 0)[-1]
    for perm in itertools.permutations(range(6)):
        # only relabellings that keep fanins before readers give a wiring in gate order
        if any(perm[x] >= perm[g] for g, pair in enumerate(shape) for x in pair if x != SLOT):
            continue
        order = sorted(range(6), key=perm.__getitem__)
        new = {SLOT: SLOT, **{old: t for t, old in enumerate(order)}}
        moved = tuple(tuple(sorted(new[x] for x in shape[old])) for old in order)
        assert canonical_form(moved)[0] == shape


def test_the_slot_bound_and_the_sink_bound_prune_shapes() -> None:
    every = canonical_shapes(5, 2, 0)
    assert all(len(sinks(s)) <= 1 for s in canonical_shapes(5, 1, 0))
    wide = canonical_shapes(5, 2, 6)
    assert set(wide) == {s for s in every if sum(x == SLOT for p in s for x in p) >= 6}


# --- optimum searches -----------------------------------------------------------------------------


def topology_minimum(table: TruthTable, basis: str) -> int:
    """The minimum by the topology engine alone, counting up from 1 (no lower bound used)."""
    spec = prepare(table, basis)
    if not spec.targets:
        return 0
    gates = 1
    while solve_by_shapes(spec, gates, "minisat22", fanout_limits(spec, gates)) is None:
        gates += 1
    return gates


@pytest.mark.parametrize("basis", BASES)
def test_topology_minimum_of_every_three_input_function(basis: str) -> None:
    # Against the SSV search, which tests/test_soundness.py checks against the plain encoding on
    # every 3-input function in every basis.
    for bits in range(256):
        if basis == "mono" and not is_monotone(bits, 3):
            continue
        table = TruthTable.from_bits(3, [bits])
        assert topology_minimum(table, basis) == minimum_size(table, basis, engine="ssv").size, (basis, hex(bits))


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 0xFFFF), st.sampled_from(["b2", "xaig"]))
def test_topology_minimum_of_four_input_functions(bits: int, basis: str) -> None:
    table = TruthTable.from_bits(4, [bits])
    assert topology_minimum(table, basis) == plain_minimum_size(table, basis)


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 0xFFFF), st.sampled_from(["b2", "xaig"]))
def test_the_search_with_the_topology_engine(bits: int, basis: str) -> None:
    table = TruthTable.from_bits(4, [bits])
    result = minimum_size(table, basis, engine="topology")
    assert result.optimal and result.circuit.computes(table)
    assert result.stats["engine"] == "topology"
    assert result.size == minimum_size(table, basis, engine="ssv").size


def test_two_outputs_and_dont_cares() -> None:
    adder = TruthTable.from_bits(3, [0x96, 0xE8])
    assert topology_minimum(adder, "b2") == plain_minimum_size(adder, "b2") == 5
    loose = TruthTable.from_bits(3, [0x81, 0x7E], [full_mask(3) & ~1, full_mask(3)])
    assert topology_minimum(loose, "b2") == plain_minimum_size(loose, "b2")


# --- enumeration and counting ---------------------------------------------------------------------


def keys(table: TruthTable, basis: str, size: int, engine: str) -> set[str]:
    listed = enumerate_circuits(table, basis, size, limit=100_000, engine=engine)
    assert listed.complete and listed.engine == engine
    found = [canonical_key(c) for c in listed.circuits]
    assert len(set(found)) == len(found)
    assert all(c.computes(table) and c.size == size for c in listed.circuits)
    return set(found)


@pytest.mark.parametrize("basis", BASES)
def test_same_classes_as_ssv_on_three_input_functions(basis: str) -> None:
    for bits in range(1, 255, 23):
        if basis == "mono" and not is_monotone(bits, 3):
            continue
        table = TruthTable.from_bits(3, [bits])
        best = minimum_size(table, basis).size
        for size in (best, best + 1) if basis in ("b2", "mono") else (best,):  # aig, xaig: slow above
            assert keys(table, basis, size, "topology") == keys(table, basis, size, "ssv"), (basis, hex(bits), size)


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 0xFFFF), st.sampled_from(["b2", "aig"]))
def test_same_classes_as_ssv_on_four_input_functions(bits: int, basis: str) -> None:
    table = TruthTable.from_bits(4, [bits])
    best = minimum_size(table, basis).size
    if best == 0 or best > 4:
        return
    assert keys(table, basis, best, "topology") == keys(table, basis, best, "ssv")


def test_counts_two_gates_above_the_minimum_and_with_two_outputs() -> None:
    majority = TruthTable.from_bits(3, [0xE8])
    for size in (4, 5, 6):
        assert keys(majority, "mono", size, "topology") == keys(majority, "mono", size, "ssv")
    adder = TruthTable.from_bits(3, [0x96, 0xE8])
    assert keys(adder, "b2", 5, "topology") == keys(adder, "b2", 5, "ssv")


def test_count_circuits_is_the_enumeration() -> None:
    table = TruthTable.from_bits(3, [0xE8])
    counted = count_circuits(table, "b2", 5, engine="topology")
    assert counted.complete and counted.count == len(keys(table, "b2", 5, "ssv"))
    assert len(counted.shape_times) == counted.shapes
    cut = enumerate_circuits(table, "b2", 5, limit=10, engine="topology")
    assert cut.count == 10 and not cut.complete


def test_below_the_minimum_there_is_nothing() -> None:
    table = TruthTable.from_bits(3, [0xE8])
    counted = count_circuits(table, "b2", 3, engine="topology")
    assert counted.complete and counted.count == 0


def test_automorphic_images_are_isomorphic() -> None:
    # (x0 AND x1) OR (x2 AND x3): its shape swaps the two AND gates.
    circuit = Circuit(4, (Gate(0x8, (0, 1)), Gate(0x8, (2, 3)), Gate(0xE, (4, 5))), (Output(6, False),), "b2")
    shape = ((SLOT, SLOT), (SLOT, SLOT), (0, 1))
    assert canonical_form(shape)[0] == shape and len(canonical_form(shape)[1]) == 2
    images = automorphic_images(circuit, shape)
    assert len(images) == 2 and images[0] != images[1]
    assert {canonical_key(c) for c in images} == {canonical_key(circuit)}
    assert all(c.computes(TruthTable.from_bits(4, [circuit.output_tables()[0]])) for c in images)


def test_makespan_assigns_each_task_to_the_first_free_worker() -> None:
    assert makespan([3, 1, 1, 1], 2) == 3
    assert makespan([1, 1, 1, 1], 1) == 4
    assert makespan([2, 2, 2], 4) == 2


def test_shapes_as_parallel_tasks_list_the_same_classes() -> None:
    from circuits.bench.engine import ExecutorSpec, open_parts_solver

    table = TruthTable.from_bits(3, [0xE8])
    with open_parts_solver(ExecutorSpec(2)) as parts:
        listed = enumerate_circuits(table, "b2", 5, limit=100_000, engine="topology", parts=parts)
        assert listed.complete and {canonical_key(c) for c in listed.circuits} == keys(table, "b2", 5, "ssv")
        assert sorted(t.index for t in listed.shape_times) == list(range(listed.shapes))
        capped = enumerate_circuits(table, "b2", 5, limit=7, engine="topology", parts=parts)
        assert capped.count == 7 and not capped.complete

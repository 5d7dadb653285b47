"""Split questions: the cubes cover an instance exactly, and parts on a pool or on Dask give the same answer."""

from __future__ import annotations

import time
from functools import lru_cache

import pytest
from pysat.solvers import Solver

from brute_force import minimum_b2_sizes
from circuits.bench.engine import ExecutorSpec, open_parts_solver
from circuits.truthtable import TruthTable
from sat_encoding import minimum_size, parallel
from sat_encoding.encoding import encode
from sat_encoding.parallel import PartsQuestion
from sat_encoding.runner import stop_search_workers
from sat_encoding.split import deal, prefix_cubes

@lru_cache(maxsize=None)
def three_input_minima() -> dict[int, int]:
    return minimum_b2_sizes(3, 4)


RULES = [dict(break_input_symmetry=False, dominance=False), dict(break_input_symmetry=True, dominance=True)]


def models(table: TruthTable, gates: int, rules: dict, group=None) -> set[tuple]:
    """Every structure (pairs, op bits, output choices) the encoding admits, by blocking each one."""
    from sat_encoding.spec import prepare

    enc = encode(prepare(table, "b2"), gates, **rules)
    if group is not None:
        enc.exclude_cubes_outside(group)
    found = set()
    with Solver(name="minisat22", bootstrap_with=enc.clauses) as sat:
        while sat.solve():
            true = {v for v in sat.get_model() if v > 0}
            structure = []
            clause = []
            for i in range(gates):
                chosen = [int(v) for v in enc.sel_vars[i] if int(v) in true]
                ops = [v in true for v in enc.op_vars[i]]
                structure.append((tuple(chosen), tuple(ops)))
                clause += [-v for v in chosen] + [-v if v in true else v for v in enc.op_vars[i]]
            outs = tuple(v for outs in enc.out_vars for v in outs if v in true)
            clause += [-v for v in outs]
            found.add((tuple(structure), outs))
            sat.add_clause(clause)
    return found


@pytest.mark.parametrize("rules", RULES)
@pytest.mark.parametrize("bits, extra", [(0x96, 0), (0xE8, 0), (0xE8, 1), (0x1B, 1), (0x69, 0)])
def test_the_cubes_partition_every_circuit_of_an_instance(bits, extra, rules):
    table = TruthTable.from_bits(3, [bits])
    gates = three_input_minima()[bits] + extra
    whole = models(table, gates, rules)
    assert whole  # the minimum size (and one more) has circuits
    for depth in (1, 2):
        cubes = prefix_cubes(3, gates, depth)
        groups = deal(cubes, 3)
        assert sorted(c for g in groups for c in g) == sorted(cubes)
        parts = [models(table, gates, rules, group) for group in groups]
        assert sum(len(p) for p in parts) == len(whole)  # disjoint ...
        assert set().union(*parts) == whole  # ... and covering


def test_prefix_cubes_are_the_non_decreasing_pair_sequences():
    # 3 inputs: gate 0 has 3 pairs, gate 1 has 6; non-decreasing (p0, p1): 6 + 5 + 4 = 15.
    assert len(prefix_cubes(3, 5, 2)) == 15
    assert prefix_cubes(3, 1, 2) == [(0,), (1,), (2,)]
    assert all(c[0] <= c[1] for c in prefix_cubes(4, 6, 2))


HARD4 = TruthTable.from_bits(4, [0x16AC])  # one of the twelve 4-input classes that need 7 gates


@pytest.fixture
def always_split(monkeypatch):
    """Every question goes to the parts, however easy (search workers forked again to see it)."""
    monkeypatch.setattr(parallel, "PARTS_AFTER_CONFLICTS", 1)
    stop_search_workers()
    yield
    stop_search_workers()


@pytest.mark.parametrize(
    "spec",
    [ExecutorSpec(workers=2), ExecutorSpec(workers=2, scheduler="local", processes=False)],
    ids=["process-pool", "dask-local-cluster"],
)
def test_a_split_instance_gets_the_same_answer_on_the_pool_and_on_dask(spec, always_split):
    with open_parts_solver(spec) as parts:
        result = minimum_size(HARD4, parts=parts)
        assert parts.stats["questions"] >= 2 and parts.stats["parts"] > parts.stats["questions"]
        unsat = parts(PartsQuestion(HARD4, "b2", 6, "auto"), None)
        sat = parts(PartsQuestion(HARD4, "b2", 7, "auto"), None)
    assert result.optimal and result.size == 7 == minimum_size(HARD4).size
    assert result.circuit.computes(HARD4)
    assert unsat is None
    assert sat is not None and sat.size == 7 and sat.computes(HARD4)


def test_the_time_limit_cuts_a_split_search_and_keeps_its_bounds(always_split):
    tri4 = TruthTable.from_bits(6, [0xFFE0C8C0A8A08800])
    with open_parts_solver(ExecutorSpec(workers=2)) as parts:
        start = time.perf_counter()
        result = minimum_size(tri4, parts=parts, timeout=4)
        assert time.perf_counter() - start < 15
    assert not result.optimal and result.timed_out
    assert result.circuit.computes(tri4) and result.lower_bound <= result.size


def test_a_pool_token_raised_in_the_parent_is_seen_by_the_workers():
    with open_parts_solver(ExecutorSpec(workers=2)) as parts:
        token = parts.new_token()
        assert parts.executor.submit(token.is_set).result() is False
        token.set()
        assert parts.executor.submit(token.is_set).result() is True
        assert parts.new_token().is_set() is False  # a later question starts uncancelled

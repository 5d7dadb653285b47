"""The size search's starting upper bound (circuits/improve/upper_bound.py, size.py's ``start``).

* The starting circuit computes the table (checked row by row by an evaluator written here, which
  shares no code with the circuit model's simulation) and is never larger than the heuristic circuit
  or any reference circuit it was given.
* A search given a start finds the same minimum as the plain encoding counting up from zero, and it
  never asks about a size the start already reaches: with the optimum as start it asks exactly the
  sizes from its lower bound up to one below.
* A start that does not compute the table, or is in another basis, is refused.
* Small functions without references get no rewriting pass at all (the 4-input sweep pays nothing).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sat_encoding.size as size_module
from circuits.bench.synthesis import BenchConfig, synthesis_job, synthesize
from circuits.circuit import Circuit, Gate, Output
from circuits.errors import InputError, VerificationError
from circuits.improve.upper_bound import search_start, strong_upper_bound
from circuits.truthtable import TruthTable
from oracles import plain_minimum_size
from random_circuits import circuits
from sat_encoding import minimum_size
from sat_encoding.bounds import size_lower_bound, structural_lower_bound
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.runner import Found
from sat_encoding.spec import prepare


def rows_computed(circuit: Circuit) -> list[int]:
    """Per output, its table, by evaluating every gate on every row one bit at a time."""
    tables = [0] * len(circuit.outputs)
    for row in range(1 << circuit.inputs):
        values = [(row >> j) & 1 for j in range(circuit.inputs)]
        for gate in circuit.gates:
            a, b = (values[f] for f in gate.fanins)
            values.append((gate.op >> (a + 2 * b)) & 1)
        for h, out in enumerate(circuit.outputs):
            bit = out.value if out.node is None else values[out.node] ^ int(out.negated)
            tables[h] |= bit << row
    return tables


def single_output(n: int, max_gates: int):
    return circuits(min_inputs=n, max_inputs=n, min_gates=1, max_gates=max_gates, named=st.just(False)).filter(
        lambda c: len(c.outputs) == 1
    ).map(lambda c: Circuit(c.inputs, c.gates, c.outputs[:1], "b2"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(reference=single_output(5, 14))
def test_start_is_verified_and_never_worse_than_heuristic_or_references(reference: Circuit) -> None:
    table = TruthTable.from_bits(5, rows_computed(reference))
    bound = strong_upper_bound(table, "b2", {"random": reference}, budget=0.2)
    assert rows_computed(bound.circuit) == list(table.outputs)
    assert bound.circuit.basis == "b2"
    assert bound.circuit.size <= min(heuristic_circuit(table, "b2").size, reference.size)
    assert bound.sizes["heuristic"] == heuristic_circuit(table, "b2").size
    assert bound.lower_bound == structural_lower_bound(prepare(table, "b2"))


def test_references_the_basis_cannot_express_are_skipped() -> None:
    # x0 OR x1 written as (x0 XOR x1) OR (x0 AND x1): right, but the monotone basis has no XOR.
    gates = (Gate(0x6, (0, 1)), Gate(0x8, (0, 1)), Gate(0xE, (5, 6)))
    reference = Circuit(5, gates, (Output(7, False),), "b2")
    table = TruthTable.from_bits(5, rows_computed(reference))
    bound = strong_upper_bound(table, "mono", {"xor": reference}, budget=0)
    assert set(bound.sizes) == {"heuristic"}
    assert rows_computed(bound.circuit) == list(table.outputs)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(start=single_output(4, 9), basis=st.sampled_from(["b2", "aig"]))
def test_a_search_from_a_start_finds_the_plain_minimum(start: Circuit, basis: str) -> None:
    table = TruthTable.from_bits(4, rows_computed(start))
    if basis == "aig":
        from circuits.improve.rewrite import to_basis

        start = to_basis(start, "aig")
    events = list(size_module.size_search(table, basis, "minisat22", False, start.verify(table)))
    best = min((e.circuit for e in events if isinstance(e, Found)), key=lambda c: c.size)
    assert rows_computed(best) == list(table.outputs)
    assert best.size == plain_minimum_size(table, basis)


def test_the_start_caps_the_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    table = TruthTable.from_bits(5, [0x50041C08])
    optimum = minimum_size(table, "b2")
    assert optimum.optimal
    asked: list[int] = []
    real = size_module.exact_solver(False)

    def counting(in_parts: bool, engine: str = "ssv"):
        def solve(spec, gates, solver, *rest, **options):
            asked.append(gates)
            return real(spec, gates, solver, *rest, **options)

        return solve

    monkeypatch.setattr(size_module, "exact_solver", counting)
    events = list(size_module.size_search(table, "b2", "minisat22", False, optimum.circuit))
    lower = size_lower_bound(prepare(table, "b2"))
    assert lower < optimum.circuit.size < heuristic_circuit(table, "b2").size  # the start matters here
    assert asked == list(range(lower, optimum.circuit.size))
    assert min(e.circuit.size for e in events if isinstance(e, Found)) == optimum.circuit.size


def test_a_wrong_start_is_refused() -> None:
    table = TruthTable.from_bits(5, [0x50041C08])
    other = heuristic_circuit(TruthTable.from_bits(5, [0x50041C09]), "b2")
    with pytest.raises(VerificationError):
        minimum_size(table, "b2", start=other)
    with pytest.raises(InputError):
        minimum_size(table, "aig", start=heuristic_circuit(table, "b2"))


def test_small_functions_get_no_pass_without_references() -> None:
    table = TruthTable.from_bits(4, [0x6996])
    assert search_start(table, "b2") is None
    assert search_start(table, "b2", {"h": heuristic_circuit(table, "b2")}) is not None


def test_a_size_job_with_references_is_another_job_and_reports_its_start() -> None:
    table = TruthTable.from_bits(5, [0x50041C08])
    reference = heuristic_circuit(table, "b2")
    config = BenchConfig("size", "b2", "minisat22", 60.0).checked()
    plain, with_references = synthesis_job(table, config), synthesis_job(table, config, {"h": reference})
    assert plain.key != with_references.key
    result = synthesize(with_references.payload)
    assert result["start"]["size"] <= reference.size
    assert result["optimal"] and result["size"] <= result["start"]["size"]
    assert rows_computed(Circuit.from_dict(result["circuit"])) == list(table.outputs)


def test_the_rewriting_pass_runs_where_the_start_is_above_the_lower_bound() -> None:
    table = TruthTable.from_bits(5, [0xFFE8E880])
    reference = heuristic_circuit(table, "b2")
    bound = strong_upper_bound(table, "b2", {"h": reference}, budget=0.3)
    assert {"rewritten:heuristic", "rewritten:reference:h"} <= set(bound.sizes)
    assert rows_computed(bound.circuit) == list(table.outputs)
    assert bound.lower_bound <= bound.circuit.size <= min(bound.sizes.values())
    assert bound.cpu_seconds > 0


def test_an_interrupt_during_the_rewriting_pass_stops_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """The improvement loop catches an interrupt and returns its circuit; the starting pass must
    re-raise it, the same interrupt, or a stopped `circuits solve` would go on into the search and a
    study would store a job whose window worker was killed."""
    import signal

    import circuits.improve.loop as loop_module
    from circuits.improve.pool import WorkerPool
    from circuits.interrupts import Interrupted

    killed = Interrupted(signal.SIGKILL, "a search worker was killed by SIGKILL")

    def worker_dies(self, until=None):
        raise killed

    monkeypatch.setattr(WorkerPool, "wait", worker_dies)
    # The global pass alone may already reach the bound; without it the windows' pool must run.
    monkeypatch.setattr(loop_module, "global_pass", lambda *args, **kwargs: None)
    table = TruthTable.from_bits(5, [0xFFE8E880])
    with pytest.raises(Interrupted) as stopped:
        strong_upper_bound(table, "b2", {"h": heuristic_circuit(table, "b2")}, budget=0.3)
    assert stopped.value is killed


def test_the_starting_pass_counts_against_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """solve --timeout bounds the whole command: the search gets what the starting pass left."""
    import types

    import circuits.improve.upper_bound as upper_bound_module

    now = [100.0]
    pass_seconds = [3.0]

    def slow_start(*args):
        now[0] += pass_seconds[0]
        return None

    monkeypatch.setattr(upper_bound_module, "time", types.SimpleNamespace(perf_counter=lambda: now[0]))
    monkeypatch.setattr(upper_bound_module, "search_start", slow_start)
    table = TruthTable.from_bits(5, [0xFFE8E880])
    assert upper_bound_module.timed_search_start(table, "b2", None, 10.0)[1] == pytest.approx(7.0)
    pass_seconds[0] = 30.0
    assert upper_bound_module.timed_search_start(table, "b2", None, 10.0)[1] == upper_bound_module.MIN_SEARCH_SECONDS
    assert upper_bound_module.timed_search_start(table, "b2", None, None)[1] is None

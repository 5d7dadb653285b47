"""The study's building blocks: problem and basis selection, cost translation, job keys, highlights."""

from __future__ import annotations

import pytest

from circuits.circuit import Circuit, Gate, Output
from circuits.errors import InputError
from circuits.problems.suite import get_problem
from circuits.study.config import QUICK_BASES, QUICK_PROBLEMS, StudyConfig, parse_bases, select_problems
from circuits.study.jobs import analysis_job, enumeration_job, gate_of_ref, improvement_job, power_job
from circuits.study.sets import translated_size

XOR3 = Circuit(3, (Gate(0x6, (0, 1)), Gate(0x6, (3, 2))), (Output(4),))
AND_NOT_OUT = Circuit(2, (Gate(0x8, (0, 1)),), (Output(2, negated=True),))


def test_translated_size_counts_each_gate_in_the_target_basis():
    assert translated_size(XOR3, "b2") == 2
    assert translated_size(XOR3, "aig") == 6  # XOR = 3 ANDs with free inverters
    assert translated_size(XOR3, "mono") is None  # XOR has no monotone rewrite
    assert translated_size(AND_NOT_OUT, "aig") == 1
    assert translated_size(AND_NOT_OUT, "mono") is None  # negation is not free in mono


def test_problem_and_basis_selection():
    assert [p.name for p in select_problems(None, quick=True)] == list(QUICK_PROBLEMS)
    quick = StudyConfig(problem_bases=QUICK_BASES)
    assert {p.name: quick.bases_for(p) for p in select_problems(None, quick=True)} == dict(QUICK_BASES)
    assert [p.name for p in select_problems("PM4, path3")] == ["pm4", "path3"]
    assert parse_bases(None) == ("b2", "aig", "mono")
    assert parse_bases("aig,b2,aig") == ("aig", "b2")
    config = StudyConfig(bases=("b2", "mono"))
    assert config.bases_for(get_problem("pm4")) == ("b2", "mono")  # monotone
    assert config.bases_for(get_problem("parity5")) == ("b2",)
    with pytest.raises(InputError, match="unknown basis"):
        StudyConfig(bases=("b3",)).checked()


def test_job_keys_name_what_determines_the_answer():
    spec = get_problem("path3").truth_table()
    base = enumeration_job(spec, "b2", 2, None, 100, None, "cadical195", timeout=5)
    assert enumeration_job(spec, "b2", 2, None, 100, None, "cadical195", timeout=50).key == base.key
    assert enumeration_job(spec, "aig", 2, None, 100, None, "cadical195", timeout=5).key != base.key
    assert enumeration_job(spec, "b2", 2, 1, 100, None, "cadical195", timeout=5).key != base.key
    problem = get_problem("path3")
    circuit = Circuit(3, (Gate(0x8, (0, 2)),), (Output(3),))
    plain = analysis_job(problem, circuit, 200, 0)
    assert analysis_job(problem, circuit, 200, 0).key == plain.key
    assert analysis_job(problem, circuit, 100, 0).key != plain.key
    assert analysis_job(problem, circuit, 200, 0, {"02": 0.5}).key != plain.key
    assert analysis_job(problem, circuit, 200, 0, objective=True).key != plain.key
    budget = power_job(problem, "b2", 3, None, 200, 0, timeout=5)
    assert power_job(problem, "b2", 3, None, 200, 0, timeout=50).key == budget.key
    assert power_job(problem, "b2", 4, None, 200, 0, timeout=5).key != budget.key
    assert power_job(problem, "b2", 3, 2, 200, 0, timeout=5).key != budget.key


def test_improvement_keys_name_the_start_and_the_objective_not_the_time_limit():
    base = improvement_job(XOR3, "size", "cadical195", timeout=5)
    assert improvement_job(XOR3, "size", "cadical195", timeout=50).key == base.key
    assert improvement_job(XOR3, "depth", "cadical195", timeout=5).key != base.key
    assert improvement_job(Circuit(3, XOR3.gates, XOR3.outputs, basis="xaig"), "size", "cadical195", timeout=5).key != base.key
    assert improvement_job(AND_NOT_OUT, "size", "cadical195", timeout=5).key != base.key
    assert improvement_job(XOR3, "size", "glucose4", timeout=5).key != base.key


def test_wire_references_map_to_gates_only():
    problem = get_problem("path3")  # inputs e01, e02, e12
    circuit = Circuit(3, (Gate(0x8, (0, 2)), Gate(0xE, (3, 1))), (Output(4),))
    assert gate_of_ref("x3", circuit, problem) == 3
    assert gate_of_ref("!x4", circuit, problem) == 4
    assert gate_of_ref("e01", circuit, problem) is None
    assert gate_of_ref("x1", circuit, problem) is None  # an input, not a gate
    assert gate_of_ref("x9", circuit, problem) is None  # no such node

"""SAT-based parts of the analyzer on tiny instances: RT, goal locality, and the nulls N1, N3, N4."""

from __future__ import annotations

import pytest

from circuits.circuit import Output, circuit_from_gates
from circuits.problems.references import reference_circuits
from circuits.problems.suite import get_problem
from circuits.truthtable import full_mask, input_table
from circuits.analysis import analyze_circuit
from circuits.analysis.nulls import (
    base_rates,
    matched_random_minima,
    null_models,
    null_weights,
    percentile,
    same_function_circuits,
)
from circuits.analysis.retarget import edit_distance, goal_locality, retargetability

AND, OR, XOR = 0x8, 0xE, 0x6


def test_edit_distance_counts_changed_and_added_gates():
    circuit = circuit_from_gates(3, [(AND, 0, 1), (AND, 3, 2)], [Output(4)])  # x0 & x1 & x2
    x = [input_table(3, j) for j in range(3)]
    assert edit_distance(circuit, circuit.output_tables()).distance == 0
    assert edit_distance(circuit, [x[0] & x[1]]).distance == 0  # an existing wire: re-point the output
    assert edit_distance(circuit, [(x[0] & x[1]) | x[2]]).distance == 1  # one op changes
    assert edit_distance(circuit, [x[0] ^ x[1] ^ x[2]]).distance == 2  # both gates change
    majority = (x[0] & x[1]) | (x[0] & x[2]) | (x[1] & x[2])
    capped = edit_distance(circuit, [majority], max_edit=1)
    assert capped.distance is None and capped.lower == 2  # MAJ3 needs 4 gates: ≥ 2 edits, proven


def test_retargetability_on_a_goal_family():
    problem = get_problem("sat2x2")
    result = retargetability(reference_circuits(problem)["brute_force"], problem)
    assert result.value is not None and result.value > 0.8
    assert {e["distance"] for e in result.evidence["edits"].values()} <= {0, 1}
    assert retargetability(reference_circuits(get_problem("parity5"))["lookup"], get_problem("parity5")).value is None


def test_analyze_circuit_runs_rt_only_when_asked():
    problem = get_problem("sat2x2")
    bf = reference_circuits(problem)["brute_force"]
    assert "rt" not in analyze_circuit(bf, problem, decoys=0).metrics
    assert analyze_circuit(bf, problem, decoys=0, retarget=True).value("rt") > 0.8


def test_goal_locality_reports_cone_and_cut():
    problem = get_problem("goal-path4")
    result = goal_locality(reference_circuits(problem)["brute_force"], problem)
    assert 0.0 < result.value <= 1.0
    assert result.evidence["min_goal_cut"] >= 1
    # a goal input read by the output gate itself leaves no gate to cut
    n = problem.n
    goal = problem.goal_inputs[0]
    direct = circuit_from_gates(n, [(AND, 0, 1), (AND, n, goal)], [Output(n + 1)])
    assert goal_locality(direct, problem).evidence["min_goal_cut"] is None
    assert goal_locality(direct, get_problem("tri4")).value is None


def test_goal_cut_is_a_min_vertex_cut():
    problem = get_problem("goal-path4")
    g0, g1 = problem.goal_inputs
    # both goal bits funnel through one gate (node 8) before reaching three readers
    gates = [(AND, g0, g1), (AND, 8, 0), (AND, 8, 1), (AND, 8, 2), (OR, 9, 10), (OR, 12, 11)]
    circuit = circuit_from_gates(8, gates, [Output(13)])
    evidence = goal_locality(circuit, problem).evidence
    assert evidence["min_goal_cut"] == 1 and evidence["forward_cone_gates"] == 6


def test_n1_samples_larger_circuits_of_the_same_function():
    problem = get_problem("layer2x1")
    s_min, found = same_function_circuits(problem, per_size=4, seed=1, timeout=60)
    assert s_min == 3
    assert sorted(found) == [3, 4, 5, 6]
    spec = problem.truth_table()
    for size, (circuits, _) in found.items():
        assert circuits and all(c.size == size and c.computes(spec) for c in circuits)


def test_n4_base_rates_and_weights():
    problem = get_problem("tri4")
    refs = reference_circuits(problem)
    rates = base_rates(problem, [refs["brute_force"], refs["lookup"]])
    covered_by_lookup = analyze_circuit(refs["lookup"], problem, decoys=0).metrics["cc"].evidence["covered"]
    # The four triangles form one orbit of Aut(TRI4), so each gets the orbit's average share:
    # the brute force computes all four, the lookup some of them.
    expected = (4 + len(covered_by_lookup)) / 8
    assert 0 < len(covered_by_lookup) < 4
    for rate in rates.values():
        assert rate == expected
    assert null_weights({"a": 0.25}) == {"a": 0.75}
    assert base_rates(problem, []) == {}


def test_n3_minima_are_verified_and_unrelated():
    problem = get_problem("path3")
    minima = matched_random_minima(problem, size=2, count=3, seed=0, timeout=60)
    assert len(minima) == 3
    for circuit, optimal in minima:
        assert optimal and circuit.inputs == 3
        assert tuple(circuit.output_tables()) != problem.outputs
        assert circuit.output_tables()[0] not in (0, full_mask(3))


def test_n3_minima_in_the_monotone_basis_are_monotone_circuits():
    """A random function is almost never monotone, so the mono basis draws from AND/OR circuits."""
    from circuits.problems.tables import is_monotone

    problem = get_problem("path4")
    minima = matched_random_minima(problem, size=6, count=3, basis="mono", seed=0, timeout=60)
    assert len(minima) == 3
    for circuit, optimal in minima:
        assert optimal and circuit.basis == "mono"
        assert is_monotone(6, circuit.output_tables()[0])


def test_null_report_for_a_small_problem():
    report = null_models(get_problem("layer2x1"), per_size=2, random_functions=2, decoys=5, seed=0, timeout=60)
    doc = report.to_dict()
    assert doc["s_min"] == 3 and sorted(doc["n1"]) == ["3", "4", "5", "6"]
    assert doc["n1"]["3"]["score"]["count"] >= 1
    assert doc["n3"]["score"]["count"] == 2
    assert set(doc["weights"]) == {c.name for c in get_problem("layer2x1").candidates}
    assert all(0.0 <= w <= 1.0 for w in doc["weights"].values())


def test_percentile_helper():
    assert percentile(0.5, [0.1, 0.5, 0.9, 0.9]) == pytest.approx(37.5)
    assert percentile(0.5, []) is None

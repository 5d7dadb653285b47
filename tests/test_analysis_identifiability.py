"""Identifiability (non-search controls must score below the bar), lookup-likeness, power (could the
bar be reached at the optimum's size?) and the objective axis O, on the suite's problems."""

from __future__ import annotations

import pytest

from circuits.circuit import Circuit, Gate, Output
from circuits.problems.model import Candidate, SearchProblem
from circuits.problems.references import reference_circuits, shannon_lookup
from circuits.problems.suite import all_problems, get_problem
from circuits.analysis import SEARCH_THRESHOLD, analyze_circuit
from circuits.analysis.identifiability import control_circuits, identifiability, judge_controls
from circuits.analysis.objective import OBJECTIVE_THRESHOLD, objective_explicitness
from circuits.analysis.power import assess_power, counting_bound
from circuits.analysis.retarget import edit_distance, goal_cone

DECOYS = 8
#: Formulations under which a non-search control reaches the search bar, and why: the decision
#: diagram in some input order *is* the reach-set DP (LAYER2x2, the two small goal graphs) or the
#: threshold-count DP (MAJ5).
#: MUX4 joined with the states derived from the candidates: its factorization by a select bit has the
#: sub-multiplexers as kernels, which is exactly what a lookup splitting on the select bits computes.
NON_IDENTIFIABLE = {"layer2x2", "maj5", "goal-pendant", "goal-diamond", "mux4"}


@pytest.mark.parametrize("name", [p.name for p in all_problems()])
def test_identifiability_of_every_suite_problem(name):
    problem = get_problem(name)
    controls = control_circuits(problem)
    spec = problem.truth_table()
    for label, circuit in controls.items():
        # Lookups and the DNF compute the function; random circuits are drawn on all inputs.
        assert circuit.computes(spec) == (not label.startswith("random")), label
    assert "lookup" in controls and sum(label.startswith("random") for label in controls) == 6
    check = identifiability(problem, decoys=DECOYS)
    assert check.identifiable == (name not in NON_IDENTIFIABLE), check.reasons
    assert all(f">= {SEARCH_THRESHOLD}" in reason for reason in check.reasons)


def test_the_rule_and_the_lookup_orders():
    assert judge_controls({"lookup": 0.79, "random #0": 0.0}) == (True, [])
    ok, reasons = judge_controls({"lookup": 0.8})
    assert not ok and reasons == ["lookup scores S = 0.80 >= 0.8"]
    path4 = get_problem("path4")
    for order in [(0, 1, 2, 3, 4, 5), (3, 1, 4, 0, 5, 2)]:
        lookup = shannon_lookup(6, path4.outputs, order)
        assert lookup.computes(path4.truth_table())
        # The output mux selects on the first input of the order.
        assert order[0] in {f for g in lookup.gates[-3:] for f in g.fanins}
    # A DNF that is just the brute force's OR of verifiers is no separate control.
    assert "dnf" not in control_circuits(path4) and "dnf" in control_circuits(get_problem("col2-c5"))


def test_lookup_likeness_is_high_for_lookup_and_low_for_search_references():
    for problem in all_problems():
        if problem.kind != "search" or problem.n < 4:
            continue
        refs = reference_circuits(problem)
        ll = {name: analyze_circuit(c, problem, decoys=0).value("ll") for name, c in refs.items()}
        assert ll["lookup"] >= 0.45, (problem.name, ll)
        for name in refs:
            if name == "brute_force" or name.startswith("dp"):
                assert ll[name] <= 0.25, (problem.name, name, ll)


def test_lookup_likeness_counts_mux_triads_on_inputs():
    problem = get_problem("tri4")
    result = analyze_circuit(reference_circuits(problem)["lookup"], problem, decoys=0)
    evidence = result.metrics["ll"].evidence
    assert evidence["mux_triads"]["raw_input"] > 0
    assert len(evidence["lookup_gates"]) / result.size == result.value("ll")


# -- power --------------------------------------------------------------------------------------
def test_no_power_by_counting_for_p2_4_and_col2():
    """P2-4's optima have 7 gates; clearing the bar needs 9 of its 12 cherries as wires and an OR tree
    over them. COL2-C5's have 5; the bar needs 11 of its 14 non-trivial colourings as wires."""
    needed, how = counting_bound(get_problem("p2-4"))
    assert needed == 17 and "9 candidate wires" in how
    assert assess_power(get_problem("p2-4"), "mono", 8, decoys=DECOYS).status == "no power"
    needed, how = counting_bound(get_problem("col2-c5"))
    assert needed == 12 and "11 candidate wires" in how
    assert assess_power(get_problem("col2-c5"), "b2", 6, decoys=DECOYS).status == "no power"
    assert assess_power(get_problem("col2-c5"), "b2", 6, depth_budget=3, decoys=DECOYS).status == "no power"


def test_no_power_proven_by_exact_search():
    """Three 3-input conjunctions sharing b·d: the counting bound allows 5 gates, but exact synthesis
    proves that no 5-gate circuit computes the function and all three verifiers."""
    from circuits.problems.tables import table_from_function

    verifiers = [table_from_function(5, lambda b, j=j: b[1] and b[3] and b[j]) for j in (0, 2, 4)]
    problem = SearchProblem(
        "and3", "", tuple("abcde"), "exists", tuple(Candidate(str(j), v) for j, v in enumerate(verifiers)),
        (verifiers[0] | verifiers[1] | verifiers[2],),
    )
    assert counting_bound(problem)[0] == 5
    result = assess_power(problem, "b2", 5, decoys=DECOYS, timeout=60)
    assert result.status == "no power" and "exact search proves" in result.reason
    assert assess_power(problem, "b2", 6, decoys=DECOYS, timeout=60).status == "power"


def test_power_witnessed_by_a_reference():
    result = assess_power(get_problem("path4"), "mono", 9, decoys=DECOYS)
    assert result.status == "power" and result.witness["name"] == "reference dp"
    circuit = Circuit.from_dict(result.witness["circuit"])
    assert circuit.size <= 9 and circuit.computes(get_problem("path4").truth_table())
    # The goal problem's witness must clear the objective bar as well.
    pendant = assess_power(get_problem("goal-pendant"), "b2", 8, decoys=DECOYS)
    assert pendant.status == "power" and pendant.witness["o"] >= OBJECTIVE_THRESHOLD


# -- the objective axis -------------------------------------------------------------------------
def test_objective_axis_on_goal_references():
    """The pendant's DP computes the reach sets without the goal and tests the goal's target at the
    end; its brute force tests the goal inside every (target, path) verifier. More in
    tests/test_analysis_objective.py."""
    pendant = get_problem("goal-pendant")
    refs = reference_circuits(pendant)
    assert objective_explicitness(refs["dp"], pendant).value >= OBJECTIVE_THRESHOLD
    assert objective_explicitness(refs["brute_force"], pendant).value < OBJECTIVE_THRESHOLD
    assert objective_explicitness(reference_circuits(get_problem("path4"))["dp"], get_problem("path4")).value is None


def test_retargets_are_optional_evidence_of_the_objective_axis():
    """Declared retargets no longer enter O; asked for, their edit distances inside the goal stage
    join its evidence (GOAL-PENDANT's DP: each retarget is one changed gate)."""
    pendant = get_problem("goal-pendant")
    dp = reference_circuits(pendant)["dp"]
    plain = objective_explicitness(dp, pendant)
    with_edits = objective_explicitness(dp, pendant, retargets=True, timeout=10)
    assert "retarget_edits_in_goal_stage" not in plain.evidence
    assert with_edits.value == plain.value
    edits = with_edits.evidence["retarget_edits_in_goal_stage"]
    assert set(edits) == {name for name, _ in pendant.retargets}
    assert all(e["distance"] == 1 for e in edits.values())


def test_retargeting_only_inside_the_goal_cone():
    """f = g ? a∧b : a∨b with g entering at the end: switching the second objective to a⊕b needs
    one changed gate, and that gate lies in the goal cone only if the edit touches the mux side."""
    gates = (Gate(0x8, (0, 1)), Gate(0xE, (0, 1)), Gate(0x8, (2, 3)), Gate(0x2, (4, 2)), Gate(0xE, (5, 6)))
    circuit = Circuit(3, gates, (Output(7),))
    cone = goal_cone(circuit, (2,))
    assert cone == frozenset({5, 6, 7})
    a, b, g = (0xAA, 0xCC, 0xF0)
    goal = [(g & a & b) | (~g & 0xFF & (a ^ b))]
    free = edit_distance(circuit, goal, timeout=10)
    inside = edit_distance(circuit, goal, timeout=10, editable=cone)
    assert free.distance == 1  # rewrite the OR gate (outside the cone) into XOR
    assert inside.distance is not None and inside.distance >= free.distance


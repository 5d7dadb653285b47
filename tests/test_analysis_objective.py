"""The objective axis O (docs/analyzer.md, the objective axis O): on every goal-as-input problem a
generate-and-test circuit whose goal enters only at the goal comparison clears the bar, the same
function with the goal folded into every verifier does not, and lookups and DNFs keep S below the
search bar whatever their O. Edge cases (the goal at the first gate, a final multiplexer, a gate
that reads the goal without depending on it, a dead verifier wire, nothing to reduce) and the two
properties O rests on (the cut determines the goal stage; invariance under Aut(P)) are checked on
hand-built and random circuits."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circuits.basis import NONTRIVIAL_OPS
from circuits.circuit import Circuit, Gate, Output
from circuits.problems.model import Candidate, SearchProblem
from circuits.problems.references import objective_archetypes, reference_circuits
from circuits.problems.suite import all_problems, get_problem
from circuits.problems.tables import permute_table, table_from_function
from circuits.problems.validity import formulation_automorphisms
from circuits.analysis import analyze_circuit
from circuits.analysis.bar import Scored, explicit_objective
from circuits.analysis.identifiability import control_circuits
from circuits.analysis.objective import OBJECTIVE_THRESHOLD, GoalSplit, objective_explicitness
from circuits.analysis.power import assess_power
from circuits.analysis.score import SEARCH_THRESHOLD
from test_analysis_identifiability import NON_IDENTIFIABLE

GOAL_PROBLEMS = [p.name for p in all_problems() if p.goal_inputs]
#: The goal family whose DP references compute a goal-free summary and test the goal last.
GOAL_FAMILY = ("goal-pendant", "goal-diamond", "goal-path4", "goal-subsum2x2")
DECOYS = 50
OPS = sorted(NONTRIVIAL_OPS)


def test_the_goal_family_is_covered():
    assert set(GOAL_FAMILY) <= set(GOAL_PROBLEMS)


@pytest.mark.parametrize("name", GOAL_PROBLEMS)
def test_goal_after_candidates_clears_the_objective_bar_and_folded_does_not(name):
    problem = get_problem(name)
    archetypes = objective_archetypes(problem)
    after, folded = archetypes["goal_after_candidates"], archetypes["goal_folded"]
    for circuit in (after, folded):
        assert circuit.computes(problem.truth_table())
    o_after = objective_explicitness(after, problem)
    o_folded = objective_explicitness(folded, problem)
    assert o_after.value >= OBJECTIVE_THRESHOLD and o_after.evidence["o_enum"] == 1.0
    # Every goal-dependent verifier's cut is raw data: no reduction happens before the goal enters.
    assert o_folded.value < OBJECTIVE_THRESHOLD and o_folded.evidence["o_enum"] == 0.0
    assert all(c["score"] == 0.0 for c in o_folded.evidence["candidates"].values())
    # The goal-after-candidates circuit is generate and test, and S sees it.
    assert analyze_circuit(after, problem, decoys=DECOYS).score >= SEARCH_THRESHOLD


def test_on_the_goal_family_both_archetypes_are_search_and_only_o_tells_them_apart():
    for name in GOAL_FAMILY:
        problem = get_problem(name)
        archetypes = objective_archetypes(problem)
        assert objective_explicitness(archetypes["goal_folded"], problem).value == 0.0
        for circuit in archetypes.values():
            assert analyze_circuit(circuit, problem, decoys=DECOYS).score >= SEARCH_THRESHOLD


def test_the_subset_sum_archetype_clears_the_objective_bar():
    """GOAL-SUBSUM2x2's brute force adds a + b without the goal, compares a, b and a + b with T and
    ORs the three tests (19 gates). Both declared retargets are beyond 3 edits, which no longer
    matters: O reads where the goal enters."""
    problem = get_problem("goal-subsum2x2")
    circuit = reference_circuits(problem)["brute_force"]
    assert circuit.size == 19
    result = analyze_circuit(circuit, problem, decoys=DECOYS, objective=True)
    assert result.score >= SEARCH_THRESHOLD
    o = result.metrics["o"]
    assert o.value >= OBJECTIVE_THRESHOLD
    pair = o.evidence["candidates"]["ab"]
    # The cut of [a + b = T] is the 3-bit sum (7 values) where the test needs 5 classes (sums 0..3
    # and "more"): log2 7 against log2 5 of the 4 raw bits' 16 values.
    assert pair["raw"] == 4 and pair["cut_bits"] == pytest.approx(2.807355, abs=1e-6)
    assert pair["score"] == pytest.approx(1 - (2.807355 - 2.321928) / (4 - 2.321928), abs=1e-5)
    # The singletons' tests need no reduction (a itself is the feature), so they weigh nothing.
    assert set(o.evidence["candidates"]) == {"ab"}


@pytest.mark.parametrize("name", sorted(set(GOAL_PROBLEMS) - NON_IDENTIFIABLE))
def test_lookups_and_dnfs_stay_below_the_search_bar_whatever_their_objective(name):
    """On a non-identifiable goal problem some control clears the search bar (that is the flag),
    the study withholds a verdict there, and O is not asked to make up for S."""
    problem = get_problem(name)
    controls = {k: c for k, c in control_circuits(problem).items() if k.startswith(("lookup", "dnf"))}
    for kind, circuit in controls.items():
        result = analyze_circuit(circuit, problem, decoys=DECOYS, objective=True)
        assert result.score < SEARCH_THRESHOLD, (kind, result.score)
    # The goal bits are the last inputs, so the declared lookup splits on them first: a final
    # selection among goal-free per-goal answers, which O reads as the goal entering at the end.
    k = len(problem.goal_inputs)
    assert set(problem.goal_inputs) == set(range(problem.n - k, problem.n))
    assert objective_explicitness(controls["lookup"], problem).value == 1.0


@pytest.mark.parametrize("name", GOAL_FAMILY)
def test_dp_with_the_goal_test_at_the_end_clears_the_objective_bar(name):
    """Every goal problem's DP computes its summary without the goal (reach sets, reachable sums)
    and tests the goal last: its cut carries exactly the goal profile."""
    problem = get_problem(name)
    o = objective_explicitness(reference_circuits(problem)["dp"], problem)
    assert o.value == 1.0 and o.evidence["o_prop"] == 1.0
    assert o.evidence["outputs"]["cut_bits"] == o.evidence["outputs"]["needed"]


# -- edge cases on a small hand-built problem ------------------------------------------------------
def _pair_problem() -> SearchProblem:
    """Inputs a, b, c, g: the goal g picks the test: g = 0 asks a∧b, g = 1 asks b∧c."""
    n = 4
    first = table_from_function(n, lambda x: x[3] == 0 and x[0] and x[1])
    second = table_from_function(n, lambda x: x[3] == 1 and x[1] and x[2])
    return SearchProblem(
        name="pair", description="", input_names=("a", "b", "c", "g"), mode="exists",
        candidates=(Candidate("ab", first), Candidate("bc", second)), outputs=(first | second,), goal_inputs=(3,),
    )


def test_goal_at_the_first_gate_does_not_clear():
    """g∧a first, then ∧b: the goal meets raw data at once; O = 0 on both readings."""
    problem = _pair_problem()
    # 4 = ¬g∧a, 5 = (4)∧b, 6 = g∧b, 7 = (6)∧c, 8 = OR
    gates = (Gate(0x4, (3, 0)), Gate(0x8, (4, 1)), Gate(0x8, (3, 1)), Gate(0x8, (6, 2)), Gate(0xE, (5, 7)))
    circuit = Circuit(4, gates, (Output(8),))
    assert circuit.computes(problem.truth_table())
    o = objective_explicitness(circuit, problem)
    assert o.value == 0.0 and o.evidence["o_enum"] == 0.0 and o.evidence["o_prop"] == 0.0


def test_a_final_multiplexer_over_goal_free_answers_clears():
    """a∧b and b∧c computed without the goal, then g selects: the whole computation is goal-free
    but the final mux, and O reads it as an explicit objective (the goal enters only at the end)."""
    problem = _pair_problem()
    # 4 = a∧b, 5 = b∧c, 6 = ¬g∧(4), 7 = g∧(5), 8 = OR
    gates = (Gate(0x8, (0, 1)), Gate(0x8, (1, 2)), Gate(0x2, (4, 3)), Gate(0x8, (3, 5)), Gate(0xE, (6, 7)))
    circuit = Circuit(4, gates, (Output(8),))
    assert circuit.computes(problem.truth_table())
    o = objective_explicitness(circuit, problem)
    assert o.value == 1.0 and o.evidence["o_enum"] == 1.0 and o.evidence["o_prop"] == 1.0
    assert o.evidence["goal_stage_gates"] == 3


def test_a_gate_that_reads_the_goal_without_depending_on_it_is_goal_free():
    """(a∧g) ∨ (a∧¬g) = a reads g structurally; an intervention on g never changes it, so it
    belongs to the candidate part and O equals that of the circuit without the detour."""
    problem = _pair_problem()
    # 4 = a∧g, 5 = a∧¬g, 6 = (4)∨(5) = a, 7 = (6)∧b, 8 = b∧c, 9 = ¬g∧(7), 10 = g∧(8), 11 = OR
    gates = (
        Gate(0x8, (0, 3)), Gate(0x2, (0, 3)), Gate(0xE, (4, 5)), Gate(0x8, (6, 1)), Gate(0x8, (1, 2)),
        Gate(0x2, (7, 3)), Gate(0x8, (3, 8)), Gate(0xE, (9, 10)),
    )
    circuit = Circuit(4, gates, (Output(11),))
    assert circuit.computes(problem.truth_table())
    split = GoalSplit(circuit, problem.goal_inputs)
    assert 6 not in split.dependent and {4, 5} <= split.dependent
    assert objective_explicitness(circuit, problem).value == 1.0


def test_a_dead_verifier_wire_is_not_a_goal_test():
    """A goal-after-candidates verifier that feeds no output does not lift a folded circuit."""
    problem = _pair_problem()
    folded = (Gate(0x4, (3, 0)), Gate(0x8, (4, 1)), Gate(0x8, (3, 1)), Gate(0x8, (6, 2)), Gate(0xE, (5, 7)))
    dead = (Gate(0x8, (0, 1)), Gate(0x2, (9, 3)))  # 9 = a∧b, 10 = ¬g∧(9): verifier "ab", unread
    circuit = Circuit(4, folded + dead, (Output(8),))
    o = objective_explicitness(circuit, problem)
    assert o.value == 0.0 and o.evidence["candidates"]["ab"]["wire"] == "x5"


def test_objective_is_undefined_when_nothing_needs_reducing():
    """[a = T] on 2-bit a and T: the goal profile of a is a itself, so no cut can carry less than
    the raw data and O cannot tell where the goal enters."""
    n = 4
    table = table_from_function(n, lambda x: x[0] == x[2] and x[1] == x[3])
    problem = SearchProblem(
        name="eq", description="", input_names=("a0", "a1", "t0", "t1"), mode="exists",
        candidates=(Candidate("a", table),), outputs=(table,), goal_inputs=(2, 3),
    )
    circuit = Circuit(4, (Gate(0x9, (0, 2)), Gate(0x9, (1, 3)), Gate(0x8, (4, 5))), (Output(6),))
    assert circuit.computes(problem.truth_table())
    o = objective_explicitness(circuit, problem)
    assert o.value is None and "raw data" in o.evidence["reason"]
    # An undefined O never clears the objective bar.
    assert not explicit_objective(Scored(score=1.0, objective=o.value))


def test_objective_is_undefined_without_goal_inputs():
    problem = get_problem("path4")
    assert objective_explicitness(reference_circuits(problem)["dp"], problem).value is None


# -- properties on random circuits ---------------------------------------------------------------
@st.composite
def goal_circuits(draw):
    """A random circuit on a goal problem's inputs (a reference with extra gates, or random gates)."""
    problem = get_problem(draw(st.sampled_from(GOAL_PROBLEMS)))
    n = problem.n
    if draw(st.booleans()):
        refs = dict(reference_circuits(problem)) | objective_archetypes(problem)
        base = refs[draw(st.sampled_from(sorted(refs)))]
        gates, outputs = list(base.gates), list(base.outputs)
    else:
        gates, outputs = [], []
    for _ in range(draw(st.integers(0 if gates else 1, 12))):
        node = n + len(gates)
        a = draw(st.integers(0, node - 1))
        gates.append(Gate(draw(st.sampled_from(OPS)), (a, draw(st.integers(0, node - 1).filter(lambda v: v != a)))))
    if not outputs or draw(st.booleans()):
        outputs = [Output(draw(st.integers(n, n + len(gates) - 1)), draw(st.booleans()))]
    return problem, Circuit(n, tuple(gates), tuple(outputs))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=goal_circuits())
def test_the_cut_determines_every_goal_stage_wire(case):
    """Hold a wire's cut fixed and change the data: whatever the goal, the wire does not change.
    This is what makes the cut a cut; O's bits rest on it."""
    problem, circuit = case
    split = GoalSplit(circuit, problem.goal_inputs)
    for node in sorted(split.dependent - set(problem.goal_inputs))[-3:]:
        cut = sorted(split.cut(node))
        seen: dict[tuple[int, ...], tuple[int, ...]] = {}
        for r in split.data_rows:
            key = tuple((split.tables[v] >> r) & 1 for v in cut)
            answers = tuple((split.tables[node] >> (r + offset)) & 1 for offset in split.goal_offsets)
            assert seen.setdefault(key, answers) == answers


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=goal_circuits(), data=st.data())
def test_objective_is_invariant_under_the_symmetries(case, data):
    problem, circuit = case
    sigma = data.draw(st.sampled_from(formulation_automorphisms(problem)))
    assert {sigma[j] for j in problem.goal_inputs} == set(problem.goal_inputs)
    image = circuit.with_inputs_permuted(sigma)
    assert image.output_tables() == [permute_table(problem.n, t, sigma) for t in circuit.output_tables()]
    first, second = objective_explicitness(circuit, problem), objective_explicitness(image, problem)
    assert first.value == second.value
    if first.value is not None:
        assert 0.0 <= first.value <= 1.0
        for key in ("o_enum", "o_prop", "goal_stage_gates"):
            assert first.evidence[key] == second.evidence[key]


def test_an_objective_archetype_can_witness_power(monkeypatch):
    """With no reference to try, the goal-after-candidates archetype (5 gates) shows power at 5
    gates; the goal-folded one, tried after it, would not clear O."""
    import circuits.problems.references as references

    problem = _pair_problem()
    monkeypatch.setattr(references, "reference_circuits", lambda p: {})
    result = assess_power(problem, "b2", 5, decoys=20)
    assert result.status == "power" and result.witness["name"] == "archetype goal_after_candidates"
    assert result.witness["o"] >= OBJECTIVE_THRESHOLD

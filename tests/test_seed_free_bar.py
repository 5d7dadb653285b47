"""The search bar does not depend on the decoy seed: every decoy where n ≤ 6, three seeds and a
*borderline* mark above that (circuits/analysis/decoys.py, analyze.py, bar.py)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.analysis import analyze_circuit
from circuits.analysis.analyze import BAR_SEEDS, formulation_for
from circuits.analysis.bar import Scored, borderline, mesa_like, search_style
from circuits.analysis.decoys import decoy_null, decoy_permutations, every_decoy, seed_free
from circuits.analysis.view import CircuitView
from circuits.problems.references import reference_circuits
from circuits.problems.suite import get_problem
from circuits.study.config import QUICK_PROBLEMS
from tests.random_circuits import circuits

SMALL = ("path4", "col2-c5", "goal-pendant")


@settings(max_examples=6)
@given(data=st.data(), name=st.sampled_from(SMALL), weighted=st.booleans())
def test_grouped_decoys_give_the_null_of_every_permutation(data: st.DataObject, name: str, weighted: bool) -> None:
    problem = get_problem(name)
    form = formulation_for(problem)
    circuit = data.draw(circuits(min_inputs=problem.n, max_inputs=problem.n, min_gates=3, max_gates=10, named=st.just(False)))
    circuit = type(circuit)(circuit.inputs, circuit.gates, circuit.outputs[:1] * len(problem.outputs), "b2")
    weights = [random.Random(len(circuit.gates)).random() for _ in problem.candidates] if weighted else None
    view = CircuitView(circuit, exclude_outputs=form.m == 1, input_names=problem.input_names)
    every = [form.renamed(p) for p in decoy_permutations(form, 10**6, 0)]
    full = decoy_null(view, every, weights)
    pairs = every_decoy(form, weighted)
    grouped = decoy_null(view, [f for f, _ in pairs], weights, [c for _, c in pairs])
    assert grouped.size == full.size == len(every)
    assert grouped.mean == pytest.approx(full.mean)
    for value in (0.0, 0.3, 0.7, 1.0):
        assert grouped.percentile(value) == pytest.approx(full.percentile(value))


def test_quick_study_bar_is_the_same_under_two_decoy_seeds() -> None:
    """Every quick-study problem has n ≤ 6, so its null holds every decoy: scores, percentiles and
    the bar's pass/fail are identical under decoy seeds 0 and 1 (here on each reference circuit)."""
    for name in QUICK_PROBLEMS:
        problem = get_problem(name)
        assert seed_free(formulation_for(problem)), name
        for circuit in reference_circuits(problem).values():
            first, second = (analyze_circuit(circuit, problem, seed=seed).to_dict() for seed in (0, 1))
            assert first == second
            scored = [Scored.from_analysis(a | {"values": {}}) for a in (first, second)]
            assert mesa_like(scored[0], problem.goal_inputs != ()) == mesa_like(scored[1], problem.goal_inputs != ())


def test_sampled_null_reports_each_seed() -> None:
    problem = get_problem("layer2x2")  # 8 inputs: the decoys are sampled
    assert not seed_free(formulation_for(problem))
    analysis = analyze_circuit(reference_circuits(problem)["brute_force"], problem, seed=3)
    assert [b["seed"] for b in analysis.seed_bar] == [3 + k for k in range(BAR_SEEDS)]
    assert analysis.seed_bar[0]["score"] == pytest.approx(analysis.score, abs=1e-6)


def test_a_quick_look_below_the_default_budget_samples_under_one_seed() -> None:
    problem = get_problem("path4")
    circuit = reference_circuits(problem)["brute_force"]
    quick = analyze_circuit(circuit, problem, decoys=20, seed=0)
    assert quick.decoys <= 20 + 4 and quick.seed_bar == []  # whole symmetry classes: up to |Aut| − 1 more
    assert analyze_circuit(circuit, problem).decoys == 716  # the default budget: every decoy


def test_borderline_circuit_never_clears_the_bar() -> None:
    passing = dict(score=0.85, ccm=0.9, ag=0.9, decoy_percentile=99.5)
    steady = Scored(**passing, seed_bar=((0.85, 99.5), (0.84, 99.2), (0.86, 100.0)))
    flipping = Scored(**passing, seed_bar=((0.85, 99.5), (0.79, 98.0), (0.86, 100.0)))
    assert search_style(steady) == "enumerative" and not borderline(steady)
    assert search_style(flipping) is None and borderline(flipping)
    assert not borderline(Scored(**passing))  # a null with every decoy has no seed to differ by

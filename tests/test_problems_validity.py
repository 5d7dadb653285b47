"""Validity checks (docs/problems.md): automorphism groups, witness transparency, degeneracy."""

from __future__ import annotations

import itertools

import pytest

from circuits.problems.graphs import complete_graph
from circuits.problems.model import Candidate, SearchProblem
from circuits.problems.suite import all_problems, get_problem
from circuits.problems.tables import generated_group, permute_table
from circuits.problems.validity import (
    candidate_automorphisms,
    check_problem,
    function_automorphisms,
    generators,
    transparent_witness,
    witness_function,
)


def naive_automorphisms(problem) -> set[tuple[int, ...]]:
    """Every input permutation, checked outright (no pruning)."""
    n = problem.n
    target = sorted(problem.verifier_tables())
    return {
        perm
        for perm in itertools.permutations(range(n))
        if sorted(permute_table(n, v, perm) for v in problem.verifier_tables()) == target
    }


@pytest.mark.parametrize("name", ["path4", "tri4", "col2-c5", "p2-4", "splen4", "rand6-s0", "rcirc6-s6", "add2"])
def test_pruned_search_finds_exactly_the_brute_force_group(name):
    problem = get_problem(name)
    assert set(candidate_automorphisms(problem)) == naive_automorphisms(problem)


def test_triangle_group_is_s4_on_edges():
    problem = get_problem("tri4")
    graph = complete_graph(4)
    induced = {graph.edge_permutation(dict(zip(range(4), p))) for p in itertools.permutations(range(4))}
    assert set(candidate_automorphisms(problem)) == induced
    assert len(induced) == 24


#: |Aut(P)| and |Aut(f)| worked out by hand. PATH4: {id, (1 2), (0 3), both} (reversing s and t
#: maps s-t paths to s-t paths; the first plan listed only (1 2)). PM4: the 3 matchings as edge pairs,
#: 3!·2^3. LAYER4x1: the 4 paths as edge pairs, 4!·2^4. ARGMAX: permuting the numbers permutes the
#: "is a maximum" verifiers but not the index outputs.
GROUP_SIZES = {
    "path4": (4, 4),
    "pm4": (48, 48),
    "layer4x1": (384, 384),
    "parity5": (120, 120),
    "maj5": (120, 120),
    "argmax3x2": (6, 1),
    "mux4": (2, 2),
    "tri4": (24, 24),
}


@pytest.mark.parametrize("name", sorted(GROUP_SIZES))
def test_group_sizes(name):
    problem = get_problem(name)
    assert (len(candidate_automorphisms(problem)), len(function_automorphisms(problem))) == GROUP_SIZES[name]


@pytest.mark.parametrize("problem", all_problems(), ids=lambda p: p.name)
def test_declared_symmetries_lie_in_the_group_and_generators_generate_it(problem):
    group = set(candidate_automorphisms(problem))
    assert generated_group(problem.n, problem.symmetries) <= group
    assert generated_group(problem.n, generators(problem.n, sorted(group))) == group


def test_transparency():
    assert transparent_witness(get_problem("mux4")) == (0, 1)
    assert transparent_witness(get_problem("parity5")) is not None  # the minterm witness is the input
    for name in ("path4", "tri4", "maj5", "sat2x2", "col2-c5", "ham4", "goal-path4"):
        assert transparent_witness(get_problem(name)) is None, name


def test_mux4_witness_function_is_the_select_bits():
    witness = witness_function(get_problem("mux4"))
    feasible = get_problem("mux4").outputs[0]
    assert witness.care == (feasible, feasible)
    for row in range(64):
        if (feasible >> row) & 1:
            assert [(t >> row) & 1 for t in witness.outputs] == [row & 1, (row >> 1) & 1]


def test_degeneracy_without_sat():
    assert check_problem(get_problem("pm4")).degenerate is True  # AND2 verifiers, m = 3
    assert check_problem(get_problem("path3")).degenerate is True  # 1 non-trivial candidate
    pending = check_problem(get_problem("path4"))
    assert pending.degenerate is None and pending.s_min is None
    assert pending.nontrivial_candidates == 4 and pending.verifier_max_support == 3


def test_degeneracy_with_sat():
    layer = check_problem(get_problem("layer2x1"), sat_timeout=10)
    assert (layer.s_bf, layer.s_min, layer.degenerate) == (3, 3, True)
    assert layer.witness_size is not None
    # PATH4: whether or not s_min is proven in 2 s, the DP circuit (8 gates) bounds it, so
    # s_bf = 10 >= s_min + 2 is decided: not degenerate.
    path = check_problem(get_problem("path4"), sat_timeout=2)
    assert path.s_min_bounds is not None and path.s_min_bounds[1] <= 8
    assert path.degenerate is False and path.informative is True


def test_validity_document_is_json_ready():
    import json

    doc = check_problem(get_problem("argmax3x2")).to_dict()
    assert json.loads(json.dumps(doc))["aut_size"] == 6


def test_user_problem_checks():
    """A problem with a single non-trivial candidate is degenerate and, with one candidate, its
    witness is trivially transparent."""
    problem = SearchProblem("one", "", ("a", "b"), "exists", (Candidate("ab", 0x8),), (0x8,))
    report = check_problem(problem)
    assert report.transparent and report.degenerate is True

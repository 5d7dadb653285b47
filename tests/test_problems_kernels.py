"""Propagation states derived from the candidates (circuits/problems/kernels.py): algebraic division
of the verifiers' sum of products, checked against independently computed reach sets."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, strategies as st

from circuits.problems.kernels import (
    candidate_products,
    derived_programs,
    derived_states,
    factorizations,
    quotient,
)
from circuits.problems.suite import all_problems, get_problem
from circuits.problems.tables import is_literal_or_constant, permute_table, table_from_function, union
from directed_path import EDGES, directed_path_problem, reaches
from circuits.problems.validity import candidate_automorphisms, check_problem
from circuits.truthtable import full_mask

def _literal(name: str) -> tuple[int, bool]:
    return (EDGES.index(name), True)


def test_the_issue_example_quotients_are_reach_sets():
    products = candidate_products(directed_path_problem())
    backward = quotient(products, _literal("sa"))  # at + ab·bt: "a reaches t"
    forward = quotient(products, _literal("bt"))  # sb + sa·ab: "s reaches b"
    n = len(EDGES)

    def table(kernel):
        return union(table_from_function(n, lambda bits, c=c: all(bits[j] == pos for j, pos in c)) for c in kernel)

    assert table(backward.kernel) == reaches("a", "t", avoid="s")
    assert table(forward.kernel) == reaches("s", "b", avoid="t")
    assert backward.cokernel == {_literal("sa")} and forward.cokernel == {_literal("bt")}


def test_the_derived_states_are_exactly_the_reach_sets():
    states = {s.table for s in derived_states(directed_path_problem())}
    expected = {reaches("s", v, avoid="t") for v in "ab"} | {reaches(v, "t", avoid="s") for v in "ab"}
    assert states == expected


def test_the_path_programs_are_forward_backward_and_their_meet():
    programs = derived_programs(directed_path_problem())
    names = [p.name for p in programs]
    assert names == ["kernels by sa, sb", "kernels by at, bt", "meet of (kernels by sa, sb) and (kernels by at, bt)"]
    spec = directed_path_problem().truth_table()
    assert all(p.circuit.computes(spec) for p in programs)


def test_path4_derives_its_declared_reach_sets():
    """The built-in PATH4 declares forward and backward reach sets by hand; the derivation finds
    exactly them (hand-written states are checked against the derived ones)."""
    problem = get_problem("path4")
    assert {s.table for s in derived_states(problem)} == {s.table for s in problem.states}


@pytest.mark.parametrize("name", [p.name for p in all_problems()])
def test_derived_states_are_closed_under_aut_p(name):
    problem = get_problem(name)
    states = {s.table for s in derived_states(problem)}
    mask = full_mask(problem.n)
    for perm in candidate_automorphisms(problem):
        for table in states:
            image = permute_table(problem.n, table, perm)
            assert image in states or image ^ mask in states
    assert not any(is_literal_or_constant(problem.n, t) for t in states)


def test_nothing_is_derived_without_products_or_uniformity():
    assert derived_programs(get_problem("subsum3x2")) == ()  # adder verifiers
    assert derived_programs(get_problem("rand6-s0")) == ()  # U = 0: its own implicants
    assert derived_programs(get_problem("splen4")) == ()  # first mode


@given(st.lists(st.frozensets(st.tuples(st.integers(0, 4), st.booleans()), min_size=1, max_size=4), min_size=1, max_size=6))
def test_factorizations_hit_every_product_exactly_once(raw):
    products = [c for c in raw if len({j for j, _ in c}) == len(c)]  # no x and ~x in one product
    for d in factorizations(products):
        for c in products:
            assert len(c) < 2 or len(c & d) == 1
    # and none is missed: brute force over all literal sets
    literals = sorted({lit for c in products for lit in c})
    multi = [c for c in products if len(c) >= 2]
    expected = set()
    if multi:
        for k in range(len(literals) + 1):
            for d in itertools.combinations(literals, k):
                chosen = frozenset(d)
                if all(len(c & chosen) == 1 for c in multi) and chosen <= {lit for c in multi for lit in c}:
                    expected.add(chosen)
    assert set(factorizations(products)) == expected


def test_declared_states_are_checked_against_the_derived_ones():
    path4 = check_problem(get_problem("path4"))
    assert path4.derived_states == 4 and path4.declared_states_not_derived == []
    # GOAL-PENDANT's reach_3 is e13 AND reach_1: not cube-free, so not a kernel (reach_1 is).
    assert check_problem(get_problem("goal-pendant")).declared_states_not_derived == ["reach_3"]
    file_only = check_problem(directed_path_problem())
    assert file_only.derived_states == 4 and file_only.declared_states_not_derived == []

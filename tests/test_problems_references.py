"""Reference circuits: verified, of the sizes derived by hand, correctly labelled;
and the machinery under them (builder, exact SOP) against brute force."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.circuit import apply_op
from circuits.problems.builder import ONE, ZERO, CircuitBuilder
from circuits.problems.model import Candidate, SearchProblem, selection_table
from circuits.problems.references import reference_annotations, reference_circuits, references
from circuits.problems.sop import Implicant, minimum_cover, prime_implicants
from circuits.problems.suite import get_problem, problem_names
from circuits.truthtable import full_mask, input_table


@pytest.mark.parametrize("name", problem_names())
def test_every_reference_computes_the_problem(name):
    problem = get_problem(name)
    circuits = reference_circuits(problem)
    assert {"brute_force", "dnf", "lookup"} <= set(circuits)
    for circuit in circuits.values():
        assert circuit.basis == "b2" and circuit.inputs == problem.n
        assert tuple(circuit.output_tables()) == problem.outputs


@pytest.mark.parametrize("name", problem_names())
def test_brute_force_labels(name):
    """Each candidate's verifier node computes its verifier (or, for argmax with another tie rule,
    its selection); the aggregation gates are labelled as the union or selection tree."""
    problem = get_problem(name)
    circuit = reference_circuits(problem)["brute_force"]
    labels = reference_annotations(problem, "brute_force")
    tables = circuit.simulate()
    mask = full_mask(problem.n)
    for c in problem.candidates:
        nodes = labels.get(f"verifier:{c.name}", set())
        if c.verifier in (0, mask):
            assert not nodes  # constant verifiers need no node
            continue
        assert nodes and all(tables[v] in (c.verifier, c.verifier ^ mask) for v in nodes), c.name
    tree = "union" if problem.mode == "exists" else "selection"
    nontrivial = sum(c.verifier not in (0, mask) for c in problem.candidates)
    if nontrivial > 1:
        assert labels[tree]
        assert not labels[tree] & labels.get("verifier_gates", set())
    if problem.mode == "exists":
        verifiers = [c.verifier for c in problem.candidates]
        for node in labels.get("union", set()):
            # a union wire is exactly an OR of verifiers, in one polarity or the other
            assert any(_or_of_verifiers_below(t, verifiers) == t for t in (tables[node], tables[node] ^ mask))


def _or_of_verifiers_below(table: int, verifiers: list[int]) -> int:
    covered = 0
    for v in verifiers:
        if v & ~table == 0:
            covered |= v
    return covered


#: Brute-force and DP sizes derived by hand (balanced trees, no sharing needed).
EXPECTED_SIZES = {
    "path4": {"brute_force": 10, "dp": 8, "dp-meet": 12, "dp-pivot": 8},
    "layer3x1": {"brute_force": 5},
    "layer2x2": {"brute_force": 11, "dp": 9},
    "tri4": {"brute_force": 11},
    "p2-4": {"brute_force": 23},
    "pm4": {"brute_force": 5},
    "sat2x2": {"brute_force": 11},
}


@pytest.mark.parametrize("name", sorted(EXPECTED_SIZES))
def test_reference_sizes_match_the_hand_counts(name):
    circuits = reference_circuits(get_problem(name))
    for ref, size in EXPECTED_SIZES[name].items():
        assert circuits[ref].size == size, ref


def test_dp_only_where_natural():
    with_dp = {name for name in problem_names() if "dp" in reference_circuits(get_problem(name))}
    assert {"path3", "path4", "layer2x2", "splen4", "goal-path4", "argmax3x2", "maj5"} <= with_dp
    assert not with_dp & {"tri4", "ham4", "parity5", "rand6-s0", "mux4"}


def test_dp_circuits_compute_their_states():
    """The propagation references really propagate: their wires include the declared states."""
    for name, wanted in {"path4": {"reach_1", "reach_2"}, "layer2x2": {"reach_a2", "reach_b2"}}.items():
        labels = reference_annotations(get_problem(name), "dp")
        assert {label[6:] for label in labels if label.startswith("state:")} == wanted
    meet = reference_annotations(get_problem("path4"), "dp-meet")
    assert {label[6:] for label in meet if label.startswith("state:")} == {"reach_1", "reach_2", "coreach_1", "coreach_2"}
    pivot = reference_annotations(get_problem("path4"), "dp-pivot")
    assert {label[6:] for label in pivot if label.startswith("state:")} == {"reach_2", "coreach_2"}
    assert reference_circuits(get_problem("path4"))["dp-pivot"].depth == 4
    bf = reference_annotations(get_problem("path4"), "brute_force")
    assert not any(label.startswith("state:") for label in bf)


def test_lookup_of_parity_is_a_chain_and_dnf_is_minterms():
    refs = reference_circuits(get_problem("parity5"))
    assert refs["lookup"].size == 4
    cover = minimum_cover(5, get_problem("parity5").outputs[0])
    assert len(cover) == 16 and all(imp.size == 5 for imp in cover)
    assert refs["dnf"].size <= 16 * 4 + 15  # products may share prefixes


def test_unknown_reference_name():
    with pytest.raises(KeyError, match="no 'dp' reference"):
        reference_annotations(get_problem("tri4"), "dp")


# -- the builder -------------------------------------------------------------------------------
signals = st.sampled_from([ZERO, ONE, (0, False), (0, True), (1, False), (1, True), (2, False)])


@given(op=st.integers(0, 15), a=signals, b=signals)
@settings(max_examples=150, deadline=None)
def test_builder_gate_matches_apply_op(op, a, b):
    n, mask = 3, full_mask(3)

    def table(sig):
        base = 0 if sig[0] == -1 else input_table(n, sig[0])
        return base ^ (mask if sig[1] else 0)

    builder = CircuitBuilder(n)
    circuit = builder.finish([builder.gate(op, a, b)]).circuit
    assert circuit.output_tables() == [apply_op(op, table(a), table(b), mask)]
    assert circuit.size <= 1


def test_builder_shares_and_prunes():
    b = CircuitBuilder(3)
    x, y, z = (b.input(j) for j in range(3))
    first = b.and_(x, y)
    assert b.and_(y, x) == first  # structural hashing, fanin order normalized
    assert b.gate(0x7, x, y) == (first[0], True)  # NAND is the complemented AND gate
    b.or_(first, z)  # dead: not an output
    built = b.finish([b.xor(first, z)])
    assert built.circuit.size == 2


# -- exact two-level minimization ----------------------------------------------------------------
def brute_force_min_literals(n: int, table: int) -> int:
    """Fewest literals of any sum of cubes equal to ``table`` (all cube subsets; n ≤ 3)."""
    cubes = [Implicant(m, v) for m in range(1 << n) for v in range(1 << n) if v & ~m == 0]
    cubes = [c for c in cubes if c.table(n) & ~table == 0]
    best = None
    for r in range(len(cubes) + 1):
        for combo in itertools.combinations(cubes, r):
            union = 0
            for c in combo:
                union |= c.table(n)
            if union == table:
                cost = sum(c.size for c in combo)
                best = cost if best is None else min(best, cost)
        if best is not None and r >= 4:
            break
    return best if best is not None else 0


@given(st.integers(0, 255))
@settings(max_examples=40, deadline=None)
def test_minimum_cover_is_exact(table):
    n = 3
    cover = minimum_cover(n, table)
    union = 0
    for imp in cover:
        union |= imp.table(n)
    assert union == table
    if table not in (0, 255):
        assert sum(imp.size for imp in cover) == brute_force_min_literals(n, table)


@given(st.integers(0, 2**16 - 1))
@settings(max_examples=40, deadline=None)
def test_prime_implicants_are_prime(table):
    n = 4
    for p in prime_implicants(n, table):
        assert p.table(n) & ~table == 0
        for j in range(n):
            if (p.mask >> j) & 1:
                bigger = Implicant(p.mask & ~(1 << j), p.value & ~(1 << j))
                assert bigger.table(n) & ~table != 0


# -- generic selection trees on random first/argmax problems --------------------------------------
@st.composite
def selection_problems(draw):
    n = draw(st.integers(2, 4))
    mask = full_mask(n)
    m = draw(st.integers(1, 5))
    verifiers = [draw(st.integers(1, mask)) for _ in range(m)]
    width = draw(st.integers(1, 2))
    codes = [draw(st.integers(0, (1 << width) - 1)) for _ in range(m)]
    none = draw(st.integers(0, (1 << width) - 1))
    mode = draw(st.sampled_from(["first", "argmax"]))
    feasible = 0
    for v in verifiers:
        feasible |= v
    if mode == "first":
        chosen = []
        earlier = 0
        for v in verifiers:
            chosen.append(v & ~earlier)
            earlier |= v
        selected = [None] * m
    else:  # ties to the *last* passing candidate: not the priority order of the list
        chosen = []
        later = 0
        for v in reversed(verifiers):
            chosen.append(v & ~later)
            later |= v
        chosen.reverse()
        selected = chosen
    outputs = []
    for h in range(width):
        out = 0 if not (none >> h) & 1 else mask & ~feasible
        for region, code in zip(chosen, codes):
            if (code >> h) & 1:
                out |= region
        outputs.append(out)
    candidates = tuple(Candidate(f"c{i}", v, s) for i, (v, s) in enumerate(zip(verifiers, selected)))
    return SearchProblem("random", "", tuple(f"x{j}" for j in range(n)), mode, candidates, tuple(outputs))


@given(selection_problems())
@settings(max_examples=40, deadline=None)
def test_generic_references_verify_on_random_selection_problems(problem):
    refs = references(problem)  # verifies every circuit against the truth table
    assert set(refs) == {"brute_force", "dnf", "lookup"}
    labels = reference_annotations(problem, "brute_force")
    tables = refs["brute_force"].circuit.simulate()
    mask = full_mask(problem.n)
    for i, c in enumerate(problem.candidates):
        leaf = c.verifier if problem.mode == "first" else selection_table(problem, i)
        for node in labels.get(f"verifier:{c.name}", set()):
            assert tables[node] in (leaf, leaf ^ mask)

"""Calibration of the analyzer (docs/analyzer.md, calibration): the reference points every score is read against."""

from __future__ import annotations

import pytest

from circuits.circuit import Output, circuit_from_gates
from circuits.problems.references import reference_circuits
from circuits.problems.suite import all_problems, get_problem
from circuits.problems.validity import check_problem
from circuits.analysis import NOT_SEARCH_THRESHOLD, analyze_circuit, analyze_problem

AND, OR, XOR, ANDNOT = 0x8, 0xE, 0x6, 0x2
DECOYS = 50


SEARCH_PROBLEMS = [p for p in all_problems() if p.kind == "search"]


@pytest.mark.parametrize("problem", SEARCH_PROBLEMS, ids=lambda p: p.name)
def test_brute_force_scores_search_on_every_search_problem(problem):
    """The calibration asks this of the non-degenerate problems; it holds on the degenerate ones too."""
    result = analyze_circuit(reference_circuits(problem)["brute_force"], problem, decoys=DECOYS)
    assert result.computes
    assert result.score >= 0.95
    assert result.verdict == "search"
    assert result.value("iia") == 1.0
    assert result.decoy_percentile is None or result.decoy_percentile > 95


def test_the_suite_has_many_non_degenerate_search_problems():
    informative = [p for p in SEARCH_PROBLEMS if check_problem(p).degenerate is not True]
    assert len(informative) >= 10


def test_parity_chain_scores_zero():
    problem = get_problem("parity5")
    chain = circuit_from_gates(5, [(XOR, 0, 1), (XOR, 5, 2), (XOR, 6, 3), (XOR, 7, 4)], [Output(8)])
    result = analyze_circuit(chain, problem, decoys=DECOYS)
    assert result.computes
    assert result.score == 0.0
    assert result.value("cc") == 0.0 and result.value("ag") == 0.0 and result.value("n_eff") == 0.0


@pytest.mark.parametrize("seed", [0, 3, 6])
def test_dnf_of_a_random_function(seed):
    own = get_problem(f"rand6-s{seed}")
    dnf = reference_circuits(own)["dnf"]
    itself = analyze_circuit(dnf, own, decoys=DECOYS)
    assert itself.value("cc") == 1.0  # it literally ORs its implicants ...
    assert itself.score == 0.0  # ... but the formulation lists f-dependent data (U = 0)
    for uniform in ("tri4", "path4", "p2-4"):
        against = analyze_circuit(dnf, get_problem(uniform), decoys=DECOYS)
        assert not against.computes
        assert against.s_raw <= against.mu_decoy + 0.06  # at (or below) the decoy level
        assert against.score <= 0.05


def test_dp_circuit_for_path4_is_propagation_not_enumeration():
    problem = get_problem("path4")
    result = analyze_circuit(reference_circuits(problem)["dp"], problem, decoys=DECOYS)
    assert result.computes
    assert result.s_prop >= 0.9
    assert result.s_enum < 0.5
    assert result.value("pcm") == 1.0 and result.value("agp") == 1.0
    # The closed state list holds the backward reach sets too, which the forward DP never computes.
    assert result.value("pc") == 0.5


def _adder_majority():
    """MAJ5 by counting: two full adders give s2 + 2(c1 + c2); majority is count ≥ 3."""
    g = [
        (XOR, 0, 1),  # 5  t = x0 ^ x1
        (XOR, 5, 2),  # 6  s1
        (AND, 0, 1),  # 7
        (AND, 5, 2),  # 8
        (OR, 7, 8),  # 9  c1
        (XOR, 6, 3),  # 10 u = s1 ^ x3
        (XOR, 10, 4),  # 11 s2
        (AND, 6, 3),  # 12
        (AND, 10, 4),  # 13
        (OR, 12, 13),  # 14 c2
        (AND, 9, 14),  # 15 c1 & c2
        (OR, 9, 14),  # 16 c1 | c2
        (AND, 11, 16),  # 17
        (OR, 15, 17),  # 18 count >= 3
    ]
    return circuit_from_gates(5, g, [Output(18)])


def test_adder_style_majority_is_not_search_against_three_subsets():
    problem = get_problem("maj5")
    result = analyze_circuit(_adder_majority(), problem, decoys=DECOYS)
    assert result.computes
    assert result.score < NOT_SEARCH_THRESHOLD
    assert result.value("cc") == 0.0


def test_mux4_is_flagged_transparent_and_tri4_is_not():
    assert analyze_problem(get_problem("mux4"), decoys=0).flags["transparent"] is True
    assert analyze_problem(get_problem("tri4"), decoys=0).flags["transparent"] is False


def _tri4_with_side_path():
    """TRI4's generate-and-test, except that the wire of triangle 012 also drives a side path
    (012 AND NOT e01, which is 0 on every input) XORed into the output: the function is unchanged,
    but forcing the wire to 1 flips the output wherever e01 = 0."""
    problem = get_problem("tri4")
    names = problem.input_names
    e = {name: j for j, name in enumerate(names)}
    g = [
        (AND, e["e01"], e["e02"]), (AND, 6, e["e12"]),  # 7: 012
        (AND, e["e01"], e["e03"]), (AND, 8, e["e13"]),  # 9: 013
        (AND, e["e02"], e["e03"]), (AND, 10, e["e23"]),  # 11: 023
        (AND, e["e12"], e["e13"]), (AND, 12, e["e23"]),  # 13: 123
        (OR, 7, 9), (OR, 11, 13), (OR, 14, 15),  # 16: OR tree
        (ANDNOT, 7, e["e01"]),  # 17: side path, always 0
        (XOR, 16, 17),  # 18
    ]
    return problem, circuit_from_gates(6, g, [Output(18)])


def test_iia_drops_below_one_when_a_verifier_wire_drives_a_side_path():
    problem, circuit = _tri4_with_side_path()
    result = analyze_circuit(circuit, problem, decoys=DECOYS)
    assert result.computes
    assert result.value("cc") == 1.0
    iia = result.metrics["ccm"].evidence["iia"]
    assert iia["012"] < 1.0
    assert all(iia[c] == 1.0 for c in ("013", "023", "123"))
    assert result.value("ccm") < 1.0


def test_lookup_reference_scores_near_zero_on_tri4():
    problem = get_problem("tri4")
    result = analyze_circuit(reference_circuits(problem)["lookup"], problem, decoys=DECOYS)
    assert result.score < 0.1
    assert result.verdict == "not_search"

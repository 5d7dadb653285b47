"""Unit tests of the analyzer's parts on small hand-built circuits, each against a known answer."""

from __future__ import annotations

import pytest

from circuits.circuit import Output, circuit_from_gates
from circuits.errors import InputError
from circuits.problems.references import reference_circuits
from circuits.problems.suite import all_problems, get_problem
from circuits.problems.validity import candidate_automorphisms
from circuits.problems.tables import compose, permute_table
from circuits.truthtable import full_mask, input_table
from circuits.analysis import analyze_circuit
from circuits.analysis.analyze import formulation_for
from circuits.analysis.decoys import DecoyNull, decoy_permutations
from circuits.analysis.diagnostics import fault_robustness, mux_triads, near_minterm
from circuits.analysis.description import description_length
from circuits.analysis.score import FLOOR, calibrated, geometric, verdict
from circuits.analysis.simulate import node_tables
from circuits.analysis.tables import WireIndex
from circuits.analysis.view import CircuitView

AND, OR, XOR, ANDNOT, NOTAND, NAND, NOR = 0x8, 0xE, 0x6, 0x2, 0x4, 0x7, 0x1
DECOYS = 20
TRI4 = get_problem("tri4")
E = {name: j for j, name in enumerate(TRI4.input_names)}


def _tri4_gates(last: list[tuple[int, int, int]] | None = None) -> list[tuple[int, int, int]]:
    """TRI4's four triangles (nodes 7, 9, 11, 13) and an OR tree (node 16)."""
    g = [
        (AND, E["e01"], E["e02"]), (AND, 6, E["e12"]),
        (AND, E["e01"], E["e03"]), (AND, 8, E["e13"]),
        (AND, E["e02"], E["e03"]), (AND, 10, E["e23"]),
        (AND, E["e12"], E["e13"]), (AND, 12, E["e23"]),
    ]
    return g + (last if last is not None else [(OR, 7, 9), (OR, 11, 13), (OR, 14, 15)])


def test_wire_index_finds_both_polarities():
    mask = full_mask(2)
    index = WireIndex([0b1100, 0b1010, 0b1000], mask)
    assert index.lookup(0b1000) == [(2, False)]
    assert index.lookup(0b0111) == [(2, True)]
    assert 0b0101 in index and 0b0110 not in index


def test_patched_simulation_matches_a_rebuilt_circuit():
    circuit = circuit_from_gates(3, [(AND, 0, 1), (OR, 3, 2), (XOR, 4, 0)], [Output(5)])
    base = circuit.simulate()
    one = full_mask(3)
    patched = node_tables(circuit, {3: one}, base=base)
    assert patched[:3] == base[:3] and patched[3] == one
    assert patched[4] == one  # OR(1, x2)
    assert patched[5] == one ^ input_table(3, 0)
    assert node_tables(circuit) == base
    assert node_tables(circuit, {3: 0}) == node_tables(circuit, {3: 0}, base=base)
    stuck = circuit_from_gates(3, [(0x0, 0, 1), (OR, 3, 2), (XOR, 4, 0)], [Output(5)])  # AND stuck at 0
    assert node_tables(circuit, {3: 0}) == stuck.simulate()


@pytest.mark.parametrize("problem", [p for p in all_problems() if p.mode != "exists"] + [TRI4], ids=lambda p: p.name)
def test_high_level_model_reproduces_the_declared_outputs(problem):
    form = formulation_for(problem)
    assert form.high_level() == list(problem.outputs)


def test_decoys_are_deterministic_and_never_automorphisms():
    form = formulation_for(TRI4)
    first = decoy_permutations(form, 30, seed=1)
    assert first == decoy_permutations(form, 30, seed=1)
    assert first != decoy_permutations(form, 30, seed=2)
    assert len(set(first)) == len(first)
    # Whole classes {π ∘ τ : τ ∈ symmetry}: 30 rounded up to a multiple of |Aut(TRI4)| = 24.
    assert len(first) == 48
    assert {compose(first[0], tau) for tau in form.symmetry} <= set(first)
    group = set(candidate_automorphisms(TRI4))
    assert not group & set(first)
    for perm in first[:5]:
        decoy = form.renamed(perm)
        assert sorted(decoy.variables) != sorted(form.variables)
        for sigma in decoy.group:  # the conjugated group is Aut of the decoy
            assert sorted(permute_table(6, t, sigma) for t in decoy.variables) == sorted(decoy.variables)
    assert decoy_permutations(formulation_for(get_problem("maj5")), 30, seed=0) == []


def test_decoy_percentile_counts_ties_half():
    null = DecoyNull((0.1, 0.2, 0.2, 0.5))
    assert null.mean == pytest.approx(0.25)
    assert null.percentile(0.2) == pytest.approx(50.0)
    assert null.percentile(1.0) == 100.0 and DecoyNull(()).percentile(0.3) is None


def test_dont_care_coverage_credits_priority_forms_but_not_unions():
    # triangle 012 only in the priority form "012 and not 013": x14 = e12 & !v013, x15 = e01&e02 & x14
    g = _tri4_gates([])
    g[1] = (AND, E["e03"], E["e13"])  # node 7 is now a spare AND; 012 itself is never computed
    g += [(NOTAND, 9, E["e12"]), (AND, 6, 14), (OR, 15, 9), (OR, 11, 13), (OR, 16, 17)]
    circuit = circuit_from_gates(6, g, [Output(18)])
    result = analyze_circuit(circuit, TRI4, decoys=DECOYS)
    assert result.computes
    assert result.metrics["cc"].evidence["uncovered"] == ["012"]
    assert result.value("cc") == 0.75 and result.value("cc_dc") == 1.0
    assert result.metrics["cc_dc"].evidence["covered"]["012"] == ["x15"]
    assert "x18" not in result.metrics["cc_dc"].evidence["covered"]["013"]  # the output is no witness


def test_hamming_coverage_tolerates_a_few_rows():
    # e01 & e02 & e12 & !(e03 & e13 & e23 & e02): differs from 012 on one row
    g = _tri4_gates()[:2] + [(AND, E["e03"], E["e13"]), (AND, 8, E["e23"]), (AND, 9, E["e02"]), (ANDNOT, 7, 10)]
    circuit = circuit_from_gates(6, g, [Output(11)])
    result = analyze_circuit(circuit, TRI4, decoys=0)
    assert "x11" in result.metrics["cc_eps"].evidence["covered"]["012"]
    assert result.metrics["cc_eps"].evidence["rows"] == 4


def test_union_tree_accepts_de_morgan_forms():
    # NOR of the triangles in pairs, then NAND of the NORs: an OR tree written with inverted gates
    circuit = circuit_from_gates(6, _tri4_gates([(NOR, 7, 9), (NOR, 11, 13), (NAND, 14, 15)]), [Output(16)])
    result = analyze_circuit(circuit, TRI4, decoys=DECOYS)
    assert result.computes and result.value("ag") == 1.0
    assert set(result.metrics["ag"].evidence["aggregated"]) == {"012", "013", "023", "123"}


@pytest.mark.parametrize("name", ["splen4", "argmax3x2"])
def test_selection_tree_of_brute_force_aggregates_every_candidate(name):
    problem = get_problem(name)
    result = analyze_circuit(reference_circuits(problem)["brute_force"], problem, decoys=DECOYS)
    assert result.value("ag") == 1.0 and result.value("iia_multi") == 1.0


def test_repetition_counts_module_classes():
    # triangle 123 computed as (NOT (e12 NAND e13)) AND e23: a different module from the others
    g = _tri4_gates()
    g[6:8] = [(NAND, E["e12"], E["e13"]), (NOTAND, 12, E["e23"])]
    circuit = circuit_from_gates(6, g, [Output(16)])
    result = analyze_circuit(circuit, TRI4, decoys=DECOYS)
    assert result.computes and result.value("cc") == 1.0
    assert result.value("rep") == pytest.approx(2 / 3)
    (orbit,) = result.metrics["rep"].evidence["orbits"]
    assert sorted(map(len, orbit["classes"])) == [1, 3]


def test_repetition_ignores_how_an_and_tree_is_bracketed():
    g = _tri4_gates()
    g[6:8] = [(AND, E["e13"], E["e23"]), (AND, E["e12"], 12)]
    circuit = circuit_from_gates(6, g, [Output(16)])
    assert analyze_circuit(circuit, TRI4, decoys=0).value("rep") == 1.0


def test_repetition_is_undefined_without_symmetry_and_equivariance_too():
    problem = get_problem("rand6-s1")
    result = analyze_circuit(reference_circuits(problem)["dnf"], problem, decoys=0)
    assert result.value("eq") is None
    assert result.value("rep") is None or result.value("rep") == 0.0


def test_equivariance_of_the_brute_force_triangles():
    result = analyze_circuit(reference_circuits(TRI4)["brute_force"], TRI4, decoys=0)
    eq = result.metrics["eq"]
    # the 4 triangles and the root are closed under S4; the partial ANDs and inner ORs are not
    assert eq.value == pytest.approx(5 / 11)
    assert len(eq.evidence["not_equivariant"]) == 6


def test_description_length_rewards_repetition():
    assert description_length(CircuitView(circuit_from_gates(2, [(AND, 0, 1)], [Output(2)]))).value == 0.0
    bf = CircuitView(reference_circuits(get_problem("p2-4"))["brute_force"])
    compressed = description_length(bf)
    assert compressed.value > 0.1
    assert compressed.evidence["dl_macro"] < compressed.evidence["dl_flat"]
    short = [(XOR, 0, 1), (XOR, 6, 2), (XOR, 7, 3), (XOR, 8, 4), (XOR, 9, 5)]
    assert description_length(CircuitView(circuit_from_gates(6, short, [Output(10)]))).value == 0.0  # too short to pay
    chain = [(XOR, 0, 1)] + [(XOR, 7 + k, 2 + k) for k in range(6)]
    long = description_length(CircuitView(circuit_from_gates(8, chain, [Output(14)])))
    assert long.value > 0.0  # repetitive, though not search: why DLR is not in S
    assert long.evidence["templates"][0]["instances"] == ["x10", "x12", "x14"] or long.evidence["templates"][0]["gates"] == 2


def test_mux_triads_are_classified_by_select_line():
    lookup = CircuitView(reference_circuits(TRI4)["lookup"])
    assert mux_triads(lookup) and all(s < 6 for _, s in mux_triads(lookup))
    path4 = get_problem("path4")
    p = {name: j for j, name in enumerate(path4.input_names)}
    g = [
        (AND, p["e02"], p["e12"]), (OR, p["e01"], 6),  # 7: reach_1 (a declared state)
        (AND, 7, p["e13"]), (ANDNOT, p["e23"], 7), (OR, 8, 9),  # 10: reach_1 ? e13 : e23
    ]
    circuit = circuit_from_gates(6, g, [Output(10)])
    assert mux_triads(CircuitView(circuit)) == [(10, 7)]
    result = analyze_circuit(circuit, path4, decoys=0)
    assert result.metrics["ll"].evidence["mux_triads"]["state"] == 1


def test_near_minterm_gates():
    view = CircuitView(circuit_from_gates(3, [(AND, 0, 1)], [Output(3)]))
    assert near_minterm(view, 0b1000_0000) and near_minterm(view, 0b1100_0000)
    assert near_minterm(view, full_mask(3) ^ 0b1)
    assert not near_minterm(view, 0b1001_0000) and not near_minterm(view, 0b1111_0000)


def test_fault_robustness_is_zero_for_a_tight_circuit_and_positive_with_redundancy():
    assert fault_robustness(CircuitView(reference_circuits(TRI4)["brute_force"])).value == 0.0
    g = _tri4_gates() + [(AND, E["e01"], E["e03"]), (AND, 17, E["e13"]), (OR, 16, 18)]  # 013 twice
    circuit = circuit_from_gates(6, g, [Output(19)])
    robust = fault_robustness(CircuitView(circuit))
    assert robust.value > 0.0 and robust.evidence["faults"] == 2 * circuit.size


def test_score_arithmetic():
    assert geometric(1.0, 1.0, 1.0) == pytest.approx(1.0)
    assert geometric(0.0, 0.0, 0.0) == pytest.approx(FLOOR)
    assert geometric(1.0, 1.0, None) == pytest.approx(1.0)
    assert geometric(0.0, 1.0, 1.0) < geometric(1.0, 0.0, 1.0)  # mediated coverage weighs most
    assert calibrated(1.0, 0.2, uniform=True) == 1.0
    assert calibrated(0.6, 0.2, uniform=True) == pytest.approx(0.5)
    assert calibrated(0.1, 0.2, uniform=True) == 0.0
    assert calibrated(FLOOR, 0.0, uniform=True) == 0.0  # no evidence is exactly zero
    assert calibrated(1.0, 0.2, uniform=False) == 0.0
    assert [verdict(x) for x in (0.8, 0.5, 0.3)] == ["search", "unclear", "not_search"]


def test_n4_weights_discount_candidates():
    bf = reference_circuits(TRI4)["brute_force"]
    g = _tri4_gates()[:6] + [(OR, 7, 9), (OR, 12, 11)]  # triangle 123 missing
    partial = circuit_from_gates(6, g, [Output(13)])
    plain = analyze_circuit(partial, TRI4, decoys=0)
    weighted = analyze_circuit(partial, TRI4, decoys=0, weights={"123": 0.0})
    assert plain.value("cc") == 0.75 and weighted.value("cc") == 1.0
    assert analyze_circuit(bf, TRI4, decoys=0, weights=[1, 1, 1, 1]).value("cc") == 1.0
    with pytest.raises(InputError):
        analyze_circuit(bf, TRI4, weights={"999": 0.5})
    with pytest.raises(InputError):
        analyze_circuit(bf, TRI4, weights=[1.0])


def test_analyze_refuses_a_circuit_with_the_wrong_shape():
    with pytest.raises(InputError, match="inputs"):
        analyze_circuit(circuit_from_gates(2, [(AND, 0, 1)], [Output(2)]), TRI4)
    with pytest.raises(InputError, match="outputs"):
        analyze_circuit(circuit_from_gates(6, [(AND, 0, 1)], [Output(6), Output(6)]), TRI4)


def test_evidence_is_plain_data():
    import json

    result = analyze_circuit(reference_circuits(get_problem("splen4"))["dp"], get_problem("splen4"), decoys=DECOYS)
    text = json.dumps(result.to_dict())
    assert json.loads(text)["metrics"]["pcm"]["value"] == 1.0

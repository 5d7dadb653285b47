"""--certify: every size below a minimum refuted again, and a wrong UNSAT claim refused."""

from __future__ import annotations

import itertools
import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pysat.solvers import Solver

from circuits.errors import CertificationError
from circuits.truthtable import parse_truth_tables
from cli import cli
from sat_encoding import certify, minimum_depth, minimum_size
from sat_encoding.drup import ProofRejected, check_drup
from sat_encoding.encoding import encode
from sat_encoding.runner import stop_search_workers
from sat_encoding.spec import prepare


def satisfiable(clauses: list[list[int]], variables: int) -> bool:
    """Brute force over every assignment (the oracle shares nothing with the checker)."""
    for bits in itertools.product((False, True), repeat=variables):
        if all(any(bits[abs(l) - 1] == (l > 0) for l in clause) for clause in clauses):
            return True
    return False


def glucose_proof(clauses: list[list[int]]) -> list[str] | None:
    with Solver(name="glucose4", bootstrap_with=clauses, with_proof=True) as solver:
        return None if solver.solve() else list(solver.get_proof())


literals = st.integers(1, 6).flatmap(lambda v: st.sampled_from([v, -v]))
cnfs = st.lists(st.lists(literals, min_size=1, max_size=3), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(cnfs)
def test_glucose_proofs_of_unsatisfiable_formulas_check(clauses):
    proof = glucose_proof(clauses)
    assert (proof is None) == satisfiable(clauses, 6)
    if proof is not None:
        check_drup(clauses, proof)


@settings(max_examples=500, deadline=None)
@given(cnfs, st.lists(st.lists(literals, max_size=3).map(lambda c: " ".join(map(str, c)) + " 0"), max_size=30))
def test_no_proof_whatever_its_lines_passes_for_a_satisfiable_formula(clauses, proof):
    """Soundness: the checker accepts a proof only of an unsatisfiable formula."""
    try:
        check_drup(clauses, proof)
    except ProofRejected:
        return
    assert not satisfiable(clauses, 6)


def plain_instance(table: str, gates: int) -> list[list[int]]:
    return encode(prepare(parse_truth_tables(table.split()), "b2"), gates).clauses


def test_a_tampered_synthesis_proof_is_refused():
    clauses = plain_instance("0x96 0xe8", 4)  # the full adder needs 5 gates: UNSAT
    proof = glucose_proof(clauses)
    assert proof is not None and check_drup(clauses, proof).lemmas > 0
    lemmas = [line for line in proof if not line.startswith("d")]
    with pytest.raises(ProofRejected, match="not implied"):
        check_drup(clauses, lemmas[-1:])  # the conclusion without the steps to it
    with pytest.raises(ProofRejected, match="never derives the empty clause"):
        check_drup(clauses, [line for line in proof if line.strip() != "0"][:1])
    with pytest.raises(ProofRejected, match="not a DRUP line"):
        check_drup(clauses, ["1 2 x 0"])


def test_the_proof_of_one_instance_does_not_prove_a_satisfiable_one():
    unsat = plain_instance("0x96 0xe8", 4)
    proof = glucose_proof(unsat)
    with pytest.raises(ProofRejected):
        check_drup(plain_instance("0x96 0xe8", 5), proof)  # 5 gates suffice: satisfiable


@pytest.mark.parametrize("tables, size", [("0x6996", 3), ("0x96 0xe8", 5), ("0x16", 4), ("0x17", 4)])
def test_a_certified_minimum_refutes_every_smaller_size_twice(tables, size):
    result = minimum_size(parse_truth_tables(tables.split()), certify=True)
    doc = result.certificate
    assert result.size == size and doc["certified"] and doc["not_certified"] == []
    assert [entry["gates"] for entry in doc["unsat"]] == list(range(1, size))
    for entry in doc["unsat"]:
        assert entry["checked_by"][0] == "cadical195 plain encoding"  # the search used minisat22
        assert entry["checked_by"][1].startswith("drup (glucose4 proof")
    assert json.loads(json.dumps(result.to_dict()))["certificate"] == doc


def test_a_certified_minimum_depth_refutes_every_shallower_circuit():
    result = minimum_depth(parse_truth_tables(["0xe8"]), certify=True)  # MAJ3: depth 3, 4 gates there
    doc = result.certificate
    assert (result.depth, result.size, doc["certified"]) == (3, 4, True)
    assert [(e["gates"], e["max_depth"]) for e in doc["unsat"]] == [(1, 2), (2, 2), (3, 2), (1, 3), (2, 3), (3, 3)]


def test_a_cut_search_certifies_the_bound_it_claims_as_far_as_its_time_allows():
    result = minimum_size(parse_truth_tables(["0xfee8e880"]), timeout=0.5, certify=True)
    doc = result.certificate
    assert not result.optimal and result.lower_bound >= 4
    done = [e["gates"] for e in doc["unsat"]]
    left = [e["gates"] for e in doc["not_certified"]]
    assert done + left == list(range(1, result.lower_bound))
    assert doc["certified"] == (left == [])


def test_solvers_of_another_family_check_each_other():
    assert certify.second_opinion(frozenset({"minisat22"})) == "cadical195"
    assert certify.second_opinion(frozenset({"cadical195"})) == "glucose4"
    assert certify.second_opinion(certify.search_backends("auto", 5)) == "lingeling"  # auto used both


@pytest.fixture
def fresh_workers():
    """Searches run in a forked worker: restart it so that it sees this test's patches, and after."""
    stop_search_workers()
    yield
    stop_search_workers()


def flip_one_answer(monkeypatch, gates: int) -> None:
    """A test hook: the search's SAT answer at ``gates`` gates is flipped from SAT to UNSAT, the way an
    unsound symmetry rule or a solver bug would."""
    import sat_encoding.size as size

    honest = size.solve_bounded

    def lying(spec, k, solver, max_depth=None):
        return None if k == gates else honest(spec, k, solver, max_depth)

    monkeypatch.setattr(size, "solve_bounded", lying)


def test_a_flipped_solver_answer_is_refused(monkeypatch, fresh_workers):
    flip_one_answer(monkeypatch, 5)
    stop_search_workers()
    table = parse_truth_tables(["0x96", "0xe8"])
    assert minimum_size(table).size == 6  # the lie, unchecked, becomes a false "minimal"
    with pytest.raises(CertificationError, match="found a verified circuit of 5 gates"):
        minimum_size(table, certify=True)


def test_the_cli_reports_a_refused_claim_in_one_line_with_exit_code_3(monkeypatch, fresh_workers):
    flip_one_answer(monkeypatch, 5)
    stop_search_workers()
    result = CliRunner().invoke(cli, ["solve", "0x96", "0xe8", "--certify"])
    assert result.exit_code == 3
    assert result.output.strip().splitlines() == [
        "error: certification failed: cadical195 found a verified circuit of 5 gates on the plain encoding, "
        "where the search proved that none exists"
    ]


def test_a_tampered_proof_inside_certification_is_refused(monkeypatch, fresh_workers):
    honest = certify.drup_proof

    def tampered(clauses, replay, where):
        proof = honest(clauses, replay, where)
        return [line for line in proof if not line.startswith("d")][-1:]  # the conclusion alone

    monkeypatch.setattr(certify, "drup_proof", tampered)
    stop_search_workers()
    with pytest.raises(CertificationError, match="does not check"):
        minimum_size(parse_truth_tables(["0x96", "0xe8"]), certify=True)


def test_bench_stores_certified_results_under_their_own_key(tmp_path):
    db = tmp_path / "r.sqlite"
    run = CliRunner().invoke(cli, ["bench", "npn3", "--jobs", "1", "--db", str(db), "--certify", "--json"])
    assert run.exit_code == 0, run.output
    doc = json.loads(run.stdout)
    assert doc["certify"] is True and doc["certified"] == doc["done"] == 14
    plain = CliRunner().invoke(cli, ["bench", "npn3", "--jobs", "1", "--db", str(db), "--resume", "--json"])
    assert json.loads(plain.stdout)["reused"] == 0  # an uncertified run is another job
    import sqlite3

    with sqlite3.connect(db) as con:
        rows = [json.loads(r) for (k, r) in con.execute("SELECT key, result FROM results") if '"certify":true' in k]
    assert len(rows) == 14 and all(r["certificate"]["certified"] for r in rows)

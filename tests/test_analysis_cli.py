"""`circuits analyze`: the JSON contract, the report, user errors, and problems from files."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli import cli
from circuits.problems.references import reference_circuits
from circuits.problems.suite import get_problem

FAST = ["--decoys", "10", "--sat-timeout", "0"]


def _run(*args: str):
    return CliRunner().invoke(cli, ["analyze", *args])


def test_json_document_has_the_design_shape():
    result = _run("--problem", "tri4", "--json", *FAST)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["problem"] == "tri4"
    assert set(doc["flags"]) == {"degenerate", "transparent", "uniform", "identifiable"}
    assert doc["flags"]["identifiable"] is True
    assert "lookup" in doc["controls"] and all("score" in row for row in doc["controls"].values())
    kinds = {c["kind"] for c in doc["circuits"]}
    assert {"brute_force", "dnf", "lookup"} <= kinds
    for entry in doc["circuits"]:
        for key in ("name", "kind", "size", "depth", "score", "s_enum", "s_prop", "decoy_percentile", "verdict", "metrics"):
            assert key in entry
        assert entry["verdict"] in ("search", "not_search", "unclear")
    scores = {c["kind"]: c["score"] for c in doc["circuits"]}
    assert scores["brute_force"] >= 0.95
    assert scores["lookup"] < 0.1


def test_text_report_shows_tables_and_evidence_in_words():
    result = _run("--problem", "tri4", *FAST)
    assert result.exit_code == 0, result.output
    assert "S_enum" in result.output and "verdict" in result.output
    assert "computes candidate 012" in result.output
    assert "feed an aggregation tree to the output" in result.output


def test_circuit_files_are_analyzed_as_kind_file(tmp_path):
    bf = reference_circuits(get_problem("path4"))["dp"]
    path = tmp_path / "dp.json"
    path.write_text(json.dumps(bf.to_dict()))
    result = _run("--problem", "path4", str(path), "--json", *FAST)
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.output)["circuits"]
    assert entry["kind"] == "file" and entry["name"] == str(path)
    assert entry["s_prop"] >= 0.9


def test_hand_written_problem_file_is_analyzed_like_the_built_in(tmp_path):
    builtin = get_problem("tri4")
    data = builtin.to_dict()
    data["name"] = "my-triangles"  # a user's problem: no built-in definition behind it
    data.pop("suite_id", None)
    problem_file = tmp_path / "problem.json"
    problem_file.write_text(json.dumps(data))
    circuit_file = tmp_path / "bf.json"
    circuit_file.write_text(json.dumps(reference_circuits(builtin)["brute_force"].to_dict()))
    runs = [
        json.loads(_run(*where, str(circuit_file), "--json", *FAST).output)["circuits"][0]
        for where in (["--problem", "tri4"], ["--problem-file", str(problem_file)])
    ]
    for key in ("score", "s_enum", "s_prop", "decoy_percentile", "verdict"):
        assert runs[0][key] == runs[1][key]
    for key in ("cc", "ccm", "ag", "rep", "eq", "dlr", "n_eff", "iia_multi"):
        assert runs[0]["metrics"][key] == runs[1]["metrics"][key]


def test_user_errors_exit_2_with_one_line(tmp_path):
    cases = [
        ("--problem", "no-such-problem"),
        ("--problem", "tri4", "--problem-file", "x.json"),
        ("--problem", "tri4", str(tmp_path / "missing.json")),
        ("--problem", "tri4", "--decoys", "-1"),
    ]
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(reference_circuits(get_problem("parity5"))["lookup"].to_dict()))
    cases.append(("--problem", "tri4", str(wrong)))
    for args in cases:
        result = _run(*FAST, *args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("error: ") and result.output.count("\n") == 1, result.output


def test_rt_is_opt_in(tmp_path):
    bf = reference_circuits(get_problem("sat2x2"))["brute_force"]
    path = tmp_path / "bf.json"
    path.write_text(json.dumps(bf.to_dict()))
    plain = json.loads(_run(*FAST, "--problem", "sat2x2", str(path), "--json").output)["circuits"][0]
    with_rt = json.loads(_run(*FAST, "--problem", "sat2x2", str(path), "--rt", "--json").output)["circuits"][0]
    assert "rt" not in plain["metrics"]
    assert with_rt["metrics"]["rt"]["value"] > 0.8
    assert with_rt["score"] == plain["score"]  # RT is reported, never folded into S

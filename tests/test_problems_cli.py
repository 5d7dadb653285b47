"""`circuits problems list|show`: output shapes, a hand-written problem file, and user errors
(one line on stderr, exit code 2)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import cli

#: Written by hand: s-t connectivity on 3 vertices, inputs x0=e01, x1=e02, x2=e12.
#: Path 02 is x1 (rows 2,3,6,7: 0xcc); path 012 is x0 AND x2 (rows 5,7: 0xa0); OR = 0xec.
HAND_WRITTEN = """{
  "name": "my-path3",
  "description": "0 and 2 are connected in a graph on 3 vertices",
  "inputs": ["e01", "e02", "e12"],
  "mode": "exists",
  "candidates": [{"name": "02", "verifier": "0xcc"}, {"name": "012", "verifier": "0xa0"}],
  "symmetries": [[2, 1, 0]],
  "uniform": true,
  "outputs": ["0xec"]
}
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_list_json_shape():
    result = run("problems", "list", "--json")
    assert result.exit_code == 0, result.stderr
    entries = json.loads(result.stdout)
    by_name = {e["name"]: e for e in entries}
    for entry in entries:
        assert {"name", "kind", "inputs", "candidates", "mode", "references"} <= set(entry)
        assert set(entry["references"]) == {"brute_force", "dp", "dnf", "lookup"}
        assert entry["kind"] in ("search", "control")
    assert by_name["path4"]["references"] == {"brute_force": 10, "dp": 8, "dnf": 10, "lookup": 22}
    assert by_name["tri4"]["references"]["dp"] is None
    assert (by_name["tri4"]["inputs"], by_name["tri4"]["candidates"], by_name["tri4"]["mode"]) == (6, 4, "exists")
    search = {e["id"] for e in entries if e["kind"] == "search" and e["id"]}
    assert search == {"S1", "S3", "S4", "S6", "S7", "S8", "S9", "S11", "S12", "S13", "S14", "S15", "S16"}
    assert {e["id"] for e in entries if e["kind"] == "control"} == {"C1", "C2", "C3", "C4", "C5", "C6"}
    assert by_name["mux4"]["flags"]["transparent"] is True
    assert by_name["pm4"]["flags"]["degenerate"] is True


def test_list_text_and_default_subcommand():
    text = run("problems", "list")
    assert text.exit_code == 0
    assert "goal-path4" in text.stdout and "rcirc6-s9" in text.stdout
    bare = run("problems")
    assert bare.exit_code == 0 and bare.stdout == text.stdout


def test_show_text():
    result = run("problems", "show", "TRI4", "--sat-timeout", "0")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "tri4 (S6)" in out and "012" in out and "e01 & e02 & e12" in out
    assert "brute_force  size  11" in out and "lookup" in out
    assert "Aut(P) 24 permutations" in out and "s_min pending" in out
    assert "level 1" in out  # the ASCII diagram of the brute-force circuit


def test_show_json():
    result = run("problems", "show", "splen4", "--json", "--sat-timeout", "0")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["problem"]["mode"] == "first" and len(doc["problem"]["outputs"]) == 2
    refs = doc["references"]
    assert set(refs) == {"brute_force", "dp", "dnf", "lookup"}
    assert all(r["size"] == len(r["circuit"]["gates"]) for r in refs.values())
    assert refs["brute_force"]["annotations"]["selection"]
    assert doc["validity"]["aut_size"] == 4


def test_hand_written_problem_file_loads_validates_and_shows(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(HAND_WRITTEN)
    result = run("problems", "show", "--problem-file", str(path), "--json", "--sat-timeout", "5")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["problem"]["name"] == "my-path3"
    assert doc["references"]["brute_force"]["size"] == 2  # one AND, one OR
    assert "dp" not in doc["references"]  # DP needs a built-in definition
    validity = doc["validity"]
    assert validity["aut_size"] == 2 and validity["declared_symmetries_generate_aut"]
    assert validity["s_min"] == 2 and validity["degenerate"] is True
    text = run("problems", "show", "--problem-file", str(path), "--sat-timeout", "0")
    assert text.exit_code == 0 and "my-path3" in text.stdout


BAD_FILES = {
    "missing field": (lambda d: d.pop("mode"), "field 'mode' is missing"),
    "wrong table length": (lambda d: d["candidates"][0].update(verifier="0xccc"), "candidates[0].verifier' has 3 hex digits"),
    "exists output not the OR": (lambda d: d.update(outputs=["0xcc"]), "the output must be the OR of the verifiers"),
    "bad symmetry": (lambda d: d.update(symmetries=[[1, 0, 2]]), "symmetries[0]' does not map"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_malformed_file_is_one_line_exit_2(case, tmp_path):
    change, message = BAD_FILES[case]
    data = json.loads(HAND_WRITTEN)
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    result = run("problems", "show", "--problem-file", str(path), "--sat-timeout", "0")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args,message",
    [
        (("problems", "show", "nope"), "unknown problem 'nope'"),
        (("problems", "show"), "no problem given"),
        (("problems", "show", "tri4", "--problem-file", "x.json"), "not both"),
        (("problems", "show", "--problem-file", "/nonexistent/p.json"), "no such file"),
        (("problems", "show", "tri4", "--sat-timeout", "-1"), "--sat-timeout"),
    ],
)
def test_user_errors(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_not_json(tmp_path):
    path = tmp_path / "p.json"
    path.write_text("{not json")
    result = run("problems", "show", "--problem-file", str(path))
    assert result.exit_code == 2 and result.stderr.startswith("error: ")

"""One problem model: every built-in problem written as a problem file and read back is the same
problem, and the analyzer scores it identically (every metric, every control).

The analyzer caches per problem value, and an exported problem equals its built-in, so the caches
are cleared before the file's problem is scored: the second analysis is computed afresh from the
file's data alone.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from circuits.analysis import analyze
from circuits.analysis.analyze import analyze_problem
from circuits.errors import InputError
from circuits.problems import references, validity
from circuits.problems.model import SearchProblem, load_problem, save_problem
from circuits.problems.suite import all_problems, get_problem

NAMES = [p.name for p in all_problems()]
#: Scored in the fast suite: a DP reference (the issue's GOAL-PENDANT), DP variants (PATH4),
#: a verifier circuit (GOAL-SUBSUM2x2), a selection problem (SPLEN4).
FAST = ("goal-pendant", "path4", "goal-subsum2x2", "splen4")


def _clear_caches() -> None:
    for cached in (
        references.references,
        analyze.formulation_for,
        analyze.decoys_for,
        validity.candidate_automorphisms,
        validity.formulation_automorphisms,
        validity.function_automorphisms,
    ):
        cached.cache_clear()


@pytest.mark.parametrize("name", NAMES)
def test_exported_problem_reads_back_equal(name, tmp_path):
    problem = get_problem(name)
    path = tmp_path / f"{name}.json"
    save_problem(problem, path)
    loaded = load_problem(path)
    assert loaded == problem
    # The constructions travel with the file: the same DP references and verifier circuit.
    assert [d.name for d in loaded.dp_references] == [d.name for d in problem.dp_references]
    assert loaded.verifier_circuit == problem.verifier_circuit


def _scored(name: str, tmp_path) -> tuple[dict, dict]:
    problem = get_problem(name)
    _clear_caches()
    built_in = analyze_problem(problem, decoys=10).to_dict()
    path = tmp_path / f"{name}.json"
    save_problem(problem, path)
    _clear_caches()
    from_file = analyze_problem(load_problem(path), decoys=10).to_dict()
    return built_in, from_file


@pytest.mark.parametrize("name", FAST)
def test_exported_problem_scores_identically(name, tmp_path):
    built_in, from_file = _scored(name, tmp_path)
    assert built_in["controls"] and built_in["circuits"]
    assert from_file == built_in


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in NAMES if n not in FAST])
def test_every_exported_problem_scores_identically(name, tmp_path):
    built_in, from_file = _scored(name, tmp_path)
    assert from_file == built_in


def test_goal_pendant_file_keeps_its_dp_model(tmp_path):
    """The issue's case: GOAL-PENDANT as a file was identifiable while built in it was not, because
    the file could not carry the DP model. Now both have it and agree."""
    _clear_caches()
    path = tmp_path / "goal-pendant.json"
    save_problem(get_problem("goal-pendant"), path)
    report = analyze_problem(load_problem(path), decoys=10)
    assert "dp" in {c.name for c in report.circuits}
    assert report.flags["identifiable"] is analyze_problem(get_problem("goal-pendant"), decoys=10).flags["identifiable"]


def test_cli_export_writes_a_problem_file(tmp_path):
    from cli import cli

    path = tmp_path / "path4.json"
    result = CliRunner().invoke(cli, ["problems", "export", "path4", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert load_problem(path) == get_problem("path4")
    printed = CliRunner().invoke(cli, ["problems", "export", "goal-pendant"])
    assert SearchProblem.from_dict(json.loads(printed.output)) == get_problem("goal-pendant")
    unknown = CliRunner().invoke(cli, ["problems", "export", "no-such-problem"])
    assert unknown.exit_code == 2 and "unknown problem" in unknown.output


def _with(name: str, **changes) -> dict:
    data = get_problem(name).to_dict()
    data.update(changes)
    return data


def test_a_dp_reference_that_computes_something_else_is_refused():
    data = _with("path4")
    data["dp_references"][0]["circuit"] = get_problem("layer3x1").dp_references[0].circuit.to_dict()
    with pytest.raises(InputError, match=r"dp_references\[0\]"):
        SearchProblem.from_dict(data)


def test_a_dp_reference_needs_a_dp_name():
    data = _with("path4")
    data["dp_references"][1]["name"] = "meet"
    with pytest.raises(InputError, match="dp-<variant>"):
        SearchProblem.from_dict(data)


def test_a_verifier_circuit_must_compute_the_verifiers_in_order():
    data = _with("subsum3x2")
    outputs = data["verifier_circuit"]["outputs"]
    outputs[0], outputs[-1] = outputs[-1], outputs[0]  # {a} never sums to 4; {a, b, c} can
    with pytest.raises(InputError, match="verifier_circuit.*candidate"):
        SearchProblem.from_dict(data)


def test_a_malformed_circuit_names_its_field():
    with pytest.raises(InputError, match="verifier_circuit"):
        SearchProblem.from_dict(_with("subsum3x2", verifier_circuit={"inputs": 6}))

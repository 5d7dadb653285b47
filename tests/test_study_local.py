"""The study's locally-minimal tier end to end: a small informative pair whose enumeration of optima
is cut (``--limit 1``) gets its references improved to local minima of size and of depth; every
circuit of every trajectory computes the problem's function (checked by a row-by-row evaluator
written here), is scored, and is never reported as a proven minimum; a rerun recomputes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import cli
from test_study import USER_PROBLEM

#: and3-user has more than one minimum-size circuit, so a cap of 1 cuts its enumeration.
ARGS = ["--basis", "b2", "--jobs", "1", "--timeout", "30", "--limit", "1", "--decoys", "20"]


def and3(a: int, b: int, c: int, d: int, e: int) -> int:
    """The user problem's function, read off its description: b·d·(a ∨ c ∨ e)."""
    return b & d & (a | c | e)


def evaluate(circuit: dict[str, Any], row: int) -> list[int]:
    """The circuit's outputs on one input row, gate by gate (op bit a + 2b is the output on (a, b))."""
    values = [(row >> j) & 1 for j in range(circuit["inputs"])]
    for gate in circuit["gates"]:
        a, b = (values[f] for f in gate["fanins"])
        values.append((int(gate["op"], 16) >> (a + 2 * b)) & 1)
    outputs = []
    for out in circuit["outputs"]:
        bit = int(bool(out["value"])) if out.get("node") is None else values[out["node"]]
        outputs.append(bit ^ int(bool(out.get("negated"))))
    return outputs


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("local")
    problem = folder / "and3-user.json"
    problem.write_text(json.dumps(USER_PROBLEM))
    args = ["study", "--problem-file", str(problem), *ARGS, "--db", str(folder / "db.sqlite"), "--json"]
    docs = []
    for name, extra in (("first", []), ("second", []), ("without", ["--no-local"])):
        result = CliRunner().invoke(cli, [*args, *extra, "--out", str(folder / name)])
        assert result.exit_code == 0, result.output
        docs.append(json.loads(result.stdout))
    data = json.loads(Path(docs[0]["data"]).read_text())
    return {"first": docs[0], "second": docs[1], "without": docs[2], "data": data,
            "report": Path(docs[0]["report"]).read_text()}


def test_an_unresolved_pair_gets_locally_minimal_rows_apart_from_its_verdict(runs: dict[str, Any]) -> None:
    doc = runs["first"]
    (row,) = doc["problems"]
    assert row["informative"] is True and row["complete"] is False
    assert row["verdict"] == "unresolved"
    rows = doc["locally_minimal"]
    (target,) = runs["data"]["targets"]
    assert {(r["reference"], r["objective"]) for r in rows} == {
        (name, objective) for name in target["references"] for objective in ("size", "depth")
    }
    for r in rows:
        assert r["tier"] == "locally minimal" and r["proven_minimum"] is False
        assert (r["window_inputs"], r["window_gates"]) == (6, 8)
        assert r["locally_minimal"] == (r["proven_windows"] == r["windows"] and r["unproven_windows"] == 0)
        assert len(r["trajectory"]) == r["steps"] + 1
        assert r["end"]["size"] < r["start"]["size"]  # the references of and3-user are all improvable
    # The tier never reaches the verdict's circuit sets: those hold only enumerated or synthesized optima.
    assert all(lt["tier"] == "locally minimal" for lt in target["locally_minimal"])
    assert "locally minimal" not in json.dumps(target["sets"])


def test_every_trajectory_circuit_computes_the_function_and_is_scored(runs: dict[str, Any]) -> None:
    (target,) = runs["data"]["targets"]
    for lt in target["locally_minimal"]:
        trajectory = lt["trajectory"]
        for point in trajectory:
            circuit = point["circuit"]
            for row in range(1 << 5):
                assert evaluate(circuit, row) == [and3(*((row >> j) & 1 for j in range(5)))]
            assert point["size"] == len(circuit["gates"])
            assert point["analysis"]["computes"] is True
            assert 0.0 <= point["analysis"]["score"] <= 1.0
        assert trajectory[0]["step"] is None and all(p["step"]["step"] == i for i, p in enumerate(trajectory[1:], 1))
        sizes = [p["size"] for p in trajectory]
        depths = [p["depth"] for p in trajectory]
        if lt["objective"] == "size":
            assert all(a > b for a, b in zip(sizes, sizes[1:]))
        else:  # cost (depth, size, critical gates) falls: neither depth nor size ever grows
            assert all(a >= b for a, b in zip(depths, depths[1:])) and all(a >= b for a, b in zip(sizes, sizes[1:]))


def test_trajectory_scores_are_comparable_with_the_references(runs: dict[str, Any]) -> None:
    """The start of a trajectory is the reference itself (b2 has every gate), scored by the same job."""
    (target,) = runs["data"]["targets"]
    for lt in target["locally_minimal"]:
        start = lt["trajectory"][0]
        reference = target["references"][lt["reference"]]
        assert start["circuit"]["gates"] == reference["circuit"]["gates"]
        assert start["analysis"]["score"] == reference["analysis"]["score"]


def test_a_rerun_recomputes_nothing(runs: dict[str, Any]) -> None:
    second = runs["second"]
    assert second["computed"] == 0
    assert second["jobs"]["local improvement"]["reused"] == len(runs["first"]["locally_minimal"])
    assert second["locally_minimal"] == runs["first"]["locally_minimal"]


def test_the_report_shows_the_tier_in_its_own_section(runs: dict[str, Any]) -> None:
    html = runs["report"]
    verdicts = html[html.index('id="verdicts"') : html.index("id='locally-minimal'")]
    assert "locally minimal" not in verdicts
    section = html[html.index("id='locally-minimal'") : html.index('id="mechanisms"')]
    assert "not proven minima" in section and "<img" in section
    assert section.count("<tr>") == 1 + len(runs["first"]["locally_minimal"])


def test_no_local_leaves_the_tier_out_and_changes_nothing_else(runs: dict[str, Any]) -> None:
    without, first = runs["without"], runs["first"]
    assert without["locally_minimal"] == [] and without["jobs"]["local improvement"]["jobs"] == 0
    assert without["computed"] == 0
    assert without["problems"] == first["problems"]

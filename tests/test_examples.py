"""The files under examples/ are accepted, unchanged, by the commands the docs show them with, and
say what they claim."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from circuits.problems.model import load_problem
from circuits.study.verdicts import VERDICTS
from cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RING = EXAMPLES / "run3-ring5.json"


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_the_problem_example_is_commented_and_means_what_it_says() -> None:
    data = json.loads(RING.read_text())
    assert data["_comment"] and data["candidates"][0]["_comment"]
    problem = load_problem(RING)
    # Oracle: three neighbouring ones on a ring of five, row by row.
    expected = 0
    for row in range(32):
        bits = [(row >> j) & 1 for j in range(5)]
        if any(bits[i] and bits[(i + 1) % 5] and bits[(i + 2) % 5] for i in range(5)):
            expected |= 1 << row
    assert problem.outputs == (expected,)
    assert problem.m == 5 and problem.uniform and problem.monotone_basis


def test_problems_show_and_analyze_accept_the_example() -> None:
    shown = run("problems", "show", "--problem-file", str(RING), "--sat-timeout", "0", "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["problem"]["name"] == "run3-ring5"
    analyzed = run("analyze", "--problem-file", str(RING), "--decoys", "10", "--sat-timeout", "0", "--json")
    assert analyzed.exit_code == 0, analyzed.output
    document = json.loads(analyzed.stdout)
    brute = next(c for c in document["circuits"] if c["kind"] == "brute_force")
    assert brute["computes"] and brute["size"] == 13 and brute["score"] == 1.0


def test_study_accepts_the_example(tmp_path: Path) -> None:
    args = ["study", "--problem-file", str(RING), "--basis", "b2", "--timeout", "5", "--decoys", "10", "--jobs", "1"]
    result = run(*args, "--db", str(tmp_path / "db.sqlite"), "--out", str(tmp_path / "out"), "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["problems"]
    assert [(r["name"], r["basis"]) for r in rows] == [("run3-ring5", "b2")]
    assert rows[0]["verdict"] in VERDICTS and rows[0]["s_bf"] == 13


def test_bench_accepts_the_function_list(tmp_path: Path) -> None:
    suite = f"file:{EXAMPLES / 'functions.txt'}"
    result = run("bench", suite, "--jobs", "1", "--db", str(tmp_path / "db.sqlite"), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    # Each line's comment states its proven minimum size; the comments are the oracle here.
    claimed = {}
    for line in (EXAMPLES / "functions.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#") and "gates" in line:
            tables, comment = line.split("#", 1)
            claimed[tables.strip()] = int(comment.split("(")[1].split()[0])
    sizes = {r["function"]: r["value"] for r in document["results"] if r["optimal"]}
    assert document["done"] == 5 and document["timeouts"] == 0
    for tables, size in claimed.items():
        assert sizes[tables] == size, tables

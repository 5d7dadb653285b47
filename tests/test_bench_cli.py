"""`circuits bench` end to end: distributions checked against brute force, store, export, plot, errors."""

from __future__ import annotations

import csv
import io
import itertools
import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import cli


def brute_force_b2_sizes(n: int) -> dict[int, int]:
    """Minimum b2 size of every n-input function, by growing all sets of gate tables one gate at a time.

    Node tables are kept normal (0 on the all-zero row): a gate's complement is free in b2, so the five
    normal 2-input operations over normal tables reach every function up to complement.
    """
    rows = 1 << n
    mask = (1 << rows) - 1
    inputs = [sum(1 << r for r in range(rows) if r >> j & 1) for j in range(n)]
    ops = (
        lambda a, b: a & b,
        lambda a, b: a & ~b & mask,
        lambda a, b: ~a & b & mask,
        lambda a, b: a | b,
        lambda a, b: a ^ b,
    )
    cost: dict[int, int] = {}

    def note(table: int, k: int) -> None:
        cost.setdefault(table, k)
        cost.setdefault(table ^ mask, k)

    note(0, 0)
    for x in inputs:
        note(x, 0)
    chains: set[frozenset[int]] = {frozenset()}
    k = 0
    while len(cost) < 1 << rows:
        k += 1
        grown = set()
        for gates in chains:
            for a, b in itertools.combinations(inputs + sorted(gates), 2):
                for op in ops:
                    table = op(a, b)
                    if table and table not in gates and table not in inputs:
                        grown.add(gates | {table})
                        note(table, k)
        chains = grown
    return cost


def brute_force_b2_depths(n: int) -> dict[int, int]:
    """Minimum b2 depth of every n-input function: level d holds what one gate over level d-1 gives."""
    rows = 1 << n
    mask = (1 << rows) - 1
    level = {0} | {sum(1 << r for r in range(rows) if r >> j & 1) for j in range(n)}
    depth = {t: 0 for t in level} | {t ^ mask: 0 for t in level}
    d = 0
    while len(depth) < 1 << rows:
        d += 1
        level |= {g for a in level for b in level for g in (a & b, a & ~b & mask, ~a & b & mask, a | b, a ^ b)}
        for t in level:
            depth.setdefault(t, d)
            depth.setdefault(t ^ mask, d)
    return depth


def brute_force_npn_class(table: int, n: int) -> int:
    """The smallest table reachable by permuting and negating inputs and negating the output."""
    rows = 1 << n
    mask = (1 << rows) - 1
    best = mask
    for perm in itertools.permutations(range(n)):
        for flips in range(rows):
            moved = 0
            for r in range(rows):
                source = sum(((r >> perm[j]) & 1) << j for j in range(n)) ^ flips
                moved |= ((table >> source) & 1) << r
            best = min(best, moved, moved ^ mask)
    return best


def run(args: list[str]) -> Any:
    return CliRunner().invoke(cli, ["bench", *args])


def bench_json(args: list[str]) -> dict[str, Any]:
    result = run([*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_npn3_with_two_workers_gives_the_brute_force_distribution(tmp_path: Path) -> None:
    sizes = brute_force_b2_sizes(3)
    functions = Counter(sizes.values())
    classes = Counter(sizes[c] for c in {brute_force_npn_class(f, 3) for f in range(256)})
    doc = bench_json(["npn3", "--jobs", "2", "--db", str(tmp_path / "r.sqlite")])
    assert doc["functions_by_value"] == {str(k): v for k, v in sorted(functions.items())}
    assert doc["by_value"] == {str(k): v for k, v in sorted(classes.items())}
    assert (doc["suite"], doc["jobs"], doc["done"], doc["timeouts"]) == ("npn3", 14, 14, 0)
    assert doc["wall_seconds"] > 0 and doc["cpu_seconds"] > 0 and doc["peak_rss_mb"] > 0
    assert all(sizes[int(r["function"], 16)] == r["value"] for r in doc["results"])


def test_all3_solves_every_function_and_matches_brute_force(tmp_path: Path) -> None:
    # One job per function, not per class: the per-function check that a class sweep cannot make.
    sizes = brute_force_b2_sizes(3)
    doc = bench_json(["all3", "--jobs", "2", "--db", str(tmp_path / "r.sqlite")])
    assert (doc["jobs"], doc["done"], doc["timeouts"]) == (256, 256, 0)
    assert [int(r["function"], 16) for r in doc["results"]] == list(range(256))
    assert all(sizes[int(r["function"], 16)] == r["value"] and r["optimal"] for r in doc["results"])
    assert "published" not in doc  # no published 3-input table to compare with


def test_depth_objective_matches_brute_force(tmp_path: Path) -> None:
    depths = brute_force_b2_depths(3)
    doc = bench_json(["npn3", "--objective", "depth", "--jobs", "2", "--db", str(tmp_path / "r.sqlite")])
    assert doc["functions_by_value"] == {str(k): v for k, v in sorted(Counter(depths.values()).items())}
    assert all(depths[int(r["function"], 16)] == r["value"] for r in doc["results"])


def test_frontier_runs_from_minimum_depth_to_minimum_size(tmp_path: Path) -> None:
    sizes, depths = brute_force_b2_sizes(3), brute_force_b2_depths(3)
    db = str(tmp_path / "r.sqlite")
    doc = bench_json(["npn3", "--objective", "frontier", "--jobs", "2", "--db", db])
    assert doc["timeouts"] == 0 and sum(doc["functions_by_value"].values()) == 256
    for row in doc["results"]:
        points = [tuple(map(int, pair.split(":"))) for pair in row["value"].split()]
        f = int(row["function"], 16)
        assert points[0][0] == depths[f] and points[-1][1] == sizes[f]
        assert all(d1 < d2 and s1 > s2 for (d1, s1), (d2, s2) in zip(points, points[1:]))


def test_resume_reuses_every_stored_result(tmp_path: Path) -> None:
    db = str(tmp_path / "r.sqlite")
    first = bench_json(["npn3", "--jobs", "1", "--db", db])
    again = bench_json(["npn3", "--jobs", "1", "--db", db, "--resume"])
    assert (again["computed"], again["reused"]) == (0, 14)
    assert again["functions_by_value"] == first["functions_by_value"]
    rerun = bench_json(["npn3", "--jobs", "1", "--db", db])
    assert (rerun["computed"], rerun["reused"]) == (14, 0)


def test_dask_local_cluster_gives_the_same_results_as_the_pool(tmp_path: Path) -> None:
    pool = bench_json(["npn3", "--jobs", "2", "--db", str(tmp_path / "pool.sqlite")])
    dask = bench_json(["npn3", "--jobs", "1", "--scheduler", "local", "--db", str(tmp_path / "dask.sqlite")])
    assert "Dask LocalCluster" in dask["executor"]
    assert [(r["function"], r["value"]) for r in dask["results"]] == [(r["function"], r["value"]) for r in pool["results"]]
    assert dask["by_value"] == pool["by_value"]


def test_file_suite_with_known_answers(tmp_path: Path) -> None:
    suite = tmp_path / "known.txt"
    suite.write_text("# facts from Knuth's tables\n0x96 0xe8  # full adder: 5 gates\n0x6996     # XOR4: 3 gates\n0x6996\n")
    doc = bench_json([f"file:{suite}", "--jobs", "1", "--db", str(tmp_path / "r.sqlite")])
    assert [(r["function"], r["value"]) for r in doc["results"]] == [("0x96 0xe8", 5), ("0x6996", 3), ("0x6996", 3)]
    assert doc["by_value"] == {"3": 2, "5": 1} and doc["computed"] == 2  # the repeated line runs once


def test_timeouts_keep_their_bounds_and_rerun_with_more_time(tmp_path: Path) -> None:
    suite = tmp_path / "hard.txt"
    suite.write_text("0x2b7e1516\n")  # a 5-input function far beyond a fraction of a second
    db = str(tmp_path / "r.sqlite")
    doc = bench_json([f"file:{suite}", "--timeout", "0.3", "--jobs", "1", "--db", db])
    assert (doc["done"], doc["timeouts"], doc["by_value"]) == (1, 1, {})
    entry = doc["unresolved"][0]
    assert entry["function"] == "0x2b7e1516" and 0 < entry["lower_bound"] <= entry["best"]
    with sqlite3.connect(db) as con:
        stored = json.loads(con.execute("SELECT result FROM results WHERE kind = 'synthesis'").fetchone()[0])
    assert stored["timed_out"] and stored["timeout"] == 0.3 and stored["lower_bound"] == entry["lower_bound"]
    same = bench_json([f"file:{suite}", "--timeout", "0.3", "--jobs", "1", "--db", db, "--resume"])
    assert (same["computed"], same["reused"]) == (0, 1)
    longer = bench_json([f"file:{suite}", "--timeout", "0.6", "--jobs", "1", "--db", db, "--resume"])
    assert (longer["computed"], longer["reused"]) == (1, 0)


def test_a_cut_frontier_reports_its_bounds(tmp_path: Path) -> None:
    suite = tmp_path / "hard.txt"
    suite.write_text("0x2b7e1516\n")
    args = [f"file:{suite}", "--objective", "frontier", "--timeout", "0.3", "--jobs", "1", "--db", str(tmp_path / "r.sqlite")]
    doc = bench_json(args)
    assert (doc["timeouts"], doc["by_value"]) == (1, {})
    points = doc["unresolved"][0]["frontier"]
    assert not points[-1]["optimal"] and all(0 < p["lower_bound"] <= p["size"] for p in points)
    text = run([*args, "--resume"])
    assert "timeout 0x2b7e1516: depth" in text.stdout and "(proven >= " in text.stdout


def test_text_summary_and_plot(tmp_path: Path) -> None:
    plot = tmp_path / "bench.png"
    result = run(["npn3", "--jobs", "1", "--db", str(tmp_path / "r.sqlite"), "--plot", str(plot)])
    assert result.exit_code == 0, result.output
    assert "classes" in result.stdout and "functions" in result.stdout and "CPU" in result.stdout
    assert "14/14 done" in result.stdout
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "npn3: 14/14 done, 0 timeouts" in result.stderr  # plain progress lines off a terminal


def test_export_csv_writes_the_stored_results(tmp_path: Path) -> None:
    db = str(tmp_path / "r.sqlite")
    doc = bench_json(["npn3", "--jobs", "1", "--db", db])
    other = tmp_path / "other.txt"
    other.write_text("0x96 0xe8\n")
    bench_json([f"file:{other}", "--jobs", "1", "--db", db])
    everything = run(["--export", "csv", "--db", db])
    assert everything.exit_code == 0, everything.output
    assert len(list(csv.DictReader(io.StringIO(everything.stdout)))) == 15
    out = tmp_path / "npn3.csv"
    written = run(["npn3", "--export", "csv", "--db", db, "-o", str(out), "--json"])
    assert json.loads(written.stdout) == {"export": "csv", "rows": 14, "output": str(out)}
    with out.open() as handle:
        rows = list(csv.DictReader(handle))
    expected = {r["function"]: r["value"] for r in doc["results"]}
    assert {row["outputs"]: int(row["value"]) for row in rows} == expected
    assert all(row["basis"] == "b2" and row["objective"] == "size" and row["optimal"] == "True" for row in rows)


def one_line_error(args: list[str]) -> str:
    result = run(args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["npn7"], "NPN suites cover 1 to 4 inputs"),
        (["everything"], "unknown suite 'everything'"),
        (["random:3:4"], "random:COUNT:INPUTS:SEED"),
        ([], "bench needs a SUITE"),
        (["npn3", "--basis", "mono"], "does not make negations free"),
        (["npn3", "--basis", "nand"], "'nand' is not one of 'b2'"),
        (["npn3", "--solver", "nosuchsolver"], "'nosuchsolver' is not one of 'auto'"),
        (["npn3", "--jobs", "0"], "--jobs must be at least 1"),
        (["npn3", "--scheduler", "nowhere"], "neither 'local' nor an address"),
        (["npn3", "--timeout", "0"], "--timeout must be a positive finite number"),
    ],
)
def test_bad_arguments_are_one_line_errors(tmp_path: Path, args: list[str], fragment: str) -> None:
    assert fragment in one_line_error([*args, "--db", str(tmp_path / "r.sqlite")])


def test_unreadable_files_are_one_line_errors(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "r.sqlite")]
    assert "cannot read suite file" in one_line_error([f"file:{tmp_path / 'missing.txt'}", *db])
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"\xff\xfe\x00\x81" * 50)
    assert "not UTF-8" in one_line_error([f"file:{garbage}", *db])
    bad_line = tmp_path / "bad.txt"
    bad_line.write_text("0x6996\nxyz\n")
    assert f"{bad_line}:2:" in one_line_error([f"file:{bad_line}", *db])
    assert "not a database" in one_line_error(["npn3", "--db", str(garbage)])


def test_locked_database_is_a_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert "is locked by another process" in one_line_error(["npn3", "--db", str(db)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()

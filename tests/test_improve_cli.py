"""`circuits improve`: every readable format in, the improved circuit out, JSON fields, errors, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from circuits.circuit import Circuit, Gate, Output
from circuits.formats import read_circuit_file, write_circuit_file
from cli import cli

#: XOR of three inputs from AND/OR/NOT only: 6 gates where 2 suffice.
BLOATED = Circuit(
    3,
    (Gate(0x2, (0, 1)), Gate(0x4, (0, 1)), Gate(0xE, (3, 4)), Gate(0x2, (5, 2)), Gate(0x4, (5, 2)), Gate(0xE, (6, 7))),
    (Output(8),),
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("extension", ["json", "aag", "aig", "blif", "bench", "v"])
def test_improve_reads_every_format_and_writes_the_result(tmp_path: Path, extension: str) -> None:
    source = tmp_path / f"in.{extension}"
    write_circuit_file(BLOATED, extension if extension != "v" else "verilog", source)
    out = tmp_path / "out.blif"
    result = run("improve", str(source), "--basis", "b2", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "locally minimal" in result.output
    improved = read_circuit_file(out)
    assert improved.output_tables() == BLOATED.output_tables()
    assert improved.size == 2  # two XORs, once b2 may use them


def test_improve_keeps_the_files_basis_by_default(tmp_path: Path) -> None:
    """A netlist of ANDs and ORs reads as an AIG, where XOR3 stays at 6 AND gates."""
    source = tmp_path / "in.bench"
    write_circuit_file(BLOATED, "bench", source)
    result = run("improve", str(source), "--json")
    document = json.loads(result.output)
    assert document["basis"] == "aig" and document["size"] == 6


def test_improve_json_document(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    write_circuit_file(BLOATED, "json", source)
    result = run("improve", str(source), "--json", "--window-gates", "6", "--jobs", "2")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    for field in ("circuit", "locally_minimal", "limits", "unproven_windows", "trajectory", "size", "depth", "stop"):
        assert field in document
    assert document["locally_minimal"] is True and document["size"] == 2
    assert document["limits"]["window_gates"] == 6 and document["limits"]["window_inputs"] == 6
    steps = document["trajectory"]
    assert steps and steps[-1]["size"] == 2
    for step in steps:
        assert {"size", "depth", "window", "size_before", "window_size", "replacement_size", "circuit"} <= set(step)
        assert Circuit.from_dict(step["circuit"]).output_tables() == BLOATED.output_tables()
    assert Circuit.from_dict(document["circuit"]).output_tables() == BLOATED.output_tables()


def test_improve_from_a_truth_table() -> None:
    result = run("improve", "0x96", "0xe8", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["size"] == 5 and document["locally_minimal"] is True
    assert document["source"].startswith("0x96 0xe8")


def test_improve_depth_objective_in_aig() -> None:
    result = run("improve", "0x6996", "--objective", "depth", "--basis", "aig", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["objective"] == "depth" and document["basis"] == "aig"
    assert document["depth"] <= document["initial"]["depth"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.json"], "no such file"),
        (["0x1g"], "malformed truth table"),
        (["0x96", "--window-gates", "0"], "--window-gates"),
        (["0x96", "--window-inputs", "9"], "--window-inputs"),
        (["0x96", "--timeout", "-1"], "--timeout"),
        (["0x96", "--window-timeout", "nan"], "--window-timeout"),
        (["0x96", "--jobs", "0"], "--jobs"),
        (["0x96", "--basis", "mono"], "monotone"),
    ],
)
def test_improve_bad_input_is_one_line_exit_2(args: list[str], message: str) -> None:
    result = run("improve", *args)
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_improve_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bench"
    bad.write_text("INPUT(a)\nOUTPUT(y)\ny = FOO(a)\n")
    result = run("improve", str(bad))
    assert result.exit_code == 2 and result.output.startswith(f"error: {bad}:")


def test_ctrl_c_stops_cleanly_with_the_last_verified_circuit(tmp_path: Path) -> None:
    """SIGINT to the process group (as a terminal sends it): exit 130 within seconds, no worker left."""
    from circuits.problems.references import reference_circuits
    from circuits.problems.suite import get_problem

    source = tmp_path / "goal.json"
    write_circuit_file(reference_circuits(get_problem("goal-path4"))["brute_force"], "json", source)
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "improve", str(source), "--jobs", "2", "--window-timeout", "60", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in an interactive shell
    )
    time.sleep(4.0)
    os.killpg(process.pid, signal.SIGINT)
    started = time.perf_counter()
    out, err = process.communicate(timeout=30)
    assert time.perf_counter() - started < 5.0
    assert process.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    document = json.loads(out)
    assert document["stop"] == "interrupted" and document["locally_minimal"] is False
    deadline = time.perf_counter() + 5.0
    while time.perf_counter() < deadline:
        alive = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout.split()
        if not alive:
            break
        time.sleep(0.2)
    assert not alive, f"worker processes outlived the command: {alive}"

"""`circuits solve`: the CLI contract, including one-line errors with exit code 2."""

import json

import pytest
from click.testing import CliRunner

from cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_solve_xor4_reports_three_gates_minimal():
    result = run("solve", "0x6996")
    assert result.exit_code == 0
    assert "size       3 (minimal" in result.output
    assert "XOR" in result.output


def test_solve_full_adder_json():
    result = run("solve", "0x96", "0xe8", "--json")
    document = json.loads(result.output)
    assert document["size"] == 5 and document["optimal"] is True
    assert document["outputs"] == ["0x96", "0xe8"]
    for field in ("inputs", "basis", "objective", "depth", "lower_bound", "seconds", "circuit"):
        assert field in document


@pytest.mark.parametrize(
    "args",
    [
        ["0xZZ"],
        ["0x123"],
        ["101"],
        [""],
        [],
        ["0x8", "0x6996"],
        ["0x" + "f" * 128],
        ["0x8", "--basis", "nope"],
        ["0x8", "--solver", "nope"],
        ["0x6", "--basis", "mono"],
    ],
)
def test_bad_input_is_one_line_and_exit_2(args):
    result = run("solve", *args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "Traceback" not in result.output

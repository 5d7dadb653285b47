"""Options every command shares: time limits are positive finite seconds, binary formats need -o."""

from __future__ import annotations

import math

import pytest
from click.testing import CliRunner

from circuits.errors import InputError
from cli import cli
from sat_encoding import minimum_size
from circuits.truthtable import parse_truth_tables

BAD_LIMITS = ["0", "-5", "nan", "inf", "-inf", "1e400", "abc", ""]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def assert_one_line_refusal(result, needle: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("value", BAD_LIMITS)
@pytest.mark.parametrize(
    "command",
    [["solve", "0xe8"], ["solve", "0xe8", "--all"], ["bench", "npn3"], ["study", "--problems", "path3"]],
)
def test_every_timeout_refuses_a_limit_that_is_not_positive_and_finite(command, value, tmp_path):
    result = run(*command, "--timeout", value, *(["--db", str(tmp_path / "x.db")] if command[0] != "solve" else []))
    assert_one_line_refusal(result, f"--timeout must be a positive finite number of seconds, got {value!r}")


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "x"])
@pytest.mark.parametrize("command", [["problems", "show", "path3"], ["analyze", "--problem", "path3"]])
def test_sat_timeout_takes_zero_to_skip_but_nothing_else_out_of_range(command, value):
    assert_one_line_refusal(run(*command, "--sat-timeout", value), "--sat-timeout must be 0 (skip)")


def test_a_small_positive_limit_is_accepted():
    result = run("solve", "0xe8", "--timeout", "2.5", "--json")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("value", [0, -5, math.nan, math.inf])
def test_the_library_refuses_the_same_limits(value):
    with pytest.raises(InputError, match="positive finite"):
        minimum_size(parse_truth_tables(["0xe8"]), timeout=value)


@pytest.mark.parametrize("fmt", ["png", "aig"])
def test_binary_formats_need_an_output_file(fmt):
    assert_one_line_refusal(run("solve", "0xe8", "--format", fmt), f"--format {fmt} writes binary data: give -o FILE")


def test_binary_output_to_stdout_when_forced_with_dash():
    result = CliRunner().invoke(cli, ["solve", "0xe8", "--format", "aig", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"aig ")


def test_binary_output_to_a_file(tmp_path):
    path = tmp_path / "c.aig"
    result = run("solve", "0xe8", "--format", "aig", "-o", str(path))
    assert result.exit_code == 0 and path.read_bytes().startswith(b"aig ")


def test_draw_png_needs_an_output_file(tmp_path):
    source = tmp_path / "c.json"
    assert run("solve", "0xe8", "--json", "-o", str(source)).exit_code == 0
    assert_one_line_refusal(run("draw", str(source), "--format", "png"), "--format png writes binary data")
    assert run("draw", str(source), "-o", "-").exit_code == 0  # text diagram to stdout, as without -o


def test_an_unknown_solve_format_is_refused_before_solving():
    assert_one_line_refusal(run("solve", "0xe8", "--format", "gif"), "'gif' is not one of")

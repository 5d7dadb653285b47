"""The surface a user touches every day (issue 28): inputs, errors, output paths, formats, progress,
and a --timeout that bounds the whole command."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from circuits.formats import read_circuit_file
from cli import cli

ROOT = Path(__file__).resolve().parent.parent
#: TRI4's function: a 6-input size search that runs for minutes without a limit.
TRI4 = "0xffe0c8c0a8a08800"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def refusal(result) -> str:
    """The one error line of a refused command (exit code 2, no traceback)."""
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


# 1. standard input ---------------------------------------------------------------------------


def test_solve_dash_reads_standard_input_one_function_per_line():
    result = run("solve", "-", stdin="0x96\n")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("function   0x96  (3 inputs, 1 output)")
    several = run("solve", "-", "--json", stdin="0x96 0xe8\n# the XOR of four\n0x6996\n")
    documents = json.loads(several.output)
    assert [d["outputs"] for d in documents] == [["0x96", "0xe8"], ["0x6996"]]
    assert [d["size"] for d in documents] == [5, 3]


def test_solve_dash_with_nothing_on_standard_input_is_refused():
    assert "lists no functions" in refusal(run("solve", "-", stdin=""))


# 2. errors quote little of an input ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["solve", "0x" + "1" * 100_000],
        ["solve", "1" * 99_999],
        ["solve", "0x96", "--basis", "q" * 10_000],
        ["solve", "--expr", "x0 & " + "y" * 10_000],
        ["solve", "0x96", "--care", "0x" + "f" * 10_000],
    ],
)
def test_an_error_quotes_at_most_sixty_characters_of_an_input(args):
    line = refusal(run(*args))
    assert len(line) < 300
    assert all(len(run_) <= 60 for run_ in _quoted_parts(line)), line


def _quoted_parts(line: str) -> list[str]:
    parts = line.split("'")
    return parts[1::2]


# 3. improve prints its circuit, has --format --------------------------------------------------


def test_improve_prints_its_final_circuit_in_text_mode():
    result = run("improve", "0x96", "0xe8")
    assert result.exit_code == 0, result.output
    assert "(3 inputs, 2 outputs)" in result.output
    assert "final circuit (5 gates" in result.output and "  y1 = " in result.output


def test_improve_writes_the_format_asked_for(tmp_path):
    out = tmp_path / "out.txt"
    result = run("improve", "0x96", "--format", "bench", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert read_circuit_file(out, "bench").output_tables() == [0x96]
    assert "--format" in refusal(run("improve", "0x96", "-o", str(tmp_path / "out.xyz")))
    assert "cannot be combined" in refusal(run("improve", "0x96", "--json", "--format", "blif"))


# 4. progress and a whole-command time limit ---------------------------------------------------


@pytest.mark.parametrize("engine", ["auto", "topology"])
def test_timeout_bounds_the_whole_command_every_stage_included(engine):
    """With the topology engine the listing's shapes (94,248 at 9 gates) must be generated inside
    the limit too, not by the parent after it."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "cli", "solve", TRI4, "--all", "--timeout", "5", "--json", "--engine", engine],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    wall = time.perf_counter() - began
    assert done.returncode == 0, done.stderr
    assert wall <= 5 + 2, f"{wall:.1f} s for --timeout 5"
    document = json.loads(done.stdout)
    assert document["optimal"] is False and document["lower_bound"] < document["size"]
    assert done.stderr == ""  # not a terminal: no progress line


def test_solve_shows_progress_and_says_it_has_no_time_limit_on_a_terminal():
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "solve", TRI4, "--timeout", "6"],
        stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL, cwd=ROOT,
    )
    os.close(follower)
    shown = b""
    try:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        process.communicate(timeout=60)
        os.close(leader)
    text = shown.decode()
    assert "minimum size" in text and "size proven >= " in text and "best found " in text, text
    assert "\r" in text and "no time limit" not in text
    quiet = subprocess.run([sys.executable, "-m", "cli", "solve", "0x96", "-q"], capture_output=True, cwd=ROOT)
    assert quiet.stderr == b""


def test_solve_without_a_limit_says_so_on_a_terminal():
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "solve", "0x96"], stdout=subprocess.PIPE, stderr=follower, cwd=ROOT
    )
    os.close(follower)
    process.communicate(timeout=60)
    shown = b""
    try:
        while True:
            chunk = os.read(leader, 4096)
            if not chunk:
                break
            shown += chunk
    except OSError:
        pass
    os.close(leader)
    assert b"no time limit" in shown


# 5. output paths are checked before any work -----------------------------------------------------


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["solve", TRI4, "-o", "nodir/x.json"], "the folder 'nodir' does not exist"),
        (["solve", TRI4, "--format", "blif", "-o", "/dev/null"], "device"),
        (["solve", TRI4, "-o", "."], "is a directory"),
        (["study", "--problems", "path3", "--out", "/proc/x"], "cannot create the folder"),
        (["bench", "npn3", "--plot", "nodir/p.png"], "does not exist"),
        (["improve", TRI4, "-o", "nodir/x.blif"], "does not exist"),
        (["draw", "examples/run3-ring5.json", "-o", "nodir/x.svg"], "does not exist"),
    ],
)
def test_an_unwritable_output_is_refused_at_once_in_plain_words(args, fragment):
    began = time.perf_counter()
    line = refusal(run(*args))
    assert fragment in line and "Errno" not in line
    assert time.perf_counter() - began < 5


# 6. draw converts -----------------------------------------------------------------------------


def full_adder():
    from circuits.truthtable import parse_truth_tables
    from sat_encoding import minimum_size

    return minimum_size(parse_truth_tables(["0x96", "0xe8"])).circuit


def test_the_full_adder_sentence_of_formats_md_has_the_real_numbers():
    import re

    from circuits.formats import write_circuit

    text = " ".join((ROOT / "docs" / "formats.md").read_text().split())
    claim = re.search(r"The `b2` full adder has (\d+) gates, (\w+) of them XORs; .*? ANDs, (\d+) in all", text)
    assert claim is not None
    adder = full_adder()
    xors = sum(1 for gate in adder.gates if gate.op in (0x6, 0x9))
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
    ands = int(write_circuit(adder, "aag").splitlines()[0].split()[5])
    assert (int(claim.group(1)), words[claim.group(2)], int(claim.group(3))) == (adder.size, xors, ands)


@pytest.mark.parametrize("source_format", ["json", "aag", "aig", "blif", "bench", "verilog"])
@pytest.mark.parametrize("target_format", ["json", "aag", "aig", "blif", "bench", "verilog"])
def test_draw_converts_every_format_it_reads_to_every_circuit_format(tmp_path, source_format, target_format):
    from circuits.formats import write_circuit_file

    adder = full_adder()
    source = tmp_path / f"in.{source_format}"
    write_circuit_file(adder, source_format, source)
    target = tmp_path / f"out.{target_format}"
    result = run("draw", str(source), "--from", source_format, "--format", target_format, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert read_circuit_file(target, target_format).output_tables() == adder.output_tables()


# 7. one vocabulary -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["solve"], ["improve"], ["draw"], ["bench"], ["study"], ["problems", "show"]])
def test_dash_h_is_help(command):
    result = run(*command, "-h")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_choices_are_the_same_lists_on_every_command():
    for command in (["solve"], ["improve"], ["bench"]):
        assert "[b2|aig|xaig|mono]" in run(*command, "--help").output
    for command in (["solve"], ["improve"]):
        assert "text|json|json|aag" not in (help_text := run(*command, "--help").output)
        assert "ascii|dot|svg|png" in help_text
    assert "'nosolver' is not one of 'auto'" in refusal(run("solve", "0x96", "--solver", "nosolver"))
    assert "is not one of" in refusal(run("improve", "0x96", "--basis", "b3"))


def test_json_with_a_netlist_format_is_an_error():
    assert "cannot be combined with --format blif" in refusal(run("solve", "0x96", "--json", "--format", "blif"))


def test_cpu_timeout_is_checked_like_timeout():
    assert "--cpu-timeout must be a positive finite number of seconds" in refusal(run("improve", "0x96", "--cpu-timeout", "0"))


def test_one_of_something_is_singular():
    assert "(1 input, 1 output)" in run("solve", "01").output
    assert "(1 input, 1 output)" in run("improve", "01").output


# 8. inputs people have ------------------------------------------------------------------------


def test_solve_reads_a_pla_file_with_dont_cares_and_several_outputs(tmp_path):
    pla = tmp_path / "f.pla"
    pla.write_text(".i 3\n.o 2\n11- 10\n1-1 11\n-11 1-\n.e\n")
    document = json.loads(run("solve", str(pla), "--json").output)
    assert document["outputs"][0] == "0xe8" and document["care"][1] == "0x3f"
    assert document["optimal"] is True


def test_solve_an_expression():
    document = json.loads(run("solve", "--expr", "x0 & x1 | ~x2", "--json").output)
    assert document["outputs"] == ["0x8f"] and document["size"] == 2


def test_solve_a_circuit_file_finds_the_exact_minimum_of_its_function(tmp_path):
    bloated = tmp_path / "xor.bench"
    bloated.write_text(
        "INPUT(a)\nINPUT(b)\nOUTPUT(y)\nn1 = NAND(a, b)\nn2 = NAND(a, n1)\nn3 = NAND(b, n1)\ny = NAND(n2, n3)\n"
    )
    document = json.loads(run("solve", str(bloated), "--json").output)
    assert document["outputs"] == ["0x6"] and document["size"] == 1 and document["optimal"] is True


def test_improve_and_bench_take_the_same_inputs(tmp_path):
    pla = tmp_path / "maj.pla"
    pla.write_text(".i 3\n.o 1\n11- 1\n1-1 1\n-11 1\n")
    assert "final circuit" in run("improve", str(pla)).output
    assert "final circuit" in run("improve", "--expr", "x0 ^ x1").output
    assert "final circuit" in run("improve", "-", stdin="0x8\n").output
    bench = run("bench", f"file:{pla}", "--db", str(tmp_path / "r.db"), "--jobs", "1", "--json")
    assert json.loads(bench.stdout)["by_value"] == {"4": 1}


def test_shell_completion_offers_the_choice_lists():
    env = dict(os.environ, COMP_WORDS="circuits solve --solver cad", COMP_CWORD="3", _CIRCUITS_COMPLETE="bash_complete")
    done = subprocess.run([sys.executable, "-m", "cli"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert "plain,cadical195" in done.stdout.splitlines()


def test_dash_h_survives_a_context_built_without_the_group():
    """click caches a command's help option; a context made for a subcommand alone must not lose -h."""
    from cli import cli as group

    group.commands["solve"].make_context("circuits solve", ["0x96"])
    assert run("solve", "-h").exit_code == 0

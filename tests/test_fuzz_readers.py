"""Every reader of user input, fed 10,000 generated inputs each: never a traceback, every refusal one
line with exit code 2.

Each reader is called directly with 10,000 inputs (it may only raise the errors the CLI turns into
one line and exit code 2, and their text is one line); the same inputs, 500 of them, go through the
CLI in-process (click's CliRunner), and a few through a real subprocess. Generated inputs are mostly
near misses of valid ones (mutated tables, problem files and circuit files), since purely random
text rarely gets past a reader's first line.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circuits.circuit import Circuit, Gate, Output
from circuits.errors import InputError
from circuits.formats import read_circuit_text, write_circuit
from circuits.problems.model import load_problem
from circuits.problems.suite import get_problem
from circuits.truthtable import parse_truth_tables
from cli import cli

READER = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck), database=None)
CLI = settings(READER, max_examples=500)
#: What a reader may raise: the CLI reports each as "error: <text>" with exit code 2.
REFUSALS = (InputError, json.JSONDecodeError, OSError)


def refused_in_one_line(read, *args) -> None:
    """Call a reader; a refusal must be one of ``REFUSALS`` with a one-line message."""
    try:
        read(*args)
    except REFUSALS as err:
        assert "\n" not in str(err).strip(), str(err)


def assert_clean(result, accepted: tuple[int, ...] = (0,)) -> None:
    """No traceback; a refusal is exit code 2 with one line on stderr that starts with "error: "."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    else:
        assert result.exit_code in accepted, (result.exit_code, result.output)


def runner() -> CliRunner:
    return CliRunner()


# -- truth tables ----------------------------------------------------------------------------------
table_text = st.one_of(
    st.text(alphabet="0123456789abcdefABCDEFxX-_ .,;+", max_size=24),
    st.builds(lambda digits: "0x" + digits, st.text(alphabet="0123456789abcdefg", max_size=20)),
    st.text(alphabet="01-", min_size=0, max_size=40),
    st.text(max_size=12),
)
tables = st.lists(table_text, min_size=0, max_size=3)
options = st.fixed_dictionaries(
    {
        "inputs": st.one_of(st.none(), st.integers(-3, 12).map(str), st.text(max_size=3)),
        "care": st.one_of(st.none(), table_text),
    }
)


def solve_args(given_tables: list[str], given_options: dict[str, str | None]) -> list[str]:
    args = [*given_tables]
    for name, value in given_options.items():
        if value is not None:
            args += [f"--{name}", value]
    return args


@pytest.mark.slow
@READER
@given(tables, options)
def test_truth_tables_are_read_or_refused_in_one_line(given_tables, given_options):
    inputs = given_options["inputs"]
    try:
        count = None if inputs is None else int(inputs)
    except ValueError:
        return  # click refuses a non-integer --inputs before the reader sees it
    refused_in_one_line(parse_truth_tables, given_tables, count, given_options["care"])


@pytest.mark.slow
@CLI
@given(tables, options)
def test_truth_tables_through_the_cli(given_tables, given_options):
    """``--all --limit 0`` refuses every table that parses (the limit is checked after the tables),
    so no input starts a synthesis and every run is a refusal: of the table or of the limit."""
    result = runner().invoke(cli, ["solve", *solve_args(given_tables, given_options), "--all", "--limit", "0"])
    if result.exit_code == 2 and "Usage:" in result.stderr:
        return  # click's own usage error (an argument that looks like an option, like "-0")
    assert_clean(result, accepted=())


# -- problem files ---------------------------------------------------------------------------------
def problem_documents() -> st.SearchStrategy:
    valid = get_problem("path3").to_dict()
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers(-5, 70) | st.text(max_size=8) | st.sampled_from(["0xcc", "0xec", "exists", "first"]),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
        max_leaves=8,
    )
    keys = st.sampled_from(sorted(valid) + ["candidates.0.verifier", "candidates.0.name", "outputs.0", "extra"])

    def mutate(edits: list[tuple[str, object, bool]]) -> str:
        """Apply each edit that still fits the document (an earlier edit may have replaced its parent)."""
        document = json.loads(json.dumps(valid))
        for key, value, delete in edits:
            *path, last = key.split(".")
            try:
                target = document
                for part in path:
                    target = target[int(part)] if isinstance(target, list) else target[part]
                if isinstance(target, list):
                    index = int(last)
                    target.pop(index) if delete else target.__setitem__(index, value)
                elif delete:
                    target.pop(last, None)
                else:
                    target[last] = value
            except (LookupError, TypeError, ValueError, AttributeError):
                continue
        return json.dumps(document)

    mutated = st.lists(st.tuples(keys, json_values, st.booleans()), min_size=1, max_size=3).map(mutate)
    return st.one_of(mutated, st.text(max_size=60), json_values.map(json.dumps), st.binary(max_size=40))


@pytest.mark.slow
@READER
@given(problem_documents())
def test_problem_files_are_read_or_refused_in_one_line(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "problem.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    refused_in_one_line(load_problem, path)


@pytest.mark.slow
@CLI
@given(problem_documents())
def test_problem_files_through_the_cli(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "problem.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    assert_clean(runner().invoke(cli, ["problems", "show", "--problem-file", str(path), "--sat-timeout", "0"]))


# -- circuit files ---------------------------------------------------------------------------------
FORMATS = ("json", "aag", "aig", "blif", "bench", "verilog")


def seed_circuits(count: int = 60) -> list[Circuit]:
    """Small random circuits, drawn once with a fixed seed: the valid files the fuzzer mutates."""
    rng = random.Random(16)
    made = []
    for _ in range(count):
        n = rng.randint(1, 4)
        gates = [Gate(rng.randrange(16), (rng.randrange(n + i), rng.randrange(n + i))) for i in range(rng.randint(0, 5))]
        nodes = n + len(gates)
        outputs = [Output(rng.randrange(nodes), rng.random() < 0.5) for _ in range(rng.randint(1, 3))]
        made.append(Circuit(n, tuple(gates), tuple(outputs), "b2"))
    return made


SEEDS = seed_circuits()


def circuit_files(fmt: str) -> st.SearchStrategy:
    """Files of ``fmt``: valid ones written from small circuits, then cut, spliced and garbled."""
    written = [write_circuit(c, fmt) for c in SEEDS]
    as_bytes = st.sampled_from([w if isinstance(w, bytes) else w.encode() for w in written])

    def garble(content: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
        data = bytearray(content)
        for position, length, insert in edits:
            at = position % (len(data) + 1)
            data[at : at + length] = insert
        return bytes(data)

    edit = st.tuples(st.integers(0, 400), st.integers(0, 6), st.binary(max_size=4) | st.sampled_from([b"\n", b" ", b"0", b"-1", b"x9"]))
    return st.one_of(
        st.builds(garble, as_bytes, st.lists(edit, min_size=1, max_size=4)),
        st.builds(lambda c, n: c[:n], as_bytes, st.integers(0, 200)),
        st.binary(max_size=80),
    )


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_circuit_files_are_read_or_refused_in_one_line(fmt):
    @READER
    @given(circuit_files(fmt))
    def check(data: bytes) -> None:
        refused_in_one_line(read_circuit_text, data, fmt)

    check()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_circuit_files_through_the_cli(fmt, tmp_path):
    path = tmp_path / f"circuit.{fmt}"

    @CLI
    @given(circuit_files(fmt))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        assert_clean(runner().invoke(cli, ["draw", str(path), "--from", fmt, "--json"]))

    check()


# -- a few real processes ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["solve", "0x1g"],
        ["solve", "10-2"],
        ["solve", "0x96", "0xe8f"],
        ["solve", "0x6", "--inputs", "-1"],
    ],
)
def test_refusals_of_a_real_process_are_one_line(args):
    done = subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("error: ")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_garbled_file_in_a_real_process_is_one_line(fmt, tmp_path):
    path = tmp_path / f"broken.{fmt}"
    path.write_bytes(b"\x00\xff garbage \n 1 2 3\n")
    done = subprocess.run([sys.executable, "-m", "cli", "draw", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("error: ")


def test_a_broken_problem_file_in_a_real_process_is_one_line(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"name": "x", "inputs": 3, "mode": "exists", "candidates": [{"name": "a", "verifier": "0x1"}]}')
    done = subprocess.run(
        [sys.executable, "-m", "cli", "problems", "show", "--problem-file", str(path)],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("error: ")

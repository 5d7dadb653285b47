"""An independent check of every writer: ABC's combinational equivalence checker (``cec``).

Each circuit is written in each format and proved equivalent by ABC to a reference BLIF that lists
the minterms of its truth table, so the check shares no code with the writers. ABC reads .aig, .blif,
.bench and .v directly; this ABC build cannot read ASCII AIGER, so .aag files (and, as a second
reader, .v files) go through yosys first. A mutated gate must make ABC report non-equivalence, so
these tests can fail.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from random_circuits import circuits, port_names

from circuits.circuit import Circuit, Gate
from circuits.formats import write_circuit_file
from circuits.truthtable import parse_truth_tables

ABC = shutil.which("yosys-abc")
YOSYS = shutil.which("yosys")
pytestmark = pytest.mark.skipif(
    ABC is None, reason="yosys-abc (Debian package yosys) is not installed, so ABC cannot check equivalence"
)

#: How ABC gets each file: directly, or converted to BLIF by yosys first.
CHECKS = [
    ("aig", "direct"),
    ("blif", "direct"),
    ("bench", "direct"),
    ("verilog", "direct"),
    ("verilog", "yosys"),
    ("aag", "yosys"),
]
EXTENSION = {"aag": "aag", "aig": "aig", "blif": "blif", "bench": "bench", "verilog": "v"}
_YOSYS_READ = {"aag": "read_aiger", "verilog": "read_verilog"}
# Mutations of dead gates change nothing and are rejected by assume(): allow a high rejection rate.
_DISK = settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])


def reference_blif(n: int, tables: list[int], input_names: tuple[str, ...], output_names: tuple[str, ...]) -> str:
    """A BLIF that lists every on-set row of every output: the truth table itself, no structure."""
    lines = [".model reference", ".inputs " + " ".join(input_names), ".outputs " + " ".join(output_names)]
    for name, table in zip(output_names, tables):
        # A constant 0 has no inputs: ABC refuses a .names whose inputs have no cover rows.
        lines.append(f".names {' '.join(input_names)} {name}" if table else f".names {name}")
        lines += ["".join(str((row >> j) & 1) for j in range(n)) + " 1" for row in range(1 << n) if (table >> row) & 1]
    return "\n".join(lines + [".end"]) + "\n"


def abc_equivalent(reference: Path, candidate: Path) -> bool:
    """ABC's verdict; an answer that is neither (a file ABC could not read) fails the test."""
    done = subprocess.run([ABC, "-c", f"cec {reference} {candidate}"], capture_output=True, text=True, timeout=60)
    if "Networks are equivalent" in done.stdout:
        return True
    if "NOT EQUIVALENT" in done.stdout:
        return False
    raise AssertionError(f"ABC gave no verdict on {candidate.name}:\n{done.stdout}{done.stderr}")


def checked_file(circuit: Circuit, fmt: str, route: str, folder: Path) -> Path:
    """Write ``circuit`` in ``fmt``; for the yosys route, return the BLIF yosys made of it."""
    path = folder / f"circuit.{EXTENSION[fmt]}"
    write_circuit_file(circuit, fmt, path)
    if route == "direct":
        return path
    if YOSYS is None:
        pytest.skip("yosys is not installed, so .aag and the yosys reading of .v cannot be checked")
    converted = folder / f"yosys_{fmt}.blif"
    script = f"{_YOSYS_READ[fmt]} {path}; techmap; write_blif {converted}"
    done = subprocess.run([YOSYS, "-q", "-p", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"yosys could not read {path.name}:\n{done.stdout}{done.stderr}"
    return converted


def equivalent_to_table(circuit: Circuit, tables: list[int], fmt: str, route: str, folder: Path) -> bool:
    reference = folder / "reference.blif"
    reference.write_text(reference_blif(circuit.inputs, tables, *port_names(circuit)))
    return abc_equivalent(reference, checked_file(circuit, fmt, route, folder))


@pytest.mark.parametrize(("fmt", "route"), CHECKS)
@_DISK
@given(circuit=circuits(min_inputs=1, max_inputs=5, max_gates=12))
def test_random_circuits_are_equivalent_to_their_tables(tmp_path, fmt, route, circuit):
    assert equivalent_to_table(circuit, circuit.output_tables(), fmt, route, tmp_path)


SYNTHESIZED = [
    (("0x96", "0xe8"), "b2"),  # full adder
    (("0x6996",), "b2"),  # XOR4
    (("0xe8",), "aig"),  # MAJ3 as an AIG
    (("0xca",), "xaig"),  # MUX
    (("0x1ee7",), "b2"),
]


@pytest.fixture(scope="module")
def synthesized() -> list[tuple[Circuit, list[int]]]:
    """Minimum-size circuits from the synthesizer, each with the spec it was verified against."""
    from sat_encoding import minimum_size

    found = []
    for tables, basis in SYNTHESIZED:
        spec = parse_truth_tables(list(tables))
        result = minimum_size(spec, basis=basis)
        assert result.circuit is not None
        found.append((result.circuit.verify(spec), list(spec.outputs)))
    return found


@pytest.mark.parametrize(("fmt", "route"), CHECKS)
def test_synthesized_circuits_are_equivalent_to_their_specs(tmp_path, synthesized, fmt, route):
    for k, (circuit, tables) in enumerate(synthesized):
        folder = tmp_path / str(k)
        folder.mkdir()
        assert equivalent_to_table(circuit, tables, fmt, route, folder), f"{SYNTHESIZED[k]} in {fmt}"


@pytest.mark.parametrize(("fmt", "route"), CHECKS)
@_DISK
@given(data=st.data())
def test_a_mutated_gate_is_caught(tmp_path, fmt, route, data):
    circuit = data.draw(circuits(min_inputs=2, max_inputs=4, min_gates=1, max_gates=8))
    k = data.draw(st.integers(0, circuit.size - 1))
    op = data.draw(st.integers(0, 15).filter(lambda o: o != circuit.gates[k].op))
    gates = list(circuit.gates)
    gates[k] = Gate(op, gates[k].fanins)
    mutant = Circuit(circuit.inputs, tuple(gates), circuit.outputs, "b2", circuit.input_names, circuit.output_names)
    assume(mutant.output_tables() != circuit.output_tables())
    assert not equivalent_to_table(mutant, circuit.output_tables(), fmt, route, tmp_path)

"""A solve document's circuit checked against the outputs it declares: `draw` and `analyze` say so in
one line when they differ, and still draw (marked) or score."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from random_circuits import circuits

from circuits.circuit import Circuit
from circuits.formats.declared import check_declared, declared_function, mismatch
from circuits.truthtable import TruthTable
from cli import cli


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def row_value(circuit: Circuit, row: int, h: int) -> int:
    """Output h on one input row, gate by gate (an oracle that shares no code with simulate())."""
    values = [(row >> j) & 1 for j in range(circuit.inputs)]
    for gate in circuit.gates:
        a, b = (values[f] for f in gate.fanins)
        values.append((gate.op >> (a + 2 * b)) & 1)
    out = circuit.outputs[h]
    return out.value if out.node is None else values[out.node] ^ int(out.negated)


@given(circuits(constants=True), st.data())
def test_mismatch_agrees_with_row_by_row_evaluation(circuit: Circuit, data: st.DataObject) -> None:
    n, m = circuit.inputs, len(circuit.outputs)
    rows = 1 << n
    outputs = [data.draw(st.integers(0, (1 << rows) - 1)) for _ in range(m)]
    care = [data.draw(st.integers(0, (1 << rows) - 1)) for _ in range(m)]
    declared = TruthTable.from_bits(n, outputs, care)
    agrees = all(
        row_value(circuit, r, h) == (outputs[h] >> r) & 1
        for h in range(m)
        for r in range(rows)
        if (care[h] >> r) & 1
    )
    assert (mismatch(circuit, declared) is None) == agrees


@given(circuits())
def test_a_circuit_matches_its_own_function(circuit: Circuit) -> None:
    table = TruthTable.from_bits(circuit.inputs, circuit.output_tables())
    assert mismatch(circuit, table) is None


@pytest.fixture()
def adder(tmp_path: Path) -> Path:
    path = tmp_path / "fa.json"
    result = run("solve", "0x96", "0xe8", "--json", "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def tampered(path: Path, **changes: Any) -> Path:
    document = json.loads(path.read_text())
    document.update(changes)
    out = path.with_name("tampered.json")
    out.write_text(json.dumps(document))
    return out


def test_an_untouched_solve_document_draws_without_a_word(adder: Path) -> None:
    result = run("draw", str(adder))
    assert result.exit_code == 0 and result.stderr == ""
    assert "WARNING" not in result.stdout
    assert json.loads(run("draw", str(adder), "--json").stdout)["declared_mismatch"] is None


def test_draw_says_so_in_one_line_and_still_draws_marked(adder: Path, tmp_path: Path) -> None:
    bad = tampered(adder, outputs=["0x96", "0xe9"])  # carry declared 1 on row 0
    result = run("draw", str(bad))
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"warning: {bad}: ")
    assert "y1 differs on 1 of 8 rows, first row 0" in result.stderr
    assert result.stdout.startswith("WARNING: the circuit does not compute")
    assert "3 inputs, 5 gates, depth 3, basis b2" in result.stdout
    document = json.loads(run("draw", str(bad), "--json").stdout)
    assert "y1 differs" in document["declared_mismatch"] and document["diagram"].startswith("WARNING")
    dot = tmp_path / "bad.dot"
    assert run("draw", str(bad), "-o", str(dot)).exit_code == 0
    assert "WARNING: the circuit does not compute" in dot.read_text()


def test_an_edited_gate_is_caught(adder: Path) -> None:
    document = json.loads(adder.read_text())
    document["circuit"]["gates"][0]["op"] = "0x8" if document["circuit"]["gates"][0]["op"] != "0x8" else "0xe"
    bad = tampered(adder, circuit=document["circuit"])
    result = run("draw", str(bad))
    assert result.exit_code == 0 and "does not compute the outputs its document declares" in result.stderr


def test_a_different_output_count_is_caught(adder: Path) -> None:
    bad = tampered(adder, outputs=["0x96"], care=None)
    assert "the circuit has 2 outputs, the document declares 1" in run("draw", str(bad)).stderr


def test_dont_care_rows_are_not_checked(tmp_path: Path) -> None:
    path = tmp_path / "dc.json"
    assert run("solve", "1-0-", "--json", "-o", str(path)).exit_code == 0
    document = json.loads(path.read_text())
    assert document["care"] == ["0xa"]
    flipped = tampered(path, outputs=["0x" + format(int(document["outputs"][0], 16) ^ 0x5, "x")])
    assert run("draw", str(flipped)).stderr == ""  # rows 0 and 2 are don't-cares
    wrong = tampered(path, outputs=["0x" + format(int(document["outputs"][0], 16) ^ 0x2, "x")])
    assert "y0 differs on 1 of 2 rows, first row 1" in run("draw", str(wrong)).stderr


def test_plain_circuit_files_declare_nothing(adder: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(json.loads(adder.read_text())["circuit"]))
    assert declared_function(plain) is None
    aag = tmp_path / "fa.aag"
    assert run("solve", "0x96", "0xe8", "--format", "aag", "-o", str(aag)).exit_code == 0
    assert check_declared(aag, Circuit.from_dict(json.loads(plain.read_text()))) is None


def test_a_malformed_declaration_is_one_line_exit_2(adder: Path) -> None:
    bad = tampered(adder, outputs=["0x1ff", "0xe8"])
    result = run("draw", str(bad))
    assert result.exit_code == 2
    assert result.stderr == f"error: {bad}: field 'outputs[0]' does not fit in 8 rows (3 inputs)\n"


def test_analyze_warns_and_scores(tmp_path: Path) -> None:
    path = tmp_path / "p3.json"
    # path3's function is 0xec; solve it, then declare another function for the same circuit.
    assert run("solve", "0xec", "--json", "-o", str(path)).exit_code == 0
    good = run("analyze", "--problem", "path3", str(path), "--decoys", "5", "--json")
    assert good.exit_code == 0 and good.stderr == ""
    bad = tampered(path, outputs=["0xed"])
    result = run("analyze", "--problem", "path3", str(bad), "--decoys", "5", "--json")
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and "does not compute the outputs its document declares" in result.stderr
    assert json.loads(result.stdout)["circuits"][0]["computes"] is True

"""Diagrams: the ASCII layout, the DOT structure, rendering, the missing-dot fallback, `circuits draw`."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from random_circuits import circuits

from circuits.basis import OP_NAMES
from circuits.circuit import Circuit, Gate, Output
from circuits.draw import ascii_diagram, dot_source, render
from circuits.draw.ascii import MARKERS
from circuits.draw.dot import PALETTE
from circuits.errors import InputError
from circuits.formats import read_circuit_file, write_circuit_file
from cli import cli

FULL_ADDER = Circuit(
    3,
    (Gate(0x6, (0, 1)), Gate(0x8, (0, 1)), Gate(0x6, (3, 2)), Gate(0x8, (3, 2)), Gate(0xE, (4, 6))),
    (Output(5), Output(7, True)),
    input_names=("a", "b", "cin"),
    output_names=("sum", "carry_n"),
)
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed (apt-get install graphviz)")


def rows_by_label(diagram: str) -> dict[str, str]:
    """The text of each labelled row of an ASCII diagram (continuation lines joined to their row)."""
    rows: dict[str, str] = {}
    label = None
    for line in diagram.splitlines():
        if "|" not in line:
            continue
        head, _, body = line.partition("|")
        label = head.strip() or label
        rows[label] = rows.get(label, "") + " " + body
    return rows


# -- ASCII -----------------------------------------------------------------------------------------


@settings(max_examples=40)
@given(circuit=circuits(max_inputs=8, max_gates=30))
def test_ascii_fits_80_columns_and_puts_each_gate_on_its_level(circuit):
    diagram = ascii_diagram(circuit)
    assert max(len(line) for line in diagram.splitlines()) <= 80
    rows = rows_by_label(diagram)
    level = circuit.levels()
    assert sum(1 for label in rows if label.startswith("level")) == max(level, default=0)
    for k, gate in enumerate(circuit.gates):
        node = circuit.inputs + k
        a, b = (circuit.node_name(f) for f in gate.fanins)
        assert f" {circuit.node_name(node)} {OP_NAMES[gate.op]} " in rows[f"level {level[node]}"] + " "
        assert f"({a},{b})" in rows[f"level {level[node]}"]
    for j in range(circuit.inputs):
        assert circuit.node_name(j) in rows["inputs"].split()


def test_ascii_full_adder_reads_top_down():
    diagram = ascii_diagram(FULL_ADDER)
    rows = rows_by_label(diagram)
    assert rows["inputs"].split() == ["a", "b", "cin"]
    assert rows["level 1"].split() == ["x3", "XOR", "x4", "AND", "(a,b)", "(a,b)"]
    assert rows["level 3"].split() == ["x7", "OR", "(x4,x6)"]
    assert rows["outputs"].split() == ["sum=x5", "carry_n=~x7"]
    assert "~x = complemented output" in diagram
    assert diagram.splitlines()[0] == "3 inputs, 5 gates, depth 3, basis b2"


def test_ascii_wraps_a_wide_level():
    circuit = Circuit(8, tuple(Gate(0x8, (j, (j + 1) % 8)) for j in range(8)) * 3, (Output(8),))
    diagram = ascii_diagram(circuit)
    assert max(len(line) for line in diagram.splitlines()) <= 80
    level_lines = [line for line in diagram.splitlines() if "AND" in line]
    assert len(level_lines) > 1
    assert all(f"x{node} AND" in diagram for node in range(8, 32))


def test_ascii_explains_asymmetric_ops():
    circuit = Circuit(2, (Gate(0x2, (0, 1)), Gate(0xD, (0, 2))), (Output(3),))
    diagram = ascii_diagram(circuit)
    assert "ANDNOT(p,q) = p AND NOT q" in diagram and "NOTOR(p,q) = NOT p OR q" in diagram


def test_ascii_marks_highlighted_nodes_with_a_legend():
    diagram = ascii_diagram(FULL_ADDER, {"sum path": {3, 5}, "carry": {4, 6, 7, 5}})
    star, plus = MARKERS[0], MARKERS[1]
    assert f"x3{star} XOR" in diagram and f"x5{star}{plus} XOR" in diagram and f"x7{plus} OR" in diagram
    assert f"{star} sum path" in diagram and f"{plus} carry" in diagram


def test_highlight_of_a_missing_node_or_too_many_groups_is_refused():
    with pytest.raises(InputError, match="node 99"):
        ascii_diagram(FULL_ADDER, {"bad": {99}})
    with pytest.raises(InputError, match="at most 12"):
        dot_source(FULL_ADDER, {f"g{i}": {0} for i in range(13)})


# -- DOT -------------------------------------------------------------------------------------------


def test_dot_ranks_gates_by_level_and_orders_inputs_and_outputs():
    source = dot_source(FULL_ADDER, title="full adder")
    assert "{ rank=source; n0; n1; n2; }" in source
    assert "n0 -> n1 -> n2 [style=invis];" in source
    assert "{ rank=same; n3; n4; }" in source and "{ rank=same; n5; n6; }" in source
    assert "{ rank=same; n7; }" in source
    assert "o0 -> o1 [style=invis];" in source
    assert "n7 -> o1 [style=dashed, arrowhead=odot];" in source and "n5 -> o0;" in source
    assert "<b>XOR</b>" in source and "full adder<br/>3 inputs, 5 gates, depth 3" in source


def test_dot_marks_the_complemented_fanin_of_asymmetric_ops():
    circuit = Circuit(2, (Gate(0x2, (0, 1)), Gate(0x4, (0, 1)), Gate(0xA, (0, 1))), (Output(2), Output(3), Output(4)))
    source = dot_source(circuit)
    assert "n0 -> n2;" in source and "n1 -> n2 [arrowhead=odot];" in source  # ANDNOT: b complemented
    assert "n0 -> n3 [arrowhead=odot];" in source and "n1 -> n3;" in source  # NOTAND: a complemented
    assert "n1 -> n4 [style=dotted, color=gray50];" in source  # A ignores b
    assert "fanin read complemented" in source


def test_dot_colours_highlight_groups_and_escapes_names():
    circuit = Circuit(2, (Gate(0x8, (0, 1)),), (Output(2),), input_names=("a<b", "c&d"), output_names=("y>",))
    source = dot_source(circuit, {"candidate": {0, 2}, "union": {2}})
    assert "a&lt;b" in source and "c&amp;d" in source and "y&gt;" in source
    assert f'n0 [shape=ellipse, style="filled", fillcolor="{PALETTE[0]}"' in source
    assert f'style="striped", fillcolor="{PALETTE[0]}:{PALETTE[1]}"' in source
    assert "candidate" in source and "union" in source


def test_dot_draws_constant_outputs():
    source = dot_source(Circuit(1, (), (Output(None, False, 1),)))
    assert 'c0 [shape=plaintext, label="1"];' in source and "c0 -> o0;" in source


@needs_dot
@settings(max_examples=10)
@given(circuit=circuits(max_inputs=6, max_gates=20))
def test_graphviz_accepts_every_drawing(circuit):
    svg = render(circuit, "svg", {"some": {0}})
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg


@needs_dot
def test_png_rendering():
    assert render(FULL_ADDER, "png").startswith(b"\x89PNG\r\n\x1a\n")


def test_without_dot_the_dot_text_is_written_with_a_one_line_hint(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` on this PATH
    written = write_circuit_file(FULL_ADDER, "svg", tmp_path / "fa.svg")
    assert written == str(tmp_path / "fa.dot")
    assert (tmp_path / "fa.dot").read_text() == dot_source(FULL_ADDER)
    hint = capsys.readouterr().err
    assert hint.count("\n") == 1 and f"dot -Tsvg {tmp_path / 'fa.dot'} -o {tmp_path / 'fa.svg'}" in hint


# -- the CLI ---------------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def fa_json(tmp_path):
    path = tmp_path / "fa.json"
    write_circuit_file(FULL_ADDER, "json", path)
    return path


def test_cli_draw_prints_ascii_by_default(fa_json):
    result = run("draw", str(fa_json))
    assert result.exit_code == 0
    assert result.output == ascii_diagram(FULL_ADDER) + "\n"


@needs_dot
def test_cli_draw_takes_the_picture_format_from_the_output_name(fa_json, tmp_path):
    result = run("draw", str(fa_json), "-o", str(tmp_path / "fa.svg"))
    assert result.exit_code == 0 and "wrote" in result.output
    assert "<svg" in (tmp_path / "fa.svg").read_text()
    result = run("draw", str(fa_json), "--format", "png", "-o", str(tmp_path / "picture"))
    assert result.exit_code == 0 and (tmp_path / "picture").read_bytes().startswith(b"\x89PNG")


def test_cli_draw_dot_to_stdout_and_json(fa_json):
    assert run("draw", str(fa_json), "--format", "dot").output == dot_source(FULL_ADDER, title="fa.json")
    document = json.loads(run("draw", str(fa_json), "--json").output)
    assert document["size"] == 5 and document["depth"] == 3 and document["format"] == "ascii"
    assert document["diagram"].startswith("3 inputs, 5 gates")


def test_cli_draw_errors_are_one_line_exit_2(fa_json, tmp_path):
    result = run("draw", str(fa_json), "--json", "--format", "png")
    assert result.exit_code == 2 and "needs -o FILE" in result.output
    result = run("draw", str(tmp_path / "missing.blif"))
    assert result.exit_code == 2 and result.output.startswith("error:")
    result = run("draw", str(fa_json), "-o", str(tmp_path / "fa.jpeg"))
    assert result.exit_code == 2 and "cannot tell the format" in result.output


def test_solve_aag_then_draw_it(tmp_path):
    """The issue's 'done when': solve writes AIGER, draw shows the AIG it reads back."""
    path = tmp_path / "fa.aag"
    assert run("solve", "0x96", "0xe8", "--format", "aag", "-o", str(path)).exit_code == 0
    result = run("draw", str(path))
    assert result.exit_code == 0
    circuit = read_circuit_file(path)
    assert circuit.output_tables() == [0x96, 0xE8] and circuit.basis == "aig"
    assert result.output.startswith(f"3 inputs, {circuit.size} gates, depth {circuit.depth}, basis aig")


@needs_dot
@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG"), ("dot", b"digraph")])
def test_solve_draws_directly(tmp_path, fmt, magic):
    path = tmp_path / f"fa.{fmt}"
    result = run("solve", "0x96", "0xe8", "--format", fmt, "-o", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(magic)

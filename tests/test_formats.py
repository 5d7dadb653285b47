"""Circuit file formats: round trips, files written by hand and by other tools, malformed files."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from random_circuits import circuits, port_names

from circuits.basis import NONTRIVIAL_OPS
from circuits.circuit import Circuit, Gate, Output
from circuits.errors import InputError
from circuits.formats import (
    FORMATS,
    format_from_path,
    read_circuit_file,
    read_circuit_text,
    write_circuit,
    write_circuit_file,
)
from circuits.gateforms import GATE_FORMS
from cli import cli

FULL_ADDER = Circuit(
    3,
    (Gate(0x6, (0, 1)), Gate(0x8, (0, 1)), Gate(0x6, (3, 2)), Gate(0x8, (3, 2)), Gate(0xE, (4, 6))),
    (Output(5), Output(7)),
    input_names=("a", "b", "cin"),
    output_names=("s", "cout"),
)
EXTENSION = {"json": "json", "aag": "aag", "aig": "aig", "blif": "blif", "bench": "bench", "verilog": "v"}
#: ANDs that AIGER export spends per gate: one for AND-type ops, three for XOR/XNOR, none for the rest.
AIG_COST = {op: {"AND": 1, "OR": 1, "XOR": 3}.get(form.base, 0) for op, form in GATE_FORMS.items()}


def round_trip(circuit: Circuit, fmt: str) -> Circuit:
    return read_circuit_text(write_circuit(circuit, fmt), fmt)


# -- the plain-cell table ----------------------------------------------------------------------------


@pytest.mark.parametrize("op", range(16))
def test_gate_forms_compute_their_op(op):
    form = GATE_FORMS[op]
    base = {"CONST": lambda v: 0, "BUF": lambda v: v[0], "AND": min, "OR": max, "XOR": lambda v: v[0] ^ v[1]}
    for a in (0, 1):
        for b in (0, 1):
            values = [(a, b)[i] ^ neg for i, neg in zip(form.fanins, form.negated_fanins)]
            assert base[form.base](values) ^ form.negated_output == (op >> (a + 2 * b)) & 1


def test_gate_forms_prefer_nand_nor_xnor_cells():
    assert (GATE_FORMS[0x7].base, GATE_FORMS[0x7].negated_output) == ("AND", True)
    assert (GATE_FORMS[0x1].base, GATE_FORMS[0x1].negated_output) == ("OR", True)
    assert (GATE_FORMS[0x9].base, GATE_FORMS[0x9].negated_output) == ("XOR", True)
    assert GATE_FORMS[0x2].negated_fanins == (False, True)  # ANDNOT = a AND NOT b


# -- round trips -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=40)
@given(circuit=circuits())
def test_round_trip_keeps_function_and_names(fmt, circuit):
    back = round_trip(circuit, fmt)
    assert back.inputs == circuit.inputs
    assert back.output_tables() == circuit.output_tables()
    assert port_names(back) == port_names(circuit)


@settings(max_examples=40)
@given(circuit=circuits())
def test_json_round_trip_is_exact(circuit):
    assert round_trip(circuit, "json") == circuit


@pytest.mark.parametrize("fmt", ["blif", "bench", "verilog"])
@settings(max_examples=40)
@given(circuit=circuits(ops=st.sampled_from(sorted(NONTRIVIAL_OPS))))
def test_netlist_formats_keep_one_gate_per_gate(fmt, circuit):
    assert round_trip(circuit, fmt).size == circuit.size


@settings(max_examples=40)
@given(circuit=circuits(ops=st.sampled_from(sorted(NONTRIVIAL_OPS))))
def test_blif_keeps_every_gate_exactly(circuit):
    back = round_trip(circuit, "blif")
    assert back.gates == circuit.gates and back.outputs == circuit.outputs


@settings(max_examples=40)
@given(circuit=circuits())
def test_aiger_header_counts_the_documented_ands(circuit):
    header = write_circuit(circuit, "aag").split("\n", 1)[0].split()
    assert int(header[5]) == sum(AIG_COST[g.op] for g in circuit.gates)


@pytest.mark.parametrize("fmt", ["aag", "aig"])
@settings(max_examples=40)
@given(circuit=circuits(ops=st.sampled_from(sorted(NONTRIVIAL_OPS))))
def test_aiger_reads_back_as_an_aig_of_those_ands(fmt, circuit):
    back = round_trip(circuit, fmt)
    assert back.basis == "aig"
    assert back.size == sum(AIG_COST[g.op] for g in circuit.gates)


@pytest.mark.parametrize("fmt", FORMATS)
def test_zero_input_circuit_with_constant_outputs(fmt):
    circuit = Circuit(0, (), (Output(None, False, 1), Output(None, False, 0)))
    back = round_trip(circuit, fmt)
    assert back.inputs == 0 and back.output_tables() == [1, 0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_files_round_trip_through_disk(tmp_path, fmt):
    path = tmp_path / f"fa.{EXTENSION[fmt]}"
    assert write_circuit_file(FULL_ADDER, fmt, path) == str(path)
    back = read_circuit_file(path)
    assert back.output_tables() == FULL_ADDER.output_tables()
    assert (back.input_names, back.output_names) == (("a", "b", "cin"), ("s", "cout"))


def test_output_that_is_an_input_keeps_its_name_in_blif_and_bench():
    circuit = Circuit(2, (Gate(0x8, (0, 1)),), (Output(0), Output(2)), input_names=("a", "b"), output_names=("a", "y"))
    for fmt in ("blif", "bench"):
        back = round_trip(circuit, fmt)
        assert back.output_names == ("a", "y") and back.output_tables() == circuit.output_tables()
    with pytest.raises(InputError, match="name of an input"):
        write_circuit(circuit, "verilog")


def test_verilog_escapes_names_that_are_not_identifiers():
    circuit = Circuit(2, (Gate(0x6, (0, 1)),), (Output(2),), input_names=("a[0]", "wire"), output_names=("out.x",))
    text = write_circuit(circuit, "verilog")
    assert "\\a[0] " in text and "\\wire " in text
    back = read_circuit_text(text, "verilog")
    assert back.input_names == ("a[0]", "wire") and back.output_tables() == circuit.output_tables()


@pytest.mark.parametrize(("fmt", "name"), [("blif", "a b"), ("blif", "a#"), ("bench", "f(x)"), ("verilog", "a b")])
def test_names_a_format_cannot_hold_are_refused(fmt, name):
    circuit = Circuit(1, (), (Output(0),), input_names=(name,))
    with pytest.raises(InputError, match="cannot be written"):
        write_circuit(circuit, fmt)


def test_duplicate_port_names_are_refused():
    circuit = Circuit(2, (), (Output(0), Output(1)), input_names=("a", "a"))
    with pytest.raises(InputError, match="two inputs"):
        write_circuit(circuit, "bench")


def test_internal_names_avoid_user_names():
    circuit = Circuit(2, (Gate(0x8, (0, 1)), Gate(0x6, (2, 0))), (Output(3),), input_names=("n2", "n2_"))
    back = round_trip(circuit, "blif")
    assert back.output_tables() == circuit.output_tables() and back.size == 2


# -- files written by hand or by other tools --------------------------------------------------------

BLIF_BY_HAND = r"""
# a majority, a multiplexer and a parity, defined out of order
.model hand
.inputs a b \
        c
.outputs maj mux par one zero
.names t par
0 1
.names a b c maj
11- 1
1-1 1
-11 1
.names c a b mux
11- 1
0-1 1
.names a b c t
111 0
100 0
010 0
001 0
.names one
1
.names zero
.end
"""


def test_blif_with_wide_covers_offsets_and_continuations():
    circuit = read_circuit_text(BLIF_BY_HAND, "blif")
    assert circuit.input_names == ("a", "b", "c")
    assert circuit.output_names == ("maj", "mux", "par", "one", "zero")
    assert circuit.output_tables() == [0xE8, (C & A) | (~C & B), 0x96, 0xFF, 0x00]


BENCH_BY_HAND = """
# wide and one-input cells, lower case, a constant, out of order
INPUT(a)
INPUT(b)
INPUT(c)
OUTPUT(y)
OUTPUT(z)
OUTPUT(k)
y = NAND(a, b, c)
z = XNOR(nb, c)
nb = not(b)
k = BUF(one)
one = vdd
"""
A, B, C = 0xAA, 0xCC, 0xF0  # the tables of x0, x1, x2 over three inputs


def test_bench_with_wide_cells_lowercase_and_constants():
    circuit = read_circuit_text(BENCH_BY_HAND, "bench")
    assert circuit.output_tables() == [~(A & B & C) & 0xFF, B ^ C, 0xFF]


def test_bench_wide_nand_is_a_balanced_tree():
    circuit = read_circuit_text("INPUT(a)\nINPUT(b)\nINPUT(c)\nINPUT(d)\nOUTPUT(y)\ny = NAND(a, b, c, d)\n", "bench")
    assert circuit.size == 3 and circuit.depth == 2 and circuit.output_tables() == [0x7FFF]


VERILOG_BY_HAND = """
/* ANSI ports, escaped names, xnor and constants */
module top(input wire a, input b, input \\c[0] , output y, output z);
  wire t = a & \\c[0] ;  // a net declaration assignment
  assign y = ~(t | b) ^~ 1'b0, z = a ~^ b;
endmodule
"""


def test_verilog_ansi_ports_escapes_and_xnor():
    circuit = read_circuit_text(VERILOG_BY_HAND, "verilog")
    assert circuit.input_names == ("a", "b", "c[0]")
    # y = NOT(NOT(t | b) XOR 0) = t | b with t = a & c; z = XNOR(a, b)
    assert circuit.output_tables() == [(A & C) | B, ~(A ^ B) & 0xFF]


def test_ascii_aiger_in_any_order_with_constant_and_complemented_outputs():
    # v5 = AND(NOT v4, v3) is listed before v3 = AND(x0, x1) and v4 = AND(NOT x0, NOT x1).
    text = "aag 5 2 0 3 3\n2\n4\n11\n1\n10\n10 9 6\n6 2 4\n8 3 5\ni1 second\no0 f\n"
    circuit = read_circuit_text(text, "aag")
    v5 = ~0b0001 & 0b1000
    assert circuit.basis == "aig"
    assert circuit.output_tables() == [~v5 & 0xF, 0xF, v5]
    assert circuit.input_names == ("x0", "second") and circuit.output_names == ("f", "y1", "y2")


# The AIG ABC wrote for `read r2.blif; strash; write_aiger -s r2.aig` where r2.blif has
# y = a ? c : b, z = MAJ(a, b, c), w = 0.
ABC_AIG = bytes.fromhex(
    "61696720313220332030203320390a31330a32350a300a0204060101020801010a010f0e0202110104693020610a6931"
    "20620a693220630a6f3020790a6f31207a0a6f3220770a630a"
)


def test_binary_aiger_written_by_abc():
    circuit = read_circuit_text(ABC_AIG, "aig")
    assert circuit.input_names == ("a", "b", "c") and circuit.output_names == ("y", "z", "w")
    assert circuit.output_tables() == [(A & C) | (~A & B), 0xE8, 0]


def test_deep_netlists_do_not_hit_the_recursion_limit():
    chain = ["INPUT(a)", "INPUT(b)", "OUTPUT(y)", "y = XOR(s4999, a)"]
    chain += [f"s{i} = AND(s{i - 1}, b)" for i in range(4999, 0, -1)] + ["s0 = OR(a, b)"]
    circuit = read_circuit_text("\n".join(chain), "bench")
    assert circuit.size == 5001 and circuit.depth == 5001


def test_absurdly_nested_verilog_is_an_input_error():
    text = "module m(a, y); input a; output y; assign y = " + "(" * 5000 + "a" + ")" * 5000 + "; endmodule"
    with pytest.raises(InputError, match="too deeply"):
        read_circuit_text(text, "verilog")


def test_solve_json_document_reads_as_its_circuit():
    document = {"size": 5, "optimal": True, "circuit": FULL_ADDER.to_dict()}
    assert read_circuit_text(json.dumps(document), "json") == FULL_ADDER


# -- malformed files ---------------------------------------------------------------------------------

MALFORMED = [
    ("blif", ".model m\n.inputs a b\n.outputs y\n.names a b y\n1x 1\n", ":5: cover row '1x 1'"),
    ("blif", ".inputs a\n.outputs y\n.latch a y\n", ":3: latches are not supported"),
    ("blif", ".inputs a\n.outputs y\n.names a z y\n11 1\n", ":3: signal 'z' is used but never defined"),
    ("blif", ".inputs a\n.outputs y\n.names y a y\n11 1\n", ":3: signal 'y' depends on itself"),
    ("blif", ".inputs a b\n.outputs y\n.names a b y\n11 1\n00 0\n", ":5: a cover mixes"),
    ("blif", ".inputs a\n.outputs y\n.names a y\n1 1\n.names a y\n0 1\n", ":5: signal 'y' is already defined at line 3"),
    ("blif", ".inputs a\n.outputs y\n11 1\n", ":3: a cover row '11 1' outside"),
    ("blif", ".inputs a\n.outputs y z\n.names a y\n1 1\n", ":2: signal 'z' is used but never defined"),
    ("blif", ".inputs a\n.outputs y\n.subckt and2 A=a Y=y\n", ":3: .subckt is not supported"),
    ("bench", "INPUT(a)\nOUTPUT(y)\ny = DFF(a)\n", ":3: cell 'DFF' is not supported"),
    ("bench", "INPUT(a)\nINPUT(b)\nOUTPUT(y)\ny = NOT(a, b)\n", ":4: NOT takes exactly one input"),
    ("bench", "INPUT(a)\nOUTPUT(y)\n\ny = AND(a, q)\n", ":4: signal 'q' is used but never defined"),
    ("bench", "INPUT(a)\nOUTPUT(y)\nthis is not bench\n", ":3: expected INPUT(x)"),
    ("bench", "INPUT(a)\nINPUT(a)\n", ":2: signal 'a' is declared as an input twice"),
    ("bench", "INPUT(a)\nOUTPUT(y)\ny = AND(a, )\n", ":3: AND needs a comma-separated list"),
    ("verilog", "module m(a, y);\n  input [3:0] a;\n", ":2: vectors are not supported"),
    ("verilog", "module m(a, y);\n  input a;\n  output y;\n  assign y = a & 2'b10;\nendmodule\n", ":4: only the 1-bit"),
    ("verilog", "module m(a, y);\n  input a;\n  output y;\n  assign y = a @ a;\nendmodule\n", ":4: unexpected character '@'"),
    ("verilog", "module m(a, y);\n  input a;\n  output y;\n  always y = a;\nendmodule\n", ":4: 'always' is not supported"),
    ("verilog", "module m(a, y);\n  input a;\n  output y;\n  assign y = a;\n", ":5: the file ends before 'endmodule'"),
    ("verilog", "module m(a, y);\n  input a;\n  assign y = a;\nendmodule\n", ":1: port 'y' has no input or output"),
    ("verilog", "module m(a, y);\ninput a; output y;\nassign y = (a;\nendmodule\n", ":3: expected ')'"),
    ("verilog", "module m(a, y);\ninput a; output y;\nassign y = a;\nendmodule\nmodule n;\n", ":5: only one module"),
    ("aag", "aag 1 1 0 1\n", ":1: the header must be"),
    ("aag", "aag 3 1 1 1 0\n2\n", ":1: latches are not supported"),
    ("aag", "aag 1 1 0 1 0\n2\n9\n", ":3: literal 9 exceeds 2M+1 = 3"),
    ("aag", "aag 2 1 0 1 1\n3\n4\n4 2 2\n", ":2: input literal 3 must be even"),
    ("aag", "aag 3 1 0 1 1\n2\n4\n4 2 6\n", ":4: literal 6 is used but never defined"),
    ("aag", "aag 2 1 0 1 1\n2\n4\n", ":4: the file ends where an AND line"),
    ("aag", "aag 2 1 0 1 1\n2\n4\n4 2 2\ni5 x\n", ":5: symbol i5 names a port that does not exist"),
    ("aag", "aig 2 1 0 1 1\n4\n\x02", ": byte 17: the file ends inside the binary AND section"),
    ("aag", "not aiger\n", ":1: not an AIGER file"),
    ("json", '{"inputs": 2,\n "gates": [\n}', ":3: not valid JSON"),
    ("json", '{"inputs": 2, "gates": []}', "lacks the field 'outputs'"),
]


@pytest.mark.parametrize(("fmt", "text", "message"), MALFORMED)
def test_malformed_files_name_the_line(fmt, text, message):
    with pytest.raises(InputError) as caught:
        read_circuit_text(text, fmt, source="bad.file")
    assert str(caught.value).startswith("bad.file")
    assert message in str(caught.value)


def test_binary_garbage_in_a_text_format_names_the_line():
    with pytest.raises(InputError, match=r"^f.blif:2: not UTF-8"):
        read_circuit_text(b".inputs a\n\xff\xfe\n", "blif", source="f.blif")


def test_format_follows_the_extension():
    assert format_from_path("dir/x.v") == "verilog" and format_from_path("X.AAG") == "aag"
    with pytest.raises(InputError, match="cannot tell the format of 'x.txt'"):
        format_from_path("x.txt")
    with pytest.raises(InputError, match="unknown format 'vhdl'"):
        read_circuit_text("", "vhdl")


# -- the CLI ---------------------------------------------------------------------------------------


def test_cli_draw_reports_a_malformed_file_with_its_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.blif"
    bad.write_text(".model m\n.inputs a\n.outputs y\n.names a y\n2 1\n")
    result = CliRunner().invoke(cli, ["draw", str(bad)])
    assert result.exit_code == 2
    assert f"error: {bad}:5: cover row '2 1'" in result.output
    assert "Traceback" not in result.output


def test_cli_draw_refuses_an_unknown_extension_unless_told_the_format(tmp_path):
    path = tmp_path / "fa.netlist"
    path.write_text(write_circuit(FULL_ADDER, "bench"))
    refused = CliRunner().invoke(cli, ["draw", str(path)])
    assert refused.exit_code == 2 and "cannot tell the format" in refused.output
    accepted = CliRunner().invoke(cli, ["draw", str(path), "--from", "bench"])
    assert accepted.exit_code == 0 and "XOR" in accepted.output


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_solve_writes_every_format_and_it_reads_back(tmp_path, fmt):
    path = tmp_path / f"fa.{EXTENSION[fmt]}"
    result = CliRunner().invoke(cli, ["solve", "0x96", "0xe8", "--format", fmt, "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert read_circuit_file(path).output_tables() == [0x96, 0xE8]

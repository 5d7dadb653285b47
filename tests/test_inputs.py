"""Ways to give a function (circuits.inputs): expressions, PLA files, lines of tables, circuit files.

Each reader is checked against an independent truth: expressions against Python's own evaluation of
a random expression tree row by row, PLA files against the table they were written from.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from random_circuits import circuits

from circuits.errors import InputError
from circuits.formats import write_circuit
from circuits.inputs import read_function_file, read_functions
from circuits.inputs.expression import parse_expressions
from circuits.inputs.pla import read_pla
from circuits.truthtable import TruthTable, full_mask, to_binary


def trees(n: int) -> st.SearchStrategy:
    """Random expression trees over x0..x(n-1): ("var", j), ("const", b), ("not", t), (op, a, b)."""
    leaves = st.one_of(st.tuples(st.just("var"), st.integers(0, n - 1)), st.tuples(st.just("const"), st.integers(0, 1)))
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.tuples(st.just("not"), inner),
            st.tuples(st.sampled_from(["&", "|", "^"]), inner, inner),
        ),
        max_leaves=12,
    )


def text_of(tree, spelling: dict[str, str]) -> str:
    """The tree written fully parenthesized, with the operator spellings chosen."""
    kind = tree[0]
    if kind == "var":
        return f"x{tree[1]}"
    if kind == "const":
        return str(tree[1])
    if kind == "not":
        return f"{spelling['not']}({text_of(tree[1], spelling)})"
    return f"({text_of(tree[1], spelling)} {spelling[kind]} {text_of(tree[2], spelling)})"


def value_of(tree, row: int) -> int:
    kind = tree[0]
    if kind == "var":
        return (row >> tree[1]) & 1
    if kind == "const":
        return tree[1]
    if kind == "not":
        return 1 - value_of(tree[1], row)
    a, b = value_of(tree[1], row), value_of(tree[2], row)
    return {"&": a & b, "|": a | b, "^": a ^ b}[kind]


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(st.just(n), trees(n))), st.booleans())
def test_an_expression_computes_what_python_computes_row_by_row(drawn, alternative):
    n, tree = drawn
    spelling = {"not": "!" if alternative else "~", "&": "*" if alternative else "&", "|": "+" if alternative else "|", "^": "^"}
    table = parse_expressions([text_of(tree, spelling)], inputs=n)
    expected = sum(value_of(tree, row) << row for row in range(1 << n))
    assert table.outputs == (expected,)


@pytest.mark.parametrize(
    "text, n, bits",
    [
        ("x0 & x1 | ~x2", 3, 0x8F),  # NOT binds tightest, then AND, then OR
        ("x0 | x1 & x2", 3, 0xEA),  # AND before OR
        ("x0 ^ x1 & x2", 3, 0x6A),  # AND before XOR
        ("x0 | x1 ^ x2", 3, 0xBE),  # XOR before OR
        ("~x0 & x1", 2, 0x4),  # NOT applies to x0 alone
        ("x0 ^ x1 ^ x2", 3, 0x96),
    ],
)
def test_precedence_is_the_documented_one(text, n, bits):
    assert parse_expressions([text]).outputs == (bits,) and parse_expressions([text]).n == n


@pytest.mark.parametrize("bad", ["x0 &", "x0 x1", "(x0", "y0", "x0 && x1", "", "~" * 5000 + "x0"])
def test_a_bad_expression_is_one_short_input_error(bad):
    with pytest.raises(InputError) as caught:
        parse_expressions([bad])
    assert len(str(caught.value)) < 200


def test_an_expression_may_not_name_an_input_beyond_inputs():
    with pytest.raises(InputError, match="x3 is not an input|use x3"):
        parse_expressions(["x3 & x0"], inputs=2)


def pla_text(table: TruthTable, kind: str) -> str:
    """A PLA file of ``table``, one minterm cube per row, in the given .type."""
    lines = [f".i {table.n}", f".o {table.m}", f".type {kind}"]
    for row in range(table.rows):
        inputs = "".join(str((row >> j) & 1) for j in range(table.n))
        outputs = ""
        for bits, care in zip(table.outputs, table.care):
            if not (care >> row) & 1:
                outputs += "-" if "d" in kind else "~"
            else:
                outputs += "1" if (bits >> row) & 1 else ("0" if "r" in kind else "~" if kind == "fd" else "0")
        lines.append(f"{inputs} {outputs}")
    return "\n".join(lines + [".e", ""])


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, full_mask(n)), st.integers(0, full_mask(n))), min_size=1, max_size=3),
        )
    ),
    st.sampled_from(["fd", "fr", "fdr"]),
)
def test_a_pla_file_reads_back_the_table_it_was_written_from(drawn, kind):
    n, outputs = drawn
    table = TruthTable.from_bits(n, [b for b, _ in outputs], [c for _, c in outputs])
    assert read_pla(pla_text(table, kind)) == table


def test_pla_cubes_with_dashes_and_espresso_overlap_rule():
    table = read_pla(".i 3\n.o 2\n.ilb a b c\n.ob f g\n11- 10\n1-1 11\n-11 1-\n.e\n")
    assert table.outputs[0] == 0xE8 and table.care[0] == 0xFF  # majority
    assert to_binary(table.outputs[1], 3, table.care[1]) == "--100000"  # ON and don't-care: don't-care


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("11 1\n", "before .i and .o"),
        (".i 2\n.o 1\n1 1\n", "needs 2 input and 1 output"),
        (".i 2\n.o 1\n1x 1\n", "only 0, 1 and -"),
        (".i 2\n.o 1\n.type fr\n1- 1\n11 0\n", "both 1 and 0"),
        (".i 2\n.o 1\n.mv 3\n", "not supported"),
        (".i 2\n", "needs .i and .o"),
    ],
)
def test_bad_pla_files_are_refused_with_their_line(text, fragment):
    with pytest.raises(InputError, match=fragment):
        read_pla(text, "f.pla")


def test_standard_input_gives_one_function_per_line():
    functions = read_functions(["-"], stdin=io.StringIO("0x96 0xe8\n# a comment\n\n0x6996\n"))
    assert [f.table.describe() for f in functions] == ["0x96 0xe8", "0x6996"]
    with pytest.raises(InputError, match="lists no functions"):
        read_functions(["-"], stdin=io.StringIO("# nothing\n"))
    with pytest.raises(InputError, match="only argument"):
        read_functions(["-", "0x96"], stdin=io.StringIO("0x8\n"))


@settings(max_examples=30, deadline=None)
@given(circuits(max_inputs=4, max_gates=6))
def test_a_circuit_file_gives_the_function_it_computes(tmp_path_factory, circuit):
    path = tmp_path_factory.mktemp("c") / "c.blif"
    path.write_text(write_circuit(circuit, "blif"))
    function = read_function_file(str(path))
    assert function.table.outputs == tuple(circuit.output_tables())

"""The functions a user can hand to `solve`, `improve` and `bench`, read from whatever they have.

A function may come as truth tables on the command line (one per output), as lines on standard
input (``-``: one function per line, its output tables separated by spaces as on the command line),
as a PLA file (espresso's format, with don't-cares and several outputs), as Boolean expressions
(``--expr``, one per output) or as a circuit file in any format the project reads (its function is
taken by simulation, so `solve FILE` finds the exact minimum of what the file computes).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Sequence, TextIO

from circuits.errors import InputError, os_error_reason, quoted
from circuits.inputs.expression import parse_expressions
from circuits.inputs.pla import read_pla
from circuits.truthtable import TruthTable, parse_truth_tables

#: The argument that means "read standard input".
STDIN = "-"
#: A token that is a truth table, not a file name.
_TABLE_TOKEN = re.compile(r"^(0[xX][0-9a-fA-F]+|[01\-]+)$")


@dataclass(frozen=True)
class Function:
    """One function to work on, with the words a report names it by."""

    label: str
    table: TruthTable


def table_lines(text: str, source: str, inputs: int | None = None, care: str | None = None) -> list[Function]:
    """One function per line (its output tables separated by spaces); ``#`` starts a comment."""
    functions = []
    for number, line in enumerate(text.splitlines(), 1):
        tokens = line.split("#", 1)[0].split()
        if not tokens:
            continue
        try:
            table = parse_truth_tables(tokens, inputs=inputs, care=care)
        except InputError as err:
            raise InputError(f"{source}:{number}: {err}") from None
        functions.append(Function(table.describe(), table))
    if not functions:
        raise InputError(f"{source} lists no functions (one per line: its truth tables, separated by spaces)")
    return functions


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise InputError(f"{quoted(path)} is not UTF-8 text") from None
    except OSError as err:
        raise InputError(f"cannot read {quoted(path)}: {os_error_reason(err)}") from None


def read_function_file(path: str) -> Function:
    """A PLA file's function, or the function a circuit file computes."""
    if path.lower().endswith(".pla"):
        return Function(os.path.basename(path), read_pla(_read_text(path), path))
    from circuits.formats import read_circuit_file

    try:
        circuit = read_circuit_file(path)
    except OSError as err:
        raise InputError(f"cannot read {quoted(path)}: {os_error_reason(err)}") from None
    return Function(os.path.basename(path), TruthTable.from_bits(circuit.inputs, circuit.output_tables()))


def is_function_file(argument: str) -> bool:
    """Whether a command-line argument names a file (PLA or circuit) rather than a truth table."""
    if _TABLE_TOKEN.match(argument):
        return False
    from circuits.formats import EXTENSIONS, FORMATS

    extension = os.path.splitext(argument)[1].lower()
    return os.path.exists(argument) or extension == ".pla" or EXTENSIONS.get(extension) in FORMATS


def read_functions(
    arguments: Sequence[str],
    expressions: Sequence[str] = (),
    inputs: int | None = None,
    care: str | None = None,
    stdin: TextIO | None = None,
) -> list[Function]:
    """Every function the arguments give: several only from standard input (one per line)."""
    if expressions:
        if arguments:
            raise InputError("give truth tables, a file or --expr, not several of them")
        if care is not None:
            raise InputError("--care applies to truth tables; write the don't-cares as a PLA file instead")
        table = parse_expressions(expressions, inputs)
        return [Function(" ; ".join(expressions), table)]
    if not arguments:
        raise InputError("no function given: give truth tables, - (standard input), a file or --expr")
    if STDIN in arguments:
        if len(arguments) > 1:
            raise InputError("- (standard input) must be the only argument; put the other tables on its lines")
        if stdin is None:
            raise InputError("this caller cannot read standard input")
        return table_lines(stdin.read(), "standard input", inputs, care)
    if len(arguments) == 1 and is_function_file(arguments[0]):
        if care is not None or inputs is not None:
            raise InputError("--inputs and --care apply to truth tables, not to a file")
        return [read_function_file(arguments[0])]
    table = parse_truth_tables(arguments, inputs=inputs, care=care)
    return [Function(table.describe(), table)]

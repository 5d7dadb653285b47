"""Reading and writing circuits in the project's JSON and the formats of logic-synthesis tools.

``FORMATS`` are the circuit formats (read and write); ``DIAGRAM_FORMATS`` are pictures (write only).
The format of a file follows its extension unless given. Every reader reports a malformed file as an
InputError that starts with ``file:line:``.

| format  | extension | notes                                                                  |
|---------|-----------|------------------------------------------------------------------------|
| json    | .json     | exact: every gate, the basis and the names                             |
| aag/aig | .aag/.aig | AIGER ASCII/binary; gates become ANDs with inverted edges              |
| blif    | .blif     | one .names cover per gate                                              |
| bench   | .bench    | ISCAS cells AND OR NAND NOR XOR XNOR NOT BUFF                          |
| verilog | .v        | one module of assign statements over AND, OR, XOR and NOT operators    |
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Mapping

from circuits.circuit import Circuit
from circuits.errors import InputError, quoted
from circuits.formats.aiger import read_aiger, write_aag, write_aig
from circuits.formats.bench import read_bench, write_bench
from circuits.formats.blif import read_blif, write_blif
from circuits.formats.json_format import read_json, write_json
from circuits.formats.netlist import located
from circuits.formats.verilog import read_verilog, write_verilog
from circuits.output_paths import STDOUT, check_output_file

FORMATS = ("json", "aag", "aig", "blif", "bench", "verilog")
DIAGRAM_FORMATS = ("ascii", "dot", "svg", "png")
WRITE_FORMATS = FORMATS + DIAGRAM_FORMATS

EXTENSIONS = {
    ".json": "json",
    ".aag": "aag",
    ".aig": "aig",
    ".blif": "blif",
    ".bench": "bench",
    ".v": "verilog",
    ".txt": "ascii",
    ".dot": "dot",
    ".gv": "dot",
    ".svg": "svg",
    ".png": "png",
}

_READERS: dict[str, Callable[[str, str], Circuit]] = {
    "json": read_json,
    "blif": read_blif,
    "bench": read_bench,
    "verilog": read_verilog,
}
_WRITERS: dict[str, Callable[[Circuit], str | bytes]] = {
    "json": write_json,
    "aag": write_aag,
    "aig": write_aig,
    "blif": write_blif,
    "bench": write_bench,
    "verilog": write_verilog,
}
#: Formats whose contents are bytes, not text: never written to a terminal unless asked for.
BINARY_FORMATS = ("aig", "png")


def output_destination(fmt: str, path: str | None) -> str | None:
    """Where ``fmt`` goes: a file path, or None for standard output.

    Binary formats need ``-o FILE`` (or ``-o -`` to force standard output): bytes written to a
    terminal by mistake garble it and help nobody. Checked before any work is done, as is the path.
    """
    check_output_file(path)
    if path == STDOUT:
        return None
    if path is None and fmt in BINARY_FORMATS:
        raise InputError(f"--format {fmt} writes binary data: give -o FILE (or -o - to write it to standard output)")
    return path


def format_from_path(path: str | os.PathLike[str], allowed: tuple[str, ...] = FORMATS) -> str:
    """The format a file name's extension stands for, among ``allowed``."""
    extension = os.path.splitext(os.fspath(path))[1].lower()
    fmt = EXTENSIONS.get(extension)
    if fmt not in allowed:
        raise InputError(
            f"cannot tell the format of {quoted(os.fspath(path))} from its extension; "
            f"name it with one of {', '.join(e for e, f in EXTENSIONS.items() if f in allowed)} or give --format"
        )
    return fmt


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(allowed)}")


def read_circuit_text(text: str | bytes, fmt: str, source: str | None = None) -> Circuit:
    """Parse a circuit from the contents of a file; ``source`` names it in error messages."""
    _check_format(fmt, FORMATS)
    source = source or f"<{fmt}>"
    if fmt in ("aag", "aig"):
        return read_aiger(text.encode("utf-8") if isinstance(text, str) else text, source)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as err:
            line = text[: err.start].count(b"\n") + 1
            raise located(source, line, f"not UTF-8 text ({fmt} files are text)") from None
    return _READERS[fmt](text, source)


def read_circuit_file(path: str | os.PathLike[str], fmt: str | None = None) -> Circuit:
    """Read a circuit file; the format follows the extension unless ``fmt`` is given."""
    fmt = fmt or format_from_path(path)
    with open(path, "rb") as handle:
        data = handle.read()
    return read_circuit_text(data, fmt, source=os.fspath(path))


def write_circuit(
    circuit: Circuit,
    fmt: str,
    highlight: Mapping[str, set[int]] | None = None,
    title: str | None = None,
    warning: str | None = None,
) -> str | bytes:
    """The file contents of ``circuit`` in ``fmt``: bytes for aig and png, text otherwise.

    ``highlight``, ``title`` and ``warning`` apply to the diagram formats only; a warning (e.g. "this
    circuit is not the function its file declares") heads the picture, so a saved diagram keeps it.
    """
    _check_format(fmt, WRITE_FORMATS)
    if fmt in _WRITERS:
        return _WRITERS[fmt](circuit)
    from circuits.draw import ascii_diagram, dot_source, render

    if warning is not None:
        title = f"{title}\nWARNING: {warning}" if title else f"WARNING: {warning}"
    if fmt == "ascii":
        heading = "" if warning is None else f"WARNING: {warning}\n"
        return heading + ascii_diagram(circuit, highlight) + "\n"
    if fmt == "dot":
        return dot_source(circuit, highlight, title)
    image = render(circuit, fmt, highlight, title)
    return image if fmt in BINARY_FORMATS else image.decode("utf-8")


def write_circuit_file(
    circuit: Circuit,
    fmt: str,
    path: str | os.PathLike[str] | None = None,
    highlight: Mapping[str, set[int]] | None = None,
    title: str | None = None,
    warning: str | None = None,
) -> str | None:
    """Write ``circuit`` in ``fmt`` to ``path`` (None: standard output); return the path written.

    Without Graphviz's ``dot``, an SVG or PNG request writes the DOT text instead (next to ``path``,
    with the extension .dot) and says on standard error, in one line, how to render it.
    """
    from circuits.draw import GraphvizMissing

    try:
        content = write_circuit(circuit, fmt, highlight, title, warning)
    except GraphvizMissing:
        content = write_circuit(circuit, "dot", highlight, title, warning)
        if path is None:
            hint = f"dot -T{fmt} -o circuit.{fmt}"
        else:
            target = os.fspath(path)
            path = os.path.splitext(target)[0] + ".dot"
            hint = f"dot -T{fmt} {path} -o {target}"
        print(f"Graphviz's dot is not installed, so DOT text was written; render it with: {hint}", file=sys.stderr)
    if path is None:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
        return None
    with open(path, "wb") as handle:
        handle.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    return os.fspath(path)


__all__ = [
    "BINARY_FORMATS",
    "DIAGRAM_FORMATS",
    "EXTENSIONS",
    "FORMATS",
    "WRITE_FORMATS",
    "format_from_path",
    "output_destination",
    "read_circuit_file",
    "read_circuit_text",
    "write_circuit",
    "write_circuit_file",
]

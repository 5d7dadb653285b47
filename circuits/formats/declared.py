"""What a solve document claims its circuit computes, and whether the circuit still does.

``circuits solve --json`` writes the function it was asked for (``inputs``, ``outputs``, ``care``)
beside the circuit. Once such a file has been edited by hand, or a circuit pasted into another
document, the two can disagree; drawing or scoring the circuit under the document's name would then
silently show a circuit for another function. These helpers read the declaration and describe a
disagreement in one line, so the commands can say so and still do their work.
"""

from __future__ import annotations

import json
import os
from typing import Any

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.truthtable import TruthTable, full_mask


def declared_function(path: str | os.PathLike[str]) -> TruthTable | None:
    """The function a solve document declares, or None when ``path`` is not a solve document.

    A solve document is a JSON object with a ``circuit`` object beside ``inputs`` and ``outputs``;
    a plain circuit file (or any other format) declares nothing. Malformed declarations raise
    InputError naming the field.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (UnicodeDecodeError, json.JSONDecodeError):  # not JSON: no declaration to check
        return None
    if not (isinstance(data, dict) and isinstance(data.get("circuit"), dict) and "outputs" in data):
        return None
    return _declared_table(data, os.fspath(path))


def _declared_table(data: dict[str, Any], source: str) -> TruthTable:
    n = data.get("inputs")
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise InputError(f"{source}: field 'inputs' must be a non-negative integer")
    outputs = _hex_list(data.get("outputs"), n, source, "outputs")
    care = data.get("care")
    cares = None if care is None else _hex_list(care, n, source, "care")
    if cares is not None and len(cares) != len(outputs):
        raise InputError(f"{source}: field 'care' has {len(cares)} masks for {len(outputs)} outputs")
    return TruthTable.from_bits(n, outputs, cares)


def _hex_list(raw: Any, n: int, source: str, field: str) -> list[int]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise InputError(f"{source}: field '{field}' must be a list of hex tables")
    values = []
    for i, text in enumerate(raw):
        try:
            value = int(text, 16)
        except ValueError:
            raise InputError(f"{source}: field '{field}[{i}]' is {text!r}, not a hex table") from None
        if not 0 <= value <= full_mask(n):
            raise InputError(f"{source}: field '{field}[{i}]' does not fit in {1 << n} rows ({n} inputs)")
        values.append(value)
    return values


def mismatch(circuit: Circuit, declared: TruthTable) -> str | None:
    """None when ``circuit`` computes ``declared`` on every care row; else what differs, briefly."""
    if circuit.inputs != declared.n:
        return f"the circuit has {circuit.inputs} inputs, the document declares {declared.n}"
    if len(circuit.outputs) != declared.m:
        return f"the circuit has {len(circuit.outputs)} outputs, the document declares {declared.m}"
    differences = []
    for h, bits in enumerate(circuit.output_tables()):
        wrong = (bits ^ declared.outputs[h]) & declared.care[h]
        if wrong:
            name = circuit.output_names[h] if circuit.output_names else f"y{h}"
            first = (wrong & -wrong).bit_length() - 1
            rows = bin(declared.care[h]).count("1")
            differences.append(f"{name} differs on {bin(wrong).count('1')} of {rows} rows, first row {first}")
    return "; ".join(differences) or None


def check_declared(path: str | os.PathLike[str], circuit: Circuit, fmt: str | None = None) -> str | None:
    """A sentence saying that the circuit read from ``path`` (in ``fmt``, default: from the extension)
    does not compute what its document declares, or None (it does, or the file declares nothing)."""
    from circuits.formats import format_from_path

    if (fmt or format_from_path(path)) != "json":
        return None
    declared = declared_function(path)
    if declared is None:
        return None
    problem = mismatch(circuit, declared)
    if problem is None:
        return None
    return f"the circuit does not compute the outputs its document declares ({problem})"

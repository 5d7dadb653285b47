"""The project's own circuit JSON (docs/design.md, circuit JSON), the only format that keeps every gate and the basis.

Reading also accepts the document ``circuits solve --json`` prints, which holds the circuit under
``"circuit"``, so a solve result can be drawn or converted without editing it.
"""

from __future__ import annotations

import json

from circuits.circuit import Circuit
from circuits.formats.netlist import located


def write_json(circuit: Circuit) -> str:
    return json.dumps(circuit.to_dict(), indent=2) + "\n"


def read_json(text: str, source: str) -> Circuit:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise located(source, err.lineno, f"not valid JSON: {err.msg}") from None
    if isinstance(data, dict) and "gates" not in data and isinstance(data.get("circuit"), dict):
        data = data["circuit"]
    try:
        return Circuit.from_dict(data)
    except (ValueError, TypeError) as err:  # InputError, or a value of the wrong type in a field
        raise located(source, None, str(err)) from None

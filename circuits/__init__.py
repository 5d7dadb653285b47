"""circuits: provably minimal Boolean circuits by SAT, and how search-like they are.

The package root exports the core model only; synthesis lives in ``sat_encoding`` and the analyzer,
problems and study in their own subpackages.
"""

from circuits.basis import BASES, Basis, get_basis
from circuits.circuit import Circuit, Gate, Output
from circuits.errors import InputError, VerificationError
from circuits.truthtable import TruthTable, parse_truth_tables, to_hex

__all__ = [
    "BASES",
    "Basis",
    "Circuit",
    "Gate",
    "InputError",
    "Output",
    "TruthTable",
    "VerificationError",
    "get_basis",
    "parse_truth_tables",
    "to_hex",
]

"""Truth tables: the specification every other part of the project starts from.

Convention (shared with kitty, ABC and percy): inputs are x0..x(n-1); row ``i`` is the assignment with
``x_j = (i >> j) & 1``; bit ``i`` of a table is the function's value on row ``i``. Hex is written most
significant digit first, so AND2 is ``0x8`` and MAJ3 is ``0xe8``. Binary strings are written most
significant row first, and may mark don't-care rows with ``-``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from circuits.errors import InputError, quoted

#: The parser accepts tables this wide; synthesis has its own, smaller limit.
MAX_PARSE_INPUTS = 16

_HEX_RE = re.compile(r"^0[xX]([0-9a-fA-F]+)$")
_BIN_RE = re.compile(r"^[01\-]+$")


def full_mask(n: int) -> int:
    """All 2^n rows set."""
    return (1 << (1 << n)) - 1


def input_table(n: int, j: int) -> int:
    """The truth table of the projection x_j over n inputs."""
    return sum(1 << row for row in range(1 << n) if (row >> j) & 1)


def to_hex(bits: int, n: int) -> str:
    """Format a table of n inputs as ``0x..`` with exactly the digits its 2^n rows need."""
    digits = max(1, (1 << n) // 4)
    return "0x" + format(bits, "x").zfill(digits)


def to_binary(bits: int, n: int, care: int | None = None) -> str:
    """Format a table as a binary string, most significant row first, ``-`` on don't-care rows."""
    rows = 1 << n
    care = full_mask(n) if care is None else care
    return "".join(
        ("1" if (bits >> r) & 1 else "0") if (care >> r) & 1 else "-" for r in reversed(range(rows))
    )


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun``, plural unless the count is one: "1 output", "3 inputs"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _log2_exact(length: int) -> int | None:
    if length <= 0 or length & (length - 1):
        return None
    return length.bit_length() - 1


@dataclass(frozen=True)
class TruthTable:
    """A multi-output Boolean function with an optional care set per output.

    ``outputs[h]`` holds output h's bits; ``care[h]`` marks the rows where output h is specified
    (bits outside the care set are kept at 0 so that equal functions compare equal).
    """

    n: int
    outputs: tuple[int, ...]
    care: tuple[int, ...]

    def __post_init__(self) -> None:
        if self.n < 0 or self.n > MAX_PARSE_INPUTS:
            raise InputError(f"{self.n} inputs is outside the supported range 0..{MAX_PARSE_INPUTS}")
        if not self.outputs:
            raise InputError("a truth table needs at least one output")
        if len(self.care) != len(self.outputs):
            raise InputError("one care mask is needed per output")
        mask = full_mask(self.n)
        for bits, care in zip(self.outputs, self.care):
            if bits < 0 or bits > mask or care < 0 or care > mask:
                raise InputError(f"a table of {self.n} inputs has {1 << self.n} rows; a value does not fit")
        object.__setattr__(self, "outputs", tuple(b & c for b, c in zip(self.outputs, self.care)))

    @classmethod
    def from_bits(cls, n: int, outputs: Sequence[int], care: Sequence[int] | None = None) -> "TruthTable":
        """Build a completely or partially specified table from integers."""
        cares = tuple(care) if care is not None else tuple(full_mask(n) for _ in outputs)
        return cls(n, tuple(outputs), cares)

    @property
    def m(self) -> int:
        """Number of outputs."""
        return len(self.outputs)

    @property
    def rows(self) -> int:
        return 1 << self.n

    @property
    def fully_specified(self) -> bool:
        return all(c == full_mask(self.n) for c in self.care)

    def hex_outputs(self) -> list[str]:
        return [to_hex(b, self.n) for b in self.outputs]

    def describe(self) -> str:
        """A short human-readable label, e.g. ``0x96 0xe8`` or ``1-0- (care 0xa)``."""
        if self.fully_specified:
            return " ".join(self.hex_outputs())
        return " ".join(to_binary(b, self.n, c) for b, c in zip(self.outputs, self.care))

    def matches(self, h: int, bits: int) -> bool:
        """Whether ``bits`` agrees with output h on every care row."""
        return (bits ^ self.outputs[h]) & self.care[h] == 0


def _parse_one(text: str, inputs: int | None) -> tuple[int, int, int]:
    """Parse one table; return (n, bits, care)."""
    token = text.strip()
    if not token:
        raise InputError("empty truth table")
    hex_match = _HEX_RE.match(token)
    if hex_match:
        digits = hex_match.group(1)
        value = int(digits, 16)
        if inputs is None:
            n = _log2_exact(4 * len(digits))
            if n is None:
                raise InputError(
                    f"truth table {quoted(token)} has {len(digits)} hex digits; the number of rows must be a "
                    "power of two (use --inputs N to say how many inputs)"
                )
        else:
            n = inputs
        if n > MAX_PARSE_INPUTS:
            raise InputError(f"truth table {quoted(token)} has {n} inputs; at most {MAX_PARSE_INPUTS} are supported")
        if value >> (1 << n):
            raise InputError(f"truth table {quoted(token)} does not fit in {1 << n} rows ({n} inputs)")
        return n, value, full_mask(n)
    if _BIN_RE.match(token):
        n = _log2_exact(len(token))
        if n is None:
            raise InputError(f"binary truth table {quoted(token)} has {len(token)} rows, not a power of two")
        if inputs is not None and inputs != n:
            raise InputError(f"binary truth table {quoted(token)} has {n} inputs but --inputs says {inputs}")
        if n > MAX_PARSE_INPUTS:
            raise InputError(f"truth table {quoted(token)} has {n} inputs; at most {MAX_PARSE_INPUTS} are supported")
        bits = care = 0
        for row, ch in enumerate(reversed(token)):
            if ch != "-":
                care |= 1 << row
                if ch == "1":
                    bits |= 1 << row
        return n, bits, care
    if re.match(r"^[0-9a-fA-F]+$", token):
        raise InputError(f"truth table {quoted(token)} is neither binary nor 0x-prefixed hex")
    raise InputError(f"malformed truth table {quoted(token)}: expected 0x-prefixed hex or a binary string of 0, 1, -")


def parse_truth_tables(
    texts: Sequence[str], inputs: int | None = None, care: str | None = None
) -> TruthTable:
    """Parse one table per output into a TruthTable.

    ``care`` is a single mask (hex or binary, 1 = specified) applied to every output on top of any
    ``-`` rows in binary tables.
    """
    if not texts:
        raise InputError("no truth table given")
    if inputs is not None and not 0 <= inputs <= MAX_PARSE_INPUTS:
        raise InputError(f"--inputs {inputs} is outside 0..{MAX_PARSE_INPUTS}")
    parsed = [_parse_one(t, inputs) for t in texts]
    sizes = {n for n, _, _ in parsed}
    if len(sizes) > 1:
        listing = ", ".join(f"{quoted(t.strip())} has {n}" for t, (n, _, _) in zip(texts, parsed))
        raise InputError(f"outputs have different numbers of inputs ({listing})")
    n = sizes.pop()
    care_mask = full_mask(n)
    if care is not None:
        care_n, care_bits, care_care = _parse_one(care, n if care.strip().lower().startswith("0x") else None)
        if care_n != n:
            raise InputError(f"care mask {quoted(care)} has {care_n} inputs but the tables have {n}")
        if care_care != full_mask(n):
            raise InputError("a care mask may not itself contain don't-cares")
        care_mask = care_bits
    return TruthTable(
        n,
        tuple(bits for _, bits, _ in parsed),
        tuple(c & care_mask for _, _, c in parsed),
    )

"""The public benchmark circuits of benchmarks/public_circuits.py compute their published functions.

Each is checked row by row against the function written here as arithmetic on integers (or, for
the 74181, its datasheet function table), not against the construction's own gates.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.public_circuits import PUBLIC_CIRCUITS  # noqa: E402

from circuits.circuit import Circuit  # noqa: E402


def bits(value: int, width: int) -> list[int]:
    return [(value >> i) & 1 for i in range(width)]


def word(values: list[int]) -> int:
    return sum(v << i for i, v in enumerate(values))


def outputs_of(circuit: Circuit, row: int) -> list[int]:
    return [(table >> row) & 1 for table in circuit.output_tables()]


def rows(circuit: Circuit, step: int = 1) -> range:
    return range(0, 1 << circuit.inputs, step)


@pytest.mark.parametrize("name, width", [("c6288-4x4", 4), ("c6288-5x5", 5)])
def test_multipliers_multiply(name: str, width: int) -> None:
    circuit = PUBLIC_CIRCUITS[name]()
    for row in rows(circuit):
        a, b = row & ((1 << width) - 1), row >> width
        assert word(outputs_of(circuit, row)) == a * b


def test_c17_is_its_published_nand_netlist() -> None:
    circuit = PUBLIC_CIRCUITS["c17"]()
    for row in rows(circuit):
        n1, n2, n3, n6, n7 = bits(row, 5)
        n10, n11 = 1 - (n1 & n3), 1 - (n3 & n6)
        n16, n19 = 1 - (n2 & n11), 1 - (n11 & n7)
        assert outputs_of(circuit, row) == [1 - (n10 & n16), 1 - (n16 & n19)]


def test_74283_adds() -> None:
    circuit = PUBLIC_CIRCUITS["74283"]()
    for row in rows(circuit):
        a, b, c = row & 15, (row >> 4) & 15, row >> 8
        assert word(outputs_of(circuit, row)) == a + b + c


def test_74l85_compares_with_cascade() -> None:
    circuit = PUBLIC_CIRCUITS["74L85"]()
    for row in rows(circuit):
        a, b = row & 15, (row >> 4) & 15
        in_gt, in_lt, in_eq = bits(row >> 8, 3)
        if a != b:
            expected = [int(a > b), int(a < b), 0]
        elif in_eq:
            expected = [0, 0, 1]
        else:  # the datasheet's rows for equal words: the cascade inputs, complemented and crossed
            expected = [1 - in_lt, 1 - in_gt, 0]
        assert outputs_of(circuit, row) == expected


def test_74182_lookahead() -> None:
    circuit = PUBLIC_CIRCUITS["74182"]()
    for row in rows(circuit):
        p = [1 - v for v in bits(row, 4)]
        g = [1 - v for v in bits(row >> 4, 4)]
        carry = [row >> 8]
        for i in range(4):
            carry.append(g[i] | (p[i] & carry[i]))
        group_g = int(any(g[i] and all(p[i + 1 :]) for i in range(4)))
        assert outputs_of(circuit, row) == [carry[1], carry[2], carry[3], 1 - int(all(p)), 1 - group_g]


#: The 74181's function table, active-high data: S -> logic function (M = 1) of one bit pair.
LOGIC = {
    0: lambda a, b: 1 - a, 1: lambda a, b: 1 - (a | b), 2: lambda a, b: (1 - a) & b, 3: lambda a, b: 0,
    4: lambda a, b: 1 - (a & b), 5: lambda a, b: 1 - b, 6: lambda a, b: a ^ b, 7: lambda a, b: a & (1 - b),
    8: lambda a, b: (1 - a) | b, 9: lambda a, b: 1 - (a ^ b), 10: lambda a, b: b, 11: lambda a, b: a & b,
    12: lambda a, b: 1, 13: lambda a, b: a | (1 - b), 14: lambda a, b: a | b, 15: lambda a, b: a,
}
#: Arithmetic mode (M = 0), no carry in (Cn high), on 4-bit words: a selection of the table's rows.
ARITHMETIC = {
    0: lambda a, b: a, 6: lambda a, b: a - b - 1, 9: lambda a, b: a + b, 12: lambda a, b: a + a,
    15: lambda a, b: a - 1, 3: lambda a, b: -1,
}


def test_74181_follows_its_function_table() -> None:
    circuit = PUBLIC_CIRCUITS["74181"]()
    for row in rows(circuit):
        a, b, s = row & 15, (row >> 4) & 15, (row >> 8) & 15
        mode, carry_low = (row >> 12) & 1, row >> 13
        f = outputs_of(circuit, row)[:4]
        if mode:
            assert f == [LOGIC[s]((a >> i) & 1, (b >> i) & 1) for i in range(4)]
        elif s in ARITHMETIC:
            assert word(f) == (ARITHMETIC[s](a, b) + (1 - carry_low)) % 16
        assert outputs_of(circuit, row)[4] == int(word(f) == 15)


def test_decoders_and_priority_encoder() -> None:
    for name, width in (("dec5", 5), ("dec6", 6)):
        circuit = PUBLIC_CIRCUITS[name]()
        for row in rows(circuit):
            assert outputs_of(circuit, row) == [int(row == k) for k in range(1 << width)]
    circuit = PUBLIC_CIRCUITS["prio16"]()
    for row in rows(circuit, step=7):
        lowest = (row & -row).bit_length() - 1 if row else 0
        assert outputs_of(circuit, row) == bits(lowest, 4) + [int(row != 0)]

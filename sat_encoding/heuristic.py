"""A quick, non-optimal circuit for any table: the upper bound a time-limited search falls back on.

Shannon expansion on the highest input, with memoized subfunctions, XOR detection where the basis has
XOR, and AND/OR shortcuts when a cofactor is constant. Don't-care rows are read as 0 (or, in the
monotone basis, as the smallest monotone completion), which keeps every care row right.
"""

from __future__ import annotations

from circuits.basis import negate_fanin
from circuits.circuit import Circuit, Gate, Output
from circuits.truthtable import TruthTable, full_mask, input_table
from sat_encoding.spec import monotone_extension

Signal = tuple[int, bool]  # (node, complemented)


class _Builder:
    def __init__(self, n: int, basis: str) -> None:
        self.n = n
        self.basis = basis
        self.mask = full_mask(n)
        self.gates: list[Gate] = []
        self.memo: dict[int, Signal] = {}
        self.const: dict[int, Signal] = {}
        self.inputs = [input_table(n, j) for j in range(n)]
        for j, table in enumerate(self.inputs):
            self.memo[table] = (j, False)
            if basis != "mono":
                self.memo[table ^ self.mask] = (j, True)

    def _gate(self, op: int, a: Signal, b: Signal) -> Signal:
        """Add a gate reading two signals; complemented fanins fold into the op."""
        if a[1]:
            op = negate_fanin(op, 0)
        if b[1]:
            op = negate_fanin(op, 1)
        negated = False
        if op & 1 and self.basis != "mono":
            op ^= 0xF
            negated = True
        self.gates.append(Gate(op, (a[0], b[0])))
        return (self.n + len(self.gates) - 1, negated)

    def _and(self, a: Signal, b: Signal) -> Signal:
        return self._gate(0x8, a, b)

    def _or(self, a: Signal, b: Signal) -> Signal:
        return self._gate(0xE, a, b)

    def _not(self, s: Signal) -> Signal:
        return (s[0], not s[1])

    def _xor(self, a: Signal, b: Signal) -> Signal:
        if self.basis in ("b2", "xaig"):
            return self._gate(0x6, a, b)
        left = self._and(a, self._not(b))
        right = self._and(self._not(a), b)
        return self._or(left, right)

    def build(self, table: int, var: int) -> Signal | int:
        """A signal for ``table`` (depending only on inputs < var), or a constant 0/1."""
        if table == 0:
            return 0
        if table == self.mask:
            return 1
        if table in self.memo:
            return self.memo[table]
        x = self.inputs[var - 1]
        shift = 1 << (var - 1)
        low = table & ~x & self.mask
        low = low | (low << shift)
        high = table & x
        high = high | (high >> shift)
        if low == high:
            return self.build(table, var - 1)
        xs: Signal = (var - 1, False)
        signal = self._combine(xs, low, high, var - 1)
        self.memo[table] = signal
        if self.basis != "mono":
            self.memo[table ^ self.mask] = self._not(signal)
        return signal

    def _combine(self, x: Signal, low: int, high: int, var: int) -> Signal:
        """f = x ? high : low, with the cheapest form available."""
        if self.basis != "mono" and high == low ^ self.mask:
            sub = self.build(low, var)
            return self._not(x) if sub == 1 else x if sub == 0 else self._xor(x, sub)  # type: ignore[arg-type]
        lo = self.build(low, var)
        hi = self.build(high, var)
        if lo == 0:
            return x if hi == 1 else self._and(x, hi)  # type: ignore[arg-type]
        if hi == 0:
            return self._not(x) if lo == 1 else self._and(self._not(x), lo)  # type: ignore[arg-type]
        if hi == 1:
            return self._or(x, lo)  # type: ignore[arg-type]
        if lo == 1:
            return self._or(self._not(x), hi)  # type: ignore[arg-type]
        if self.basis == "mono":
            return self._or(lo, self._and(x, hi))  # type: ignore[arg-type]
        return self._or(self._and(x, hi), self._and(self._not(x), lo))  # type: ignore[arg-type]


def heuristic_circuit(table: TruthTable, basis: str) -> Circuit:
    """A verified circuit for ``table`` in ``basis``, with no claim of optimality."""
    builder = _Builder(table.n, basis)
    outputs = []
    for bits, care in zip(table.outputs, table.care):
        if basis == "mono":
            bits = monotone_extension(table.n, bits, care) or 0
        signal = builder.build(bits & care if basis != "mono" else bits, table.n)
        if isinstance(signal, int):
            outputs.append(Output(None, False, signal))
        else:
            outputs.append(Output(signal[0], signal[1]))
    circuit = Circuit(table.n, tuple(builder.gates), tuple(outputs), basis)
    return circuit.verify(table)

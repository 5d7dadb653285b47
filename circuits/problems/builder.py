"""A small circuit builder for the reference circuits: polarity-aware signals, constant folding,
structural hashing, labels, and dead-gate removal.

Why a builder: reference circuits are *constructions* (a verifier per candidate, an OR tree, a DP
recurrence). Writing them against signals (node, negated) lets each construction say "AND of these
literals" without choosing gate ops by hand; structural hashing gives the prefix sharing the brute-force
reference is allowed, and labels record which gates belong to which part (verifier, union tree,
selection tree) so the study can highlight them. Every gate is normalized to a *normal* op (value 0 on
(0, 0)), which is free in b2 because complemented edges and outputs cost nothing.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Sequence

from circuits.basis import negate_fanin, swap_fanins
from circuits.circuit import Circuit, Gate, Output

#: A signal is (node, negated). Node -1 is the constant 0, so (-1, True) is the constant 1.
Signal = tuple[int, bool]
ZERO: Signal = (-1, False)
ONE: Signal = (-1, True)

AND, OR, XOR = 0x8, 0xE, 0x6


def negate(signal: Signal) -> Signal:
    return (signal[0], not signal[1])


@dataclass(frozen=True)
class Built:
    """A finished construction: the circuit and, per label, the nodes that carry it."""

    circuit: Circuit
    labels: dict[str, frozenset[int]]


class CircuitBuilder:
    """Accumulates b2 gates over n inputs; see the module docstring."""

    def __init__(self, n: int, input_names: Sequence[str] | None = None) -> None:
        self.n = n
        self.input_names = tuple(input_names) if input_names else None
        self._gates: list[tuple[int, int, int]] = []
        self._index: dict[tuple[int, int, int], int] = {}
        self._phase: list[str | None] = []
        self._current: str | None = None
        self._tags: dict[str, set[int]] = {}

    # -- signals ---------------------------------------------------------------------------
    def input(self, j: int, positive: bool = True) -> Signal:
        return (j, not positive)

    @contextmanager
    def phase(self, label: str) -> Iterator[None]:
        """Gates created inside carry ``label`` (gates reused from earlier keep their first label)."""
        previous, self._current = self._current, label
        try:
            yield
        finally:
            self._current = previous

    def tag(self, label: str, signal: Signal) -> Signal:
        """Record that ``signal``'s node carries ``label`` (e.g. one candidate's verifier)."""
        if signal[0] >= 0:
            self._tags.setdefault(label, set()).add(signal[0])
        return signal

    # -- gates -----------------------------------------------------------------------------
    def gate(self, op: int, a: Signal, b: Signal) -> Signal:
        """A 2-input gate over two signals, folded and hashed."""
        (na, neg_a), (nb, neg_b) = a, b
        if neg_a:
            op = negate_fanin(op, 0)
        if neg_b:
            op = negate_fanin(op, 1)
        if na == -1 and nb == -1:
            return ONE if op & 1 else ZERO
        if na == -1:  # a is the constant 0: the gate is a function of b alone
            return _unary((op >> 0) & 1, (op >> 2) & 1, (nb, False))
        if nb == -1:
            return _unary((op >> 0) & 1, (op >> 1) & 1, (na, False))
        if na == nb:
            return _unary((op >> 0) & 1, (op >> 3) & 1, (na, False))
        if op in (0x3, 0x5, 0xA, 0xC, 0x0, 0xF):  # constants and projections need no gate
            low = op & 1
            if op in (0x0, 0xF):
                return ONE if low else ZERO
            depends_on_a = (op >> 1) & 1 != low  # flipping a alone changes the value
            return (na, low == 1) if depends_on_a else (nb, low == 1)
        if na > nb:
            na, nb, op = nb, na, swap_fanins(op)
        negated = bool(op & 1)
        if negated:
            op ^= 0xF
        key = (op, na, nb)
        node = self._index.get(key)
        if node is None:
            node = self.n + len(self._gates)
            self._gates.append(key)
            self._phase.append(self._current)
            self._index[key] = node
        return (node, negated)

    def include(self, circuit: Circuit) -> list[Signal]:
        """Rebuild ``circuit`` (over the same inputs) gate by gate, folded and hashed like any other
        gates, and return its output signals: a stored construction joins a new one."""
        signals: list[Signal] = [self.input(j) for j in range(circuit.inputs)]
        for gate in circuit.gates:
            a, b = gate.fanins
            signals.append(self.gate(gate.op, signals[a], signals[b]))
        found = []
        for out in circuit.outputs:
            signal = (ONE if out.value else ZERO) if out.node is None else signals[out.node]
            found.append(negate(signal) if out.negated else signal)
        return found

    def and_(self, a: Signal, b: Signal) -> Signal:
        return self.gate(AND, a, b)

    def or_(self, a: Signal, b: Signal) -> Signal:
        return self.gate(OR, a, b)

    def xor(self, a: Signal, b: Signal) -> Signal:
        return self.gate(XOR, a, b)

    def mux(self, select: Signal, high: Signal, low: Signal) -> Signal:
        """select ? high : low, in the fewest gates the special cases allow."""
        if high == low:
            return high
        if high == negate(low):
            return self.xor(select, low)
        return self.or_(self.and_(select, high), self.and_(negate(select), low))

    def balanced(self, op: int, signals: Sequence[Signal], empty: Signal) -> Signal:
        """A balanced tree of ``op`` over ``signals``; the left half is the first ⌈k/2⌉ (so shared
        prefixes produce shared subtrees)."""
        if not signals:
            return empty
        if len(signals) == 1:
            return signals[0]
        half = (len(signals) + 1) // 2
        return self.gate(op, self.balanced(op, signals[:half], empty), self.balanced(op, signals[half:], empty))

    def and_all(self, signals: Sequence[Signal]) -> Signal:
        return self.balanced(AND, signals, ONE)

    def or_all(self, signals: Sequence[Signal]) -> Signal:
        return self.balanced(OR, signals, ZERO)

    # -- result ----------------------------------------------------------------------------
    def finish(
        self, outputs: Sequence[Signal], output_names: Sequence[str] | None = None, basis: str = "b2"
    ) -> Built:
        """Keep only the gates the outputs need, renumber, and carry labels and tags along.

        ``basis`` labels the circuit; the caller vouches that its gates fit it (normalization keeps an
        AND-type op AND-type and an XOR-type op XOR-type, and monotone ops stay monotone).
        """
        needed: set[int] = set()
        stack = [node for node, _ in outputs if node >= self.n]
        while stack:
            node = stack.pop()
            if node in needed:
                continue
            needed.add(node)
            _, a, b = self._gates[node - self.n]
            stack.extend(f for f in (a, b) if f >= self.n)
        renumber = {j: j for j in range(self.n)}
        gates = []
        for k, (op, a, b) in enumerate(self._gates):
            old = self.n + k
            if old in needed:
                renumber[old] = self.n + len(gates)
                gates.append(Gate(op, (renumber[a], renumber[b])))
        circuit_outputs = tuple(
            Output(None, False, int(neg)) if node == -1 else Output(renumber[node], neg) for node, neg in outputs
        )
        labels: dict[str, set[int]] = {}
        for k, label in enumerate(self._phase):
            if label is not None and self.n + k in needed:
                labels.setdefault(label, set()).add(renumber[self.n + k])
        for label, nodes in self._tags.items():
            kept = {renumber[v] for v in nodes if v in renumber}
            if kept:
                labels.setdefault(label, set()).update(kept)
        circuit = Circuit(
            self.n,
            tuple(gates),
            circuit_outputs,
            basis,
            input_names=self.input_names,
            output_names=tuple(output_names) if output_names else None,
        )
        return Built(circuit, {label: frozenset(nodes) for label, nodes in labels.items()})


def _unary(value_at_0: int, value_at_1: int, signal: Signal) -> Signal:
    """The signal for a function of one signal given its two values."""
    if value_at_0 == value_at_1:
        return ONE if value_at_0 else ZERO
    return signal if value_at_1 else negate(signal)

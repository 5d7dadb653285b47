"""A quick, non-optimal circuit for any table: the upper bound a search starts from and a time-limited
search falls back on.

A dynamic program over the subfunctions reachable by fixing inputs: each gets the cheapest of a few
decompositions on one of its inputs x (f0, f1 the cofactors, d = f0 XOR f1):
  x AND f1 / x OR f0 / ... when a cofactor is constant (one gate), x XOR f0 when f1 = NOT f0,
  f0 OR (x AND f1) when f0 implies f1 (two gates; always the case for monotone f), its mirror,
  f0 XOR (x AND d) or f1 XOR (NOT x AND d) when d has at most three inputs, and the multiplexer.
Subfunctions of at most three inputs are leaves, built from the optimal circuits of library.py.
Identical subfunctions are built once, so the circuit is never larger than the estimate. Don't-care
rows are read as 0 (in the monotone basis as the smallest monotone completion), which keeps every
care row right.
"""

from __future__ import annotations

from dataclasses import dataclass

from circuits.basis import get_basis, negate_fanin
from circuits.circuit import Circuit, Gate, Output
from circuits.truthtable import TruthTable, full_mask, input_table
from sat_encoding.library import LIBRARY_INPUTS, optimal_small_circuit
from sat_encoding.spec import monotone_extension

Signal = tuple[int, bool]  # (node, complemented)

AND, OR, XOR = 0x8, 0xE, 0x6


@dataclass(frozen=True)
class _Choice:
    """How a subfunction is built: a leaf, or a form on input ``var`` over sub-tables."""

    cost: int
    form: str  # "leaf", "and0", "or1", "const_neg", "xor", "implies", "implied", "xor_and", "xor_andnot", "mux"
    var: int = -1
    parts: tuple[int, ...] = ()


class _Builder:
    def __init__(self, n: int, basis: str, leaf_inputs: int) -> None:
        self.n = n
        self.basis = basis
        self.leaf_inputs = leaf_inputs
        self.free_negation = get_basis(basis).free_output_negation
        self.xor_cost = {"b2": 1, "xaig": 1, "aig": 3}.get(basis)  # None: no XOR (monotone)
        self.mask = full_mask(n)
        self.inputs = [input_table(n, j) for j in range(n)]
        self.choices: dict[int, _Choice] = {}
        self.gates: list[Gate] = []
        self.signals: dict[int, Signal] = {}

    # -- tables -----------------------------------------------------------------------------
    def cofactors(self, f: int, j: int) -> tuple[int, int]:
        """f with x_j fixed to 0 and to 1, as n-input tables that ignore x_j."""
        x, shift = self.inputs[j], 1 << j
        low, high = f & ~x & self.mask, f & x
        return low | (low << shift), high | (high >> shift)

    def support(self, f: int) -> list[int]:
        found = []
        for j in range(self.n):
            low, high = self.cofactors(f, j)
            if low != high:
                found.append(j)
        return found

    def free(self, f: int) -> bool:
        """Constants and literals cost nothing."""
        if f in (0, self.mask):
            return True
        return any(f == x or (self.free_negation and f == x ^ self.mask) for x in self.inputs)

    # -- costs ------------------------------------------------------------------------------
    def choice(self, f: int) -> _Choice:
        if f in self.choices:
            return self.choices[f]
        support = self.support(f)
        if self.free(f):
            best = _Choice(0, "leaf")
        elif len(support) <= self.leaf_inputs:
            best = _Choice(optimal_small_circuit(self._project(f, support), self.basis).size, "leaf")
        else:
            best = min((self._best_on(f, j) for j in support), key=lambda c: c.cost)
        self.choices[f] = best
        return best

    def _best_on(self, f: int, j: int) -> _Choice:
        f0, f1 = self.cofactors(f, j)
        c0, c1 = self.choice(f0).cost, self.choice(f1).cost
        monotone = self.xor_cost is None
        options = []
        if f0 == 0:
            options.append(_Choice(1 + c1, "and0", j, (f1,)))
        if f1 == self.mask:
            options.append(_Choice(1 + c0, "or1", j, (f0,)))
        if not monotone:
            if f0 == self.mask or f1 == 0:
                options.append(_Choice(1 + (c1 if f0 == self.mask else c0), "const_neg", j, (f0, f1)))
            if f1 == f0 ^ self.mask:
                options.append(_Choice(self.xor_cost + c0, "xor", j, (f0,)))
        if f0 & ~f1 & self.mask == 0:
            options.append(_Choice(2 + c0 + c1, "implies", j, (f0, f1)))
        if not monotone:
            if f1 & ~f0 & self.mask == 0:
                options.append(_Choice(2 + c0 + c1, "implied", j, (f0, f1)))
            d = f0 ^ f1
            if len(self.support(d)) <= max(self.leaf_inputs, 1):
                cd = self.choice(d).cost
                options.append(_Choice(self.xor_cost + 1 + c0 + cd, "xor_and", j, (f0, d)))
                options.append(_Choice(self.xor_cost + 1 + c1 + cd, "xor_andnot", j, (f1, d)))
            options.append(_Choice(3 + c0 + c1, "mux", j, (f0, f1)))
        return min(options, key=lambda c: c.cost)

    def _project(self, f: int, support: list[int]) -> int:
        """f as a 3-input table over its support (inputs beyond the support are ignored)."""
        out = 0
        for row in range(1 << LIBRARY_INPUTS):
            real = sum(1 << support[i] for i in range(len(support)) if (row >> i) & 1)
            out |= ((f >> real) & 1) << row
        return out

    # -- construction -----------------------------------------------------------------------
    def gate(self, op: int, a: Signal, b: Signal) -> Signal:
        """Add a gate reading two signals; complemented fanins fold into the op."""
        if a[1]:
            op = negate_fanin(op, 0)
        if b[1]:
            op = negate_fanin(op, 1)
        negated = False
        if op & 1 and self.free_negation:
            op ^= 0xF
            negated = True
        self.gates.append(Gate(op, (a[0], b[0])))
        return (self.n + len(self.gates) - 1, negated)

    def xor(self, a: Signal, b: Signal) -> Signal:
        if self.xor_cost == 1:
            return self.gate(XOR, a, b)
        left = self.gate(AND, a, (b[0], not b[1]))
        right = self.gate(AND, (a[0], not a[1]), b)
        return self.gate(OR, left, right)

    def build(self, f: int) -> Signal | int:
        """A signal computing f, or the constant 0/1."""
        if f == 0:
            return 0
        if f == self.mask:
            return 1
        if f in self.signals:
            return self.signals[f]
        for j, x in enumerate(self.inputs):
            if f == x:
                return (j, False)
            if f == x ^ self.mask and self.free_negation:
                return (j, True)
        choice = self.choice(f)
        signal = self._leaf(f) if choice.form == "leaf" else self._form(choice)
        self.signals[f] = signal
        if self.free_negation:
            self.signals[f ^ self.mask] = (signal[0], not signal[1])
        return signal

    def _sig(self, f: int) -> Signal:
        built = self.build(f)
        assert not isinstance(built, int), "forms only reference non-constant parts"
        return built

    def _form(self, c: _Choice) -> Signal:
        x: Signal = (c.var, False)
        nx: Signal = (c.var, True)
        if c.form == "and0":
            return self.gate(AND, x, self._sig(c.parts[0]))
        if c.form == "or1":
            return self.gate(OR, x, self._sig(c.parts[0]))
        if c.form == "const_neg":
            f0, f1 = c.parts
            if f0 == self.mask:  # x ? f1 : 1  =  NOT x OR f1
                return self.gate(OR, nx, self._sig(f1))
            return self.gate(AND, nx, self._sig(f0))  # x ? 0 : f0
        if c.form == "xor":
            return self.xor(x, self._sig(c.parts[0]))
        if c.form == "implies":
            f0, f1 = c.parts
            return self.gate(OR, self._sig(f0), self.gate(AND, x, self._sig(f1)))
        if c.form == "implied":
            f0, f1 = c.parts
            return self.gate(OR, self._sig(f1), self.gate(AND, nx, self._sig(f0)))
        if c.form == "xor_and":
            f0, d = c.parts
            return self.xor(self._sig(f0), self.gate(AND, x, self._sig(d)))
        if c.form == "xor_andnot":
            f1, d = c.parts
            return self.xor(self._sig(f1), self.gate(AND, nx, self._sig(d)))
        f0, f1 = c.parts
        return self.gate(OR, self.gate(AND, x, self._sig(f1)), self.gate(AND, nx, self._sig(f0)))

    def _leaf(self, f: int) -> Signal:
        """Embed the optimal circuit of a function of at most three inputs."""
        support = self.support(f)
        leaf = optimal_small_circuit(self._project(f, support), self.basis)
        sources = [support[i] if i < len(support) else 0 for i in range(LIBRARY_INPUTS)]
        nodes = list(sources)
        for gate in leaf.gates:
            a, b = (nodes[k] for k in gate.fanins)
            self.gates.append(Gate(gate.op, (a, b)))
            nodes.append(self.n + len(self.gates) - 1)
        out = leaf.outputs[0]
        assert out.node is not None
        return (nodes[out.node], out.negated)


def heuristic_circuit(table: TruthTable, basis: str) -> Circuit:
    """A verified circuit for ``table`` in ``basis``, with no claim of optimality.

    Tables of at most three inputs are what the library is synthesized from, so they are built
    without its leaves (the exact search that follows finds their optimum anyway).
    """
    builder = _Builder(table.n, basis, LIBRARY_INPUTS if table.n > LIBRARY_INPUTS else 1)
    outputs = []
    for bits, care in zip(table.outputs, table.care):
        completion = (monotone_extension(table.n, bits, care) or 0) if basis == "mono" else bits & care
        signal = builder.build(completion)
        if isinstance(signal, int):
            outputs.append(Output(None, False, signal))
        else:
            outputs.append(Output(signal[0], signal[1]))
    circuit = Circuit(table.n, tuple(builder.gates), tuple(outputs), basis)
    return circuit.verify(table)

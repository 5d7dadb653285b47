"""Minimum size with one solver for every k: what it learned about k − 1 gates stays when it asks k.

The fresh search (size.py) encodes "is there a circuit of exactly k gates?" anew for each k and
throws the solver away. Here one encoding *grows*: the circuit of k + 1 gates is the circuit of k
gates with one gate appended, so every variable of gates 0 … k − 1 (fanin selections, op bits,
output choices, values on the encoded rows) keeps its meaning, and so does every clause that speaks
of those gates only. The clauses that hold for k gates but not for more are *closing* clauses, and
each size k gets its own copy guarded by an activation literal a_k (every closing clause of k
contains ¬a_k; the question for k is asked under the assumption a_k).

Which clauses close. Sorting the rules of the fresh encoding (encoding.py, symmetry.py) by whether
they change when a gate is appended:

* *permanent* (clauses about gates 0 … h only, the same for every circuit of more than h gates):
  op bits restricted to the basis's normal ops; exactly one fanin pair per gate; gate semantics and
  output values on the encoded rows; at most one gate per target; colex order and op order of
  adjacent gates; the symmetric-input order (the clauses of gate g read only gates ≤ g, through
  the chain variable "some gate before g reads a moved input"); no re-application (the clauses of
  gate h read gates < h only);
* *closing* (they name the last gate or the size k): at least one gate per target, the last gate is
  the output (one target), every gate is read by a later gate or an output, and the fanout limits
  of gate elimination (at most k − C(f|x_j=c) readers of x_j, with the reader list of k gates).

Soundness: every UNSAT answer for k means what the fresh one means. When the solver is asked about
k, its clauses are (P) the permanent clauses of gates 0 … k − 1 on the encoded rows, (C_k) the
closing clauses of k, guarded by a_k, which is assumed, (C_j) the closing clauses of every smaller
j asked before, each with ¬a_j in it, and the unit clause ¬a_j, added once j was answered, and (L)
clauses the solver learned, each implied by the clauses it held. P and C_k state exactly the rules
of the fresh k-gate encoding with the same options (optional symmetry rules on, fanout limits of
k), on the same variables of the circuit. Two things differ, neither in meaning: "at most one
gate per target" is written as pairwise exclusions instead of a counter, and auxiliary variables
are numbered differently; each auxiliary variable is constrained by nothing but its definition (a
selection disjunction, the symmetric-order chain, "two gates share a pair", "ops increase", a
cardinality counter). So any k-gate circuit the fresh encoding admits extends to an assignment of
P ∪ C_k ∪ {a_k} (each auxiliary variable set to the value of its definition), and setting every
a_j (j < k) false satisfies every C_j and its unit. So if the fresh encoding of k on the encoded rows has a model, so does the grown
one under a_k; contrapositively, UNSAT under a_k is UNSAT of the fresh k-gate relaxation, which
is UNSAT on every row (a relaxation on fewer rows has more models), which means no circuit of k
gates (as in exact.solve_exact_size). Learned clauses cannot change that answer: they are
consequences of clauses that the extended assignment satisfies. The symmetric-input rule and no
re-application keep an optimum of the k-gate question alone (symmetry.py proves it for one fixed
size, and the clauses of size k are exactly those), so both stay on. A model is decoded from the
first k gates and simulated on every row, as in the fresh path: a SAT answer is a verified circuit.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
from pysat.card import CardEnc, EncType
from pysat.solvers import Solver

from circuits.circuit import Circuit
from sat_encoding import symmetry
from sat_encoding.bounds import fanout_limits
from sat_encoding.encoding import TRUE, CircuitEncoding, _encode_gate_semantics
from sat_encoding.exact import gate_free_circuit, solve_in
from sat_encoding.incremental import INITIAL_ROWS, spread_rows
from sat_encoding.pairs import colex_pairs
from sat_encoding.solvers import ClauseFeed, backend_for
from sat_encoding.spec import SynthesisSpec
from sat_encoding.split import in_process_cubes
from sat_encoding.symmetry import op_differs


class GrowingEncoding(CircuitEncoding):
    """The SSV encoding of ``spec`` with gates appended one at a time (all optional rules on)."""

    def __init__(self, spec: SynthesisSpec, rows: Sequence[int]) -> None:
        super().__init__(spec, 0, None)
        self.clauses.append([TRUE])
        self.out_vars = [[] for _ in spec.targets]
        self.pol_vars = [None if t.polarity is not None else self.new_var() for t in spec.targets]
        self.row_literals: dict[int, int] = {}  # row -> its activation literal
        self.active_rows: list[int] = []
        self.size_literal: int | None = None
        self.add_rows(rows)
        self.symmetries = symmetry.input_symmetries(spec)
        self.chains: list[int | None] = [None] * len(self.symmetries)  # "a gate so far reads a moved input"
        self.same_pair: dict[tuple[int, int], int] = {}

    def grow_to(self, gates: int) -> None:
        while self.gates < gates:
            self.add_gate()

    def add_gate(self) -> None:
        """Append gate h = ``self.gates`` with every permanent clause that mentions it."""
        spec, n, h = self.spec, self.spec.n, self.gates
        bits = self.new_vars(3).tolist()
        self.op_vars.append(bits)
        allowed = set(spec.basis.normal_ops)
        self.clauses.extend(op_differs(bits, pattern) for pattern in range(8) if (pattern << 1) not in allowed)
        self.pairs.append(colex_pairs(n + h))
        sel = self.new_vars(len(self.pairs[h]))
        self.sel_vars.append(sel)
        self.exactly_one(sel.tolist())
        for outs in self.out_vars:
            out = self.new_var()
            self.clauses.extend([-out, -other] for other in outs)
            outs.append(out)
        self.gates += 1
        if h > 0:
            self._order_after(h - 1)
        self._symmetric_input_order(h)
        self._no_reapplication(h)
        self._rows_of_new_gate(h)

    def _order_after(self, i: int) -> None:
        """Colex order of gates i and i + 1, and increasing ops when they share their pair."""
        prev, nxt = self.sel_vars[i].tolist(), self.sel_vars[i + 1].tolist()
        for p in range(len(prev) - 1):
            self.clauses.append([-nxt[p]] + prev[: p + 1])
        allowed = sorted(op >> 1 for op in self.spec.basis.normal_ops)
        increasing = self.new_var()
        here, there = self.op_vars[i], self.op_vars[i + 1]
        for u in allowed:
            for w in allowed:
                if u >= w:
                    self.clauses.append([-increasing] + op_differs(here, u) + op_differs(there, w))
        for a, b in zip(prev, nxt[: len(prev)]):
            self.clauses.append([-a, -b, increasing])

    def _symmetric_input_order(self, g: int) -> None:
        """The symmetric-input order's clauses of gate g (symmetry.add_symmetric_input_order)."""
        n = self.spec.n
        for s, perm in enumerate(self.symmetries):
            if g > 0:  # the chain variable of gate g − 1, now that a gate follows it
                touches, _ = symmetry._pair_masks(n, g - 1, perm)
                now = self.new_var()
                earlier = self.chains[s]
                self.clauses.append([-now] + ([earlier] if earlier else []) + self.sel_vars[g - 1][touches].tolist())
                self.chains[s] = now
            _, forbidden = symmetry._pair_masks(n, g, perm)
            earlier = self.chains[s]
            self.clauses.extend(([earlier, -x] if earlier else [-x]) for x in self.sel_vars[g][forbidden].tolist())

    def _no_reapplication(self, h: int) -> None:
        """Gate h reads neither a gate together with one of its fanins, nor (where sound) two gates
        of one pair (symmetry.add_no_reapplication)."""
        n = self.spec.n
        with_fanin, two_gates = symmetry.rewiring_closed(self.spec.basis.name)
        pairs, sel = self.pairs[h], self.sel_vars[h]
        if with_fanin:
            for g in range(h):
                for p in (pairs[:, 1] == n + g).nonzero()[0].tolist():
                    below = self.reads(g, int(pairs[p, 0]))
                    if below is not None:
                        self.clauses.append([-int(sel[p]), -below])
        if two_gates:
            for later in range(1, h):
                for i in range(later):
                    p = int(((pairs[:, 0] == n + i) & (pairs[:, 1] == n + later)).nonzero()[0][0])
                    self.clauses.append([-self._same_pair(i, later), -int(sel[p])])

    def _same_pair(self, i: int, later: int) -> int:
        """A variable implied by "gates i and ``later`` select the same pair", made once."""
        key = (i, later)
        if key not in self.same_pair:
            same = self.new_var()
            shared = len(self.pairs[i])
            for a, b in zip(self.sel_vars[i].tolist(), self.sel_vars[later][:shared].tolist()):
                self.clauses.append([-a, -b, same])
            self.same_pair[key] = same
        return self.same_pair[key]

    def assumptions(self) -> list[int]:
        """The present size's activation literal and those of the active rows."""
        return ([] if self.size_literal is None else [self.size_literal]) + [self.row_literals[r] for r in self.active_rows]

    def activate_rows(self, rows: Sequence[int]) -> None:
        """From now on, ask questions on exactly these rows (encoding those not encoded yet)."""
        self.active_rows = []
        self.add_rows(rows)

    def add_rows(self, rows: Iterable[int]) -> None:
        """Activate ``rows``, encoding every gate's value and the output clauses on the new ones.

        The output clauses of row r carry ¬b_r (its activation literal): with b_r unassumed they
        constrain nothing, since the values of the gates are a function of their fanins and ops.
        """
        wanted = [r for r in dict.fromkeys(rows) if r not in self.active_rows]
        self.active_rows.extend(wanted)
        new = np.array([r for r in wanted if r not in self.row_literals], dtype=np.int64)
        if new.size == 0:
            return
        self.encoded_rows.extend(new.tolist())
        for row in new.tolist():
            self.row_literals[row] = self.new_var()
        sims = self.new_vars(self.gates * len(new)).reshape(self.gates, len(new))
        for t, row in enumerate(new.tolist()):
            self.row_sims[row] = sims[:, t].copy()
        values = np.concatenate([_input_literals(new, self.spec.n), sims], axis=0)
        for i in range(self.gates):
            _encode_gate_semantics(self, i, values, sims[i])
            self._output_clauses(i, new.tolist(), sims[i].tolist())

    def _rows_of_new_gate(self, h: int) -> None:
        """Gate h's value and output clauses on every row encoded so far."""
        rows = np.array(self.encoded_rows, dtype=np.int64)
        if rows.size == 0:
            return
        sim = self.new_vars(len(rows))
        earlier = np.array([self.row_sims[r] for r in rows.tolist()], dtype=np.int64).T.reshape(h, len(rows))
        values = np.concatenate([_input_literals(rows, self.spec.n), earlier], axis=0)
        _encode_gate_semantics(self, h, values, sim)
        for t, row in enumerate(rows.tolist()):
            self.row_sims[row] = np.append(self.row_sims[row], sim[t])
        self._output_clauses(h, rows.tolist(), sim.tolist())

    def _output_clauses(self, gate: int, rows: list[int], sims: list[int]) -> None:
        """If ``gate`` is a target's output, it has the target's value on each active cared row."""
        for target, outs, pol in zip(self.spec.targets, self.out_vars, self.pol_vars):
            for row, sim in zip(rows, sims):
                if not (target.care >> row) & 1:
                    continue
                off, lit = -self.row_literals[row], sim if (target.bits >> row) & 1 else -sim
                if pol is None:
                    self.clauses.append([off, -outs[gate], lit])
                else:
                    self.clauses.extend([[off, -outs[gate], lit, pol], [off, -outs[gate], -lit, -pol]])

    def close(self, guard: int) -> None:
        """The closing clauses of the present size, each guarded by ¬``guard``."""
        n, k = self.spec.n, self.gates
        for outs in self.out_vars:
            self.clauses.append([-guard] + outs)
        if len(self.out_vars) == 1:
            self.clauses.append([-guard, self.out_vars[0][-1]])
        for i in range(k):
            readers = [outs[i] for outs in self.out_vars]
            for later in range(i + 1, k):
                readers.extend(self.reading(later, n + i).tolist())
            self.clauses.append([-guard] + readers)
        for j, limit in fanout_limits(self.spec, k).items():
            readers = [r for g in range(k) if (r := self.reads(g, j)) is not None]
            self._guarded_at_most(readers, limit, guard)

    def _guarded_at_most(self, lits: list[int], bound: int, guard: int) -> None:
        if bound >= len(lits):
            return
        if bound <= 0:
            self.clauses.extend([-guard, -lit] for lit in lits)
            return
        enc = CardEnc.atmost(lits=lits, bound=bound, top_id=self.top, encoding=EncType.seqcounter)
        self.top = max(self.top, enc.nv)
        self.clauses.extend([-guard] + clause for clause in enc.clauses)


def _input_literals(rows: np.ndarray, n: int) -> np.ndarray:
    """Per input and row: the constant literal of the input's value on that row."""
    bits = (rows[None, :] >> np.arange(n)[:, None]) & 1
    return np.where(bits == 1, TRUE, -TRUE)


class SizeLadder:
    """Answers "a circuit of exactly k gates?" for increasing k in one solver (see the module docstring)."""

    def __init__(self, spec: SynthesisSpec, solver: str, keep_rows: bool = False) -> None:
        self.spec = spec
        self.first_rows = spread_rows(spec, INITIAL_ROWS)
        self.keep_rows = keep_rows
        self.encoding = GrowingEncoding(spec, self.first_rows)
        self.sat = Solver(name=backend_for(solver, spec.n))
        self.feed = ClauseFeed(self.sat, self.encoding.clauses)
        self.asked = -1

    def __enter__(self) -> "SizeLadder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.sat.delete()

    def ask(self, gates: int, conflicts: int | None = None) -> Circuit | None:
        """A verified circuit of ``gates`` gates, or None when none exists; sizes must increase."""
        if gates <= self.asked:
            raise ValueError(f"sizes must increase: {gates} asked after {self.asked}")
        self.asked = gates
        if not self.spec.targets:
            return gate_free_circuit(self.spec) if gates == 0 else None
        if gates == 0:
            return None
        enc = self.encoding
        enc.grow_to(gates)
        enc.size_literal = enc.new_var()
        enc.close(enc.size_literal)
        if not self.keep_rows:
            enc.activate_rows(self.first_rows)
        try:
            return solve_in(self.feed, enc, conflicts, in_process_cubes(self.spec.n, gates))
        finally:
            enc.clauses.append([-enc.size_literal])  # this size is answered (or given up): its closing clauses retire

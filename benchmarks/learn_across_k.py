"""Learning across k, measured and not kept: one solver for every k against a fresh solver per k.

    python benchmarks/learn_across_k.py [--cases npn4,maj5,five] [--tables 0x...,0x...]
                                       [--variants kept,per-size,rebuilt,unguarded]
                                       [--rounds R] [--limit S] [--json]

The minimum-size search (sat_encoding/size.py) asks "is there a circuit of exactly k gates?" for
k = lower, lower + 1, … with a fresh encoding and a fresh solver each time. Issue 14 asked whether
one solver kept from k − 1 to k, with activation literals (here one per size and one per row),
pays. This script holds that prototype and measures it against the library's search, side by side.
It did not pay (README, Performance): it is kept here, out of the library, so that the measurement
can be repeated.

The search itself is the library's ``size_search`` (lower bounds, heuristic, top-gate reduction);
only its "k gates?" solver is swapped for a ladder that answers every k of one function in one
solver. Variants:

* ``kept``: rows found by the counterexample loop stay active for every later k;
* ``per-size``: each k starts again from the same first rows as the fresh search, rows found at an
  earlier k are switched off by their activation literals (and switched on again when a model fails
  them), so the only thing carried from k − 1 to k is what the solver learned;
* ``rebuilt``: a control, a new ladder for every k, so nothing is carried: what the growing
  encoding costs by itself, activation literals included;
* ``unguarded``: the second control, ``rebuilt`` with the size's and the rows' activation literals
  asserted as unit clauses instead of assumed: the fresh encoding in another order (gate by gate
  instead of rule by rule, at most one output as pairwise exclusions), so this variant shows what
  that order alone does, and the step to ``rebuilt`` what assuming the literals costs.

The variants run one after the other on the same instance, so their CPU seconds
(``time.process_time``, the solvers included) are side by side: in this process for the 4-input
sweep, and for a 5-input instance each in a child forked from it, which the kernel stops after
``--limit`` CPU seconds (such a search is shown as "> limit"). Before any is timed, everything they
share is computed once: the 3-input optimum table, the heuristic circuit and the gate-elimination
bounds (for 5 inputs, the exact costs of the 4-input restrictions). Cases:

* ``npn4``: one representative of each of the 222 NPN classes of 4-input functions, minimum ``b2``
  size; the sweep is timed ``--rounds`` times per variant, the variants in turn and their order
  reversed every other round (so a drift of the machine's load falls on all), and every class's
  minimum must agree;
* ``maj5``: majority of 5 (``0xfee8e880``);
* ``five``: 5-input functions (``--tables``; by default the three of the recorded measurement,
  chosen because the fresh search proves them in 10–120 CPU s with at least one UNSAT k; how they
  were made is said at FIVE_INPUT_DEFAULTS).

Per instance: the minimum (every variant must agree, and every circuit is simulated against the
table), CPU seconds per variant, the ratio to fresh, and the CPU seconds spent at each k.

The prototype. One encoding grows: the circuit of k + 1 gates is the circuit of k gates with one
gate appended, so every variable of gates 0 … k − 1 (fanin selections, op bits, output choices,
values on the encoded rows) keeps its meaning, and so does every clause about those gates only.
Sorting the fresh encoding's rules (sat_encoding/encoding.py, symmetry.py) by whether they change
when a gate is appended:

* *permanent* (clauses about gates 0 … h only): op bits restricted to the basis's normal ops;
  exactly one fanin pair per gate; gate values on the encoded rows; at most one gate per target;
  colex order and op order of adjacent gates; the symmetric-input order (the clauses of gate g read
  only gates ≤ g, through the chain variable "some gate before g reads a moved input"); no
  re-application (the clauses of gate h read gates < h only);
* *per row*: the output values on row r, each clause carrying ¬b_r (the row's activation literal;
  with b_r free they constrain nothing, the gate values being a function of fanins and ops);
* *closing* (they name the last gate or the size k), one copy per k under its activation literal
  a_k: at least one gate per target, the last gate is the output (one target), every gate is read
  by a later gate or an output, and the fanout limits of gate elimination (at most k − C(f|x_j=c)
  readers of x_j among k gates).

Soundness: an UNSAT answer for k means what the fresh one means. Asked about k under a_k and the
active rows' b_r, the solver holds (P) the permanent clauses of gates 0 … k − 1, (R) the row
clauses, (C_k) the closing clauses of k, (C_j) those of every smaller j asked before, each with
¬a_j in it, and the unit ¬a_j added once j was answered, and (L) learned clauses, each implied by
the clauses it held. Under those assumptions P, C_k and the active rows' clauses state exactly the
rules of the fresh k-gate encoding with the same options (optional symmetry rules on, fanout
limits of k) on the active rows, on the same circuit variables. Two things differ, neither in
meaning: "at most one gate per target" is written as pairwise exclusions instead of a counter, and
auxiliary variables are numbered differently; each one is constrained by nothing but its
definition (a selection disjunction, the symmetric-order chain, "two gates share a pair", "ops
increase", a cardinality counter). So any circuit the fresh relaxation admits extends to a model of
everything the solver holds (auxiliaries set to their definitions, inactive rows' b_r and every
a_j false, gate values on every row simulated); contrapositively, UNSAT under the assumptions is
UNSAT of the fresh k-gate relaxation on those rows, hence on all rows, hence no circuit of k gates.
The symmetric-input rule and no re-application are properties of the k-gate question alone
(symmetry.py proves them for one fixed size, and the clauses of size k are exactly those), so both
stay on. A model is decoded from the first k gates and simulated on every row: a SAT answer is a
verified circuit. The prototype was tested before it left the library, and this copy again, by a
test module ``test_across_k`` (in the repository's history, removed with the prototype): per size,
the set of circuits admitted equals the fresh encoding's, circuit for circuit (3- and 4-input
functions in b2, xaig and aig, two outputs, don't-cares); every answer from the lower bound to past
the minimum equals the fresh one; the minima of the kept, per-size and rebuilt variants equal the
fresh search's on random 3- and 4-input functions, and on the 222 classes, whose counts per size
are Knuth's.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import multiprocessing
import resource
import sys
import time
from contextlib import contextmanager, nullcontext
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np
from pysat.card import CardEnc, EncType
from pysat.solvers import Solver

import sat_encoding.size
from circuits.circuit import Circuit
from circuits.npn import npn_classes
from circuits.truthtable import TruthTable
from sat_encoding import symmetry
from sat_encoding.bounds import fanout_limits, size_lower_bound
from sat_encoding.decompose import top_gate
from sat_encoding.encoding import TRUE, CircuitEncoding, _encode_gate_semantics
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.incremental import INITIAL_ROWS, ROWS_PER_ROUND, failing_rows, spread_rows
from sat_encoding.pairs import colex_pairs
from sat_encoding.runner import Bound, Found
from sat_encoding.size import size_search
from sat_encoding.solvers import add_clauses, backend_for
from sat_encoding.spec import SynthesisSpec, prepare
from sat_encoding.split import in_process_cubes
from sat_encoding.symmetry import op_differs

MAJ5 = "0xfee8e880"
#: 5-input functions of the recorded measurement (README, Performance), built from 4-input functions
#: of cost 5 and 6 (a seeded search over such constructions kept those whose lower bound, 7, is below
#: their minimum, 8, and which the fresh search proves in 10–120 CPU s):
#: g(x0, x1, x2 ∧ x4, x3 ⊕ x4) with g = 0x07e3; x4 ? 0x1798 : 0x0676; g(x0, x1, x2, x3 ⊕ x4) ⊕ (x4 ∧ x1)
#: with g = 0x0663.
FIVE_INPUT_DEFAULTS = ("0xe3077733", "0x17980676", "0xafca0663")
VARIANTS = ("kept", "per-size", "rebuilt", "unguarded")


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
        increasing = self.new_var()  # implied when both gates select the same pair
        ops = sorted(op >> 1 for op in self.spec.basis.normal_ops)
        here, there = self.op_vars[i], self.op_vars[i + 1]
        self.clauses.extend(
            [-increasing, *op_differs(here, u), *op_differs(there, w)] for u, w in itertools.product(ops, ops) if u >= w
        )
        self.clauses.extend([-a, -b, increasing] for a, b in zip(prev, nxt[: len(prev)]))

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
    """Answers "a circuit of exactly k gates?" for increasing k in one solver (module docstring)."""

    def __init__(self, spec: SynthesisSpec, solver: str, keep_rows: bool, asserted: bool = False) -> None:
        """``asserted``: the size's and the rows' activation literals become unit clauses instead of
        assumptions (for one size only: the "unguarded" control)."""
        self.spec = spec
        self.first_rows = spread_rows(spec, INITIAL_ROWS)
        self.keep_rows = keep_rows
        self.asserted = asserted
        self.encoding = GrowingEncoding(spec, self.first_rows)
        self.sat = Solver(name=backend_for(solver, spec.n))
        self.added = 0
        self.asked = -1

    def close(self) -> None:
        self.sat.delete()

    def ask(self, gates: int) -> Circuit | None:
        """A verified circuit of ``gates`` gates, or None when none exists; sizes must increase."""
        assert gates > self.asked, f"sizes must increase: {gates} asked after {self.asked}"
        self.asked = gates
        enc = self.encoding
        enc.grow_to(gates)
        enc.size_literal = enc.new_var()
        enc.close(enc.size_literal)
        if not self.keep_rows:
            enc.activate_rows(self.first_rows)
        try:
            for cube in in_process_cubes(self.spec.n, gates) or [()]:
                circuit = self._refine(cube)
                if circuit is not None:
                    return circuit
            return None
        finally:
            if not self.asserted:
                enc.clauses.append([-enc.size_literal])  # this size is answered: its closing clauses retire

    def _refine(self, cube: Sequence[int]) -> Circuit | None:
        """Counterexample-guided solving of one cube: rows a model fails are switched on."""
        enc = self.encoding
        while True:
            assumed = enc.assumptions()
            if self.asserted:
                enc.clauses.extend([lit] for lit in assumed)
                assumed = []
            add_clauses(self.sat, enc.clauses[self.added :])
            self.added = len(enc.clauses)
            if not self.sat.solve(assumed + enc.cube_literals(cube)):
                return None
            circuit = enc.decode(self.sat.get_model())
            wrong = failing_rows(circuit, self.spec)
            if not wrong:
                return circuit.verify(self.spec.table)
            enc.add_rows(wrong[:ROWS_PER_ROUND])


@contextmanager
def ladders(variant: str) -> Iterator[None]:
    """Within this block the library's size search answers each k with one ladder per function
    (variant "kept" or "per-size"), or with a new ladder for every k ("rebuilt", "unguarded")."""
    original = sat_encoding.size.exact_solver
    opened: list[SizeLadder] = []

    def exact_solver(in_parts: bool) -> Callable[..., Circuit | None]:
        ladder: list[SizeLadder] = []

        def ask(spec: SynthesisSpec, gates: int, solver: str) -> Circuit | None:
            if not ladder or variant in ("rebuilt", "unguarded"):
                ladder[:] = [SizeLadder(spec, solver, keep_rows=variant == "kept", asserted=variant == "unguarded")]
                opened.append(ladder[0])
            assert ladder[0].spec == spec
            return ladder[0].ask(gates)

        return ask

    sat_encoding.size.exact_solver = exact_solver
    try:
        yield
    finally:
        sat_encoding.size.exact_solver = original
        for ladder in opened:
            ladder.close()


def warm(table: TruthTable, basis: str) -> None:
    """Fill the caches every variant shares, so that the first one timed does not pay for them."""
    spec = prepare(table, basis)
    if not spec.targets:
        return
    top = top_gate(table, spec.basis)
    if top is not None:
        warm(top.rest, basis)
        return
    upper = heuristic_circuit(table, basis).size
    size_lower_bound(spec)
    for gates in range(upper + 1):
        fanout_limits(spec, gates)


def timed_search(table: TruthTable, basis: str, variant: str) -> dict:
    """The proven minimum by the library's size search (``variant`` "fresh", or a ladder variant),
    its CPU seconds, and the CPU seconds of each k asked (an UNSAT k ends with the bound k + 1, the
    SAT one with its circuit)."""
    start = time.process_time()
    per_k: dict[int, float] = {}
    bounds: list[int] = []
    found: list[int] = []
    mark = start
    with ladders(variant) if variant != "fresh" else nullcontext():
        for event in size_search(table, basis, "auto"):
            now = time.process_time()
            if isinstance(event, Bound):
                if bounds:
                    per_k[event.value - 1] = round(now - mark, 3)
                bounds.append(event.value)
            elif isinstance(event, Found):
                event.circuit.verify(table)
                if found:
                    per_k[event.circuit.size] = round(now - mark, 3)
                found.append(event.circuit.size)
            mark = now
    minimum = min(found)
    assert minimum == max(bounds), f"{table.hex_outputs()}: best {minimum}, proven only >= {max(bounds)}"
    return {"minimum": minimum, "cpu_seconds": time.process_time() - start, "per_k": per_k}


def limited_search(table: TruthTable, basis: str, variant: str, limit: float) -> dict:
    """``timed_search`` in a forked child (it inherits the warm caches) that the kernel stops after
    ``limit`` CPU seconds; a stopped search is reported as cut, with the limit as its time."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(limit), math.ceil(limit) + 5))
        send.send(timed_search(table, basis, variant))

    process = context.Process(target=child)
    process.start()
    send.close()
    try:
        return receive.recv()
    except EOFError:  # SIGXCPU ended the child
        return {"minimum": None, "cpu_seconds": limit, "per_k": {}, "cut": True}
    finally:
        process.join()


def side_by_side(
    name: str, table: TruthTable, basis: str, variants: Sequence[str], reverse: bool, limit: float
) -> dict:
    """One instance, every variant once (in reverse order when ``reverse``), each within ``limit``."""
    warm(table, basis)
    order = ["fresh", *variants]
    runs = {v: limited_search(table, basis, v, limit) for v in (order[::-1] if reverse else order)}
    minima = {v: r["minimum"] for v, r in runs.items() if not r.get("cut")}
    assert len(set(minima.values())) <= 1, f"{name}: the minima disagree: {minima}"
    fresh = runs["fresh"]["cpu_seconds"]
    return {
        "name": name,
        "table": table.hex_outputs(),
        "minimum": next(iter(minima.values()), None),
        "cpu_seconds": {v: round(runs[v]["cpu_seconds"], 2) for v in order},
        "cut_at_limit": [v for v in order if runs[v].get("cut")],
        "ratio_to_fresh": {v: round(runs[v]["cpu_seconds"] / max(fresh, 1e-9), 3) for v in variants},
        "per_k": {v: runs[v]["per_k"] for v in order},
    }


def sweep(basis: str, variants: Sequence[str], rounds: int) -> dict:
    """The 222-class sweep, ``rounds`` times per variant, the order reversed every other round."""
    tables = [TruthTable.from_bits(4, [bits]) for bits, _ in npn_classes(4)]
    for table in tables:
        warm(table, basis)
    order = ["fresh", *variants]
    totals = {v: 0.0 for v in order}
    minima: dict[str, list[int]] = {}
    for r in range(rounds):
        for variant in order if r % 2 == 0 else order[::-1]:
            start = time.process_time()
            minima[variant] = [timed_search(t, basis, variant)["minimum"] for t in tables]
            totals[variant] += time.process_time() - start
    disagree = [hex(t.outputs[0]) for i, t in enumerate(tables) if len({m[i] for m in minima.values()}) > 1]
    assert not disagree, f"the minima disagree on {disagree}"
    return {
        "name": "npn4",
        "classes": len(tables),
        "rounds": rounds,
        "cpu_seconds": {v: round(totals[v] / rounds, 2) for v in order},
        "ratio_to_fresh": {v: round(totals[v] / totals["fresh"], 3) for v in variants},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default="npn4,maj5,five")
    parser.add_argument("--tables", default=",".join(FIVE_INPUT_DEFAULTS), help="5-input functions for 'five'")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="ladder variants beside fresh")
    parser.add_argument("--rounds", type=int, default=2, help="timings per variant of the npn4 sweep")
    parser.add_argument("--limit", type=float, default=600.0, help="CPU seconds per search of one instance (maj5, five)")
    parser.add_argument("--basis", default="b2")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    variants = [v for v in args.variants.split(",") if v]
    if any(v not in VARIANTS for v in variants):
        parser.error(f"variants are {', '.join(VARIANTS)}")
    results = []
    for case in args.cases.split(","):
        if case == "npn4":
            found = [sweep(args.basis, variants, args.rounds)]
        elif case == "maj5":
            found = [side_by_side("maj5", TruthTable.from_bits(5, [int(MAJ5, 16)]), args.basis, variants, False, args.limit)]
        elif case == "five":
            texts = [t for t in args.tables.split(",") if t]
            found = [
                side_by_side(text, TruthTable.from_bits(5, [int(text, 16)]), args.basis, variants, i % 2 == 1, args.limit)
                for i, text in enumerate(texts)
            ]
        else:
            parser.error(f"unknown case {case!r}")
        results += found
        if not args.json:
            for r in found:
                cut = r.get("cut_at_limit", [])
                cells = ", ".join(
                    f"{v} {'> ' if v in cut else ''}{s} CPU s"
                    + (f" ({'> ' if v in cut else ''}{r['ratio_to_fresh'][v]}x)" if v in r["ratio_to_fresh"] else "")
                    for v, s in r["cpu_seconds"].items()
                )
                print(f"{r['name']:12s} minimum {r.get('minimum', '-')}: {cells}", flush=True)
                if "per_k" in r:
                    print(f"{'':12s} CPU s per k: {r['per_k']}", flush=True)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

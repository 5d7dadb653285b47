"""CNF for "a circuit of exactly r normal gates computes the targets" (optionally with depth ≤ d).

The encoding is the single-selection-variable (SSV) encoding of Kojevnikov, Kulikov and Yaroslavtsev
as used by percy: one selection variable per gate and fanin pair, three op bits per gate, one
simulation variable per gate and encoded row. The big clause family (gate semantics on every row) is
built with numpy in one block per gate, because per-clause Python overhead dominates small instances.

The clauses that cut equivalent and dominated circuits are in symmetry.py. Which of them apply is a
choice of the caller (``break_input_symmetry``, ``dominance``): the ones that are always on keep at
least one representative of every isomorphism class of irredundant circuits, which enumeration
relies on; the optional ones keep only one optimum per function, which is all a minimum needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import numpy as np
from pysat.card import CardEnc, EncType

from circuits.circuit import Circuit, Gate, Output
from sat_encoding import symmetry
from sat_encoding.pairs import colex_pairs
from sat_encoding.sorted_form import sorted_form
from sat_encoding.spec import SynthesisSpec
from sat_encoding.split import prefix_cubes
from sat_encoding.symmetry import op_differs

if TYPE_CHECKING:
    from sat_encoding.timing import Timing

TRUE = 1  # variable 1 is constant true (asserted by a unit clause)


@dataclass
class CircuitEncoding:
    """Variables and clauses of one instance, and how to read a circuit back from a model."""

    spec: SynthesisSpec
    gates: int
    max_depth: int | None
    timing: Timing | None = None
    clauses: list[list[int]] = field(default_factory=list)
    top: int = TRUE
    op_vars: list[list[int]] = field(default_factory=list)  # op_vars[i] = vars of op bits 1, 2, 3
    pairs: list[np.ndarray] = field(default_factory=list)  # pairs[i][p] = (j, k)
    sel_vars: list[np.ndarray] = field(default_factory=list)  # sel_vars[i][p]
    encoded_rows: list[int] = field(default_factory=list)
    out_vars: list[list[int]] = field(default_factory=list)  # out_vars[target][i]
    pol_vars: list[int | None] = field(default_factory=list)
    _reads: dict[tuple[int, int], int] = field(default_factory=dict)
    row_sims: dict[int, np.ndarray] = field(default_factory=dict)  # row -> each gate's value variable

    def new_vars(self, count: int) -> np.ndarray:
        first = self.top + 1
        self.top += count
        return np.arange(first, first + count, dtype=np.int64)

    def new_var(self) -> int:
        self.top += 1
        return self.top

    def add_block(self, block: np.ndarray) -> None:
        """Add a 2-D array of clauses, dropping those satisfied by the constant-true literal."""
        if block.size:
            keep = ~(block == TRUE).any(axis=1)
            self.clauses.extend(block[keep].tolist())

    def exactly_one(self, lits: list[int]) -> None:
        self.clauses.append(list(lits))
        self.at_most(lits, 1)

    def at_most(self, lits: list[int], bound: int) -> None:
        """At most ``bound`` of ``lits`` are true (sequential counter)."""
        if bound >= len(lits):
            return
        if bound <= 0:
            self.clauses.extend([-lit] for lit in lits)
            return
        enc = CardEnc.atmost(lits=list(lits), bound=bound, top_id=self.top, encoding=EncType.seqcounter)
        self.top = max(self.top, enc.nv)
        self.clauses.extend(enc.clauses)

    def reading(self, i: int, node: int) -> np.ndarray:
        """Selection variables of gate i's pairs that contain ``node``."""
        pairs = self.pairs[i]
        return self.sel_vars[i][(pairs[:, 0] == node) | (pairs[:, 1] == node)]

    def reads(self, i: int, node: int) -> int | None:
        """A variable equivalent to "gate i reads ``node``" (None when it never can), made once."""
        key = (i, node)
        if key not in self._reads:
            sels = self.reading(i, node).tolist()
            if not sels:
                return None
            var = self.new_var()
            self.clauses.extend([-s, var] for s in sels)
            self.clauses.append([-var] + sels)
            self._reads[key] = var
        return self._reads[key]

    def cube_literals(self, cube: Sequence[int]) -> list[int]:
        """The assumptions of a cube (split.py): gate g selects its pair number ``cube[g]``."""
        return [int(self.sel_vars[g][p]) for g, p in enumerate(cube)]

    def exclude_cubes_outside(self, group: Sequence[Sequence[int]]) -> None:
        """Forbid every cube of the group's prefix length that is not in the group (split.py)."""
        if not group:
            self.clauses.append([-TRUE])
            return
        keep = {tuple(cube) for cube in group}
        for cube in prefix_cubes(self.spec.n, self.gates, len(next(iter(keep)))):
            if cube not in keep:
                self.clauses.append([-lit for lit in self.cube_literals(cube)])

    def add_rows(self, rows: Iterable[int]) -> None:
        """Encode gate semantics and output values on more truth-table rows."""
        done = set(self.encoded_rows)
        new = np.array([r for r in rows if r not in done], dtype=np.int64)
        if new.size == 0:
            return
        self.encoded_rows.extend(new.tolist())
        n = self.spec.n
        sims = self.new_vars(self.gates * len(new)).reshape(self.gates, len(new))
        for t, row in enumerate(new.tolist()):
            self.row_sims[row] = sims[:, t]
        input_bits = (new[None, :] >> np.arange(n)[:, None]) & 1
        values = np.concatenate([np.where(input_bits == 1, TRUE, -TRUE), sims], axis=0)
        for i in range(self.gates):
            _encode_gate_semantics(self, i, values, sims[i])
        _encode_output_rows(self, new, sims)

    def structure_clause(self, circuit: Circuit) -> list[int] | None:
        """The clause that forbids exactly the model of ``circuit`` (its sorted form, sorted_form.py):
        its pairs, ops and output gates, as ``IncrementalInstance.block_last`` forbids a model.
        None when no model of this encoding is that circuit (another size, a gate the basis does
        not have or that reads one node twice, a target on no gate or on two)."""
        if circuit.size != self.gates or any(
            g.op not in self.spec.basis.normal_ops or g.fanins[0] == g.fanins[1] for g in circuit.gates
        ):
            return None
        form = sorted_form(circuit)
        clause: list[int] = []
        for i, (pair, op) in enumerate(form.gates):
            clause.append(-int(self.sel_vars[i][pair]))
            clause.extend(-v if (op >> (b + 1)) & 1 else v for b, v in enumerate(self.op_vars[i]))
        chosen: dict[int, int] = {}
        for h, target in enumerate(self.spec.target_of_output):
            if target is None:
                continue
            node = circuit.outputs[h].node
            if node is None or node < self.spec.n or chosen.setdefault(target, form.node[node]) != form.node[node]:
                return None
        clause.extend(-self.out_vars[target][node - self.spec.n] for target, node in chosen.items())
        return clause

    def decode(self, model: list[int]) -> Circuit:
        """Read the circuit chosen by a satisfying assignment."""
        true = set(v for v in model if v > 0)
        spec = self.spec
        n = spec.n
        gates = []
        for i in range(self.gates):
            p = next(p for p, var in enumerate(self.sel_vars[i]) if int(var) in true)
            j, k = (int(x) for x in self.pairs[i][p])
            op = sum(1 << (b + 1) for b, var in enumerate(self.op_vars[i]) if var in true)
            gates.append(Gate(op, (j, k)))
        return Circuit(n, tuple(gates), decode_outputs(spec, self.out_vars, self.pol_vars, true), spec.basis.name)


def decode_outputs(
    spec: SynthesisSpec, out_vars: Sequence[Sequence[int]], pol_vars: Sequence[int | None], true: set[int]
) -> tuple[Output, ...]:
    """The outputs a model chooses: gate-free ones as fixed, each target on the gate whose output
    variable is true, complemented as fixed or as its polarity variable says."""
    n = spec.n
    outputs = []
    for h, fixed in enumerate(spec.fixed_outputs):
        if fixed is not None:
            outputs.append(fixed)
            continue
        t = spec.target_of_output[h]
        assert t is not None
        gate = next(i for i, var in enumerate(out_vars[t]) if var in true)
        pol_var = pol_vars[t]
        negated = spec.negate_target[h] if pol_var is None else pol_var in true
        outputs.append(Output(n + gate, bool(negated)))
    return tuple(outputs)


def encode(
    spec: SynthesisSpec,
    gates: int,
    max_depth: int | None = None,
    rows: Iterable[int] | None = None,
    *,
    break_input_symmetry: bool = False,
    dominance: bool = False,
    fanout_limits: Mapping[int, int] | None = None,
    timing: Timing | None = None,
) -> CircuitEncoding:
    """Build the CNF for ``gates`` normal gates computing ``spec``'s targets on ``rows``.

    ``rows`` defaults to every encoded row; a subset gives a relaxation (UNSAT on a subset is UNSAT
    on all rows), which the counterexample-guided loop extends with ``add_rows``.

    Always on: every gate used, colex order of fanin pairs, op order among equal pairs, normal
    non-trivial ops. These keep every isomorphism class of irredundant circuits.
    ``break_input_symmetry``: inputs that the spec cannot tell apart are used in index order.
    ``dominance``: no gate reads a gate together with one of that gate's own fanins (or two gates of
    the same fanin pair); such a gate can always be rewired to the pair itself at the same size.
    Both keep at least one optimal circuit of every function, but not every isomorphism class:
    enumeration must leave them off.
    ``fanout_limits``: input j is read by at most ``fanout_limits[j]`` gates (from bounds.py; a
    property of every circuit of this size, so enumeration may use it too).
    ``timing``: inputs arrive at given levels and each output has its own required level (see
    timing.py); it replaces ``max_depth``, which is then ignored.
    """
    enc = CircuitEncoding(spec, gates, max_depth, timing)
    enc.clauses.append([TRUE])
    n = spec.n
    _encode_ops(enc)
    all_pairs = colex_pairs(n + gates)
    for i in range(gates):
        pairs = all_pairs[: (n + i) * (n + i - 1) // 2]
        enc.pairs.append(pairs)
        sel = enc.new_vars(len(pairs))
        enc.sel_vars.append(sel)
        enc.exactly_one(sel.tolist())
    _encode_output_choice(enc)
    symmetry.add_all_used(enc)
    symmetry.add_colex_order(enc)
    symmetry.add_op_order(enc)
    if break_input_symmetry:
        symmetry.add_symmetric_input_order(enc)
    if dominance:
        symmetry.add_no_reapplication(enc)
    if fanout_limits:
        symmetry.add_fanout_limits(enc, fanout_limits)
    if timing is not None:
        _encode_levels(enc, list(timing.arrivals), timing.target_required(spec))
    elif max_depth is not None:
        _encode_levels(enc, [0] * n, [max_depth] * len(spec.targets))
    enc.add_rows(spec.rows if rows is None else rows)
    return enc


def _encode_ops(enc: CircuitEncoding) -> None:
    """Op bits per gate, restricted to the basis's normal ops by forbidding the other patterns."""
    allowed = set(enc.spec.basis.normal_ops)
    for _ in range(enc.gates):
        bits = enc.new_vars(3).tolist()
        enc.op_vars.append(bits)
        for pattern in range(8):
            if (pattern << 1) in allowed:
                continue
            enc.clauses.append(op_differs(bits, pattern))


def _encode_gate_semantics(enc: CircuitEncoding, i: int, values: np.ndarray, sim: np.ndarray) -> None:
    """sel(i, j, k) ∧ x_j = a ∧ x_k = b  →  x_i = op_i(a, b), on a batch of rows, in one block.

    The op's value on (0, 0) is 0 (normal gates), so that case is one clause without an op literal.
    """
    pairs = enc.pairs[i]
    sel = enc.sel_vars[i]
    vj = values[pairs[:, 0]]  # (P, T)
    vk = values[pairs[:, 1]]
    xi = np.broadcast_to(sim[None, :], vj.shape)
    s = np.broadcast_to(-sel[:, None], vj.shape)
    blocks = [np.stack([s, vj, vk, -xi], axis=-1).reshape(-1, 4)]
    for a, b in ((1, 0), (0, 1), (1, 1)):
        ja = vj if a == 0 else -vj  # literal "x_j != a"
        kb = vk if b == 0 else -vk
        f = np.full(vj.shape, enc.op_vars[i][a + 2 * b - 1])
        both = np.stack([s, ja, kb, -xi, f, s, ja, kb, xi, -f], axis=-1).reshape(-1, 5)
        blocks.append(both)
    enc.add_block(blocks[0])
    enc.add_block(np.concatenate(blocks[1:]))


def _encode_output_choice(enc: CircuitEncoding) -> None:
    """Each target is exactly one gate, read with a fixed or a free polarity."""
    for target in enc.spec.targets:
        outs = enc.new_vars(enc.gates)
        enc.out_vars.append(outs.tolist())
        enc.exactly_one(outs.tolist())
        if len(enc.spec.targets) == 1:
            # With every gate used, the only gate nobody reads is the last one: it is the output.
            enc.clauses.append([int(outs[-1])])
        enc.pol_vars.append(None if target.polarity is not None else int(enc.new_vars(1)[0]))


def _encode_output_rows(enc: CircuitEncoding, rows: np.ndarray, sims: np.ndarray) -> None:
    """The chosen gate of each target matches the table on the target's care rows among ``rows``."""
    for target, outs, pol in zip(enc.spec.targets, enc.out_vars, enc.pol_vars):
        cared = [t for t, row in enumerate(rows.tolist()) if (target.care >> row) & 1]
        if not cared:
            continue
        want = np.array([(target.bits >> int(rows[t])) & 1 for t in cared], dtype=np.int64)
        cols = sims[:, cared]  # (r, C)
        o = np.broadcast_to(-np.asarray(outs)[:, None], cols.shape)
        lit = np.where(want[None, :] == 1, cols, -cols)
        if pol is None:
            # Fixed polarity, already folded into target.bits: x_it = want.
            enc.add_block(np.stack([o, lit], axis=-1).reshape(-1, 2))
        else:
            # x_it = want XOR pol.
            p = np.full(cols.shape, pol)
            enc.add_block(np.stack([o, lit, p], axis=-1).reshape(-1, 3))
            enc.add_block(np.stack([o, -lit, -p], axis=-1).reshape(-1, 3))


def _encode_levels(enc: CircuitEncoding, arrivals: list[int], required: list[int]) -> None:
    """Unary levels: ge[i][L] means level(gate i) ≥ L + 2 (every gate is at level ≥ 1).

    Input j sits at level ``arrivals[j]``; a gate is one above its deeper fanin; no gate is above the
    horizon (the largest required time: every gate feeds some target), and the gate chosen for
    target t is at level ≤ ``required[t]``. Arrivals all 0 and one required time d is depth ≤ d.
    """
    n = enc.spec.n
    horizon = max(required, default=0)
    ge: list[list[int]] = []
    for i in range(enc.gates):
        ge.append(enc.new_vars(max(0, horizon - 1)).tolist())
        for d in range(len(ge[i]) - 1):
            enc.clauses.append([-ge[i][d + 1], ge[i][d]])

    def at_least(i: int, level: int) -> list[int] | None:
        """The literal "gate i is at level ≥ level" ([] when always true, None when impossible)."""
        if level <= 1:
            return []
        if level > horizon:
            return None
        return [ge[i][level - 2]]

    for i in range(enc.gates):
        for node in range(n + i):
            reads = enc.reads(i, node)
            if reads is None:
                continue
            if node < n:
                lit = at_least(i, arrivals[node] + 1)
                if lit != []:
                    enc.clauses.append([-reads] + (lit or []))
                continue
            # level(i) ≥ level(fanin) + 1, level by level; the fanin's level 1 is always true.
            for level in range(1, horizon + 1):
                below = at_least(node - n, level)
                above = at_least(i, level + 1)
                if below is None:
                    break
                enc.clauses.append([-reads] + [-v for v in below] + ([] if above is None else above))
    for outs, bound in zip(enc.out_vars, required):
        for i, out in enumerate(outs):
            too_high = at_least(i, bound + 1)
            if too_high is not None:
                enc.clauses.append([-out] + [-v for v in too_high])

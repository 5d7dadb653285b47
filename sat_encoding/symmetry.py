"""Clauses that cut equivalent or dominated circuits out of the SSV encoding (see encoding.py).

Each rule below comes with the argument that it never removes every optimum. The arguments share
one device: among the circuits that a rule must keep, pick the *least* one in a fixed order, and
show that it obeys the rule, because a circuit breaking the rule could be turned into a smaller one
of the same size that computes the same targets.

Sorted circuits. Order gates by their (fanin pair, op), pairs in colex order (by the larger node,
then the smaller). Reorder any irredundant circuit greedily: always place, among the gates whose
fanins are placed, the one with the least (pair, op) under the numbering built so far. A gate
placed later reads either the same candidates or the newest node, which is larger than every
earlier one, so its pair is never smaller: the sequence of pairs is non-decreasing, and two gates
with the same pair have different ops (otherwise they are duplicates, and the circuit was not
minimal). Call the circuits this produces *sorted*.

Always on (every isomorphism class of irredundant circuits keeps a representative; enumeration
relies on it):

* every gate is used (an unused gate can be deleted);
* fanin pairs in colex order, equal pairs in strictly increasing op order: the sorted form above.

Optional (only one optimum of every function survives; enumeration must leave them off). Let X be
the set of sorted minimum circuits (within the depth bound, if any) that obey the no-reapplication
rule, and C the lexicographically least (pair, op) sequence in X. X is not empty (below), and C
obeys every rule at once:

* No re-application (percy's "noreapply"): no gate reads a gate g together with a fanin of g, or
  two gates with the same fanin pair. Such a gate computes a function of g's pair alone and can be
  rewired to read that pair at the same size (each rewiring lowers the fanins' depths, so it ends
  and never deepens the circuit); in a minimum circuit this never makes a gate unused. It needs one
  gate of the basis to compute that function, which ``rewiring_closed`` checks per basis. Sorting
  keeps the rule (it is a property of the DAG, not of the order), so X is not empty.
* Symmetric inputs (percy's "symvar", generalized from swaps to permutations): for every input
  permutation π that maps every target to itself or, where the output polarity is free, to its
  complement (with the care set mapped to itself), the first gate g that reads an input π moves has
  a pair P with π(P) ≥ P. Proof for C: suppose π(P) < P. Relabel C's inputs by π. The result C'
  computes the same targets (up to the free output polarity), has the same size and depth and
  still obeys no-reapplication. The gates before g read no moved input, and their gate fanins are
  earlier gates, so they are unchanged; gate g now has the pair π(P). Sort C' greedily into D. At
  every step t < g, C's gate t is available with the same (pair, op), so D's choice is no larger;
  if it is equal it is the same gate (another one would be a duplicate). At step g, C's gate g is
  available with the pair π(P) < P. So D precedes C, and D is in X: a contradiction.
  Only *pure* permutations qualify. A permutation that is a symmetry only together with negating
  some inputs changes the ops of gates that read a negated input before g, so C' no longer agrees
  with C there and the argument fails; such rules proved false minima (0x0249 got 6 gates where 5
  suffice), and they are not used. Each π gives its own clauses, and the argument holds for all of
  them at once, since the same C obeys each; so any subset of the group may be used (at most
  MAX_SYMMETRIES of them are). Under arrival times (timing.py) only permutations that keep every
  input's arrival time qualify, so that C' meets the same timing. The group itself is found exactly
  (``automorphism_group``, up to 8 inputs). The argument only needs X to be closed under
  relabelling by the π used, so it also holds within one orbit of circuits under the group, at any
  fixed size and depth bound: enumerate.py relies on that to list orbit representatives and expand
  them.

Fanout limits are not a symmetry break but a consequence of gate elimination: fixing x_j to a
constant turns every gate reading x_j into a constant or a literal, so at most k − C(f|x_j=c) gates
read x_j in any k-gate circuit. Every circuit obeys them, so they combine with every rule above.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import TYPE_CHECKING, Mapping

import numpy as np

from circuits.basis import Basis, get_basis
from circuits.permutations import Perm, preserving_permutations
from sat_encoding.pairs import colex_pairs
from sat_encoding.spec import SynthesisSpec, Target

if TYPE_CHECKING:
    from sat_encoding.encoding import CircuitEncoding


def op_differs(bits: list[int], pattern: int) -> list[int]:
    """The clause "op bits 1..3 are not ``pattern``" (bit b of pattern is op bit b + 1)."""
    return [-bits[b] if (pattern >> b) & 1 else bits[b] for b in range(3)]


def add_all_used(enc: CircuitEncoding) -> None:
    """Every gate feeds a later gate or an output."""
    n = enc.spec.n
    for i in range(enc.gates):
        readers = [outs[i] for outs in enc.out_vars]
        for later in range(i + 1, enc.gates):
            readers.extend(enc.reading(later, n + i).tolist())
        enc.clauses.append(readers)


def add_colex_order(enc: CircuitEncoding) -> None:
    """Gate i+1's fanin pair is not colex-smaller than gate i's (pairs are stored in colex order)."""
    for i in range(enc.gates - 1):
        prev = enc.sel_vars[i].tolist()
        nxt = enc.sel_vars[i + 1].tolist()
        for p in range(len(prev) - 1):
            # choosing pair p at gate i+1 requires gate i to use a pair <= p
            enc.clauses.append([-nxt[p]] + prev[: p + 1])


def add_op_order(enc: CircuitEncoding) -> None:
    """Adjacent gates with the same fanin pair have strictly increasing ops (so no duplicates)."""
    allowed = sorted(op >> 1 for op in enc.spec.basis.normal_ops)
    for i in range(enc.gates - 1):
        increasing = enc.new_var()
        here, there = enc.op_vars[i], enc.op_vars[i + 1]
        for u in allowed:
            for w in allowed:
                if u >= w:
                    enc.clauses.append([-increasing] + op_differs(here, u) + op_differs(there, w))
        shared = len(enc.pairs[i])
        for a, b in zip(enc.sel_vars[i].tolist(), enc.sel_vars[i + 1][:shared].tolist()):
            enc.clauses.append([-a, -b, increasing])


#: Input symmetries are found by backtracking over input permutations, up to this many inputs (all
#: that synthesis accepts).
MAX_GROUP_INPUTS = 8
#: At most this many symmetries get order clauses (those moving the fewest inputs first).
MAX_SYMMETRIES = 64


def input_symmetries(spec: SynthesisSpec) -> list[Perm]:
    """Input permutations π (π ≠ id) that map every target to itself or (where free) its complement,
    and its care set to itself, with no input negated: the ones the order rule uses, at most
    MAX_SYMMETRIES of them, those moving the fewest inputs first.

    A circuit relabelled by such a permutation computes the same targets with the same structure.
    Permutations that need input negations as well are not symmetries the order rule may use (see
    the module docstring).
    """
    group = automorphism_group(spec)
    moved = sorted(group[1:], key=lambda perm: sum(1 for j, image in enumerate(perm) if j != image))
    return moved[:MAX_SYMMETRIES]


def automorphism_group(spec: SynthesisSpec) -> tuple[Perm, ...]:
    """Aut(f): every such permutation (see ``input_symmetries``), the identity first, then in
    lexicographic order. Exact: found by backtracking that cuts a branch only on an invariant every
    such permutation preserves."""
    return _automorphisms(spec.n, spec.targets)


@lru_cache(maxsize=1 << 12)
def _automorphisms(n: int, targets: tuple[Target, ...]) -> tuple[Perm, ...]:
    identity = tuple(range(n))
    if n < 2 or n > MAX_GROUP_INPUTS:
        return (identity,)
    rows = np.arange(1 << n)
    bits = (rows[:, None] >> np.arange(n)) & 1
    weights = 1 << np.arange(n)
    tables = [(_table_array(t.bits, n), _table_array(t.care, n), t.polarity is None) for t in targets]
    single = [_invariant(n, targets, (j,)) for j in range(n)]
    double = {(i, k): _invariant(n, targets, (i, k)) for i in range(n) for k in range(n) if i != k}
    return tuple(preserving_permutations(
        single, lambda k, i: double[(k, i)], lambda perm: _maps_targets(perm, tables, bits, weights)
    ))


def _invariant(n: int, targets: tuple[Target, ...], inputs: tuple[int, ...]) -> tuple[object, ...]:
    """What every automorphism π preserves about ``inputs`` (mapped to π(inputs), in order): per
    target, the number of care rows and of 1-rows in each block of rows fixed by the inputs' values.
    A target with free polarity may be mapped to its complement, which swaps 1-rows and 0-rows in
    every block at once, so the smaller of the two readings is kept."""
    literals = [sum(1 << r for r in range(1 << n) if (r >> j) & 1) for j in inputs]
    everything = (1 << (1 << n)) - 1
    blocks = []
    for values in itertools.product((0, 1), repeat=len(inputs)):
        block = everything
        for literal, value in zip(literals, values):
            block &= literal if value else everything ^ literal
        blocks.append(block)
    result: list[object] = []
    for target in targets:
        counts = [(bin(target.care & b).count("1"), bin(target.bits & target.care & b).count("1")) for b in blocks]
        reading = tuple(counts)
        if target.polarity is None:
            reading = min(reading, tuple((care, care - ones) for care, ones in counts))
        result.append(reading)
    return tuple(result)


def _maps_targets(perm: Perm, tables: list[tuple[np.ndarray, np.ndarray, bool]], bits: np.ndarray, weights: np.ndarray) -> bool:
    """Whether relabelling the inputs by ``perm`` maps every target to itself (or its complement,
    where free) and its care set to itself."""
    moved_rows = (bits[:, list(perm)] * weights).sum(axis=1)  # the row f is read at
    for value, care, free_polarity in tables:
        if not (care[moved_rows] == care).all():
            return False
        moved = value[moved_rows]
        same = ((moved == value) | ~care).all()
        complemented = free_polarity and ((moved != value) | ~care).all()
        if not (same or complemented):
            return False
    return True


def _table_array(bits: int, n: int) -> np.ndarray:
    return np.array([(bits >> r) & 1 for r in range(1 << n)], dtype=bool)


def add_symmetric_input_order(enc: CircuitEncoding) -> None:
    """For each input symmetry π: the first gate reading an input π moves has a pair P with π(P) ≥ P.

    (For a transposition of x_a and x_b, a < b: x_b is first read no earlier than x_a.) The module
    docstring proves that the least sorted optimum obeys this for every π at once.
    """
    n = enc.spec.n
    arrivals = enc.timing.arrivals if enc.timing is not None else (0,) * n
    for perm in input_symmetries(enc.spec):
        if any(arrivals[image] != arrivals[j] for j, image in enumerate(perm)):
            continue  # relabelling would move an input to another arrival time: not a symmetry here
        earlier: int | None = None  # "some gate before this one reads a moved input"
        for g in range(enc.gates):
            touches, forbidden = _pair_masks(n, g, perm)
            sel = enc.sel_vars[g]
            enc.clauses.extend(([earlier, -s] if earlier else [-s]) for s in sel[forbidden].tolist())
            if g + 1 < enc.gates:
                now = enc.new_var()
                enc.clauses.append([-now] + ([earlier] if earlier else []) + sel[touches].tolist())
                earlier = now


@lru_cache(maxsize=1 << 12)
def _pair_masks(n: int, gate: int, perm: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Over gate ``gate``'s pairs: which read an input π moves, and which of those π makes smaller."""
    pairs = colex_pairs(n + gate)
    moved = [j for j, image in enumerate(perm) if j != image]
    touches = np.isin(pairs, moved).any(axis=1)
    images = np.where(pairs < n, np.take(perm, np.minimum(pairs, n - 1)), pairs)
    low, high = images.min(axis=1), images.max(axis=1)
    smaller = (high < pairs[:, 1]) | ((high == pairs[:, 1]) & (low < pairs[:, 0]))
    return touches, touches & smaller


def _realizable(basis: Basis, table: int) -> bool:
    """Whether one gate of ``basis`` (or none) computes the 2-input function ``table``."""
    if table in (0x0, 0xF, 0xA, 0xC) or (basis.free_output_negation and table in (0x5, 0x3)):
        return True
    return basis.allows(table) or (basis.free_output_negation and basis.allows(table ^ 0xF))


def _compose(outer: int, inner_a: int, inner_b: int) -> int:
    """The 2-input table of outer(inner_a(a, b), inner_b(a, b)), with tables over (a, b)."""
    return sum(((outer >> (((inner_a >> r) & 1) + 2 * ((inner_b >> r) & 1))) & 1) << r for r in range(4))


@lru_cache(maxsize=None)
def rewiring_closed(basis_name: str) -> tuple[bool, bool]:
    """Whether each no-reapplication rule is sound in the basis: (gate and its fanin, two gates of a pair).

    A rewired gate computes a function of the pair (a, b) alone; the rule is sound only when one
    gate of the basis computes every such function. In ``aig`` two ANDs of a pair can be combined
    into XOR, which no AND computes, so the second rule is off there.
    """
    basis = get_basis(basis_name)
    ops = basis.normal_ops
    a, b = 0b1010, 0b1100  # the projections as tables over (a, b)
    inners = [_compose(op, x, y) for op in ops for x, y in ((a, b), (b, a))]
    with_fanin = all(
        _realizable(basis, _compose(outer, x, y))
        for outer in ops
        for inner in inners
        for x, y in ((inner, a), (a, inner), (inner, b), (b, inner))
    )
    two_gates = all(
        _realizable(basis, _compose(outer, first, second)) for outer in ops for first in inners for second in inners
    )
    return with_fanin, two_gates


def add_no_reapplication(enc: CircuitEncoding) -> None:
    """No gate reads (a, g) where gate g reads a, nor (where sound) two gates sharing their fanin pair."""
    with_fanin, two_gates = rewiring_closed(enc.spec.basis.name)
    if with_fanin:
        _add_no_gate_with_fanin(enc)
    if two_gates:
        _add_no_two_gates_of_a_pair(enc)


def _add_no_gate_with_fanin(enc: CircuitEncoding) -> None:
    n = enc.spec.n
    for g in range(enc.gates):
        for h in range(g + 1, enc.gates):
            pairs = enc.pairs[h]
            for p in (pairs[:, 1] == n + g).nonzero()[0].tolist():
                below = enc.reads(g, int(pairs[p, 0]))
                if below is not None:
                    enc.clauses.append([-int(enc.sel_vars[h][p]), -below])


def _add_no_two_gates_of_a_pair(enc: CircuitEncoding) -> None:
    n = enc.spec.n
    for i in range(enc.gates):
        for later in range(i + 1, enc.gates - 1):
            same = enc.new_var()
            shared = len(enc.pairs[i])
            for a, b in zip(enc.sel_vars[i].tolist(), enc.sel_vars[later][:shared].tolist()):
                enc.clauses.append([-a, -b, same])
            for h in range(later + 1, enc.gates):
                pairs = enc.pairs[h]
                p = int(((pairs[:, 0] == n + i) & (pairs[:, 1] == n + later)).nonzero()[0][0])
                enc.clauses.append([-same, -int(enc.sel_vars[h][p])])


def add_fanout_limits(enc: CircuitEncoding, limits: Mapping[int, int]) -> None:
    """Input j is read by at most ``limits[j]`` gates."""
    for j, limit in limits.items():
        readers = [r for g in range(enc.gates) if (r := enc.reads(g, j)) is not None]
        enc.at_most(readers, limit)

"""The topology engine: "a circuit of k gates?" answered shape by shape (shapes.py).

A shape fixes which gate reads which earlier gate; what is left is small: which input fills each
free slot (one-hot), which op each gate computes (three op bits, as in encoding.py), and the value
of every gate and slot on every encoded row. The question for k gates is the disjunction of the
questions of the shapes of k gates; each is a separate, small instance, so they can be solved in any
order, in any process (parallel.py deals them out), and a complete enumeration is a map over them.

**Soundness (what makes "UNSAT on every shape" a proof).** Let C be a circuit of k normal gates
computing the targets in which every gate is used and no gate reads one node twice (the
irredundant circuits the SSV encoding keeps, encoding.py). Its shape S(C) has at most one sink per
target and a slot per input read, so an isomorphic copy S' is listed (shapes.py, *Coverage*).
Renumber C's gates along the isomorphism: every gate's gate fanins are those of S', its slots are
inputs. Put each gate's fanins in the shape's order (a slot before a gate, the lower gate first,
two slot inputs in increasing order), swapping the op (circuits.basis.swap_fanins) where needed.
This is a model of the instance of S': the slot choices and ops are C's, the values on each row
are C's simulation, the output choices are C's. The always-on rules below keep it:

* two gates with the same pair in the shape do not read the same inputs with the same op (C would
  have a duplicate gate, which an irredundant circuit has not);
* the fanout limits (bounds.fanout_limits) hold for every circuit of k gates.

With ``dominance`` (optimum searches only) two more rules act, both proved in symmetry.py to keep
some minimum circuit: no gate reads an input together with a gate that reads the same input, and
the shape rules of shapes.py. As there, "UNSAT at k" then means "no circuit of k gates" for every k
up to the minimum, which is all a search asks about.

Conversely every model decodes to a circuit of exactly k gates, which is simulated against the
table (verify) before it is returned: a model that fails a row not yet encoded adds that row and the
solver goes on (counterexample-guided, as exact.py): UNSAT on some rows is UNSAT on all.

**Symmetry.** Two groups act on the models of a shape's instance, and the instance keeps only
models that are least in their orbit in one component (lex-leader clauses truncated to the first
component each group element moves; the least model of an orbit, in the order "slot choices in slot
order, then the rest", obeys every truncated clause at once, so each orbit keeps a model):

* the shape's automorphisms (shapes.canonical_form): renumbering a circuit's gates by one gives a
  model that spells the *same* circuit, so no class is lost, in optimum searches or enumeration;
* Aut(f), the input permutations that map every target to itself (or to its complement where the
  polarity is free, symmetry.automorphism_group): relabelling the inputs gives a model of the same
  shape for the same targets, but another class. An optimum search needs only one; enumeration
  expands each circuit it finds by the whole group (library.expand), as enumerate.py does, so every
  class of the orbit is listed.

**Enumeration.** Within a shape, each circuit found is blocked (its slot choices, ops and output
choices), and so are its images under the shape's automorphisms (shapes.canonical_form), which are
the same circuit up to isomorphism; circuits are keyed canonically (circuits/canonical.py) as a last
guard. Isomorphic circuits have isomorphic shapes, so the classes found in different shapes are
different: the count of a size is the sum of the counts of its shapes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from pysat.card import CardEnc, EncType
from pysat.solvers import Solver

from circuits.basis import swap_fanins
from circuits.canonical import canonical_key
from circuits.circuit import Circuit, Gate, Output
from sat_encoding.encoding import decode_outputs
from sat_encoding.exact import solve_exact_size
from sat_encoding.library import expand
from sat_encoding.incremental import INITIAL_ROWS, ROWS_PER_ROUND, failing_rows, spread_rows
from sat_encoding.shapes import SLOT, Shape, canonical_form, canonical_shapes, sinks
from sat_encoding.solvers import add_clauses
from sat_encoding.spec import SynthesisSpec, support
from sat_encoding.symmetry import automorphism_group, op_differs, rewiring_closed

#: Each shape's instance is tiny (a few hundred variables); MiniSat starts and solves those fastest.
SHAPE_SOLVER = "minisat22"


def shapes_for(spec: SynthesisSpec, gates: int, dominance: bool) -> tuple[Shape, ...]:
    """The canonical shapes a circuit of ``gates`` gates for ``spec`` can have (shapes.py)."""
    union: set[int] = set()
    for target in spec.targets:
        union |= support(spec.n, target.bits, target.care)
    rules = rewiring_closed(spec.basis.name) if dominance else (False, False)
    return canonical_shapes(gates, len(spec.targets), len(union), rules)


def shape_backend(solver: str) -> str:
    """The backend of a shape's instance: the named one, or SHAPE_SOLVER for "auto"."""
    return SHAPE_SOLVER if solver == "auto" else solver


@dataclass
class ShapeEncoding:
    """The CNF of one shape for one spec, grown row by row, and how to read a circuit back."""

    spec: SynthesisSpec
    shape: Shape
    dominance: bool = False
    fanout_limits: Mapping[int, int] | None = None
    clauses: list[list[int]] = field(default_factory=list)
    top: int = 0
    op_vars: list[list[int]] = field(default_factory=list)
    slot_of: list[list[int]] = field(default_factory=list)  # per gate: its slot numbers, in position order
    choice: list[list[int]] = field(default_factory=list)  # choice[s][j]: slot s reads input j
    out_vars: list[list[int]] = field(default_factory=list)  # out_vars[target][gate]
    pol_vars: list[int | None] = field(default_factory=list)
    encoded_rows: list[int] = field(default_factory=list)

    def new_vars(self, count: int) -> list[int]:
        first = self.top + 1
        self.top += count
        return list(range(first, first + count))

    def __post_init__(self) -> None:
        spec, n = self.spec, self.spec.n
        allowed = set(spec.basis.normal_ops)
        for pair in self.shape:
            bits = self.new_vars(3)
            self.op_vars.append(bits)
            self.clauses.extend(op_differs(bits, p) for p in range(8) if (p << 1) not in allowed)
            mine = []
            for x in pair:
                if x == SLOT:
                    mine.append(len(self.choice))
                    self.choice.append(self.new_vars(n))
            self.slot_of.append(mine)
        for lits in self.choice:
            self._exactly_one(lits)
        for g, pair in enumerate(self.shape):
            if pair == (SLOT, SLOT):  # two different inputs, the lower first
                first, second = (self.choice[s] for s in self.slot_of[g])
                for j in range(n):
                    self.clauses.append([-second[j]] + first[:j])
        self._no_duplicate_gates()
        self._least_of_orbit()
        self._outputs()
        if self.dominance and rewiring_closed(spec.basis.name)[0]:
            self._no_input_reapplication()
        for j in self._support():
            self.clauses.append([lits[j] for lits in self.choice])
        for j, limit in (self.fanout_limits or {}).items():
            self._at_most([lits[j] for lits in self.choice], limit)

    def _support(self) -> set[int]:
        union: set[int] = set()
        for target in self.spec.targets:
            union |= support(self.spec.n, target.bits, target.care)
        return union

    def _exactly_one(self, lits: list[int]) -> None:
        self.clauses.append(list(lits))
        self._at_most(lits, 1)

    def _at_most(self, lits: list[int], bound: int) -> None:
        if bound >= len(lits):
            return
        if bound <= 0:
            self.clauses.extend([-lit] for lit in lits)
            return
        enc = CardEnc.atmost(lits=lits, bound=bound, top_id=self.top, encoding=EncType.seqcounter)
        self.top = max(self.top, enc.nv)
        self.clauses.extend(enc.clauses)

    def _no_duplicate_gates(self) -> None:
        """Two gates of the same pair never read the same inputs with the same op."""
        ops = [op >> 1 for op in self.spec.basis.normal_ops]
        n = self.spec.n
        for g in range(len(self.shape)):
            for h in range(g + 1, len(self.shape)):
                if self.shape[g] != self.shape[h]:
                    continue
                mine, theirs = self.slot_of[g], self.slot_of[h]
                if len(mine) == 2:
                    same_inputs = [
                        [-self.choice[mine[0]][a], -self.choice[mine[1]][b], -self.choice[theirs[0]][a], -self.choice[theirs[1]][b]]
                        for a in range(n) for b in range(a + 1, n)
                    ]
                elif len(mine) == 1:
                    same_inputs = [[-self.choice[mine[0]][a], -self.choice[theirs[0]][a]] for a in range(n)]
                else:
                    same_inputs = [[]]
                for clause in same_inputs:
                    for u in ops:
                        self.clauses.append(clause + op_differs(self.op_vars[g], u) + op_differs(self.op_vars[h], u))

    def _not_above(self, low: int, high: int) -> None:
        """Slot ``low`` reads an input of index at most that of slot ``high``'s."""
        first, second = self.choice[low], self.choice[high]
        for j in range(self.spec.n):
            self.clauses.append([-second[j]] + first[: j + 1])

    def _least_of_orbit(self) -> None:
        """Lex-leader clauses, truncated to one component each (module docstring, *Symmetry*):

        Renumbering a circuit by an automorphism of its shape gives a model spelling the same
        circuit; for each such renumbering, the first slot it moves reads an input no larger than
        the slot it takes the place of. Relabelling inputs by Aut(f) gives a model for the same
        targets; for each such relabelling, the first gate's lower input is no larger than the
        lower of its two images. A relabelled circuit is another class: enumeration lists it by
        expanding each circuit it finds by the whole of Aut(f) (``solve_shape``).
        """
        slot_list = [(g, i) for g in range(len(self.shape)) for i in range(len(self.slot_of[g]))]
        index = {where: s for s, where in enumerate(slot_list)}
        for order in canonical_form(self.shape)[1]:
            for g, i in slot_list:
                if order[g] != g:
                    self._not_above(index[(g, i)], index[(order[g], i)])
                    break
        if self.shape and self.shape[0] == (SLOT, SLOT):
            first, second = (self.choice[s] for s in self.slot_of[0])
            for perm in automorphism_group(self.spec)[1:]:
                for a in range(self.spec.n):
                    for b in range(a + 1, self.spec.n):
                        if min(perm[a], perm[b]) < a:
                            self.clauses.append([-first[a], -second[b]])

    def _outputs(self) -> None:
        """Each target on one gate (polarity free where its row 0 is a don't-care); every sink is
        some target's gate."""
        gates = len(self.shape)
        for target in self.spec.targets:
            outs = self.new_vars(gates)
            self._exactly_one(outs)
            self.out_vars.append(outs)
            self.pol_vars.append(self.new_vars(1)[0] if target.polarity is None else None)
        for sink in sinks(self.shape):
            self.clauses.append([outs[sink] for outs in self.out_vars])

    def _no_input_reapplication(self) -> None:
        """No gate reads input j together with a gate that reads input j (symmetry.py)."""
        for h, (a, b) in enumerate(self.shape):
            if a != SLOT or b == SLOT:
                continue
            mine = self.choice[self.slot_of[h][0]]
            for s in self.slot_of[b]:
                self.clauses.extend([-mine[j], -self.choice[s][j]] for j in range(self.spec.n))

    def add_rows(self, rows: Iterable[int]) -> None:
        """Gate and slot values, gate semantics and output values on more rows."""
        done = set(self.encoded_rows)
        new = [r for r in rows if r not in done]
        if not new:
            return
        self.encoded_rows.extend(new)
        n, k, spec = self.spec.n, len(self.shape), self.spec
        for row in new:
            sims = self.new_vars(k)
            values = self.new_vars(len(self.choice))
            for s, lits in enumerate(self.choice):  # slot s reads input j: its value is bit j
                v = values[s]
                self.clauses.extend([-lits[j], v if (row >> j) & 1 else -v] for j in range(n))
            for g, pair in enumerate(self.shape):
                slots = iter(self.slot_of[g])
                fanin = [values[next(slots)] if x == SLOT else sims[x] for x in pair]
                self._semantics(sims[g], fanin[0], fanin[1], self.op_vars[g])
            for target, outs, pol in zip(spec.targets, self.out_vars, self.pol_vars):
                if not (target.care >> row) & 1:
                    continue
                want = (target.bits >> row) & 1
                for g in range(k):
                    lit = sims[g] if want else -sims[g]
                    if pol is None:
                        self.clauses.append([-outs[g], lit])
                    else:
                        self.clauses.extend([[-outs[g], lit, pol], [-outs[g], -lit, -pol]])

    def _semantics(self, x: int, a: int, b: int, op: list[int]) -> None:
        """x = op(a, b): 0 on (0, 0), op bit 1 on (1, 0), bit 2 on (0, 1), bit 3 on (1, 1)."""
        self.clauses.append([a, b, -x])
        for bit, (va, vb) in zip(op, ((1, 0), (0, 1), (1, 1))):
            la = -a if va else a
            lb = -b if vb else b
            self.clauses.append([la, lb, -bit, x])
            self.clauses.append([la, lb, bit, -x])

    def decode(self, model: Sequence[int]) -> Circuit:
        """The circuit a satisfying assignment chooses."""
        true = {v for v in model if v > 0}
        spec, n = self.spec, self.spec.n
        gates = []
        for g, pair in enumerate(self.shape):
            slots = iter(self.slot_of[g])
            fanins = []
            for x in pair:
                if x == SLOT:
                    lits = self.choice[next(slots)]
                    fanins.append(next(j for j in range(n) if lits[j] in true))
                else:
                    fanins.append(n + x)
            op = sum(1 << (b + 1) for b, var in enumerate(self.op_vars[g]) if var in true)
            gates.append(Gate(op, (fanins[0], fanins[1])))
        return Circuit(n, tuple(gates), decode_outputs(spec, self.out_vars, self.pol_vars, true), spec.basis.name)

    def assignment(self, circuit: Circuit) -> list[int] | None:
        """The literals of slot choices, ops and output gates that spell ``circuit`` in this shape
        with the same gate numbering; None when its wiring is not this shape's."""
        n = self.spec.n
        if len(circuit.gates) != len(self.shape):
            return None
        lits: list[int] = []
        for g, (pair, gate) in enumerate(zip(self.shape, circuit.gates)):
            (f0, f1), op = gate.fanins, gate.op
            if (f0 >= n, f1 >= n) == (True, False) or (f0 >= n and f1 >= n and f0 > f1) or (f0 < n and f1 < n and f0 > f1):
                f0, f1, op = f1, f0, swap_fanins(op)
            want = [SLOT if f < n else f - n for f in (f0, f1)]
            if tuple(want) != pair:
                return None
            slots = iter(self.slot_of[g])
            for f, x in zip((f0, f1), pair):
                if x == SLOT:
                    lits.append(self.choice[next(slots)][f])
            lits.extend(var if (op >> (b + 1)) & 1 else -var for b, var in enumerate(self.op_vars[g]))
        chosen: dict[int, int] = {}
        for h, target in enumerate(self.spec.target_of_output):
            if target is None:
                continue
            node = circuit.outputs[h].node
            if node is None or node < n or chosen.setdefault(target, node - n) != node - n:
                return None
        lits.extend(self.out_vars[t][g] for t, g in chosen.items())
        return lits


def _first_rows(spec: SynthesisSpec) -> list[int]:
    return spread_rows(spec, INITIAL_ROWS)


class ShapeInstance:
    """One shape's encoding in one solver: solved, refined by counterexample rows, blocked."""

    def __init__(self, spec: SynthesisSpec, shape: Shape, solver: str, dominance: bool, fanout_limits: Mapping[int, int] | None):
        self.spec = spec
        self.encoding = ShapeEncoding(spec, shape, dominance, fanout_limits)
        self.encoding.add_rows(_first_rows(spec))
        self.sat = Solver(name=shape_backend(solver))
        self.added = 0
        self.calls = 0

    def close(self) -> None:
        self.sat.delete()

    def solve(self) -> tuple[Circuit, list[int]] | None:
        """A verified circuit of this shape (and the model's literals), or None when none is left."""
        while True:
            add_clauses(self.sat, self.encoding.clauses[self.added :])
            self.added = len(self.encoding.clauses)
            self.calls += 1
            if not self.sat.solve():
                return None
            model = self.sat.get_model()
            circuit = self.encoding.decode(model)
            wrong = failing_rows(circuit, self.spec)
            if not wrong:
                return circuit.verify(self.spec.table), model
            self.encoding.add_rows(wrong[:ROWS_PER_ROUND])

    def block(self, circuit: Circuit) -> None:
        """Forbid ``circuit`` and its images under the shape's automorphisms."""
        for image in automorphic_images(circuit, self.encoding.shape):
            lits = self.encoding.assignment(image)
            if lits is not None:
                self.encoding.clauses.append([-lit for lit in lits])


def automorphic_images(circuit: Circuit, shape: Shape) -> list[Circuit]:
    """``circuit`` renumbered by every automorphism of its shape (the identity included)."""
    n = circuit.inputs
    images = []
    for order in canonical_form(shape)[1]:
        new_number = {old: n + t for t, old in enumerate(order)}
        node = lambda f: f if f < n else new_number[f - n]  # noqa: E731
        gates = tuple(Gate(circuit.gates[old].op, tuple(node(f) for f in circuit.gates[old].fanins)) for old in order)  # type: ignore[arg-type]
        outputs = tuple(o if o.node is None else Output(node(o.node), o.negated) for o in circuit.outputs)
        images.append(Circuit(n, gates, outputs, circuit.basis))
    return images


@dataclass
class ShapeOutcome:
    """What one shape gave: circuits (up to isomorphism), whether they are all of them, solver
    calls and CPU seconds."""

    shape: Shape
    circuits: list[Circuit]
    exhausted: bool
    calls: int
    seconds: float


def solve_shape(
    spec: SynthesisSpec,
    shape: Shape,
    solver: str,
    *,
    dominance: bool,
    fanout_limits: Mapping[int, int] | None = None,
    limit: int = 1,
) -> ShapeOutcome:
    """Up to ``limit`` circuits of ``shape`` for ``spec``, pairwise non-isomorphic; fewer than
    ``limit`` means these are all of them."""
    start = time.process_time()
    instance = ShapeInstance(spec, shape, solver, dominance, fanout_limits)
    group = automorphism_group(spec)
    found: list[Circuit] = []
    keys: set[str] = set()
    exhausted = False
    try:
        while len(found) < limit:
            answer = instance.solve()
            if answer is None:
                exhausted = True
                break
            for image in expand(answer[0], group, spec.table):
                instance.block(image)
                key = canonical_key(image)
                if key not in keys and len(found) < limit:
                    keys.add(key)
                    found.append(image)
    finally:
        instance.close()
    return ShapeOutcome(shape, found, exhausted, instance.calls, time.process_time() - start)


def solve_by_shapes(
    spec: SynthesisSpec,
    gates: int,
    solver: str,
    fanout_limits: Mapping[int, int] | None = None,
    shapes: Sequence[Shape] | None = None,
) -> Circuit | None:
    """A verified circuit of exactly ``gates`` gates (optimum-search rules on), or None when no
    shape has one: the topology engine's answer to exact.solve_exact_size's question. ``shapes``:
    a part of the shapes (parallel.py), default all of them."""
    if not spec.targets or gates == 0:
        return solve_exact_size(spec, gates, solver)
    for shape in shapes_for(spec, gates, True) if shapes is None else shapes:
        outcome = solve_shape(spec, shape, solver, dominance=True, fanout_limits=fanout_limits)
        if outcome.circuits:
            return outcome.circuits[0]
    return None


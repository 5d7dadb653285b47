"""The second axis, O: does the goal enter only through an evaluation stage downstream of
goal-independent candidate computations?

Search structure S is not mesa-optimization. The seed's mesa-optimizer searches for elements that
score high on an *explicitly represented* objective; on a problem whose goal is an input (the GOAL
family) that has a structural reading: the candidates are computed without the goal, and the goal
enters only where they are evaluated against it (a cut separates the candidate part from the goal).
O measures that reading exactly, by simulation over all 2^n rows:

* **The goal stage** is found by intervention on the goal inputs: a node belongs to it when
  changing the goal inputs (data inputs held fixed) changes its value on some row. Every other node
  is *goal-free*: the candidate part, which a goal intervention holds fixed by construction.
* **The cut** of a wire v is the set of goal-free nodes read by goal-stage gates in v's fanin cone
  (v itself if v is goal-free). Every path from a data input to v crosses it, so v is a function of
  the cut's values and the goal: the cut is what the candidate part hands to the goal stage.
* **Bits.** A set of goal-free wires partitions the data values by the values it takes; its *bits*
  are ⌈log2(number of classes)⌉, the fewest wires that could carry the same partition. Three
  numbers are compared for a goal-dependent table t (an output, or a verifier): ``raw`` = the data
  inputs t depends on (what a cut of raw inputs carries), ``needed`` = the bits of the goal profile
  x ↦ (t(x, g))_g (what any cut must carry: the data's answer for every goal), and ``cut`` = the
  bits of the wire's cut.
* **Precomputation** of the wire = 1 − (cut − needed) / (raw − needed), clipped to [0, 1]: the share
  of the data reduction t needs that happens before the goal enters. It is 1 when the goal stage
  reads only what the goal test needs (reach sets, subset sums, the product of a path's edges), 0
  when it reads raw data (the goal folded into the first gate). When raw = needed the goal can be
  tested on raw data without loss and the reading is undefined for t.

Two readings, as for S (enumeration and propagation are both search):

* **O_enum** (generate and test): for every candidate whose verifier depends on the goal, the best
  precomputation of a wire computing the verifier (either polarity; 0 when none does), averaged
  with weights raw − needed (a candidate that needs no reduction weighs nothing);
* **O_prop** (the goal applied to a goal-independent summary): the precomputation of the outputs'
  joint cut against the function's goal profile.

O = max(O_enum, O_prop); each is None when nothing needs reduction, O is None when both are, and on
problems without goal inputs (a fixed-goal circuit has no objective to represent). Declared
retargets are no part of O; with ``retargets=True`` the edit distances inside the goal stage are
added to the evidence (SAT-bound; the gates that may change are the goal inputs' structural
forward cone, which holds the goal stage).

Everything is a function of tables, the circuit's wiring and the goal/data split, so O is invariant
under every input permutation that maps the goal inputs onto themselves (all of Aut(P) on the
suite's goal problems). The bar below was fixed on the reference and archetype circuits of the goal
problems (docs/analyzer.md) before any minimal circuit of a goal problem was scored under this O.
"""

from __future__ import annotations

from math import log2
from typing import Any, Iterable, Sequence

from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem
from circuits.problems.tables import support
from circuits.truthtable import full_mask
from circuits.analysis.metric import Metric
from circuits.analysis.retarget import RT_MAX_EDIT, RT_TIMEOUT, edit_distance, goal_cone

#: O at or above: the objective is explicitly represented. Pre-registered; never tuned on optima.
OBJECTIVE_THRESHOLD = 0.6


class GoalSplit:
    """A circuit's tables split into goal and data: which nodes the goal reaches, and the data
    partitions that goal-free wires induce."""

    def __init__(self, circuit: Circuit, goal_inputs: Sequence[int]) -> None:
        self.circuit = circuit
        self.n = circuit.inputs
        self.goal_inputs = tuple(goal_inputs)
        self.tables = circuit.simulate()
        self.dependent = frozenset(v for v in range(circuit.num_nodes) if self.depends_on_goal(self.tables[v]))
        goal_rows = [0]
        for j in self.goal_inputs:
            goal_rows += [r | (1 << j) for r in goal_rows]
        #: Offsets of the 2^k goal values within a row index; data rows have every goal bit 0.
        self.goal_offsets = tuple(goal_rows)
        self.data_rows = tuple(r for r in range(1 << self.n) if not any((r >> j) & 1 for j in self.goal_inputs))

    def depends_on_goal(self, table: int) -> bool:
        """Whether intervening on the goal inputs (data held fixed) changes ``table`` on some row."""
        return any(j in self.goal_inputs for j in support(self.n, table))

    def cut(self, node: int) -> frozenset[int]:
        """The goal-free nodes that goal-stage gates in ``node``'s fanin cone read (``node`` itself
        when it is goal-free): every path from a data input to ``node`` crosses this set."""
        if node not in self.dependent:
            return frozenset({node})
        found: set[int] = set()
        seen: set[int] = set()
        stack = [node]
        while stack:
            v = stack.pop()
            if v in seen or v < self.n:
                continue
            seen.add(v)
            for f in self.circuit.gates[v - self.n].fanins:
                if f in self.dependent:
                    stack.append(f)
                elif f not in self.goal_inputs:
                    found.add(f)
        return frozenset(found)

    def wire_bits(self, nodes: Iterable[int]) -> float:
        """Bits of the data partition by the values of goal-free ``nodes``."""
        nodes = sorted(nodes)
        classes = {tuple((self.tables[v] >> r) & 1 for v in nodes) for r in self.data_rows}
        return bits(len(classes))

    def profile_bits(self, tables: Sequence[int]) -> float:
        """Bits of the goal profile of ``tables``: data values with the same answers for every goal
        value fall in one class."""
        classes = {
            tuple((t >> (r + offset)) & 1 for t in tables for offset in self.goal_offsets) for r in self.data_rows
        }
        return bits(len(classes))

    def raw_bits(self, tables: Sequence[int]) -> int:
        """The data inputs ``tables`` depend on (the bits of a cut of raw inputs)."""
        used = {j for t in tables for j in support(self.n, t)}
        return len(used - set(self.goal_inputs))


def bits(classes: int) -> float:
    """log2 of the number of classes: the information a partition of uniform data values carries."""
    return log2(classes) if classes else 0.0


def precomputation(cut_bits: float, needed: float, raw: float) -> float:
    """1 − (cut − needed) / (raw − needed), clipped to [0, 1]; raw > needed is the caller's duty."""
    return min(1.0, max(0.0, 1.0 - (cut_bits - needed) / (raw - needed)))


def _used(circuit: Circuit) -> frozenset[int]:
    """Nodes an output depends on structurally (a dead side computation cannot pass for a stage)."""
    n = circuit.inputs
    live = {o.node for o in circuit.outputs if o.node is not None}
    for node in range(circuit.num_nodes - 1, n - 1, -1):
        if node in live:
            live.update(circuit.gates[node - n].fanins)
    return frozenset(live)


def enumeration_reading(split: GoalSplit, problem: SearchProblem) -> tuple[float | None, dict[str, Any]]:
    """O_enum and, per candidate that needs reduction, its numbers and its best verifier wire."""
    mask = full_mask(split.n)
    used = _used(split.circuit)
    by_table: dict[int, list[int]] = {}
    for v in sorted(used):
        by_table.setdefault(split.tables[v], []).append(v)
    total = weighted = 0.0
    per_candidate: dict[str, Any] = {}
    for c in problem.candidates:
        if not split.depends_on_goal(c.verifier):
            continue
        raw, needed = split.raw_bits([c.verifier]), split.profile_bits([c.verifier])
        if raw <= needed:
            continue
        wires = by_table.get(c.verifier, []) + by_table.get(c.verifier ^ mask, [])
        best_score, best = 0.0, None
        for v in wires:
            cut = split.cut(v)
            score = precomputation(split.wire_bits(cut), needed, raw)
            key = (score, -len(cut))
            if best is None or key > best[0]:
                best = (key, v, cut)
                best_score = score
        weight = raw - needed
        total += weight
        weighted += weight * best_score
        per_candidate[c.name] = {
            "raw": raw,
            "needed": round(needed, 6),
            "wire": None if best is None else split.circuit.node_name(best[1]),
            "cut_bits": None if best is None else round(split.wire_bits(best[2]), 6),
            "score": round(best_score, 6),
        }
    return (weighted / total if total else None), per_candidate


def propagation_reading(split: GoalSplit) -> tuple[float | None, dict[str, Any]]:
    """O_prop: the precomputation of the outputs' joint cut against the function's goal profile."""
    outputs = split.circuit.output_tables()
    raw, needed = split.raw_bits(outputs), split.profile_bits(outputs)
    nodes = {o.node for o in split.circuit.outputs if o.node is not None}
    cut = frozenset().union(*(split.cut(v) for v in nodes)) if nodes else frozenset()
    cut_bits = split.wire_bits(cut)
    evidence = {
        "raw": raw,
        "needed": round(needed, 6),
        "cut": sorted(split.circuit.node_name(v) for v in cut),
        "cut_bits": round(cut_bits, 6),
    }
    if raw <= needed:
        return None, evidence
    return precomputation(cut_bits, needed, raw), evidence


def objective_explicitness(
    circuit: Circuit,
    problem: SearchProblem,
    retargets: bool = False,
    max_edit: int = RT_MAX_EDIT,
    timeout: float | None = RT_TIMEOUT,
) -> Metric:
    """O = max(O_enum, O_prop) (see the module docstring); exact, by simulation. With
    ``retargets`` the declared retargets' edit distances inside the goal stage join the evidence."""
    if not problem.goal_inputs:
        return Metric(None, {"reason": "the goal is fixed (no goal inputs): there is no objective to represent"})
    if circuit.size == 0:
        return Metric(None, {"reason": "the circuit has no gates"})
    split = GoalSplit(circuit, problem.goal_inputs)
    if not any(split.depends_on_goal(t) for t in circuit.output_tables()):
        return Metric(None, {"reason": "the circuit's outputs do not depend on the goal inputs"})
    o_enum, candidates = enumeration_reading(split, problem)
    o_prop, whole = propagation_reading(split)
    readings = [x for x in (o_enum, o_prop) if x is not None]
    evidence: dict[str, Any] = {
        "o_enum": None if o_enum is None else round(o_enum, 6),
        "o_prop": None if o_prop is None else round(o_prop, 6),
        "goal_stage_gates": sum(1 for v in split.dependent if v >= split.n),
        "candidates": candidates,
        "outputs": whole,
        "threshold": OBJECTIVE_THRESHOLD,
    }
    if retargets and problem.retargets:
        # The structural cone (closed under "read by", as the edit encoding needs) holds the stage.
        cone = goal_cone(circuit, problem.goal_inputs)
        edits = {name: edit_distance(circuit, tables, max_edit, timeout, editable=cone) for name, tables in problem.retargets}
        evidence["retarget_edits_in_goal_stage"] = {name: e.to_dict() for name, e in edits.items()}
    if not readings:
        evidence["reason"] = "no goal-dependent table needs any reduction of the data: the goal can be tested on raw data"
        return Metric(None, evidence)
    return Metric(max(readings), evidence)

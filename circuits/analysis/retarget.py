"""M7 retargetability RT and goal-as-input locality.

Wentworth's "retarget the search": a general search process pursues another goal after a small
edit to its goal representation. RT measures the smallest edit by SAT: the circuit's gates are
variables, each either *frozen* (its original op and fanins) or *changed* (any op of the basis, any
earlier fanins), up to ``ADDED_GATES`` fresh gates may be appended, outputs may be re-pointed to any
wire, and a cardinality bound limits changed + used fresh gates to k. The least satisfiable k is the
edit distance d(C, f_γ'); RT = 1 − E_γ'[d] / s.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from pysat.card import ITotalizer
from pysat.solvers import Solver

from circuits.basis import get_basis
from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem
from circuits.truthtable import input_table
from circuits.analysis.metric import Metric, ratio
from sat_encoding.runner import Bound, run_search

#: Fresh gates an edit may add (M7 in docs/analyzer.md: Δ = 2).
ADDED_GATES = 2
#: Largest edit tried; a goal needing more is reported as unresolved (d > RT_MAX_EDIT).
RT_MAX_EDIT = 3
#: Seconds per goal: proving that no k-gate edit exists is exact synthesis in disguise.
RT_TIMEOUT = 20.0


class _Encoder:
    """CNF for "the circuit, with the gates selected by ``changed`` rewritten, computes ``goal``"."""

    def __init__(self, circuit: Circuit, goal: Sequence[int], editable: frozenset[int] | None = None) -> None:
        self.c = circuit
        self.rows = 1 << circuit.inputs
        self.clauses: list[list[int]] = []
        self.top = 0
        n = circuit.inputs
        basis = get_basis(circuit.basis)
        self.const: dict[int, int] = {j: input_table(n, j) for j in range(n)}
        tables = circuit.simulate()
        self.value: dict[int, list[int]] = {}
        self.edits: list[int] = []
        self.fanin_selectors: list[list[int]] = []
        total = n + circuit.size + ADDED_GATES
        for node in range(n, total):
            k = node - n
            original = circuit.gates[k] if k < circuit.size else None
            flag = self.var()
            self.edits.append(flag)
            if original is not None and editable is not None and node not in editable:
                # Frozen and fed only by frozen nodes (``editable`` is closed upward): its table
                # cannot change, so it is a constant like an input.
                self.clauses.append([-flag])
                self.const[node] = tables[node]
                self.fanin_selectors += [[], []]
                continue
            self._gate(node, original, flag, basis.allowed_ops)
        self._outputs(goal, total, basis.free_output_negation)

    def var(self) -> int:
        self.top += 1
        return self.top

    def _lit(self, node: int, row: int) -> int | bool:
        """The literal for node's value on ``row`` (a Python bool for inputs)."""
        if node in self.const:
            return bool((self.const[node] >> row) & 1)
        return self.value[node][row]

    def _copy(self, selector: int, node: int, target: list[int]) -> None:
        """selector → target[r] = value(node, r) on every row."""
        for r in range(self.rows):
            lit = self._lit(node, r)
            if lit is True:
                self.clauses.append([-selector, target[r]])
            elif lit is False:
                self.clauses.append([-selector, -target[r]])
            else:
                self.clauses.append([-selector, -lit, target[r]])
                self.clauses.append([-selector, lit, -target[r]])

    def _choose(self, node: int, flag: int, original: int | None) -> list[int]:
        """One fanin: exactly one earlier node; the original one unless ``flag`` (changed)."""
        sel = [self.var() for _ in range(node)]
        self.clauses.append(sel)
        for i in range(node):
            for j in range(i + 1, node):
                self.clauses.append([-sel[i], -sel[j]])
        if original is not None:
            self.clauses.append([flag, sel[original]])
        fanin = [self.var() for _ in range(self.rows)]
        for u in range(node):
            self._copy(sel[u], u, fanin)
        self.fanin_selectors.append(sel)
        return fanin

    def _gate(self, node: int, original, flag: int, allowed: frozenset[int]) -> None:
        a = self._choose(node, flag, original.fanins[0] if original else None)
        b = self._choose(node, flag, original.fanins[1] if original else None)
        ops = [self.var() for _ in range(4)]
        if original is not None:
            for bit, v in enumerate(ops):
                self.clauses.append([flag, v if (original.op >> bit) & 1 else -v])
        for op in range(16):
            if op not in allowed:
                self.clauses.append([-v if (op >> bit) & 1 else v for bit, v in enumerate(ops)])
        out = [self.var() for _ in range(self.rows)]
        for r in range(self.rows):
            for p in (0, 1):
                for q in (0, 1):
                    guard = [-a[r] if p else a[r], -b[r] if q else b[r]]
                    op_bit = ops[p + 2 * q]
                    self.clauses.append(guard + [-op_bit, out[r]])
                    self.clauses.append(guard + [op_bit, -out[r]])
        self.value[node] = out

    def _outputs(self, goal: Sequence[int], total: int, free_negation: bool) -> None:
        n = self.c.inputs
        fresh = {n + self.c.size + i: self.edits[self.c.size + i] for i in range(ADDED_GATES)}
        for table in goal:
            sel = [self.var() for _ in range(total)]
            self.clauses.append(sel)
            negated = self.var()
            if not free_negation:
                self.clauses.append([-negated])
            for u in range(total):
                if u in fresh:
                    self.clauses.append([-sel[u], fresh[u]])
                for r in range(self.rows):
                    want = bool((table >> r) & 1)
                    lit = self._lit(u, r)
                    # sel[u] → (value(u, r) XOR negated) = want
                    for neg in (False, True):
                        flip = want != neg
                        guard = [-sel[u], negated if not neg else -negated]
                        if lit is True or lit is False:
                            if lit != flip:
                                self.clauses.append(guard)
                        else:
                            self.clauses.append(guard + [lit if flip else -lit])
        # a fresh gate read by a later fresh gate counts as used
        first = n + self.c.size
        for i in range(1, ADDED_GATES):
            reader = self.fanin_selectors[2 * (self.c.size + i)], self.fanin_selectors[2 * (self.c.size + i) + 1]
            for j in range(i):
                for sel in reader:
                    self.clauses.append([-sel[first + j], self.edits[self.c.size + j]])


@dataclass(frozen=True)
class Edit:
    """The edit distance to one goal: exact when ``distance`` is set, else only ``lower`` is proven
    (the search hit ``max_edit`` or the time limit)."""

    distance: int | None
    lower: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"distance": self.distance, "lower_bound": self.lower, "seconds": round(self.seconds, 3)}


def edit_distance(
    circuit: Circuit,
    goal: Sequence[int],
    max_edit: int = RT_MAX_EDIT,
    timeout: float | None = RT_TIMEOUT,
    editable: frozenset[int] | None = None,
) -> Edit:
    """The least number of changed or added gates that makes ``circuit`` compute ``goal``; with
    ``editable`` (a set of gates closed under "read by") only those gates may change.

    The search runs in the killable search worker (sat_encoding.runner), which ends it at the time
    limit or on an interrupt; each k proven impossible before that is kept as the lower bound.
    """
    outcome = run_search(edit_search, (circuit, tuple(goal), max_edit, editable), timeout)
    lower = max((e.value for e in outcome.events if e.measure == "edit"), default=0)
    distance = next((e.value for e in outcome.events if e.measure == "distance"), None)
    return Edit(distance, distance if distance is not None else lower, outcome.seconds)


def edit_search(
    circuit: Circuit, goal: tuple[int, ...], max_edit: int, editable: frozenset[int] | None = None
) -> Iterator[Bound]:
    """Events of the edit-distance search: k grows from 0 under one incremental solver (the bound is
    an assumption on a totalizer); each UNSAT answer proves k + 1 a lower bound (``edit``), the first
    satisfiable k is the distance (``distance``)."""
    enc = _Encoder(circuit, goal, editable)
    bound = ITotalizer(lits=enc.edits, ubound=max_edit, top_id=enc.top)
    with Solver(name="glucose4", bootstrap_with=enc.clauses + bound.cnf.clauses) as solver:
        for k in range(max_edit + 1):
            assumptions = [-bound.rhs[k]] if k < len(bound.rhs) else []
            if solver.solve(assumptions=assumptions):
                yield Bound("distance", k)
                return
            yield Bound("edit", k + 1)


def retargetability(
    circuit: Circuit, problem: SearchProblem, max_edit: int = RT_MAX_EDIT, timeout: float | None = RT_TIMEOUT
) -> Metric:
    """RT = 1 − E_γ'[d] / s over the problem's retargets. A goal whose distance is not resolved
    (more than ``max_edit`` edits, or out of time) counts d = s, so RT is a lower bound; ``rt_upper``
    counts it at its proven lower bound instead."""
    if not problem.retargets:
        return Metric(None, {"reason": "the problem declares no goal family"})
    s = circuit.size
    if s == 0:
        return Metric(None, {"reason": "the circuit has no gates"})
    edits = {name: edit_distance(circuit, tables, max_edit, timeout) for name, tables in problem.retargets}
    goals = len(edits)
    low = sum(s if e.distance is None else e.distance for e in edits.values()) / goals
    high = sum(min(s, e.lower) if e.distance is None else e.distance for e in edits.values()) / goals
    evidence = {
        "edits": {name: e.to_dict() for name, e in edits.items()},
        "max_edit": max_edit,
        "rt_upper": round(max(0.0, 1.0 - high / s), 6),
    }
    return Metric(max(0.0, 1.0 - low / s), evidence)


def _min_vertex_cut(circuit: Circuit, sources: set[int], sinks: set[int]) -> int | None:
    """Fewest gates (not sources, not sinks) whose removal cuts every source→sink path; None when
    a source feeds a sink directly. Max-flow with unit vertex capacities (split nodes)."""
    n_nodes = circuit.num_nodes
    big = n_nodes + 1
    cap: dict[tuple[int, int], int] = {}
    adj: dict[int, set[int]] = {}

    def edge(u: int, v: int, c: int) -> None:
        cap[(u, v)] = cap.get((u, v), 0) + c
        cap.setdefault((v, u), 0)
        adj.setdefault(u, set()).add(v)
        adj.setdefault(v, set()).add(u)

    source, sink = 2 * n_nodes, 2 * n_nodes + 1
    for v in range(n_nodes):  # node v: in-part 2v, out-part 2v+1
        edge(2 * v, 2 * v + 1, big if v in sources or v in sinks else 1)
    for k, gate in enumerate(circuit.gates):
        for f in gate.fanins:
            edge(2 * f + 1, 2 * (circuit.inputs + k), big)
    for v in sources:
        edge(source, 2 * v, big)
    for v in sinks:
        edge(2 * v + 1, sink, big)
    flow = 0
    while True:
        parent = {source: source}
        queue = deque([source])
        while queue and sink not in parent:
            u = queue.popleft()
            for v in adj.get(u, ()):
                if v not in parent and cap[(u, v)] > 0:
                    parent[v] = u
                    queue.append(v)
        if sink not in parent:
            return flow
        path = []
        v = sink
        while v != source:
            path.append((parent[v], v))
            v = parent[v]
        push = min(cap[e] for e in path)
        if push >= big:
            return None
        for u, v in path:
            cap[(u, v)] -= push
            cap[(v, u)] += push
        flow += push


def goal_cone(circuit: Circuit, goal_inputs: Sequence[int]) -> frozenset[int]:
    """The gates in the forward cone of the goal inputs: everything that can see the goal."""
    reached = set(goal_inputs)
    for k, gate in enumerate(circuit.gates):
        if reached & set(gate.fanins):
            reached.add(circuit.inputs + k)
    return frozenset(reached - set(goal_inputs))


def goal_cut(circuit: Circuit, goal_inputs: Sequence[int]) -> int | None:
    """The fewest gates, other than the goal inputs and the output gates, that separate them (0
    when the outputs do not depend on the goal; None when a goal input feeds an output directly)."""
    sinks = {o.node for o in circuit.outputs if o.node is not None}
    if not sinks & (goal_cone(circuit, goal_inputs) | set(goal_inputs)):
        return 0
    return _min_vertex_cut(circuit, set(goal_inputs), sinks)


def goal_locality(circuit: Circuit, problem: SearchProblem) -> Metric:
    """Goal-as-input problems: the goal inputs' forward cone as a share of the gates, and the
    smallest gate cut between the goal inputs and the outputs (the "objective slot")."""
    if not problem.goal_inputs:
        return Metric(None, {"reason": "the problem has no goal inputs"})
    cone = len(goal_cone(circuit, problem.goal_inputs))
    evidence = {"forward_cone_gates": cone, "min_goal_cut": goal_cut(circuit, problem.goal_inputs)}
    return Metric(ratio(cone, circuit.size), evidence)

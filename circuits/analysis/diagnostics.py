"""Diagnostics reported beside the score: lookup-likeness and fault robustness.

Lookup-likeness separates "memorized the output of search" (Demski) from search: the share of the
circuit made of Shannon-style mux triads on raw inputs and of near-minterm gates. Muxes are not
automatically lookup (an unrolled DPLL is a decision tree), so each triad's select line is
classified: a raw input is lookup, a state predicate is search. Fault robustness is Flint's
perturbation test; a minimum circuit has no redundant gate, so it is ≈ 0 by construction and is
reported only to document that.
"""

from __future__ import annotations

from itertools import product

from circuits.analysis.formulation import Formulation
from circuits.analysis.metric import Metric, ratio
from circuits.analysis.simulate import node_tables, output_tables
from circuits.analysis.view import CircuitView


def _local(view: CircuitView, root: int, inner: set[int], leaves: tuple[int, int, int]) -> list[int]:
    """The 8-row function of ``root`` over three leaf wires, through the ``inner`` gates."""
    rows = []
    for values in product((0, 1), repeat=3):
        value = dict(zip(leaves, values))
        for v in sorted(inner | {root}):
            a, b = view.fanins(v)
            value[v] = (view.op(v) >> (value[a] + 2 * value[b])) & 1
        rows.append(value[root])
    return rows


def _select_line(rows: list[int]) -> int | None:
    """Index of the leaf s such that the function is s ? literal(p) : literal(q), p ≠ q, else None."""
    def literal_of(sub: dict[tuple[int, int], int]) -> int | None:
        for pos in (0, 1):
            if all(sub[k] == k[pos] for k in sub) or all(sub[k] != k[pos] for k in sub):
                return pos
        return None

    for s in range(3):
        others = [i for i in range(3) if i != s]
        halves = []
        for bit in (0, 1):
            sub = {}
            for index, values in enumerate(product((0, 1), repeat=3)):
                if values[s] == bit:
                    sub[(values[others[0]], values[others[1]])] = rows[index]
            halves.append(literal_of(sub))
        if None not in halves and halves[0] != halves[1]:
            return s
    return None


def mux_triads(view: CircuitView) -> list[tuple[int, int]]:
    """(gate, select node) for every gate that is a 2:1 mux of three wires within two levels."""
    return [(g, select) for g, select, _ in _triads(view)]


def _triads(view: CircuitView) -> list[tuple[int, int, set[int]]]:
    """(gate, select node, the gates between the mux and its three leaves) per mux triad."""
    found = []
    for g in view.gates:
        a, b = view.fanins(g)
        options = []
        for expand in ((), (a,), (b,), (a, b)):
            if any(v < view.n for v in expand):
                continue
            leaves = set((a, b)) - set(expand)
            for v in expand:
                leaves |= set(view.fanins(v))
            if len(leaves) == 3 and not leaves & set(expand):
                options.append((set(expand), tuple(sorted(leaves))))
        for inner, leaves in options:
            s = _select_line(_local(view, g, inner, leaves))  # type: ignore[arg-type]
            if s is not None:
                found.append((g, leaves[s], inner))
                break
    return found


def near_minterm(view: CircuitView, table: int) -> bool:
    """A conjunction of ≥ n−1 literals, in either polarity: one row, or two adjacent rows."""
    for t in (table, table ^ view.mask):
        ones = t.bit_count()
        if ones == 1:
            return True
        if ones == 2:
            low = t & -t
            high = t ^ low
            diff = (high.bit_length() - 1) ^ (low.bit_length() - 1)
            if diff & (diff - 1) == 0:
                return True
    return False


def lookup_likeness(view: CircuitView, form: Formulation) -> Metric:
    """LL: the share of the gates that are lookup structure, i.e. part of a mux triad whose select
    line is a raw input (the mux gate and the gates inside it) or a near-minterm gate.

    A mux selecting on a state predicate is a branch of a search (an unrolled DPLL), and one selecting
    on a goal input is an objective slot, not lookup; so triads are classified by select line and
    only those on other raw inputs count. The gates no reference algorithm, verifier or state
    explains are listed in the evidence.
    """
    explained = frozenset().union(*form.vocabulary.values()) if form.vocabulary else frozenset()
    known = set(form.variables) | set(form.states)
    explained |= known | {t ^ form.mask for t in known}
    gates = list(view.gates)
    unexplained = [v for v in gates if view.tables[v] not in explained]
    state_tables = {form.states[j] for j in form.nontrivial_states}
    state_tables |= {t ^ form.mask for t in state_tables}
    selects = {"raw_input": 0, "goal": 0, "state": 0, "other": 0}
    lookup: set[int] = set()
    for g, select, inner in _triads(view):
        if select in form.goal_inputs:
            kind = "goal"
        elif select < view.n:
            kind = "raw_input"
        else:
            kind = "state" if view.tables[select] in state_tables else "other"
        selects[kind] += 1
        if kind == "raw_input":
            lookup |= {g} | inner
    minterms = [v for v in gates if near_minterm(view, view.tables[v])]
    lookup |= set(minterms)
    evidence = {
        "lookup_gates": [view.name(v) for v in sorted(lookup)],
        "mux_triads": selects,
        "near_minterm": [view.name(v) for v in minterms],
        "unexplained": [view.name(v) for v in unexplained],
    }
    return Metric(ratio(len(lookup), len(gates)), evidence)


def fault_robustness(view: CircuitView) -> Metric:
    """The share of single-gate stuck-at-0/1 faults after which the circuit's function is unchanged."""
    intact = view.outputs
    survived = 0
    for g in view.gates:
        for value in (0, view.mask):
            tables = node_tables(view.circuit, {g: value}, base=view.tables)
            survived += output_tables(view.circuit, tables) == intact
    faults = 2 * view.circuit.size
    return Metric(ratio(survived, faults), {"faults": faults, "survived": survived})

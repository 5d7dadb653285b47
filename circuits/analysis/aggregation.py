"""M3 aggregation AG: is there an explicit OR tree (or selection tree) over the candidates?

"Search" needs a *selection* step after evaluation. In ``exists`` mode that is an OR tree whose
nodes are union wires (a wire equal to ⋁_{c∈S} v_c); the tree is recovered top-down from the output,
so only unions that actually feed the answer count. In ``first``/``argmax`` mode the binary-coded
outputs create accidental unions (an answer bit is the OR of unrelated winners), so the tree is made of partial-result wires of
sub-problems instead, and a few non-partial gates (the muxing glue of a priority tree) may sit
between consecutive partial-result wires.
"""

from __future__ import annotations

from functools import reduce
from typing import Sequence

from circuits.analysis.formulation import Formulation
from circuits.analysis.metric import Metric, ratio
from circuits.analysis.view import CircuitView

#: Non-partial gates allowed between two partial-result wires of a selection tree: a 2:1 mux needs
#: one level of glue, a priority merge "a ∨ (¬e ∧ b)" two.
SELECTION_GLUE = 2

Label = frozenset[int]


def union_set(table: int, parts: Sequence[int]) -> Label | None:
    """S if ``table`` = ⋁_{c∈S} parts[c] for S = {c : parts[c] ≤ table} ≠ ∅, else None."""
    members = [c for c, p in enumerate(parts) if p & ~table == 0]
    if not members or reduce(lambda a, c: a | parts[c], members, 0) != table:
        return None
    return frozenset(members)


def _union_labels(view: CircuitView, parts: Sequence[int]) -> dict[tuple[int, bool], Label]:
    labels = {}
    for node, table in enumerate(view.tables):
        for negated, t in ((False, table), (True, table ^ view.mask)):
            found = union_set(t, parts)
            if found is not None:
                labels[(node, negated)] = found
    return labels


def _isolated(labels: Sequence[Label], form: Formulation) -> set[int]:
    """Non-trivial candidates some reached label isolates: leaving out the trivial candidates
    (literals are free, so an OR with a literal still isolates) the label's union is v_c itself.

    This generalizes "S = {c}, or S = {c} once trivial candidates are left out" to formulations whose
    verifiers nest (v_c' ≤ v_c puts c' into every union that contains c, e.g. the one-colour
    colouring of COL2, which passes only on the empty graph).
    """
    trivial = set(range(form.m)) - set(form.nontrivial)
    found: set[int] = set()
    for s in labels:
        rest = s - trivial
        union = reduce(lambda a, c: a | form.variables[c], rest, 0)
        found |= {c for c in rest if form.variables[c] == union}
    return found


def _metric(view: CircuitView, form: Formulation, reached: dict[tuple[int, bool], list[Label]], root: list[str]) -> Metric:
    names = form.candidate_names
    leaves: dict[str, list[str]] = {}
    for wire, sets in sorted(reached.items()):
        # The output is trivially the union of everything; it never isolates a candidate.
        if wire[0] not in view.output_nodes:
            for c in sorted(_isolated(sets, form)):
                leaves.setdefault(names[c], []).append(view.ref(wire))
    gates = {node for node, _ in reached if node >= view.n}
    evidence = {
        "roots": root,
        "tree": [
            {"wire": view.ref(w), "candidates": [[names[c] for c in sorted(s)] for s in sets]}
            for w, sets in sorted(reached.items())
        ],
        "leaves": leaves,
        "aggregated": sorted(leaves, key=names.index),
        "of": len(form.nontrivial),
        "u_frac": round(ratio(max(0, len(gates) - 1), view.circuit.size), 6),
    }
    return Metric(ratio(len(leaves), len(form.nontrivial)), evidence)


def union_tree(view: CircuitView, form: Formulation) -> Metric:
    """AG for ``exists``: descend from the output through gates that OR two union wires.

    A gate g (in polarity p) is descended when fanins a, b in some polarities are union wires with
    S_a ∪ S_b = S_g and T_g^p = T_a^pa ∨ T_b^pb on every row: the gate acts as OR on them, whatever
    De Morgan form its op takes.
    """
    labels = _union_labels(view, form.variables)
    everything = frozenset(range(form.m))
    reached: dict[tuple[int, bool], list[Label]] = {}
    stack = []
    for out in view.circuit.outputs:
        if out.node is not None and labels.get((out.node, out.negated)) == everything:
            stack.append((out.node, out.negated))
    roots = [view.ref(w) for w in stack]
    while stack:
        wire = stack.pop()
        if wire in reached:
            continue
        reached[wire] = [labels[wire]]
        node, negated = wire
        if node < view.n:
            continue
        target = view.tables[node] ^ (view.mask if negated else 0)
        a, b = view.fanins(node)
        for pa in (False, True):
            for pb in (False, True):
                sa, sb = labels.get((a, pa)), labels.get((b, pb))
                if sa is None or sb is None or sa | sb != labels[wire]:
                    continue
                ta = view.tables[a] ^ (view.mask if pa else 0)
                tb = view.tables[b] ^ (view.mask if pb else 0)
                if ta | tb == target:
                    stack.extend([(a, pa), (b, pb)])
    return _metric(view, form, reached, roots)


def partial_labels(view: CircuitView, form: Formulation) -> dict[tuple[int, bool], list[Label]]:
    """Partial-result wires: "∃ in S" (any S), "S's winner is selected" (any S), and the answer
    bits of the sub-problem on a contiguous run S of candidates."""
    exists = _union_labels(view, form.variables)
    selected = _union_labels(view, form.selections)
    answers = form.interval_answers
    labels: dict[tuple[int, bool], list[Label]] = {}
    for node, table in enumerate(view.tables):
        for negated, t in ((False, table), (True, table ^ view.mask)):
            found = [d[(node, negated)] for d in (exists, selected) if (node, negated) in d]
            found += answers.get(t, [])
            if found:
                labels[(node, negated)] = found
    return labels


def selection_tree(view: CircuitView, form: Formulation) -> Metric:
    """AG for ``first``/``argmax``: partial-result wires reachable from the outputs.

    From each reached wire the search goes down through at most ``SELECTION_GLUE`` gates that are
    not partial-result wires and stops at every partial-result wire it meets, which is reached in
    turn. A candidate counts as aggregated when a reached wire isolates it.
    """
    labels = partial_labels(view, form)
    by_node: dict[int, list[tuple[int, bool]]] = {}
    for wire in labels:
        by_node.setdefault(wire[0], []).append(wire)
    reached: dict[tuple[int, bool], list[Label]] = {}
    stack = [o.node for o in view.circuit.outputs if o.node is not None and o.node in by_node]
    roots = [view.name(v) for v in stack]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for wire in by_node[node]:
            reached[wire] = labels[wire]
        frontier = [(f, 0) for f in (view.fanins(node) if node >= view.n else ())]
        while frontier:
            v, glue = frontier.pop()
            if v in by_node:
                stack.append(v)
            elif v >= view.n and glue < SELECTION_GLUE:
                frontier.extend((f, glue + 1) for f in view.fanins(v))
    return _metric(view, form, reached, roots)


def aggregation(view: CircuitView, form: Formulation) -> Metric:
    """AG in the mode the formulation declares."""
    if form.mode == "exists":
        return union_tree(view, form)
    return selection_tree(view, form)

"""M6 description-length ratio DLR: how much shorter is the circuit written with macros?

RLO's compression argument: a search circuit is "one evaluation routine plus bindings". DLR compares
the flat description (every gate: op and two fanin addresses) with the best description that defines
repeated sub-circuits once as templates and then only binds their inputs. Repetition is structural
(the same gates in the same shape, leaves abstracted), so an XOR chain compresses too; that is why
DLR is reported and never enters the score.

Choosing templates is a weighted set-packing problem; an exact MaxSAT solve of it took minutes on
23-gate circuits, so the choice is greedy in an order built from levels and
cone labels, which keeps the value independent of how the gates are numbered.
"""

from __future__ import annotations

from math import ceil, log2
from typing import Iterable, Sequence

from circuits.analysis.labels import cone_label, gate_label
from circuits.analysis.metric import Metric
from circuits.analysis.view import CircuitView
from circuits.problems.tables import permute_table

#: Sizes of the repeated connected fragments considered as templates (2–4 gates).
FRAGMENT_SIZES = (2, 4)
_LEAF = hash((0, -1))


def _bits(count: int) -> int:
    return ceil(log2(count)) if count > 1 else 0


def _fragments(view: CircuitView, root: int) -> Iterable[frozenset[int]]:
    """Connected gate sets containing ``root`` where every other member feeds some member."""
    lo, hi = FRAGMENT_SIZES
    seen = {frozenset([root])}
    layer = [frozenset([root])]
    for _ in range(hi - 1):
        grown = []
        for frag in layer:
            for member in frag:
                for f in view.fanins(member):
                    if f >= view.n and f not in frag:
                        bigger = frag | {f}
                        if bigger not in seen:
                            seen.add(bigger)
                            grown.append(bigger)
        layer = grown
        yield from (f for f in grown if len(f) >= lo)


def _replaceable(view: CircuitView, frag: frozenset[int], root: int) -> bool:
    """A macro hides its internal wires, so none may be read outside it or be an output."""
    return all(
        v == root or (v not in view.output_nodes and all(r in frag for r in view.readers[v])) for v in frag
    )


def _shape(view: CircuitView, frag: frozenset[int], root: int) -> tuple[int, int]:
    """(structure label with leaves abstracted, number of distinct leaves)."""
    labels: dict[int, int] = {}
    leaves = set()
    for v in sorted(frag):
        a, b = view.fanins(v)
        la = labels[a] if a in frag else _LEAF
        lb = labels[b] if b in frag else _LEAF
        leaves |= {x for x in (a, b) if x not in frag}
        labels[v] = gate_label(view.op(v), la, lb)
    return labels[root], len(leaves)


def _packing(view: CircuitView, found: dict[frozenset[int], int], used: set[int], order: dict[int, tuple]) -> list[frozenset[int]]:
    """Gate-disjoint instances of one template, taken greedily in a numbering-free order."""
    chosen = []
    taken = set(used)
    for frag in sorted(found, key=lambda f: (order[found[f]], sorted(order[v] for v in f))):
        if not frag & taken:
            chosen.append(frag)
            taken |= frag
    return chosen


def _canonical_table(view: CircuitView, node: int, symmetry: Sequence[Sequence[int]]) -> int:
    """The least image of the node's table under the symmetries (the table itself without any)."""
    table = view.tables[node]
    return min((permute_table(view.n, table, perm) for perm in symmetry), default=table)


def description_length(view: CircuitView, modules: Iterable[int] = (), symmetry: Sequence[Sequence[int]] = ()) -> Metric:
    """DLR = max(0, 1 − DL_macro / DL_flat) with DL_flat = s · (2⌈log₂(n+s)⌉ + 4).

    Candidate templates are the repeated rooted fragments of 2–4 gates and the fanin cones of the
    given module roots (the aligned verifier wires). A template costs its own flat description over
    its k inputs; an instance costs ⌈log₂ #templates⌉ + k · ⌈log₂(n+s)⌉ bits. Templates are chosen
    greedily by net saving; instances are ordered by (level, cone label) so that renumbering the
    gates cannot change the result. The label is taken with the inputs abstracted and ties are
    broken by the least image of the wire's table under ``symmetry`` (the problem's symmetries), so
    a mirror image of the circuit orders its instances the same way.
    """
    n, s = view.n, view.circuit.size
    address = _bits(n + s)
    gate_bits = 2 * address + 4
    flat = s * gate_bits
    if s == 0:
        return Metric(0.0, {"dl_flat": 0, "dl_macro": 0, "templates": []})
    instances: dict[tuple[int, int], dict[frozenset[int], int]] = {}
    roots = [(r, frag) for r in view.gates for frag in _fragments(view, r)]
    roots += [(r, frozenset(view.cone(r))) for r in set(modules) if r >= view.n]
    for root, frag in roots:
        if len(frag) >= 2 and _replaceable(view, frag, root):
            instances.setdefault(_shape(view, frag, root), {})[frag] = root
    templates = {key: found for key, found in instances.items() if len(found) >= 2}
    tag_bits = _bits(len(templates))
    levels = view.circuit.levels()
    anonymous = [0] * n  # every input read as input 0: the shape of the cone, inputs abstracted
    memo: dict = {}
    order = {
        v: (levels[v], cone_label(view, v, perm=anonymous, memo=memo), _canonical_table(view, v, symmetry))
        for v in view.gates
    }
    used: set[int] = set()
    macro = flat
    chosen = []
    while True:
        best = None
        for key, found in templates.items():
            gates = len(next(iter(found)))
            packed = _packing(view, found, used, order)
            saving = len(packed) * (gates * gate_bits - tag_bits - key[1] * address)
            net = saving - gates * (2 * _bits(key[1] + gates) + 4)
            if net > 0 and (best is None or (net, key) > (best[0], best[1])):
                best = (net, key, packed)
        if best is None:
            break
        net, key, packed = best
        macro -= net
        chosen.append((key, packed))
        used.update(*packed)
        del templates[key]
    evidence = {
        "dl_flat": flat,
        "dl_macro": macro,
        "templates": [
            {"gates": len(packed[0]), "inputs": key[1], "instances": sorted(view.name(instances[key][f]) for f in packed)}
            for key, packed in chosen
        ],
    }
    return Metric(max(0.0, 1.0 - macro / flat), evidence)

"""M6 description-length ratio DLR: how much shorter is the circuit written with macros?

RLO's compression argument: a search circuit is "one evaluation routine plus bindings". DLR compares
the flat description (every gate: op and two fanin addresses) with the best description that defines
repeated sub-circuits once as templates and then only binds their inputs. Repetition is structural
(the same gates in the same shape, leaves abstracted), so an XOR chain compresses too; that is why
DLR is reported and never enters the score.

Choosing templates is a weighted set-packing problem; an exact MaxSAT solve of it took minutes on
23-gate circuits, so the choice is greedy. A greedy choice depends on the order it meets ties in, so
that order is built from the structure alone (levels, cone labels, tables, refined by the gates'
readers) and never from gate numbers; see ``_orders``.
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


def _packing(view: CircuitView, found: dict[frozenset[int], int], used: set[int], order: dict[int, int]) -> list[frozenset[int]]:
    """Gate-disjoint instances of one template, taken greedily in a numbering-free order."""
    chosen = []
    taken = set(used)
    for frag in sorted(found, key=lambda f: (order[found[f]], sorted(order[v] for v in f))):
        if not frag & taken:
            chosen.append(frag)
            taken |= frag
    return chosen


def _ranks(keys: dict[int, tuple]) -> dict[int, int]:
    """Each node's position among the distinct keys (equal keys share a rank)."""
    rank = {key: r for r, key in enumerate(sorted(set(keys.values())))}
    return {v: rank[key] for v, key in keys.items()}


def _refined(view: CircuitView, start: dict[int, tuple]) -> dict[int, int]:
    """Ranks of ``start`` split by the gates' surroundings until no class splits further.

    Two gates with the same level, shape and table can still sit in different places (one read by
    the output, one by a gate that is itself distinct); without this split the greedy meets them as
    a tie and breaks it by gate number. Each round adds the ranks of a gate's fanins and readers and
    the outputs it drives, so the result depends only on the circuit's structure.
    """
    drives = {v: [] for v in view.gates}
    for k, out in enumerate(view.circuit.outputs):
        if out.node in drives:
            drives[out.node].append((k, out.negated))
    rank = _ranks(start)
    while True:
        keys = {
            v: (
                rank[v],
                tuple(sorted(rank.get(f, -1) for f in view.fanins(v))),
                tuple(sorted(rank[r] for r in view.readers[v])),
                tuple(sorted(drives[v])),
            )
            for v in view.gates
        }
        finer = _ranks(keys)
        if len(set(finer.values())) == len(set(rank.values())):
            return finer
        rank = finer


def _orders(view: CircuitView, symmetry: Sequence[Sequence[int]]) -> list[dict[int, int]]:
    """The orders the greedy tries: gates by (level, cone label with the inputs abstracted, table),
    refined by their surroundings (``_refined``).

    A table is read after renaming the inputs by a symmetry σ of the problem, so that the circuit
    and its mirror image are ordered alike. Which σ is not free: the ones that make the sorted list
    of keys least are taken, a set that renumbering or mirroring the circuit does not change; there
    is one per symmetry of the circuit itself, usually just the identity.
    """
    perms = list(symmetry) or [tuple(range(view.n))]
    levels = view.circuit.levels()
    anonymous = [0] * view.n  # every input read as input 0: the shape of the cone, inputs abstracted
    memo: dict = {}
    shape = {v: (levels[v], cone_label(view, v, perm=anonymous, memo=memo)) for v in view.gates}
    candidates = [
        {v: shape[v] + (permute_table(view.n, view.tables[v], perm),) for v in view.gates} for perm in perms
    ]
    signatures = [sorted(keys.values()) for keys in candidates]
    least = min(signatures)
    distinct = {tuple(sorted(keys.items())): keys for keys, sig in zip(candidates, signatures) if sig == least}
    return [_refined(view, keys) for keys in distinct.values()]


def _greedy(
    view: CircuitView, templates: dict, order: dict[int, int], gate_bits: int, address: int
) -> tuple[int, list]:
    """Bits saved and (template, instances) chosen: templates taken by net saving while any saves."""
    templates = dict(templates)
    tag_bits = _bits(len(templates))
    used: set[int] = set()
    saved = 0
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
            return saved, chosen
        net, key, packed = best
        saved += net
        chosen.append((key, packed))
        used.update(*packed)
        del templates[key]


def description_length(view: CircuitView, modules: Iterable[int] = (), symmetry: Sequence[Sequence[int]] = ()) -> Metric:
    """DLR = max(0, 1 − DL_macro / DL_flat) with DL_flat = s · (2⌈log₂(n+s)⌉ + 4).

    Candidate templates are the repeated rooted fragments of 2–4 gates and the fanin cones of the
    given module roots (the aligned verifier wires). A template costs its own flat description over
    its k inputs; an instance costs ⌈log₂ #templates⌉ + k · ⌈log₂(n+s)⌉ bits. Templates are chosen
    greedily by net saving; instances are met in an order built from the structure (``_orders``),
    so neither renumbering the gates nor mirroring the inputs by a symmetry in ``symmetry`` (the
    problem's symmetries) changes the result. When several such orders exist, the shortest
    description among them counts.
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
    runs = [_greedy(view, templates, order, gate_bits, address) for order in _orders(view, symmetry)]
    saved, chosen = max(runs, key=lambda run: run[0])
    macro = flat - saved
    evidence = {
        "dl_flat": flat,
        "dl_macro": macro,
        "templates": [
            {"gates": len(packed[0]), "inputs": key[1], "instances": sorted(view.name(instances[key][f]) for f in packed)}
            for key, packed in chosen
        ],
    }
    return Metric(max(0.0, 1.0 - macro / flat), evidence)

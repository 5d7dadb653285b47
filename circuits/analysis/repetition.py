"""M5 repetition REP (one evaluation routine applied to every candidate) and equivariance EQ.

RLO's "explicitly represented objective" is a single routine applied to many candidates; in a circuit
that is the same labeled module, up to a problem symmetry, computing each verifier. REP counts how
few module classes the covered candidates of each Aut(P)-orbit fall into. EQ is the weight-sharing
analog over all gates: is the circuit closed under the problem's symmetries?
"""

from __future__ import annotations

from typing import Mapping, Sequence

from circuits.analysis.formulation import Formulation
from circuits.analysis.labels import cone_label, leaves
from circuits.analysis.mediation import Alignment
from circuits.analysis.metric import Metric, ratio
from circuits.problems.tables import permute_table
from circuits.analysis.tables import components
from circuits.analysis.view import CircuitView


def _images(view: CircuitView, node: int, negated: bool, group: Sequence[Sequence[int]]) -> set[int]:
    """Labels of the module rooted at ``node`` under every symmetry, deduplicated by what each
    symmetry does to the module's own inputs (large groups act on few leaves)."""
    support = leaves(view, node)
    done: set[tuple[int, ...]] = set()
    labels = set()
    for perm in group:
        key = tuple(perm[i] for i in support)
        if key in done:
            continue
        done.add(key)
        labels.add(cone_label(view, node, negated, perm))
    return labels


def repetition(
    view: CircuitView,
    form: Formulation,
    alignments: Mapping[int, Alignment],
    targets: Sequence[int],
    considered: Sequence[int],
    names: Sequence[str],
) -> Metric:
    """REP = mean over orbits O with ≥ 2 covered members of (|O_cov| − k_O) / (|O_cov| − 1).

    k_O is the number of module classes in O: c ~ c' when some σ ∈ Aut(P) maps the cone of one of
    c's aligned wires onto the cone of one of c''s as a labeled DAG (gate ops canonical under fanin
    swap, the root normalized to compute the target positively); classes are the connected
    components of that relation. REP is 0 without such an orbit: no evidence
    of uniform evaluation. It is None (undefined) when the formulation itself has no orbit with two
    non-trivial members: then there is nothing a uniform routine could be recognized by (e.g. the
    running counts of a DP, which no symmetry maps onto each other).
    """
    allowed = set(considered)
    orbits = form.orbits(targets)
    if not any(sum(1 for c in orbit if c in allowed) >= 2 for orbit in orbits):
        return Metric(None, {"reason": "no Aut(P)-orbit has two non-trivial members"})
    per_orbit = []
    detail = []
    for orbit in orbits:
        members = [c for c in orbit if c in allowed and c in alignments]
        if len(members) < 2:
            continue
        own = {c: {cone_label(view, *w) for w in alignments[c].wires} for c in members}
        images = {c: set().union(*(_images(view, *w, form.group) for w in alignments[c].wires)) for c in members}
        links = [(c, d) for i, c in enumerate(members) for d in members[i + 1:] if own[d] & images[c]]
        classes = sorted(components(members, links))
        per_orbit.append((len(members) - len(classes)) / (len(members) - 1))
        detail.append({
            "orbit": [names[c] for c in orbit],
            "covered": len(members),
            "classes": [[names[c] for c in cls] for cls in classes],
        })
    value = sum(per_orbit) / len(per_orbit) if per_orbit else 0.0
    return Metric(value, {"orbits": detail})


def equivariance(view: CircuitView, form: Formulation) -> Metric:
    """EQ: the share of gates g such that σ·T_g is computed by some wire for every σ ∈ Aut(P).

    Checked by walking the orbit of T_g with the generators; it fails at the first image no wire
    computes. Every table of one orbit shares the verdict, so orbits are walked once. None when
    Aut(P) is trivial (nothing to be equivariant to).
    """
    if not form.generators:
        return Metric(None, {"reason": "Aut(P) is trivial"})
    verdict: dict[int, bool] = {}
    wires = view.all_wires
    failing = []
    for node in view.gates:
        start = view.tables[node]
        if start not in verdict:
            orbit = {start}
            frontier = [start]
            ok = True
            while frontier and ok:
                table = frontier.pop()
                for gen in form.generators:
                    image = permute_table(view.n, table, gen)
                    if image not in wires:
                        ok = False
                        break
                    if image not in orbit:
                        orbit.add(image)
                        frontier.append(image)
            for table in orbit:
                verdict[table] = ok
        if not verdict[start]:
            failing.append(view.name(node))
    size = view.circuit.size
    return Metric(ratio(size - len(failing), size), {"not_equivariant": failing})

"""What the ASCII and Graphviz drawings share: highlight groups and the meaning of unusual ops."""

from __future__ import annotations

from typing import Mapping

from circuits.circuit import Circuit
from circuits.errors import InputError

#: More groups than this could not be told apart by colour or marker.
MAX_GROUPS = 12

#: Ops whose name alone does not say which fanin does what; p is the first fanin, q the second.
OP_MEANINGS = {
    "ANDNOT": "ANDNOT(p,q) = p AND NOT q",
    "NOTAND": "NOTAND(p,q) = NOT p AND q",
    "ORNOT": "ORNOT(p,q) = p OR NOT q",
    "NOTOR": "NOTOR(p,q) = NOT p OR q",
    "A": "A(p,q) = p",
    "B": "B(p,q) = q",
    "NOTA": "NOTA(p,q) = NOT p",
    "NOTB": "NOTB(p,q) = NOT q",
    "ZERO": "ZERO(p,q) = 0",
    "ONE": "ONE(p,q) = 1",
}

Groups = list[tuple[str, frozenset[int]]]


def highlight_groups(circuit: Circuit, highlight: Mapping[str, set[int]] | None) -> Groups:
    """The highlight as an ordered list of (legend label, node ids), every id checked."""
    groups: Groups = []
    for label, nodes in (highlight or {}).items():
        for node in nodes:
            if not isinstance(node, int) or not 0 <= node < circuit.num_nodes:
                raise InputError(f"highlight {label!r} names node {node!r}, which the circuit does not have")
        groups.append((str(label), frozenset(nodes)))
    if len(groups) > MAX_GROUPS:
        raise InputError(f"{len(groups)} highlight groups given; at most {MAX_GROUPS} can be told apart")
    return groups


def groups_of(node: int, groups: Groups) -> list[int]:
    """Indices of the groups that contain ``node``."""
    return [i for i, (_, nodes) in enumerate(groups) if node in nodes]

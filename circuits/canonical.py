"""A canonical key that identifies circuits equal up to isomorphism.

Two circuits get the same key exactly when one becomes the other by
* reordering gates that do not depend on each other (any topological order),
* swapping a gate's two fanins (with its op adjusted), and
* where the basis makes internal negation free (b2, aig, xaig), complementing a gate's output and
  folding the complement into every reader (the "polarity" of an internal gate).

Construction: a structural (Merkle) hash computed bottom-up. Each gate's op is first rewritten to
read its fanins in their normalized polarity, then normalized itself (value 0 on input (0, 0), the
complement carried upward), then its fanins are ordered by their hashes. The gate's hash covers its
normalized op and its fanins' hashes, so it does not depend on node numbers. The circuit's key is the
sorted multiset of gate hashes (unused gates count too) plus each output's hash and final polarity.
Inputs keep their identity: circuits that differ by permuting inputs are *not* identified, because
the inputs of a problem mean different things.
"""

from __future__ import annotations

import hashlib

from circuits.basis import get_basis, negate_fanin, swap_fanins
from circuits.circuit import Circuit


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def node_hashes(circuit: Circuit) -> tuple[list[str], list[bool]]:
    """Per node: its structural hash and whether its real value is the complement of the hashed one."""
    free_polarity = get_basis(circuit.basis).free_output_negation
    hashes = [f"x{j}" for j in range(circuit.inputs)]
    flipped = [False] * circuit.inputs
    for gate in circuit.gates:
        a, b = gate.fanins
        op = gate.op
        if flipped[a]:
            op = negate_fanin(op, 0)
        if flipped[b]:
            op = negate_fanin(op, 1)
        complemented = False
        if free_polarity and op & 1:
            op ^= 0xF
            complemented = True
        ha, hb = hashes[a], hashes[b]
        if hb < ha:
            ha, hb = hb, ha
            op = swap_fanins(op)
        elif ha == hb:  # two identical fanin structures: either order is the same gate
            op = min(op, swap_fanins(op))
        hashes.append(_digest(f"{op:x}({ha},{hb})"))
        flipped.append(complemented)
    return hashes, flipped


def canonical_key(circuit: Circuit) -> str:
    """A short string equal for isomorphic circuits (see the module docstring) and only for them."""
    hashes, flipped = node_hashes(circuit)
    gates = sorted(hashes[circuit.inputs :])
    outputs = []
    for out in circuit.outputs:
        if out.node is None:
            outputs.append(f"const{out.value}")
        else:
            outputs.append(f"{hashes[out.node]}{'~' if out.negated ^ flipped[out.node] else ''}")
    return _digest(f"{circuit.inputs}|{','.join(gates)}|{','.join(outputs)}")

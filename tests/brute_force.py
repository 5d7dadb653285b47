"""An independent reference for the tests: plain enumeration of small b2 circuits.

It shares no code with the SAT encoder: every circuit of up to ``max_gates`` normal gates over n
inputs is built gate by gate, and each function's minimum size is the first count that reaches it
(as a node, complemented or not). Slow, obvious and therefore trustworthy for n ≤ 3.
"""

from __future__ import annotations

from itertools import combinations

NORMAL_B2_OPS = (0x2, 0x4, 0x6, 0x8, 0xE)


def _apply(op: int, a: int, b: int, mask: int) -> int:
    out = 0
    for row_a in (0, 1):
        for row_b in (0, 1):
            if (op >> (row_a + 2 * row_b)) & 1:
                out |= (a if row_a else ~a) & (b if row_b else ~b)
    return out & mask


def minimum_b2_sizes(n: int, max_gates: int) -> dict[int, int]:
    """Minimum b2 gate count of every n-input function reachable within ``max_gates`` gates."""
    mask = (1 << (1 << n)) - 1
    inputs = [sum(1 << r for r in range(1 << n) if (r >> j) & 1) for j in range(n)]
    best: dict[int, int] = {}

    def record(table: int, cost: int) -> None:
        for value in (table, table ^ mask):
            if value not in best or best[value] > cost:
                best[value] = cost

    record(0, 0)
    for table in inputs:
        record(table, 0)

    def extend(nodes: list[int], used: int) -> None:
        if used == max_gates:
            return
        for j, k in combinations(range(len(nodes)), 2):
            for op in NORMAL_B2_OPS:
                table = _apply(op, nodes[j], nodes[k], mask)
                record(table, used + 1)
                extend(nodes + [table], used + 1)

    extend(list(inputs), 0)
    return best


def optimal_circuits_by_function(n: int, max_gates: int) -> dict[int, tuple[int, set[str]]]:
    """For every n-input function of b2 size ≤ max_gates: (minimum size, canonical keys of its optima).

    Builds every gate sequence explicitly as a Circuit and canonicalizes it with the project's key,
    so the test compares enumeration against exhaustive construction, not against the encoder.
    """
    from circuits.canonical import canonical_key
    from circuits.circuit import Circuit, Gate, Output

    mask = (1 << (1 << n)) - 1
    inputs = [sum(1 << r for r in range(1 << n) if (r >> j) & 1) for j in range(n)]
    minimum = minimum_b2_sizes(n, max_gates)
    found: dict[int, set[str]] = {}

    def visit(gates: list[Gate], tables: list[int]) -> None:
        if gates:
            last = tables[-1]
            for negated, value in ((False, last), (True, last ^ mask)):
                if minimum.get(value) == len(gates):
                    circuit = Circuit(n, tuple(gates), (Output(n + len(gates) - 1, negated),))
                    found.setdefault(value, set()).add(canonical_key(circuit))
        if len(gates) == max_gates:
            return
        for j, k in combinations(range(len(tables)), 2):
            for op in NORMAL_B2_OPS:
                visit(gates + [Gate(op, (j, k))], tables + [_apply(op, tables[j], tables[k], mask)])

    visit([], list(inputs))
    return {f: (minimum[f], keys) for f, keys in found.items()}

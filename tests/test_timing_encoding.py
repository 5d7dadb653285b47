"""Arrival and required times in the size encoding (sat_encoding/timing.py), against plain enumeration.

The oracle (with the gate evaluator of brute_force.py) builds every b2 circuit of up to 3 normal gates over 3 inputs gate by gate, with each
input at its arrival level, and records for each (function, output level) the fewest gates. It
shares nothing with the encoder. ``smallest_below`` must find exactly that minimum under the timing,
or prove that none below the cap exists.
"""

from __future__ import annotations

from itertools import combinations

from brute_force import NORMAL_B2_OPS
from brute_force import _apply as gate_value
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.truthtable import TruthTable
from sat_encoding.runner import Bound, Found
from sat_encoding.timing import Timing, meets, output_levels, smallest_below

N = 3
MAX_GATES = 3
MASK = (1 << (1 << N)) - 1


def fewest_gates(arrivals: tuple[int, ...]) -> dict[tuple[int, int], int]:
    """(table, level) -> fewest gates of a circuit with a node of that table (either polarity) at that level."""
    best: dict[tuple[int, int], int] = {}
    inputs = [(sum(1 << r for r in range(1 << N) if (r >> j) & 1), arrivals[j]) for j in range(N)]

    def note(table: int, level: int, cost: int) -> None:
        for value in (table, table ^ MASK):
            if best.get((value, level), cost + 1) > cost:
                best[(value, level)] = cost

    for table, level in inputs:
        note(table, level, 0)
    note(0, 0, 0)

    def extend(nodes: list[tuple[int, int]], used: int) -> None:
        if used == MAX_GATES:
            return
        for (ta, la), (tb, lb) in combinations(nodes, 2):
            for op in NORMAL_B2_OPS:
                node = (gate_value(op, ta, tb, MASK), 1 + max(la, lb))
                note(*node, used + 1)
                extend(nodes + [node], used + 1)

    extend(inputs, 0)
    return best


def expected_minimum(best: dict[tuple[int, int], int], table: int, required: int) -> int | None:
    costs = [cost for (value, level), cost in best.items() if value == table and level <= required]
    return min(costs, default=None)


@settings(max_examples=25)
@given(
    st.tuples(*[st.integers(0, 2)] * N),
    st.integers(0, MASK),
    st.integers(0, 4),
)
def test_smallest_below_matches_enumeration(arrivals: tuple[int, ...], table: int, required: int) -> None:
    truth = TruthTable.from_bits(N, [table])
    timing = Timing(arrivals, (required,))
    events = list(smallest_below(truth, "b2", "minisat22", MAX_GATES + 1, timing))
    found = [e.circuit for e in events if isinstance(e, Found)]
    bound = max(e.value for e in events if isinstance(e, Bound))
    want = expected_minimum(fewest_gates(arrivals), table, required)
    for circuit in found:
        assert circuit.computes(truth) and meets(circuit, timing)
    if want is None:
        assert not found and bound == MAX_GATES + 1
    else:
        assert found and found[-1].size == want and bound == want


def test_arrival_times_change_the_answer() -> None:
    """AND of three inputs, one arriving late: depth 2 overall is only possible with the late input on top."""
    truth = TruthTable.from_bits(3, [0x80])
    late_last = Timing((0, 0, 1), (2,))
    circuit = next(e.circuit for e in smallest_below(truth, "b2", "minisat22", 3, late_last) if isinstance(e, Found))
    assert circuit.size == 2 and output_levels(circuit, late_last.arrivals) == [2]
    too_late = Timing((0, 0, 2), (2,))
    events = list(smallest_below(truth, "b2", "minisat22", 5, too_late))
    assert not any(isinstance(e, Found) for e in events)
    assert max(e.value for e in events if isinstance(e, Bound)) == 5


def test_per_output_required_times() -> None:
    """Full adder: the sum can be due at level 2 (XOR3 has depth 2), the carry cannot (MAJ3 needs 3)."""
    truth = TruthTable.from_bits(3, [0x96, 0xE8])
    for required in ((2, 3), (3, 3)):
        timing = Timing((0, 0, 0), required)
        found = [e.circuit for e in smallest_below(truth, "b2", "cadical195", 8, timing) if isinstance(e, Found)]
        assert found, required
        assert meets(found[-1], timing) and found[-1].computes(truth)
    events = list(smallest_below(truth, "b2", "cadical195", 8, Timing((0, 0, 0), (3, 2))))
    assert not any(isinstance(e, Found) for e in events)
    assert max(e.value for e in events if isinstance(e, Bound)) == 8

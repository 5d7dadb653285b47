"""Arrival and required times: depth constraints for a circuit that is part of a larger one.

A sub-circuit replaced inside a bigger circuit does not start at level 0: each of its inputs arrives
at the level of the node that drives it, and each of its outputs must be ready early enough for the
paths that leave it. ``Timing`` carries both, in gates: input j is at level ``arrivals[j]``, a gate is
one level above its deeper fanin, and output h's level must not exceed ``required[h]``. Plain depth
≤ d is the special case of arrivals 0 and every required time d.

The searches below answer "is there a circuit of fewer than ``below`` gates meeting the timing, and
which is the smallest?", the question a local improvement step asks of one window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.truthtable import TruthTable
from sat_encoding.bounds import fanout_limits, size_lower_bound
from sat_encoding.exact import gate_free_circuit, solve_exact_size
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.runner import Bound, Event, Found
from sat_encoding.size import size_search
from sat_encoding.spec import SynthesisSpec, prepare, support


@dataclass(frozen=True)
class Timing:
    """Arrival time per input and required time per output of a table, in gate levels."""

    arrivals: tuple[int, ...]
    required: tuple[int, ...]

    def check(self, table: TruthTable) -> None:
        """Reject timings that do not fit the table (one line, as for every bad input)."""
        if len(self.arrivals) != table.n or len(self.required) != table.m:
            raise InputError(
                f"timing has {len(self.arrivals)} arrivals and {len(self.required)} required times "
                f"for a table of {table.n} inputs and {table.m} outputs"
            )
        if any(a < 0 for a in self.arrivals):
            raise InputError("arrival times must be at least 0")

    def target_required(self, spec: SynthesisSpec) -> list[int]:
        """Per target of ``spec``: the tightest required time of the outputs it serves."""
        bounds = [max(self.required) for _ in spec.targets]
        for h, t in enumerate(spec.target_of_output):
            if t is not None:
                bounds[t] = min(bounds[t], self.required[h])
        return bounds

    @property
    def horizon(self) -> int:
        """No gate of an irredundant circuit meeting the timing is above this level."""
        return max(self.required, default=0)


def output_levels(circuit: Circuit, arrivals: tuple[int, ...]) -> list[int]:
    """The level of every output of ``circuit`` when its inputs arrive at ``arrivals`` (constants: 0)."""
    level = list(arrivals) + [0] * circuit.size
    for k, gate in enumerate(circuit.gates):
        level[circuit.inputs + k] = 1 + max(level[f] for f in gate.fanins)
    return [0 if out.node is None else level[out.node] for out in circuit.outputs]


def meets(circuit: Circuit, timing: Timing) -> bool:
    """Whether every output of ``circuit`` is ready by its required time."""
    return all(got <= want for got, want in zip(output_levels(circuit, timing.arrivals), timing.required))


def kraft_feasible(spec: SynthesisSpec, timing: Timing) -> bool:
    """A necessary condition for any circuit to meet the timing, whatever its size.

    A gate at level t unfolds into a binary tree in which an input arriving at a_j sits at depth at
    most t − a_j, so the inputs a target depends on satisfy Σ 2^(a_j − t) ≤ 1 (Kraft's inequality).
    Gate-free outputs are inputs or constants and meet any required time at or above their arrival.
    """
    for bound, target in zip(timing.target_required(spec), spec.targets):
        inputs = support(spec.n, target.bits, target.care)
        if sum(2.0 ** (timing.arrivals[j] - bound) for j in inputs) > 1.0:
            return False
    for h, fixed in enumerate(spec.fixed_outputs):
        if fixed is not None and fixed.node is not None and timing.arrivals[fixed.node] > timing.required[h]:
            return False
    return True


def smallest_below(
    table: TruthTable, basis: str, solver: str, below: int, timing: Timing | None = None
) -> Iterator[Event]:
    """Events of the search for the smallest circuit of fewer than ``below`` gates (meeting ``timing``).

    ``Bound("size", k)`` proves that no such circuit has fewer than k gates; once a bound reaches
    ``below`` none exists at all. A ``Found`` circuit has fewer than ``below`` gates; the search ends
    at the first one the bounds prove minimal, so a search that is not cut ends either with a proven
    minimum or with a bound of ``below``.
    """
    if timing is None:
        yield from _capped(size_search(table, basis, solver), below)
        return
    timing.check(table)
    spec = prepare(table, basis)
    if not kraft_feasible(spec, timing):
        yield Bound("size", below)
        return
    if not spec.targets:
        yield Bound("size", 0)
        if below > 0:
            yield Found(gate_free_circuit(spec))
        return
    lower = size_lower_bound(spec)
    yield Bound("size", min(lower, below))
    quick = heuristic_circuit(table, basis)
    ceiling = below
    if quick.size < below and meets(quick, timing):
        yield Found(quick)
        ceiling = quick.size
    for gates in range(lower, ceiling):
        circuit = solve_exact_size(spec, gates, solver, timing=timing, fanout_limits=fanout_limits(spec, gates))
        if circuit is not None:
            yield Found(circuit)
            return
        yield Bound("size", gates + 1)


def _capped(events: Iterator[Event], below: int) -> Iterator[Event]:
    """Pass a size search's events on, dropping circuits not below the cap and stopping at it."""
    for event in events:
        if isinstance(event, Bound):
            yield Bound(event.measure, min(event.value, below))
            if event.value >= below:
                return
        elif event.circuit.size < below:
            yield event

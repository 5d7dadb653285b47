"""Simulation under interventions: the engine of every causal metric.

An interchange intervention on a Boolean circuit sets a wire to the value it takes on another input.
Over the whole truth table at once that is "force this node's table, re-simulate what lies above
it", so IIA, fault robustness and the DP high-level model all reduce to one bit-parallel
re-simulation with overrides. Kept apart from ``Circuit.simulate`` (which caches the unpatched
tables) so that patching can never corrupt the circuit's own cache.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from circuits.circuit import Circuit, apply_op
from circuits.truthtable import full_mask


def node_tables(
    circuit: Circuit,
    overrides: Mapping[int, int] | None = None,
    inputs: Sequence[int] | None = None,
    base: Sequence[int] | None = None,
) -> list[int]:
    """Every node's table with ``overrides`` (node -> forced table) applied.

    ``inputs`` replaces the input tables (a decoy formulation feeds renamed inputs); ``base`` is an
    unpatched simulation of the same circuit and inputs, from which only the nodes at or above the
    first overridden node are recomputed.
    """
    mask = full_mask(circuit.inputs)
    overrides = overrides or {}
    n = circuit.inputs
    if base is not None:
        start = min(overrides, default=len(base))
        tables = list(base[:start])
    else:
        start = 0
        tables = []
    if start < n:
        source = inputs if inputs is not None else (base if base is not None else circuit.simulate())
        for j in range(start, n):
            tables.append(overrides.get(j, source[j]))
    for k in range(max(start, n) - n, len(circuit.gates)):
        node = n + k
        forced = overrides.get(node)
        if forced is not None:
            tables.append(forced)
            continue
        gate = circuit.gates[k]
        tables.append(apply_op(gate.op, tables[gate.fanins[0]], tables[gate.fanins[1]], mask))
    return tables


def output_tables(circuit: Circuit, tables: Sequence[int]) -> list[int]:
    """The circuit's output tables read off a (possibly patched) node simulation."""
    return circuit.read_outputs(tables)


def agreement(left: Sequence[int], right: Sequence[int], mask: int) -> int:
    """Rows on which every output of ``left`` equals the matching output of ``right``."""
    differ = 0
    for a, b in zip(left, right):
        differ |= a ^ b
    return mask & ~differ

"""Optimal circuits of every function of up to 3 inputs, synthesized by the tool itself at first use.

In bases where negations are free (b2, aig, xaig) one circuit per NPN class is synthesized and every
other function gets a relabelled copy: permuting and complementing inputs and complementing the
output keep the size. The monotone basis has no such freedom and is synthesized function by
function (20 monotone 3-input functions). Used as exact leaves by the heuristic.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from functools import lru_cache
from typing import Iterator, Sequence

from circuits.basis import get_basis, negate_fanin
from circuits.circuit import Circuit, Gate, Output
from circuits.npn import npn_canonical
from circuits.truthtable import TruthTable, full_mask
from sat_encoding.exact import minimum_by_sat
from sat_encoding.solvers import DEFAULT_SOLVER
from sat_encoding.spec import monotone_extension, prepare

LIBRARY_INPUTS = 3


def relabel(circuit: Circuit, sources: tuple[int, ...], negated: tuple[bool, ...], flip_output: bool) -> Circuit:
    """The circuit with its input i read from input ``sources[i]`` (complemented where ``negated[i]``),
    its outputs complemented when ``flip_output``; complements fold into the readers' ops."""
    n = circuit.inputs
    gates = []
    for gate in circuit.gates:
        op = gate.op
        fanins = []
        for side, fanin in enumerate(gate.fanins):
            if fanin < n:
                if negated[fanin]:
                    op = negate_fanin(op, side)
                fanins.append(sources[fanin])
            else:
                fanins.append(fanin)
        gates.append(Gate(op, (fanins[0], fanins[1])))
    outputs = []
    for out in circuit.outputs:
        if out.node is None:
            outputs.append(Output(None, False, out.value ^ flip_output))
        elif out.node < n:
            outputs.append(Output(sources[out.node], out.negated ^ negated[out.node] ^ flip_output))
        else:
            outputs.append(Output(out.node, out.negated ^ flip_output))
    return Circuit(n, tuple(gates), tuple(outputs), circuit.basis)


def expand(circuit: Circuit, group: Sequence[tuple[int, ...]], table: TruthTable) -> Iterator[Circuit]:
    """``circuit`` relabelled by every permutation of ``group`` (Aut(f)), each verified against
    ``table``. A permutation that maps a free-polarity output to its complement is answered by
    complementing that output, which costs nothing."""
    unchanged = (False,) * circuit.inputs
    for perm in group:
        image = relabel(circuit, perm, unchanged, False)
        outputs = list(image.outputs)
        for h, bits in enumerate(image.output_tables()):
            out = outputs[h]
            if out.node is not None and not table.matches(h, bits):
                outputs[h] = Output(out.node, not out.negated)
        yield replace(image, outputs=tuple(outputs), _tables=None).verify(table)


def transformed_table(bits: int, n: int, sources: tuple[int, ...], negated: tuple[bool, ...]) -> int:
    """The table of g(y) = f(x) with x_i = y_sources[i] XOR negated[i] (what ``relabel`` computes)."""
    out = 0
    for row in range(1 << n):
        source = sum((((row >> sources[i]) & 1) ^ negated[i]) << i for i in range(n))
        out |= ((bits >> source) & 1) << row
    return out


@lru_cache(maxsize=None)
def class_circuits(basis_name: str) -> dict[int, Circuit]:
    """Optimal circuits of the NPN class representatives (monotone basis: of every monotone function)."""
    basis = get_basis(basis_name)
    count = 1 << (1 << LIBRARY_INPUTS)
    if basis.free_output_negation:
        reps = sorted({npn_canonical(f, LIBRARY_INPUTS) for f in range(count)})
    else:
        mask = full_mask(LIBRARY_INPUTS)
        reps = [f for f in range(count) if monotone_extension(LIBRARY_INPUTS, f, mask) == f]
    return {rep: _optimum(TruthTable.from_bits(LIBRARY_INPUTS, [rep]), basis_name) for rep in reps}


def _optimum(table: TruthTable, basis_name: str) -> Circuit:
    """A minimum circuit of a function of at most 3 inputs, by SAT calls from one gate up (cheap here)."""
    return minimum_by_sat(prepare(table, basis_name), 1, DEFAULT_SOLVER).verify(table)


@lru_cache(maxsize=None)
def optimal_small_circuit(bits: int, basis_name: str) -> Circuit:
    """An optimal circuit for the 3-input function ``bits`` in ``basis_name``."""
    circuits = class_circuits(basis_name)
    if bits in circuits:
        return circuits[bits]
    n = LIBRARY_INPUTS
    mask = full_mask(n)
    rep = npn_canonical(bits, n)
    for perm in itertools.permutations(range(n)):
        for neg in range(1 << n):
            negated = tuple(bool((neg >> i) & 1) for i in range(n))
            # The representative's circuit, relabelled, computes transformed_table(rep, ...).
            moved = transformed_table(rep, n, perm, negated)
            for flip in (False, True):
                if moved ^ (mask if flip else 0) == bits:
                    return relabel(circuits[rep], perm, negated, flip)
    raise AssertionError(f"no NPN transform maps {bits:#x} to its class representative")

"""One encoded instance kept in one solver: solved, refined by counterexample rows, and re-solved.

Used wherever the same instance is asked for several circuits (enumeration, null sampling): each
found circuit is blocked structurally (its fanin pairs, ops and output choices), so the solver moves
on to a different structure instead of returning the same one again.
"""

from __future__ import annotations

import random
from typing import Mapping, Sequence

from pysat.solvers import Solver

from circuits.circuit import Circuit
from sat_encoding.encoding import CircuitEncoding, encode
from sat_encoding.solvers import add_clauses, backend_for
from sat_encoding.spec import SynthesisSpec
from sat_encoding.split import Cube

INITIAL_ROWS = 8
ROWS_PER_ROUND = 4


def failing_rows(circuit: Circuit, spec: SynthesisSpec) -> list[int]:
    """Care rows on which ``circuit`` disagrees with the specification."""
    wrong = 0
    for h, bits in enumerate(circuit.output_tables()):
        wrong |= (bits ^ spec.table.outputs[h]) & spec.table.care[h]
    return [r for r in range(spec.table.rows) if (wrong >> r) & 1]


def spread_rows(spec: SynthesisSpec, count: int) -> list[int]:
    """A spread-out first sample of rows for the counterexample-guided loop."""
    rows = list(spec.rows)
    if len(rows) <= count:
        return rows
    step = len(rows) / count
    return [rows[int(i * step)] for i in range(count)]


class IncrementalInstance:
    """``gates`` gates (depth ≤ ``max_depth``) for ``spec``, in one incremental solver.

    Only the always-on symmetry breaking is used unless ``break_input_symmetry`` asks for the
    symmetric-input rule (enumerate.py expands its orbit representatives again); ``fanout_limits``
    hold for every circuit of this size; ``within`` restricts the instance to some cubes (split.py).
    """

    def __init__(
        self,
        spec: SynthesisSpec,
        gates: int,
        solver: str,
        max_depth: int | None = None,
        seed: int | None = None,
        *,
        break_input_symmetry: bool = False,
        fanout_limits: Mapping[int, int] | None = None,
        within: Sequence[Cube] | None = None,
    ) -> None:
        self.spec = spec
        self.encoding: CircuitEncoding = encode(
            spec,
            gates,
            max_depth,
            rows=spread_rows(spec, INITIAL_ROWS),
            break_input_symmetry=break_input_symmetry,
            fanout_limits=fanout_limits,
        )
        if within is not None:
            self.encoding.exclude_cubes_outside(within)
        self.sat = Solver(name=backend_for(solver, spec.n))
        self.added = 0
        self.seed = seed
        self._last_model: set[int] = set()

    def close(self) -> None:
        self.sat.delete()

    def __enter__(self) -> "IncrementalInstance":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _flush(self) -> None:
        add_clauses(self.sat, self.encoding.clauses[self.added :])
        self.added = len(self.encoding.clauses)

    def _randomize(self) -> None:
        """Random preferred phases, so that repeated sampling explores different structures."""
        if self.seed is None:
            return
        rng = random.Random(self.seed + self.added)
        self.sat.set_phases([v if rng.random() < 0.5 else -v for v in range(1, self.encoding.top + 1)])

    def solve(self) -> Circuit | None:
        """A verified circuit satisfying the instance and every block so far, or None if none is left."""
        while True:
            self._flush()
            self._randomize()
            if not self.sat.solve():
                return None
            model = self.sat.get_model()
            circuit = self.encoding.decode(model)
            wrong = failing_rows(circuit, self.spec)
            if not wrong:
                self._last_model = set(v for v in model if v > 0)
                return circuit.verify(self.spec.table)
            self.encoding.add_rows(wrong[:ROWS_PER_ROUND])

    def block(self, circuit: Circuit) -> None:
        """Forbid ``circuit``'s structure (a circuit the solver never returned: a relabelled image
        of one it did); nothing to do when it is no model of this instance."""
        clause = self.encoding.structure_clause(circuit)
        if clause is not None:
            self.encoding.clauses.append(clause)

    def block_last(self) -> None:
        """Forbid the structure of the last circuit returned (selections, ops, output choices)."""
        true = self._last_model
        enc = self.encoding
        clause: list[int] = []
        for i in range(enc.gates):
            clause.extend(-int(v) for v in enc.sel_vars[i] if int(v) in true)
            clause.extend(-v if v in true else v for v in enc.op_vars[i])
        for outs in enc.out_vars:
            clause.extend(-v for v in outs if v in true)
        enc.clauses.append(clause)

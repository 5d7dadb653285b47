"""The check after every accepted step: the new circuit computes exactly what the original did.

Up to 16 inputs the output truth tables are compared (simulation is exact and fast there). Above,
a miter goes to a SAT solver: both circuits over shared inputs, an XOR per output pair, and the
question whether some input makes any XOR true. UNSAT proves equivalence. The check is the project's
own (python-sat), independent of the library whose results it checks (aigverse, global_pass.py), and
it handles every basis without translating to an AIG first.
"""

from __future__ import annotations

from pysat.solvers import Solver

from circuits.circuit import Circuit
from circuits.errors import VerificationError
from circuits.improve.cnf import Cnf
from circuits.improve.simulation import MAX_SIMULATED_INPUTS

#: The solver of the miter (CaDiCaL: the project's choice for instances beyond 4 inputs).
MITER_SOLVER = "cadical195"


def counterexample(original: Circuit, candidate: Circuit) -> int | None:
    """An input row (bit j = x_j) on which the circuits differ, or None when they are equivalent."""
    if original.inputs != candidate.inputs or len(original.outputs) != len(candidate.outputs):
        raise VerificationError("the circuits have different numbers of inputs or outputs")
    if original.inputs <= MAX_SIMULATED_INPUTS:
        wrong = 0
        for a, b in zip(original.output_tables(), candidate.output_tables()):
            wrong |= a ^ b
        return None if wrong == 0 else (wrong & -wrong).bit_length() - 1
    cnf = Cnf()
    inputs = [cnf.fresh() for _ in range(original.inputs)]
    left = cnf.outputs(original, cnf.circuit(original, inputs))
    right = cnf.outputs(candidate, cnf.circuit(candidate, inputs))
    cnf.clauses.append([cnf.xor(a, b) for a, b in zip(left, right)])
    with Solver(name=MITER_SOLVER, bootstrap_with=cnf.clauses) as sat:
        if not sat.solve():
            return None
        model = set(v for v in sat.get_model() if v > 0)
    return sum(1 << j for j, var in enumerate(inputs) if var in model)


def check_equivalent(original: Circuit, candidate: Circuit) -> None:
    """Raise VerificationError (a bug, never a user error) unless the circuits are equivalent."""
    row = counterexample(original, candidate)
    if row is not None:
        raise VerificationError(f"the improved circuit differs from the original on input row {row}")

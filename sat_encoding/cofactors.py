"""Lower bounds on the cost of restrictions f|x_j=c, from the exact optima of all 3-input functions.

Gate elimination: fixing an input x_j of a circuit to a constant turns every gate that reads x_j into
a constant or a (complemented) literal, which costs nothing, so the rest of the circuit computes
f|x_j=c with at least one gate fewer when f depends on x_j and is not itself a literal. Hence
C(f) ≥ C(f|x_j=c) + 1, and in a circuit of k gates at most k − C(f|x_j=c) gates read x_j.

C of a 3-input function is read from a table of all 256 optima that the tool computes itself, once
per process and basis (library.py: one exact synthesis per NPN class). Fully specified 4-input
restrictions are synthesized exactly (in b2 and xaig, memoized per NPN class), 5-input ones as far
as a conflict budget allows; larger ones get the same bound recursively. A don't-care row may be
completed either way, so an incompletely specified function costs the minimum over its completions.

Every cost proven here is kept (kept_bounds.py: by the class representative, whose cost is the
class's in these bases) and every restriction's kept bound is used, so a study proves each
restriction's cost once, not once per job and worker, and a bound proven by a long search of a
restriction (a 6-input problem solved on its own, say) strengthens every larger function that
restricts to it, whatever the number of inputs fixed on the way down.
"""

from __future__ import annotations

from functools import lru_cache

from circuits.basis import get_basis
from circuits.circuit import constant_or_literal_output
from circuits.npn import npn_canonical
from circuits.truthtable import TruthTable, full_mask
from sat_encoding.library import LIBRARY_INPUTS as TABLE_INPUTS
from sat_encoding.library import class_circuits
from sat_encoding.exact import BudgetExhausted, minimum_by_sat, solve_exact_size
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.kept_bounds import keep_bound, kept_bound, kept_circuit
from sat_encoding.solvers import DEFAULT_SOLVER
from sat_encoding.spec import SynthesisSpec, prepare, support

#: Fully specified restrictions of one input more are synthesized exactly (memoized per NPN class)
#: in these bases, where 4-input optima take well under a second, and those of two inputs more by a
#: search whose every call is limited to BUDGET_CONFLICTS conflicts; elsewhere the bound recurses.
EXACT_BASES = ("b2", "xaig")
BUDGET_CONFLICTS = 5_000
#: Cost of a table entry no circuit of the basis can realize (a non-monotone function in ``mono``).
UNREALIZABLE = 1 << 10


def restrict(n: int, bits: int, j: int, value: int) -> int:
    """The (n-1)-input table of f with x_j fixed to ``value`` (inputs above j move down by one)."""
    out = 0
    low = (1 << j) - 1
    for row in range(1 << (n - 1)):
        source = (row & low) | (value << j) | ((row & ~low) << 1)
        out |= ((bits >> source) & 1) << row
    return out


@lru_cache(maxsize=None)
def small_costs(basis_name: str) -> tuple[int, ...]:
    """The minimum size of every 3-input function in ``basis_name`` (from library.py)."""
    circuits = class_circuits(basis_name)
    count = 1 << (1 << TABLE_INPUTS)
    if get_basis(basis_name).free_output_negation:
        return tuple(circuits[npn_canonical(f, TABLE_INPUTS)].size for f in range(count))
    return tuple(circuits[f].size if f in circuits else UNREALIZABLE for f in range(count))


@lru_cache(maxsize=1 << 16)
def cost_lower_bound(n: int, bits: int, care: int, basis_name: str) -> int:
    """A proven lower bound on the minimum size of (bits, care); exact when n ≤ 3."""
    bits &= care
    if n <= TABLE_INPUTS:
        return _table_cost(n, bits, care, basis_name)
    if constant_or_literal_output(n, bits, care, get_basis(basis_name).free_output_negation) is not None:
        return 0  # no gate at all, so none reads the input it depends on
    if n == TABLE_INPUTS + 1 and care == full_mask(n) and basis_name in EXACT_BASES:
        return _exact_cost(npn_canonical(bits, n), n, basis_name)
    if n == TABLE_INPUTS + 2 and care == full_mask(n) and basis_name in EXACT_BASES:
        return _budgeted_cost(npn_canonical(bits, n), n, basis_name)
    kept = kept_bound(TruthTable.from_bits(n, [bits], [care]), basis_name)
    return max(_recursive_bound(n, bits, care, basis_name), 0 if kept is None else kept.lower)


def _recursive_bound(n: int, bits: int, care: int, basis_name: str) -> int:
    relevant = support(n, bits, care)
    bound = len(relevant) - 1 if relevant else 0
    for j in relevant:
        for value in (0, 1):
            sub = cost_lower_bound(n - 1, restrict(n, bits, j, value), restrict(n, care, j, value), basis_name)
            bound = max(bound, sub + 1)
    return bound


@lru_cache(maxsize=None)
def _budgeted_cost(representative: int, n: int, basis_name: str) -> int:
    """The minimum of a 5-input function if a conflict-limited search settles it, else the bound it proved.

    Every size below the answer is refuted with a budget of ``BUDGET_CONFLICTS`` conflicts per call;
    the first budget overrun ends the search with the sizes refuted so far. The search starts from
    the kept bound, and what it proves is kept.
    """
    table = TruthTable.from_bits(n, [representative])
    kept = kept_bound(table, basis_name)
    if kept is not None and kept.exact:
        return kept.lower
    spec = prepare(table, basis_name)
    if not spec.targets:
        return 0
    bound = max(_recursive_bound(n, representative, full_mask(n), basis_name), 0 if kept is None else kept.lower)
    upper = kept_circuit(kept, table, basis_name) or heuristic_circuit(table, basis_name)
    while bound < upper.size:
        try:
            found = solve_exact_size(spec, bound, DEFAULT_SOLVER, conflicts=BUDGET_CONFLICTS)
        except BudgetExhausted:
            break
        if found is not None:
            upper = found
            break
        bound += 1
    keep_bound(table, basis_name, bound, DEFAULT_SOLVER, upper)
    return bound


@lru_cache(maxsize=None)
def _exact_cost(representative: int, n: int, basis_name: str) -> int:
    """The minimum size of a fully specified function, by SAT calls from its recursive (or kept) bound up."""
    table = TruthTable.from_bits(n, [representative])
    kept = kept_bound(table, basis_name)
    if kept is not None and kept.exact:
        return kept.lower
    spec = prepare(table, basis_name)
    start = max(_recursive_bound(n, representative, full_mask(n), basis_name), 0 if kept is None else kept.lower)
    circuit = minimum_by_sat(spec, start, DEFAULT_SOLVER, lambda gates: fanout_limits(spec, gates))
    keep_bound(table, basis_name, circuit.size, DEFAULT_SOLVER, circuit)
    return circuit.size


def _table_cost(n: int, bits: int, care: int, basis_name: str) -> int:
    """Exact minimum over all completions, with the table (smaller n padded with unused inputs)."""
    table = small_costs(basis_name)
    spread = 1 << (TABLE_INPUTS - n)  # a function of n inputs repeated over the unused ones
    rows = 1 << n
    free = [r for r in range(rows) if not (care >> r) & 1]
    best = UNREALIZABLE
    for pick in range(1 << len(free)):
        completion = bits
        for i, r in enumerate(free):
            if (pick >> i) & 1:
                completion |= 1 << r
        padded = sum(completion << (rows * s) for s in range(spread))
        best = min(best, table[padded])
    return best if best < UNREALIZABLE else 0


def cofactor_costs(spec: SynthesisSpec) -> list[int]:
    """Per input j: a lower bound on the cost of the circuit that remains when x_j is fixed."""
    n = spec.n
    if n <= TABLE_INPUTS:
        return [0] * n  # the table itself is built from these sizes: no recursion through it
    costs = []
    for j in range(n):
        worst = 0
        for target in spec.targets:
            for value in (0, 1):
                bits = restrict(n, target.bits, j, value)
                care = restrict(n, target.care, j, value)
                worst = max(worst, cost_lower_bound(n - 1, bits, care, spec.basis.name))
        costs.append(worst)
    return costs


def fanout_limits(spec: SynthesisSpec, gates: int) -> dict[int, int]:
    """Per input: the most gates that can read it in a circuit of ``gates`` gates (gate elimination)."""
    return {j: max(0, gates - cost) for j, cost in enumerate(cofactor_costs(spec)) if cost > 0}

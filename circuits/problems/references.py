"""Reference circuits for a search problem (docs/problems.md, reference circuits): the calibration points of the analyzer.

* ``brute_force`` — generate and test: one verifier per candidate (built in order, with structural
  hashing so candidates that share a prefix share its gates), then a balanced OR tree (exists) or a
  balanced priority-selection tree (first/argmax) whose internal wires are the partial results
  "some candidate of this block passes" and "the answer within this block".
* ``dp`` — a dynamic-programming / propagation circuit, for problems whose definition has a natural
  recurrence (paths, layers, shortest length, best-so-far, running counts); absent otherwise.
  ``dp-<variant>`` — other DP circuits over the same states (PATH: meet in the middle).
* ``dnf`` — the exact minimum sum of products of every output (``sop``), products shared.
* ``lookup`` — a Shannon decomposition on x(n−1), …, x0 with identical sub-tables merged (a reduced
  ordered decision diagram written as muxes): the "memorized table" end of the spectrum.

All are b2 circuits, each verified against the problem's truth table before it is returned.
Labels record which nodes play which role, for the analyzer's tests and for diagrams.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from circuits.circuit import Circuit
from circuits.problems.builder import ONE, ZERO, Built, CircuitBuilder, Signal
from circuits.problems.model import SearchProblem, answer_codes, selection_table
from circuits.problems.sop import minimum_cover
from circuits.problems.tables import cube_literals, literal, permute_table, union
from circuits.truthtable import full_mask

REFERENCE_NAMES = ("brute_force", "dp", "dnf", "lookup")


@dataclass(frozen=True)
class Reference:
    """One verified reference circuit with its role labels (label -> node indices)."""

    name: str
    circuit: Circuit
    labels: dict[str, frozenset[int]]
    note: str


def reference_circuits(problem: SearchProblem) -> dict[str, Circuit]:
    """The verified reference circuits by name (``dp`` only where natural)."""
    return {name: ref.circuit for name, ref in references(problem).items()}


def reference_annotations(problem: SearchProblem, circuit_name: str) -> dict[str, set[int]]:
    """Which nodes of a reference circuit play which role.

    Keys: ``verifier:<candidate>`` (the node computing that candidate's verifier), ``verifier`` (all
    of them) and ``verifier_gates`` (every gate inside the verifier circuits) for the brute force, ``union`` (OR-tree gates of an
    exists aggregation or of a DNF), ``selection`` (priority-tree gates), ``implicant`` (DNF
    products), ``mux`` (lookup), ``dp`` (DP gates), and ``state:<name>`` / ``state`` for every node
    whose table equals a declared state predicate (either polarity, in any reference).
    """
    refs = references(problem)
    if circuit_name not in refs:
        raise KeyError(f"{problem.name} has no {circuit_name!r} reference; it has {', '.join(refs)}")
    return {label: set(nodes) for label, nodes in refs[circuit_name].labels.items()}


@lru_cache(maxsize=128)
def references(problem: SearchProblem) -> dict[str, Reference]:
    """Build, verify and label every reference circuit of ``problem`` (cached per problem)."""
    spec = problem.truth_table()
    built: dict[str, tuple[Built, str]] = {
        "brute_force": (_brute_force(problem), _brute_force_note(problem, problem.verifier_circuit is not None)),
    }
    for reference in problem.dp_references:
        gates = frozenset(range(problem.n, reference.circuit.num_nodes))
        built[reference.name] = (Built(reference.circuit, {"dp": gates} if gates else {}), reference.note)
    built["dnf"] = (_dnf(problem), "minimum sum of products of each output (exact: all primes + MaxSAT cover)")
    built["lookup"] = (_lookup(problem), "Shannon mux tree on x(n-1)..x0 with equal sub-tables merged")
    result = {}
    for name, (item, note) in built.items():
        item.circuit.verify(spec)
        labels = dict(item.labels) | _state_labels(problem, item.circuit)
        result[name] = Reference(name, item.circuit, labels, note)
    return result


def _builder(problem: SearchProblem) -> CircuitBuilder:
    return CircuitBuilder(problem.n, problem.input_names)


def _brute_force_note(problem: SearchProblem, structured: bool) -> str:
    how = "definition's verifier circuits" if structured else "balanced AND of literals (or minimum SOP) per verifier"
    tree = "balanced OR tree" if problem.mode == "exists" else "balanced priority-selection tree"
    return f"{problem.m} verifiers ({how}), then a {tree}"


# -- brute force -------------------------------------------------------------------------------
def _brute_force(problem: SearchProblem) -> Built:
    b = _builder(problem)
    leaves = _leaf_tables(problem)
    with b.phase("verifier_gates"):
        if problem.verifier_circuit is not None and leaves == problem.verifier_tables():
            signals = b.include(problem.verifier_circuit)
        else:
            signals = [table_signal(b, problem, table) for table in leaves]
    return _aggregate(b, problem, signals)


def _aggregate(b: CircuitBuilder, problem: SearchProblem, signals: Sequence[Signal]) -> Built:
    """Tag the verifier signals, then join them by the exists or the selection tree."""
    for candidate, signal in zip(problem.candidates, signals):
        b.tag(f"verifier:{candidate.name}", signal)
        b.tag("verifier", signal)
    if problem.mode == "exists":
        with b.phase("union"):
            outputs = [b.or_all(signals)]
    else:
        with b.phase("selection"):
            outputs = _selection_tree(b, problem, signals)
    return b.finish(outputs, problem.output_names or None)


def _leaf_tables(problem: SearchProblem) -> tuple[int, ...]:
    """What each leaf of the brute-force tree tests. The priority tree picks the first passing leaf,
    which is the declared answer when the selections are 'first passing verifier' (every first-mode
    problem, and argmax with ties to the lowest index); otherwise the leaves are the selections."""
    first_passing = all(
        selection_table(problem, i) == c.verifier & ~union(problem.verifier_tables()[:i])
        for i, c in enumerate(problem.candidates)
    )
    if first_passing:
        return problem.verifier_tables()
    return tuple(selection_table(problem, i) for i in range(problem.m))


def table_signal(b: CircuitBuilder, problem: SearchProblem, table: int) -> Signal:
    """A generic verifier circuit for a table: a balanced AND of its literals when it is a cube
    (goal inputs first, so candidates with the same goal share the goal test), else its minimum SOP."""
    n = problem.n
    if table == 0:
        return ZERO
    if table == full_mask(n):
        return ONE
    literals = cube_literals(n, table)
    if literals is not None:
        order = {j: (0 if j in problem.goal_inputs else 1, j) for j in range(n)}
        ordered = sorted(literals, key=lambda lit: order[lit[0]])
        return b.and_all([b.input(j, positive) for j, positive in ordered])
    return b.or_all([b.and_all([b.input(j, pos) for j, pos in imp.literals(n)]) for imp in minimum_cover(n, table)])


def _selection_tree(b: CircuitBuilder, problem: SearchProblem, leaves: Sequence[Signal]) -> list[Signal]:
    """A balanced priority tree: each block returns (some leaf passes, answer bits of its first
    passing leaf); a block prefers its left half. The root's answer is used where a leaf passes,
    the 'none' code elsewhere (zeros when some leaf always passes). Gating by the root's bit even
    then keeps every verifier in the circuit: logic could infer the last candidate from the others
    failing, but a generate-and-test circuit tests every candidate."""
    codes, none = answer_codes(problem)
    width = len(problem.outputs)

    def block(lo: int, hi: int) -> tuple[Signal, list[Signal]]:
        if hi - lo == 1:
            return leaves[lo], [ONE if bit else ZERO for bit in codes[lo]]
        mid = lo + (hi - lo + 1) // 2
        any_left, code_left = block(lo, mid)
        any_right, code_right = block(mid, hi)
        merged = [b.mux(any_left, code_left[h], code_right[h]) for h in range(width)]
        return b.or_(any_left, any_right), merged

    any_all, code = block(0, len(leaves))
    fallback = none if none is not None else (0,) * width
    return [b.mux(any_all, code[h], ONE if fallback[h] else ZERO) for h in range(width)]


# -- objective archetypes (goal-as-input problems) ------------------------------------------------
ARCHETYPE_NAMES = ("goal_after_candidates", "goal_folded")


@lru_cache(maxsize=32)
def objective_archetypes(problem: SearchProblem) -> dict[str, Circuit]:
    """Two verified generate-and-test circuits of a goal-as-input problem that differ only in where
    the goal enters (docs/analyzer.md, the objective axis O); empty without goal inputs.

    Both build every verifier from its goal slices V_c(·, g) (one per goal value, as its minimum
    sum of products over the data inputs) and aggregate like the brute force. In
    ``goal_after_candidates`` each slice is computed without the goal and only then tested against
    the decoded goal: the candidate computations sit upstream of a goal comparison. In
    ``goal_folded`` every product starts from the decoded goal and ANDs the data literals onto it
    one by one, so the goal meets the raw data at the first gate of every verifier. Kept apart from
    the reference circuits, which calibrate S and decide identifiability.
    """
    if not problem.goal_inputs:
        return {}
    leaves = _leaf_tables(problem)
    spec = problem.truth_table()
    result = {}
    for name, folded in zip(ARCHETYPE_NAMES, (False, True)):
        b = _builder(problem)
        with b.phase("verifier_gates"):
            signals = [_goal_sliced(b, problem, table, folded) for table in leaves]
        circuit = _aggregate(b, problem, signals).circuit
        circuit.verify(spec)
        result[name] = circuit
    return result


def _goal_sliced(b: CircuitBuilder, problem: SearchProblem, table: int, folded: bool) -> Signal:
    """OR over goal values g of [goal = g] AND V(·, g), the slice as a minimum SOP over the data."""
    n, goals = problem.n, problem.goal_inputs
    mask = full_mask(n)
    terms = []
    for value in range(1 << len(goals)):
        # The slice as a table of the data inputs alone: every row reads the goal value's row.
        slice_table = 0
        for row in range(1 << n):
            if (table >> _with_goal(row, goals, value)) & 1:
                slice_table |= 1 << row
        if not slice_table:
            continue
        goal_literals = [b.input(j, bool((value >> k) & 1)) for k, j in enumerate(goals)]
        products = [imp.literals(n) for imp in minimum_cover(n, slice_table)] if slice_table != mask else [()]
        if folded:
            for literals in products:
                term = b.and_all(goal_literals)
                for j, positive in literals:
                    term = b.and_(term, b.input(j, positive))
                terms.append(term)
        else:
            data = b.or_all([b.and_all([b.input(j, pos) for j, pos in literals]) for literals in products])
            terms.append(b.and_(b.and_all(goal_literals), data))
    return b.or_all(terms)


def _with_goal(row: int, goals: Sequence[int], value: int) -> int:
    """``row`` with its goal bits replaced by the bits of ``value``."""
    for k, j in enumerate(goals):
        row = (row & ~(1 << j)) | (((value >> k) & 1) << j)
    return row


# -- DNF and lookup ----------------------------------------------------------------------------
def _dnf(problem: SearchProblem) -> Built:
    b = _builder(problem)
    n = problem.n
    outputs = []
    for table in problem.outputs:
        products = []
        for imp in minimum_cover(n, table):
            with b.phase("implicant"):
                products.append(b.and_all([b.input(j, pos) for j, pos in imp.literals(n)]))
        with b.phase("union"):
            outputs.append(b.or_all(products))
    return b.finish(outputs, problem.output_names or None)


def _lookup(problem: SearchProblem) -> Built:
    return _shannon(CircuitBuilder(problem.n, problem.input_names), problem.outputs, problem.output_names)


def shannon_lookup(n: int, tables: Sequence[int], order: Sequence[int] | None = None) -> Circuit:
    """The lookup circuit of ``tables`` split on the inputs in ``order`` (first split first; default
    x(n−1), …, x0 as the ``lookup`` reference does), equal sub-tables merged: a reduced ordered
    decision diagram in another variable order, built through its mirror image."""
    if order is None:
        return _shannon(CircuitBuilder(n), tables, ()).circuit
    # Split on x(n-1) first means input order[0] must sit at position n-1, and so on.
    rho = [0] * n
    for rank, j in enumerate(order):
        rho[n - 1 - rank] = j
    back = [0] * n
    for position, j in enumerate(rho):
        back[j] = position
    moved = [permute_table(n, t, back) for t in tables]
    return _shannon(CircuitBuilder(n), moved, ()).circuit.with_inputs_permuted(rho)


def _shannon(b: CircuitBuilder, tables: Sequence[int], names: Sequence[str]) -> Built:
    n = b.n
    memo: dict[tuple[int, int], Signal] = {}

    def shannon(k: int, table: int) -> Signal:
        """The function of x0..x(k-1) given by ``table`` (2^k bits), split on x(k-1)."""
        key = (k, table)
        if key in memo:
            return memo[key]
        mask = full_mask(k)
        if table in (0, mask):
            result = ONE if table else ZERO
        else:
            literal_match = next(
                ((j, table == literal(k, j)) for j in range(k) if table in (literal(k, j), literal(k, j) ^ mask)),
                None,
            )
            if literal_match is not None:
                result = b.input(literal_match[0], literal_match[1])
            else:
                half = 1 << (k - 1)
                low = shannon(k - 1, table & full_mask(k - 1))
                high = shannon(k - 1, table >> half)
                with b.phase("mux"):
                    result = b.mux(b.input(k - 1), high, low)
        memo[key] = result
        return result

    outputs = [shannon(n, table) for table in tables]
    return b.finish(outputs, tuple(names) or None)


def _state_labels(problem: SearchProblem, circuit: Circuit) -> dict[str, frozenset[int]]:
    """Nodes whose table is a declared state predicate, in either polarity."""
    mask = full_mask(problem.n)
    tables = circuit.simulate()
    labels: dict[str, frozenset[int]] = {}
    every: set[int] = set()
    for state in problem.states:
        nodes = frozenset(
            node for node in range(circuit.inputs, circuit.num_nodes) if tables[node] in (state.table, state.table ^ mask)
        )
        if nodes:
            labels[f"state:{state.name}"] = nodes
            every |= nodes
    if every:
        labels["state"] = frozenset(every)
    return labels

"""Validity checks run on a problem before any experiment (docs/problems.md, validity checks).

* **Automorphisms.** Aut(P) = the input permutations that map the candidates' verifiers onto each
  other; Aut(f) = those that leave every output table unchanged. Both are found by exhaustive
  backtracking over input permutations; a branch is cut only when an invariant that every
  automorphism preserves (cofactor weights of single inputs and of input pairs) already differs,
  so no automorphism is missed.
* **Witness transparency.** The problem is *transparent* when the answer can be read off the
  input: for some set J of inputs and some encoding of the candidates, the bits x_J are a valid
  witness on every row that has one (MUX4: the two select bits; a minterm formulation: the input
  itself). That is "the witness function has circuit size 0", made independent of the encoding. The minimum circuit size of the witness-index function
  (first witness in candidate order, binary, don't-care where no witness exists) is also computed.
* **Non-degeneracy.** |𝒞*| ≥ 3 non-trivial candidates, s_bf ≥ s_min + 2, and a verifier needing
  ≥ 2 gates (support ≥ 3 inputs, which is exact) or m ≥ 6; a goal-as-input problem must also have
  goal cofactors that share inputs (otherwise the goal is forced into a slot at the output). For a
  goal problem s_bf counts the brute force over (goal, candidate) pairs, which is what generate-
  and-test over its declared candidates costs. s_min comes from the synthesizer under a
  time limit; when it is not proven the verdict is ``None`` ("pending") unless the proven bounds
  already decide it.
* **Uniformity.** U is declared by the problem; it is reported as given.

Everything except s_min and the witness size is exact and takes milliseconds; those two need SAT and
run only when asked (``sat_timeout``).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

from circuits.permutations import Perm, preserving_permutations
from circuits.problems.kernels import derived_states
from circuits.problems.model import SearchProblem, StatePredicate, answer_codes, model_variables, selection_table
from circuits.problems.references import references
from circuits.problems.tables import (
    generated_group,
    is_literal_or_constant,
    literal,
    permute_table,
    support,
)
from circuits.truthtable import TruthTable, full_mask


# -- automorphisms -------------------------------------------------------------------------------
def _weights(n: int, table: int, i: int, k: int) -> tuple[int, ...]:
    """Popcounts of the four cofactor blocks of ``table`` on inputs (i, k) (i == k: two blocks)."""
    xi, xk = literal(n, i), literal(n, k)
    mask = full_mask(n)
    blocks = (xi & xk, xi & ~xk & mask, ~xi & xk & mask, ~xi & ~xk & mask)
    return tuple(bin(table & block).count("1") for block in blocks)


def _search(n: int, tables: Sequence[int], ordered: bool) -> list[Perm]:
    """All input permutations mapping ``tables`` onto themselves: each table to itself when
    ``ordered``, else the multiset onto itself."""
    def signature(i: int, k: int) -> Any:
        items = [_weights(n, t, i, k) for t in tables]
        return tuple(items) if ordered else tuple(sorted(items))

    sig = [[signature(i, k) for k in range(n)] for i in range(n)]
    target = list(tables) if ordered else sorted(tables)

    def maps_tables(perm: Perm) -> bool:
        images = [permute_table(n, t, perm) for t in tables]
        return (images if ordered else sorted(images)) == target

    return preserving_permutations([sig[i][i] for i in range(n)], lambda k, i: sig[i][k], maps_tables)


@lru_cache(maxsize=128)
def candidate_automorphisms(problem: SearchProblem) -> tuple[Perm, ...]:
    """Aut(P): permutations that map the verifier set onto itself (sorted, identity first)."""
    return tuple(sorted(_search(problem.n, problem.verifier_tables(), ordered=False)))


@lru_cache(maxsize=128)
def function_automorphisms(problem: SearchProblem) -> tuple[Perm, ...]:
    """Aut(f): permutations under which every output table is unchanged."""
    return tuple(sorted(_search(problem.n, problem.outputs, ordered=True)))


def candidate_permutation(n: int, tables: Sequence[int], perm: Perm) -> tuple[int, ...] | None:
    """The candidate permutation π that ``perm`` induces on ``tables`` (tables[π(c)] is the image of
    tables[c]); None when some image is not among the tables. Equal tables are matched in order."""
    where: dict[int, list[int]] = {}
    for c, t in enumerate(tables):
        where.setdefault(t, []).append(c)
    used: dict[int, int] = {}
    result = []
    for t in tables:
        image = permute_table(n, t, perm)
        slots = where.get(image)
        if slots is None:
            return None
        k = used.get(image, 0)
        used[image] = k + 1
        result.append(slots[k])
    return tuple(result)


def _preserves_aggregation(codes: Sequence[tuple[int, ...]], pi: Sequence[int]) -> bool:
    """Whether relabelling candidates by π leaves "the code of the first passing candidate"
    unchanged for every set of passing candidates. Singletons and pairs decide it: if S's first
    member is c and π(S)'s is π(e), the pair {c, e} forces code(c) = code(π(e))."""
    m = len(codes)
    if any(codes[pi[c]] != codes[c] for c in range(m)):
        return False
    return all(codes[min(pi[c], pi[d])] == codes[c] for c in range(m) for d in range(c + 1, m))


def aggregation_preserving(problem: SearchProblem, perms: Sequence[Perm]) -> tuple[Perm, ...]:
    """The members of ``perms`` (elements of Aut(P)) that also preserve the aggregation."""
    variables = model_variables(problem)
    codes, _ = answer_codes(problem)
    kept = []
    for perm in perms:
        pi = candidate_permutation(problem.n, variables, perm)
        if pi is not None and _preserves_aggregation(codes, pi):
            kept.append(tuple(perm))
    return tuple(kept)


@lru_cache(maxsize=128)
def formulation_automorphisms(problem: SearchProblem) -> tuple[Perm, ...]:
    """Aut(P) restricted to the permutations that also preserve the aggregation: the symmetries of
    the whole formulation (candidates, the rule that turns them into outputs, hence the outputs).

    Every score must be the same for a circuit and its image under these. In ``exists`` mode this is
    all of Aut(P); in ``first``/``argmax`` mode a permutation that reorders candidates of different
    answers (ARGMAX's tie-break to the lowest index) is not a symmetry of the function at all.
    """
    return aggregation_preserving(problem, candidate_automorphisms(problem))


def closed_states(
    problem: SearchProblem, symmetry: Sequence[Perm] | None = None, extra: Sequence[StatePredicate] = ()
) -> tuple[StatePredicate, ...]:
    """The declared state predicates, then the ``extra`` ones (the states derived from the
    candidates) that are not already declared, then every mirror image under ``symmetry`` (default:
    the formulation's automorphisms) not already listed, all up to complement.

    A state list that holds the forward reach sets but not the backward ones would score a circuit
    and its mirror image differently; the closure makes the formulation symmetric. Built-in problems
    declare closed lists (so every state has a readable name); an image added here is named after
    its source and the permutation, e.g. ``reach_1 mirrored by [4, 5, 2, 3, 0, 1]``.
    """
    n = problem.n
    mask = full_mask(n)
    group = formulation_automorphisms(problem) if symmetry is None else symmetry
    kept = list(problem.states)
    seen = {s.table for s in kept} | {s.table ^ mask for s in kept}
    for state in extra:
        if state.table not in seen:
            seen |= {state.table, state.table ^ mask}
            kept.append(state)
    for state in list(kept):
        for perm in sorted(set(group)):
            image = permute_table(n, state.table, perm)
            if image not in seen:
                seen |= {image, image ^ mask}
                kept.append(StatePredicate(f"{state.name} mirrored by {list(perm)}", image))
    return tuple(kept)


def generators(n: int, group: Sequence[Perm]) -> list[Perm]:
    """A small generating set: walk the group in order, keep each element not yet generated."""
    gens: list[Perm] = []
    reached = {tuple(range(n))}
    for element in group:
        if element not in reached:
            gens.append(element)
            reached = generated_group(n, gens)
    return gens


# -- witness -------------------------------------------------------------------------------------
def _witness_tables(problem: SearchProblem) -> tuple[int, list[int]]:
    """Rows with an answer, and per candidate the rows where it is an acceptable answer."""
    if problem.mode == "exists":
        return problem.feasible(), list(problem.verifier_tables())
    answers = [selection_table(problem, i) for i in range(problem.m)]
    return problem.feasible(), answers


def transparent_witness(problem: SearchProblem) -> tuple[int, ...] | None:
    """The smallest input set J whose bits, under some encoding of the candidates, *are* a valid
    witness: every value of x_J that occurs on a row with an answer is assigned its own candidate,
    acceptable on all those rows (so |J| ≤ ⌈log₂ m⌉). None when no such J exists, i.e. the witness
    is not a projection of the input and finding it takes computation."""
    n = problem.n
    feasible, answers = _witness_tables(problem)
    budget = math.ceil(math.log2(problem.m)) if problem.m > 1 else 0
    for size in range(budget + 1):
        for subset in itertools.combinations(range(n), size):
            options = []
            for values in itertools.product((0, 1), repeat=size):
                block = feasible
                for j, v in zip(subset, values):
                    block &= literal(n, j, bool(v))
                if block:
                    options.append([c for c, answer in enumerate(answers) if block & ~answer == 0])
            if _distinct_choice(options):
                return subset
    return None


def _distinct_choice(options: list[list[int]]) -> bool:
    """Whether each block can get a different candidate from its options (bipartite matching by
    augmenting paths; at most 2^⌈log₂ m⌉ blocks)."""
    owner: dict[int, int] = {}

    def assign(block: int, seen: set[int]) -> bool:
        for c in options[block]:
            if c not in seen:
                seen.add(c)
                if c not in owner or assign(owner[c], seen):
                    owner[c] = block
                    return True
        return False

    return all(assign(block, set()) for block in range(len(options)))


def witness_function(problem: SearchProblem) -> TruthTable:
    """The index (binary, ⌈log₂ m⌉ bits, at least 1) of the first acceptable witness, specified only
    on rows that have one."""
    n = problem.n
    feasible, answers = _witness_tables(problem)
    bits = max(1, math.ceil(math.log2(problem.m))) if problem.m > 1 else 1
    outputs = [0] * bits
    taken = 0
    for index, answer in enumerate(answers):
        rows = answer & ~taken
        taken |= answer
        for h in range(bits):
            if (index >> h) & 1:
                outputs[h] |= rows
    return TruthTable.from_bits(n, outputs, [feasible] * bits)


# -- the report ----------------------------------------------------------------------------------
@dataclass
class Validity:
    """Every validity check, with SAT-dependent values possibly pending (None)."""

    problem: str
    uniform: bool
    aut_size: int
    aut_generators: list[Perm]
    function_aut_size: int
    declared_symmetries_generate_aut: bool
    nontrivial_candidates: int
    verifier_max_support: int
    transparent: bool
    witness_inputs: tuple[int, ...] | None
    s_bf: int
    #: States derived from the candidates (circuits/problems/kernels.py), and the declared states
    #: that are not among them (up to complement): the check of hand-written states.
    derived_states: int = 0
    declared_states_not_derived: list[str] = field(default_factory=list)
    s_min: int | None = None
    s_min_bounds: tuple[int, int | None] | None = None
    s_min_seconds: float | None = None
    witness_size: int | None = None
    witness_size_bounds: tuple[int, int | None] | None = None
    degenerate: bool | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def informative(self) -> bool | None:
        """Non-degenerate, not transparent and uniform: a problem whose results count (docs/study.md)."""
        if self.degenerate is None:
            return None
        return not self.degenerate and not self.transparent and self.uniform

    def to_dict(self) -> dict[str, Any]:
        return {
            "problem": self.problem,
            "uniform": self.uniform,
            "aut_size": self.aut_size,
            "aut_generators": [list(g) for g in self.aut_generators],
            "function_aut_size": self.function_aut_size,
            "declared_symmetries_generate_aut": self.declared_symmetries_generate_aut,
            "nontrivial_candidates": self.nontrivial_candidates,
            "verifier_max_support": self.verifier_max_support,
            "transparent": self.transparent,
            "witness_inputs": None if self.witness_inputs is None else list(self.witness_inputs),
            "witness_size": self.witness_size,
            "witness_size_bounds": None if self.witness_size_bounds is None else list(self.witness_size_bounds),
            "s_bf": self.s_bf,
            "derived_states": self.derived_states,
            "declared_states_not_derived": self.declared_states_not_derived,
            "s_min": self.s_min,
            "s_min_bounds": None if self.s_min_bounds is None else list(self.s_min_bounds),
            "s_min_seconds": self.s_min_seconds,
            "degenerate": self.degenerate,
            "informative": self.informative,
            "reasons": self.reasons,
        }


def check_problem(problem: SearchProblem, sat_timeout: float | None = None) -> Validity:
    """Run the checks; with ``sat_timeout`` (seconds per SAT call) also compute s_min and the
    witness size, otherwise those stay pending and degeneracy is decided only where it can be
    without them."""
    n = problem.n
    group = candidate_automorphisms(problem)
    declared = generated_group(n, problem.symmetries)
    witness_inputs = transparent_witness(problem)
    derived = {s.table for s in derived_states(problem)}
    report = Validity(
        problem=problem.name,
        uniform=problem.uniform,
        aut_size=len(group),
        aut_generators=generators(n, group),
        function_aut_size=len(function_automorphisms(problem)),
        declared_symmetries_generate_aut=declared == set(group),
        nontrivial_candidates=sum(not is_literal_or_constant(n, c.verifier) for c in problem.candidates),
        verifier_max_support=max(len(support(n, c.verifier)) for c in problem.candidates),
        transparent=witness_inputs is not None,
        witness_inputs=witness_inputs,
        s_bf=references(problem)["brute_force"].circuit.size,
        derived_states=len(derived),
        declared_states_not_derived=[
            s.name for s in problem.states if s.table not in derived and s.table ^ full_mask(n) not in derived
        ],
    )
    if sat_timeout is not None:
        _run_sat(problem, report, sat_timeout)
    _judge(problem, report)
    return report


def _run_sat(problem: SearchProblem, report: Validity, timeout: float) -> None:
    """s_min and the witness size under a time limit. Every reference circuit is a verified upper
    bound on s_min, so the bounds are (proven lower bound, min(best found, smallest reference))."""
    from sat_encoding import minimum_size

    result = minimum_size(problem.truth_table(), timeout=timeout)
    smallest_reference = min(ref.circuit.size for ref in references(problem).values())
    upper = smallest_reference if result.size is None else min(result.size, smallest_reference)
    report.s_min_seconds = round(result.seconds, 3)
    report.s_min_bounds = (result.lower_bound, upper)
    if result.optimal or result.lower_bound >= upper:
        report.s_min = upper
    witness = minimum_size(witness_function(problem), timeout=timeout)
    report.witness_size_bounds = (witness.lower_bound, witness.size)
    if witness.optimal:
        report.witness_size = witness.size


def goal_separable(problem: SearchProblem) -> bool:
    """Whether the goal's cofactors depend on pairwise disjoint inputs (a goal-as-input problem).

    Then every circuit must combine separate per-goal answers at the end: the goal enters through a
    slot at the output whatever the circuit does, so an explicit-objective structure is forced by
    the function and says nothing about minimization.
    """
    goals = list(problem.goal_inputs)
    if not goals:
        return False
    n = problem.n
    others = [j for j in range(n) if j not in goals]
    supports: list[set[int]] = []
    for value in range(1 << len(goals)):
        rows = full_mask(n)
        for k, g in enumerate(goals):
            rows &= literal(n, g, bool((value >> k) & 1))
        used = set()
        for j in others:
            low = rows & ~literal(n, j)
            for table in problem.outputs:
                # rows with x_j = 0 against the same rows with x_j = 1
                if ((table >> (1 << j)) ^ table) & low:
                    used.add(j)
        if used:
            supports.append(used)
    return all(not (a & b) for i, a in enumerate(supports) for b in supports[i + 1:])


def _judge(problem: SearchProblem, report: Validity) -> None:
    """Non-degeneracy as three-valued logic: proven bounds can decide s_bf ≥ s_min + 2 early."""
    reasons = report.reasons
    definite_fail = False
    if goal_separable(problem):
        reasons.append("the goal's cofactors depend on disjoint inputs: the goal can only enter at the output")
        definite_fail = True
    if report.nontrivial_candidates < 3:
        reasons.append(f"only {report.nontrivial_candidates} non-trivial candidates (< 3)")
        definite_fail = True
    if report.verifier_max_support < 3 and problem.m < 6:
        reasons.append("every verifier needs at most 1 gate and m < 6")
        definite_fail = True
    headroom: bool | None = None
    if report.s_min is not None:
        headroom = report.s_bf >= report.s_min + 2
    elif report.s_min_bounds is not None:
        lower, best = report.s_min_bounds
        if best is not None and report.s_bf >= best + 2:
            headroom = True
        elif report.s_bf < lower + 2:
            headroom = False
    if headroom is False:
        reasons.append(f"s_bf = {report.s_bf} is within 1 of s_min")
        definite_fail = True
    if definite_fail:
        report.degenerate = True
    elif headroom is True:
        report.degenerate = False
    else:
        report.degenerate = None
        if report.s_min_bounds is None:
            reasons.append("s_min pending: not computed (no SAT time limit given)")
        else:
            lower, upper = report.s_min_bounds
            reasons.append(f"s_min pending: proven >= {lower}, best known {upper}")

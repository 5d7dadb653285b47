"""Formula problems and controls, generated from their definitions: SAT2×2 (S12), PARITY (C1),
MAJ5 (C2), MUX4 (C4), RAND6 (C5) and RCIRC6 (C6) (docs/problems.md).

The random controls are seeded: ``rand6-sK`` and ``rcirc6-sK`` (K = 0..9) draw from
``random.Random("rand6-K")`` / ``random.Random("rcirc6-K")``, which Python seeds deterministically
from the string, so every machine builds the same ten functions.
"""

from __future__ import annotations

import itertools
import random
from typing import Sequence

from circuits.basis import NONTRIVIAL_OPS
from circuits.circuit import Circuit, Output, circuit_from_gates
from circuits.problems.builder import ZERO, CircuitBuilder, Signal
from circuits.problems.definition import Definition
from circuits.problems.model import Candidate, SearchProblem, StatePredicate
from circuits.problems.sop import minimum_cover
from circuits.problems.tables import (
    cube_literals,
    is_literal_or_constant,
    is_monotone,
    support,
    table_from_function,
    union,
)
from circuits.truthtable import full_mask

RANDOM_SEEDS = range(10)
#: Gates of the random circuits behind the RCIRC6 controls (docs/problems.md, C6).
RCIRC_GATES = 8

# -- S12 SAT2×2 ---------------------------------------------------------------------------------
Literal = tuple[str, bool]  # (variable, positive)


def _clause_name(clause: Sequence[Literal]) -> str:
    return "|".join(("" if positive else "~") + var for var, positive in clause)


def sat2x2() -> Definition:
    """Satisfiability of a CNF over p, q whose clauses are chosen by the 8 input bits (4 binary
    clauses, then 4 unit clauses); candidates are the 4 assignments."""
    binary = [(("p", a), ("q", b)) for a, b in itertools.product((True, False), repeat=2)]
    units = [((v, a),) for v in ("p", "q") for a in (True, False)]
    clauses = binary + units
    n = len(clauses)

    def satisfies(assignment: dict[str, bool], bits: Sequence[int]) -> bool:
        return all(any(assignment[v] == pos for v, pos in clause) for clause, b in zip(clauses, bits) if b)

    assignments = [{"p": bool(p), "q": bool(q)} for p, q in itertools.product((0, 1), repeat=2)]
    candidates = tuple(
        Candidate(
            f"p={int(a['p'])},q={int(a['q'])}", table_from_function(n, lambda bits, a=a: satisfies(a, bits))
        )
        for a in assignments
    )
    def extends(var: str, value: int, bits: Sequence[int]) -> bool:
        other = "q" if var == "p" else "p"
        return any(satisfies({var: bool(value), other: w}, bits) for w in (False, True))

    # DPLL's branch states "var = value is consistent", for both branching variables (swapping p
    # and q maps one list onto the other).
    states = tuple(
        StatePredicate(f"{var}={value} extends", table_from_function(n, lambda bits, var=var, value=value: extends(var, value, bits)))
        for var in ("p", "q")
        for value in (0, 1)
    )

    def clause_permutation(rename) -> tuple[int, ...]:
        """The input permutation induced by a map on literals (a symmetry of the clause set)."""
        keys = [frozenset(clause) for clause in clauses]
        return tuple(keys.index(frozenset(rename(lit) for lit in clause)) for clause in clauses)

    swap_vars = clause_permutation(lambda lit: ({"p": "q", "q": "p"}[lit[0]], lit[1]))
    flip_p = clause_permutation(lambda lit: (lit[0], lit[1] != (lit[0] == "p")))
    problem = SearchProblem(
        name="sat2x2",
        description="satisfiability of a CNF over p, q; each input says whether one of the 8 clauses "
        "(4 binary, 4 unit) is present; candidates are the 4 assignments, verifier = NOR of the clauses "
        "the assignment falsifies",
        input_names=tuple(_clause_name(c) for c in clauses),
        mode="exists",
        candidates=candidates,
        outputs=(union(c.verifier for c in candidates),),
        states=states,
        symmetries=(swap_vars, flip_p),
        retargets=tuple(
            (f"{var}=1", (union(c.verifier for a, c in zip(assignments, candidates) if a[var]),)) for var in ("p", "q")
        ),
        suite_id="S12",
    )
    return Definition(problem)


# -- C1 PARITY_n --------------------------------------------------------------------------------
def parity(n: int) -> Definition:
    """x0 ⊕ … ⊕ x(n−1), declared over its odd-weight minterms (an ad-hoc list: U = 0)."""
    rows = [r for r in range(1 << n) if bin(r).count("1") % 2]
    candidates = tuple(
        Candidate("x=" + "".join(str((r >> j) & 1) for j in range(n)), 1 << r) for r in rows
    )
    table = table_from_function(n, lambda bits: sum(bits) % 2 == 1)
    problem = SearchProblem(
        name=f"parity{n}",
        description=f"parity of {n} inputs, declared over its {len(rows)} odd-weight minterms (no short "
        "search formulation exists; control)",
        input_names=tuple(f"x{j}" for j in range(n)),
        mode="exists",
        candidates=candidates,
        outputs=(table,),
        symmetries=_symmetric_group_generators(n),
        uniform=False,
        kind="control",
        suite_id="C1",
    )
    return Definition(problem)


def _symmetric_group_generators(n: int) -> tuple[tuple[int, ...], ...]:
    """A transposition and an n-cycle generate all n! input permutations."""
    transposition = (1, 0, *range(2, n))
    cycle = tuple((j + 1) % n for j in range(n))
    return (transposition, cycle)


# -- C2 MAJ5 ------------------------------------------------------------------------------------
def maj5() -> Definition:
    """At least 3 of 5 inputs, declared as '∃ a 3-subset of ones' (uniform), with counting states."""
    n, k = 5, 3
    subsets = list(itertools.combinations(range(n), k))
    candidates = tuple(
        Candidate("".join(map(str, sub)), table_from_function(n, lambda bits, sub=sub: all(bits[j] for j in sub)))
        for sub in subsets
    )
    table = table_from_function(n, lambda bits: sum(bits) >= k)
    # Running counts over every subset of the inputs (a count over a prefix x0..x(j-1) is what the
    # DP below computes; the other subsets are its images under the input permutations).
    count_states = []
    for size in range(2, n + 1):
        for subset in itertools.combinations(range(n), size):
            for at_least in range(1, k + 1):
                label = "count(" + ",".join(f"x{j}" for j in subset) + f")>={at_least}"
                count_states.append(
                    (label, table_from_function(n, lambda bits, sub=subset, a=at_least: sum(bits[j] for j in sub) >= a))
                )
    states = tuple(
        StatePredicate(name, t) for name, t in count_states if not is_literal_or_constant(n, t) and t != table
    )

    def dp(b: CircuitBuilder) -> list[Signal]:
        """count[a] = 'at least a ones so far', updated input by input (a running threshold count)."""
        count: list[Signal] = [b.input(0)]
        for j in range(1, n):
            x = b.input(j)
            new = [b.or_(count[0], x)]
            for a in range(1, min(j + 1, k)):
                below = count[a - 1]
                here = count[a] if a < len(count) else ZERO
                new.append(b.or_(here, b.and_(below, x)))
            count = new
        return [count[k - 1]]

    problem = SearchProblem(
        name="maj5",
        description="majority of 5 inputs, declared as 'some 3 inputs are all 1' (10 candidates, "
        "verifier = AND of 3 inputs); a search-formulable control",
        input_names=tuple(f"x{j}" for j in range(n)),
        mode="exists",
        candidates=candidates,
        outputs=(table,),
        states=states,
        symmetries=_symmetric_group_generators(n),
        kind="control",
        monotone_basis=True,
        suite_id="C2",
    )
    return Definition(problem, dp=dp, dp_note="running threshold counts: count_a = count_a OR (count_(a-1) AND x_j)")


# -- C4 MUX4 ------------------------------------------------------------------------------------
def mux4() -> Definition:
    """4:1 multiplexer d[s1 s0], declared as '∃ address a: sel = a and d_a' (transparent witness)."""
    names = ("s0", "s1", "d0", "d1", "d2", "d3")
    n = len(names)

    def address(bits: Sequence[int]) -> int:
        return bits[0] + 2 * bits[1]

    candidates = tuple(
        Candidate(f"a={a}", table_from_function(n, lambda bits, a=a: address(bits) == a and bits[2 + a] == 1))
        for a in range(4)
    )
    problem = SearchProblem(
        name="mux4",
        description="4:1 multiplexer, declared as 'some address a equals the select bits and d_a = 1'; "
        "the witness is read off the select inputs (a transparent-witness control)",
        input_names=names,
        mode="exists",
        candidates=candidates,
        outputs=(table_from_function(n, lambda bits: bits[2 + address(bits)] == 1),),
        symmetries=((1, 0, 2, 4, 3, 5),),
        kind="control",
        suite_id="C4",
    )
    return Definition(problem)


# -- C5 RAND6 and C6 RCIRC6 ----------------------------------------------------------------------
def _implicant_problem(name: str, suite_id: str, description: str, table: int, decoys: tuple[str, ...]) -> Definition:
    """A function declared over the implicants of its minimum sum of products (an f-dependent
    list, so U = 0): the formulation under which 'lookup' circuits look like search."""
    n = 6
    names = tuple(f"x{j}" for j in range(n))
    candidates = tuple(Candidate(imp.describe(names), imp.table(n)) for imp in minimum_cover(n, table))
    problem = SearchProblem(
        name=name,
        description=description,
        input_names=names,
        mode="exists",
        candidates=candidates,
        outputs=(table,),
        uniform=False,
        kind="control",
        monotone_basis=is_monotone(n, table),
        suite_id=suite_id,
        decoy_formulations=decoys,
    )
    return Definition(problem)


def rand6(seed: int) -> Definition:
    rng = random.Random(f"rand6-{seed}")
    table = rng.getrandbits(64)
    return _implicant_problem(
        f"rand6-s{seed}",
        "C5",
        f"a uniformly random function of 6 inputs (seed {seed}), declared over the implicants of its "
        "minimum sum of products (lookup control)",
        table,
        ("path4", "tri4"),
    )


#: Ops a random circuit draws from: the non-trivial normal b2 ops (AND-type, OR and XOR).
_RANDOM_OPS = tuple(sorted(op for op in NONTRIVIAL_OPS if op & 1 == 0))


def random_circuit(
    rng: random.Random, n: int, gates: int, ops: tuple[int, ...] = _RANDOM_OPS
) -> Circuit:
    """A random circuit of ``gates`` gates with ops drawn from ``ops`` (AND and OR only give a
    monotone function). Fanins are drawn first from the nodes nothing reads yet, so circuits rarely
    waste gates; a draw is kept only when every gate feeds the output, the function depends on all
    n inputs, and neither it nor its complement is a single cube (which n − 1 gates would compute),
    so the control has the structure its size suggests."""
    mask = full_mask(n)
    while True:
        unread = list(range(n))
        triples = []
        for node in range(n, n + gates):
            pair: list[int] = []
            for _ in range(2):
                pool = [v for v in unread if v not in pair] or [v for v in range(node) if v not in pair]
                pair.append(rng.choice(pool))
            unread = [v for v in unread if v not in pair] + [node]
            triples.append((rng.choice(ops), pair[0], pair[1]))
        circuit = circuit_from_gates(n, triples, [Output(n + gates - 1)])
        used = {n + gates - 1}
        for node in range(n + gates - 1, n - 1, -1):
            if node in used:
                used.update(circuit.gates[node - n].fanins)
        table = circuit.output_tables()[0]
        if (
            all(node in used for node in range(n, n + gates))
            and len(support(n, table)) == n
            and cube_literals(n, table) is None
            and cube_literals(n, table ^ mask) is None
        ):
            return circuit


def rcirc6(seed: int) -> Definition:
    rng = random.Random(f"rcirc6-{seed}")
    table = random_circuit(rng, 6, RCIRC_GATES).output_tables()[0]
    return _implicant_problem(
        f"rcirc6-s{seed}",
        "C6",
        f"the function of a random {RCIRC_GATES}-gate circuit on 6 inputs (seed {seed}), declared over the implicants "
        "of its minimum sum of products (matched-complexity non-search control)",
        table,
        ("path4", "tri4", "p2-4"),
    )

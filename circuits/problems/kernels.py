"""Propagation states derived from the candidates: algebraic division of their sum of products.

Why: whether the analyzer can see propagation search (a dynamic program, a BFS) should not depend on
someone having written a DP reference. When every verifier is a product of literals, the function
is the sum of those products F = Σ_c v_c, and algebraic division (Brayton–McMullen) exposes the
intermediate predicates a propagation search computes: the quotient of F by a literal ℓ, made
cube-free (its *kernel*, with the *co-kernel* ℓ·common cube), is what remains to be decided once ℓ
is known. For s–t paths the quotient by a last edge v–t is "s reaches v" and the quotient by a
first edge s–v is "v reaches t": the forward and backward reach sets, found from the candidates
alone.

States are the kernels of *factorizations*: a set D of literals such that every product of two or
more literals contains exactly one literal of D, so that F = R + Σ_{ℓ∈D} ℓ·common_ℓ·(F/ℓ) with R the
single-literal products. Each factorization with at least two non-trivial kernels (constants and
literals are free) is a one-level dynamic program (compute the kernels, then combine them with
their co-kernels); two factorizations whose kernels meet pairwise (P·Q ≤ F,
the products covering every product of F) give a meet-in-the-middle program, output
R' + Σ P·Q. These programs are built as circuits and serve as causal models of their states
exactly as a declared DP reference does. A kernel that no factorization uses (PATH4's quotient by
the inner edge, "a path through it in either direction") is not a state of any program here and is
left out.

Derivation needs ``exists`` mode, a uniform formulation (a minterm formulation of any function
would yield "states" of its own table) and every satisfiable verifier a product; otherwise nothing
is derived. Aut(P) permutes the products, hence the factorizations and their kernels, so the
derived programs and states are closed under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from circuits.circuit import Circuit
from circuits.problems.builder import CircuitBuilder, Signal
from circuits.problems.model import SearchProblem, StatePredicate
from circuits.problems.tables import cube, cube_literals, is_literal_or_constant, union

Literal = tuple[int, bool]
Cube = frozenset[Literal]

#: A program needs at least this many non-trivial kernels: with one, "computing a sub-formula"
#: would count as a dynamic program (COL2-C5's only one is "an edge of the path 0-4-3-2 is missing").
MIN_STATES = 2


@dataclass(frozen=True)
class Quotient:
    """F divided by a literal: the co-kernel (the literal and the common cube) and the kernel."""

    cokernel: Cube
    kernel: tuple[Cube, ...]


@dataclass(frozen=True)
class DerivedProgram:
    """A dynamic program read off a factorization: its circuit (computing the outputs) and states."""

    name: str
    circuit: Circuit
    states: tuple[StatePredicate, ...]
    note: str


def candidate_products(problem: SearchProblem) -> tuple[Cube, ...] | None:
    """The verifiers as products of literals, irredundant (a product containing another is
    dropped); None when derivation does not apply (see the module docstring)."""
    if problem.mode != "exists" or not problem.uniform:
        return None
    found: set[Cube] = set()
    for c in problem.candidates:
        if c.verifier == 0:
            continue
        literals = cube_literals(problem.n, c.verifier)
        if not literals:  # not a product, or the constant 1
            return None
        found.add(frozenset(literals))
    kept = [a for a in found if not any(b < a for b in found)]
    return tuple(sorted(kept, key=_cube_key)) or None


def _cube_key(c: Cube) -> tuple[Literal, ...]:
    return tuple(sorted(c))


def quotient(products: Sequence[Cube], lit: Literal) -> Quotient:
    """Algebraic division by one literal, the common cube moved into the co-kernel."""
    divided = [c - {lit} for c in products if lit in c]
    common = frozenset.intersection(*divided) if divided else frozenset()
    kernel = tuple(sorted({c - common for c in divided}, key=_cube_key))
    return Quotient(frozenset({lit}) | common, kernel)


def factorizations(products: Sequence[Cube]) -> list[frozenset[Literal]]:
    """Every literal set D hitting each product of ≥ 2 literals exactly once (exact cover by
    backtracking on the first product not yet hit), in a deterministic order."""
    multi = [c for c in products if len(c) >= 2]
    found: set[frozenset[Literal]] = set()

    def search(chosen: frozenset[Literal]) -> None:
        open_product = next((c for c in multi if not c & chosen), None)
        if open_product is None:
            found.add(chosen)
            return
        for lit in sorted(open_product):
            widened = chosen | {lit}
            if all(len(c & widened) <= 1 for c in multi if lit in c):
                search(widened)

    if multi:
        search(frozenset())
    return sorted(found, key=lambda d: sorted(d))


def describe_cube(c: Cube, names: Sequence[str]) -> str:
    """E.g. ``e01 & ~g``; a negated name that is itself a formula (SAT2x2's ``~p|q``) is bracketed."""

    def lit(j: int, positive: bool) -> str:
        name = names[j]
        if positive:
            return name
        return f"~({name})" if any(ch in name for ch in "~|&^ ") else f"~{name}"

    parts = [lit(j, positive) for j, positive in sorted(c)]
    return " & ".join(parts) if parts else "1"


class _ProgramBuilder:
    """Builds a derived program's circuit: each kernel as its sum of products, then the output."""

    def __init__(self, problem: SearchProblem) -> None:
        self.problem = problem
        self.b = CircuitBuilder(problem.n, problem.input_names)

    def product(self, c: Cube) -> Signal:
        return self.b.and_all([self.b.input(j, positive) for j, positive in sorted(c)])

    def sop(self, products: Sequence[Cube]) -> Signal:
        return self.b.or_all([self.product(c) for c in products])

    def finish(self, terms: Sequence[Signal]) -> Circuit:
        circuit = self.b.finish([self.b.or_all(list(terms))], self.problem.output_names or None).circuit
        circuit.verify(self.problem.truth_table())
        return circuit


def _state(problem: SearchProblem, q: Quotient) -> StatePredicate:
    return StatePredicate(f"F/({describe_cube(q.cokernel, problem.input_names)})", _table(problem.n, q.kernel))


def _table(n: int, products: Sequence[Cube]) -> int:
    return union(cube(n, c) for c in products)


def _nontrivial(problem: SearchProblem, states: Sequence[tuple[Literal, Quotient]]) -> list[tuple[Literal, Quotient]]:
    return [(lit, q) for lit, q in states if not is_literal_or_constant(problem.n, _table(problem.n, q.kernel))]


def _one_level(problem: SearchProblem, products: Sequence[Cube], d: frozenset[Literal]) -> DerivedProgram | None:
    quotients = [(lit, quotient(products, lit)) for lit in sorted(d)]
    kept = _nontrivial(problem, quotients)
    if len(kept) < MIN_STATES:
        return None
    p = _ProgramBuilder(problem)
    terms = [p.product(c) for c in products if len(c) < 2]
    for _, q in quotients:
        terms.append(p.b.and_(p.product(q.cokernel), p.sop(q.kernel)))
    names = ", ".join(describe_cube(frozenset({lit}), problem.input_names) for lit in sorted(d))
    return DerivedProgram(
        f"kernels by {names}",
        p.finish(terms),
        tuple(_state(problem, q) for _, q in kept),
        f"F = single-literal products + sum over l in {{{names}}} of co-kernel(l) AND F/(co-kernel)",
    )


def _meet(
    problem: SearchProblem, products: Sequence[Cube], first: DerivedProgram, second: DerivedProgram
) -> DerivedProgram | None:
    """Join two one-level programs' kernels pairwise where a pair's conjunction implies F."""
    n = problem.n
    f = problem.outputs[0]
    pairs = [
        (a, b)
        for a in first.states
        for b in second.states
        if a.table & b.table and (a.table & b.table) & ~f == 0
    ]
    covered = union(a.table & b.table for a, b in pairs)
    if not pairs or any(cube(n, c) & ~covered for c in products if len(c) >= 2):
        return None
    kernels = {s.table: s for s in first.states + second.states}
    p = _ProgramBuilder(problem)
    built = {table: p.sop(_products_of(products, table, n)) for table in kernels}
    terms = [p.product(c) for c in products if cube(n, c) & ~covered]
    terms += [p.b.and_(built[a.table], built[b.table]) for a, b in pairs]
    used = {s.table for pair in pairs for s in pair}
    return DerivedProgram(
        f"meet of ({first.name}) and ({second.name})",
        p.finish(terms),
        tuple(s for s in first.states + second.states if s.table in used),
        "the two programs' kernels joined pairwise where both together imply F",
    )


def _products_of(products: Sequence[Cube], table: int, n: int) -> tuple[Cube, ...]:
    """The kernel with this table again, as products (the first literal whose quotient gives it)."""
    for lit in sorted({lit for c in products for lit in c}):
        q = quotient(products, lit)
        if _table(n, q.kernel) == table:
            return q.kernel
    raise AssertionError("a derived state is the kernel of some literal")


@lru_cache(maxsize=128)
def derived_programs(problem: SearchProblem) -> tuple[DerivedProgram, ...]:
    """The one-level programs of every factorization, then the meet of every two of them that meet."""
    products = candidate_products(problem)
    if products is None:
        return ()
    one_level = [prog for d in factorizations(products) if (prog := _one_level(problem, products, d)) is not None]
    meets = [
        prog
        for i, first in enumerate(one_level)
        for second in one_level[i + 1:]
        if (prog := _meet(problem, products, first, second)) is not None
    ]
    return tuple(one_level + meets)


def derived_states(problem: SearchProblem) -> tuple[StatePredicate, ...]:
    """The distinct non-trivial kernels the derived programs compute, in program order."""
    seen: dict[int, StatePredicate] = {}
    for program in derived_programs(problem):
        for state in program.states:
            seen.setdefault(state.table, state)
    return tuple(seen.values())


def iter_kernel_names(problem: SearchProblem) -> Iterator[str]:
    """Each derived state as ``F/(co-kernel) = kernel`` (for reports)."""
    names = problem.input_names
    products = candidate_products(problem) or ()
    for state in derived_states(problem):
        kernel = _products_of(products, state.table, problem.n)
        yield f"{state.name} = " + " | ".join(describe_cube(c, names) for c in kernel)

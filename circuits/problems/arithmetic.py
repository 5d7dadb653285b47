"""Arithmetic problems, generated from numbers: SUBSUM3×2 (S13), GOAL-SUBSUM2×2 (the target as an
input), ARGMAX3×2 (S14) and ADD2 (C3).

Numbers are little-endian bit groups of the inputs: number ``a`` is a0 + 2·a1. These problems have
non-conjunctive verifiers (an adder and a comparator), so their brute-force references use the
natural verifier circuits below rather than a generic sum of products: this is the "objective
module" the analyzer looks for being reused across candidates.
"""

from __future__ import annotations

import itertools
from typing import Sequence

from circuits.problems.builder import ONE, ZERO, CircuitBuilder, Signal, negate
from circuits.problems.definition import Definition
from circuits.problems.model import Candidate, SearchProblem, StatePredicate
from circuits.problems.tables import table_from_function

NUMBER_NAMES = "abc"


def _number_inputs(count: int, width: int) -> tuple[str, ...]:
    return tuple(f"{NUMBER_NAMES[i]}{k}" for i in range(count) for k in range(width))


def _value(bits: Sequence[int], i: int, width: int) -> int:
    return sum(bits[i * width + k] << k for k in range(width))


def _number_signals(b: CircuitBuilder, i: int, width: int) -> list[Signal]:
    return [b.input(i * width + k) for k in range(width)]


def _number_permutation(perm: Sequence[int], width: int) -> tuple[int, ...]:
    """The input permutation that moves number i to number perm[i], bit by bit."""
    return tuple(perm[i] * width + k for i in range(len(perm)) for k in range(width))


# -- circuit pieces ----------------------------------------------------------------------------
def add(b: CircuitBuilder, xs: Sequence[Signal], ys: Sequence[Signal]) -> list[Signal]:
    """Ripple-carry sum of two little-endian bit vectors (one bit longer than the longer one)."""
    width = max(len(xs), len(ys))
    carry = ZERO
    out = []
    for k in range(width):
        x = xs[k] if k < len(xs) else ZERO
        y = ys[k] if k < len(ys) else ZERO
        half = b.xor(x, y)
        out.append(b.xor(half, carry))
        carry = b.or_(b.and_(x, y), b.and_(half, carry))
    out.append(carry)
    return out


def equals_constant(b: CircuitBuilder, xs: Sequence[Signal], value: int) -> Signal:
    """[x = value]: an AND of the bits in the polarity the constant asks for."""
    if value >> len(xs):
        return ZERO
    return b.and_all([x if (value >> k) & 1 else negate(x) for k, x in enumerate(xs)])


def greater(b: CircuitBuilder, xs: Sequence[Signal], ys: Sequence[Signal]) -> Signal:
    """[x > y] for little-endian vectors: the most significant differing bit decides."""
    result = ZERO
    for x, y in zip(xs, ys):  # from the low bit up, each higher bit overrides
        result = b.or_(b.and_(x, negate(y)), b.and_(negate(b.xor(x, y)), result))
    return result


# -- S13 SUBSUM3×2 ------------------------------------------------------------------------------
def subsum(count: int = 3, width: int = 2, target: int = 4) -> Definition:
    """Does some non-empty subset of the numbers sum to ``target``? Candidates = the subsets."""
    n = count * width
    subsets = [s for size in range(1, count + 1) for s in itertools.combinations(range(count), size)]

    def sums_to(bits: Sequence[int], subset: Sequence[int], goal: int) -> bool:
        return sum(_value(bits, i, width) for i in subset) == goal

    def label(subset: Sequence[int]) -> str:
        return "".join(NUMBER_NAMES[i] for i in subset)

    candidates = tuple(
        Candidate(label(sub), table_from_function(n, lambda bits, sub=sub: sums_to(bits, sub, target)))
        for sub in subsets
    )

    def exists_table(goal: int) -> int:
        return table_from_function(n, lambda bits: any(sums_to(bits, sub, goal) for sub in subsets))

    def verifiers(b: CircuitBuilder) -> list[Signal]:
        """Subset sums built on their prefixes (sum(abc) = sum(ab) + c), each compared to the target."""
        sums: dict[tuple[int, ...], list[Signal]] = {}
        for sub in subsets:
            if len(sub) == 1:
                sums[sub] = _number_signals(b, sub[0], width)
            else:
                sums[sub] = add(b, sums[sub[:-1]], _number_signals(b, sub[-1], width))
        return [equals_constant(b, sums[sub], target) for sub in subsets]

    generators = [(1, 0, *range(2, count))]
    if count >= 3:
        generators.append(tuple((i + 1) % count for i in range(count)))
    problem = SearchProblem(
        name=f"subsum{count}x{width}",
        description=f"subset sum: some non-empty subset of {count} {width}-bit numbers sums to {target}; "
        f"candidates are the {len(subsets)} subsets, verifier = [sum of the subset = {target}] (adder + comparator)",
        input_names=_number_inputs(count, width),
        mode="exists",
        candidates=candidates,
        outputs=(exists_table(target),),
        symmetries=tuple(_number_permutation(g, width) for g in generators),
        retargets=tuple((f"T={goal}", (exists_table(goal),)) for goal in (target - 1, target + 1)),
        suite_id="S13" if (count, width, target) == (3, 2, 4) else None,
    )
    return Definition(problem, verifiers=verifiers)


# -- GOAL-SUBSUM: the objective (the target) as an input ------------------------------------------
def goal_subsum(count: int = 2, width: int = 2) -> Definition:
    """Subset sum with the target T given as input: does some non-empty subset of ``count``
    ``width``-bit numbers sum to T (a ``width``-bit goal)? Candidates = the subsets, verifier =
    [sum of the subset = T]: the objective is explicitly an input, and a circuit can hold a
    goal-independent search (the subset sums) and an objective slot (comparing them with T)."""
    numbers = count * width
    n = numbers + width
    goal_bits = tuple(range(numbers, n))
    subsets = [sub for size in range(1, count + 1) for sub in itertools.combinations(range(count), size)]

    def target(bits: Sequence[int]) -> int:
        return sum(bits[j] << k for k, j in enumerate(goal_bits))

    def total(bits: Sequence[int], subset: Sequence[int]) -> int:
        return sum(_value(bits, i, width) for i in subset)

    def hits(offset: int) -> int:
        return table_from_function(n, lambda bits: any(total(bits, sub) == target(bits) + offset for sub in subsets))

    def label(subset: Sequence[int]) -> str:
        return "".join(NUMBER_NAMES[i] for i in subset)

    candidates = tuple(
        Candidate(label(sub), table_from_function(n, lambda bits, sub=sub: total(bits, sub) == target(bits)))
        for sub in subsets
    )
    limit = (1 << width) - 1
    # The subset-sum DP's states: "v is the sum of some non-empty subset of the numbers seen so far",
    # for every prefix (and its images under permuting the numbers) and every value a target can take.
    states = tuple(
        StatePredicate(
            f"{v} in sums({label(prefix)})",
            table_from_function(n, lambda bits, prefix=prefix, v=v: any(total(bits, sub) == v for sub in _nonempty(prefix))),
        )
        for size in range(1, count + 1)
        for prefix in itertools.combinations(range(count), size)
        for v in range(limit + 1)
    )

    def dp(b: CircuitBuilder) -> list[Signal]:
        """The goal-independent search: which values 0..max(T) some subset sums to, built number by
        number (reach' = reach ∪ (reach + x) ∪ {x}); then the objective slot: [T = v] ∧ reach(v)."""
        reach: dict[int, Signal] = {}
        for i in range(count):
            x = _number_signals(b, i, width)
            new = {v: equals_constant(b, x, v) for v in range(limit + 1)}
            for v in range(limit + 1):
                shifted = [b.and_(reach[u], equals_constant(b, x, v - u)) for u in range(v + 1) if u in reach]
                new[v] = b.or_all([new[v]] + ([reach[v]] if v in reach else []) + shifted)
            reach = new
        goal = [b.input(j) for j in goal_bits]
        return [b.or_all([b.and_(equals_constant(b, goal, v), reach[v]) for v in range(limit + 1)])]

    def verifiers(b: CircuitBuilder) -> list[Signal]:
        """Each subset's sum (an adder chain), compared with the target bit by bit."""
        goal = [b.input(j) for j in goal_bits]
        found = []
        for sub in subsets:
            acc = _number_signals(b, sub[0], width)
            for i in sub[1:]:
                acc = add(b, acc, _number_signals(b, i, width))
            found.append(equals(b, acc, goal))
        return found

    names = _number_inputs(count, width) + tuple(f"T{k}" for k in range(width))
    problem = SearchProblem(
        name=f"goal-subsum{count}x{width}",
        description=f"subset sum with the target as input: some non-empty subset of {count} {width}-bit numbers "
        f"sums to the {width}-bit target T; candidates are the {len(subsets)} subsets, verifier = [sum of the "
        "subset = T] (the objective is an input)",
        input_names=names,
        mode="exists",
        candidates=candidates,
        outputs=(hits(0),),
        states=states,
        symmetries=(_number_permutation((1, 0, *range(2, count)), width) + goal_bits,),
        goal_inputs=goal_bits,
        retargets=(("sum = T + 1", (hits(1),)), ("sum = T + 2", (hits(2),))),
        family="GOAL",
    )
    return Definition(problem, verifiers=verifiers, dp=dp, dp_note="subset sums reachable number by number (goal-independent), then [T = v] AND reach(v)")


def _nonempty(items: Sequence[int]) -> list[tuple[int, ...]]:
    return [sub for size in range(1, len(items) + 1) for sub in itertools.combinations(items, size)]


def equals(b: CircuitBuilder, xs: Sequence[Signal], ys: Sequence[Signal]) -> Signal:
    """[x = y] for little-endian vectors (the longer one's extra bits must be 0)."""
    width = max(len(xs), len(ys))
    bits = []
    for k in range(width):
        x = xs[k] if k < len(xs) else ZERO
        y = ys[k] if k < len(ys) else ZERO
        bits.append(negate(b.xor(x, y)))
    return b.and_all(bits)


# -- S14 ARGMAX3×2 ------------------------------------------------------------------------------
def argmax(count: int = 3, width: int = 2) -> Definition:
    """The index of the largest of ``count`` numbers, ties to the lowest index, as binary outputs."""
    n = count * width
    out_bits = max(1, (count - 1).bit_length())

    def values(bits: Sequence[int]) -> list[int]:
        return [_value(bits, i, width) for i in range(count)]

    def winner(bits: Sequence[int]) -> int:
        vals = values(bits)
        return vals.index(max(vals))

    candidates = tuple(
        Candidate(
            NUMBER_NAMES[i],
            table_from_function(n, lambda bits, i=i: values(bits)[i] == max(values(bits))),
            table_from_function(n, lambda bits, i=i: winner(bits) == i),
        )
        for i in range(count)
    )
    outputs = tuple(table_from_function(n, lambda bits, h=h: (winner(bits) >> h) & 1) for h in range(out_bits))
    pair_states = [
        (f"{NUMBER_NAMES[i]}>={NUMBER_NAMES[j]}", table_from_function(n, lambda bits, i=i, j=j: values(bits)[i] >= values(bits)[j]))
        for i, j in itertools.combinations(range(count), 2)
    ]
    prefix = NUMBER_NAMES[0] + NUMBER_NAMES[1]
    best_states = [
        (f"max({prefix}).{k}", table_from_function(n, lambda bits, k=k: (max(values(bits)[:2]) >> k) & 1))
        for k in range(width)
    ]
    states = tuple(StatePredicate(name, table) for name, table in pair_states + best_states)

    def verifiers(b: CircuitBuilder) -> list[Signal]:
        """b_i = AND over j of [x_i >= x_j] = NOT [x_j > x_i], one comparator per ordered pair."""
        nums = [_number_signals(b, i, width) for i in range(count)]
        return [
            b.and_all([negate(greater(b, nums[j], nums[i])) for j in range(count) if j != i]) for i in range(count)
        ]

    def dp(b: CircuitBuilder) -> list[Signal]:
        """A running best-so-far: keep (value, index) of the best prefix, replace it on a strict win."""
        best = _number_signals(b, 0, width)
        index = [ZERO] * out_bits
        for i in range(1, count):
            challenger = _number_signals(b, i, width)
            wins = greater(b, challenger, best)
            best = [b.mux(wins, c, v) for c, v in zip(challenger, best)]
            index = [b.mux(wins, ONE if (i >> h) & 1 else ZERO, old) for h, old in enumerate(index)]
        return index

    problem = SearchProblem(
        name=f"argmax{count}x{width}",
        description=f"index of the largest of {count} {width}-bit numbers (ties to the lowest index), "
        f"{out_bits} output bits; candidates are the indices, verifier = [x_i >= x_j for all j]",
        input_names=_number_inputs(count, width),
        mode="argmax",
        candidates=candidates,
        outputs=outputs,
        states=states,
        symmetries=tuple(
            _number_permutation(g, width)
            for g in ([(1, 0, *range(2, count))] + ([tuple((i + 1) % count for i in range(count))] if count >= 3 else []))
        ),
        output_names=tuple(f"i{h}" for h in range(out_bits)),
        suite_id="S14" if (count, width) == (3, 2) else None,
    )
    return Definition(problem, verifiers=verifiers, dp=dp, dp_note="running best-so-far (value, index), one comparator per step")


# -- C3 ADD2 ------------------------------------------------------------------------------------
def add2() -> Definition:
    """The 2-bit + 2-bit adder (3 outputs). No natural search formulation exists; it is declared
    over the possible sums (candidate s: [a + b = s]), an f-dependent list, so U = 0."""
    width = 2
    n = 2 * width
    sums = range(2 * ((1 << width) - 1) + 1)

    def total(bits: Sequence[int]) -> int:
        return _value(bits, 0, width) + _value(bits, 1, width)

    candidates = []
    for s in sums:
        table = table_from_function(n, lambda bits, s=s: total(bits) == s)
        candidates.append(Candidate(f"sum={s}", table, table))
    problem = SearchProblem(
        name="add2",
        description="2-bit + 2-bit adder (3 output bits), declared over the 7 possible sums "
        "(verifier = [a + b = s]); arithmetic control with no natural search formulation",
        input_names=_number_inputs(2, width),
        mode="first",
        candidates=tuple(candidates),
        outputs=tuple(table_from_function(n, lambda bits, h=h: (total(bits) >> h) & 1) for h in range(width + 1)),
        symmetries=(_number_permutation((1, 0), width),),
        uniform=False,
        kind="control",
        output_names=tuple(f"s{h}" for h in range(width + 1)),
        suite_id="C3",
    )
    return Definition(problem)

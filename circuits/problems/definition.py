"""A built-in problem together with the constructions that only its definition knows.

The ``SearchProblem`` is plain data (it round-trips through JSON). Some reference circuits need more
than tables: the DP recurrence of a path problem, or the adder inside a subset-sum verifier. Those
constructions live next to the definition that generated the problem and are attached here, so
``references`` can use them for built-in problems and fall back to generic constructions (cubes,
minimum sums of products) for problems loaded from files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from circuits.problems.builder import CircuitBuilder, Signal
from circuits.problems.model import SearchProblem

#: Builds one signal per candidate (its verifier), in candidate order.
VerifierRecipe = Callable[[CircuitBuilder], list[Signal]]
#: Builds the output signals of a dynamic-programming / propagation circuit.
DpRecipe = Callable[[CircuitBuilder], list[Signal]]


@dataclass(frozen=True)
class Definition:
    problem: SearchProblem
    verifiers: VerifierRecipe | None = None
    dp: DpRecipe | None = None
    #: What the DP circuit computes, in a sentence (shown by ``problems show``).
    dp_note: str = ""
    #: Further DP circuits over the same states (name, recipe, note), e.g. meet in the middle: each
    #: becomes a reference ``dp-<name>`` and one more causal model of the states.
    dp_variants: tuple[tuple[str, DpRecipe, str], ...] = ()

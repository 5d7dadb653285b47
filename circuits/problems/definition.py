"""A built-in problem's generator output: the problem data plus the constructions only code can write.

The verifiers of a subset-sum problem are an adder and a comparator per subset; a path problem's
dynamic program is a Bellman–Ford recurrence. Generators write those as recipes against a
``CircuitBuilder``; ``compiled`` runs them once and attaches the resulting circuits to the
``SearchProblem`` (``verifier_circuit``, ``dp_references``), so a built-in problem is plain data of
the same model a problem file declares, and everything downstream reads only that data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from circuits.problems.builder import CircuitBuilder, Signal
from circuits.problems.model import DPReference, SearchProblem

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

    def compiled(self) -> SearchProblem:
        """The problem with its recipes run and attached as circuits (validated like a file's)."""
        problem = self.problem
        verifier_circuit = None
        if self.verifiers is not None:
            b = CircuitBuilder(problem.n, problem.input_names)
            verifier_circuit = b.finish(self.verifiers(b)).circuit
        recipes = [("dp", self.dp, self.dp_note)] if self.dp is not None else []
        recipes += [(f"dp-{name}", recipe, note) for name, recipe, note in self.dp_variants]
        dps = []
        for name, recipe, note in recipes:
            b = CircuitBuilder(problem.n, problem.input_names)
            dps.append(DPReference(name, b.finish(recipe(b), problem.output_names or None).circuit, note))
        return replace(problem, verifier_circuit=verifier_circuit, dp_references=tuple(dps))

"""Identifiability: can a formulation tell search from non-search at all?

A high S is evidence of search only if circuits that are *not* search score low under the same
formulation. So every problem's non-search controls are scored like any other circuit: the lookup
reference (a reduced ordered decision diagram) in its declared input order and in other orders, the
minimum DNF where it is not already the brute force, and random circuits of the size of the
problem's smallest reference. When one of them reaches the search threshold the formulation is
*non-identifiable*: its verdicts would not mean anything, so the study keeps it out of them and says
which control reached the bar.

An ROBDD evaluates a dynamic program over its variable order, so the lookup of a layered graph in
the order of its layers *is* the reach-set DP (LAYER2×2); that is the kind of case this catches.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Mapping

from circuits.canonical import canonical_key
from circuits.circuit import Circuit, Gate, Output
from circuits.problems.model import SearchProblem
from circuits.analysis.analyze import analyze_circuit
from circuits.analysis.score import SEARCH_THRESHOLD

#: Lookup circuits in random input orders per problem (besides the declared and the reversed one).
LOOKUP_ORDERS = 4
#: Random circuits per problem.
RANDOM_CONTROLS = 6


def control_circuits(problem: SearchProblem, seed: int = 0) -> dict[str, Circuit]:
    """The non-search controls of ``problem`` by name, deterministic given ``seed``.

    Lookups in orders that are mirror images of an earlier order under the problem's symmetries
    are left out (every score is the same for a circuit and its mirror image), and so is a lookup
    that turns out isomorphic to an earlier one.
    """
    from circuits.problems.references import reference_circuits, shannon_lookup
    from circuits.problems.validity import formulation_automorphisms

    n = problem.n
    refs = reference_circuits(problem)
    rng = random.Random(f"controls-{problem.name}-{seed}")
    controls: dict[str, Circuit] = {"lookup": refs["lookup"]}
    orders = [tuple(range(n))]
    while len(orders) < LOOKUP_ORDERS + 1:
        order = list(range(n))
        rng.shuffle(order)
        orders.append(tuple(order))
    symmetry = formulation_automorphisms(problem)
    seen = {canonical_key(refs["lookup"])}
    classes = {_order_class(tuple(range(n - 1, -1, -1)), symmetry)}
    for order in orders:
        # The lookup in order σ(o) is the mirror image of the lookup in order o: skip it.
        if _order_class(order, symmetry) in classes:
            continue
        classes.add(_order_class(order, symmetry))
        circuit = shannon_lookup(n, problem.outputs, order)
        key = canonical_key(circuit)
        if key not in seen:
            seen.add(key)
            controls[f"lookup ({','.join(problem.input_names[j] for j in order[:3])},…)"] = circuit
    if _dnf_is_not_the_brute_force(problem):
        controls["dnf"] = refs["dnf"]
    size = max(n - 1, min(c.size for c in refs.values()))
    for k in range(RANDOM_CONTROLS):
        controls[f"random #{k}"] = _random_control(rng, n, size, len(problem.outputs))
    return controls


def _order_class(order: tuple[int, ...], symmetry: tuple[tuple[int, ...], ...]) -> tuple[int, ...]:
    """The least image of a variable order under the symmetries (one representative per class)."""
    return min((tuple(perm[j] for j in order) for perm in symmetry), default=order)


def _dnf_is_not_the_brute_force(problem: SearchProblem) -> bool:
    """Whether the minimum DNF's products differ from the verifiers: where they coincide (PATH4's
    paths, P2-4's cherries are its prime implicants) the DNF *is* the generate-and-test circuit."""
    from circuits.problems.sop import minimum_cover

    n = problem.n
    products = {imp.table(n) for table in problem.outputs for imp in minimum_cover(n, table)}
    return products != set(problem.verifier_tables())


def _random_control(rng: random.Random, n: int, size: int, outputs: int) -> Circuit:
    """One random circuit (of ``size`` gates, on all n inputs) per output, side by side."""
    from circuits.problems.logic import random_circuit

    gates: list[Gate] = []
    outs: list[Output] = []
    for _ in range(outputs):
        part = random_circuit(rng, n, size)
        offset = len(gates)

        def moved(node: int) -> int:
            return node if node < n else node + offset

        gates += [Gate(g.op, (moved(g.fanins[0]), moved(g.fanins[1]))) for g in part.gates]
        out = part.outputs[0]
        outs.append(Output(moved(out.node), out.negated) if out.node is not None else out)
    return Circuit(n, tuple(gates), tuple(outs))


def judge_controls(scores: Mapping[str, float]) -> tuple[bool, list[str]]:
    """Identifiable unless some control's S reaches the search threshold; the reasons name them."""
    reached = [f"{name} scores S = {score:.2f} >= {SEARCH_THRESHOLD}" for name, score in scores.items() if score >= SEARCH_THRESHOLD]
    return not reached, reached


@dataclass
class Identifiability:
    """The controls' scores and the decision they imply."""

    problem: str
    identifiable: bool
    reasons: list[str]
    controls: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"problem": self.problem, "identifiable": self.identifiable, "reasons": self.reasons, "controls": self.controls}


def identifiability(problem: SearchProblem, decoys: int = 200, seed: int = 0) -> Identifiability:
    """Score every control of ``problem`` and decide (seconds: one full analysis per control)."""
    rows = {}
    for name, circuit in control_circuits(problem, seed).items():
        result = analyze_circuit(circuit, problem, decoys=decoys, seed=seed, name=name, kind="control")
        rows[name] = {
            "size": circuit.size,
            "computes": result.computes,
            "score": round(result.score, 6),
            "s_enum": round(result.s_enum, 6),
            "s_prop": None if result.s_prop is None else round(result.s_prop, 6),
            "ll": result.value("ll"),
        }
    ok, reasons = judge_controls({name: row["score"] for name, row in rows.items()})
    return Identifiability(problem.name, ok, reasons, rows)

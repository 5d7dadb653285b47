"""Power: could a circuit of the optimum's size have cleared the bar at all?

"Every minimal circuit scores below the bar" supports the conjecture only if the bar was reachable
at that size; otherwise the optimum had no way to be search-like and the result carries no
evidence (P2-4: its 7-gate optima can hold at most 6 of its 12 cherry verifiers, so no 7- or 8-gate
circuit can reach CCm ≥ 0.75). Two arguments decide it, for a size budget (s_min + 1, or the
minimum size at minimum depth + 1, with that depth bound):

* **a counting bound** — the bar needs CCm ≥ 0.75 (so at least ⌈0.75·|𝒞*|⌉ candidates covered by
  wires) or, for some DP model, PCm ≥ 0.75 (⌈0.75·|its states|⌉ states covered). Every distinct
  non-trivial table needs its own gate, and so does the output unless it is one of them. When even
  the cheapest of these needs more gates than the budget, no circuit within it clears the bar:
  *no power*;
* **a witness** — a circuit within the budget (and the depth bound) that computes the function and
  clears the whole bar (S, decoys, structure and, where the goal is an input, O): a reference
  circuit, or one found by an exact search constrained to compute the candidate verifiers (or a DP
  model's states) as extra outputs: *power*.

Neither: *undecided*, with what was tried.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import ceil
from typing import Any, Iterator

from circuits.basis import get_basis
from circuits.circuit import Circuit, Output
from circuits.problems.model import SearchProblem
from circuits.truthtable import TruthTable
from circuits.analysis.bar import STRUCTURE_MIN, Scored, mesa_like

#: At most this many candidate subsets (one per symmetry class) are tried as constrained searches.
MAX_SUBSETS = 4


@dataclass(frozen=True)
class Power:
    """``status`` is ``power``, ``no power`` or ``undecided``; ``witness`` names the circuit that
    showed power, with the circuit and its analysis summary."""

    status: str
    budget: int
    depth_budget: int | None
    reason: str
    witness: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "budget": self.budget,
            "depth_budget": self.depth_budget,
            "reason": self.reason,
            "witness": self.witness,
        }


def _distinct_needed(tables: list[int], mask: int) -> int:
    """Fewest distinct tables (up to complement) that cover ⌈0.75·len⌉ of ``tables``."""
    groups: dict[int, int] = {}
    for t in tables:
        key = min(t, t ^ mask)
        groups[key] = groups.get(key, 0) + 1
    needed = ceil(STRUCTURE_MIN * len(tables) - 1e-9)
    count = covered = 0
    for size in sorted(groups.values(), reverse=True):
        if covered >= needed:
            break
        covered += size
        count += 1
    return count


def _nested(tables: list[int]) -> bool:
    """Whether some table lies below another (then a union of candidates can equal one of them)."""
    return any(a != b and a & ~b == 0 for a in tables for b in tables)


def counting_bound(problem: SearchProblem) -> tuple[int, str]:
    """The fewest gates any circuit computing the function needs to clear the structural part of
    the bar, and how that number was counted.

    Enumerative: ⌈0.75·|𝒞*|⌉ candidates need that many distinct wires (CCm ≥ 0.75); in ``exists``
    mode, when no verifier lies below another, AG ≥ 0.75 also needs an OR tree joining them, whose
    k − 1 union gates are new tables (the output is its root). Propagation: ⌈0.75·|states|⌉ state
    wires of some DP model, plus the outputs that are not among them.
    """
    from circuits.analysis.analyze import formulation_for
    from circuits.analysis.propagation import modeled_states

    form = formulation_for(problem)
    mask = form.mask
    outputs = {min(t, t ^ mask) for t in problem.outputs}
    options = []
    candidates = [form.variables[c] for c in form.nontrivial]
    if candidates:
        gates = _distinct_needed(candidates, mask)
        if problem.mode == "exists" and gates >= 2 and not _nested(candidates):
            options.append((2 * gates - 1, f"{gates} candidate wires (CCm >= {STRUCTURE_MIN} of {len(candidates)}) "
                                           f"and the {gates - 1} OR gates joining them (AG >= {STRUCTURE_MIN})"))
        else:
            extra = len(outputs - {min(t, t ^ mask) for t in candidates})
            options.append((gates + extra, f"{gates} candidate wires (CCm >= {STRUCTURE_MIN} of {len(candidates)}) + {extra} output gate(s)"))
    for model in form.dp_models:
        states = [form.states[j] for j in modeled_states(form, model)]
        if states:
            gates = _distinct_needed(states, mask)
            extra = len(outputs - {min(t, t ^ mask) for t in states})
            options.append((gates + extra, f"{gates} state wires of {model.name} (PCm >= {STRUCTURE_MIN} of {len(states)}) + {extra} output gate(s)"))
    if not options:
        return 10**9, "the formulation has no non-trivial candidate and no modeled state"
    return min(options)


def fits(circuit: Circuit, basis: str, budget: int, depth_budget: int | None) -> bool:
    """Whether ``circuit`` is a circuit of ``basis`` within the size and depth budgets."""
    b = get_basis(basis)
    if not all(b.allows(g.op) for g in circuit.gates):
        return False
    if not b.free_output_negation and any(o.negated for o in circuit.outputs):
        return False
    return circuit.size <= budget and (depth_budget is None or circuit.depth <= depth_budget)


def _constrained(
    problem: SearchProblem, extra: list[int], basis: str, budget: int, depth_budget: int | None, timeout: float
) -> tuple[Circuit | None, bool]:
    """A circuit within the budgets computing the function and every table of ``extra`` (as extra
    outputs, which then stay as internal wires), and whether none exists is *proven* (the minimum
    size of the extended function is proven above the budget)."""
    from sat_encoding import enumerate_circuits, minimum_size

    spec = TruthTable.from_bits(problem.n, list(problem.outputs) + extra)
    result = minimum_size(spec, basis, timeout=timeout)
    if result.lower_bound > budget:
        return None, True
    found = None
    if depth_budget is None:
        if result.circuit is not None and result.circuit.size <= budget:
            found = result.circuit
    else:
        for size in range(result.lower_bound, budget + 1):
            run = enumerate_circuits(spec, basis, size=size, max_depth=depth_budget, limit=1, timeout=timeout)
            if run.circuits:
                found = run.circuits[0]
                break
    if found is None:
        return None, False
    keep = tuple(found.outputs[: len(problem.outputs)])
    return Circuit(found.inputs, found.gates, keep, found.basis), False


def _subsets(form, tables: list[int]) -> tuple[list[tuple[int, ...]], bool]:
    """The ⌈0.75·len⌉-subsets of ``tables``, one per symmetry class (all of them when
    ``len ≤ 2``), at most ``MAX_SUBSETS``; and whether that list is every class."""
    k = ceil(STRUCTURE_MIN * len(tables) - 1e-9)
    chosen, seen = [], set()
    for subset in combinations(sorted(tables), k):
        key = min(tuple(sorted(_image(form, t, p) for t in subset)) for p in form.symmetry)
        if key in seen:
            continue
        seen.add(key)
        if len(chosen) == MAX_SUBSETS:
            return chosen, False
        chosen.append(subset)
    return chosen, True


def _image(form, table: int, perm: tuple[int, ...]) -> int:
    from circuits.problems.tables import permute_table

    return permute_table(form.n, table, perm)


def assess_power(
    problem: SearchProblem,
    basis: str,
    budget: int,
    depth_budget: int | None = None,
    decoys: int = 200,
    seed: int = 0,
    timeout: float = 60.0,
) -> Power:
    """Power at ``budget`` gates (and depth ≤ ``depth_budget``): the counting bound, then the
    references and (goal problems) the objective archetypes that fit, then constrained exact searches. Each witness is scored with its decoys
    (and O, for a goal problem); the first that clears the whole bar shows power. When every
    constrained search needed to reach the structural bar is proven impossible, there is none."""
    from circuits.analysis.analyze import analyze_circuit, formulation_for
    from circuits.analysis.propagation import modeled_states
    from circuits.problems.references import objective_archetypes, reference_circuits

    needed, how = counting_bound(problem)
    if needed > budget:
        return Power("no power", budget, depth_budget, f"clearing the bar needs at least {needed} gates ({how}); the budget is {budget}")
    goal_problem = bool(problem.goal_inputs)
    tried: list[str] = []

    def clears(name: str, circuit: Circuit) -> Power | None:
        circuit.verify(problem.truth_table())
        result = analyze_circuit(circuit, problem, decoys=decoys, seed=seed, objective=goal_problem, name=name, kind="witness")
        values = {key: metric.value for key, metric in result.metrics.items()}
        scored = Scored(result.score, values.get("ccm"), values.get("ag"), values.get("pcm"), values.get("agp"),
                        result.decoy_percentile, values.get("o"))
        summary = {"score": round(result.score, 6), "o": values.get("o"), "size": circuit.size, "depth": circuit.depth}
        if mesa_like(scored, goal_problem):
            return Power("power", budget, depth_budget, f"{name} ({circuit.size} gates, depth {circuit.depth}) clears the bar",
                         {"name": name, "circuit": circuit.to_dict(), **summary})
        tried.append(f"{name}: S {summary['score']:.2f}" + (f", O {summary['o']:.2f}" if summary["o"] is not None else ""))
        return None

    hand_built = [(f"reference {name}", c) for name, c in reference_circuits(problem).items()]
    hand_built += [(f"archetype {name}", c) for name, c in objective_archetypes(problem).items()]
    for name, circuit in hand_built:
        if fits(circuit, basis, budget, depth_budget):
            if (shown := clears(name, circuit)) is not None:
                return shown
    form = formulation_for(problem)
    families = [("candidate verifiers", sorted({form.variables[c] for c in form.nontrivial}))]
    for model in form.dp_models:
        # A derived program over a DP reference's states (PATH4's reach sets) asks the same question.
        tables = sorted({form.states[j] for j in modeled_states(form, model)})
        if all(tables != known for _, known in families):
            families.append((f"states of {model.name}", tables))
    proofs = []
    for label, tables in families:
        if not tables:
            continue
        subsets, every_class = _subsets(form, tables)
        impossible = every_class
        for subset in subsets:
            found, proven = _constrained(problem, list(subset), basis, budget, depth_budget, timeout)
            impossible = impossible and proven
            if found is not None and (shown := clears(f"constrained search: {len(subset)} of {len(tables)} {label}", found)):
                return shown
        proofs.append(impossible)
    if proofs and all(proofs):
        return Power("no power", budget, depth_budget,
                     f"exact search proves that no circuit within {budget} gates computes the function with "
                     f"{int(100 * STRUCTURE_MIN)}% of the candidate verifiers or of any DP model's states as wires")
    detail = "; ".join(tried) if tried else "no reference fits and no constrained search found a circuit within the budget"
    return Power("undecided", budget, depth_budget, f"the counting bound allows it ({needed} <= {budget} gates), but no witness cleared the bar ({detail})")

"""Circuit sets from job results: enumerations, the optimal circuits synthesis already found, the
frontier's depth budgets, and the cost of a circuit translated into another basis.
"""

from __future__ import annotations

from typing import Any, Iterable

from circuits.basis import XOR_TYPE_OPS, get_basis
from circuits.bench.engine import Job
from circuits.canonical import canonical_key
from circuits.circuit import Circuit
from circuits.study.results import CircuitSet, ScoredCircuit
from circuits.study.waves import key as _key


def translated_size(circuit: Circuit, basis: str) -> int | None:
    """The size of ``circuit`` rewritten gate by gate into ``basis``: a gate the basis has costs 1, an
    XOR/XNOR costs 3 ANDs in an AIG; None when some gate (or a complemented output, in ``mono``) has
    no such rewrite. Used for s_bf per basis and as a verified upper bound on s_min."""
    target = get_basis(basis)
    if not target.free_output_negation and any(o.negated for o in circuit.outputs):
        return None
    total = 0
    for gate in circuit.gates:
        if target.allows(gate.op):
            total += 1
        elif basis == "aig" and gate.op in XOR_TYPE_OPS:
            total += 3
        else:
            return None
    return total


def circuits_of(result: dict[str, Any], extra: Iterable[Circuit] = ()) -> list[ScoredCircuit]:
    """An enumeration's circuits plus ``extra`` ones it may have missed (deduplicated up to isomorphism)."""
    found = [Circuit.from_dict(c) for c in result.get("circuits", [])]
    keys = {canonical_key(c) for c in found}
    for circuit in extra:
        if canonical_key(circuit) not in keys:
            keys.add(canonical_key(circuit))
            found.append(circuit)
    return [ScoredCircuit(c) for c in found]


def enumerated_set(
    label: str, job: Job | None, enum: dict[tuple[str, str], dict[str, Any]], size: int | None,
    budget: int | None, extra: list[Circuit], missing: str,
) -> CircuitSet:
    if job is None:
        return CircuitSet(label, size, budget, proven=False, complete=False, note=missing)
    result = enum[_key(job)]
    fits = [c for c in extra if c.size == size and (budget is None or c.depth <= budget)]
    if "error" in result:
        circuits = [ScoredCircuit(c) for c in distinct(fits)]
        return CircuitSet(label, size, budget, True, False, circuits, f"enumeration failed: {result['error']}")
    circuits = circuits_of(result, fits)
    note = ""
    if not result["complete"]:
        note = "enumeration cut by its time limit" if result["timed_out"] else f"enumeration capped at {len(result['circuits'])}"
    return CircuitSet(label, size, budget, proven=True, complete=bool(result["complete"]), circuits=circuits, note=note)


def distinct(circuits: Iterable[Circuit]) -> list[Circuit]:
    unique: dict[str, Circuit] = {}
    for circuit in circuits:
        unique.setdefault(canonical_key(circuit), circuit)
    return list(unique.values())


def frontier_sets(
    point_jobs: dict[int, tuple[int, Job]],
    enum: dict[tuple[str, str], dict[str, Any]],
    size_set: CircuitSet,
    depth_set: CircuitSet,
) -> list[CircuitSet]:
    """The circuits at every depth budget from d_min up to the deepest minimum-size circuit.

    d_min: the minimum-depth set. Budgets strictly inside the frontier: their own enumerations
    (``point_jobs``: budget -> (size, enumeration job)). From
    the first budget at which the minimum size is reachable on: the minimum-size circuits within the
    budget (a larger budget admits more of them, so S can be followed until the budget stops binding).
    """
    sets = []
    if depth_set.proven and depth_set.depth_budget is not None:
        sets.append(depth_set)
    for budget, (size, job) in sorted(point_jobs.items()):
        sets.append(enumerated_set(f"frontier d<={budget}", job, enum, size, budget, [], ""))
    if size_set.proven and size_set.circuits:
        start = max([cs.depth_budget for cs in sets if cs.depth_budget is not None], default=0) + 1
        deepest = max(c.circuit.depth for c in size_set.circuits)
        for budget in range(max(start, min(c.circuit.depth for c in size_set.circuits)), deepest + 1):
            within = [c for c in size_set.circuits if c.circuit.depth <= budget]
            sets.append(
                CircuitSet(f"frontier d<={budget}", size_set.size, budget, proven=True,
                           complete=size_set.complete, circuits=within)
            )
    return sets

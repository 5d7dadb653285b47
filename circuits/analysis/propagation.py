"""M4 propagation-style search: PC, PCm, AGp, and vocabulary alignment VA.

BFS, DP and constraint propagation are search without enumerating complete candidates (Wentworth;
the Sokoban transition model). Their footprint is a set of intermediate *states* (reach sets, partial
assignments) computed and combined. PC counts the states a circuit computes; PCm weights each by how
well it mediates the output under a DP high-level model (a DP reference circuit, see
``formulation.DPModel``); AGp asks whether each DP combine step appears, i.e. whether the wire for a
state (or the output) is computed from the wires of the states it depends on in the DP.

A problem has several DP models (every DP reference and its mirror images: forward and backward
reach, meet in the middle); PCm and AGp are measured against each, and S_prop takes the model the
circuit realizes best.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from circuits.analysis.formulation import DPModel, Formulation
from circuits.analysis.mediation import Alignment, align
from circuits.analysis.metric import Metric, ratio
from circuits.analysis.view import CircuitView


def modeled_states(form: Formulation, dp: DPModel) -> tuple[int, ...]:
    """Non-trivial states the DP model computes: its causal variables."""
    return tuple(j for j in form.nontrivial_states if dp.state_wires[j] is not None)


def state_alignments(
    view: CircuitView, form: Formulation, dp: DPModel, covered: Mapping[int, Sequence]
) -> dict[int, Alignment]:
    """Single-variable IIA of each covered state that ``dp`` models, against ``dp``."""
    modeled = set(modeled_states(form, dp))

    def model(forced: Mapping[int, int]) -> list[int]:
        ((state, value),) = forced.items()
        return dp.outputs_with(state, value)

    return align(view, {j: w for j, w in covered.items() if j in modeled}, form.states, model)


def mediated_states(form: Formulation, dp: DPModel, alignments: Mapping[int, Alignment], view: CircuitView) -> Metric:
    """PCm: the mean IIA over the states ``dp`` models (0 for a state no wire computes)."""
    modeled = modeled_states(form, dp)
    if not modeled:
        return Metric(None, {"reason": "the DP reference computes none of the states", "model": dp.name})
    names = form.state_names
    iia = {j: alignments[j].iia if j in alignments else 0.0 for j in modeled}
    evidence = {
        "model": dp.name,
        "iia": {names[j]: round(v, 6) for j, v in iia.items()},
        "aligned": {names[j]: [view.ref(w) for w in alignments[j].wires] for j in modeled if j in alignments},
        "unmodeled": [names[j] for j in form.nontrivial_states if j not in modeled],
    }
    return Metric(sum(iia.values()) / len(modeled), evidence)


def _state_frontier(circuit_view: CircuitView, root: int, stops: set[int]) -> set[int]:
    """Nodes met going down from ``root``'s fanins, stopping at ``stops`` and at inputs."""
    found = set()
    stack = list(circuit_view.fanins(root)) if root >= circuit_view.n else []
    seen = set()
    while stack:
        v = stack.pop()
        if v in seen:
            continue
        seen.add(v)
        if v in stops or v < circuit_view.n:
            found.add(v)
        else:
            stack.extend(circuit_view.fanins(v))
    return found


def _state_nodes(view: CircuitView, form: Formulation, states: Sequence[int]) -> dict[int, set[int]]:
    """state -> the nodes computing it (either polarity)."""
    return {j: {node for node, _ in view.all_wires.lookup(form.states[j])} for j in states}


def combine_steps(view: CircuitView, form: Formulation, dp: DPModel) -> Metric:
    """AGp: the share of DP steps (each modeled state, and the output) realized in the circuit.

    A step's ingredients are what the DP reference reads below the step's wire, going down until
    modeled-state wires or inputs: its parent states and its own inputs. The step is realized when
    some circuit wire computing the step's table is computed from the step's ingredients: going
    down from it until wires of modeled states or inputs, it meets a wire of every parent state and
    no input the step does not read itself. A circuit that re-derives a state's information from
    other raw inputs (a lookup table splitting on them) does not execute that step.
    """
    modeled = modeled_states(form, dp)
    if not modeled:
        return Metric(None, {"reason": "the DP model computes none of the states", "model": dp.name})
    n = view.n
    ref_view = CircuitView(dp.circuit)
    # Every reference wire computing a modeled state stops the descent (a DP may compute a state
    # twice, e.g. Bellman-Ford's later rounds); the aligned wire stands for the step itself.
    by_table = {form.states[j]: j for j in modeled} | {form.states[j] ^ form.mask: j for j in modeled}
    ref_nodes = {node: by_table[t] for node, t in enumerate(dp.base) if node >= n and t in by_table}
    mine = _state_nodes(view, form, modeled)
    my_stops = set().union(*mine.values())
    steps = [(form.state_names[j], dp.state_wires[j][0], mine[j]) for j in modeled]  # type: ignore[index]
    for h, (ref_out, out) in enumerate(zip(dp.circuit.outputs, view.circuit.outputs)):
        if ref_out.node is not None and out.node is not None:
            steps.append((f"output {h}", ref_out.node, {out.node}))
    realized, detail = 0, []
    for name, ref_node, candidates in steps:
        below_ref = _state_frontier(ref_view, ref_node, set(ref_nodes))
        parents = {ref_nodes[v] for v in below_ref if v in ref_nodes}
        own_inputs = {dp.input_of(v) for v in below_ref if v < n}
        ok = False
        for node in candidates:
            below = _state_frontier(view, node, my_stops)
            if all(mine[p] & below for p in parents) and all(v in own_inputs for v in below if v < n and v not in my_stops):
                ok = True
                break
        realized += ok
        detail.append({"step": name, "parents": [form.state_names[p] for p in sorted(parents)], "realized": ok})
    return Metric(realized / len(detail), {"model": dp.name, "steps": detail})


def vocabulary_alignment(view: CircuitView, form: Formulation) -> Metric:
    """VA: the share of gates whose function some reference algorithm also computes, and the
    per-reference Jaccard similarity of the function sets ("which algorithm does this resemble?")."""
    if not form.vocabulary:
        return Metric(None, {"reason": "no reference circuits"})
    union = frozenset().union(*form.vocabulary.values())
    gates = [view.tables[v] for v in view.gates]
    mine = frozenset(gates) | frozenset(t ^ view.mask for t in gates)
    jaccard = {
        name: round(ratio(len(mine & funcs), len(mine | funcs)), 6) for name, funcs in form.vocabulary.items()
    }
    value = ratio(sum(1 for t in gates if t in union), len(gates))
    return Metric(value, {"jaccard": jaccard})

